"""Downloads: every row a search finds, in CSV and JSON, streamed; the /data/ page."""

import csv
import io
import json
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from directory.models import Partnership, Source
from directory.opendata import tables
from directory.opendata.tables import Communities, Partnerships
from tests.factories import (
    CommunityFactory,
    OrganizationFactory,
    PartnershipFactory,
    SourceFactory,
)


def body(response):
    return b"".join(response.streaming_content).decode()


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(body(response))))


def download(client, name, fmt, query=None, **kwargs):
    return client.get(reverse(f"directory:{name}", kwargs={"fmt": fmt, **kwargs}), query or {})


class SearchDownloadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.source = SourceFactory()
        partners = [CommunityFactory(name=f"Lindenau {n}", country="DE") for n in range(3)]
        # 45 matches: more than two pages of the City Search (20 a page).
        cls.towns = []
        for n in range(45):
            town = CommunityFactory(name=f"Alderbrook {n:02}", country="US" if n % 3 else "CA")
            cls.towns.append(town)
            if n % 5 == 0:
                PartnershipFactory(
                    community_a=town,
                    community_b=partners[n % 3],
                    established_year=1950 + n,
                    status="friendship" if n % 2 else "sister",
                    cited_in=cls.source,
                )

    def html_slugs(self, query):
        """Every result of the City Search for ``query``, page after page."""
        slugs, page = [], 1
        while True:
            response = self.client.get(
                reverse("directory:community-list"), {**query, "page": page}
            )
            slugs += [community.slug for community in response.context_data["object_list"]]
            if not response.context_data["page_obj"].has_next():
                return slugs
            page += 1

    def test_every_row_beyond_the_first_page_in_the_order_of_the_search(self):
        for query in (
            {"q": "alderbrook"},
            {"q": "ALDERBRÖÖK 1"},
            {"country": "CA", "sort": "name"},
            {"status": "friendship"},
            {"year_from": "1960", "year_to": "1990", "active": "on"},
            {"q": "alderbrook", "sort": "year"},
            {},
        ):
            with self.subTest(query=query):
                html = self.html_slugs(query)
                rows = csv_rows(download(self.client, "community-list-download", "csv", query))
                self.assertEqual([row["slug"] for row in rows], html)
                data = json.loads(
                    body(download(self.client, "community-list-download", "json", query))
                )
                self.assertEqual([row["slug"] for row in data], html)
        self.assertEqual(len(self.html_slugs({"q": "alderbrook"})), 45)

    def test_csv_and_json_carry_the_same_columns(self):
        response = download(self.client, "community-list-download", "csv", {"q": "alderbrook 05"})
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="communities.csv"')
        self.assertTrue(response.streaming)
        columns = [name for name, _ in Communities.columns]
        [row] = csv_rows(response)
        self.assertEqual(list(row), columns)
        self.assertEqual(row["name"], "Alderbrook 05")
        self.assertEqual(row["partner_count"], "1")
        self.assertEqual(row["first_year"], "1955")
        self.assertTrue(row["url"].endswith("/cities/alderbrook-05/"))
        response = download(self.client, "community-list-download", "json", {"q": "alderbrook 05"})
        self.assertEqual(response["Content-Type"], "application/json")
        [item] = json.loads(body(response))
        self.assertEqual(list(item), columns)
        self.assertEqual(item["partner_count"], 1)
        self.assertIsNone(item["latitude"])

    def test_invalid_filters_are_a_400_saying_why(self):
        for fmt in ("csv", "json"):
            response = download(
                self.client, "community-list-download", fmt, {"year_from": "abc", "country": "ZZ"}
            )
            self.assertEqual(response.status_code, 400)
            self.assertIn("Enter a year as a number", response.content.decode())
        self.assertIn("year_from", json.loads(response.content)["errors"])

    def test_nothing_found_is_a_header_or_an_empty_list(self):
        query = {"q": "atlantis"}
        lines = body(download(self.client, "community-list-download", "csv", query)).splitlines()
        self.assertEqual(len(lines), 1)
        self.assertTrue(lines[0].startswith("name,slug,"))
        response = download(self.client, "community-list-download", "json", query)
        self.assertEqual(json.loads(body(response)), [])

    def test_the_search_page_links_its_downloads_with_its_filters_but_not_its_page(self):
        response = self.client.get(
            reverse("directory:community-list"), {"q": "alderbrook", "country": "US", "page": 2}
        )
        self.assertContains(response, 'href="/cities.csv?q=alderbrook&amp;country=US"')
        self.assertContains(response, 'href="/cities.json?q=alderbrook&amp;country=US"')
        self.assertContains(response, "Download all these communities as")

    def test_the_query_count_does_not_grow_with_the_rows(self):
        """A download reads its rows a chunk at a time, never one query per row."""
        with self.assertNumQueries(2):  # the generation, then the rows
            body(download(self.client, "community-list-download", "csv", {"q": "alderbrook"}))
        with (
            mock.patch.object(tables, "CHUNK_SIZE", 2),
            # generation, the sources' terms (once, for the rows' attribution),
            # partnerships, citations and status histories of 5 chunks
            self.assertNumQueries(1 + 1 + 1 + 5 + 5),
        ):
            body(download(self.client, "partnerships-download", "csv"))
        self.assertEqual(Partnership.objects.count(), 9)


