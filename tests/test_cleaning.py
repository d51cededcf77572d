"""Tests of partycorpus.cleaning on real lines of the seeds: each repair, its near misses, traceability."""
import hashlib

import pytest

import partycorpus as pc
from partycorpus import body, chapter, clean, cleaning_report, footnotes, raw_and_clean
from partycorpus.cleaning import pipeline, repairs
from partycorpus.cleaning.pipeline import STEPS, clean_file as cleaned
from partycorpus.cleaning.report import report_markdown
from partycorpus.cleaning.hyphenation import join_decision
from partycorpus.cleaning.layout import running_head
from partycorpus.cleaning.report import reports_dir
from partycorpus.corpus.segments import UnknownSegmentError
from partycorpus.strings.tokenizer import tokenize

CARR = "carr-1959-socialism-vol2"


def raw(number, text_id=CARR):
    return pc.lines(text_id)[number - 1]


def clean_line(number, text_id=CARR):
    return cleaned(text_id).text[number - 1]


def stream(number, text_id=CARR):
    return cleaned(text_id).stream[number - 1]


# ------------------------------------------------------------------ years


@pytest.mark.parametrize("number, before, after", [
    (4, "I924-I926", "1924-1926"),        # preface: I for 1
    (71, "of I924 were", "of 1924 were"),
    (140, "June 19z6", "June 1926"),      # z for 2
    (145, "SFSR, r925,", "SFSR, 1925,"),  # r for 1
    (1970, "written in rgzr,", "written in 1921,"),
])
def test_years_with_letters_for_digits_are_repaired(number, before, after):
    assert before in raw(number)
    assert after in repairs.repair_years(raw(number))[0]
    assert after in clean_line(number)


@pytest.mark.parametrize("number, kept", [
    (12, "I need only here reiterate the very warm thanks which I continue"),  # the pronoun I
    (59, "PART III"),                                                          # a Roman numeral
    (5973, "(I9l6)"),            # l in the decade: 1926 here, but I9l9 is 1919 at line 467
    (95, "on August I, 1924"),  # the day is damaged too, but nothing proves it
])
def test_near_misses_of_the_year_rule_are_left_alone(number, kept):
    assert kept in raw(number)
    assert repairs.repair_years(raw(number))[1] == []
    assert kept in clean_line(number)


def test_roman_numerals_and_words_are_never_years():
    for token in ["II", "XI", "IV", "III", "Igor", "I", "lll"]:
        assert repairs.read_year(token) is None


def test_other_numbers_with_letters_for_digits_are_repaired():
    assert "December r7, r925" in raw(4630)
    assert "December 17, 1925" in clean_line(4630)
    assert repairs.read_number("so") is None and repairs.read_number("I9l6") is None


# ------------------------------------------------------------------ chapter numbers


@pytest.mark.parametrize("number, chapter_number", [(67, 11), (2215, 13), (3281, 14), (3809, 15)])
def test_chapter_numbers_are_repaired_where_the_segment_table_proves_them(number, chapter_number):
    assert clean_line(number).strip() == f"CHAPTER {chapter_number}"
    assert repairs.repair_chapter_number(raw(number), chapter_number + 1)[1] == []


def test_chapter_numbers_already_right_are_not_changed():
    assert clean_line(1515) == raw(1515) == "CHAPTER 12 "


# ------------------------------------------------------------------ hyphens, ligatures, accents


def test_raised_point_for_a_hyphen_is_repaired_but_not_a_decimal_or_a_real_hyphen():
    assert "All·Russian" in raw(20194) and "All-Russian" in clean_line(20194)
    assert "15·3 per cent" in raw(2442) and "15·3 per cent" in clean_line(2442)
    assert "single-handed" in raw(5039) and clean_line(5039) == raw(5039)


def test_ligature_oe_is_restored():
    assert "MANffiUVRING" in raw(4925)
    assert "MANŒUVRING" in repairs.repair_ligatures(raw(4925))[0]
    assert clean_line(4704).strip() == "MANŒUVRING FOR POSITION"
    line = "the officials, an efficient office"
    assert repairs.repair_ligatures(line) == (line, [])


