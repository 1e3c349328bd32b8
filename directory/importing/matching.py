"""Matching the places of an import file to the directory's communities.

A place matches a community of the same country, in this order:
1. The same folded name or alternate name: "Sao Paulo" is São Paulo. A place written
   with a qualifier is first looked for in that whole form, "Setagaya (Tokyo)".
2. A qualifier that names a kind, "Kłodzko (rural gmina)", is kept as the community's
   kind: it matches only communities of that kind, and a place without one never
   matches a community made from such a qualifier, so the rural gmina of Kłodzko and
   the town of Kłodzko stay two communities. Any other qualifier is a hint of where
   the place is, like a region.
3. Among several communities of that name: those within MATCH_KM of the place's
   coordinates (one further away is another place), then those in its region or in the
   place its qualifier names, then cities and towns rather than other kinds. A community
   already checked against the gazetteer is at no known distance: its coordinates are
   the gazetteer's or none, and the file's point cannot tell it apart.
One candidate left: a match. None: a new community, which later rows match in turn.
Several: ambiguous, listed and never guessed. Different names are different places:
Miami is not Miami-Dade County, Asti is not the Province of Asti.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from directory.folding import fold
from directory.geo import distance_km
from directory.models import Community, PlaceStatus

from .reading import KIND_QUALIFIERS, QUALIFIED

# Two places of the same name and country this close are one place.
MATCH_KM = 25
PLAIN_KINDS = {Community.Kind.CITY, Community.Kind.TOWN}


class Ambiguous(Exception):
    def __init__(self, place, candidates):
        super().__init__()
        self.place, self.candidates = place, candidates


@dataclass(eq=False, slots=True)
class Candidate:
    """A community of the directory (``pk``), or one the import will create (no pk)."""

    name: str
    country: str
    kind: str = Community.Kind.CITY
    region: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    pk: int | None = None
    # Made from a place whose qualifier named its kind: "Kłodzko (rural gmina)".
    qualified_kind: bool = False
    printed: set[str] = field(default_factory=set)  # spellings seen in the file
    located: bool = False  # a community of the directory given the file's coordinates
    # Checked against the gazetteer: its coordinates are no longer the file's to give.
    checked: bool = False
    planned: bool = False  # counted by a plan as matched or created already
    created: bool = False  # made by this import

    def __str__(self):
        return f"{self.name}, {self.region}" if self.region else self.name

    def distance_to(self, place):
        if self.checked or self.latitude is None or place.latitude is None:
            return None
        return distance_km(self.latitude, self.longitude, place.latitude, place.longitude)


class Communities:
    """The communities an import can match: the directory's, read a country at a time as
    the file names it, and those the import will create, by country and folded name."""

    def __init__(self):
        self.index = defaultdict(list)
        self.countries = set()
        # Communities this import created and stored, found since by another spelling.
        self.respelled = {}

    def load(self, country):
        self.countries.add(country)
        fields = ["pk", "name", "kind", "country", "region", "latitude", "longitude"]
        for values in Community.objects.filter(country=country).values(
            *fields, "alternate_names", "place_status"
        ):
            names = [values["name"], *values.pop("alternate_names").splitlines()]
            values["checked"] = values.pop("place_status") != PlaceStatus.UNCHECKED
            candidate = Candidate(**values, qualified_kind=any(map(names_a_kind, names)))
            for folded in {fold(name) for name in names}:
                self.index[candidate.country, folded].append(candidate)

    def find(self, place):
        """The Candidate for ``place``, new if need be; Ambiguous when several fit."""
        if place.country not in self.countries:
            self.load(place.country)
        candidates = self.index.get((place.country, fold(place.printed)), [])
        if not candidates:
            candidates = [
                candidate
                for candidate in self.index.get((place.country, fold(place.name)), [])
                if (candidate.kind == place.kind if place.kind else not candidate.qualified_kind)
            ]
        candidates = narrowed(candidates, place)
        if len(candidates) > 1:
            raise Ambiguous(place, candidates)
        found = candidates[0] if candidates else self.create(place)
        if found.latitude is None and place.latitude is not None and not found.checked:
            found.latitude, found.longitude = place.latitude, place.longitude
            found.located = found.pk is not None
        if place.printed not in found.printed:
            found.printed.add(place.printed)
            if found.created and found.pk is not None:
                self.respelled[id(found)] = found
            # Found again by this spelling, as it will be from its alternate names.
            spelled = self.index[place.country, fold(place.printed)]
            if found not in spelled:
                spelled.append(found)
        return found

    def create(self, place):
        created = Candidate(
            name=place.name,
            country=place.country,
            kind=place.kind or Community.Kind.CITY,
            region=place.region or ("" if place.kind else place.qualifier),
            latitude=place.latitude,
            longitude=place.longitude,
            qualified_kind=place.kind is not None,
            created=True,
        )
        for folded in {fold(place.printed), fold(place.name)}:
            self.index[place.country, folded].append(created)
        return created


def names_a_kind(name):
    match = QUALIFIED.match(name)
    return bool(match) and match["qualifier"].lower() in KIND_QUALIFIERS


def narrowed(candidates, place):
    """The candidates that can be ``place``: near it; then, while several are left, those
    in its region or its qualifier's place, then cities and towns."""
    if place.latitude is not None:
        distances = [(candidate, candidate.distance_to(place)) for candidate in candidates]
        near = [candidate for candidate, km in distances if km is not None and km <= MATCH_KM]
        candidates = near or [candidate for candidate, km in distances if km is None]
    hints = {fold(hint) for hint in (place.region, place.qualifier) if hint}
    preferences = [
        lambda candidate: fold(candidate.region) in hints,
        lambda candidate: candidate.kind in PLAIN_KINDS,
    ]
    for preferred in preferences:
        if len(candidates) > 1:
            candidates = [c for c in candidates if preferred(c)] or candidates
    return candidates
