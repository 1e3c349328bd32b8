"""No lost edits, whichever way the admin saves: list-editable changelists, actions that
change records, the change form, and reverting to an earlier version."""

import re

import factory
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.curation import CurationAdmin
from directory.models import (
    Community,
    Generation,
    HistoryEvent,
    Organization,
    Partnership,
    Question,
    Source,
)
from tests.factories import SourceFactory
from tests.test_admin import AdminTestCase, admin_url, change_form_data

STALE = "Someone else saved this record after you opened it"


def someone_else_saves(instance, **values):
    """Another curator's save, as the admin makes it: through save(), with history."""
    instance.refresh_from_db()
    for name, value in values.items():
        setattr(instance, name, value)
    instance._history_user = User.objects.get_or_create(username="other")[0]
    instance.save()


def changelist_data(response):
    """What a browser posts back from a list-editable changelist."""
    formset = response.context["cl"].formset
    data = {"_save": "Save"}
    management = formset.management_form
    data.update({management.add_prefix(k): v for k, v in management.initial.items()})
    for form in formset.forms:
        for name in form.fields:
            value = form[name].value()
            if value is True:
                value = "on"
            data[form.add_prefix(name)] = "" if value in (None, False) else value
    return data


def row_of(data, question):
    """The prefix of ``question``'s row in changelist data."""
    key = next(k for k, v in data.items() if k.endswith("-id") and str(v) == str(question.pk))
    return key.removesuffix("id")


class ListEditableTests(AdminTestCase):
    """The FAQ list edits positions and publication in place."""

    def setUp(self):
        self.client.force_login(self.curator)
        self.url = admin_url(Question, "changelist")
        self.first, self.second, self.third = Question.objects.all()[:3]

    def open_list(self):
        response = self.client.get(self.url)
        self.assertContains(response, 'name="form-0-loaded_version"')
        return changelist_data(response)

    def test_a_current_row_saves_with_history_and_a_new_generation(self):
        data = self.open_list()
        data[row_of(data, self.first) + "position"] = "42"
        generation = Generation.objects.current()[0]

        self.assertRedirects(self.client.post(self.url, data), self.url)

        self.first.refresh_from_db()
        self.assertEqual(self.first.position, 42)
        self.assertEqual(self.first.history.first().history_user, self.curator)
        self.assertGreater(Generation.objects.current()[0], generation)

    def test_a_row_changed_since_refuses_the_whole_submit_and_says_what_changed(self):
        data = self.open_list()
        someone_else_saves(self.first, position=7)
        data[row_of(data, self.first) + "position"] = "42"
        data[row_of(data, self.second) + "published"] = ""

        response = self.client.post(self.url, data)

        self.assertContains(response, STALE)
        self.assertContains(response, "It was saved by other")
        self.assertContains(response, "which changed position: “7”")
        self.first.refresh_from_db()
        self.second.refresh_from_db()
        self.assertEqual(self.first.position, 7)
        self.assertTrue(self.second.published, "no row of a refused submit is saved")

    def test_a_row_left_alone_need_not_be_current(self):
        data = self.open_list()
        someone_else_saves(self.third, answer="Their new answer.")
        data[row_of(data, self.first) + "position"] = "42"

        self.assertRedirects(self.client.post(self.url, data), self.url)

        self.first.refresh_from_db()
        self.third.refresh_from_db()
        self.assertEqual(self.first.position, 42)
        self.assertEqual(self.third.answer, "Their new answer.")

    def test_a_row_without_its_version_is_refused(self):
        data = self.open_list()
        prefix = row_of(data, self.first)
        data[prefix + "position"] = "42"
        data[prefix + "loaded_version"] = ""
        self.assertContains(self.client.post(self.url, data), STALE)
        self.first.refresh_from_db()
        self.assertNotEqual(self.first.position, 42)


class ActionTests(AdminTestCase):
    """Mark sources checked: only those still as the list showed them."""

    def setUp(self):
        self.client.force_login(self.curator)
        self.url = admin_url(Source, "changelist")
        self.stale, self.current = SourceFactory(), SourceFactory()

    def test_marks_current_rows_and_leaves_rows_changed_since(self):
        page = self.client.get(self.url).content.decode()
        versions = re.findall(r'name="_row_version" value="([^"]+)"', page)
        self.assertEqual(len(versions), Source.objects.count())
        someone_else_saves(self.stale, description="Their description.")
        generation = Generation.objects.current()[0]

        response = self.client.post(
            self.url,
            {
                "action": "mark_checked",
                "_selected_action": [self.stale.pk, self.current.pk],
                "_row_version": versions,
            },
            follow=True,
        )

        self.assertContains(response, "Marked 1 as checked by curators.")
        self.assertContains(
            response, f"someone saved them after this list was shown: {self.stale}."
        )
        self.stale.refresh_from_db()
        self.current.refresh_from_db()
        self.assertFalse(self.stale.checked)
        self.assertEqual(self.stale.description, "Their description.")
        self.assertTrue(self.current.checked)
        latest = self.current.history.first()
        self.assertEqual(latest.history_change_reason, "Marked as checked")
        self.assertEqual(latest.history_user, self.curator)
        self.assertGreater(Generation.objects.current()[0], generation)

    def test_rows_not_shown_are_left(self):
        self.client.post(
            self.url, {"action": "mark_checked", "_selected_action": [self.current.pk]}
        )
        self.current.refresh_from_db()
        self.assertFalse(self.current.checked)

    def mark_all(self):
        """Open the list, then mark "all" across its pages; the response and the number
        of queries the action took."""
        page = self.client.get(self.url).content.decode()
        versions = re.findall(r'name="_row_version" value="([^"]+)"', page)
        data = {
            "action": "mark_checked",
            "select_across": "1",
            "_selected_action": [version.split("@")[0] for version in versions],
            "_row_version": versions,
        }
        with CaptureQueriesContext(connection) as queries:
            response = self.client.post(self.url, data)
        return self.client.get(response["Location"]), len(queries)

    def test_all_selected_across_pages_changes_the_page_and_counts_the_rest(self):
        Source.objects.update(checked=False)
        names = factory.Sequence(lambda n: f"A list {n:04}")
        SourceFactory.create_batch(120, name=names, checked=False)
        unchecked = Source.objects.filter(checked=False).count()

        response, queries = self.mark_all()

        self.assertContains(response, "Marked 50 as checked by curators.")
        self.assertContains(
            response, f"{unchecked - 50} selected records were not on the page you saw"
        )
        self.assertContains(response, '<a href="/admin/directory/source/">Narrow the list</a>')
        self.assertEqual(Source.objects.filter(checked=False).count(), unchecked - 50)
        # Ten times as many left unseen: the same queries.
        names = factory.Sequence(lambda n: f"A first {n:04}")
        SourceFactory.create_batch(720, name=names, checked=False)
        unchecked = Source.objects.filter(checked=False).count()
        response, queries_then = self.mark_all()
        self.assertContains(
            response, f"{unchecked - 50} selected records were not on the page you saw"
        )
        self.assertEqual(queries_then, queries)


