"""A community's map: its partners joined to it by great-circle routes."""

from dataclasses import dataclass

from .layers import WorldMap, borders, land
from .projection import dots, path
from .sphere import cut_line, great_circle


def location(community):
    """(latitude, longitude) in degrees as floats, or None when either is unknown."""
    if community.latitude is None or community.longitude is None:
        return None
    return float(community.latitude), float(community.longitude)


@dataclass
class CommunityMap:
    """What a community page says and draws about where its partners are.

    ``map`` is None when there is nothing true to draw: the community has no location,
    or none of its partners has. Of its ``partners``, ``drawn`` are on the map (some may
    share one marker) and ``missing`` have no location; ``located`` says whether the
    community has one.
    """

    map: WorldMap | None
    located: bool
    partners: int
    drawn: int
    missing: int


def community_map(community, partnerships):
    """The CommunityMap of ``community`` and ``partnerships``, each with ``partner`` (the
    other side), as ``Partnership.objects.of(community)`` gives them.

    Partners at the same position share one route and one marker, so a hub with hundreds
    of partners stays light: all routes are one path, all partner markers another.
    """
    home = location(community)
    places = [location(partnership.partner) for partnership in partnerships]
    found = [place for place in places if place is not None]
    missing = len(places) - len(found)
    if home is None or not found:
        return CommunityMap(
            map=None, located=home is not None, partners=len(places), drawn=0, missing=missing
        )
    # One route per position, in a stable order.
    routes = sorted({(round(lat, 3), round(lon, 3)) for lat, lon in found} - {_rounded(home)})
    lines = [piece for place in routes for piece in cut_line(great_circle(home, place))]
    world = WorldMap(
        land=land(),
        borders=borders(),
        arcs=path(lines, closed=False),
        dots=dots((lon, lat) for lat, lon in routes),
        home=dots([(home[1], home[0])]),
    )
    world.fit([(lon, lat) for lat, lon in [home, *routes]])
    return CommunityMap(
        map=world, located=True, partners=len(places), drawn=len(found), missing=missing
    )


def _rounded(place):
    return (round(place[0], 3), round(place[1], 3))
