from django.db import migrations, models


class Migration(migrations.Migration):
    """A pending import becomes a job that a background task previews and imports."""

    dependencies = [("directory", "0029_gazetteer_names")]

    operations = [
        migrations.RenameModel("PendingImport", "ImportJob"),
        migrations.AddField(
            model_name="importjob",
            name="state",
            field=models.CharField(
                choices=[
                    ("previewing", "Reading the file"),
                    ("previewed", "Ready to import"),
                    ("refused", "Refused"),
                    ("importing", "Importing"),
                    ("imported", "Imported"),
                    ("failed", "Failed"),
                ],
                default="previewing",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="importjob",
            name="lines",
            field=models.PositiveIntegerField(default=0, help_text="Lines in the file."),
        ),
        migrations.AddField(
            model_name="importjob",
            name="rows_read",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="importjob",
            name="stored",
            field=models.PositiveIntegerField(
                default=0, help_text="Partnerships stored or newly cited so far."
            ),
        ),
        migrations.AddField(
            model_name="importjob",
            name="report",
            field=models.JSONField(
                default=dict, help_text="What the preview found, then what the import did."
            ),
        ),
        migrations.AddField(
            model_name="importjob",
            name="error",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="importjob",
            name="updated",
            field=models.DateTimeField(auto_now=True),
        ),
    ]
