"""Import partnerships from a CSV file, citing a source (see README, "Importing").

    python manage.py import_partnerships FILE --source SLUG [--dry-run]

Prints what the import does (or, with --dry-run, would do): rows read, communities
matched, created and ambiguous, partnerships new, already present and rejected, and
every rejected row with its line and reason. The import is all or nothing.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.importing import plan as planning
from directory.importing.reading import ImportFileError, read
from directory.models import Source


class Command(BaseCommand):
    help = "Import partnerships from a CSV file, citing a source; --dry-run changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", required=True, help="The slug of the cited source.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change.")
        parser.add_argument(
            "--summary", action="store_true", help="Leave out the list of rejected rows."
        )

    def handle(self, *args, file, source, dry_run, summary, **options):
        started = time.perf_counter()
        try:
            source = Source.objects.get(slug=source)
        except Source.DoesNotExist:
            known = ", ".join(Source.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No source “{source}”. Known sources: {known}.") from None
        try:
            rows, rejections = read(file.read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except ImportFileError as error:
            raise CommandError(f"{file} was not imported: {error}") from error
        plan = planning.plan(rows, rejections, source)
        if not dry_run:
            planning.apply(plan)
        self.report(plan, dry_run, summary)
        self.stdout.write(f"{time.perf_counter() - started:.1f} s.")

    def report(self, plan, dry_run, summary):
        write = self.stdout.write
        write(f"{'Dry run: nothing was changed. ' if dry_run else ''}Source: {plan.source}.")
        write(f"Rows read: {plan.rows_read}.")
        write(
            f"Communities: {len(plan.matched)} matched, {len(plan.created)} "
            f"{'to be created' if dry_run else 'created'}, {len(plan.located)} given "
            f"coordinates, {len(plan.ambiguous)} ambiguous."
        )
        write(
            f"Partnerships: {len(plan.new)} new, {len(plan.cited) + plan.present} already "
            f"present ({len(plan.cited)} of them now also citing this source), "
            f"{len(plan.rejections)} rejected."
        )
        if not plan.changes:
            write(self.style.SUCCESS("Nothing to change: the directory already holds this file."))
        if summary:
            return
        for rejection in plan.rejections:
            write(f"  line {rejection.line}: {rejection.reason}")
