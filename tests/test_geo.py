"""Distances and directions between known places."""

import pytest

from directory.geo import Route, bearing, compass, distance_km, route

LONDON = (51.5074, -0.1278)
NEW_YORK = (40.7128, -74.0060)
PARIS = (48.8566, 2.3522)
TOKYO = (35.6762, 139.6503)
SYDNEY = (-33.8688, 151.2093)
SANTIAGO = (-33.4489, -70.6693)


@pytest.mark.parametrize(
    ("start", "end", "km", "degrees", "word"),
    [
        # Published great-circle figures, to the nearest 10 km and degree.
        (LONDON, NEW_YORK, 5570, 288, "west-northwest"),
        (NEW_YORK, LONDON, 5570, 51, "northeast"),
        (PARIS, TOKYO, 9710, 33, "north-northeast"),
        (PARIS, NEW_YORK, 5840, 292, "west-northwest"),
    ],
)
def test_known_city_pairs(start, end, km, degrees, word):
    assert distance_km(*start, *end) == pytest.approx(km, abs=10)
    assert bearing(*start, *end) == pytest.approx(degrees, abs=1)
    assert compass(bearing(*start, *end)) == word


@pytest.mark.parametrize(
    ("end", "degrees"),
    [((10, 0), 0), ((0, 10), 90), ((-10, 0), 180), ((0, -10), 270)],
)
def test_bearings_along_the_equator_and_the_meridian(end, degrees):
    assert bearing(0, 0, *end) == pytest.approx(degrees)


def test_the_southern_hemisphere_mirrors_the_northern():
    """Seen in a mirror along the equator, a route keeps its length and its bearing
    becomes 180 degrees minus the bearing."""
    north = [(-SYDNEY[0], SYDNEY[1]), (-SANTIAGO[0], SANTIAGO[1])]
    assert distance_km(*SYDNEY, *SANTIAGO) == pytest.approx(distance_km(*north[0], *north[1]))
    assert bearing(*SYDNEY, *SANTIAGO) == pytest.approx(180 - bearing(*north[0], *north[1]))


def test_bearing_is_never_360():
    assert 0 <= bearing(0, 0, 10, -1e-12) < 360


@pytest.mark.parametrize(
    ("degrees", "sixteen", "eight"),
    [
        (0, "north", "north"),
        (11, "north", "north"),
        (12, "north-northeast", "north"),
        (45, "northeast", "northeast"),
        (100, "east", "east"),
        (200, "south-southwest", "south"),
        (250, "west-southwest", "west"),
        (350, "north", "north"),
        (330, "north-northwest", "northwest"),
        (-90, "west", "west"),
    ],
)
def test_compass_words(degrees, sixteen, eight):
    assert compass(degrees) == sixteen
    assert compass(degrees, points=8) == eight


class Place:
    def __init__(self, latitude, longitude):
        self.latitude, self.longitude = latitude, longitude


def test_route_in_both_units_and_a_word():
    way = route(Place(*NEW_YORK), Place(*LONDON))
    assert isinstance(way, Route)
    assert way.miles == pytest.approx(way.km / 1.609344)
    assert way.direction == "northeast"


def test_no_route_without_both_places():
    assert route(Place(None, None), Place(*LONDON)) is None
    assert route(Place(*LONDON), Place(51.5, None)) is None
