"""A shared cache of the public pages, emptied at once by any change to the directory.

Anonymous GET requests for the directory's pages are answered from the cache (Redis,
shared by every instance) for PAGE_CACHE_SECONDS. Each cache key holds a generation
number, and every committed change to a directory record moves to a new generation,
so no instance serves a page older than the last admin save. Pages for a signed-in
user, the admin, /healthz and responses that set a cookie are never cached.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-generation"
UNCACHED_VIEWS = {"healthz"}


def current_generation():
    # A lost generation restarts from the clock, never from a number used before.
    return cache.get_or_set(GENERATION_KEY, time.time_ns, timeout=None)


def next_generation():
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    except RedisError:
        logger.exception("Could not empty the page cache; pages may be stale for a while")


def directory_changed(sender, **kwargs):
    """post_save, post_delete and m2m_changed: new pages once the change is committed."""
    if settings.PAGE_CACHE_SECONDS and sender._meta.app_label == "directory":
        transaction.on_commit(next_generation)


class PublicPageCacheMiddleware:
    """Last in MIDDLEWARE: it stores the view's response before the outer middleware add
    their headers, so those headers are added afresh to every cached answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "page_cache_key", None)
        if key and self.cacheable(request, response):
            entry = (response.status_code, list(response.items()), response.content)
            try:
                cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            except RedisError:
                logger.warning("Page cache unavailable; page not stored", exc_info=True)
            response["X-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            not settings.PAGE_CACHE_SECONDS
            or request.method != "GET"
            or match.namespace != "directory"
            or match.url_name in UNCACHED_VIEWS
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return None
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        try:
            key = f"page:{current_generation()}:{path}"
            entry = cache.get(key)
        except RedisError:
            logger.warning("Page cache unavailable; page served uncached", exc_info=True)
            return None
        if entry is None:
            request.page_cache_key = key
            return None
        status, headers, content = entry
        response = HttpResponse(content, status=status, headers=headers)
        response["X-Cache"] = "hit"
        return response

    @staticmethod
    def cacheable(request, response):
        session = getattr(request, "session", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not (session is not None and session.modified)
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
