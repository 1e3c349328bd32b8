"""A deploy: `manage.py release` prepares the database once (one release at a time, under
a lock), then bin/start, what `make serve` and the Docker image run, serves production
pages. bin/start refuses to start without a secret key, or on a database that release
has not prepared."""

import fcntl
import os
import subprocess
import sys
import time

import psycopg
import pytest

from directory.management.commands.release import LOCK_KEY
from tests import live

START = [str(live.ROOT / "bin" / "start")]


def test_start_refuses_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    result = subprocess.run(START, env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert "SECRET_KEY is not set" in result.stderr


def release(env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "release"],
        cwd=live.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture(scope="module")
def fresh(private_postgres):
    """A new, empty database on the private PostgreSQL, and the environment to serve it."""
    with private_postgres.connect(autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS fresh")
        conn.execute("CREATE DATABASE fresh")
    url = private_postgres.url.rsplit("/", 1)[0] + "/fresh"
    return live.Gunicorn({"DATABASE_URL": url}, workers=1, command=START)


@pytest.fixture(scope="module")
def started(fresh):
    refused = subprocess.run(START, env=fresh.env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1, refused.stdout
    assert "run 'python manage.py release' first" in refused.stderr

    # Two deploys release at once: one migrates and seeds, the other waits, then finds
    # the migrations applied and the database no longer empty.
    both = [release(fresh.env) for _ in range(2)]
    outputs = [process.communicate(timeout=300)[0] for process in both]
    assert [process.returncode for process in both] == [0, 0], outputs
    assert sum("seed data not loaded" in output for output in outputs) == 1, outputs
    assert sum("No migrations to apply." in output for output in outputs) == 1, outputs
    try:
        yield fresh.start()
    finally:
        fresh.cleanup()


def test_a_release_waits_for_the_one_under_way(started):
    """While another release holds the lock, a new one waits; then it goes ahead, and on a
    database already prepared it changes nothing."""
    url = started.env["DATABASE_URL"].replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        waiting = release(started.env)
        time.sleep(3)
        assert waiting.poll() is None, waiting.communicate()[0]
        holder.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        output = waiting.communicate(timeout=120)[0]
    assert waiting.returncode == 0, output
    assert "No migrations to apply." in output and "seed data not loaded" in output


def test_release_then_start_serves_a_new_database(started):
    response = live.Browser(started.url).get("/cities/okayama/")
    assert response.status == 200 and "Okayama" in response.text
    healthcheck = subprocess.run(
        [live.ROOT / "bin" / "healthcheck"],
        env=started.env,
        capture_output=True,
        timeout=10,
    )
    assert healthcheck.returncode == 0, healthcheck.stderr


def test_static_files_are_hashed_compressed_and_cached_for_a_year(started):
    browser = live.Browser(started.url)
    page = browser.get("/faq/").text
    stylesheet = page.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert stylesheet.startswith("/static/css/site.") and stylesheet != "/static/css/site.css"
    for encoding in ("br", "gzip"):
        response = browser.get(stylesheet, headers={"Accept-Encoding": encoding})
        assert response.status == 200
        assert response.headers["Content-Encoding"] == encoding
        assert "max-age=315360000" in response.headers["Cache-Control"]
        assert "immutable" in response.headers["Cache-Control"]


def test_security_headers_through_gunicorn(started):
    browser = live.Browser(started.url)
    page = browser.get("/cities/okayama/")
    stylesheet = page.text.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    for response in (page, browser.get(stylesheet), browser.get("/healthz")):
        assert response.status == 200
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "camera=()" in response.headers["Permissions-Policy"]


def test_on_sqlite_a_release_waits_for_the_lock_file_beside_the_database(tmp_path):
    database = tmp_path / "site.sqlite3"
    env = {**os.environ, **live.SERVER_ENV, "DATABASE_URL": f"sqlite:///{database}"}
    with open(f"{database}.release-lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        waiting = release(env)
        time.sleep(3)
        assert waiting.poll() is None, waiting.communicate()[0]
        assert not database.exists()  # it has not begun to migrate
        fcntl.flock(lock, fcntl.LOCK_UN)
        output = waiting.communicate(timeout=300)[0]
    assert waiting.returncode == 0, output
    assert "Release done." in output and database.exists()
