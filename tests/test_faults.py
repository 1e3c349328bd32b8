"""The site over a database outage: real gunicorn, a private PostgreSQL stopped and started.

While PostgreSQL is down every page answers 503 in the site's design and /healthz says
so; once it is back the same gunicorn workers serve again (their stale connections are
dropped by the connection health checks), and an admin save or an import caught by the
outage is rolled back whole.
"""

import os
import subprocess
import sys
import threading

import pytest
from django.urls import reverse

from tests import live

PAGES = ["/", "/cities/?q=san", "/directory/", "/faq/", "/history/"]
UNAVAILABLE = "The directory is unavailable for a moment"


@pytest.fixture(scope="module")
def server(private_postgres):
    gunicorn = live.Gunicorn({"DATABASE_URL": private_postgres.url}, workers=2)
    try:
        yield gunicorn.start()
    finally:
        gunicorn.cleanup()


@pytest.fixture
def postgres(private_postgres):
    """The private PostgreSQL, running again after the test whatever happened."""
    yield private_postgres
    if not (private_postgres.data / "postmaster.pid").exists():
        private_postgres.start()


class Traffic(threading.Thread):
    """Requests one page after another until stopped, recording each status."""

    def __init__(self, base_url):
        super().__init__(daemon=True)
        self.browser = live.Browser(base_url)
        self.statuses = []
        self.halt = threading.Event()

    def run(self):
        while not self.halt.is_set():
            for path in PAGES:
                try:
                    self.statuses.append(self.browser.get(path, timeout=10).status)
                except OSError as error:
                    self.statuses.append(repr(error))

    def stop(self):
        self.halt.set()
        self.join(timeout=15)
        return set(self.statuses)


def all_pages_answer(browser, status):
    return all(browser.get(path, timeout=5).status == status for path in PAGES * 2)


def test_pages_answer_503_while_the_database_is_down_and_recover_without_a_restart(
    server, postgres
):
    browser = live.Browser(server.url)
    assert all_pages_answer(browser, 200)
    traffic = Traffic(server.url)
    traffic.start()
    live.wait_for(lambda: len(traffic.statuses) > 5, timeout=10, message="traffic")

    postgres.stop("fast")
    try:
        for path in PAGES:
            response = browser.get(path)
            assert response.status == 503, path
            assert response.headers["Retry-After"] == "30"
            assert UNAVAILABLE in response.text
            assert 'class="site-header"' in response.text
        assert browser.get("/healthz").status == 503
    finally:
        postgres.start()

    live.wait_for(lambda: all_pages_answer(browser, 200), timeout=5, message="pages back")
    assert browser.get("/healthz").status == 200
    assert traffic.stop() <= {200, 503}, "no 500s and no dropped connections"
    assert server.process.poll() is None, "gunicorn kept running"


def snapshot(postgres, community_id, partnership_id):
    """The rows an admin save of the community would write, as the database holds them."""
    with postgres.connect() as conn:
        return [
            conn.execute(query, [value]).fetchall()
            for query, value in [
                ("SELECT * FROM directory_community WHERE id = %s", community_id),
                ("SELECT * FROM directory_partnership WHERE id = %s", partnership_id),
                (
                    "SELECT * FROM directory_historicalcommunity WHERE id = %s "
                    "ORDER BY history_id",
                    community_id,
                ),
                (
                    "SELECT * FROM directory_historicalpartnership WHERE id = %s "
                    "ORDER BY history_id",
                    partnership_id,
                ),
                ("SELECT * FROM django_admin_log WHERE object_id = %s", str(community_id)),
            ]
        ]


