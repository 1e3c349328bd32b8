"""The public pages: what they show, how many queries they run, and bad input."""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Community, Organization, Partnership
from tests.factories import CommunityFactory, PartnershipFactory, SourceFactory

COUNTRIES = ["FR", "DE", "IT", "ES", "JP", "BR", "MX", "CA", "KE", "IN"]


def make_partners(hub, count, source, start=0):
    """Give ``hub`` ``count`` partners abroad, each also partnered with a second town."""
    for n in range(start, start + count):
        partner = CommunityFactory(name=f"Partner {n}", country=COUNTRIES[n % 10])
        PartnershipFactory(
            community_a=hub, community_b=partner, cited_in=source, established_year=1950 + n % 70
        )
        neighbour = CommunityFactory(name=f"Neighbour {n}", country="AU")
        PartnershipFactory(community_a=neighbour, community_b=partner, cited_in=source)


class SeededPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())

    def test_home_has_search_figures_and_notable_partnerships(self):
        response = self.client.get(reverse("directory:home"))
        self.assertContains(response, 'action="/cities/"')
        self.assertContains(response, f"<strong>{Community.objects.count()}</strong> communities")
        self.assertContains(
            response, f"<strong>{Partnership.objects.count()}</strong> partnerships"
        )
        oldest = list(response.context_data["oldest"])
        self.assertEqual(oldest[0].community_b.name, "Okayama")
        self.assertContains(response, "26 May 1957")
        self.assertEqual(
            [p.established_year for p in response.context_data["newest"]][:2], [2025, 2025]
        )

    def test_community_page_lists_partners_from_either_side(self):
        response = self.client.get(reverse("directory:community-detail", args=["veracruz"]))
        self.assertContains(response, "<h1>Veracruz</h1>", html=True)
        self.assertContains(response, "Heroica Veracruz")  # alternate name
        partners = [p.partner.name for p in response.context_data["view"].partnerships]
        self.assertEqual(partners, ["Miami-Dade County", "San José"])
        self.assertContains(response, "1990")
        self.assertContains(response, "1975")
        self.assertContains(response, "Miami-Dade County sister cities list")
        self.assertContains(response, "City of San José sister city list")
        self.assertContains(response, "Sister city (active)")

    def test_community_page_writes_out_unknown_years_and_exact_dates(self):
        doha = self.client.get(reverse("directory:community-detail", args=["doha"]))
        self.assertContains(doha, "Year not recorded")
        self.assertNotContains(doha, "None")
        okayama = self.client.get(reverse("directory:community-detail", args=["okayama"]))
        self.assertContains(okayama, "26 May 1957")

    def test_community_page_links_organizations_and_shared_partners(self):
        response = self.client.get(
            reverse("directory:community-detail", args=["miami-dade-county"])
        )
        self.assertContains(
            response,
            reverse(
                "directory:organization-detail", args=["miami-dade-county-sister-cities-program"]
            ),
        )
        self.assertContains(response, "also partners with San José and Veracruz.")
        san_jose = response.context_data["view"].sharing[0][0]
        self.assertEqual(san_jose.slug, "san-jose-california")

    def test_unknown_community_is_a_404_in_the_site_design(self):
        response = self.client.get(reverse("directory:community-detail", args=["atlantis"]))
        self.assertEqual(response.status_code, 404)

    def test_membership_directory_lists_contacts_alphabetically(self):
        response = self.client.get(reverse("directory:organization-list"))
        names = [o.name for o in response.context_data["object_list"]]
        self.assertEqual(names, sorted(names))
        self.assertContains(response, "Gerard Philippeaux")
        self.assertContains(response, "305-375-1254")

    def test_membership_directory_filters(self):
        url = reverse("directory:organization-list")
        cases = [
            ({"q": "miami"}, ["Miami-Dade County Sister Cities Program"]),
            ({"q": "ASOCIACION"}, ["Asociación de Ciudades Hermanas de América"]),
            ({"country": "GH"}, ["African Global Sister Cities Foundation"]),
            ({"region": "califor"}, ["City of San José Sister City Program"]),
            (
                {"kind": "municipal"},
                [
                    "City of San José Sister City Program",
                    "Miami-Dade County Sister Cities Program",
                ],
            ),
        ]
        for params, expected in cases:
            with self.subTest(params=params):
                response = self.client.get(url, params)
                self.assertEqual([o.name for o in response.context_data["object_list"]], expected)
        Organization.objects.filter(slug="sister-cities-international").update(membership="member")
        response = self.client.get(url, {"membership": "member"})
        self.assertEqual(
            [o.slug for o in response.context_data["object_list"]], ["sister-cities-international"]
        )

    def test_organization_page_shows_contacts_and_partnerships(self):
        response = self.client.get(
            reverse(
                "directory:organization-detail", args=["miami-dade-county-sister-cities-program"]
            )
        )
        self.assertContains(response, "Gerard Philippeaux")
        self.assertContains(response, "Stephen P. Clark Center<br>111 NW 1st Street, 10th Floor")
        self.assertContains(response, "International Trade Consortium")
        self.assertContains(
            response, reverse("directory:community-detail", args=["kingston-jamaica"])
        )
        self.assertEqual(response.context_data["organization"].partnerships.count(), 41)
        # each partnership says where it stands, as on a community's page
        self.assertContains(response, '<td data-label="Status">Sister city (active)</td>')


