"""The moderation queue: who may decide reports, what deciding does, and the email that
tells the reporter the outcome, once."""

from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import TestCase

from directory.models import CorrectionReport, Partnership
from tests.factories import CommunityFactory, CorrectionReportFactory, PartnershipFactory
from tests.test_admin import admin_url, change_form_data

SCRIPT = '<script>alert("x")</script>'


def member(username, group):
    user = User.objects.create_user(username, password="not-used", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)  # without the cached permissions


class ModerationTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.town = CommunityFactory(name="Alderbrook", country="US")
        cls.partner = CommunityFactory(name="Lindenau", country="DE")
        cls.partnership = PartnershipFactory(
            community_a=cls.town, community_b=cls.partner, established_year=1958
        )
        cls.report = CorrectionReportFactory(
            community=cls.town, partnership=cls.partnership, what=SCRIPT
        )
        cls.moderator = member("moderator", "Moderators")
        cls.curator = member("curator", "Curators")

    def decide(self, user, **fields):
        """Open the report's admin page as ``user`` and post it back with ``fields``."""
        self.client.force_login(user)
        url = admin_url(CorrectionReport, "change", self.report.pk)
        data = {**change_form_data(self.client.get(url)), **fields}
        return self.client.post(url, data, follow=True)


class PermissionTests(ModerationTestCase):
    def test_moderators_change_reports_and_nothing_else(self):
        self.assertTrue(self.moderator.has_perm("directory.change_correctionreport"))
        self.assertTrue(self.moderator.has_perm("directory.view_correctionreport"))
        self.assertFalse(self.moderator.has_perm("directory.add_correctionreport"))
        self.assertFalse(self.moderator.has_perm("directory.delete_correctionreport"))
        for model in ("partnership", "community", "organization", "source", "citation"):
            for action in ("add", "change", "view"):
                with self.subTest(model=model, action=action):
                    self.assertFalse(self.moderator.has_perm(f"directory.{action}_{model}"))

    def test_curators_read_reports_but_cannot_decide_them(self):
        self.assertTrue(self.curator.has_perm("directory.view_correctionreport"))
        self.assertFalse(self.curator.has_perm("directory.change_correctionreport"))
        self.assertTrue(self.curator.has_perm("directory.change_partnership"))

    def test_admin_pages_of_a_moderator(self):
        self.client.force_login(self.moderator)
        report = admin_url(CorrectionReport, "change", self.report.pk)
        self.assertEqual(
            self.client.get(admin_url(CorrectionReport, "changelist")).status_code, 200
        )
        self.assertContains(self.client.get(report), 'name="state"')
        for url in (
            admin_url(Partnership, "change", self.partnership.pk),
            admin_url(Partnership, "changelist"),
            admin_url(CorrectionReport, "add"),
            admin_url(CorrectionReport, "delete", self.report.pk),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 403)
        data = {"community_a": self.town.pk, "community_b": self.partner.pk}
        response = self.client.post(admin_url(Partnership, "change", self.partnership.pk), data)
        self.assertEqual(response.status_code, 403)

    def test_a_curator_sees_a_report_but_cannot_change_it(self):
        response = self.decide(self.curator, state="rejected", reply="No.")
        self.assertEqual(response.status_code, 403)
        self.report.refresh_from_db()
        self.assertEqual(self.report.state, "new")
        self.client.force_login(self.curator)
        page = self.client.get(admin_url(CorrectionReport, "change", self.report.pk))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'name="state"')


