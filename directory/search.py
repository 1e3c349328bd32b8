"""Name search: every word of a folded query, found inside the folded names.

Queries reach these functions already folded (directory/folding.py). Substring search
is indexed: PostgreSQL's trigram index serves LIKE '%word%' by itself; SQLite needs
the FTS5 trigram table of migration 0003, which only sqlite_trigram_match() reads.
"""

from django.db.models.expressions import RawSQL

# FTS5's trigram tokenizer finds words of three letters or more.
TRIGRAM_LENGTH = 3


def contains_every_word(queryset, folded, field="search_text"):
    """Rows whose ``field`` contains every word of the folded query, in any order."""
    for word in folded.split():
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset


def sqlite_trigram_match(folded):
    """SQLite only: the ids of communities whose search text holds every word of three
    letters or more, from the FTS5 trigram table; None when no word is that long."""
    words = [word for word in folded.split() if len(word) >= TRIGRAM_LENGTH]
    if not words:
        return None
    match = " AND ".join(f'"{word}"' for word in words)
    return RawSQL(
        "SELECT rowid FROM directory_community_fts WHERE directory_community_fts MATCH %s",
        [match],
    )
