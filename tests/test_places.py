"""Curators' tools for places: merge, split, the redirects from merged addresses, the
admin's pages for them, and the finder of probable duplicates."""

from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse

from directory.models import (
    Citation,
    Community,
    CommunityRedirect,
    Generation,
    Partnership,
    PlaceStatus,
)
from directory.places.duplicates import partnerships_reachable_twice, probable_duplicates
from directory.places.merging import merge, split
from tests.factories import (
    CommunityFactory,
    CorrectionReportFactory,
    ListingFactory,
    OrganizationFactory,
    PartnershipFactory,
    SourceFactory,
    StatusChangeFactory,
)
from tests.test_admin import admin_url, curator

FEODOSIYA = {"latitude": "45.031900", "longitude": "35.382400"}
# 0.4 km north of it.
FEODOSIA = {"latitude": "45.035500", "longitude": "35.382400"}


class MergeTestCase(TestCase):
    """Feodosiya and Feodosia, one city recorded twice: both partner Yalta's namesake in
    the US (Springfield); Feodosia alone partners Greifswald."""

    @classmethod
    def setUpTestData(cls):
        cls.user = User.objects.create_user("curator", is_staff=True)
        cls.wikipedia, cls.council = SourceFactory(), SourceFactory()
        cls.feodosiya = CommunityFactory(name="Feodosiya", country="UA", **FEODOSIYA)
        cls.feodosia = CommunityFactory(
            name="Feodosia",
            country="UA",
            alternate_names="Theodosia",
            geonames_id=709161,
            **FEODOSIA,
        )
        cls.springfield = CommunityFactory(name="Springfield", country="US")
        cls.greifswald = CommunityFactory(name="Greifswald", country="DE")
        # The kept record lists the partner second, the merged one first: the names
        # as published follow their sides.
        cls.shared_kept = PartnershipFactory(
            community_a=cls.feodosiya, community_b=cls.springfield, cited_in=cls.wikipedia
        )
        cls.shared_other = PartnershipFactory(
            community_a=cls.springfield,
            community_b=cls.feodosia,
            established_year=1992,
            notes="Signed at the city hall.",
            cited_in=cls.wikipedia,
            cited_in__published_a="Springfield, Ohio",
            cited_in__published_b="Feodosia",
        )
        Citation.objects.create(partnership=cls.shared_other, source=cls.council)
        cls.moved = PartnershipFactory(community_a=cls.feodosia, community_b=cls.greifswald)
        cls.step = StatusChangeFactory(partnership=cls.shared_other, year=1992)
        # Two records of one place cannot partner each other.
        cls.between = PartnershipFactory(community_a=cls.feodosiya, community_b=cls.feodosia)


