"""Distances and directions between communities, written out."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from directory.geo import route

register = template.Library()


@register.filter
def route_to(start, end):
    """The Route from one community to another (distance and direction), or None when
    either has no location: ``{% with way=community|route_to:partner %}``."""
    return route(start, end)


@register.filter
def distance(way):
    """A Route's length in kilometres and miles, rounded: "8,012 km (4,979 mi)"."""
    return _("%(km)s km (%(miles)s mi)") % {
        "km": intcomma(round(way.km)),
        "miles": intcomma(round(way.miles)),
    }
