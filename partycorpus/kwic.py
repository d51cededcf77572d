"""Keywords in context (KWIC): every occurrence of a word with the words around it and its citation.

A KWIC table has one row per occurrence: ``left`` (the words before it),
``keyword`` (the word as printed), ``right`` (the words after it) and
``citation`` (``text-id:line`` of the received line that holds the keyword).
The context is the cleaned running text, punctuation included, and runs over
line ends; ``window`` counts tokens (words and numbers) on each side.

:func:`kwic_rows` works on any numbered lines (toy data, a chapter);
:func:`kwic` on a segment of a text, cleaned (page furniture, footnotes and
notes left out). :func:`format_kwic` lays the rows out with the keywords
aligned, and :func:`show_kwic` prints them.

>>> lines = [(3, "The exiles wrote to us."), (4, "Exiles were sent north.")]
>>> kwic_rows(lines, "exiles", window=2, label="demo").values.tolist()
[['The', 'exiles', 'wrote to', 'demo:3'], ['to us.', 'Exiles', 'were sent', 'demo:4']]
"""
from __future__ import annotations

import bisect

import pandas as pd

from .corpus import check_text_id
from .tokens import TOKEN

COLUMNS = ["left", "keyword", "right", "citation"]


def _forms(keyword) -> set[str]:
    if isinstance(keyword, str):
        forms = {keyword}
    else:
        try:
            forms = set(keyword)
        except TypeError:
            forms = set()
        if not forms or not all(isinstance(f, str) for f in forms):
            raise TypeError(f"the keyword is a word or a list of words, such as 'exile' or ['exile', 'exiles']; "
                            f"got {keyword!r}")
    forms = {f.replace("’", "'").lower().strip() for f in forms}
    if "" in forms:
        raise ValueError("the keyword is empty: give a word, such as 'exile'")
    return forms


def _clings(char: str) -> bool:
    return not (char.isspace() or char.isalnum())


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def kwic_rows(numbered_lines, keyword, window: int = 6, label: str = "text") -> pd.DataFrame:
    """Return the KWIC rows of ``keyword`` in ``(line number, line)`` pairs; citations read ``label:line``.

    ``keyword`` is one word or a list of word forms; it matches whole tokens
    (see :mod:`partycorpus.tokens`) regardless of case, so ``"stalin"`` finds
    ``Stalin`` but not ``Stalin's`` or ``Stalinist``: ask for
    ``["stalin", "stalin's"]`` to have both.

    >>> rows = kwic_rows([(9, "Stalin’s rival; Stalin won.")], ["stalin", "stalin's"], window=1, label="demo")
    >>> rows[["keyword", "right", "citation"]].values.tolist()
    [['Stalin’s', 'rival;', 'demo:9'], ['Stalin', 'won.', 'demo:9']]
    """
    forms = _forms(keyword)
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise ValueError(f"window is the number of tokens on each side, a whole number such as 6; got {window!r}")
    pieces, starts, numbers = [], [], []
    offset = 0
    for number, line in numbered_lines:
        starts.append(offset)
        numbers.append(number)
        pieces.append(line)
        offset += len(line) + 1
    text = "\n".join(pieces)
    matches = list(TOKEN.finditer(text.replace("’", "'")))
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
    check_text_id(text_id)
    from .cleaning import clean

    return kwic_rows(clean(text_id, segment, headings=headings).lines, keyword, window, label=text_id)


def format_kwic(rows: pd.DataFrame, width: int = 40) -> str:
    """Lay KWIC rows out as text: left context right-aligned, keyword, right context, citation.

    Contexts longer than ``width`` characters are cut at the far end with ``…``.

    >>> rows = kwic_rows([(3, "The exiles wrote to us.")], "exiles", window=3, label="demo")
    >>> print(format_kwic(rows, width=12))
             The  exiles  wrote to us.  demo:3
    """
    missing = [column for column in COLUMNS if column not in getattr(rows, "columns", [])]
    if missing:
        raise TypeError("format_kwic lays out a KWIC table with the columns left, keyword, right and citation, "
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
