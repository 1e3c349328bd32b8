"""The admin's pages for places: merge two communities, split one, and the queue of
places to check. CommunityAdmin takes them from PlacesAdminMixin.

Merge and split pages carry the version of each community they show (its ``updated``
time, as the change forms do, directory/curation.py); the change locks the rows and
refuses, saying what changed, when one of them was saved since.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from directory.models import Community, CoordinatesCheck, Partnership, PlaceStatus
from directory.versions import stale_message, version_of

from .duplicates import probable_duplicates
from .merging import merge, split

TEMPLATES = "admin/directory/community"
# The queue shows this many of each part; the changelist, filtered, shows them all.
QUEUE_LENGTH = 200


def versions_of(communities):
    """What a page carries of the communities it shows: "pk@version pk@version"."""
    return " ".join(f"{c.pk}@{version_of(c)}" for c in communities)


def stale(communities, shown):
    """Why a change from a page showing ``shown`` (versions_of()) is refused, or "".
    Locks the communities' rows until the transaction ends."""
    versions = dict(value.split("@", 1) for value in shown.split() if "@" in value)
    rows = Community.objects.select_for_update().filter(pk__in=[c.pk for c in communities])
    for community in rows.order_by("pk"):
        loaded = versions.get(str(community.pk))
        if loaded != version_of(community):
            return f"{community}: {stale_message(Community, community.pk, loaded)}"
    return ""


class MergeForm(forms.Form):
    kept = forms.TypedChoiceField(
        label="Keep",
        coerce=int,
        widget=forms.RadioSelect,
        help_text="The other is merged into it.",
    )
    reason = forms.CharField(
        required=False,
        max_length=200,
        help_text="Recorded in the history, after “Merged A into B”.",
    )
    versions = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, communities, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kept"].choices = [(c.pk, str(c)) for c in communities]
        self.fields["kept"].initial = communities[0].pk
        self.fields["versions"].initial = versions_of(communities)


class SplitForm(forms.Form):
    partnerships = forms.ModelMultipleChoiceField(
        queryset=Partnership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The partnerships that belong to the other place.",
    )
    name = forms.CharField(
        label="New community's name",
        required=False,
        max_length=200,
        help_text="Same country and kind; its place is checked afresh.",
    )
    into = forms.ModelChoiceField(
        label="Or an existing community",
        queryset=Community.objects.all(),
        required=False,
        widget=AutocompleteSelect(Partnership._meta.get_field("community_b"), admin.site),
    )
    reason = forms.CharField(required=False, max_length=200)
    versions = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, community, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["partnerships"]
        field.queryset = Partnership.objects.involving(community).select_related(
            "community_a", "community_b"
        )
        field.label_from_instance = lambda p: (
            f"{p.partner_of(community)}: {p.get_status_display()}, "
            f"{p.established_year or 'year not recorded'}"
        )
        self.fields["versions"].initial = versions_of([community])

    def clean(self):
        cleaned_data = super().clean()
        if bool(cleaned_data.get("name")) == bool(cleaned_data.get("into")):
            raise forms.ValidationError(
                "Give a new community's name or choose an existing community, not both."
            )
        return cleaned_data


# A curator who changes these by hand has settled where the community is.
HAND_PLACED = {"country", "region", "latitude", "longitude", "geonames_id"}
PLACE_FIELDSET = (
    "Place",
    {
        "fields": ("place_status", "geonames_id", "coordinates_check", "place_candidates"),
        "description": "What the check against the GeoNames gazetteer found. Changing the "
        "region, the coordinates or the GeoNames id by hand settles the place: the check "
        "leaves it alone from then on.",
    },
)


