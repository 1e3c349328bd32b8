"""What may be done with data from each source, as the /data/ page states it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

WIKIPEDIA_SOURCE = "wikipedia-twin-towns"
WIKIPEDIA_LICENCE = "CC BY-SA 4.0"
WIKIPEDIA_LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
WIKIPEDIA_CREDIT = "Wikipedia contributors"


@dataclass(frozen=True)
class Licence:
    terms: str
    credit: str = ""
    url: str = ""
    share_alike: bool = False
    note: str = ""


def licence_of(source):
    """The terms of the rows citing ``source``: its licence field where curators filled
    it in, and the terms of the facts a public list states where it gives none."""
    if source.slug == WIKIPEDIA_SOURCE:
        return Licence(
            terms=WIKIPEDIA_LICENCE,
            credit=WIKIPEDIA_CREDIT,
            url=WIKIPEDIA_LICENCE_URL,
            share_alike=True,
            note=source.licence,
        )
    if source.licence:
        return Licence(terms=source.licence, credit=source.publisher)
    return Licence(
        terms=_(
            "The source states no licence. The directory republishes only the facts it "
            "lists (which communities are partners, since when, and their status), "
            "which are not themselves under copyright."
        ),
        credit=source.publisher,
    )


GEONAMES_CREDIT = "GeoNames (geonames.org)"
GEONAMES_LICENCE = "CC BY 4.0"
GEONAMES_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
GEONAMES_URL = "https://www.geonames.org/"

# The credit every download and API answer carries (in English, as their column names
# are): whom each row's source asks to be named, and where each source's terms are.
ATTRIBUTION = (
    "Sister Cities Directory. Records citing the source wikipedia-twin-towns: "
    f"{WIKIPEDIA_CREDIT}, {WIKIPEDIA_LICENCE} ({WIKIPEDIA_LICENCE_URL}), compiled by the "
    "Hekman/twincities project (MIT licence). Places checked against "
    f"{GEONAMES_CREDIT}, {GEONAMES_LICENCE}. The terms of every source: /data/."
)


def credits(sources):
    """[(source, Licence)] for the distinct ``sources``, by name: what a page showing
    their records credits."""
    unique = {source.pk: source for source in sources}
    return [(source, licence_of(source)) for source in sorted(unique.values(), key=str)]


def row_credit(licences):
    """The ``attribution`` and ``licence`` cells of a row citing sources with
    ``licences`` (Licence objects, in the order of its sources): whom to credit, and the
    licences its sources state, each once."""
    attribution, terms = [], []
    for licence in licences:
        if licence.url:
            credit = f"{licence.credit}, {licence.terms}" if licence.credit else licence.terms
            if licence.terms not in terms:
                terms.append(licence.terms)
        else:
            credit = licence.credit
        if credit and credit not in attribution:
            attribution.append(credit)
    return attribution, terms


def attribution_link(request):
    """The ``Link`` header of a download or an API answer: the page giving each
    source's terms."""
    with translation.override("en"):
        terms = request.build_absolute_uri(reverse("directory:data"))
    return f'<{terms}#sources-and-licences>; rel="license"'
