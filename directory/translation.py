"""Curated texts in English and Spanish.

A model with texts curators write in both languages keeps each Spanish text in a plain
companion field, blank until someone writes it, and names the pairs in
``TRANSLATED_FIELDS``: ``{"answer": "answer_es", ...}``. Spanish pages show the Spanish
text where there is one and the English text where there is not; English pages always
show the English. ``{{ question|translated:"answer" }}`` in templates
(directory/templatetags/translation.py).
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SPANISH_HELP = _("Shown on Spanish pages. While it is empty, they show the English text.")


def spanish_is_active():
    return (get_language() or "").startswith("es")


def spanish_of(obj, field):
    """The Spanish companion of ``field``, as saved: "" when there is none."""
    return getattr(obj, type(obj).TRANSLATED_FIELDS[field])


def translated(obj, field):
    """The text of ``field`` to show in the active language: the Spanish companion's
    on a Spanish page when it is not empty, else the English."""
    if spanish_is_active() and spanish_of(obj, field):
        return spanish_of(obj, field)
    return getattr(obj, field)


def shown_in_english(obj, field):
    """Whether a Spanish page shows the English text of ``field`` for want of Spanish
    (and so should mark it as English)."""
    return spanish_is_active() and not spanish_of(obj, field) and bool(getattr(obj, field))


def missing_spanish(obj):
    """The English fields of ``obj`` that hold text while their Spanish is empty."""
    return [
        field
        for field, spanish in type(obj).TRANSLATED_FIELDS.items()
        if getattr(obj, field) and not getattr(obj, spanish)
    ]


def missing_spanish_q(model):
    """The records of ``model`` with at least one text missing its Spanish."""
    return reduce(
        or_,
        (
            ~Q(**{field: ""}) & Q(**{spanish: ""})
            for field, spanish in model.TRANSLATED_FIELDS.items()
        ),
    )
