"""The plot plumbing of lessons 07 and 08: labels that never overlap, axes that are labelled, nothing shown or leaked.

Overlap is checked on the drawn figure: every text artist's bounding box in display
coordinates, after ``fig.canvas.draw()``, against every other.
"""
from itertools import combinations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import partycorpus as pc  # noqa: E402
from partycorpus.map_plot import draw_route, place_labels  # noqa: E402
from partycorpus.timeline_plot import assign_lanes, plot_timeline, shade_periods  # noqa: E402


def text_boxes(ax):
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts if t.get_text().strip()]


def overlaps(boxes):
    return [(a, b) for (a, box_a), (b, box_b) in combinations(boxes, 2) if box_a.overlaps(box_b)]


def outside(ax, boxes, slack=1.0):
    frame = ax.get_window_extent(ax.figure.canvas.get_renderer())
    return [name for name, box in boxes if box.x0 < frame.x0 - slack or box.x1 > frame.x1 + slack
            or box.y0 < frame.y0 - slack or box.y1 > frame.y1 + slack]


@pytest.fixture(autouse=True)
def no_figures_left_open():
    before = set(plt.get_fignums())
    yield
    leaked = set(plt.get_fignums()) - before
    plt.close("all")
    assert not leaked, "a test left figures open"


# ---------------------------------------------------------------------------------------------------------
# Lanes.

@pytest.mark.parametrize("intervals, gap, lanes", [
    ([(0, 5), (1, 2), (6, 8), (2.5, 4)], 0, [0, 1, 0, 1]),
    ([(0, 1), (1, 2)], 0, [0, 0]),        # touching intervals share a lane
    ([(0, 1), (1, 2)], 0.5, [0, 1]),      # unless a gap is required
    ([(3, 4), (0, 10), (1, 2)], 0, [1, 0, 1]),
])
def test_assign_lanes(intervals, gap, lanes):
    assert assign_lanes(intervals, gap=gap) == lanes


def test_lanes_never_hold_overlapping_intervals_and_are_as_few_as_possible():
    rng = np.random.default_rng(7)
    starts = rng.uniform(0, 100, 300)
    intervals = [(s, s + w) for s, w in zip(starts, rng.uniform(0.5, 15, 300))]
    lanes = assign_lanes(intervals)
    for lane in set(lanes):
        spans = sorted(iv for iv, ln in zip(intervals, lanes) if ln == lane)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    deepest = max(sum(s < x < e for s, e in intervals) for x in np.linspace(0, 115, 2000))
    assert max(lanes) + 1 <= deepest + 1


def test_an_interval_that_ends_before_it_begins_is_refused():
    with pytest.raises(ValueError, match="ends before it begins"):
        assign_lanes([(5, 1)])


# ---------------------------------------------------------------------------------------------------------
# The timeline.

@pytest.mark.parametrize("first, last", [("1923-10-01", "1934-12-31"), ("1924-01-01", "1926-12-31"), (None, None)])
def test_timeline_labels_do_not_overlap_and_stay_inside(first, last):
    events = pc.timeline()
    if first:
        events = pc.events_between(first, last, events)
    fig, ax = plt.subplots(figsize=(11, 4))
    returned = plot_timeline(events, ax=ax, first=first, last=last)
    assert returned is ax
    boxes = text_boxes(ax)
    assert len(boxes) >= len(events), "every event has its label"
    assert overlaps(boxes) == []
    assert outside(ax, boxes) == []
    plt.close(fig)


def test_timeline_has_title_axis_labels_and_draws_uncertain_dates_as_bars():
    events = pc.timeline().loc[["tarov-arrest-1928", "verkhneuralsk-hunger-strike", "fourteenth-congress"]]
    ax = plot_timeline(events, first="1925-01-01", last="1932-12-31")
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    bars = [segment for collection in ax.collections for segment in collection.get_segments()]
    widths = sorted(round(abs(s[1][0] - s[0][0])) for s in bars)
    assert widths == [13, 364], "the congress (18-31 December) and the strike (all of 1931) are bars; the arrest is not"
    shown = pc.show_figure(ax.figure, alt="Three events of the party struggle on a timeline, two of them as bars.")
    assert shown.title == ax.get_title()


