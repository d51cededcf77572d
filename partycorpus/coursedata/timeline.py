"""The timeline of the party struggle, kept as data in ``data/timeline.csv``.

Each row is one event with an ISO date and its precision (``day``, ``month``
or ``year``), the corpus lines that mention it (``text-id:line``), a published
reference for the date, and a note where sources disagree. :func:`timeline`
adds two sortable columns, ``start`` and ``end``, so that an event dated only
to a month or a year still sorts and plots correctly.

>>> tl = timeline()
>>> tl.loc["lenin-death", ["date", "precision", "citations"]].tolist()
['1924-01-21', 'day', 'carr-1959-socialism-vol2:9629;carr-1959-socialism-vol2:7611;tarov-1936-escape:39']
"""
from __future__ import annotations

import pandas as pd

from ..errors import ArgumentValueError
from .datafiles import read_data

PRECISIONS = ("day", "month", "year")
_LENGTH = {"day": 10, "month": 7, "year": 4}

#: The labels of the ``period`` column with the dates they shade (first day, last day).
#: The bands are a teaching convention, not a finding; data/README.md explains them.
PERIODS = {
    "background": ("1800-01-01", "1921-12-31"),
    "succession": ("1922-01-01", "1923-09-30"),
    "triumvirate": ("1923-10-01", "1925-08-31"),
    "New Opposition": ("1925-09-01", "1926-03-31"),
    "United Opposition": ("1926-04-01", "1927-12-31"),
    "exile and capitulation": ("1928-01-01", "1934-11-30"),
    "Great Terror": ("1934-12-01", "1938-12-31"),
    "aftermath": ("1939-01-01", "1940-12-31"),
    "later": ("1941-01-01", "2099-12-31"),
}


def date_span(date: str) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    """Return the first day, the last day and the precision of an ISO date.

    >>> date_span("1925-12")
    (Timestamp('1925-12-01 00:00:00'), Timestamp('1925-12-31 00:00:00'), 'month')
    >>> date_span("1924-01-21")[2], date_span("1931")[1]
    ('day', Timestamp('1931-12-31 00:00:00'))
    """
    date = str(date).strip()
    precision = {length: name for name, length in _LENGTH.items()}.get(len(date))
    if precision is None:
        raise ArgumentValueError(f"{date!r} is not an ISO date such as 1924-01-21, 1925-12 or 1927.")
    start = pd.Timestamp(date)
    end = {"day": start, "month": start + pd.offsets.MonthEnd(0), "year": start + pd.offsets.YearEnd(0)}
    return start, end[precision], precision


def timeline() -> pd.DataFrame:
    """Return the events as a DataFrame indexed by ``event_id``, in date order.

    ``start`` is the first day the date can mean and ``end`` the last day of
    the event (its ``end_date`` if it has one), so ``precision`` is kept and
    nothing is made more exact than the sources allow.

    >>> tl = timeline()
    >>> tl.loc["fourteenth-congress", ["start", "end"]].tolist()
    [Timestamp('1925-12-18 00:00:00'), Timestamp('1925-12-31 00:00:00')]
    >>> tl.loc["verkhneuralsk-hunger-strike", ["precision", "end"]].tolist()
    ['year', Timestamp('1931-12-31 00:00:00')]
    """
    table = read_data("timeline.csv")
    table["start"] = [date_span(d)[0] for d in table["date"]]
    table["end"] = [date_span(e or d)[1] for d, e in zip(table["date"], table["end_date"])]
    table = table.sort_values(["start", "end", "event_id"], kind="stable")
    return table.set_index("event_id", drop=False)


def events_between(start: str, end: str, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the events whose span overlaps the period from ``start`` to ``end``.

    Both ends are ISO dates of any precision; ``"1925"`` as the end means the
    whole of 1925. Events known only to the year are included whenever their
    year overlaps, so check ``precision`` before saying "during that week".

    >>> found = events_between("1925-12-20", "1925-12-25")
    >>> list(found[found["precision"] == "day"].index)
    ['fourteenth-congress', 'fourteenth-congress-vote']
    >>> "solovki-politicals-moved" in found.index      # dated only to the year 1925
    True
    """
    table = timeline() if table is None else table
    first, last = date_span(start)[0], date_span(end)[1]
    return table[(table["start"] <= last) & (table["end"] >= first)]
