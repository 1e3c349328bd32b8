"""The importer: reading, matching, rejecting, and storing."""

import datetime
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from directory.importing import plan as planning
from directory.importing.reading import ImportFileError, read
from directory.models import Citation, Community, Generation, ImportJob, Partnership
from tests.factories import CommunityFactory, PartnershipFactory, SourceFactory

HEADER = "community,community_country,community_region,partner,partner_country"
WIKIPEDIA_HEADER = "city1,country1,lat1,lng1,city2,country2,lat2,lng2"


def csv(*lines, header=HEADER):
    return "\n".join([header, *lines]).encode()


class ImportTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.source = SourceFactory(slug="test-list")
        cls.miami = CommunityFactory(name="Miami-Dade County", kind="county", country="US")
        cls.asti_province = CommunityFactory(
            name="Province of Asti", kind="province", country="IT"
        )
        cls.san_jose_us = CommunityFactory(name="San José", country="US", region="California")
        cls.san_jose_cr = CommunityFactory(name="San José", country="CR")

    def plan(self, data):
        return planning.plan(*read(data), self.source)

    def imported(self, data):
        plan = self.plan(data)
        planning.apply(plan)
        return plan

    def reasons(self, plan):
        return {rejection.line: rejection.reason for rejection in plan.rejections}


class ReadingTests(ImportTestCase):
    def test_a_file_that_is_not_utf8_is_refused(self):
        with self.assertRaisesMessage(ImportFileError, "not UTF-8"):
            read(csv("Zürich,CH,,Kunming,CN").decode().encode("latin-1"))

    def test_a_file_without_the_required_columns_is_refused(self):
        with self.assertRaisesMessage(ImportFileError, "community_country, partner_country"):
            read(b"community,partner\nA,B\n")

    def test_both_column_layouts(self):
        ours, _ = read(csv("Tours,France,,Mülheim an der Ruhr,DE"))
        theirs, _ = read(
            csv("Tours,France,47.39,0.69,Mülheim,Germany,51.43,6.88", header=WIKIPEDIA_HEADER)
        )
        self.assertEqual((ours[0].community.country, ours[0].partner.country), ("FR", "DE"))
        self.assertEqual(str(theirs[0].partner.latitude), "51.430000")

    def test_each_rejection_reason_with_its_line(self):
        header = f"{HEADER},status,established_year,established_on,ended_year"
        _, rejections = read(
            csv(
                ",US,,Kingston,JM,,,,",  # line 2
                "Lima,Atlantis,,Kingston,JM,,,,",
                "Lima,PE,,Kingston,JM,,1899,,",
                "Lima,PE,,Kingston,JM,,2999,,",
                "Lima,PE,,Kingston,JM,,1990,,1980",
                "Lima,PE,,Kingston,JM,engaged,,,",
                "Lima,PE,,Kingston,JM,,1990,1991-05-01,",
                header=header,
            )
        )
        reasons = {rejection.line: rejection.reason for rejection in rejections}
        self.assertIn("has no name", reasons[2])
        self.assertIn("Unknown country “Atlantis”", reasons[3])
        self.assertIn("“1899” is not a year from 1900", reasons[4])
        self.assertIn("“2999” is not a year", reasons[5])
        self.assertIn("ends in 1980, before it was established in 1990", reasons[6])
        self.assertIn("Unknown status “engaged”", reasons[7])
        self.assertIn("not in the established year 1990", reasons[8])


