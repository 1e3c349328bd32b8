"""A partnership's status over time, and the current status that follows from it."""

import datetime
from importlib import import_module

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase

from directory.models import Citation, Partnership, StatusChange
from tests.factories import (
    CommunityFactory,
    PartnershipFactory,
    SourceFactory,
    StatusChangeFactory,
)
from tests.test_admin import AdminTestCase, admin_url, change_form_data
from tests.test_downloads import csv_rows, download
from tests.test_filters import names, search


def step(partnership, status, year, **fields):
    StatusChangeFactory(partnership=partnership, status=status, year=year, **fields)
    partnership.refresh_from_db()
    return partnership


class CurrentStatusTests(TestCase):
    def test_the_first_kind_founds_it_and_the_latest_by_year_decides(self):
        partnership = step(PartnershipFactory(status="sister"), "friendship", 1998)
        self.assertEqual((partnership.status, partnership.established_year), ("friendship", 1998))
        # Recorded out of order: the years decide, not the order of recording.
        step(partnership, "sister", 2017)
        step(partnership, "friendship", 2001)
        self.assertEqual(partnership.status, "sister")
        self.assertEqual(partnership.established_year, 1998)
        self.assertEqual(partnership.state, "active")

    def test_a_recorded_founding_year_is_kept(self):
        partnership = step(PartnershipFactory(established_year=1990), "sister", 2000)
        self.assertEqual(partnership.established_year, 1990)

    def test_ended_then_renewed_is_active_again(self):
        partnership = PartnershipFactory(established_year=1990)
        step(partnership, "ended", 2005)
        self.assertEqual((partnership.ended_year, partnership.state), (2005, "ended"))
        step(partnership, "renewed", 2012)
        self.assertEqual((partnership.ended_year, partnership.state), (None, "active"))

    def test_suspended_then_ended_then_renewed(self):
        partnership = PartnershipFactory(established_year=1990)
        step(partnership, "suspended", 2020, reason="Exchanges paused.")
        self.assertEqual((partnership.suspended_year, partnership.state), (2020, "suspended"))
        self.assertFalse(partnership.is_active)
        step(partnership, "ended", 2022)
        self.assertEqual((partnership.suspended_year, partnership.ended_year), (None, 2022))
        step(partnership, "renewed", 2024)
        self.assertTrue(partnership.is_active)

    def test_deleting_the_last_ended_entry_reopens_it(self):
        partnership = PartnershipFactory(established_year=1990)
        step(partnership, "ended", 2005)
        partnership.status_changes.get().delete()
        partnership.refresh_from_db()
        self.assertIsNone(partnership.ended_year)

    def test_without_state_entries_the_recorded_end_stays(self):
        partnership = step(PartnershipFactory(ended_year=2005), "friendship", None)
        self.assertEqual((partnership.ended_year, partnership.status), (2005, "friendship"))

    def test_the_change_is_in_the_partnership_history(self):
        partnership = step(PartnershipFactory(established_year=1990), "suspended", 2020)
        self.assertEqual(
            partnership.history.first().history_change_reason, "Status from its status history"
        )


class ConstraintTests(TestCase):
    def test_the_database_refuses_an_ended_entry_without_a_year(self):
        partnership = PartnershipFactory()
        with self.assertRaises(IntegrityError), transaction.atomic():
            StatusChange.objects.bulk_create(
                [StatusChange(partnership=partnership, status="ended", year=None)]
            )

    def test_the_database_refuses_a_partnership_both_suspended_and_ended(self):
        partnership = PartnershipFactory(ended_year=2000)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Partnership.objects.filter(pk=partnership.pk).update(suspended_year=2001)

    def test_an_entry_before_the_founding_year_is_refused_with_a_clear_message(self):
        partnership = PartnershipFactory(established_year=2000)
        entry = StatusChange(partnership=partnership, status="suspended", year=1995)
        with self.assertRaises(ValidationError) as refused:
            entry.full_clean()
        self.assertEqual(
            refused.exception.message_dict["year"],
            [
                "1995 is before the partnership was established, in 2000. "
                "Correct the established year first if it is wrong."
            ],
        )
        # A proposal may come before.
        StatusChange(partnership=partnership, status="proposed", year=1995).full_clean()

    def test_years_in_the_future_and_dates_in_another_year_are_refused(self):
        partnership = PartnershipFactory()
        next_year = datetime.date.today().year + 1
        with self.assertRaises(ValidationError) as refused:
            StatusChange(partnership=partnership, status="sister", year=next_year).full_clean()
        self.assertIn("is in the future", str(refused.exception))
        entry = StatusChange(
            partnership=partnership, status="sister", year=2001, date=datetime.date(2002, 1, 1)
        )
        with self.assertRaises(ValidationError):
            entry.full_clean()


