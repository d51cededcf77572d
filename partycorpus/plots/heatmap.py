"""A labelled heat map of a table (rows by columns), with a colour bar, and its alt text.

The plumbing of lesson 06's figure: the lesson computes the table (the rates
are the student's part) and :func:`plot_heatmap` draws it, each cell labelled
with its value, in the colour-blind-safe cividis map, with a title, axis labels
and a labelled colour bar. :func:`describe_heatmap` writes the part of the alt
text that reads the table (its size and each row's highest column); the lesson
adds what the figure means.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> import pandas as pd
>>> table = pd.DataFrame({11: [5.0, 1.0], 12: [2.0, 3.0]}, index=["trotsky", "stalin"])
>>> ax = plot_heatmap(table, "Mentions per chapter", "chapter", "leader", "mentions")
>>> [t.get_text() for t in ax.texts]
['5', '2', '1', '3']
>>> describe_heatmap(table, "mentions", "chapter")
'Heat map of mentions for 2 rows (Trotsky, Stalin) across 2 columns by chapter (11 to 12). Highest chapter of each row: Trotsky 11, Stalin 12.'
>>> plt.close(ax.figure)
"""
from __future__ import annotations

import numpy as np

from ..errors import ArgumentTypeError, ArgumentValueError, expect
from .figures import SAFE_COLORMAPS, check_axes, label_axes


def _check_table(table, function: str):
    if not (hasattr(table, "to_numpy") and hasattr(table, "columns") and hasattr(table, "index")):
        raise ArgumentTypeError(f"{function} takes a table (a pandas DataFrame) of numbers, rows by columns, not "
                                f"{type(table).__name__}; for example the rates of pc.dispersion(...).")
    values = table.to_numpy(dtype=float, na_value=np.nan)
    if values.size == 0:
        raise ArgumentValueError(f"{function}: the table is empty; give it at least one row and one column.")
    return values


def _label(name) -> str:
    return str(name).capitalize() if isinstance(name, str) else str(name)


def plot_heatmap(table, title: str, xlabel: str, ylabel: str, colorbar_label: str, ax=None,
                 value_format: str = "{:.0f}", divide_before=None, cmap: str = SAFE_COLORMAPS[0]):
    """Draw ``table`` as a heat map with each cell's value written in it; return the axes.

    Rows are labelled with the index (names capitalised), columns with the
    column labels. ``value_format`` formats the numbers in the cells;
    ``divide_before`` (a column label) draws a white line before that column,
    to separate two groups (the parts of a book). Text in the cells is black on
    light colours and white on dark ones.
    """
    import matplotlib.pyplot as plt

    values = _check_table(table, "plot_heatmap")
    expect(value_format, str, "value_format", "plot_heatmap", 'value_format="{:.1f}"')
    if cmap not in SAFE_COLORMAPS:
        raise ArgumentValueError(f"plot_heatmap: use a colour-blind-safe colour map, one of {SAFE_COLORMAPS}, "
                                 f"not {cmap!r}.")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.6))
    check_axes(ax, "plot_heatmap")
    image = ax.imshow(values, cmap=cmap, aspect="auto")
    ax.set_xticks(range(values.shape[1]), [_label(c) for c in table.columns])
    ax.set_yticks(range(values.shape[0]), [_label(r) for r in table.index])
    low, high = np.nanmin(values), np.nanmax(values)
    middle = low + (high - low) / 2
    for row in range(values.shape[0]):
        for col in range(values.shape[1]):
            value = values[row, col]
            if np.isnan(value):
                continue
            ax.text(col, row, value_format.format(value), ha="center", va="center", fontsize=8,
                    color="black" if value > middle else "white")
    if divide_before is not None:
        columns = list(table.columns)
        if divide_before not in columns:
            raise ArgumentValueError(f"plot_heatmap: divide_before is a column of the table ({columns[0]} ... "
                                     f"{columns[-1]}), not {divide_before!r}.")
        ax.axvline(columns.index(divide_before) - 0.5, color="white", linewidth=3)
    label_axes(ax, title, xlabel, ylabel)
    bar = ax.figure.colorbar(image, ax=ax, pad=0.02)
    bar.set_label(colorbar_label)
    return ax


def describe_heatmap(table, what: str, column_name: str = "column") -> str:
    """Return alt text that reads a heat map's table: its size, and the column where each row is highest.

    ``what`` says what the numbers are ("mentions per 10,000 words");
    ``column_name`` what a column is ("chapter").
    """
    values = _check_table(table, "describe_heatmap")
    expect(what, str, "what the numbers are", "describe_heatmap", 'what="mentions per 10,000 words"')
    rows = [_label(r) for r in table.index]
    columns = list(table.columns)
    peaks = [f"{row} {columns[int(np.nanargmax(line))]}" for row, line in zip(rows, values)
             if not np.all(np.isnan(line))]
    return (f"Heat map of {what} for {len(rows)} rows ({', '.join(rows)}) across {len(columns)} columns by "
            f"{column_name} ({columns[0]} to {columns[-1]}). Highest {column_name} of each row: {', '.join(peaks)}.")
