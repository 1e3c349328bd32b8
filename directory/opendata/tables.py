"""What each download holds: its columns, what they mean, and its rows.

The files are the same in every language: their column names and values are English
(country names too). Only the meanings, which the /data/ page lists, are translated.

Rows are read with ``values()`` and ``iterator(chunk_size=...)``: plain dicts, a chunk at
a time, never the whole table. Partnerships' citations are read once for each chunk.
The /data/ page lists the same columns with the same meanings.
"""

from itertools import islice

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from directory.addresses import STAND_IN, address
from directory.models import Citation, Source, StatusChange
from directory.models.community import names_of_countries
from directory.models.partnership import PARTNER_TABLE_FIELDS, state_of
from directory.models.status import ORDER

from .formats import CHUNK_SIZE
from .licences import licence_of, row_credit

PLACE_FIELDS = [
    "name", "slug", "kind", "region", "country", "latitude", "longitude", "geonames_id",
]  # fmt: skip
# The partner table's columns, and the key that finds each partnership's citations.
PARTNERSHIP_FIELDS = ["pk", *PARTNER_TABLE_FIELDS]


def key(prefix, field):
    """A place column's name: ``partner``, ``partner_slug``...; without a prefix,
    ``name``, ``slug``..."""
    if not prefix:
        return field
    return prefix if field == "name" else f"{prefix}_{field}"


def place_columns(prefix, name, slug):
    """The place columns named after ``prefix``, with their meanings; ``name`` and
    ``slug`` say what the name and slug columns hold."""
    meanings = {
        "name": name,
        "slug": slug,
        "kind": _(
            "city, town, municipality, district, county, department, province, state, "
            "region, metropolitan_area, island, territory or country."
        ),
        "region": _("State, province or region within the country, where known."),
        "country": _("ISO 3166-1 alpha-2 country code (XK for Kosovo)."),
        "country_name": _("The country's English name."),
        "latitude": _("Latitude in decimal degrees (WGS 84), where known."),
        "longitude": _("Longitude in decimal degrees (WGS 84), where known."),
        "geonames_id": _(
            "The place's id in the GeoNames gazetteer (geonames.org/<id>), where it was found."
        ),
    }
    return [(key(prefix, field), meaning) for field, meaning in meanings.items()]


def country_names():
    """{code: English name} for every country, whatever the page's language."""
    return {**names_of_countries("en"), "": ""}


def place(values, lookup, prefix, names):
    """The place columns named after ``prefix``, from ``values``' keys
    ``lookup``<field>; ``names`` from country_names()."""
    row = {}
    for field in PLACE_FIELDS:
        row[key(prefix, field)] = values[f"{lookup}{field}"]
        if field == "country":
            row[key(prefix, "country_name")] = names[values[f"{lookup}country"]]
    return row


def page_urls(request, url_name):
    """A function giving the full address of the page of the record with a slug."""
    template = request.build_absolute_uri(address(url_name, STAND_IN))
    return lambda slug: template.replace(STAND_IN, slug)


def chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


TERMS_COLUMNS = [
    ("status", _("sister (a sister city), friendship (a friendship city), or unstated when "
     "no source states it.")),
    ("domestic", _("true when both communities are in one country, otherwise false.")),
    ("established_year", _("The year the partnership began; empty when not recorded.")),
    ("established_on", _("The exact date it began (YYYY-MM-DD), only where a source "
     "gives it.")),
    ("suspended_year", _("The year it was suspended; empty unless it is suspended now.")),
    ("ended_year", _("The year it ended; empty while it has not.")),
    ("state", _("active, suspended, ended, or unstated when no source states its status "
     "and none records it suspended or ended.")),
    ("active", _("true while the partnership has a stated status and is neither suspended "
     "nor ended, otherwise false.")),
    ("verified_on", _("The month a curator last checked it (YYYY-MM); empty when never.")),
    ("status_history", _("Its status over time, oldest first, each as status and year "
     "(proposed, friendship, sister, suspended, ended or renewed; “sister 2017”); "
     "separated by “; ” in CSV and listed in JSON.")),
    ("sources", _("The slugs of the sources that record the partnership (see /sources/); "
     "several are separated by “; ” in CSV and listed in JSON.")),
]  # fmt: skip


