"""The addresses of pages and the names of countries, worked out once in each language
(directory/addresses.py, directory/jinja.py): each must be what reverse() and
django-countries give on every call."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation
from django_countries.fields import Country

from directory.addresses import STAND_IN, address, with_slug
from directory.jinja import country_name

ROUTES = ("directory:community-detail", "directory:organization-detail")
SLUGS = ("okayama", "san-jose-costa-rica", "a", STAND_IN, f"{STAND_IN}-2", "x_1")


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_address_with_a_slug_is_the_one_reverse_gives(language):
    with translation.override(language):
        for name in ROUTES:
            for slug in SLUGS:
                assert with_slug(name, slug) == reverse(name, args=[slug])
        assert address("directory:country-detail", "mx") == reverse(
            "directory:country-detail", args=["mx"]
        )
        expected = "/es/cities/" if language == "es" else "/cities/"
        assert with_slug(ROUTES[0], "okayama") == f"{expected}okayama/"


def test_an_address_follows_the_script_prefix():
    try:
        set_script_prefix("/directory-site/")
        assert with_slug(ROUTES[0], "okayama") == "/directory-site/cities/okayama/"
    finally:
        set_script_prefix("/")
    assert with_slug(ROUTES[0], "okayama") == "/cities/okayama/"


def test_what_is_not_a_slug_is_refused_as_reverse_refuses_it():
    for wrong in ("", "two words", "a/b"):
        with pytest.raises(NoReverseMatch):
            with_slug(ROUTES[0], wrong)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_country_name_is_the_one_django_countries_gives(language):
    with translation.override(language):
        for code in ("MX", "DE", "CI", "US", "KR"):
            assert country_name(code) == Country(code).name
        assert country_name("") == "" and country_name("ZZ") == ""
    with translation.override("es"):
        assert country_name("DE") == "Alemania"
