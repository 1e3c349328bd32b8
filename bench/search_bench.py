"""Serve the site with gunicorn against a large synthetic directory and measure it.

    python bench/search_bench.py [--communities 100000] [--partnerships 250000]
                                 [--databases sqlite postgresql] [--seconds 10]
                                 [--only "at random"] [--no-downloads]

For each database the script migrates, fills the directory with generate_directory
(only when it does not already hold that many rows), starts gunicorn on 127.0.0.1,
and drives it with wrk at 8 concurrent connections, one scenario at a time: once as
served (whole pages cached), once with the page cache off (every request runs the view,
with the template fragments it caches), and the community pages once more without their
map (MAPS=0). Two scenarios are the long tail: each request a random one of 20,000
different name searches, or of 20,000 different community pages (bench/random_paths.lua),
as residents' requests mostly are, which the page cache helps little. It prints requests
per second and the median and 99th-percentile latency for each scenario; then, from a
single worker, the time of three whole-directory downloads and the worker's peak memory
after each.
Load goes to 127.0.0.1 only, for a bounded time. Needs wrk (Debian: apt-get install wrk).
"""

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASES = {
    "sqlite": f"sqlite:///{ROOT / 'var' / 'bench' / 'bench.sqlite3'}",
    "postgresql": "postgres://postgres@127.0.0.1:5432/sistercities_bench",
}
LONG_TAIL = 20_000
ENV = {"SECRET_KEY": "benchmark-only", "DEBUG": "0", "HTTPS": "0", "ALLOWED_HOSTS": "127.0.0.1"}
# As served (pages cached in each worker's memory), and with the page cache off, so that
# every request runs the view; cached template fragments stay on in both. Then the
# community pages once more without their map, to show what the map costs.
MODES = {
    "as served": ({}, ""),
    "page cache off": ({"PAGE_CACHE_SECONDS": "0"}, ""),
    "no map, cache off": ({"PAGE_CACHE_SECONDS": "0", "MAPS": "0"}, "community page"),
}


def pick_scenarios():
    """Run inside Django: the URLs to measure, chosen from the generated data."""
    import django

    django.setup()
    from django.db.models import Count

    from directory.models import Community

    names = Community.objects.values("folded_name").annotate(n=Count("pk"))
    common = names.order_by("-n", "folded_name")[0]["folded_name"]
    rare = names.filter(n=1, folded_name__regex=r"^[a-z]{7,}$").order_by("folded_name")[0]
    accented = (
        Community.objects.filter(name__regex=r"[ãøłæßđ]")
        .exclude(folded_name=common)
        .order_by("pk")[0]
    )
    broad = next(
        word
        for word in ("san", "an", "ka", "a")
        if Community.objects.matching(word).count() >= 50 * 20
    )
    hub = Community.objects.order_by("-partner_count", "pk")[0]
    searches, pages = long_tail(Community.objects.values_list("folded_name", "slug"))
    small = Community.objects.filter(partner_count=3, latitude__isnull=False).order_by("pk")[0]
    country = Community.objects.values("country").annotate(n=Count("pk")).order_by("-n")[0]
    common_query = common.replace(" ", "+")
    return {
        "common name": f"/cities/?q={common_query}",
        "common name, JSON API": f"/api/communities?q={common_query}",
        "rare name": f"/cities/?q={rare['folded_name']}",
        "accented name": f"/cities/?q={accented.folded_name.replace(' ', '+')}",
        "country filter": f"/cities/?country={country['country']}",
        "country filter, JSON API": f"/api/communities?country={country['country']}",
        "page 50 of a broad search": f"/cities/?q={broad}&page=50",
        f"CSV of a broad search ({Community.objects.matching(broad).count()} rows)": (
            f"/cities.csv?q={broad}"
        ),
        "common name, in Spanish": f"/es/cities/?q={common_query}",
        "community page (3 partners)": small.get_absolute_url(),
        "community page (3 partners), in Spanish": f"/es{small.get_absolute_url()}",
        f"community page, hub ({hub.partner_count} partners)": hub.get_absolute_url(),
        f"country page ({country['n']} communities)": (
            f"/countries/{country['country'].lower()}/"
        ),
        f"{LONG_TAIL:,} different name searches, at random": f"@{searches}",
        f"{LONG_TAIL:,} different community pages, at random": f"@{pages}",
    }


