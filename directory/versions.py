"""Which version of a record a curator saw, and whether it is still the saved one.

A record's version is its ``updated`` time, written by every save. A form carries the
version it was opened at; before writing, the save locks the record's row in its own
transaction (``SELECT ... FOR UPDATE``) and compares. A second save of the same record
waits for the first to commit, then finds a newer version and is refused: two saves can
never both pass the check. (SQLite takes no row locks, but lets one transaction write at
a time.) The refusal says what the other save changed, from the record's history.
"""

import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.utils.text import Truncator

STALE_MESSAGE = (
    "Someone else saved this record after you opened it, so your changes were not saved."
)
REOPEN_MESSAGE = "Open the record again to see their changes, then make yours."


def version_of(instance):
    """The version of ``instance`` as forms carry it: its ``updated`` time, ISO 8601."""
    return instance.updated.isoformat() if instance.updated else ""


def locked_version(model, pk):
    """The saved version of the record, its row locked until the transaction ends;
    ``None`` when there is no such record."""
    updated = (
        model._default_manager.select_for_update()
        .filter(pk=pk)
        .values_list("updated", flat=True)
        .first()
    )
    return updated.isoformat() if updated else None


def stale_message(model, pk, loaded):
    """Why a save from the version ``loaded`` is refused: who saved since, when, and
    the fields they changed with their values."""
    changes = changes_since(model, pk, loaded)
    if changes is None:
        return f"{STALE_MESSAGE} {REOPEN_MESSAGE}"
    who, when, fields = changes
    by = f" by {who}" if who else ""
    listed = "; ".join(f"{name}: {value}" for name, value in fields) or "no visible fields"
    return (
        f"{STALE_MESSAGE} It was saved{by} on {when:%Y-%m-%d at %H:%M} UTC, "
        f"which changed {listed}. {REOPEN_MESSAGE}"
    )


def changes_since(model, pk, loaded):
    """(user, date, [(field label, its value now)]) of the saves after version
    ``loaded``, from the record's history; ``None`` when the history cannot tell."""
    history = model.history.filter(id=pk)
    try:
        loaded_at = datetime.datetime.fromisoformat(loaded)
    except (TypeError, ValueError):
        return None
    seen = history.filter(updated=loaded_at).order_by("-history_date", "-history_id").first()
    latest = history.order_by("-history_date", "-history_id").first()
    if seen is None or latest is None or seen.pk == latest.pk:
        return None
    delta = latest.diff_against(seen, excluded_fields=["updated"])
    now = latest.instance
    fields = [(label(model, change.field), shown(now, change.field)) for change in delta.changes]
    return latest.history_user, latest.history_date, fields


def label(model, name):
    return str(model._meta.get_field(name).verbose_name)


def shown(instance, name):
    """A field's value as a curator reads it, quoted and shortened."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return "changed"
    try:
        value = getattr(instance, name)
    except ObjectDoesNotExist:
        return "a record since deleted"
    if value is None or value == "":
        return "empty"
    if field.choices:
        value = dict(field.flatchoices).get(value, value)
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    return f"“{Truncator(str(value)).chars(80)}”"
