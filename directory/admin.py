from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.filters import CountryFilter

from .corrections import admin as corrections_admin  # noqa: F401 (registers the queue)
from .curation import TIMESTAMPS, CurationAdmin, CurationForm, CurationRowForm
from .folding import fold
from .importing.admin import PERMISSION, import_urls
from .models import (
    Citation,
    Community,
    HistoryEvent,
    Listing,
    Organization,
    Partnership,
    Question,
    Source,
    StatusChange,
)
from .models.seeking import Interest, WorldRegion
from .places.admin import PlacesAdminMixin
from .translation_admin import SpanishFilter, spanish, spanish_fieldset
from .verification import NeedsCheckingFilter, PartnershipForm, VerificationAdminMixin


class FoldedSearchMixin:
    """Search the folded columns with a folded term, so "Sao Paulo" finds "São Paulo"."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


class YearStateFilter(admin.SimpleListFilter):
    title = "established"
    parameter_name = "established"

    def lookups(self, request, model_admin):
        decades = [(str(d), f"{d}s") for d in range(2020, 1890, -10)]
        return [("unknown", "Year not recorded"), *decades]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "unknown":
            return queryset.filter(established_year__isnull=True)
        if value and value.isdigit():
            decade = int(value)
            return queryset.filter(established_year__gte=decade, established_year__lt=decade + 10)
        return queryset


class ActiveFilter(admin.SimpleListFilter):
    title = "active"
    parameter_name = "active"

    def lookups(self, request, model_admin):
        return [("yes", "Active"), ("suspended", "Suspended"), ("no", "Ended")]

    def queryset(self, request, queryset):
        states = {"yes": "active", "suspended": "suspended", "no": "ended"}
        if self.value() in states:
            return queryset.in_state(states[self.value()])
        return queryset


class PartnerCountryFilter(admin.SimpleListFilter):
    """Country of either community in the partnership."""

    title = "country"
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = Community.objects.order_by().values_list("country", flat=True).distinct()
        return sorted(((code, countries.name(code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                Q(community_a__country=self.value()) | Q(community_b__country=self.value())
            )
        return queryset


class PartnershipInline(admin.TabularInline):
    model = Partnership
    form = CurationRowForm
    extra = 0
    autocomplete_fields = ("community_a", "community_b")
    fields = (
        "community_a",
        "community_b",
        "status",
        "established_year",
        "established_on",
        "ended_year",
        "loaded_version",
    )
    show_change_link = True

    def has_add_permission(self, request, obj):
        # New partnerships are added on their own page, where their source is cited.
        return False


class PartnershipListedFirstInline(PartnershipInline):
    fk_name = "community_a"
    verbose_name_plural = "partnerships (this community listed first)"


class PartnershipListedSecondInline(PartnershipInline):
    fk_name = "community_b"
    verbose_name_plural = "partnerships (this community listed second)"


class CitationInline(admin.TabularInline):
    """The sources recording a partnership: a partnership needs at least one."""

    model = Citation
    form = CurationRowForm
    extra = 0
    min_num = 1
    fields = ("source", "published_a", "published_b", "loaded_version")
    verbose_name = "source"
    verbose_name_plural = "sources recording this partnership"

    def get_formset(self, request, obj=None, **kwargs):
        # The admin sets min_num on the formset but leaves the check to the browser.
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class StatusHistoryFormSet(BaseInlineFormSet):
    """Refuses a status history that would leave the partnership inconsistent, such as
    ended before it began, with the partnership's own message."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        entries = [
            form.instance
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
        ]
        try:
            self.instance.status_after(entries).validate_constraints()
        except ValidationError as error:
            raise ValidationError(error.messages) from error


class StatusChangeInline(admin.TabularInline):
    """The partnership's status over time: its current status follows from it."""

    model = StatusChange
    form = CurationRowForm
    formset = StatusHistoryFormSet
    extra = 0
    fields = ("status", "year", "date", "reason", "source", "loaded_version")


