"""Malformed and hostile import files: each is a clear row rejection or a refusal of the
whole file with its line, and nothing is written."""

from django.test import TestCase

from directory.importing import plan as planning
from directory.importing.reading import ImportFileError, batches, read
from directory.models import Community, Partnership
from tests.factories import SourceFactory

HEADER = "community,community_country,community_region,partner,partner_country,note"


def csv(*lines, header=HEADER):
    return "\n".join([header, *lines]).encode()


class RowTests(TestCase):
    def reasons(self, data):
        rows, rejections = read(data)
        return rows, {rejection.line: rejection.reason for rejection in rejections}

    def test_names_longer_than_the_directory_keeps_are_rejected_with_their_line(self):
        long_name = "L" * 201
        rows, reasons = self.reasons(
            csv(
                f"{long_name},PE,,Lima,PE,", "Quito,EC,,Lima,PE,", f"Lima,PE,{'R' * 201},Cusco,PE,"
            )
        )
        self.assertEqual(
            reasons[2], "The community's name is 201 characters long; the most is 200."
        )
        self.assertEqual(
            reasons[4], "The community's region is 201 characters long; the most is 200."
        )
        self.assertEqual([row.line for row in rows], [3])

    def test_a_name_of_5000_characters_is_rejected_not_stored(self):
        source = SourceFactory()
        plan = planning.plan(*read(csv(f"{'x' * 5000},PE,,Lima,PE,")), source)
        planning.apply(plan)
        self.assertIn("5,000 characters long", plan.rejections[0].reason)
        self.assertFalse(Community.objects.exists())

    def test_control_characters_are_rejected(self):
        _, reasons = self.reasons(csv("Nul\x00town,PE,,Lima,PE,", "Bell\x07ville,PE,,Lima,PE,"))
        self.assertEqual(
            reasons,
            dict.fromkeys(
                [2, 3], "The community's name holds a control character, which no name has."
            ),
        )

    def test_text_is_trimmed_collapsed_and_composed(self):
        decomposed = "Zu\u0308rich"
        rows, _ = self.reasons(
            csv(f"  {decomposed} ,CH,  Canton\tof  Zürich ,Kunming,CN, a  note ")
        )
        place = rows[0].community
        self.assertEqual((place.name, place.region), ("Zürich", "Canton of Zürich"))
        self.assertEqual(place.name, "Z\u00fcrich")  # one letter ü, not u and a diaeresis
        self.assertEqual(rows[0].note, "a note")


class FileTests(TestCase):
    def test_a_column_named_twice_is_refused(self):
        header = "community,community_country,partner,partner_country,partner"
        with self.assertRaisesMessage(ImportFileError, "names the column partner twice"):
            read(csv("Lima,PE,Quito,EC,Cusco", header=header))

    def test_a_quotation_mark_never_closed_is_refused_with_its_line(self):
        rows = [f"Town {n},PE,,Lima,PE," for n in range(5)]
        rows.insert(3, 'Broken "quote,PE,,Lima,PE,"' + "x" * 140_000)
        with self.assertRaisesMessage(ImportFileError, "Line 5 breaks the CSV format"):
            read(csv(*rows))

    def test_a_field_longer_than_the_csv_reader_takes_is_refused_with_its_line(self):
        data = csv("Lima,PE,,Cusco,PE,", f'Quito,EC,,Lima,PE,"{"n" * 140_000}"')
        with self.assertRaises(ImportFileError) as refused:
            read(data)
        self.assertIn("Line 3 breaks the CSV format", str(refused.exception))
        self.assertFalse(Partnership.objects.exists())


class LongNameTests(TestCase):
    def test_a_name_that_folding_lengthens_still_fits_every_column(self):
        """200 Chinese characters fold to some 600 letters: the slug and the folded name
        are cut to their columns, so PostgreSQL stores the row as SQLite does."""
        source = SourceFactory()
        name = "東京" * 100
        plan = planning.plan(*read(csv(f"{name},JP,{'東' * 200},Lima,PE,")), source)
        planning.apply(plan)
        tokyo = Community.objects.get(country="JP")
        self.assertEqual(tokyo.name, name)
        self.assertLessEqual(len(tokyo.slug), 220)
        self.assertEqual(len(tokyo.folded_name), 200)
        self.assertTrue(tokyo.slug.startswith("dongjingdongjing"))
        self.assertEqual(self.client.get(tokyo.get_absolute_url()).status_code, 200)


class BatchTests(TestCase):
    def test_a_spelling_met_in_a_later_batch_is_kept_as_an_alternate_name(self):
        source = SourceFactory()
        data = csv("São Paulo,BR,,Lima,PE,", "Quito,EC,,Cusco,PE,", "Sao Paulo,BR,,Quito,EC,")
        planner = planning.Planner(source)
        for rows, rejections in batches(data, size=1):
            planning.store(planner.plan(rows, rejections))
        sao_paulo = Community.objects.get(name="São Paulo")
        self.assertEqual(sao_paulo.alternate_names, "Sao Paulo")
        self.assertEqual(sao_paulo.history.first().history_type, "~")
        self.assertEqual(Partnership.objects.count(), 3)
