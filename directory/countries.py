"""Countries: what the directory holds in each, for the country pages and the maps."""

from collections import Counter

from django.db.models import Count, F
from django_countries.fields import Country

from .models import Community, Partnership

SIDES = (("community_a", "community_b"), ("community_b", "community_a"))


def partnership_counts():
    """{country code: partnerships with a community there}. A partnership counts once
    for each country it joins; twice-counted partnerships within one country are
    taken off again. Two grouped queries, one per side, and one for those."""
    counts = Counter()
    for own, _ in SIDES:
        field = f"{own}__country"
        for code, count in Partnership.objects.order_by().values_list(field).annotate(Count("pk")):
            counts[code] += count
    within = (
        Partnership.objects.filter(community_a__country=F("community_b__country"))
        .order_by()
        .values_list("community_a__country")
        .annotate(Count("pk"))
    )
    counts.subtract(dict(within))
    return +counts


def partner_countries(code):
    """[(Country, partnerships)] for the countries whose communities partner with
    communities in ``code``, most partnerships first, then by name."""
    counts = Counter()
    for own, other in SIDES:
        counts.update(
            dict(
                Partnership.objects.filter(**{f"{own}__country": code})
                .order_by()
                .values_list(f"{other}__country")
                .annotate(Count("pk"))
            )
        )
    partners = [(Country(other), count) for other, count in counts.items()]
    return sorted(partners, key=lambda item: (-item[1], item[0].name))


def countries_in_directory():
    """[(Country, communities, partnerships)] for every country with a community in the
    directory, by name."""
    partnerships = partnership_counts()
    communities = Community.objects.order_by().values_list("country").annotate(Count("pk"))
    rows = [(Country(code), count, partnerships[code]) for code, count in communities]
    return sorted(rows, key=lambda row: row[0].name)
