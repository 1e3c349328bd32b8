"""Check every community against the GeoNames gazetteer (directory/gazetteer/).

    python manage.py check_places [--dry-run]

Sets each community's GeoNames id, place check, candidates, kind, region and
coordinates by the rules of directory/gazetteer/resolving.py, and merges communities
that are one GeoNames place. Communities a curator settled ("Settled by a curator")
are left alone, so running it again never undoes a curator's decision. Prints what
changed; --dry-run changes nothing.
"""

import time

from django.core.management.base import BaseCommand

from directory.gazetteer.checking import check
from directory.models import CoordinatesCheck, PlaceStatus


class Command(BaseCommand):
    help = "Check every community against the GeoNames gazetteer; --dry-run changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show what would change.")
        parser.add_argument(
            "--summary", action="store_true", help="Leave out the list of merged communities."
        )

    def handle(self, *args, dry_run, summary, **options):
        started = time.perf_counter()
        report = check(dry_run=dry_run)
        write = self.stdout.write
        write(
            f"{'Dry run: nothing was changed. ' if dry_run else ''}Checked {report.checked} "
            f"communities; {report.changed} changed."
        )
        for status in PlaceStatus:
            if report.statuses[status]:
                write(f"  now {status.label.lower()}: {report.statuses[status]}")
        for check_ in CoordinatesCheck:
            if report.coordinates[check_]:
                write(f"  coordinates {check_.label.lower()}: {report.coordinates[check_]}")
        write(f"Merged {len(report.merged)} communities that are one place.")
        for kept, merged in [] if summary else report.merged:
            write(f"  {merged} into {kept}")
        write(f"{time.perf_counter() - started:.1f} s.")
