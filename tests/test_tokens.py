"""Tests of the tokeniser (partycorpus.strings.tokenizer) and of pc.tokens: the tokenisation rule and tokens of cleaned texts with their lines."""
import re

import pytest

import partycorpus as pc
from partycorpus.cleaning.pipeline import clean_file as cleaned
from partycorpus.corpus.segments import segment_range
from partycorpus.stats.tokens import token_table, tokens
from partycorpus.strings.tokenizer import is_number, tokenize, tokenize_lines

CARR = "carr-1959-socialism-vol2"
TAROV = "tarov-1936-escape"
THAKOR = "thakor-2023-gulag-opinion"


@pytest.mark.parametrize("text, expected", [
    ("the régime and Stalin’s rôle", ["the", "régime", "and", "Stalin's", "rôle"]),
    ("anti-Trotsky 'quoted' words", ["anti-Trotsky", "quoted", "words"]),
    ("1923-1924, 1,000 and 15·3 per cent", ["1923", "1924", "1,000", "and", "15·3", "per", "cent"]),
    ("Verkhni-Uralsk: 450 men -- no", ["Verkhni-Uralsk", "450", "men", "no"]),
    ("I924 is damage", ["I", "924", "is", "damage"]),
    ("", []),
])
def test_tokenize_rule(text, expected):
    assert tokenize(text) == expected


def test_lower_option_and_number_test():
    assert tokenize("Lenin and LENIN", lower=True) == ["lenin", "and", "lenin"]
    assert is_number("1926") and not is_number("Izhma")


def test_tokenize_lines_keeps_line_numbers_and_filters_kinds():
    rows = [(3, "In 1924 Lenin"), (4, ""), (5, "died, 21 January")]
    assert tokenize_lines(rows) == [("In", 3), ("1924", 3), ("Lenin", 3), ("died", 5), ("21", 5), ("January", 5)]
    assert tokenize_lines(rows, kind="number") == [("1924", 3), ("21", 5)]
    assert [t for t, _ in tokenize_lines(rows, kind="word", lower=True)] == ["in", "lenin", "died", "january"]
    with pytest.raises(ValueError):
        tokenize_lines(rows, kind="digits")


def test_tokens_carry_received_line_numbers_inside_the_body():
    for text_id in pc.text_ids():
        start, end = segment_range(text_id, "body")
        pairs = tokens(text_id)
        assert pairs, text_id
        assert all(start <= line <= end for _, line in pairs)


def test_body_has_fewer_tokens_than_the_raw_file():
    for text_id in pc.text_ids():
        raw_count = len(re.findall(r"\w+", pc.text(text_id)))
        assert len(tokens(text_id)) < raw_count, text_id
        assert len(tokens(text_id)) < len(tokenize(pc.text(text_id))), text_id


def test_body_has_no_boilerplate_or_page_furniture_words():
    thakor = {t for t, _ in tokens(THAKOR)}
    assert "Vivekananda" not in thakor and "Stalin" in thakor
    tarov = [t for t, _ in tokens(TAROV)]
    assert "Marxists" not in tarov and "Archive" not in tarov and "updated" not in tarov
    assert "Editor's" not in tarov                          # the editor's note (line 69) is apart
    carr = {t for t, _ in tokens(CARR)}
    assert "Sobranie" not in {t for t, line in tokens(CARR) if line == 153}
    assert "Dzerzhinsky" in carr


def test_carr_body_excludes_index_footnotes_and_running_heads():
    lines = {line for _, line in tokens(CARR)}
    result = cleaned(CARR)
    assert all(result.stream[line - 1] == "text" for line in lines)
    assert not lines & set(range(20954, 22994))             # index
    assert 108 not in lines and 97 not in lines              # running head, footnote


def test_headings_can_be_left_out():
    with_headings = [t for t, _ in tokens(TAROV)]
    without = [t for t, _ in tokens(TAROV, headings=False)]
    assert "Water" in with_headings and "Water" not in without
    assert len(without) < len(with_headings)


def test_numbers_are_countable_separately():
    numbers = tokens(CARR, kind="number")
    words = tokens(CARR, kind="word")
    assert len(numbers) + len(words) == len(tokens(CARR))
    assert ("1924", 71) in numbers


def test_token_table():
    table = token_table(TAROV)
    assert table.columns.tolist() == ["token", "line", "kind"]
    assert table.iloc[0].tolist() == ["A", 17, "word"]
    assert set(table["kind"]) == {"word", "number"}
