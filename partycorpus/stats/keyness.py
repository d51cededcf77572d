"""Keyness: which words are more (or less) frequent in a target text than in a reference corpus.

For one word, with

* ``a`` its count in the target and ``b`` its count in the reference,
* ``c`` the number of tokens in the target and ``d`` in the reference,

the counts we would expect if the word were as frequent in both are
``E1 = c * (a + b) / (c + d)`` and ``E2 = d * (a + b) / (c + d)``.

**Log-likelihood** (G2; Dunning 1993, in the two-term form of Rayson & Garside
2000 that Wmatrix and AntConc's keyword lists report)::

    G2 = 2 * (a * ln(a / E1) + b * ln(b / E2))

with ``0 * ln(0) = 0``, so a word absent from one side still has a value. G2
says how surprising the difference is if both texts were random samples from
one population (3.84 for p < 0.05, 6.63 for p < 0.01, 10.83 for p < 0.001,
15.13 for p < 0.0001, with one degree of freedom). It grows with the amount of
text, so it measures evidence, not size.

**Log ratio** (Hardie 2014) is the effect size: how many times more frequent,
as a binary logarithm::

    log_ratio = log2((a / c) / (b / d))

1 means twice as frequent in the target, -1 half as frequent, 0 equally
frequent. A zero count is replaced by 0.5 so that the ratio stays finite (a
word absent from the reference gets a large value that depends on that choice).

References: Ted Dunning, "Accurate Methods for the Statistics of Surprise and
Coincidence", *Computational Linguistics* 19.1 (1993); Paul Rayson and Roger
Garside, "Comparing Corpora using Frequency Profiling", *Proceedings of the
Workshop on Comparing Corpora* (ACL, 2000); Andrew Hardie, "Log Ratio: an
informal introduction" (ESRC Centre for Corpus Approaches to Social Science,
2014).

>>> round(log_likelihood(10, 20, 1000, 10000), 2)
13.58
>>> round(log_ratio(10, 20, 1000, 10000), 3)
2.322
>>> table = keyness({"exile": 10, "the": 50}, {"exile": 20, "the": 600})
>>> table[["word", "target", "reference"]].values.tolist()
[['exile', 10, 20], ['the', 50, 600]]
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..errors import ArgumentTypeError, ArgumentValueError, expect

#: Critical values of G2 (chi-square, one degree of freedom) and the p-values they stand for.
CRITICAL_VALUES = {3.84: 0.05, 6.63: 0.01, 10.83: 0.001, 15.13: 0.0001}
#: The count that stands in for zero in the log ratio (Hardie 2014).
ZERO = 0.5

COLUMNS = ["word", "target", "reference", "target_per_1000", "reference_per_1000",
           "expected_target", "expected_reference", "G2", "log_ratio"]


def _xlogy(x, y):
    """x * ln(y) with 0 * ln(anything) = 0."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, x * np.log(np.where(x > 0, y, 1.0)), 0.0)


def _check_sizes(a, b, c, d):
    try:
        a, b, c, d = (np.asarray(v, dtype=float) for v in (a, b, c, d))
    except (TypeError, ValueError):
        raise ArgumentTypeError("the counts a, b, c and d are numbers (or arrays of numbers): a and b the word's "
                                "counts in target and reference, c and d their sizes in tokens; for example "
                                "pc.log_likelihood(10, 20, 1000, 10000)") from None
    if np.any(c <= 0) or np.any(d <= 0):
        raise ArgumentValueError("the target and the reference need at least one token each (c and d must be positive)")
    if np.any(a < 0) or np.any(b < 0) or np.any(a > c) or np.any(b > d):
        raise ArgumentValueError("a count is negative or larger than its text: a must lie between 0 and c, b between 0 and d")
    return a, b, c, d


def _scalar(value):
    return float(value) if np.ndim(value) == 0 else value


def expected(a, b, c, d):
    """Return the expected counts (E1, E2) of a word in target and reference.

    >>> [round(e, 3) for e in expected(10, 20, 1000, 10000)]
    [2.727, 27.273]
    """
    a, b, c, d = _check_sizes(a, b, c, d)
    total = (a + b) / (c + d)
    return _scalar(c * total), _scalar(d * total)