def test_accents_are_restored_where_the_word_exists():
    assert "r6gime" in raw(18614) and "régime" in clean_line(18614)
    assert "rOle" in raw(171) and "rôle" in clean_line(171)
    assert "leading role" in raw(4390) and "leading role" in clean_line(4390)


def test_misread_letters_inside_words():
    assert repairs.repair_misread_letters("wh1ch the1r")[0] == "which their"
    assert repairs.repair_misread_letters("pp. l0l-I02")[1] == []


# ------------------------------------------------------------------ split words


def test_split_word_is_rejoined_on_the_first_line():
    assert raw(18).rstrip().endswith("Soviet local govern") and raw(19).startswith("ment,")
    assert clean_line(18).endswith("Soviet local government")
    assert clean_line(19).startswith(", has given")


def test_real_hyphen_of_a_range_is_kept():
    assert raw(45).rstrip().endswith("I923-") and raw(46).startswith("I924,")
    assert clean_line(45).rstrip().endswith("1923-") and clean_line(46).startswith("1924,")


@pytest.mark.parametrize("head, mark, tail, expected", [
    ("govern", "", "ment", "government"),
    ("con", "~", "trasted", "contrasted"),       # ~ read for a hyphen
    ("pro", "·", "testations", "protestations"),
    ("opposi", "M", "tion", "opposition"),
    ("self", "~", "criticism", "self-criticism"),
    ("of", "", "the", None),                       # two words stay two words
    ("in", "", "to", None),
    ("form", "-", "not", None),                    # Carr's dash, or a compound: left as printed
    ("the", "", "party", None),
])
def test_join_decisions(head, mark, tail, expected):
    assert join_decision(head, mark, tail) == expected


def test_words_split_across_a_page_break_are_rejoined_past_the_footnotes():
    assert raw(14195).rstrip().endswith("Carre-") and raw(14205).startswith(" sponding")
    assert clean_line(14195).endswith("Carresponding")     # the OCR read Corre- as Carre-
    assert clean_line(14205).startswith(" decrees")


# ------------------------------------------------------------------ page layout and footnotes


def test_running_heads_and_signature_marks_are_removed_and_counted():
    assert raw(108).strip() == "4 THE STRUGGLE IN THE PARTY PT. lll"
    assert stream(108) == "removed" and stream(298) == "removed"
    assert clean_line(5114).startswith("than a year ahead)")
    report = cleaning_report(CARR).set_index("step")
    assert report.loc["running-head", "changes"] >= 40
    assert report.loc["signature-mark", "changes"] == 15


def test_a_chapter_title_in_the_text_is_not_a_running_head():
    assert running_head("the struggle in the party went on", ["THE STRUGGLE IN THE PARTY"]) is None
    assert stream(61) == "text"          # the title page of Part III


def test_footnotes_are_separated_from_the_text():
    assert stream(95) == "text" and stream(97) == "footnote"
    for number in range(140, 149):       # a footnote continued from the previous page
        assert stream(number) == "footnote"
    assert stream(158) == "text"
    notes = footnotes(CARR)
    assert notes.lines[0][0] == 97
    body_text = body(CARR).text
    assert "SIStematich8$kae" not in body_text and "Sobranie Zakonov" not in body_text


def test_drop_capitals_are_joined():
    assert raw(1519).strip() == "T" and raw(1520).startswith("HE doctrine")
    assert clean_line(1519) == "THE" and not clean_line(1520).startswith("HE")


def test_footnote_reference_marks_are_removed_from_the_text():
    assert "1924.4 Petrograd" in raw(95)
    assert "1924. Petrograd" in clean_line(95)


# ------------------------------------------------------------------ traceability, determinism, files


