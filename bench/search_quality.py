"""How often City Search puts the community meant among its first three results.

    python bench/search_quality.py [--database-url URL] [--queries bench/search_queries.csv]

The queries are written by hand (bench/search_queries.csv): names in the place's own
language or in Spanish, ordinary typos, and a name with its country or region, each with
the community meant (its name and country as the directory holds them). Each query goes
through the City Search page as a resident sends it (/cities/?q=..., or /es/cities/ for
a Spanish query), in this process, against a directory that already holds the data (by
default the one `make run` builds). The script prints, per kind of query, how many found
the community among the first three results, and lists the misses.
"""

import argparse
import csv
import os
import re
import sys
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "bench" / "search_queries.csv"
RESULT = re.compile(r'<h3><a href="(?:/es)?/cities/([^/"]+)/"')
TOP = 3


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'db.sqlite3'}")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    args = parser.parse_args()
    os.environ.update(
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="sistercities.settings",
        SECRET_KEY=os.environ.get("SECRET_KEY", "benchmark-only"),
        DEBUG="1",
        PAGE_CACHE_SECONDS="0",
        ALLOWED_HOSTS="testserver",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    from directory.models import Community

    client = Client()
    found, total, misses = defaultdict(int), defaultdict(int), []
    with args.queries.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            meant = set(
                Community.objects.filter(name=row["name"], country=row["country"]).values_list(
                    "slug", flat=True
                )
            )
            if not meant:
                misses.append(f"  (no community {row['name']}, {row['country']} to find)")
                continue
            prefix = "/es" if row["language"] == "es" else ""
            query = urllib.parse.urlencode({"q": row["query"]})
            page = client.get(f"{prefix}/cities/?{query}").content.decode()
            first = RESULT.findall(page)[:TOP]
            total[row["kind"]] += 1
            if meant & set(first):
                found[row["kind"]] += 1
            else:
                misses.append(f"  {row['kind']}: {row['query']!r} gave {first or 'nothing'}")
    print(f"| kind of query | queries | meant community in the first {TOP} | share |")
    print("|---|---:|---:|---:|")
    for kind in total:
        print(f"| {kind} | {total[kind]} | {found[kind]} | {found[kind] / total[kind]:.0%} |")
    all_found, all_total = sum(found.values()), sum(total.values())
    print(f"| all | {all_total} | {all_found} | {all_found / all_total:.0%} |")
    print("Misses:")
    print("\n".join(misses) or "  none")


if __name__ == "__main__":
    main()
