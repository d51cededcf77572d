"""Collocates: the words that keep company with a node word within a window of tokens.

Take every occurrence of the node word and the ``window`` tokens on each side
of it; those positions form the *window* (a position near two occurrences is
counted once). For each other word ``w``:

* ``together`` (O): how often ``w`` stands in the window;
* ``expected`` (E): how often it would stand there if it were spread evenly
  through the text, ``E = f(w) * W / N``, with ``f(w)`` its count in the whole
  text, ``W`` the number of positions in the window and ``N`` the number of
  tokens in the text.

Two association measures are reported:

* **MI**, mutual information (Church & Hanks 1990): ``log2(O / E)``, how many
  times more often than chance, as a binary logarithm. It favours rare words,
  so a minimum ``O`` (``min_count``, default 3) is applied.
* **G2**, log-likelihood (see :mod:`partycorpus.stats.keyness`) of the window against
  the rest of the text: ``a = O``, ``b = f(w) - O``, ``c = W``, ``d = N - W``.
  It favours frequent words that are reliably attracted.

Reference: Kenneth W. Church and Patrick Hanks, "Word Association Norms,
Mutual Information, and Lexicography", *Computational Linguistics* 16.1 (1990).

>>> words = "the exiles wrote to the relief fund and the fund sent aid to the exiles".split()
>>> table = collocates(words, "fund", window=1, min_count=1)
>>> table[["collocate", "together", "total"]].values.tolist()
[['and', 1, 1], ['relief', 1, 1], ['sent', 1, 1], ['the', 1, 4]]
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..errors import ArgumentTypeError, ArgumentValueError, expect
from ..strings.words import as_words
from .keyness import log_likelihood

MEASURES = ("MI", "G2")
COLUMNS = ["collocate", "together", "total", "expected", "MI", "G2"]


def _words(tokens) -> list[str]:
    advice = "tokenise first, for example with pc.tokens(text_id, lower=True, kind='word')"
    if isinstance(tokens, str):
        raise ArgumentTypeError(f"collocates needs a list of tokens, not a string: {advice}")
    try:
        return [item[0] if isinstance(item, tuple) else item for item in tokens]
    except TypeError:
        raise ArgumentTypeError(f"collocates needs a list of tokens, not {type(tokens).__name__}: {advice}") from None


def window_positions(words: list[str], forms: set[str], window: int) -> list[int]:
    """Return the positions within ``window`` tokens of an occurrence of ``forms`` (each once, in order).

    >>> window_positions(["a", "b", "x", "c", "x", "d"], {"x"}, 1)
    [1, 3, 5]
    """
    positions = set()
    for index, word in enumerate(words):
        if word in forms:
            positions.update(range(max(index - window, 0), index))
            positions.update(range(index + 1, min(index + window + 1, len(words))))
    return sorted(p for p in positions if words[p] not in forms)


def collocates(tokens, node, window: int = 5, min_count: int = 3, exclude=(), measure: str = "MI") -> pd.DataFrame:
    """Return the collocates of ``node`` in ``tokens``, strongest first by ``measure`` ("MI" or "G2").

    ``tokens`` is a list of lower-case tokens or of ``(token, line)`` pairs;
    ``node`` a word or a list of forms (``["trotsky", "trotsky's"]``);
    ``exclude`` words not to report (stopwords, say). Only collocates seen at
    least ``min_count`` times in the window are kept. Ties are broken by word.

    >>> words = ["left", "opposition", "was", "the", "left", "of", "the", "party"] * 3
    >>> collocates(words, "opposition", window=1, min_count=2)[["collocate", "together", "MI"]].values.tolist()
    [['was', 3, 2.0], ['left', 3, 1.0]]
    """
    if measure not in MEASURES:
        raise ArgumentValueError(f"measure is one of {MEASURES}, not {measure!r}")
    expect(window, int, "the window (tokens on each side)", "collocates", "window=5")
    if window < 1:
        raise ArgumentValueError(f"window is the number of tokens on each side, 1 or more, such as 5; got {window!r}")
    expect(min_count, int, "min_count", "collocates", "min_count=3")
    words = _words(tokens)
    forms = {word.lower() for word in as_words(node, "the node word", "collocates")}
    positions = window_positions(words, forms, window)
    totals = Counter(words)
    together = Counter(words[p] for p in positions)
    skip = {word.lower() for word in as_words(exclude, "exclude", "collocates", empty_ok=True)}
    chosen = sorted(w for w, n in together.items() if n >= min_count and w not in skip and w not in forms)
    n_tokens, n_window = len(words), len(positions)
    o = np.array([together[w] for w in chosen], dtype=float)
    f = np.array([totals[w] for w in chosen], dtype=float)
    e = f * n_window / n_tokens if n_tokens else f
    table = pd.DataFrame({
        "collocate": chosen,
        "together": o.astype(int),
        "total": f.astype(int),
        "expected": e,
        "MI": np.log2(o / e) if len(chosen) else o,
        "G2": log_likelihood(o, f - o, n_window, n_tokens - n_window) if len(chosen) and n_window < n_tokens else o * 0,
    }, columns=COLUMNS)
    return table.sort_values([measure, "collocate"], ascending=[False, True], kind="stable").reset_index(drop=True)
