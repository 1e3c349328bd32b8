"""The rules that find which gazetteer place a community is, and what its coordinates
are worth.

A source's coordinates are a hint, never a fact: the Wikipedia list found them by
geocoding each name alone, so every "Portland, United States" row carries Portland,
Oregon's point. The rules, for a city or town of a country:

1. Its places are the gazetteer's places of that country called by its name, by one of
   its published spellings ("Frankfurt (Oder)", "Halle (Saale)") or, for "Tokyo –
   Setagaya", by the part after the dash; places whose main name it is come before
   places that have it as an alternate name.
2. A name that is a first-level region's ("New South Wales", "Quebec") and either no
   place's, or given a point more than REGION_KM from every place of it, is the region.
3. A region the community is known to lie in (its region, the "Tokyo" of "Setagaya
   (Tokyo)") keeps only the places in that region, when any are.
4. A point within NEAR_KM of one of the places decides for it, unless that place is
   one of the best-known of several significant namesakes (PROMINENT_SHARE of the
   largest one's people or more): a geocoder given the name alone may have put the
   point there anyway, as it put every "Springfield, United States" row at Illinois's
   capital, not at the larger Springfield, Missouri.
5. Otherwise: several significant places (at least SIGNIFICANT_POPULATION people and
   SIGNIFICANT_SHARE of the largest one's) make the community ambiguous; one makes it
   that place; none, the largest place of the name, unless the source's point lies
   more than NEAR_KM from it (a small place the gazetteer may not list). A point more
   than FAR_KM from every place of the name decides nothing: it is a namesake's, or the
   geocoder's guess for the country (the middle of Alaska for two towns of Ohio and
   New Mexico), and the rules go on as if there were none.
Not located at all: a community the source puts in another first-level region than
every place of its name, or one whose name says it is a part of the place found
("Győrszentiván (Győr)"). Where the gazetteer has both spellings, the exact one wins
("Munster" is not "Münster").

A located community keeps its source's point when it lies within NEAR_KM of the place,
and takes the gazetteer's otherwise. An ambiguous one loses its point: it cannot be
drawn anywhere. Any other community keeps its point unless no populated place of its
country lies within PLAUSIBLE_KM of it. Nothing is invented where the gazetteer has no
such place.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from directory.folding import fold
from directory.models import Community, CoordinatesCheck, PlaceStatus

NEAR_KM = 25
FAR_KM = 300
REGION_KM = 150
PLAUSIBLE_KM = 150
SIGNIFICANT_POPULATION = 10_000
SIGNIFICANT_SHARE = 0.1
PROMINENT_SHARE = 0.5
PLACE_KINDS = {Community.Kind.CITY, Community.Kind.TOWN}
REGION_KINDS = {
    Community.Kind.STATE,
    Community.Kind.PROVINCE,
    Community.Kind.REGION,
    Community.Kind.TERRITORY,
}
# ISO 3166-2's words for first-level subdivisions, as the directory's kinds.
ISO_KINDS = {
    "state": Community.Kind.STATE,
    "land": Community.Kind.STATE,
    "province": Community.Kind.PROVINCE,
    "territory": Community.Kind.TERRITORY,
    "union territory": Community.Kind.TERRITORY,
    "county": Community.Kind.COUNTY,
    "department": Community.Kind.DEPARTMENT,
}
DASH = re.compile(r"\s+[–—-]\s+")
COORDINATE = Decimal("0.000001")
ROMANIAN = str.maketrans("şţ", "șț")


@dataclass
class Subject:
    """What the rules read of a community."""

    name: str
    country: str
    kind: str = Community.Kind.CITY
    region: str = ""
    alternate_names: list[str] = field(default_factory=list)
    latitude: Decimal | None = None
    longitude: Decimal | None = None

    @classmethod
    def of(cls, community):
        return cls(
            name=community.name,
            country=str(community.country),
            kind=community.kind,
            # A region the check itself filled in is no evidence for the next check.
            region="" if community.region_from_gazetteer else community.region,
            alternate_names=community.alternate_name_list,
            latitude=community.latitude,
            longitude=community.longitude,
        )

    @property
    def point(self):
        if self.latitude is None or self.longitude is None:
            return None
        return self.latitude, self.longitude


@dataclass
class Resolution:
    """What the rules found, as the community's fields should become."""

    status: str
    latitude: Decimal | None
    longitude: Decimal | None
    coordinates_check: str = ""
    place: object = None  # a lookup.Place
    candidates: list = field(default_factory=list)
    kind: str | None = None
    region: str = ""
    # Found by its main name, or by another name and a point at the place: certain
    # enough to merge two communities that are this place.
    certain: bool = False

    @property
    def geonames_id(self):
        return self.place.geonames_id if self.place else None


def resolve(gazetteer, subject):
    """The Resolution of ``subject`` against ``gazetteer``."""
    if subject.kind in PLACE_KINDS:
        return resolve_place(gazetteer, subject)
    if subject.kind in REGION_KINDS:
        region = first_level_region(gazetteer, subject)
        if region:
            return as_region(gazetteer, subject, region)
    return unresolved(gazetteer, subject)


