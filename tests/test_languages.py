"""The site in English at its first addresses and in Spanish under /es/."""

from io import StringIO

from django.core.cache import caches
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from directory.models import Community
from tests.factories import CommunityFactory
from tests.test_caching import LOCAL_CACHE


def address(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


class LanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())

    def test_english_stays_at_its_addresses_and_spanish_lives_under_es(self):
        self.assertEqual(address("en", "directory:community-list"), "/cities/")
        self.assertEqual(address("es", "directory:community-list"), "/es/cities/")
        english = self.client.get("/cities/sao-paulo/")
        self.assertContains(english, '<html lang="en">')
        self.assertContains(english, "City Search")
        page = self.client.get("/es/cities/sao-paulo/")
        self.assertContains(page, '<html lang="es">')
        self.assertContains(page, "Buscar ciudades")
        self.assertNotContains(page, "City Search")

    def test_a_browser_asking_for_spanish_still_gets_english_at_english_addresses(self):
        response = self.client.get("/faq/", headers={"accept-language": "es"})
        self.assertContains(response, '<html lang="en">')

    def test_switcher_keeps_the_page_and_the_query(self):
        response = self.client.get("/cities/?q=sao+paulo&country=BR")
        self.assertContains(
            response, 'href="/es/cities/?q=sao+paulo&amp;country=BR" hreflang="es" lang="es"'
        )
        response = self.client.get("/es/cities/?q=sao+paulo&country=BR")
        self.assertContains(
            response, 'href="/cities/?q=sao+paulo&amp;country=BR" hreflang="en" lang="en"'
        )

    def test_pages_name_their_alternates(self):
        response = self.client.get("/es/cities/sao-paulo/")
        for language, address in [
            ("en", "http://testserver/cities/sao-paulo/"),
            ("es", "http://testserver/es/cities/sao-paulo/"),
            ("x-default", "http://testserver/cities/sao-paulo/"),
        ]:
            with self.subTest(language=language):
                self.assertContains(
                    response, f'<link rel="alternate" hreflang="{language}" href="{address}">'
                )

    def test_country_names_and_dates_in_spanish(self):
        page = self.client.get("/es/cities/sao-paulo/")
        self.assertContains(page, "Brasil")
        data = self.client.get("/es/data/").content.decode()
        self.assertRegex(data, r"\d+ de [a-z]+ de \d{4} a las \d\d:\d\d")

    def test_search_finds_the_same_communities_in_either_language(self):
        CommunityFactory(name="Köln", country="DE")
        for query in ["alemania", "germany", "koln"]:
            with self.subTest(query=query):
                english = self.client.get("/cities/", {"q": query})
                spanish_page = self.client.get("/es/cities/", {"q": query})
                names = [c.name for c in english.context_data["object_list"]]
                self.assertIn("Köln", names)
                self.assertEqual(names, [c.name for c in spanish_page.context_data["object_list"]])

    def test_a_community_saved_in_spanish_keeps_english_slugs(self):
        CommunityFactory(name="Springfield", country="US")
        with translation.override("es"):
            twin = Community.objects.create(name="Springfield", country="DE")
        self.assertEqual(twin.slug, "springfield-germany")

    def test_missing_page_in_spanish(self):
        response = self.client.get("/es/cities/no-such-place/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, '<html lang="es">', status_code=404)


@override_settings(CACHES=LOCAL_CACHE)
class FragmentLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())

    def setUp(self):
        caches["fragments"].clear()

    def test_cached_fragments_are_kept_per_language(self):
        self.client.get("/cities/sao-paulo/")
        page = self.client.get("/es/cities/sao-paulo/").content.decode()
        english = self.client.get("/cities/sao-paulo/").content.decode()
        # The partner table is a cached fragment: each language has its own.
        self.assertIn("Brasil", page)
        self.assertNotIn("Brasil", english)


class SwitcherTests(TestCase):
    def test_a_missing_page_links_to_the_same_address_in_the_other_language(self):
        response = self.client.get("/es/no/such/page/")
        self.assertContains(response, 'href="/no/such/page/" hreflang="en"', status_code=404)

    def test_english_only_pages_offer_no_other_language(self):
        response = self.client.get("/api/docs/")
        self.assertNotContains(response, 'hreflang="es"')
        self.assertNotContains(response, "Español")


class VaryTests(TestCase):
    def test_no_page_varies_with_the_browsers_language(self):
        for url in ["/faq/", "/es/faq/", "/api/communities"]:
            with self.subTest(url=url):
                response = self.client.get(url, headers={"accept-language": "es"})
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("accept-language", response.get("Vary", "").lower())
                language = "es" if url.startswith("/es/") else "en"
                self.assertEqual(response["Content-Language"], language)

    def test_other_vary_headers_are_kept(self):
        response = self.client.get(reverse("admin:login"))
        self.assertEqual(response["Vary"], "Cookie")
