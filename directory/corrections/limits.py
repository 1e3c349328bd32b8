"""How many reports one client address may send: CORRECTION_RATE_LIMIT an hour, counted
by the counters every worker shares (directory/counting.py).

The hour is the clock's: a window starts on the hour, so the time to try again is known
exactly.
"""

import time

from django.conf import settings

from directory import counting

WINDOW_SECONDS = 3600


def _key(request, now):
    window = int(now // WINDOW_SECONDS)
    return f"correction-reports:{counting.client_address(request)}:{window}"


def retry_after(request):
    """Seconds until this client may report again; 0 while it is under the limit."""
    now = time.time()
    if counting.get(_key(request, now)) < settings.CORRECTION_RATE_LIMIT:
        return 0
    return WINDOW_SECONDS - int(now % WINDOW_SECONDS)


def count(request):
    """Count one report from this client."""
    counting.add(_key(request, time.time()), WINDOW_SECONDS)
