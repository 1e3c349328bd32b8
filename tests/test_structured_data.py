"""schema.org JSON-LD on each kind of page that has it (directory/structured_data.py):
parsed from the page, with the properties each type needs."""

import json
import re

from django.test import TestCase

from directory.models import Question
from directory.opendata.licences import WIKIPEDIA_LICENCE_URL, WIKIPEDIA_SOURCE
from tests.factories import (
    CommunityFactory,
    OrganizationFactory,
    PartnershipFactory,
    SourceFactory,
)

BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


class StructuredDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        source = SourceFactory(slug=WIKIPEDIA_SOURCE, name="Wikipedia's twin-town lists")
        cls.lyon = CommunityFactory(
            name="Lyon",
            slug="lyon",
            country="FR",
            kind="city",
            latitude=45.76,
            longitude=4.84,
            geonames_id=2996944,
        )
        cls.rhone = CommunityFactory(name="Rhône <Département>", slug="rhone", kind="department")
        PartnershipFactory(community_a=cls.lyon, community_b=cls.rhone, cited_in=source)
        PartnershipFactory(
            community_a=cls.lyon,
            community_b=CommunityFactory(name="Montréal", country="CA", kind="city"),
            cited_in=source,
        )
        cls.organization = OrganizationFactory(
            name="Lyon Twinning",
            home_community=cls.lyon,
            email="twin@lyon.example",
            phone="+33 4 00 00 00 00",
            contact_name="",
        )
        Question.objects.create(
            question="What is a sister city?",
            answer="A partnership of two <em>communities</em>.\n\nIt lasts & grows.",
            published=True,
        )

    def graph(self, address):
        """The page's one JSON-LD block, parsed, as {type: node}."""
        blocks = BLOCK.findall(self.client.get(address).text)
        self.assertEqual(len(blocks), 1, address)
        data = json.loads(blocks[0])
        self.assertEqual(data["@context"], "https://schema.org")
        return {node["@type"]: node for node in data["@graph"]}

    def test_a_community_is_a_place_with_its_partners_and_breadcrumbs(self):
        nodes = self.graph("/cities/lyon/")
        city = nodes["City"]
        self.assertEqual(city["name"], "Lyon")
        self.assertEqual(
            city["geo"], {"@type": "GeoCoordinates", "latitude": 45.76, "longitude": 4.84}
        )
        self.assertEqual(city["sameAs"], "https://www.geonames.org/2996944/")
        self.assertEqual(city["containedInPlace"], {"@type": "Country", "name": "France"})
        partners = nodes["ItemList"]
        self.assertEqual(partners["numberOfItems"], 2)
        items = [element["item"] for element in partners["itemListElement"]]
        self.assertEqual(
            [(item["@type"], item["name"]) for item in items],
            [("City", "Montréal"), ("AdministrativeArea", "Rhône <Département>")],
        )
        self.assertEqual([e["position"] for e in partners["itemListElement"]], [1, 2])
        self.assertTrue(all(item["url"].startswith("http://testserver/cities/") for item in items))
        trail = nodes["BreadcrumbList"]["itemListElement"]
        self.assertEqual([crumb["name"] for crumb in trail], ["City Search", "Lyon"])
        self.assertEqual(trail[-1]["item"], "http://testserver/cities/lyon/")

    def test_markup_in_a_name_cannot_end_the_block(self):
        page = self.client.get("/cities/rhone/").text
        self.assertNotIn("<Département>", BLOCK.search(page)[1])
        self.assertEqual(
            self.graph("/cities/rhone/")["AdministrativeArea"]["name"], "Rhône <Département>"
        )
        self.assertNotIn("geo", self.graph("/cities/rhone/")["AdministrativeArea"])  # not known

    def test_an_organization_has_its_contact_point_where_known(self):
        nodes = self.graph(self.organization.get_absolute_url())
        organization = nodes["Organization"]
        self.assertEqual(organization["name"], "Lyon Twinning")
        self.assertEqual(
            organization["contactPoint"],
            {
                "@type": "ContactPoint",
                "contactType": "general",
                "telephone": "+33 4 00 00 00 00",
                "email": "twin@lyon.example",
            },
        )
        self.assertEqual(organization["location"]["name"], "Lyon")
        self.assertEqual(
            [crumb["name"] for crumb in nodes["BreadcrumbList"]["itemListElement"]],
            ["Membership Directory", "Lyon Twinning"],
        )

    def test_the_faq_is_a_faq_page_with_plain_text_answers(self):
        question = self.graph("/faq/")["FAQPage"]["mainEntity"][0]
        self.assertEqual(question["@type"], "Question")
        self.assertEqual(question["name"], "What is a sister city?")
        self.assertEqual(
            question["acceptedAnswer"],
            {"@type": "Answer", "text": "A partnership of two communities. It lasts & grows."},
        )

    def test_the_data_page_is_a_dataset_with_each_download_and_its_licence(self):
        dataset = self.graph("/data/")["Dataset"]
        self.assertEqual(dataset["license"], WIKIPEDIA_LICENCE_URL)
        self.assertEqual(
            [(d["encodingFormat"], d["contentUrl"]) for d in dataset["distribution"]],
            [
                ("text/csv; charset=utf-8", "http://testserver/data/partnerships.csv"),
                ("application/json", "http://testserver/data/partnerships.json"),
            ],
        )
        for key in ("name", "description", "url", "creditText"):
            self.assertTrue(dataset[key], key)

    def test_a_country_page_has_its_breadcrumbs(self):
        trail = self.graph("/countries/fr/")["BreadcrumbList"]["itemListElement"]
        self.assertEqual([crumb["name"] for crumb in trail], ["Countries", "France"])
