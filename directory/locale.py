"""Which language a request is served in: the address's alone."""

from django.middleware.locale import LocaleMiddleware
from django.utils.cache import cc_delim_re


class LanguageFromAddressMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, for a site whose language comes from the address alone
    (``i18n_patterns`` with ``prefix_default_language=False``): /es/... in Spanish, every
    other address in English, whatever the browser asks for.

    LocaleMiddleware still answers every address without a prefix with ``Vary:
    Accept-Language``, which would make a CDN keep a copy of each English page for every
    Accept-Language header it sees. As the page does not depend on that header, the
    header is taken out of Vary again."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [
                header
                for header in cc_delim_re.split(response["Vary"])
                if header and header.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
