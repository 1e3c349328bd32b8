"""The API's operations: read-only, each a thin view over the models and the filters the
HTML pages use."""

from django.db.models import Prefetch
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Path, Query
from ninja.errors import ValidationError

from directory.filters import CommunityFilter, OrganizationFilter, PartnershipFilter
from directory.models import Citation, Community, Organization, Partnership, Source
from directory.opendata.search import filtered

from .pagination import PageQuery, page_of, paginate
from .schemas import (
    SLUG_PATTERN,
    CommunityDetail,
    CommunityOut,
    CommunityQuery,
    InvalidParameters,
    NotFound,
    OrganizationOut,
    OrganizationQuery,
    PartnershipOut,
    PartnershipQuery,
    SourceOut,
)

api = NinjaAPI(
    title="Sister Cities Directory API",
    version="1",
    description=(
        "Read-only JSON: communities (with the City Search's filters), their partners, "
        "partnerships, sister-city organizations and the sources the records come from."
    ),
    urls_namespace="api",
    docs_url=None,
)

CommunityPage = page_of(CommunityOut, "CommunityPage")
PartnershipPage = page_of(PartnershipOut, "PartnershipPage")
OrganizationPage = page_of(OrganizationOut, "OrganizationPage")
SourcePage = page_of(SourceOut, "SourcePage")
LIST_RESPONSES = {422: InvalidParameters}
COMMUNITY_FIELDS = [
    "name", "slug", "kind", "region", "country", "latitude", "longitude", "partner_count",
    "first_year",
]  # fmt: skip


def apply(filterset_class, query, queryset):
    """``queryset`` through ``filterset_class``, given the validated ``query`` as the HTML
    form would send it; 422 with the filter's own messages when it refuses them. A range
    of years that ends before it begins, which the document allows, finds nothing."""
    first, last = getattr(query, "year_from", None), getattr(query, "year_to", None)
    if first and last and first > last:
        return queryset.none()
    data = QueryDict(mutable=True)
    for name, value in query.dict(exclude={"page", "page_size"}).items():
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)
    rows, errors = filtered(filterset_class, data, queryset)
    if errors:
        raise ValidationError(
            [
                {
                    "loc": ["query"] if field == "__all__" else ["query", field],
                    "msg": " ".join(messages),
                    "type": "invalid",
                }
                for field, messages in errors.items()
            ]
        )
    return rows


@api.get(
    "/communities",
    response={200: CommunityPage, **LIST_RESPONSES},
    operation_id="list_communities",
    summary="Communities, as the City Search finds them",
    tags=["communities"],
)
def list_communities(request, query: Query[CommunityQuery]):
    """The same filters as /cities/, with the same results in the same order."""
    base = Community.objects.only(*COMMUNITY_FIELDS)
    return paginate(request, apply(CommunityFilter, query, base), query)


@api.get(
    "/communities/{slug}",
    response={200: CommunityDetail, 404: NotFound, 422: InvalidParameters},
    operation_id="get_community",
    summary="A community and its partners",
    tags=["communities"],
)
def get_community(request, slug: str = Path(..., pattern=SLUG_PATTERN, max_length=220)):
    community = get_object_or_404(Community, slug=slug)
    community.partners = Partnership.objects.of(community)
    return community


@api.get(
    "/partnerships",
    response={200: PartnershipPage, **LIST_RESPONSES},
    operation_id="list_partnerships",
    summary="Partnerships",
    tags=["partnerships"],
)
def list_partnerships(request, query: Query[PartnershipQuery]):
    """In the order they were recorded."""
    base = (
        Partnership.objects.select_related("community_a", "community_b")
        .prefetch_related(
            Prefetch("citations", Citation.objects.select_related("source").order_by("pk")),
            "status_changes",
        )
        .order_by("pk")
    )
    return paginate(request, apply(PartnershipFilter, query, base), query)


@api.get(
    "/organizations",
    response={200: OrganizationPage, **LIST_RESPONSES},
    operation_id="list_organizations",
    summary="Sister-city organizations, as the Membership Directory finds them",
    tags=["organizations"],
)
def list_organizations(request, query: Query[OrganizationQuery]):
    base = Organization.objects.select_related("home_community").order_by("name")
    return paginate(request, apply(OrganizationFilter, query, base), query)


@api.get(
    "/sources",
    response={200: SourcePage, **LIST_RESPONSES},
    operation_id="list_sources",
    summary="Sources the records come from",
    tags=["sources"],
)
def list_sources(request, query: Query[PageQuery]):
    return paginate(request, Source.objects.with_counts().order_by("name"), query)