class ChangeFormTests(AdminTestCase):
    def test_the_refusal_names_the_fields_changed_and_their_values(self):
        url = admin_url(Community, "change", self.prague.pk)
        self.client.force_login(self.curator)
        data = change_form_data(self.client.get(url))
        someone_else_saves(self.prague, region="Bohemia", kind="city")
        data["alternate_names"] = "Praga"

        response = self.client.post(url, data)

        self.assertContains(response, STALE)
        self.assertContains(response, "which changed state or region: “Bohemia”")
        self.prague.refresh_from_db()
        self.assertEqual(self.prague.region, "Bohemia")
        self.assertNotIn("Praga", self.prague.alternate_name_list)


class RevertTests(AdminTestCase):
    """Any record back to an earlier version, from its history page."""

    def setUp(self):
        self.client.force_login(self.curator)

    def revert_url(self, record):
        model = record.instance_type
        return reverse(
            f"admin:directory_{model._meta.model_name}_simple_history",
            args=[record.id, record.history_id],
        )

    def test_revert_restores_the_values_records_it_and_moves_the_generation(self):
        url = admin_url(Community, "change", self.prague.pk)
        data = change_form_data(self.client.get(url))
        data["region"] = "Bohemia"
        data["website"] = "https://example.org/praha"
        self.assertEqual(self.client.post(url, data).status_code, 302)
        earlier = self.prague.history.order_by("history_date")[0]
        partners = self.prague.partner_count
        entries = self.prague.history.count()
        generation = Generation.objects.current()[0]

        history = self.client.get(admin_url(Community, "history", self.prague.pk))
        self.assertContains(history, self.revert_url(earlier))
        revert = self.client.get(self.revert_url(earlier))
        response = self.client.post(self.revert_url(earlier), change_form_data(revert))

        self.assertRedirects(response, admin_url(Community, "changelist"))
        self.prague.refresh_from_db()
        self.assertEqual(self.prague.region, earlier.region)
        self.assertEqual(self.prague.website, earlier.website)
        self.assertEqual(self.prague.partner_count, partners, "derived counts are kept")
        self.assertEqual(self.prague.history.count(), entries + 1)
        latest = self.prague.history.first()
        self.assertEqual(
            latest.history_change_reason,
            f"Reverted to the version of {earlier.history_date:%Y-%m-%d %H:%M:%S} UTC",
        )
        self.assertEqual(latest.history_user, self.curator)
        self.assertGreater(Generation.objects.current()[0], generation)

    def test_every_curated_model_reverts(self):
        for model in (Community, Partnership, Organization, Source, Question, HistoryEvent):
            with self.subTest(model=model.__name__):
                instance = model.objects.first()
                earlier = instance.history.order_by("history_date")[0]
                revert = self.client.get(self.revert_url(earlier))
                self.assertContains(revert, 'value="Revert"')
                response = self.client.post(self.revert_url(earlier), change_form_data(revert))
                self.assertEqual(response.status_code, 302, response.content[:2000])
                self.assertTrue(
                    instance.history.first().history_change_reason.startswith("Reverted")
                )

    def test_organization_links_go_back_too(self):
        organization = Organization.objects.filter(partnerships__isnull=False).first()
        links = set(organization.partnerships.values_list("pk", flat=True))
        earlier = organization.history.first()
        organization.partnerships.remove(*list(links)[:1])
        self.assertNotEqual(organization.history.first(), earlier)

        revert = self.client.get(self.revert_url(earlier))
        self.client.post(self.revert_url(earlier), change_form_data(revert))

        self.assertEqual(set(organization.partnerships.values_list("pk", flat=True)), links)

    def test_a_revert_opened_before_someone_saves_is_refused(self):
        earlier = self.source.history.order_by("history_date")[0]
        revert = self.client.get(self.revert_url(earlier))
        someone_else_saves(self.source, description="Their description.")

        response = self.client.post(self.revert_url(earlier), change_form_data(revert))

        self.assertContains(response, STALE)
        self.assertContains(response, "which changed description: “Their description.”")
        self.source.refresh_from_db()
        self.assertEqual(self.source.description, "Their description.")

    def test_curation_admins_cover_every_directory_record(self):
        for model in (Community, Partnership, Organization, Source, Question, HistoryEvent):
            self.assertIsInstance(admin.site._registry[model], CurationAdmin)
