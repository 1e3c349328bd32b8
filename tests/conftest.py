"""What every test shares, and the tiers the tests fall in.

Each test module belongs to tiers, named by markers that pyproject.toml declares:

- ``database``: what can differ from one database to another (models, search, filters,
  imports, migrations, the API, downloads, curation, bundles). CI runs these on SQLite
  as well as on PostgreSQL; everything else runs once, on PostgreSQL.
- ``browser``: a real Chromium, with axe-core and the Nu Html Checker (tests/browser/).
- ``live``: servers of their own (gunicorn, a private PostgreSQL, Redis); these ignore
  DATABASE_URL, and run in one worker process so that they share one private server.
- ``slow``: the whole Wikipedia import, and the API's property-based checks.

``make test`` runs every tier; ``make test-database`` the database tier alone.
"""

import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.utils import translation

from directory.opendata import files
from tests import live


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Serve static files without the collectstatic manifest that production uses."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _tasks_at_once(settings):
    """Background tasks run inside the request or command that enqueues them; the tests
    of the worker itself (test_import_jobs.py) start `manage.py db_worker`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _downloads_of_its_own(settings, tmp_path):
    """Each test writes the whole-directory files afresh (its generation numbers are
    another test's too), and has room for downloads it never reads to the end, which a
    real server would close; test_download_files.py sets the limits it tests."""
    settings.DOWNLOADS_DIR = str(tmp_path / "downloads")
    settings.DOWNLOADS_PER_ADDRESS = 50
    files.worker_slots.cache_clear()
    settings.DOWNLOADS_PER_WORKER = 50
    yield
    files.worker_slots.cache_clear()


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


TIERS = {
    "browser": {"browser"},
    "live": {
        "test_download_load.py",
        "test_faults.py",
        "test_import_jobs.py",
        "test_bundle_migration.py",
        "test_scale_out.py",
        "test_serve.py",
        "test_sqlite_writes.py",
    },
    "slow": {"test_import_wikipedia.py", "test_api_schema.py"},
    "database": {
        "test_admin.py",
        "test_api.py",
        "test_bundle.py",
        "test_caching_opendata.py",
        "test_concurrent_saves.py",
        "test_corrections.py",
        "test_corrections_admin.py",
        "test_countries.py",
        "test_curation.py",
        "test_domestic.py",
        "test_downloads.py",
        "test_filters.py",
        "test_gazetteer.py",
        "test_generate.py",
        "test_import.py",
        "test_import_input.py",
        "test_migrations.py",
        "test_models.py",
        "test_places.py",
        "test_seed.py",
        "test_seeking.py",
        "test_status_history.py",
        "test_verification.py",
        "test_views.py",
    },
}
TESTS = Path(__file__).resolve().parent


def tiers_of(path):
    """The tiers of the test module at ``path``: by its folder under tests/ (browser) or
    its file name (tests/test_models.py)."""
    top = Path(path).resolve().relative_to(TESTS).parts[0]
    return [tier for tier, places in TIERS.items() if top in places]


def pytest_collection_modifyitems(config, items):
    for item in items:
        for tier in tiers_of(item.path):
            item.add_marker(tier)
        if "live" in tiers_of(item.path):
            # One worker for the tests that share a private PostgreSQL (pytest-xdist).
            item.add_marker(pytest.mark.xdist_group("live"))


# The Debian packages a skip reason names ("... (Debian: apt-get install chromium)").
PACKAGES = re.compile(r"apt-get install ([\w.+ -]+?)\)")
NOT_TESTED = pytest.StashKey[str]()


def pytest_terminal_summary(terminalreporter, config):
    """Name the tools whose absence skipped tests, and the command that installs them,
    in one plain line that ends the run (pytest_unconfigure writes it after pytest's
    own summary), so that a green run never hides untested parts."""
    reasons = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        if PACKAGES.search(reason):
            reasons[reason.removeprefix("Skipped: ")] += 1
    if not reasons:
        return
    packages = sorted({p for reason in reasons for p in PACKAGES.search(reason)[1].split()})
    missing = "; ".join(f"{reason} ({count})" for reason, count in reasons.items())
    config.stash[NOT_TESTED] = (
        f"NOT TESTED: {sum(reasons.values())} tests skipped for want of: {missing}. "
        f"Install with: sudo apt-get install {' '.join(packages)}"
    )


def pytest_unconfigure(config):
    line = config.stash.get(NOT_TESTED, "")
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if line and reporter:
        reporter.write_line(line, yellow=True, bold=True)
