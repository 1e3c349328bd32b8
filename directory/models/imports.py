from django.conf import settings
from django.db import models

from .source import Source


class PendingImport(models.Model):
    """A file uploaded in the admin and previewed, kept until the curator confirms it."""

    file_name = models.CharField(max_length=255)
    data = models.BinaryField()
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    uploaded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded"]
        permissions = [("import_partnerships", "Can import partnerships from a file")]

    def __str__(self):
        return f"{self.file_name} ({self.source})"
