"""The site with a keyboard alone: skip link, search, results, with focus always visible."""

import re

import pytest
from playwright.sync_api import expect

FOCUS_IS_VISIBLE = """() => {
    const style = getComputedStyle(document.activeElement);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== "none";
}"""


def tab(page):
    """Press Tab; return what has focus now, having checked that it shows."""
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.tagName, document.activeElement.id,"
        " document.activeElement.className, document.activeElement.textContent.slice(0, 40)]"
    )
    if focused[0] != "BODY":  # past the last control, focus leaves the page
        assert page.evaluate(FOCUS_IS_VISIBLE), f"no visible focus on {focused}"
    return focused


def test_search_and_open_a_result_with_the_keyboard_alone(page, seeded_site):
    page.goto(seeded_site + "/")
    assert tab(page)[2] == "skip-link"
    page.keyboard.press("Enter")
    assert tab(page)[1] == "home-q"

    page.keyboard.type("sao paulo")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/cities/\?q=sao\+paulo$"))

    for _ in range(40):
        if page.evaluate("() => document.activeElement.closest('.results') !== null"):
            break
        tab(page)
    else:
        pytest.fail("Tab never reached the first result")
    assert page.evaluate("() => document.activeElement.textContent") == "São Paulo"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("São Paulo")


def test_every_control_on_the_search_page_shows_its_focus(page, seeded_site):
    page.goto(seeded_site + "/cities/?q=san")
    seen = []
    while len(seen) < 100:
        focused = tab(page)
        if focused[0] == "BODY":
            break
        seen.append(focused)
    # Skip link, 7 header links, the search, 9 filter controls, 6 results, 3 footer links.
    assert len(seen) >= 27, seen