class MergeTests(MergeTestCase):
    def merge(self):
        return merge(self.feodosiya, self.feodosia, user=self.user, reason="one city")

    def test_the_merged_community_goes_and_its_partnerships_move(self):
        kept = self.merge()
        self.assertFalse(Community.objects.filter(pk=self.feodosia.pk).exists())
        partners = {p.partner.name for p in Partnership.objects.of(kept)}
        self.assertEqual(partners, {"Springfield", "Greifswald"})
        self.moved.refresh_from_db()
        self.assertEqual(self.moved.community_a, kept)

    def test_a_shared_partner_becomes_one_partnership_with_every_citation(self):
        self.merge()
        self.assertFalse(Partnership.objects.filter(pk=self.shared_other.pk).exists())
        citations = Citation.objects.filter(partnership=self.shared_kept)
        self.assertEqual({c.source for c in citations}, {self.wikipedia, self.council})
        # The same source on both: one citation, with the names it published, on the
        # sides of the partnership kept (Feodosiya first).
        wikipedia = citations.get(source=self.wikipedia)
        self.assertEqual(
            (wikipedia.published_a, wikipedia.published_b), ("Feodosia", "Springfield, Ohio")
        )

    def test_stated_facts_and_status_history_are_kept(self):
        self.merge()
        self.shared_kept.refresh_from_db()
        self.assertEqual(self.shared_kept.established_year, 1992)
        self.assertIn("Signed at the city hall.", self.shared_kept.notes)
        self.step.refresh_from_db()
        self.assertEqual(self.step.partnership, self.shared_kept)

    def test_a_partnership_between_the_two_is_deleted_and_said_so(self):
        self.merge()
        self.assertFalse(Partnership.objects.filter(pk=self.between.pk).exists())
        deleted = Partnership.history.filter(id=self.between.pk, history_type="-").get()
        self.assertIn("joined the two merged records", deleted.history_change_reason)

    def test_names_place_and_counts(self):
        kept = self.merge()
        kept.refresh_from_db()
        self.assertEqual(kept.alternate_name_list, ["Feodosia", "Theodosia"])
        self.assertEqual(kept.geonames_id, 709161)
        self.assertEqual(kept.partner_count, 2)
        self.springfield.refresh_from_db()
        self.assertEqual(self.springfield.partner_count, 1)
        self.assertIn("theodosia", kept.search_text.split())

    def test_history_records_the_reason_and_the_curator(self):
        before = Generation.objects.current()[0]
        kept = self.merge()
        record = kept.history.first()
        self.assertEqual(record.history_change_reason, "Merged Feodosia into Feodosiya: one city")
        self.assertEqual(record.history_user, self.user)
        gone = Community.history.filter(id=self.feodosia.pk, history_type="-").get()
        self.assertEqual(gone.history_change_reason, record.history_change_reason)
        self.assertGreater(Generation.objects.current()[0], before)

    def test_listings_reports_organizations_and_redirects_move(self):
        listing = ListingFactory(community=self.feodosia)
        report = CorrectionReportFactory(community=self.feodosia, partnership=self.shared_other)
        organization = OrganizationFactory(home_community=self.feodosia)
        organization.partnerships.add(self.shared_other)
        CommunityRedirect.objects.create(old_slug="kefe", community=self.feodosia)
        kept = self.merge()
        listing.refresh_from_db()
        report.refresh_from_db()
        organization.refresh_from_db()
        self.assertEqual(listing.community, kept)
        self.assertEqual((report.community, report.partnership), (kept, self.shared_kept))
        self.assertEqual(organization.home_community, kept)
        self.assertEqual(list(organization.partnerships.all()), [self.shared_kept])
        redirects = CommunityRedirect.objects.filter(community=kept)
        self.assertEqual({r.old_slug for r in redirects}, {"kefe", "feodosia"})

    def test_a_community_is_not_merged_into_itself(self):
        with self.assertRaises(ValueError):
            merge(self.feodosia, self.feodosia)


class RedirectTests(MergeTestCase):
    def setUp(self):
        merge(self.feodosiya, self.feodosia)

    def test_the_merged_address_answers_301(self):
        for old, new in (
            ("/cities/feodosia/", "/cities/feodosiya/"),
            ("/es/cities/feodosia/", "/es/cities/feodosiya/"),
            ("/cities/feodosia/partners.csv", "/cities/feodosiya/partners.csv"),
            ("/cities/feodosia/correction/", "/cities/feodosiya/correction/"),
            ("/es/cities/feodosia/correction/", "/es/cities/feodosiya/correction/"),
        ):
            with self.subTest(old):
                response = self.client.get(old)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], new)
        self.assertEqual(self.client.get("/cities/feodosiya/").status_code, 200)

    def test_other_addresses_still_answer_404(self):
        self.assertEqual(self.client.get("/cities/kefe/").status_code, 404)

    def test_a_community_that_took_the_slug_wins(self):
        CommunityFactory(name="Feodosia", country="US", slug="feodosia")
        self.assertEqual(self.client.get("/cities/feodosia/").status_code, 200)