class AdminInlineTests(AdminTestCase):
    def setUp(self):
        self.client.force_login(self.curator)
        self.partnership = PartnershipFactory(established_year=2000)
        self.url = admin_url(Partnership, "change", self.partnership.pk)

    def with_entry(self, data, **fields):
        data.update({"status_changes-TOTAL_FORMS": 1, "status_changes-INITIAL_FORMS": 0})
        data.update({f"status_changes-0-{name}": value for name, value in fields.items()})
        data.setdefault("status_changes-0-loaded_version", "")
        return data

    def test_an_entry_added_inline_sets_the_current_status(self):
        data = self.with_entry(
            change_form_data(self.client.get(self.url)),
            status="suspended",
            year="2022",
            reason="Exchanges paused.",
        )
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 302)
        self.partnership.refresh_from_db()
        self.assertEqual(self.partnership.suspended_year, 2022)
        self.assertIn(
            "ended_year", self.client.get(self.url).context_data["adminform"].readonly_fields
        )

    def test_an_entry_before_the_founding_year_is_refused_on_the_form(self):
        data = self.with_entry(
            change_form_data(self.client.get(self.url)), status="ended", year="1995"
        )
        response = self.client.post(self.url, data)
        self.assertContains(response, "1995 is before the partnership was established, in 2000.")
        self.assertFalse(self.partnership.status_changes.exists())

    def test_an_entry_changed_by_someone_else_is_not_overwritten(self):
        entry = StatusChangeFactory(partnership=self.partnership, year=2001)
        data = change_form_data(self.client.get(self.url))
        StatusChange.objects.get(pk=entry.pk).save()  # someone else saves it
        data["status_changes-0-reason"] = "Mine."
        response = self.client.post(self.url, data)
        self.assertContains(response, "Someone else saved this record after you opened it")


class PublicPageTests(TestCase):
    def test_the_partner_table_tells_the_history_in_words(self):
        partnership = PartnershipFactory(community_b__name="Twinville")
        step(partnership, "friendship", 1998)
        step(partnership, "sister", 2017)
        other = PartnershipFactory(community_a=partnership.community_a, established_year=2010)
        step(other, "suspended", 2022, reason="Exchanges paused by the council")

        response = self.client.get(partnership.community_a.get_absolute_url())

        self.assertContains(response, "friendship 1998, sister city since 2017")
        self.assertContains(response, "Sister city (suspended since 2022)")
        self.assertContains(response, "suspended since 2022: Exchanges paused by the council")
        self.assertContains(response, "<summary>Status history</summary>", count=2, html=False)

    def test_no_history_no_details(self):
        partnership = PartnershipFactory()
        response = self.client.get(partnership.community_a.get_absolute_url())
        self.assertNotContains(response, "<details")


class CitySearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.active = PartnershipFactory(community_a__name="Activeton")
        cls.suspended = PartnershipFactory(community_a__name="Pauseton", established_year=2000)
        step(cls.suspended, "suspended", 2020)
        cls.ended = PartnershipFactory(community_a__name="Endton", ended_year=2010)

    def found(self, **params):
        return {name for name in names(search(self.client, **params)) if name.endswith("ton")}

    def test_each_state(self):
        self.assertEqual(self.found(state="active"), {"Activeton"})
        self.assertEqual(self.found(state="suspended"), {"Pauseton"})
        self.assertEqual(self.found(state="ended"), {"Endton"})
        self.assertEqual(self.found(), {"Activeton", "Pauseton", "Endton"})

    def test_old_active_links_still_mean_active(self):
        self.assertEqual(self.found(active="on"), {"Activeton"})
        self.assertEqual(self.found(active="on", state="ended"), {"Endton"})

    def test_an_unknown_state_explains_itself(self):
        response = search(self.client, state="asleep")
        self.assertEqual(names(response), [])
        self.assertContains(response, "Select a valid choice")

    def test_the_api_and_downloads_expose_the_state_and_history(self):
        response = self.client.get("/api/partnerships", {"state": "suspended"})
        [row] = response.json()["results"]
        self.assertEqual(
            (row["state"], row["suspended_year"], row["active"]), ("suspended", 2020, False)
        )
        self.assertEqual(
            row["history"], [{"status": "suspended", "year": 2020, "date": None, "reason": ""}]
        )
        self.assertEqual(
            {
                c["name"]
                for c in self.client.get("/api/communities", {"active": "true"}).json()["results"]
            }
            & {"Activeton", "Pauseton", "Endton"},
            {"Activeton"},
        )
        rows = csv_rows(
            download(self.client, "community-partners-download", "csv", slug="pauseton")
        )
        self.assertEqual(
            {k: rows[0][k] for k in ("state", "suspended_year", "status_history", "verified_on")},
            {
                "state": "suspended",
                "suspended_year": "2020",
                "status_history": "suspended 2020",
                "verified_on": "",
            },
        )


