"""City Search while ten clients download the whole directory: the site served as in
production (gunicorn.conf.py, threads), on the directory make bench generates.

    python bench/download_bench.py [--databases sqlite postgresql] [--seconds 20]

For each database (filled by bench/search_bench.py first, 100,000 communities and
250,000 partnerships), gunicorn starts behind a pretend proxy (BEHIND_PROXY), so that
each download comes from an address of its own. The whole-directory CSV is written
once. Then wrk asks for 20,000 different name searches, a random one each request,
for --seconds: once alone, and once while ten clients each download
/data/partnerships.csv, reading at --rate KB/s, so that every download lasts longer
than the searches. It prints the searches' rate and their 50th, 95th and 99th
percentile latency both ways, and what the ten downloads were answered. Load goes to
127.0.0.1 only, for a bounded time; the database is only read.
"""

import argparse
import contextlib
import http.client
import os
import shutil
import sys
import threading
import time
import urllib.request
from collections import Counter

from load_bench import run_wrk
from search_bench import DATABASES, ENV, ROOT, ask, gunicorn

DOWNLOADS = 10
PATH = "/data/partnerships.csv"


def download(port, number, rate, stop, answers):
    """Download the whole-directory CSV as the client at 203.0.113.``number``, reading
    ``rate`` KB a second, until it ends or ``stop`` is set; record (status, bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", PATH, headers={"X-Forwarded-For": f"203.0.113.{number}"})
        response = connection.getresponse()
        size = 0
        while not stop.is_set() and (chunk := response.read(rate * 1024 // 10)):
            size += len(chunk)
            time.sleep(0.1)
        answers.append((response.status, size))
    except OSError as error:
        answers.append((type(error).__name__, 0))
    finally:
        connection.close()


@contextlib.contextmanager
def ten_downloads(port, rate):
    """Ten slow downloads running for as long as the block; yields their answers, one
    (status, bytes read) each once the block ends."""
    stop, answers = threading.Event(), []
    clients = [
        threading.Thread(target=download, args=(port, number, rate, stop, answers))
        for number in range(1, DOWNLOADS + 1)
    ]
    for client in clients:
        client.start()
    time.sleep(1)  # every request sent and answered its first bytes
    try:
        yield answers
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=40)


def figures(result):
    return (
        f"{result['requests'] / result['seconds']:>7.0f} | {result['p50_us'] / 1000:>7.1f} "
        f"| {result['p95_us'] / 1000:>7.1f} | {result['p99_us'] / 1000:>7.1f} "
        f"| {result['status'] + result['timeout']:>6} |"
    )


def bench_database(name, args):
    url = DATABASES[name]
    env = {**os.environ, **ENV, "DATABASE_URL": url}
    searches = ROOT / "var" / "bench" / f"long-tail-searches-{name}.txt"
    if not searches.exists() or ask(env, "--count").split() != ["100000", "250000"]:
        sys.exit(f"Fill the {name} directory first: python bench/search_bench.py")
    folder = ROOT / "var" / "bench" / f"downloads-{name}"
    shutil.rmtree(folder, ignore_errors=True)
    env.update(BEHIND_PROXY="1", DOWNLOADS_DIR=str(folder), WEB_CONCURRENCY=str(args.workers))
    log = ROOT / "var" / "bench" / f"gunicorn-{name}-downloads-at-once.log"
    with log.open("w") as output, gunicorn({**env, "LOG_LEVEL": "WARNING"}, output) as base:
        started = time.monotonic()
        with urllib.request.urlopen(base + PATH, timeout=600) as response:
            size = len(response.read())
        written = time.monotonic() - started
        run_wrk(base, searches, 3, 8)  # warm-up
        alone = run_wrk(base, searches, args.seconds, 8)
        port = int(base.rsplit(":", 1)[1])
        with ten_downloads(port, args.rate) as answers:
            during = run_wrk(base, searches, args.seconds, 8)
    return size, written, alone, during, answers


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", nargs="+", choices=DATABASES, default=list(DATABASES))
    parser.add_argument("--seconds", type=int, default=20, help="measured seconds of searches")
    parser.add_argument("--rate", type=int, default=512, help="each download's KB a second")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")
    for name in args.databases:
        size, written, alone, during, answers = bench_database(name, args)
        print(f"\n{name}: {PATH} is {size / 1e6:.1f} MB, written in {written:.1f} s")
        print("| searches, 8 connections | req/s | p50 ms | p95 ms | p99 ms | errors |")
        print("|---|---:|---:|---:|---:|---:|")
        print(f"| alone | {figures(alone)}")
        print(f"| during {DOWNLOADS} downloads | {figures(during)}")
        statuses = Counter(status for status, _ in answers)
        read = sum(size for _, size in answers) / 1e6
        print(f"downloads answered: {dict(statuses)}; {read:.0f} MB read in all")


if __name__ == "__main__":
    main()
