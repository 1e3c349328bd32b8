"""How facts are written out: the wording template filters."""

import datetime

from django.test import SimpleTestCase
from django.utils import translation

from directory.geo import Route
from directory.models import Partnership
from directory.templatetags.geography import distance
from directory.templatetags.wording import began, in_words


class BeganTests(SimpleTestCase):
    def test_exact_date_then_year_then_not_recorded(self):
        on_a_day = Partnership(established_year=1957, established_on=datetime.date(1957, 5, 26))
        self.assertEqual(began(on_a_day), "26 May 1957")
        self.assertEqual(began(Partnership(established_year=1990)), 1990)
        self.assertEqual(began(Partnership()), "Year not recorded")


class InWordsTests(SimpleTestCase):
    def test_names_are_joined_as_a_sentence(self):
        self.assertEqual(in_words(["Lima"]), "Lima")
        self.assertEqual(in_words(["Lima", "Quito"]), "Lima and Quito")
        self.assertEqual(in_words(["Bogotá", "Lima", "Quito"]), "Bogotá, Lima and Quito")

    def test_a_long_list_is_cut_short(self):
        names = [f"Town {n}" for n in range(8)]
        self.assertEqual(in_words(names), "Town 0, Town 1, Town 2, Town 3, Town 4 and 3 others")
        self.assertEqual(in_words(names[:6]), "Town 0, Town 1, Town 2, Town 3, Town 4 and 1 other")


class SpanishWordingTests(SimpleTestCase):
    def test_lists_dates_distances_and_directions_in_spanish(self):
        with translation.override("es"):
            self.assertEqual(in_words(["Lima", "Quito"]), "Lima y Quito")
            self.assertEqual(in_words([f"T{n}" for n in range(6)]), "T0, T1, T2, T3, T4 y 1 más")
            self.assertEqual(began(Partnership()), "Año no registrado")
            on_a_day = Partnership(established_on=datetime.date(1957, 5, 26))
            self.assertEqual(began(on_a_day), "26 de mayo de 1957")
            way = Route(km=8012.4, bearing=45)
            self.assertEqual(
                f"{distance(way)} {way.direction}", "8\xa0012 km (4\xa0979 mi) noreste"
            )
        way = Route(km=8012.4, bearing=45)
        self.assertEqual(f"{distance(way)} {way.direction}", "8,012 km (4,979 mi) northeast")
