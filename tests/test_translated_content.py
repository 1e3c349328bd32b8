"""Curated texts in Spanish: shown on Spanish pages, the English shown (and marked as
English) where the Spanish is missing, English pages as they were; the admin's Spanish
column and filter; the Spanish seed texts; bundles and the API."""

import re
import tempfile
from io import StringIO
from pathlib import Path

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import TestCase
from django.urls import resolve, reverse
from django.utils import translation

from directory.models import HistoryEvent, Listing, Organization, Question, Source
from directory.translation import missing_spanish, shown_in_english, translated
from tests.factories import CommunityFactory, ListingFactory
from tests.test_admin import admin_url, change_form_data, curator
from tests.test_bundle import wipe

TRANSLATED_MODELS = (Question, HistoryEvent, Organization, Source, Listing)


def spanish(name, *args):
    with translation.override("es"):
        return reverse(name, args=args)


def english(name, *args):
    # A request to a Spanish page leaves Spanish active in the test's thread.
    with translation.override("en"):
        return reverse(name, args=args)


def main(response):
    """The page's main content, without the header's and footer's links."""
    return response.content.decode().split('<main id="main"')[1].split("</main>")[0]


def clear_spanish(model):
    """The Spanish texts of every record, and of its history, emptied: as in a database
    seeded before there were Spanish texts."""
    empty = dict.fromkeys(model.TRANSLATED_FIELDS.values(), "")
    model.objects.update(**empty)
    model.history.update(**empty)


class SeededTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())
        cls.question = Question.objects.get(question="What is a sister city?")
        cls.event = HistoryEvent.objects.get(year=1956)
        cls.organization = Organization.objects.get(slug="san-jose-sister-city-program")
        cls.partner = Organization.objects.get(slug="sister-cities-africa")
        cls.source = Source.objects.get(slug="san-jose-list")


class HelperTests(SeededTestCase):
    def test_translated_follows_the_active_language(self):
        self.assertEqual(translated(self.question, "question"), "What is a sister city?")
        with translation.override("es"):
            self.assertEqual(translated(self.question, "question"), "¿Qué es una ciudad hermana?")
            self.assertFalse(shown_in_english(self.question, "question"))

    def test_an_empty_spanish_text_falls_back_to_the_english(self):
        self.question.answer_es = ""
        with translation.override("es"):
            self.assertEqual(translated(self.question, "answer"), self.question.answer)
            self.assertTrue(shown_in_english(self.question, "answer"))
        self.assertFalse(shown_in_english(self.question, "answer"), "not on English pages")
        self.assertEqual(missing_spanish(self.question), ["answer"])

    def test_nothing_is_missing_where_there_is_no_english(self):
        event = HistoryEvent(year=2000, title="A title", title_es="Un título")
        self.assertEqual(missing_spanish(event), [])
        with translation.override("es"):
            self.assertFalse(shown_in_english(event, "description"))


