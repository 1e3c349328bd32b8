"""Checking places against the GeoNames gazetteer: the rules on real cases, the import
that merges what is certainly one place, the check that leaves a curator's decision
alone, and what pages and the audit show."""

from decimal import Decimal
from io import StringIO
from unittest import mock

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from directory.gazetteer import checking
from directory.gazetteer.checking import check
from directory.gazetteer.lookup import Gazetteer
from directory.gazetteer.resolving import Subject, resolve
from directory.importing import plan as planning
from directory.importing.reading import read
from directory.models import Community, CoordinatesCheck, Partnership, PlaceStatus

from .factories import CommunityFactory, PartnershipFactory, SourceFactory
from .test_admin import change_form_data

PORTLAND_OREGON, PORTLAND_MAINE = 5746545, 4975802
HEADER = "city1,country1,lat1,lng1,city2,country2,lat2,lng2"


class RuleTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gazetteer = Gazetteer()

    @classmethod
    def tearDownClass(cls):
        cls.gazetteer.close()
        super().tearDownClass()

    def resolved(self, name, country, point=None, **fields):
        latitude, longitude = map(Decimal, point) if point else (None, None)
        subject = Subject(name, country, latitude=latitude, longitude=longitude, **fields)
        return resolve(self.gazetteer, subject)

    def test_a_point_at_the_best_known_namesake_decides_nothing(self):
        # Every "Portland, United States" row of the list carries Oregon's point.
        portland = self.resolved("Portland", "US", ("45.5202", "-122.6742"))
        self.assertEqual(portland.status, PlaceStatus.AMBIGUOUS)
        self.assertEqual(
            [place.geonames_id for place in portland.candidates], [PORTLAND_OREGON, PORTLAND_MAINE]
        )
        self.assertEqual(
            [str(p) for p in portland.candidates], ["Portland, Oregon", "Portland, Maine"]
        )
        self.assertIsNone(portland.latitude)
        self.assertEqual(portland.coordinates_check, CoordinatesCheck.DROPPED)

    def test_a_point_at_one_of_the_best_known_namesakes_decides_nothing(self):
        # Every "Springfield, United States" row carries Springfield, Illinois's point;
        # Springfield, Missouri is larger, and Massachusetts's about as large.
        springfield = self.resolved("Springfield", "US", ("39.799", "-89.644"))
        self.assertEqual(springfield.status, PlaceStatus.AMBIGUOUS)
        self.assertIn("Illinois", [place.region for place in springfield.candidates])

    def test_a_region_or_a_point_at_a_less_known_namesake_decides(self):
        oregon = self.resolved("Portland", "US", region="Oregon")
        self.assertEqual(oregon.geonames_id, PORTLAND_OREGON)
        maine = self.resolved("Portland", "US", ("43.66", "-70.26"))
        self.assertEqual(maine.geonames_id, PORTLAND_MAINE)
        self.assertEqual(maine.coordinates_check, CoordinatesCheck.KEPT)

    def test_a_namesakes_point_is_replaced_where_the_name_is_unambiguous(self):
        # The list puts Hastings, New Zealand at Hastings, England, and Christchurch,
        # England in New Zealand.
        hastings = self.resolved("Hastings", "NZ", ("50.855", "0.5833"))
        self.assertEqual(hastings.status, PlaceStatus.LOCATED)
        self.assertEqual(hastings.coordinates_check, CoordinatesCheck.REPLACED)
        self.assertLess(hastings.latitude, -30)  # in New Zealand now
        christchurch = self.resolved(
            "Christchurch", "GB", ("-43.5311", "172.6361"), region="England"
        )
        self.assertEqual(christchurch.coordinates_check, CoordinatesCheck.REPLACED)
        self.assertGreater(christchurch.latitude, 50)
        self.assertEqual(christchurch.region, "England")

    def test_a_point_far_from_every_place_of_the_name_decides_nothing(self):
        # The list's geocoder put Russells Point, Ohio in the middle of Alaska, and
        # Kelso, Scotland in Westminster.
        russells_point = self.resolved("Russells Point", "US", ("63.069", "-151.0063"))
        self.assertEqual(russells_point.region, "Ohio")
        self.assertEqual(russells_point.coordinates_check, CoordinatesCheck.REPLACED)
        kelso = self.resolved("Kelso", "GB", ("51.4988", "-0.1249"))
        self.assertEqual((kelso.region, kelso.certain), ("Scotland", True))

    def test_first_level_regions_are_not_cities(self):
        wales = self.resolved("New South Wales", "AU", ("-32", "147"))
        self.assertEqual((wales.status, wales.kind), (PlaceStatus.REGION, Community.Kind.STATE))
        castile = self.resolved("Castile and León", "ES", ("41.645", "-4.7425"))
        self.assertEqual(castile.status, PlaceStatus.REGION)
        # "Quebec" at the province's middle is the province; Quebec City is a city.
        self.assertEqual(self.resolved("Quebec", "CA", ("52", "-72")).status, PlaceStatus.REGION)
        city = self.resolved("Quebec City", "CA", ("46.8139", "-71.2081"))
        self.assertEqual(city.status, PlaceStatus.LOCATED)

    def test_nothing_is_invented_where_the_gazetteer_has_no_such_place(self):
        kept = self.resolved("Nowhereville", "NZ", ("-41.29", "174.78"))
        self.assertEqual((kept.status, kept.latitude), (PlaceStatus.NOT_FOUND, Decimal("-41.29")))
        dropped = self.resolved("Nowhereville", "NZ", ("50.855", "0.5833"))  # in England
        self.assertEqual(dropped.coordinates_check, CoordinatesCheck.DROPPED)
        self.assertIsNone(dropped.latitude)

    def test_the_exact_spelling_and_the_part_of_a_place(self):
        munster = self.resolved("Munster", "DE")
        self.assertEqual(munster.place.name, "Munster")  # not Münster
        # The gazetteer writes the town "Sebeş", with a cedilla; its village is "Sebeș".
        sebes = self.resolved("Sebeș", "RO", ("45.96", "23.57"))
        self.assertEqual(sebes.place.region, "Alba County")
        part = self.resolved("Győrszentiván", "HU", ("47.6886", "17.746"), region="Győr")
        self.assertEqual(part.status, PlaceStatus.NOT_FOUND)  # a part of Győr, not Győr
        seoul = self.resolved("Seoul", "KR", ("37.56", "126.99"), region="Seoul")
        self.assertEqual(seoul.place.name, "Seoul")  # a city that is its own region


