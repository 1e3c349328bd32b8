"""Curated texts in the page's language (directory/translation.py):
``{{ question|translated:"answer"|answer_html }}`` shows the Spanish answer on a Spanish
page when there is one, else the English; ``{% if question|shown_in_english:"answer" %}
lang="en"{% endif %}`` marks an English text shown on a Spanish page."""

from django import template

from directory import translation

register = template.Library()


@register.filter
def translated(obj, field):
    return translation.translated(obj, field)


@register.filter
def shown_in_english(obj, field):
    return translation.shown_in_english(obj, field)
