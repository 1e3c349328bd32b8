"""The email that tells a reporter what became of their report."""

import logging
import smtplib

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _

from directory.models import CorrectionReport

logger = logging.getLogger(__name__)


def outcome_due(report):
    """Whether the reporter is owed an email: the report is decided, with a reply, they
    gave an address, and this outcome has not been sent yet."""
    return bool(
        report.state != CorrectionReport.State.NEW
        and report.reply.strip()
        and report.email
        and report.emailed_outcome != report.state
    )


def send_outcome(report, community_url):
    """Email the outcome when it is due, and remember that it was sent (so a later save
    does not send it again). Returns whether an email went out; a mail server that
    fails is logged and leaves the outcome due, for the next save to send."""
    if not outcome_due(report):
        return False
    # The address is translated from the admin's language, English, into the report's.
    community_url = translate_url(community_url, report.language)
    with translation.override(report.language):
        subject, body = outcome_email(report, community_url)
    try:
        send_mail(subject, body, None, [report.email])
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not email the outcome of correction report %s", report.pk)
        return False
    # An update, not a save: sending is not an edit of the report.
    CorrectionReport.objects.filter(pk=report.pk).update(emailed_outcome=report.state)
    report.emailed_outcome = report.state
    return True


def outcome_email(report, community_url):
    """(subject, body) of the outcome email, in the active language."""
    subject = (
        _("Your correction to %(community)s was accepted")
        if report.state == CorrectionReport.State.ACCEPTED
        else _("Your correction to %(community)s was not accepted")
    ) % {"community": report.community.name}
    body = render_to_string(
        "corrections/email/outcome.txt", {"report": report, "community_url": community_url}
    )
    return subject, body
