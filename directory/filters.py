"""The City Search and Membership Directory filters.

Invalid input (an unknown country code, a year that is not a number, a reversed year
range, a search term too long) makes the form invalid: the page then explains the problem
and shows no results, never an error page.
"""

import functools

import django_filters
from django import forms
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django_countries import countries

from .models import FIRST_YEAR, Community, Organization, Partnership
from .search import contains_every_word, fold

MAX_QUERY_LENGTH = 200


# Plain strings, computed once: iterating django-countries sorts translated names anew.
COUNTRY_CHOICES = [(country.code, str(country.name)) for country in countries]


class CountryChoices(BaseChoiceIterator):
    """COUNTRY_CHOICES as Django's forms take them without copying or re-checking them.

    A plain list would be deep-copied into every form, and checked item by item each
    time the <select> is drawn: for 250 countries, more time than the search query.
    """

    def __iter__(self):
        return iter(COUNTRY_CHOICES)


class StaticFormMixin:
    """Build a FilterSet's form class once, not on every request.

    django-filter makes a new form class, with new fields, for each FilterSet. Ours
    have no per-request choices, so one class serves every request; each form still
    gets its own copies of the fields, as any Django form does.
    """

    def get_form_class(self):
        cls = type(self)
        if "form_class" not in cls.__dict__:
            cls.form_class = super().get_form_class()
        return cls.form_class


class QuickSelect(forms.Select):
    """A <select> whose options are rendered once and cached.

    The default widget renders each option through a template: for the 250 countries
    that cost more than the whole search query.
    """

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            options_html(tuple(self.choices), "" if value is None else str(value)),
        )


class QuickInputMixin:
    """<input> rendered in Python, for the same reason as QuickSelect."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.input_type == "checkbox":
            attrs["checked"] = self.check_test(value)
            value = None
        else:
            value = self.format_value(value)
        value_html = format_html(' value="{}"', value) if value not in (None, "") else ""
        return format_html(
            '<input type="{}" name="{}"{}{}>', self.input_type, name, value_html, flatatt(attrs)
        )


class QuickSearchInput(QuickInputMixin, forms.TextInput):
    input_type = "search"


class QuickTextInput(QuickInputMixin, forms.TextInput):
    pass


class QuickCheckbox(QuickInputMixin, forms.CheckboxInput):
    pass


@functools.lru_cache(maxsize=1024)
def options_html(choices, selected):
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, SELECTED if str(value) == selected else "", label) for value, label in choices),
    )


SELECTED = mark_safe(" selected")


class ChoiceFilter(django_filters.ChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(*args, **kwargs)


# Filters on a community's partnerships: a community matches when ONE of its
# partnerships meets all of them together.
PARTNERSHIP_LOOKUPS = {
    "status": "status",
    "year_from": "established_year__gte",
    "year_to": "established_year__lte",
    "active": "ended_year__isnull",
}

SORTS = {
    "relevance": ("rank", "name", "pk"),
    "name": ("name", "pk"),
    "partners": ("-partner_count", "name", "pk"),
    "year": (F("first_year").asc(nulls_last=True), "name", "pk"),
}


def search_by_name(queryset, text):
    """Communities matching every word of ``text``, ranked exact, then prefix, then the rest."""
    folded = fold(text)
    if not folded:  # only punctuation or symbols: nothing can match
        return queryset.none()
    return queryset.matching(folded).annotate(
        rank=Case(
            When(folded_name=folded, then=Value(0)),
            When(folded_name__startswith=folded, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    )


class CommunitySearchForm(forms.Form):
    def clean(self):
        cleaned_data = super().clean()
        year_from, year_to = cleaned_data.get("year_from"), cleaned_data.get("year_to")
        if year_from and year_to and year_from > year_to:
            raise forms.ValidationError(
                f"The first year, {year_from}, is after the last year, {year_to}. "
                "Swap them or leave one empty.",
                code="reversed_years",
            )
        return cleaned_data


def year_filter(label):
    return django_filters.NumberFilter(
        label=label,
        min_value=FIRST_YEAR,
        max_value=9999,
        # A text box with a number keypad, not type="number", which drops what it
        # cannot parse and so hides the mistake from the person who made it.
        widget=QuickTextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter a year as a number, like 1990.",
            "min_value": f"Enter a year from {FIRST_YEAR} onwards.",
            "max_value": "Enter a year with four digits.",
        },
    )


def name_filter(label, help_text=""):
    return django_filters.CharFilter(
        label=label,
        help_text=help_text,
        method="filter_name",
        max_length=MAX_QUERY_LENGTH,
        widget=QuickSearchInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": f"Enter at most {MAX_QUERY_LENGTH} characters."},
    )


class CommunityFilter(StaticFormMixin, django_filters.FilterSet):
    q = name_filter(
        "Name of a city, county, region or country",
        "For example São Paulo, County Cork or costa rica san jose",
    )
    country = ChoiceFilter(label="Country", choices=CountryChoices(), empty_label="Any country")
    kind = ChoiceFilter(
        label="Kind of community", choices=Community.Kind.choices, empty_label="Any kind"
    )
    # The filters below are read by filter_queryset(), which applies them together.
    status = ChoiceFilter(
        label="Status", choices=Partnership.Status.choices, empty_label="Sister or friendship"
    )
    year_from = year_filter("From")
    year_to = year_filter("To")
    active = django_filters.BooleanFilter(label="Only active partnerships", widget=QuickCheckbox)
    sort = ChoiceFilter(
        label="Sort by",
        choices=[
            ("relevance", "Best match"),
            ("name", "Name"),
            ("partners", "Most partners"),
            ("year", "Earliest partnership"),
        ],
        empty_label=None,
    )

    class Meta:
        model = Community
        fields = ["q", "country", "kind"]
        form = CommunitySearchForm

    def filter_name(self, queryset, name, value):
        return search_by_name(queryset, value)

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        for name in ("q", "country", "kind"):
            queryset = self.filters[name].filter(queryset, data.get(name))
        lookups = {
            lookup: data[name]
            for name, lookup in PARTNERSHIP_LOOKUPS.items()
            if data.get(name) not in (None, "", False)
        }
        if lookups:
            partnerships = Partnership.objects.filter(**lookups)
            queryset = queryset.filter(
                Q(pk__in=partnerships.values("community_a"))
                | Q(pk__in=partnerships.values("community_b"))
            )
        sort = data.get("sort") or "relevance"
        if sort == "relevance" and not fold(data.get("q") or ""):
            sort = "name"
        return queryset.order_by(*SORTS[sort])


class OrganizationFilter(StaticFormMixin, django_filters.FilterSet):
    q = name_filter("Name")
    country = ChoiceFilter(
        label="Country",
        field_name="home_community__country",
        choices=CountryChoices(),
        empty_label="Any country",
    )
    region = django_filters.CharFilter(
        label="State or region",
        field_name="home_community__region",
        lookup_expr="icontains",
        max_length=MAX_QUERY_LENGTH,
    )
    kind = ChoiceFilter(
        label="Kind of organization", choices=Organization.Kind.choices, empty_label="Any kind"
    )
    membership = ChoiceFilter(
        label="Membership",
        choices=[c for c in Organization.Membership.choices if c[0]],
        empty_label="Any membership",
    )

    class Meta:
        model = Organization
        fields = ["q", "country", "region", "kind", "membership"]

    def filter_name(self, queryset, name, value):
        return contains_every_word(queryset, value)