class SpanishPagesTests(SeededTestCase):
    def test_faq_in_spanish(self):
        response = self.client.get(spanish("directory:faq"))
        self.assertContains(response, "¿Qué es una ciudad hermana?")
        self.assertContains(response, "Es un hermanamiento a largo plazo")
        self.assertNotContains(response, "What is a sister city?")
        # The answers' links lead to Spanish pages, and are sanitized as the English.
        self.assertContains(
            response,
            '<a href="/es/cities/" rel="noopener noreferrer">Buscar ciudades</a>',
            html=True,
        )
        self.assertNotContains(response, 'lang="en"><')

    def test_faq_shows_the_english_marked_as_english_where_spanish_is_missing(self):
        question = Question.objects.create(
            question="Who keeps this directory?", answer="Its curators.", position=99
        )
        response = self.client.get(spanish("directory:faq"))
        self.assertContains(
            response,
            f'<dt id="question-{question.pk}" lang="en">Who keeps this directory?</dt>',
            html=True,
        )
        self.assertContains(response, '<dd lang="en"><p>Its curators.</p></dd>', html=True)

    def test_only_the_missing_text_is_marked(self):
        Question.objects.create(question="Who?", question_es="¿Quién?", answer="Curators.")
        response = self.client.get(spanish("directory:faq"))
        self.assertContains(response, ">¿Quién?</dt>")
        self.assertContains(response, '<dd lang="en"><p>Curators.</p></dd>', html=True)

    def test_the_spanish_answer_is_sanitized(self):
        self.question.answer_es = 'Sí.<script>alert(1)</script> <a href="javascript:x()">No</a>'
        self.question.save()
        response = self.client.get(spanish("directory:faq"))
        self.assertNotContains(response, "alert(1)")
        self.assertNotContains(response, "javascript:")
        # The page's one script element is its JSON-LD (type="application/ld+json").
        self.assertNotContains(response, "<script>")
        self.assertContains(response, "<script", count=1)
        self.assertContains(response, "<dd><p>Sí.")

    def test_history_in_spanish(self):
        HistoryEvent.objects.create(year=1990, title="Only in English", description="Still.")
        response = self.client.get(spanish("directory:history"))
        self.assertContains(
            response, "<strong>Una conferencia en la Casa Blanca sobre la diplomacia ciudadana"
        )
        self.assertContains(response, "El presidente Eisenhower celebra")
        self.assertContains(response, '<strong lang="en">Only in English</strong>', html=True)
        self.assertContains(response, '<br><span lang="en">Still.</span>', html=True)

    def test_history_fragments_are_kept_per_language(self):
        title = "<strong>A White House conference on citizen diplomacy</strong>"
        self.assertContains(self.client.get(english("directory:history")), title)
        response = self.client.get(spanish("directory:history"))
        self.assertContains(response, "<strong>Una conferencia en la Casa Blanca")
        self.assertNotContains(response, title)
        # And back: the English page does not take the Spanish fragment either.
        self.assertContains(self.client.get(english("directory:history")), title)

    def test_organization_in_spanish(self):
        response = self.client.get(
            spanish("directory:organization-detail", "san-jose-sister-city-program")
        )
        self.assertContains(response, "<p>San José fue una de las primeras ciudades")
        Organization.objects.filter(pk=self.organization.pk).update(description_es="")
        response = self.client.get(
            spanish("directory:organization-detail", "san-jose-sister-city-program")
        )
        self.assertContains(response, '<div lang="en"><p>San José was one of the earliest')

    def test_partners_in_spanish(self):
        Organization.objects.filter(slug="eastern-africa-sister-cities").update(description_es="")
        response = self.client.get(spanish("directory:partners"))
        self.assertContains(response, "<p>Sister Cities Africa trabaja desde Casablanca")
        self.assertContains(response, '<div lang="en"><p>EASC aims to develop')

    def test_sources_in_spanish(self):
        Source.objects.filter(slug="sci-business-and-trade").update(description_es="")
        response = self.client.get(spanish("directory:sources"))
        self.assertContains(response, "<p>La página de la Ciudad de San José sobre su Programa")
        self.assertContains(response, '<p lang="en">A Sister Cities International page on how')

    def test_a_text_in_spanish_only_is_shown_on_spanish_pages(self):
        Source.objects.filter(pk=self.source.pk).update(description="", description_es="Sólo.")
        self.assertContains(self.client.get(spanish("directory:sources")), "<p>Sólo.</p>")
        self.assertNotContains(self.client.get(english("directory:sources")), "Sólo.")

    def test_listings_in_spanish(self):
        community = CommunityFactory()
        ListingFactory(community=community, offers_es="Un coro.\nUna orquesta.")
        response = self.client.get(spanish("directory:seeking"))
        self.assertContains(response, "<dd>Un coro.<br>Una orquesta.</dd>", html=True)
        self.assertContains(
            response, '<dd lang="en">A town to exchange pupils with.</dd>', html=True
        )

    def test_english_pages_are_as_they_were(self):
        """The English pages are the same whether the Spanish texts are there or not."""
        community = CommunityFactory()
        listing = ListingFactory(community=community, offers_es="Un coro.", seeks_es="Alumnos.")
        pages = [
            english("directory:faq"),
            english("directory:history"),
            english("directory:partners"),
            english("directory:sources"),
            english("directory:seeking"),
            english("directory:organization-detail", self.organization.slug),
        ]
        with_spanish = {url: self.client.get(url).content for url in pages}
        for model in TRANSLATED_MODELS:
            clear_spanish(model)
        for url in pages:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.content, with_spanish[url])
                self.assertNotIn("lang=", main(response))
        self.assertContains(self.client.get(english("directory:seeking")), listing.offers)


