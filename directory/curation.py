"""Curating in the admin without losing anyone's edits.

Every way to save a record compares the version the curator saw with the saved one,
in the transaction that writes it (directory/versions.py), and refuses a stale save
with what changed since:

- the change form, and the rows of its inlines;
- list-editable changelists: each row carries its version; one stale row refuses the
  whole submit, so the rows of a submit are saved all together or not at all;
- admin actions that change records, through CurationAdmin.update_unchanged();
- reverting to an earlier version from the history page.
"""

from csp.decorators import csp_update
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from .versions import locked_version, stale_message, version_of

# The field, in a form's POST, of each row's version on a changelist (for actions).
ROW_VERSION = "_row_version"


class VersionField(forms.CharField):
    """The version the form was opened at: never a change of its own."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data):
        return False


class CurationForm(forms.ModelForm):
    """Refuses to save over changes someone else saved after this form was opened."""

    loaded_version = VersionField()
    # Changelist and inline rows are written only when changed: an unchanged row is
    # left alone, so it need not be current.
    written_only_when_changed = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.version_replaced()
        if self.reverted_from is not None:
            # The form shows the earlier version's links too, not today's.
            for field in self.reverted_from._history_m2m_fields:
                links = getattr(self.reverted_from, field.name)
                target = field.m2m_reverse_field_name()
                self.initial[field.name] = list(links.values_list(target, flat=True))

    @property
    def reverted_from(self):
        """The historical record this form shows, when it reverts to it."""
        return getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)

    def version_replaced(self):
        if self.reverted_from is None:
            return version_of(self.instance)
        # A revert form shows an earlier version; what it replaces is the saved one.
        saved = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        return version_of(saved.only("updated").first() or self.instance)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and (self.changed_data or not self.written_only_when_changed):
            loaded = cleaned_data.get("loaded_version")
            model = type(self.instance)
            saved = locked_version(model, self.instance.pk)
            if saved is not None and loaded != saved:
                raise ValidationError(stale_message(model, self.instance.pk, loaded), code="stale")
        return cleaned_data


class CurationRowForm(CurationForm):
    written_only_when_changed = True


def reverted_reason(record):
    return f"Reverted to the version of {record.history_date:%Y-%m-%d %H:%M:%S} UTC"


TIMESTAMPS = ("created", "updated")

# simple-history's history page gives its paginator style="border-top: 0". That page
# alone allows this one style attribute, by its hash; no other inline style is allowed.
HISTORY_PAGE_STYLE = {
    "style-src-attr": ["'unsafe-hashes'", "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"]
}


class CurationAdmin(SimpleHistoryAdmin):
    form = CurationForm
    readonly_fields = TIMESTAMPS
    list_per_page = 50
    # Web addresses typed without a scheme are taken as https://.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @method_decorator(csp_update(HISTORY_PAGE_STYLE))
    @method_decorator(csp_update(HISTORY_PAGE_STYLE, REPORT_ONLY=True))
    def history_view(self, request, object_id, extra_context=None):
        return super().history_view(request, object_id, extra_context)

    def get_changelist_form(self, request, **kwargs):
        # Each row of a list-editable changelist carries its version in this form's
        # hidden field (templates/admin/directory/change_list.html draws it).
        return super().get_changelist_form(request, form=CurationRowForm, **kwargs)

    def changelist_view(self, request, extra_context=None):
        # One transaction for a submit: the rows' versions are checked with their rows
        # locked, and the rows are saved together or not at all, as are actions.
        if request.method != "POST":
            return super().changelist_view(request, extra_context)
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().changelist_view(request, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history saves a revert outside any transaction: give it one, so the
        # version check locks the row until the revert is written.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        record = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if record is not None:
            obj._change_reason = reverted_reason(record)
        super().save_model(request, obj, form, change)

    def update_unchanged(self, request, queryset, reason, **values):
        """For admin actions that change records: set ``values`` on each selected record
        still at the version the curator's changelist showed, and leave the others.

        Each row of a changelist posts its version (``ROW_VERSION``); only those rows,
        a page at most, are read, locked in the changelist's transaction, so no save can
        slip in between the comparison and the write. Each record is saved with
        ``reason`` in its history (and so moves the directory's generation on). A record
        changed since is left as it is and named in a warning; records selected but not
        shown ("select all" across pages) are left too, and only counted, in one query,
        however many they are. Returns the records changed.
        """
        shown = dict(
            value.split("@", 1) for value in request.POST.getlist(ROW_VERSION) if "@" in value
        )
        selected = self.model._default_manager.filter(pk__in=queryset.values("pk"))
        on_page = [pk for pk in shown if pk.isdigit()][: self.list_max_show_all]
        total = selected.count()  # before the changes, which may take records out of it
        changed, stale = [], []
        for obj in selected.filter(pk__in=on_page).select_for_update().order_by("pk"):
            if shown[str(obj.pk)] != version_of(obj):
                stale.append(obj)
                continue
            for name, value in values.items():
                setattr(obj, name, value)
            obj._change_reason = reason
            obj._history_user = request.user
            obj.save(update_fields=[*values, "updated"])
            changed.append(obj)
        if stale:
            self.message_user(
                request,
                "Not changed, because someone saved them after this list was shown: "
                f"{', '.join(map(str, stale))}. Open the list again and repeat the action.",
                messages.WARNING,
            )
        unseen = total - len(changed) - len(stale)
        if unseen:
            context = {"count": unseen, "url": request.get_full_path()}
            message = render_to_string("admin/directory/unseen_records.html", context)
            self.message_user(request, message, messages.WARNING)
        return changed
