from django.db import migrations

from ._curators import grant_curators


def grant(apps, schema_editor):
    grant_curators(apps, ["question", "historyevent"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_faq_and_history")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