class AdminTests(SeededTestCase):
    def setUp(self):
        super().setUp()
        self.client.force_login(curator())

    def test_the_changelist_says_what_is_missing(self):
        Question.objects.create(question="Who?", question_es="¿Quién?", answer="Curators.")
        Question.objects.create(question="Where?", answer="Here.")
        response = self.client.get(admin_url(Question, "changelist"))
        self.assertContains(response, '<td class="field-spanish">Missing: answer</td>', html=True)
        self.assertContains(
            response, '<td class="field-spanish">Missing: question, answer</td>', html=True
        )
        self.assertContains(response, '<td class="field-spanish">Complete</td>', html=True)

    def test_the_filter_finds_missing_and_complete_texts(self):
        draft = Question.objects.create(question="Who?", question_es="¿Quién?", answer="Curators.")
        changelist = admin_url(Question, "changelist")
        missing = self.client.get(changelist, {"spanish": "missing"})
        self.assertEqual(list(missing.context_data["cl"].result_list), [draft])
        complete = self.client.get(changelist, {"spanish": "complete"})
        self.assertEqual(complete.context_data["cl"].result_count, Question.objects.count() - 1)
        self.assertNotIn(draft, complete.context_data["cl"].result_list)

    def test_every_translated_model_has_the_column_and_filter(self):
        ListingFactory(community=CommunityFactory())
        for model in TRANSLATED_MODELS:
            for value in ("missing", "complete"):
                with self.subTest(model=model.__name__, spanish=value):
                    response = self.client.get(admin_url(model, "changelist"), {"spanish": value})
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, "By Spanish text")
        listings = self.client.get(admin_url(Listing, "changelist"), {"spanish": "missing"})
        self.assertContains(listings, "Missing: offers, seeks")

    def test_the_form_has_a_spanish_section(self):
        response = self.client.get(admin_url(Question, "change", self.question.pk))
        fieldsets = [fieldset.name for fieldset in response.context_data["adminform"]]
        self.assertIn("Spanish", fieldsets)
        spanish_fields = next(f for f in response.context_data["adminform"] if f.name == "Spanish")
        self.assertEqual(spanish_fields.fields, ("question_es", "answer_es"))
        self.assertContains(response, "While it is empty, Spanish pages show the English answer.")

    def test_a_curator_writes_the_spanish(self):
        question = Question.objects.create(question="Who?", answer="Curators.")
        url = admin_url(Question, "change", question.pk)
        data = change_form_data(self.client.get(url))
        data["answer_es"] = "El equipo editorial."
        self.assertRedirects(self.client.post(url, data), admin_url(Question, "changelist"))
        question.refresh_from_db()
        self.assertEqual(question.answer_es, "El equipo editorial.")
        self.assertEqual(question.history.first().answer_es, "El equipo editorial.")

    def test_a_stale_form_never_saves_over_someone_elses_spanish(self):
        url = admin_url(Question, "change", self.question.pk)
        stale = change_form_data(self.client.get(url))
        other = User.objects.get(username="curator")
        self.client.force_login(curator("other"))
        first = change_form_data(self.client.get(url))
        first["answer_es"] = "La versión de otra persona."
        self.client.post(url, first)

        self.client.force_login(other)
        stale["answer_es"] = "Mi versión."
        response = self.client.post(url, stale)

        self.assertContains(response, "Someone else saved this record after you opened it")
        self.assertContains(response, "answer in Spanish: “La versión de otra persona.”")
        self.question.refresh_from_db()
        self.assertEqual(self.question.answer_es, "La versión de otra persona.")


