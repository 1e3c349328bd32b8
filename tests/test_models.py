import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import timezone

from directory.models import Community, Organization, Partnership


class PartnershipConstraintTests(TestCase):
    """The database itself refuses what a partnership must never be."""

    @classmethod
    def setUpTestData(cls):
        cls.miami = Community.objects.create(name="Miami-Dade County", kind="county", country="US")
        cls.kingston = Community.objects.create(name="Kingston", country="JM")
        cls.prague = Community.objects.create(name="Prague", country="CZ")
        cls.existing = Partnership.objects.create(community_a=cls.miami, community_b=cls.kingston)

    def create(self, a, b, **fields):
        return Partnership.objects.create(community_a=a, community_b=b, **fields)

    def assertRefused(self, a, b, **fields):
        with self.assertRaises(IntegrityError), transaction.atomic():
            self.create(a, b, **fields)

    def test_self_partnership_is_refused(self):
        self.assertRefused(self.prague, self.prague)

    def test_same_pair_is_refused(self):
        self.assertRefused(self.miami, self.kingston)

    def test_reversed_pair_is_refused(self):
        self.assertRefused(self.kingston, self.miami)

    def test_year_before_1900_is_refused(self):
        self.assertRefused(self.miami, self.prague, established_year=1899)

    def test_ending_before_start_is_refused(self):
        self.assertRefused(self.miami, self.prague, established_year=2000, ended_year=1999)

    def test_a_new_pair_is_accepted(self):
        partnership = self.create(self.kingston, self.prague, established_year=1900)
        self.assertEqual(Partnership.objects.involving(self.prague).get(), partnership)


class PartnershipValidationTests(TestCase):
    """full_clean(), used by the admin, explains each refusal in words."""

    @classmethod
    def setUpTestData(cls):
        cls.san_jose = Community.objects.create(name="San José", country="US", region="California")
        cls.okayama = Community.objects.create(name="Okayama", country="JP")
        cls.dublin = Community.objects.create(name="Dublin", country="IE")
        cls.boston = Community.objects.create(name="Boston", country="US")
        Partnership.objects.create(community_a=cls.san_jose, community_b=cls.okayama)

    def errors(self, a, b, **fields):
        partnership = Partnership(community_a=a, community_b=b, **fields)
        with self.assertRaises(ValidationError) as caught:
            partnership.full_clean()
        return " ".join(" ".join(m) for m in caught.exception.message_dict.values())

    def test_reversed_duplicate_message(self):
        self.assertIn("already have a partnership", self.errors(self.okayama, self.san_jose))

    def test_self_partnership_message(self):
        self.assertIn("cannot be its own partner", self.errors(self.dublin, self.dublin))

    def test_two_communities_of_one_country_are_a_valid_partnership(self):
        partnership = Partnership(community_a=self.san_jose, community_b=self.boston)
        partnership.full_clean()
        partnership.save()
        self.assertTrue(partnership.domestic)

    def test_year_range_messages(self):
        next_year = timezone.now().year + 1
        self.assertIn("from 1900", self.errors(self.san_jose, self.dublin, established_year=1899))
        self.assertIn(
            "is in the future", self.errors(self.san_jose, self.dublin, established_year=next_year)
        )
        self.assertIn(
            "cannot end before",
            self.errors(self.san_jose, self.dublin, established_year=1990, ended_year=1980),
        )

    def test_exact_date_sets_and_must_match_the_year(self):
        partnership = Partnership(
            community_a=self.san_jose,
            community_b=self.dublin,
            established_on=datetime.date(1986, 3, 1),
        )
        partnership.full_clean()
        self.assertEqual(partnership.established_year, 1986)
        self.assertIn(
            "The date is in 1986",
            self.errors(
                self.san_jose,
                self.dublin,
                established_year=1987,
                established_on=datetime.date(1986, 3, 1),
            ),
        )

    def test_unknown_year_is_allowed(self):
        partnership = Partnership(community_a=self.san_jose, community_b=self.dublin)
        partnership.full_clean()
        self.assertIsNone(partnership.established_year)


class PartnershipQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = Community.objects.create(name="Home", country="US")
        cls.first = Community.objects.create(name="First", country="FR")
        cls.second = Community.objects.create(name="Second", country="DE")
        cls.as_a = Partnership.objects.create(
            community_a=cls.home, community_b=cls.first, status=Partnership.Status.SISTER
        )
        cls.as_b = Partnership.objects.create(
            community_a=cls.second,
            community_b=cls.home,
            established_year=1950,
            ended_year=1960,
        )

    def test_involving_finds_both_sides(self):
        self.assertCountEqual(Partnership.objects.involving(self.home), [self.as_a, self.as_b])

    def test_partner_of_is_the_other_side(self):
        self.assertEqual(self.as_a.partner_of(self.home), self.first)
        self.assertEqual(self.as_b.partner_of(self.home), self.second)
        self.assertEqual(self.as_b.partner_of(self.second), self.home)

    def test_is_active_until_it_ends(self):
        self.assertTrue(self.as_a.is_active)
        self.assertFalse(self.as_b.is_active)

    def test_a_status_no_source_states_is_never_active(self):
        third = Community.objects.create(name="Third", country="JP")
        unstated = Partnership.objects.create(community_a=self.home, community_b=third)
        self.assertEqual(unstated.status, Partnership.Status.UNSTATED)
        self.assertEqual((unstated.state, unstated.is_active), ("unstated", False))
        self.assertEqual(list(Partnership.objects.in_state("active")), [self.as_a])
        self.assertEqual(list(Partnership.objects.in_state("unstated")), [unstated])
        # What its sources do say still counts: an ended year is an end.
        unstated.ended_year = 1990
        self.assertEqual(unstated.state, "ended")


class CommunityTests(TestCase):
    def test_search_text_folds_names_region_and_country_in_both_languages(self):
        """And the gazetteer's names of the place, and the country's code and common
        abbreviation."""
        community = Community.objects.create(
            name="São Paulo", country="BR", region="São Paulo", alternate_names=" Sao Paulo \n\n"
        )
        self.assertEqual(community.search_text, "sao paulo\nbrazil\nbrasil\nbr")
        london = Community.objects.create(
            name="London", country="GB", gazetteer_names="londres\nlondra"
        )
        self.assertEqual(
            london.search_text, "london\nlondres\nlondra\nunited kingdom\nreino unido\ngb\nuk"
        )
        self.assertEqual(community.alternate_name_list, ["Sao Paulo"])
        self.assertEqual(community.alternate_names, "Sao Paulo")

    def test_matching_takes_folded_words_in_any_order_and_alternate_names(self):
        costa_rica = Community.objects.create(name="San José", country="CR")
        Community.objects.create(name="San José", country="US", region="California")
        yekaterinburg = Community.objects.create(
            name="Yekaterinburg", country="RU", alternate_names="Ekaterinburg"
        )
        self.assertEqual(list(Community.objects.matching("costa rica san jose")), [costa_rica])
        self.assertEqual(Community.objects.matching("san jose").count(), 2)
        self.assertEqual(list(Community.objects.matching("ekaterin")), [yekaterinburg])

    def test_slugs_stay_unique_for_the_same_name(self):
        first = Community.objects.create(name="San José", country="CR")
        second = Community.objects.create(name="San José", country="US", region="California")
        third = Community.objects.create(name="San José", country="US", region="California")
        self.assertEqual(first.slug, "san-jose")
        self.assertEqual(second.slug, "san-jose-california")
        self.assertNotIn(third.slug, {first.slug, second.slug})
        self.assertEqual(second.get_absolute_url(), "/cities/san-jose-california/")

    def test_slug_is_kept_when_the_name_changes(self):
        community = Community.objects.create(name="Ekaterinburg", country="RU")
        community.name = "Yekaterinburg"
        community.save()
        self.assertEqual(community.slug, "ekaterinburg")

    def test_coordinates_out_of_range_are_refused(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            Community.objects.create(name="Nowhere", country="FR", latitude=91)
        community = Community(name="Nowhere", slug="nowhere", country="FR", longitude=-181)
        with self.assertRaises(ValidationError):
            community.full_clean()

    def test_str_names_the_country(self):
        self.assertEqual(str(Community(name="Cayman Islands", country="KY")), "Cayman Islands")
        self.assertEqual(str(Community(name="Dakar", country="SN")), "Dakar, Senegal")


class OrganizationTests(TestCase):
    def test_slug_and_search_text(self):
        organization = Organization.objects.create(
            name="Asociación de Ciudades Hermanas de América", run_by="Volunteers"
        )
        self.assertEqual(organization.slug, "asociacion-de-ciudades-hermanas-de-america")
        self.assertIn("asociacion de ciudades", organization.search_text)
        self.assertEqual(
            organization.get_absolute_url(),
            "/directory/asociacion-de-ciudades-hermanas-de-america/",
        )
