"""Load a bundle written by export_directory into an empty directory (directory/bundle.py).

python manage.py restore_directory directory.json
"""

from django.core.management.base import BaseCommand, CommandError

from directory import bundle


class Command(BaseCommand):
    help = "Load a bundle written by export_directory into an empty directory, in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the bundle to read")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8") as stream:
                counts = bundle.restore(stream)
        except OSError as error:
            raise CommandError(f"Could not read {file}: {error.strerror}.") from error
        except bundle.BundleError as error:
            raise CommandError(f"{error} Nothing was restored.") from error
        listed = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Restored {listed} from {file}."))
