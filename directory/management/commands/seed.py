from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import transaction

from directory.models import Community, Organization, Partnership, Source

SEED_FILE = settings.BASE_DIR / "fixtures" / "seed.json"


class Command(BaseCommand):
    help = (
        "Load the seed data (fixtures/seed.json) into an empty directory. "
        "Does nothing when the directory already holds records, so curators' "
        "changes are never overwritten or duplicated."
    )

    def handle(self, *args, **options):
        models = (Community, Partnership, Organization, Source)
        if any(model.objects.exists() for model in models):
            self.stdout.write("The directory already holds records; seed data not loaded.")
            return
        with transaction.atomic(), SEED_FILE.open(encoding="utf-8") as seed:
            # Saved one by one through Model.save() (not loaddata's raw saves), so
            # timestamps, search columns and history are filled in as for any edit.
            for record in serializers.deserialize("json", seed, handle_forward_references=False):
                record.object.save()
                for field, values in record.m2m_data.items():
                    getattr(record.object, field).set(values)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {Community.objects.count()} communities, "
                f"{Partnership.objects.count()} partnerships and "
                f"{Organization.objects.count()} organizations."
            )
        )
