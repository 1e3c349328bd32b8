"""Every page and file showing a source's records credits the source and its licence,
in English and in Spanish; counts are grouped as each language groups thousands."""

import csv
import io
import json

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from directory.opendata.licences import WIKIPEDIA_LICENCE_URL, WIKIPEDIA_SOURCE
from tests.factories import CommunityFactory, PartnershipFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wikipedia_pair():
    wikipedia = SourceFactory(
        slug=WIKIPEDIA_SOURCE,
        name="Wikipedia: lists of twin towns and sister cities",
        publisher="Wikipedia contributors",
    )
    return PartnershipFactory(
        community_a=CommunityFactory(name="Lyon", slug="lyon", country="FR"),
        community_b=CommunityFactory(name="Porto", slug="porto", country="PT"),
        cited_in=wikipedia,
    )


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    ("name", "args"),
    [("directory:community-detail", ["lyon"]), ("directory:country-detail", ["fr"])],
)
def test_pages_with_wikipedia_records_credit_it_and_its_licence(
    client, wikipedia_pair, language, name, args
):
    page = client.get(url(name, *args, language=language)).content.decode()
    credit = page[page.index('class="credit"') :]
    credit = credit[: credit.index("</section>")]
    assert 'href="/sources/#wikipedia-twin-towns"' in credit or (
        'href="/es/sources/#wikipedia-twin-towns"' in credit
    )
    assert "Wikipedia contributors" in credit
    assert f'<a href="{WIKIPEDIA_LICENCE_URL}" rel="license">CC BY-SA 4.0</a>' in credit
    if language == "es":
        assert 'lang="en">Wikipedia: lists of twin towns and sister cities</a>' in credit
        assert '<span lang="en">Wikipedia contributors</span>' in credit
    else:
        assert 'lang="en"' not in credit


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_footer_names_every_source(client, language):
    page = client.get(url("directory:about", language=language)).content.decode()
    footer = page[page.index("<footer") :]
    for name in ("Miami-Dade", "San José", "Sister Cities International", "Wikipedia"):
        assert name in footer
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in footer
    assert 'href="https://www.geonames.org/"' in footer
    assert "https://creativecommons.org/licenses/by/4.0/" in footer


def test_the_sources_page_credits_geonames(client):
    page = client.get(reverse("directory:sources")).content.decode()
    assert 'href="https://www.geonames.org/"' in page
    assert "CC BY 4.0" in page


def test_spanish_sources_page_marks_english_names(client):
    SourceFactory(name="Miami-Dade County sister cities list", publisher="Miami-Dade County")
    page = client.get(url("directory:sources", language="es")).content.decode()
    assert 'lang="en">Miami-Dade County sister cities list</h2>' in page
    assert '<dd lang="en">Miami-Dade County</dd>' in page


def test_partnership_downloads_carry_attribution_and_licence(client, wikipedia_pair):
    plain = PartnershipFactory(cited_in=SourceFactory(publisher="City of San José"))
    response = client.get(url("directory:partnerships-download", "csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_source = {row["sources"]: row for row in rows}
    wiki = by_source[WIKIPEDIA_SOURCE]
    assert wiki["attribution"] == "Wikipedia contributors, CC BY-SA 4.0"
    assert wiki["licence"] == "CC BY-SA 4.0"
    other = by_source[plain.citations.get().source.slug]
    assert (other["attribution"], other["licence"]) == ("City of San José", "")
    assert 'rel="license"' in response["Link"]

    response = client.get(url("directory:partnerships-download", "json"))
    rows = json.loads(b"".join(response.streaming_content))
    assert isinstance(rows, list)  # the shape stays an array of objects
    wiki = next(row for row in rows if row["sources"] == [WIKIPEDIA_SOURCE])
    assert wiki["attribution"] == ["Wikipedia contributors, CC BY-SA 4.0"]
    assert wiki["licence"] == ["CC BY-SA 4.0"]


def test_a_communitys_partners_download_carries_attribution(client, wikipedia_pair):
    response = client.get(url("directory:community-partners-download", "lyon", "json"))
    (row,) = json.loads(b"".join(response.streaming_content))
    assert row["attribution"] == ["Wikipedia contributors, CC BY-SA 4.0"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_every_download_links_to_the_terms(client, wikipedia_pair, fmt):
    for name in ("community-list-download", "organization-list-download"):
        response = client.get(url(f"directory:{name}", fmt))
        assert response["Link"].endswith('/data/#sources-and-licences>; rel="license"')
        assert "Link" in response["Access-Control-Expose-Headers"]


def test_api_answers_carry_attribution(client, wikipedia_pair):
    answer = client.get("/api/partnerships")
    assert "Wikipedia contributors, CC BY-SA 4.0" in answer.json()["attribution"]
    assert 'rel="license"' in answer["Link"]
    detail = client.get("/api/communities/lyon").json()
    assert "GeoNames" in detail["attribution"]


@override_settings(MAPS=False)
@pytest.mark.parametrize(("language", "grouped"), [("en", "1,200"), ("es", "1\xa0200")])
def test_counts_are_grouped(client, language, grouped):
    community = CommunityFactory(name="Hub", slug="hub", country="FR")
    community.partner_count = 1200
    community.save()
    page = client.get(url("directory:country-detail", "fr", language=language))
    assert f'class="number">{grouped}</td>' in page.content.decode()
    page = client.get(url("directory:community-detail", "hub", language=language))
    assert f"<dd>{grouped}</dd>" in page.content.decode()


def test_spanish_dates_and_states_read_naturally(client):
    from datetime import date

    PartnershipFactory(
        community_a=CommunityFactory(name="San José", slug="san-jose", country="US"),
        community_b=CommunityFactory(name="Okayama", slug="okayama", country="JP"),
        established_year=1957,
        established_on=date(1957, 5, 26),
    )
    home = client.get(url("directory:home", language="es")).content.decode()
    assert "desde el 26 de mayo de 1957" in home
    page = client.get(url("directory:community-detail", "san-jose", language="es"))
    assert "Ciudad hermana (activa)" in page.content.decode()
