"""Public pages: revalidated, cached and held by CDNs, all keyed on the directory's
generation (directory/models/generation.py), which every committed change moves on.

For an anonymous GET of a public page, PublicPageMiddleware
- answers ``304 Not Modified`` when the browser's ETag or date is still current, before
  the view runs;
- answers from the page cache (each process's memory, or Redis shared by every
  instance) for PAGE_CACHE_SECONDS;
- sends ETag, Last-Modified and ``Cache-Control: public, max-age=0, s-maxage=...``, so a
  browser revalidates every time and a CDN may hold the page for CDN_CACHE_SECONDS.

The JSON API (/api/) is public in the same way. Streamed responses (the CSV and JSON
downloads) get the validators and the 304s but are never stored: they can be large.

Signed-in users, the admin, /healthz, the correction form, errors and responses that set
a cookie get none of it. Templates cache their costly fragments under the same version,
``cache_version`` (see the context processor below), so a fragment is never older than
the directory.
"""

import functools
import hashlib
import logging

import django
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.functional import SimpleLazyObject
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language
from redis.exceptions import RedisError

from .models import Generation

logger = logging.getLogger(__name__)

PUBLIC_NAMESPACES = {"directory", "api"}
# Never cached nor answered with a 304: the health check, and the correction form and its
# thank-you page (a CSRF token, a report just sent).
UNCACHED_VIEWS = {"healthz", "community-correction", "correction-thanks"}
# What a deploy can change: the code, the templates, the static files and the translations.
RELEASE_FILES = (
    "directory/**/*.py",
    "templates/**/*",
    "static/**/*",
    "sistercities/**/*.py",
    "locale/**/*.po",
)


@functools.cache
def release():
    """A fingerprint of this deploy's code, templates and static files: part of every
    cache key and ETag, so that a new deploy never serves pages made by the old one."""
    digest = hashlib.sha256(django.get_version().encode())
    for pattern in RELEASE_FILES:
        for path in sorted(settings.BASE_DIR.glob(pattern)):
            if path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def version(request):
    """(``release-generation``, when it began in seconds) for this request, read from the
    database once."""
    if not hasattr(request, "_directory_version"):
        number, changed = Generation.objects.current()
        # HTTP dates count whole seconds.
        seconds = int(changed.timestamp()) if changed else None
        request._directory_version = (f"{release()}-{number}", seconds)
    return request._directory_version


def cache_version(request):
    """Context processor: ``cache_version`` for keys of cached template fragments,
    ``{% cache 3600 name what-it-shows cache_version %}``, with the page's language, as
    fragments are written in it. Read only when a template uses it."""
    return {"cache_version": SimpleLazyObject(lambda: f"{version(request)[0]}-{get_language()}")}


class PublicPageMiddleware:
    """Last in MIDDLEWARE: what it stores is the view's response before the outer
    middleware add their headers, so those are added afresh to every cached answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        public = getattr(request, "public_page", None)
        if public is None:
            return response
        if not public or not self.cacheable(request, response):
            add_never_cache_headers(response)
            return response
        self.add_validators(request, response)
        key = getattr(request, "page_cache_key", None)
        if key and not response.streaming:
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
            request.method not in ("GET", "HEAD")
            or match.namespace not in PUBLIC_NAMESPACES
            or match.url_name in UNCACHED_VIEWS
        ):
            return None
        # Read first, before the view reads any record: a fragment is then never
        # older than the generation in its key.
        etag, changed = version(request)
        # A signed-in user's copy of a page is never kept, by us or anyone else.
        request.public_page = settings.SESSION_COOKIE_NAME not in request.COOKIES
        if not request.public_page:
            return None
        not_modified = get_conditional_response(
            request, etag=quote_etag(etag), last_modified=changed
        )
        if not_modified is not None:
            self.add_validators(request, not_modified)
            return not_modified
        if not settings.PAGE_CACHE_SECONDS:
            return None
        # The whole address: pages name their host in canonical and Open Graph links.
        path = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        key = f"page:{etag}:{path}"
        try:
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
    def add_validators(request, response):
        etag, changed = version(request)
        response["ETag"] = quote_etag(etag)
        if changed:
            response["Last-Modified"] = http_date(changed)
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.CDN_CACHE_SECONDS)

    @staticmethod
    def cacheable(request, response):
        session = getattr(request, "session", None)
        return (
            response.status_code in (200, 206)  # 206: a range of a download
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.META.get("CSRF_COOKIE_USED")
            and not (session is not None and session.accessed)
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
