"""A community page's partner table: its summary, the values every row shares said once,
the sources of a partnership kept apart, and the community's other names."""

import datetime
import re

import pytest

from directory.models import Citation
from tests.factories import CommunityFactory, PartnershipFactory, SourceFactory

pytestmark = pytest.mark.django_db


def columns(page):
    head = re.search(r"<thead>(.*?)</thead>", page, re.S).group(1)
    return re.findall(r'<th scope="col">([^<]*)</th>', head)


def shared(page):
    """The terms and values of the list said once above the table."""
    found = re.search(r"The same for every partner:</p>\s*<dl[^>]*>(.*?)</dl>", page, re.S)
    if not found:
        return {}
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", found.group(1), re.S)
    return {term: re.sub(r"<[^>]+>", "", value) for term, value in pairs}


@pytest.fixture
def portland():
    return CommunityFactory(name="Portland", country="US", latitude=None, longitude=None)


def page_of(client, community):
    response = client.get(community.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_values_every_row_shares_are_said_once_above_the_table(client, portland):
    source = SourceFactory(name="Wikipedia: lists of twin towns")
    for name in ("Sapporo", "Guadalajara", "Mutare"):
        PartnershipFactory(
            community_a=portland,
            community_b=CommunityFactory(name=name),
            status="unstated",
            cited_in=source,
        )

    page = page_of(client, portland)

    assert "Portland has 3 partners." in page
    assert "The year the partnership began is known for none of them." in page
    assert shared(page) == {
        "Status": "Status not stated by its source",
        "Checked": "Not yet checked",
        "Source": "Wikipedia: lists of twin towns",
    }
    assert columns(page) == ["Partner", "Country"]
    assert page.count("Not yet checked") == 1
    assert "Year not recorded" not in page


def test_a_column_whose_rows_differ_stays_in_the_table(client, portland):
    source = SourceFactory()
    PartnershipFactory(community_a=portland, established_year=1959, cited_in=source)
    PartnershipFactory(
        community_a=portland, verified_on=datetime.date(2026, 3, 2), cited_in=source
    )

    page = page_of(client, portland)

    assert "The year the partnership began is known for 1 of them." in page
    assert columns(page) == ["Partner", "Country", "Established", "Checked"]
    assert list(shared(page)) == ["Status", "Source"]
    assert "1959" in page and "Year not recorded" in page


def test_a_single_partner_keeps_every_column(client, portland):
    PartnershipFactory(community_a=portland, established_year=1988)

    page = page_of(client, portland)

    assert "Portland has 1 partner." in page
    assert "known for" not in page
    assert shared(page) == {}
    assert columns(page) == ["Partner", "Country", "Established", "Status", "Checked", "Source"]


def test_each_source_of_a_partnership_is_an_item_of_its_own(client, portland):
    first, second = SourceFactory(name="First list"), SourceFactory(name="Second list")
    both = PartnershipFactory(community_a=portland, cited_in=first)
    Citation.objects.create(partnership=both, source=second)
    PartnershipFactory(community_a=portland, cited_in=first)

    page = page_of(client, portland)

    assert "Source" in columns(page)
    cell = re.search(r'<ul class="citations">(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r"<li><a [^>]*>([^<]*)</a></li>", cell) == ["First list", "Second list"]


def test_the_spelling_a_source_printed_is_given_beside_the_partner(client, portland):
    kyiv = CommunityFactory(name="Kyiv", country="UA")
    PartnershipFactory(community_a=portland, community_b=kyiv, cited_in__published_b="Kiev")

    page = page_of(client, portland)

    assert "published as “Kiev”" in page
    # And Kyiv's own page lists it among its other names.
    assert re.search(r"<dt>Also known as</dt><dd>Kiev<", page_of(client, kyiv))


def test_other_names_come_each_once_with_the_gazetteer_names_counted(client, portland):
    munich = CommunityFactory(
        name="Munich",
        country="DE",
        alternate_names="München\nMunchen\nMunich",
        gazetteer_names="munchen\nmonaco di baviera\nmunich\nmunique",
    )
    PartnershipFactory(community_a=munich, cited_in__published_a="MÜNCHEN")

    page = page_of(client, munich)

    names = re.search(r"<dt>Also known as</dt><dd>([^<]*)<", page).group(1)
    assert names == "München"
    assert "City Search also finds it by the 4 names the GeoNames gazetteer gives it" in page


def test_the_gazetteer_names_alone_are_counted_as_other_names(client, portland):
    portland.gazetteer_names = "portland\nportlandia\nstumptown"
    portland.save()
    PartnershipFactory(community_a=portland)

    page = page_of(client, portland)

    assert "Also known as" not in page
    assert re.search(r"<dt>Other names</dt><dd><span>City Search also finds it by the 3 ", page)


def test_a_community_with_no_other_name_lists_none(client, portland):
    PartnershipFactory(community_a=portland)

    page = page_of(client, portland)

    assert "Also known as" not in page and "Other names" not in page


def test_the_summary_is_in_the_page_language(client, portland):
    source = SourceFactory()
    PartnershipFactory(community_a=portland, established_year=1990, cited_in=source)
    PartnershipFactory(community_a=portland, cited_in=source)

    page = client.get(f"/es{portland.get_absolute_url()}").content.decode()

    assert "Portland tiene 2 socios." in page
    assert "Se conoce el año de inicio de 1 de estos hermanamientos." in page
    assert "Igual para todos los socios:" in page