class SeedTests(TestCase):
    def test_a_new_directory_gets_every_seeded_text_in_spanish(self):
        call_command("seed", stdout=StringIO())
        for model in (Question, HistoryEvent, Organization, Source):
            for record in model.objects.all():
                with self.subTest(record=str(record)):
                    self.assertEqual(missing_spanish(record), [])

    def test_spanish_answers_link_to_spanish_pages(self):
        call_command("seed", stdout=StringIO())
        for question in Question.objects.all():
            english_links = re.findall(r'href="([^"]+)"', question.answer)
            links = re.findall(r'href="([^"]+)"', question.answer_es)
            with self.subTest(question=question.question):
                self.assertEqual(links, ["/es" + link for link in english_links])
                with translation.override("es"):
                    for link in links:
                        resolve(link)

    def test_running_again_keeps_a_curators_spanish(self):
        call_command("seed", stdout=StringIO())
        question = Question.objects.get(question="What is a sister city?")
        question.answer_es = "La versión del equipo editorial."
        question.save()
        call_command("seed", stdout=StringIO())
        question.refresh_from_db()
        self.assertEqual(question.answer_es, "La versión del equipo editorial.")

    def test_an_older_directory_gets_the_spanish_of_untouched_seed_texts(self):
        call_command("seed", stdout=StringIO())
        for model in (Question, HistoryEvent, Organization, Source):
            clear_spanish(model)
        edited = Question.objects.get(question="How do partnerships start?")
        edited.answer = "A curator's own answer."
        edited.save()
        cleared = HistoryEvent.objects.get(year=1956)
        cleared.title_es = "Un título provisional"
        cleared.save()
        cleared.title_es = ""  # a curator chose to show the English for now
        cleared.save()

        out = StringIO()
        call_command("seed", stdout=out)

        self.assertIn("empty Spanish texts of seeded records", out.getvalue())
        filled = Question.objects.get(question="What is a sister city?")
        self.assertEqual(filled.question_es, "¿Qué es una ciudad hermana?")
        self.assertTrue(filled.answer_es.startswith("Es un hermanamiento"))
        self.assertEqual(
            filled.history.first().history_change_reason, "Spanish texts from the seed data"
        )
        edited.refresh_from_db()
        self.assertEqual((edited.question_es, edited.answer_es), ("", ""))
        cleared.refresh_from_db()
        self.assertEqual(cleared.title_es, "")
        self.assertTrue(cleared.description_es.startswith("El presidente Eisenhower"))
        self.assertTrue(Organization.objects.get(slug="sister-cities-africa").description_es)
        self.assertTrue(Source.objects.get(slug="sci-faq").description_es)

        # Filled once: a third run has nothing left to fill.
        out = StringIO()
        call_command("seed", stdout=out)
        self.assertNotIn("Spanish", out.getvalue())

    def test_if_empty_leaves_a_used_directory_alone(self):
        call_command("seed", stdout=StringIO())
        clear_spanish(Question)
        call_command("seed", "--if-empty", stdout=StringIO())
        self.assertFalse(Question.objects.exclude(answer_es="").exists())


class BundleAndApiTests(SeededTestCase):
    def test_the_spanish_texts_go_through_a_bundle(self):
        ListingFactory(community=CommunityFactory(), offers_es="Un coro.", seeks_es="Alumnos.")
        before = {
            model: list(
                model.objects.order_by("pk").values("pk", *model.TRANSLATED_FIELDS.values())
            )
            for model in TRANSLATED_MODELS
        }
        file = Path(tempfile.mkdtemp()) / "directory.json"
        self.addCleanup(file.unlink)
        call_command("export_directory", str(file), stdout=StringIO())
        wipe()
        call_command("restore_directory", str(file), stdout=StringIO())
        for model, rows in before.items():
            with self.subTest(model=model.__name__):
                self.assertTrue(rows and all(any(row.values()) for row in rows))
                after = model.objects.order_by("pk").values(
                    "pk", *model.TRANSLATED_FIELDS.values()
                )
                self.assertEqual(list(after), rows)

    def test_the_api_gives_the_spanish_descriptions(self):
        organizations = self.client.get("/api/organizations", {"q": "Sister Cities Africa"}).json()
        africa = next(o for o in organizations["results"] if o["slug"] == "sister-cities-africa")
        self.assertEqual(africa["description_es"], self.partner.description_es)
        sources = self.client.get("/api/sources").json()["results"]
        san_jose = next(s for s in sources if s["slug"] == "san-jose-list")
        self.assertEqual(san_jose["description_es"], self.source.description_es)
