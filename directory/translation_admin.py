"""The admin's view of curated texts' Spanish (directory/translation.py): a fieldset
for the Spanish fields, a column saying which Spanish texts are missing, and a filter
for the records missing one."""

from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .translation import missing_spanish, missing_spanish_q


def spanish_fieldset(model):
    """The form's "Spanish" fieldset: every Spanish field of ``model``."""
    return (
        _("Spanish"),
        {
            "fields": tuple(model.TRANSLATED_FIELDS.values()),
            "description": _(
                "Spanish pages show these texts. Where one is empty, they show the English "
                "text instead."
            ),
        },
    )


class SpanishFilter(admin.SimpleListFilter):
    title = _("Spanish text")
    parameter_name = "spanish"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing")), ("complete", _("Complete"))]

    def queryset(self, request, queryset):
        missing = missing_spanish_q(queryset.model)
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "complete":
            return queryset.exclude(missing)
        return queryset


@admin.display(description=_("Spanish"))
def spanish(obj):
    """For list_display: "Complete", or which English texts have no Spanish yet."""
    missing = missing_spanish(obj)
    if not missing:
        return gettext("Complete")
    names = ", ".join(str(obj._meta.get_field(name).verbose_name) for name in missing)
    return gettext("Missing: %(fields)s") % {"fields": names}
