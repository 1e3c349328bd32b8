"""What every map is drawn from: the viewBox, the land and border layers, each
country's outline, computed once per process, and the WorldMap a template draws."""

import functools
from dataclasses import dataclass, field

from . import projection
from .topology import atlas

# Room below the lowest point drawn, so that its marker is not cut in half.
MARGIN = 8


@dataclass
class Shape:
    """A country drawn on its own: its code, name, number (what it is shaded by), the
    class that shades it (``map-c0`` for none, up to ``map-c5``) and its path data."""

    alpha2: str
    name: str
    d: str
    count: int = 0
    css_class: str = "map-c0"


@dataclass
class LegendClass:
    """One class of a choropleth's legend: counts from ``low`` to ``high``."""

    css_class: str
    low: int
    high: int


@dataclass
class WorldMap:
    """Everything templates/jinja2/maps/world.jinja draws; every ``d`` is SVG path data in the
    viewBox ``0 0 width height``. Empty layers are left out of the drawing."""

    height: int = projection.HEIGHT
    width: int = projection.WIDTH
    land: str = ""  # all land in one path, when countries are not shaded
    borders: str = ""  # borders between countries, each once
    countries: list = field(default_factory=list)  # Shapes, when they are shaded
    highlight: str = ""  # the outline of one country, drawn over the others
    arcs: str = ""  # great-circle routes, many subpaths in one path
    dots: str = ""  # small markers, one subpath each
    home: str = ""  # the large marker of the place the map is about
    legend: list = field(default_factory=list)  # LegendClasses, for a choropleth

    @property
    def viewbox(self):
        return f"0 0 {self.width} {self.height}"

    def fit(self, points):
        """Make the map tall enough for ``points`` (longitude, latitude) far south."""
        lowest = max((projection.project(*point)[1] for point in points), default=0)
        self.height = max(self.height, round(lowest + MARGIN))


@functools.cache
def land():
    """Path data of all land, each coastline once, to the nearest unit of the viewBox."""
    return projection.path(atlas().land, closed=True)


@functools.cache
def borders():
    """Path data of the borders between countries, each once."""
    return projection.path(atlas().borders, closed=False)


@functools.cache
def country_paths():
    """{alpha-2 (or the atlas's name where there is none): (name, path data)}."""
    return {
        country.alpha2 or country.name: (
            country.name,
            projection.path(
                [ring for polygon in country.polygons for ring in polygon], closed=True
            ),
        )
        for country in atlas().countries
    }