class PlacesAdminMixin:
    """Merge, split and the places to check, for CommunityAdmin; and a hand edit of
    where a community is, kept from the automatic check."""

    actions = ("merge_selected",)

    def get_fieldsets(self, request, obj=None):
        """The admin's fieldsets with the place check before the last (the record)."""
        *fieldsets, record = super().get_fieldsets(request, obj)
        return [*fieldsets, PLACE_FIELDSET, record]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "coordinates_check", "place_candidates"]

    def save_model(self, request, obj, form, change):
        edited = set(form.changed_data)
        if "region" in edited:
            obj.region_from_gazetteer = False
        if edited & HAND_PLACED and "place_status" not in edited:
            obj.place_status = PlaceStatus.CURATED
        super().save_model(request, obj, form, change)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("merge/", view(self.merge_view), name="directory_community_merge"),
            path("places-to-check/", view(self.places_view), name="directory_community_places"),
            path(
                "<path:object_id>/split/", view(self.split_view), name="directory_community_split"
            ),
            *super().get_urls(),
        ]

    @admin.action(description="Merge the selected communities", permissions=["change"])
    def merge_selected(self, request, queryset):
        ids = sorted(queryset.values_list("pk", flat=True)[:3])
        if len(ids) != 2:
            self.message_user(
                request, "Select exactly two communities to merge.", messages.WARNING
            )
            return None
        query = urlencode({"ids": ",".join(map(str, ids))})
        return redirect(f"{reverse('admin:directory_community_merge')}?{query}")

    def context(self, request, title, **values):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **values,
        }

    def merge_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        ids = (request.POST.get("ids") or request.GET.get("ids", "")).split(",")
        # The one with more partners first: the one kept unless the curator says otherwise.
        ordered = Community.objects.order_by("-partner_count", "pk")
        communities = list(ordered.filter(pk__in=[i for i in ids if i.isdigit()]))
        if len(communities) != 2:
            self.message_user(
                request, "These two communities are no longer both there.", messages.WARNING
            )
            return redirect("admin:directory_community_changelist")
        form = MergeForm(communities, request.POST or None)
        if form.is_valid():
            with transaction.atomic(using=router.db_for_write(Community)):
                refused = stale(communities, form.cleaned_data["versions"])
                if not refused:
                    kept = next(c for c in communities if c.pk == form.cleaned_data["kept"])
                    other = next(c for c in communities if c.pk != kept.pk)
                    merged = f"Merged {other} into {kept}."
                    merge(kept, other, user=request.user, reason=form.cleaned_data["reason"])
            if not refused:
                self.message_user(request, merged)
                return redirect("admin:directory_community_change", kept.pk)
            self.message_user(request, refused, messages.ERROR)
            communities = list(ordered.filter(pk__in=[c.pk for c in communities]))
            form = MergeForm(communities)
        for community in communities:
            community.partners = Partnership.objects.of(community)
        context = self.context(
            request,
            "Merge two communities",
            form=form,
            communities=communities,
            ids=",".join(str(c.pk) for c in communities),
        )
        return TemplateResponse(request, f"{TEMPLATES}/merge.html", context)

    def split_view(self, request, object_id):
        community = get_object_or_404(Community, pk=object_id)
        if not self.has_change_permission(request, community):
            raise PermissionDenied
        form = SplitForm(community, request.POST or None)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic(using=router.db_for_write(Community)):
                changed_since = refused = stale([community], data["versions"])
                if not refused:
                    try:
                        target = split(
                            community,
                            data["partnerships"],
                            into=data["into"],
                            name=data["name"],
                            user=request.user,
                            reason=data["reason"],
                        )
                    except ValueError as error:
                        refused = str(error)
            if not refused:
                self.message_user(request, f"Moved {len(data['partnerships'])} to {target}.")
                return redirect("admin:directory_community_change", target.pk)
            self.message_user(request, refused, messages.ERROR)
            if changed_since:
                community.refresh_from_db()
                form = SplitForm(community)
        context = self.context(
            request, f"Split {community}", form=form, community=community, media=form.media
        )
        return TemplateResponse(request, f"{TEMPLATES}/split.html", context)

    def places_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        ambiguous = Community.objects.filter(place_status=PlaceStatus.AMBIGUOUS)
        dropped = Community.objects.filter(coordinates_check=CoordinatesCheck.DROPPED)
        pairs = probable_duplicates()
        context = self.context(
            request,
            "Places to check",
            ambiguous=ambiguous.order_by("country", "name")[:QUEUE_LENGTH],
            ambiguous_count=ambiguous.count(),
            dropped=dropped.order_by("country", "name")[:QUEUE_LENGTH],
            dropped_count=dropped.count(),
            pairs=pairs[:QUEUE_LENGTH],
            pair_count=len(pairs),
            queue_length=QUEUE_LENGTH,
        )
        return TemplateResponse(request, f"{TEMPLATES}/places.html", context)