class MatchingTests(ImportTestCase):
    def test_the_same_name_in_the_same_country_accents_aside(self):
        plan = self.plan(csv("San Jose,United States,California,Okayama,Japan"))
        self.assertEqual([c.pk for c in plan.matched], [self.san_jose_us.pk])
        self.assertEqual([c.name for c in plan.created], ["Okayama"])

    def test_places_that_share_a_name_in_two_countries_stay_apart(self):
        plan = self.plan(csv("San José,Costa Rica,,San José,USA"))
        self.assertEqual({c.pk for c in plan.matched}, {self.san_jose_us.pk, self.san_jose_cr.pk})

    def test_different_names_are_never_merged(self):
        plan = self.plan(csv("Miami,US,,Asti,IT"))
        self.assertEqual(plan.matched, [])
        self.assertEqual({c.name for c in plan.created}, {"Miami", "Asti"})

    def test_coordinates_tell_places_of_the_same_name_apart(self):
        plan = self.plan(
            csv(
                "Springfield,United States,39.80,-89.64,Tours,France,47.39,0.69",
                "Springfield,United States,37.21,-93.29,Lyon,France,45.76,4.84",
                "Springfield,United States,39.78,-89.65,Lille,France,50.63,3.06",
                header=WIKIPEDIA_HEADER,
            )
        )
        springfields = [c for c in plan.created if c.name == "Springfield"]
        self.assertEqual(len(springfields), 2)  # the third row is the first place again
        self.assertEqual(len(plan.new), 3)

    def test_a_region_narrows_places_that_share_a_name(self):
        CommunityFactory(name="Kingston", country="US", region="New York")
        CommunityFactory(name="Kingston", country="US", region="Tennessee")
        plan = self.plan(csv("Kingston,US,Tennessee,Lima,PE"))
        self.assertEqual(plan.matched[0].region, "Tennessee")

    def test_several_candidates_are_listed_never_guessed(self):
        CommunityFactory(name="Kingston", country="US", region="New York")
        CommunityFactory(name="Kingston", country="US", region="Tennessee")
        plan = self.plan(csv("Kingston,US,,Lima,PE"))
        self.assertEqual(len(plan.ambiguous), 1)
        self.assertEqual(len(plan.ambiguous[0][2]), 2)
        self.assertIn(
            "could be Kingston, New York; Kingston, Tennessee", plan.rejections[0].reason
        )
        self.assertEqual(plan.new, [])

    def test_a_qualifier_is_a_hint_not_part_of_the_name(self):
        plan = self.plan(
            csv(
                "Kłodzko,Poland,50.43,16.65,Hanau,Germany,50.13,8.92",
                "Kłodzko (rural gmina),Poland,50.44,16.66,Trutnov,Czech Republic,50.56,15.91",
                "Setagaya (Tokyo),Japan,35.64,139.65,Winnipeg,Canada,49.89,-97.13",
                "Setagaya,Japan,35.65,139.65,Bad Godesberg,Germany,50.68,7.16",
                header=WIKIPEDIA_HEADER,
            )
        )
        created = {(c.name, c.kind) for c in plan.created}
        self.assertIn(("Kłodzko", "city"), created)
        self.assertIn(("Kłodzko", "municipality"), created)  # the rural gmina: another place
        setagaya = [c for c in plan.created if c.name == "Setagaya"]
        self.assertEqual(len(setagaya), 1)  # "(Tokyo)" only said where it is
        self.assertEqual(setagaya[0].region, "Tokyo")


class PairTests(ImportTestCase):
    def test_a_community_paired_with_itself(self):
        plan = self.plan(csv("Sao Paulo,BR,,São Paulo,Brazil"))
        self.assertIn("paired with itself", self.reasons(plan)[2])

    def test_two_communities_of_one_country_are_imported_as_domestic(self):
        """Aachen and Naumburg, both in Germany, as the Wikipedia list gives them."""
        data = csv(
            "Aachen,Germany,50.7756,6.0836,Naumburg,Germany,51.1521,11.8098",
            "Aachen,Germany,50.7756,6.0836,Reims,France,49.2628,4.0347",
            header=WIKIPEDIA_HEADER,
        )
        plan = self.imported(data)
        self.assertEqual((plan.rejections, len(plan.new)), ([], 2))
        naumburg = Partnership.objects.get(community_b__name="Naumburg")
        self.assertEqual(naumburg.community_a.name, "Aachen")
        self.assertTrue(naumburg.domestic)
        self.assertFalse(Partnership.objects.get(community_b__name="Reims").domestic)

    def test_a_pair_already_in_the_file_either_way_round(self):
        plan = self.plan(csv("Lima,PE,,Kingston,JM", "Kingston,Jamaica,,Lima,Peru"))
        self.assertEqual(self.reasons(plan)[3], "The same pair as line 2.")
        self.assertEqual(len(plan.new), 1)

    def test_a_pair_the_directory_has_gains_a_citation_not_a_copy(self):
        okayama = CommunityFactory(name="Okayama", country="JP")
        partnership = PartnershipFactory(community_a=self.san_jose_us, community_b=okayama)
        plan = self.imported(csv("Okayama,JP,,San Jose,US,California"))
        self.assertEqual(len(plan.cited), 1)
        self.assertEqual(Partnership.objects.involving(okayama).count(), 1)
        citation = Citation.objects.get(partnership=partnership, source=self.source)
        # The names as printed, each on its own side of the partnership.
        self.assertEqual((citation.published_a, citation.published_b), ("San Jose", "Okayama"))


