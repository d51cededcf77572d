"""The course glossary, kept as data in ``data/glossary.csv`` (the page ``lessons/glossary.md`` is made by ``dev/``).

>>> define("provenance").startswith("Where a source comes from")
True
"""
from __future__ import annotations

import pandas as pd

from ..errors import CourseKeyError, expect
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
    expect(term, str, "the term", "define", 'pc.define("provenance")')
    table = glossary()
    key = term.strip().lower()
    if key not in table.index:
        raise CourseKeyError(
            f"The glossary has no entry {term!r}. Terms: " + ", ".join(sorted(table["term"]))
        )
    return table.loc[key, "definition"]
