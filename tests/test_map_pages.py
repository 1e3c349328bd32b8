"""Maps on the pages: a community's partners, the home page's countries."""

import re
from decimal import Decimal

from django.test import TestCase
from django.urls import reverse

from directory.maps.topology import atlas
from tests.factories import CommunityFactory, PartnershipFactory, SourceFactory

MIAMI = {"latitude": Decimal("25.7617"), "longitude": Decimal("-80.1918")}
PRAGUE = {"latitude": Decimal("50.0755"), "longitude": Decimal("14.4378")}
BOGOTA = {"latitude": Decimal("4.7110"), "longitude": Decimal("-74.0721")}


def svg(response):
    found = re.findall(r"<svg\b.*?</svg>", response.content.decode(), re.S)
    return found[0] if found else None


class CommunityMapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.source = SourceFactory()
        cls.miami = CommunityFactory(name="Miami", country="US", **MIAMI)
        PartnershipFactory(
            community_a=cls.miami,
            community_b=CommunityFactory(name="Prague", country="CZ", **PRAGUE),
            cited_in=cls.source,
        )
        PartnershipFactory(
            community_a=CommunityFactory(name="Bogotá", country="CO", **BOGOTA),
            community_b=cls.miami,
            cited_in=cls.source,
        )
        PartnershipFactory(
            community_a=cls.miami,
            community_b=CommunityFactory(name="Nowhere Known", country="DE"),
            cited_in=cls.source,
        )

    def test_map_with_title_description_routes_and_markers(self):
        response = self.client.get(self.miami.get_absolute_url())
        drawing = svg(response)
        self.assertIn('role="img"', drawing)
        self.assertIn('aria-labelledby="partner-map-title partner-map-desc"', drawing)
        self.assertIn(
            '<title id="partner-map-title">Map of the partners of Miami</title>', drawing
        )
        self.assertRegex(drawing, r'<desc id="partner-map-desc">[^<]*2 of its partners')
        self.assertIn("table of partners below", drawing)
        arcs = re.search(r'class="map-arcs" d="([^"]+)"', drawing).group(1)
        self.assertEqual(arcs.count("M"), 2)
        dots = re.search(r'class="map-dots" d="([^"]+)"', drawing).group(1)
        self.assertEqual(dots.count("M"), 2)
        self.assertEqual(drawing.count('class="map-home"'), 1)
        self.assertContains(response, "1 partner is not on the map")

    def test_maps_can_be_turned_off(self):
        with self.settings(MAPS=False):
            response = self.client.get(self.miami.get_absolute_url())
        self.assertIsNone(svg(response))
        self.assertContains(response, "Partners of Miami</caption>")

    def test_partner_rows_give_distance_and_direction(self):
        response = self.client.get(self.miami.get_absolute_url())
        self.assertContains(response, "Distance and direction</th>")
        # Miami to Prague: about 8,150 km, to the northeast
        self.assertRegex(response.content.decode(), r"8,1\d\d km \(5,0\d\d mi\) northeast")
        # Miami to Bogotá: about 2,430 km, south-southeast
        self.assertRegex(response.content.decode(), r"2,4\d\d km \(1,5\d\d mi\) south-southeast")
        self.assertContains(response, "Location not recorded")

    def test_without_a_location_the_page_says_so_and_draws_nothing(self):
        unplaced = CommunityFactory(name="Placeless", country="US")
        PartnershipFactory(community_a=unplaced, community_b=CommunityFactory(**PRAGUE))
        response = self.client.get(unplaced.get_absolute_url())
        self.assertIsNone(svg(response))
        self.assertContains(
            response, "We don't have a location for Placeless yet, so there is no map"
        )
        self.assertNotContains(response, "Distance and direction")

    def test_without_any_located_partner_the_page_says_so(self):
        lonely = CommunityFactory(name="Lonely", country="US", **MIAMI)
        PartnershipFactory(community_a=lonely, community_b=CommunityFactory(name="Unknown"))
        response = self.client.get(lonely.get_absolute_url())
        self.assertIsNone(svg(response))
        self.assertContains(response, "any of the partners of Lonely yet, so there is no map")

    def test_no_partners_no_map_and_no_message(self):
        alone = CommunityFactory(name="Alone", country="US", **MIAMI)
        response = self.client.get(alone.get_absolute_url())
        self.assertIsNone(svg(response))
        self.assertNotContains(response, "so there is no map")


class HubMapTests(TestCase):
    def test_a_hub_draws_all_its_routes_in_one_path(self):
        """60 partners on a grid over Europe and Africa: one path of routes with a
        subpath each, one path of markers, one marker for the hub."""
        source = SourceFactory()
        hub = CommunityFactory(name="Hub", country="US", **MIAMI)
        for number in range(60):
            partner = CommunityFactory(
                country="FR",
                latitude=Decimal(-30 + (number // 10) * 12),
                longitude=Decimal(-5 + (number % 10) * 4),
            )
            PartnershipFactory(community_a=hub, community_b=partner, cited_in=source)
        drawing = svg(self.client.get(hub.get_absolute_url()))
        self.assertEqual(drawing.count('class="map-arcs"'), 1)
        arcs = re.search(r'class="map-arcs" d="([^"]+)"', drawing).group(1)
        self.assertEqual(arcs.count("M"), 60)
        self.assertEqual(drawing.count('class="map-dots"'), 1)
        self.assertEqual(drawing.count("<path"), 7)  # land, borders, routes, 2 + 2 markers


class HomeMapTests(TestCase):
    def test_countries_with_partnerships_are_shaded_and_listed(self):
        source = SourceFactory()
        us = CommunityFactory(name="Springfield", country="US")
        for code in ("FR", "FR", "JP"):
            PartnershipFactory(
                community_a=us, community_b=CommunityFactory(country=code), cited_in=source
            )
        response = self.client.get(reverse("directory:home"))
        drawing = svg(response)
        self.assertIn('<title id="home-map-title">Partnerships per country</title>', drawing)
        classes = re.findall(r'<path class="(map-c\d)"', drawing)
        self.assertEqual(len(classes), len(atlas().countries))
        self.assertEqual(sum(1 for c in classes if c != "map-c0"), 3)
        # the text alternative: countries with the most partnerships, most first
        most = re.search(r'<ol class="most">(.*?)</ol>', response.content.decode(), re.S).group(1)
        self.assertRegex(
            most,
            r"(?s)United States of America</a>: 3 partnerships.*France</a>: 2 partnerships"
            r".*Japan</a>: 1 partnership\b",
        )
        self.assertContains(response, "Partnerships per country</p>")

    def test_an_empty_directory_has_no_map(self):
        self.assertIsNone(svg(self.client.get(reverse("directory:home"))))
