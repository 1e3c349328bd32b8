import heapq
import re
import sys
from collections import defaultdict, namedtuple
from html import escape

from django.core.paginator import Page
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Count, Min, Prefetch
from django.http import HttpResponse
from django.template import loader
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from .filters import COUNTRY_CHOICES, CommunityFilter, OrganizationFilter
from .models import Community, HistoryEvent, Organization, Partnership, Question

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# "Communities with the same partners" reads at most this many partners' partnerships:
# exact for nearly every community, a fair sample for hubs with hundreds of partners.
SHARED_PARTNER_SAMPLE = 100
SHARED_PARTNER_ROWS = 500


class HomeView(TemplateView):
    template_name = "directory/home.html"

    def get_context_data(self, **kwargs):
        dated = Partnership.objects.filter(established_year__isnull=False).select_related(
            "community_a", "community_b"
        )
        return super().get_context_data(
            community_count=Community.objects.count(),
            partnership_count=Partnership.objects.count(),
            country_count=Community.objects.values("country").distinct().count(),
            # (year, pk) follows the year index; a third sort key made SQLite sort every row.
            oldest=dated.order_by("established_year", "pk")[:3],
            newest=dated.order_by("-established_year", "-pk")[:3],
            **kwargs,
        )


class SearchPageMixin:
    """What the search pages share: tidy input and a page number that is never an error.

    Control characters (NUL and the like) are dropped from the query string: they
    cannot be part of a name and have no place in the HTML that echoes the search.
    A page number that is not a number, or out of range, shows the nearest real page.
    """

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if kwargs["data"] is not None:
            data = kwargs["data"].copy()
            for key, values in data.lists():
                data.setlist(key, [CONTROL_CHARACTERS.sub("", value) for value in values])
            kwargs["data"] = data
        return kwargs

    def paginate_queryset(self, queryset, page_size):
        requested = self.request.GET.get("page")
        try:
            number = max(int(requested), 1)
        except (TypeError, ValueError):
            number = 1
        head = None
        if number == 1:
            # Most searches end on their first page: fetch one row more than a page,
            # and count only when that extra row shows there is more than one page.
            head = list(queryset[: page_size + 1])
            if len(head) <= page_size:
                queryset = head
        paginator = self.get_paginator(queryset, page_size)
        number = min(number, paginator.num_pages)
        if requested and requested != str(number):
            shown = CONTROL_CHARACTERS.sub("", requested)[:20]
            self.page_notice = (
                f"There is no page “{shown}”, so this is page {number} of {paginator.num_pages}."
            )
        page = paginator.page(number) if head is None else Page(head[:page_size], 1, paginator)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_notice"] = getattr(self, "page_notice", "")
        return context


class CommunityListView(SearchPageMixin, FilterView):
    """The City Search."""

    filterset_class = CommunityFilter
    template_name = "directory/community_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Community.objects.only("name", "slug", "kind", "country", "region", "partner_count")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["result_rows"] = result_rows(context["object_list"])
        return context


Partner = namedtuple(
    "Partner", "pk slug name region country year date ended status source partnership"
)


def partners_of(community):
    """Every partner of ``community``, whichever side it is on, sorted by name.

    Read as plain values, two index lookups: a hub has hundreds of partners, and
    building three model instances per partnership cost most of its page's time.
    """
    rows = []
    for own, other in (("community_a", "community_b"), ("community_b", "community_a")):
        rows += (
            Partnership.objects.filter(**{own: community})
            .order_by()
            .values_list(
                *(f"{other}__{field}" for field in ("pk", "slug", "name", "region", "country")),
                "established_year",
                "established_on",
                "ended_year",
                "status",
                "source__name",
                "pk",
            )
        )
    return sorted(
        map(Partner._make, rows), key=lambda partner: (partner.name, partner.partnership)
    )


class CommunityDetailView(DetailView):
    model = Community

    def get_context_data(self, **kwargs):
        community = self.object
        partners = partners_of(community)
        organizations = (
            Organization.objects.filter(
                partnerships__in=Partnership.objects.involving(community).values("pk")
            )
            .select_related("home_community")
            .distinct()
        )
        return super().get_context_data(
            partners=partners,
            partner_rows=partner_rows(partners),
            organizations=organizations,
            sharing=self.communities_sharing_partners(community, partners),
            **kwargs,
        )

    @staticmethod
    def communities_sharing_partners(community, partners, limit=8):
        """[(other community, [names of shared partners])], most shared partners first.

        Looks at the first SHARED_PARTNER_SAMPLE partners and SHARED_PARTNER_ROWS of
        their partnerships, so that a hub's page costs no more than anyone else's.
        """
        name_by_pk = {partner.pk: partner.name for partner in partners[:SHARED_PARTNER_SAMPLE]}
        rows = (
            Partnership.objects.involving_any(list(name_by_pk))
            .exclude(community_a=community)
            .exclude(community_b=community)
            .order_by()
            .values_list("community_a_id", "community_b_id")[:SHARED_PARTNER_ROWS]
        )
        shared = defaultdict(list)
        for a, b in rows:
            if a in name_by_pk:
                shared[b].append(name_by_pk[a])
            if b in name_by_pk:
                shared[a].append(name_by_pk[b])
        top = heapq.nsmallest(limit, shared, key=lambda pk: (-len(shared[pk]), pk))
        others = Community.objects.in_bulk(top)
        return [(others[pk], in_words(sorted(shared[pk]))) for pk in top]


