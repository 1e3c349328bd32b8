import pytest
from django.core.cache import caches
from django.test import override_settings
from django.utils import translation

from tests import live


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Serve static files without the collectstatic manifest that production uses."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Tests see pages drawn afresh; test_caching.py turns the page cache on."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: a test's changes are rolled back, generation
    numbers included, so the next test would find fragments cached under its numbers."""
    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request to a Spanish page leaves Spanish active in the thread (LocaleMiddleware
    sets the language of each request, and does not reset it): the next test, and its
    reverse() calls, start in the default language again."""
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def collected_static():
    """Hashed, compressed static files, as production serves them."""
    live.collect_static()


@pytest.fixture(scope="session")
def private_postgres(collected_static):
    """A private PostgreSQL with the site migrated and seeded, and a superuser."""
    live.require(live.postgres_missing())
    server = live.PrivatePostgres()
    try:
        server.create()
        live.prepare_site(server.url)
        yield server
    finally:
        server.destroy()


@pytest.fixture(autouse=True, scope="session")
def _plain_http():
    """The test client and the live server speak plain HTTP; production insists on HTTPS.

    Session-wide, so that it holds before the live server loads its middleware.
    """
    with override_settings(
        SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False
    ):
        yield
