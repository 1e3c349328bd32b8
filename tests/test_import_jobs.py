"""Imports in the background: the real task worker (`manage.py db_worker`) imports a
generated file of 100,000 rows while gunicorn serves pages, on SQLite and on PostgreSQL,
and every page keeps answering within a second. Bounded: the pages are probed for
PROBE_SECONDS while the import runs; the import is not waited for."""

import json
import subprocess
import sys
import threading
import time

import pytest

from directory.synthetic import write_import_file
from tests import live

ROWS = 100_000
PROBE_SECONDS = 8
PAGES = ["/", "/cities/?q=okayama", "/cities/okayama/", "/countries/jp/", "/healthz"]
START_JOB = """
from pathlib import Path
from django.contrib.auth import get_user_model
from directory.importing import jobs
from directory.models import ImportJob, Source
data = Path({path!r}).read_bytes()
job = ImportJob.objects.create(
    file_name="generated.csv", data=data, lines=data.count(b"\\n"), state="importing",
    source=Source.objects.first(), uploaded_by=get_user_model().objects.get(username={user!r}),
)
jobs.import_file.enqueue(job.pk)
print(job.pk)
"""
PREVIEWED_JOB = """
from dataclasses import asdict
from directory.importing.plan import Report
from django.contrib.auth import get_user_model
from directory.models import ImportJob, Source
data = "community,community_country,partner,partner_country\\nLima,PE,Kingston,JM\\n".encode()
job = ImportJob.objects.create(
    file_name="small.csv", data=data, lines=2, state="previewed",
    report=asdict(Report(rows_read=1, created=2, new=1, changes=True)),
    source=Source.objects.first(), uploaded_by=get_user_model().objects.get(username={user!r}),
)
print(job.pk)
"""
ENQUEUED = """
from django_tasks_db.models import DBTaskResult
tasks = DBTaskResult.objects.filter(task_path__endswith=".import_file")
print(sum(task.args_kwargs["args"] == [{pk}] for task in tasks))
"""
PROGRESS = """
import json
from directory.models import ImportJob
job = ImportJob.objects.get(pk={pk})
print(json.dumps([job.state, job.rows_read, job.stored, job.error]))
"""


@pytest.fixture(scope="module")
def import_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("import") / "generated.csv"
    write_import_file(path, ROWS)
    return path


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database(request, tmp_path_factory):
    """A site's database, migrated and seeded once for the module's tests."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('site') / 'site.sqlite3'}"
    else:
        server = request.getfixturevalue("private_postgres")
        with server.connect(autocommit=True) as connection:
            connection.execute("DROP DATABASE IF EXISTS importload")
            connection.execute("CREATE DATABASE importload")
        url = server.url.rsplit("/", 1)[0] + "/importload"
    live.prepare_site(url)
    yield url
    live.drop_database(url)


def shell(url, code):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=live.ROOT,
        env={**live.Gunicorn({"DATABASE_URL": url}).env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_pages_answer_within_a_second_while_the_worker_imports(
    database, import_file, collected_static
):
    server = live.Gunicorn({"DATABASE_URL": database}).start()
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
        cwd=live.ROOT,
        env=server.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        browser = live.Browser(server.url)
        for page in PAGES:  # each worker's first view of a page is not what is measured
            browser.get(page)
        pk = shell(database, START_JOB.format(path=str(import_file), user=live.SUPERUSER[0]))
        deadline = time.monotonic() + 60
        while json.loads(shell(database, PROGRESS.format(pk=pk)))[2] == 0:
            assert time.monotonic() < deadline, "the worker stored nothing within a minute"
            time.sleep(0.5)
        before = json.loads(shell(database, PROGRESS.format(pk=pk)))

        slowest, probed = 0.0, 0
        stop = time.monotonic() + PROBE_SECONDS
        while time.monotonic() < stop:
            for page in PAGES:
                started = time.monotonic()
                response = browser.get(page)
                assert (response.status, page) == (200, page)
                slowest = max(slowest, time.monotonic() - started)
                probed += 1

        after = json.loads(shell(database, PROGRESS.format(pk=pk)))
        assert after[0] == "importing" and after[3] == "", after
        assert after[2] > before[2], (before, after)  # the import went on meanwhile
        assert slowest < 1, f"slowest of {probed} pages: {slowest:.2f} s"
    finally:
        stop_worker(worker)
        server.cleanup()


def test_two_confirmations_at_once_start_one_import(database, collected_static):
    """One curator's two tabs confirm a previewed file at the same moment, through
    gunicorn: one import is enqueued, and the other tab is told it is under way."""
    server = live.Gunicorn({"DATABASE_URL": database}).start()
    try:
        pk = shell(database, PREVIEWED_JOB.format(user=live.SUPERUSER[0]))
        path = f"/admin/directory/partnership/import/{pk}/"
        tabs = [live.Browser(server.url).log_in_to_admin("/admin/login/") for _ in range(2)]
        forms = []
        for tab in tabs:
            form = live.FormValues(path)
            form.feed(tab.get(path).text)
            forms.append(form.values)
        assert all("csrfmiddlewaretoken" in values for values in forms), forms
        both = threading.Barrier(2)
        answers = [None, None]

        def confirm(index):
            both.wait(timeout=10)
            answers[index] = tabs[index].request(path, data=forms[index]).status

        threads = [threading.Thread(target=confirm, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert answers == [302, 302], answers

        told = [tab.get(path).text for tab in tabs]
        assert sum("This file is being imported already." in page for page in told) == 1
        assert shell(database, ENQUEUED.format(pk=pk)) == "1"
    finally:
        server.cleanup()


def stop_worker(worker):
    """TERM asks the worker to finish its task; a second TERM stops it at once."""
    for _ in range(2):
        worker.terminate()
        try:
            worker.wait(timeout=5)
            return
        except subprocess.TimeoutExpired:
            pass
    worker.kill()
    worker.wait(timeout=5)
