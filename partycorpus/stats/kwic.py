"""Keywords in context (KWIC): every occurrence of a word with the words around it and its citation.

A KWIC table has one row per occurrence: ``left`` (the words before it),
``keyword`` (the word as printed), ``right`` (the words after it) and
``citation`` (``text-id:line`` of the received line that holds the keyword).
The context is the cleaned running text, punctuation included, and runs over
line ends; ``window`` counts tokens (words and numbers) on each side.

:func:`kwic_in_lines` works on any numbered lines (toy data, a chapter);
:func:`kwic` on a segment of a text, cleaned (page furniture, footnotes and
notes left out). :func:`format_kwic` lays the rows out with the keywords
aligned, and :func:`show_kwic` prints them.

>>> lines = [(3, "The exiles wrote to us."), (4, "Exiles were sent north.")]
>>> kwic_in_lines(lines, "exiles", window=2, label="demo").values.tolist()
[['The', 'exiles', 'wrote to', 'demo:3'], ['to us.', 'Exiles', 'were sent', 'demo:4']]
"""
from __future__ import annotations

import bisect

import pandas as pd

from ..cleaning.views import view
from ..corpus.catalogue import check_text_id
from ..errors import ArgumentTypeError, ArgumentValueError, expect
from ..strings.tokenizer import TOKEN
from ..strings.words import as_words, numbered_lines_error, straight_apostrophes

COLUMNS = ["left", "keyword", "right", "citation"]


def _forms(keyword, function: str) -> set[str]:
    return {straight_apostrophes(form).lower().strip() for form in as_words(keyword, "the keyword", function)}


def _clings(char: str) -> bool:
    return not (char.isspace() or char.isalnum())


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def kwic_in_lines(numbered_lines, keyword, window: int = 6, label: str = "text") -> pd.DataFrame:
    """Return the KWIC rows of ``keyword`` in ``(line number, line)`` pairs; citations read ``label:line``.

    ``keyword`` is one word or a list of word forms; it matches whole tokens
    (see :func:`partycorpus.tokenize`) regardless of case, so ``"stalin"`` finds
    ``Stalin`` but not ``Stalin's`` or ``Stalinist``: ask for
    ``["stalin", "stalin's"]`` to have both.

    >>> rows = kwic_in_lines([(9, "Stalin’s rival; Stalin won.")], ["stalin", "stalin's"], window=1, label="demo")
    >>> rows[["keyword", "right", "citation"]].values.tolist()
    [['Stalin’s', 'rival;', 'demo:9'], ['Stalin', 'won.', 'demo:9']]
    """
    forms = _forms(keyword, "kwic")
    expect(window, int, "the window (tokens on each side)", "kwic", "window=6")
    if window < 0:
        raise ArgumentValueError(f"window is the number of tokens on each side, 0 or more, such as 6; got {window!r}")
    if isinstance(numbered_lines, str):
        raise numbered_lines_error(numbered_lines, "kwic_in_lines")
    pieces, starts, numbers = [], [], []
    offset = 0
    try:
        for number, line in numbered_lines:
            starts.append(offset)
            numbers.append(number)
            pieces.append(line)
            offset += len(line) + 1
    except (TypeError, ValueError):
        raise numbered_lines_error(numbered_lines, "kwic_in_lines") from None
    text = "\n".join(pieces)
    matches = list(TOKEN.finditer(straight_apostrophes(text)))
    rows = []
    for i, match in enumerate(matches):
        if match.group().lower() not in forms:
            continue
        first = matches[max(i - window, 0)].start() if window and i > 0 else match.start()
        last = matches[min(i + window, len(matches) - 1)].end() if window and i < len(matches) - 1 else match.end()
        if window:  # take in punctuation that clings to the outer tokens: “theirs”, won.
            while first > 0 and _clings(text[first - 1]):
                first -= 1
            while last < len(text) and _clings(text[last]):
                last += 1
        left = text[first:match.start()] if window else ""
        right = text[match.end():last] if window else ""
        number = numbers[bisect.bisect_right(starts, match.start()) - 1]
        rows.append((_squeeze(left), text[match.start():match.end()], _squeeze(right), f"{label}:{number}"))
    return pd.DataFrame(rows, columns=COLUMNS)


def kwic(text_id: str, keyword, window: int = 6, segment: str = "body", headings: bool = True) -> pd.DataFrame:
    """Return the KWIC rows of ``keyword`` in a cleaned segment of a text (default: its body).

    >>> rows = kwic("tarov-1936-escape", "djiugashvill", window=3)
    >>> rows.values.tolist()
    [['one of “theirs”,', 'Djiugashvill', '(Stalin), is in', 'tarov-1936-escape:117']]
    >>> len(kwic("thakor-2023-gulag-opinion", "milk"))  # the news teasers are not in the body
    0
    """
    checked_id = check_text_id(text_id)
    return kwic_in_lines(view(checked_id, segment, "text", headings).lines, keyword, window, label=checked_id)


def format_kwic(rows: pd.DataFrame, width: int = 40) -> str:
    """Lay KWIC rows out as text: left context right-aligned, keyword, right context, citation.

    Contexts longer than ``width`` characters are cut at the far end with ``…``.

    >>> rows = kwic_in_lines([(3, "The exiles wrote to us.")], "exiles", window=3, label="demo")
    >>> print(format_kwic(rows, width=12))
             The  exiles  wrote to us.  demo:3
    """
    missing = [column for column in COLUMNS if column not in getattr(rows, "columns", [])]
    if missing:
        raise ArgumentTypeError("format_kwic lays out a KWIC table with the columns left, keyword, right and citation, "
                        "such as the one kwic(text_id, word) returns")
    if len(rows) == 0:
        return "(no occurrences)"
    lefts = [left if len(left) <= width else "…" + left[-(width - 1):] for left in rows["left"]]
    rights = [right if len(right) <= width else right[:width - 1] + "…" for right in rows["right"]]
    key_width = max(len(k) for k in rows["keyword"])
    left_width = max(len(left) for left in lefts)
    right_width = max(len(right) for right in rights)
    return "\n".join(
        f"{left:>{left_width}}  {key:<{key_width}}  {right:<{right_width}}  {citation}".rstrip()
        for left, key, right, citation in zip(lefts, rows["keyword"], rights, rows["citation"])
    )


def show_kwic(rows: pd.DataFrame, width: int = 40) -> None:
    """Print KWIC rows laid out by :func:`format_kwic`.

    >>> show_kwic(kwic("izhma-1926-exile-report", "drozdov", window=2).head(2), width=20)
    notorious chekist  Drozdov  to the      izhma-1926-exile-report:3
            two weeks  Drozdov  created no  izhma-1926-exile-report:3
    """
    print(format_kwic(rows, width=width))
