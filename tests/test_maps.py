"""The map drawing: projection, TopoJSON decoding, routes cut at the antimeridian,
community maps and choropleths."""

import itertools
import json
import math
import re
from types import SimpleNamespace

import pytest

from directory.maps import choropleth, community_map
from directory.maps.choropleth import breaks
from directory.maps.projection import (
    HEIGHT,
    WIDTH,
    equal_earth,
    join,
    path,
    project,
)
from directory.maps.sphere import cut_line, cut_ring, great_circle
from directory.maps.topology import DATA_FILE, atlas, country, decode_arcs, polygons_of, ring

TOKYO = (35.6762, 139.6503)
SAN_FRANCISCO = (37.7749, -122.4194)
PARIS = (48.8566, 2.3522)
NEW_YORK = (40.7128, -74.0060)


# Projection


def test_equal_earth_extent():
    """The equator spans ±π/(√3/2 · A1) and the poles sit at ±1.3173627 (the published
    extent; d3's default scale, 177.158, makes the map 960 wide with it)."""
    assert equal_earth(180, 0)[0] == pytest.approx(math.pi / (math.sqrt(3) / 2 * 1.340264))
    assert equal_earth(180, 0)[0] * 177.158 == pytest.approx(480, abs=1)
    assert equal_earth(0, 90)[1] == pytest.approx(1.3173627, abs=1e-6)
    assert equal_earth(0, 0) == (0, 0)
    assert equal_earth(-30, -40) == pytest.approx(tuple(-v for v in equal_earth(30, 40)))


@pytest.mark.parametrize("latitude", [0, 20, 45, 60, 80])
def test_equal_earth_keeps_areas(latitude):
    """A small cell of the globe (its area proportional to cos φ) covers the same area
    on the map wherever it lies."""
    h = 1e-4

    def cell(phi):
        width = equal_earth(1, phi)[0] - equal_earth(0, phi)[0]
        height = equal_earth(0, phi + h)[1] - equal_earth(0, phi - h)[1]
        return width * height / (2 * h) / math.cos(math.radians(phi))

    assert cell(latitude) == pytest.approx(cell(0), rel=1e-6)


def test_viewbox_runs_from_the_antimeridian_to_the_antimeridian():
    assert project(-180, 0)[0] == pytest.approx(0)
    assert project(180, 0)[0] == pytest.approx(WIDTH)
    assert project(0, 84)[1] == pytest.approx(0)
    assert project(0, -58)[1] == pytest.approx(HEIGHT, abs=0.5)


def test_path_numbers_are_short():
    assert join([12, -3.5, 0.5, -0.25, 0]) == "12-3.5 .5-.2 0"


def test_path_is_relative_and_drops_repeated_points():
    d = path([[(0, 0), (0.001, 0.001), (10, 0), (10, 10)]], closed=True)
    x, y = (round(v) for v in project(0, 0))
    assert d.startswith(f"M{x} {y}l") and d.endswith("z")
    # the second point rounds onto the first and is dropped: two steps remain
    assert len(re.findall(r"-?\d+", d.split("l")[1])) == 4


def test_a_ring_that_rounds_to_a_point_is_left_out():
    assert path([[(0, 0), (0.01, 0), (0, 0.01)]], closed=True) == ""


# TopoJSON


def test_arcs_are_delta_decoded_and_scaled():
    topology = {
        "transform": {"scale": [0.5, 2], "translate": [10, -20]},
        "arcs": [[[0, 0], [2, 0], [0, 3]], [[2, 3], [-2, -3]]],
    }
    arcs = decode_arcs(topology)
    assert arcs[0] == [(10, -20), (11, -20), (11, -14)]
    # the point two arcs share is kept once, and the ring closes
    assert ring(arcs, [0, 1]) == [(10, -20), (11, -20), (11, -14), (10, -20)]
    # ~1 is arc 1 walked backwards
    assert ring(arcs, [~1]) == [(10, -20), (11, -14)]


def test_numeric_codes_become_alpha2():
    codes = {shape.alpha2: shape.name for shape in atlas().countries}
    assert codes["FR"] == "France"
    assert codes["US"] == "United States of America"
    assert codes["JP"] == "Japan"
    assert "AQ" not in codes  # Antarctica is left out


def test_every_ring_of_the_atlas_closes():
    """Rings as the file gives them end where they start."""
    topology = json.loads(DATA_FILE.read_text())
    arcs = decode_arcs(topology)
    for geometry in topology["objects"]["countries"]["geometries"]:
        for polygon in polygons_of(geometry):
            for indexes in polygon:
                points = ring(arcs, indexes)
                assert points[0] == pytest.approx(points[-1]), geometry["properties"]["name"]