CREDIT_COLUMNS = [
    ("attribution", _("Whom to credit when you reuse the row, as its sources ask: "
     "“Wikipedia contributors, CC BY-SA 4.0” for a row citing Wikipedia, else the "
     "publisher of each source; separated by “; ” in CSV and listed in JSON.")),
    ("licence", _("The licences its sources publish it under (CC BY-SA 4.0 for a row "
     "citing Wikipedia); empty when none states one. The /data/ page gives each "
     "source's terms.")),
]  # fmt: skip


def source_licences():
    """{slug: Licence} for every source: read once for a download."""
    return {source.slug: licence_of(source) for source in Source.objects.all()}


def credit(slugs, licences):
    """The ``attribution`` and ``licence`` cells of a row citing ``slugs``."""
    attribution, terms = row_credit([licences[slug] for slug in slugs])
    return {"attribution": attribution, "licence": terms}


def terms(values):
    verified = values["verified_on"]
    state = state_of(values["status"], values["suspended_year"], values["ended_year"])
    return {
        "status": values["status"],
        "domestic": values["domestic"],
        "established_year": values["established_year"],
        "established_on": values["established_on"],
        "suspended_year": values["suspended_year"],
        "ended_year": values["ended_year"],
        "state": state,
        "active": state == "active",
        "verified_on": f"{verified:%Y-%m}" if verified else None,
        "status_history": values["status_history"],
    }


def with_citations(queryset):
    """(partnership values, [its citations' values]) for every partnership, reading the
    citations of each chunk of partnerships in one query, and their status histories
    (``status_history`` in the values) in another."""
    fields = [*PARTNERSHIP_FIELDS]
    for side in ("community_a", "community_b"):
        fields += [f"{side}__{field}" for field in PLACE_FIELDS]
    rows = queryset.order_by("pk").values(*fields).iterator(chunk_size=CHUNK_SIZE)
    for chunk in chunks(rows, CHUNK_SIZE):
        cited = {}
        citations = (
            Citation.objects.filter(partnership__in=[row["pk"] for row in chunk])
            .order_by("pk")
            .values_list("partnership", "source__slug", "published_a", "published_b")
        )
        for partnership, *citation in citations:
            cited.setdefault(partnership, []).append(citation)
        steps = {}
        history = (
            StatusChange.objects.filter(partnership__in=[row["pk"] for row in chunk])
            .order_by(*ORDER)
            .values_list("partnership", "status", "year")
        )
        for partnership, status, year in history:
            steps.setdefault(partnership, []).append(f"{status} {year or ''}".strip())
        for row in chunk:
            row["status_history"] = steps.get(row["pk"], [])
            yield row, cited.get(row["pk"], [])


class Partnerships:
    """Every partnership, with both communities: the full download of /data/."""

    filename = "sister-city-partnerships"
    columns = [
        *place_columns(
            "community_a",
            _("The first community's name as the directory writes it."),
            _("The first community's identifier: its page is /cities/<slug>/."),
        ),
        *place_columns(
            "community_b",
            _("The second community's name as the directory writes it."),
            _("The second community's identifier: its page is /cities/<slug>/."),
        ),
        *TERMS_COLUMNS,
        ("published_a", _("The first community's name as each source printed it, in the "
         "order of sources.")),
        ("published_b", _("The second community's name as each source printed it, in the "
         "order of sources.")),
        *CREDIT_COLUMNS,
    ]  # fmt: skip

    def rows(self, queryset):
        names, licences = country_names(), source_licences()
        for values, citations in with_citations(queryset):
            name_a, name_b = values["community_a__name"], values["community_b__name"]
            slugs = [slug for slug, _, _ in citations]
            yield {
                **place(values, "community_a__", "community_a", names),
                **place(values, "community_b__", "community_b", names),
                **terms(values),
                "sources": slugs,
                "published_a": [a or name_a for _, a, _ in citations],
                "published_b": [b or name_b for _, _, b in citations],
                **credit(slugs, licences),
            }


