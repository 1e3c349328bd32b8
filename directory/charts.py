"""Bar charts: this module measures them, templates/charts/ draws them as SVG.

Sizes are in the SVG's own units. The view boxes are narrow, so that on a phone the
chart is drawn near its own size and its labels stay legible; CSS lets it grow on wider
screens.
"""

import math
from dataclasses import dataclass

# Longest label drawn beside a horizontal bar at the chart's font size.
LABEL_CHARACTERS = 25
# Room after a horizontal bar for its value.
VALUE_ROOM = 44


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def center(self):
        return round(self.x + self.width / 2, 2)

    @property
    def middle(self):
        return round(self.y + self.height / 2, 2)

    @property
    def value_x(self):
        return round(self.x + self.width + 6, 2)

    @property
    def short_label(self):
        """The label cut to fit beside a horizontal bar; the table gives it whole."""
        return (
            self.label
            if len(self.label) <= LABEL_CHARACTERS
            else f"{self.label[: LABEL_CHARACTERS - 1]}…"
        )


@dataclass(frozen=True)
class Tick:
    value: int
    position: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    # Bars whose label is printed beside the axis (all of them, or every tenth year).
    labelled: list[Bar]
    plot_left: float = 0
    plot_right: float = 0
    plot_top: float = 0
    plot_bottom: float = 0

    @property
    def label_y(self):
        return self.plot_bottom + 16

    @property
    def tick_x(self):
        return self.plot_left - 6


def nice_step(maximum, parts=4):
    """A round step (1, 2 or 5 times a power of ten) that cuts 0..maximum into about
    ``parts`` parts."""
    if maximum <= parts:
        return 1
    raw = maximum / parts
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if raw <= m * magnitude)


def columns(items, *, show_label=None, width=400, height=220):
    """Vertical bars for ``items``, (label, value) pairs in order, with a value axis.

    ``show_label(label)`` says which labels to print under the axis (all, without it);
    every label is still in its column's tooltip and in the table beside the chart.
    """
    left, right, top, bottom = 40, 8, 12, 30
    plot_width, plot_height = width - left - right, height - top - bottom
    step = nice_step(max((value for _, value in items), default=0))
    top_value = max(step, math.ceil(max((v for _, v in items), default=0) / step) * step)
    slot = plot_width / max(len(items), 1)
    gap = min(slot * 0.2, 4)
    bars = []
    for index, (label, value) in enumerate(items):
        bar_height = plot_height * value / top_value
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(left + index * slot + gap / 2, 2),
                y=round(top + plot_height - bar_height, 2),
                width=round(slot - gap, 2),
                height=round(bar_height, 2),
            )
        )
    ticks = [
        Tick(value, round(top + plot_height - plot_height * value / top_value, 2))
        for value in range(0, top_value + 1, step)
    ]
    return Chart(
        width=width,
        height=height,
        bars=bars,
        ticks=ticks,
        labelled=[bar for bar in bars if show_label is None or show_label(bar.label)],
        plot_left=left,
        plot_right=width - right,
        plot_top=top,
        plot_bottom=top + plot_height,
    )


def bars(items, *, width=400, row=24, label_width=175):
    """Horizontal bars for ``items``, (label, value) pairs, largest first as given, with
    each label to the left of its bar and each value at its end."""
    value_room = VALUE_ROOM
    plot_width = width - label_width - value_room
    largest = max((value for _, value in items), default=0) or 1
    drawn = [
        Bar(
            label=label,
            value=value,
            x=label_width,
            y=index * row,
            width=round(max(plot_width * value / largest, 1), 2),
            height=row - 6,
        )
        for index, (label, value) in enumerate(items)
    ]
    return Chart(
        width=width,
        height=row * len(items),
        bars=drawn,
        ticks=[],
        labelled=drawn,
        plot_left=label_width,
        plot_right=width,
    )
