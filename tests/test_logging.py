"""Logs: one line per request from gunicorn, with the request id the response echoes,
and the application's error lines carrying the same id."""

import re

import pytest
from django.test import Client

from tests import live


def test_a_sane_incoming_request_id_is_kept_and_echoed(client):
    response = client.get("/robots.txt", headers={"X-Request-ID": "lb-7f3a9c21"})
    assert response["X-Request-ID"] == "lb-7f3a9c21"


@pytest.mark.parametrize(
    "incoming", ["", "short", "two words here", "<script>x</script>", "x" * 200]
)
def test_anything_else_gets_a_fresh_id(client, incoming):
    response = client.get("/robots.txt", headers={"X-Request-ID": incoming})
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_each_request_gets_its_own_id(client):
    assert client.get("/robots.txt")["X-Request-ID"] != client.get("/robots.txt")["X-Request-ID"]


def test_errors_logged_during_a_request_carry_its_id(caplog):
    with caplog.at_level("ERROR", logger="django.request"):
        response = Client(raise_request_exception=False).get(
            "/cities/", headers={"X-Request-ID": "trace-0042"}
        )
    # pytest-django refuses database access in this test, so the page fails.
    assert response.status_code == 500
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.request_id == "trace-0042"


@pytest.fixture(scope="module")
def unreachable_database_server(collected_static):
    """gunicorn against an SQLite file that cannot be opened: every page that reads the
    database fails, robots.txt does not."""
    gunicorn = live.Gunicorn(
        {"DATABASE_URL": "sqlite:////nonexistent-folder/db.sqlite3"}, workers=1
    )
    try:
        yield gunicorn.start()
    finally:
        gunicorn.cleanup()


def test_gunicorn_writes_one_line_per_request_and_errors_carry_its_id(
    unreachable_database_server,
):
    server = unreachable_database_server
    browser = live.Browser(server.url)
    ok = browser.get("/robots.txt", headers={"X-Request-ID": "first-request-1"})
    failed = browser.get("/faq/?x=1", headers={"X-Request-ID": "second-request-2"})
    generated = browser.get("/robots.txt").headers["X-Request-ID"]
    server.stop()
    lines = server.output().splitlines()

    assert ok.status == 200 and ok.headers["X-Request-ID"] == "first-request-1"
    assert failed.status == 503
    (first,) = [line for line in lines if "first-request-1" in line]
    access = r'"GET {} HTTP/1.1" {} \d+B \d+ms request_id={}$'
    assert re.search(access.format("/robots.txt", 200, "first-request-1"), first)
    second = [line for line in lines if "second-request-2" in line]
    assert len(second) == 2, second
    assert re.search(access.format(r"/faq/\?x=1", 503, "second-request-2"), second[1])
    assert (
        "ERROR django.request request_id=second-request-2 Service Unavailable: /faq/"
        in (second[0])
    )
    assert len([line for line in lines if generated in line]) == 1
