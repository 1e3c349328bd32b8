"""The public form: /cities/<slug>/correction/, and its thank-you page.

Neither page is ever cached, by the page cache or anyone else: the form carries a CSRF
token, and the thank-you page shows the report just sent (directory/caching.py lists
them in UNCACHED_VIEWS; never_cache marks them private)."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from directory.models import Community, CorrectionReport

from . import limits
from .forms import CorrectionForm

# The thank-you page shows the report sent for this long after it was sent.
THANKS_SECONDS = 3600
SALT = "directory.corrections.thanks"


class CommunityMixin:
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        communities = Community.objects.only("name", "slug")
        self.community = get_object_or_404(communities, slug=kwargs["slug"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(community=self.community, **kwargs)


@method_decorator(never_cache, name="dispatch")
class CorrectionView(CommunityMixin, FormView):
    template_name = "corrections/report.html"
    form_class = CorrectionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "community": self.community}

    def post(self, request, *args, **kwargs):
        wait = limits.retry_after(request)
        if wait:
            return too_many_reports(request, self.community, wait)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        limits.count(self.request)
        thanks = reverse("directory:correction-thanks", args=[self.community.slug])
        if form.is_trap:
            # Looks like any other report to the program that sent it; nothing is kept.
            return redirect(thanks)
        report = form.save(commit=False)
        report.language = get_language()
        report.save()
        return redirect(f"{thanks}?report={signing.dumps(report.pk, salt=SALT)}")


def too_many_reports(request, community, wait):
    response = TemplateResponse(
        request,
        "corrections/rate_limited.html",
        {
            "community": community,
            "limit": settings.CORRECTION_RATE_LIMIT,
            "minutes": -(-wait // 60),
            "retry_at": timezone.now() + timedelta(seconds=wait),
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


@method_decorator(never_cache, name="dispatch")
class ThanksView(CommunityMixin, TemplateView):
    """Says what happens next; shows the report sent, when the address names it."""

    template_name = "corrections/thanks.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report(), **kwargs)

    def report(self):
        try:
            token = self.request.GET.get("report", "")
            pk = signing.loads(token, salt=SALT, max_age=THANKS_SECONDS)
        except signing.BadSignature:
            return None
        return (
            CorrectionReport.objects.filter(pk=pk, community=self.community)
            .select_related("partnership__community_a", "partnership__community_b")
            .first()
        )
