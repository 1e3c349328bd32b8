"""The names closest to a query that found nothing: "bieleefld" finds Bielefeld.

Both databases first pick a few candidates with their trigram index, never by reading
every row:

- PostgreSQL: pg_trgm's word similarity between the query and the search text (the
  ``<%`` operator, served by the GIN trigram index of migration 0003), best first;
- SQLite: the FTS5 trigram table of migration 0003, asked for the rows that share any
  of the query's trigrams, best first by its bm25 rank.

The candidates are then scored alike on both: how close the query (or its first words,
for "santigo chile") is to each of a community's names, with its partners breaking
ties, so the place meant comes first.
"""

from difflib import SequenceMatcher

from django.db import connections, transaction

from directory.models import Community
from directory.search import leading_words

CANDIDATES = 50
LIMIT = 3
# How alike a name must be: "bieleefld" and "bielefeld" are 0.89; "bieleefld" and
# "bielsko" 0.5.
CLOSE = 0.75
# Lower than pg_trgm's default (0.6): one wrong letter in a short name costs a lot
# of its trigrams.
WORD_SIMILARITY = 0.3


def closest(folded, limit=LIMIT):
    """Up to ``limit`` communities whose names are closest to the folded query."""
    pks = candidates(folded)
    if not pks:
        return []
    scored = [
        (score, community)
        for community in Community.objects.filter(pk__in=pks)
        if (score := closeness(folded, community)) >= CLOSE
    ]
    scored.sort(key=lambda pair: (-pair[0], -pair[1].partner_count, pair[1].name))
    return [community for _score, community in scored[:limit]]


def closeness(folded, community):
    """The best likeness between the query, or its first words, and a name of the
    community."""
    names = community.search_text.splitlines()
    return max(
        (
            SequenceMatcher(None, query, name).ratio()
            for query in leading_words(folded)
            for name in names
            if len(query) >= 3
        ),
        default=0,
    )


def candidates(folded):
    if connections[Community.objects.db].vendor == "postgresql":
        return postgresql_candidates(folded)
    return sqlite_candidates(folded)


def postgresql_candidates(folded):
    connection = connections[Community.objects.db]
    with transaction.atomic(using=Community.objects.db), connection.cursor() as cursor:
        cursor.execute("SET LOCAL pg_trgm.word_similarity_threshold = %s", [WORD_SIMILARITY])
        cursor.execute(
            "SELECT id FROM directory_community WHERE %s <%% search_text "
            "ORDER BY word_similarity(%s, search_text) DESC LIMIT %s",
            [folded, folded, CANDIDATES],
        )
        return [pk for (pk,) in cursor.fetchall()]


def sqlite_candidates(folded):
    trigrams = {
        word[start : start + 3]
        for word in folded.split()
        for start in range(len(word) - 2)
        if '"' not in word
    }
    if not trigrams:
        return []
    match = " OR ".join(f'"{trigram}"' for trigram in sorted(trigrams))
    with connections[Community.objects.db].cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM directory_community_fts WHERE directory_community_fts MATCH %s "
            "ORDER BY rank LIMIT %s",
            [match, CANDIDATES],
        )
        return [pk for (pk,) in cursor.fetchall()]
