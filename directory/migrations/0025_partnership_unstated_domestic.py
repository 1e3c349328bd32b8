"""A status for partnerships whose sources state none, and a flag for domestic ones.

- Partnerships cited by the Wikipedia twin-town list alone, with no status history, were
  stored as sister cities by the former default, though the list states no status: they
  become "unstated". Every other partnership keeps its status.
- ``domestic`` is set on every partnership from its two communities' countries.

The directory's generation moves on, so no cached page keeps the former statuses.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Now

from directory.models.partnership import same_country

WIKIPEDIA = "wikipedia-twin-towns"


def mark_unstated(apps, schema_editor):
    """Unstated: the sister cities cited by WIKIPEDIA and by no other source, with no
    status history entry. Returns how many."""
    Partnership = apps.get_model("directory", "Partnership")
    Citation = apps.get_model("directory", "Citation")
    StatusChange = apps.get_model("directory", "StatusChange")
    cited_elsewhere = Citation.objects.exclude(source__slug=WIKIPEDIA).values("partnership")
    with_history = StatusChange.objects.values("partnership")
    return (
        Partnership.objects.filter(status="sister", citations__source__slug=WIKIPEDIA)
        .exclude(pk__in=cited_elsewhere)
        .exclude(pk__in=with_history)
        .update(status="unstated")
    )


def mark_domestic(apps, schema_editor):
    """``domestic`` for every partnership, from its communities' countries."""
    Partnership = apps.get_model("directory", "Partnership")
    Community = apps.get_model("directory", "Community")
    Partnership.objects.update(domestic=same_country(Community))


def advance_generation(apps, schema_editor):
    Generation = apps.get_model("directory", "Generation")
    Generation.objects.filter(pk=1).update(number=F("number") + 1, changed=Now())


def forwards(apps, schema_editor):
    mark_unstated(apps, schema_editor)
    mark_domestic(apps, schema_editor)
    advance_generation(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0024_community_place'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalpartnership',
            name='domestic',
            field=models.BooleanField(default=False, editable=False, help_text='Both communities are in one country. Set from their countries.', verbose_name='domestic'),
        ),
        migrations.AddField(
            model_name='partnership',
            name='domestic',
            field=models.BooleanField(default=False, editable=False, help_text='Both communities are in one country. Set from their countries.', verbose_name='domestic'),
        ),
        migrations.AlterField(
            model_name='historicalpartnership',
            name='status',
            field=models.CharField(choices=[('sister', 'Sister city'), ('friendship', 'Friendship city'), ('unstated', 'Status not stated by its source')], default='unstated', help_text='As its sources state it; not stated when none does.', max_length=20),
        ),
        migrations.AlterField(
            model_name='partnership',
            name='status',
            field=models.CharField(choices=[('sister', 'Sister city'), ('friendship', 'Friendship city'), ('unstated', 'Status not stated by its source')], default='unstated', help_text='As its sources state it; not stated when none does.', max_length=20),
        ),
        migrations.AddIndex(
            model_name='partnership',
            index=models.Index(fields=['domestic'], name='partnership_domestic_idx'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
