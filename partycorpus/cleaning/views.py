"""Cleaned views of a text: its body, a chapter, any segment, its footnotes, raw beside clean.

>>> number, line = body("tarov-1936-escape").lines[0]
>>> number, line[:36]
(17, 'A few words about myself. I was born')
>>> chapter(13).lines[0]
(2215, 'CHAPTER 13 ')
"""
from __future__ import annotations

import pandas as pd

from ..segments import apart_lines, chapters, heading_lines, segment_range
from .model import CleanText
from .pipeline import cleaned

CARR = "carr-1959-socialism-vol2"


def _view(text_id: str, segment: str, stream: str, headings: bool) -> CleanText:
    start, end = segment_range(text_id, segment)
    skip = apart_lines(text_id, segment)
    if not headings:
        skip |= heading_lines(text_id, start, end)
    result = cleaned(text_id)
    keep = [n for n in range(start, end + 1) if n not in skip and result.stream[n - 1] == stream]
    kept = set(keep)
    lines = tuple((n, result.text[n - 1]) for n in keep)
    changes = tuple(c for c in result.changes if c.line in kept)
    return CleanText(text_id, segment, lines, changes)


def clean(text_id: str, segment: str = "body", headings: bool = True) -> CleanText:
    """Return the cleaned running text of a segment, each line with its received line number.

    Left out: lines of nested segments kept apart (an editorial note inside a
    body), footnotes, and page debris. Headings inside the segment are kept
    unless ``headings=False``.

    >>> clean("thakor-2023-gulag-opinion").line_numbers[-1]
    59
    >>> clean("tarov-1936-escape", headings=False).text.count("Ice Water")
    0
    """
    return _view(text_id, segment, "text", headings)


def body(text_id: str, headings: bool = True) -> CleanText:
    """Return the cleaned body of a text (same as ``clean(text_id, "body")``).

    >>> body("izhma-1926-exile-report").line_numbers
    [3]
    """
    return clean(text_id, "body", headings=headings)


def footnotes(text_id: str, segment: str = "body") -> CleanText:
    """Return the footnote lines found inside a segment, cleaned, with their line numbers.

    >>> footnotes("carr-1959-socialism-vol2", "chapter-11").lines[0]
    (97, "' See The Intertegnum, 192:J-1924, pp. 354, 361. ")
    >>> len(footnotes("tarov-1936-escape"))
    0
    """
    return _view(text_id, segment, "footnote", True)


def chapter(number: int, headings: bool = True, text_id: str = CARR) -> CleanText:
    """Return a cleaned chapter of Carr's book (11 to 24) without its footnotes.

    >>> chapter(16).lines[2]
    (4704, 'MANŒUVRING FOR POSITION ')
    """
    table = chapters(text_id)
    valid = table["number"].tolist()
    if isinstance(number, bool) or not isinstance(number, int) or number not in valid:
        raise ValueError(
            f"{text_id} has chapters {valid[0]} to {valid[-1]}, not {number!r}. "
            "Give the number as a whole number, for example chapter(13)."
        )
    segment = table.loc[table["number"] == number, "segment"].iloc[0]
    return clean(text_id, segment, headings=headings)


def raw_and_clean(text_id: str, segment: str = "body", start: int | None = None,
                  end: int | None = None) -> pd.DataFrame:
    """Return received and cleaned lines side by side, for every line of a segment.

    Columns: ``line``, ``raw``, ``clean``, ``part`` (``text``, ``footnote``,
    ``removed``, or ``apart`` for a nested segment kept apart) and ``steps``
    (the cleaning steps that changed the line). ``start``/``end`` narrow the range.

    >>> table = raw_and_clean("carr-1959-socialism-vol2", start=95, end=97)
    >>> table[["line", "part", "steps"]].values.tolist()
    [[95, 'text', 'footnote-reference'], [96, 'text', ''], [97, 'footnote', 'footnote, year, number']]
    """
    first, last = segment_range(text_id, segment)
    first, last = max(first, start or first), min(last, end or last)
    apart = apart_lines(text_id, segment)
    result = cleaned(text_id)
    steps = {}
    for change in result.changes:
        if first <= change.line <= last:
            names = steps.setdefault(change.line, [])
            if change.step not in names:
                names.append(change.step)
    rows = []
    for n in range(first, last + 1):
        part = "apart" if n in apart else result.stream[n - 1]
        rows.append((n, result.raw[n - 1], result.text[n - 1], part, ", ".join(steps.get(n, []))))
    return pd.DataFrame(rows, columns=["line", "raw", "clean", "part", "steps"])
