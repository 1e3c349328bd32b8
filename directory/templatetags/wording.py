"""How the directory's facts are written out on its pages."""

from django import template
from django.template.defaultfilters import pluralize
from django.utils.formats import date_format

register = template.Library()


@register.filter
def began(partnership):
    """When a partnership began: the exact date where one is known, else the year,
    else "Year not recorded". Works on anything with ``established_on`` and
    ``established_year``."""
    if partnership.established_on:
        return date_format(partnership.established_on)
    return partnership.established_year or "Year not recorded"


@register.filter
def in_words(names, limit=5):
    """ "A", "A and B", "A, B and C", or "A, B, C, D, E and 7 others"."""
    names = list(names)
    if len(names) > limit:
        rest = len(names) - limit
        return f"{', '.join(names[:limit])} and {rest} other{pluralize(rest)}"
    if len(names) > 1:
        return f"{', '.join(names[:-1])} and {names[-1]}"
    return "".join(names)
