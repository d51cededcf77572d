"""Labelled line ranges of the received texts, read from ``source_texts/segments.csv``.

Each row of the table names a range of received lines (inclusive) and what it
is: page furniture, title block, body, heading, editorial note, citation,
boilerplate, and for Carr's book preface, part, chapter, notes, abbreviations
and index. Ranges may nest (a heading inside a body, a chapter inside a part)
but never overlap partly. A text without rows is one body segment covering the
whole file. ``source_texts/README-segments.md`` explains the columns and rules.

The public functions (:func:`segments`, :func:`segment_lines`, :func:`chapters`)
check the text id once; the functions whose first parameter is ``checked_id``
are the package's own, for an id checked already.

>>> segments("tarov-1936-escape").loc["body", ["start", "end"]].tolist()
[17, 121]
>>> segment_lines("tarov-1936-escape", "heading-hunger-strike")
[(57, 'Hunger Strike')]
"""
from __future__ import annotations

import difflib
import functools
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..errors import CourseKeyError, DataFileError, expect
from .catalogue import check_text_id, received_lines, text_ids, texts_dir

SEGMENTS_FILE = "segments.csv"
COLUMNS = ("text_id", "segment", "kind", "start", "end", "number", "title", "note")

#: The kinds a row may have, with what they mean.
KINDS = {
    "page_furniture": "navigation, page headers and footers of a web page",
    "title_block": "title, author, date and byline printed above the text",
    "body": "the text itself, whose words are counted",
    "heading": "a heading printed inside a text (section, chapter, part, note)",
    "editorial_note": "words added by an editor or publisher, not by the author",
    "citation": "bibliographic note or cross-reference about the text",
    "boilerplate": "material of the website that has nothing to do with the text",
    "preface": "a book's preface",
    "part": "a part of a book (a group of chapters)",
    "chapter": "a chapter of a book; `number` holds its number",
    "notes": "notes appended to a book after its chapters",
    "abbreviations": "a book's list of abbreviations",
    "index": "a book's index",
}

#: Kinds kept apart from any larger segment that contains them: the body of a
#: text never includes an editorial note, page furniture, boilerplate, ...
APART_KINDS = frozenset({
    "page_furniture", "title_block", "editorial_note", "citation", "boilerplate",
    "notes", "abbreviations", "index",
})


class UnknownSegmentError(CourseKeyError):
    """Raised for a segment name that a text does not have; lists the valid names.

    >>> try:
    ...     segment_lines("tarov-1936-escape", "bodie")
    ... except UnknownSegmentError as err:
    ...     print(str(err).splitlines()[0])
    tarov-1936-escape has no segment 'bodie'. Did you mean 'body'?
    """

    def __init__(self, text_id, segment, valid):
        close = difflib.get_close_matches(str(segment), valid, n=1, cutoff=0.5)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        message = (
            f"{text_id} has no segment {segment!r}.{hint}\n"
            "Valid segments: " + ", ".join(valid) + "\n"
            f"Run partycorpus.segments({text_id!r}) to see them with their line ranges."
        )
        super().__init__(message)


@functools.lru_cache(maxsize=None)
def _table_cached(path: Path, mtime: float) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [column for column in COLUMNS if column not in table.columns]
    if missing:
        raise DataFileError(f"{path} lacks the columns {missing}")
    table = table[list(COLUMNS)].copy()
    for column in ("start", "end"):
        table[column] = table[column].astype(int)
    return table


def all_segments() -> pd.DataFrame:
    """Return every row of ``segments.csv`` (all texts) as a DataFrame.

    >>> list(all_segments().columns)
    ['text_id', 'segment', 'kind', 'start', 'end', 'number', 'title', 'note']
    """
    path = texts_dir() / SEGMENTS_FILE
    if not path.is_file():
        return pd.DataFrame({column: [] for column in COLUMNS})
    return _table_cached(path, path.stat().st_mtime).copy()


class Span(NamedTuple):
    """One segment: the columns of ``segments.csv``, with ``start`` and ``end`` as integers."""

    text_id: str
    segment: str
    kind: str
    start: int
    end: int
    number: str
    title: str
    note: str


def spans(checked_id: str) -> tuple[Span, ...]:
    """Return the segments of a checked text id as plain tuples, in file order (fast; cached).

    >>> spans("web-undated-stalin-trotsky")[0].segment
    'standfirst'
    """
    path = texts_dir() / SEGMENTS_FILE
    mtime = path.stat().st_mtime if path.is_file() else 0.0
    return _spans_cached(checked_id, path, mtime)


@functools.lru_cache(maxsize=None)
def _spans_cached(checked_id: str, path: Path, mtime: float) -> tuple[Span, ...]:
    table = all_segments()
    rows = [Span(*values) for values in table[table["text_id"] == checked_id].itertuples(index=False)]
    if not any(row.segment == "body" for row in rows):
        rows.append(Span(checked_id, "body", "body", 1, len(received_lines(checked_id)), "", "",
                         "no body row in segments.csv: the whole file is the body"))
    return tuple(sorted(rows, key=lambda row: (row.start, -row.end)))


def segments(text_id: str) -> pd.DataFrame:
    """Return the segments of a text, indexed by segment name, in file order.

    A text without a ``body`` row in ``segments.csv`` gets one covering the whole
    file (segments kept apart are still left out of it).

    >>> carr = segments("carr-1959-socialism-vol2")
    >>> carr.loc["chapter-13", ["kind", "number", "title"]].tolist()
    ['chapter', '13', 'THE RIFT IN THE TRIUMVIRATE']
    >>> int(carr.loc["chapter-13", "start"])
    2215
    """
    table = pd.DataFrame(spans(check_text_id(text_id)), columns=list(COLUMNS))
    return table.set_index("segment", drop=False)


