"""Open data is open to pages on any site: the API and the downloads answer GET and HEAD
with ``Access-Control-Allow-Origin: *``, and with a ``Link`` to the terms of the
sources their records come from (rel="license"). Nothing they serve depends on a cookie, so no
credentials are allowed, and no other method is."""

from .licences import attribution_link

API_NAMESPACE = "api"
EXPOSED_HEADERS = "Content-Disposition, Content-Range, ETag, Link"


def open_to_every_origin(view):
    """Marks a view whose answers any site's scripts may read."""
    view.open_to_every_origin = True
    return view


def is_open(match):
    return match is not None and (
        match.namespace == API_NAMESPACE or getattr(match.func, "open_to_every_origin", False)
    )


class CrossOriginReadMiddleware:
    """Before PublicPageMiddleware, so that 304s and cached answers get the header too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in ("GET", "HEAD") and is_open(request.resolver_match):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            # Where the terms of each source are: every answer carries its credit.
            response["Link"] = attribution_link(request)
        return response
