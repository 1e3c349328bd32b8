"""bin/start, what `make serve` and the Docker image run: it refuses to start without a
secret key, and on a new database it migrates, seeds and serves production pages."""

import os
import subprocess

import pytest

from tests import live


def test_start_refuses_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    result = subprocess.run(
        [live.ROOT / "bin" / "start"], env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 1
    assert "SECRET_KEY is not set" in result.stderr


@pytest.fixture(scope="module")
def started(private_postgres):
    with private_postgres.connect(autocommit=True) as conn:
        conn.execute("CREATE DATABASE fresh")
    url = private_postgres.url.rsplit("/", 1)[0] + "/fresh"
    server = live.Gunicorn(
        {"DATABASE_URL": url}, workers=1, command=[str(live.ROOT / "bin" / "start")]
    )
    try:
        yield server.start()
    finally:
        server.cleanup()


def test_start_migrates_seeds_and_serves_a_new_database(started):
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
