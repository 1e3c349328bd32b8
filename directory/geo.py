"""Coordinates: distances and directions on the globe."""

import math
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

EARTH_RADIUS_KM = 6371.0
KM_PER_MILE = 1.609344
# The direction from one place to another, written after the distance: "8,012 km northeast".
COMPASS_POINTS = (
    _("north"), _("north-northeast"), _("northeast"), _("east-northeast"),
    _("east"), _("east-southeast"), _("southeast"), _("south-southeast"),
    _("south"), _("south-southwest"), _("southwest"), _("west-southwest"),
    _("west"), _("west-northwest"), _("northwest"), _("north-northwest"),
)  # fmt: skip


def distance_km(latitude_a, longitude_a, latitude_b, longitude_b):
    """The great-circle distance between two points given in degrees (haversine)."""
    phi_a, phi_b = math.radians(latitude_a), math.radians(latitude_b)
    half_dphi = (phi_b - phi_a) / 2
    half_dlambda = math.radians(longitude_b - longitude_a) / 2
    h = math.sin(half_dphi) ** 2 + math.cos(phi_a) * math.cos(phi_b) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bearing(latitude_a, longitude_a, latitude_b, longitude_b):
    """The initial bearing from a to b along the great circle, in degrees clockwise from
    north, from 0 up to 360."""
    phi_a, phi_b = math.radians(latitude_a), math.radians(latitude_b)
    dlambda = math.radians(longitude_b - longitude_a)
    y = math.sin(dlambda) * math.cos(phi_b)
    x = math.cos(phi_a) * math.sin(phi_b) - math.sin(phi_a) * math.cos(phi_b) * math.cos(dlambda)
    return math.degrees(math.atan2(y, x)) % 360


def compass(degrees, points=16):
    """The compass word for a bearing: one of 16 points ("north-northeast"), or with
    ``points=8`` one of 8 ("northeast")."""
    step = 360 / points
    index = round((degrees % 360) / step) % points
    return COMPASS_POINTS[index * (16 // points)]


@dataclass(frozen=True)
class Route:
    """How far and which way from one place to another."""

    km: float
    bearing: float

    @property
    def miles(self):
        return self.km / KM_PER_MILE

    @property
    def direction(self):
        return compass(self.bearing)


def route(start, end):
    """The Route from ``start`` to ``end``, anything with ``latitude`` and
    ``longitude`` in degrees, or None when either place lacks one."""
    points = [start.latitude, start.longitude, end.latitude, end.longitude]
    if any(value is None for value in points):
        return None
    points = [float(value) for value in points]
    return Route(km=distance_km(*points), bearing=bearing(*points))