def in_words(names, limit=5):
    """ "A", "A and B", "A, B and C", or "A, B, C, D, E and 7 others"."""
    if len(names) > limit:
        rest = len(names) - limit
        return f"{', '.join(names[:limit])} and {rest} other{pluralize(rest)}"
    if len(names) > 1:
        return f"{', '.join(names[:-1])} and {names[-1]}"
    return "".join(names)


PARTNER_ROW = (
    '<tr><th scope="row"><a href="{}{}/">{}</a>{}</th>'
    '<td data-label="Country">{}</td>'
    '<td data-label="Established">{}</td>'
    '<td data-label="Status">{}, {}</td>'
    '<td data-label="Source">{}</td></tr>'
)
REGION_HINT = '<span class="hint">{}</span>'
# Fixed vocabularies, escaped once.
STATUS_HTML = {value: escape(label) for value, label in Partnership.Status.choices}
KIND_HTML = {value: escape(label) for value, label in Community.Kind.choices}
COUNTRY_HTML = {code: escape(name) for code, name in COUNTRY_CHOICES}


def partner_rows(partners):
    """The rows of a community's partner table, as safe HTML.

    Built in Python rather than in a template loop, and escaped with Python's
    html.escape rather than format_html(), whose lazy wrapper is slow: a hub's page
    lists hundreds of partners, and a template row cost about 0.3 ms.
    """
    cities = reverse("directory:community-list")
    rows = (
        PARTNER_ROW.format(
            cities,
            escape(partner.slug),
            escape(partner.name),
            REGION_HINT.format(escape(partner.region)) if partner.region else "",
            COUNTRY_HTML.get(partner.country) or escape(partner.country),
            escape(str(established(partner.date, partner.year))),
            STATUS_HTML[partner.status],
            "active" if partner.ended is None else f"ended {partner.ended}",
            escape(partner.source),
        )
        for partner in partners
    )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value is escaped above


RESULT_ROW = '<li><h3><a href="{}{}/">{}</a></h3><p>{}{}, {} · {} partner{}</p></li>'


def result_rows(communities):
    """The City Search results, as safe HTML, built like partner_rows()."""
    cities = reverse("directory:community-list")
    rows = (
        RESULT_ROW.format(
            cities,
            escape(community.slug),
            escape(community.name),
            KIND_HTML[community.kind],
            escape(f", {community.region}") if community.region else "",
            COUNTRY_HTML.get(community.country.code) or escape(community.country.code),
            community.partner_count,
            pluralize(community.partner_count),
        )
        for community in communities
    )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value is escaped above


def established(date, year):
    """When a partnership began, in words: an exact date, a year, or that it is unknown."""
    if date:
        return date_format(date, "j F Y")
    return year or "Year not recorded"


class OrganizationListView(SearchPageMixin, FilterView):
    """The Membership Directory."""

    filterset_class = OrganizationFilter
    template_name = "directory/organization_list.html"
    paginate_by = 25

    def get_queryset(self):
        return Organization.objects.select_related("home_community").order_by("name")


class OrganizationDetailView(DetailView):
    model = Organization

    def get_queryset(self):
        return Organization.objects.select_related("home_community").prefetch_related(
            Prefetch(
                "partnerships",
                Partnership.objects.select_related("community_a", "community_b").order_by(
                    "established_year", "pk"
                ),
            )
        )


class FaqView(ListView):
    template_name = "directory/faq.html"
    context_object_name = "questions"

    def get_queryset(self):
        return Question.objects.published()


class HistoryView(TemplateView):
    template_name = "directory/history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(timeline=self.timeline(), **kwargs)

    @staticmethod
    def timeline():
        """Curated events and, for each year, how many partnerships in the directory began.

        Three queries whatever the number of partnerships: counts per year with the first
        partnership of each year, those example partnerships, and the events.
        """
        years = (
            Partnership.objects.filter(established_year__isnull=False)
            .order_by()
            .values("established_year")
            .annotate(count=Count("pk"), example=Min("pk"))
        )
        examples = Partnership.objects.select_related("community_a", "community_b").in_bulk(
            [year["example"] for year in years]
        )
        entries = [{"year": event.year, "event": event} for event in HistoryEvent.objects.all()]
        entries += [
            {
                "year": year["established_year"],
                "count": year["count"],
                "example": examples[year["example"]],
            }
            for year in years
        ]
        # Events first within a year; sorted() keeps that order for equal years.
        return sorted(entries, key=lambda entry: entry["year"])


class PartnersView(ListView):
    template_name = "directory/partners.html"
    context_object_name = "partners"

    def get_queryset(self):
        return Organization.objects.filter(
            kind=Organization.Kind.INTERNATIONAL_PARTNER
        ).select_related("home_community")


class AboutView(TemplateView):
    template_name = "directory/about.html"


@never_cache
def healthz(request):
    """200 when the database answers a query, 503 when it does not; for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", content_type="text/plain", status=503)
    return HttpResponse("ok\n", content_type="text/plain")


RETRY_AFTER_SECONDS = 30


def server_error_or_unavailable(request):
    """The 500 page, or a 503 page when the error was losing the database.

    Called by Django inside its exception handler, so sys.exc_info() is the error. The
    503 page is rendered without the request: no context processor runs, so nothing
    touches the database that is down.
    """
    error = sys.exc_info()[1]
    if not isinstance(error, OperationalError | InterfaceError):
        return server_error(request)
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
