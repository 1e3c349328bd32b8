from django.db import migrations

from ._curators import grant_curators


def grant(apps, schema_editor):
    grant_curators(apps, ["statuschange"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0016_statuschange")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