def test_france_lies_where_france_is():
    france = country("FR")
    mainland = max((polygon[0] for polygon in france.polygons), key=len)
    longitudes, latitudes = zip(*mainland, strict=True)
    assert -5.5 < min(longitudes) < -4 and 7 < max(longitudes) < 8.5
    assert 42 < min(latitudes) < 43.5 and 50.5 < max(latitudes) < 51.5


def test_no_outline_runs_across_the_map():
    for shape in atlas().countries:
        for polygon in shape.polygons:
            for points in polygon:
                assert all(abs(p[0] - q[0]) <= 180 for p, q in itertools.pairwise(points)), shape


# Routes


def test_tokyo_to_san_francisco_is_cut_at_the_antimeridian():
    route = great_circle(TOKYO, SAN_FRANCISCO)
    assert route[0] == pytest.approx(TOKYO[::-1]) and route[-1] == pytest.approx(
        SAN_FRANCISCO[::-1]
    )
    # the great circle bows north of both ends
    assert max(lat for _, lat in route) > SAN_FRANCISCO[0] + 5
    west, east = cut_line(route)
    assert west[-1][0] == 180 and east[0][0] == -180
    assert west[-1][1] == pytest.approx(east[0][1])
    d = path([west, east], closed=False, decimals=1)
    assert d.count("M") == 2
    for piece in (west, east):
        xs = [project(*point)[0] for point in piece]
        assert max(xs) - min(xs) < WIDTH / 2


def test_a_route_across_the_atlantic_is_one_line():
    route = great_circle(PARIS, NEW_YORK)
    assert len(cut_line(route)) == 1
    # about one point every 400 km
    assert 14 <= len(route) <= 18


def test_a_ring_across_the_antimeridian_becomes_one_ring_per_side():
    square = [(170, 10), (-170, 10), (-170, -10), (170, -10)]
    sides = cut_ring(square)
    assert len(sides) == 2
    for side in sides:
        assert len({p[0] > 0 for p in side if abs(p[0]) != 180}) == 1


# Community maps


def place(latitude=None, longitude=None, name="Somewhere"):
    return SimpleNamespace(latitude=latitude, longitude=longitude, name=name)


def with_partners(*partners):
    return [SimpleNamespace(partner=partner) for partner in partners]


def test_community_without_a_location_gets_no_map():
    drawn = community_map(place(), with_partners(place(*PARIS)))
    assert drawn.map is None and not drawn.located
    assert (drawn.partners, drawn.drawn, drawn.missing) == (1, 0, 0)


def test_partners_without_locations_give_no_map():
    drawn = community_map(place(*NEW_YORK), with_partners(place(), place()))
    assert drawn.map is None and drawn.located
    assert drawn.missing == 2


def test_routes_and_markers_one_path_each_and_once_per_position():
    partners = with_partners(
        place(*PARIS), place(*PARIS), place(35.7, 51.4), place(51.5, -0.12), place()
    )
    drawn = community_map(place(*NEW_YORK), partners)
    assert (drawn.drawn, drawn.missing, drawn.partners) == (4, 1, 5)
    # Paris twice is one route and one marker
    assert drawn.map.dots.count("M") == 3
    assert drawn.map.arcs.count("M") == 3
    assert drawn.map.home.count("M") == 1
    assert drawn.map.land and drawn.map.borders


def test_the_map_grows_for_a_place_far_south():
    drawn = community_map(place(*NEW_YORK), with_partners(place(-77.85, 166.67)))
    assert drawn.map.height > HEIGHT


# Choropleths


def test_breaks_are_quantiles_without_repeats():
    assert breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == [2, 4, 6, 8, 10]
    assert breaks([0, 1, 1, 1, 1, 50]) == [1, 50]
    assert breaks([0, 0]) == []


def test_choropleth_shades_by_count():
    counts = {"FR": 40, "US": 400, "JP": 4, "DE": 40, "BR": 1, "MC": 99}
    world = choropleth(counts, highlight="FR", dots=[PARIS, (None, None)])
    shade = {shape.alpha2: shape.css_class for shape in world.countries}
    assert shade["US"] == "map-c5" == world.legend[-1].css_class
    assert shade["BR"] == "map-c1"
    assert int(shade["JP"][-1]) < int(shade["FR"][-1]) < int(shade["US"][-1])
    assert shade["CN"] == "map-c0"
    assert "MC" not in shade  # too small for the atlas
    assert [c.low for c in world.legend][0] == 1 and world.legend[-1].high == 400
    france = next(shape for shape in world.countries if shape.alpha2 == "FR")
    assert world.highlight == france.d
    assert world.dots.count("M") == 1
