"""Reading the gazetteer file (see build.py): places by name, regions by name, places
near a point. Opened by imports and checks only; the web processes never load it."""

import math
import sqlite3
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property
from pathlib import Path

from django.conf import settings

from directory.folding import fold
from directory.geo import distance_km

from . import build

KM_PER_DEGREE = 111.2
# Two names of regions this alike are one name spelled two ways.
ALIKE = 0.93


@dataclass(frozen=True)
class Place:
    """A GeoNames populated place."""

    geonames_id: int
    name: str
    country: str
    region: str  # the English name of its first-level region, or ""
    latitude: float
    longitude: float
    population: int

    def __str__(self):
        return f"{self.name}, {self.region}" if self.region else self.name

    def distance_to(self, latitude, longitude):
        return distance_km(self.latitude, self.longitude, float(latitude), float(longitude))

    def as_candidate(self):
        """What a community keeps of it in ``place_candidates``."""
        return {
            "geonames_id": self.geonames_id,
            "name": self.name,
            "region": self.region,
            "population": self.population,
        }


@dataclass(frozen=True)
class Region:
    """A first-level region: a GeoNames admin1 region or an ISO 3166-2 subdivision."""

    country: str
    code: str
    name: str
    kind: str  # ISO 3166-2's word for it ("State", "Province"...), "" from GeoNames


class Gazetteer:
    def __init__(self, path=None):
        self.path = Path(path or default_path())
        if not self.path.exists():
            build.build(self.path)
        self.connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        self.country_regions = {}

    def close(self):
        self.connection.close()

    @cached_property
    def region_names(self):
        """{(country, GeoNames admin1 code): the region's English name}."""
        rows = self.connection.execute("SELECT country, code, name FROM region WHERE kind = ''")
        return {(country, code): name for country, code, name in rows}

    def places(self, country, name, main_only=False):
        """The places of ``country`` called ``name`` (folded), largest first; with
        ``main_only``, only those whose main name it is, not an alternate one."""
        rows = self.connection.execute(
            "SELECT p.id, p.name, p.country, p.admin1, p.latitude, p.longitude, p.population "
            "FROM name n JOIN place p ON p.id = n.place "
            f"WHERE n.country = ? AND n.folded = ? {'AND n.main' if main_only else ''} "
            "ORDER BY p.population DESC, p.id",
            (country, fold(name)),
        )
        return [self.place(row) for row in rows]

    def names_of(self, geonames_id):
        """The folded names of a place, its main one and its alternate ones in every
        language ("munchen", "monaco di baviera", "munich"), but for codes and
        abbreviations (fewer than three letters, or with digits)."""
        rows = self.connection.execute(
            "SELECT folded FROM name WHERE place = ? ORDER BY folded", (geonames_id,)
        )
        return [name for (name,) in rows if len(name) >= 3 and not any(map(str.isdigit, name))]

    def place(self, row):
        geonames_id, name, country, admin1, latitude, longitude, population = row
        region = self.region_names.get((country, admin1), "")
        return Place(geonames_id, name, country, region, latitude, longitude, population)

    def regions(self, country, name):
        """The first-level regions of ``country`` called ``name`` (folded), or, where
        none is, spelled alike ("Castile and León" for "Castille and León")."""
        folded = fold(name)
        rows = self.regions_of(country)
        same = [region for region_folded, region in rows if region_folded == folded]
        if same:
            return same
        # The matcher keeps what it learns of the name, compared with every region.
        matcher = SequenceMatcher(None, "", folded)
        return [region for region_folded, region in rows if alike(matcher, region_folded)]

    def regions_of(self, country):
        """[(folded name, Region)] of ``country``, read once."""
        if country not in self.country_regions:
            rows = self.connection.execute(
                "SELECT country, code, name, kind, folded FROM region WHERE country = ?",
                (country,),
            )
            self.country_regions[country] = [(row[-1], Region(*row[:-1])) for row in rows]
        return self.country_regions[country]

    def has_places(self, country):
        query = "SELECT 1 FROM place WHERE country = ? LIMIT 1"
        return self.connection.execute(query, (country,)).fetchone() is not None

    def nearest_km(self, country, latitude, longitude, within):
        """The distance to the nearest place of ``country`` if one lies within ``within``
        km of the point, else None."""
        latitude, longitude = float(latitude), float(longitude)
        span = within / KM_PER_DEGREE
        wide = span / max(math.cos(math.radians(min(abs(latitude) + span, 89.9))), 0.01)
        query = (
            "SELECT latitude, longitude FROM place WHERE country = ? AND latitude BETWEEN ? AND ?"
        )
        parameters = [country, latitude - span, latitude + span]
        if longitude - wide > -180 and longitude + wide < 180:  # no need across the antimeridian
            query += " AND longitude BETWEEN ? AND ?"
            parameters += [longitude - wide, longitude + wide]
        distances = [
            distance_km(latitude, longitude, lat, lon)
            for lat, lon in self.connection.execute(query, parameters)
        ]
        nearest = min(distances, default=None)
        return nearest if nearest is not None and nearest <= within else None


def alike(matcher, one):
    """Whether ``one`` is spelled like the matcher's second sequence."""
    matcher.set_seq1(one)
    # The quick bounds first: most names are nothing like any region's.
    return (
        matcher.real_quick_ratio() > ALIKE
        and matcher.quick_ratio() > ALIKE
        and matcher.ratio() > ALIKE
    )


def default_path():
    return Path(settings.GAZETTEER_DIR) / build.file_name()
