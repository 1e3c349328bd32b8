"""Partnerships cite their sources through Citation, which also keeps the names as each
source printed them; organizations, questions and history events name their source;
the directory's Generation starts."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from ._curators import grant_curators


def cite_sources(apps, schema_editor):
    """Each partnership's one source becomes its first citation."""
    Partnership = apps.get_model("directory", "Partnership")
    Citation = apps.get_model("directory", "Citation")
    Citation.objects.bulk_create(
        Citation(partnership_id=pk, source_id=source_id)
        for pk, source_id in Partnership.objects.values_list("pk", "source_id").iterator()
    )


def first_generation(apps, schema_editor):
    apps.get_model("directory", "Generation").objects.get_or_create(pk=1)


def grant(apps, schema_editor):
    grant_curators(apps, ["citation"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0008_partnership_filters_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Generation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveBigIntegerField(default=1)),
                ("changed", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["pk"],
            },
        ),
        migrations.AlterModelOptions(
            name="partnership",
            options={},
        ),
        migrations.AddField(
            model_name="historicalhistoryevent",
            name="source",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Where the facts of this event come from.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="directory.source",
            ),
        ),
        migrations.AddField(
            model_name="historicalorganization",
            name="source",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Where the description and contacts come from.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="directory.source",
            ),
        ),
        migrations.AddField(
            model_name="historicalquestion",
            name="source",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Where the facts in the answer come from.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="directory.source",
            ),
        ),
        migrations.AddField(
            model_name="historicalsource",
            name="published",
            field=models.CharField(
                blank=True,
                help_text="When the source was published or last updated, as far as it says so itself. Leave empty when it gives no date.",
                max_length=200,
                verbose_name="date",
            ),
        ),
        migrations.AddField(
            model_name="historyevent",
            name="source",
            field=models.ForeignKey(
                blank=True,
                help_text="Where the facts of this event come from.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="history_events",
                to="directory.source",
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="source",
            field=models.ForeignKey(
                blank=True,
                help_text="Where the description and contacts come from.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="organizations",
                to="directory.source",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="source",
            field=models.ForeignKey(
                blank=True,
                help_text="Where the facts in the answer come from.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="questions",
                to="directory.source",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="published",
            field=models.CharField(
                blank=True,
                help_text="When the source was published or last updated, as far as it says so itself. Leave empty when it gives no date.",
                max_length=200,
                verbose_name="date",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsource",
            name="description",
            field=models.TextField(
                blank=True, help_text="What the source covers, in a sentence or two."
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="description",
            field=models.TextField(
                blank=True, help_text="What the source covers, in a sentence or two."
            ),
        ),
        migrations.CreateModel(
            name="Citation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True)),
                ("updated", models.DateTimeField(auto_now=True)),
                (
                    "published_a",
                    models.CharField(
                        blank=True,
                        help_text="The first community's name as the source printed it, where it differs.",
                        max_length=300,
                        verbose_name="community as published",
                    ),
                ),
                (
                    "published_b",
                    models.CharField(
                        blank=True,
                        help_text="The partner community's name as the source printed it, where it differs.",
                        max_length=300,
                        verbose_name="partner as published",
                    ),
                ),
                (
                    "partnership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="citations",
                        to="directory.partnership",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="citations",
                        to="directory.source",
                    ),
                ),
            ],
            options={
                "ordering": ["pk"],
            },
        ),
        migrations.AddField(
            model_name="partnership",
            name="sources",
            field=models.ManyToManyField(
                help_text="The lists or documents this partnership is recorded in.",
                related_name="partnerships",
                through="directory.Citation",
                to="directory.source",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalCitation",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created", models.DateTimeField(blank=True, editable=False)),
                ("updated", models.DateTimeField(blank=True, editable=False)),
                (
                    "published_a",
                    models.CharField(
                        blank=True,
                        help_text="The first community's name as the source printed it, where it differs.",
                        max_length=300,
                        verbose_name="community as published",
                    ),
                ),
                (
                    "published_b",
                    models.CharField(
                        blank=True,
                        help_text="The partner community's name as the source printed it, where it differs.",
                        max_length=300,
                        verbose_name="partner as published",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                        max_length=1,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "partnership",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="directory.partnership",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="directory.source",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical citation",
                "verbose_name_plural": "historical citations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddConstraint(
            model_name="citation",
            constraint=models.UniqueConstraint(
                fields=("partnership", "source"),
                name="citation_one_per_source",
                violation_error_message="This source is already cited for this partnership.",
            ),
        ),
        migrations.RunPython(cite_sources, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="historicalpartnership",
            name="source",
        ),
        migrations.RemoveField(
            model_name="partnership",
            name="source",
        ),
        migrations.RunPython(first_generation, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
