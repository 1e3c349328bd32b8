"""Name search: every word of a folded query, found inside the folded names.

Queries reach these functions already folded (directory/folding.py). Substring search
is indexed: PostgreSQL's trigram index serves LIKE '%word%' by itself; SQLite needs
the FTS5 trigram table of migration 0003, which only sqlite_trigram_match() reads.
"""

import itertools

from django.db.models import Q
from django.db.models.expressions import RawSQL

# FTS5's trigram tokenizer finds words of three letters or more.
TRIGRAM_LENGTH = 3
# Words people write for one another in the names of saints' places: "st petersburg",
# "sankt petersburg", "saint petersburg"; "ste", "san".
SAINTS = ("saint", "sainte", "sankt", "san", "st", "ste")


def forms(word, words):
    """The words that stand for ``word`` of the query ``words``: itself or, beside a
    name ("st petersburg", not "st" alone) and no more than twice, any word for
    "saint"."""
    saints = [w for w in words if w in SAINTS]
    if word in SAINTS and len(saints) <= 2 and len(saints) < len(words):
        return SAINTS
    return (word,)


def spellings(folded):
    """The folded query written every way its words for "saint" allow."""
    words = folded.split()
    return [" ".join(w) for w in itertools.product(*(forms(word, words) for word in words))]


def leading_words(folded):
    """The query and each run of its first words, longest first: "paris france", "paris"."""
    words = folded.split()
    return [" ".join(words[:count]) for count in range(len(words), 0, -1)]


def shortest(words):
    """The words no other of ``words`` is part of: a row that contains "sainte" or
    "sankt" contains "saint" or "san", so searching for those finds it."""
    return [word for word in words if not any(other in word for other in words if other != word)]


def contains_every_word(queryset, folded, field="search_text"):
    """Rows whose ``field`` contains every word of the folded query, in any order; a
    word for "saint" is found as any of them (see forms())."""
    words = folded.split()
    for word in words:
        found = Q()
        for form in shortest(forms(word, words)):
            found |= Q(**{f"{field}__contains": form})
        queryset = queryset.filter(found)
    return queryset


def sqlite_trigram_match(folded):
    """SQLite only: the ids of communities whose search text holds every word of three
    letters or more, from the FTS5 trigram table; None when no word is that long. A word
    for "saint" that stands for the others ("st" of "st petersburg") is left out: "st"
    is too short for the table."""
    words = folded.split()
    words = [w for w in words if len(w) >= TRIGRAM_LENGTH and forms(w, words) == (w,)]
    if not words:
        return None
    match = " AND ".join(f'"{word}"' for word in words)
    return RawSQL(
        "SELECT rowid FROM directory_community_fts WHERE directory_community_fts MATCH %s",
        [match],
    )
