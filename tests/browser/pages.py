"""One address for each kind of public page, filled with the seed data."""

PUBLIC_PAGES = {
    "home": "/",
    "search": "/cities/?q=san",
    "search-filtered": "/cities/?status=sister&country=US&sort=partners",
    "search-errors": "/cities/?year_from=abc&country=ZZ",
    "search-empty": "/cities/?q=atlantis",
    "search-pages": "/cities/?page=2",
    "community": "/cities/miami-dade-county/",
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
}
