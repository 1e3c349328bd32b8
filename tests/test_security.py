"""Security headers on every kind of response, cookies, the HTTPS redirect, the admin's
address and its lockout after repeated failed sign-ins, and Django's deployment checks."""

import re
import secrets
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import path, reverse

from directory.curation import HISTORY_PAGE_STYLE
from directory.models import Partnership
from sistercities import urls as site_urls

from .test_settings import run_with


def broken_view(request):
    raise RuntimeError("broken on purpose")


# This module doubles as a URLconf with one page that fails, for the 500 page.
urlpatterns = [path("broken/", broken_view), *site_urls.urlpatterns]
handler500 = site_urls.handler500

PAGES = {
    "home": "/",
    "search": "/cities/?q=san+jose",
    "community": "/cities/miami-dade-county/",
    "organization": "/directory/miami-dade-county-sister-cities-program/",
    "directory": "/directory/",
    "faq": "/faq/",
    "404": "/cities/atlantis/",
    "sitemap": "/sitemap.xml",
    "robots": "/robots.txt",
    "health": "/healthz",
    "static file": "/static/css/site.css",
}
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains; preload"


@override_settings(WHITENOISE_USE_FINDERS=True, SECURE_HSTS_SECONDS=31_536_000)
class HeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed", stdout=StringIO())

    def assertSecurityHeaders(self, response):
        for name, value in HEADERS.items():
            self.assertEqual(response.get(name), value, name)
        self.assertEqual(response.get("Strict-Transport-Security"), HSTS)
        policy = response["Content-Security-Policy"]
        self.assertIn("default-src 'self'", policy)
        self.assertIn("frame-ancestors 'none'", policy)
        self.assertIn("object-src 'none'", policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertNotIn("unsafe-eval", policy)
        features = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            self.assertIn(feature, features)

    def test_every_kind_of_page(self):
        for name, url in PAGES.items():
            with self.subTest(name):
                response = self.client.get(url, secure=True)
                self.assertEqual(response.status_code, 404 if name == "404" else 200)
                self.assertSecurityHeaders(response)

    def test_admin_sign_in_page(self):
        response = self.client.get(reverse("admin:login"), secure=True)
        self.assertEqual(response.status_code, 200)
        self.assertSecurityHeaders(response)

    @override_settings(ROOT_URLCONF=__name__)
    def test_server_error_page(self):
        self.client.raise_request_exception = False
        response = self.client.get("/broken/", secure=True)
        self.assertEqual(response.status_code, 500)
        self.assertContains(response, "Sorry, there is a problem", status_code=500)
        self.assertSecurityHeaders(response)

    def test_only_the_history_page_allows_one_style_attribute_by_its_hash(self):
        self.client.force_login(get_user_model().objects.create_superuser("admin"))
        partnership = Partnership.objects.first()
        changelist = self.client.get(reverse("admin:directory_partnership_changelist"))
        self.assertNotIn("style-src-attr", changelist["Content-Security-Policy"])
        history = self.client.get(
            reverse("admin:directory_partnership_history", args=[partnership.pk])
        )
        self.assertEqual(history.status_code, 200)
        policy = history["Content-Security-Policy"]
        self.assertIn(f"style-src-attr {' '.join(HISTORY_PAGE_STYLE['style-src-attr'])}", policy)
        self.assertNotIn("unsafe-inline", policy)

    def test_hsts_only_over_https(self):
        self.assertNotIn("Strict-Transport-Security", self.client.get("/faq/"))

    def test_public_pages_carry_no_inline_code_that_the_policy_would_block(self):
        # A JSON-LD data block is not code: the policy does not apply to it.
        inline = re.compile(
            r"<style|\sstyle=|\son[a-z]+="
            r"|<script(?![^>]*\ssrc=)(?! type=\"application/ld\+json\")",
            re.I,
        )
        for name, url in PAGES.items():
            if name in {"static file", "sitemap", "robots", "health"}:
                continue
            with self.subTest(name):
                html = self.client.get(url).content.decode()
                self.assertIsNone(inline.search(html), inline.search(html))

    @override_settings(SECURE_SSL_REDIRECT=True)
    def test_plain_http_is_redirected_except_the_health_check(self):
        response = self.client.get("/faq/?x=1")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "https://testserver/faq/?x=1")
        self.assertEqual(self.client.get("/healthz").status_code, 200)


PASSWORD = "a-long-enough-password-1"


class AdminSignInTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        get_user_model().objects.create_superuser("curator", password=PASSWORD)

    def sign_in(self, password, **extra):
        return self.client.post(
            reverse("admin:login"),
            {"username": "curator", "password": password, "next": reverse("admin:index")},
            **extra,
        )

    def test_lockout_after_five_failures_even_with_the_right_password(self):
        for _ in range(4):
            self.assertContains(self.sign_in("wrong"), "Please enter the correct username")
        locked = self.sign_in("wrong")
        self.assertContains(locked, "Sign-in is paused", status_code=429)
        self.assertContains(locked, "refused for 15 minutes", status_code=429)
        # The sign-in page is English only; the message is repeated in Spanish.
        self.assertContains(
            locked, '<section lang="es" aria-labelledby="in-spanish">', status_code=429
        )
        self.assertContains(locked, "15 minutos", status_code=429)
        self.assertContains(locked, 'href="/es/"', status_code=429)
        self.assertEqual(locked["X-Frame-Options"], "DENY")
        refused = self.sign_in(PASSWORD)
        self.assertEqual(refused.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)

        call_command("axes_reset", stdout=StringIO())
        self.assertRedirects(self.sign_in(PASSWORD), reverse("admin:index"))

    def test_other_addresses_are_not_locked_out(self):
        for _ in range(5):
            self.sign_in("wrong", REMOTE_ADDR="192.0.2.1")
        self.assertEqual(self.sign_in(PASSWORD, REMOTE_ADDR="192.0.2.1").status_code, 429)
        response = self.sign_in(PASSWORD, REMOTE_ADDR="192.0.2.2")
        self.assertRedirects(response, reverse("admin:index"))

    @override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
    def test_cookies_are_secure_http_only_and_same_site(self):
        self.client.get(reverse("admin:login"), secure=True)
        csrf = self.client.cookies["csrftoken"]
        response = self.sign_in(PASSWORD, secure=True)
        session = response.cookies["sessionid"]
        for cookie in (csrf, session):
            self.assertTrue(cookie["secure"], cookie.key)
            self.assertTrue(cookie["httponly"], cookie.key)
            self.assertEqual(cookie["samesite"], "Lax", cookie.key)


PRINT_SECURITY = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
    "s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)"
)
PRODUCTION = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "sistercities.example.org"}


def test_production_insists_on_https_and_debug_or_https_off_does_not():
    assert run_with(PRODUCTION, PRINT_SECURITY).stdout.split() == [
        "True", "True", "True", "31536000", "None",
    ]  # fmt: skip
    for env in ({"DEBUG": "1"}, {**PRODUCTION, "HTTPS": "0"}):
        assert run_with(env, PRINT_SECURITY).stdout.split() == [
            "False", "False", "False", "0", "None",
        ]  # fmt: skip


def test_hsts_and_proxy_come_from_the_environment():
    env = {**PRODUCTION, "HSTS_SECONDS": "600", "BEHIND_PROXY": "1"}
    printed = run_with(env, PRINT_SECURITY).stdout
    assert " 600 ('HTTP_X_FORWARDED_PROTO', 'https')" in printed


PRINT_ADMIN = (
    "import django; django.setup(); from django.urls import reverse, resolve, Resolver404\n"
    "print(reverse('admin:index'))\n"
    "try: resolve('/admin/')\n"
    "except Resolver404: print('no /admin/')"
)


def test_admin_path_comes_from_the_environment():
    assert run_with({**PRODUCTION, "ADMIN_PATH": "/staff-only/"}, PRINT_ADMIN).stdout.split("\n")[
        :2
    ] == ["/staff-only/", "no /admin/"]
    assert run_with(PRODUCTION, PRINT_ADMIN).stdout.startswith("/admin/\n")


CHECK_DEPLOY = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]


def test_deployment_checks_pass_in_production_and_fail_without_https():
    passed = run_with(PRODUCTION, code=None, args=CHECK_DEPLOY)
    assert passed.returncode == 0, passed.stderr
    assert "System check identified no issues (0 silenced)." in passed.stdout
    failed = run_with({**PRODUCTION, "HTTPS": "0"}, code=None, args=CHECK_DEPLOY)
    assert failed.returncode != 0
    assert "security.W008" in failed.stderr  # SECURE_SSL_REDIRECT


PRINT_CSP = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(bool(s.CONTENT_SECURITY_POLICY), bool(getattr(s, "
    "'CONTENT_SECURITY_POLICY_REPORT_ONLY', None)))"
)


def test_the_policy_only_reports_in_debug_mode_where_django_error_pages_need_inline_code():
    assert run_with(PRODUCTION, PRINT_CSP).stdout.split() == ["True", "False"]
    assert run_with({"DEBUG": "1"}, PRINT_CSP).stdout.split() == ["False", "True"]
