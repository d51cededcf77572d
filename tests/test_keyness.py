"""Tests of pc.keyness (partycorpus.stats.keyness): log-likelihood (G2) and log ratio, by hand, independently, and on the corpus."""
import math
from collections import Counter

import numpy as np
import pytest

import partycorpus as pc
from partycorpus.stats.keyness import CRITICAL_VALUES, expected, keyness, log_likelihood, log_ratio

CARR = "carr-1959-socialism-vol2"
THAKOR = "thakor-2023-gulag-opinion"


# A word occurs a = 10 times in a target of c = 1,000 tokens and b = 20 times in a reference of d = 10,000 tokens.
#
#   N = c + d = 11,000 tokens, a + b = 30 occurrences in all.
#   E1 = c * (a + b) / N = 1,000 * 30 / 11,000 = 2.727273   (expected in the target)
#   E2 = d * (a + b) / N = 10,000 * 30 / 11,000 = 27.272727  (expected in the reference)
#   a * ln(a / E1) = 10 * ln(10 / 2.727273) = 10 * ln(3.666667) = 10 * 1.299283 = 12.992830
#   b * ln(b / E2) = 20 * ln(20 / 27.272727) = 20 * ln(0.733333) = 20 * -0.310155 = -6.203099
#   G2 = 2 * (12.992830 - 6.203099) = 2 * 6.789731 = 13.579463
#
#   log ratio = log2((a / c) / (b / d)) = log2(0.01 / 0.002) = log2(5) = 2.321928
#
# 13.58 is above 10.83, the critical value for p < 0.001: a difference this large would be very rare if both texts
# were samples of one population; the word is 5 times (2 ** 2.32) as frequent in the target.
HAND = dict(a=10, b=20, c=1000, d=10000, e1=2.727273, e2=27.272727, g2=13.579463, lr=2.321928)


def test_hand_computed_example():
    e1, e2 = expected(HAND["a"], HAND["b"], HAND["c"], HAND["d"])
    assert e1 == pytest.approx(HAND["e1"], abs=1e-6)
    assert e2 == pytest.approx(HAND["e2"], abs=1e-6)
    assert log_likelihood(HAND["a"], HAND["b"], HAND["c"], HAND["d"]) == pytest.approx(HAND["g2"], abs=1e-6)
    assert log_ratio(HAND["a"], HAND["b"], HAND["c"], HAND["d"]) == pytest.approx(HAND["lr"], abs=1e-6)
    assert HAND["g2"] > 10.83 and CRITICAL_VALUES[10.83] == 0.001


def test_hand_computed_zero_counts():
    # a = 5 in 1,000 tokens, b = 0 in 1,000: E1 = E2 = 2.5; G2 = 2 * (5 * ln(5 / 2.5) + 0) = 10 * ln 2 = 6.931472.
    assert log_likelihood(5, 0, 1000, 1000) == pytest.approx(10 * math.log(2))
    assert log_likelihood(0, 5, 1000, 1000) == pytest.approx(10 * math.log(2))
    # Log ratio with 0.5 standing in for the zero: log2((5 / 1000) / (0.5 / 1000)) = log2(10) = 3.321928.
    assert log_ratio(5, 0, 1000, 1000) == pytest.approx(math.log2(10))
    assert log_ratio(0, 5, 1000, 1000) == pytest.approx(-math.log2(10))
    assert log_likelihood(0, 0, 1000, 1000) == 0.0
    assert math.isfinite(log_likelihood(0, 7, 3593, 136997))


def test_symmetry_and_equal_rates():
    assert log_likelihood(10, 20, 1000, 10000) == pytest.approx(log_likelihood(20, 10, 10000, 1000))
    assert log_ratio(10, 20, 1000, 10000) == pytest.approx(-log_ratio(20, 10, 10000, 1000))
    assert log_likelihood(3, 30, 100, 1000) == pytest.approx(0.0, abs=1e-12)  # same rate: no evidence
    assert log_ratio(3, 30, 100, 1000) == pytest.approx(0.0, abs=1e-12)


def test_vectorised_equals_scalar():
    a, b = np.array([10, 0, 5, 3]), np.array([20, 5, 0, 30])
    vector = log_likelihood(a, b, 1000, 10000)
    assert [float(v) for v in vector] == pytest.approx([log_likelihood(x, y, 1000, 10000) for x, y in zip(a, b)])


@pytest.mark.parametrize("args", [(1, 1, 0, 10), (1, 1, 10, 0), (-1, 1, 10, 10), (11, 1, 10, 10)])
def test_impossible_counts_are_refused(args):
    with pytest.raises(ValueError):
        log_likelihood(*args)


