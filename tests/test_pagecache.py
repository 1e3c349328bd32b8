"""The public page cache: what it stores, what it never stores, and that a change to the
directory empties it at once. Run against a local-memory cache here; test_scale_out.py
runs it against Redis shared by two gunicorn instances."""

from django.contrib.auth.models import User
from django.test import TestCase, override_settings
from django.urls import reverse

from directory.models import Community, Organization, Partnership, Source

LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@override_settings(CACHES=LOCAL_CACHE, PAGE_CACHE_SECONDS=300)
class PageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.town = Community.objects.create(name="Alderbrook", country="US")
        cls.partner = Community.objects.create(name="Lindenau", country="DE")
        cls.source = Source.objects.create(name="Town records")

    def setUp(self):
        from django.core.cache import cache

        cache.clear()

    def test_a_second_request_is_answered_from_the_cache_without_queries(self):
        url = self.town.get_absolute_url()
        first = self.client.get(url)
        self.assertEqual(first["X-Cache"], "miss")
        with self.assertNumQueries(0):
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

    def test_a_committed_change_shows_at_once(self):
        url = self.town.get_absolute_url()
        self.client.get(url)
        with self.captureOnCommitCallbacks(execute=True):
            Partnership.objects.create(
                community_a=self.town, community_b=self.partner, source=self.source
            )
        response = self.client.get(url)
        self.assertEqual(response["X-Cache"], "miss")
        self.assertContains(response, "Lindenau")

    def test_many_to_many_changes_empty_the_cache_too(self):
        organization = Organization.objects.create(name="Alderbrook Twinning Society")
        partnership = Partnership.objects.create(
            community_a=self.town, community_b=self.partner, source=self.source
        )
        url = organization.get_absolute_url()
        self.client.get(url)
        with self.captureOnCommitCallbacks(execute=True):
            organization.partnerships.add(partnership)
        self.assertEqual(self.client.get(url)["X-Cache"], "miss")

    def test_signed_in_users_admin_health_and_missing_pages_are_not_cached(self):
        self.assertFalse(self.client.get("/cities/no-such-town/").has_header("X-Cache"))
        self.assertFalse(self.client.get(reverse("directory:healthz")).has_header("X-Cache"))
        self.client.force_login(User.objects.create_superuser("admin", password="not-used"))
        for url in (self.town.get_absolute_url(), reverse("admin:index")):
            self.client.get(url)
            self.assertFalse(self.client.get(url).has_header("X-Cache"), url)


class NoPageCacheWithoutSharedCacheTests(TestCase):
    def test_pages_are_not_cached_by_default(self):
        town = Community.objects.create(name="Alderbrook", country="US")
        self.client.get(town.get_absolute_url())
        self.assertFalse(self.client.get(town.get_absolute_url()).has_header("X-Cache"))
