from django import template

from directory.text import render_answer

register = template.Library()


@register.filter
def answer_html(text):
    """An FAQ answer as sanitized HTML."""
    return render_answer(text)
