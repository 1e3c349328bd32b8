"""The directory `make run` builds: the seed lists, then the whole Wikipedia list."""

import json
from collections import defaultdict
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase

from directory.geo import distance_km
from directory.models import Community, Partnership

SEED = json.loads((settings.BASE_DIR / "fixtures" / "seed.json").read_text(encoding="utf-8"))


class MakeRunDirectoryTests(TestCase):
    """One test, with a subtest for each check: building this directory (the seed, then
    the whole list with its place check) takes most of a minute, and tests of one class
    can run in two test processes, each building it again."""

    @classmethod
    def setUpTestData(cls):
        call_command("seed", "--import-data", stdout=StringIO())

    def test_the_directory_make_run_builds(self):
        for check in (
            self.check_the_seed_partnerships_are_unchanged,
            self.check_miami_dade_county_is_still_one_community_with_its_partners,
            self.check_the_list_adds_the_world_and_cites_itself,
            self.check_no_community_is_duplicated,
        ):
            with self.subTest(check=check.__name__):
                check()

    def check_the_seed_partnerships_are_unchanged(self):
        for record in (r for r in SEED if r["model"] == "directory.partnership"):
            fields = record["fields"]
            with self.subTest(pair=fields["community_a"] + fields["community_b"]):
                partnership = Partnership.objects.get_by_natural_key(
                    fields["community_a"][0], fields["community_b"][0]
                )
                self.assertEqual(partnership.established_year, fields.get("established_year"))
                self.assertEqual(
                    str(partnership.established_on or "") or None, fields.get("established_on")
                )
        doha = Partnership.objects.get_by_natural_key("miami-dade-county", "doha")
        self.assertIsNone(doha.established_year)

    def check_miami_dade_county_is_still_one_community_with_its_partners(self):
        miami = Community.objects.filter(folded_name="miami dade county", country="US")
        self.assertEqual(miami.count(), 1)
        self.assertGreaterEqual(Partnership.objects.involving(miami.get()).count(), 41)
        self.assertTrue(Community.objects.filter(folded_name="miami", country="US").exists())

    def check_the_list_adds_the_world_and_cites_itself(self):
        self.assertGreater(Partnership.objects.count(), 20_000)
        self.assertGreater(Community.objects.values("country").distinct().count(), 150)
        cited_twice = Partnership.objects.filter(citations__source__slug="wikipedia-twin-towns")
        self.assertTrue(cited_twice.filter(citations__source__slug="san-jose-list").exists())

    def check_no_community_is_duplicated(self):
        """No two communities of the same folded name, country and kind within 10 km.

        The kind is part of it: the list names a town and the rural district around it
        alike ("Kłodzko", "Kłodzko (rural gmina)"), two places a few kilometres apart.
        A community whose point the gazetteer check dropped (an ambiguous name) cannot be
        compared by distance: it waits in the curators' queue of places to check."""
        groups = defaultdict(list)
        fields = ["pk", "folded_name", "country", "kind", "latitude", "longitude"]
        for community in Community.objects.values(*fields):
            groups[community["folded_name"], community["country"], community["kind"]].append(
                community
            )
        duplicates = [
            (a["folded_name"], a["country"])
            for group in groups.values()
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if a["latitude"] is not None
            and b["latitude"] is not None
            and distance_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"]) <= 10
        ]
        self.assertEqual(duplicates, [])