class StoringTests(ImportTestCase):
    def test_an_import_creates_communities_partnerships_and_citations(self):
        data = csv("Lima,PE,,Miami-Dade County,US", "Prague,Czech Republic,,Lima,PE")
        self.imported(data)
        lima = Community.objects.get(name="Lima")
        self.assertEqual(lima.partner_count, 2)
        self.assertEqual(self.miami.partnerships_as_b.get().community_a, lima)
        self.assertEqual(Citation.objects.filter(source=self.source).count(), 2)
        # Created, then checked against the gazetteer: Lima, Peru.
        self.assertEqual(
            [h.history_change_reason for h in lima.history.order_by("history_id")],
            [None, "Checked against the GeoNames gazetteer"],
        )
        self.assertEqual(lima.geonames_id, 3936456)
        # Each new row has one history record of its creation, with the values stored.
        partnership = self.miami.partnerships_as_b.get()
        record = partnership.history.get()
        self.assertEqual(
            (record.history_type, record.community_a_id, record.status, record.created),
            ("+", lima.pk, partnership.status, partnership.created),
        )
        cited = list(Citation.objects.filter(source=self.source).values_list("pk", flat=True))
        records = Citation.history.filter(id__in=cited).values_list("id", "history_type")
        self.assertCountEqual(records, [(pk, "+") for pk in cited])

    def test_a_row_without_a_status_is_stored_as_unstated_and_not_active(self):
        header = f"{HEADER},status"
        self.imported(
            csv("Lima,PE,,Miami-Dade County,US,", "Quito,EC,,Lima,PE,sister", header=header)
        )
        self.imported(csv("Tours,France,47.39,0.69,Lima,Peru,,", header=WIKIPEDIA_HEADER))
        statuses = dict(Partnership.objects.values_list("community_a__name", "status"))
        self.assertEqual(statuses, {"Lima": "unstated", "Quito": "sister", "Tours": "unstated"})
        active = Partnership.objects.in_state("active").values_list("community_a__name")
        self.assertEqual(list(active), [("Quito",)])
        response = self.client.get(self.miami.get_absolute_url())
        self.assertContains(
            response, '<td data-label="Status">Status not stated by its source</td>', html=True
        )
        self.assertNotContains(response, "Sister city, active")

    def test_imported_partnerships_are_not_yet_checked_and_their_source_says_so(self):
        """The partner table says whether a curator checked the partnership itself; the
        source's own checked flag is on the sources page."""
        self.imported(csv("Lima,PE,,Miami-Dade County,US"))
        response = self.client.get(self.miami.get_absolute_url())
        self.assertContains(response, '<td data-label="Checked">Not yet checked</td>', html=True)
        self.assertNotContains(response, "not yet checked by a curator")
        sources = self.client.get(reverse("directory:sources"))
        self.assertContains(sources, "Curators have not yet looked at this source.")

    def test_coordinates_are_stored_and_fill_a_community_without_them(self):
        data = csv(
            "Miami-Dade County,United States,25.55,-80.63,Lima,Peru,-12.04,-77.04",
            header=WIKIPEDIA_HEADER,
        )
        self.imported(data)
        self.miami.refresh_from_db()
        self.assertEqual(str(self.miami.latitude), "25.550000")
        self.assertEqual(str(Community.objects.get(name="Lima").longitude), "-77.040000")

    def test_a_dry_run_changes_nothing(self):
        before = Generation.objects.current()
        out = StringIO()
        call_command(
            "import_partnerships", self.write(csv("Lima,PE,,Kingston,JM")),
            "--source=test-list", "--dry-run", stdout=out,
        )  # fmt: skip
        self.assertIn("1 new", out.getvalue())
        self.assertIn("Dry run: nothing was changed", out.getvalue())
        self.assertFalse(Community.objects.filter(name="Lima").exists())
        self.assertEqual(Generation.objects.current(), before)

    def test_importing_again_creates_nothing_and_says_so(self):
        path = self.write(csv("Lima,PE,,Kingston,JM", "Lima,PE,,Miami-Dade County,US"))
        call_command("import_partnerships", path, "--source=test-list", stdout=StringIO())
        counts = [model.objects.count() for model in (Community, Partnership, Citation)]
        out = StringIO()
        call_command("import_partnerships", path, "--source=test-list", stdout=out)
        self.assertEqual(
            [model.objects.count() for model in (Community, Partnership, Citation)], counts
        )
        self.assertIn("Nothing to change", out.getvalue())
        self.assertIn("0 new, 2 already present", out.getvalue())

    def test_an_import_cut_off_midway_leaves_nothing(self):
        """The database is lost while the citations' history is written, after the
        communities and partnerships: the transaction takes them all back."""
        counts = [model.objects.count() for model in (Community, Partnership, Citation)]
        real = planning.record_history
        calls = []

        def fail_at_citations(model, pks, **kwargs):
            calls.append(model)
            if model is Citation:
                raise DatabaseError("connection lost")
            return real(model, pks, **kwargs)

        with (
            mock.patch.object(planning, "record_history", fail_at_citations),
            self.assertRaises(DatabaseError),
        ):
            self.imported(csv("Lima,PE,,Kingston,JM"))
        self.assertEqual(calls, [Community, Partnership, Citation])
        self.assertEqual(
            [model.objects.count() for model in (Community, Partnership, Citation)], counts
        )

    def test_an_unknown_source_or_file_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, "No source “nope”. Known sources: test-list"):
            call_command("import_partnerships", "x.csv", "--source=nope")
        with self.assertRaisesMessage(CommandError, "Cannot read"):
            call_command("import_partnerships", "/nonexistent.csv", "--source=test-list")

    def write(self, data):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        path = Path(folder.name) / "import.csv"
        path.write_bytes(data)
        return path


