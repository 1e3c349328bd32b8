"""Downloads, each streamed as CSV or JSON, and the /data/ page that describes them.

A download is the same file at /es/cities.csv as at /cities.csv: English, as data is read
by programs (its messages about invalid filters too). The /data/ page is translated."""

import functools

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.http import quote_etag
from django.views.generic import TemplateView

from directory import structured_data
from directory.caching import version
from directory.filters import CommunityFilter, OrganizationFilter
from directory.models import Community, Generation, Organization, Partnership, Source

from . import files
from .cors import open_to_every_origin
from .formats import CONTENT_TYPES, download, lines
from .licences import licence_of
from .search import filtered
from .tables import Communities, Organizations, Partners, Partnerships


def in_english(view):
    """``view`` run in English, whatever the language of its address."""

    @functools.wraps(view)
    def english_view(request, *args, **kwargs):
        with translation.override("en"):
            return view(request, *args, **kwargs)

    return english_view


def invalid(fmt, errors):
    """400, saying what was wrong with the filters, in the format asked for."""
    if fmt == "json":
        return JsonResponse({"errors": errors}, status=400)
    lines = [f"{field}: {' '.join(messages)}" for field, messages in errors.items()]
    text = "The filters are not valid, so nothing was downloaded:\n" + "\n".join(lines)
    return HttpResponse(text + "\n", status=400, content_type="text/plain; charset=utf-8")


def whole(request, fmt, table, queryset):
    """Every row of ``table`` as the file written once for this version of the directory
    (files.py)."""
    name = f"{table.filename}.{fmt}"
    current = version(request)[0]
    columns = [c for c, _ in table.columns]
    path = files.whole_file(name, current, lambda: lines(fmt, columns, table.rows(queryset)))
    return files.serve(request, path, CONTENT_TYPES[fmt], name, etag=quote_etag(current))


@open_to_every_origin
@files.limited
@in_english
def communities(request, fmt):
    """A City Search's results, every one of them: the same filters as /cities/. Without
    filters, every community, from the file on disk."""
    if not request.GET:
        return whole(request, fmt, Communities(request), Community.objects.all())
    queryset, errors = filtered(CommunityFilter, request.GET, Community.objects.all())
    if errors:
        return invalid(fmt, errors)
    table = Communities(request)
    return download(fmt, [c for c, _ in table.columns], table.rows(queryset), table.filename)


@open_to_every_origin
@files.limited
@in_english
def organizations(request, fmt):
    """The Membership Directory, every organization matching its filters."""
    base = Organization.objects.order_by("name")
    queryset, errors = filtered(OrganizationFilter, request.GET, base)
    if errors:
        return invalid(fmt, errors)
    table = Organizations(request)
    return download(fmt, [c for c, _ in table.columns], table.rows(queryset), table.filename)


@open_to_every_origin
@files.limited
@in_english
def partners(request, slug, fmt):
    community = get_object_or_404(Community.objects.only("slug"), slug=slug)
    table = Partners(community)
    rows = table.rows(Partnership.objects.involving(community))
    return download(fmt, [c for c, _ in table.columns], rows, table.filename)


@open_to_every_origin
@files.limited
@in_english
def partnerships(request, fmt):
    """Every partnership in the directory, from the file on disk."""
    return whole(request, fmt, Partnerships(), Partnership.objects.all())


class DataView(TemplateView):
    """/data/: the full download, its columns, its sources and their licences."""

    template_name = "directory/data.html"

    def get_context_data(self, **kwargs):
        number, changed = Generation.objects.current()
        sources = Source.objects.with_counts().filter(partnership_count__gt=0)
        sources = [(source, licence_of(source)) for source in sources]
        files = [
            (
                fmt.upper(),
                CONTENT_TYPES[fmt],
                reverse("directory:partnerships-download", args=[fmt]),
            )
            for fmt in CONTENT_TYPES
        ]
        return super().get_context_data(
            json_ld=structured_data.dataset(self.request, files, sources, changed),
            columns=Partnerships.columns,
            sources=sources,
            partnership_count=Partnership.objects.count(),
            generation=number,
            changed=changed,
            **kwargs,
        )
