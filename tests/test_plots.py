"""The plot plumbing of lessons 06, 07 and 08: labels that never overlap, axes that are labelled, nothing shown or leaked.

Overlap is checked on the drawn figure: every text artist's bounding box in display
coordinates, after ``fig.canvas.draw()``, against every other.
"""
import ast
import base64
import inspect
import re
import struct
from itertools import combinations
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from nbformat.v4 import new_code_cell, new_notebook, new_output  # noqa: E402

import partycorpus as pc  # noqa: E402
from partycorpus.plots.figures import alt_text_problems, missing_labels  # noqa: E402
from partycorpus.plots.maps import draw_route, place_labels  # noqa: E402
from partycorpus.plots.timeline import (MIN_LABEL_PX, SCREEN_WIDTH_PX, assign_lanes, label_px_on_screen,  # noqa: E402
                                        plot_timeline, shade_periods)


ROOT = Path(__file__).resolve().parent.parent


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


def png_width(png: bytes) -> int:
    """The width in pixels of a PNG image, from its header."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG image"
    return struct.unpack(">I", png[16:20])[0]


def stored_pngs(cell) -> list[bytes]:
    """The PNG images of a notebook cell's stored outputs (show_figure stores them inside an HTML <img>)."""
    found = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        encoded = re.findall(r'data:image/png;base64,([^"]+)"', data.get("text/html", ""))
        if "image/png" in data:
            encoded.append(data["image/png"])
        found += [base64.b64decode(image) for image in encoded]
    return found


def timeline_readability_problems(nb) -> list[str]:
    """What keeps the timelines of a notebook from being read on a laptop (issue 14.7), or [] if nothing does.

    Each cell that calls plot_timeline must label its events with the data's words (label="label", or the default),
    and each image it stores must show its labels at MIN_LABEL_PX or more once fitted to SCREEN_WIDTH_PX.
    """
    problems = []
    cells = [c for c in nb.cells if c.cell_type == "code" and "plot_timeline(" in c.source]
    if not cells:
        return ["no cell draws a timeline"]
    for cell in cells:
        calls = [node for node in ast.walk(ast.parse(cell.source)) if isinstance(node, ast.Call)
                 and getattr(node.func, "attr", getattr(node.func, "id", "")) == "plot_timeline"]
        images = stored_pngs(cell)
        if not images:
            problems.append("a timeline cell has no stored figure")
        for call in calls:
            keywords = {k.arg: k.value for k in call.keywords}
            label = ast.literal_eval(keywords["label"]) if "label" in keywords else "label"
            fontsize = ast.literal_eval(keywords["fontsize"]) if "fontsize" in keywords else \
                inspect.signature(plot_timeline).parameters["fontsize"].default
            if label != "label":
                problems.append(f"events are labelled by {label!r}, not by the data's words ('label')")
            for image in images:
                seen = label_px_on_screen(png_width(image), fontsize)
                if seen < MIN_LABEL_PX:
                    problems.append(f"a figure {png_width(image)} px wide with {fontsize}-point labels shows them "
                                    f"{seen:.1f} px tall on a {SCREEN_WIDTH_PX}-px output area")
    return problems


def test_lesson_07_timelines_are_readable_on_a_laptop_screen():
    lesson = nbformat.read(str(ROOT / "lessons" / "07-timeline.ipynb"), as_version=4)
    assert timeline_readability_problems(lesson) == []
    widths = [png_width(png) for c in lesson.cells if "plot_timeline(" in c.source for png in stored_pngs(c)]
    assert len(widths) >= 2 and max(widths) <= SCREEN_WIDTH_PX, widths


def test_the_readability_check_fails_on_the_timeline_before_issue_14_7():
    events = pc.events_between("1923-10-01", "1934-12-31", pc.timeline()).head(20)
    fig, ax = plt.subplots(figsize=(12, 4))
    plot_timeline(events, ax=ax, label="event_id", fontsize=8)
    ax.legend(["dated by"], loc="upper left", bbox_to_anchor=(1.01, 1))
    shown = pc.show_figure(fig, alt="Twenty events of the party struggle, labelled by their ids, on one wide timeline.")
    source = 'pc.plot_timeline(shown, ax=ax, label="event_id", fontsize=8)'
    old = new_notebook(cells=[new_code_cell(source, outputs=[new_output(
        "display_data", data={"text/html": shown._repr_html_(), "text/plain": repr(shown)})])])
    problems = timeline_readability_problems(old)
    assert png_width(shown.png) > SCREEN_WIDTH_PX
    assert any("not by the data's words" in p for p in problems) and any("px tall" in p for p in problems), problems
    assert timeline_readability_problems(new_notebook(cells=[new_code_cell("1 + 1")])) == ["no cell draws a timeline"]