class ImportTests(TestCase):
    def imported(self, *lines):
        source = SourceFactory()
        rows, rejections = read("\n".join([HEADER, *lines]).encode())
        plan = planning.plan(rows, rejections, source)
        planning.apply(plan)
        return plan

    def test_one_place_written_two_ways_becomes_one_community(self):
        self.imported(
            "Feodosiya,Ukraine,45.0337,35.3754,Kusadasi,Turkey,37.85,27.26",
            "Feodosia,Ukraine,45.0342,35.3792,Lesbos,Greece,39.2,26.3",
            "Vişeu de Sus,Romania,47.9128,24.1456,Fürstenfeld,Austria,47.05,16.0833",
            "Vișeu de Sus,Romania,47.7092,24.4239,Staunton,United States,38.1496,-79.0726",
        )
        feodosia = Community.objects.get(country="UA")
        self.assertEqual(feodosia.partner_count, 2)
        self.assertIn("Feodosia", {feodosia.name, *feodosia.alternate_name_list})
        self.assertIn("Feodosiya", {feodosia.name, *feodosia.alternate_name_list})
        viseu = Community.objects.get(country="RO")
        self.assertEqual(viseu.partner_count, 2)
        self.assertEqual(viseu.place_status, PlaceStatus.LOCATED)
        # The merged community's old address leads to the one kept.
        [gone] = [name for name in ("Feodosiya", "Feodosia") if name != feodosia.name]
        slug = "feodosiya" if gone == "Feodosiya" else "feodosia"
        response = self.client.get(f"/cities/{slug}/")
        self.assertRedirects(response, feodosia.get_absolute_url(), status_code=301)

    def test_importing_the_same_file_again_changes_nothing(self):
        line = "Hastings,New Zealand,50.855,0.5833,Guilin,China,25.2736,110.29"
        self.imported(line)
        hastings = Community.objects.get(country="NZ")
        self.assertEqual(hastings.coordinates_check, CoordinatesCheck.REPLACED)
        again = self.imported(line)
        self.assertEqual((again.created, again.new, again.located), ([], [], []))


