"""How many reports one client address may send: CORRECTION_RATE_LIMIT an hour, counted
in Django's cache (shared by every instance when it is Redis).

The hour is the clock's: a window starts on the hour, so the time to try again is known
exactly. A cache that cannot be reached counts nothing and refuses nothing.
"""

import logging
import time

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 3600


def _key(request, now):
    window = int(now // WINDOW_SECONDS)
    return f"correction-reports:{get_client_ip_address(request)}:{window}"


def retry_after(request):
    """Seconds until this client may report again; 0 while it is under the limit."""
    now = time.time()
    try:
        count = cache.get(_key(request, now), 0)
    except RedisError:
        logger.warning("Cache unavailable; correction reports not limited", exc_info=True)
        return 0
    if count < settings.CORRECTION_RATE_LIMIT:
        return 0
    return WINDOW_SECONDS - int(now % WINDOW_SECONDS)


def count(request):
    """Count one report from this client."""
    key = _key(request, time.time())
    try:
        cache.add(key, 0, WINDOW_SECONDS)
        cache.incr(key)
    except ValueError:
        # The count was evicted between add() and incr().
        cache.set(key, 1, WINDOW_SECONDS)
    except RedisError:
        logger.warning("Cache unavailable; correction report not counted", exc_info=True)
