"""A partnership's status over time: proposed, friendship, sister city, suspended,
ended, renewed. The partnership's current status follows from these entries, in
``current_status()`` alone (applied by Partnership.apply_status_history())."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import (
    FIRST_YEAR,
    YEAR_VALIDATORS,
    TimeStampedModel,
    label_of,
    validate_not_future_date,
)
from .source import Source

# Entries in the order they happened: by year (an entry without one comes first), then
# by date, then in the order they were recorded.
ORDER = [F("year").asc(nulls_first=True), F("date").asc(nulls_first=True), "pk"]


class StatusChange(TimeStampedModel):
    """One step in a partnership's history, such as "sister city since 2017"."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        FRIENDSHIP = "friendship", _("friendship")
        SISTER = "sister", _("sister city")
        SUSPENDED = "suspended", _("suspended")
        ENDED = "ended", _("ended")
        RENEWED = "renewed", _("renewed")

    # The steps that say whether the partnership is active, suspended or ended.
    STATE_STEPS = {Status.SUSPENDED, Status.ENDED, Status.RENEWED}
    # The steps that say whether it is a sister or a friendship city.
    KIND_STEPS = {Status.FRIENDSHIP, Status.SISTER}

    partnership = models.ForeignKey(
        "directory.Partnership",
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("partnership"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Required for suspended and ended; leave empty when not recorded."),
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        validators=[validate_not_future_date],
        help_text=_("The exact date, only where a source gives one."),
    )
    reason = models.TextField(_("reason"), blank=True)
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="status_changes",
        verbose_name=_("source"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ORDER
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["suspended", "ended"]) | Q(year__isnull=False),
                name="statuschange_suspended_or_ended_has_year",
                violation_error_message=_("Enter the year it was suspended or ended."),
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=FIRST_YEAR),
                name="statuschange_year_range",
                violation_error_message=_("Enter a year from %(first)s onwards.")
                % {"first": FIRST_YEAR},
            ),
        ]

    def get_status_display(self):
        return label_of(self.Status, self.status)

    def __str__(self):
        return f"{self.get_status_display()} {self.year or ''}".strip()

    def get_absolute_url(self):
        return self.partnership.get_absolute_url()

    @property
    def lasts(self):
        """Whether this status lasts until the next entry: "sister city since 2017"."""
        return self.status in self.KIND_STEPS or self.status == self.Status.SUSPENDED

    def clean(self):
        errors = {}
        if self.date and self.year is None:
            self.year = self.date.year
        if self.date and self.date.year != self.year:
            errors["date"] = _("The date is in %(date)s, but the year is %(year)s.") % {
                "date": self.date.year,
                "year": self.year,
            }
        try:
            founded = self.partnership.established_year
        except ObjectDoesNotExist:
            founded = None
        if self.year and founded and self.year < founded and self.status != self.Status.PROPOSED:
            errors["year"] = _(
                "%(year)s is before the partnership was established, in %(founded)s. "
                "Correct the established year first if it is wrong."
            ) % {"year": self.year, "founded": founded}
        if errors:
            raise ValidationError(errors)


def in_order(entries):
    """``entries`` (StatusChange objects, saved or not) in the order they happened."""

    def key(entry):
        return (
            entry.year is not None,
            entry.year or 0,
            entry.date is not None,
            entry.date or 0,
            entry.pk is None,
            entry.pk or 0,
        )

    return sorted(entries, key=key)


def current_status(partnership, entries, state_removed=False):
    """What ``partnership``'s status fields are, given its status history ``entries``:
    a dict of the fields to set.

    - status: the latest friendship or sister-city entry, when there is one;
    - established_year: the year of the first of those, when none is recorded;
    - suspended_year and ended_year: the latest suspended or ended entry, unless a
      later entry (renewed, friendship, sister city) takes it back. When the history has
      no suspended, ended or renewed entry, ended_year stays as recorded, unless the
      last of them was just removed (``state_removed``).
    """
    steps = in_order(entries)
    values = {}
    kinds = [entry for entry in steps if entry.status in StatusChange.KIND_STEPS]
    if kinds:
        values["status"] = kinds[-1].status
        if partnership.established_year is None:
            values["established_year"] = next((e.year for e in kinds if e.year), None)
    suspended = ended = None
    for entry in steps:
        if entry.status == StatusChange.Status.SUSPENDED:
            suspended, ended = entry.year, None
        elif entry.status == StatusChange.Status.ENDED:
            suspended, ended = None, entry.year
        elif entry.status != StatusChange.Status.PROPOSED:
            suspended = ended = None
    values["suspended_year"] = suspended
    if state_removed or any(entry.status in StatusChange.STATE_STEPS for entry in steps):
        values["ended_year"] = ended
    return values
