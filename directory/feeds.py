"""Atom feeds of partnerships added, changed or removed, read from their history
(django-simple-history): the whole directory (/feed/), a country's
(/countries/<code>/feed/) and a community's (/cities/<slug>/feed/), in English and, under
/es/, Spanish. Each entry names the two communities, says what changed, and cites the
sources that record the partnership now, with their licences.
"""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries.fields import Country

from .models import Citation, Community, Partnership
from .opendata.licences import credits

ENTRIES = 50
# The fields an entry reports a change of, with their names; the others (notes, the
# curator who checked it) are not public.
REPORTED = {
    "status": gettext_lazy("status"),
    "established_year": gettext_lazy("year it began"),
    "established_on": gettext_lazy("date it began"),
    "ended_year": gettext_lazy("year it ended"),
    "suspended_year": gettext_lazy("year it was suspended"),
    "domestic": gettext_lazy("domestic"),
    "verified_on": gettext_lazy("checked by a curator"),
}


class PartnershipChanges(Feed):
    """The directory's newest partnership changes."""

    feed_type = Atom1Feed
    description_template = "feeds/partnership_change.html"

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def title(self, obj):
        return _("Sister Cities Directory: partnerships added or changed")

    def subtitle(self, obj):
        return _("The newest changes to the directory's partnerships, with their sources.")

    def link(self, obj):
        return reverse("directory:home")

    def feed_url(self, obj):
        return self.request.path

    def history(self, obj):
        return Partnership.history.all()

    def items(self, obj):
        records = list(self.history(obj).order_by("-history_date", "-history_id")[:ENTRIES])
        return describe(records)

    def item_title(self, item):
        pair = {"community": item.names[0], "partner": item.names[1]}
        if item.history_type == "+":
            return _("%(community)s and %(partner)s: partnership added") % pair
        if item.history_type == "-":
            return _("%(community)s and %(partner)s: partnership removed") % pair
        return _("%(community)s and %(partner)s: partnership changed") % pair

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return f"tag:{self.request.get_host()},2026:partnership-change-{item.history_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.history_date

    def item_updateddate(self, item):
        return item.history_date


class CountryPartnershipChanges(PartnershipChanges):
    """The newest changes to the partnerships of a country's communities."""

    def get_object(self, request, code):
        self.request = request
        country = Country(code.upper())
        if code != code.lower() or not country.name:
            raise Http404("No such country code.")
        return country

    def title(self, obj):
        return _("Partnerships in %(country)s added or changed") % {"country": obj.name}

    def link(self, obj):
        return reverse("directory:country-detail", args=[obj.code.lower()])

    def history(self, obj):
        return Partnership.history.filter(
            Q(community_a__country=obj.code) | Q(community_b__country=obj.code)
        )


class CommunityPartnershipChanges(PartnershipChanges):
    """The newest changes to one community's partnerships: follow a community."""

    def get_object(self, request, slug):
        self.request = request
        return get_object_or_404(Community, slug=slug)

    def title(self, obj):
        return _("Partnerships of %(name)s added or changed") % {"name": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def history(self, obj):
        return Partnership.history.filter(Q(community_a=obj.pk) | Q(community_b=obj.pk))


def announced(title, name, *args):
    """The feed a page names in its <head> and links to: {"url", "title"}."""
    return {"url": reverse(name, args=args), "title": title}


def describe(records):
    """Give each history record ``names`` (its two communities'), ``link`` (the first
    one's page), ``changes`` ([(what, before, after)] for a change) and ``credits`` (the
    partnership's sources now, with their licences), in a fixed number of queries but
    for one per change, which reads the record before it."""
    ids = {pk for r in records for pk in (r.community_a_id, r.community_b_id)}
    communities = Community.objects.only("name", "slug").in_bulk(ids)
    citations = {}
    for citation in Citation.objects.filter(
        partnership_id__in={r.id for r in records}
    ).select_related("source"):
        citations.setdefault(citation.partnership_id, []).append(citation.source)
    for record in records:
        sides = [communities.get(record.community_a_id), communities.get(record.community_b_id)]
        record.names = [
            side.name if side else _("a community no longer in the directory") for side in sides
        ]
        first = next((side for side in sides if side), None)
        record.link = first.get_absolute_url() if first else reverse("directory:home")
        record.credits = credits(citations.get(record.id, []))
        record.changes = changes(record) if record.history_type == "~" else []
    return records


def changes(record):
    """[(what, before, after)] of the reported fields ``record`` changed."""
    before = record.prev_record
    if before is None:
        return []
    return [
        (what, shown(field, getattr(before, field)), shown(field, getattr(record, field)))
        for field, what in REPORTED.items()
        if getattr(before, field) != getattr(record, field)
    ]


def shown(field, value):
    if value is None or value == "":
        return _("not recorded")
    if field == "status":
        return Partnership.Status(value).label
    if field == "domestic":
        return _("yes") if value else _("no")
    if field in ("established_on", "verified_on"):
        return date_format(value)
    return str(value)
