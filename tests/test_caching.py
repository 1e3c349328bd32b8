"""Public pages: revalidation (ETag, Last-Modified, 304), Cache-Control for CDNs, the page
cache and cached template fragments, all retired by the next change to the directory.
Run against a local-memory cache here; test_scale_out.py runs the page cache in two
gunicorn instances, each with its own memory and sharing Redis."""

from django.contrib.auth.models import User
from django.core.cache import cache, caches
from django.test import TestCase, override_settings
from django.urls import reverse

from directory.caching import release
from directory.models import Generation, Organization
from tests.factories import CommunityFactory, PartnershipFactory

LOCAL_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}


class CachingTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.town = CommunityFactory(name="Alderbrook", country="US")
        cls.partner = CommunityFactory(name="Lindenau", country="DE")

    def setUp(self):
        cache.clear()
        caches["fragments"].clear()


@override_settings(CACHES=LOCAL_CACHE)
class ValidatorTests(CachingTestCase):
    def test_public_pages_carry_validators_for_browsers_and_cdns(self):
        response = self.client.get(self.town.get_absolute_url())
        number, changed = Generation.objects.current()
        self.assertEqual(response["ETag"], f'"{release()}-{number}"')
        self.assertIn("Last-Modified", response)
        self.assertEqual(
            sorted(response["Cache-Control"].split(", ")),
            ["max-age=0", "public", "s-maxage=300"],
        )

    def test_a_current_etag_gets_304_without_running_the_view(self):
        url = self.town.get_absolute_url()
        etag = self.client.get(url)["ETag"]
        with self.assertNumQueries(1):  # the generation, nothing else
            response = self.client.get(url, headers={"if-none-match": etag})
        self.assertEqual(response.status_code, 304)
        self.assertEqual(response["ETag"], etag)
        self.assertEqual(response.content, b"")

    def test_a_change_anywhere_makes_the_etag_stale(self):
        url = self.town.get_absolute_url()
        first = self.client.get(url)
        PartnershipFactory(community_a=self.town, community_b=self.partner)
        response = self.client.get(url, headers={"if-none-match": first["ETag"]})
        self.assertEqual(response.status_code, 200)
        self.assertNotEqual(response["ETag"], first["ETag"])
        self.assertContains(response, "Lindenau")

    def test_if_modified_since(self):
        url = self.town.get_absolute_url()
        last_modified = self.client.get(url)["Last-Modified"]
        response = self.client.get(url, headers={"if-modified-since": last_modified})
        self.assertEqual(response.status_code, 304)
        old = "Sat, 01 Jan 2000 00:00:00 GMT"
        self.assertEqual(self.client.get(url, headers={"if-modified-since": old}).status_code, 200)

    def test_signed_in_users_errors_and_the_admin_get_no_shared_caching(self):
        missing = self.client.get("/cities/no-such-town/")
        self.assertNotIn("ETag", missing)
        self.assertIn("no-store", missing["Cache-Control"])
        self.assertNotIn("public", self.client.get(reverse("directory:healthz"))["Cache-Control"])
        self.client.force_login(User.objects.create_superuser("admin", password="not-used"))
        for url in (self.town.get_absolute_url(), reverse("admin:index")):
            response = self.client.get(url)
            self.assertNotIn("ETag", response, url)
            self.assertIn("private", response["Cache-Control"], url)


@override_settings(CACHES=LOCAL_CACHE)
class FragmentTests(CachingTestCase):
    """A page drawn again reuses its cached fragments until the directory changes."""

    def setUp(self):
        super().setUp()
        # Signed in, so that the page cache and 304s are out of the way.
        self.client.force_login(User.objects.create_superuser("admin", password="not-used"))

    def test_the_partner_table_is_drawn_once_per_generation(self):
        PartnershipFactory(community_a=self.town, community_b=self.partner)
        url = self.town.get_absolute_url()
        with self.assertNumQueries(7):
            self.client.get(url)
        # the generation and the community: the partner table and the listing notice
        # are not read again
        with self.assertNumQueries(2):
            self.client.get(url)

    def test_a_change_draws_the_fragment_again(self):
        url = self.town.get_absolute_url()
        self.assertNotContains(self.client.get(url), "Lindenau")
        PartnershipFactory(community_a=self.town, community_b=self.partner)
        self.assertContains(self.client.get(url), "Lindenau")


@override_settings(CACHES=LOCAL_CACHE)
class PageCacheTests(CachingTestCase):
    def setUp(self):
        super().setUp()
        # After conftest.py, which turns the page cache off for every other test.
        page_cache = self.settings(PAGE_CACHE_SECONDS=300)
        page_cache.enable()
        self.addCleanup(page_cache.disable)

    def test_a_second_request_is_answered_from_the_cache(self):
        url = self.town.get_absolute_url()
        first = self.client.get(url)
        self.assertEqual(first["X-Cache"], "miss")
        with self.assertNumQueries(1):  # the generation, to find the page's key
            second = self.client.get(url)
        self.assertEqual(second["X-Cache"], "hit")
        self.assertEqual(second.content, first.content)
        self.assertEqual(second["Content-Type"], first["Content-Type"])
        self.assertNotEqual(second["X-Request-ID"], first["X-Request-ID"])
        for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options"):
            self.assertEqual(second[header], first[header], header)

    def test_the_query_string_is_part_of_the_key(self):
        url = reverse("directory:community-list")
        self.client.get(url, {"q": "alderbrook"})
        response = self.client.get(url, {"q": "lindenau"})
        self.assertEqual(response["X-Cache"], "miss")
        self.assertContains(response, "Lindenau")

    def test_a_change_shows_at_once(self):
        url = self.town.get_absolute_url()
        self.client.get(url)
        PartnershipFactory(community_a=self.town, community_b=self.partner)
        response = self.client.get(url)
        self.assertEqual(response["X-Cache"], "miss")
        self.assertContains(response, "Lindenau")

    def test_many_to_many_changes_empty_the_cache_too(self):
        organization = Organization.objects.create(name="Alderbrook Twinning Society")
        partnership = PartnershipFactory(community_a=self.town, community_b=self.partner)
        url = organization.get_absolute_url()
        self.client.get(url)
        organization.partnerships.add(partnership)
        self.assertEqual(self.client.get(url)["X-Cache"], "miss")

    def test_signed_in_users_admin_health_and_missing_pages_are_not_cached(self):
        self.assertFalse(self.client.get("/cities/no-such-town/").has_header("X-Cache"))
        self.assertFalse(self.client.get(reverse("directory:healthz")).has_header("X-Cache"))
        self.client.force_login(User.objects.create_superuser("admin", password="not-used"))
        for url in (self.town.get_absolute_url(), reverse("admin:index")):
            self.client.get(url)
            self.assertFalse(self.client.get(url).has_header("X-Cache"), url)


@override_settings(PAGE_CACHE_SECONDS=0)
class NoPageCacheTests(CachingTestCase):
    def test_zero_seconds_turns_the_page_cache_off(self):
        self.client.get(self.town.get_absolute_url())
        self.assertFalse(self.client.get(self.town.get_absolute_url()).has_header("X-Cache"))
