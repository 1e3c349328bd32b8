"""Atom feeds of partnerships added or changed (directory/feeds.py): the whole directory,
a country and a community, parsed as XML, after an import and after a curator's edits."""

import re
import xml.etree.ElementTree as ElementTree

from django.test import TestCase

from directory.importing import plan as planning
from directory.importing.reading import read
from directory.models import Partnership
from tests.factories import CommunityFactory, SourceFactory

ATOM = "{http://www.w3.org/2005/Atom}"
FILE = b"""community,community_country,partner,partner_country
Lyon,FR,Montreal,CA
Lyon,FR,Beersheba,IL
Kyoto,JP,Boston,US
"""


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.source = SourceFactory(name="A city's own list", licence="CC BY 4.0")
        CommunityFactory(name="Lyon", slug="lyon", country="FR")
        planning.apply(planning.plan(*read(FILE), cls.source))

    def entries(self, address):
        """(title, summary) of each entry of the feed at ``address``, newest first, after
        checking the parts that Atom requires of the feed and of each entry."""
        response = self.client.get(address)
        self.assertEqual(response.status_code, 200, address)
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        feed = ElementTree.fromstring(response.content)
        self.assertEqual(feed.tag, f"{ATOM}feed")
        for part in ("id", "title", "updated"):
            self.assertTrue(feed.findtext(f"{ATOM}{part}"), part)
        self.assertTrue(feed.find(f"{ATOM}link[@rel='self']").get("href").endswith(address))
        found = []
        for entry in feed.iter(f"{ATOM}entry"):
            for part in ("id", "title", "updated", "summary"):
                self.assertTrue(entry.findtext(f"{ATOM}{part}"), part)
            self.assertTrue(entry.find(f"{ATOM}link").get("href").startswith("http://testserver/"))
            found.append((entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}summary")))
        self.assertEqual(
            len({e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")}), len(found)
        )
        return found

    def test_the_directory_feed_has_an_entry_for_each_partnership_imported(self):
        entries = self.entries("/feed/")
        self.assertEqual(
            sorted(title for title, _ in entries),
            [
                "Kyoto and Boston: partnership added",
                "Lyon and Beersheba: partnership added",
                "Lyon and Montreal: partnership added",
            ],
        )
        for _title, summary in entries:
            self.assertIn("was added to the directory", summary)
            self.assertIn("Sources: A city&#x27;s own list", summary)

    def test_a_country_feed_and_a_community_feed_hold_only_their_partnerships(self):
        titles = {
            address: sorted(title.split(":")[0] for title, _ in self.entries(address))
            for address in ["/countries/fr/feed/", "/countries/us/feed/", "/cities/lyon/feed/"]
        }
        self.assertEqual(
            titles,
            {
                "/countries/fr/feed/": ["Lyon and Beersheba", "Lyon and Montreal"],
                "/countries/us/feed/": ["Kyoto and Boston"],
                "/cities/lyon/feed/": ["Lyon and Beersheba", "Lyon and Montreal"],
            },
        )

    def test_a_change_says_what_changed_and_a_private_detail_stays_private(self):
        partnership = Partnership.objects.get(community_b__name="Montreal")
        partnership.status, partnership.established_year = "sister", 1979
        partnership.save()
        partnership.notes = "Called the mayor's office on Tuesday."
        partnership.save()
        (newest, newest_summary), (changed, summary), *_ = self.entries("/cities/lyon/feed/")
        self.assertEqual(changed, "Lyon and Montreal: partnership changed")
        self.assertIn("status: Status not stated by its source, now Sister city", summary)
        self.assertIn("year it began: not recorded, now 1979", summary)
        self.assertIn("A detail the directory does not publish was changed.", newest_summary)
        self.assertNotIn("mayor", newest_summary)

    def test_a_removed_partnership_is_reported(self):
        Partnership.objects.get(community_b__name="Beersheba").delete()
        title, summary = self.entries("/countries/il/feed/")[0]
        self.assertEqual(title, "Lyon and Beersheba: partnership removed")
        self.assertIn("No source records it now.", summary)

    def test_the_spanish_feed_is_in_spanish(self):
        title, summary = self.entries("/es/cities/lyon/feed/")[0]
        self.assertIn("hermanamiento añadido", title)
        response = self.client.get("/es/cities/lyon/feed/")
        self.assertIn(b'xml:lang="es"', response.content)

    def test_unknown_countries_and_communities_have_no_feed(self):
        for address in ["/countries/zz/feed/", "/countries/FR/feed/", "/cities/atlantis/feed/"]:
            self.assertEqual(self.client.get(address).status_code, 404, address)

    def test_pages_name_their_feed_in_the_head_and_link_to_it(self):
        for page, feed in [
            ("/", "/feed/"),
            ("/countries/fr/", "/countries/fr/feed/"),
            ("/cities/lyon/", "/cities/lyon/feed/"),
            ("/es/cities/lyon/", "/es/cities/lyon/feed/"),
        ]:
            html = self.client.get(page).text
            announced = re.findall(
                r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)"',
                html,
            )
            self.assertEqual(announced, [feed], page)
            self.assertIn(f'<a href="{feed}" type="application/atom+xml">', html)
