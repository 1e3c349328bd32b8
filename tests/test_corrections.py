"""The public correction form: what it accepts and refuses, its trap for programs, its
limit per address, and pages that are never cached."""

from django.core.cache import cache
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from directory import counting
from directory.models import CorrectionReport, Count, Generation
from directory.models.corrections import EVIDENCE_MAX_LENGTH, WHAT_MAX_LENGTH
from tests.factories import CommunityFactory, PartnershipFactory
from tests.test_caching import LOCAL_CACHE

SCRIPT = '<script>alert("x")</script> & <b>bold</b>'


class CorrectionTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.town = CommunityFactory(name="Alderbrook", country="US")
        cls.partner = CommunityFactory(name="Lindenau", country="DE")
        cls.partnership = PartnershipFactory(community_a=cls.town, community_b=cls.partner)
        other = CommunityFactory(name="Elsewhere", country="US")
        cls.foreign = PartnershipFactory(community_a=other, community_b=cls.partner)
        cls.url = reverse("directory:community-correction", args=[cls.town.slug])

    def setUp(self):
        cache.clear()

    def report(self, client=None, url=None, **fields):
        data = {
            "record": self.partnership.pk,
            "what": "It began in 1985, not 1958.",
            "evidence": "https://example.org/council-minutes-1985",
            "email": "",
            "website": "",
            **fields,
        }
        return (client or self.client).post(url or self.url, data)


class FormTests(CorrectionTestCase):
    def test_community_page_links_to_the_form(self):
        self.assertContains(self.client.get(self.town.get_absolute_url()), f'href="{self.url}"')

    def test_form_offers_the_community_and_its_partnerships_only(self):
        response = self.client.get(self.url)
        self.assertContains(response, "Alderbrook (the community itself)")
        self.assertContains(response, "The partnership with Lindenau")
        self.assertContains(response, f'<option value="{self.partnership.pk}">')
        self.assertNotContains(response, f'<option value="{self.foreign.pk}">')

    def test_the_spanish_form_is_in_spanish(self):
        response = self.client.get(f"/es{self.url}")
        self.assertContains(response, "Alderbrook (la propia comunidad)")
        self.assertContains(response, "El hermanamiento con Lindenau")
        self.assertContains(response, "¿Qué registro es incorrecto?")
        self.assertContains(response, "Hasta 2\xa0000 caracteres.")
        self.assertContains(response, "Hasta 1\xa0000 caracteres.")
        english = self.client.get(self.url)
        self.assertContains(english, "Up to 2,000 characters.")
        self.assertContains(english, "Up to 1,000 characters.")

    def test_a_report_is_stored_and_the_visitor_thanked(self):
        response = self.report(email="reporter@example.org")
        report = CorrectionReport.objects.get()
        self.assertEqual(
            (report.community, report.partnership, report.state, report.email),
            (self.town, self.partnership, "new", "reporter@example.org"),
        )
        self.assertEqual(response.status_code, 302)
        thanks = self.client.get(response["Location"])
        self.assertContains(thanks, "It began in 1985, not 1958.")
        self.assertContains(thanks, "What happens next")

    def test_a_report_remembers_the_language_it_was_sent_in(self):
        self.report()
        self.report(url=f"/es{self.url}", what="Comenzó en 1985.")
        languages = dict(CorrectionReport.objects.values_list("what", "language"))
        self.assertEqual(
            languages, {"It began in 1985, not 1958.": "en", "Comenzó en 1985.": "es"}
        )

    def test_a_report_on_the_community_itself(self):
        self.report(record="community")
        report = CorrectionReport.objects.get()
        self.assertEqual((report.community, report.partnership), (self.town, None))

    def test_a_partnership_of_another_community_is_a_form_error(self):
        for forged in (self.foreign.pk, 999_999, "abc"):
            with self.subTest(forged=forged):
                response = self.report(record=forged)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Choose the community or one of the partnerships")
                self.assertContains(response, 'href="#id_record"')
        self.assertFalse(CorrectionReport.objects.exists())

    def test_required_fields_are_listed_in_an_error_summary(self):
        response = self.report(what=" ", evidence="")
        self.assertContains(response, "There is a problem with your report")
        self.assertContains(response, 'href="#id_what"')
        self.assertContains(response, 'href="#id_evidence"')
        self.assertContains(response, "Say what is wrong with the record.")
        self.assertFalse(CorrectionReport.objects.exists())

    def test_length_limits(self):
        response = self.report(what="x" * (WHAT_MAX_LENGTH + 1))
        self.assertContains(response, 'href="#id_what"')
        response = self.report(evidence="x" * (EVIDENCE_MAX_LENGTH + 1))
        self.assertContains(response, 'href="#id_evidence"')
        self.assertFalse(CorrectionReport.objects.exists())
        self.report(what="x" * WHAT_MAX_LENGTH, evidence="y" * EVIDENCE_MAX_LENGTH)
        self.assertEqual(len(CorrectionReport.objects.get().what), WHAT_MAX_LENGTH)

    def test_an_invalid_email_is_refused(self):
        response = self.report(email="not an address")
        self.assertContains(response, 'href="#id_email"')
        self.assertFalse(CorrectionReport.objects.exists())

    def test_html_is_stored_as_typed_and_shown_as_text(self):
        response = self.report(what=SCRIPT, evidence=SCRIPT)
        self.assertEqual(CorrectionReport.objects.get().what, SCRIPT)
        thanks = self.client.get(response["Location"])
        self.assertNotContains(thanks, "<script>alert")
        self.assertNotContains(thanks, "<b>bold")
        self.assertContains(thanks, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;")

    def test_a_filled_trap_looks_accepted_but_stores_nothing(self):
        response = self.report(website="https://spam.example")
        self.assertRedirects(
            response, reverse("directory:correction-thanks", args=[self.town.slug])
        )
        self.assertFalse(CorrectionReport.objects.exists())

    def test_the_trap_is_hidden_from_people(self):
        response = self.client.get(self.url)
        self.assertContains(response, '<div class="trap" aria-hidden="true">')
        self.assertContains(response, 'tabindex="-1"')
        self.assertContains(response, 'autocomplete="off"')

    def test_a_report_needs_the_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        self.assertEqual(self.report(client).status_code, 403)
        self.assertFalse(CorrectionReport.objects.exists())
        token = client.get(self.url).cookies["csrftoken"].value
        response = self.report(client, csrfmiddlewaretoken=token)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(CorrectionReport.objects.count(), 1)

    def test_the_thank_you_page_shows_no_report_for_a_forged_token(self):
        self.report()
        thanks = reverse("directory:correction-thanks", args=[self.town.slug])
        response = self.client.get(thanks, {"report": CorrectionReport.objects.get().pk})
        self.assertContains(response, "Thank you for your report")
        self.assertNotContains(response, "It began in 1985")

    def test_an_unknown_community_is_a_404(self):
        url = reverse("directory:community-correction", args=["atlantis"])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.post(url, {}).status_code, 404)

    def test_a_report_is_no_change_to_the_directory(self):
        generation = Generation.objects.current()[0]
        self.report()
        self.assertEqual(Generation.objects.current()[0], generation)


