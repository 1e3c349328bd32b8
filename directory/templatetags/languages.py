"""The site's two languages: links from a page to the same page in the other."""

from urllib.parse import urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.translation import get_language_from_path

register = template.Library()


# The pages served in both languages: those sistercities/urls.py puts in i18n_patterns.
TRANSLATED_NAMESPACES = {"directory"}


@register.filter
def in_language(url, language):
    """The address of the same page, with the same query, in ``language``:
    ``{{ request.get_full_path|in_language:"es" }}``. Pages only in English (the API's)
    keep their address; an address that names no page (a 404's) gets the other
    language's prefix, to say it is missing in that language too. The site's addresses
    are the same words in both languages: only the prefix changes."""
    parts = urlsplit(url)
    try:
        translated = resolve(parts.path).namespace in TRANSLATED_NAMESPACES
    except Resolver404:
        translated = True
    if not translated:
        return url
    return urlunsplit(parts._replace(path=with_prefix(parts.path, language)))


def with_prefix(path, language):
    """``path`` with its language prefix ("/es/...", none for English) set to
    ``language``'s."""
    current = get_language_from_path(path)
    if current and current != settings.LANGUAGE_CODE:
        path = path.removeprefix(f"/{current}")
    return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"
