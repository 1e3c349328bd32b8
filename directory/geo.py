"""Coordinates: distances on the globe."""

import math

EARTH_RADIUS_KM = 6371.0


def distance_km(latitude_a, longitude_a, latitude_b, longitude_b):
    """The great-circle distance between two points given in degrees (haversine)."""
    phi_a, phi_b = math.radians(latitude_a), math.radians(latitude_b)
    half_dphi = (phi_b - phi_a) / 2
    half_dlambda = math.radians(longitude_b - longitude_a) / 2
    h = math.sin(half_dphi) ** 2 + math.cos(phi_a) * math.cos(phi_b) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
