"""Indexes for substring search on Community.search_text.

PostgreSQL: a trigram GIN index, which LIKE '%word%' uses directly.
SQLite: an FTS5 trigram table kept in step with the community table by triggers;
search.py narrows a search through it before the LIKE filter.
"""

from django.db import migrations

POSTGRESQL = [
    (
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        None,
    ),
    (
        "CREATE INDEX community_search_trgm_idx ON directory_community "
        "USING gin (search_text gin_trgm_ops)",
        "DROP INDEX IF EXISTS community_search_trgm_idx",
    ),
]

SQLITE = [
    (
        "CREATE VIRTUAL TABLE directory_community_fts USING fts5("
        "search_text, content='directory_community', content_rowid='id', tokenize='trigram')",
        "DROP TABLE IF EXISTS directory_community_fts",
    ),
    (
        "CREATE TRIGGER directory_community_fts_insert AFTER INSERT ON directory_community "
        "BEGIN INSERT INTO directory_community_fts(rowid, search_text) "
        "VALUES (new.id, new.search_text); END",
        "DROP TRIGGER IF EXISTS directory_community_fts_insert",
    ),
    (
        "CREATE TRIGGER directory_community_fts_delete AFTER DELETE ON directory_community "
        "BEGIN INSERT INTO directory_community_fts(directory_community_fts, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); END",
        "DROP TRIGGER IF EXISTS directory_community_fts_delete",
    ),
    (
        "CREATE TRIGGER directory_community_fts_update AFTER UPDATE OF search_text "
        "ON directory_community "
        "BEGIN INSERT INTO directory_community_fts(directory_community_fts, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); "
        "INSERT INTO directory_community_fts(rowid, search_text) "
        "VALUES (new.id, new.search_text); END",
        "DROP TRIGGER IF EXISTS directory_community_fts_update",
    ),
    (
        "INSERT INTO directory_community_fts(directory_community_fts) VALUES ('rebuild')",
        None,
    ),
]

STATEMENTS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def create(apps, schema_editor):
    for forward, _ in STATEMENTS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(forward)


def drop(apps, schema_editor):
    for _, backward in reversed(STATEMENTS.get(schema_editor.connection.vendor, [])):
        if backward:
            schema_editor.execute(backward)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_curators_group")]

    operations = [migrations.RunPython(create, drop)]
