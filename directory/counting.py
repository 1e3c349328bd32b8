"""Counters shared by every web worker, for rate limits, and the client address they
count by.

With REDIS_URL the counters live in Redis (its atomic INCR); without, in the database
(the Count table, one atomic upsert a count). Never in a worker's own memory, where
each worker would count alone and page traffic could evict a count. A store that cannot
be reached counts nothing and refuses nothing: the limits are a defence against floods,
not a reason to fail a request.
"""

import ipaddress
import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from redis.exceptions import RedisError

from directory.models import Count

logger = logging.getLogger(__name__)


def client_address(request):
    """The client's address: REMOTE_ADDR. Behind a proxy (BEHIND_PROXY), the last
    address of X-Forwarded-For, the one the proxy itself appended: every address before
    it is what the client sent, and anyone can send anything."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "")


def add(key, seconds):
    """Count one more for ``key``, which expires ``seconds`` after its first count;
    the count so far, or 0 when the store cannot be reached."""
    try:
        if settings.REDIS_URL:
            cache = caches["default"]
            cache.add(key, 0, seconds)
            return cache.incr(key)
        return add_in_database(key, seconds)
    except (RedisError, DatabaseError, ValueError):
        logger.warning("Counter store unavailable; %s not counted", key, exc_info=True)
        return 0


def get(key):
    """The count of ``key``; 0 when it has expired or the store cannot be reached."""
    try:
        if settings.REDIS_URL:
            return caches["default"].get(key, 0)
        return (
            Count.objects.filter(key=key, expires__gt=timezone.now())
            .values_list("count", flat=True)
            .first()
            or 0
        )
    except (RedisError, DatabaseError):
        logger.warning("Counter store unavailable; %s not read", key, exc_info=True)
        return 0


def add_in_database(key, seconds):
    now = timezone.now()
    expires = Count._meta.get_field("expires")
    until, now_value = (
        expires.get_db_prep_value(value, connection)
        for value in (now + timedelta(seconds=seconds), now)
    )
    q = connection.ops.quote_name
    table, key_, count_, expires_ = q(Count._meta.db_table), q("key"), q("count"), q("expires")
    live = f"{table}.{expires_} > %s"
    with transaction.atomic(), connection.cursor() as cursor:
        # One statement, so two workers counting at once both count (PostgreSQL; SQLite
        # 3.35 or later). An expired count starts again from one.
        cursor.execute(
            f"INSERT INTO {table} ({key_}, {count_}, {expires_}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({key_}) DO UPDATE SET "
            f"{count_} = CASE WHEN {live} THEN {table}.{count_} + 1 ELSE 1 END, "
            f"{expires_} = CASE WHEN {live} THEN {table}.{expires_} ELSE excluded.{expires_} END "
            f"RETURNING {count_}",
            [key, until, now_value, now_value],
        )
        (count,) = cursor.fetchone()
        if count == 1:  # a new window: clear away the expired counts
            Count.objects.filter(expires__lte=now).delete()
    return count
