import csv
import os
from pathlib import Path

import pytest
from django.conf import settings
from django_countries import countries

from directory.importing.countries import ALIASES, Country, resolve_country

ATLANTA, TBILISI = (33.75, -84.39), (41.72, 44.79)
# Values in the Wikipedia list that name no country the importer can tell.
UNKNOWN_IN_WIKIPEDIA = {"", "in Italy", "Island", "Northern Cyprus"}


def test_empty_and_blank_give_none():
    for text in ("", "   ", None):
        assert resolve_country(text) is None


def test_codes_in_any_case():
    assert resolve_country("DE") == Country("DE")
    assert resolve_country(" de ") == Country("DE")
    assert resolve_country("xk") == Country("XK")  # COUNTRIES_OVERRIDE
    assert resolve_country("UK") == Country("GB")  # not a code: an alias
    assert resolve_country("ZZ") is None


def test_names_django_countries_knows_in_any_case():
    assert resolve_country("Germany") == Country("DE")
    assert resolve_country("czech republic") == Country("CZ")
    assert resolve_country("Türkiye") == resolve_country("Turkey") == Country("TR")
    assert resolve_country("Kosovo") == Country("XK")
    assert resolve_country("Palestine, State of") == Country("PS")


def test_aliases():
    assert resolve_country("United States") == resolve_country("U.S.A.") == Country("US")
    assert resolve_country("england") == Country("GB", "England")
    assert resolve_country("Northern Ireland") == Country("GB", "Northern Ireland")
    assert resolve_country("Republic of Ireland") == Country("IE")
    assert resolve_country("Korea, South") == Country("KR")
    assert resolve_country("Georgia (country)") == Country("GE")
    assert resolve_country("Republic of China") == Country("TW")
    assert resolve_country("Madagaskar") == Country("MG")


def test_every_alias_is_needed_and_valid():
    for name, country in ALIASES.items():
        assert not countries.by_name(name), f"django-countries already knows {name!r}"
        assert country.code in countries, name


def test_the_two_georgias():
    assert resolve_country("Georgia", *ATLANTA) == Country("US", "Georgia")
    assert resolve_country("Georgia", "33.75", "-84.39") == Country("US", "Georgia")
    assert resolve_country("Georgia", *TBILISI) == Country("GE")
    assert resolve_country("Georgia") == Country("GE")
    assert resolve_country("Georgia", 33.75, None) == Country("GE")
    assert resolve_country("Georgia, United States") == Country("US", "Georgia")


def test_comma_forms():
    assert resolve_country("Réunion, France") == Country("RE")
    assert resolve_country("Åland Islands, Finland") == Country("AX")
    assert resolve_country("French Guiana, France") == Country("GF")
    assert resolve_country("England, United Kingdom") == Country("GB", "England")
    assert resolve_country("Brandenburg, Germany") == Country("DE", "Brandenburg")
    assert resolve_country("Azores, Portugal") == Country("PT", "Azores")
    assert resolve_country("New York, United States") == Country("US", "New York")
    assert resolve_country("Tinn, Norway") == Country("NO", "Tinn")
    assert resolve_country("CA, United States") == Country("US", "CA")  # not Canada
    assert resolve_country("London, England") == Country("GB", "England")
    assert resolve_country("Brandenburg, Nowhere") is None


def test_vague_or_unknown_values_give_none():
    for text in ("in Italy", "Island", "Northern Cyprus", "America", "Korea", "Europe"):
        assert resolve_country(text) is None, text


def wikipedia_list():
    candidates = [
        os.environ.get("TWIN_CITIES_CSV"),
        Path(settings.BASE_DIR) / "data" / "twin_cities_wikipedia.csv",
        Path(settings.BASE_DIR).parent / "shared" / "data" / "twin_cities_wikipedia.csv",
    ]
    for path in filter(None, candidates):
        if Path(path).is_file():
            return Path(path)
    pytest.skip("twin_cities_wikipedia.csv not found (set TWIN_CITIES_CSV)")


def test_every_country_in_the_wikipedia_list():
    resolved = {}
    with wikipedia_list().open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            for side in "12":
                text = row[f"country{side}"]
                country = resolve_country(text, row[f"lat{side}"], row[f"lng{side}"])
                resolved.setdefault(text, set()).add(country)
    assert {text for text, found in resolved.items() if None in found} == UNKNOWN_IN_WIKIPEDIA
    expected = {
        "Germany": Country("DE"),
        "United States": Country("US"),
        "England": Country("GB", "England"),
        "England, United Kingdom": Country("GB", "England"),
        "Czech Republic": Country("CZ"),
        "South Korea": Country("KR"),
        "Republic of Ireland": Country("IE"),
        "Turkey": Country("TR"),
        "Russia": Country("RU"),
        "Scotland": Country("GB", "Scotland"),
        "Georgia (country)": Country("GE"),
        "Georgia": Country("GE"),  # every Georgia in the list lies in the Caucasus
        "Palestine": Country("PS"),
        "Kosovo": Country("XK"),
        "Taiwan": Country("TW"),
    }
    assert {text: resolved[text] for text in expected} == {
        text: {country} for text, country in expected.items()
    }
