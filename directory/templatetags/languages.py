"""The site's two languages: links from a page to the same page in the other."""

from django import template
from django.urls import translate_url

register = template.Library()


@register.filter
def in_language(url, language):
    """The address of the same page, with the same query, in ``language``:
    ``{{ request.get_full_path|in_language:"es" }}``. An address that names no page
    (a 404's) comes back unchanged."""
    return translate_url(url, language)
