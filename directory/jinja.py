"""Jinja2, for the templates that every page, or every row of a long list, pays for:
the site's header and footer, the rows of City Search and a community's partner table
(templates/jinja2/). The Django template language draws the rest, and pulls these in
with ``{% jinja "name.jinja" %}`` (templatetags/jinja.py). Jinja2 compiles a template to
Python, where Django's engine walks its nodes and resolves each variable afresh.

Their text is translated by Django's catalogue, with the same messages the Django
templates use: ``{{ _("Kind") }}``, ``{{ _("Partners of %(name)s", name=name) }}``,
``{{ ngettext("%(num)s partner", "%(num)s partners", count) }}``. Values are escaped;
a translation's own markup is not.
"""

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from jinja2 import Environment

from .templatetags.geography import distance, route_to
from .templatetags.languages import in_language
from .templatetags.wording import began


def url(name, *args):
    """``{{ url("directory:country-detail", code) }}``, as ``{% url %}``."""
    return reverse(name, args=args)


def environment(**options):
    env = Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True, **options)
    env.install_gettext_callables(
        translation.gettext,
        translation.ngettext,
        newstyle=True,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
    )
    env.globals.update(
        url=url,
        static=static,
        get_language=translation.get_language,
        languages=settings.LANGUAGES,
    )
    env.filters.update(
        date=date_format,
        intcomma=intcomma,
        began=began,
        route_to=route_to,
        distance=distance,
        in_language=in_language,
    )
    return env
