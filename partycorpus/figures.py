"""Accessible figures: a colour-blind-safe palette and a display with alt text.

Every figure in the course goes through :func:`show_figure`, which refuses a
figure without a title, axis labels or alt text and shows it as an HTML
``<img>`` whose ``alt`` attribute a screen reader reads aloud.

Importing the package makes :data:`PALETTE` Matplotlib's colour cycle and
cividis its default colour map (:func:`use_course_style`), so a plot drawn
without explicit colours is colour-blind-safe too. :func:`colour_problems`
checks a rendered figure's pixels against the palette (tests run it on every
stored lesson figure); :func:`alt_text_problems` checks its alt text.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.bar(["a", "b"], [1, 2], color=PALETTE[:2])
>>> label_axes(ax, "Two bars", "letter", "count")
>>> shown = show_figure(fig, alt="Bar chart of two bars: bar b is twice as tall as bar a.")
>>> shown.alt
'Bar chart of two bars: bar b is twice as tall as bar a.'
"""
from __future__ import annotations

import base64
import html
import io

import numpy as np

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the
# common forms of colour blindness.
PALETTE = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermilion
    "#F0E442",  # yellow
    "#000000",  # black
]
# Sequential colour maps that stay readable with colour blindness (for heat maps and images).
SAFE_COLORMAPS = ("cividis", "viridis")
# Alt text shorter than this many words cannot say what a figure shows and what its main pattern is.
MIN_ALT_WORDS = 8


def use_course_style() -> None:
    """Make PALETTE Matplotlib's colour cycle and cividis its default colour map.

    Runs when the package is imported; call it again after ``plt.style.use(...)``.

    >>> import matplotlib
    >>> use_course_style()
    >>> matplotlib.rcParams["axes.prop_cycle"].by_key()["color"][:2]
    ['#0072B2', '#E69F00']
    """
    import matplotlib
    from cycler import cycler

    matplotlib.rcParams["axes.prop_cycle"] = cycler(color=PALETTE)
    matplotlib.rcParams["image.cmap"] = SAFE_COLORMAPS[0]


def label_axes(ax, title: str, xlabel: str, ylabel: str) -> None:
    """Give an axes its title and both axis labels in one call.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> label_axes(ax, "Words per text", "", "words")
    Traceback (most recent call last):
    ...
    ValueError: label_axes needs a title and both axis labels; the x label is empty. ...
    >>> plt.close(fig)
    """
    if not hasattr(ax, "set_xlabel"):
        hint = " That is a figure: pass one of its axes, the ax in fig, ax = plt.subplots()." if hasattr(
            ax, "savefig") else ""
        raise TypeError(f"label_axes takes a Matplotlib Axes (ax in fig, ax = plt.subplots()); "
                        f"got {type(ax).__name__}.{hint}")
    examples = {"title": '"Words in each received file"', "x label": '"words (logarithmic scale)"',
                "y label": '"text"'}
    for what, value in (("title", title), ("x label", xlabel), ("y label", ylabel)):
        if not isinstance(value, str) or not value.strip():
            problem = "is empty" if isinstance(value, str) or value is None else f"is {value!r}, not text"
            raise ValueError(
                f"label_axes needs a title and both axis labels; the {what} {problem}. Say what the "
                f"{'figure shows' if what == 'title' else 'axis measures'}, for example {examples[what]}."
            )
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


def missing_labels(fig) -> list[str]:
    """List what a figure lacks among a title and axis labels on each axes.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> missing_labels(fig)
    ['axes 1: title', 'axes 1: x label', 'axes 1: y label']
    >>> image = ax.imshow([[0, 1], [2, 3]])
    >>> label_axes(ax, "Counts", "chapter", "name")
    >>> bar = fig.colorbar(image)
    >>> missing_labels(fig)
    ['axes 2: colour bar label']
    >>> bar.set_label("mentions")
    >>> missing_labels(fig)
    []
    >>> plt.close(fig)
    """
    problems = []
    for number, ax in enumerate(fig.get_axes(), start=1):
        if not ax.axison:  # a legend or an image panel without axes
            continue
        if getattr(ax, "_colorbar", None) is not None:  # a colour bar needs only its own label
            if not (ax.get_ylabel().strip() or ax.get_xlabel().strip()):
                problems.append(f"axes {number}: colour bar label")
            continue
        for what, value in (("title", ax.get_title() or (fig._suptitle.get_text() if fig._suptitle else "")),
                            ("x label", ax.get_xlabel()), ("y label", ax.get_ylabel())):
            if not value.strip():
                problems.append(f"axes {number}: {what}")
    return problems


