"""HTML sanitizing for the little formatting curators may use in FAQ answers (nh3)."""

import nh3
from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


@register.filter
def answer_html(text):
    """Paragraphs from blank lines, then only the allowed tags and attributes survive."""
    html = text if "<p>" in text else linebreaks(text)
    return mark_safe(  # noqa: S308 - nh3 has removed everything not allowed
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer",
        )
    )
