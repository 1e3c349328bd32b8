"""Country pages, the country index, and links to them from every country name."""

import re

import pytest
from django.urls import reverse

from directory.countries import partner_countries
from directory.models import Community
from tests.factories import CommunityFactory, PartnershipFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnerships():
    """Lyon (FR) with partners in the US (2), Japan (1); Nice (FR) with one in the US;
    Kyoto (JP) with one in Germany."""
    source = SourceFactory()
    lyon = CommunityFactory(name="Lyon", country="FR")
    nice = CommunityFactory(name="Nice", country="FR")
    kyoto = CommunityFactory(name="Kyoto", country="JP")
    for a, b in [
        (lyon, CommunityFactory(name="Boston", country="US")),
        (CommunityFactory(name="Austin", country="US"), lyon),
        (lyon, kyoto),
        (nice, CommunityFactory(name="Miami", country="US")),
        (kyoto, CommunityFactory(name="Bonn", country="DE")),
    ]:
        PartnershipFactory(community_a=a, community_b=b, cited_in=source)
    return source


def test_partnerships_by_country_count_each_partnership_once_per_country(partnerships):
    assert Community.objects.partnerships_by_country() == {"FR": 4, "US": 3, "JP": 2, "DE": 1}


def test_partner_countries_whichever_side_the_country_is_on(partnerships):
    assert [(country.code, count) for country, count in partner_countries("FR")] == [
        ("US", 3),
        ("JP", 1),
    ]
    assert [(c.code, n) for c, n in partner_countries("JP")] == [("FR", 1), ("DE", 1)]


