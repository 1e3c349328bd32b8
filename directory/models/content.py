from collections import Counter

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Min
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from directory.translation import SPANISH_HELP

from ..addresses import address
from .base import TimeStampedModel, validate_not_future_year
from .partnership import Partnership
from .source import source_field


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Question(TimeStampedModel):
    """A question and answer on the FAQ page."""

    question = models.CharField(max_length=300)
    answer = models.TextField(
        help_text=(
            "Paragraphs separated by a blank line. Simple HTML is allowed: "
            "<strong>, <em>, <a href>, <ul>, <ol>, <li>; anything else is removed."
        )
    )
    question_es = models.CharField(
        _("question in Spanish"), max_length=300, blank=True, help_text=SPANISH_HELP
    )
    answer_es = models.TextField(
        _("answer in Spanish"),
        blank=True,
        help_text=_(
            "Written as the English answer is, with the same simple HTML. While it is empty, "
            "Spanish pages show the English answer."
        ),
    )
    source = source_field("questions", "Where the facts in the answer come from.")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Questions are shown from the lowest number up."
    )
    published = models.BooleanField(default=True)

    objects = QuestionQuerySet.as_manager()
    history = HistoricalRecords()

    TRANSLATED_FIELDS = {"question": "question_es", "answer": "answer_es"}

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return address("directory:faq") + f"#question-{self.pk}"


class HistoryEvent(TimeStampedModel):
    """A dated event on the history page's timeline."""

    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1800), validate_not_future_year]
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    title_es = models.CharField(
        _("title in Spanish"), max_length=200, blank=True, help_text=SPANISH_HELP
    )
    description_es = models.TextField(
        _("description in Spanish"), blank=True, help_text=SPANISH_HELP
    )
    source = source_field("history_events", "Where the facts of this event come from.")

    history = HistoricalRecords()

    TRANSLATED_FIELDS = {"title": "title_es", "description": "description_es"}

    class Meta:
        ordering = ["year", "pk"]

    def __str__(self):
        return f"{self.year}: {self.title}"

    def get_absolute_url(self):
        return address("directory:history") + f"#event-{self.pk}"


def timeline():
    """Curated events and, for each year, how many partnerships in the directory began.

    Three queries whatever the number of partnerships: counts per year with the first
    partnership of each year, those example partnerships, and the events. Events come
    first within a year.
    """
    years = (
        Partnership.objects.filter(established_year__isnull=False)
        .values("established_year")
        .annotate(count=Count("pk"), example=Min("pk"))
    )
    examples = Partnership.objects.select_related("community_a", "community_b").in_bulk(
        [year["example"] for year in years]
    )
    entries = [
        {"year": event.year, "event": event}
        for event in HistoryEvent.objects.select_related("source")
    ]
    entries += [
        {
            "year": year["established_year"],
            "count": year["count"],
            "example": examples[year["example"]],
        }
        for year in years
    ]
    # sorted() is stable: events stay before the counts of their year.
    return sorted(entries, key=lambda entry: entry["year"])


def founded_per_year():
    """How many partnerships in the directory began each year and each decade: two
    lists of (year, count) and (decade, count), the decade given by its first year (1950),
    every year from the first to the last, so that the quiet years show too; and how
    many partnerships there are with no known year, from the same query."""
    counts = dict(
        Partnership.objects.order_by().values_list("established_year").annotate(Count("pk"))
    )
    undated = counts.pop(None, 0)
    if not counts:
        return [], [], undated
    years = [(year, counts.get(year, 0)) for year in range(min(counts), max(counts) + 1)]
    decades = Counter()
    for year, count in years:
        decades[year // 10 * 10] += count
    return years, sorted(decades.items()), undated
