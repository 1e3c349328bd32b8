"""Chart geometry: bars in proportion to their values, on a round axis."""

import pytest

from directory import charts


@pytest.mark.parametrize(
    ("maximum", "step"), [(0, 1), (3, 1), (7, 2), (10, 5), (38, 10), (120, 50), (4100, 2000)]
)
def test_nice_step_is_round_and_cuts_the_axis_into_a_few_parts(maximum, step):
    assert charts.nice_step(maximum) == step


def test_columns_are_as_high_as_their_values_on_one_scale():
    chart = charts.columns([("1950s", 10), ("1960s", 40), ("1970s", 0), ("1980s", 25)])
    heights = [bar.height for bar in chart.bars]
    assert heights[1] == pytest.approx(4 * heights[0])
    assert heights[2] == 0
    assert heights[3] == pytest.approx(2.5 * heights[0])
    # Every column stands on the axis and the axis runs from 0 to a round top.
    assert {round(bar.y + bar.height, 2) for bar in chart.bars} == {chart.plot_bottom}
    assert [tick.value for tick in chart.ticks] == [0, 10, 20, 30, 40]
    assert chart.ticks[-1].position == chart.plot_top
    # Columns do not overlap and stay inside the plot.
    for left, right in zip(chart.bars, chart.bars[1:], strict=False):
        assert left.x + left.width <= right.x
    assert chart.bars[-1].x + chart.bars[-1].width <= chart.plot_right


def test_columns_print_only_the_labels_asked_for():
    years = [(year, 1) for year in range(1987, 2013)]
    chart = charts.columns(years, show_label=lambda year: year % 10 == 0)
    assert [bar.label for bar in chart.labelled] == [1990, 2000, 2010]
    assert len(chart.bars) == 26


def test_bars_are_as_long_as_their_values_and_long_labels_are_cut():
    long_name = "Saint Vincent and the Grenadines and more"
    chart = charts.bars([("France", 30), ("Japan", 15), (long_name, 3)])
    assert chart.bars[1].width == pytest.approx(chart.bars[0].width / 2)
    assert chart.bars[0].x + chart.bars[0].width + charts.VALUE_ROOM <= chart.width + 0.01
    assert chart.height == 3 * 24
    assert chart.bars[2].short_label.endswith("…")
    assert len(chart.bars[2].short_label) <= charts.LABEL_CHARACTERS
    assert chart.bars[0].short_label == "France"