def segment_range(checked_id: str, segment: str) -> tuple[int, int]:
    """Return the first and last received line of a segment.

    >>> segment_range("thakor-2023-gulag-opinion", "news-teasers")
    (64, 90)
    """
    row = span(checked_id, segment)
    return row.start, row.end


def span(checked_id: str, segment: str) -> Span:
    """Return one segment of a checked text id; raise :class:`UnknownSegmentError` for a name it lacks."""
    rows = spans(checked_id)
    for row in rows:
        if row.segment == segment:
            return row
    expect(segment, str, "the segment name", "segment", 'segment="body"')
    raise UnknownSegmentError(checked_id, segment, [row.segment for row in rows])


def apart_lines(checked_id: str, segment: str) -> set[int]:
    """Return the line numbers inside ``segment`` that belong to a segment kept apart.

    Those are the lines of nested segments whose kind is in :data:`APART_KINDS`
    (an editorial note inside a body, for instance).

    >>> sorted(apart_lines("tarov-1936-escape", "body"))
    [69]
    """
    row = span(checked_id, segment)
    excluded = set()
    for other in spans(checked_id):
        if other.segment == segment or other.kind not in APART_KINDS or row.kind == other.kind:
            continue
        if row.start <= other.start and other.end <= row.end:
            excluded.update(range(other.start, other.end + 1))
    return excluded


def heading_lines(checked_id: str, start: int = 1, end: int | None = None) -> set[int]:
    """Return the line numbers of heading segments between ``start`` and ``end``.

    >>> sorted(heading_lines("thakor-2023-gulag-opinion"))
    [14, 24, 33, 49]
    """
    end = len(received_lines(checked_id)) if end is None else end
    found = set()
    for row in spans(checked_id):
        if row.kind == "heading" and start <= row.start and row.end <= end:
            found.update(range(row.start, row.end + 1))
    return found


def segment_lines(text_id: str, segment: str = "body", apart: bool = False) -> list[tuple[int, str]]:
    """Return the received lines of a segment as ``(line number, line)`` pairs.

    Lines of nested segments kept apart (see :data:`APART_KINDS`) are left out
    unless ``apart=True``. The lines are the received ones, uncleaned: see
    :func:`partycorpus.clean` for the cleaned text.

    >>> [number for number, _ in segment_lines("tarov-1936-escape", "body")][51:54]
    [68, 70, 71]
    >>> segment_lines("tarov-1936-escape", "heading-ice-water")
    [(49, 'Ice Water')]
    """
    return received_segment(check_text_id(text_id), segment, apart)


def received_segment(checked_id: str, segment: str = "body", apart: bool = False) -> list[tuple[int, str]]:
    """The received lines of a segment of a checked text id (see :func:`segment_lines`)."""
    start, end = segment_range(checked_id, segment)
    skip = set() if apart else apart_lines(checked_id, segment)
    received = received_lines(checked_id)
    return [(number, received[number - 1]) for number in range(start, end + 1) if number not in skip]


def chapters(text_id: str) -> pd.DataFrame:
    """Return the chapter rows of a text (number, title, first and last line); empty for a text without chapters.

    >>> chapters("carr-1959-socialism-vol2").head(2)[["number", "title", "start"]].values.tolist()
    [[11, 'LESSONS OF OCTOBER', 67], [12, 'SOCIALISM IN ONE COUNTRY', 1515]]
    """
    return chapter_table(check_text_id(text_id))


def chapter_table(checked_id: str) -> pd.DataFrame:
    """The chapter rows of a checked text id (see :func:`chapters`)."""
    rows = [(r.segment, int(r.number), r.title, r.start, r.end) for r in spans(checked_id) if r.kind == "chapter"]
    return pd.DataFrame(rows, columns=["segment", "number", "title", "start", "end"])


def check_segments() -> list[str]:
    """Return a list of problems found in ``segments.csv`` (empty when all is well).

    Checks: known text ids and kinds, ranges inside the file, unique names per
    text, ranges nested or disjoint (never partly overlapping), chapters numbered.

    >>> check_segments()
    []
    """
    problems = []
    table = all_segments()
    known_ids = set(text_ids())
    for text_id, rows in table.groupby("text_id", sort=False):
        if text_id not in known_ids:
            problems.append(f"{text_id}: not in the catalogue")
            continue
        count = len(received_lines(text_id))
        for name in rows.loc[rows["segment"].duplicated(), "segment"]:
            problems.append(f"{text_id}: segment name {name!r} used twice")
        ranges = []
        for row in rows.itertuples(index=False):
            where = f"{text_id}:{row.segment}"
            if row.kind not in KINDS:
                problems.append(f"{where}: unknown kind {row.kind!r}")
            if not 1 <= row.start <= row.end <= count:
                problems.append(f"{where}: lines {row.start}-{row.end} outside 1-{count}")
            if row.kind == "chapter" and not str(row.number).isdigit():
                problems.append(f"{where}: a chapter needs its number")
            ranges.append((row.start, row.end, row.segment))
        for i, (a_start, a_end, a_name) in enumerate(ranges):
            for b_start, b_end, b_name in ranges[i + 1:]:
                disjoint = a_end < b_start or b_end < a_start
                nested = (a_start <= b_start and b_end <= a_end) or (b_start <= a_start and a_end <= b_end)
                if not (disjoint or nested):
                    problems.append(f"{text_id}: {a_name} and {b_name} overlap without nesting")
    return problems