class AccessibleFigure:
    """A rendered figure with its alt text; Jupyter shows it as ``<img alt=...>``."""

    def __init__(self, png: bytes, alt: str, title: str):
        self.png = png
        self.alt = alt
        self.title = title

    def _repr_html_(self):
        data = base64.b64encode(self.png).decode("ascii")
        return (
            f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}">'
            f"<figcaption>{html.escape(self.title)}</figcaption></figure>"
        )

    def __repr__(self):
        return f"<figure: {self.title}. Alt text: {self.alt}>"


def show_figure(fig, alt: str, dpi: int = 100) -> AccessibleFigure:
    """Render a Matplotlib figure with alt text, close it, and return it for display.

    Raises ``ValueError`` when the alt text is empty or an axes lacks a title or
    an axis label, and ``TypeError`` when ``fig`` is not a figure; each message
    says what to do instead.
    """
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        hint = (" That is an Axes: pass its figure, show_figure(ax.figure, alt=...)."
                if hasattr(fig, "get_figure") else "")
        raise TypeError(
            f"show_figure takes a Matplotlib figure, such as fig in fig, ax = plt.subplots(); "
            f"got {type(fig).__name__}.{hint}"
        )
    titles = [ax.get_title() for ax in fig.get_axes() if ax.get_title()]
    title = fig._suptitle.get_text() if fig._suptitle else "; ".join(titles)
    alt_problems = alt_text_problems(alt, title)
    if alt_problems:
        raise ValueError(
            "Describe the figure in the alt text: what it shows and its main pattern, in a sentence or two "
            f"for readers who cannot see it ({'; '.join(alt_problems)}). For example: "
            "show_figure(fig, alt=\"Bar chart of words per text: Carr's book is by far the longest.\")"
        )
    if not fig.get_axes():
        raise ValueError("The figure is empty: it has no axes to show. Draw on it first, for example "
                         "fig, ax = plt.subplots() and then ax.bar(...).")
    problems = missing_labels(fig)
    if problems:
        raise ValueError(
            "The figure needs a title and axis labels; missing: " + ", ".join(problems)
            + ". Give them with partycorpus.label_axes(ax, title, x_label, y_label)."
        )
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return AccessibleFigure(buffer.getvalue(), alt.strip(), title)


def alt_text_problems(alt, title: str = "") -> list[str]:
    """Say what is wrong with a figure's alt text (an empty list if nothing is).

    Alt text must describe the figure: at least MIN_ALT_WORDS words, and more
    than its title.

    >>> alt_text_problems("Bar chart.")
    ['the alt text has 2 words; describe what the figure shows and its main pattern in at least 8']
    >>> alt_text_problems("Horizontal bar chart of words per text: Carr's book is by far the longest.")
    []
    """
    alt = (alt or "").strip() if isinstance(alt, str) else ""
    if not alt:
        return ["the figure has no alt text"]
    problems = []
    words = len(alt.split())
    if words < MIN_ALT_WORDS:
        problems.append(f"the alt text has {words} word{'s' * (words != 1)}; describe what the figure shows "
                        f"and its main pattern in at least {MIN_ALT_WORDS}")
    if title and alt.rstrip(".").strip().lower() == title.rstrip(".").strip().lower():
        problems.append("the alt text only repeats the title; say what the figure shows")
    return problems


def _hex(rgb) -> str:
    return "#" + "".join(f"{int(round(v)):02x}" for v in rgb)


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)


