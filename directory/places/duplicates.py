"""Probable duplicates: two communities of one country whose names are alike once
folded, and which lie within MAX_KM of each other where both have coordinates.

Not duplicates: two communities the gazetteer finds to be two different places, and two
of different kinds ("Iława", the town, and "Iława", the rural district around it), a
city and a town excepted. Names are alike when they are one once folded, when one is
the place part of the other ("Setagaya", "Tokyo – Setagaya"), one's alternate name or
one with a suffix ("Frankfurt am Main"), or when they are spelled alike word by word
("Feodosiya", "Feodosia"; but not "Prague 1" and "Prague 7", nor "East Hendred" and
"West Hendred").

Never all pairs of the table: communities with coordinates are compared with those in
the neighbouring cells of a grid of about MAX_KM; those without, with the communities
of their country whose names begin alike.
"""

import math
import re
from collections import defaultdict
from difflib import SequenceMatcher
from itertools import combinations

from django.db.models import Q

from directory.folding import fold
from directory.geo import distance_km
from directory.models import Community, Partnership, PlaceStatus

MAX_KM = 10
SIMILARITY = 0.8
# Grid cells of this many degrees of latitude: more than MAX_KM.
CELL = 0.1
KM_PER_DEGREE = 111.2
# "Tokyo – Setagaya": a part of a name set off by a dash with spaces around it.
DASHED = re.compile(r"\s+[-–—]\s+")
# "Frankfurt am Main", "Frankfurt an der Oder", "Halle (Saale)": what follows the name.
SUFFIX = re.compile(r"^(.+?)\s+(am|an der|an|im|in der|ob der|bei|upon|on|sur|sul|del|de la)\s")
# Two kinds of one place: the lists call the same town a city or a town.
SETTLEMENTS = {"city", "town"}
WORD = re.compile(r"[\w']+")
FIELDS = [
    "pk",
    "name",
    "alternate_names",
    "country",
    "region",
    "latitude",
    "longitude",
    "kind",
    "geonames_id",
    "place_candidates",
]


class Place:
    """What the finder compares of a community."""

    def __init__(self, row):
        self.pk, self.name, alternates, self.country, region, lat, lon, kind, self.place = row[:9]
        self.candidates = {candidate["geonames_id"] for candidate in row[9]}
        self.folded = fold(self.name)
        self.region = fold(region)
        self.kind = "settlement" if kind in SETTLEMENTS else kind
        self.alternates = {fold(name) for name in alternates.splitlines()} - {""}
        # "Tokyo – Setagaya" is Setagaya, a part of Tokyo, not Tokyo.
        self.parts = {fold(DASHED.split(self.name)[-1])} - {"", self.folded}
        self.stem = match.group(1) if (match := SUFFIX.match(self.folded + " ")) else ""
        self.located = lat is not None and lon is not None
        self.point = (float(lat), float(lon)) if self.located else None

    def may_be(self, other):
        """False when the gazetteer tells the two apart: two places, or a place that
        is none of the other's candidates."""
        if self.place and other.place:
            return self.place == other.place
        return not (self.place and other.candidates) or self.place in other.candidates

    def names(self):
        return {self.folded, *self.parts, *self.alternates, self.stem} - {""}


def alike(a, b):
    """Why the names of ``a`` and ``b`` look like one place's, or "" when they do not."""
    if a.folded == b.folded:
        return "same name once folded"
    for one, two in ((a, b), (b, a)):
        if two.folded in one.parts:
            return f"“{two.name}” is part of “{one.name}”"
        if two.folded == one.stem:
            return f"“{one.name}” is “{two.name}” with a suffix"
        if two.folded in one.alternates:
            return f"“{two.name}” is an alternate name of “{one.name}”"
    matcher = SequenceMatcher(None, a.folded, b.folded)
    if matcher.quick_ratio() >= SIMILARITY and spelled_alike(a.folded, b.folded):
        return f"similar spelling ({matcher.ratio():.2f})"
    return ""


