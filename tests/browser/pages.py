"""One address for each kind of public page, filled with the seed data and prepare()."""

import datetime

from directory.models import Community, Listing, Organization, Partnership, StatusChange

# A seed community whose location prepare() forgets: its page says there is no map.
UNPLACED = "grand-turk"
# A seed community one of whose partnerships prepare() gives a status history and a
# verification.
WITH_HISTORY = "san-jose-california"
# A seed community that prepare() lists as looking for partners, with a contact.
SEEKING = "miami-dade-county"

PUBLIC_PAGES = {
    "home": "/",
    "search": "/cities/?q=san",
    "search-filtered": "/cities/?status=sister&country=US&sort=partners",
    "search-errors": "/cities/?year_from=abc&country=ZZ",
    "search-empty": "/cities/?q=atlantis",
    "search-closest": "/cities/?q=sao+paolo",
    "search-pages": "/cities/?page=2",
    "community": "/cities/miami-dade-county/",
    "embed": "/cities/miami-dade-county/embed/",
    "embed-dark": "/cities/miami-dade-county/embed/?theme=dark",
    "countries": "/countries/",
    "country": "/countries/mx/",
    "community-without-location": f"/cities/{UNPLACED}/",
    "community-with-status-history": f"/cities/{WITH_HISTORY}/",
    "directory": "/directory/",
    "organization": "/directory/miami-dade-county-sister-cities-program/",
    "seeking": "/seeking/",
    "seeking-filtered": "/seeking/?interest=culture&country=US&region=europe",
    "seeking-empty": "/seeking/?region=africa",
    "seeking-errors": "/seeking/?interest=gardening&country=ZZ",
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


def in_both_languages(name):
    """(name, address) of a page in English and, but for the English-only API's pages,
    in Spanish: ``search`` at /cities/?q=san and ``search-es`` at /es/cities/?q=san."""
    url = PUBLIC_PAGES[name]
    yield name, url
    if not url.startswith("/api/"):
        yield f"{name}-es", f"/es{url}"


def prepare():
    """After the seed: the page states it does not have on its own."""
    Community.objects.filter(slug=UNPLACED).update(latitude=None, longitude=None)
    partnership = (
        Partnership.objects.involving(Community.objects.get(slug=WITH_HISTORY))
        .filter(established_year__lte=2010)
        .order_by("pk")
        .first()
    )
    Partnership.objects.filter(pk=partnership.pk).update(verified_on=datetime.date(2026, 3, 2))
    start = partnership.established_year
    for status, year, reason in [
        ("friendship", start, ""),
        ("sister", start + 5, ""),
        ("suspended", start + 10, "Exchanges paused while the town hall is rebuilt."),
    ]:
        StatusChange.objects.create(
            partnership=partnership, status=status, year=year, reason=reason
        )
    Listing.objects.create(
        community=Community.objects.get(slug=SEEKING),
        interests=["culture", "youth_exchange", "trade"],
        offers="Exchanges for secondary-school pupils, and a yearly festival of music.",
        seeks="A city by the sea to exchange students and artists with.",
        preferred_countries=["PT", "ES"],
        preferred_regions=["europe"],
        contact=Organization.objects.filter(home_community__slug=SEEKING).first(),
    )
