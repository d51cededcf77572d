"""The records cleaning produces: a change, and a cleaned text that keeps its line numbers.

>>> view = CleanText("demo", "body", ((18, "Soviet local government"), (19, ", has given")), ())
>>> view.tokens()[-3:]
[('government', 18), ('has', 19), ('given', 19)]
>>> print(view.text)
Soviet local government
, has given
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..strings.tokenizer import tokenize_lines

#: Where a received line ends up after cleaning.
STREAMS = ("text", "footnote", "removed")


@dataclass(frozen=True)
class Change:
    """One change made by one cleaning step to one received line.

    ``before`` and ``after`` are the whitespace-delimited chunk as it was before
    the step and as the step left it (``after`` is empty when something was
    removed). For a step that only moves a line to another stream (footnotes),
    ``before`` and ``after`` are the same.

    >>> Change("year", 4, "I924-I926,", "1924-1926,").cite("carr-1959-socialism-vol2")
    'carr-1959-socialism-vol2:4'
    """

    step: str
    line: int
    before: str
    after: str

    def cite(self, text_id: str) -> str:
        return f"{text_id}:{self.line}"


@dataclass(frozen=True)
class CleanText:
    """A cleaned view of a text: ``(received line number, cleaned line)`` pairs.

    ``changes`` holds the changes made to those lines. Every token of the view
    comes from one received line, so it can be cited as ``text-id:line``.

    >>> view = CleanText("demo", "body", ((3, "In 1924"), (5, "Lenin died")), ())
    >>> view.line_numbers, len(view)
    ([3, 5], 2)
    >>> view.tokens(lower=True, kind="word")
    [('in', 3), ('lenin', 5), ('died', 5)]
    """

    text_id: str
    segment: str
    lines: tuple
    changes: tuple

    @property
    def text(self) -> str:
        """The cleaned lines joined by newlines."""
        return "\n".join(line for _, line in self.lines)

    @property
    def line_numbers(self) -> list[int]:
        return [number for number, _ in self.lines]

    def __len__(self) -> int:
        return len(self.lines)

    def __iter__(self):
        return iter(self.lines)

    def tokens(self, lower: bool = False, kind: str | None = None) -> list[tuple[str, int]]:
        """Return ``(token, received line)`` pairs (see :mod:`partycorpus.strings.tokenizer`)."""
        return tokenize_lines(self.lines, lower=lower, kind=kind)

    def to_frame(self) -> pd.DataFrame:
        """Return the view as a DataFrame with columns line and text.

        >>> CleanText("demo", "body", ((3, "In 1924"),), ()).to_frame()
           line     text
        0     3  In 1924
        """
        return pd.DataFrame(list(self.lines), columns=["line", "text"])

    def changes_frame(self) -> pd.DataFrame:
        """Return the changes as a DataFrame: step, line, before, after."""
        return pd.DataFrame(
            [(c.step, c.line, c.before, c.after) for c in self.changes],
            columns=["step", "line", "before", "after"],
        )
