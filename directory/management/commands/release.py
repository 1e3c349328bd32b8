"""manage.py release: what a deploy runs once, before its new version serves (a
platform's release phase): migrate the database and, when it is new, load the seed data.
One release at a time: a second one, started meanwhile on another machine, waits for the
first to finish and then finds nothing left to do. Web servers only serve (bin/start)."""

import contextlib
import fcntl
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

# The key of the PostgreSQL advisory lock that releases take.
LOCK_KEY = 0x5C17_1E5


@contextlib.contextmanager
def release_lock():
    """Hold the release lock: on PostgreSQL an advisory lock, in a session of its own so
    that the migrations' connection cannot drop it; on SQLite, whose database is one file
    on one machine, an exclusive lock on a file beside it."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "postgresql":
        session = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            with session.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
            yield
        finally:
            session.close()  # ends the session, and its lock with it
    else:
        path = Path(f"{connection.settings_dict['NAME']}.release-lock")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield


class Command(BaseCommand):
    help = (
        "Prepare the database for this version: migrate it, and load the seed data when "
        "it is new. Run once per deploy, before the web servers start; releases started "
        "at the same time run one after the other."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--import-data",
            action="store_true",
            help="On a new database, also import the data files in data/ after the seed "
            "(the Wikipedia twin-town list).",
        )

    def handle(self, *args, **options):
        self.stdout.write("Waiting for any other release to finish.")
        with release_lock():
            call_command("migrate", interactive=False, stdout=self.stdout)
            call_command(
                "seed", if_empty=True, import_data=options["import_data"], stdout=self.stdout
            )
        self.stdout.write("Release done.")