@override_settings(CORRECTION_RATE_LIMIT=2)
class RateLimitTests(CorrectionTestCase):
    def test_over_the_limit_a_429_says_when_to_try_again(self):
        for _ in range(2):
            self.assertEqual(self.report().status_code, 302)
        response = self.report()
        self.assertEqual(response.status_code, 429)
        wait = int(response["Retry-After"])
        self.assertTrue(0 < wait <= 3600)
        self.assertContains(response, "Too many reports from your connection", status_code=429)
        self.assertContains(response, "We accept 2 reports an hour", status_code=429)
        self.assertContains(response, f"try again in {-(-wait // 60)} minute", status_code=429)
        self.assertContains(response, '<a class="skip-link"', status_code=429)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(CorrectionReport.objects.count(), 2)

    def test_the_limit_is_per_address(self):
        for _ in range(2):
            self.report()
        other = Client(REMOTE_ADDR="192.0.2.7")
        self.assertEqual(self.report(other).status_code, 302)
        self.assertEqual(self.report().status_code, 429)

    def test_a_forwarded_for_header_is_the_clients_word_and_ignored(self):
        # Without BEHIND_PROXY anyone can send X-Forwarded-For: it changes nothing.
        for forwarded in ("198.51.100.1", "198.51.100.2"):
            self.report(Client(headers={"x-forwarded-for": forwarded}))
        spoofing = Client(headers={"x-forwarded-for": "198.51.100.3"})
        self.assertEqual(self.report(spoofing).status_code, 429)

    @override_settings(BEHIND_PROXY=True)
    def test_behind_a_proxy_the_address_it_adds_counts(self):
        # The proxy (REMOTE_ADDR) appends the address it sees to what the client sent.
        def through_proxy(sent, seen):
            return Client(REMOTE_ADDR="10.0.0.2", headers={"x-forwarded-for": f"{sent}, {seen}"})

        for sent in ("198.51.100.1", "198.51.100.2"):
            self.assertEqual(self.report(through_proxy(sent, "203.0.113.5")).status_code, 302)
        self.assertEqual(
            self.report(through_proxy("198.51.100.3", "203.0.113.5")).status_code, 429
        )
        # Another reader behind the same proxy has an allowance of their own.
        self.assertEqual(
            self.report(through_proxy("198.51.100.3", "203.0.113.6")).status_code, 302
        )
        self.assertEqual(Count.objects.filter(key__contains="203.0.113.5").get().count, 2)

    def test_counts_are_kept_in_the_database_without_redis(self):
        self.report()
        count = Count.objects.get()
        self.assertTrue(count.key.startswith("correction-reports:127.0.0.1:"))
        self.assertEqual(count.count, 1)
        # An expired count starts again from one, and expired counts are cleared away.
        Count.objects.update(expires=timezone.now())
        Count.objects.create(key="old", expires=timezone.now(), count=9)
        self.assertEqual(counting.add(count.key, 60), 1)
        self.assertEqual(list(Count.objects.values_list("count", flat=True)), [1])

    def test_trapped_reports_count_and_mistakes_do_not(self):
        self.report(website="spam")
        self.report(what="")
        self.report(what="")
        self.assertEqual(self.report().status_code, 302)
        self.assertEqual(self.report().status_code, 429)


@override_settings(CACHES=LOCAL_CACHE, PAGE_CACHE_SECONDS=300)
class CachingTests(CorrectionTestCase):
    def test_the_form_is_never_cached_or_revalidated(self):
        etag = self.client.get(self.town.get_absolute_url())["ETag"]
        for _ in range(2):
            response = self.client.get(self.url, headers={"if-none-match": etag})
            self.assertEqual(response.status_code, 200)
            self.assertNotIn("X-Cache", response)
            self.assertNotIn("ETag", response)
            control = response["Cache-Control"]
            self.assertIn("private", control)
            self.assertIn("no-store", control)
            self.assertNotIn("public", control)
            self.assertNotIn("s-maxage", control)
            self.assertContains(response, "csrfmiddlewaretoken")

    def test_the_thank_you_page_is_private(self):
        response = self.client.get(self.report()["Location"])
        self.assertIn("private", response["Cache-Control"])
        self.assertNotIn("X-Cache", response)