@admin.register(Community)
class CommunityAdmin(PlacesAdminMixin, FoldedSearchMixin, CurationAdmin):
    list_display = ("name", "kind", "region", "country", "updated")
    list_filter = ("kind", ("country", CountryFilter))
    search_fields = ("search_text",)
    search_help_text = "Name or alternate name; accents and case are ignored."
    prepopulated_fields = {"slug": ("name",)}
    inlines = (PartnershipListedFirstInline, PartnershipListedSecondInline)
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "country", "region", "alternate_names")}),
        ("Location and links", {"fields": ("latitude", "longitude", "website")}),
        ("Record", {"fields": (*TIMESTAMPS, "loaded_version")}),
    )


@admin.register(Partnership)
class PartnershipAdmin(VerificationAdminMixin, FoldedSearchMixin, CurationAdmin):
    form = PartnershipForm
    list_display = (
        "__str__",
        "status",
        "year",
        "is_active",
        "cited_in",
        "verified_on",
        "updated",
    )
    list_filter = (
        NeedsCheckingFilter,
        "status",
        "domestic",
        YearStateFilter,
        ActiveFilter,
        PartnerCountryFilter,
        ("citations__source", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("community_a", "community_b")
    ordering = ("community_a__name", "community_b__name")
    inlines = (CitationInline, StatusChangeInline)
    change_list_template = "admin/directory/partnership/change_list.html"
    search_fields = ("community_a__search_text", "community_b__search_text")
    search_help_text = "Either community's name; accents and case are ignored."
    autocomplete_fields = ("community_a", "community_b")
    fieldsets = (
        (None, {"fields": ("community_a", "community_b", "status")}),
        (
            "Dates",
            {"fields": ("established_year", "established_on", "suspended_year", "ended_year")},
        ),
        ("Verification", {"fields": ("verified_on", "verified_by", "verify_today")}),
        ("Notes", {"fields": ("notes",)}),
        ("Record", {"fields": (*TIMESTAMPS, "loaded_version")}),
    )

    def get_readonly_fields(self, request, obj=None):
        """The fields the status history sets are read-only while it sets them."""
        fields = [*super().get_readonly_fields(request, obj), "suspended_year", "verified_on"]
        fields.append("verified_by")
        steps = set(obj.status_changes.values_list("status", flat=True)) if obj else set()
        if steps & StatusChange.KIND_STEPS:
            fields.append("status")
        if steps & StatusChange.STATE_STEPS:
            fields.append("ended_year")
        return fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sources")

    def get_urls(self):
        return [*import_urls(self), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": request.user.has_perm(PERMISSION)}
        return super().changelist_view(request, extra_context)

    @admin.display(description="established", ordering="established_year")
    def year(self, obj):
        return obj.established_year or "Year not recorded"

    @admin.display(description="sources")
    def cited_in(self, obj):
        return ", ".join(source.name for source in obj.sources.all())

    @admin.display(description="active", boolean=True)
    def is_active(self, obj):
        return obj.is_active


@admin.register(Organization)
class OrganizationAdmin(FoldedSearchMixin, CurationAdmin):
    list_display = (
        "name",
        "kind",
        "home_community",
        "membership",
        "contact_name",
        spanish,
        "updated",
    )
    list_filter = ("kind", "membership", ("home_community__country", CountryFilter), SpanishFilter)
    list_select_related = ("home_community",)
    search_fields = ("search_text",)
    search_help_text = "Name or who runs it; accents and case are ignored."
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("home_community", "partnerships")
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "home_community", "run_by", "membership")}),
        ("About", {"fields": ("description", "source", "partnerships")}),
        spanish_fieldset(Organization),
        (
            "Contact",
            {
                "fields": (
                    "contact_name",
                    "contact_title",
                    "email",
                    "phone",
                    "postal_address",
                    "website",
                )
            },
        ),
        ("Record", {"fields": (*TIMESTAMPS, "loaded_version")}),
    )


