"""The course glossary, kept as data in ``data/glossary.csv``.

>>> define("provenance").startswith("Where a source comes from")
True
"""
from __future__ import annotations

import pandas as pd

from .datafiles import read_data


def glossary() -> pd.DataFrame:
    """Return the glossary as a DataFrame indexed by term (lower case).

    >>> {"definition", "first_lesson"} <= set(glossary().columns)
    True
    """
    table = read_data("glossary.csv")
    table["key"] = table["term"].str.lower()
    return table.set_index("key")


def define(term: str) -> str:
    """Return the glossary's definition of a term (case does not matter).

    >>> define("Citation")[:10]
    'A pointer '
    """
    table = glossary()
    key = str(term).strip().lower()
    if key not in table.index:
        raise KeyError(
            f"The glossary has no entry {term!r}. Terms: " + ", ".join(sorted(table["term"]))
        )
    return table.loc[key, "definition"]


def anchor(term: str) -> str:
    """Return the link target of a term in lessons/glossary.md (JupyterLab's heading ids).

    >>> anchor("page furniture")
    'glossary.md#page-furniture'
    """
    return "glossary.md#" + term.strip().replace(" ", "-")


def glossary_markdown() -> str:
    """Render the glossary as the Markdown page lessons/glossary.md, one heading per term."""
    table = glossary().sort_index()
    parts = ["# Glossary", "",
             "Terms used in the lessons, with the lesson that first uses them. This page is made from",
             "`partycorpus/data/glossary.csv` by `make pages`; edit the CSV, not this page.", ""]
    for _, row in table.iterrows():
        parts += [f"### {row['term']}", "", row["definition"], "", f"*First used in lesson {row['first_lesson']}.*", ""]
    return "\n".join(parts)



def write_glossary_page(path=None):
    """Write lessons/glossary.md (or ``path``) from the glossary data."""
    from pathlib import Path

    target = Path(path) if path else Path(__file__).resolve().parent.parent / "lessons" / "glossary.md"
    target.write_text(glossary_markdown(), encoding="utf-8")
    return target
