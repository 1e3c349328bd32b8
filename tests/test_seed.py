"""The seed data holds exactly what the published lists say."""

import datetime
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.test import TestCase

from directory.models import Citation, Community, Organization, Partnership, Question, Source

# Miami-Dade County's list as published: (entry, year established).
MIAMI_DADE_LIST = [
    ("Asti Province, Italy", 1985),
    ("Asuncion, Paraguay", 1994),
    ("Cape Town, South Africa", 2013),
    ("Cabildo of Tenerife, Canary Islands, Spain", 1992),
    ("Casablanca-Settat Region, Morocco", 2025),
    ("Commonwealth of the Bahamas", 1996),
    ("County Cork, Ireland", 2017),
    ("Curitiba, Brazil", 2022),
    ("Dakar, Senegal", 2009),
    ("Departamento de Santa Cruz de la Sierra, Bolivia", 1994),
    ("Federation of St. Kitts & Nevis Islands", 2004),
    ("Georgetown, Guyana", 2025),
    ("Iquique, Chile", 1996),
    ("Kingston, Jamaica", 1981),
    ("Maldonado, Uruguay", 1993),
    ("Mancomunidad Gran Cuidad del Sur del Departamento de Guatemala, Guatemala", 2022),
    ("Metropolis of Aix-Marseille-Provence, France", 2017),
    ("New Taipei City, Taiwan", 1989),
    ("Paramaribo, Suriname", 2024),
    ("Pereira, Colombia", 2002),
    ("Petit Goave, Haiti", 1995),
    ("Prague, Czech Republic", 2010),
    ("Province of Mendoza, Argentina", 2001),
    ("San Jose, Costa Rica", 1988),
    ("San Pedro de Macoris, Dominican Republic", 2022),
    ("Santo Domingo Distrito Nacional, Dominican Republic", 1975),
    ("Sao Paulo, Brazil", 1988),
    ("State of Monagas, Venezuela", 1996),
    ("Stockholm County, Sweden", 1995),
    ("Veracruz, Mexico", 1990),
    ("Viareggio, Italy", 2021),
    ("Cayman Islands, UK", 1981),
    ("City of Grand Turk, Turks & Caico Islands", 2005),
    ("Lamentin, Guadaloupe", 1995),
    ("Pucallpa, Peru", 1996),
    ("Barcelona, Spain", 2014),
    ("City of Madrid, Spain", 2015),
    ("Community of Madrid, Spain", 2022),
    ("Doha, Qatar", None),
    ("Southampton, UK", 2019),
    ("Tel Aviv-Yafo, Israel", 2017),
]

# San José's list as published.
SAN_JOSE_LIST = [
    ("Okayama, Japan", 1957),
    ("San José, Costa Rica", 1961),
    ("Veracruz, Mexico", 1975),
    ("Tainan, Taiwan", 1977),
    ("Dublin, Ireland", 1986),
    ("Pune, India", 1992),
    ("Ekaterinburg, Russia", 1992),
    ("Guadalajara", 2014),
]

# The published spelling, with the country it gives, and the community it names.
CANONICAL = {
    "Asuncion": ("Asunción", "PY"),
    "Petit Goave": ("Petit-Goâve", "HT"),
    "Sao Paulo": ("São Paulo", "BR"),
    "San Pedro de Macoris": ("San Pedro de Macorís", "DO"),
    "Mancomunidad Gran Cuidad del Sur del Departamento de Guatemala": (
        "Mancomunidad Gran Ciudad del Sur",
        "GT",
    ),
    "Cayman Islands": ("Cayman Islands", "KY"),
    "Lamentin": ("Lamentin", "GP"),
    "City of Grand Turk": ("Grand Turk", "TC"),
    "Commonwealth of the Bahamas": ("The Bahamas", "BS"),
    "Federation of St. Kitts & Nevis Islands": ("Saint Kitts and Nevis", "KN"),
    "Ekaterinburg": ("Yekaterinburg", "RU"),
    "Guadalajara": ("Guadalajara", "MX"),
}


