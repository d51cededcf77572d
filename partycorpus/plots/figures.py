"""Accessible figures: a colour-blind-safe palette and a display with alt text.

Every figure in the course goes through :func:`show_figure`, which refuses a
figure without a title, axis labels or alt text and shows it as an HTML
``<img>`` whose ``alt`` attribute a screen reader reads aloud.

Importing the package makes :data:`PALETTE` Matplotlib's colour cycle and
cividis its default colour map (:func:`use_course_style`), so a plot drawn
without explicit colours is colour-blind-safe too. :func:`alt_text_problems`
checks a figure's alt text (the tests check the colours of every stored
lesson figure against the palette, in ``tests/figure_checks.py``).

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

from ..errors import ArgumentTypeError, ArgumentValueError

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


def check_axes(ax, function: str):
    """Return ``ax`` if it is a Matplotlib Axes; raise a course ``TypeError`` that says what to pass if not.

    >>> check_axes("ax", "draw_route")
    Traceback (most recent call last):
    ...
    partycorpus.errors.ArgumentTypeError: draw_route takes a Matplotlib Axes (ax in fig, ax = plt.subplots()); got str.
    """
    if not hasattr(ax, "set_xlabel"):
        hint = " That is a figure: pass one of its axes, the ax in fig, ax = plt.subplots()." if hasattr(
            ax, "savefig") else ""
        raise ArgumentTypeError(f"{function} takes a Matplotlib Axes (ax in fig, ax = plt.subplots()); "
                                f"got {type(ax).__name__}.{hint}")
    return ax


def label_axes(ax, title: str, xlabel: str, ylabel: str) -> None:
    """Give an axes its title and both axis labels in one call.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> label_axes(ax, "Words per text", "", "words")
    Traceback (most recent call last):
    ...
    partycorpus.errors.ArgumentValueError: label_axes needs a title and both axis labels; the x label is empty. ...
    >>> plt.close(fig)
    """
    check_axes(ax, "label_axes")
    examples = {"title": '"Words in each received file"', "x label": '"words (logarithmic scale)"',
                "y label": '"text"'}
    for what, value in (("title", title), ("x label", xlabel), ("y label", ylabel)):
        if not isinstance(value, str) or not value.strip():
            problem = "is empty" if isinstance(value, str) or value is None else f"is {value!r}, not text"
            raise ArgumentValueError(
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
        for what, value in (("title", ax.get_title() or fig.get_suptitle()),
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
        raise ArgumentTypeError(
            f"show_figure takes a Matplotlib figure, such as fig in fig, ax = plt.subplots(); "
            f"got {type(fig).__name__}.{hint}"
        )
    titles = [ax.get_title() for ax in fig.get_axes() if ax.get_title()]
    title = fig.get_suptitle() or "; ".join(titles)
    alt_problems = alt_text_problems(alt, title)
    if alt_problems:
        raise ArgumentValueError(
            "Describe the figure in the alt text: what it shows and its main pattern, in a sentence or two "
            f"for readers who cannot see it ({'; '.join(alt_problems)}). For example: "
            "show_figure(fig, alt=\"Bar chart of words per text: Carr's book is by far the longest.\")"
        )
    if not fig.get_axes():
        raise ArgumentValueError("The figure is empty: it has no axes to show. Draw on it first, for example "
                         "fig, ax = plt.subplots() and then ax.bar(...).")
    problems = missing_labels(fig)
    if problems:
        raise ArgumentValueError(
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


try:  # every plot is colour-blind-safe by default once the package is imported
    use_course_style()
except ImportError:  # pragma: no cover - Matplotlib is a dependency; without it there is nothing to style
    pass