class Partners:
    """A community's partners, seen from the community."""

    columns = [
        *place_columns(
            "partner",
            _("The partner's name as the directory writes it."),
            _("The partner's identifier: its page is /cities/<slug>/."),
        ),
        *TERMS_COLUMNS,
        ("published_as", _("The partner's name as each source printed it, in the order of "
         "sources.")),
        *CREDIT_COLUMNS,
    ]  # fmt: skip

    def __init__(self, community):
        self.community = community
        self.filename = f"{community.slug}-partners"

    def rows(self, queryset):
        partners, names, licences = [], country_names(), source_licences()
        for values, citations in with_citations(queryset):
            side = "b" if values["community_a__slug"] == self.community.slug else "a"
            name = values[f"community_{side}__name"]
            at = 2 if side == "b" else 1
            partners.append(
                {
                    **place(values, f"community_{side}__", "partner", names),
                    **terms(values),
                    "sources": [citation[0] for citation in citations],
                    "published_as": [citation[at] or name for citation in citations],
                    **credit([citation[0] for citation in citations], licences),
                }
            )
        # A community has at most a few hundred partners: sorted by name, as on its page.
        yield from sorted(partners, key=lambda row: (row["partner"], row["partner_slug"]))


class Communities:
    """A City Search's results, in the order of the search."""

    filename = "communities"
    fields = [*PLACE_FIELDS, "partner_count", "first_year"]
    columns = [
        *place_columns(
            "",
            _("The community's name as the directory writes it."),
            _("The community's identifier: its page is /cities/<slug>/."),
        ),
        ("partner_count", _("How many partnerships the directory records for it.")),
        ("first_year", _("The year of its earliest recorded partnership; empty when none "
         "has a year.")),
        ("url", _("Its page in the directory.")),
    ]  # fmt: skip

    def __init__(self, request):
        self.url = page_urls(request, "directory:community-detail")

    def rows(self, queryset):
        names = country_names()
        for values in queryset.values(*self.fields).iterator(chunk_size=CHUNK_SIZE):
            yield {
                **place(values, "", "", names),
                "partner_count": values["partner_count"],
                "first_year": values["first_year"],
                "url": self.url(values["slug"]),
            }


class Organizations:
    """The Membership Directory's organizations, with their contacts."""

    filename = "organizations"
    columns = [
        ("name", _("The organization's name.")),
        ("slug", _("Its identifier: its page is /directory/<slug>/.")),
        ("kind", _("nonprofit, municipal, chamber, institution, international_partner or "
         "other.")),
        ("membership", _("Sister Cities International membership: member, global_member, "
         "not_member, or empty when not recorded.")),
        ("run_by", _("The office or body that runs it, if not the organization itself.")),
        ("community", _("The community where it is based.")),
        ("community_slug", _("That community's identifier (/cities/<slug>/).")),
        ("region", _("That community's state or region.")),
        ("country", _("That community's ISO 3166-1 alpha-2 country code.")),
        ("country_name", _("The country's English name.")),
        ("contact_name", _("The person to contact.")),
        ("contact_title", _("Their title.")),
        ("email", _("Email address.")),
        ("phone", _("Telephone number.")),
        ("postal_address", _("Postal address.")),
        ("website", _("Website.")),
        ("url", _("Its page in the directory.")),
    ]  # fmt: skip
    fields = {
        "name": "name",
        "slug": "slug",
        "kind": "kind",
        "membership": "membership",
        "run_by": "run_by",
        "community": "home_community__name",
        "community_slug": "home_community__slug",
        "region": "home_community__region",
        "country": "home_community__country",
        "contact_name": "contact_name",
        "contact_title": "contact_title",
        "email": "email",
        "phone": "phone",
        "postal_address": "postal_address",
        "website": "website",
    }

    def __init__(self, request):
        self.url = page_urls(request, "directory:organization-detail")

    def rows(self, queryset):
        names = country_names()
        values = queryset.values(**{f"_{k}": F(v) for k, v in self.fields.items()})
        for row in values.iterator(chunk_size=CHUNK_SIZE):
            row = {key[1:]: value for key, value in row.items()}
            row["country_name"] = names[row["country"] or ""]
            row["url"] = self.url(row["slug"])
            yield row
