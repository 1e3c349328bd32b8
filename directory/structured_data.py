"""schema.org structured data (JSON-LD) for search engines and other programs that read
pages: a community (a ``City``, or an ``AdministrativeArea`` for a county, region or
the like) with its place, its GeoNames page and its partners; an ``Organization`` with
its contact; the FAQ (``FAQPage``); the whole-directory download (``Dataset``); and
each page's breadcrumbs (``BreadcrumbList``).

Each function gives a dict; ``includes/structured_data.jinja`` writes it into the page.
Only what the directory records is said: a value that is not known is left out.
"""

import json
from html import unescape

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from markupsafe import Markup

from . import translation
from .models import Community
from .templatetags.sanitizing import answer_html

SCHEMA = "https://schema.org"
TOWNS = {Community.Kind.CITY, Community.Kind.TOWN, Community.Kind.MUNICIPALITY}
# In a <script> element, these would end it or start markup; JSON lets them be escaped.
UNSAFE_IN_SCRIPT = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def as_script_text(data):
    """``data`` as JSON that can sit inside ``<script type="application/ld+json">``."""
    return Markup(json.dumps(data, ensure_ascii=False).translate(UNSAFE_IN_SCRIPT))


def graph(*nodes):
    return {"@context": SCHEMA, "@graph": [node for node in nodes if node]}


def place(request, community):
    """A community as a schema.org place."""
    url = request.build_absolute_uri(community.get_absolute_url())
    node = {
        "@type": "City" if community.kind in TOWNS else "AdministrativeArea",
        "@id": f"{url}#place",
        "name": community.name,
        "url": url,
    }
    if community.country:
        node["containedInPlace"] = {"@type": "Country", "name": community.country.name}
    if community.latitude is not None and community.longitude is not None:
        node["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(community.latitude),
            "longitude": float(community.longitude),
        }
    if community.geonames_url:
        node["sameAs"] = community.geonames_url
    return node


def community(request, community, partnerships):
    """A community's page: its place, its partners in order, and its breadcrumbs."""
    partners = [partnership.partner for partnership in partnerships]
    return graph(
        place(request, community),
        {
            "@type": "ItemList",
            "name": _("Partners of %(name)s") % {"name": community.name},
            "numberOfItems": len(partners),
            "itemListElement": [
                {"@type": "ListItem", "position": position, "item": place(request, partner)}
                for position, partner in enumerate(partners, 1)
            ],
        },
        breadcrumbs(
            request,
            (_("City Search"), reverse("directory:community-list")),
            (community.name, community.get_absolute_url()),
        ),
    )


def organization(request, organization):
    node = {
        "@type": "Organization",
        "name": organization.name,
        "url": request.build_absolute_uri(organization.get_absolute_url()),
    }
    if organization.website:
        node["sameAs"] = organization.website
    if organization.home_community:
        node["location"] = place(request, organization.home_community)
    contact = {
        key: value
        for key, value in [
            ("name", organization.contact_name),
            ("jobTitle", organization.contact_title),
            ("telephone", organization.phone),
            ("email", organization.email),
        ]
        if value
    }
    if contact:
        node["contactPoint"] = {"@type": "ContactPoint", "contactType": "general", **contact}
    if organization.postal_address:
        node["address"] = organization.postal_address
    return graph(
        node,
        breadcrumbs(
            request,
            (_("Membership Directory"), reverse("directory:organization-list")),
            (organization.name, organization.get_absolute_url()),
        ),
    )


def faq(questions):
    """The FAQ's questions, each with its answer as plain text."""
    return graph(
        {
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": translation.translated(question, "question"),
                    "acceptedAnswer": {
                        "@type": "Answer",
                        "text": plain(answer_html(translation.translated(question, "answer"))),
                    },
                }
                for question in questions
            ],
        }
    )


def plain(html):
    """The text of sanitized ``html``, its entities read back (``&amp;`` is ``&``)."""
    return " ".join(unescape(strip_tags(html)).split())


def dataset(request, files, sources, changed):
    """The whole directory as a Dataset: each download, and each source's licence.
    ``files`` is [(format name, media type, address)]."""
    licences = sorted({licence.url for _source, licence in sources if licence.url})
    node = {
        "@type": "Dataset",
        "name": _("Sister Cities Directory: every partnership"),
        "description": _(
            "Every sister-city and friendship-city partnership in the directory, with both "
            "communities, the years, the status and the sources that record it."
        ),
        "url": request.build_absolute_uri(reverse("directory:data")),
        "creditText": "; ".join(
            f"{source.name}: {licence.credit or licence.terms}" for source, licence in sources
        ),
        "isAccessibleForFree": True,
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "encodingFormat": media_type,
                "contentUrl": request.build_absolute_uri(address),
            }
            for name, media_type, address in files
        ],
    }
    if licences:
        node["license"] = licences if len(licences) > 1 else licences[0]
    if changed:
        node["dateModified"] = changed.isoformat()
    return graph(node)


def breadcrumbs(request, *trail):
    """``trail`` is (name, address) from the top down to the page itself."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(address),
            }
            for position, (name, address) in enumerate(trail, 1)
        ],
    }
