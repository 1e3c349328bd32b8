"""/seeking/: the open listings of communities looking for new partners, with filters
by interest, country and preferred region. (The listings: directory/models/seeking.py.)"""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView

from .filters import country_choices
from .forms import SearchForm
from .models import Listing
from .models.seeking import Interest, WorldRegion
from .views import SearchPageMixin


class ListingFilter(django_filters.FilterSet):
    interest = django_filters.ChoiceFilter(
        label=_("Interest"),
        choices=Interest.choices,
        empty_label=_("Any interest"),
        method="filter_interest",
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        help_text=_("Communities in this country, or looking for a partner there."),
        choices=country_choices,
        empty_label=_("Any country"),
        method="filter_country",
    )
    region = django_filters.ChoiceFilter(
        label=_("Preferred region"),
        choices=WorldRegion.choices,
        empty_label=_("Any region"),
        method="filter_region",
    )

    class Meta:
        model = Listing
        fields = ["interest", "country", "region"]
        form = SearchForm

    def filter_interest(self, queryset, name, value):
        return queryset.with_interest(value)

    def filter_country(self, queryset, name, value):
        return queryset.in_or_seeking_country(value)

    def filter_region(self, queryset, name, value):
        return queryset.with_region(value)


class SeekingView(SearchPageMixin, FilterView):
    """The open listings, most recently confirmed first."""

    filterset_class = ListingFilter
    template_name = "directory/seeking.html"
    paginate_by = 20

    def get_queryset(self):
        return (
            Listing.objects.open()
            .select_related("community", "contact")
            .order_by("-confirmed_on", "pk")
        )
