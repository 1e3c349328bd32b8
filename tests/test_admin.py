"""Curation in the admin: access, validation, search, inlines and concurrent edits."""

from io import StringIO

from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from directory.models import Community, Organization, Partnership, Source


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def curator(username="curator"):
    user = User.objects.create_user(username, password="not-used", is_staff=True)
    user.groups.add(Group.objects.get(name="Curators"))
    return user


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())
        cls.source = Source.objects.get(slug="miami-dade-county-list")
        cls.miami = Community.objects.get(slug="miami-dade-county")
        cls.kingston = Community.objects.get(slug="kingston-jamaica")
        cls.prague = Community.objects.get(slug="prague")
        cls.san_jose = Community.objects.get(slug="san-jose-california")
        cls.superuser = User.objects.create_superuser("admin", password="not-used")
        cls.curator = curator()

    def add_partnership(self, a, b, **fields):
        data = {
            "community_a": a.pk,
            "community_b": b.pk,
            "status": "sister",
            "established_year": "",
            "established_on": "",
            "ended_year": "",
            "notes": "",
            "loaded_version": "",
            # The one source the partnership is cited in, from the inline.
            "citations-TOTAL_FORMS": "1",
            "citations-INITIAL_FORMS": "0",
            "citations-0-source": self.source.pk,
            "citations-0-published_a": "",
            "citations-0-published_b": "",
            "citations-0-loaded_version": "",
            # No status history yet.
            "status_changes-TOTAL_FORMS": "0",
            "status_changes-INITIAL_FORMS": "0",
            **fields,
        }
        return self.client.post(admin_url(Partnership, "add"), data)