class FormulaTests(TestCase):
    """OWASP CSV injection: text a spreadsheet would run is quoted, in CSV only."""

    @classmethod
    def setUpTestData(cls):
        cls.town = CommunityFactory(
            name='=HYPERLINK("http://evil.example")',
            region="@SUM(A1:A9)",
            country="US",
            longitude="-121.886300",
            latitude="37.338200",
        )
        for name in ("+cmd", "-2+3", "\tTabbed", "\rReturned"):
            PartnershipFactory(community_a=cls.town, community_b=CommunityFactory(name=name))
        OrganizationFactory(name="=1+1", run_by="-office", home_community=cls.town)

    def test_formula_cells_are_quoted_in_csv(self):
        [row] = csv_rows(
            download(self.client, "community-list-download", "csv", {"q": "hyperlink"})
        )
        self.assertEqual(row["name"], '\'=HYPERLINK("http://evil.example")')
        self.assertEqual(row["region"], "'@SUM(A1:A9)")
        self.assertEqual(row["longitude"], "-121.886300")  # a number, not a formula
        partners = csv_rows(
            download(self.client, "community-partners-download", "csv", slug=self.town.slug)
        )
        self.assertEqual(
            {row["partner"] for row in partners},
            {"'\rReturned", "'\tTabbed", "'+cmd", "'-2+3"},
        )
        [organization] = csv_rows(download(self.client, "organization-list-download", "csv"))
        self.assertEqual((organization["name"], organization["run_by"]), ("'=1+1", "'-office"))

    def test_json_keeps_the_text_as_it_is(self):
        data = json.loads(
            body(download(self.client, "community-list-download", "json", {"q": "hyperlink"}))
        )
        self.assertEqual(data[0]["name"], '=HYPERLINK("http://evil.example")')
        self.assertEqual(data[0]["longitude"], -121.8863)


class PartnersDownloadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.town = CommunityFactory(name="Alderbrook", country="US")
        cls.first = SourceFactory(slug="first-list")
        cls.second = SourceFactory(slug="second-list")
        both = PartnershipFactory(
            community_a=cls.town,
            community_b=CommunityFactory(name="Zell", country="DE"),
            established_year=1960,
            cited_in=cls.first,
            cited_in__published_b="Zell am See",
        )
        both.citations.create(source=cls.second)
        PartnershipFactory(
            community_a=CommunityFactory(name="Ashby", country="GB", region="England"),
            community_b=cls.town,
            ended_year=2001,
            established_year=1980,
            status="friendship",
            cited_in=cls.second,
        )

    def test_partners_from_either_side_sorted_by_name(self):
        response = download(self.client, "community-partners-download", "csv", slug="alderbrook")
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="alderbrook-partners.csv"'
        )
        ashby, zell = csv_rows(response)
        self.assertEqual(
            (ashby["partner"], ashby["partner_region"], ashby["partner_country_name"]),
            ("Ashby", "England", "United Kingdom"),
        )
        self.assertEqual(
            (ashby["status"], ashby["ended_year"], ashby["active"]),
            ("friendship", "2001", "false"),
        )
        self.assertEqual(zell["sources"], "first-list; second-list")
        self.assertEqual(zell["published_as"], "Zell am See; Zell")
        self.assertEqual(zell["active"], "true")

    def test_json(self):
        response = download(self.client, "community-partners-download", "json", slug="alderbrook")
        ashby, zell = json.loads(body(response))
        self.assertEqual(zell["sources"], ["first-list", "second-list"])
        self.assertEqual(zell["published_as"], ["Zell am See", "Zell"])
        self.assertEqual(ashby["established_year"], 1980)
        self.assertIs(ashby["active"], False)

    def test_unknown_community_is_a_404(self):
        response = download(self.client, "community-partners-download", "csv", slug="atlantis")
        self.assertEqual(response.status_code, 404)

    def test_the_community_page_links_them(self):
        response = self.client.get(self.town.get_absolute_url())
        self.assertContains(response, 'href="/cities/alderbrook/partners.csv"')
        self.assertContains(response, 'href="/cities/alderbrook/partners.json"')


class SeededDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())
        wikipedia = Source.objects.get(slug="wikipedia-twin-towns")
        PartnershipFactory(
            community_a=CommunityFactory(name="Kórnik", country="PL"),
            community_b=CommunityFactory(name="Dolní Město", country="CZ"),
            cited_in=wikipedia,
            cited_in__published_a="Kornik",
        )

    def test_every_partnership_with_both_communities_and_its_sources(self):
        response = download(self.client, "partnerships-download", "csv")
        self.assertEqual(
            response["Content-Disposition"],
            'attachment; filename="sister-city-partnerships.csv"',
        )
        rows = csv_rows(response)
        self.assertEqual(len(rows), Partnership.objects.count())
        self.assertEqual(list(rows[0]), [name for name, _ in Partnerships.columns])
        okayama = next(row for row in rows if row["community_b"] == "Okayama")
        self.assertEqual(okayama["community_a"], "San José")
        self.assertEqual(okayama["community_a_country"], "US")
        self.assertEqual(okayama["community_b_country_name"], "Japan")
        self.assertEqual(okayama["established_on"], "1957-05-26")
        self.assertEqual(okayama["sources"], "san-jose-list")
        kornik = next(row for row in rows if row["community_a_slug"] == "kornik")
        self.assertEqual(
            (kornik["sources"], kornik["published_a"], kornik["published_b"]),
            ("wikipedia-twin-towns", "Kornik", "Dolní Město"),
        )

    def test_json_has_the_same_rows(self):
        rows = json.loads(body(download(self.client, "partnerships-download", "json")))
        self.assertEqual(len(rows), Partnership.objects.count())
        self.assertEqual(list(rows[0]), [name for name, _ in Partnerships.columns])
        self.assertIsInstance(rows[0]["sources"], list)

    def test_membership_directory_download_and_link(self):
        query = {"country": "US"}
        response = self.client.get(reverse("directory:organization-list"), query)
        self.assertContains(response, 'href="/directory.csv?country=US"')
        html = [organization.slug for organization in response.context_data["object_list"]]
        rows = csv_rows(download(self.client, "organization-list-download", "csv", query))
        self.assertEqual([row["slug"] for row in rows], html)
        self.assertTrue(all(row["country"] == "US" for row in rows))
        bad = download(self.client, "organization-list-download", "json", {"country": "ZZ"})
        self.assertEqual(bad.status_code, 400)

    def test_data_page_states_columns_licences_and_the_last_change(self):
        response = self.client.get(reverse("directory:data"))
        self.assertContains(response, "<h1>Download the data</h1>", html=True)
        self.assertContains(response, 'href="/data/partnerships.csv"')
        self.assertContains(response, 'href="/data/partnerships.json"')
        for name, _ in Partnerships.columns:
            self.assertContains(response, f"<code>{name}</code>", html=True)
        self.assertContains(response, f"<dd>{Partnership.objects.count()}</dd>", html=True)
        self.assertContains(response, "CC BY-SA 4.0")
        self.assertContains(response, "<td>Wikipedia contributors</td>", html=True)
        self.assertContains(response, "The source states no licence")
        self.assertContains(response, "Last changed")
        self.assertContains(response, "<time datetime=")

    def test_spanish_data_page_explains_the_columns_in_spanish(self):
        response = self.client.get("/es/data/")
        self.assertContains(
            response,
            "El nombre de la primera comunidad tal como lo escribe el directorio.",
        )
        self.assertContains(response, "active (activo), suspended (suspendido), ended")
        self.assertContains(response, "La fuente no indica ninguna licencia.")
        for name, _ in Partnerships.columns:
            self.assertContains(response, f"<code>{name}</code>", html=True)

    def test_a_download_from_a_spanish_page_is_the_same_english_file(self):
        english = body(self.client.get("/data/partnerships.csv"))
        spanish = body(self.client.get("/es/data/partnerships.csv"))
        self.assertEqual(spanish, english)
        self.assertIn(",Japan,", spanish)
        self.assertNotIn("Japón", spanish)
        bad = self.client.get("/es/cities.json", {"year_from": "abc"})
        self.assertEqual(
            json.loads(bad.content)["errors"],
            {"year_from": ["Enter a year as a number, like 1990."]},
        )

    def test_footer_and_sources_page_link_the_data(self):
        response = self.client.get(reverse("directory:sources"))
        self.assertContains(response, 'href="/data/"', count=2)
        self.assertContains(response, 'href="/api/docs/"')
