"""export_directory and restore_directory: every record out to one file and back."""

import json
import subprocess
import sys
import tempfile
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from directory import bundle
from directory.models import (
    Community,
    CommunityRedirect,
    Generation,
    Organization,
    Partnership,
    Question,
)
from tests.factories import (
    ListingFactory,
    OrganizationFactory,
    PartnershipFactory,
    StatusChangeFactory,
)

LINKS = Organization.partnerships.through
LINK_FIELDS = ("organization_id", "partnership_id")


def snapshot():
    """Every row of every model in a bundle, every column, derived ones included."""
    rows = {
        bundle.label(model): list(model.objects.order_by("pk").values()) for model in bundle.MODELS
    }
    # The links' own ids are not kept: nothing refers to them.
    rows["links"] = list(LINKS.objects.order_by(*LINK_FIELDS).values_list(*LINK_FIELDS))
    return rows


def wipe():
    for model in (LINKS, *reversed(bundle.MODELS)):
        model.objects.all().delete()


class RoundTripTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())
        partnership = PartnershipFactory(
            community_a__latitude="37.338200",
            community_a__longitude="-121.886300",
            established_year=1990,
            established_on="1990-05-26",
            notes="Signed in the town hall.\nRenewed in 2010.",
        )
        CommunityRedirect.objects.create(
            old_slug="san-jose-us-merged", community=partnership.community_a
        )
        organization = OrganizationFactory(home_community=partnership.community_a)
        organization.partnerships.add(partnership)
        ListingFactory(
            community=partnership.community_a,
            interests=["trade", "youth_exchange"],
            preferred_countries=["JP", "DE"],
            preferred_regions=["asia"],
            contact=organization,
            confirmed_on="2026-01-05",
        )
        curator = User.objects.create_user("curator")
        Partnership.objects.filter(pk=partnership.pk).update(
            verified_on="2026-03-02", verified_by=curator
        )
        StatusChangeFactory(partnership=partnership, status="friendship", year=1990)
        StatusChangeFactory(partnership=partnership, status="sister", year=2010, date="2010-06-01")
        StatusChangeFactory(
            partnership=partnership, status="suspended", year=2022, reason="Paused."
        )

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.file = self.folder / "directory.json"

    def export(self):
        out = StringIO()
        call_command("export_directory", str(self.file), stdout=out)
        return out.getvalue()

    def restore(self, file=None):
        out = StringIO()
        call_command("restore_directory", str(file or self.file), stdout=out)
        return out.getvalue()

    def test_export_wipe_restore_gives_back_every_row_field_by_field(self):
        before = snapshot()
        self.assertTrue(all(before.values()), "every model has rows to compare")
        self.export()
        wipe()
        generation = Generation.objects.current()[0]

        output = self.restore()

        self.assertIn(f"Restored {len(before['directory.source'])} directory.source", output)
        after = snapshot()
        for name in before:
            with self.subTest(model=name):
                self.assertEqual(after[name], before[name])
        self.assertGreater(Generation.objects.current()[0], generation)
        # New records take ids after the restored ones.
        self.assertGreater(
            Question.objects.create(question="New?", answer="Yes.").pk,
            max(row["id"] for row in before["directory.question"]),
        )

    def test_a_verifier_without_an_account_here_is_forgotten_but_not_the_date(self):
        self.export()
        wipe()
        User.objects.filter(username="curator").delete()

        self.restore()

        verified = Partnership.objects.exclude(verified_on=None).get()
        self.assertEqual(str(verified.verified_on), "2026-03-02")
        self.assertIsNone(verified.verified_by)
        self.assertEqual(verified.suspended_year, 2022)

    def test_the_bundle_is_one_versioned_json_document(self):
        self.export()
        document = json.loads(self.file.read_text())
        self.assertEqual(document["format"], "sistercities-bundle")
        self.assertEqual(document["version"], 1)
        self.assertEqual(document["counts"]["directory.partnership"], Partnership.objects.count())
        self.assertEqual(len(document["records"]), sum(document["counts"].values()))
        community = next(r for r in document["records"] if r["model"] == "directory.community")
        self.assertNotIn("partner_count", community["fields"], "derived columns are left out")

    def test_a_directory_that_is_not_empty_is_refused(self):
        self.export()
        before = snapshot()
        with self.assertRaisesMessage(CommandError, "The directory is not empty"):
            self.restore()
        self.assertEqual(snapshot(), before)

    def assertRefused(self, text, message):
        self.file.write_text(text)
        wipe()
        with self.assertRaisesMessage(CommandError, message):
            self.restore()
        self.assertFalse(Community.objects.exists(), "nothing is restored")

    def test_a_cut_short_bundle_restores_nothing(self):
        self.export()
        lines = self.file.read_text().splitlines(keepends=True)
        self.assertRefused("".join(lines[: len(lines) // 2]), "the file is cut short")

    def test_a_bundle_of_another_version_is_refused(self):
        self.export()
        text = self.file.read_text().replace('"version": 1', '"version": 2', 1)
        self.assertRefused(text, "This bundle is of version 2; this code reads version 1 only.")

    def test_a_bundle_whose_counts_disagree_is_refused(self):
        self.export()
        text = self.file.read_text().replace(
            '"directory.question": ', '"directory.question": 9', 1
        )
        self.assertRefused(text, "The bundle's header counts")

    def test_a_record_that_does_not_fit_is_refused(self):
        self.export()
        text = self.file.read_text().replace('"community_a": ', '"community_a": 999', 1)
        self.assertRefused(text, "The bundle could not be restored")

    def test_a_file_that_is_not_a_bundle_is_refused(self):
        self.assertRefused("[]\n", "This file is not a directory bundle written by")
        self.assertRefused(
            '{"format": "other", "records": [\n]}\n', "This file is not a directory"
        )

    def test_a_bundle_with_bytes_that_are_not_utf8_is_refused(self):
        self.export()
        data = self.file.read_bytes()
        second_line = data.index(b"\n") + 1
        self.file.write_bytes(data[:second_line] + b"\xff\xfe" + data[second_line:])
        wipe()
        with self.assertRaisesMessage(CommandError, "not UTF-8"):
            self.restore()
        self.assertFalse(Community.objects.exists(), "nothing is restored")

    def test_a_record_with_a_field_the_models_lack_is_refused(self):
        self.export()
        text = self.file.read_text().replace('"name": ', '"nickname": "x", "name": ', 1)
        self.assertRefused(text, "The bundle could not be restored")

    def test_a_missing_file_is_refused(self):
        with self.assertRaisesMessage(CommandError, "Could not read"):
            self.restore(self.folder / "missing.json")


def test_a_bad_file_is_refused_without_a_traceback(tmp_path):
    """From the shell: a message and exit code 1, before the database is touched."""
    file = tmp_path / "not-a-bundle.json"
    file.write_text("community,partner\nSan José,Okayama\n")
    result = subprocess.run(
        [sys.executable, "manage.py", "restore_directory", str(file)],
        capture_output=True,
        text=True,
        env={
            "SECRET_KEY": "test-only-secret-key",
            "DATABASE_URL": f"sqlite:///{tmp_path}/db",
            "PATH": "/usr/bin:/bin",
        },
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode == 1
    assert "This file is not a directory bundle" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_directory_model_is_in_the_bundle_or_named_as_left_out():
    left_out = {"generation", "importjob", "correctionreport", "count"}
    models = {
        model._meta.model_name
        for model in apps.get_app_config("directory").get_models()
        if not model._meta.model_name.startswith("historical")
    }
    assert models - left_out == {model._meta.model_name for model in bundle.MODELS}
