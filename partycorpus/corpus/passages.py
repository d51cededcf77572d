"""Read passages with their line numbers, and cite them as ``text-id:line``.

A line of a received file is the unit of citation. :func:`passage` returns the
numbered lines as data; :func:`show_passage` prints them for reading;
:func:`cite` and :func:`parse_citation` go between a line range and its
citation.

>>> cite("tarov-1936-escape", 29)
'tarov-1936-escape:29'
>>> passage("tarov-1936-escape", 7)
[(7, 'A. Tarov')]
"""
from __future__ import annotations

import numbers
import re
import textwrap

from ..errors import ArgumentTypeError, ArgumentValueError, expect
from .catalogue import check_text_id, example_id, received_lines

CITATION = re.compile(r"(?P<id>[a-z0-9][a-z0-9-]*):(?P<start>\d+)(?:-(?P<end>\d+))?")


def _check_range(checked_id: str, start, end) -> tuple[int, int]:
    text_id = checked_id
    count = len(received_lines(checked_id))
    end = start if end is None else end
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise ArgumentTypeError(
                f"Line numbers are whole numbers; {name} was {value!r}. "
                f"Write the number without quotes or decimals, for example pc.passage({text_id!r}, 3, 5)."
            )
    start, end = int(start), int(end)  # a NumPy integer from a table is a line number too
    if not 1 <= start <= end <= count:
        raise ArgumentValueError(
            f"{text_id} has lines 1 to {count}; lines {start} to {end} are not a "
            "valid range (the first line is 1, and start must not be after end). "
            f"Ask for lines between 1 and {count}, for example pc.passage({text_id!r}, 1, {min(count, 5)})."
        )
    return start, end


def cite(text_id: str, start: int, end: int | None = None) -> str:
    """Return the citation of a line or a range of lines.

    >>> cite("izhma-1926-exile-report", 10, 24)
    'izhma-1926-exile-report:10-24'
    """
    start, end = _check_range(check_text_id(text_id), start, end)
    return f"{text_id}:{start}" if start == end else f"{text_id}:{start}-{end}"


def parse_citation(citation: str) -> tuple[str, int, int]:
    """Split a citation into text id, first line and last line, checking all three.

    >>> parse_citation("tarov-1936-escape:29")
    ('tarov-1936-escape', 29, 29)
    """
    example = example_id()
    expect(citation, str, "the citation", "parse_citation", f"'{example}:29'")
    match = CITATION.fullmatch(citation.strip())
    if not match:
        raise ArgumentValueError(
            f"{citation!r} is not a citation. Write the text id, a colon and the line "
            f"number, for example '{example}:29' or '{example}:29-31'."
        )
    text_id = check_text_id(match["id"])
    start = int(match["start"])
    end = int(match["end"]) if match["end"] else start
    return (text_id, *_check_range(text_id, start, end))


def passage(text_id: str, start: int, end: int | None = None, clean: bool = False) -> list[tuple[int, str]]:
    """Return lines ``start`` to ``end`` (inclusive) as ``(line number, line)`` pairs.

    The lines are the received ones; ``clean=True`` gives the same lines as
    cleaning left them (OCR repaired, split words rejoined on the first line,
    page furniture removed as empty lines; footnote lines are kept, cleaned).

    >>> passage("izhma-1926-exile-report", 20, 21)
    [(20, 'Awarded a military medal.'), (21, 'Arrested October 14 1937.')]
    >>> passage("carr-1959-socialism-vol2", 18, clean=True)   # 'govern' + 'ment' (line 19) rejoined
    [(18, 'Nagoya, who is engaged in a detailed study of Soviet local government')]
    """
    checked_id = check_text_id(text_id)
    start, end = _check_range(checked_id, start, end)
    expect(clean, bool, "clean", "passage", "pc.passage(text_id, 3, 5, clean=True)")
    if clean:
        from ..cleaning.pipeline import clean_file

        source = clean_file(checked_id).text
    else:
        source = received_lines(checked_id)
    return [(number, source[number - 1]) for number in range(start, end + 1)]


def quote(citation: str) -> str:
    """Return the text a citation points at, lines joined by newlines.

    >>> quote("izhma-1926-exile-report:23")
    'Shot on November 21 1937.'
    """
    text_id, start, end = parse_citation(citation)
    return "\n".join(line for _, line in passage(text_id, start, end))


def format_passage(rows, width: int = 100) -> str:
    """Lay out ``(line number, line)`` pairs with the numbers in a margin.

    Long lines wrap under their own text, so the margin holds only line numbers.

    >>> print(format_passage([(9, "a short line"), (10, "")]))
       9  a short line
      10
    """
    if isinstance(rows, str):
        raise ArgumentTypeError(
            "format_passage lays out (line number, line) pairs, not a string. Get them with "
            "pc.passage(text_id, start, end), or print a passage with pc.show_passage(text_id, start, end)."
        )
    try:
        rows = list(rows)
    except TypeError:
        raise ArgumentTypeError(f"format_passage lays out a list of (line number, line) pairs, not "
                                f"{type(rows).__name__}. Get them with pc.passage(text_id, start, end).") from None
    if not rows:
        raise ArgumentValueError(
            "There are no lines to lay out: the list of (line number, line) pairs is empty. "
            "Check the step that made it (a filter that matched nothing?), or get lines with "
            "pc.passage(text_id, start, end)."
        )
    for row in rows:
        if not (isinstance(row, (tuple, list)) and len(row) == 2 and isinstance(row[0], numbers.Integral)
                and not isinstance(row[0], bool)):
            raise ArgumentTypeError(
                f"format_passage lays out (line number, line) pairs such as (7, 'the seventh line'); got {row!r}. "
                "Get them with pc.passage(text_id, start, end)."
            )
    margin = max([len(str(number)) for number, _ in rows] + [4])
    indent = " " * (margin + 2)
    out = []
    for number, line in rows:
        wrapped = textwrap.wrap(line, width=max(width - len(indent), 20),
                                break_long_words=False, break_on_hyphens=False) or [""]
        out.append(f"{number:>{margin}}  {wrapped[0]}".rstrip())
        out += [indent + more for more in wrapped[1:]]
    return "\n".join(out)


def show_passage(text_id: str, start: int, end: int | None = None, width: int = 100) -> None:
    """Print a passage with its line numbers and its citation.

    >>> show_passage("izhma-1926-exile-report", 20, 21)
    izhma-1926-exile-report:20-21
      20  Awarded a military medal.
      21  Arrested October 14 1937.
    """
    rows = passage(text_id, start, end)
    print(cite(text_id, rows[0][0], rows[-1][0]))
    print(format_passage(rows, width=width))
