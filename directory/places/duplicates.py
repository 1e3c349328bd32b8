"""Probable duplicates: two communities of one country whose names are alike once
folded, and which lie within MAX_KM of each other where both have coordinates.

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
from directory.models import Community, Partnership

MAX_KM = 10
SIMILARITY = 0.8
# Grid cells of this many degrees of latitude: more than MAX_KM.
CELL = 0.1
KM_PER_DEGREE = 111.2
# "Tokyo – Setagaya": a part of a name set off by a dash with spaces around it.
DASHED = re.compile(r"\s+[-–—]\s+")
# "Frankfurt am Main", "Frankfurt an der Oder", "Halle (Saale)": what follows the name.
SUFFIX = re.compile(r"^(.+?)\s+(am|an der|an|im|in der|ob der|bei|upon|on|sur|sul|del|de la)\s")
FIELDS = ["pk", "name", "alternate_names", "country", "region", "latitude", "longitude"]


class Place:
    """What the finder compares of a community."""

    def __init__(self, row):
        self.pk, self.name, alternates, self.country, region, lat, lon = row
        self.folded = fold(self.name)
        self.region = fold(region)
        self.alternates = {fold(name) for name in alternates.splitlines()} - {""}
        self.parts = {fold(part) for part in DASHED.split(self.name)} - {"", self.folded}
        self.stem = match.group(1) if (match := SUFFIX.match(self.folded + " ")) else ""
        self.located = lat is not None and lon is not None
        self.point = (float(lat), float(lon)) if self.located else None

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
    if matcher.quick_ratio() >= SIMILARITY and matcher.ratio() >= SIMILARITY:
        return f"similar spelling ({matcher.ratio():.2f})"
    return ""


def compared(a, b):
    """The reason ``a`` and ``b`` are probably one place, or ""."""
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


def partnerships_reachable_twice(pairs):
    """How many partners are reached from both communities of a pair: the partnerships
    a merge of every pair would make one."""
    total = 0
    for a, b in pairs:
        partners = []
        for community in (a, b):
            rows = Partnership.objects.filter(
                Q(community_a=community) | Q(community_b=community)
            ).values_list("community_a", "community_b")
            partners.append({x if y == community.pk else y for x, y in rows})
        total += len(partners[0] & partners[1])
    return total
