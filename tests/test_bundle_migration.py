"""The move the README describes: a directory kept on SQLite, exported, restored into a
new PostgreSQL database, gives back every record; the same bundle exported again from
PostgreSQL holds the same records."""

import json

from tests import live

# Names at the edges of what the directory keeps: long ones that folding lengthens,
# accents composed and decomposed.
EDGES = """community,community_country,partner,partner_country
{long_name},JP,Okayama,JP
Zu\u0308rich,CH,Kunming,CN
São Paulo,BR,Miami-Dade County,US
"""


def records(path):
    """The bundle's record lines, without the header and its date."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return sorted(line.rstrip(",") for line in lines[1:-1])


def test_a_bundle_made_on_sqlite_restores_on_postgresql(tmp_path, private_postgres):
    sqlite = f"sqlite:///{tmp_path / 'kept.sqlite3'}"
    live.prepare_site(sqlite)
    edges = tmp_path / "edges.csv"
    edges.write_text(EDGES.format(long_name="東京" * 100), encoding="utf-8")
    live.manage({"DATABASE_URL": sqlite}, "import_partnerships", str(edges), "--source",
                "miami-dade-county-list")  # fmt: skip
    bundle = tmp_path / "directory.json"
    live.manage({"DATABASE_URL": sqlite}, "export_directory", str(bundle))

    with private_postgres.connect(autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS moved")
        connection.execute("CREATE DATABASE moved")
    postgres = private_postgres.url.rsplit("/", 1)[0] + "/moved"
    live.manage({"DATABASE_URL": postgres}, "migrate", "--noinput")
    live.manage({"DATABASE_URL": postgres}, "restore_directory", str(bundle))
    again = tmp_path / "again.json"
    live.manage({"DATABASE_URL": postgres}, "export_directory", str(again))

    assert records(again) == records(bundle)
    names = {json.loads(line)["fields"].get("name") for line in records(again)}
    assert {"東京" * 100, "Z\u00fcrich", "São Paulo"} <= names
