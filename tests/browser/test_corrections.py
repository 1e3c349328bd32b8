"""Public corrections in a real browser: a visitor reports, a moderator accepts, a
curator corrects; and the form's other states checked by axe (the Nu Html Checker sees
them through correction_pages(), in test_html.py)."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import override_settings
from django.urls import reverse
from playwright.sync_api import expect

from .test_accessibility import audit

pytestmark = pytest.mark.django_db(transaction=True)

FORM = "/cities/miami-dade-county/correction/"
REPORT = {
    "record": "The partnership with Prague",
    "what": "The partnership with Prague began in 2011, not 2010. <b>Not bold</b>",
    "evidence": "https://example.org/miami-dade/council-minutes-2011",
}


def fill_report(page, email=""):
    page.get_by_label("Which record is wrong?").select_option(label=REPORT["record"])
    page.get_by_label("What is wrong?").fill(REPORT["what"])
    page.get_by_label("How do you know?").fill(REPORT["evidence"])
    page.get_by_label("Your email address (optional)").fill(email)
    page.get_by_role("button", name="Send the report").click()


def group(name):
    """The group as its migration makes it, made again when an earlier live-server test
    emptied every table: Moderators decide reports, Curators edit the directory and may
    read the reports."""
    group, created = Group.objects.get_or_create(name=name)
    if created:
        permissions = Permission.objects.filter(content_type__app_label="directory")
        if name == "Moderators":
            permissions = permissions.filter(codename__endswith="correctionreport")
        else:
            permissions = permissions.exclude(codename="change_correctionreport")
        group.permissions.set(permissions.exclude(codename__startswith="delete_"))
    return group


def sign_in(page, site, username, group_name):
    user = User.objects.create_user(username, password="x-Tr4ck-9f2", is_staff=True)
    user.groups.add(group(group_name))
    page.goto(site + reverse("admin:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("x-Tr4ck-9f2")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Site administration")).to_be_visible()


def test_a_reported_correction_is_accepted_and_made(page, browser, site):
    page.goto(site + "/cities/miami-dade-county/")
    page.get_by_role("link", name="Report a correction").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Report a correction to Miami-Dade County"
    )
    fill_report(page, email="resident@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your report")
    expect(page.locator("main")).to_contain_text("<b>Not bold</b>")

    moderator = browser.new_context().new_page()
    sign_in(moderator, site, "moderator", "Moderators")
    moderator.get_by_role("link", name="Correction reports").first.click()
    moderator.locator("#result_list tbody th a").first.click()
    moderator.get_by_label("State").select_option("accepted")
    moderator.get_by_label("Reply to the reporter").fill("Thank you: a curator corrects it.")
    moderator.locator("input[name=_save]").click()
    expect(moderator.locator(".messagelist")).to_contain_text("The outcome was emailed")
    expect(
        moderator.locator(".messagelist").get_by_role("link", name="Edit the partnership")
    ).to_be_visible()
    moderator.context.close()

    curator = browser.new_context().new_page()
    sign_in(curator, site, "curator", "Curators")
    curator.get_by_role("link", name="Correction reports").first.click()
    curator.locator("#result_list tbody th a").first.click()
    curator.get_by_role("link", name="Edit the partnership").click()
    curator.locator("#id_established_year").fill("2011")
    curator.get_by_label("Mark verified today").check()
    curator.locator("input[name=_save]").click()
    expect(curator.locator(".messagelist")).to_contain_text("was changed successfully")
    curator.context.close()

    page.goto(site + "/cities/miami-dade-county/")
    row = page.get_by_role("table", name="Partners of Miami-Dade County").get_by_role(
        "row", name=re.compile("Prague")
    )
    expect(row).to_contain_text("2011")
    expect(row).to_contain_text(f"Checked by a curator in {date.today():%B %Y}")


def test_the_form_with_errors_has_no_accessibility_violations(browser, site):
    def send_empty(page):
        page.goto(site + FORM)
        page.get_by_label("What is wrong?").fill("x" * 2001)
        page.get_by_role("button", name="Send the report").click()
        summary = page.get_by_role("alert")
        expect(summary).to_contain_text("There is a problem with your report")
        expect(summary).to_be_focused()
        summary.get_by_role("link", name=re.compile("How do you know")).click()
        expect(page.get_by_label("How do you know?")).to_be_focused()

    violations = audit(browser, "correction-errors", send_empty)
    assert not violations, violations


def test_the_thank_you_page_with_a_report_has_no_accessibility_violations(browser, site):
    def send(page):
        page.goto(site + FORM)
        fill_report(page)
        expect(page.get_by_role("heading", level=2, name="What you sent")).to_be_visible()

    violations = audit(browser, "correction-sent", send)
    assert not violations, violations


def test_the_too_many_reports_page_has_no_accessibility_violations(browser, site, settings):
    settings.CORRECTION_RATE_LIMIT = 0

    def send(page):
        page.goto(site + FORM)
        fill_report(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Too many reports from your connection"
        )

    violations = audit(browser, "correction-429", send)
    assert not violations, violations


def correction_pages(client):
    """The form's states that no GET shows: with errors, sent, and refused (429)."""
    data = {"record": "community", "what": "", "evidence": "", "email": "x", "website": ""}
    pages = {"correction-errors": client.post(FORM, data).content}
    data.update(what="The region is wrong.", evidence="https://example.org", email="")
    pages["correction-sent"] = client.post(FORM, data, follow=True).content
    with override_settings(CORRECTION_RATE_LIMIT=0):
        response = client.post(FORM, data)
    assert response.status_code == 429
    pages["correction-429"] = response.content
    return pages