def test_timeline_takes_colours_and_markers_per_event():
    events = pc.timeline().loc[["lenin-death", "kirov-murder"]]
    ax = plot_timeline(events, colours=[pc.PALETTE[1], pc.PALETTE[5]], markers=["s", "D"], periods=False)
    markers = [line.get_marker() for line in ax.lines]
    assert markers == ["s", "D"]
    assert not [t for t in ax.texts if t.get_text() in pc.PERIODS], "periods=False draws no period names"
    plt.close(ax.figure)


def test_timeline_explains_a_table_without_dates():
    with pytest.raises(ValueError, match="start, end"):
        plot_timeline(pd.DataFrame({"event_id": ["a"]}))


def test_period_names_do_not_overlap():
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.set_xlim(*matplotlib.dates.date2num(pd.to_datetime(["1921-01-01", "1942-01-01"]).to_pydatetime()))
    lanes = shade_periods(ax, lane=0)
    assert lanes >= 2, "a narrow figure stacks the names"
    assert overlaps(text_boxes(ax)) == []
    plt.close(fig)


# ---------------------------------------------------------------------------------------------------------
# The map.

def test_map_labels_do_not_overlap_each_other_points_or_the_route():
    places = pc.places()
    mapped = places[places["text_id"].isin(["tarov-1936-escape", "izhma-1926-exile-report", "carr-1959-socialism-vol2"])
                    & places["latitude"].notna()]
    fig, ax = plt.subplots(figsize=(11, 7.5))
    ax.scatter(mapped["longitude"], mapped["latitude"])
    route = pc.tarov_route().dropna(subset=["latitude"])
    draw_route(ax, route["longitude"], route["latitude"], inferred=[True, False, False, False, True, True])
    ax.set_aspect(1 / np.cos(np.radians(53)))
    ax.set_xlim(26, 112)
    ax.set_ylim(35, 71)
    texts = place_labels(ax, mapped["longitude"], mapped["latitude"], mapped["name_in_text"])
    placed = [t for t in texts if t is not None]
    assert len(placed) >= 0.9 * len(texts), "most names find room"
    boxes = text_boxes(ax)
    assert overlaps(boxes) == []
    assert outside(ax, boxes) == []
    points = ax.transData.transform(np.column_stack([mapped["longitude"], mapped["latitude"]]))
    for name, box in boxes:
        assert not any(box.contains(px, py) for px, py in points), f"{name} covers a point"
    plt.close(fig)


def test_a_label_without_room_is_left_out_not_overlapped():
    fig, ax = plt.subplots(figsize=(2, 1.5))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    texts = place_labels(ax, [0.5] * 6, [0.5] * 6, [f"a long place name {i}" for i in range(6)])
    assert None in texts
    assert overlaps(text_boxes(ax)) == []
    plt.close(fig)


def test_route_arrows_are_dashed_where_inferred_and_returns_the_axes():
    fig, ax = plt.subplots()
    assert draw_route(ax, [0, 1, 2, 3], [0, 1, 0, 1], inferred=[False, True, False]) is ax
    assert [p.get_linestyle() for p in ax.patches] == ["-", "--", "-"]
    with pytest.raises(ValueError, match="3 legs"):
        draw_route(ax, [0, 1, 2, 3], [0, 1, 0, 1], inferred=[True])
    plt.close(fig)


def test_place_labels_needs_one_label_per_point():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="one label per point"):
        place_labels(ax, [0, 1], [0, 1], ["only one"])
    plt.close(fig)


def test_the_helpers_never_call_show(monkeypatch):
    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("plt.show() was called"))
    ax = plot_timeline(pc.timeline().head(5))
    place_labels(ax, [], [], [])
    draw_route(ax, [], [])
    plt.close(ax.figure)
