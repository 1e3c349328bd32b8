"""Text folding shared by the models, the admin and the public search.

Names are matched on a folded form: transliterated to ASCII (so "São Paulo",
"Łódź", "Ærø" and "Екатеринбург" become "sao paulo", "lodz", "aero" and
"ekaterinburg"), lower-cased, with punctuation turned into single spaces
("Petit-Goâve" becomes "petit goave").
"""

import re

from anyascii import anyascii

NON_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def fold(text):
    """Return the folded form of ``text`` used for case- and accent-blind matching."""
    return NON_ALPHANUMERIC.sub(" ", anyascii(text or "").lower()).strip()


def fold_all(*names):
    """Fold several names into one searchable string, one name per line."""
    return "\n".join(dict.fromkeys(f for f in map(fold, names) if f))


def contains_every_word(queryset, text, field="search_text"):
    """Rows whose folded ``field`` contains every word of ``text``, in any order."""
    for word in fold(text).split():
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset
