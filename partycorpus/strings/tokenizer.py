"""The tokeniser: split a string into tokens (words and numbers); no text ids, no files.

:func:`tokenize` splits one string; :func:`tokenize_lines` splits ``(line
number, line)`` pairs and keeps each token's line number. The functions that
take a text id (``pc.tokens``) are in :mod:`partycorpus.stats.tokens`.

The rule, one regular expression:

* a **word** is a run of letters (any alphabet, accented letters included:
  ``régime``, ``manœuvre``), possibly joined by internal apostrophes or hyphens
  (``Stalin's``, ``anti-Trotsky``); a quote mark or hyphen at either end is not
  part of it;
* a **number** is a run of digits, possibly joined by ``.``, ``,`` or the raised
  point ``·`` that Carr's printer used for decimals (``1,000``, ``15·3``);
  ``1923-1924`` is two numbers;
* everything else (punctuation, symbols, spaces) separates tokens.

The curly apostrophe ``’`` is read as ``'`` so that ``Stalin’s`` (web texts) and
``Stalin's`` (Carr) are the same word. Case is kept unless ``lower=True``.
A mixed form such as ``I924`` (OCR damage) splits into ``I`` and ``924``: that
is why the cleaning step repairs years first.

>>> tokenize("In 1917 Stalin’s rôle, by 15·3 per cent: anti-Trotsky!")
['In', '1917', "Stalin's", 'rôle', 'by', '15·3', 'per', 'cent', 'anti-Trotsky']
>>> tokenize("The Kamenev-Zinoviev bloc", lower=True)
['the', 'kamenev-zinoviev', 'bloc']
"""
from __future__ import annotations

import re
from itertools import repeat

from ..errors import ArgumentTypeError, ArgumentValueError, expect
from .words import numbered_lines_error, straight_apostrophes

WORD = r"[^\W\d_]+(?:['\-][^\W\d_]+)*"
NUMBER = r"\d+(?:[.,·]\d+)*"
TOKEN = re.compile(f"{WORD}|{NUMBER}")
KINDS = ("word", "number")


def tokenize(text: str, lower: bool = False) -> list[str]:
    """Return the tokens of a string, in order (see the module docstring for the rule).

    >>> tokenize("On September 24, 1928, I was arrested.")
    ['On', 'September', '24', '1928', 'I', 'was', 'arrested']
    """
    expect(text, str, "the text to split", "tokenize", 'pc.tokenize("On September 24, 1928, I was arrested.")')
    text = straight_apostrophes(text)
    return TOKEN.findall(text.lower() if lower else text)


def is_number(token: str) -> bool:
    """Tell whether a token is a number (it starts with a digit, as the tokeniser's numbers do).

    >>> is_number("1926"), is_number("Izhma"), is_number("15·3")
    (True, False, True)
    """
    try:
        return token[:1].isdigit()
    except (TypeError, AttributeError):  # checked only on failure: this runs once per token
        expect(token, str, "the token", "is_number", 'pc.is_number("1926")')
        raise


def check_kind(kind) -> None:
    """Raise a course error unless ``kind`` is ``"word"``, ``"number"`` or ``None``.

    >>> check_kind("words")
    Traceback (most recent call last):
    ...
    partycorpus.errors.ArgumentValueError: kind is 'word', 'number' or None (both), not 'words'.
    """
    if kind not in (None, *KINDS):
        raise ArgumentValueError(f"kind is 'word', 'number' or None (both), not {kind!r}.")


def tokenize_lines(numbered_lines, lower: bool = False, kind: str | None = None) -> list[tuple[str, int]]:
    """Tokenise ``(line number, text)`` pairs; return ``(token, line number)`` pairs.

    ``kind`` keeps only words (``"word"``) or only numbers (``"number"``).

    >>> tokenize_lines([(7, "A. Tarov"), (29, "On September 24, 1928")], kind="number")
    [('24', 29), ('1928', 29)]
    """
    check_kind(kind)
    if isinstance(numbered_lines, str):
        raise ArgumentTypeError("tokenize_lines takes (line number, line) pairs, not a string: split a string "
                                "with pc.tokenize(text), or get pairs with pc.passage(text_id, first, last).")
    found = TOKEN.findall
    out = []
    try:
        for number, text in numbered_lines:
            tokens_found = found(straight_apostrophes(text.lower() if lower else text))
            if tokens_found:
                out.extend(zip(tokens_found, repeat(number)))
    except (TypeError, ValueError, AttributeError):
        raise numbered_lines_error(numbered_lines, "tokenize_lines") from None
    if kind is None:
        return out
    return [pair for pair in out if is_number(pair[0]) == (kind == "number")]
