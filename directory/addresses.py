"""The addresses of the site's pages, each worked out once in each language. A long list
links each of its rows to a page, and reverse() walks the URL patterns on every call: an
uncached community page asked for about 40 addresses, 4% of its time."""

import functools
import re

from django.urls import get_script_prefix, reverse
from django.utils import translation

# What a <slug:...> part of a route accepts, and reverse() puts in the address as it is.
SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
# A slug that stands for any other in an address worked out once.
STAND_IN = "slug-stand-in"


def address(name, *args):
    """``reverse(name, args=args)``, remembered: for the addresses that many pages or
    rows share (the header's links, a country's page)."""
    return known(name, args, translation.get_language(), get_script_prefix())


@functools.lru_cache(maxsize=2048)
def known(name, args, language, prefix):
    # ``language`` and ``prefix`` are what reverse() reads besides its arguments.
    return reverse(name, args=args)


def with_slug(name, slug):
    """``reverse(name, args=[slug])`` for a route whose one part is a slug, at the cost of
    a string replacement: the address is worked out once with a stand-in slug."""
    if not SLUG.match(slug):
        return reverse(name, args=[slug])  # reverse() says what is wrong with it
    return address(name, STAND_IN).replace(STAND_IN, slug, 1)
