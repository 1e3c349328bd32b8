"""Corrections the public reports on a community or one of its partnerships, and what the
moderators decided (the form and the moderation queue: directory/corrections/)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import TimeStampedModel
from .community import Community
from .partnership import Partnership

WHAT_MAX_LENGTH = 2000
EVIDENCE_MAX_LENGTH = 1000
REPLY_MAX_LENGTH = 2000


class CorrectionReport(TimeStampedModel):
    """A visitor's report that a record is wrong. Kept as the text typed, never as HTML."""

    class State(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="correction_reports",
        verbose_name=_("community"),
        help_text=_("The community whose page the report was sent from."),
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="correction_reports",
        verbose_name=_("partnership"),
        help_text=_("The partnership reported, when it is not the community itself."),
    )
    what = models.TextField(_("what is wrong"), max_length=WHAT_MAX_LENGTH)
    evidence = models.TextField(_("evidence"), max_length=EVIDENCE_MAX_LENGTH)
    email = models.EmailField(
        _("reporter's email"),
        blank=True,
        help_text=_("Where the outcome is sent; empty when the reporter gave none."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the page it was sent from: the outcome is written in it."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.NEW)
    reply = models.TextField(
        _("reply to the reporter"),
        max_length=REPLY_MAX_LENGTH,
        blank=True,
        help_text=_(
            "Sent by email, with the outcome, when the report is accepted or rejected and "
            "the reporter gave an email address."
        ),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_on = models.DateTimeField(_("handled on"), null=True, blank=True)
    emailed_outcome = models.CharField(
        _("outcome emailed"),
        max_length=10,
        choices=State,
        blank=True,
        help_text=_("The outcome last emailed to the reporter, so it is sent only once."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("correction report")
        verbose_name_plural = _("correction reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(state="new") | Q(handled_on__isnull=False),
                name="correction_report_handled_when_decided",
                violation_error_message=_("An accepted or rejected report needs a date."),
            )
        ]

    def __str__(self):
        return _("Report on %(record)s") % {"record": self.record}

    def get_absolute_url(self):
        return self.community.get_absolute_url()

    @property
    def record(self):
        """What the report is about: the partnership, or else the community."""
        return self.partnership or self.community

    @property
    def decided(self):
        return self.state != self.State.NEW

    def clean(self):
        if (
            self.partnership_id
            and self.community_id
            and self.community_id
            not in (self.partnership.community_a_id, self.partnership.community_b_id)
        ):
            raise ValidationError(
                {"partnership": _("This partnership is not one of the community's.")}
            )
