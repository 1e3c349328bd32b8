"""Mixed traffic against the site served as in production, with and without Redis.

    python bench/load_bench.py [--database-url URL] [--seconds 60] [--connections 32]

gunicorn runs from gunicorn.conf.py (workers from the CPU count unless WEB_CONCURRENCY
is set) against a PostgreSQL database that already holds a large directory, e.g.

    createdb serve_load
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/serve_load manage.py migrate
    DATABASE_URL=... manage.py generate_directory --communities 100000 \\
        --partnerships 250000 --seed 1 --organizations 2000

wrk (Debian: apt-get install wrk) then sends a mix of requests for --seconds, three
times: without a page cache, with pages cached in each worker's memory (the default
without Redis), and with REDIS_URL (a Redis database of its own, emptied first): City
Searches for varied names, community pages, organization pages and the
Membership Directory. It prints requests per second, median and 99th-percentile
latency and the errors (responses other than 2xx/3xx, and socket errors). Load goes to
127.0.0.1 only, for a bounded time; the database is only read.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from search_bench import ENV, PYTHON, ROOT, gunicorn, manage

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/serve_load"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
LOG = ROOT / "var" / "loadbench-gunicorn.log"
# Share of each kind of request in the mix.
MIX = {"search": 40, "community": 35, "organization": 15, "directory": 10}

LUA = ROOT / "bench" / "random_paths.lua"


def pick_paths():
    """Run inside Django: the request mix, drawn at random from the database."""
    import django

    django.setup()
    from directory.models import Community, Organization

    rng = random.Random(1)
    chosen = rng.sample(list(Community.objects.values_list("pk", flat=True)), 400)
    communities = list(Community.objects.filter(pk__in=chosen).values("slug", "folded_name"))
    names = [c["folded_name"] for c in communities[:200]]
    words = [name.split()[0][:4] for name in names[:50]]
    searches = [f"/cities/?q={q.replace(' ', '+')}" for q in names + words]
    organizations = list(Organization.objects.values_list("slug", flat=True)[:200])
    if not organizations:
        sys.exit("The database holds no organizations: generate_directory --organizations 2000")
    countries = ["US", "DE", "FR", "JP", "PL", "BR"]
    kinds = {
        "search": searches,
        "community": [f"/cities/{c['slug']}/" for c in communities],
        "organization": [f"/directory/{slug}/" for slug in organizations],
        "directory": ["/directory/", "/"] + [f"/directory/?country={c}" for c in countries],
    }
    return [rng.choice(kinds[kind]) for kind, weight in MIX.items() for _ in range(weight * 10)]


def run_wrk(url, paths, seconds, connections):
    """wrk against ``url``, each request a random one of the lines of the file ``paths``;
    the figures of the RESULT line random_paths.lua writes."""
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            url,
        ],  # fmt: skip
        # A sequence of its own for each run: not the addresses the run before cached.
        env={**os.environ, "PATHS": str(paths), "SEED": str(random.randrange(1 << 30))},
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def serve_and_measure(env, paths, args, log):
    with gunicorn({**env, "LOG_LEVEL": "WARNING"}, log) as base:
        run_wrk(base, paths, 5, args.connections)  # warm-up: connections, query plans
        return run_wrk(base, paths, args.seconds, args.connections)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--pick", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sistercities.settings")
    if args.pick:
        print(json.dumps(pick_paths()))
        return
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")
    env = {**os.environ, **ENV, "DATABASE_URL": args.database_url}
    env.pop("REDIS_URL", None)
    manage(env, "collectstatic", "--noinput", "-v0")
    paths = json.loads(
        subprocess.run(
            [PYTHON, __file__, "--pick"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    workers = env.get("WEB_CONCURRENCY") or f"{2 * os.cpu_count() + 1} (2 per core + 1)"
    print(
        f"gunicorn with {workers} workers on {args.database_url.rsplit('/', 1)[-1]}; "
        f"wrk, 2 threads, {args.connections} connections, {args.seconds} s each; "
        f"{len(set(paths))} different addresses: {MIX}"
    )
    with tempfile.TemporaryDirectory() as folder:
        mix = Path(folder) / "mix.txt"
        mix.write_text("".join(f"{path}\n" for path in paths))
        results = {}
        with LOG.open("w") as log:
            modes = {
                "no page cache": {"PAGE_CACHE_SECONDS": "0"},
                "per-worker page cache": {},
                "Redis page cache": {"REDIS_URL": args.redis_url},
            }
            for mode, extra in modes.items():
                results[mode] = serve_and_measure({**env, **extra}, mix, args, log)
    print(f"| {'mode':<21} | {'req/s':>7} | {'p50 ms':>7} | {'p99 ms':>7} ", end="")
    print("| non-2xx | socket errors |")
    print(f"|{'-' * 23}|{'-' * 9}|{'-' * 9}|{'-' * 9}|---------|---------------|")
    for mode, r in results.items():
        socket_errors = r["connect"] + r["read"] + r["write"] + r["timeout"]
        print(
            f"| {mode:<21} | {r['requests'] / r['seconds']:>7.0f} | {r['p50_us'] / 1000:>7.1f} "
            f"| {r['p99_us'] / 1000:>7.1f} | {r['status']:>7} | {socket_errors:>13} |"
        )


if __name__ == "__main__":
    main()
