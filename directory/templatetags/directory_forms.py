from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def form_field(field):
    """A form field with its label, hint and error message.

    The ids match the aria-describedby that Django gives the input. Built here
    rather than in an included template: the City Search shows seven fields, and
    seven includes cost more than its database query.
    """
    hint = error = ""
    if field.help_text:
        hint = format_html(
            '<span class="hint" id="{}_helptext">{}</span>', field.auto_id, field.help_text
        )
    if field.errors:
        error = format_html(
            '<span class="error-message" id="{}_error">{}</span>',
            field.auto_id,
            " ".join(field.errors),
        )
    return format_html(
        '<div class="field{}"><label for="{}">{}</label>{}{}{}</div>',
        " field-error" if field.errors else "",
        field.id_for_label,
        field.label,
        hint,
        error,
        field,
    )