class QueueTests(ModerationTestCase):
    def test_the_queue_lists_reports_newest_first_by_state(self):
        older = CorrectionReportFactory(community=self.town, what="Older")
        CorrectionReport.objects.filter(pk=older.pk).update(created="2020-01-01T00:00Z")
        self.client.force_login(self.moderator)
        response = self.client.get(admin_url(CorrectionReport, "changelist"))
        rows = list(response.context["cl"].result_list)
        self.assertEqual(rows, [self.report, older])
        self.assertContains(response, "Alderbrook – Lindenau")
        self.assertContains(response, f'href="{self.town.get_absolute_url()}"')
        response = self.client.get(admin_url(CorrectionReport, "changelist"), {"state": "new"})
        self.assertEqual(len(response.context["cl"].result_list), 2)
        response = self.client.get(
            admin_url(CorrectionReport, "changelist"), {"state": "accepted"}
        )
        self.assertEqual(len(response.context["cl"].result_list), 0)

    def test_the_report_text_is_shown_escaped(self):
        self.client.force_login(self.moderator)
        for url in (
            admin_url(CorrectionReport, "changelist"),
            admin_url(CorrectionReport, "change", self.report.pk),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotContains(response, "<script>alert")
                self.assertContains(response, "&lt;script&gt;alert")

    def test_accepting_links_to_the_record_to_edit(self):
        response = self.decide(self.moderator, state="accepted", reply="Thank you.")
        edit = admin_url(Partnership, "change", self.partnership.pk)
        self.assertContains(response, f'<a href="{edit}">Edit the partnership</a>')
        self.report.refresh_from_db()
        self.assertEqual(self.report.handled_by, self.moderator)
        self.assertIsNotNone(self.report.handled_on)
        self.assertEqual(self.report.history.first().history_user, self.moderator)
        self.client.force_login(self.curator)
        page = self.client.get(admin_url(CorrectionReport, "change", self.report.pk))
        self.assertContains(page, f'<a href="{edit}">Edit the partnership</a>')

    def test_a_report_on_the_community_links_to_the_community(self):
        self.report.partnership = None
        self.report.save()
        response = self.decide(self.moderator, state="accepted", reply="")
        edit = admin_url(type(self.town), "change", self.town.pk)
        self.assertContains(response, f'<a href="{edit}">Edit the community</a>')

    def test_a_stale_form_is_refused(self):
        self.client.force_login(self.moderator)
        url = admin_url(CorrectionReport, "change", self.report.pk)
        stale = change_form_data(self.client.get(url))
        self.decide(self.moderator, reply="First.")
        response = self.client.post(url, {**stale, "state": "rejected", "reply": "Second."})
        self.assertContains(response, "Someone else saved this record")
        self.report.refresh_from_db()
        self.assertEqual(self.report.reply, "First.")


class OutcomeEmailTests(ModerationTestCase):
    def test_the_outcome_is_emailed_once(self):
        response = self.decide(
            self.moderator, state="accepted", reply="Fixed: it began in <1985>."
        )
        self.assertEqual(len(mail.outbox), 1)
        email = mail.outbox[0]
        self.assertEqual(email.to, ["reporter@example.org"])
        self.assertIn("accepted", email.subject)
        self.assertIn("Fixed: it began in <1985>.", email.body)
        self.assertIn(SCRIPT, email.body)
        self.assertIn("http://testserver/cities/alderbrook/", email.body)
        self.assertContains(response, "The outcome was emailed to the reporter.")
        response = self.decide(self.moderator, reply="Fixed, and checked again.")
        self.assertEqual(len(mail.outbox), 1)
        self.assertNotContains(response, "emailed")

    def test_the_outcome_is_written_in_the_language_of_the_report(self):
        CorrectionReport.objects.filter(pk=self.report.pk).update(language="es")
        self.decide(self.moderator, state="accepted", reply="Corregido.")
        email = mail.outbox[0]
        self.assertEqual(email.subject, "Se aceptó su corrección sobre Alderbrook")
        self.assertIn("Corregido.", email.body)
        self.assertIn("http://testserver/es/cities/alderbrook/", email.body)
        # The admin around it stays English.
        page = self.client.get(admin_url(CorrectionReport, "change", self.report.pk))
        self.assertContains(page, "Moderation")

    def test_a_changed_outcome_is_emailed_again(self):
        self.decide(self.moderator, state="accepted", reply="Yes.")
        self.decide(self.moderator, state="rejected", reply="On second thoughts, no.")
        self.assertEqual(len(mail.outbox), 2)
        self.assertIn("not accepted", mail.outbox[1].subject)
        self.assertIn("On second thoughts, no.", mail.outbox[1].body)

    def test_no_email_without_a_decision_a_reply_or_an_address(self):
        self.decide(self.moderator, reply="Looking into it.")
        self.decide(self.moderator, state="rejected", reply="")
        self.assertEqual(mail.outbox, [])
        self.decide(self.moderator, reply="It is right as it is.")
        self.assertEqual(len(mail.outbox), 1)
        CorrectionReport.objects.filter(pk=self.report.pk).update(email="", emailed_outcome="")
        self.decide(self.moderator, state="accepted", reply="Yes.")
        self.assertEqual(len(mail.outbox), 1)

    def test_a_failing_mail_server_is_no_error(self):
        with self.settings(EMAIL_BACKEND="tests.test_corrections_admin.BrokenBackend"):
            response = self.decide(self.moderator, state="rejected", reply="No.")
        self.assertContains(response, "could not be emailed")
        self.report.refresh_from_db()
        self.assertEqual((self.report.state, self.report.emailed_outcome), ("rejected", ""))
        self.decide(self.moderator)
        self.assertEqual(len(mail.outbox), 1)


class BrokenBackend:
    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")
