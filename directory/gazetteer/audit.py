"""Figures of the directory's places, measured against the gazetteer, for
`manage.py audit_places`: run it before and after a change to see what it did."""

from collections import Counter

from directory.models import Community, Partnership, PlaceStatus, Source
from directory.places.duplicates import partnerships_reachable_twice, probable_duplicates

from .resolving import FAR_KM, NEAR_KM, PLACE_KINDS, PLAUSIBLE_KM

WIKIPEDIA = "wikipedia-twin-towns"


def audit(gazetteer):
    """[(label, figure)] in the order the command prints them."""
    statuses = Counter(Community.objects.values_list("place_status", flat=True))
    checks = Counter(Community.objects.values_list("coordinates_check", flat=True))
    far, nowhere, regions_as_cities = 0, 0, 0
    fields = ["name", "country", "kind", "latitude", "longitude"]
    for name, country, kind, latitude, longitude in Community.objects.values_list(*fields):
        country = str(country)
        if kind in PLACE_KINDS and gazetteer.regions(country, name):
            regions_as_cities += not gazetteer.places(country, name)
        if latitude is None:
            continue
        places = gazetteer.places(country, name) if kind in PLACE_KINDS else []
        if places and all(p.distance_to(latitude, longitude) > FAR_KM for p in places):
            far += 1
        if gazetteer.has_places(country) and (
            gazetteer.nearest_km(country, latitude, longitude, within=PLAUSIBLE_KM) is None
        ):
            nowhere += 1
    pairs = probable_duplicates()
    return [
        ("communities", Community.objects.count()),
        ("located in the gazetteer", statuses[PlaceStatus.LOCATED]),
        ("ambiguous", statuses[PlaceStatus.AMBIGUOUS]),
        ("first-level regions", statuses[PlaceStatus.REGION]),
        ("not in the gazetteer", statuses[PlaceStatus.NOT_FOUND]),
        ("settled by a curator", statuses[PlaceStatus.CURATED]),
        ("not yet checked", statuses[PlaceStatus.UNCHECKED]),
        ("coordinates kept", checks["kept"]),
        ("coordinates replaced", checks["replaced"]),
        ("coordinates dropped", checks["dropped"]),
        (f"cities and towns more than {FAR_KM} km from every place of their name", far),
        (f"more than {PLAUSIBLE_KM} km from any populated place of their country", nowhere),
        ("regions stored as cities or towns", regions_as_cities),
        ("GeoNames ids held twice", held_twice()),
        ("probable duplicate pairs", len(pairs)),
        (
            "partnerships reachable twice through them",
            partnerships_reachable_twice([(a, b) for a, b, _reason in pairs]),
        ),
        ("partnerships from the Wikipedia list alone that state a status", stated_wikipedia()),
        ("domestic partnerships", Partnership.objects.filter(domestic=True).count()),
        (f"(a point within {NEAR_KM} km of its place counts as the place's)", ""),
    ]


def held_twice():
    counts = Counter(
        Community.objects.exclude(geonames_id=None).values_list("geonames_id", flat=True)
    )
    return sum(1 for count in counts.values() if count > 1)


def stated_wikipedia():
    source = Source.objects.filter(slug=WIKIPEDIA).first()
    if source is None:
        return 0
    alone = Partnership.objects.filter(citations__source=source).exclude(
        citations__source__in=Source.objects.exclude(pk=source.pk)
    )
    unstated = getattr(Partnership.Status, "UNSTATED", None)
    return alone.exclude(status=unstated).count() if unstated else alone.count()


def domestic():
    return sum(
        1
        for a, b in Partnership.objects.values_list("community_a__country", "community_b__country")
        if a == b
    )