class CheckTests(TestCase):
    def test_a_curators_decision_survives_the_check(self):
        settled = CommunityFactory(
            name="Portland",
            country="US",
            region="Maine",
            latitude=Decimal("43.6"),
            longitude=Decimal("-70.3"),
            place_status=PlaceStatus.CURATED,
        )
        unsettled = CommunityFactory(name="Springfield", country="US")
        report = check()
        settled.refresh_from_db()
        self.assertEqual(
            (settled.place_status, settled.latitude), (PlaceStatus.CURATED, Decimal("43.6"))
        )
        self.assertIsNone(settled.geonames_id)
        self.assertEqual(report.checked, 1)
        unsettled.refresh_from_db()
        self.assertEqual(unsettled.place_status, PlaceStatus.AMBIGUOUS)
        self.assertEqual(
            unsettled.history.latest().history_change_reason,
            "Checked against the GeoNames gazetteer",
        )
        self.assertEqual(check().changed, 0)  # nothing left to change

    def test_one_place_recorded_twice_becomes_one(self):
        # The list records Kreuzberg's partner from both "Mitte" and "Berlin – Mitte";
        # "Pankow" and "Berlin – Pankow" share no partner, so a curator decides.
        partner = CommunityFactory(name="Kadıköy", country="TR")
        for name, latitude in (("Mitte", "52.52"), ("Berlin – Mitte", "52.53")):
            community = CommunityFactory(
                name=name, country="DE", latitude=Decimal(latitude), longitude=Decimal("13.40")
            )
            PartnershipFactory(community_a=community, community_b=partner)
        for name in ("Pankow", "Berlin – Pankow"):
            CommunityFactory(
                name=name, country="DE", latitude=Decimal("52.57"), longitude=Decimal("13.40")
            )
        report = check()
        self.assertEqual(len(report.merged), 1)
        mitte = Community.objects.get(name__in=["Mitte", "Berlin – Mitte"])
        self.assertEqual(Partnership.objects.involving(mitte).count(), 1)
        self.assertEqual(Community.objects.filter(name__endswith="Pankow").count(), 2)

    def test_a_place_found_in_two_batches_is_settled_as_in_one(self):
        # "München" is found by another name only (GeoNames calls the place Munich), so
        # it is not merged with "Munich" but left for a curator, however they are batched.
        for batch_size in (1000, 1):
            with self.subTest(batch_size=batch_size):
                Community.objects.all().delete()
                munchen = CommunityFactory(name="München", country="DE")
                munich = CommunityFactory(name="Munich", country="DE")
                with mock.patch.object(checking, "BATCH_SIZE", batch_size):
                    report = checking.check_in_batches(Community.objects.all())
                self.assertEqual((report.checked, report.merged), (2, []))
                munchen.refresh_from_db()
                munich.refresh_from_db()
                self.assertEqual(munich.geonames_id, 2867714)
                self.assertEqual((munchen.geonames_id, munchen.place_status), (None, "not_found"))

    def test_a_region_the_check_filled_in_is_no_evidence_for_the_next(self):
        # An earlier rule took Illinois's point for Springfield, Illinois and wrote the
        # region: the next check must not read the region as the source's word.
        springfield = CommunityFactory(
            name="Springfield",
            country="US",
            region="Illinois",
            region_from_gazetteer=True,
            latitude=Decimal("39.799"),
            longitude=Decimal("-89.644"),
        )
        stated = CommunityFactory(name="Portland", country="US", region="Maine")
        check()
        springfield.refresh_from_db()
        self.assertEqual(springfield.place_status, PlaceStatus.AMBIGUOUS)
        self.assertEqual((springfield.region, springfield.region_from_gazetteer), ("", False))
        stated.refresh_from_db()
        self.assertEqual((stated.geonames_id, stated.region), (PORTLAND_MAINE, "Maine"))
        self.assertFalse(stated.region_from_gazetteer)

    def test_a_curators_hand_edit_in_the_admin_settles_the_place(self):
        hastings = CommunityFactory(name="Hastings", country="NZ")
        check()
        hastings.refresh_from_db()
        self.assertTrue(hastings.region_from_gazetteer)
        self.client.force_login(User.objects.create_superuser("curator", password="not-used"))
        url = reverse("admin:directory_community_change", args=[hastings.pk])
        data = change_form_data(self.client.get(url))
        data.update(latitude="-39.64", longitude="176.84", region="Hawke's Bay")
        self.assertEqual(self.client.post(url, data).status_code, 302)
        hastings.refresh_from_db()
        self.assertEqual(hastings.place_status, PlaceStatus.CURATED)
        self.assertFalse(hastings.region_from_gazetteer)
        check()
        hastings.refresh_from_db()
        self.assertEqual(hastings.latitude, Decimal("-39.64"))

    def test_checking_again_changes_nothing(self):
        CommunityFactory(
            name="Portland", country="US", latitude=Decimal("45.52"), longitude=Decimal("-122.67")
        )
        CommunityFactory(
            name="Hastings", country="NZ", latitude=Decimal("50.855"), longitude=Decimal("0.5833")
        )
        self.assertEqual(check().changed, 2)
        self.assertEqual(
            set(Community.objects.values_list("coordinates_check", flat=True)),
            {CoordinatesCheck.DROPPED, CoordinatesCheck.REPLACED},
        )
        self.assertEqual(check().changed, 0)

    def test_pages_say_what_the_check_found(self):
        portland = CommunityFactory(name="Portland", country="US")
        PartnershipFactory(community_a=portland)
        hastings = CommunityFactory(name="Hastings", country="NZ")
        check()
        page = self.client.get(reverse("directory:community-detail", args=[portland.slug]))
        self.assertContains(page, "The source does not say which Portland in United States")
        self.assertContains(page, "Portland, Oregon or Portland, Maine")
        hastings.refresh_from_db()
        page = self.client.get(reverse("directory:community-detail", args=[hastings.slug]))
        self.assertContains(page, f'href="https://www.geonames.org/{hastings.geonames_id}/"')
        detail = self.client.get(f"/api/communities/{hastings.slug}").json()
        self.assertEqual(detail["geonames_id"], hastings.geonames_id)

    def test_the_audit_prints_its_figures(self):
        CommunityFactory(name="Portland", country="US")
        check()
        out = StringIO()
        call_command("audit_places", stdout=out)
        figures = dict(line.rsplit(None, 1) for line in out.getvalue().splitlines()[:-1])
        self.assertEqual(figures["ambiguous"], "1")
        self.assertEqual(figures["communities"], "1")
