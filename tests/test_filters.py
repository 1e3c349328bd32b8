"""The City Search: name matching, ranking, filters and sorting."""

from django.db import connection
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from directory.models import Community
from directory.search import sqlite_trigram_match
from directory.suggestions import closest
from tests.factories import PartnershipFactory


def search(client, **params):
    response = client.get(reverse("directory:community-list"), params)
    assert response.status_code == 200
    return response


def names(response):
    return [c.name for c in response.context_data["object_list"]]


class NameSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        for name, country, alternates in [
            ("São Paulo", "BR", ""),
            ("Petit-Goâve", "HT", "Petit Goave"),
            ("Yekaterinburg", "RU", "Ekaterinburg\nЕкатеринбург"),
            ("San José", "CR", ""),
            ("San José", "US", ""),
            ("Łódź", "PL", ""),
            ("Tromsø", "NO", ""),
            ("Ærøskøbing", "DK", ""),
            ("Gießen", "DE", ""),
            ("Đakovo", "HR", ""),
        ]:
            Community.objects.create(name=name, country=country, alternate_names=alternates)

    def test_case_and_accents_are_ignored(self):
        self.assertEqual(names(search(self.client, q="sao paulo")), ["São Paulo"])
        self.assertEqual(names(search(self.client, q="SÃO PAULO")), ["São Paulo"])
        self.assertEqual(names(search(self.client, q="petit goave")), ["Petit-Goâve"])

    def test_partial_words_and_alternate_names(self):
        self.assertEqual(names(search(self.client, q="goav")), ["Petit-Goâve"])
        self.assertEqual(names(search(self.client, q="ekaterinburg")), ["Yekaterinburg"])
        self.assertEqual(names(search(self.client, q="Екатеринбург")), ["Yekaterinburg"])

    def test_several_words_in_any_order(self):
        response = search(self.client, q="costa rica san jose")
        self.assertEqual([c.country.code for c in response.context_data["object_list"]], ["CR"])
        self.assertEqual(len(names(search(self.client, q="jose san"))), 2)

    def test_letters_that_do_not_decompose(self):
        for query, expected in [
            ("lodz", "Łódź"),
            ("Łódź", "Łódź"),
            ("tromso", "Tromsø"),
            ("aeroskobing", "Ærøskøbing"),
            ("giessen", "Gießen"),
            ("dakovo", "Đakovo"),
        ]:
            with self.subTest(query=query):
                self.assertEqual(names(search(self.client, q=query)), [expected])

    def test_renamed_and_deleted_communities_are_found_as_they_are_now(self):
        """The search index follows every change (on SQLite it is a separate FTS table)."""
        community = Community.objects.get(name="Tromsø")
        community.name = "Romsdal"
        community.save()
        self.assertEqual(names(search(self.client, q="tromso")), [])
        self.assertEqual(names(search(self.client, q="romsdal")), ["Romsdal"])
        community.delete()
        self.assertEqual(names(search(self.client, q="romsdal")), [])

    def test_short_words_are_matched_too(self):
        self.assertEqual(names(search(self.client, q="Ær")), ["Ærøskøbing"])
        self.assertEqual(names(search(self.client, q="pe go")), ["Petit-Goâve"])

    def test_result_count_is_stated_in_words(self):
        response = search(self.client, q="san jose")
        self.assertContains(response, "2 communities match “san jose”.")
        self.assertContains(search(self.client, q="sao paulo"), "1 community matches")

    def test_no_match_says_so_and_suggests_what_to_try(self):
        response = search(self.client, q="atlantis")
        self.assertContains(response, "No communities match “atlantis”.")
        self.assertContains(response, "Try another search")
        self.assertContains(response, "remove some filters")


class TrigramPrefilterTests(SimpleTestCase):
    """SQLite narrows a search by its FTS5 trigram table to the words it can find there."""

    def words(self, query):
        found = sqlite_trigram_match(query)
        return None if found is None else found.params[0]

    def test_a_word_for_saint_beside_a_name_is_left_to_the_like_filter(self):
        self.assertEqual(self.words("st petersburg"), '"petersburg"')
        self.assertEqual(self.words("san jose"), '"jose"')

    def test_a_word_for_saint_alone_is_looked_up_as_itself(self):
        self.assertEqual(self.words("san"), '"san"')

    def test_short_words_only_are_not_looked_up(self):
        self.assertIsNone(self.words("st"))
        self.assertIsNone(self.words("a b"))


class RankingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        for name, country in [
            ("New Kingston", "JM"),
            ("Kingstonville", "US"),
            ("Kingston upon Hull", "GB"),
            ("Kingston", "JM"),
            ("Old Kingston Road", "CA"),
        ]:
            Community.objects.create(name=name, country=country)

    def test_exact_then_prefix_then_the_rest(self):
        self.assertEqual(
            names(search(self.client, q="kingston")),
            [
                "Kingston",
                "Kingston upon Hull",
                "Kingstonville",
                "New Kingston",
                "Old Kingston Road",
            ],
        )

    def test_sorting_by_name_overrides_relevance(self):
        self.assertEqual(
            names(search(self.client, q="kingston", sort="name")),
            [
                "Kingston",
                "Kingston upon Hull",
                "Kingstonville",
                "New Kingston",
                "Old Kingston Road",
            ],
        )
        self.assertEqual(names(search(self.client, q="KINGSTON", sort="name"))[0], "Kingston")


class OtherNamesTests(TestCase):
    """Names people use: the gazetteer's names of the place, in its own language or in
    Spanish, and a name with its country's code or abbreviation."""

    @classmethod
    def setUpTestData(cls):
        munich = Community.objects.create(
            name="Munich", country="DE", gazetteer_names="munchen\nmonaco di baviera\nmunich"
        )
        Community.objects.create(name="Münchenbuchsee", country="CH")
        rome = Community.objects.create(name="Rome", country="IT", gazetteer_names="roma\nrome")
        Community.objects.create(name="Roma", country="US")
        for partner in range(3):
            PartnershipFactory(community_a=rome, community_b__name=f"Partner {partner}")
        PartnershipFactory(community_a=munich)
        for country in ("NZ", "GB"):
            Community.objects.create(name="Hastings", country=country)
        Community.objects.create(name="Birmingham", country="GB")
        Community.objects.create(name="Birmingham", country="US")

    def test_a_name_in_the_places_own_language_finds_it_first(self):
        self.assertEqual(names(search(self.client, q="München"))[:2], ["Munich", "Münchenbuchsee"])

    def test_among_exact_names_the_best_connected_comes_first(self):
        self.assertEqual(names(search(self.client, q="roma")), ["Rome", "Roma"])

    def test_a_spanish_name_on_the_spanish_site(self):
        Community.objects.create(name="London", country="GB", gazetteer_names="londres\nlondra")
        self.assertEqual(names(self.client.get("/es/cities/", {"q": "Londres"})), ["London"])

    def test_the_words_for_saint_stand_for_one_another(self):
        Community.objects.create(name="Saint Petersburg", country="RU")
        Community.objects.create(name="St. Gallen", country="CH")
        for typed in ("st petersburg", "sankt petersburg", "san petersburg"):
            with self.subTest(typed=typed):
                self.assertEqual(names(search(self.client, q=typed)), ["Saint Petersburg"])
        self.assertEqual(names(search(self.client, q="sankt gallen")), ["St. Gallen"])

    def test_a_name_with_its_country_code_or_abbreviation(self):
        self.assertEqual(
            [
                c.country.code
                for c in search(self.client, q="hastings nz").context_data["object_list"]
            ],
            ["NZ"],
        )
        birmingham = search(self.client, q="birmingham uk").context_data["object_list"]
        self.assertEqual([c.country.code for c in birmingham], ["GB"])


