"""Two gunicorn instances on one PostgreSQL serve the same site: nothing is kept on local
disk or in one process's memory, so an edit through one shows at once on the other,
with and without the Redis page cache."""

import os

import pytest
from django.urls import reverse

from tests import live

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(scope="module")
def redis_url():
    """A Redis database of its own for these tests, emptied before use."""
    import redis

    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.RedisError as error:
        live.require(
            f"Redis not reachable at {TEST_REDIS_URL} ({error}; "
            "Debian: apt-get install redis-server)"
        )
    return TEST_REDIS_URL


def two_instances(env):
    return [live.Gunicorn(env, workers=2) for _ in range(2)]


@pytest.fixture
def instances(private_postgres):
    yield from started(two_instances({"DATABASE_URL": private_postgres.url}))


def started(servers):
    try:
        yield [server.start() for server in servers]
    finally:
        for server in servers:
            server.cleanup()


def community(postgres, slug):
    with postgres.connect() as conn:
        return conn.execute(
            "SELECT id, name FROM directory_community WHERE slug = %s", [slug]
        ).fetchone()


def rename_in_admin(server, community_id, name):
    admin = live.Browser(server.url).log_in_to_admin(reverse("admin:login"))
    path = reverse("admin:directory_community_change", args=[community_id])
    response = admin.submit(path, {"name": name})
    assert response.status == 302, response.text[:2000]


def test_an_edit_through_one_instance_shows_at_once_on_the_other(private_postgres, instances):
    """Without Redis each process caches pages in its own memory, keyed on the generation
    that every process reads from the database."""
    a, b = instances
    community_id, name = community(private_postgres, "okayama")
    page = "/cities/okayama/"
    reader = live.Browser(b.url)
    answers = [reader.get(page) for _ in range(6)]
    assert name in answers[0].text
    assert "hit" in [answer.headers["X-Cache"] for answer in answers], "B caches the page"

    rename_in_admin(a, community_id, "Okayama City")

    answers = [reader.get(page) for _ in range(4)]  # whichever of B's workers answers
    assert all("Okayama City" in answer.text for answer in answers)
    assert answers[0].headers["X-Cache"] == "miss", "no worker has the new page yet"


@pytest.fixture
def cached_instances(private_postgres, redis_url):
    yield from started(
        two_instances({"DATABASE_URL": private_postgres.url, "REDIS_URL": redis_url})
    )


def test_with_redis_both_instances_share_the_page_cache_and_an_edit_empties_it(
    private_postgres, cached_instances
):
    a, b = cached_instances
    community_id, _ = community(private_postgres, "veracruz")
    page = "/cities/veracruz/"
    reader_a, reader_b = live.Browser(a.url), live.Browser(b.url)
    # As behind a load balancer: both instances are asked for the same host.
    same_host = {"Host": "127.0.0.1"}
    first = reader_b.get(page, headers=same_host)
    assert first.headers["X-Cache"] == "miss"
    again = [reader_b.get(page, headers=same_host).headers["X-Cache"] for _ in range(4)]
    assert again == ["hit"] * 4
    from_a = reader_a.get(page, headers=same_host)
    assert from_a.headers["X-Cache"] == "hit" and from_a.body == first.body

    rename_in_admin(a, community_id, "Heroica Veracruz")

    for reader in (reader_b, reader_a):
        response = reader.get(page, headers=same_host)
        assert "Heroica Veracruz" in response.text
    assert response.headers["X-Cache"] == "hit", "the new page is cached again"
    assert "Heroica Veracruz" in reader_b.get("/cities/?q=heroica").text
