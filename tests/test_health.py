"""The health check, and the 503 page shown while the database is unreachable.

The same behaviour against a real PostgreSQL that is stopped and started again is in
test_faults.py; these tests stand in for the outage with a view that raises.
"""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import reverse

from directory.views import HomeView


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get(reverse("directory:healthz"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get(reverse("directory:healthz"))
    assert response.status_code == 503
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_lost_database_gives_the_503_page_in_the_site_design(client, error):
    with mock.patch.object(HomeView, "get_context_data", side_effect=error("server closed")):
        response = client.get(reverse("directory:home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "The directory is unavailable for a moment" in page
    assert 'class="site-header"' in page and 'class="site-footer"' in page


@pytest.mark.django_db
def test_other_errors_keep_the_500_page(client):
    with mock.patch.object(HomeView, "get_context_data", side_effect=ValueError("bug")):
        response = client.get(reverse("directory:home"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert not response.has_header("Retry-After")


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_when_the_directory_cannot_be_read(client):
    """A database that answers but has lost the directory's tables is not healthy."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE directory_generation RENAME TO directory_generation_gone")
    try:
        response = client.get(reverse("directory:healthz"))
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE directory_generation_gone RENAME TO directory_generation")
    assert response.status_code == 503
    assert client.get(reverse("directory:healthz")).status_code == 200
