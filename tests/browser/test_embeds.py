"""A community's embed page, framed by a page of another origin in a real browser, and
an ordinary page refused in the same frame."""

import http.server
import json
import threading
from urllib.parse import urlencode

import pytest

from tests import live

IFRAMES = """<!doctype html><html lang="en"><title>A city's own site</title>
<iframe id="embed" title="embed" src="{site}/cities/miami-dade-county/embed/?theme=dark"></iframe>
<iframe id="page" title="page" src="{site}/cities/miami-dade-county/"></iframe>"""


@pytest.fixture
def other_origin(seeded_site):
    """A second web server, on a port of its own (another origin), whose one page frames
    the site's embed page and the same community's ordinary page."""
    body = IFRAMES.format(site=seeded_site).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_another_site_frames_the_embed_page_but_not_the_community_page(page, other_origin):
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto(other_origin)
    embed = page.frame_locator("#embed")
    embed.get_by_role("heading", name="Partners of Miami-Dade County").wait_for()
    assert embed.locator("html.dark").count() == 1
    assert embed.get_by_role("link", name="Barcelona").count() == 1

    page.wait_for_load_state("load")
    framed = page.frame_locator("#page")
    assert framed.get_by_role("heading", name="Miami-Dade County").count() == 0
    assert any("frame-ancestors" in text for text in refused), refused


@pytest.mark.parametrize("language", ["", "/es"])
def test_the_frame_is_as_tall_as_a_short_list_of_partners(browser, seeded_site, language):
    """Veracruz has two partners: the height the embed code gives its frame holds the
    whole list at the frame's width, with no scrolling inside it."""
    page_url = f"{seeded_site}{language}/cities/veracruz/"
    answer = live.Browser(seeded_site).get(f"/oembed?{urlencode({'url': page_url})}")
    assert answer.status == 200, answer.text
    frame = json.loads(answer.text)
    context = browser.new_context(viewport={"width": frame["width"], "height": 50})
    page = context.new_page()
    page.goto(f"{seeded_site}{language}/cities/veracruz/embed/")
    needed = page.evaluate("document.documentElement.scrollHeight")
    context.close()
    assert 100 < needed <= frame["height"], (needed, frame)
