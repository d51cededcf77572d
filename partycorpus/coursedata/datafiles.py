"""Read the course's data files (glossary, timeline, places) from the package's ``data`` folder.

>>> "event_id" in read_data("timeline.csv").columns
True
"""
from __future__ import annotations

from importlib import resources

import pandas as pd


def data_file(name: str):
    """Return the path (a resource, also inside an installed package) of a file of ``partycorpus/data/``."""
    return resources.files("partycorpus").joinpath("data", name)


def read_data(name: str) -> pd.DataFrame:
    """Read a CSV file from ``partycorpus/data/``, every field as text (empty fields as ``""``)."""
    with data_file(name).open(encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False)
