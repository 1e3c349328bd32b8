from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext as _


class SiteFormRenderer(TemplatesSetting):
    """Django's own form rendering, through the project's templates: each field (label,
    hint, error and input, tied together by ids) is drawn by templates/forms/field.html."""

    field_template_name = "forms/field.html"


class SearchForm(forms.Form):
    """The form behind a FilterSet: labels without a colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class CommunitySearchForm(SearchForm):
    def clean(self):
        cleaned_data = super().clean()
        year_from, year_to = cleaned_data.get("year_from"), cleaned_data.get("year_to")
        if year_from and year_to and year_from > year_to:
            raise forms.ValidationError(
                _(
                    "The first year, %(first)s, is after the last year, %(last)s. "
                    "Swap them or leave one empty."
                ),
                code="reversed_years",
                params={"first": year_from, "last": year_to},
            )
        return cleaned_data
