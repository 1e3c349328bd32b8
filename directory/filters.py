"""The City Search and Membership Directory filters.

Invalid input (an unknown country code, a year that is not a number, a reversed year
range, a search term too long) makes the form invalid: the page then explains the problem
and shows no results, never an error page.
"""

import copy

import django_filters
from django import forms
from django.db.models import F, Q
from django.http import QueryDict
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .folding import fold
from .forms import CommunitySearchForm, SearchForm
from .models import FIRST_YEAR, Community, Organization, Partnership
from .models.partnership import SCOPE_CHOICES, SCOPES, STATE_CHOICES, STATES
from .search import contains_every_word

MAX_QUERY_LENGTH = 200
# The country choices in each language, named and sorted in it: made once per language.
COUNTRY_CHOICES = {}


def country_choices():
    """Choices as a callable (which Django's choice fields accept): each filter and form
    field copies the callable rather than the 250 countries, on every request, and the
    countries come named and sorted in the page's language."""
    language = get_language()
    choices = COUNTRY_CHOICES.get(language)
    if choices is None:
        choices = COUNTRY_CHOICES[language] = [(code, name) for code, name in countries]
    return choices


# The partnership filters, each with its condition on Partnership. They apply together:
# a community matches when ONE of its partnerships meets them all.
PARTNERSHIP_LOOKUPS = {
    "status": lambda value: Q(status=value),
    "year_from": lambda value: Q(established_year__gte=value),
    "year_to": lambda value: Q(established_year__lte=value),
    "state": lambda value: STATES[value],
    "scope": lambda value: SCOPES[value],
}

SORTS = {
    # How well the name matches, then the best-connected first: the place meant.
    "relevance": ("rank", "-partner_count", "name", "pk"),
    "name": ("name", "pk"),
    "partners": ("-partner_count", "name", "pk"),
    "year": (F("first_year").asc(nulls_last=True), "name", "pk"),
}


class SortFilter(django_filters.OrderingFilter):
    """django-filter's OrderingFilter, where each choice names one of SORTS, an order of
    several keys. "Best match" needs the rank that the name search adds: with no name
    searched for, and when nothing is chosen, communities come in name order."""

    def filter(self, qs, value):
        sort = value[0] if value else "relevance"
        if sort == "relevance" and "rank" not in qs.query.annotations:
            sort = "name"
        return qs.order_by(*SORTS[sort])


def with_active_as_state(data):
    """``data`` where the former ``active`` checkbox (``active=on``, as older links and
    the API send it) stands for ``state=active``, unless a state is given."""
    if data is None or data.get("state") or not forms.BooleanField().to_python(data.get("active")):
        return data
    data = data.copy()
    data["state"] = "active"
    return data


def state_filter(**kwargs):
    return django_filters.ChoiceFilter(
        label=_("Partnerships that are"),
        choices=STATE_CHOICES,
        empty_label=_("Active, suspended or ended"),
        **kwargs,
    )


def scope_filter(**kwargs):
    return django_filters.ChoiceFilter(
        label=_("Partnerships between"),
        choices=SCOPE_CHOICES,
        empty_label=_("Any countries"),
        **kwargs,
    )


def year_filter(label):
    return django_filters.NumberFilter(
        label=label,
        method="filter_by_one_partnership",
        min_value=FIRST_YEAR,
        max_value=9999,
        # A text box with a number keypad, not type="number", which drops what it
        # cannot parse and so hides the mistake from the person who made it.
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        # The validators give %(limit_value)s: FIRST_YEAR for min_value.
        error_messages={
            "invalid": _("Enter a year as a number, like 1990."),
            "min_value": _("Enter a year from %(limit_value)s onwards."),
            "max_value": _("Enter a year with four digits."),
        },
    )


def name_filter(label, help_text=""):
    return django_filters.CharFilter(
        label=label,
        help_text=help_text,
        method="filter_name",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": _("Enter at most %(limit_value)s characters.")},
    )


