"""Write every directory record to one JSON bundle (directory/bundle.py).

python manage.py export_directory directory.json
"""

from django.core.management.base import BaseCommand

from directory import bundle


class Command(BaseCommand):
    help = "Write every directory record to one JSON bundle file, for restore_directory."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the bundle to write")

    def handle(self, *args, file, **options):
        with open(file, "w", encoding="utf-8") as stream:
            counts = bundle.export(stream)
        listed = ", ".join(f"{n} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Exported {listed} to {file}."))