class UnstatedStatusTests(TestCase):
    """A partnership whose sources state no status says so, and is never counted active."""

    @classmethod
    def setUpTestData(cls):
        cls.wikipedia = SourceFactory(slug="wikipedia-twin-towns")
        cls.seed = SourceFactory(slug="miami-dade-sister-cities")
        us = [CommunityFactory(name=name, country="US") for name in ("Ashford", "Birch", "Cedar")]
        cls.listed = PartnershipFactory(
            community_a=us[0],
            community_b=CommunityFactory(name="Kyoto", country="JP"),
            status="unstated",
            cited_in=cls.wikipedia,
        )
        cls.sister = PartnershipFactory(
            community_a=us[1],
            community_b=CommunityFactory(name="Lyon", country="FR"),
            cited_in=cls.seed,
        )
        cls.ashford, cls.birch = us[0], us[1]

    def test_a_curators_sister_city_entry_states_the_status(self):
        partnership = step(self.listed, StatusChange.Status.SISTER, 2001)
        self.assertEqual((partnership.status, partnership.state), ("sister", "active"))

    def test_the_status_filter_finds_it_on_the_page_the_api_and_a_download(self):
        self.assertEqual(names(search(self.client, status="unstated")), ["Ashford", "Kyoto"])
        self.assertEqual(names(search(self.client, state="active")), ["Birch", "Lyon"])
        api = self.client.get("/api/partnerships", {"status": "unstated"}).json()
        [row] = api["results"]
        self.assertEqual(
            (row["status"], row["state"], row["active"]), ("unstated", "unstated", False)
        )
        active = self.client.get("/api/partnerships", {"state": "active"}).json()["results"]
        self.assertEqual([p["community_a"]["name"] for p in active], ["Birch"])
        rows = csv_rows(
            download(self.client, "community-list-download", "csv", {"status": "unstated"})
        )
        self.assertEqual([row["name"] for row in rows], ["Ashford", "Kyoto"])
        [partner] = csv_rows(
            download(self.client, "community-partners-download", "csv", slug=self.ashford.slug)
        )
        self.assertEqual(
            (partner["status"], partner["state"], partner["active"]),
            ("unstated", "unstated", "false"),
        )

    def test_the_community_page_does_not_call_it_active(self):
        response = self.client.get(self.ashford.get_absolute_url())
        self.assertContains(
            response, '<td data-label="Status">Status not stated by its source</td>', html=True
        )
        self.assertNotContains(response, "Sister city")
        spanish = self.client.get(f"/es{self.ashford.get_absolute_url()}")
        self.assertContains(spanish, "Estado no indicado por su fuente")


class UnstatedMigrationTests(TestCase):
    """Migration 0025: the sister cities the Wikipedia list alone cites, with no status
    history, were sister only by the former default."""

    def test_only_partnerships_cited_by_the_list_alone_without_history_become_unstated(self):
        wikipedia = SourceFactory(slug="wikipedia-twin-towns")
        seed = SourceFactory(slug="san-jose-sister-cities")
        only_listed = PartnershipFactory(cited_in=wikipedia)
        also_in_seed = PartnershipFactory(cited_in=wikipedia)
        Citation.objects.create(partnership=also_in_seed, source=seed)
        with_history = PartnershipFactory(cited_in=wikipedia)
        StatusChangeFactory(partnership=with_history, status="sister", year=2001)
        friendship = PartnershipFactory(cited_in=wikipedia, status="friendship")
        seed_only = PartnershipFactory(cited_in=seed)

        migration = import_module("directory.migrations.0025_partnership_unstated_domestic")
        self.assertEqual(migration.mark_unstated(apps, None), 1)
        statuses = dict(Partnership.objects.values_list("pk", "status"))
        cases = (only_listed, also_in_seed, with_history, friendship, seed_only)
        self.assertEqual(
            [statuses[p.pk] for p in cases],
            ["unstated", "sister", "sister", "friendship", "sister"],
        )