class ClosestNamesTests(TestCase):
    """A query that finds nothing shows the communities whose names are closest."""

    @classmethod
    def setUpTestData(cls):
        for name, country in [
            ("Bielefeld", "DE"),
            ("Bielsko-Biała", "PL"),
            ("Tucson", "US"),
            ("Saint Petersburg", "RU"),
            ("Buenos Aires", "AR"),
        ]:
            Community.objects.create(name=name, country=country)

    def test_a_typo_finds_the_name_meant(self):
        for typed, meant in [
            ("bieleefld", "Bielefeld"),
            ("tucon", "Tucson"),
            ("buenos aries", "Buenos Aires"),
            ("sankt peterburg", "Saint Petersburg"),
        ]:
            with self.subTest(typed=typed):
                response = search(self.client, q=typed)
                self.assertEqual(names(response), [])
                self.assertContains(response, "Did you mean one of these?")
                self.assertEqual([c.name for c in response.context_data["closest"]][:1], [meant])

    def test_nothing_close_suggests_nothing(self):
        for typed in ("xqzwv", "zq", "q"):  # too short to compare, too
            with self.subTest(typed=typed):
                response = search(self.client, q=typed)
                self.assertEqual(response.context_data["closest"], [])
                self.assertNotContains(response, "Did you mean")

    def test_a_suggestion_costs_a_couple_of_indexed_queries(self):
        # The trigram index's candidates and their rows; PostgreSQL also sets its
        # similarity threshold for the transaction, in a savepoint of its own here.
        expected = 5 if connection.vendor == "postgresql" else 2
        with self.assertNumQueries(expected):
            self.assertEqual([c.name for c in closest("bieleefld")], ["Bielefeld"])


class CountTests(TestCase):
    def test_counts_are_grouped_in_the_pages_language(self):
        Community.objects.bulk_create(
            Community(name=f"Town {n}", slug=f"town-{n}", country="FR") for n in range(1001)
        )
        english = search(self.client)
        self.assertContains(english, "1,001 communities in the directory, from A to Z.")
        spanish = self.client.get("/es/cities/")
        self.assertContains(spanish, "1\xa0001 comunidades en el directorio, de la A a la Z.")


class FilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.miami = Community.objects.create(name="Miami-Dade County", kind="county", country="US")
        cls.kingston = Community.objects.create(name="Kingston", country="JM")
        cls.prague = Community.objects.create(name="Prague", country="CZ")
        cls.asti = Community.objects.create(name="Province of Asti", kind="province", country="IT")
        cls.lone = Community.objects.create(name="Lonely Town", country="FR")

        def partner(a, b, **fields):
            PartnershipFactory(community_a=a, community_b=b, **fields)

        partner(cls.miami, cls.kingston, established_year=1981)
        partner(cls.miami, cls.prague, established_year=2010)
        partner(cls.miami, cls.asti, established_year=1985, status="friendship")
        partner(cls.prague, cls.asti, established_year=1960, ended_year=1970)

    def test_country_and_kind(self):
        self.assertEqual(names(search(self.client, country="CZ")), ["Prague"])
        self.assertEqual(names(search(self.client, kind="county")), ["Miami-Dade County"])

    def test_status(self):
        self.assertEqual(
            names(search(self.client, status="friendship")),
            ["Miami-Dade County", "Province of Asti"],
        )

    def test_year_range(self):
        self.assertEqual(
            names(search(self.client, year_from=1980, year_to=1990)),
            ["Kingston", "Miami-Dade County", "Province of Asti"],
        )
        self.assertEqual(
            names(search(self.client, year_from=2000)), ["Miami-Dade County", "Prague"]
        )

    def test_partnership_filters_apply_to_one_partnership_together(self):
        # Asti has a friendship from 1985 and a sister partnership from 1960, but no
        # friendship from before 1970.
        self.assertEqual(names(search(self.client, status="friendship", year_to=1970)), [])

    def test_active_only(self):
        self.assertEqual(
            names(search(self.client, q="prague asti", active="on")),
            [],
        )
        self.assertEqual(
            names(search(self.client, year_to=1970, active="on")),
            [],
        )
        self.assertEqual(names(search(self.client, year_to=1970)), ["Prague", "Province of Asti"])

    def test_sort_by_partners_and_by_year(self):
        self.assertEqual(
            names(search(self.client, sort="partners"))[:3],
            ["Miami-Dade County", "Prague", "Province of Asti"],
        )
        self.assertEqual(
            names(search(self.client, sort="year")),
            ["Prague", "Province of Asti", "Kingston", "Miami-Dade County", "Lonely Town"],
        )

    def test_no_filters_lists_everyone_from_a_to_z(self):
        response = search(self.client)
        self.assertEqual(names(response)[0], "Kingston")
        self.assertContains(response, "5 communities in the directory, from A to Z.")

    def test_every_search_state_is_a_shareable_url(self):
        Community.objects.bulk_create(
            Community(
                name=f"Czech town {n:02}", slug=f"cz-{n}", country="CZ", search_text="czech town"
            )
            for n in range(45)
        )
        response = search(self.client, country="CZ", sort="name", page=2)
        self.assertEqual(response.context_data["page_obj"].number, 2)
        self.assertContains(response, 'href="?country=CZ&amp;sort=name&amp;page=3"')
        self.assertContains(response, 'href="?country=CZ&amp;sort=name&amp;page=1"')


