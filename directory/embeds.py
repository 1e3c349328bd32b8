"""A community's partners for other sites to show: the embed page, made to be framed in
an ``<iframe>`` (/cities/<slug>/embed/, and /es/...), and the oEmbed endpoint that hands
out the ``<iframe>`` for a community page's address (/oembed?url=...).

Only embed pages may be framed by other sites: they send ``frame-ancestors *`` and no
X-Frame-Options (``framed_anywhere``, a middleware, so that the page cache's copies and
304s say so too); every other page keeps refusing. An embed page has no script, no form
and no cookie; its links open in a new tab, away from the frame.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from .models import Community, Partnership
from .opendata.licences import credits

THEMES = ("light", "dark")
# The frame's size in the embed code: the heading and the credits, and a partner's two
# lines each, up to MOST_LINES partners; a longer list scrolls inside the frame. Measured
# in Chromium at 480 px wide: 127 px with no partner, 162 to 181 with one, 231 to 250 with
# two, 527 with eight, in English and Spanish.
FRAME_WIDTH = 480
FRAME_BASE, PARTNER_HEIGHT, MOST_LINES = 160, 48, 12
FRAMED_ANYWHERE = {"frame-ancestors": ["*"]}


def frame_height(partners):
    return FRAME_BASE + PARTNER_HEIGHT * min(max(partners, 1), MOST_LINES)


def snippet(request, community, width=FRAME_WIDTH, height=None):
    """The ``<iframe>`` that shows ``community``'s embed page on another site."""
    src = request.build_absolute_uri(reverse("directory:community-embed", args=[community.slug]))
    return render_to_string(
        "directory/embed_snippet.jinja",
        {
            "src": src,
            "title": _("Partners of %(name)s") % {"name": community.name},
            "width": width,
            "height": height or frame_height(community.partner_count),
        },
    ).strip()


def framed_anywhere(get_response):
    """Mark the embed pages' responses, however they were answered (the view, the page
    cache or a 304), as django-csp's ``csp_replace`` and Django's
    ``xframe_options_exempt`` decorators mark a view's own: the Content-Security-Policy
    and X-Frame-Options middleware, which come before this one, then let any site frame
    them."""

    def middleware(request):
        response = get_response(request)
        match = request.resolver_match
        if match and match.view_name == "directory:community-embed":
            response._csp_replace = FRAMED_ANYWHERE
            response.xframe_options_exempt = True
        return response

    return middleware


class EmbedView(DetailView):
    """A community's partners, compact: name, country, year, status and sources, with
    the sources' licences and a link back to the community's page."""

    template_name = "directory/embed.jinja"
    queryset = Community.objects.defer("search_text")

    def get_context_data(self, **kwargs):
        community = self.object
        partnerships = Partnership.objects.of(community)
        theme = self.request.GET.get("theme")
        return super().get_context_data(
            theme=theme if theme in THEMES else THEMES[0],
            partnerships=partnerships,
            credits=credits(c.source for p in partnerships for c in p.cited),
            page_url=self.request.build_absolute_uri(community.get_absolute_url()),
            **kwargs,
        )


@require_safe
def oembed(request):
    """oEmbed (https://oembed.com): for the address of a community's page on this site,
    a "rich" answer whose ``html`` is the ``<iframe>`` of its embed page. JSON only: an
    address that is not a community page here is a 404, another format a 501."""
    if request.GET.get("format", "json") != "json":
        return JsonResponse({"error": _("Only the JSON format is offered.")}, status=501)
    address = urlsplit(request.GET.get("url", ""))
    language = translation.get_language_from_path(address.path) or settings.LANGUAGE_CODE
    with translation.override(language):
        community = community_at(request, address)
        if community is None:
            return JsonResponse(
                {"error": _("That is not the address of a community's page here.")}, status=404
            )
        width = bounded(request.GET.get("maxwidth"), FRAME_WIDTH)
        height = bounded(request.GET.get("maxheight"), frame_height(community.partner_count))
        return JsonResponse(
            {
                "version": "1.0",
                "type": "rich",
                "title": _("Partners of %(name)s") % {"name": community.name},
                "provider_name": _("Sister Cities Directory"),
                "provider_url": request.build_absolute_uri(reverse("directory:home")),
                "html": snippet(request, community, width, height),
                "width": width,
                "height": height,
                "cache_age": 86400,
            }
        )


def community_at(request, address):
    """The community whose page is at ``address`` (split) on this site, or None."""
    if address.netloc != request.get_host() or address.scheme not in ("http", "https"):
        return None
    try:
        match = resolve(address.path)
    except Resolver404:
        return None
    if match.view_name != "directory:community-detail":
        return None
    return Community.objects.filter(slug=match.kwargs["slug"]).first()


def bounded(requested, natural):
    """``natural``, or the consumer's ``maxwidth`` or ``maxheight`` when that is smaller."""
    try:
        most = int(requested)
    except (TypeError, ValueError):
        return natural
    return max(1, min(natural, most))
