from django.db import migrations

from ._curators import grant

REPORTS = ["view_correctionreport", "view_historicalcorrectionreport"]


def create_moderators(apps, schema_editor):
    # Moderators handle correction reports and nothing else.
    grant(apps, [*REPORTS, "change_correctionreport"], group_name="Moderators")
    # Curators may read the reports (and follow a report's link to the record it is
    # about), but not decide them.
    grant(apps, REPORTS)


def remove_moderators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0018_correctionreport")]

    operations = [migrations.RunPython(create_moderators, remove_moderators)]
