"""Draw a timeline: periods shaded, each event a bar from its first to its last day, labels that never overlap.

The plumbing of lesson 07's figure. :func:`plot_timeline` takes a table of
events with ``start`` and ``end`` timestamps (as :func:`partycorpus.timeline`
returns them) and a column of labels; it draws each event in a lane, so that
an event known only to the month or the year shows as a bar as long as the
time it may have happened in, and shades the periods of
:data:`partycorpus.PERIODS` behind them. Labels are placed by
:func:`assign_lanes`: each label goes into the lowest lane where it overlaps
nothing, after its width has been measured in the figure.

The helpers take an optional ``ax``, return it, and never call ``plt.show()``:
show the figure with :func:`partycorpus.show_figure`. Draw the timeline last
and do not resize the figure afterwards: the labels were measured for its size.

>>> assign_lanes([(0, 5), (1, 2), (6, 8), (2.5, 4)])
[0, 1, 0, 1]
"""
from __future__ import annotations

import pandas as pd

from ..coursedata.timeline import PERIODS
from ..errors import ArgumentTypeError, ArgumentValueError
from .figures import PALETTE, check_axes

#: Fill colours of the period bands, alternating: a tint of the palette's sky blue, and a light grey.
BAND_COLOURS = (PALETTE[4], "#999999")
BAND_ALPHA = (0.18, 0.12)
#: Height of a lane, in multiples of the label's height: room for the label and the bar below it.
LANE_HEIGHT = 2.0


def assign_lanes(intervals, gap: float = 0.0) -> list[int]:
    """Give each interval the lowest lane in which it overlaps no other interval.

    ``intervals`` are ``(first, last)`` pairs of numbers; two intervals share a
    lane only if one ends at least ``gap`` before the other begins. The
    intervals are taken in order of their start (ties by end, then by position),
    which uses as few lanes as any arrangement can. Returns one lane number
    (0, 1, ...) per interval, in the order given.

    >>> assign_lanes([(0, 10), (2, 3), (4, 5), (11, 12)], gap=0.5)
    [0, 1, 1, 0]
    >>> assign_lanes([])
    []
    """
    try:
        intervals = [(float(first), float(last)) for first, last in intervals]
    except (TypeError, ValueError):
        raise ArgumentTypeError("assign_lanes takes (first, last) pairs of numbers, such as [(0, 5), (1, 2)], not "
                                f"{type(intervals).__name__}") from None
    for first, last in intervals:
        if last < first:
            raise ArgumentValueError(f"an interval ends before it begins: ({first}, {last})")
    lanes = [0] * len(intervals)
    lane_ends: list[float] = []
    for i in sorted(range(len(intervals)), key=lambda i: (intervals[i][0], intervals[i][1], i)):
        first, last = intervals[i]
        for lane, end in enumerate(lane_ends):
            if end + gap <= first:
                lanes[i] = lane
                lane_ends[lane] = last
                break
        else:
            lanes[i] = len(lane_ends)
            lane_ends.append(last)
    return lanes


def _dates(values):
    import matplotlib.dates as mdates

    return mdates.date2num(pd.to_datetime(pd.Series(list(values))).dt.to_pydatetime())


def _measure(ax, labels, fontsize):
    """Width and height of each label in pixels, measured with the figure's renderer."""
    renderer = ax.figure.canvas.get_renderer()
    sizes = []
    for label in labels:
        probe = ax.text(0, 0, str(label), fontsize=fontsize)
        box = probe.get_window_extent(renderer)
        probe.remove()
        sizes.append((box.width, box.height))
    return sizes


def _per_pixel(ax) -> float:
    """Data units of x per pixel of the axes."""
    first, last = ax.get_xlim()
    return (last - first) / ax.get_window_extent(ax.figure.canvas.get_renderer()).width


def _bands(ax, periods):
    """(name, first, last) of each period that overlaps the axes' x range, clipped to it (date numbers)."""
    low, high = ax.get_xlim()
    bands = []
    for name, (band_first, band_last) in periods.items():
        start, end = _dates([band_first, band_last])
        start, end = max(start, low), min(end + 1, high)
        if start < end:
            bands.append((name, start, end))
    return bands


def _name_spans(ax, bands, fontsize):
    """Where each period's name goes (centred on its band, kept inside the axes) and its lane."""
    low, high = ax.get_xlim()
    step = _per_pixel(ax)
    spans = []
    for (_, start, end), (width, _) in zip(bands, _measure(ax, [name for name, _, _ in bands], fontsize)):
        half = width * step / 2
        middle = min(max((start + end) / 2, low + half), high - half)
        spans.append((middle - half, middle + half))
    return spans, assign_lanes(spans, gap=6 * step)


