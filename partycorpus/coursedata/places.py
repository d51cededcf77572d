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


def tarov_route() -> pd.DataFrame:
    """Return Tarov's path from arrest to escape, in order, with what is inferred.

    >>> route = tarov_route()
    >>> route["name_in_text"].tolist()[2:6]
    ['Kizil-Ordoo', 'Akmolinsk', 'Petropavlovsk', 'Verkhni-Uralsk']
    >>> route.loc["tarov-andijan", "route_status"]
    'inferred'
    """
    table = places()
    route = table[table["text_id"].eq("tarov-1936-escape") & table["route_order"].notna()]
    return route.sort_values("route_order")
