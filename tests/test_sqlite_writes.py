"""On SQLite, the default database, pages go on answering while a long write holds the
database's write lock (write-ahead logging), a second writer waits for the first
instead of failing, and the workers share one count of each rate limit. Always an SQLite
file, whatever DATABASE_URL names."""

import sqlite3
import time

import pytest

from tests import live

PAGES = ["/", "/cities/?q=okayama", "/cities/okayama/", "/countries/jp/", "/healthz"]


@pytest.fixture(scope="module")
def site(tmp_path_factory, collected_static):
    path = tmp_path_factory.mktemp("sqlite") / "site.sqlite3"
    live.prepare_site(f"sqlite:///{path}")
    server = live.Gunicorn(
        {"DATABASE_URL": f"sqlite:///{path}", "SQLITE_TIMEOUT": "3", "CORRECTION_RATE_LIMIT": "3"},
        workers=3,
    )
    try:
        yield server.start(), path
    finally:
        server.cleanup()


def test_the_database_is_in_write_ahead_mode(site):
    _, path = site
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_pages_answer_within_a_second_while_a_writer_holds_the_lock(site):
    server, path = site
    browser = live.Browser(server.url)
    for page in PAGES:  # each worker's first view of a page is not what is measured
        browser.get(page)
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        # Like an import: more written than the writer's cache holds, which in SQLite's
        # rollback-journal mode takes the exclusive lock that shuts every reader out.
        writer.execute("PRAGMA cache_size = 1")
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("CREATE TABLE filler (data BLOB)")
        writer.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
            "INSERT INTO filler SELECT randomblob(1000) FROM n"
        )
        writer.execute("UPDATE directory_community SET region = region || ''")
        for page in PAGES * 3:
            started = time.monotonic()
            response = browser.get(page)
            assert (response.status, page) == (200, page)
            assert time.monotonic() - started < 1, page
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_the_workers_share_one_count_of_correction_reports(site):
    """Three workers, a limit of three reports an hour: each report a new connection,
    so they reach different workers, and still the fourth is refused."""
    server, _ = site
    path = "/cities/okayama/correction/"
    statuses = [
        live.Browser(server.url)
        .submit(path, {"what": f"Report {number}.", "evidence": "https://example.org/"})
        .status
        for number in range(6)
    ]
    assert statuses == [302] * 3 + [429] * 3, statuses
