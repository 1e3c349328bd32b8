"""Import the Wikipedia twin-town list into fresh databases holding the seed data, twice.

    python bench/import_bench.py [--databases sqlite postgresql] [--file data/...csv]
                                 [--generate ROWS]

For each database the script makes it anew (SQLite in var/bench/, PostgreSQL database
sistercities_import_bench), migrates it, loads the seed, then runs import_partnerships
twice in a process of its own, and prints for each run: wall time, peak memory of that
process, rows read per second, and the counts the command reports. The second run must
change nothing. With --generate, the file is made first: ROWS synthetic partnerships
between ROWS / 4 synthetic communities (generate_directory's names, countries and
weights), in the directory's own columns, written to var/bench/; --dry-run then times a
preview before the first run.
"""

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from search_bench import DATABASES, ENV, PYTHON, ROOT, manage, prepare_postgresql

DATABASES = {
    "sqlite": f"sqlite:///{ROOT / 'var' / 'bench' / 'import.sqlite3'}",
    "postgresql": DATABASES["postgresql"].replace(
        "sistercities_bench", "sistercities_import_bench"
    ),
}
FILE = ROOT / "data" / "twin_cities_wikipedia.csv"
SOURCE = "wikipedia-twin-towns"
COUNTS = re.compile(
    r"Rows read: (?P<rows>\d+)\.\n"
    r"Communities: (?P<matched>\d+) matched, (?P<created>\d+) (?:to be )?created, "
    r"\d+ given coordinates, "
    r"(?P<ambiguous>\d+) ambiguous\.\n"
    r"Partnerships: (?P<new>\d+) new, (?P<present>\d+) already present \((?P<cited>\d+) of "
    r"them now also citing this source\), (?P<rejected>\d+) rejected\."
)


def fresh(name, url, env):
    if name == "postgresql":
        import psycopg

        server, database = url.rsplit("/", 1)
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}"')
        prepare_postgresql(url)
    else:
        (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
        (ROOT / "var" / "bench" / "import.sqlite3").unlink(missing_ok=True)
    manage(env, "migrate", "--noinput", "-v0")
    subprocess.run(
        [PYTHON, "manage.py", "seed"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def timed_import(env, path, dry_run=False):
    """(seconds, peak memory in MB, the counts reported) of one import in its own process."""
    started = time.perf_counter()
    command = ["import_partnerships", str(path), f"--source={SOURCE}", "--summary"]
    process = subprocess.Popen(
        [PYTHON, "manage.py", *command, *(["--dry-run"] if dry_run else [])],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status:
        sys.exit(f"import_partnerships failed:\n{output}")
    counts = COUNTS.search(output)
    if not counts:
        sys.exit(f"Unexpected report:\n{output}")
    return seconds, usage.ru_maxrss / 1024, {k: int(v) for k, v in counts.groupdict().items()}


def generate(rows, path):
    """Write ``rows`` synthetic partnerships to ``path`` (run inside Django)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sistercities.settings")
    django.setup()
    from directory.synthetic import write_import_file

    path.parent.mkdir(parents=True, exist_ok=True)
    write_import_file(path, rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", nargs="+", choices=DATABASES, default=list(DATABASES))
    parser.add_argument("--file", type=Path, default=FILE)
    parser.add_argument("--generate", type=int, metavar="ROWS", help="generate the file")
    parser.add_argument("--dry-run", action="store_true", help="time a preview first")
    parser.add_argument("--write-generated", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_generated:
        generate(args.generate, args.write_generated)
        return
    if args.generate:
        args.file = path = ROOT / "var" / "bench" / f"generated-{args.generate}.csv"
        if not path.exists():
            subprocess.run(
                [PYTHON, __file__, f"--generate={args.generate}", f"--write-generated={path}"],
                cwd=ROOT,
                env={**os.environ, **ENV},
                check=True,
            )
        print(f"{args.file.name}: {args.file.stat().st_size / 1e6:.1f} MB")
    print(
        "| database | run | seconds | peak MB | rows/s | communities matched | created | "
        "ambiguous | partnerships new | already present | of them newly cited | rejected |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in args.databases:
        env = {**os.environ, **ENV, "DATABASE_URL": DATABASES[name]}
        fresh(name, DATABASES[name], env)
        for run in ("preview", "first", "again") if args.dry_run else ("first", "again"):
            seconds, megabytes, c = timed_import(env, args.file, dry_run=run == "preview")
            print(
                f"| {name} | {run} | {seconds:.1f} | {megabytes:.0f} | {c['rows'] / seconds:.0f} "
                f"| {c['matched']} | {c['created']} | {c['ambiguous']} | {c['new']} "
                f"| {c['present']} | {c['cited']} | {c['rejected']} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
