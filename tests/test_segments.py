"""Tests of the segment table (source_texts/segments.csv) and of partycorpus.corpus.segments."""
import re
import shutil

import pandas as pd
import pytest

import partycorpus as pc
from partycorpus import clean
from partycorpus.corpus import catalogue as corpus
from partycorpus.corpus.segments import (
    APART_KINDS, KINDS, UnknownSegmentError, chapters, check_segments, segment_lines,
    segment_range, all_segments, segments,
)

CARR = "carr-1959-socialism-vol2"
TAROV = "tarov-1936-escape"
THAKOR = "thakor-2023-gulag-opinion"
IZHMA = "izhma-1926-exile-report"
WEB = "web-undated-stalin-trotsky"

CHAPTERS = {
    11: (67, "LESSONS OF OCTOBER"),
    12: (1515, "SOCIALISM IN ONE COUNTRY"),
    13: (2215, "THE RIFT IN THE TRIUMVIRATE"),
    14: (3281, "THE DEBATE ABOUT LITERATURE"),
    15: (3809, "THE KOMSOMOL"),
    16: (4702, "MANŒUVRING FOR POSITION"),
    17: (5769, "THE FOURTEENTH CONGRESS"),
    18: (6716, "NEW ALIGNMENTS"),
    19: (7799, "THE MONOLITHIC PARTY"),
    20: (10088, "THE UNION AND THE REPUBLICS"),
    21: (11937, "REGIONALIZATION"),
    22: (13342, "REVITALIZING THE SOVIETS"),
    23: (16455, "THE RED ARMY"),
    24: (18609, "ORDER AND SECURITY"),
}


def test_the_table_has_no_problems():
    assert check_segments() == []


def test_every_range_lies_inside_its_file_and_every_kind_is_known():
    table = all_segments()
    assert set(table["kind"]) <= set(KINDS)
    for row in table.itertuples(index=False):
        assert 1 <= row.start <= row.end <= len(pc.lines(row.text_id)), row.segment


def test_ranges_nest_or_are_disjoint():
    for text_id, rows in all_segments().groupby("text_id"):
        spans = list(zip(rows["start"], rows["end"], rows["segment"]))
        for i, (a, b, name) in enumerate(spans):
            for c, d, other in spans[i + 1:]:
                assert b < c or d < a or (a <= c and d <= b) or (c <= a and b <= d), (text_id, name, other)


def test_every_text_has_a_body():
    for text_id in pc.text_ids():
        start, end = segment_range(text_id, "body")
        assert 1 <= start <= end <= len(pc.lines(text_id))


def test_carr_has_fourteen_chapters_numbered_11_to_24_with_their_titles():
    table = chapters(CARR)
    assert table["number"].tolist() == list(range(11, 25))
    for row in table.itertuples(index=False):
        start, title = CHAPTERS[row.number]
        assert (row.start, row.title) == (start, title)
        assert pc.lines(CARR)[row.start - 1].strip().startswith("CHAPTER")


def test_carr_chapter_headings_read_from_the_ocr_match_the_table():
    """The cleaned heading reads 'CHAPTER <number>' and then the title (OCR: 'I I', 'IJ', 'I 4', ' I 5')."""
    assert pc.lines(CARR)[66] == "CHAPTER I I "
    assert pc.lines(CARR)[2214] == "CHAPTER IJ "
    for row in chapters(CARR).itertuples(index=False):
        heading = [line.strip() for _, line in clean(CARR, f"chapter-{row.number}-heading").lines if line.strip()]
        assert heading == [f"CHAPTER {row.number}", row.title]


def test_carr_chapters_are_in_their_parts_and_the_body_is_the_chapters():
    table = segments(CARR)
    part3, part4, body = (segment_range(CARR, name) for name in ("part-iii", "part-iv", "body"))
    for row in chapters(CARR).itertuples(index=False):
        part = part3 if row.number <= 19 else part4
        assert part[0] <= row.start and row.end <= part[1]
    assert body == (part3[0], part4[1]) == (59, chapters(CARR)["end"].max())
    for name in ("preface", "notes", "abbreviations", "index"):
        start, end = segment_range(CARR, name)
        assert end < body[0] or start > body[1], name
    assert table.loc["index", "end"] == len(pc.lines(CARR))


def test_tarov_body_starts_with_a_few_words_about_myself_and_ends_before_top_of_page():
    rows = segment_lines(TAROV, "body")
    assert rows[0] == (17, pc.lines(TAROV)[16])
    assert rows[0][1].startswith("A few words about myself")
    top = pc.lines(TAROV).index("Top of page") + 1
    assert rows[-1][0] < top
    assert all("Top of page" not in line for _, line in rows)


def test_tarov_headings_are_inside_the_body_and_the_editors_note_is_apart():
    assert segment_lines(TAROV, "heading-arrest-exile-and-prison") == [(27, "Arrest, Exile and Prison")]
    numbers = [n for n, _ in segment_lines(TAROV, "body")]
    assert 27 in numbers and 69 not in numbers
    assert segments(TAROV).loc["editorial-note", "kind"] == "editorial_note"


def test_thakor_body_ends_before_the_news_teasers():
    start, end = segment_range(THAKOR, "news-teasers")
    assert start == 64 and end == len(pc.lines(THAKOR))
    assert segment_range(THAKOR, "body")[1] < start
    assert pc.lines(THAKOR)[63].startswith("Misleading ads")


def test_izhma_body_is_the_report_and_the_notes_are_apart():
    assert segment_range(IZHMA, "body") == (3, 3)
    kinds = segments(IZHMA).set_index("segment")["kind"]
    assert kinds["note-on-izhma"] == kinds["note-on-drozdov"] == "editorial_note"
    assert kinds["bibliographic-note"] == "citation"


def test_segment_names_are_stable_machine_names():
    for name in all_segments()["segment"]:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name


def test_unknown_segment_lists_the_valid_ones():
    with pytest.raises(UnknownSegmentError) as info:
        segment_lines(TAROV, "bodie")
    message = str(info.value)
    assert "Did you mean 'body'?" in message and "page-furniture-top" in message


def test_unknown_text_id_uses_the_catalogue_check():
    with pytest.raises(pc.UnknownTextError):
        segments("carr")
    with pytest.raises(TypeError):
        segments(5)


def test_apart_kinds_are_never_counted_in_a_body():
    for text_id in pc.text_ids():
        body_numbers = {n for n, _ in segment_lines(text_id, "body")}
        for row in segments(text_id).itertuples(index=False):
            if row.kind in APART_KINDS:
                assert not body_numbers & set(range(row.start, row.end + 1)), (text_id, row.segment)


def test_a_text_without_rows_is_one_body(tmp_path, monkeypatch):
    folder = tmp_path / "texts"
    shutil.copytree(corpus.texts_dir(), folder, ignore=shutil.ignore_patterns("reports"))
    (folder / "sixth.txt").write_text("A title\n\nThe text itself.\nEnd", encoding="utf-8")
    table = pd.read_csv(folder / "catalogue.csv", dtype=str, keep_default_na=False)
    extra = {column: "" for column in table.columns}
    extra.update(id="sixth-text", file="sixth.txt", transmission="typed by the instructor")
    pd.concat([table, pd.DataFrame([extra])]).to_csv(folder / "catalogue.csv", index=False)
    monkeypatch.setenv(corpus.ENV_VAR, str(folder))
    rows = segments("sixth-text")
    assert rows.index.tolist() == ["body"]
    assert segment_range("sixth-text", "body") == (1, 4)
    assert [n for n, _ in clean("sixth-text", "body").lines] == [1, 2, 3, 4]