class FilterSet(django_filters.FilterSet):
    """A FilterSet that costs less on every request. django-filter deep-copies every
    filter, with its widget, labels and choices, and builds a new form class with a new
    form field for each. Here each filter is copied shallowly, as a request sets only its
    ``model`` and ``parent``; and the form class is built once: its fields hold nothing of
    a request (labels are translated as they are drawn, the country choices are a
    callable), and each form copies its fields as usual."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # As django-filter's BaseFilterSet.__init__, with copy.copy for copy.deepcopy.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: copy.copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self
            if filter_.method is not None:
                # Setting the method again gives the copy a FilterMethod of its own,
                # which finds the method on this FilterSet, not on the original's.
                filter_.method = filter_.method

    def get_form_class(self):
        cls = type(self)
        if "form_class" not in cls.__dict__:
            cls.form_class = super().get_form_class()
        return cls.form_class


class CommunityFilter(FilterSet):
    q = name_filter(
        _("Name of a city, county, region or country"),
        _("For example São Paulo, County Cork or costa rica san jose"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, empty_label=_("Any country")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of community"), choices=Community.Kind.choices, empty_label=_("Any kind")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Partnership.Status.choices,
        empty_label=_("Any status"),
        method="filter_by_one_partnership",
    )
    # Translators: the first year of a range of partnership years ("From 1950 to 1970").
    year_from = year_filter(pgettext_lazy("years", "From"))
    # Translators: the last year of a range of partnership years ("From 1950 to 1970").
    year_to = year_filter(pgettext_lazy("years", "To"))
    state = state_filter(method="filter_by_one_partnership")
    scope = scope_filter(method="filter_by_one_partnership")
    sort = SortFilter(
        label=_("Sort by"),
        choices=[
            ("relevance", _("Best match")),
            ("name", _("Name")),
            ("partners", _("Most partners")),
            ("year", _("Earliest partnership")),
        ],
        empty_label=None,
    )

    class Meta:
        model = Community
        fields = ["q", "country", "kind"]
        form = CommunitySearchForm

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(with_active_as_state(data), *args, **kwargs)

    @property
    def is_filtered(self):
        """Whether anything narrows the list (a name or a filter; not the sort)."""
        return self.is_bound and any(name != "sort" for name in self.form.changed_data)

    @property
    def in_name_order(self):
        """Whether the list is in name order: the default without a name searched for."""
        sort = self.form.cleaned_data.get("sort") if self.is_bound else None
        return sort in (None, [], ["name"], ["relevance"])

    def filter_name(self, queryset, name, value):
        folded = fold(value)
        if not folded:  # only punctuation or symbols: nothing can match
            return queryset.none()
        return queryset.search(folded)

    def filter_by_one_partnership(self, queryset, name, value):
        """status, year_from, year_to, state and scope, applied together to one
        partnership.

        django-filter calls this once for each of them that has a value; the first call
        applies them all and the others leave the queryset as it is.
        """
        data = self.form.cleaned_data
        given = [f for f in PARTNERSHIP_LOOKUPS if data.get(f) not in (None, "", False)]
        if not given or name != given[0]:
            return queryset
        conditions = [PARTNERSHIP_LOOKUPS[field](data[field]) for field in given]
        partnerships = Partnership.objects.filter(*conditions)
        return queryset.filter(
            Q(pk__in=partnerships.values("community_a"))
            | Q(pk__in=partnerships.values("community_b"))
        )


class OrganizationFilter(FilterSet):
    q = name_filter(_("Name"))
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="home_community__country",
        choices=country_choices,
        empty_label=_("Any country"),
    )
    region = django_filters.CharFilter(
        label=_("State or region"),
        field_name="home_community__region",
        lookup_expr="icontains",
        max_length=MAX_QUERY_LENGTH,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of organization"),
        choices=Organization.Kind.choices,
        empty_label=_("Any kind"),
    )
    membership = django_filters.ChoiceFilter(
        label=_("Membership"),
        choices=[c for c in Organization.Membership.choices if c[0]],
        empty_label=_("Any membership"),
    )

    class Meta:
        model = Organization
        fields = ["q", "country", "region", "kind", "membership"]
        form = SearchForm

    def filter_name(self, queryset, name, value):
        return contains_every_word(queryset, fold(value))


class SlugFilter(django_filters.CharFilter):
    field_class = forms.SlugField


class PartnershipFilter(FilterSet):
    """Partnerships for the JSON API: in a country (on either side), begun within a range
    of years, of a status, recorded by a source, international or domestic."""

    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, method="filter_country"
    )
    year_from = django_filters.NumberFilter(
        field_name="established_year", lookup_expr="gte", min_value=FIRST_YEAR, max_value=9999
    )
    year_to = django_filters.NumberFilter(
        field_name="established_year", lookup_expr="lte", min_value=FIRST_YEAR, max_value=9999
    )
    status = django_filters.ChoiceFilter(choices=Partnership.Status.choices)
    source = SlugFilter(field_name="citations__source__slug")
    state = state_filter(method="filter_state")
    scope = scope_filter(method="filter_scope")

    class Meta:
        model = Partnership
        fields = ["country", "year_from", "year_to", "status", "source", "state", "scope"]
        form = CommunitySearchForm

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(with_active_as_state(data), *args, **kwargs)

    def filter_country(self, queryset, name, value):
        return queryset.filter(Q(community_a__country=value) | Q(community_b__country=value))

    def filter_state(self, queryset, name, value):
        return queryset.in_state(value)

    def filter_scope(self, queryset, name, value):
        return queryset.in_scope(value)
