"""Verification: curators mark partnerships checked, one or many; the admin finds those
that need checking; public pages say when a curator last checked each one."""

import datetime
import re
from unittest import mock

from django.test import TestCase, override_settings

from directory.models import Generation, Partnership
from directory.verification import months_before
from tests.factories import PartnershipFactory
from tests.test_admin import AdminTestCase, admin_url, change_form_data
from tests.test_curation import someone_else_saves

TODAY = datetime.date(2026, 3, 15)


def on_day(day):
    return mock.patch("django.utils.timezone.localdate", return_value=day)


class MonthsBeforeTests(TestCase):
    def test_keeps_the_day_or_takes_the_last_of_a_shorter_month(self):
        self.assertEqual(months_before(TODAY, 24), datetime.date(2024, 3, 15))
        self.assertEqual(months_before(datetime.date(2026, 3, 31), 1), datetime.date(2026, 2, 28))
        self.assertEqual(months_before(datetime.date(2026, 1, 10), 1), datetime.date(2025, 12, 10))


class BulkVerifyTests(AdminTestCase):
    def setUp(self):
        self.client.force_login(self.curator)
        self.url = admin_url(Partnership, "changelist")
        self.stale, self.current = PartnershipFactory(), PartnershipFactory()

    def post_action(self, selected, versions):
        return self.client.post(
            self.url,
            {"action": "mark_verified", "_selected_action": selected, "_row_version": versions},
            follow=True,
        )

    def test_marks_rows_as_shown_with_history_and_leaves_rows_changed_since(self):
        page = self.client.get(self.url, {"verification": "needed", "q": "town"}).content.decode()
        versions = re.findall(r'name="_row_version" value="([^"]+)"', page)
        someone_else_saves(self.stale, notes="Their note.")
        generation = Generation.objects.current()[0]

        with on_day(TODAY):
            response = self.post_action([self.stale.pk, self.current.pk], versions)

        self.assertContains(response, "Marked 1 as verified today.")
        self.assertContains(response, f"after this list was shown: {self.stale}.")
        self.current.refresh_from_db()
        self.stale.refresh_from_db()
        self.assertEqual(self.current.verified_on, TODAY)
        self.assertEqual(self.current.verified_by, self.curator)
        self.assertIsNone(self.stale.verified_on)
        self.assertEqual(self.stale.notes, "Their note.")
        latest = self.current.history.first()
        self.assertEqual(latest.history_change_reason, "Marked as verified")
        self.assertEqual(latest.history_user, self.curator)
        self.assertGreater(Generation.objects.current()[0], generation)

    def test_rows_not_shown_are_left(self):
        self.post_action([self.current.pk], [])
        self.current.refresh_from_db()
        self.assertIsNone(self.current.verified_on)

    def test_the_changelist_links_to_the_partnerships_needing_a_check(self):
        response = self.client.get(self.url)
        self.assertContains(response, 'href="?verification=needed"')
        self.assertContains(response, "Mark selected partnerships as verified today")


class VerifyOnTheChangeFormTests(AdminTestCase):
    def test_the_box_records_today_and_the_curator_in_the_history(self):
        self.client.force_login(self.curator)
        partnership = PartnershipFactory()
        url = admin_url(Partnership, "change", partnership.pk)
        data = change_form_data(self.client.get(url))
        data["verify_today"] = "on"

        with on_day(TODAY):
            response = self.client.post(url, data)

        self.assertEqual(response.status_code, 302)
        partnership.refresh_from_db()
        self.assertEqual((partnership.verified_on, partnership.verified_by), (TODAY, self.curator))
        self.assertEqual(partnership.history.first().history_change_reason, "Marked as verified")

    def test_saving_without_the_box_leaves_the_verification_alone(self):
        self.client.force_login(self.curator)
        partnership = PartnershipFactory(verified_on=TODAY)
        url = admin_url(Partnership, "change", partnership.pk)
        data = {**change_form_data(self.client.get(url)), "notes": "A note."}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        partnership.refresh_from_db()
        self.assertEqual((partnership.verified_on, partnership.notes), (TODAY, "A note."))


class NeedsCheckingFilterTests(AdminTestCase):
    def setUp(self):
        self.client.force_login(self.curator)
        self.never = PartnershipFactory(community_b__name="Never Town")
        self.old = PartnershipFactory(
            community_b__name="Old Town", verified_on=datetime.date(2023, 1, 10)
        )
        self.recent = PartnershipFactory(
            community_b__name="Recent Town",
            community_b__country="DE",
            verified_on=datetime.date(2025, 6, 1),
        )

    def listed(self, **params):
        with on_day(TODAY):
            response = self.client.get(admin_url(Partnership, "changelist"), params)
        return set(response.context_data["cl"].queryset.values_list("pk", flat=True))

    def test_never_verified_or_verified_too_long_ago(self):
        ours = {self.never.pk, self.old.pk, self.recent.pk}
        self.assertEqual(self.listed(verification="needed") & ours, {self.never.pk, self.old.pk})
        self.assertEqual(self.listed(verification="never") & ours, {self.never.pk})
        self.assertEqual(self.listed(verification="old") & ours, {self.old.pk})
        self.assertEqual(self.listed(verification="recent"), {self.recent.pk})

    @override_settings(VERIFY_AFTER_MONTHS=6)
    def test_the_setting_says_how_long_a_check_lasts(self):
        self.assertEqual(
            self.listed(verification="needed") & {self.old.pk, self.recent.pk},
            {self.old.pk, self.recent.pk},
        )
        self.assertEqual(self.listed(verification="recent"), set())

    def test_combines_with_the_country_and_source_filters(self):
        self.assertEqual(self.listed(verification="recent", country="DE"), {self.recent.pk})
        self.assertEqual(self.listed(verification="needed", country="DE"), set())
        source = self.old.citations.get().source
        self.assertEqual(
            self.listed(verification="needed", citations__source__id__exact=source.pk),
            {self.old.pk},
        )


class PublicWordingTests(TestCase):
    def test_the_partner_table_says_when_a_curator_checked_it_month_and_year_only(self):
        checked = PartnershipFactory(verified_on=datetime.date(2026, 3, 2))
        unchecked = PartnershipFactory(community_a=checked.community_a)

        response = self.client.get(checked.community_a.get_absolute_url())

        self.assertContains(response, "Checked by a curator in March 2026", count=1)
        self.assertContains(response, "Not yet checked", count=1)
        self.assertNotContains(response, "2 March 2026")
        self.assertNotContains(response, "not yet checked by a curator")
        self.assertIsNone(unchecked.verified_on)
