"""Country pages: every country with its communities and partnerships, and each
country's communities with the countries they partner with. (Partnerships per country
for the home page's map: Community.objects.partnerships_by_country().)"""

from collections import Counter

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView
from django_countries.fields import Country

from . import charts, feeds, structured_data
from .maps import choropleth
from .models import Community, Partnership, Source
from .opendata.licences import credits
from .views import PageNumberMixin

# A country page charts its partner countries with the most partnerships.
TOP_PARTNER_COUNTRIES = 12

SIDES = (("community_a", "community_b"), ("community_b", "community_a"))


def partner_countries(code):
    """[(Country, partnerships)] for the countries whose communities partner with
    communities in ``code``, most partnerships first, then by name."""
    counts = Counter()
    for own, other in SIDES:
        partnerships = Partnership.objects.filter(**{f"{own}__country": code})
        if own == "community_b":  # a partnership within the country is counted once
            partnerships = partnerships.exclude(community_a__country=code)
        counts.update(
            dict(partnerships.order_by().values_list(f"{other}__country").annotate(Count("pk")))
        )
    partners = [(Country(other), count) for other, count in counts.items()]
    return sorted(partners, key=lambda item: (-item[1], item[0].name))


def countries_in_directory():
    """[(Country, communities, partnerships)] for every country with a community in the
    directory, by name."""
    partnerships = Community.objects.partnerships_by_country()
    communities = Community.objects.order_by().values_list("country").annotate(Count("pk"))
    rows = [(Country(code), count, partnerships.get(code, 0)) for code, count in communities]
    return sorted(rows, key=lambda row: row[0].name)


class CountryListView(TemplateView):
    """Every country with a community in the directory; a cached fragment, so
    ``view.countries`` is read only when it is out of date."""

    template_name = "directory/country_list.html"

    @cached_property
    def countries(self):
        return countries_in_directory()


class CountryDetailView(PageNumberMixin, ListView):
    """A country's communities, most partners first, and the countries they partner
    with. The chart and its table are a cached fragment: ``view.partner_countries`` and
    ``view.partner_chart`` are read only when it is out of date."""

    template_name = "directory/country_detail.html"
    context_object_name = "communities"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        code = kwargs["code"]
        if code != code.lower():
            return redirect("directory:country-detail", code=code.lower(), permanent=True)
        self.country = Country(code.upper())
        if not self.country.name:
            raise Http404("No such country code.")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Community.objects.filter(country=self.country.code).order_by(
            "-partner_count", "name", "pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context["page_obj"].object_list:
            raise Http404("The directory has no community in this country.")
        title = _("Partnerships in %(country)s added or changed") % {"country": self.country.name}
        feed = feeds.announced(title, "directory:country-feed", self.country.code.lower())
        trail = structured_data.breadcrumbs(
            self.request,
            (_("Countries"), reverse("directory:country-list")),
            (self.country.name, self.request.path),
        )
        json_ld = structured_data.graph(trail)
        return {**context, "country": self.country, "feed": feed, "json_ld": json_ld}

    @cached_property
    def partner_countries(self):
        return partner_countries(self.country.code)

    @cached_property
    def partnership_count(self):
        return sum(count for _, count in self.partner_countries)

    @cached_property
    def credits(self):
        """The sources of the partnerships of the country's communities, with their
        terms."""
        code = self.country.code
        involving = Q(citations__partnership__community_a__country=code) | Q(
            citations__partnership__community_b__country=code
        )
        return credits(Source.objects.filter(involving).distinct())

    @cached_property
    def partner_chart(self):
        top = self.partner_countries[:TOP_PARTNER_COUNTRIES]
        return charts.bars([(country.name, count) for country, count in top])

    @cached_property
    def partner_map(self):
        """Partner countries shaded by their partnerships, this country outlined, and a
        dot for each of its communities with a location."""
        places = (
            Community.objects.filter(country=self.country.code, latitude__isnull=False)
            .order_by()
            .values_list("latitude", "longitude")
        )
        return choropleth(
            {country.code: count for country, count in self.partner_countries},
            highlight=self.country.code,
            dots=places,
        )