def test_an_admin_save_cut_off_by_the_outage_leaves_no_trace(server, postgres):
    """Rename a community and change one of its partnerships in one admin save, and stop
    PostgreSQL abruptly while the save is between its writes.

    A second connection holds a lock on the admin's change log table, the last thing the
    save writes: by then the community, its partnership and both history rows are written
    in the save's transaction, which waits on the lock. `pg_ctl stop -m immediate` then
    kills the server mid-transaction; after the restart nothing of the save may remain.
    """
    with postgres.connect() as conn:
        community_id, partnership_id, year = conn.execute(
            "SELECT p.community_a_id, p.id, p.established_year FROM directory_partnership p "
            "WHERE p.established_on IS NULL AND p.ended_year IS NULL "
            "AND p.established_year IS NOT NULL ORDER BY p.id LIMIT 1"
        ).fetchone()
    before = snapshot(postgres, community_id, partnership_id)
    admin = live.Browser(server.url).log_in_to_admin(reverse("admin:login"))
    change_path = reverse("admin:directory_community_change", args=[community_id])
    form = live.FormValues(change_path)
    form.feed(admin.get(change_path).text)
    year_field = next(
        name.replace("-id", "-established_year")
        for name, value in form.values.items()
        if name.endswith("-id") and value == [str(partnership_id)]
    )
    changes = {"name": "Renamed during the outage", year_field: str(year - 1)}

    locker = postgres.connect()
    locker.execute("LOCK TABLE django_admin_log IN SHARE MODE")
    result = {}
    save = threading.Thread(
        target=lambda: result.update(response=admin.submit(change_path, changes, timeout=30)),
        daemon=True,
    )
    try:
        save.start()
        with postgres.connect(autocommit=True) as watcher:
            live.wait_for(
                lambda: watcher.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND query LIKE 'INSERT INTO \"django_admin_log\"%'"
                ).fetchone(),
                timeout=10,
                message="the admin save to wait on the lock",
            )
        postgres.stop("immediate")
    finally:
        locker.close()
    save.join(timeout=15)
    postgres.start()

    assert result["response"].status == 503
    assert snapshot(postgres, community_id, partnership_id) == before
    # And the same save goes through once the database is back.
    response = admin.submit(change_path, changes)
    assert response.status == 302, response.text[:2000]
    after = snapshot(postgres, community_id, partnership_id)
    assert after[0] != before[0] and len(after[2]) == len(before[2]) + 1


COUNTS = (
    "SELECT (SELECT count(*) FROM directory_community), "
    "(SELECT count(*) FROM directory_partnership), (SELECT count(*) FROM directory_citation)"
)


def test_an_import_cut_off_by_the_outage_leaves_no_trace(postgres, tmp_path):
    """Stop PostgreSQL abruptly while an import is between its writes.

    A second connection locks the citation table, the last the import writes to: by then
    its communities and partnerships are written in its transaction, which waits on the
    lock. After `pg_ctl stop -m immediate` and a restart nothing of the import may remain,
    and the same import then goes through.
    """
    data = tmp_path / "pairs.csv"
    data.write_text(
        "city1,country1,city2,country2\nOutage Town,Peru,Outage City,Japan\n"
        "Outage Town,Peru,Outage Village,Norway\n",
        encoding="utf-8",
    )
    with postgres.connect() as conn:
        before = conn.execute(COUNTS).fetchone()
    command = [sys.executable, "manage.py", "import_partnerships", str(data)]
    command.append("--source=wikipedia-twin-towns")
    env = {**os.environ, **live.SERVER_ENV, "DATABASE_URL": postgres.url}
    locker = postgres.connect()
    locker.execute("LOCK TABLE directory_citation IN SHARE MODE")
    importer = subprocess.Popen(
        command, cwd=live.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        with postgres.connect(autocommit=True) as watcher:
            live.wait_for(
                lambda: watcher.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND query LIKE 'INSERT INTO \"directory_citation\"%'"
                ).fetchone(),
                timeout=30,
                message="the import to wait on the lock",
            )
        postgres.stop("immediate")
    finally:
        locker.close()
    assert importer.wait(timeout=30) != 0
    postgres.start()

    with postgres.connect() as conn:
        assert conn.execute(COUNTS).fetchone() == before
    subprocess.run(command, cwd=live.ROOT, env=env, check=True, capture_output=True, timeout=60)
    with postgres.connect() as conn:
        communities, partnerships, citations = conn.execute(COUNTS).fetchone()
    assert (communities, partnerships, citations) == (
        before[0] + 3,
        before[1] + 2,
        before[2] + 2,
    )
