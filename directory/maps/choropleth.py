"""World maps shaded by a number per country (a choropleth)."""

from .layers import LegendClass, Shape, WorldMap, borders, country_paths
from .projection import dots as dot_path

CLASSES = 5


def breaks(values, classes=CLASSES):
    """Upper bounds of up to ``classes`` classes of the positive ``values``, each holding
    about as many values as the others (quantiles); equal bounds merge."""
    values = sorted(value for value in values if value > 0)
    if not values:
        return []
    bounds = []
    for k in range(1, classes + 1):
        bound = values[min(len(values) - 1, -(-k * len(values) // classes) - 1)]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def choropleth(counts_by_alpha2, highlight=None, dots=()):
    """A WorldMap whose countries are shaded by ``counts_by_alpha2`` ({"FR": 12, ...}).

    Countries with a positive count fall into up to five classes of about equally many
    countries (``map-c1`` lightest to ``map-c5`` darkest; with fewer classes, the
    lightest and darkest and some between), described by ``legend``
    (LegendClasses, lowest first); the rest are ``map-c0``. ``highlight``, an alpha-2
    code, outlines that country over the others (a country page's own country).
    ``dots``, (latitude, longitude) pairs, become markers (for instance the
    communities of that country); pairs with a None are skipped. Countries too small
    for the atlas (Monaco, Singapore...) are not drawn, whatever their count.
    """
    shown = {code: counts_by_alpha2.get(code, 0) for code in country_paths()}
    bounds = breaks(shown.values())
    legend, low = [], 1
    for index, high in enumerate(bounds):
        # Fewer classes than colours: spread them, lightest to darkest, over the palette.
        shade = 1 + round(index * (CLASSES - 1) / (len(bounds) - 1)) if len(bounds) > 1 else 3
        legend.append(LegendClass(css_class=f"map-c{shade}", low=low, high=high))
        low = high + 1
    shapes = []
    for code, (name, d) in country_paths().items():
        count = shown[code]
        css_class = next((c.css_class for c in legend if count <= c.high), "map-c0")
        shapes.append(
            Shape(
                alpha2=code,
                name=name,
                d=d,
                count=count,
                css_class=css_class if count else "map-c0",
            )
        )
    places = [(float(lon), float(lat)) for lat, lon in dots if lat is not None and lon is not None]
    world = WorldMap(
        countries=shapes,
        borders=borders(),
        highlight=country_paths().get(highlight, ("", ""))[1] if highlight else "",
        dots=dot_path(places),
        legend=legend,
    )
    world.fit(places)
    return world