def shade_periods(ax, periods=None, lane: float | None = None, fontsize: float = 8) -> int:
    """Shade the periods that overlap the axes' date range; with ``lane``, name them in lanes from there up.

    ``periods`` maps a name to ``(first day, last day)`` as ISO dates (default
    :data:`partycorpus.PERIODS`). Set the x limits first. Names are centred on
    their bands and stacked so that they do not overlap. Returns the number of
    lanes the names took (0 without names).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax.set_xlim(*_dates(["1925-01-01", "1927-01-01"]))
    (...)
    >>> shade_periods(ax, lane=0)
    1
    >>> [t.get_text() for t in ax.texts]
    ['triumvirate', 'New Opposition', 'United Opposition']
    >>> plt.close(fig)
    """
    check_axes(ax, "shade_periods")
    periods = PERIODS if periods is None else periods
    bands = _bands(ax, periods)
    for number, (_, start, end) in enumerate(bands):
        ax.axvspan(start, end, color=BAND_COLOURS[number % 2], alpha=BAND_ALPHA[number % 2], linewidth=0, zorder=0)
    if lane is None or not bands:
        return 0
    spans, lanes = _name_spans(ax, bands, fontsize)
    for (name, _, _), (left, right), number in zip(bands, spans, lanes):
        ax.text((left + right) / 2, lane + number, name, ha="center", va="bottom", fontsize=fontsize,
                fontstyle="italic", color="#333333", zorder=3)
    return max(lanes) + 1


def plot_timeline(events: pd.DataFrame, ax=None, label: str = "event_id", first=None, last=None,
                  colours=None, markers=None, periods=None, fontsize: float = 8,
                  title: str = "Timeline of the party struggle", xlabel: str = "date",
                  ylabel: str = "events (in lanes, so that labels do not overlap)"):
    """Draw events as bars in lanes over shaded periods, with labels that do not overlap; return the axes.

    ``events`` needs the columns ``start`` and ``end`` (timestamps; ``end`` may
    equal ``start``) and the column named by ``label``. ``first``/``last``
    (ISO dates) set the date range, by default the events' own range.
    ``colours`` and ``markers`` are sequences with one entry per event (or a
    single value); by default every event is the palette's blue circle.
    ``periods`` are the bands to shade (default :data:`partycorpus.PERIODS`;
    ``False`` for none). The figure grows taller if the lanes need more room.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> toy = pd.DataFrame({"event_id": ["congress", "exile"],
    ...                     "start": pd.to_datetime(["1925-12-18", "1928-01-17"]),
    ...                     "end": pd.to_datetime(["1925-12-31", "1928-01-17"])})
    >>> ax = plot_timeline(toy)
    >>> sorted(t.get_text() for t in ax.texts), ax.get_title()
    (['New Opposition', 'United Opposition', 'congress', 'exile', 'exile and capitulation'], 'Timeline of the party struggle')
    >>> plt.close(ax.figure)
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    missing = [c for c in ("start", "end", label) if c not in getattr(events, "columns", ())]
    if missing:
        raise ArgumentValueError(f"plot_timeline needs a table with the columns start, end and {label!r}; missing: "
                         f"{', '.join(missing)}. Use the table of partycorpus.timeline(), or add them.")
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 4))
    check_axes(ax, "plot_timeline")
    fig = ax.figure
    count = len(events)
    starts = list(_dates(events["start"]))
    ends = [max(s, e) for s, e in zip(starts, _dates(events["end"]))]
    labels = [str(x) for x in events[label]]
    colours = [colours] * count if colours is None or isinstance(colours, str) else list(colours)
    markers = [markers] * count if markers is None or isinstance(markers, str) else list(markers)
    colours = [c or PALETTE[0] for c in colours]
    markers = [m or "o" for m in markers]

    low = _dates([first])[0] if first is not None else min(starts, default=0)
    high = _dates([last])[0] + 1 if last is not None else max(ends, default=1)
    pad = max((high - low) * 0.02, 1)
    ax.set_xlim(low - pad, high + pad)
    ax.xaxis_date()
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    low, high = ax.get_xlim()

    # Lanes for the labels: each label starts just after its event's first day (or, near the right
    # edge, ends at its last day) and occupies the bar or the label, whichever is longer.
    step = _per_pixel(ax)
    sizes = _measure(ax, labels, fontsize)
    room = 3 * step
    placed = []
    for s, e, (width, _) in zip(starts, ends, sizes):
        width *= step
        if s + room + width <= high:
            placed.append((s + room, "left", (s, max(e, s + room + width))))
        else:
            x = min(max(e, s), high - room)
            placed.append((x, "right", (min(s, x - width), max(e, x))))
    lanes = assign_lanes([span for _, _, span in placed], gap=8 * step)
    used = max(lanes, default=-1) + 1
    bands = _bands(ax, PERIODS if periods is None else periods) if periods is not False else []
    name_lanes = max(_name_spans(ax, bands, fontsize)[1], default=-1) + 1 if bands else 0

    # Make room: one lane holds a label and the bar below it.
    bottom, top = -0.7, used + name_lanes - 0.35
    height_px = max([h for _, h in sizes], default=10)
    axes_height = ax.get_window_extent(fig.canvas.get_renderer()).height
    needed = LANE_HEIGHT * height_px * (top - bottom)
    if axes_height < needed:
        fig.set_figheight(fig.get_figheight() * needed / axes_height)

    if bands:
        shade_periods(ax, PERIODS if periods is None else periods, lane=used - 0.1, fontsize=fontsize)
    for i, ((x, align, _), lane) in enumerate(zip(placed, lanes)):
        s, e = starts[i], ends[i]
        if e > s:
            ax.hlines(lane - 0.22, s, e, colors=colours[i], linewidth=3, zorder=2)
        ax.plot([s], [lane - 0.22], marker=markers[i], color=colours[i], markersize=5, linestyle="none", zorder=3)
        ax.text(x, lane - 0.1, labels[i], ha=align, va="bottom", fontsize=fontsize, zorder=4)
    ax.set_ylim(bottom, top)
    ax.set_yticks([])
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax
