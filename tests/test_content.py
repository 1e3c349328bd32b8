"""FAQ, history, partners and about pages; error pages, robots.txt and the sitemap."""

import datetime
import re
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.views.defaults import server_error

from directory.models import (
    Community,
    HistoryEvent,
    Organization,
    Partnership,
    Question,
    Source,
)
from tests.factories import CommunityFactory, PartnershipFactory
from tests.test_structured_data import BLOCK as JSON_LD


class SeededContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())

    def test_seed_loads_questions_and_events(self):
        self.assertGreaterEqual(Question.objects.count(), 8)
        self.assertEqual(
            list(HistoryEvent.objects.values_list("year", flat=True)),
            [1956, 1957, 1973, 1981, 2010, 2012, 2014],
        )

    def test_faq_lists_published_questions_in_order(self):
        Question.objects.create(question="Hidden draft?", answer="Not yet.", published=False)
        response = self.client.get(reverse("directory:faq"))
        questions = list(response.context_data["questions"])
        self.assertEqual(questions, sorted(questions, key=lambda q: q.position))
        self.assertContains(response, "How is a sister city different from a friendship city?")
        self.assertNotContains(response, "Hidden draft?")
        self.assertContains(
            response, '<a href="/cities/" rel="noopener noreferrer">City Search</a>', html=True
        )

    def test_history_merges_events_and_partnership_years(self):
        response = self.client.get(reverse("directory:history"))
        self.assertContains(response, "A White House conference on citizen diplomacy")
        timeline = response.context_data["view"].timeline
        self.assertEqual(
            [entry["year"] for entry in timeline], sorted(entry["year"] for entry in timeline)
        )
        year_1957 = [entry for entry in timeline if entry["year"] == 1957]
        self.assertIn("event", year_1957[0])
        self.assertEqual(year_1957[1]["count"], 1)
        self.assertContains(response, "1 partnership in the directory began:")
        self.assertContains(response, "2 partnerships in the directory began, including")

    def test_partners_lists_only_international_partners(self):
        response = self.client.get(reverse("directory:partners"))
        partners = list(response.context_data["partners"])
        self.assertEqual(len(partners), 7)
        self.assertTrue(all(p.kind == Organization.Kind.INTERNATIONAL_PARTNER for p in partners))
        self.assertContains(response, "All India Institute of Local Self Government")
        self.assertNotContains(response, "Miami-Dade County Sister Cities Program")

    def test_about_links_the_example_communities(self):
        response = self.client.get(reverse("directory:about"))
        for slug in [
            "washington-dc",
            "beijing",
            "minneapolis",
            "harbin",
            "nashville",
            "tamworth",
            "chicago",
            "mexico-city",
        ]:
            with self.subTest(slug=slug):
                self.assertContains(response, f'href="/cities/{slug}/"')
                self.assertEqual(self.client.get(f"/cities/{slug}/").status_code, 200)


class AnswerSanitizingTests(TestCase):
    def test_only_simple_formatting_reaches_the_page(self):
        Question.objects.create(
            question="Formatting?",
            answer=(
                "<p>Some <strong>bold</strong> and <em>italic</em> text, "
                '<a href="https://example.org" onclick="steal()">a link</a>, '
                '<a href="javascript:alert(1)">a trick</a>.</p>'
                "<script>alert('x')</script><img src=x onerror=alert(1)>"
            ),
        )
        response = self.client.get(reverse("directory:faq"))
        self.assertContains(response, "<strong>bold</strong>")
        self.assertContains(response, "<em>italic</em>")
        self.assertContains(response, 'href="https://example.org"')
        # The page's one script element is its JSON-LD, where the answer is plain text.
        self.assertIn("a link, a trick.", JSON_LD.search(response.text)[1])
        page = JSON_LD.sub("", response.text)
        for forbidden in ["<script", "onclick", "onerror", "<img", "javascript:", "alert"]:
            with self.subTest(forbidden=forbidden):
                self.assertNotIn(forbidden, page)

    def test_plain_text_becomes_paragraphs(self):
        Question.objects.create(question="Plain?", answer="First paragraph.\n\nSecond & last.")
        response = self.client.get(reverse("directory:faq"))
        self.assertContains(response, "<p>First paragraph.</p>", html=True)
        self.assertContains(response, "<p>Second &amp; last.</p>", html=True)


class HistoryQueryTests(TestCase):
    """The history page runs the same queries for 5 or 200 partnerships: the generation,
    counts per year for the charts, then counts per year with their example partnerships,
    those partnerships and the events for the timeline."""

    def test_query_count_is_flat(self):
        home = CommunityFactory(name="Home", country="US")
        HistoryEvent.objects.create(year=1956, title="Start")

        def add(first, count):
            for n in range(first, first + count):
                PartnershipFactory(community_a=home, established_year=1950 + n % 60)

        def queries():
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(reverse("directory:history")).status_code, 200)
            return len(captured)

        add(0, 5)
        few = queries()
        add(5, 195)
        self.assertEqual(queries(), few)
        self.assertLessEqual(few, 5)


class SiteFilesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())

    def test_404_uses_the_site_design(self):
        response = self.client.get("/no-such-page/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Page not found", status_code=404)
        self.assertContains(response, "Skip to main content", status_code=404)

    @override_settings(DEBUG=False)
    def test_500_page_renders_without_a_request(self):
        response = server_error(RequestFactory().get("/"))
        self.assertEqual(response.status_code, 500)
        self.assertIn(b"Sorry, there is a problem with the service", response.content)

    def test_robots_txt(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain")
        rules = [line for line in response.text.splitlines() if line.startswith("Disallow:")]
        # The API, the downloads and the endless combinations of search filters.
        for rule in ["/api/", "/*.csv$", "/*.json$", "/cities/?", "/es/cities/?", "/oembed"]:
            self.assertIn(f"Disallow: {rule}", rules)
        # Every other page is open to crawlers.
        self.assertNotIn("Disallow: /", rules)
        self.assertNotIn("Disallow: /cities/", rules)
        self.assertNotContains(
            response, "admin", msg_prefix="robots.txt must not reveal the admin"
        )
        self.assertContains(response, "Sitemap: http://testserver/sitemap.xml")

    def test_sitemap_lists_every_public_page(self):
        index = self.client.get("/sitemap.xml")
        self.assertContains(index, "/sitemap-cities.xml")
        pages = self.client.get("/sitemap-pages.xml").content.decode()
        for name in [
            "home",
            "community-list",
            "organization-list",
            "faq",
            "history",
            "partners",
            "about",
            "sources",
            "country-list",
        ]:
            with self.subTest(page=name):
                self.assertIn(f"http://testserver{reverse(f'directory:{name}')}</loc>", pages)
                with translation.override("es"):
                    self.assertIn(f"http://testserver{reverse(f'directory:{name}')}</loc>", pages)
        # Every page in English and in Spanish, each naming the other.
        cities = self.client.get("/sitemap-cities.xml").content.decode()
        self.assertEqual(cities.count("<loc>"), 2 * Community.objects.count())
        self.assertIn("<loc>http://testserver/cities/sao-paulo/</loc>", cities)
        self.assertIn("<loc>http://testserver/es/cities/sao-paulo/</loc>", cities)
        self.assertIn(
            '<xhtml:link rel="alternate" hreflang="es" '
            'href="http://testserver/es/cities/sao-paulo/"/>',
            cities,
        )
        countries = self.client.get("/sitemap-countries.xml").content.decode()
        codes = set(Community.objects.values_list("country", flat=True))
        self.assertEqual(countries.count("<loc>"), 2 * len(codes))
        self.assertIn("http://testserver/countries/br/</loc>", countries)
        self.assertIn("http://testserver/es/countries/br/</loc>", countries)
        directory = self.client.get("/sitemap-directory.xml").content.decode()
        self.assertIn("/directory/miami-dade-county-sister-cities-program/", directory)

    def test_sitemap_gives_when_each_community_and_organization_last_changed(self):
        cities = self.client.get("/sitemap-cities.xml")
        entries = re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", cities.text)
        self.assertEqual(len(entries), 2 * Community.objects.count())
        sao_paulo = Community.objects.get(slug="sao-paulo")
        partnership = Partnership.objects.involving(sao_paulo).first()
        partnership.established_year = 1977
        partnership.save()
        changed = partnership.history.latest().history_date.date().isoformat()
        cities = self.client.get("/sitemap-cities.xml").text
        self.assertIn(
            f"<loc>http://testserver/cities/sao-paulo/</loc><lastmod>{changed}</lastmod>",
            re.sub(r">\s+<", "><", cities),
        )
        directory = self.client.get("/sitemap-directory.xml").text
        self.assertEqual(directory.count("<lastmod>"), 2 * Organization.objects.count())
        countries = re.sub(r">\s+<", "><", self.client.get("/sitemap-countries.xml").text)
        self.assertIn(
            f"/countries/{sao_paulo.country.code.lower()}/</loc><lastmod>{changed}", countries
        )
        self.assertEqual(countries.count("<lastmod>"), countries.count("<loc>"))

    def test_sitemap_gives_the_pages_last_changes_but_the_about_pages(self):
        question = Question.objects.create(question="New?", answer="Yes.", published=True)
        asked = question.history.latest().history_date.date().isoformat()
        pages = re.sub(r">\s+<", "><", self.client.get("/sitemap-pages.xml").text)
        self.assertIn(f"<loc>http://testserver/faq/</loc><lastmod>{asked}</lastmod>", pages)
        self.assertIn("<loc>http://testserver/about/</loc><xhtml:link", pages)  # no lastmod
        self.assertEqual(pages.count("<lastmod>"), pages.count("<loc>") - 2)


class SourcesPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())

    def test_every_source_with_publisher_date_and_what_cites_it(self):
        response = self.client.get(reverse("directory:sources"))
        sources = {source.slug: source for source in response.context_data["sources"]}
        self.assertEqual(len(sources), Source.objects.count())
        miami = sources["miami-dade-county-list"]
        self.assertEqual(miami.partnership_count, 41)
        self.assertEqual(sources["san-jose-list"].partnership_count, 8)
        self.assertEqual(sources["sci-business-and-trade"].partnership_count, 6)
        self.assertEqual(
            sources["sci-institutional-partners"].organization_count,
            Organization.objects.filter(kind=Organization.Kind.INTERNATIONAL_PARTNER).count(),
        )
        self.assertContains(response, f'<h2 id="{miami.slug}">{miami.name}</h2>', html=True)
        self.assertContains(response, "41 partnerships, 1 organization")
        self.assertContains(response, "Miami-Dade County")  # the publisher
        self.assertContains(response, miami.published)
        self.assertContains(response, "The source gives no date")
        self.assertContains(response, "Wikipedia contributors, CC BY-SA 4.0")
        self.assertContains(response, "Curators have not yet looked at this source.")
        self.assertContains(response, "They check its records one by one")

    def test_community_pages_link_each_partnership_to_its_source(self):
        response = self.client.get(reverse("directory:community-detail", args=["okayama"]))
        self.assertContains(response, 'href="/sources/#san-jose-list"')


class DatedFiguresTests(TestCase):
    """Figures built on the partnerships with a known year say how few those are."""

    def test_home_and_history_say_how_many_partnerships_have_a_known_year(self):
        PartnershipFactory(established_year=1990)
        PartnershipFactory(established_year=None)
        PartnershipFactory(established_year=None)
        self.assertContains(self.client.get("/"), "Among the 1 partnership whose year is known.")
        self.assertContains(
            self.client.get(reverse("directory:history")),
            "These charts count the 1 partnerships whose year is known, of the 3 partnerships",
        )


class NavigationTests(TestCase):
    def test_institutional_partners_cannot_be_read_as_sister_cities(self):
        for url, label in [("/", "Institutional partners"), ("/es/", "Socios institucionales")]:
            with self.subTest(url=url):
                nav = self.client.get(url).content.decode().split('class="site-nav"')[1]
                nav = nav.split("</nav>")[0]
                self.assertIn(f">{label}</a>", nav)
                self.assertNotIn(">Partners</a>", nav)


class PageMetadataTests(TestCase):
    """What browsers, search engines and link previews read besides the page itself."""

    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())

    def test_title_description_and_open_graph_per_page(self):
        response = self.client.get(reverse("directory:community-detail", args=["okayama"]))
        self.assertContains(response, "<title>Okayama, Japan: sister cities – Sister Cities")
        self.assertContains(
            response, '<meta property="og:title" content="Okayama, Japan: sister cities">'
        )
        self.assertContains(response, '<meta name="description" content="Sister cities and')
        self.assertContains(
            response, '<meta property="og:url" content="http://testserver/cities/okayama/">'
        )
        self.assertContains(response, '<link rel="stylesheet" href="/static/css/print.css"')

    def test_search_pages_name_one_canonical_address(self):
        url = reverse("directory:community-list")
        response = self.client.get(url, {"q": "san", "country": "", "page": "1", "utm": "x"})
        self.assertContains(
            response, '<link rel="canonical" href="http://testserver/cities/?q=san">'
        )
        response = self.client.get(url, {"page": "2", "sort": "name"})
        self.assertContains(
            response,
            '<link rel="canonical" href="http://testserver/cities/?sort=name&amp;page=2">',
        )

    def test_numbered_pages(self):
        response = self.client.get(reverse("directory:community-list"), {"page": "2"})
        hidden = '<span class="visually-hidden">Page </span>'
        self.assertContains(
            response, f'<a href="?page=2" aria-current="page">{hidden}2</a>', html=True
        )
        self.assertContains(response, f'<a href="?page=3">{hidden}3</a>', html=True)

    def test_favicon(self):
        self.assertContains(
            self.client.get("/"),
            '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">',
        )
        self.assertRedirects(
            self.client.get("/favicon.ico"),
            "/static/favicon.svg",
            status_code=301,
            fetch_redirect_response=False,
        )

    def test_security_txt_only_with_a_contact(self):
        self.assertEqual(self.client.get("/.well-known/security.txt").status_code, 404)
        with override_settings(SECURITY_CONTACT="mailto:security@example.org"):
            response = self.client.get("/.well-known/security.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
        self.assertEqual(lines["Contact"], "mailto:security@example.org")
        self.assertEqual(lines["Canonical"], "http://testserver/.well-known/security.txt")
        expires = datetime.datetime.fromisoformat(lines["Expires"])
        self.assertLess(timezone.now(), expires)
        self.assertLess(expires, timezone.now() + datetime.timedelta(days=365))
