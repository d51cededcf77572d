"""Accessible figures: a colour-blind-safe palette and a display with alt text.

Every figure in the course goes through :func:`show_figure`, which refuses a
figure without a title, axis labels or alt text and shows it as an HTML
``<img>`` whose ``alt`` attribute a screen reader reads aloud.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.bar(["a", "b"], [1, 2], color=PALETTE[:2])
>>> label_axes(ax, "Two bars", "letter", "count")
>>> shown = show_figure(fig, alt="Bar chart: b is twice a.")
>>> shown.alt
'Bar chart: b is twice a.'
"""
from __future__ import annotations

import base64
import html
import io

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


def label_axes(ax, title: str, xlabel: str, ylabel: str) -> None:
    """Give an axes its title and both axis labels in one call."""
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


def missing_labels(fig) -> list[str]:
    """List what a figure lacks among a title and axis labels on each axes.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> missing_labels(fig)
    ['axes 1: title', 'axes 1: x label', 'axes 1: y label']
    >>> plt.close(fig)
    """
    problems = []
    for number, ax in enumerate(fig.get_axes(), start=1):
        if not ax.axison:  # a legend or an image panel without axes
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
    an axis label.
    """
    import matplotlib.pyplot as plt

    if not isinstance(alt, str) or len(alt.strip()) < 10:
        raise ValueError("Describe the figure in the alt text: what it shows and its main pattern.")
    problems = missing_labels(fig)
    if problems:
        raise ValueError("The figure needs a title and axis labels; missing: " + ", ".join(problems))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    titles = [ax.get_title() for ax in fig.get_axes() if ax.get_title()]
    title = fig._suptitle.get_text() if fig._suptitle else "; ".join(titles)
    plt.close(fig)
    return AccessibleFigure(buffer.getvalue(), alt.strip(), title)
