"""Markdown tables, for the cleaning reports and the pages made from data.

>>> print(markdown_table(["step", "changes"], [("year", 3), ("a | b", 0)]))
| step | changes |
|---|---|
| year | 3 |
| a \\| b | 0 |
"""
from __future__ import annotations


def markdown_cell(value) -> str:
    """One table cell: text on one line, its ``|`` escaped.

    >>> markdown_cell("two\\nlines")
    'two lines'
    """
    return str(value).replace("|", "\\|").replace("\n", " ").strip()


def markdown_table(columns, rows) -> str:
    """Return a Markdown table with a header of ``columns`` and one line per row (a sequence of values)."""
    columns = [markdown_cell(column) for column in columns]
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(markdown_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)
