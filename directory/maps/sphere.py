"""Lines on the globe: great-circle routes, and lines and rings cut where they cross the
antimeridian (180° E = 180° W), so that nothing drawn runs across the whole map."""

import itertools
import math

from directory.geo import EARTH_RADIUS_KM, distance_km

# A route gets a point about every SEGMENT_KM, and at least one segment.
SEGMENT_KM = 400
MAX_SEGMENTS = 48


def great_circle(start, end):
    """The shortest route from ``start`` to ``end``, (latitude, longitude) pairs in
    degrees, as (longitude, latitude) points, more of them the longer the route."""
    (lat_a, lon_a), (lat_b, lon_b) = start, end
    angle = distance_km(lat_a, lon_a, lat_b, lon_b) / EARTH_RADIUS_KM
    if angle < 1e-9 or math.pi - angle < 1e-9:
        # The same place, or the two ends of a diameter, where no one route is shortest.
        return [(lon_a, lat_a), (lon_b, lat_b)]
    segments = max(1, min(MAX_SEGMENTS, math.ceil(angle * EARTH_RADIUS_KM / SEGMENT_KM)))
    a, b = unit_vector(lat_a, lon_a), unit_vector(lat_b, lon_b)
    points = []
    for step in range(segments + 1):
        fraction = step / segments
        weight_a = math.sin((1 - fraction) * angle) / math.sin(angle)
        weight_b = math.sin(fraction * angle) / math.sin(angle)
        x, y, z = (weight_a * p + weight_b * q for p, q in zip(a, b, strict=True))
        points.append(
            (math.degrees(math.atan2(y, x)), math.degrees(math.atan2(z, math.hypot(x, y))))
        )
    return points


def unit_vector(latitude, longitude):
    phi, lam = math.radians(latitude), math.radians(longitude)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def crossing(p, q):
    """Where the step from ``p`` to ``q`` (longitude, latitude), which crosses the
    antimeridian, meets it: (p's side, q's side), each as a point on the edge."""
    edge = 180.0 if p[0] > 0 else -180.0
    q_lon = q[0] + 2 * edge  # q seen from p's side, past the edge
    fraction = (edge - p[0]) / (q_lon - p[0]) if q_lon != p[0] else 0.0
    latitude = p[1] + fraction * (q[1] - p[1])
    return (edge, latitude), (-edge, latitude)


def jumps(p, q):
    return abs(p[0] - q[0]) > 180


def cut_line(line):
    """An open line as one or more lines, cut where it crosses the antimeridian."""
    pieces = [[line[0]]] if line else []
    for p, q in itertools.pairwise(line):
        if jumps(p, q):
            end, start = crossing(p, q)
            pieces[-1].append(end)
            pieces.append([start])
        pieces[-1].append(q)
    return pieces


def cut_ring(ring):
    """A closed ring as one ring per side of the antimeridian, each closed along it."""
    ring = list(ring)
    if ring and ring[0] == ring[-1]:
        ring.pop()
    steps = list(zip(ring, ring[1:] + ring[:1], strict=True))
    if not any(jumps(p, q) for p, q in steps):
        return [ring]
    # Start just after a crossing, so that every piece lies on one side.
    first = next(i for i, (p, q) in enumerate(steps) if jumps(p, q))
    ring = ring[first + 1 :] + ring[: first + 1]
    east, west = [], []
    pieces = cut_line([*ring, ring[0]])
    for piece in pieces:
        (east if piece[len(piece) // 2][0] > 0 else west).extend(piece)
    return [side for side in (east, west) if len(side) > 2]
