"""The Equal Earth projection (Šavrič, Patterson and Jenny, 2018) into the maps' viewBox,
and compact SVG path data.

Equal Earth keeps areas true, so a country's share of the map is its share of the
globe, and its curved sides keep the shapes of the continents familiar.
"""

import math

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(longitude, latitude):
    """(x, y) on the unit Equal Earth plane, y pointing north, for degrees."""
    theta = math.asin(M * math.sin(math.radians(latitude)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        math.radians(longitude)
        * math.cos(theta)
        / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    )
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


# The viewBox: 1000 wide from the antimeridian to the antimeridian, from the Arctic
# coast of Greenland (84° N) down to Cape Horn and South Georgia (58° S).
WIDTH = 1000
NORTH, SOUTH = 84, -58
HALF_WIDTH = equal_earth(180, 0)[0]
SCALE = WIDTH / (2 * HALF_WIDTH)
TOP = equal_earth(0, NORTH)[1]
HEIGHT = round((TOP - equal_earth(0, SOUTH)[1]) * SCALE)


def project(longitude, latitude):
    """(x, y) in the viewBox for a point in degrees."""
    x, y = equal_earth(longitude, latitude)
    return (x + HALF_WIDTH) * SCALE, (TOP - y) * SCALE


def number(value):
    """A path number as short as it goes: 12, -3.5, .5."""
    text = f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))
    if text in ("-0", ""):
        return "0"
    if text.startswith("0."):
        return text[1:]
    if text.startswith("-0."):
        return "-" + text[2:]
    return text


def join(numbers):
    """Numbers for a path, with a space only where a minus sign does not separate them."""
    out = []
    for value in numbers:
        text = number(value)
        if out and not text.startswith("-"):
            out.append(" ")
        out.append(text)
    return "".join(out)


def path(lines, *, closed, decimals=0):
    """Path data for ``lines`` of (longitude, latitude) points: each line a subpath that
    starts with an absolute move and goes on with relative steps, rounded to
    ``decimals`` places of the viewBox; a point equal to the one before it after rounding
    is dropped, and so is a ring left with fewer than three points or a line with one."""
    factor = 10**decimals
    subpaths = []
    for line in lines:
        points = []
        for longitude, latitude in line:
            x, y = project(longitude, latitude)
            point = (round(x * factor), round(y * factor))
            if not points or point != points[-1]:
                points.append(point)
        if closed and len(points) > 1 and points[-1] == points[0]:
            points.pop()
        if len(points) < (3 if closed else 2):
            continue
        (x0, y0), steps = points[0], []
        previous = points[0]
        for x, y in points[1:]:
            steps += [(x - previous[0]) / factor, (y - previous[1]) / factor]
            previous = (x, y)
        subpaths.append(
            f"M{join([x0 / factor, y0 / factor])}l{join(steps)}{'z' if closed else ''}"
        )
    return "".join(subpaths)


def dots(points):
    """Path data drawing a dot at each (longitude, latitude) point, once per place: a
    zero-length line that a round line cap turns into a disc, so hundreds of markers
    are one element."""
    seen = {}  # a dict: an ordered set
    for longitude, latitude in points:
        x, y = project(longitude, latitude)
        seen[round(x, 1), round(y, 1)] = None
    return "".join(f"M{join(point)}h0" for point in seen)
