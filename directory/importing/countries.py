"""Resolving the country columns of an import file to a country code, and a region.

resolve_country() takes a country as real lists write it ("Germany", "DE", "England",
"Republic of Ireland", "Brandenburg, Germany") and gives Country(code, region): the
ISO 3166-1 alpha-2 code django-countries uses (XK for Kosovo, from COUNTRIES_OVERRIDE) and
a first-level division the text implies ("England"), or "". Rules, in order:

1. Whitespace is stripped; an empty text names no country.
2. A two-letter code django-countries knows, in any case.
3. A name django-countries knows, in any case.
4. An English form real lists use, from ALIASES.
5. "Georgia" alone: the U.S. state when the coordinates lie in the contiguous United
   States, otherwise the country.
6. "A, B": the whole text by rules 2-5; else A's country ("Réunion, France"); else B's
   country with A as its region ("Brandenburg, Germany"), unless B brings its own region.
   A is not read as a code: "CA, United States" is California, not Canada.
7. Anything else names no country: None, and the importer rejects the row. There is no
   fuzzy matching and no guessing: "in Italy", "Island" and "Northern Cyprus" give None.
"""

import functools
from dataclasses import dataclass

from django.utils.translation import get_language
from django_countries import countries


@dataclass(frozen=True)
class Country:
    code: str
    region: str = ""


# Forms django-countries does not know by itself (each was checked against by_name()).
ALIASES = {
    name.casefold(): country
    for name, country in {
        "USA": Country("US"),
        "U.S.": Country("US"),
        "U.S.A.": Country("US"),
        "United States": Country("US"),
        "UK": Country("GB"),
        "Great Britain": Country("GB"),
        "Britain": Country("GB"),
        "England": Country("GB", "England"),
        "Scotland": Country("GB", "Scotland"),
        "Wales": Country("GB", "Wales"),
        "Northern Ireland": Country("GB", "Northern Ireland"),
        "Republic of Ireland": Country("IE"),
        "Republic of Korea": Country("KR"),
        "Korea, South": Country("KR"),
        "Democratic People's Republic of Korea": Country("KP"),
        "Ivory Coast": Country("CI"),
        "Cape Verde": Country("CV"),
        "East Timor": Country("TL"),
        "Moldavia": Country("MD"),
        "Republic of Macedonia": Country("MK"),
        "Burma": Country("MM"),
        "Vatican": Country("VA"),
        "West Bank": Country("PS"),
        "Gaza": Country("PS"),
        "Georgia (country)": Country("GE"),
        "Bosnia and Hercegovina": Country("BA"),
        "Bosnia": Country("BA"),
        "Surinam": Country("SR"),
        "The Bahamas": Country("BS"),
        "The Gambia": Country("GM"),
        "Federated States of Micronesia": Country("FM"),
        "Republic of China": Country("TW"),
        "People's Republic of China": Country("CN"),
        "São Tomé and Príncipe": Country("ST"),
        "Falkland Islands": Country("FK"),
        # Misspellings seen in real data.
        "Madagaskar": Country("MG"),
        "Grece": Country("GR"),
        "Kazakhstah": Country("KZ"),
    }.items()
}

# Roughly the contiguous United States, where "Georgia" is the state.
US_LATITUDES, US_LONGITUDES = (24, 50), (-125, -66)


def resolve_country(text, latitude=None, longitude=None):
    """Country(code, region) for the text of a country column, or None (see above).
    The coordinates, numbers or numeric strings, only tell the two Georgias apart."""
    text = " ".join((text or "").split())
    if not text:
        return None
    country = resolve_whole(text, latitude, longitude, codes=True)
    if country or "," not in text:
        return country
    head, _, tail = (part.strip() for part in text.rpartition(","))
    outer = resolve_whole(tail, latitude, longitude, codes=True)
    if head.casefold() == "georgia" and outer == Country("US"):
        return Country("US", "Georgia")
    inner = resolve_whole(head, latitude, longitude, codes=False)
    if inner:
        return inner
    if outer:
        return Country(outer.code, outer.region or head)
    return None


def resolve_whole(text, latitude, longitude, *, codes):
    """Rules 2-5 for the whole text; rule 2 only with codes."""
    if codes and len(text) == 2 and text.upper() in countries:
        return Country(text.upper())
    if text.casefold() == "georgia":
        return Country("US", "Georgia") if in_contiguous_us(latitude, longitude) else Country("GE")
    code = by_name(text, get_language())
    if code:
        return Country(code)
    return ALIASES.get(text.casefold())


@functools.cache
def by_name(text, language):
    """django-countries' code for a country name, once per name and language: a file
    names the same few hundred countries thousands of times."""
    return countries.by_name(text)


def in_contiguous_us(latitude, longitude):
    try:
        latitude, longitude = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return False
    return (
        US_LATITUDES[0] <= latitude <= US_LATITUDES[1]
        and US_LONGITUDES[0] <= longitude <= US_LONGITUDES[1]
    )
