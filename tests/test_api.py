"""The JSON API: the City Search's results, pages, bad parameters, its docs page."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django_countries import countries

from directory.api.pagination import MAX_PAGE_SIZE
from tests.factories import (
    CommunityFactory,
    OrganizationFactory,
    PartnershipFactory,
    SourceFactory,
)


class CommunitySearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        source = SourceFactory(slug="first-list")
        names = [
            ("São Paulo", "BR"), ("Sao Bento", "BR"), ("Łódź", "PL"), ("Lodz Hills", "US"),
            ("Екатеринбург", "RU"), ("San José", "US"), ("San José", "CR"),
            ("Saint-Étienne", "FR"),
        ]  # fmt: skip
        cls.places = [CommunityFactory(name=name, country=country) for name, country in names]
        for n, (a, b) in enumerate([(0, 2), (0, 5), (3, 6), (4, 5), (7, 1), (2, 5)]):
            PartnershipFactory(
                community_a=cls.places[a],
                community_b=cls.places[b],
                established_year=1960 + 10 * n,
                status="friendship" if n % 2 else "sister",
                ended_year=2010 if n == 2 else None,
                cited_in=source,
            )
        for n in range(30):
            CommunityFactory(name=f"Santa Rita {n:02}", country="MX")

    def api(self, query=None, path="/api/communities"):
        return self.client.get(path, query or {})

    def test_the_same_results_as_the_city_search(self):
        for query in (
            {"q": "sao"},
            {"q": "SÃO paulo"},
            {"q": "lodz"},
            {"q": "łódź"},
            {"q": "ekaterinburg"},
            {"q": "jose san"},
            {"q": "saint etienne"},
            {"q": "san", "sort": "partners"},
            {"country": "BR"},
            {"kind": "city", "sort": "year"},
            {"status": "friendship"},
            {"year_from": "1970", "year_to": "1990"},
            {"active": "true", "year_from": "1980"},
            {},
        ):
            with self.subTest(query=query):
                html_query = {**query, "active": "on"} if "active" in query else query
                html = self.client.get(reverse("directory:community-list"), html_query)
                expected = [community.slug for community in html.context_data["filter"].qs]
                response = self.api({**query, "page_size": MAX_PAGE_SIZE})
                self.assertEqual(response.status_code, 200)
                data = response.json()
                self.assertEqual([item["slug"] for item in data["results"]], expected)
                self.assertEqual(data["count"], len(expected))

    def test_a_result(self):
        [paulo] = self.api({"q": "sao paulo"}).json()["results"]
        self.assertEqual(paulo["name"], "São Paulo")
        self.assertEqual(paulo["country"], "BR")
        self.assertEqual(paulo["country_name"], "Brazil")
        self.assertEqual(paulo["partner_count"], 2)
        self.assertEqual(paulo["first_year"], 1960)
        self.assertEqual(paulo["url"], "http://testserver/cities/sao-paulo/")

    def test_pages(self):
        data = self.api({"q": "santa rita", "page_size": 12}).json()
        self.assertEqual(data["count"], 30)
        self.assertEqual(len(data["results"]), 12)
        self.assertIsNone(data["previous"])
        self.assertEqual(
            data["next"], "http://testserver/api/communities?q=santa+rita&page_size=12&page=2"
        )
        last = self.client.get(data["next"].replace("page=2", "page=3")).json()
        self.assertEqual(len(last["results"]), 6)
        self.assertIsNone(last["next"])
        self.assertTrue(last["previous"].endswith("page=2"))
        slugs = [item["slug"] for item in data["results"]]
        self.assertEqual(slugs[0], "santa-rita-00")
        past = self.api({"q": "santa rita", "page": 9}).json()
        self.assertEqual((past["count"], past["results"], past["next"]), (30, [], None))
        self.assertTrue(past["previous"].endswith("page=2"))  # the last page

    def test_page_bounds(self):
        for query in (
            {"page": 0},
            {"page": -1},
            {"page": "two"},
            {"page": 10_001},
            {"page_size": 0},
            {"page_size": MAX_PAGE_SIZE + 1},
        ):
            with self.subTest(query=query):
                response = self.api(query)
                self.assertEqual(response.status_code, 422)
                self.assertEqual(response.json()["detail"][0]["loc"][0], "query")

    def test_bad_parameters_are_422_saying_why(self):
        for query, field in (
            ({"year_from": "abc"}, "year_from"),
            ({"year_from": "1800"}, "year_from"),
            ({"country": "ZZ"}, "country"),
            ({"country": "usa"}, "country"),
            ({"kind": "castle"}, "kind"),
            ({"status": "cousin"}, "status"),
            ({"sort": "random"}, "sort"),
            ({"active": "perhaps"}, "active"),
            ({"q": "x" * 201}, "q"),
        ):
            with self.subTest(query=query):
                response = self.api(query)
                self.assertEqual(response.status_code, 422)
                self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
                self.assertIn(field, response.json()["detail"][0]["loc"])

    def test_a_range_of_years_that_ends_before_it_begins_finds_nothing(self):
        # Each year is valid by the document, so the pair is answered, not refused.
        reversed_years = self.api({"year_from": 1990, "year_to": 1970})
        self.assertEqual(reversed_years.status_code, 200)
        self.assertEqual(reversed_years.json()["count"], 0)
        self.assertEqual(self.api({"year_from": 1970, "year_to": 1990}).status_code, 200)

    def test_nul_bytes_and_sql_are_just_text(self):
        for q in ("sao\x00", "'; DROP TABLE directory_community; --", "%", "_"):
            with self.subTest(q=q):
                self.assertEqual(self.api({"q": q}).status_code, 200)

    def test_one_community_with_its_partners(self):
        response = self.api(path="/api/communities/sao-paulo")
        data = response.json()
        self.assertEqual(data["name"], "São Paulo")
        partners = [(p["partner"]["name"], p["established_year"]) for p in data["partners"]]
        self.assertEqual(partners, [("San José", 1970), ("Łódź", 1960)])
        [citation] = data["partners"][0]["sources"]
        self.assertEqual(
            (citation["source"], citation["published_as"]), ("first-list", "San José")
        )

    def test_unknown_community_and_address_are_json_404s(self):
        for path in ("/api/communities/atlantis", "/api/nowhere", "/api/communities/a/b"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response.json(), {"detail": "Not Found"})
        self.assertEqual(self.client.get("/api/communities/%00").status_code, 422)

    def test_open_to_every_origin(self):
        for path in ("/api/communities", "/api/communities/atlantis", "/cities.csv"):
            with self.subTest(path=path):
                response = self.client.get(path, headers={"origin": "https://elsewhere.example"})
                self.assertEqual(response["Access-Control-Allow-Origin"], "*")
        self.assertNotIn("Access-Control-Allow-Origin", self.client.get("/cities/"))


class PartnershipAndOrganizationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first, cls.second = SourceFactory(slug="first-list"), SourceFactory(slug="second")
        us = [CommunityFactory(name=f"Elm {n}", country="US") for n in range(4)]
        PartnershipFactory(
            community_a=us[0],
            community_b=CommunityFactory(name="Kyoto", country="JP"),
            established_year=1959,
            cited_in=cls.first,
        )
        PartnershipFactory(
            community_a=CommunityFactory(name="Lyon", country="FR"),
            community_b=us[1],
            established_year=1985,
            status="friendship",
            cited_in=cls.second,
        )
        PartnershipFactory(
            community_a=us[2],
            community_b=CommunityFactory(name="Nara", country="JP"),
            ended_year=2000,
            cited_in=cls.second,
        )
        OrganizationFactory(name="Elm Twinning", home_community=us[0], kind="municipal")
        OrganizationFactory(name="Kyoto Friends", home_community=us[3])

    def names(self, query):
        results = self.client.get("/api/partnerships", query).json()["results"]
        return [(p["community_a"]["name"], p["community_b"]["name"]) for p in results]

    def test_partnership_filters(self):
        kyoto, lyon, nara = ("Elm 0", "Kyoto"), ("Lyon", "Elm 1"), ("Elm 2", "Nara")
        for query, expected in (
            ({}, [kyoto, lyon, nara]),
            ({"country": "JP"}, [kyoto, nara]),
            ({"country": "FR"}, [lyon]),
            ({"year_from": 1980}, [lyon]),
            ({"year_to": 1970}, [kyoto]),
            ({"status": "friendship"}, [lyon]),
            ({"source": "second"}, [lyon, nara]),
            ({"source": "nowhere"}, []),
            ({"active": "true"}, [kyoto, lyon]),
            ({"active": "false"}, [kyoto, lyon, nara]),
        ):
            with self.subTest(query=query):
                self.assertEqual(self.names(query), expected)

    def test_a_partnership(self):
        [kyoto] = self.client.get("/api/partnerships", {"year_to": 1970}).json()["results"]
        self.assertEqual(kyoto["community_b"]["country"], "JP")
        self.assertEqual(kyoto["established_year"], 1959)
        self.assertIs(kyoto["active"], True)
        self.assertEqual(
            kyoto["sources"],
            [{"source": "first-list", "published_a": "Elm 0", "published_b": "Kyoto"}],
        )

    def test_bad_partnership_filters(self):
        for query in ({"source": "no spaces"}, {"country": "XX"}, {"year_from": "x"}):
            with self.subTest(query=query):
                self.assertEqual(self.client.get("/api/partnerships", query).status_code, 422)

    def test_organizations_as_the_membership_directory(self):
        for query in ({}, {"q": "elm"}, {"kind": "municipal"}, {"country": "US"}):
            with self.subTest(query=query):
                html = self.client.get(reverse("directory:organization-list"), query)
                expected = [o.slug for o in html.context_data["object_list"]]
                results = self.client.get("/api/organizations", query).json()["results"]
                self.assertEqual([o["slug"] for o in results], expected)
        [elm] = self.client.get("/api/organizations", {"q": "elm"}).json()["results"]
        self.assertEqual(elm["community"]["name"], "Elm 0")

    def test_sources(self):
        data = self.client.get("/api/sources").json()
        self.assertEqual(data["count"], 2)
        counts = {source["slug"]: source["partnership_count"] for source in data["results"]}
        self.assertEqual(counts, {"first-list": 1, "second": 2})


class DocsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())

    def test_the_apis_own_addresses_lead_to_its_docs(self):
        for address in ("/api", "/api/", "/api/docs"):
            with self.subTest(address=address):
                self.assertRedirects(self.client.get(address), "/api/docs/")

    def test_the_document_names_every_country_code_the_filters_accept(self):
        schema = self.client.get("/api/openapi.json").json()
        for path in ("/api/communities", "/api/partnerships", "/api/organizations"):
            with self.subTest(path=path):
                (country,) = [
                    p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "country"
                ]
                codes = next(kind["enum"] for kind in country["schema"]["anyOf"] if "enum" in kind)
                self.assertEqual(codes, sorted(code for code, _name in countries))
                self.assertIn("US", codes)
                self.assertNotIn("AA", codes)

    def test_openapi_document(self):
        schema = self.client.get("/api/openapi.json").json()
        self.assertTrue(schema["openapi"].startswith("3.1"))
        self.assertEqual(
            sorted(schema["paths"]),
            [
                "/api/communities",
                "/api/communities/{slug}",
                "/api/organizations",
                "/api/partnerships",
                "/api/sources",
            ],
        )

    def test_docs_page_lists_every_operation_with_a_working_example(self):
        response = self.client.get(reverse("api:docs"))
        self.assertEqual(response.status_code, 200)
        examples = [operation["example"] for operation in response.context_data["operations"]]
        self.assertEqual(len(examples), 5)
        for operation in response.context_data["operations"]:
            self.assertContains(response, f'id="{operation["id"]}"')
            for parameter in operation["parameters"]:
                self.assertContains(response, f"<code>{parameter['name']}</code>", html=True)
        for example in examples:
            with self.subTest(example=example):
                self.assertContains(response, f'href="{example.replace("&", "&amp;")}"')
                answer = self.client.get(example)
                self.assertEqual(answer.status_code, 200)
                data = answer.json()
                self.assertTrue(data.get("results") or data.get("partners"), example)
        self.assertContains(response, 'href="/api/openapi.json"')
        self.assertNotContains(response, "<script")
