from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from .source import Source

# A running job whose task has written no progress for this long is said to be stalled.
STALLED = timedelta(minutes=5)


class ImportJob(models.Model):
    """A file uploaded in the admin, previewed and then imported, each in the background
    (directory/importing/jobs.py), with its progress and what it found."""

    class State(models.TextChoices):
        PREVIEWING = "previewing", "Reading the file"
        PREVIEWED = "previewed", "Ready to import"
        REFUSED = "refused", "Refused"
        IMPORTING = "importing", "Importing"
        IMPORTED = "imported", "Imported"
        FAILED = "failed", "Failed"

    file_name = models.CharField(max_length=255)
    data = models.BinaryField()
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    uploaded = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=20, choices=State, default=State.PREVIEWING)
    lines = models.PositiveIntegerField(default=0, help_text="Lines in the file.")
    rows_read = models.PositiveIntegerField(default=0)
    stored = models.PositiveIntegerField(
        default=0, help_text="Partnerships stored or newly cited so far."
    )
    report = models.JSONField(
        default=dict, help_text="What the preview found, then what the import did."
    )
    error = models.TextField(blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-uploaded"]
        permissions = [("import_partnerships", "Can import partnerships from a file")]

    def __str__(self):
        return f"{self.file_name} ({self.source})"

    @property
    def running(self):
        return self.state in {self.State.PREVIEWING, self.State.IMPORTING}

    @property
    def stalled(self):
        """Running, but with no progress for STALLED: its worker may have stopped."""
        return self.running and self.updated < timezone.now() - STALLED
