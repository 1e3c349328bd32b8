"""Every public page and error page, as served, checked by the Nu Html Checker (vnu.jar).

The checker refuses loopback addresses, so the pages are fetched with Django's test
client, written to files and checked in one run of Java.
"""

import json
import subprocess
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from directory.views import server_error_or_unavailable

from .conftest import VNU
from .pages import PUBLIC_PAGES, in_both_languages, prepare
from .test_corrections import correction_pages


@pytest.mark.django_db
def test_every_public_page_is_valid_html(client, java, tmp_path):
    call_command("seed", stdout=StringIO())
    prepare()
    files = {}
    for name, url in (pair for page in PUBLIC_PAGES for pair in in_both_languages(page)):
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(response.content)
    for name, content in {**error_pages(client), **correction_pages(client)}.items():
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(content)

    # A page the checker must reject: proof that it ran and reported.
    control = tmp_path / "control.html"
    control.write_text('<!doctype html><html lang="en"><title>x</title><p><li>stray</p>')

    checked = [str(control), *map(str, files.values())]
    run = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *checked],
        capture_output=True,
        text=True,
        timeout=120,
    )
    errors = [
        f"{m['url'].rsplit('/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in json.loads(run.stderr)["messages"]
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert any(error.startswith("control.html") for error in errors), run.stderr
    errors = [error for error in errors if not error.startswith("control.html")]
    assert not errors, "\n".join(errors)


def error_pages(client):
    """The pages no address shows on purpose: the 500 and 503 pages in each language, the
    lockout page."""
    pages = {}
    for language in ("en", "es"):
        request = RequestFactory().get("/")
        with translation.override(language):
            pages[f"server-error-{language}"] = server_error_or_unavailable(request).content
            try:
                raise OperationalError("the database is down")
            except OperationalError:
                pages[f"unavailable-{language}"] = server_error_or_unavailable(request).content
    get_user_model().objects.create_user("locked", password="not-this-one-1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("admin:login"), {"username": "locked", "password": "x"})
    assert response.status_code == 429
    pages["lockout"] = response.content
    return pages
