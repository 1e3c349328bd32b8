"""Text folding: the form in which names are stored for searching and compared.

Names are transliterated to ASCII (so "São Paulo", "Łódź", "Ærø" and "Екатеринбург"
become "sao paulo", "lodz", "aero" and "ekaterinburg"), lower-cased, and punctuation is
turned into single spaces ("Petit-Goâve" becomes "petit goave").
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
