"""Cleaned views of a text: its body, a chapter, any segment, its footnotes, raw beside clean.

Each public function checks the text id once and cuts its view out of the
cleaned file with :func:`view`, which takes an id checked already.

>>> number, line = body("tarov-1936-escape").lines[0]
>>> number, line[:36]
(17, 'A few words about myself. I was born')
>>> chapter("carr-1959-socialism-vol2", 13).lines[0]
(2215, 'CHAPTER 13 ')
"""
from __future__ import annotations

import pandas as pd

from ..corpus.catalogue import check_text_id
from ..corpus.segments import apart_lines, chapter_table, heading_lines, segment_range
from ..errors import ArgumentValueError, expect
from .model import CleanText
from .pipeline import clean_file


def view(checked_id: str, segment: str = "body", stream: str = "text", headings: bool = True) -> CleanText:
    """The cleaned lines of a segment of a checked text id that are in ``stream`` (``text`` or ``footnote``)."""
    text_id = checked_id
    expect(headings, bool, "headings", "a cleaned view", "headings=False")
    start, end = segment_range(text_id, segment)
    skip = apart_lines(text_id, segment)
    if not headings:
        skip |= heading_lines(text_id, start, end)
    result = clean_file(text_id)
    keep = [n for n in range(start, end + 1) if n not in skip and result.stream[n - 1] == stream]
    kept = set(keep)
    lines = tuple((n, result.text[n - 1]) for n in keep)
    changes = tuple(c for c in result.changes if c.line in kept)
    return CleanText(text_id, segment, lines, changes)


def clean(text_id: str, segment: str, headings: bool = True) -> CleanText:
    """Return the cleaned running text of a named segment, each line with its received line number.

    Left out: lines of nested segments kept apart (an editorial note inside a
    body), footnotes, and page debris. Headings inside the segment are kept
    unless ``headings=False``. For the body, :func:`body` says it shorter.

    >>> clean("carr-1959-socialism-vol2", "chapter-13").line_numbers[:2]
    [2215, 2216]
    >>> clean("tarov-1936-escape", "heading-ice-water").text
    'Ice Water'
    """
    return view(check_text_id(text_id), segment, "text", headings)


def body(text_id: str, headings: bool = True) -> CleanText:
    """Return the cleaned body of a text: the words that are counted.

    >>> body("izhma-1926-exile-report").line_numbers
    [3]
    >>> body("thakor-2023-gulag-opinion").line_numbers[-1]
    59
    >>> body("tarov-1936-escape", headings=False).text.count("Ice Water")
    0
    """
    return view(check_text_id(text_id), "body", "text", headings)


def footnotes(text_id: str, segment: str = "body") -> CleanText:
    """Return the footnote lines found inside a segment, cleaned, with their line numbers.

    >>> footnotes("carr-1959-socialism-vol2", "chapter-11").lines[0]
    (97, "' See The Intertegnum, 192:J-1924, pp. 354, 361. ")
    >>> len(footnotes("tarov-1936-escape"))
    0
    """
    return view(check_text_id(text_id), segment, "footnote", True)


def chapter(text_id: str, number: int, headings: bool = True) -> CleanText:
    """Return a cleaned chapter of a book, by its number, without its footnotes.

    >>> chapter("carr-1959-socialism-vol2", 16).lines[2]
    (4704, 'MANŒUVRING FOR POSITION ')
    """
    checked_id = check_text_id(text_id)
    table = chapter_table(checked_id)
    valid = table["number"].tolist()
    if not valid:
        raise ArgumentValueError(f"{text_id} has no chapters in source_texts/segments.csv; use pc.body({text_id!r}) "
                                 f"or a segment of pc.segments({text_id!r}).")
    example = f"pc.chapter({text_id!r}, {valid[0]})"
    expect(number, int, "the chapter number", "chapter", example)
    if number not in valid:
        raise ArgumentValueError(f"{text_id} has chapters {valid[0]} to {valid[-1]}, not {number!r}. "
                                 f"For example: {example}")
    segment = table.loc[table["number"] == number, "segment"].iloc[0]
    return view(checked_id, segment, "text", headings)


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
    text_id = check_text_id(text_id)
    first, last = segment_range(text_id, segment)
    first, last = max(first, start or first), min(last, end or last)
    apart = apart_lines(text_id, segment)
    result = clean_file(text_id)
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
