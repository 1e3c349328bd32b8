"""The synthetic directory generator used for scale tests and benchmarks."""

import statistics
from io import StringIO

from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import TestCase

from directory.models import Community, Generation, Organization, Partnership


def generate(**options):
    call_command("generate_directory", stdout=StringIO(), **options)


class GenerateDirectoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        generate(communities=400, partnerships=900, seed=3)

    def test_counts_are_exact(self):
        self.assertEqual(Community.objects.count(), 400)
        self.assertEqual(Partnership.objects.count(), 900)

    def test_no_self_duplicate_or_same_country_pairs(self):
        pairs = list(
            Partnership.objects.values_list(
                "community_a", "community_b", "community_a__country", "community_b__country"
            )
        )
        self.assertFalse([p for p in pairs if p[0] == p[1]])
        self.assertEqual(len({frozenset(p[:2]) for p in pairs}), len(pairs))
        self.assertFalse([p for p in pairs if p[2] == p[3]])

    def test_partner_counts_are_skewed_and_stored_correctly(self):
        counts = {c.pk: c.partner_count for c in Community.objects.only("partner_count")}
        median = statistics.median(counts.values())
        self.assertLessEqual(median, 4)
        self.assertGreater(max(counts.values()), 5 * median)
        for community in Community.objects.order_by("-partner_count")[:5]:
            real = Partnership.objects.involving(community).count()
            self.assertEqual(community.partner_count, real)
            years = Partnership.objects.involving(community).exclude(established_year=None)
            first = min(years.values_list("established_year", flat=True), default=None)
            self.assertEqual(community.first_year, first)

    def test_derived_fields_are_those_save_would_write(self):
        for community in Community.objects.order_by("pk")[:50]:
            stored = (community.slug, community.folded_name, community.search_text)
            community.fill_derived_fields()  # keeps the slug it has
            self.assertEqual(
                (community.slug, community.folded_name, community.search_text), stored
            )

    def test_every_partnership_cites_the_synthetic_source(self):
        self.assertFalse(Partnership.objects.exclude(citations__source__slug="synthetic-data"))

    def test_pages_drawn_before_see_the_new_directory(self):
        before = Generation.objects.current()[0]
        generate(communities=20, partnerships=20, seed=9, clear=True)
        self.assertGreater(Generation.objects.current()[0], before)

    def test_names_are_searchable_folded(self):
        accented = Community.objects.exclude(name__regex=r"^[A-Za-z ,.'-]+$").first()
        self.assertIsNotNone(accented)
        self.assertIn(accented, Community.objects.matching(accented.folded_name))
        self.assertEqual(accented.search_text.split("\n")[0], accented.folded_name)

    def test_some_names_recur_in_several_countries(self):
        repeated = (
            Community.objects.values("name")
            .annotate(countries=Count("country", distinct=True))
            .filter(countries__gt=1)
        )
        self.assertTrue(repeated.exists())

    def test_slugs_are_unique_and_pages_open(self):
        self.assertEqual(Community.objects.values("slug").distinct().count(), 400)
        hub = Community.objects.order_by("-partner_count").first()
        self.assertEqual(self.client.get(hub.get_absolute_url()).status_code, 200)

    def test_the_same_seed_gives_the_same_directory(self):
        names = list(Community.objects.order_by("pk").values_list("name", "country"))
        generate(communities=400, partnerships=900, seed=3, clear=True)
        self.assertEqual(
            list(Community.objects.order_by("pk").values_list("name", "country")), names
        )

    def test_refuses_a_directory_that_is_not_empty(self):
        with self.assertRaises(CommandError):
            generate(communities=10, partnerships=5, seed=1)

    def test_clear_keeps_curated_records(self):
        curated = Community.objects.create(name="Curated Town", country="FR")
        generate(communities=50, partnerships=60, seed=4, clear=True)
        self.assertTrue(Community.objects.filter(pk=curated.pk).exists())
        self.assertFalse(Partnership.objects.exclude(citations__source__slug="synthetic-data"))


class GenerateOrganizationsTests(TestCase):
    def test_organizations_run_partnerships_of_their_home_community_and_are_cleared(self):
        generate(communities=200, partnerships=400, seed=5, organizations=20)
        organizations = Organization.objects.prefetch_related("partnerships")
        self.assertEqual(organizations.count(), 20)
        for organization in organizations:
            self.assertTrue(organization.partnerships.all())
            for partnership in organization.partnerships.all():
                self.assertIn(
                    organization.home_community_id,
                    (partnership.community_a_id, partnership.community_b_id),
                )
        self.assertIn("association", organizations[0].search_text)

        generate(communities=200, partnerships=400, seed=5, clear=True)
        self.assertFalse(Organization.objects.exists())
        self.assertEqual(Community.objects.count(), 200)
