from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from directory.translation import SPANISH_HELP

from ..addresses import address
from .base import SlugQuerySet, TimeStampedModel


class SourceQuerySet(SlugQuerySet):
    def with_counts(self):
        """Annotate how many partnerships, organizations, questions and history events
        cite each source: one subquery each, so no count multiplies another."""

        def cited_by(relation):
            field = Source._meta.get_field(relation)
            return Coalesce(
                Subquery(
                    field.related_model.objects.filter(**{field.field.name: OuterRef("pk")})
                    .order_by()
                    .values(field.field.name)
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            )

        return self.annotate(
            partnership_count=cited_by("citations"),
            organization_count=cited_by("organizations"),
            question_count=cited_by("questions"),
            event_count=cited_by("history_events"),
        )


class Source(TimeStampedModel):
    """A published list or document that records in the directory are taken from."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField("address", blank=True)
    description = models.TextField(
        blank=True, help_text="What the source covers, in a sentence or two."
    )
    description_es = models.TextField(
        _("description in Spanish"), blank=True, help_text=SPANISH_HELP
    )
    published = models.CharField(
        "date",
        max_length=200,
        blank=True,
        help_text=(
            "When the source was published or last updated, as far as it says so itself. "
            "Leave empty when it gives no date."
        ),
    )

    licence = models.CharField(
        max_length=200,
        blank=True,
        help_text="The terms the source is published under, and the credit it asks for.",
    )
    retrieved = models.DateField(
        null=True, blank=True, help_text="When the directory took its copy of the source."
    )
    checked = models.BooleanField(
        "checked by curators",
        default=False,
        help_text="Whether curators have checked the records taken from this source.",
    )
    notes = models.TextField(blank=True, help_text="For curators; not shown on the site.")

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords()

    TRANSLATED_FIELDS = {"description": "description_es"}

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return address("directory:sources") + f"#{self.slug}"

    def natural_key(self):
        return (self.slug,)


def source_field(related_name, help_text):
    """The source a record's facts come from: optional, and a cited source cannot be
    deleted."""
    return models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        help_text=help_text,
    )