class SplitTests(TestCase):
    """Portland: two places on one record, Portland, Oregon and Portland, Maine."""

    @classmethod
    def setUpTestData(cls):
        cls.portland = CommunityFactory(name="Portland", country="US", region="Oregon")
        cls.sapporo = PartnershipFactory(
            community_a=cls.portland, community_b=CommunityFactory(name="Sapporo", country="JP")
        )
        cls.cap_haitien = PartnershipFactory(
            community_b=cls.portland,
            community_a=CommunityFactory(name="Cap-Haïtien", country="HT"),
        )
        cls.guadalajara = PartnershipFactory(
            community_a=cls.portland,
            community_b=CommunityFactory(name="Guadalajara", country="MX"),
        )

    def test_split_to_a_new_community(self):
        maine = split(self.portland, [self.cap_haitien], name="Portland", reason="Maine's")
        self.assertEqual((maine.country, maine.kind), (self.portland.country, self.portland.kind))
        self.assertEqual(maine.place_status, PlaceStatus.UNCHECKED)
        self.assertNotEqual(maine.slug, self.portland.slug)
        self.cap_haitien.refresh_from_db()
        self.assertEqual(self.cap_haitien.community_b, maine)
        self.portland.refresh_from_db()
        self.assertEqual((self.portland.partner_count, maine.partner_count), (2, 1))
        reason = self.portland.history.first().history_change_reason
        moved = "1 partnership moved to Portland (portland-united-states-of-america)"
        self.assertEqual(reason, f"Split from Portland: Maine's: {moved}")

    def test_split_to_an_existing_community(self):
        maine = CommunityFactory(name="Portland", country="US", region="Maine")
        self.assertEqual(split(self.portland, [self.cap_haitien, self.sapporo], into=maine), maine)
        self.assertEqual(
            [p.partner.name for p in Partnership.objects.of(maine)], ["Cap-Haïtien", "Sapporo"]
        )

    def test_a_duplicate_pair_or_a_self_pair_is_refused(self):
        maine = CommunityFactory(name="Portland", country="US", region="Maine")
        PartnershipFactory(community_a=maine, community_b=self.sapporo.community_b)
        with self.assertRaisesMessage(ValueError, "already has a partnership with Sapporo"):
            split(self.portland, [self.sapporo, self.cap_haitien], into=maine)
        with self.assertRaisesMessage(ValueError, "its own partner"):
            split(self.portland, [self.sapporo], into=self.sapporo.community_b)
        self.cap_haitien.refresh_from_db()
        self.assertEqual(self.cap_haitien.community_b, self.portland)

    def test_only_the_community_s_partnerships(self):
        elsewhere = PartnershipFactory()
        with self.assertRaises(ValueError):
            split(self.portland, [elsewhere], name="Portland")


class DuplicateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.feodosiya = CommunityFactory(name="Feodosiya", country="UA", **FEODOSIYA)
        cls.feodosia = CommunityFactory(name="Feodosia", country="UA", **FEODOSIA)
        cls.viseu = CommunityFactory(name="Vişeu de Sus", country="RO")
        cls.viseu_comma = CommunityFactory(name="Vișeu de Sus", country="RO")
        cls.setagaya = CommunityFactory(
            name="Setagaya", country="JP", latitude=35.6464, longitude=139.6532
        )
        cls.tokyo_setagaya = CommunityFactory(
            name="Tokyo – Setagaya", country="JP", latitude=35.6895, longitude=139.6917
        )
        cls.frankfurt = CommunityFactory(
            name="Frankfurt", country="DE", latitude=50.11, longitude=8.68
        )
        cls.frankfurt_am_main = CommunityFactory(
            name="Frankfurt am Main", country="DE", latitude=50.1109, longitude=8.6821
        )
        cls.venice = CommunityFactory(
            name="Venice", country="IT", alternate_names="Venezia", latitude=45.44, longitude=12.33
        )
        cls.venezia = CommunityFactory(
            name="Venezia", country="IT", latitude=45.4371, longitude=12.3326
        )
        # Namesakes far apart, or in another country: not duplicates.
        CommunityFactory(name="Portland", country="US", latitude=45.5152, longitude=-122.6784)
        CommunityFactory(name="Portland", country="US", latitude=43.6591, longitude=-70.2568)
        CommunityFactory(name="Feodosiya", country="RU", **FEODOSIA)
        CommunityFactory(name="Setagaya", country="JP", latitude=43.0, longitude=141.3)
        # Neighbours whose names differ by a number or a word; a town and the rural
        # district around it; two places the gazetteer tells apart.
        for name in ("Prague 1", "Prague 7"):
            CommunityFactory(name=name, country="CZ", latitude=50.08, longitude=14.42)
        for name in ("East Hendred", "West Hendred"):
            CommunityFactory(name=name, country="GB", latitude=51.59, longitude=-1.33)
        for kind in ("city", "municipality"):
            CommunityFactory(name="Iława", country="PL", kind=kind, latitude=53.6, longitude=19.6)
        for name, geonames_id in (("Lübbenau", 2875623), ("Lübben", 2875625)):
            CommunityFactory(
                name=name, country="DE", geonames_id=geonames_id, latitude=51.9, longitude=13.9
            )

    def test_pairs(self):
        pairs = {frozenset((a.pk, b.pk)): reason for a, b, reason in probable_duplicates()}
        expected = {
            (self.feodosiya, self.feodosia): "similar spelling (0.94), 0.4 km apart",
            (self.viseu, self.viseu_comma): "same name once folded, no coordinates to compare",
            (self.setagaya, self.tokyo_setagaya): "“Setagaya” is part of “Tokyo – Setagaya”",
            (self.frankfurt, self.frankfurt_am_main): "“Frankfurt am Main” is “Frankfurt”",
            (self.venice, self.venezia): "“Venezia” is an alternate name of “Venice”",
        }
        self.assertEqual(set(pairs), {frozenset((a.pk, b.pk)) for a, b in expected})
        for (a, b), reason in expected.items():
            self.assertIn(reason, pairs[frozenset((a.pk, b.pk))])

    def test_a_queryset_limits_the_search(self):
        pairs = probable_duplicates(Community.objects.filter(country="RO"))
        self.assertEqual(
            [(a.name, b.name) for a, b, _ in pairs], [("Vişeu de Sus", "Vișeu de Sus")]
        )

    def test_partnerships_reachable_twice(self):
        partner = CommunityFactory(country="US")
        for community in (self.feodosiya, self.feodosia):
            PartnershipFactory(community_a=partner, community_b=community)
        pairs = [(a, b) for a, b, _ in probable_duplicates(Community.objects.filter(country="UA"))]
        self.assertEqual(partnerships_reachable_twice(pairs), 1)


