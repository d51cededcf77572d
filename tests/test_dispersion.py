"""Tests of pc.dispersion (partycorpus.stats.dispersion): the names x chapters matrix of Carr's book, counts and rates."""
from collections import Counter

import pytest

import partycorpus as pc
from partycorpus.coursedata.aliases import apply_aliases
from partycorpus.stats.dispersion import LEADERS, chapter_words, dispersion, name_counts

CARR = "carr-1959-socialism-vol2"


@pytest.fixture(scope="module")
def counts():
    return dispersion(CARR)


def test_shape_rows_and_columns(counts):
    assert list(counts.index) == list(LEADERS)
    assert list(counts.columns) == list(range(11, 25)) == pc.chapters(CARR)["number"].tolist()
    assert (counts >= 0).all().all() and counts.to_numpy().dtype.kind == "i"


def test_chapters_add_up_to_the_body(counts):
    # The body is the chapters plus the title page of Part III (lines 59-61), which names nobody.
    body = Counter(w[:-2] if w.endswith("'s") else w
                   for w, _ in apply_aliases(pc.tokens(CARR, lower=True, kind="word")))
    for name in LEADERS:
        assert counts.loc[name].sum() == body[name], name
    part_title = [w for w, line in pc.tokens(CARR, kind="word") if 59 <= line <= 61]
    assert chapter_words(CARR).sum() + len(part_title) == len(pc.tokens(CARR, kind="word"))


def test_each_cell_counts_the_chapter_by_hand(counts):
    # Chapter 17, The Fourteenth Congress: count Kamenev directly in the chapter's cleaned text.
    words = apply_aliases([w for w, _ in pc.chapter(CARR, 17).tokens(lower=True, kind="word")])
    assert counts.loc["kamenev", 17] == sum(1 for w in words if w in ("kamenev", "kamenev's"))
    assert counts.loc["kamenev", 17] == 32


def test_rates_are_counts_per_chapter_size(counts):
    rates = dispersion(CARR, per=10_000)
    sizes = chapter_words(CARR)
    assert rates.loc["trotsky", 11] == pytest.approx(counts.loc["trotsky", 11] / sizes[11] * 10_000)
    assert rates.loc["kamenev"].idxmax() == 17 and counts.loc["kamenev"].idxmax() == 11  # rates and counts disagree
    assert (dispersion(CARR, per=1000) * 10 - rates).abs().max().max() == pytest.approx(0)


def test_part_iv_hardly_names_the_leaders_except_trotsky_in_the_red_army(counts):
    part_iv = counts.loc[:, 20:24]
    assert part_iv.drop(columns=23).sum().sum() < 0.05 * counts.sum().sum()
    assert counts.loc["trotsky", 23] == part_iv.loc["trotsky"].sum() > 50


def test_aliases_and_possessives_count_derived_words_do_not():
    assert name_counts(["zinovicv", "zinoviev's", "zinovievite", "anti-zinoviev"], ["zinoviev"])["zinoviev"] == 2
    assert name_counts(["zinovicv"], ["zinoviev"], aliases=False)["zinoviev"] == 0
    plain = dispersion(CARR, names=["zinoviev"], aliases=False)
    assert (plain.loc["zinoviev"] <= dispersion(CARR, names=["zinoviev"]).loc["zinoviev"]).all()
    assert plain.loc["zinoviev"].sum() < dispersion(CARR, names=["zinoviev"]).loc["zinoviev"].sum()


def test_names_in_any_case_and_order():
    table = dispersion(CARR, names=["Stalin", "bukharin"])
    assert list(table.index) == ["stalin", "bukharin"]
    assert table.loc["stalin"].equals(dispersion(CARR, names="stalin").loc["stalin"])


def test_a_text_without_chapters_is_explained():
    with pytest.raises(ValueError, match="no chapters"):
        dispersion("tarov-1936-escape")
    with pytest.raises(pc.UnknownTextError):
        dispersion("carr")
