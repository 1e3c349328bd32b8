"""Which partnerships a curator has checked, when, and which need checking again.

A partnership records the day a curator last verified it and who did (``verified_on``,
``verified_by``). Curators mark one record on its change form, or many with an action on
the changelist; both are kept in the record's history. A record never verified, or last
verified more than VERIFY_AFTER_MONTHS months ago, needs checking.
"""

import calendar
import datetime

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .curation import CurationForm

VERIFIED_REASON = "Marked as verified"


def months_before(day, months):
    """The same day ``months`` months before ``day`` (the month's last day when it has
    fewer days)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def verified_since():
    """The first day a verification still counts as recent."""
    return months_before(timezone.localdate(), settings.VERIFY_AFTER_MONTHS)


def needs_checking():
    """The condition on partnerships that need checking: never verified, or too long ago."""
    return Q(verified_on__isnull=True) | Q(verified_on__lt=verified_since())


class NeedsCheckingFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        months = settings.VERIFY_AFTER_MONTHS
        return [
            ("needed", _("Needs checking")),
            ("never", _("Never verified")),
            ("old", _("Verified more than %(months)s months ago") % {"months": months}),
            ("recent", _("Verified in the last %(months)s months") % {"months": months}),
        ]

    def queryset(self, request, queryset):
        conditions = {
            "needed": needs_checking(),
            "never": Q(verified_on__isnull=True),
            "old": Q(verified_on__lt=verified_since()),
            "recent": Q(verified_on__gte=verified_since()),
        }
        if self.value() in conditions:
            return queryset.filter(conditions[self.value()])
        return queryset


class PartnershipForm(CurationForm):
    """The partnership's change form, with a box to record that it was checked today."""

    verify_today = forms.BooleanField(
        label=_("Mark verified today"),
        required=False,
        help_text=_("Tick when you have checked this partnership against its sources."),
    )


class VerificationAdminMixin:
    """For PartnershipAdmin: marking records verified, one or many."""

    actions = ("mark_verified",)

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("verify_today"):
            obj.verified_on = timezone.localdate()
            obj.verified_by = request.user
            obj._change_reason = VERIFIED_REASON
        super().save_model(request, obj, form, change)

    @admin.action(
        description=_("Mark selected partnerships as verified today"), permissions=["change"]
    )
    def mark_verified(self, request, queryset):
        changed = self.update_unchanged(
            request,
            queryset,
            VERIFIED_REASON,
            verified_on=timezone.localdate(),
            verified_by=request.user,
        )
        if changed:
            self.message_user(request, f"Marked {len(changed)} as verified today.")
