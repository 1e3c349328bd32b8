"""World maps drawn on the server as inline SVG (templates/jinja2/maps/world.jinja).

Public API:

- ``community_map(community, partnerships)`` -> CommunityMap: a community and its
  partners joined by great-circle routes; ``.map`` is None when there is nothing true to
  draw, and ``.drawn``/``.missing`` count the partners on and off the map.
- ``choropleth(counts_by_alpha2, highlight=None, dots=())`` -> WorldMap: countries shaded
  by a number, with a legend; one country outlined; markers at (latitude, longitude).

Outlines: Natural Earth 1:110m via world-atlas (data/README.md), in the Equal Earth
projection, 1000 units wide.
"""

from .choropleth import choropleth
from .community import CommunityMap, community_map
from .layers import LegendClass, Shape, WorldMap

__all__ = ["CommunityMap", "LegendClass", "Shape", "WorldMap", "choropleth", "community_map"]