def spelled_alike(one, two):
    """Whether two folded names have the same words, but for one spelled a little
    differently, and not a number ("Prague 1", "Prague 7") nor a short word ("East",
    "West")."""
    words, other_words = WORD.findall(one), WORD.findall(two)
    if len(words) != len(other_words):
        return False
    differing = [(x, y) for x, y in zip(words, other_words, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    return (
        min(len(x), len(y)) > 4
        and not (x.isdigit() or y.isdigit())
        and SequenceMatcher(None, x, y).ratio() >= SIMILARITY
    )


def compared(a, b):
    """The reason ``a`` and ``b`` are probably one place, or ""."""
    if a.kind != b.kind or not a.may_be(b) or not b.may_be(a):
        return ""
    if a.located and b.located:
        km = distance_km(*a.point, *b.point)
        if km > MAX_KM:
            return ""
        reason = alike(a, b)
        return f"{reason}, {km:.1f} km apart" if reason else ""
    if a.region and b.region and a.region != b.region:
        return ""
    reason = alike(a, b)
    return f"{reason}, no coordinates to compare" if reason else ""


def cell(place):
    lat, lon = place.point
    return math.floor(lat / CELL), math.floor(lon / CELL)


def lon_cells(row):
    """How many cells of longitude MAX_KM spans at the latitude of grid row ``row``."""
    # The cells' edge nearer a pole, where a degree of longitude is shortest.
    lat = min(max(abs(row * CELL), abs((row + 1) * CELL)) + CELL, 89.0)
    width = MAX_KM / (KM_PER_DEGREE * math.cos(math.radians(lat)))
    return math.ceil(width / CELL)


def near_pairs(places):
    """Pairs of located ``places`` in neighbouring grid cells."""
    grid = defaultdict(list)
    for place in places:
        grid[cell(place)].append(place)
    for (row, col), here in grid.items():
        yield from combinations(here, 2)
        span = lon_cells(row)
        for other_row in (row, row + 1):
            for other_col in range(col - span, col + span + 1):
                if (other_row, other_col) <= (row, col):
                    continue
                for a in here:
                    for b in grid.get((other_row, other_col), ()):
                        yield a, b


def name_pairs(places):
    """Pairs of ``places``, one of them not located, whose names begin alike."""
    buckets = defaultdict(set)
    for place in places:
        for key in place.names():
            buckets[key[:3]].add(place)
    for bucket in buckets.values():
        unlocated = [place for place in bucket if not place.located]
        for a in unlocated:
            for b in bucket:
                if b is not a and (b.located or a.pk < b.pk):
                    yield a, b


def probable_duplicates(queryset=None):
    """[(community, community, reason)]: each probable duplicate pair once, the
    community first recorded first, in order of country and name."""
    queryset = Community.objects.all() if queryset is None else queryset
    by_country = defaultdict(list)
    for row in queryset.order_by().values_list(*FIELDS).iterator(chunk_size=2000):
        by_country[row[3]].append(Place(row))
    found = {}
    for places in by_country.values():
        located = [place for place in places if place.located]
        for a, b in (*near_pairs(located), *name_pairs(places)):
            key = (min(a.pk, b.pk), max(a.pk, b.pk))
            if key not in found and (reason := compared(a, b)):
                found[key] = reason
    communities = Community.objects.in_bulk({pk for pair in found for pk in pair})
    pairs = [(communities[a], communities[b], reason) for (a, b), reason in found.items()]
    return sorted(pairs, key=lambda p: (p[0].country.code, p[0].name, p[1].name))


def shared_partners(a, b):
    """The pks of the communities that both ``a`` and ``b`` are partnered with."""
    partners = []
    for community in (a, b):
        rows = Partnership.objects.filter(
            Q(community_a=community) | Q(community_b=community)
        ).values_list("community_a", "community_b")
        partners.append({x if y == community.pk else y for x, y in rows})
    return partners[0] & partners[1]


def partnerships_reachable_twice(pairs):
    """How many partners are reached from both communities of a pair: the partnerships
    a merge of every pair would make one."""
    return sum(len(shared_partners(a, b)) for a, b in pairs)


def recorded_twice(queryset=None):
    """[(community, community, reason)]: the probable duplicates that share a partner,
    neither settled by a curator. A list that records one partnership from both places'
    pages, under two spellings of one of them, gives such a pair: one place, recorded
    twice."""
    return [
        (a, b, reason)
        for a, b, reason in probable_duplicates(queryset)
        if PlaceStatus.CURATED not in (a.place_status, b.place_status) and shared_partners(a, b)
    ]