class SearchFormTests(TestCase):
    def test_each_search_gets_a_form_of_its_own(self):
        broken = search(self.client, year_from="abc").context_data["filter"].form
        fine = search(self.client, year_from="1990").context_data["filter"].form
        self.assertIn("year_from", broken.errors)
        self.assertEqual(fine.errors, {})
        self.assertIsNot(broken.fields["country"], fine.fields["country"])

    def test_hint_and_error_are_tied_to_their_field(self):
        response = search(self.client, q="x" * 201)
        self.assertContains(
            response,
            '<ul class="errorlist" id="id_q_error"><li>Enter at most 200 characters.</li></ul>',
            html=True,
        )
        field = response.context_data["filter"].form["q"]
        html = str(field)
        self.assertIn('aria-describedby="id_q_helptext id_q_error"', html)
        self.assertIn('aria-invalid="true"', html)
        self.assertContains(response, 'id="id_q_helptext"')
        self.assertContains(response, '<label for="id_q">', html=False)


class SpanishSearchTests(TestCase):
    """/es/cities/ labels its filters, names its countries and explains its errors in
    Spanish; /cities/ stays in English, whichever was asked for first."""

    def spanish(self, **params):
        return self.page("/es/cities/", params)

    def english(self, **params):
        # Not reverse(): after a Spanish page, Spanish is still the active language here.
        return self.page("/cities/", params)

    def page(self, path, params):
        response = self.client.get(path, params)
        assert response.status_code == 200
        return response

    def test_labels_and_choices_are_in_spanish(self):
        response = self.spanish()
        for text in [
            '<label for="id_country">País</label>',
            '<option value="" selected>Cualquier país</option>',
            '<label for="id_kind">Tipo de comunidad</label>',
            '<option value="county">Condado</option>',
            '<option value="sister">Ciudad hermana</option>',
            '<option value="friendship">Ciudad amiga</option>',
            '<label for="id_year_from">Desde</label>',
            '<option value="relevance">Mejor coincidencia</option>',
        ]:
            self.assertContains(response, text, html=True)
        self.assertNotContains(response, "Kind of community")

    def test_countries_are_named_and_sorted_in_spanish(self):
        page = self.spanish().content.decode()
        self.assertIn('<option value="DE">Alemania</option>', page)
        self.assertIn('<option value="GB">Reino Unido</option>', page)
        # Sorted by their Spanish names: Alemania before Austria, Estados Unidos before
        # Francia.
        self.assertLess(page.index(">Alemania<"), page.index(">Austria<"))
        self.assertLess(page.index(">Estados Unidos<"), page.index(">Francia<"))

    def test_english_stays_english_after_a_spanish_page(self):
        self.spanish()
        page = self.english().content.decode()
        self.assertIn('<option value="DE">Germany</option>', page)
        self.assertIn('<label for="id_kind">Kind of community</label>', page)
        self.assertLess(page.index(">Austria<"), page.index(">Germany<"))
        self.assertNotIn("Alemania", page)
        self.assertEqual(self.spanish(country="DE").context_data["filter"].form.errors, {})

    def test_errors_are_explained_in_spanish(self):
        self.assertContains(
            self.spanish(year_from="abc"), "Escriba el año en cifras, por ejemplo 1990."
        )
        self.assertContains(self.spanish(year_from="1000"), "Escriba un año a partir de 1900.")
        self.assertContains(
            self.spanish(year_from="1990", year_to="1980"),
            "El primer año, 1990, es posterior al último, 1980. Inviértalos o deje uno vacío.",
        )
        self.assertContains(self.english(year_from="1000"), "Enter a year from 1900 onwards.")
        self.assertContains(
            self.english(year_from="1990", year_to="1980"),
            "The first year, 1990, is after the last year, 1980. Swap them or leave one empty.",
        )

    def test_a_missing_page_is_explained_in_spanish(self):
        self.assertContains(
            self.spanish(page="99"), "No existe la página «99», así que esta es la página 1 de 1."
        )
        self.assertContains(
            self.english(page="99"), "There is no page “99”, so this is page 1 of 1."
        )
