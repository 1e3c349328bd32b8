"""Communities are found by their country's Spanish name too: search text gains it."""

from django.db import migrations
from django.utils import translation
from django_countries import countries

from directory.folding import fold_all

BATCH = 1000


def spanish_name(code):
    with translation.override("es"):
        return str(countries.name(code))


def add_spanish_country_names(apps, schema_editor):
    Community = apps.get_model("directory", "Community")
    codes = Community.objects.order_by().values_list("country", flat=True).distinct()
    names = {code: spanish_name(code) for code in codes if code}
    batch = []
    rows = Community.objects.filter(country__in=names).only(
        "name", "alternate_names", "region", "country", "search_text"
    )
    for community in rows.iterator(chunk_size=BATCH):
        lines = community.search_text.split("\n")
        community.search_text = fold_all(*lines, names[community.country])
        batch.append(community)
        if len(batch) == BATCH:
            Community.objects.bulk_update(batch, ["search_text"])
            batch = []
    Community.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0020_listing")]

    operations = [migrations.RunPython(add_spanish_country_names, migrations.RunPython.noop)]