class QueryBudgetTests(TestCase):
    """Each page runs the same number of queries however many rows it shows.

    The pages are built with more than a page of partners and results, then again
    with many more: the query count must not grow, which rules out a query per row
    (N+1). Every public page reads the directory's generation first (one query), for
    its ETag and its cached fragments; the new partners move it on, so the second
    count is of a page drawn afresh too.
    """

    @classmethod
    def setUpTestData(cls):
        cls.source = SourceFactory()
        cls.hub = Community.objects.create(name="Hub City", country="US")
        make_partners(cls.hub, 30, cls.source)
        for number in range(30):
            Organization.objects.create(name=f"Twinning group {number}", home_community=cls.hub)
        cls.organization = Organization.objects.create(
            name="Hub City Twinning", home_community=cls.hub
        )
        cls.organization.partnerships.set(Partnership.objects.involving(cls.hub))

    def count_queries(self, url, params=None):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def assertFlat(self, url, params=None):
        before = self.count_queries(url, params)
        make_partners(self.hub, 40, self.source, start=100)
        for number in range(40):
            Organization.objects.create(name=f"Organization {number}", home_community=self.hub)
        self.organization.partnerships.set(Partnership.objects.involving(self.hub))
        self.assertEqual(self.count_queries(url, params), before)
        return before

    def test_community_page(self):
        queries = self.assertFlat(reverse("directory:community-detail", args=["hub-city"]))
        # generation, community, partnerships from each side, their citations and
        # sources, their status histories, organizations, shared partners, the
        # communities sharing them and an open listing
        self.assertLessEqual(queries, 11)

    def test_search_page(self):
        queries = self.assertFlat(reverse("directory:community-list"), {"q": "partner"})
        self.assertLessEqual(queries, 4)

    def test_a_search_with_one_page_of_results_runs_one_query(self):
        """The first page fetches one row more than fits; only then is a count needed.
        The other query reads the generation."""
        self.assertEqual(
            self.count_queries(reverse("directory:community-list"), {"q": "partner 7"}), 2
        )

    def test_search_page_with_partnership_filters(self):
        self.assertFlat(
            reverse("directory:community-list"),
            {
                "q": "partner",
                "status": "sister",
                "year_from": 1950,
                "active": "on",
                "sort": "partners",
            },
        )

    def test_home_page(self):
        self.assertFlat(reverse("directory:home"))

    def test_membership_directory(self):
        self.assertFlat(reverse("directory:organization-list"))

    def test_organization_page(self):
        self.assertFlat(reverse("directory:organization-detail", args=["hub-city-twinning"]))


