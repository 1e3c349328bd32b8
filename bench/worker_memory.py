"""A web worker's memory after a number of page views.

    python bench/worker_memory.py [--database-url URL] [--views 1000] [--root DIR]

gunicorn serves the site as in production, with one worker, from this checkout (or from
--root, another checkout of the project, to compare two versions) against a database
that already holds a directory (by default the one `make run` builds). The script
collects the static files, reads the sitemap, then asks for --views pages, one at a
time, in a fixed order: community pages, country pages and City Searches for the
communities' names, in turns. It prints
the worker's resident memory once started, after ten views and after all of them, and
how many responses were not 200. Requests go to 127.0.0.1 only.
"""

import argparse
import itertools
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from search_bench import ENV, PYTHON, ROOT, free_port, stop, wait_until_up

LOC = re.compile(r"<loc>([^<]+)</loc>")


def resident_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def worker_of(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    if len(children) != 1:
        raise RuntimeError(f"expected one worker, found {children}")
    return int(children[0])


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def sitemap_paths(base):
    """The paths the sitemap lists, following a sitemap index."""
    with urllib.request.urlopen(base + "/sitemap.xml", timeout=60) as response:
        locations = LOC.findall(response.read().decode())
    paths = []
    for location in locations:
        path = urllib.parse.urlsplit(location).path
        if "sitemap" in path:
            paths += sitemap_paths_at(base, path)
        else:
            paths.append(path)
    return paths


def sitemap_paths_at(base, path):
    with urllib.request.urlopen(base + path, timeout=60) as response:
        return [urllib.parse.urlsplit(loc).path for loc in LOC.findall(response.read().decode())]


def views(paths, count):
    """``count`` paths in turns: a community page, a country page, a City Search."""
    communities = [p for p in paths if p.startswith("/cities/")]
    countries = [p for p in paths if p.startswith("/countries/")] or ["/"]
    searches = [
        "/cities/?" + urllib.parse.urlencode({"q": p.rstrip("/").rsplit("/", 1)[-1][:6]})
        for p in communities
    ]
    turns = zip(
        itertools.cycle(communities), itertools.cycle(countries), itertools.cycle(searches)
    )
    return list(itertools.islice(itertools.chain.from_iterable(turns), count))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=f"sqlite:///{ROOT / 'var' / 'db.sqlite3'}", help="a directory"
    )
    parser.add_argument("--views", type=int, default=1000)
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to serve")
    args = parser.parse_args()
    port = free_port()
    env = {
        **os.environ,
        **ENV,
        "DATABASE_URL": args.database_url,
        "WEB_CONCURRENCY": "1",
        "PORT": str(port),
    }
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=args.root,
        env=env,
        check=True,
    )
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=args.root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + "/healthz")
            worker = worker_of(server)
            started = resident_mb(worker)
            paths = views(sitemap_paths(base), args.views)
            if not paths:
                sys.exit("The sitemap lists no community: is the directory empty?")
            failed, after_ten = 0, None
            began = time.perf_counter()
            for number, path in enumerate(paths, start=1):
                failed += get(base + path) != 200
                if number == 10:
                    after_ten = resident_mb(worker)
            seconds = time.perf_counter() - began
            print(f"checkout: {args.root}")
            print(f"worker memory once started: {started:.1f} MB")
            print(f"after 10 views: {after_ten:.1f} MB")
            print(f"after {len(paths)} views: {resident_mb(worker):.1f} MB")
            print(f"views not answered 200: {failed}; {len(paths) / seconds:.0f} views/s")
        finally:
            stop(server)


if __name__ == "__main__":
    main()
