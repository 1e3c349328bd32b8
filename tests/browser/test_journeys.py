"""What residents, visitors and curators do, step by step, in a real browser."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from directory.models import Partnership

from .conftest import WIDTHS


def test_resident_finds_sao_paulo_and_a_partner(page, seeded_site):
    page.goto(seeded_site + "/")
    page.get_by_label("Name of a city, county, region or country").fill("sao paulo")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/cities/\?q=sao\+paulo$"))
    page.locator(".results").get_by_role("link", name="São Paulo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("São Paulo")
    partners = page.get_by_role("table", name="Partners of São Paulo")
    partners.get_by_role("link", name="Miami-Dade County", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Miami-Dade County")
    expect(page.get_by_role("table", name="Partners of Miami-Dade County")).to_contain_text(
        "São Paulo"
    )


def test_resident_searches_in_spanish_and_switches_to_english(page, seeded_site):
    page.goto(seeded_site + "/es/")
    page.get_by_label("Nombre de una ciudad, condado, región o país").fill("sao paulo")
    page.get_by_role("button", name="Buscar", exact=True).click()
    expect(page).to_have_url(re.compile(r"/es/cities/\?q=sao\+paulo$"))
    page.locator(".results").get_by_role("link", name="São Paulo").click()
    expect(page).to_have_url(re.compile(r"/es/cities/sao-paulo/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("table", name="Socios de São Paulo")).to_contain_text("Estados Unidos")
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/cities/sao-paulo/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("São Paulo")
    expect(page.get_by_role("table", name="Partners of São Paulo")).to_contain_text(
        "United States"
    )


def test_resident_narrows_a_search_pages_through_and_goes_back(page, seeded_site):
    page.goto(seeded_site + "/cities/")
    page.get_by_label("Status", exact=True).select_option("sister")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("Page 1 of")).to_be_visible()
    first_page = page.locator(".results h3").all_text_contents()

    page.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(r"status=sister.*page=2"))
    expect(page.get_by_text("Page 2 of")).to_be_visible()
    assert page.locator(".results h3").all_text_contents() != first_page

    page.go_back()
    expect(page.get_by_text("Page 1 of")).to_be_visible()
    assert page.locator(".results h3").all_text_contents() == first_page

    page.get_by_label("Country", exact=True).select_option(label="Japan")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"country=JP"))
    expect(page.locator(".result-count")).to_contain_text("your filters")
    summaries = page.locator(".results p").all_text_contents()
    assert summaries and all("Japan" in summary for summary in summaries)


def test_visitor_opens_the_membership_directory_and_an_organization(page, seeded_site):
    page.goto(seeded_site + "/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Membership Directory"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Membership Directory")
    page.get_by_role("link", name="Miami-Dade County Sister Cities Program").click()
    expect(page.get_by_role("heading", name="Details and contacts")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Gerard Philippeaux")


def test_on_a_phone_the_results_come_first_and_the_filters_fold_away(browser, seeded_site):
    context = browser.new_context(viewport=WIDTHS["phone"])
    page = context.new_page()
    page.goto(seeded_site + "/cities/?q=san")
    first = page.locator(".results h3").first.bounding_box()
    assert first["y"] + first["height"] <= WIDTHS["phone"]["height"], first
    country = page.get_by_label("Country", exact=True)
    expect(country).to_be_visible()
    page.get_by_text("Narrow the results").click()
    expect(country).to_be_hidden()
    context.close()


@pytest.mark.parametrize(("link", "heading"), [("FAQ", "Questions"), ("History", "History")])
def test_faq_and_history_open_from_the_navigation(page, seeded_site, link, heading):
    page.goto(seeded_site + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name=link)
    ).to_have_attribute("aria-current", "page")


def pick_in_autocomplete(page, field, typed, choice):
    """Choose ``choice`` in the admin's autocomplete for ``field`` by typing ``typed``."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=choice).click()
    expect(page.locator(f"#id_{field}")).to_have_value(re.compile(r"\d+"))


def sign_in_as_curator(page, site):
    get_user_model().objects.create_superuser("curator", "curator@example.org", "x-Tr4ck-9f2")
    page.goto(site + reverse("admin:login"))
    page.get_by_label("Username").fill("curator")
    page.get_by_label("Password").fill("x-Tr4ck-9f2")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Site administration")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_curator_adds_a_partnership_with_the_autocomplete(page, site):
    sign_in_as_curator(page, site)
    page.goto(site + reverse("admin:directory_partnership_add"))
    pick_in_autocomplete(page, "community_a", "okaya", "Okayama")
    pick_in_autocomplete(page, "community_b", "belf", "Belfast")
    page.locator("#id_citations-0-source").select_option(index=1)
    page.locator("#id_established_year").fill("2024")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto(site + "/cities/okayama/")
    partners = page.get_by_role("table", name="Partners of Okayama")
    row = partners.get_by_role("row", name=re.compile("Belfast"))
    expect(row).to_contain_text("2024")


@pytest.mark.django_db(transaction=True)
def test_admin_pages_break_no_rule_of_the_content_security_policy(page, site):
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append((page.url, message.text))
            if "Content Security Policy" in message.text
            else None
        ),
    )
    sign_in_as_curator(page, site)
    partnership = Partnership.objects.first().pk
    for name, args in [
        ("index", []),
        ("directory_partnership_changelist", []),
        ("directory_partnership_add", []),
        ("directory_partnership_change", [partnership]),
        ("directory_partnership_history", [partnership]),
        ("directory_partnership_import", []),
        ("axes_accessattempt_changelist", []),
    ]:
        response = page.goto(site + reverse(f"admin:{name}", args=args))
        assert response.status == 200, name
        page.wait_for_load_state("networkidle")
    assert not blocked, blocked
