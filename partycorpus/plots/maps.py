"""Map plumbing for lesson 08: labels that do not overlap, and a route drawn as arrows.

The map itself is drawn in the lesson: longitude and latitude in a scatter
plot, with a projection chosen there (the cosine-corrected equirectangular
projection, ``ax.set_aspect(1 / cos(latitude))``). Two jobs are tedious to do
by hand and are kept here:

* :func:`place_labels` puts a name beside each point, trying positions around
  it (right, left, above, below, the diagonals, then further out with a thin
  leader line) and taking the first that overlaps no other label, no point and
  nothing outside the axes; a name that finds no room is left out and reported;
* :func:`draw_route` draws a path as arrows from each stop to the next,
  dashed where a leg is only inferred.

Both take the axes, never call ``plt.show()``, and are called after the axes'
limits and aspect are set (labels are measured for the figure as it is).

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> ax.set_xlim(0, 10); ax.set_ylim(0, 10)
(0.0, 10.0)
(0.0, 10.0)
>>> texts = place_labels(ax, [2, 2.1], [5, 5.1], ["Akmolinsk", "Adbasar"])
>>> [t.get_text() for t in texts]
['Akmolinsk', 'Adbasar']
>>> plt.close(fig)
"""
from __future__ import annotations

from matplotlib.transforms import Bbox, ScaledTranslation

from ..errors import ArgumentValueError
from .figures import check_axes

#: Directions tried around a point, in order: (dx, dy, horizontal alignment, vertical alignment).
DIRECTIONS = (
    (1, 0, "left", "center"), (-1, 0, "right", "center"), (0, 1, "center", "bottom"), (0, -1, "center", "top"),
    (0.75, 0.75, "left", "bottom"), (-0.75, 0.75, "right", "bottom"), (0.75, -0.75, "left", "top"),
    (-0.75, -0.75, "right", "top"),
)


def _renderer(ax):
    ax.apply_aspect()
    return ax.figure.canvas.get_renderer()


def _existing_boxes(ax, renderer) -> list:
    """Display boxes of the texts already on the axes (their words, not any arrow)."""
    return [text.get_window_extent(renderer) for text in ax.texts if text.get_text().strip() and text.get_visible()]


def _drawn_lines(ax) -> list:
    """Display paths of the lines and arrows on the axes (a route, a leader line), for labels to keep clear of."""
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.path import Path

    paths = []
    for line in ax.lines:
        if line.get_visible() and line.get_linestyle() not in ("None", "none", "", " ") and len(line.get_xydata()) > 1:
            paths.append(Path(line.get_transform().transform(line.get_xydata())))
    for patch in ax.patches:
        if isinstance(patch, FancyArrowPatch) and patch.get_visible():
            paths.append(patch.get_transform().transform_path(patch.get_path()))
    return paths


def place_labels(ax, x, y, labels, fontsize: float = 8, offset: float = 4, rings: int = 4,
                 avoid_x=(), avoid_y=(), point_size: float = 5, avoid_lines: bool = True,
                 colour: str = "#000000", **text_kwargs) -> list:
    """Label points without overlaps; return the Text of each label, or None where there was no room.

    ``x``, ``y`` are data coordinates and ``labels`` the names, one per point;
    points are labelled in the order given, so put the most important first.
    A label may not overlap any text already on the axes, any point of
    ``x, y`` (a square of ``point_size`` points around it), any point of
    ``avoid_x, avoid_y``, any line or arrow already drawn (unless
    ``avoid_lines=False``), or the axes' edge. Positions are tried ``offset``
    points from the point, then 2, 3 ... ``rings`` times as far, with a thin
    leader line back to the point. Extra keyword arguments go to ``ax.text``.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 1))
    >>> ax.set_xlim(0, 1); ax.set_ylim(0, 1)
    (0.0, 1.0)
    (0.0, 1.0)
    >>> place_labels(ax, [0.5], [0.5], ["a name far too long to fit in this small figure"])
    [None]
    >>> plt.close(fig)
    """
    check_axes(ax, "place_labels")
    x, y, labels = list(x), list(y), [str(label) for label in labels]
    if not len(x) == len(y) == len(labels):
        raise ArgumentValueError(f"place_labels needs one x, one y and one label per point; got {len(x)}, {len(y)} "
                         f"and {len(labels)}.")
    renderer = _renderer(ax)
    fig = ax.figure
    frame = ax.get_window_extent(renderer)
    pixels = fig.dpi / 72  # pixels per point
    half = point_size * pixels / 2
    points = ax.transData.transform(list(zip(x + list(avoid_x), y + list(avoid_y)))) if x or avoid_x else []
    taken = _existing_boxes(ax, renderer)
    taken += [Bbox.from_extents(px - half, py - half, px + half, py + half) for px, py in points]
    lines = _drawn_lines(ax) if avoid_lines else []
    placed = []
    for xi, yi, label in zip(x, y, labels):
        text = ax.text(xi, yi, label, fontsize=fontsize, color=colour, zorder=5, **text_kwargs)
        found = None
        for ring in range(1, rings + 1):
            for dx, dy, ha, va in DIRECTIONS:
                shift = (dx * offset * ring / 72, dy * offset * ring / 72)
                text.set_transform(ax.transData + ScaledTranslation(*shift, fig.dpi_scale_trans))
                text.set_ha(ha)
                text.set_va(va)
                box = text.get_window_extent(renderer)
                inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
                if (inside and not any(box.overlaps(other) for other in taken)
                        and not any(path.intersects_bbox(box, filled=False) for path in lines)):
                    found = (ring, box, shift)
                    break
            if found:
                break
        if found is None:
            text.remove()
            placed.append(None)
            continue
        ring, box, shift = found
        taken.append(box)
        if ring > 1:  # a leader line from the point towards the label
            ax.annotate("", xy=(xi, yi), xytext=(shift[0] * 72 * 0.85, shift[1] * 72 * 0.85),
                        textcoords="offset points", zorder=4,
                        arrowprops={"arrowstyle": "-", "color": "#666666", "linewidth": 0.6,
                                    "shrinkA": 0, "shrinkB": point_size / 2})
        placed.append(text)
    return placed


def draw_route(ax, x, y, inferred=None, colour: str = "#000000", linewidth: float = 1.4, zorder: int = 3):
    """Draw arrows from each stop of a route to the next, dashed where the leg is inferred; return the axes.

    ``x``, ``y`` are the stops in order; ``inferred`` holds one flag per leg
    (``len(x) - 1`` of them; default: every leg stated).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = draw_route(ax, [0, 1, 2], [0, 1, 0], inferred=[False, True])
    >>> [patch.get_linestyle() for patch in ax.patches]
    ['-', '--']
    >>> plt.close(fig)
    """
    from matplotlib.patches import FancyArrowPatch

    check_axes(ax, "draw_route")
    x, y = list(x), list(y)
    legs = max(len(x) - 1, 0)
    inferred = [False] * legs if inferred is None else [bool(flag) for flag in inferred]
    if len(inferred) != legs:
        raise ArgumentValueError(f"a route of {len(x)} stops has {legs} legs, but {len(inferred)} inferred flags were given.")
    for i in range(legs):
        ax.add_patch(FancyArrowPatch((x[i], y[i]), (x[i + 1], y[i + 1]), arrowstyle="-|>", mutation_scale=12,
                                     color=colour, linewidth=linewidth, linestyle="--" if inferred[i] else "-",
                                     shrinkA=5, shrinkB=5, zorder=zorder))
    return ax