@admin.register(Source)
class SourceAdmin(CurationAdmin):
    list_display = ("name", "publisher", "checked", spanish, "updated")
    list_filter = ("checked", SpanishFilter)
    actions = ("mark_checked",)
    search_fields = ("name", "publisher")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "publisher", "url", "published", "description")}),
        spanish_fieldset(Source),
        ("Record", {"fields": (*TIMESTAMPS, "loaded_version")}),
    )

    @admin.action(description="Mark selected sources as checked by curators")
    def mark_checked(self, request, queryset):
        changed = self.update_unchanged(
            request, queryset.filter(checked=False), "Marked as checked", checked=True
        )
        if changed:
            self.message_user(request, f"Marked {len(changed)} as checked by curators.")


@admin.register(Question)
class QuestionAdmin(CurationAdmin):
    list_display = ("question", "position", "published", spanish, "updated")
    list_editable = ("position", "published")
    list_filter = ("published", SpanishFilter)
    search_fields = ("question", "answer", "question_es", "answer_es")
    fieldsets = (
        (None, {"fields": ("question", "answer", "source", "position", "published")}),
        spanish_fieldset(Question),
        ("Record", {"fields": (*TIMESTAMPS, "loaded_version")}),
    )


@admin.register(HistoryEvent)
class HistoryEventAdmin(CurationAdmin):
    list_display = ("year", "title", spanish, "updated")
    list_display_links = ("year", "title")
    list_filter = (SpanishFilter,)
    search_fields = ("title", "description", "title_es", "description_es")
    fieldsets = (
        (None, {"fields": ("year", "title", "description", "source")}),
        spanish_fieldset(HistoryEvent),
        ("Record", {"fields": (*TIMESTAMPS, "loaded_version")}),
    )


class ListingStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("Open")), ("expired", _("Expired")), ("closed", _("Closed"))]

    def queryset(self, request, queryset):
        if self.value() in ("open", "expired", "closed"):
            return getattr(queryset, self.value())()
        return queryset


class ListingForm(CurationForm):
    interests = forms.TypedMultipleChoiceField(
        label=_("interests"), choices=Interest.choices, widget=forms.CheckboxSelectMultiple
    )
    preferred_regions = forms.TypedMultipleChoiceField(
        label=_("preferred regions"),
        choices=WorldRegion.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


@admin.register(Listing)
class ListingAdmin(FoldedSearchMixin, CurationAdmin):
    form = ListingForm
    list_display = ("community", "contact", "confirmed_on", "closed_on", spanish, "updated")
    list_filter = (ListingStateFilter, SpanishFilter)
    list_select_related = ("community", "contact")
    search_fields = ("community__search_text",)
    autocomplete_fields = ("community", "contact")
    actions = ("renew", "close")
    fieldsets = (
        (None, {"fields": ("community", "interests", "offers", "seeks")}),
        spanish_fieldset(Listing),
        (_("Preferences"), {"fields": ("preferred_countries", "preferred_regions")}),
        (_("Contact"), {"fields": ("contact",)}),
        (_("Record"), {"fields": ("confirmed_on", "closed_on", *TIMESTAMPS, "loaded_version")}),
    )

    @admin.action(
        description=_("Renew the selected listings (confirmed today)"), permissions=["change"]
    )
    def renew(self, request, queryset):
        changed = self.update_unchanged(
            request, queryset, "Renewed", confirmed_on=timezone.localdate()
        )
        if changed:
            self.message_user(request, f"Renewed {len(changed)} (confirmed today).")

    @admin.action(description=_("Close the selected listings"), permissions=["change"])
    def close(self, request, queryset):
        changed = self.update_unchanged(
            request, queryset, "Closed", closed_on=timezone.localdate()
        )
        if changed:
            self.message_user(request, f"Closed {len(changed)}.")
