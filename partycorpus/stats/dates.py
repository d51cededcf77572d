"""Find the dates written in a text, normalise them, and keep each one's citation.

Lesson 07 builds the method step by step with regular expressions; this module
is the finished finder, for texts too long to read date by date. Each date
found is one row: the words as written, an ISO date, the last day of a range
(if the text gives one), the precision, and the citation of its line.

The forms it finds (month names capitalised, as printed):

* month, day and year: ``September 24, 1928``, ``October 14 1937``,
  ``March 5th, 1953``, ``Jan. 25th``; a day range or an alternative,
  ``November 20 or 21``, ``February 10 to 12``, ``March 21-27``;
* day, month and year: ``15 February 1936``, ``11 March 1926``;
* month and year: ``April 1931``, ``April, 1926``;
* days written in words: ``the twelfth of June``, ``June third``,
  ``April twenty-seventh``;
* years standing alone (1800-2099), unless ``years=False``: ``in 1895``;
  ``1924-1926`` is a span.

A date without a year keeps ``XXXX`` for it (``XXXX-06-12``), the convention
of the Extended Date/Time Format (Library of Congress, 2019; ISO 8601-2): the
text does not say the year, so the table does not guess it. A month without a
day or a year ("in June") is not a date this finder can place, and is skipped.

Lines are searched one by one, so a date broken over two lines is missed, and
a damaged number (OCR ``I924``, Thakor's ``19808``) is missed unless the text
was repaired first: compare ``find_dates(text_id)`` (cleaned, the default) with
``find_dates(text_id, raw=True)``.

>>> table = dates_in_lines([(29, "On September 24, 1928, I was arrested."),
...                         (45, "at ten forty-five on the twelfth of June")], text_id="demo")
>>> table[["line", "as_written", "iso", "precision"]].values.tolist()
[[29, 'September 24, 1928', '1928-09-24', 'day'], [45, 'the twelfth of June', 'XXXX-06-12', 'day']]
"""
from __future__ import annotations

import calendar
import re

import pandas as pd

from ..cleaning.views import view
from ..corpus.catalogue import check_text_id
from ..corpus.segments import received_segment
from ..errors import ArgumentTypeError, expect
from ..strings.words import numbered_lines_error

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
#: Abbreviated month names (with their full stop), as in "See the New Militant, Jan. 25th".
ABBREVIATIONS = {"Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Aug.": 8, "Sept.": 9, "Sep.": 9, "Oct.": 10,
                 "Nov.": 11, "Dec.": 12}
MONTH_NUMBERS = {name: number for number, name in enumerate(MONTHS, start=1)} | ABBREVIATIONS

_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
          "eighteenth", "nineteenth")
#: Ordinal words for the days of a month: "first" -> 1 ... "thirty-first" -> 31.
ORDINALS = ({word: number for number, word in enumerate(_UNITS, start=1)}
            | {word: number for number, word in enumerate(_TEENS, start=10)}
            | {"twentieth": 20, "thirtieth": 30, "thirty-first": 31}
            | {f"twenty-{word}": 20 + number for number, word in enumerate(_UNITS, start=1)})

COLUMNS = ["text_id", "line", "citation", "as_written", "iso", "end_iso", "precision", "in_words"]

_MONTH = "(?P<month>" + "|".join([*MONTHS, *(re.escape(a) for a in ABBREVIATIONS)]) + ")"
# Longest first, so that "twenty-seventh" is tried before "seventh"; the words are matched in any case.
_ORDINAL = "(?P<ordinal>(?i:" + "|".join(sorted(ORDINALS, key=len, reverse=True)).replace("-", "[- ]") + "))"
_SUFFIX = r"(?:st|nd|rd|th)?"
_DAY = rf"(?P<day>\d{{1,2}})(?!\d){_SUFFIX}"
_DAY2 = rf"(?:\s*(?:-|–|to|or|and)\s*(?P<day2>\d{{1,2}})(?!\d){_SUFFIX})?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)(?![\d])"
_BOUNDARY = r"(?<![\w.])"

#: The patterns, most specific first; a match that overlaps an earlier one is dropped.
PATTERNS = {
    "month-day-year": re.compile(rf"{_BOUNDARY}{_MONTH} {_DAY}{_DAY2}\b(?:,? {_YEAR})?"),
    "day-month-year": re.compile(rf"{_BOUNDARY}{_DAY}{_DAY2} (?:of )?{_MONTH}(?:,? {_YEAR})?"),
    "month-year": re.compile(rf"{_BOUNDARY}{_MONTH},? {_YEAR}"),
    "ordinal-of-month": re.compile(rf"{_BOUNDARY}(?:[Tt]he )?{_ORDINAL} (?:day )?of {_MONTH}\b(?:,? {_YEAR})?"),
    "month-ordinal": re.compile(rf"{_BOUNDARY}{_MONTH} (?:the )?{_ORDINAL}\b(?:,? {_YEAR})?"),
}
YEAR_PATTERN = re.compile(r"(?<![\w.,])(?P<year>1[89]\d\d|20\d\d)\b(?![.,]\d|['’]?s\b)"
                          r"(?:\s*(?:-|–|to)\s*(?P<year2>1[89]\d\d|20\d\d|\d\d)\b(?![.,]\d))?")


def _iso(year, month, day=None) -> str:
    text = f"{year:04d}" if year else "XXXX"
    if month:
        text += f"-{month:02d}"
    if day:
        text += f"-{day:02d}"
    return text


