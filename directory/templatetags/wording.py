"""How the directory's facts are written out on its pages."""

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def began(partnership):
    """When a partnership began: the exact date where one is known, else the year,
    else "Year not recorded". Works on anything with ``established_on`` and
    ``established_year``."""
    if partnership.established_on:
        return date_format(partnership.established_on)
    return partnership.established_year or _("Year not recorded")


@register.filter
def in_words(names, limit=5):
    """ "A", "A and B", "A, B and C", or "A, B, C, D, E and 7 others"."""
    names = list(names)
    if len(names) > limit:
        rest = len(names) - limit
        return ngettext(
            "%(names)s and %(count)s other", "%(names)s and %(count)s others", rest
        ) % {"names": ", ".join(names[:limit]), "count": rest}
    if len(names) > 1:
        # Translators: the end of a list of names: "Lyon, Porto and Kyoto".
        return _("%(names)s and %(last)s") % {
            "names": ", ".join(names[:-1]),
            "last": names[-1],
        }
    return "".join(names)


@register.filter
def either(names):
    """ "A", "A or B", "A, B or C": the places a name could be."""
    names = list(names)
    if len(names) > 1:
        # Translators: the end of a list of places one of which is meant: "Portland,
        # Oregon or Portland, Maine".
        return _("%(names)s or %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
    return "".join(names)