def change_form_data(response):
    """The data a browser would post back from an admin change page, inlines included
    (a history page's revert form has none)."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None or value is False else value
    for inline in response.context.get("inline_admin_formsets", []):
        management = inline.formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        for inline_form in inline.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                data[inline_form.add_prefix(name)] = "" if value is None else value
    return data


class AccessTests(AdminTestCase):
    def test_anonymous_users_are_sent_to_the_login_page(self):
        for url in [reverse("admin:index")] + [
            admin_url(model, "changelist")
            for model in (Community, Partnership, Organization, Source)
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertRedirects(response, f"{reverse('admin:login')}?next={url}")

    def test_non_staff_users_cannot_reach_the_admin(self):
        self.client.force_login(User.objects.create_user("resident"))
        url = admin_url(Community, "changelist")
        self.assertRedirects(self.client.get(url), f"{reverse('admin:login')}?next={url}")

    def test_curators_cannot_delete_or_manage_users(self):
        group = Group.objects.get(name="Curators")
        codenames = set(group.permissions.values_list("codename", flat=True))
        self.assertTrue({"add_partnership", "change_partnership", "view_partnership"} <= codenames)
        self.assertFalse([c for c in codenames if c.startswith("delete_")])
        self.assertFalse(group.permissions.filter(content_type__app_label="auth").exists())

        self.client.force_login(self.curator)
        self.assertEqual(
            self.client.get(admin_url(Community, "delete", self.prague.pk)).status_code, 403
        )
        self.assertEqual(self.client.get(admin_url(User, "changelist")).status_code, 403)
        self.assertEqual(
            self.client.get(admin_url(Community, "change", self.prague.pk)).status_code, 200
        )


class EveryPageOpensTests(AdminTestCase):
    def test_every_changelist_add_and_change_page(self):
        self.client.force_login(self.superuser)
        for model, model_admin in admin.site._registry.items():
            with self.subTest(model=model._meta.label):
                self.assertEqual(self.client.get(admin_url(model, "changelist")).status_code, 200)
                if model_admin.has_add_permission(self.client.request().wsgi_request):
                    self.assertEqual(self.client.get(admin_url(model, "add")).status_code, 200)
                instance = model.objects.first()
                if instance is not None:
                    response = self.client.get(admin_url(model, "change", instance.pk))
                    self.assertEqual(response.status_code, 200)
                    history = self.client.get(admin_url(model, "history", instance.pk))
                    self.assertEqual(history.status_code, 200)


class PartnershipValidationTests(AdminTestCase):
    def setUp(self):
        self.client.force_login(self.curator)

    def test_curator_adds_a_partnership(self):
        response = self.add_partnership(self.san_jose, self.prague, established_year=1999)
        self.assertRedirects(response, admin_url(Partnership, "changelist"))
        partnership = Partnership.objects.get(community_a=self.san_jose, community_b=self.prague)
        self.assertEqual(partnership.established_year, 1999)
        self.assertEqual(partnership.history.first().history_user, self.curator)
        self.assertEqual(list(partnership.sources.all()), [self.source])

    def test_a_partnership_needs_a_source(self):
        self.assertRefused(
            "This field is required", self.san_jose, self.prague, **{"citations-0-source": ""}
        )
        self.assertRefused(
            "Please submit at least 1", self.san_jose, self.prague, **{"citations-TOTAL_FORMS": 0}
        )

    def assertRefused(self, message, a, b, **fields):
        before = Partnership.objects.count()
        response = self.add_partnership(a, b, **fields)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, message)
        self.assertEqual(Partnership.objects.count(), before)

    def test_duplicate_pair(self):
        self.assertRefused(
            "These two communities already have a partnership", self.miami, self.kingston
        )

    def test_reversed_duplicate_pair(self):
        self.assertRefused(
            "These two communities already have a partnership", self.kingston, self.miami
        )

    def test_self_partnership(self):
        self.assertRefused("A community cannot be its own partner.", self.prague, self.prague)

    def test_two_communities_of_one_country_are_saved_as_domestic(self):
        self.assertEqual(self.add_partnership(self.miami, self.san_jose).status_code, 302)
        partnership = Partnership.objects.get(community_a=self.miami, community_b=self.san_jose)
        self.assertTrue(partnership.domestic)

    def test_years(self):
        self.assertRefused(
            "Enter a year from 1900 onwards.", self.san_jose, self.prague, established_year=1899
        )
        next_year = timezone.now().year + 1
        self.assertRefused(
            "is in the future", self.san_jose, self.prague, established_year=next_year
        )
        self.assertRefused(
            "A partnership cannot end before it was established.",
            self.san_jose,
            self.prague,
            established_year=2000,
            ended_year=1990,
        )
        self.assertRefused(
            "Enter a whole number.", self.san_jose, self.prague, established_year="abc"
        )


class SearchAndFilterTests(AdminTestCase):
    def setUp(self):
        self.client.force_login(self.curator)

    def results(self, model, **params):
        response = self.client.get(admin_url(model, "changelist"), params)
        self.assertEqual(response.status_code, 200)
        return list(response.context["cl"].result_list)

    def test_search_ignores_accents_and_case(self):
        self.assertEqual([c.name for c in self.results(Community, q="sao paulo")], ["São Paulo"])
        self.assertEqual(
            [c.name for c in self.results(Community, q="PETIT GOAVE")], ["Petit-Goâve"]
        )
        partnerships = self.results(Partnership, q="são paulo")
        self.assertEqual([str(p) for p in partnerships], ["Miami-Dade County – São Paulo"])
        self.assertEqual(
            [o.slug for o in self.results(Organization, q="asociacion")],
            ["asociacion-de-ciudades-hermanas-de-america"],
        )

    def test_community_autocomplete_ignores_accents(self):
        response = self.client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "directory",
                "model_name": "partnership",
                "field_name": "community_a",
                "term": "sao",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("São Paulo, Brazil", [r["text"] for r in response.json()["results"]])

    def test_partnership_filters(self):
        Partnership.objects.filter(community_b=self.prague).update(
            status="friendship", ended_year=2020
        )
        cases = [
            ({"status": "friendship"}, 1),
            ({"established": "unknown"}, 7),  # Doha and the six examples
            ({"established": "1990"}, 14),
            ({"active": "no"}, 1),
            ({"country": "ES"}, 4),
            ({"citations__source__id__exact": self.source.pk}, 41),
        ]
        for params, expected in cases:
            with self.subTest(params=params):
                self.assertEqual(len(self.results(Partnership, **params)), expected)


class InlineTests(AdminTestCase):
    """A community's partnerships can be edited from its page whichever side it is on."""

    def test_partnership_listed_second_is_editable_from_the_partner(self):
        self.client.force_login(self.curator)
        url = admin_url(Community, "change", self.kingston.pk)
        response = self.client.get(url)
        self.assertContains(response, "(this community listed second)")
        data = change_form_data(response)
        partnership = Partnership.objects.get(community_a=self.miami, community_b=self.kingston)
        data["partnerships_as_b-0-established_year"] = "1982"

        response = self.client.post(url, data)

        self.assertRedirects(response, admin_url(Community, "changelist"))
        partnership.refresh_from_db()
        self.assertEqual(partnership.established_year, 1982)

    def test_new_partnerships_are_added_where_their_source_is_cited(self):
        self.client.force_login(self.curator)
        response = self.client.get(admin_url(Community, "change", self.kingston.pk))
        # Neither list of partnerships takes a new row.
        for inline in response.context["inline_admin_formsets"]:
            self.assertEqual(inline.formset.max_num, 0)
            self.assertContains(
                response, f'name="{inline.formset.prefix}-MAX_NUM_FORMS" value="0"'
            )
        self.assertContains(
            self.client.get(admin_url(Partnership, "add")), "Sources recording this partnership"
        )