def test_every_token_maps_to_its_received_line():
    for text_id in pc.text_ids():
        result = cleaned(text_id)
        afters = {}
        for change in result.changes:
            afters.setdefault(change.line, set()).update(tokenize(change.after))
        for view in (body(text_id), footnotes(text_id)):
            for token, number in view.tokens():
                known = set(tokenize(result.raw[number - 1])) | afters.get(number, set())
                assert token in known, (text_id, number, token)


def test_changes_record_what_the_received_line_held():
    result = cleaned(CARR)
    for change in result.changes:
        if change.step in ("running-head", "signature-mark", "page-number", "footnote"):
            assert change.before.split()[0] in result.raw[change.line - 1]


def test_cleaning_is_deterministic():
    for text_id in pc.text_ids():
        first = pipeline._cleaned.__wrapped__(text_id, pc.text(text_id))
        second = pipeline._cleaned.__wrapped__(text_id, pc.text(text_id))
        assert first == second


def test_received_files_are_unchanged():
    for text_id in pc.text_ids():
        cleaned(text_id)
        digest = hashlib.sha256(pc.text_path(text_id).read_bytes()).hexdigest()
        assert digest == pc.catalogue().loc[text_id, "sha256"]


# ------------------------------------------------------------------ API and reports


def test_chapter_view_and_errors():
    view = chapter(CARR, 13)
    assert view.lines[0] == (2215, "CHAPTER 13 ")
    assert all(2215 <= n <= 3280 for n in view.line_numbers)
    with pytest.raises(ValueError, match="11 to 24"):
        chapter(CARR, 10)
    with pytest.raises(TypeError, match="the chapter number should be a whole number"):
        chapter(CARR, "13")
    with pytest.raises(ValueError, match="has no chapters"):
        chapter("tarov-1936-escape", 1)
    with pytest.raises(UnknownSegmentError):
        clean(CARR, "chapter-25")
    with pytest.raises(pc.UnknownTextError):
        clean("carr", "body")


def test_raw_and_clean_shows_both_side_by_side():
    table = raw_and_clean(CARR, "preface", start=17, end=19)
    assert table.columns.tolist() == ["line", "raw", "clean", "part", "steps"]
    assert table.loc[table["line"] == 18, "steps"].item() == "rejoin"
    tarov = raw_and_clean("tarov-1936-escape")
    assert tarov.set_index("line").loc[69, "part"] == "apart"


def test_cleaning_report_lists_every_step_with_cited_examples():
    for text_id in pc.text_ids():
        report = cleaning_report(text_id)
        assert report["step"].tolist() == list(STEPS)
        for row in report.itertuples(index=False):
            assert row.in_body <= row.changes
            if row.changes:
                assert row.examples.startswith(f"{text_id}:")


def test_carr_figures_are_of_the_expected_size():
    report = cleaning_report(CARR).set_index("step")["changes"]
    assert 500 < report["year"] < 800
    assert report["rejoin"] > 2000          # two changes per rejoined word
    assert report["footnote"] > 3000


def test_web_texts_get_no_repairs():
    for text_id in ("tarov-1936-escape", "izhma-1926-exile-report", "web-undated-stalin-trotsky",
                    "thakor-2023-gulag-opinion"):
        assert cleaned(text_id).changes == ()
        assert cleaned(text_id).text == tuple(pc.lines(text_id))


def test_committed_reports_equal_what_the_code_produces():
    for text_id in pc.text_ids():
        path = reports_dir() / f"{text_id}.md"
        assert path.exists(), f"run python -m partycorpus.cleaning to write {path}"
        assert path.read_text(encoding="utf-8") == report_markdown(text_id), (
            f"{path} is out of date: run python -m partycorpus.cleaning"
        )


def test_the_word_list_is_wordfreq_s_own_and_works_offline():
    import wordfreq

    from partycorpus.cleaning import lexicon

    for word in ["government", "triumvirate", "ment", "régime"]:
        assert lexicon.zipf(word) == pytest.approx(wordfreq.zipf_frequency(word, "en"), abs=0.011)
    assert lexicon.is_word("government", 5.0) and not lexicon.is_word("ment", 4.0)
