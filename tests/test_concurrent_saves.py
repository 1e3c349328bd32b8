"""Two curators saving the same record at the same moment, on a real PostgreSQL.

The two saves are made to overlap: a third connection holds a lock on the admin's change
log, the last table a save writes, so the first save stops there with its record written
but not committed. The second save starts then, and both wait until the lock is released.
Only one may land; the other is refused and told what the first one changed. A check
that read the version without locking the row would let the second save through, over
the first.
"""

import threading

import psycopg
import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client

from directory.models import Question, Source
from tests import live
from tests.factories import SourceFactory
from tests.test_admin import admin_url, change_form_data
from tests.test_curation import STALE, changelist_data, row_of

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for concurrent transactions: set DATABASE_URL")


def curator_client(username):
    client = Client()
    client.force_login(User.objects.create_superuser(username, password="not-used"))
    return client


def waiting_for_locks():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


class Post(threading.Thread):
    """A client's POST in a thread, with its own database connection."""

    def __init__(self, client, url, data):
        super().__init__(daemon=True)
        self.client, self.url, self.data = client, url, data
        self.response = None

    def run(self):
        try:
            self.response = self.client.post(self.url, self.data)
        finally:
            connection.close()


def overlapping(*posts):
    """Run the posts so that each starts while the ones before it are mid-transaction;
    return their responses."""
    settings = connection.settings_dict
    locker = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
    )
    try:
        locker.execute("LOCK TABLE django_admin_log IN SHARE MODE")
        for waiting, post in enumerate(posts, start=1):
            post.start()
            live.wait_for(lambda n=waiting: waiting_for_locks() >= n, 20, message="a lock wait")
    finally:
        locker.close()  # ends its transaction: the lock goes
    for post in posts:
        post.join(timeout=30)
    return [post.response for post in posts]


def test_two_change_forms_saved_at_once_one_is_refused():
    source = SourceFactory(description="As both curators opened it.")
    url = admin_url(Source, "change", source.pk)
    first, second = curator_client("first"), curator_client("second")
    first_data = change_form_data(first.get(url))
    second_data = change_form_data(second.get(url))
    first_data["description"] = "The first curator wrote this."
    second_data["description"] = "The second curator wrote this."
    entries = source.history.count()

    saved, refused = overlapping(Post(first, url, first_data), Post(second, url, second_data))

    assert saved.status_code == 302
    assert refused.status_code == 200
    page = refused.content.decode()
    assert STALE in page
    assert "saved by first" in page
    assert "which changed description: “The first curator wrote this.”" in page
    source.refresh_from_db()
    assert source.description == "The first curator wrote this."
    assert source.history.count() == entries + 1


def test_two_changelist_submits_at_once_one_is_refused_whole():
    first, second = curator_client("first"), curator_client("second")
    url = admin_url(Question, "changelist")
    for position in (1, 2):
        Question.objects.create(question=f"Question {position}?", answer="Yes.", position=position)
    one, two = Question.objects.all()[:2]
    first_data = changelist_data(first.get(url))
    second_data = changelist_data(second.get(url))
    first_data[row_of(first_data, one) + "position"] = "10"
    second_data[row_of(second_data, one) + "position"] = "20"
    second_data[row_of(second_data, two) + "position"] = "30"

    saved, refused = overlapping(Post(first, url, first_data), Post(second, url, second_data))

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert "which changed position: “10”" in refused.content.decode()
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.position, two.position) == (10, 2)
