"""The moderation queue: Admin → Correction reports.

Moderators (the group made by migration 0018) read each report, accept or reject it with
a reply, and the reporter is emailed the outcome once. An accepted report links to the
record's own admin page, where a curator makes the correction: moderators change reports
only, never the directory's records.
"""

from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from directory.curation import TIMESTAMPS, CurationAdmin
from directory.models import CorrectionReport

from .emails import outcome_due, send_outcome


def record_admin_link(report):
    """(address of the record's admin change page, its link text)."""
    if report.partnership_id:
        url = reverse("admin:directory_partnership_change", args=[report.partnership_id])
        return url, _("Edit the partnership")
    return reverse("admin:directory_community_change", args=[report.community_id]), _(
        "Edit the community"
    )


def link(url, text):
    """A link for a column or field of the queue, drawn by a template."""
    return render_to_string("admin/directory/link.html", {"url": url, "text": text})


@admin.register(CorrectionReport)
class CorrectionReportAdmin(CurationAdmin):
    list_display = ("created", "state", "record", "summary", "has_email", "handled_by")
    list_display_links = ("created",)
    list_filter = ("state", "language")
    list_select_related = (
        "community",
        "partnership__community_a",
        "partnership__community_b",
        "handled_by",
    )
    search_fields = ("what", "evidence", "community__name")
    readonly_fields = (
        "record",
        "what",
        "evidence",
        "email",
        "language",
        "edit_record",
        "handled_by",
        "handled_on",
        "emailed_outcome",
        *TIMESTAMPS,
    )
    fieldsets = (
        (
            _("Report"),
            {"fields": ("record", "what", "evidence", "email", "language", "created")},
        ),
        (
            _("Moderation"),
            {
                "fields": (
                    "state",
                    "reply",
                    "edit_record",
                    "handled_by",
                    "handled_on",
                    "emailed_outcome",
                    "updated",
                    "loaded_version",
                )
            },
        ),
    )

    def has_add_permission(self, request):
        # Reports come from the public form only.
        return False

    @admin.display(description=_("record"))
    def record(self, obj):
        """What the report is about, linked to its public page."""
        return link(obj.get_absolute_url(), obj.record)

    @admin.display(description=_("what is wrong"))
    def summary(self, obj):
        return Truncator(obj.what).chars(80)

    @admin.display(description=_("email"), boolean=True)
    def has_email(self, obj):
        return bool(obj.email)

    @admin.display(description=_("correct the record"))
    def edit_record(self, obj):
        if obj.state != CorrectionReport.State.ACCEPTED:
            return _("A link to the record appears here once the report is accepted.")
        return link(*record_admin_link(obj))

    def save_model(self, request, obj, form, change):
        if "state" in form.changed_data:
            obj.handled_by = request.user if obj.decided else None
            obj.handled_on = timezone.now() if obj.decided else None
        super().save_model(request, obj, form, change)
        if "state" in form.changed_data and obj.state == CorrectionReport.State.ACCEPTED:
            url, text = record_admin_link(obj)
            self.message_user(
                request,
                render_to_string(
                    "admin/directory/correctionreport/accepted.html", {"url": url, "text": text}
                ),
            )
        if outcome_due(obj):
            # Sent by changeform_view, once the decision is saved for good.
            request.outcome_due = obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The admin saves in a transaction of its own, committed when this returns.
        response = super().changeform_view(request, object_id, form_url, extra_context)
        report = getattr(request, "outcome_due", None)
        if report is not None:
            self.email_outcome(request, report)
        return response

    def email_outcome(self, request, report):
        community_url = request.build_absolute_uri(report.community.get_absolute_url())
        if send_outcome(report, community_url):
            self.message_user(request, _("The outcome was emailed to the reporter."))
        else:
            self.message_user(
                request,
                _("The outcome could not be emailed. Save the report again to try again."),
                messages.WARNING,
            )