def published_name(entry):
    return entry.split(",")[0].strip()


class SeedDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())
        cls.miami = Community.objects.get(slug="miami-dade-county")
        cls.san_jose = Community.objects.get(slug="san-jose-california")

    def partnerships_of(self, home, source_slug):
        return Partnership.objects.involving(home).filter(citations__source__slug=source_slug)

    def find(self, home, source_slug, entry):
        """The partnership of ``home`` that the source cites with its partner printed as
        in ``entry``; the published spelling is also one of the partner's names."""
        name = published_name(entry)
        citations = Citation.objects.filter(
            partnership__in=self.partnerships_of(home, source_slug), published_b=name
        ).select_related("partnership__community_a", "partnership__community_b")
        self.assertEqual(len(citations), 1, f"{entry!r} should match one partnership")
        partner = citations[0].partnership.partner_of(home)
        self.assertIn(name, (partner.name, *partner.alternate_name_list))
        return citations[0].partnership

    def test_counts_per_list(self):
        self.assertEqual(self.partnerships_of(self.miami, "miami-dade-county-list").count(), 41)
        self.assertEqual(self.partnerships_of(self.san_jose, "san-jose-list").count(), 8)
        self.assertEqual(Partnership.objects.count(), 41 + 8 + 6)

    def test_every_miami_dade_entry_and_year(self):
        for entry, year in MIAMI_DADE_LIST:
            with self.subTest(entry=entry):
                partnership = self.find(self.miami, "miami-dade-county-list", entry)
                self.assertEqual(partnership.established_year, year)

    def test_every_san_jose_entry_and_year(self):
        for entry, year in SAN_JOSE_LIST:
            with self.subTest(entry=entry):
                partnership = self.find(self.san_jose, "san-jose-list", entry)
                self.assertEqual(partnership.established_year, year)

    def test_canonical_names_and_countries(self):
        for published, (name, country) in CANONICAL.items():
            with self.subTest(published=published):
                community = Community.objects.get(name=name, country=country)
                if published != name:
                    self.assertIn(published, community.alternate_name_list)

    def test_communities_on_both_lists_are_one_community(self):
        for slug in ("san-jose-costa-rica", "veracruz"):
            with self.subTest(slug=slug):
                community = Community.objects.get(slug=slug)
                sources = Partnership.objects.involving(community).values_list(
                    "citations__source__slug", flat=True
                )
                self.assertCountEqual(sources, ["miami-dade-county-list", "san-jose-list"])
        self.assertEqual(Community.objects.filter(name="San José", country="CR").count(), 1)

    def test_only_doha_has_no_year(self):
        undated = Partnership.objects.filter(
            established_year__isnull=True,
            citations__source__slug__in=["miami-dade-county-list", "san-jose-list"],
        )
        self.assertEqual([p.community_b.name for p in undated], ["Doha"])

    def test_only_okayama_has_an_exact_date(self):
        dated = Partnership.objects.filter(established_on__isnull=False)
        self.assertEqual(len(dated), 1)
        self.assertEqual(dated[0].community_b.name, "Okayama")
        self.assertEqual(dated[0].established_on, datetime.date(1957, 5, 26))

    def test_home_communities_and_their_states(self):
        self.assertEqual((self.miami.kind, self.miami.region), ("county", "Florida"))
        self.assertEqual((self.san_jose.country.code, self.san_jose.region), ("US", "California"))

    def test_business_and_trade_examples(self):
        pairs = {
            (p.community_a.name, p.community_b.name)
            for p in Partnership.objects.filter(citations__source__slug="sci-business-and-trade")
        }
        self.assertEqual(
            pairs,
            {
                ("Washington, D.C.", "Beijing"),
                ("San Antonio", "Monterrey"),
                ("Boston", "Belfast"),
                ("Minneapolis", "Harbin"),
                ("Nashville", "Tamworth"),
                ("Chicago", "Mexico City"),
            },
        )

    def test_programs_and_institutional_partners(self):
        miami_program = Organization.objects.get(slug="miami-dade-county-sister-cities-program")
        self.assertIn("International Trade Consortium", miami_program.run_by)
        self.assertEqual(miami_program.contact_name, "Gerard Philippeaux")
        self.assertIn("Miami, FL 33128", miami_program.postal_address)
        self.assertEqual(miami_program.partnerships.count(), 41)
        san_jose_program = Organization.objects.get(slug="san-jose-sister-city-program")
        self.assertEqual(san_jose_program.partnerships.count(), 8)
        partners = Organization.objects.filter(kind=Organization.Kind.INTERNATIONAL_PARTNER)
        self.assertEqual(partners.count(), 7)
        # No source says where WCSDA is based.
        wcsda = partners.get(slug="world-cities-scientific-development-alliance")
        self.assertIsNone(wcsda.home_community)

    def test_every_record_is_valid(self):
        for model in (Source, Community, Partnership, Organization):
            for record in model.objects.all():
                with self.subTest(record=str(record)):
                    record.full_clean()

    def test_every_partnership_records_its_source(self):
        self.assertFalse(Partnership.objects.filter(citations__isnull=True).exists())
        # The five pages the seed comes from, and the Wikipedia list make run imports.
        self.assertEqual(Source.objects.count(), 6)
        self.assertEqual(
            list(Source.objects.filter(checked=False).values_list("slug", flat=True)),
            ["wikipedia-twin-towns"],
        )

    def test_community_pages_show_the_published_spelling(self):
        response = self.client.get(self.miami.get_absolute_url())
        self.assertContains(
            response,
            "published as “Mancomunidad Gran Cuidad del Sur del Departamento de Guatemala”",
        )
        self.assertContains(response, "published as “Sao Paulo”")
        # A spelling that is the partner's own name is not repeated.
        self.assertNotContains(response, "published as “Dakar”")