def test_country_page_charts_partner_countries_and_lists_communities(client, partnerships):
    response = client.get(reverse("directory:country-detail", args=["fr"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>France</h1>" in page
    assert '<svg class="chart"' in page and 'aria-labelledby="partner-countries-title' in page
    assert page.count('<rect x="') == 2
    assert '<a href="/countries/us/">United States of America</a>' in page
    communities = [community.name for community in response.context_data["communities"]]
    # Most partners first.
    assert communities == ["Lyon", "Nice"]


def test_country_page_opens_with_its_totals(client, partnerships):
    response = client.get(reverse("directory:country-detail", args=["fr"]))
    lead = re.search(r'<p class="lead">(.*?)</p>', response.content.decode(), re.S).group(1)
    assert " ".join(lead.split()) == (
        "The directory lists 2 communities in France. They have 4 partnerships in all."
    )


def test_a_partnership_within_a_country_counts_once(client, partnerships):
    lyon, nice = Community.objects.filter(name__in=["Lyon", "Nice"]).order_by("name")
    PartnershipFactory(community_a=lyon, community_b=nice, cited_in=partnerships)

    assert {c.code: n for c, n in partner_countries("FR")} == {"US": 3, "JP": 1, "FR": 1}
    response = client.get(reverse("directory:country-detail", args=["fr"]))
    assert "They have 5 partnerships in all." in response.content.decode()


def test_country_page_paginates_and_forgives_a_bad_page(client, partnerships):
    CommunityFactory.create_batch(60, country="FR")
    first = client.get("/countries/fr/")
    assert len(first.context_data["communities"]) == 50
    assert first.context_data["page_obj"].paginator.num_pages == 2
    bad = client.get("/countries/fr/", {"page": "99x"})
    assert bad.status_code == 200
    assert "There is no page “99x”, so this is page 1 of 2." in bad.content.decode()


@pytest.mark.parametrize("code", ["zz", "xx", "france", "f" * 300, "%00"])
def test_unknown_country_codes_are_not_found(client, code):
    assert client.get(f"/countries/{code}/").status_code == 404


def test_a_country_without_communities_is_not_found(client, partnerships):
    assert client.get("/countries/br/").status_code == 404


def test_upper_case_codes_redirect_to_the_one_address(client, partnerships):
    response = client.get("/countries/FR/")
    assert response.status_code == 301
    assert response["Location"] == "/countries/fr/"


def test_country_index_lists_countries_with_their_counts(client, partnerships):
    response = client.get(reverse("directory:country-list"))
    countries = response.context_data["view"].countries
    rows = [(country.code, communities, n) for country, communities, n in countries]
    assert rows == [("FR", 2, 4), ("DE", 1, 1), ("JP", 1, 2), ("US", 3, 3)]
    assert 'href="/countries/jp/"' in response.content.decode()


def test_country_names_link_to_their_pages(client, partnerships):
    lyon = Community.objects.get(name="Lyon")
    search = client.get(reverse("directory:community-list"), {"q": "lyon"}).content.decode()
    assert '<a href="/countries/fr/">France</a>' in search
    page = client.get(lyon.get_absolute_url()).content.decode()
    assert '<a href="/countries/fr/">France</a>' in page
    assert '<a href="/countries/jp/">Japan</a>' in page


def test_history_charts_partnerships_by_decade_and_year(client, partnerships):
    from directory.models import Partnership

    years = [1956, 1958, 1961, 1975, None]
    for partnership, year in zip(Partnership.objects.order_by("pk"), years, strict=True):
        partnership.established_year = year
        partnership.save()
    response = client.get(reverse("directory:history"))
    founded = response.context_data["view"].founded
    assert founded["decades"] == [("1950s", 2), ("1960s", 1), ("1970s", 1)]
    assert founded["years"][0] == (1956, 1) and founded["years"][-1] == (1975, 1)
    assert len(founded["years"]) == 20
    page = response.content.decode()
    assert 'aria-labelledby="by-decade-title by-decade-desc"' in page
    assert '<th scope="row">1960s</th><td class="number">1</td>' in page


def test_spanish_history_names_decades_in_spanish(client, partnerships):
    from directory.models import Partnership

    years = [1956, 1958, 1961, 1975, None]
    for partnership, year in zip(Partnership.objects.order_by("pk"), years, strict=True):
        partnership.established_year = year
        partnership.save()
    response = client.get("/es/history/")
    founded = response.context_data["view"].founded
    assert founded["decades"] == [("años 1950", 2), ("años 1960", 1), ("años 1970", 1)]
    page = response.content.decode()
    assert '<th scope="row">años 1960</th><td class="number">1</td>' in page
    # Three Spanish names fit under their columns.
    assert len(founded["decade_chart"].labelled) == 3


def test_decade_labels_that_do_not_fit_are_given_every_other_decade(client, partnerships):
    from directory.models import Partnership

    years = [1951, 1961, 1971, 1981, 1991]
    for partnership, year in zip(Partnership.objects.order_by("pk"), years, strict=True):
        partnership.established_year = year
        partnership.save()
    english = client.get("/history/").context_data["view"].founded["decade_chart"]
    spanish = client.get("/es/history/").context_data["view"].founded["decade_chart"]
    assert [bar.label for bar in english.labelled] == ["1950s", "1960s", "1970s", "1980s", "1990s"]
    assert [bar.label for bar in spanish.labelled] == ["años 1960", "años 1980"]


def test_country_page_maps_its_communities_and_shades_partner_countries(client, partnerships):
    Community.objects.filter(name="Lyon").update(latitude=45.76, longitude=4.84)
    page = client.get("/countries/fr/").content.decode()
    start = page.index('<svg class="world-map"')
    drawing = page[start : page.index("</svg>", start)]
    assert (
        '<title id="country-map-title">Where the partners of communities in France are' in drawing
    )
    assert 'class="map-highlight"' in drawing
    assert 'class="map-dots"' in drawing
    classes = re.findall(r'<path class="(map-c\d)"', drawing)
    shaded = [css_class for css_class in classes if css_class != "map-c0"]
    # The United States and Japan; France itself is outlined, not shaded.
    assert len(shaded) == 2
