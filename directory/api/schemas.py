"""What the API answers with, and the parameters it takes, as Pydantic schemas: ninja
validates both and describes them in the OpenAPI document."""

from datetime import date
from typing import Literal

from django_countries import countries
from ninja import Field, Schema

from directory.filters import MAX_QUERY_LENGTH
from directory.models import FIRST_YEAR, Community, Organization, Partnership, StatusChange
from directory.opendata.licences import ATTRIBUTION

from .pagination import PageQuery

Kind = Literal[tuple(Community.Kind.values)]
Status = Literal[tuple(Partnership.Status.values)]
OrganizationKind = Literal[tuple(Organization.Kind.values)]
Membership = Literal[tuple(value for value in Organization.Membership.values if value)]
Sort = Literal["relevance", "name", "partners", "year"]
State = Literal["active", "suspended", "ended"]
STATUS_HELP = "sister, friendship, or unstated when no source states it."
StateOut = Literal["active", "suspended", "ended", "unstated"]
Scope = Literal["international", "domestic"]
SCOPE_HELP = "international (two countries' communities) or domestic (one country's)."
StepStatus = Literal[tuple(StatusChange.Status.values)]
STATE_HELP = (
    "active (a stated status, neither suspended nor ended), suspended or ended; "
    "a partnership whose sources state no status is never active."
)
STATE_OUT_HELP = (
    "active (a stated status, neither suspended nor ended), suspended, ended, or unstated: "
    "no source states its status and none records it suspended or ended."
)
# Every code the filters accept, named in the document (in alphabetical order, whatever
# the language), so that a code it allows is never refused.
Country = Literal[tuple(sorted(code for code, _name in countries))]
CountryCode = Field(None, description="ISO 3166-1 alpha-2 country code, in capitals, e.g. US.")
SLUG_PATTERN = "^[-a-zA-Z0-9_]+$"


def year(description):
    return Field(None, ge=FIRST_YEAR, le=9999, description=description)


def page_url(obj, context):
    return context["request"].build_absolute_uri(obj.get_absolute_url())


# --- Parameters ------------------------------------------------------------------------


class CommunityQuery(PageQuery):
    """The City Search's filters (/cities/), with the same meaning."""

    q: str | None = Field(
        None,
        max_length=MAX_QUERY_LENGTH,
        description="Words of a name, region or country; accents and case are ignored.",
    )
    country: Country | None = CountryCode
    kind: Kind | None = None
    status: Status | None = Field(None, description=f"A partnership of this status: {STATUS_HELP}")
    year_from: int | None = year("A partnership begun in this year or later.")
    year_to: int | None = year(
        "A partnership begun in this year or earlier; before year_from, none is."
    )
    state: State | None = Field(None, description=f"A partnership that is {STATE_HELP}")
    active: bool = Field(False, description="true: the same as state=active (kept for old links).")
    scope: Scope | None = Field(None, description=f"A partnership that is {SCOPE_HELP}")
    sort: Sort | None = Field(None, description="Order; relevance (best match) by default.")


class PartnershipQuery(PageQuery):
    country: Country | None = Field(
        None, description="A community on either side is in this country."
    )
    year_from: int | None = year("Begun in this year or later.")
    year_to: int | None = year("Begun in this year or earlier; before year_from, none is.")
    status: Status | None = Field(None, description=f"Of this status: {STATUS_HELP}")
    source: str | None = Field(
        None, pattern=SLUG_PATTERN, max_length=100, description="Recorded by this source (slug)."
    )
    state: State | None = Field(None, description=f"Partnerships that are {STATE_HELP}")
    active: bool = Field(False, description="true: the same as state=active (kept for old links).")
    scope: Scope | None = Field(None, description=f"Partnerships that are {SCOPE_HELP}")


class OrganizationQuery(PageQuery):
    """The Membership Directory's filters (/directory/)."""

    q: str | None = Field(None, max_length=MAX_QUERY_LENGTH, description="Words of the name.")
    country: Country | None = CountryCode
    region: str | None = Field(None, max_length=MAX_QUERY_LENGTH, description="State or region.")
    kind: OrganizationKind | None = None
    membership: Membership | None = None


# --- Answers ---------------------------------------------------------------------------


class Place(Schema):
    """A community, in brief."""

    name: str
    slug: str
    region: str
    country: str
    country_name: str
    url: str = Field(description="Its page in the directory.")

    @staticmethod
    def resolve_country(obj):
        return obj.country.code

    @staticmethod
    def resolve_country_name(obj):
        return obj.country.name

    resolve_url = staticmethod(page_url)


