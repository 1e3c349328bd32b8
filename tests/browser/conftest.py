"""A real browser (Debian's Chromium, driven by Playwright) against the live site.

Chromium, Java and the npm tools (axe-core, the Nu Html Checker) are machine
dependencies: without one of them these tests are skipped with the reason, except
under CI=true, where a missing tool fails the run instead.
"""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests import live
from tests.live import require

from .pages import prepare

ROOT = Path(__file__).resolve().parent.parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Full-page screenshots of the pages axe checks, only when SCREENSHOTS=1: a person
# opens them in var/screenshots/; the tests read nothing from them.
SCREENSHOTS = ROOT / "var" / "screenshots" if os.environ.get("SCREENSHOTS") == "1" else None
WIDTHS = {"wide": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's synchronous API runs an event loop in this thread, and Django then
# refuses ORM calls from it (SynchronousOnlyOperation). Test set-up here is plain
# synchronous code, so the check does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_missing():
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (make install)"
    return ""


def node_tool_missing(path):
    if not path.exists():
        where = path.relative_to(ROOT)
        return f"{where} is missing (make install runs npm ci; Debian: apt-get install npm)"
    return ""


@pytest.fixture(scope="session")
def browser():
    require(chromium_missing())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's address, with the seed data loaded: for tests that write, or
    that add records of their own. Each such test has the database to itself."""
    call_command("seed", stdout=StringIO())
    prepare()
    return live_server.url


@pytest.fixture(scope="session")
def seeded_site(collected_static, tmp_path_factory, worker_id):
    """For the tests that only read: gunicorn, as in production, over a database of its
    own, migrated, seeded and prepared once per session (and test process)."""
    url = live.scratch_database(
        f"sistercities_site_{worker_id}_{os.getpid()}", tmp_path_factory.mktemp("site")
    )
    server = None
    try:
        live.prepare_site(url)
        live.manage(
            {"DATABASE_URL": url},
            "shell",
            "-c",
            "from tests.browser.pages import prepare; prepare()",
        )
        server = live.Gunicorn({"DATABASE_URL": url}).start()
        yield server.url
    finally:
        if server:
            server.cleanup()
        live.drop_database(url)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=WIDTHS["wide"])
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def java():
    path = shutil.which("java")
    require("" if path else "Java not found (Debian: apt-get install default-jre-headless)")
    require(node_tool_missing(VNU))
    return path
