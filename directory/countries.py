"""Countries: what the directory holds in each, for the country pages. (Partnerships per
country, for the maps: Community.objects.partnerships_by_country().)"""

from collections import Counter

from django.db.models import Count
from django_countries.fields import Country

from .models import Community, Partnership

SIDES = (("community_a", "community_b"), ("community_b", "community_a"))


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
    partnerships = Community.objects.partnerships_by_country()
    communities = Community.objects.order_by().values_list("country").annotate(Count("pk"))
    rows = [(Country(code), count, partnerships.get(code, 0)) for code, count in communities]
    return sorted(rows, key=lambda row: row[0].name)