class ConcurrentEditTests(AdminTestCase):
    """An edit made from a stale form never overwrites someone else's saved change."""

    def open_form(self, user, url):
        self.client.force_login(user)
        return change_form_data(self.client.get(url))

    def test_second_save_from_a_stale_form_is_refused(self):
        url = admin_url(Source, "change", self.source.pk)
        first = self.open_form(self.curator, url)
        second = self.open_form(curator("other"), url)

        first["description"] = "First curator's wording."
        self.client.force_login(self.curator)
        self.assertEqual(self.client.post(url, first).status_code, 302)

        second["description"] = "Second curator's wording."
        self.client.force_login(User.objects.get(username="other"))
        response = self.client.post(url, second)

        self.assertContains(response, "Someone else saved this record after you opened it")
        self.source.refresh_from_db()
        self.assertEqual(self.source.description, "First curator's wording.")

    def test_a_fresh_form_saves(self):
        url = admin_url(Community, "change", self.prague.pk)
        data = self.open_form(self.curator, url)
        data["alternate_names"] = "Praha\nPrag"
        self.assertRedirects(self.client.post(url, data), admin_url(Community, "changelist"))
        self.prague.refresh_from_db()
        self.assertEqual(self.prague.alternate_name_list, ["Praha", "Prag"])


class CoordinatesTests(AdminTestCase):
    """A curator sets, corrects and clears a community's location."""

    def open_form(self):
        self.client.force_login(self.curator)
        self.url = admin_url(Community, "change", self.prague.pk)
        response = self.client.get(self.url)
        self.assertContains(response, "Degrees north of the equator")
        return change_form_data(response)

    def test_set_and_clear(self):
        data = self.open_form()
        data.update(latitude="50.0880", longitude="14.4208")
        self.assertRedirects(self.client.post(self.url, data), admin_url(Community, "changelist"))
        self.prague.refresh_from_db()
        self.assertEqual(
            (str(self.prague.latitude), str(self.prague.longitude)), ("50.088000", "14.420800")
        )

        data = self.open_form()
        data.update(latitude="", longitude="")
        self.assertRedirects(self.client.post(self.url, data), admin_url(Community, "changelist"))
        self.prague.refresh_from_db()
        self.assertIsNone(self.prague.latitude)
        self.assertIsNone(self.prague.longitude)

    def test_out_of_range_or_half_a_location_is_refused(self):
        before = (self.prague.latitude, self.prague.longitude)
        for latitude, longitude, message in [
            ("91", "14", "less than or equal to 90"),
            ("50", "-181", "greater than or equal to -180"),
            ("50", "", "Enter both the latitude and the longitude"),
        ]:
            data = self.open_form()
            data.update(latitude=latitude, longitude=longitude)
            self.assertContains(self.client.post(self.url, data), message)
        self.prague.refresh_from_db()
        self.assertEqual((self.prague.latitude, self.prague.longitude), before)
