"""Import partnerships from a CSV file, citing a source (see README, "Importing").

    python manage.py import_partnerships FILE --source SLUG [--dry-run] [--summary]

Reads and stores the file in batches, with a progress line on a terminal, and prints
every rejected row with its line and reason as it goes, then what the import did (or,
with --dry-run, would do): rows read, communities matched, created and ambiguous,
partnerships new, already present and rejected. A file that cannot be read as a whole
(not UTF-8, a broken CSV line) is refused before anything is stored.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.importing import plan as planning
from directory.importing import reading
from directory.importing.reading import ImportFileError
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
            data = file.read_bytes()
            reading.check_format(data)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except ImportFileError as error:
            raise CommandError(f"{file} was not imported: {error}") from error
        report = None
        for plan, report in planning.each_batch(data, source, write=not dry_run):
            if not summary:
                for rejection in plan.rejections:
                    self.stdout.write(f"  line {rejection.line}: {rejection.reason}")
            self.progress(report, started)
        self.report(report or planning.Report(), source, dry_run)
        self.stdout.write(f"{time.perf_counter() - started:.1f} s.")

    def progress(self, report, started):
        """One line, written over after each batch; on a terminal only."""
        if self.stderr.isatty():
            self.stderr.write(
                f"\r{report.rows_read:,} rows read, {report.new + report.cited:,} "
                f"partnerships to store, {report.rejected:,} rejected; "
                f"{time.perf_counter() - started:.0f} s",
                ending="",
            )
            self.stderr.flush()

    def report(self, report, source, dry_run):
        write = self.stdout.write
        if self.stderr.isatty():
            self.stderr.write("")  # past the progress line
        write(f"{'Dry run: nothing was changed. ' if dry_run else ''}Source: {source}.")
        write(f"Rows read: {report.rows_read}.")
        write(
            f"Communities: {report.matched} matched, {report.created} "
            f"{'to be created' if dry_run else 'created'}, {report.located} given "
            f"coordinates, {report.ambiguous} ambiguous."
        )
        write(
            f"Partnerships: {report.new} new, {report.cited + report.present} already "
            f"present ({report.cited} of them now also citing this source), "
            f"{report.rejected} rejected."
        )
        if not report.changes:
            write(self.style.SUCCESS("Nothing to change: the directory already holds this file."))
