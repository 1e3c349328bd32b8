"""What may be done with data from each source, as the /data/ page states it."""

from dataclasses import dataclass

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