class CommunityOut(Place):
    kind: Kind
    latitude: float | None
    longitude: float | None
    geonames_id: int | None = Field(
        description="The place's id in the GeoNames gazetteer (geonames.org), where found."
    )
    place_status: str = Field(
        description="What checking it against the gazetteer found: unchecked, located, "
        "ambiguous (its source does not say which of several places), region, not_found "
        "or curated."
    )
    partner_count: int
    first_year: int | None = Field(description="Year of its earliest recorded partnership.")


class PartnerCitation(Schema):
    source: str = Field(alias="source.slug", description="The source's slug (/api/sources).")
    source_name: str = Field(alias="source.name")
    published_as: str = Field(description="The partner's name as the source printed it.")

    @staticmethod
    def resolve_published_as(obj):
        return obj.partner_as_published or obj.partnership.partner.name


class Step(Schema):
    """An entry of a partnership's status history."""

    status: StepStatus
    year: int | None
    date: date | None
    reason: str


class Terms(Schema):
    status: Status = Field(description=STATUS_HELP)
    established_year: int | None
    established_on: date | None
    suspended_year: int | None = Field(description="The year it was suspended, while it is.")
    ended_year: int | None
    state: StateOut = Field(description=STATE_OUT_HELP)
    active: bool = Field(description="Whether its state is active.")
    domestic: bool = Field(description="Whether both communities are in one country.")
    verified_on: str | None = Field(
        description="The month a curator last checked it (YYYY-MM); null when never."
    )
    history: list[Step] = Field(description="Its status over time, oldest first.")

    @staticmethod
    def resolve_active(obj):
        return obj.is_active

    @staticmethod
    def resolve_verified_on(obj):
        return f"{obj.verified_on:%Y-%m}" if obj.verified_on else None

    @staticmethod
    def resolve_history(obj):
        steps = getattr(obj, "steps", None)
        return obj.status_changes.all() if steps is None else steps


class PartnerOut(Terms):
    partner: Place
    sources: list[PartnerCitation]

    @staticmethod
    def resolve_sources(obj):
        return obj.cited


class CommunityDetail(CommunityOut):
    alternate_names: list[str]
    website: str
    partners: list[PartnerOut]
    attribution: str = Field(
        description="Whom to credit when you reuse the answer, and where each source's terms are."
    )

    @staticmethod
    def resolve_attribution(obj):
        return ATTRIBUTION

    @staticmethod
    def resolve_alternate_names(obj):
        return obj.alternate_name_list


class Citation(Schema):
    """A source's record of a partnership, with the names as that source printed them."""

    source: str = Field(alias="source.slug", description="The source's slug (/api/sources).")
    published_a: str = Field(description="community_a's name as the source printed it.")
    published_b: str = Field(description="community_b's name as the source printed it.")

    @staticmethod
    def resolve_published_a(obj):
        return obj.published_a or obj.partnership.community_a.name

    @staticmethod
    def resolve_published_b(obj):
        return obj.published_b or obj.partnership.community_b.name


class PartnershipOut(Terms):
    id: int
    community_a: Place
    community_b: Place
    sources: list[Citation]

    @staticmethod
    def resolve_sources(obj):
        return obj.citations.all()


class OrganizationOut(Schema):
    name: str
    slug: str
    kind: OrganizationKind
    membership: str = Field(description="member, global_member, not_member, or empty.")
    run_by: str
    community: Place | None = Field(description="Where it is based.")
    description: str
    description_es: str = Field(description="The description in Spanish; empty until written.")
    contact_name: str
    contact_title: str
    email: str
    phone: str
    postal_address: str
    website: str
    url: str

    @staticmethod
    def resolve_community(obj):
        return obj.home_community

    resolve_url = staticmethod(page_url)


class SourceOut(Schema):
    name: str
    slug: str
    publisher: str
    address: str = Field(description="Where the source is published.")
    description: str
    description_es: str = Field(description="The description in Spanish; empty until written.")
    published: str = Field(description="Its date, in its own terms.")
    licence: str
    retrieved: date | None
    checked: bool = Field(description="Whether curators have checked its records.")
    partnership_count: int
    url: str

    @staticmethod
    def resolve_address(obj):
        return obj.url

    resolve_url = staticmethod(page_url)


class ErrorDetail(Schema):
    loc: list[str | int]
    msg: str
    type: str


class InvalidParameters(Schema):
    detail: list[ErrorDetail]


class NotFound(Schema):
    detail: str