def _allowed_distance(colours: np.ndarray) -> np.ndarray:
    """Distance (0-255 units) from each colour to the nearest colour a palette figure can show.

    Those are: a palette colour mixed with grey (its tints and shades: transparency over white,
    anti-aliased edges against the background, the axes or text), a mix of two palette colours with
    white or black (the edge between two of them, or two transparent marks overlapping), and the
    colours of the SAFE_COLORMAPS.
    """
    import matplotlib

    hues = [_rgb(c) for c in PALETTE if np.ptp(_rgb(c)) > 0]
    best = np.full(len(colours), np.inf)
    for c in hues:  # p = a*c + b*(1,1,1), 0 <= a <= 1, 0 <= b <= 255*(1 - a)
        centred, cc = colours - colours.mean(1, keepdims=True), c - c.mean()
        a = np.clip(centred @ cc / (cc @ cc), 0, 1)[:, None]
        b = np.clip((colours - a * c).mean(1, keepdims=True), 0, 255 * (1 - a))
        best = np.minimum(best, np.linalg.norm(colours - a * c - b, axis=1))
    for i, c1 in enumerate(hues):
        for c2 in hues[i + 1:]:
            d = c1 - c2  # p = c2 + a*(c1 - c2): the edge between two colours
            a = np.clip((colours - c2) @ d / (d @ d), 0, 1)[:, None]
            best = np.minimum(best, np.linalg.norm(colours - c2 - a * d, axis=1))
            # p = a*c1 + b*c2 + w*white (+ black): two transparent colours overlapping on the page
            basis = np.column_stack([c1, c2, np.full(3, 255.0)])
            if abs(np.linalg.det(basis)) > 1e-6:
                a, b, w = np.linalg.solve(basis, colours.T)
                inside = (a >= -0.02) & (b >= -0.02) & (w >= -0.02) & (a + b + w <= 1.02)
                best[inside] = 0.0
    maps = np.vstack([matplotlib.colormaps[name](np.linspace(0, 1, 256))[:, :3] * 255 for name in SAFE_COLORMAPS])
    for start in range(0, len(colours), 2048):
        chunk = colours[start:start + 2048]
        nearest = np.sqrt(((chunk[:, None, :] - maps[None, :, :]) ** 2).sum(-1)).min(1)
        best[start:start + 2048] = np.minimum(best[start:start + 2048], nearest)
    return best


def colour_problems(png: bytes, tolerance: float = 12.0, max_share: float = 0.01) -> list[str]:
    """Check that a rendered figure's colours come from PALETTE (or a SAFE_COLORMAPS map).

    Looks at every clearly coloured pixel (greys, black and white are always
    fine) and asks whether it is a palette colour, a tint or shade of one, a mix
    of two (with white or black), or a colour of a safe colour map, within
    ``tolerance`` (0-255 units).
    Returns a description of the problem when more than ``max_share`` of the
    coloured pixels are none of these, else an empty list.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.bar(["a", "b"], [1, 2], color=["red", "green"])
    >>> buffer = io.BytesIO(); fig.savefig(buffer, format="png"); plt.close(fig)
    >>> colour_problems(buffer.getvalue())[0][:53]
    'the figure uses colours outside the colour-blind-safe'
    """
    import matplotlib.image

    image = matplotlib.image.imread(io.BytesIO(png), format="png")
    if image.ndim == 2:  # a grey-scale image has no colours to check
        return []
    if image.dtype != np.float32 and image.dtype != np.float64:
        image = image / 255.0
    rgb = image[..., :3].astype(float)
    if image.shape[-1] == 4:  # composite over the white page
        alpha = image[..., 3:4].astype(float)
        rgb = rgb * alpha + (1 - alpha)
    pixels = np.round(rgb.reshape(-1, 3) * 255)
    coloured = pixels[np.ptp(pixels, axis=1) > 30]
    if len(coloured) == 0:
        return []
    colours, counts = np.unique(coloured, axis=0, return_counts=True)
    off = _allowed_distance(colours) > tolerance
    share = counts[off].sum() / counts.sum()
    if share <= max_share:
        return []
    worst = colours[off][np.argsort(-counts[off])][:3]
    return [f"the figure uses colours outside the colour-blind-safe palette ({share:.0%} of its coloured pixels, "
            f"e.g. {', '.join(_hex(c) for c in worst)}): colour with partycorpus.PALETTE "
            f"or a colour map from {', '.join(SAFE_COLORMAPS)}"]


try:  # every plot is colour-blind-safe by default once the package is imported
    use_course_style()
except ImportError:  # pragma: no cover - Matplotlib is a dependency; without it there is nothing to style
    pass
