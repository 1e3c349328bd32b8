"""The API and the downloads are public pages too: ETag, Last-Modified and 304s, and the
open CORS header on every answer, 304s included. Downloads are streamed, so they are
revalidated but never stored in the page cache; API answers are stored."""

from django.test import override_settings

from tests.factories import PartnershipFactory
from tests.test_caching import LOCAL_CACHE, CachingTestCase

ADDRESSES = {
    "API list": "/api/communities?q=alderbrook",
    "API record": "/api/communities/alderbrook",
    "OpenAPI document": "/api/openapi.json",
    "search download": "/cities.csv?q=alderbrook",
    "partners download": "/cities/alderbrook/partners.json",
    "every partnership": "/data/partnerships.csv",
}


def read(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@override_settings(CACHES=LOCAL_CACHE)
class OpenDataValidatorTests(CachingTestCase):
    def test_a_current_etag_or_date_gets_304_before_the_view_runs(self):
        for label, url in ADDRESSES.items():
            with self.subTest(label):
                first = self.client.get(url)
                self.assertEqual(first.status_code, 200)
                read(first)
                self.assertIn("public", first["Cache-Control"])
                self.assertIn("Last-Modified", first)
                with self.assertNumQueries(1):  # the generation
                    response = self.client.get(url, headers={"if-none-match": first["ETag"]})
                self.assertEqual(response.status_code, 304)
                self.assertEqual(response["Access-Control-Allow-Origin"], "*")
                since = {"if-modified-since": first["Last-Modified"]}
                self.assertEqual(self.client.get(url, headers=since).status_code, 304)

    def test_a_change_makes_them_stale(self):
        for label, url in ADDRESSES.items():
            with self.subTest(label):
                etag = self.client.get(url)["ETag"]
                PartnershipFactory(community_a=self.town)
                response = self.client.get(url, headers={"if-none-match": etag})
                self.assertEqual(response.status_code, 200)
                self.assertNotEqual(response["ETag"], etag)

    def test_errors_are_never_cached(self):
        for url in ("/api/communities?page=0", "/cities.csv?year_from=abc", "/api/nowhere"):
            with self.subTest(url):
                response = self.client.get(url)
                self.assertNotIn("ETag", response)
                self.assertIn("no-store", response["Cache-Control"])


@override_settings(CACHES=LOCAL_CACHE)
class OpenDataPageCacheTests(CachingTestCase):
    def setUp(self):
        super().setUp()
        page_cache = self.settings(PAGE_CACHE_SECONDS=300)
        page_cache.enable()
        self.addCleanup(page_cache.disable)

    def test_api_answers_are_stored(self):
        url = ADDRESSES["API list"]
        first = self.client.get(url)
        self.assertEqual(first["X-Cache"], "miss")
        second = self.client.get(url)
        self.assertEqual(second["X-Cache"], "hit")
        self.assertEqual(second.json(), first.json())
        self.assertEqual(second["Access-Control-Allow-Origin"], "*")

    def test_downloads_are_streamed_every_time_and_never_stored(self):
        url = ADDRESSES["search download"]
        first = self.client.get(url)
        self.assertTrue(first.streaming)
        self.assertIn("Alderbrook", read(first).decode())
        second = self.client.get(url)
        self.assertTrue(second.streaming)
        self.assertNotEqual(second.get("X-Cache"), "hit")
        self.assertEqual(read(second), read(self.client.get(url)))