class SeedCommandTests(TestCase):
    def test_running_again_keeps_curators_changes(self):
        call_command("seed", stdout=StringIO())
        doha = Partnership.objects.get(community_b__slug="doha")
        doha.established_year = 2000
        doha.save()
        Community.objects.filter(slug="prague").update(name="Praha")
        counts = [m.objects.count() for m in (Community, Partnership, Organization, Source)]

        out = StringIO()
        call_command("seed", stdout=out)

        self.assertIn("communities already present; seed data not loaded.", out.getvalue().lower())
        self.assertEqual(
            [m.objects.count() for m in (Community, Partnership, Organization, Source)], counts
        )
        doha.refresh_from_db()
        self.assertEqual(doha.established_year, 2000)
        self.assertEqual(Community.objects.get(slug="prague").name, "Praha")

    def test_import_data_follows_the_seed_into_a_new_directory_only(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        data = Path(folder.name) / "pairs.csv"
        data.write_text("city1,country1,city2,country2\nLima,Peru,Okayama,Japan\n")
        imports = [(data, "wikipedia-twin-towns")]
        with mock.patch("directory.management.commands.seed.DATA_IMPORTS", imports):
            call_command("seed", "--import-data", stdout=StringIO())
            lima = Partnership.objects.get(community_a__name="Lima")
            self.assertEqual(lima.community_b.slug, "okayama")
            lima.delete()  # a curator's deletion that a second run must not undo
            call_command("seed", "--import-data", stdout=StringIO())
        self.assertFalse(Partnership.objects.filter(community_a__name="Lima").exists())

    def test_loading_records_history(self):
        call_command("seed", stdout=StringIO())
        self.assertEqual(Community.history.count(), Community.objects.count())

    def test_if_empty_loads_a_new_database_and_leaves_a_used_one_alone(self):
        call_command("seed", "--if-empty", stdout=StringIO())
        self.assertTrue(Question.objects.exists())
        # Curators removed every question on purpose: a restart must not bring them back.
        Question.objects.all().delete()

        out = StringIO()
        call_command("seed", "--if-empty", stdout=out)

        self.assertIn("seed data not loaded", out.getvalue())
        self.assertFalse(Question.objects.exists())