class AdminImportTests(ImportTestCase):
    """The admin's import pages: upload, preview, confirm, each task run at once here
    (test_import_jobs.py runs them in the real worker)."""

    def setUp(self):
        self.curator = User.objects.create_user("curator", password="not-used", is_staff=True)
        self.curator.groups.add(Group.objects.get(name="Curators"))
        self.client.force_login(self.curator)
        self.url = reverse("admin:directory_partnership_import")

    def upload(self, data, name="pairs.csv"):
        upload = SimpleUploadedFile(name, data, content_type="text/csv")
        return self.client.post(self.url, {"file": upload, "source": self.source.pk})

    def job_url(self, job):
        return reverse("admin:directory_partnership_import_job", args=[job.pk])

    def test_the_preview_changes_nothing_and_confirming_imports(self):
        changelist = self.client.get(reverse("admin:directory_partnership_changelist"))
        self.assertContains(changelist, "Import from a file")
        response = self.upload(csv("Lima,PE,,Miami-Dade County,US", "Lima,PE,,Lima,PE"))
        job = ImportJob.objects.get()
        self.assertRedirects(response, self.job_url(job))
        preview = self.client.get(self.job_url(job))
        self.assertContains(preview, "What importing it would do")
        self.assertContains(preview, '<th scope="row">New partnerships</th><td>1</td>', html=True)
        self.assertContains(preview, "paired with itself")
        self.assertNotContains(preview, 'http-equiv="refresh"')
        self.assertFalse(Community.objects.filter(name="Lima").exists())

        response = self.client.post(self.job_url(job))

        self.assertRedirects(response, self.job_url(job))
        lima = Community.objects.get(name="Lima")
        # Created, then checked against the gazetteer, both by the curator.
        self.assertEqual({h.history_user for h in lima.history.all()}, {self.curator})
        outcome = self.client.get(self.job_url(job))
        self.assertContains(outcome, "What the import did")
        self.assertContains(outcome, '<th scope="row">New partnerships</th><td>1</td>', html=True)
        job.refresh_from_db()
        self.assertEqual((job.state, job.stored, job.rows_read), ("imported", 1, 2))

    def test_confirming_twice_imports_once(self):
        self.upload(csv("Lima,PE,,Miami-Dade County,US"))
        job = ImportJob.objects.get()
        self.client.post(self.job_url(job))
        again = self.client.post(self.job_url(job), follow=True)
        self.assertContains(again, "This file cannot be imported now: it is imported.")
        self.assertEqual(Partnership.objects.filter(community_a__name="Lima").count(), 1)

    def test_a_running_job_reloads_itself_and_says_where_it_is(self):
        job = ImportJob.objects.create(
            file_name="big.csv", data=b"", lines=10_001, rows_read=4_000, source=self.source,
            uploaded_by=self.curator, state=ImportJob.State.IMPORTING, stored=3_500,
        )  # fmt: skip
        page = self.client.get(self.job_url(job))
        self.assertContains(page, '<meta http-equiv="refresh" content="2">', html=True)
        self.assertContains(page, "4,000 of about 10,000")
        self.assertContains(page, "3,500")
        again = self.client.post(self.job_url(job), follow=True)
        self.assertContains(again, "This file is being imported already.")
        self.assertNotContains(again, "the task worker may have stopped")

    def test_a_job_without_progress_for_minutes_says_its_worker_may_have_stopped(self):
        job = ImportJob.objects.create(
            file_name="big.csv", data=b"", source=self.source, uploaded_by=self.curator,
            state=ImportJob.State.PREVIEWING,
        )  # fmt: skip
        ImportJob.objects.filter(pk=job.pk).update(
            updated=timezone.now() - datetime.timedelta(minutes=6)
        )
        self.assertContains(self.client.get(self.job_url(job)), "the task worker may have stopped")

    def test_a_file_refused_as_a_whole_says_why_on_the_form(self):
        response = self.upload(b"community,partner\nA,B\n")
        self.assertContains(response, "lacks the required columns")
        self.assertFalse(ImportJob.objects.exists())

    def test_a_file_refused_further_down_says_why_on_its_page(self):
        rows = [f"Town {n},PE,,Lima,PE" for n in range(3)] + [
            'Bad "quote,PE,,Lima,PE' + "x" * 140_000
        ]
        self.upload(csv(*rows))
        page = self.client.get(self.job_url(ImportJob.objects.get()))
        self.assertContains(page, "Line 5 breaks the CSV format")
        self.assertContains(page, "<strong>Refused</strong>", html=True)
        self.assertFalse(Community.objects.filter(name__startswith="Town").exists())

    def test_a_file_over_the_limit_is_refused_in_bytes(self):
        response = self.upload(b"x" * (20 * 1024 * 1024 + 1))
        self.assertContains(response, "The file is 20,971,521 bytes; the most is 20,971,520 bytes")

    def test_only_staff_with_the_permission(self):
        other = User.objects.create_user("other", password="not-used", is_staff=True)
        self.client.force_login(other)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        preview = self.client.get(reverse("admin:directory_partnership_changelist"))
        self.assertEqual(preview.status_code, 403)  # no view permission either

    def test_someone_else_cannot_see_or_confirm_an_upload(self):
        self.upload(csv("Lima,PE,,Kingston,JM"))
        job = ImportJob.objects.get()
        editor = User.objects.create_superuser("editor", password="not-used")
        self.client.force_login(editor)
        self.assertEqual(self.client.get(self.job_url(job)).status_code, 403)
        self.assertEqual(self.client.post(self.job_url(job)).status_code, 403)
        self.assertFalse(Community.objects.filter(name="Lima").exists())

    def test_tampered_addresses_and_fields_are_answered_not_failed(self):
        # Not a job: the admin's answer for a missing record, a redirect with a message.
        self.assertEqual(self.client.post(f"{self.url}abc/").status_code, 302)
        # The former hidden field is no longer read: the form asks for a file.
        form = self.client.post(self.url, {"confirm": "abc"})
        self.assertContains(form, "This field is required.", count=2)
        self.assertFalse(ImportJob.objects.exists())
