"""Natural Earth's country outlines, from world-atlas's TopoJSON (data/countries-110m.json),
decoded once per process.

TopoJSON stores each shared border once, as an *arc*: a line of quantized points, each
written as its difference from the one before. A polygon's ring lists the arcs it follows,
``~i`` meaning arc ``i`` walked backwards.
"""

import functools
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django_countries import countries

from .sphere import cut_line, cut_ring

DATA_FILE = Path(__file__).resolve().parent / "data" / "countries-110m.json"
# Not drawn: no community lies there, and it would take a fifth of the map's height.
LEFT_OUT = {"010"}  # Antarctica


@dataclass(frozen=True)
class Country:
    """One country of the atlas: ``alpha2`` ("" for places without an ISO code, such as
    Somaliland), its name in the atlas, and its polygons, each a list of rings of
    (longitude, latitude) points, the first ring the outline, the others holes."""

    alpha2: str
    name: str
    polygons: tuple


@dataclass(frozen=True)
class Atlas:
    countries: tuple
    # Rings of the land masses, each coastline once: the land layer.
    land: tuple
    # Lines where two countries meet, each once: the border layer.
    borders: tuple


def decode_arcs(topology):
    """Every arc as a list of (longitude, latitude) points."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for quantized in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in quantized:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    """A closed ring of points from the arcs it follows, in order."""
    points = []
    for index in indexes:
        line = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Each arc starts where the previous one ended: keep that point once.
        points.extend(line[1:] if points else line)
    return points


def polygons_of(geometry):
    """A geometry's polygons, each a list of lists of arc indexes."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def arc_ids(geometry):
    return {
        index if index >= 0 else ~index for p in polygons_of(geometry) for r in p for index in r
    }


@functools.cache
def atlas():
    """The decoded atlas, read from disk once per process."""
    topology = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    geometries = [
        geometry
        for geometry in topology["objects"]["countries"]["geometries"]
        if geometry.get("id") not in LEFT_OUT
    ]
    shapes = tuple(
        Country(
            alpha2=countries.alpha2(geometry["id"]) if geometry.get("id") else "",
            name=geometry["properties"]["name"],
            polygons=tuple(
                tuple(
                    tuple(piece) for indexes in polygon for piece in cut_ring(ring(arcs, indexes))
                )
                for polygon in polygons_of(geometry)
            ),
        )
        for geometry in geometries
    )
    # An arc used by two countries is a border; by one, a coast.
    uses = Counter(index for geometry in geometries for index in arc_ids(geometry))
    land = tuple(
        tuple(piece)
        for geometry in topology["objects"]["land"]["geometries"]
        for polygon in polygons_of(geometry)
        for indexes in polygon
        if any(uses[i if i >= 0 else ~i] for i in indexes)
        for piece in cut_ring(ring(arcs, indexes))
    )
    borders = tuple(
        tuple(piece)
        for index, count in sorted(uses.items())
        if count > 1
        for piece in cut_line(arcs[index])
    )
    return Atlas(countries=shapes, land=land, borders=borders)


def country(alpha2):
    """The atlas's Country for an ISO alpha-2 code, or None where the atlas has none
    (small states and territories are not drawn at this scale)."""
    return next((shape for shape in atlas().countries if shape.alpha2 == alpha2), None)
