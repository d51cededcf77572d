"""The course glossary, kept as data in ``data/glossary.csv``.

>>> define("provenance").startswith("Where a source comes from")
True
"""
from __future__ import annotations

from importlib import resources

import pandas as pd


def glossary() -> pd.DataFrame:
    """Return the glossary as a DataFrame indexed by term (lower case).

    >>> {"definition", "first_lesson"} <= set(glossary().columns)
    True
    """
    with resources.files(__package__).joinpath("data", "glossary.csv").open(encoding="utf-8") as f:
        table = pd.read_csv(f, dtype=str, keep_default_na=False)
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