def test_label_px_on_screen_refuses_a_figure_without_width():
    with pytest.raises(ValueError, match="positive"):
        label_px_on_screen(0, 10)


def test_the_default_timeline_is_labelled_in_words_and_fits_a_laptop():
    events = pc.events_between("1928-01-01", "1934-12-31", pc.timeline())
    ax = plot_timeline(events)
    labels = {t.get_text() for t in ax.texts}
    assert "Tarov arrested" in labels and "tarov-arrest-1928" not in labels, "the default labels are the data's words"
    shown = pc.show_figure(ax.figure, alt="Events of exile and prison of the Opposition, 1928 to 1934, in lanes.")
    assert png_width(shown.png) <= SCREEN_WIDTH_PX
    assert label_px_on_screen(png_width(shown.png), 10) >= MIN_LABEL_PX


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
    route = pc.route("tarov-1936-escape").dropna(subset=["latitude"])
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


# ------------------------------------------------------------------------------ the heat map of lesson 06

HEAT = pd.DataFrame({11: [172.0, 26.0], 12: [61.0, 26.0], 20: [0.0, 1.0]}, index=["trotsky", "zinoviev"])


def test_plot_heatmap_draws_on_the_given_axes_with_labels_values_and_a_colour_bar(monkeypatch):
    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("a helper must never call plt.show()"))
    fig, ax = plt.subplots()
    try:
        returned = pc.plot_heatmap(HEAT, "Mentions per 10,000 words", "chapter", "leader", "mentions per 10,000 words",
                                   ax=ax, divide_before=20)
        assert returned is ax
        assert [t.get_text() for t in ax.texts] == ["172", "61", "0", "26", "26", "1"]
        assert [t.get_text() for t in ax.get_yticklabels()] == ["Trotsky", "Zinoviev"]
        assert [t.get_text() for t in ax.get_xticklabels()] == ["11", "12", "20"]
        assert ax.lines and ax.lines[0].get_xdata()[0] == pytest.approx(1.5), "the divider stands before column 20"
        bars = [other for other in fig.get_axes() if other is not ax]
        assert len(bars) == 1 and bars[0].get_ylabel() == "mentions per 10,000 words"
        assert ax.images[0].get_cmap().name in ("cividis", "viridis")
        assert missing_labels(fig) == []
        assert pc.show_figure(fig, alt=pc.describe_heatmap(HEAT, "mentions per 10,000 words", "chapter")).alt
    finally:
        plt.close("all")


def test_describe_heatmap_reads_the_table():
    text = pc.describe_heatmap(HEAT, "mentions per 10,000 words", "chapter")
    assert text == ("Heat map of mentions per 10,000 words for 2 rows (Trotsky, Zinoviev) across 3 columns by chapter "
                    "(11 to 20). Highest chapter of each row: Trotsky 11, Zinoviev 11.")
    assert not alt_text_problems(text, "Mentions per 10,000 words")


@pytest.mark.parametrize("call, error, advice", [
    (lambda: pc.plot_heatmap([[1, 2]], "t", "x", "y", "c"), TypeError, "a pandas DataFrame"),
    (lambda: pc.plot_heatmap(HEAT, "t", "x", "y", "c", divide_before=30), ValueError, "divide_before is a column"),
    (lambda: pc.plot_heatmap(HEAT, "t", "x", "y", "c", cmap="jet"), ValueError, "colour-blind-safe"),
    (lambda: pc.plot_heatmap(HEAT, "", "x", "y", "c"), ValueError, "the title is empty"),
    (lambda: pc.plot_heatmap(HEAT, "t", "x", "y", "c", ax="ax"), TypeError, "takes a Matplotlib Axes"),
    (lambda: pc.plot_heatmap(HEAT.iloc[:0], "t", "x", "y", "c"), ValueError, "the table is empty"),
], ids=["not a table", "no such column", "unsafe colours", "no title", "not an axes", "empty"])
def test_plot_heatmap_explains_a_wrong_call(call, error, advice):
    try:
        with pytest.raises(error, match=advice) as raised:
            call()
        assert isinstance(raised.value, pc.CourseError)
    finally:
        plt.close("all")
