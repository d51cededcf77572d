"""Split text into tokens (words and numbers) and keep each token's received line.

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

import pandas as pd

WORD = r"[^\W\d_]+(?:['\-][^\W\d_]+)*"
NUMBER = r"\d+(?:[.,·]\d+)*"
TOKEN = re.compile(f"{WORD}|{NUMBER}")
KINDS = ("word", "number")


def tokenize(text: str, lower: bool = False) -> list[str]:
    """Return the tokens of a string, in order (see the module docstring for the rule).

    >>> tokenize("On September 24, 1928, I was arrested.")
    ['On', 'September', '24', '1928', 'I', 'was', 'arrested']
    """
    if "’" in text:
        text = text.replace("’", "'")
    if lower:
        text = text.lower()
    return TOKEN.findall(text)


def is_number(token: str) -> bool:
    """Tell whether a token is a number (it starts with a digit).

    >>> is_number("1926"), is_number("Izhma")
    (True, False)
    """
    return token[:1].isdigit()


def tokenize_lines(numbered_lines, lower: bool = False, kind: str | None = None) -> list[tuple[str, int]]:
    """Tokenise ``(line number, text)`` pairs; return ``(token, line number)`` pairs.

    ``kind`` keeps only words (``"word"``) or only numbers (``"number"``).

    >>> tokenize_lines([(7, "A. Tarov"), (29, "On September 24, 1928")], kind="number")
    [('24', 29), ('1928', 29)]
    """
    if kind not in (None, *KINDS):
        raise ValueError(f"kind is 'word', 'number' or None, not {kind!r}")
    found = TOKEN.findall
    out = []
    for number, text in numbered_lines:
        if "’" in text:
            text = text.replace("’", "'")
        if lower:
            text = text.lower()
        tokens_found = found(text)
        if tokens_found:
            out.extend(zip(tokens_found, repeat(number)))
    if kind == "word":
        return [pair for pair in out if not pair[0][0].isdigit()]
    if kind == "number":
        return [pair for pair in out if pair[0][0].isdigit()]
    return out


def tokens(text_id: str, segment: str = "body", lower: bool = False, kind: str | None = None,
           headings: bool = True) -> list[tuple[str, int]]:
    """Return the tokens of a cleaned segment as ``(token, received line)`` pairs.

    The text is cleaned first (:func:`partycorpus.cleaning.clean`): page
    furniture, boilerplate, footnotes and page debris are not in the body, OCR
    damage is repaired. ``headings=False`` leaves out the headings inside it.

    >>> tokens("tarov-1936-escape")[:4]
    [('A', 17), ('few', 17), ('words', 17), ('about', 17)]
    >>> tokens("izhma-1926-exile-report", kind="number")[:2]
    [('10', 3), ('5', 3)]
    """
    from .cleaning import clean

    return clean(text_id, segment, headings=headings).tokens(lower=lower, kind=kind)


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
    table["kind"] = ["number" if token[:1].isdigit() else "word" for token, _ in pairs]
    return table
