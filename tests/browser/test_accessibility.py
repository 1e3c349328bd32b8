"""axe-core in the browser on every kind of public page.

Every rule axe runs by default (WCAG 2.0–2.2 A and AA, and best practices) must
pass. English pages are checked wide and phone-sized; Spanish ones, drawn by the same
templates, phone-sized, where their longer words are likeliest to break the layout.
With SCREENSHOTS=1 each page checked is also saved as a full-page screenshot in
var/screenshots/.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from .conftest import AXE, SCREENSHOTS, WIDTHS, node_tool_missing, require
from .pages import PUBLIC_PAGES, in_both_languages

PHONE = {"phone": WIDTHS["phone"]}


def describe(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in violations
    )


def audit(browser, name, show, widths=WIDTHS):
    """axe's violations for the page ``show(page)`` opens, at each width, as text."""
    require(node_tool_missing(AXE))
    found = {}
    for width, viewport in widths.items():
        context = browser.new_context(viewport=viewport)
        # An init script is added by the browser itself, so the site's
        # Content-Security-Policy does not block it.
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        show(page)
        if SCREENSHOTS:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"{name}-{viewport['width']}.png", full_page=True)
        results = page.evaluate("async () => await axe.run(document)")
        assert len(results["passes"]) > 20, "axe did not run its checks"
        if results["violations"]:
            found[width] = describe(results["violations"])
        context.close()
    return "\n".join(f"{name} at {width}:\n{text}" for width, text in found.items())


def checked_pages():
    for name in PUBLIC_PAGES:
        for shown, url in in_both_languages(name):
            yield pytest.param(shown, url, WIDTHS if shown == name else PHONE, id=shown)


@pytest.mark.parametrize(("name", "url", "widths"), list(checked_pages()))
def test_page_has_no_accessibility_violations(browser, seeded_site, name, url, widths):
    violations = audit(browser, name, lambda page: page.goto(seeded_site + url), widths)
    assert not violations, violations


@pytest.mark.django_db(transaction=True)
def test_lockout_page_has_no_accessibility_violations(browser, site):
    def fail_to_sign_in(page):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            page.goto(site + reverse("admin:login"))
            page.fill("#id_username", f"nobody-{page.viewport_size['width']}")
            page.fill("#id_password", "wrong")
            page.click("input[type=submit]")
        assert page.get_by_role("heading", name="Sign-in is paused for this account").count()

    violations = audit(browser, "lockout", fail_to_sign_in)
    assert not violations, violations


@pytest.mark.django_db(transaction=True)
def test_community_with_three_partners_on_its_map(browser, site):
    """A small community's map, beside the hub's (the "community" page): Ashford, Kent,
    and its three partner towns, with their locations."""
    from tests.factories import CommunityFactory, PartnershipFactory, SourceFactory

    source = SourceFactory()
    ashford = CommunityFactory(name="Ashford", country="GB", latitude=51.1465, longitude=0.8750)
    for name, country, latitude, longitude in [
        ("Bad Münstereifel", "DE", 50.5534, 6.7638),
        ("Fougères", "FR", 48.3524, -1.1986),
        ("Hopewell", "US", 37.3043, -77.2872),
    ]:
        partner = CommunityFactory(
            name=name, country=country, latitude=latitude, longitude=longitude
        )
        PartnershipFactory(community_a=ashford, community_b=partner, cited_in=source)
    violations = audit(
        browser, "community-3-partners", lambda page: page.goto(site + ashford.get_absolute_url())
    )
    assert not violations, violations


@pytest.mark.django_db(transaction=True)
def test_community_whose_partner_has_a_status_history_and_a_verification(browser, site):
    """The partner table's "Checked" column and a status history in its <details>, open."""
    import datetime

    from tests.factories import PartnershipFactory, StatusChangeFactory

    partnership = PartnershipFactory(
        community_a__name="Historyville", verified_on=datetime.date(2026, 3, 2)
    )
    StatusChangeFactory(partnership=partnership, status="friendship", year=1998)
    StatusChangeFactory(partnership=partnership, status="sister", year=2017)
    StatusChangeFactory(
        partnership=partnership, status="suspended", year=2022, reason="Exchanges paused."
    )

    def visit(page):
        page.goto(site + partnership.community_a.get_absolute_url())
        page.click("summary")

    violations = audit(browser, "community-status-history", visit)
    assert not violations, violations
