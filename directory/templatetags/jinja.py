"""``{% jinja "includes/header.jinja" %}``: a template drawn by Jinja2 (directory/jinja.py)
inside a Django template, given that template's context and any ``name=value`` pairs."""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context, template_name, **values):
    drawn = engines["jinja2"].get_template(template_name).template
    # Jinja2 escapes what it draws; its result is HTML.
    return mark_safe(drawn.render({**context.flatten(), **values}))
