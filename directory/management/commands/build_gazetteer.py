"""Build the gazetteer file that imports and place checks read (directory/gazetteer/).

    python manage.py build_gazetteer [--force]

Imports build it themselves the first time they need it; this builds it ahead, for an
image or a machine that should not wait then.
"""

import time

from django.core.management.base import BaseCommand

from directory.gazetteer import build
from directory.gazetteer.lookup import default_path


class Command(BaseCommand):
    help = "Build the GeoNames gazetteer file, unless it is built (--force: again)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Build it even if it exists.")

    def handle(self, *args, force, **options):
        path = default_path()
        if path.exists() and not force:
            self.stdout.write(f"The gazetteer is built: {path.name}.")
            return
        started = time.perf_counter()
        build.build(path)
        self.stdout.write(f"Built {path.name} in {time.perf_counter() - started:.1f} s.")
