"""The cleaning profiles a catalogue row may name, kept as data in ``data/cleaning_profiles.csv``.

A text's ``cleaning`` field in ``source_texts/catalogue.csv`` says how it
reached us and therefore which cleaning stages run on it: ``layout`` (the page
layout of a printed book: running heads, page numbers, footnotes), ``repairs``
(OCR damage: ``I924`` -> ``1924``) and ``rejoin`` (words split over two lines).

>>> cleaning_profiles().loc["ocr-book", ["layout", "repairs", "rejoin"]].tolist()
[True, True, True]
>>> profile_stages("web-page")
frozenset()
"""
from __future__ import annotations

import functools

import pandas as pd

from ..errors import DataFileError
from .datafiles import read_data

PROFILES_FILE = "cleaning_profiles.csv"
#: The cleaning stages a profile switches on or off, in the order they run.
STAGES = ("layout", "repairs", "rejoin")


@functools.lru_cache(maxsize=1)
def _profiles() -> pd.DataFrame:
    table = read_data(PROFILES_FILE)
    for stage in STAGES:
        values = set(table[stage])
        if not values <= {"yes", "no"}:
            raise DataFileError(f"partycorpus/data/{PROFILES_FILE}: the column {stage!r} holds yes or no, "
                                f"not {sorted(values - {'yes', 'no'})}")
        table[stage] = table[stage].eq("yes")
    return table.set_index("profile", drop=False)


def cleaning_profiles() -> pd.DataFrame:
    """Return the cleaning profiles, indexed by name: the stages each one runs, what it is for, what it does.

    >>> list(cleaning_profiles().index)
    ['ocr-book', 'ocr-text', 'web-page', 'plain']
    """
    return _profiles().copy()


def profile_names() -> list[str]:
    """Return the names a catalogue's ``cleaning`` field may hold.

    >>> "plain" in profile_names()
    True
    """
    return list(_profiles().index)


def profile_stages(profile: str) -> frozenset:
    """Return the stages that a profile runs (a subset of :data:`STAGES`).

    >>> sorted(profile_stages("ocr-text"))
    ['rejoin', 'repairs']
    """
    row = _profiles().loc[profile]
    return frozenset(stage for stage in STAGES if row[stage])


def describe_profiles() -> str:
    """Return one line per profile, ``name: what it is for``, for messages that list the choices.

    >>> describe_profiles().splitlines()[-1]
    '- plain: a transcription or any text typed by a person, with nothing to repair'
    """
    return "\n".join(f"- {name}: {row['use_for']}" for name, row in _profiles().iterrows())
