"""Lighthouse's scores for a few pages of the site as served in production: gunicorn with
gunicorn.conf.py over a new SQLite database holding the seed data.

    python bench/lighthouse.py [--categories seo best-practices accessibility] [PATH ...]

Runs Lighthouse 12 from npm (npx fetches it on first use) in Debian's Chromium, headless,
and prints each page's score in each category; exits 1 when a score is below 1.00. The
default pages are a community, a country and the FAQ, in English and Spanish. The site
answers on localhost, which browsers count as a secure origin, as HTTPS would be.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from search_bench import ENV, PYTHON, ROOT, gunicorn

PAGES = [
    "/cities/miami-dade-county/",
    "/countries/mx/",
    "/faq/",
    "/es/cities/miami-dade-county/",
    "/es/countries/mx/",
    "/es/faq/",
]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)


def scores(url, categories, folder):
    """{category: score} of Lighthouse's report on ``url``, and the audits it failed."""
    report = Path(folder) / "report.json"
    subprocess.run(
        ["npx", "--yes", "lighthouse@12", url, "--quiet", "--output=json",
         f"--output-path={report}", f"--only-categories={','.join(categories)}",
         f"--chrome-flags={CHROMIUM_FLAGS}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        timeout=300,
    )  # fmt: skip
    data = json.loads(report.read_text())
    failed = [
        audit["id"]
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit["scoreDisplayMode"] in ("binary", "numeric")
    ]
    return {name: category["score"] for name, category in data["categories"].items()}, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=PAGES)
    parser.add_argument("--categories", nargs="+", default=["seo", "best-practices"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            **ENV,
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "DATABASE_URL": f"sqlite:///{folder}/site.sqlite3",
        }
        subprocess.run([PYTHON, "manage.py", "release"], cwd=ROOT, env=env, check=True)
        below = 0
        with open(Path(folder) / "gunicorn.log", "w") as log, gunicorn(env, log) as base:
            for path in args.paths:
                url = base.replace("127.0.0.1", "localhost") + path
                found, failed = scores(url, args.categories, folder)
                below += any(score < 1 for score in found.values())
                shown = ", ".join(f"{name} {score:.2f}" for name, score in found.items())
                print(f"{path}: {shown}" + (f" (failed: {', '.join(failed)})" if failed else ""))
    sys.exit(1 if below else 0)


if __name__ == "__main__":
    main()
