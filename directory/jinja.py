"""Jinja2, for the templates that every page, or every row of a long list, pays for:
the whole of the two pages most asked for, each time a different one (City Search and a
community's page, which extend base.jinja); and every other page's head, header and
footer, the world maps, pagination, download links, form errors and credits
(templates/jinja2/). The Django template language draws the rest, and pulls these in
with ``{% jinja "name.jinja" %}`` (templatetags/jinja.py). Jinja2 compiles a template
to Python code; Django's engine walks its nodes and resolves each variable again on
every request, which made rendering most of an uncached page's time. Fragments are
cached as ``{% cache %}`` caches them: ``{% call fragment("name", what, it, shows) %}``.

Their text is translated by Django's catalogue, with the same messages the Django
templates use: ``{{ _("Kind") }}``, ``{{ _("Partners of %(name)s", name=name) }}``,
``{{ ngettext("%(num)s partner", "%(num)s partners", count) }}``. Values are escaped;
a translation's own markup is not.
"""

from types import SimpleNamespace

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.template import defaulttags
from django.templatetags.static import static
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import Truncator
from jinja2 import Environment, pass_context
from markupsafe import Markup

from .addresses import address
from .models.community import names_of_countries
from .structured_data import as_script_text
from .templatetags.geography import distance, route_to
from .templatetags.languages import in_language
from .templatetags.wording import began, either, in_words

FRAGMENT_SECONDS = 3600


def country_name(code):
    """``{{ country_name(community.country.code) }}``: the country's name in the page's
    language, or "", from one list for each language rather than a look-up for each row."""
    return names_of_countries(translation.get_language()).get(code, "")


@pass_context
def querystring(context, **changes):
    """``{{ querystring(page=2) }}``: Django's ``{% querystring %}``, the request's query
    with ``changes`` (None removes a parameter)."""
    return defaulttags.querystring(SimpleNamespace(request=context["request"]), **changes)


@pass_context
def fragment(context, name, *shows, caller):
    """``{% call fragment("name", what, it, shows) %}...{% endcall %}``: Django's
    ``{% cache 3600 name what it shows cache_version using="fragments" %}``, the same key
    in the same cache, drawn only when it is not there."""
    key = make_template_fragment_key(name, [*shows, context["cache_version"]])
    store = caches["fragments"]
    html = store.get(key)
    if html is None:
        html = caller()
        store.set(key, html, FRAGMENT_SECONDS)
    return Markup(html)


def truncatechars(text, length):
    """As Django's filter: at most ``length`` characters, the last an ellipsis."""
    return Truncator(text).chars(length)


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
        url=address,
        country_name=country_name,
        fragment=fragment,
        querystring=querystring,
        static=static,
        get_language=translation.get_language,
        languages=settings.LANGUAGES,
    )
    env.filters.update(
        date=date_format,
        intcomma=intcomma,
        truncatechars=truncatechars,
        began=began,
        in_words=in_words,
        either=either,
        route_to=route_to,
        distance=distance,
        in_language=in_language,
        ld_json=as_script_text,
    )
    return env
