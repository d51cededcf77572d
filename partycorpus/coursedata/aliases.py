"""Spelling variants of names, kept as data, and folded into one form before counting.

One person or place can be spelled several ways in the corpus: by
romanisation (*Djugashvili* / *Dzhugashvili*), by a slip of the author or the
typesetter (*Djiugashvill*), or by OCR damage (*Zinovicv* for *Zinoviev*).
Counted as they stand, they split one name's count into several.
``partycorpus/data/aliases.csv`` lists each variant with the form we count it
under, what kind of variant it is, and the lines where it occurs (checked by
``tests/test_aliases.py``). Every row is a judgement: read the ``note``.

Columns: ``variant``, ``canonical``, ``kind`` (``standard``, ``romanisation``,
``misspelling``, ``misprint``, ``transcription``, ``OCR``), ``citations``
(``text-id:line``, several separated by ``;``) and ``note``.

>>> table = aliases()
>>> table.loc[table["variant"] == "Djiugashvill", ["canonical", "citations"]].values.tolist()
[['Dzhugashvili', 'tarov-1936-escape:117']]
>>> apply_aliases(["zinovicv", "and", "karnenev"])
['zinoviev', 'and', 'kamenev']
"""
from __future__ import annotations

from ..errors import ArgumentTypeError, DataFileError
from ..strings.words import as_words
from .datafiles import read_data

ALIAS_FILE = "aliases.csv"
COLUMNS = ("variant", "canonical", "kind", "citations", "note")


def aliases():
    """Return the alias table as a DataFrame, one row per variant spelling, in file order.

    >>> list(aliases().columns)
    ['variant', 'canonical', 'kind', 'citations', 'note']
    """
    table = read_data(ALIAS_FILE)
    missing = [column for column in COLUMNS if column not in table.columns]
    if missing:
        raise DataFileError(f"{ALIAS_FILE} lacks the columns {missing}")
    return table[list(COLUMNS)]


def alias_map(kinds=None) -> dict[str, str]:
    """Return ``{variant: canonical}`` in lower case, as tokens from ``lower=True`` spell them.

    ``kinds`` keeps only rows of those kinds (for instance ``{"OCR"}``).

    >>> alias_map()["verkhni-uralsk"]
    'verkhne-uralsk'
    >>> sorted(alias_map(kinds={"misspelling"}))[:2]
    ['djiugashvill', 'issac']
    """
    table = aliases()
    if kinds is not None:
        table = table[table["kind"].isin(as_words(kinds, "kinds", "alias_map"))]
    return {variant.lower(): canonical.lower() for variant, canonical in zip(table["variant"], table["canonical"])}


def canonical(token: str, mapping: dict | None = None) -> str:
    """Return the form a lower-case token is counted under (the token itself if it has no alias).

    A possessive keeps its ending: ``zinovicv's`` becomes ``zinoviev's``.

    >>> canonical("djugashvili"), canonical("zinovicv's"), canonical("party")
    ('dzhugashvili', "zinoviev's", 'party')
    """
    mapping = alias_map() if mapping is None else mapping
    if token in mapping:
        return mapping[token]
    if token.endswith("'s") and token[:-2] in mapping:
        return mapping[token[:-2]] + "'s"
    return token


def apply_aliases(tokens, mapping: dict | None = None) -> list:
    """Replace every variant by its canonical form, in a list of tokens or of ``(token, line)`` pairs.

    Tokens should be lower case (``pc.tokens(text_id, lower=True)``); line numbers are kept.

    >>> apply_aliases([("djiugashvill", 117), ("stalin", 117)])
    [('dzhugashvili', 117), ('stalin', 117)]
    """
    mapping = alias_map() if mapping is None else mapping
    if isinstance(tokens, str):
        raise ArgumentTypeError("apply_aliases takes a list of tokens, not a string: tokenise first, for example "
                                "pc.tokens(text_id, lower=True, kind='word')")
    out = []
    try:
        for item in tokens:
            if isinstance(item, tuple):
                out.append((canonical(item[0], mapping), *item[1:]))
            else:
                out.append(canonical(item, mapping))
    except TypeError:
        raise ArgumentTypeError(f"apply_aliases takes a list of tokens (or of (token, line) pairs), not "
                                f"{type(tokens).__name__}: for example pc.tokens(text_id, lower=True, "
                                "kind='word')") from None
    return out
