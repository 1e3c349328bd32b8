"""Sources record their licence, when they were retrieved, whether curators have checked
what comes from them, and notes; the seed's sources are checked; the Wikipedia twin-town
list becomes a source (imported with import_partnerships)."""

from django.db import migrations, models

CHECKED = [
    "miami-dade-county-list",
    "san-jose-list",
    "sci-business-and-trade",
    "sci-faq",
    "sci-institutional-partners",
]
WIKIPEDIA = {
    "slug": "wikipedia-twin-towns",
    "name": "Wikipedia: lists of twin towns and sister cities",
    "publisher": "Wikipedia contributors; compiled with coordinates by the Hekman/twincities project",
    "url": "https://en.wikipedia.org/wiki/Lists_of_twin_towns_and_sister_cities",
    "description": "The twin towns and sister cities named on English Wikipedia's lists, one list per country, with approximate coordinates for each place. It gives pairs only: no year a partnership began and no status.",
    "published": "Compiled in 2026",
    "licence": "Text from Wikipedia under CC BY-SA 4.0, credited to “Wikipedia contributors, CC BY-SA 4.0”; the compilation is under the MIT licence.",
    "retrieved": None,
    "checked": False,
    "notes": "Imported from data/twin_cities_wikipedia.csv.",
}


def mark_and_add(apps, schema_editor):
    Source = apps.get_model("directory", "Source")
    if not Source.objects.exists():
        return  # a new database: the seed command loads the sources
    Source.objects.filter(slug__in=CHECKED).update(checked=True)
    if not Source.objects.filter(slug=WIKIPEDIA["slug"]).exists():
        Source.objects.create(**WIKIPEDIA)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0010_reworded_content"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalsource",
            name="checked",
            field=models.BooleanField(
                default=False,
                help_text="Whether curators have checked the records taken from this source.",
                verbose_name="checked by curators",
            ),
        ),
        migrations.AddField(
            model_name="historicalsource",
            name="licence",
            field=models.CharField(
                blank=True,
                help_text="The terms the source is published under, and the credit it asks for.",
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="historicalsource",
            name="notes",
            field=models.TextField(blank=True, help_text="For curators; not shown on the site."),
        ),
        migrations.AddField(
            model_name="historicalsource",
            name="retrieved",
            field=models.DateField(
                blank=True, help_text="When the directory took its copy of the source.", null=True
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="checked",
            field=models.BooleanField(
                default=False,
                help_text="Whether curators have checked the records taken from this source.",
                verbose_name="checked by curators",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="licence",
            field=models.CharField(
                blank=True,
                help_text="The terms the source is published under, and the credit it asks for.",
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="notes",
            field=models.TextField(blank=True, help_text="For curators; not shown on the site."),
        ),
        migrations.AddField(
            model_name="source",
            name="retrieved",
            field=models.DateField(
                blank=True, help_text="When the directory took its copy of the source.", null=True
            ),
        ),
        migrations.RunPython(mark_and_add, migrations.RunPython.noop),
    ]