def resolve_place(gazetteer, subject):
    places, hint, by_main_name = places_called(gazetteer, subject)
    region = first_level_region(gazetteer, subject)
    point = subject.point
    if region and (not by_main_name or (point and all(far(p, point, REGION_KM) for p in places))):
        return as_region(gazetteer, subject, region)
    if not places:
        return unresolved(gazetteer, subject)
    hints = {fold(text) for text in (subject.region, hint) if text}
    in_region = [place for place in places if place.region and fold(place.region) in hints]
    if not in_region and any(gazetteer.regions(subject.country, text) for text in hints):
        return unresolved(gazetteer, subject)  # the source puts it in another region
    places = in_region or places
    if point and all(far(place, point, FAR_KM) for place in places):
        point = None  # a namesake's, or a geocoder's guess for the country: no clue
    # "Munster" is not "Münster" where the gazetteer has both spellings.
    places = [place for place in places if spelling(place.name) in spellings(subject)] or places
    significant = [
        place
        for place in places
        if place.population >= SIGNIFICANT_POPULATION
        and place.population >= SIGNIFICANT_SHARE * places[0].population
    ]
    # A place named after the one the source puts it in ("Győrszentiván (Győr)") is a
    # part of it, not the place itself.
    # Tokyo, in the region of Tokyo, is Tokyo itself.
    part_of = {place for place in places if fold(place.name) in hints - {fold(subject.name)}}
    if point:
        near = [place for place in places if not far(place, point, NEAR_KM)]
        best_known = (
            near
            and len(significant) > 1
            and near[0].population >= PROMINENT_SHARE * places[0].population
        )
        if near and near[0] not in part_of and (in_region or not best_known):
            return located(subject, near[0], certain=True)
        if not significant:  # a small place the gazetteer may not list, not a namesake's
            return unresolved(gazetteer, subject)
    if in_region or len(significant) <= 1:
        chosen = significant[0] if significant else places[0]
        if chosen in part_of:
            return unresolved(gazetteer, subject)
        return located(subject, chosen, certain=by_main_name)
    return Resolution(
        status=PlaceStatus.AMBIGUOUS,
        latitude=None,
        longitude=None,
        coordinates_check=CoordinatesCheck.DROPPED if subject.point else "",
        candidates=significant,
    )


def spellings(subject):
    return {spelling(name) for name in [subject.name, *subject.alternate_names]}


def spelling(name):
    """``name`` as written, but for case and for the Romanian letters written with a
    cedilla (ş, ţ) where the comma below (ș, ț) is meant: one letter, two encodings."""
    return name.casefold().translate(ROMANIAN)


def places_called(gazetteer, subject):
    """([places], the region the name itself gives, whether it is their main name) for
    the subject's names, by rule 1."""
    names = [(name, "") for name in dict.fromkeys([subject.name, *subject.alternate_names])]
    for name, _ in list(names):
        parts = DASH.split(name, maxsplit=1)
        if len(parts) == 2:
            names.append((parts[1], parts[0]))
    for main_only in (True, False):
        for name, hint in names:
            places = gazetteer.places(subject.country, name, main_only=main_only)
            if places:
                return places, hint, main_only
    return [], "", False


def first_level_region(gazetteer, subject):
    regions = gazetteer.regions(subject.country, subject.name)
    return min(regions, key=lambda region: region.kind == "") if regions else None


def far(place, point, km):
    return place.distance_to(*point) > km


def located(subject, place, certain):
    point = subject.point
    if point and not far(place, point, NEAR_KM):
        latitude, longitude, check = *point, CoordinatesCheck.KEPT
    else:
        latitude, longitude = decimal(place.latitude), decimal(place.longitude)
        check = CoordinatesCheck.REPLACED if point else ""
    return Resolution(
        status=PlaceStatus.LOCATED,
        latitude=latitude,
        longitude=longitude,
        coordinates_check=check,
        place=place,
        region=place.region,
        certain=certain,
    )


def as_region(gazetteer, subject, region):
    kind = ISO_KINDS.get(region.kind.lower(), Community.Kind.REGION)
    checked = unresolved(gazetteer, subject)
    checked.status, checked.kind = PlaceStatus.REGION, kind
    return checked


def unresolved(gazetteer, subject):
    """Not a place of the gazetteer: the point stays unless it is nowhere near any
    populated place of the country."""
    point = subject.point
    implausible = (
        point
        and gazetteer.has_places(subject.country)
        and gazetteer.nearest_km(subject.country, *point, within=PLAUSIBLE_KM) is None
    )
    if implausible:
        return Resolution(
            status=PlaceStatus.NOT_FOUND,
            latitude=None,
            longitude=None,
            coordinates_check=CoordinatesCheck.DROPPED,
        )
    return Resolution(
        status=PlaceStatus.NOT_FOUND,
        latitude=subject.latitude,
        longitude=subject.longitude,
        coordinates_check=CoordinatesCheck.KEPT if point else "",
    )


def decimal(value):
    return Decimal(str(value)).quantize(COORDINATE)