def _valid_day(year, month, day) -> bool:
    last = calendar.monthrange(year, month)[1] if year else (29 if month == 2 else calendar.monthrange(2001, month)[1])
    return 1 <= day <= last


def _normalise(kind: str, match: re.Match):
    """Return (iso, end_iso, precision, in_words) for a match, or None if it is not a valid date."""
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "year":
        end = ""
        if groups.get("year2"):
            second = groups["year2"]
            last = int(second) if len(second) == 4 else year // 100 * 100 + int(second)
            if last <= year:
                return None
            end = _iso(last, None)
        return _iso(year, None), end, "year", False
    month = MONTH_NUMBERS[groups["month"]]
    if kind == "month-year":
        return _iso(year, month), "", "month", False
    in_words = "ordinal" in groups and groups["ordinal"] is not None
    if in_words:
        day = ORDINALS[re.sub(r"[- ]", "-", groups["ordinal"].lower())]
    else:
        day = int(groups["day"])
    if not _valid_day(year, month, day):
        return None
    end = ""
    if groups.get("day2"):
        last = int(groups["day2"])
        if not (_valid_day(year, month, last) and last > day):
            return None
        end = _iso(year, month, last)
    return _iso(year, month, day), end, "day", in_words


def _dates_in_line(line: str, years: bool) -> list[tuple[int, str, str, str, str, bool]]:
    """(position, as written, iso, end_iso, precision, in_words) for each date in one line, in order."""
    candidates = []
    for order, (kind, pattern) in enumerate(PATTERNS.items()):
        for match in pattern.finditer(line):
            candidates.append((match.start(), -(match.end() - match.start()), order, kind, match))
    if years:
        candidates += [(m.start(), -(m.end() - m.start()), len(PATTERNS), "year", m)
                       for m in YEAR_PATTERN.finditer(line)]
    taken, found = [], []
    for start, _, _, kind, match in sorted(candidates, key=lambda c: c[:3]):
        if any(start < end and match.end() > begin for begin, end in taken):
            continue
        normal = _normalise(kind, match)
        if normal is None:
            continue
        taken.append((start, match.end()))
        found.append((start, match.group(0), *normal))
    return sorted(found)


def dates_in_lines(numbered_lines, text_id: str = "", years: bool = True) -> pd.DataFrame:
    """Return the dates in ``(line number, line)`` pairs, one row per date, in order.

    ``text_id`` fills the ``text_id`` and ``citation`` columns (leave it empty
    for lines that are not from a text of the corpus). Columns: text_id, line,
    citation, as_written, iso, end_iso (empty unless a range is written),
    precision (``day``, ``month`` or ``year``), in_words.

    >>> rows = [(59, "I forget whether it was on November 20 or 21"), (21, "Arrested October 14 1937.")]
    >>> dates_in_lines(rows)[["as_written", "iso", "end_iso"]].values.tolist()
    [['November 20 or 21', 'XXXX-11-20', 'XXXX-11-21'], ['October 14 1937', '1937-10-14', '']]
    >>> dates_in_lines([(1, "In 1930 many capitulated; April, 1926; the 1930's; 1,500 cows")])["iso"].tolist()
    ['1930', '1926-04']
    >>> dates_in_lines([(1, "In 1930 many capitulated")], years=False).empty
    True
    """
    if isinstance(numbered_lines, str):
        raise ArgumentTypeError("dates_in_lines takes (line number, line) pairs, not a string: get them with "
                                "pc.passage(text_id, first, last) or pc.body(text_id).lines.")
    expect(text_id, str, "text_id (the label of the citations)", "dates_in_lines", 'text_id="tarov-1936-escape"')
    rows = []
    try:
        for number, line in numbered_lines:
            for _, written, iso, end, precision, in_words in _dates_in_line(line, years):
                citation = f"{text_id}:{number}" if text_id else ""
                rows.append((text_id, int(number), citation, written, iso, end, precision, in_words))
    except (TypeError, ValueError):
        raise numbered_lines_error(numbered_lines, "dates_in_lines") from None
    return pd.DataFrame(rows, columns=COLUMNS)


def find_dates(text_id: str, segment: str = "body", raw: bool = False, years: bool = True) -> pd.DataFrame:
    """Return the dates written in a segment of a text, one row per date, with its citation.

    By default the cleaned text is searched (:func:`partycorpus.body`: OCR
    years repaired, footnotes and page furniture left out); ``raw=True``
    searches the received lines of the segment as they are, damage included.
    ``years=False`` leaves out years that stand alone.

    >>> found = find_dates("tarov-1936-escape", years=False)
    >>> found[["citation", "as_written", "iso"]].head(3).values.tolist()
    [['tarov-1936-escape:29', 'September 24, 1928', '1928-09-24'], ['tarov-1936-escape:39', 'January 22, 1931', '1931-01-22'], ['tarov-1936-escape:55', 'April 1931', '1931-04']]
    >>> find_dates("web-undated-stalin-trotsky")["as_written"].tolist()[:2]
    ['June third', 'the seventeenth of October']
    """
    text_id = check_text_id(text_id)
    expect(raw, bool, "raw", "find_dates", "raw=True")
    numbered = received_segment(text_id, segment) if raw else view(text_id, segment).lines
    return dates_in_lines(numbered, text_id=text_id, years=years)
