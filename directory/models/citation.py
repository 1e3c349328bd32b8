"""A source's record of a partnership."""

from django.db import models
from simple_history.models import HistoricalRecords

from .base import TimeStampedModel
from .source import Source


class Citation(TimeStampedModel):
    """A source's record of a partnership, with the names as that source printed them."""

    partnership = models.ForeignKey(
        "Partnership", on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    published_a = models.CharField(
        "community as published",
        max_length=300,
        blank=True,
        help_text="The first community's name as the source printed it, where it differs.",
    )
    published_b = models.CharField(
        "partner as published",
        max_length=300,
        blank=True,
        help_text="The partner community's name as the source printed it, where it differs.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "source"],
                name="citation_one_per_source",
                violation_error_message="This source is already cited for this partnership.",
            )
        ]

    def __str__(self):
        return f"{self.partnership} in {self.source}"
