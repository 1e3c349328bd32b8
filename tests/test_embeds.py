"""Embeds (directory/embeds.py): a community's partners for other sites to frame, the
oEmbed answer that hands out the frame, and the embed code on the community's page."""

import json
import re
from html import unescape
from urllib.parse import urlsplit

from django.test import TestCase

from directory.models import CommunityRedirect
from tests.factories import CommunityFactory, PartnershipFactory, SourceFactory

HUB = "/cities/lyon/"
EMBED = "/cities/lyon/embed/"


def frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if "frame-ancestors" in part)


class EmbedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        source = SourceFactory(name="Lyon's own list")
        cls.lyon = CommunityFactory(name="Lyon", slug="lyon", country="FR")
        for name, country, year in [("Montréal", "CA", 1979), ("Beersheba", "IL", None)]:
            PartnershipFactory(
                community_a=cls.lyon,
                community_b=CommunityFactory(name=name, country=country),
                established_year=year,
                cited_in=source,
            )

    def test_the_embed_lists_each_partner_with_its_facts_and_sources(self):
        response = self.client.get(EMBED)
        self.assertContains(response, "<h1>", count=1)
        self.assertContains(response, "Partners of Lyon")
        for text in ["Montréal", "Canada", "1979", "Beersheba", "Israel", "Year not recorded"]:
            self.assertContains(response, text)
        self.assertContains(response, "Lyon&#39;s own list", count=3)  # twice cited, once credited
        self.assertContains(response, 'href="http://testserver/cities/lyon/"')
        self.assertNotContains(response, "<script")
        self.assertNotContains(response, "<form")
        self.assertFalse(response.cookies)

    def test_the_embed_has_a_light_look_unless_asked_for_the_dark_one(self):
        looks = {
            "": "light",
            "?theme=dark": "dark",
            "?theme=light": "light",
            "?theme=%3Cb%3E": "light",
            "?theme=dark&theme=": "light",
        }
        for query, look in looks.items():
            page = self.client.get(EMBED + query).text
            self.assertIn(f'<html lang="en" class="{look}">', page, query)

    def test_the_spanish_embed_is_in_spanish_and_links_to_spanish_pages(self):
        response = self.client.get("/es" + EMBED)
        self.assertContains(response, '<html lang="es"')
        self.assertContains(response, "Socios de Lyon")
        self.assertContains(response, 'href="http://testserver/es/cities/lyon/"')

    def test_only_embed_pages_may_be_framed_by_other_sites_however_they_are_answered(self):
        with self.settings(PAGE_CACHE_SECONDS=300):  # off for tests (conftest.py)
            fresh = self.client.get(EMBED)
            cached = self.client.get(EMBED)
            not_modified = self.client.get(EMBED, HTTP_IF_NONE_MATCH=fresh["ETag"])
        self.assertEqual(
            [(r.status_code, r.get("X-Cache")) for r in (fresh, cached, not_modified)],
            [(200, "miss"), (200, "hit"), (304, None)],
        )
        for response in (fresh, cached, not_modified):
            self.assertEqual(frame_ancestors(response), "frame-ancestors *")
            self.assertNotIn("X-Frame-Options", response)
        for page in (HUB, HUB, "/", "/cities/?q=lyon"):
            response = self.client.get(page)
            self.assertEqual(frame_ancestors(response), "frame-ancestors 'none'")
            self.assertEqual(response["X-Frame-Options"], "DENY")

    def test_a_merged_communitys_embed_moves_with_it_and_an_unknown_one_is_not_found(self):
        CommunityRedirect.objects.create(old_slug="lugdunum", community=self.lyon)
        self.assertRedirects(
            self.client.get("/cities/lugdunum/embed/?theme=dark"),
            EMBED + "?theme=dark",
            status_code=301,
        )
        self.assertEqual(self.client.get("/cities/atlantis/embed/").status_code, 404)

    def test_the_community_page_offers_the_embed_code_and_points_to_its_oembed(self):
        page = self.client.get(HUB)
        self.assertContains(page, "Put this list on your site")
        snippet = unescape(re.search(r'<pre class="snippet"><code>(.*?)</code>', page.text)[1])
        self.assertIn('src="http://testserver/cities/lyon/embed/"', snippet)
        self.assertIn('title="Partners of Lyon"', snippet)
        discovery = re.search(
            r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', page.text
        )
        address = urlsplit(unescape(discovery[1]))
        answer = self.client.get(f"{address.path}?{address.query}").json()
        self.assertEqual(answer["html"], snippet)


class OEmbedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        lyon = CommunityFactory(name="Lyon", slug="lyon", country="FR")
        PartnershipFactory(community_a=lyon, cited_in=SourceFactory())
        lyon.refresh_from_db()
        cls.lyon = lyon

    def oembed(self, **params):
        return self.client.get("/oembed", params)

    def test_a_community_page_gets_a_rich_answer_with_its_frame(self):
        response = self.oembed(url="http://testserver/cities/lyon/", format="json")
        self.assertEqual(response["Content-Type"], "application/json")
        answer = json.loads(response.content)
        self.assertEqual(
            {key: answer[key] for key in ("version", "type", "title", "provider_name")},
            {
                "version": "1.0",
                "type": "rich",
                "title": "Partners of Lyon",
                "provider_name": "Sister Cities Directory",
            },
        )
        self.assertEqual(answer["provider_url"], "http://testserver/")
        self.assertIsInstance(answer["width"], int)
        self.assertIsInstance(answer["height"], int)
        self.assertIn('src="http://testserver/cities/lyon/embed/"', answer["html"])
        self.assertIn(f'width="{answer["width"]}" height="{answer["height"]}"', answer["html"])

    def test_the_spanish_page_gets_the_spanish_frame(self):
        answer = self.oembed(url="http://testserver/es/cities/lyon/").json()
        self.assertEqual(answer["title"], "Socios de Lyon")
        self.assertIn('src="http://testserver/es/cities/lyon/embed/"', answer["html"])

    def test_the_frame_keeps_within_the_consumers_maximum_size(self):
        natural = self.oembed(url="http://testserver/cities/lyon/").json()
        small = self.oembed(url="http://testserver/cities/lyon/", maxwidth=200, maxheight=90)
        self.assertEqual((small.json()["width"], small.json()["height"]), (200, 90))
        self.assertIn('width="200" height="90"', small.json()["html"])
        for junk in ["wide", "", "-5", "9" * 40]:
            answer = self.oembed(url="http://testserver/cities/lyon/", maxwidth=junk).json()
            self.assertIn(answer["width"], (natural["width"], 1), junk)

    def test_addresses_that_are_not_a_community_page_here_are_not_found(self):
        for address in [
            "",
            "http://elsewhere.example/cities/lyon/",
            "ftp://testserver/cities/lyon/",
            "http://testserver/countries/fr/",
            "http://testserver/cities/atlantis/",
            "http://testserver/cities/lyon/embed/",
            "not a url \x00 at all",
        ]:
            response = self.oembed(url=address)
            self.assertEqual(response.status_code, 404, address)
            self.assertIn("error", response.json())

    def test_other_formats_are_not_implemented_and_writes_not_allowed(self):
        response = self.oembed(url="http://testserver/cities/lyon/", format="xml")
        self.assertEqual(response.status_code, 501)
        self.assertEqual(self.client.post("/oembed", {"url": "x"}).status_code, 405)
