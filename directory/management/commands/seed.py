from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from directory.models import (
    Citation,
    Community,
    HistoryEvent,
    Organization,
    Partnership,
    Question,
    Source,
)

SEED_FILE = settings.BASE_DIR / "fixtures" / "seed.json"
SPANISH_REASON = "Spanish texts from the seed data"
SEEDED_MODELS = (Source, Community, Partnership, Citation, Organization, Question, HistoryEvent)
# With --import-data, imported after the seed into a new directory: (file, source slug).
DATA_IMPORTS = [(settings.BASE_DIR / "data" / "twin_cities_wikipedia.csv", "wikipedia-twin-towns")]


def fill_spanish(seeded):
    """Give the saved records that still hold the English texts of the seed record
    ``seeded`` its Spanish texts, where theirs are empty and have never held text.
    Returns how many texts were filled."""
    model = type(seeded)
    english = {field: getattr(seeded, field) for field in model.TRANSLATED_FIELDS}
    filled = 0
    for obj in model.objects.filter(**english):
        empty = [
            spanish
            for spanish in model.TRANSLATED_FIELDS.values()
            if getattr(seeded, spanish)
            and not getattr(obj, spanish)
            and not model.history.filter(id=obj.pk).exclude(**{spanish: ""}).exists()
        ]
        if empty:
            for spanish in empty:
                setattr(obj, spanish, getattr(seeded, spanish))
            obj._change_reason = SPANISH_REASON
            obj.save(update_fields=[*empty, "updated"])
            filled += len(empty)
    return filled


class Command(BaseCommand):
    help = (
        "Load the seed data (fixtures/seed.json) into the tables that are still empty. "
        "A table that already holds records is left alone, so running this again never "
        "overwrites or duplicates what curators changed; only the Spanish texts of seeded "
        "records whose English is still as seeded are filled in where they are empty."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load nothing unless every directory table is empty (a new database).",
        )
        parser.add_argument(
            "--import-data",
            action="store_true",
            help="When the seed has just filled an empty directory, also import the data "
            "files in data/ (the Wikipedia twin-town list).",
        )

    def handle(self, *args, **options):
        if options["if_empty"]:
            filled = [model for model in SEEDED_MODELS if model.objects.exists()]
            if filled:
                self.stdout.write(
                    f"The database already holds {filled[0]._meta.verbose_name_plural}; "
                    "seed data not loaded."
                )
                return
        loaded, skipped, spanish = {}, [], 0
        with transaction.atomic(), SEED_FILE.open(encoding="utf-8") as seed:
            # Saved one by one through Model.save() (not loaddata's raw saves), so
            # timestamps, search columns and history are filled in as for any edit.
            for record in serializers.deserialize("json", seed, handle_forward_references=False):
                model = type(record.object)
                if model not in loaded and model not in skipped:
                    if model.objects.exists():
                        skipped.append(model)
                    else:
                        loaded[model] = 0
                if model in skipped:
                    if hasattr(model, "TRANSLATED_FIELDS"):
                        spanish += fill_spanish(record.object)
                    continue
                record.object.save()
                for field, values in record.m2m_data.items():
                    getattr(record.object, field).set(values)
                loaded[model] += 1
        for model, count in loaded.items():
            self.stdout.write(f"Loaded {count} {model._meta.verbose_name_plural}.")
        for model in skipped:
            self.stdout.write(
                f"{model._meta.verbose_name_plural.capitalize()} already present; "
                "seed data not loaded."
            )
        if spanish:
            self.stdout.write(f"Filled {spanish} empty Spanish texts of seeded records.")
        if options["import_data"] and Partnership in loaded:
            for path, source in DATA_IMPORTS:
                self.stdout.write(f"Importing {path.name}, citing {source}:")
                call_command("import_partnerships", path, source=source, summary=True)
            self.stdout.write("Checking every community against the GeoNames gazetteer:")
            call_command("check_places", summary=True)
