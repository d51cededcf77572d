"""Places of arrest, exile, prison and escape, kept as data in ``data/places.csv``.

One row per place as one text spells it (``name_in_text``), with its modern
name, coordinates where a point makes sense, its role in the story, and the
lines that name it. Regions and unnamed places have no coordinates and a note
saying why.

>>> pl = places()
>>> pl.loc["tarov-kizil-ordoo", ["name_in_text", "modern_name"]].tolist()
['Kizil-Ordoo', 'Kyzylorda']
"""
from __future__ import annotations

import pandas as pd

from ..corpus.catalogue import check_text_id
from .datafiles import read_data


def places() -> pd.DataFrame:
    """Return the places as a DataFrame indexed by ``place_id``.

    ``latitude`` and ``longitude`` are floats (missing for regions and unnamed
    places); ``route_order`` is a nullable integer.

    >>> pl = places()
    >>> pl.loc["izhma-izhma", ["latitude", "longitude"]].tolist()
    [65.006, 53.913]
    >>> bool(pl.loc["tarov-river", ["latitude", "longitude"]].isna().all())
    True
    """
    table = read_data("places.csv")
    for column in ("latitude", "longitude"):
        table[column] = pd.to_numeric(table[column].replace("", None), errors="raise").astype(float)
    table["route_order"] = pd.to_numeric(table["route_order"].replace("", None)).astype("Int64")
    return table.set_index("place_id", drop=False)


def route(text_id: str) -> pd.DataFrame:
    """Return the path a text tells (its places with a ``route_order``), in order, with what is inferred.

    Which places make a route, and in what order, is data: the ``route_order``
    and ``route_status`` columns of ``data/places.csv``. A text without a route
    gives an empty table.

    >>> steps = route("tarov-1936-escape")
    >>> steps["name_in_text"].tolist()[2:6]
    ['Kizil-Ordoo', 'Akmolinsk', 'Petropavlovsk', 'Verkhni-Uralsk']
    >>> steps.loc["tarov-andijan", "route_status"]
    'inferred'
    >>> route("izhma-1926-exile-report").empty
    True
    """
    text_id = check_text_id(text_id)
    table = places()
    return table[table["text_id"].eq(text_id) & table["route_order"].notna()].sort_values("route_order")
