"""Dispersion: how the mentions of names spread over the chapters of a book.

:func:`dispersion` returns a names x chapters matrix: the count of each name
in the cleaned text of each chapter (footnotes left out), or its rate per
``per`` words. A name is counted with its possessive (``Trotsky`` and
``Trotsky's``) after spelling variants are folded with the alias table
(:mod:`partycorpus.coursedata.aliases`: ``Zinovicv`` counts as ``Zinoviev``). Derived
words are not the name: ``Trotskyism``, ``Stalinist`` and ``anti-Trotsky`` are
not counted.

>>> counts = dispersion("carr-1959-socialism-vol2", names=["kamenev"])
>>> int(counts.loc["kamenev", 17])
32
>>> rates = dispersion("carr-1959-socialism-vol2", names=["kamenev"], per=10_000)
>>> round(float(rates.loc["kamenev", 17]), 1)
46.8
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from ..cleaning.views import view
from ..corpus.catalogue import check_text_id
from ..corpus.segments import chapter_table
from ..coursedata.aliases import alias_map, canonical
from ..errors import ArgumentTypeError, ArgumentValueError, expect
from ..strings.words import as_words
#: The five leaders whose mentions lesson 06 follows through Carr's chapters.
LEADERS = ("trotsky", "zinoviev", "kamenev", "bukharin", "stalin")


def name_counts(tokens, names, aliases: bool = True) -> Counter:
    """Count each name in a list of lower-case tokens (or ``(token, line)`` pairs), possessives included.

    >>> name_counts(["trotsky's", "trotskyism", "zinovicv", "trotsky"], ["trotsky", "zinoviev"])
    Counter({'trotsky': 2, 'zinoviev': 1})
    """
    mapping = alias_map() if aliases else {}
    wanted = [n.lower() for n in as_words(names, "names", "name_counts")]
    found = Counter({n: 0 for n in wanted})
    if isinstance(tokens, str):
        raise ArgumentTypeError("name_counts counts a list of tokens, not a string: tokenise first, for example "
                                "pc.tokens(text_id, lower=True, kind='word')")
    try:
        for item in tokens:
            word = canonical(item[0] if isinstance(item, tuple) else item, mapping)
            if word.endswith("'s"):
                word = word[:-2]
            if word in found:
                found[word] += 1
    except (TypeError, AttributeError):
        raise ArgumentTypeError(f"name_counts counts a list of tokens (or of (token, line) pairs), not "
                                f"{type(tokens).__name__}: for example pc.tokens(text_id, lower=True, "
                                "kind='word')") from None
    return found


def _chapter_tokens(checked_id: str) -> dict[int, list[str]]:
    """The lower-case word tokens of each chapter's cleaned text, by chapter number."""
    table = chapter_table(checked_id)
    if table.empty:
        raise ArgumentValueError(f"{checked_id} has no chapters in source_texts/segments.csv; dispersion over "
                                 "chapters works on a book with chapter rows (kind 'chapter' in segments.csv)")
    return {int(row.number): [w for w, _ in view(checked_id, row.segment).tokens(lower=True, kind="word")]
            for row in table.itertuples()}


def chapter_words(text_id: str) -> pd.Series:
    """Return the number of word tokens in each chapter's cleaned text (footnotes left out), by chapter number.

    >>> chapter_words("carr-1959-socialism-vol2").loc[[11, 24]].tolist()
    [10323, 10302]
    """
    text_id = check_text_id(text_id)
    sizes = {number: len(words) for number, words in _chapter_tokens(text_id).items()}
    return pd.Series(sizes, name="words").rename_axis("chapter")


def dispersion(text_id: str, names=LEADERS, per: int | None = None, aliases: bool = True) -> pd.DataFrame:
    """Return a names x chapters table: counts, or rates per ``per`` words when ``per`` is given.

    Rows are the names in the order given; columns the chapter numbers.

    >>> dispersion("carr-1959-socialism-vol2", names=["trotsky", "stalin"]).loc[:, [11, 24]]
    chapter   11  24
    name
    trotsky  178   0
    stalin    36   0
    """
    text_id = check_text_id(text_id)
    wanted = [n.lower() for n in as_words(names, "names", "dispersion")]
    if per is not None:
        expect(per, (int, float), "per", "dispersion", "per=10_000")
    by_chapter = _chapter_tokens(text_id)
    columns = {}
    for number, words in by_chapter.items():
        counts = name_counts(words, wanted, aliases)
        columns[number] = [counts[n] for n in wanted]
    matrix = pd.DataFrame(columns, index=pd.Index(wanted, name="name")).rename_axis(columns="chapter")
    if per is None:
        return matrix
    sizes = pd.Series({number: len(words) for number, words in by_chapter.items()})
    return matrix / sizes * per