def full_table_terms(a, b, c, d):
    """The four cells of the 2 x 2 contingency table, each O * ln(O / E), computed from scratch with NumPy.

    Rows: the word, every other word; columns: target, reference. E = row total * column total / N.
    """
    observed = np.array([[a, b], [c - a, d - b]], dtype=float)
    expected_cells = observed.sum(axis=1, keepdims=True) * observed.sum(axis=0, keepdims=True) / observed.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected_cells), 0.0)
    return terms


def corpus_counts():
    target = Counter(w for w, _ in pc.tokens(THAKOR, lower=True, kind="word"))
    reference = Counter(w for w, _ in pc.tokens(CARR, lower=True, kind="word"))
    return target, reference


def test_two_term_formula_is_the_word_row_of_the_full_contingency_table():
    target, reference = corpus_counts()
    c, d = sum(target.values()), sum(reference.values())
    table = keyness(target, reference).head(200)
    for row in table.itertuples():
        terms = full_table_terms(row.target, row.reference, c, d)
        assert row.G2 == pytest.approx(2 * terms[0].sum(), rel=1e-9, abs=1e-9), row.word


def test_two_term_formula_is_close_to_dunnings_full_table_for_rare_words():
    # The other-words row adds only a second-order correction while a word is a small share of both texts.
    target, reference = corpus_counts()
    c, d = sum(target.values()), sum(reference.values())
    table = keyness(target, reference)
    rare = table[(table["target"] / c < 0.01) & (table["reference"] / d < 0.01) & (table["G2"] > 3.84)]
    assert len(rare) > 50
    for row in rare.itertuples():
        full = 2 * full_table_terms(row.target, row.reference, c, d).sum()
        assert row.G2 == pytest.approx(full, rel=0.02), row.word


def test_table_against_an_independent_pure_python_computation():
    target, reference = corpus_counts()
    c, d = sum(target.values()), sum(reference.values())
    table = keyness(target, reference)
    assert len(table) == len(set(target) | set(reference))
    by_word = table.set_index("word")
    for word in ["stalin", "percent", "counter-revolution", "congress", "the", "gulags", "party"]:
        a, b = target[word], reference[word]
        e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
        g2 = 2 * ((a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0))
        lr = math.log2(((a or 0.5) / c) / ((b or 0.5) / d))
        row = by_word.loc[word]
        assert (row["target"], row["reference"]) == (a, b)
        assert row["G2"] == pytest.approx(g2) and row["log_ratio"] == pytest.approx(lr), word
        assert row["target_per_1000"] == pytest.approx(a / c * 1000)


def test_table_is_sorted_by_g2_then_word_and_has_the_documented_columns():
    target, reference = corpus_counts()
    table = keyness(target, reference)
    assert list(table.columns) == ["word", "target", "reference", "target_per_1000", "reference_per_1000",
                                   "expected_target", "expected_reference", "G2", "log_ratio"]
    g2 = table["G2"].to_numpy()
    assert (g2[:-1] >= g2[1:]).all()
    ties = table[table.duplicated("G2", keep=False)]
    for _, group in ties.groupby("G2", sort=False):
        assert list(group["word"]) == sorted(group["word"])
    overused = table[table["log_ratio"] > 0]
    assert overused.iloc[0]["word"] == "stalin"  # the opinion piece's top keyword against Carr


def test_inputs_as_counters_token_lists_and_pairs_agree():
    pairs = pc.tokens("izhma-1926-exile-report", lower=True, kind="word")
    words = [w for w, _ in pairs]
    reference = Counter(w for w, _ in pc.tokens("tarov-1936-escape", lower=True, kind="word"))
    one = keyness(Counter(words), reference)
    assert one.equals(keyness(words, reference))
    assert one.equals(keyness(pairs, reference))
    assert one.equals(keyness(dict(Counter(words)), dict(reference)))


def test_min_count_leaves_words_out_but_keeps_sizes():
    table = keyness(["a", "a", "b"], ["a", "c", "c", "c"], min_count=2)
    assert sorted(table["word"]) == ["a", "c"]
    assert table.set_index("word").loc["a", "target_per_1000"] == pytest.approx(2 / 3 * 1000)


def test_bad_inputs_say_what_to_do():
    with pytest.raises(TypeError, match="tokenise it first"):
        keyness("the text itself", ["a"])
    with pytest.raises(ValueError, match="no tokens"):
        keyness([], ["a"])
