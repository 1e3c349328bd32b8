import re
import sys
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template import loader
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error
from django.views.generic import DetailView, ListView, TemplateView
from django_countries.fields import Country
from django_filters.views import FilterView

from . import charts, feeds, structured_data
from .filters import CommunityFilter, OrganizationFilter
from .folding import fold
from .maps import choropleth
from .models import (
    Community,
    Generation,
    Organization,
    Partnership,
    Question,
    Source,
    founded_per_year,
    timeline,
)
from .pagination import FirstPagePaginator
from .suggestions import closest

# RFC 9116 asks for an expiry date less than a year ahead.
SECURITY_TXT_LIFETIME = timedelta(days=180)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The decade chart labels every column when all the labels take no more characters than
# this ("1950s" eight times); otherwise every other decade.
DECADE_AXIS_CHARACTERS = 40


def decade_name(start):
    """A decade, named by its first year: "1950s"."""
    # Translators: a decade, named by its first year, as in "the 1950s".
    return _("%(decade)ss") % {"decade": start}


class HomeView(TemplateView):
    template_name = "directory/home.html"

    @cached_property
    def figures(self):
        """Read only when the cached figures fragment is out of date."""
        return {
            "communities": Community.objects.count(),
            "partnerships": Partnership.objects.count(),
            "countries": Community.objects.values("country").distinct().count(),
        }

    @cached_property
    def partnership_map(self):
        """Read only when the cached map fragment is out of date: the choropleth of
        partnerships per country, and the ten countries with the most."""
        counts = Community.objects.partnerships_by_country()
        return {
            "map": choropleth(counts),
            "most": [(Country(code), count) for code, count in list(counts.items())[:10]],
        }

    def get_context_data(self, **kwargs):
        dated = Partnership.objects.filter(established_year__isnull=False).select_related(
            "community_a", "community_b"
        )
        return super().get_context_data(
            feed=feeds.announced(
                _("Sister Cities Directory: partnerships added or changed"), "directory:feed"
            ),
            dated=dated.count(),
            # (year, pk) follows the year index; a third sort key made SQLite sort every row.
            oldest=dated.order_by("established_year", "pk")[:3],
            newest=dated.order_by("-established_year", "-pk")[:3],
            **kwargs,
        )


class PageNumberMixin:
    """A page number that is never an error: one that is not a number, or is out of
    range, shows the nearest real page with a notice saying so."""

    paginator_class = FirstPagePaginator

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        requested = self.request.GET.get("page")
        page = paginator.get_page(requested)
        if requested is not None and requested != str(page.number):
            self.page_notice = _(
                "There is no page “%(requested)s”, so this is page %(number)s of %(total)s."
            ) % {
                "requested": CONTROL_CHARACTERS.sub("", requested)[:20],
                "number": page.number,
                "total": paginator.num_pages,
            }
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_notice"] = getattr(self, "page_notice", "")
        page = context["page_obj"]
        if page.has_other_pages():
            context["page_range"] = page.paginator.get_elided_page_range(
                page.number, on_each_side=1, on_ends=1
            )
        return context


class SearchPageMixin(PageNumberMixin):
    """What the search pages share: tidy input, forgiving page numbers, and one
    canonical address for each set of results.

    Control characters (NUL and the like) are dropped from the query string: they
    cannot be part of a name and have no place in the HTML that echoes the search.
    """

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if kwargs["data"] is not None:
            data = kwargs["data"].copy()
            for key, values in data.lists():
                data.setlist(key, [CONTROL_CHARACTERS.sub("", value) for value in values])
            kwargs["data"] = data
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["canonical_url"] = self.canonical_url(context["page_obj"])
        return context

    def canonical_url(self, page):
        """This search's address with only the filters in use, and the page unless it is
        the first: one address for each set of results."""
        params = [
            (name, value)
            for name in self.filterset.form.fields
            for value in self.request.GET.getlist(name)
            if value
        ]
        if page.number > 1:
            params.append(("page", page.number))
        query = f"?{urlencode(params)}" if params else ""
        return self.request.build_absolute_uri(self.request.path + query)


class CommunityListView(SearchPageMixin, FilterView):
    """The City Search."""

    filterset_class = CommunityFilter
    template_name = "directory/community_list.jinja"
    paginate_by = 20

    def get_queryset(self):
        return Community.objects.only("name", "slug", "kind", "country", "region", "partner_count")

    def get_context_data(self, **kwargs):
        """With, when a name finds nothing, the communities whose names are closest."""
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        query = form.cleaned_data.get("q") if form.is_valid() else ""
        if query and not context["paginator"].count and (folded := fold(query)):
            context["closest"] = closest(folded)
        return context


class OrganizationListView(SearchPageMixin, FilterView):
    """The Membership Directory."""

    filterset_class = OrganizationFilter
    template_name = "directory/organization_list.html"
    paginate_by = 25

    def get_queryset(self):
        return Organization.objects.select_related("home_community").order_by("name")


class OrganizationDetailView(DetailView):
    @property
    def json_ld(self):
        return structured_data.organization(self.request, self.object)

    def get_queryset(self):
        return Organization.objects.select_related("home_community", "source").prefetch_related(
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

    @property
    def json_ld(self):
        return structured_data.faq(self.object_list)


class HistoryView(TemplateView):
    """The charts and the timeline are cached fragments; ``view.founded`` and
    ``view.timeline`` are read when they are out of date."""

    template_name = "directory/history.html"

    @cached_property
    def founded(self):
        years, decades, undated = founded_per_year()
        named = [(decade_name(start), count) for start, count in decades]
        # A few columns fit a label each; more get every other decade's.
        fit = sum(len(name) for name, count in named) <= DECADE_AXIS_CHARACTERS
        every_other = {decade_name(start) for start, count in decades if start % 20 == 0}
        return {
            "years": years,
            "decades": named,
            # The charts count only the partnerships whose year is known: say how many.
            "dated": sum(count for _year, count in years),
            "total": sum(count for _year, count in years) + undated,
            "year_chart": charts.columns(years, show_label=lambda year: year % 10 == 0),
            "decade_chart": charts.columns(
                named, show_label=None if fit else every_other.__contains__
            ),
        }

    @cached_property
    def timeline(self):
        return timeline()


class SourceListView(ListView):
    template_name = "directory/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        return Source.objects.with_counts()


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
    """200 when the directory's tables can be read, 503 when they cannot; for load
    balancers. It reads the table every page reads first, not merely "SELECT 1"."""
    try:
        Generation.objects.exists()
    except DatabaseError:
        return HttpResponse("database unavailable\n", content_type="text/plain", status=503)
    return HttpResponse("ok\n", content_type="text/plain")


def security_txt(request):
    """/.well-known/security.txt (RFC 9116), naming SECURITY_CONTACT; 404 without one."""
    if not settings.SECURITY_CONTACT:
        raise Http404("No security contact is configured.")
    return TemplateResponse(
        request,
        "security.txt",
        {
            "contact": settings.SECURITY_CONTACT,
            "expires": timezone.now() + SECURITY_TXT_LIFETIME,
            "canonical": request.build_absolute_uri(),
        },
        content_type="text/plain; charset=utf-8",
    )


def favicon(request):
    """Browsers that ask for /favicon.ico get the icon the pages link to."""
    return redirect(static("favicon.svg"), permanent=True)


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
