"""The tokens of a text, by text id: cleaned first, each token with its received line.

The tokeniser itself (string in, tokens out) is :mod:`partycorpus.strings.tokenizer`.

>>> tokens("tarov-1936-escape")[:4]
[('A', 17), ('few', 17), ('words', 17), ('about', 17)]
"""
from __future__ import annotations

import pandas as pd

from ..cleaning.views import view
from ..corpus.catalogue import check_text_id
from ..errors import expect
from ..strings.tokenizer import check_kind, is_number


def tokens(text_id: str, segment: str = "body", lower: bool = False, kind: str | None = None,
           headings: bool = True) -> list[tuple[str, int]]:
    """Return the tokens of a cleaned segment as ``(token, received line)`` pairs.

    The text is cleaned first (see :func:`partycorpus.body`): page furniture,
    boilerplate, footnotes and page debris are not in the body, OCR damage is
    repaired. ``kind`` keeps only ``"word"`` or ``"number"`` tokens;
    ``headings=False`` leaves out the headings inside the segment.

    >>> tokens("izhma-1926-exile-report", kind="number")[:2]
    [('10', 3), ('5', 3)]
    """
    checked_id = check_text_id(text_id)
    expect(lower, bool, "lower", "tokens", "pc.tokens(text_id, lower=True)")
    check_kind(kind)
    return view(checked_id, segment, "text", headings).tokens(lower=lower, kind=kind)


def token_table(text_id: str, segment: str = "body", lower: bool = False, headings: bool = True) -> pd.DataFrame:
    """Return the tokens of a cleaned segment as a DataFrame: token, line, kind.

    >>> token_table("tarov-1936-escape").head(3)
      token  line kind
    0     A    17 word
    1   few    17 word
    2 words    17 word
    """
    pairs = tokens(text_id, segment, lower=lower, headings=headings)
    table = pd.DataFrame(pairs, columns=["token", "line"])
    table["kind"] = ["number" if is_number(token) else "word" for token, _ in pairs]
    return table
