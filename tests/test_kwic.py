"""Tests of pc.kwic (partycorpus.stats.kwic): one row per occurrence, every row cited by a line that holds the keyword."""
import re

import pytest

import partycorpus as pc
from partycorpus.stats.kwic import COLUMNS, format_kwic, kwic, kwic_in_lines, show_kwic

CARR = "carr-1959-socialism-vol2"
TAROV = "tarov-1936-escape"
THAKOR = "thakor-2023-gulag-opinion"


def occurrences(text_id, forms):
    return [line for word, line in pc.tokens(text_id, lower=True) if word in forms]


@pytest.mark.parametrize("text_id, keyword", [
    (TAROV, "hunger"), (TAROV, ["comrade", "comrades"]), (THAKOR, "counter-revolution"), (THAKOR, "stalin"),
    (CARR, "opposition"), (CARR, ["trotsky", "trotsky's"]), ("web-undated-stalin-trotsky", "koba"),
    ("izhma-1926-exile-report", "drozdov"),
])
def test_one_row_per_token_and_every_citation_holds_the_keyword(text_id, keyword):
    forms = {keyword} if isinstance(keyword, str) else set(keyword)
    rows = kwic(text_id, keyword)
    assert list(rows.columns) == COLUMNS
    assert len(rows) == len(occurrences(text_id, forms)) > 0
    cleaned = dict(pc.body(text_id).lines)
    received = pc.lines(text_id)  # once: pc.quote re-splits the whole file at every call
    lines = []
    assert pc.parse_citation(rows["citation"].iloc[0])[0] == text_id
    for row in rows.itertuples():
        cited_id, _, number = row.citation.rpartition(":")  # parse_citation re-reads the file: too slow for 400 rows
        first = int(number)
        assert cited_id == text_id and 1 <= first <= len(received)
        assert row.keyword.replace("’", "'").lower() in forms
        assert row.keyword in cleaned[first], row.citation
        if cleaned[first] == received[first - 1]:  # where cleaning changed nothing, the received line holds it
            assert row.keyword in received[first - 1], row.citation
        lines.append(first)
    assert lines == occurrences(text_id, forms)  # in text order, with the lines of pc.tokens


def test_context_is_at_most_the_window_and_runs_over_line_ends():
    rows = kwic(CARR, "komsomol", window=4)
    for row in rows.itertuples():
        assert len(pc.tokenize(row.left)) <= 4 and len(pc.tokenize(row.right)) <= 4
    # Carr's lines are printed lines: a keyword at the start of one has its left context on the line before.
    received = pc.lines(CARR)
    first_on_line = [r for r in rows.itertuples()
                     if received[int(r.citation.rpartition(":")[2]) - 1].lstrip().lower().startswith("komsomol")
                     and r.left]
    assert first_on_line, "expected a keyword at the start of a printed line"


def test_context_keeps_punctuation_and_the_received_spelling():
    rows = kwic(TAROV, "djiugashvill", window=3)
    assert rows.values.tolist() == [["one of “theirs”,", "Djiugashvill", "(Stalin), is in", "tarov-1936-escape:117"]]


def test_the_body_leaves_out_boilerplate_and_notes():
    assert kwic(THAKOR, "milk").empty
    assert kwic(THAKOR, "milk", segment="news-teasers").shape[0] == 6
    assert kwic(TAROV, "jugoslavia").empty  # in the editor's note, tarov-1936-escape:69, not Tarov's words
    assert kwic(TAROV, "hunger", headings=False).shape[0] == kwic(TAROV, "hunger").shape[0] - 1


def test_window_zero_and_no_match():
    rows = kwic_in_lines([(1, "Exile, exile and EXILE.")], "exile", window=0, label="demo")
    assert rows["keyword"].tolist() == ["Exile", "exile", "EXILE"]
    assert set(rows["left"]) == set(rows["right"]) == {""}
    empty = kwic_in_lines([(1, "nothing here")], "exile")
    assert list(empty.columns) == COLUMNS and empty.empty
    assert format_kwic(empty) == "(no occurrences)"


def test_format_aligns_keywords_and_cuts_long_contexts(capsys):
    rows = kwic(TAROV, "solitary", window=8)
    text = format_kwic(rows, width=20)
    lines = text.splitlines()
    assert len(lines) == len(rows)
    starts = {line.index(keyword) for line, keyword in zip(lines, rows["keyword"])}
    assert len(starts) == 1, "the keywords should stand in one column"
    assert all(len(re.split(r"\s{2,}", line)[0]) <= 20 for line in lines)
    show_kwic(rows, width=20)
    assert capsys.readouterr().out == text + "\n"


@pytest.mark.parametrize("keyword, error", [("", ValueError), (3, TypeError), ([], ValueError), (None, TypeError)])
def test_bad_keywords_say_what_a_keyword_is(keyword, error):
    with pytest.raises(error, match="word"):
        kwic(TAROV, keyword)


def test_unknown_text_is_reported_first():
    with pytest.raises(pc.UnknownTextError):
        kwic("tarov", "hunger")
    with pytest.raises(TypeError):
        format_kwic("not a table")