class BadInputTests(TestCase):
    """Hostile or broken query strings get a normal page, never a 500, never echoed raw."""

    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())

    def get(self, query_string, url=None):
        response = self.client.get(f"{url or reverse('directory:community-list')}?{query_string}")
        self.assertEqual(response.status_code, 200)
        return response

    def test_unknown_country_code(self):
        response = self.get("country=ZZ")
        self.assertContains(response, "There is a problem with your search")
        self.assertContains(
            response, "Select a valid choice. ZZ is not one of the available choices."
        )
        self.assertEqual(list(response.context_data["object_list"]), [])

    def test_non_numeric_year(self):
        response = self.get("year_from=nineteen-ninety")
        self.assertContains(response, "Enter a year as a number, like 1990.")
        self.assertEqual(list(response.context_data["object_list"]), [])

    def test_year_out_of_range(self):
        self.assertContains(self.get("year_to=1492"), "Enter a year from 1900 onwards.")
        self.assertContains(self.get("year_to=123456789"), "Enter a year with four digits.")

    def test_reversed_years(self):
        response = self.get("year_from=2000&year_to=1990")
        self.assertContains(response, "The first year, 2000, is after the last year, 1990.")

    def test_page_numbers_out_of_range_or_not_numbers(self):
        for page, expected in [
            ("0", 1),
            ("-1", 1),
            ("999999", 1),
            ("abc", 1),
            ("1.5", 1),
            ("", 1),
        ]:
            with self.subTest(page=page):
                response = self.get(f"q=kingston&page={page}")
                self.assertEqual(response.context_data["page_obj"].number, expected)
                if page:
                    self.assertContains(response, "so this is page 1")
        response = self.get("page=99999999999999999999999999")
        self.assertContains(response, "There is no page")

    def test_last_page_when_past_the_end(self):
        response = self.get("page=999999")
        last = response.context_data["paginator"].num_pages
        self.assertGreater(last, 1)
        self.assertEqual(response.context_data["page_obj"].number, last)
        self.assertContains(response, f"so this is page {last} of {last}.")

    def test_huge_search_term(self):
        response = self.get("q=" + "a" * 10_000)
        self.assertContains(response, "Enter at most 200 characters.")
        self.assertEqual(list(response.context_data["object_list"]), [])

    def test_nul_bytes(self):
        for query_string in ["q=sao%00paulo", "country=B%00R", "year_from=19%0090", "page=%00"]:
            with self.subTest(query_string=query_string):
                response = self.get(query_string)
                self.assertNotIn("\x00", response.content.decode())

    def test_sql_fragments_are_just_text(self):
        for query_string in [
            "q=%27%20OR%201%3D1%20--",
            "q=%25",
            "q=_",
            "country=US%27%20OR%20%271%27%3D%271",
            "sort=name%3B%20DROP%20TABLE%20directory_community",
            "kind=city%27--",
        ]:
            with self.subTest(query_string=query_string):
                self.get(query_string)
        self.assertEqual(list(self.get("q=%25").context_data["object_list"]), [])
        self.assertEqual(list(self.get("q=%27%20OR%201%3D1%20--").context_data["object_list"]), [])
        self.assertTrue(Community.objects.exists())

    def test_html_is_escaped_everywhere(self):
        script = "%3Cscript%3Ealert(1)%3C%2Fscript%3E"
        for query_string in [
            f"q={script}",
            f"country={script}",
            f"page={script}",
            f"sort={script}",
        ]:
            with self.subTest(query_string=query_string):
                response = self.get(query_string)
                self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(self.get(f"q={script}"), "&lt;script&gt;alert(1)&lt;/script&gt;")

    def test_repeated_parameters(self):
        response = self.get("q=nothing-matches&q=sao+paulo&country=XX&country=BR")
        self.assertEqual([c.name for c in response.context_data["object_list"]], ["São Paulo"])

    def test_membership_directory_bad_input(self):
        url = reverse("directory:organization-list")
        for query_string in [
            "country=ZZ",
            "kind=%3Cb%3E",
            "page=-1",
            "q=%00",
            "q=" + "x" * 10_000,
        ]:
            with self.subTest(query_string=query_string):
                response = self.get(query_string, url=url)
                self.assertNotContains(response, "<b>")
