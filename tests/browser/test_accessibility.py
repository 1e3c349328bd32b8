"""axe-core in the browser on every kind of public page, wide and phone-sized.

Every rule axe runs by default (WCAG 2.0–2.2 A and AA, and best practices) must
pass. Each page is also saved as a full-page screenshot in var/screenshots/.
"""

import pytest

from .conftest import AXE, SCREENSHOTS, WIDTHS, node_tool_missing, require
from .pages import PUBLIC_PAGES

pytestmark = pytest.mark.django_db(transaction=True)


def describe(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in violations
    )


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_page_has_no_accessibility_violations(browser, site, name):
    require(node_tool_missing(AXE))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for width, viewport in WIDTHS.items():
        context = browser.new_context(viewport=viewport)
        # An init script is added by the browser itself, so the site's
        # Content-Security-Policy does not block it.
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        page.goto(site + PUBLIC_PAGES[name])
        page.screenshot(path=SCREENSHOTS / f"{name}-{viewport['width']}.png", full_page=True)
        results = page.evaluate("async () => await axe.run(document)")
        assert len(results["passes"]) > 20, "axe did not run its checks"
        if results["violations"]:
            found[width] = describe(results["violations"])
        context.close()
    assert not found, "\n".join(f"{name} at {width}:\n{text}" for width, text in found.items())