def log_likelihood(a, b, c, d):
    """Return G2 for counts ``a`` (target) and ``b`` (reference) in texts of ``c`` and ``d`` tokens.

    Works on numbers or on NumPy arrays of counts (one value per word).

    >>> log_likelihood(0, 0, 10, 10)
    0.0
    >>> round(log_likelihood(5, 0, 1000, 1000), 3)  # a word absent from the reference
    6.931
    """
    a, b, c, d = _check_sizes(a, b, c, d)
    e1, e2 = expected(a, b, c, d)
    return _scalar(2 * (_xlogy(a, a / np.where(e1 > 0, e1, 1)) + _xlogy(b, b / np.where(e2 > 0, e2, 1))))


def log_ratio(a, b, c, d, zero: float = ZERO):
    """Return the log ratio (binary log of the ratio of relative frequencies); zero counts become ``zero``.

    >>> log_ratio(10, 10, 1000, 1000)
    0.0
    >>> log_ratio(4, 0, 1000, 1000)  # 4 against the stand-in 0.5: 2 ** 3 times
    3.0
    """
    a, b, c, d = _check_sizes(a, b, c, d)
    a = np.where(a == 0, zero, a)
    b = np.where(b == 0, zero, b)
    return _scalar(np.log2((a / c) / (b / d)))


def _counts(tokens, name: str) -> Counter:
    if isinstance(tokens, Mapping):
        counts = Counter({str(k): int(v) for k, v in tokens.items() if v})
    elif isinstance(tokens, str):
        raise ArgumentTypeError(f"the {name} is a list of tokens or a Counter of them, not a string: "
                                "tokenise it first, for example with pc.tokens(text_id, lower=True, kind='word')")
    else:
        try:
            counts = Counter(item[0] if isinstance(item, tuple) else item for item in tokens)
        except TypeError:
            raise ArgumentTypeError(f"the {name} is a list of tokens or a Counter of them, not "
                                    f"{type(tokens).__name__}: for example pc.tokens(text_id, lower=True, "
                                    "kind='word')") from None
    if not counts:
        raise ArgumentValueError(f"the {name} has no tokens")
    return counts


def keyness(target, reference, min_count: int = 1) -> pd.DataFrame:
    """Return the keyness table of every word of target and reference, most key first.

    ``target`` and ``reference`` are Counters (or dicts) of word counts, or
    lists of tokens or of ``(token, line)`` pairs. Words whose count in both
    together is below ``min_count`` are left out (their sizes still count).

    Columns: ``word``, ``target`` and ``reference`` (counts, ``a`` and ``b``),
    ``target_per_1000`` and ``reference_per_1000`` (relative frequencies),
    ``expected_target`` and ``expected_reference`` (E1, E2), ``G2`` and
    ``log_ratio``. A positive log ratio marks a word more frequent in the
    target ("overused"), a negative one a word more frequent in the reference.
    Rows are sorted by G2, largest first; ties by word.

    >>> target = ["gulag"] * 3 + ["the"] * 20
    >>> reference = ["the"] * 60 + ["congress"] * 20
    >>> keyness(target, reference)[["word", "target", "reference", "G2", "log_ratio"]].round(2).values.tolist()
    [['congress', 0, 20, 10.11, -3.52], ['gulag', 3, 0, 9.0, 4.38], ['the', 20, 60, 0.32, 0.21]]
    """
    expect(min_count, int, "min_count", "keyness", "min_count=5")
    a_counts = _counts(target, "target")
    b_counts = _counts(reference, "reference")
    c = sum(a_counts.values())
    d = sum(b_counts.values())
    words = sorted(w for w in set(a_counts) | set(b_counts) if a_counts[w] + b_counts[w] >= min_count)
    a = np.array([a_counts[w] for w in words], dtype=float)
    b = np.array([b_counts[w] for w in words], dtype=float)
    e1, e2 = expected(a, b, c, d)
    table = pd.DataFrame({
        "word": words,
        "target": a.astype(int),
        "reference": b.astype(int),
        "target_per_1000": a / c * 1000,
        "reference_per_1000": b / d * 1000,
        "expected_target": e1,
        "expected_reference": e2,
        "G2": log_likelihood(a, b, c, d),
        "log_ratio": log_ratio(a, b, c, d),
    }, columns=COLUMNS)
    return table.sort_values(["G2", "word"], ascending=[False, True], kind="stable").reset_index(drop=True)
