"""Tests of pc.collocates (MI and G2 in a window) and pc.stopwords (our own list)."""
import math
from importlib import resources

import pytest

import partycorpus as pc
from partycorpus.stats.collocates import collocates, window_positions
from partycorpus.stats.keyness import log_likelihood
from partycorpus.coursedata.stopwords import stopwords_note, stopwords


def test_mi_by_hand():
    # 8 tokens, node "opposition" at positions 1 and 5, window 1: window positions 0, 2, 4, 6 (W = 4).
    words = ["left", "opposition", "was", "weak", "left", "opposition", "grew", "strong"]
    assert window_positions(words, {"opposition"}, 1) == [0, 2, 4, 6]
    table = collocates(words, "opposition", window=1, min_count=1).set_index("collocate")
    # "left": O = 2 (positions 0 and 4), f = 2, E = f * W / N = 2 * 4 / 8 = 1, MI = log2(2 / 1) = 1.
    assert table.loc["left", "together"] == 2 and table.loc["left", "expected"] == pytest.approx(1.0)
    assert table.loc["left", "MI"] == pytest.approx(1.0)
    # "was": O = 1, f = 1, E = 0.5, MI = log2(2) = 1; G2 = window (4 tokens) against the rest (4 tokens).
    assert table.loc["was", "MI"] == pytest.approx(1.0)
    assert table.loc["was", "G2"] == pytest.approx(log_likelihood(1, 0, 4, 4))
    assert "weak" not in table.index and "opposition" not in table.index


def test_min_count_exclude_measure_and_order():
    words = ("the party of the left opposition and the party of the right " * 4).split()
    mi = collocates(words, "opposition", window=2, min_count=4)
    assert set(mi["collocate"]) == {"the", "left", "and"}
    assert "the" not in set(collocates(words, "opposition", window=2, min_count=4, exclude={"the"})["collocate"])
    mis = mi["MI"].to_numpy()
    assert (mis[:-1] >= mis[1:]).all()
    g2 = collocates(words, "opposition", window=2, min_count=4, measure="G2")["G2"].to_numpy()
    assert (g2[:-1] >= g2[1:]).all()
    with pytest.raises(ValueError):
        collocates(words, "opposition", measure="t-score")
    with pytest.raises(TypeError):
        collocates("the party of the left", "party")


def test_on_carr_socialism_keeps_company_with_one_country():
    pairs = pc.tokens("carr-1959-socialism-vol2", lower=True, kind="word")
    table = collocates(pairs, "socialism", window=5, min_count=3, exclude=stopwords(), measure="G2")
    assert table["collocate"].head(3).tolist() == ["country", "one", "building"]
    row = table.set_index("collocate").loc["country"]
    assert row["MI"] == pytest.approx(math.log2(row["together"] / row["expected"]))


def test_stopword_file_is_our_own_list_with_its_note():
    text = resources.files("partycorpus").joinpath("data", "stopwords.txt").read_text(encoding="utf-8")
    words = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert len(words) == len(set(words)), "a word is listed twice"
    assert all(w == w.lower() and " " not in w for w in words)
    assert set(words) == stopwords()
    note = stopwords_note()
    assert "written by hand for this course" in note and "deliberately omits" in note


def test_stopwords_keep_what_the_note_says_they_keep():
    stop = stopwords()
    for word in ["not", "no", "never", "must", "should", "party", "comrade", "opposition", "one", "first", "ibid"]:
        assert word not in stop, word
    for word in ["the", "of", "and", "i", "we", "was"]:
        assert word in stop, word
    assert "we" not in stopwords(keep={"i", "we"}) and "i" not in stopwords(keep=["I"])
    assert "ibid" in stopwords(add="ibid") and "ibid" not in stopwords()