class AdminTests(MergeTestCase):
    def setUp(self):
        self.client.force_login(curator("places"))
        self.merge_url = reverse("admin:directory_community_merge")
        self.ids = f"{self.feodosiya.pk},{self.feodosia.pk}"

    def open_merge(self):
        response = self.client.get(self.merge_url, {"ids": self.ids})
        self.assertContains(response, "Greifswald")
        return {
            "ids": self.ids,
            "kept": self.feodosiya.pk,
            "reason": "",
            "versions": response.context_data["form"]["versions"].value(),
        }

    def test_the_action_asks_for_exactly_two(self):
        url = admin_url(Community, "changelist")
        data = {
            "action": "merge_selected",
            "_selected_action": [self.feodosiya.pk, self.feodosia.pk],
        }
        response = self.client.post(url, data)
        self.assertRedirects(response, f"{self.merge_url}?ids={self.ids.replace(',', '%2C')}")
        data["_selected_action"].append(self.springfield.pk)
        response = self.client.post(url, data, follow=True)
        self.assertContains(response, "Select exactly two communities to merge.")

    def test_merge_from_the_confirmation_page(self):
        data = self.open_merge()
        response = self.client.post(self.merge_url, data)
        self.assertRedirects(response, admin_url(Community, "change", self.feodosiya.pk))
        self.assertFalse(Community.objects.filter(pk=self.feodosia.pk).exists())
        self.assertEqual(self.feodosiya.history.first().history_user.username, "places")

    def test_a_merge_from_a_stale_page_is_refused(self):
        data = self.open_merge()
        self.feodosia.region = "Crimea"
        self.feodosia.save()
        response = self.client.post(self.merge_url, data)
        self.assertContains(response, "Someone else saved this record after you opened it")
        self.assertContains(response, "“Crimea”")
        self.assertTrue(Community.objects.filter(pk=self.feodosia.pk).exists())
        # The page shows the communities as they are now: merging from it works.
        data["versions"] = response.context_data["form"]["versions"].value()
        self.assertEqual(self.client.post(self.merge_url, data).status_code, 302)

    def split_data(self, url, **fields):
        response = self.client.get(url)
        self.assertContains(response, "Greifswald, Germany: Sister city, year not recorded")
        return {
            "versions": response.context_data["form"]["versions"].value(),
            "reason": "",
            **fields,
        }

    def test_split_and_a_stale_split(self):
        url = reverse("admin:directory_community_split", args=[self.feodosia.pk])
        data = self.split_data(url, partnerships=[self.moved.pk], name="Feodosia", into="")
        self.feodosia.save()
        response = self.client.post(url, data)
        self.assertContains(response, "Someone else saved this record after you opened it")
        self.moved.refresh_from_db()
        self.assertEqual(self.moved.community_a, self.feodosia)

        data = self.split_data(url, partnerships=[self.moved.pk], name="", into=self.feodosiya.pk)
        response = self.client.post(url, data)
        self.assertRedirects(response, admin_url(Community, "change", self.feodosiya.pk))
        self.moved.refresh_from_db()
        self.assertEqual(self.moved.community_a, self.feodosiya)

    def test_a_refused_split_says_why(self):
        url = reverse("admin:directory_community_split", args=[self.feodosia.pk])
        data = self.split_data(
            url, partnerships=[self.shared_other.pk], name="", into=self.feodosiya.pk
        )
        response = self.client.post(url, data)
        self.assertContains(response, "Feodosiya already has a partnership with Springfield")

    def test_places_to_check(self):
        CommunityFactory(name="Portland", country="US", place_status=PlaceStatus.AMBIGUOUS)
        response = self.client.get(reverse("admin:directory_community_places"))
        self.assertContains(response, "Ambiguous (1)")
        self.assertContains(response, "Portland, United States")
        self.assertContains(response, "Probable duplicates (1)")
        self.assertContains(response, f"{self.merge_url}?ids={min(self.ids.split(','))}")

    def test_every_page_opens_with_its_links(self):
        change = self.client.get(admin_url(Community, "change", self.feodosia.pk))
        split_url = reverse("admin:directory_community_split", args=[self.feodosia.pk])
        self.assertContains(change, split_url)
        changelist = self.client.get(admin_url(Community, "changelist"))
        self.assertContains(changelist, reverse("admin:directory_community_places"))
        self.assertContains(changelist, "Merge the selected communities")
        for url in (split_url, reverse("admin:directory_community_places")):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_only_curators(self):
        self.client.force_login(User.objects.create_user("staff", is_staff=True))
        for url in (
            f"{self.merge_url}?ids={self.ids}",
            reverse("admin:directory_community_split", args=[self.feodosia.pk]),
            reverse("admin:directory_community_places"),
        ):
            self.assertEqual(self.client.get(url).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get(self.merge_url).status_code, 302)
