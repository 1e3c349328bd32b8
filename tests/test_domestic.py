"""Domestic partnerships: two communities of one country, marked and filterable."""

import json
from importlib import import_module

from django.apps import apps
from django.test import TestCase

from directory.models import Partnership
from tests.factories import CommunityFactory, PartnershipFactory
from tests.test_downloads import body, csv_rows, download
from tests.test_filters import names, search


class DomesticTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.aachen = CommunityFactory(name="Aachen", country="DE")
        cls.naumburg = CommunityFactory(name="Naumburg", country="DE")
        cls.reims = CommunityFactory(name="Reims", country="FR")
        cls.domestic = PartnershipFactory(community_a=cls.aachen, community_b=cls.naumburg)
        PartnershipFactory(community_a=cls.aachen, community_b=cls.reims, established_year=1967)

    def test_saving_marks_it_from_the_countries(self):
        self.assertEqual(
            dict(Partnership.objects.values_list("community_b__name", "domestic")),
            {"Naumburg": True, "Reims": False},
        )

    def test_a_community_moved_to_another_country_remarks_its_partnerships(self):
        self.naumburg.country = "AT"
        self.naumburg.save()
        self.domestic.refresh_from_db()
        self.assertFalse(self.domestic.domestic)
        self.reims.country = "DE"
        self.reims.save(update_fields=["country"])
        self.assertEqual(Partnership.objects.filter(domestic=True).get().community_b, self.reims)

    def test_the_migration_marks_existing_partnerships(self):
        Partnership.objects.update(domestic=False)
        migration = import_module("directory.migrations.0025_partnership_unstated_domestic")
        migration.mark_domestic(apps, None)
        self.assertEqual(Partnership.objects.get(domestic=True), self.domestic)

    def test_the_community_page_says_domestic(self):
        response = self.client.get(self.aachen.get_absolute_url())
        self.assertContains(response, "Domestic partnership", count=1)
        spanish = self.client.get(f"/es{self.aachen.get_absolute_url()}")
        self.assertContains(spanish, "Hermanamiento dentro del país", count=1)

    def test_the_city_search_filters_by_scope_with_the_other_filters(self):
        self.assertEqual(names(search(self.client, scope="domestic")), ["Aachen", "Naumburg"])
        self.assertEqual(names(search(self.client, scope="international")), ["Aachen", "Reims"])
        # One partnership must meet every filter: Aachen's domestic one has no year.
        self.assertEqual(names(search(self.client, scope="domestic", year_from=1960)), [])
        self.assertEqual(names(search(self.client, scope="elsewhere")), [])

    def test_the_api_filters_by_scope(self):
        results = self.client.get("/api/partnerships", {"scope": "domestic"}).json()["results"]
        self.assertEqual(
            [(p["community_b"]["name"], p["domestic"]) for p in results], [("Naumburg", True)]
        )
        communities = self.client.get("/api/communities", {"scope": "international"}).json()
        self.assertEqual([c["name"] for c in communities["results"]], ["Aachen", "Reims"])
        self.assertEqual(self.client.get("/api/partnerships", {"scope": "x"}).status_code, 422)

    def test_downloads_filter_by_scope_and_give_the_domestic_column(self):
        rows = csv_rows(
            download(self.client, "community-list-download", "csv", {"scope": "domestic"})
        )
        self.assertEqual([row["name"] for row in rows], ["Aachen", "Naumburg"])
        partners = csv_rows(
            download(self.client, "community-partners-download", "csv", slug=self.aachen.slug)
        )
        self.assertEqual(
            [(row["partner"], row["domestic"]) for row in partners],
            [("Naumburg", "true"), ("Reims", "false")],
        )
        full = json.loads(body(download(self.client, "partnerships-download", "json")))
        self.assertEqual(
            {row["community_b"]: row["domestic"] for row in full},
            {"Naumburg": True, "Reims": False},
        )
