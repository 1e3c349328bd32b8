"""One address for each kind of public page, filled with the seed data and prepare()."""

from directory.models import Community

# A seed community whose location prepare() forgets: its page says there is no map.
UNPLACED = "grand-turk"

PUBLIC_PAGES = {
    "home": "/",
    "search": "/cities/?q=san",
    "search-filtered": "/cities/?status=sister&country=US&sort=partners",
    "search-errors": "/cities/?year_from=abc&country=ZZ",
    "search-empty": "/cities/?q=atlantis",
    "search-pages": "/cities/?page=2",
    "community": "/cities/miami-dade-county/",
    "countries": "/countries/",
    "country": "/countries/mx/",
    "community-without-location": f"/cities/{UNPLACED}/",
    "directory": "/directory/",
    "organization": "/directory/miami-dade-county-sister-cities-program/",
    "faq": "/faq/",
    "history": "/history/",
    "partners": "/partners/",
    "about": "/about/",
    "sources": "/sources/",
    "data": "/data/",
    "api-docs": "/api/docs/",
    "not-found": "/cities/atlantis/",
    "correction": "/cities/miami-dade-county/correction/",
    "correction-thanks": "/cities/miami-dade-county/correction/thanks/",
}


def prepare():
    """After the seed: the page states it does not have on its own."""
    Community.objects.filter(slug=UNPLACED).update(latitude=None, longitude=None)