def long_tail(names_and_slugs):
    """Files of LONG_TAIL name searches and LONG_TAIL community pages, drawn at random
    (the same ones for the same directory), for random_paths.lua."""
    from django.db import connection

    drawn = random.Random(1).sample(sorted(names_and_slugs), LONG_TAIL)
    folder = ROOT / "var" / "bench"
    searches = folder / f"long-tail-searches-{connection.vendor}.txt"
    pages = folder / f"long-tail-pages-{connection.vendor}.txt"
    searches.write_text("".join(f"/cities/?q={quote_plus(name)}\n" for name, _ in drawn))
    pages.write_text("".join(f"/cities/{slug}/\n" for _, slug in drawn))
    return searches, pages


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def ask(env, flag):
    """Run this script with ``flag`` against the database in ``env``; return what it prints."""
    return subprocess.run(
        [PYTHON, __file__, flag], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer at {url}")


def to_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def run_wrk(url, seconds):
    """wrk against ``url``; a URL of the form ``http://host@file`` asks for a random one
    of the paths in the file at each request."""
    command, env = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency"], None
    if "@" in url:
        url, paths = url.split("@", 1)
        command += ["-s", str(ROOT / "bench" / "random_paths.lua")]
        # A sequence of its own for each run: not the addresses its warm-up cached.
        env = {**os.environ, "PATHS": paths, "SEED": str(random.randrange(1 << 30))}
    out = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, env=env
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def prepare_postgresql(url):
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def bench_database(name, args):
    url = DATABASES[name]
    env = {**os.environ, **ENV, "DATABASE_URL": url}
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    if name == "postgresql":
        prepare_postgresql(url)
    manage(env, "migrate", "--noinput", "-v0")
    counts = ask(env, "--count").split()
    if counts != [str(args.communities), str(args.partnerships)]:
        manage(
            env,
            "generate_directory",
            f"--communities={args.communities}",
            f"--partnerships={args.partnerships}",
            "--seed=1",
            "--clear",
        )
    scenarios = json.loads(ask(env, "--pick"))
    results = {}
    for mode, (extra, only) in MODES.items():
        log = ROOT / "var" / "bench" / f"gunicorn-{name}-{mode.replace(' ', '-')}.log"
        with (
            log.open("w") as output,
            gunicorn({**env, **extra, "WEB_CONCURRENCY": str(args.workers)}, output) as base,
        ):
            for label, path in scenarios.items():
                if label.startswith(only) and args.only in label:
                    run_wrk(base + path, 2)  # warm-up
                    results[mode, label] = (path, run_wrk(base + path, args.seconds))
    if args.no_downloads:
        return results, []
    with (ROOT / "var" / "bench" / f"gunicorn-{name}-download.log").open("w") as output:
        downloads = measure_downloads({**env, "WEB_CONCURRENCY": "1"}, output)
    return results, downloads


def worker_peak_kib(master_pid):
    """The peak resident memory (VmHWM) of gunicorn's one worker, in KiB."""
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master_pid}$", text, re.MULTILINE):
            return int(re.search(r"^VmHWM:\s+(\d+) kB", text, re.MULTILINE).group(1))
    raise RuntimeError("no gunicorn worker found")


def measure_downloads(env, log):
    """Download every community and then every partnership as CSV from one worker,
    reading the worker's peak memory after each: a streamed download of any size
    should leave it where it was."""
    rows = []
    with gunicorn(env, log, with_process=True) as (base, server):
        for path in ("/cities/?q=a", "/api/communities?q=a"):  # warm the worker up
            urllib.request.urlopen(base + path, timeout=60).read()
        rows.append(("worker after warm-up", 0, 0.0, worker_peak_kib(server.pid)))
        for path in ("/cities.csv", "/data/partnerships.csv", "/data/partnerships.json"):
            started, size = time.monotonic(), 0
            with urllib.request.urlopen(base + path, timeout=600) as response:
                while chunk := response.read(1 << 16):
                    size += len(chunk)
            rows.append((path, size, time.monotonic() - started, worker_peak_kib(server.pid)))
    return rows


@contextlib.contextmanager
def gunicorn(env, log, with_process=False):
    """gunicorn as in production (gunicorn.conf.py) on a free port, its output written to
    the open file ``log``; yields its address (and its process, ``with_process``) and
    stops it afterwards."""
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env={**env, "PORT": str(port)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base + "/healthz")
        except RuntimeError:
            sys.exit(f"gunicorn did not start; see {log.name}")
        yield (base, server) if with_process else base
    finally:
        stop(server)


def stop(server):
    """Stop gunicorn: TERM, then KILL when it has not exited after 30 seconds."""
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--communities", type=int, default=100_000)
    parser.add_argument("--partnerships", type=int, default=250_000)
    parser.add_argument("--databases", nargs="+", choices=DATABASES, default=list(DATABASES))
    parser.add_argument("--seconds", type=int, default=10, help="measured seconds per scenario")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--only", default="", help="only the scenarios whose name has this")
    parser.add_argument(
        "--no-downloads", action="store_true", help="leave out the whole-directory downloads"
    )
    parser.add_argument("--pick", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--count", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sistercities.settings")
    if args.pick:
        print(json.dumps(pick_scenarios()))
        return
    if args.count:
        import django

        django.setup()
        from directory.models import Community, Partnership

        print(Community.objects.count(), Partnership.objects.count())
        return
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")
    manage({**os.environ, **ENV}, "collectstatic", "--noinput", "-v0")
    print(
        f"{args.communities:,} communities, {args.partnerships:,} partnerships; "
        f"gunicorn with {args.workers} workers; wrk, 8 connections, {args.seconds} s each"
    )
    for name in args.databases:
        results, downloads = bench_database(name, args)
        print(f"\n{name}")
        print(f"| {'scenario':<48} | {'mode':<17} | {'req/s':>7} | {'p50 ms':>7} | {'p99 ms':>7} "
              "| errors |")  # fmt: skip
        print(f"|{'-' * 50}|{'-' * 19}|{'-' * 9}|{'-' * 9}|{'-' * 9}|--------|")
        for (mode, label), (_, r) in results.items():
            print(
                f"| {label:<48} | {mode:<17} | {r['rps']:>7.0f} | {r['p50']:>7.1f} "
                f"| {r['p99']:>7.1f} | {r['errors']:>6} |"
            )
        for (mode, label), (path, _) in results.items():
            if mode == next(iter(MODES)):
                print(f"  {label}: {path}")
        if not downloads:
            continue
        heading = f"{'download (one worker)':<34} | {'MB':>7} | {'seconds':>7}"
        print(f"\n| {heading} | worker peak MB |")
        print(f"|{'-' * 36}|{'-' * 9}|{'-' * 9}|{'-' * 16}|")
        for path, size, seconds, peak in downloads:
            print(f"| {path:<34} | {size / 1e6:>7.1f} | {seconds:>7.1f} | {peak / 1024:>14.0f} |")


if __name__ == "__main__":
    main()
