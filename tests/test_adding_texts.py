"""A student adds a text of their own with ``pc.add_text`` (issue 16, item 3).

The helper checks every field before it writes anything, writes the file byte for byte, its catalogue row with the
checksum, its datasheet section and (if asked) its body segment; bad input gets a clear error and changes no file;
the same call again changes nothing. It refuses a folder that is not the student's own, works where the course
folder is a student's own copy found from the working directory, and asks for missing fields when told to.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import partycorpus as pc
from partycorpus.corpus import adding
from partycorpus.corpus.adding import AddTextError
from partycorpus.corpus.catalogue import ENV_VAR
from partycorpus.corpus.received import ReceivedFileError
from nbgrader_course import file_hashes

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "lessons" / "samples" / "lenin-1923-letter-to-stalin.txt"
FIELDS = dict(title="To Comrade Stalin", author="V. I. Lenin", date="1923-03-05", publication="Collected Works 45",
              genre="letter", source_type="primary", stance="Lenin against Stalin", transmission="web page",
              rights="copyright status not established", notes="headnote and note around the letter",
              cleaning="web-page")


@pytest.fixture
def texts(tmp_path, monkeypatch):
    """A copy of source_texts/ that the package reads and writes instead of the course's."""
    folder = tmp_path / "course" / "source_texts"
    shutil.copytree(pc.texts_dir(), folder)
    monkeypatch.setenv(ENV_VAR, str(folder))
    monkeypatch.chdir(tmp_path)
    return folder


def test_a_file_with_windows_line_ends_is_added_byte_for_byte(texts):
    catalogue_before = (texts / "catalogue.csv").read_bytes()
    readme_before = (texts / "README.md").read_text(encoding="utf-8")
    row = pc.add_text("lenin-1923-letter-to-stalin", file=SAMPLE, **FIELDS)
    data = SAMPLE.read_bytes()
    assert b"\r\n" in data
    assert (texts / "lenin-1923-letter-to-stalin.txt").read_bytes() == data
    assert row["sha256"] == hashlib.sha256(data).hexdigest() and row["encoding"] == "utf-8"
    assert row["received_as"] == SAMPLE.name and row["file"] == "lenin-1923-letter-to-stalin.txt"
    assert {field: row[field] for field in FIELDS} == FIELDS
    assert (texts / "catalogue.csv").read_bytes().startswith(catalogue_before), "the other rows stay as they were"
    assert pc.text_ids()[-1] == "lenin-1923-letter-to-stalin"
    assert len(pc.lines("lenin-1923-letter-to-stalin")) == 25 and pc.quote("lenin-1923-letter-to-stalin:18") == "Lenin"
    readme = (texts / "README.md").read_text(encoding="utf-8")
    assert readme.replace(pc.datasheet("lenin-1923-letter-to-stalin") + "\n\n", "") == readme_before
    assert readme.index("### `lenin-1923-letter-to-stalin`") < readme.index("## Adding a text")
    assert pc.segments("lenin-1923-letter-to-stalin").index.tolist() == ["body"], "without body=, one body"


def test_the_same_call_again_changes_nothing_and_another_needs_replace(texts):
    pc.add_text("lenin-1923-letter-to-stalin", file=SAMPLE, **FIELDS)
    before = file_hashes(texts)
    pc.add_text("lenin-1923-letter-to-stalin", file=SAMPLE, **FIELDS)
    assert file_hashes(texts) == before
    with pytest.raises(AddTextError, match="replace=True"):
        pc.add_text("lenin-1923-letter-to-stalin", file=SAMPLE, **{**FIELDS, "date": "1923-03"})
    assert file_hashes(texts) == before
    row = pc.add_text("lenin-1923-letter-to-stalin", file=SAMPLE, **{**FIELDS, "date": "1923-03"}, body=(9, 19),
                      replace=True)
    assert row["date"] == "1923-03" and pc.text_ids().count("lenin-1923-letter-to-stalin") == 1
    assert pc.datasheet("lenin-1923-letter-to-stalin").count("### ") == 1
    assert pc.segments("lenin-1923-letter-to-stalin").loc["body", ["start", "end"]].tolist() == [9, 19]
    pc.add_text("lenin-1923-letter-to-stalin", file=SAMPLE, **FIELDS, replace=True)
    assert pc.segments("lenin-1923-letter-to-stalin").loc["body", ["start", "end"]].tolist() == [1, 25], \
        "replacing without body= removes the old body row"


def test_a_body_range_becomes_the_body(texts):
    pc.add_text("lenin-1923-letter-to-stalin", file=SAMPLE, **FIELDS, body=(9, 19))
    assert pc.body("lenin-1923-letter-to-stalin").line_numbers == list(range(9, 20))
    assert not [problem for problem in pc.corpus.segments.check_segments() if "lenin-1923" in problem]


def test_a_pasted_text_is_saved_as_utf8(texts):
    row = pc.add_text("paste-1927-test", text="Caf\u00e9 \u2013 a line\r\nanother line\n", **FIELDS)
    assert row["received_as"] == "pasted into a notebook" and row["encoding"] == "utf-8"
    assert pc.lines("paste-1927-test") == ["Caf\u00e9 \u2013 a line", "another line"]


def test_an_encoding_is_found_for_utf16_and_given_for_others(texts, tmp_path):
    (tmp_path / "utf16.txt").write_bytes("\u00e9t\u00e9\r\nhiver".encode("utf-16"))
    assert pc.add_text("utf-1927-test", file="utf16.txt", **FIELDS)["encoding"] == "utf-16"
    assert pc.lines("utf-1927-test") == ["\u00e9t\u00e9", "hiver"]
    (tmp_path / "windows.txt").write_bytes("\u00e9t\u00e9 \u2013 1926\r\n".encode("cp1252"))
    before = file_hashes(texts)
    with pytest.raises(ReceivedFileError, match="windows.txt cannot be read as utf-8.*cp1252"):
        pc.add_text("windows-1927-test", file="windows.txt", **FIELDS)
    assert file_hashes(texts) == before
    assert pc.add_text("windows-1927-test", file="windows.txt", encoding="cp1252", **FIELDS)["encoding"] == "cp1252"
    assert pc.lines("windows-1927-test") == ["\u00e9t\u00e9 \u2013 1926"]


@pytest.mark.parametrize("change, message", [
    ({"new_id": "Lenin 1923"}, "is not a text id"),
    ({"date": "5 March 1923"}, "not an ISO date"),
    ({"source_type": "letter"}, "source_type 'letter' is not one of"),
    ({"cleaning": "ocr"}, "cleaning profile 'ocr' is not one of"),
    ({"title": "   "}, "title is empty"),
    ({"title": None}, "needs these fields too:\n- title:"),
    ({"file": "no-such-file.txt"}, "There is no file"),
    ({"file": None}, "either as a file"),
    ({"text": "a pasted text"}, "either as a file"),
    ({"body": (0, 5)}, "has lines 1 to 25"),
    ({"body": (20, 30)}, "has lines 1 to 25"),
    ({"body": "9-19"}, "two whole numbers"),
    ({"new_id": "tarov-1936-escape"}, "replace=True"),
], ids=["id", "date", "source_type", "cleaning", "empty", "missing", "no file", "neither", "both", "body 0",
        "body past the end", "body as text", "existing id"])
def test_bad_input_gets_a_clear_error_and_writes_nothing(texts, change, message):
    arguments = {"new_id": "lenin-1923-letter-to-stalin", "file": SAMPLE, **FIELDS, **change}
    before = file_hashes(texts)
    with pytest.raises(pc.CourseError) as info:
        pc.add_text(**arguments)
    assert message in str(info.value)
    assert file_hashes(texts) == before


def test_a_binary_or_empty_file_is_refused(texts, tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\x00\x00binary")
    (tmp_path / "empty.txt").write_bytes(b"\n\n")
    with pytest.raises(AddTextError, match="not a text file"):
        pc.add_text("scan-1927-test", file="scan.pdf", **FIELDS)
    with pytest.raises(AddTextError, match="empty"):
        pc.add_text("empty-1927-test", file="empty.txt", **FIELDS)


def test_a_folder_the_student_cannot_change_is_refused(texts, monkeypatch):
    monkeypatch.setattr(adding.os, "access", lambda path, mode: False)
    with pytest.raises(AddTextError, match="cannot change.*practice_copy"):
        pc.add_text("lenin-1923-letter-to-stalin", file=SAMPLE, **FIELDS)


def test_missing_fields_are_asked_for_when_asked_to(texts, monkeypatch, capsys):
    answers = iter(["Lenin", "1923-03-05", "letters", "letter", "a letter", "primary", "Lenin", "web", "unknown",
                    "none", "web-page"])
    asked = []

    def answer(prompt):
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", answer)
    row = pc.add_text("lenin-1923-letter-to-stalin", file=SAMPLE, title="To Comrade Stalin", ask=True)
    assert row["source_type"] == "primary" and row["cleaning"] == "web-page" and row["genre"] == "letter"
    assert asked[0].startswith("author:") and "for example" in asked[0]
    assert "source_type 'a letter' is not one of" in capsys.readouterr().out, "a wrong answer is explained and asked again"


def test_a_practice_copy_is_used_and_then_forgotten(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    course = pc.texts_dir()
    folder = pc.practice_copy()
    try:
        assert pc.texts_dir() == folder != course and os.environ[ENV_VAR] == str(folder)
        pc.add_text("lenin-1923-letter-to-stalin", file=SAMPLE, **FIELDS)
        assert "lenin-1923-letter-to-stalin" in pc.text_ids()
    finally:
        pc.end_practice()
    assert not folder.exists() and ENV_VAR not in os.environ
    assert pc.texts_dir() == course and "lenin-1923-letter-to-stalin" not in pc.text_ids()


def test_a_practice_copy_gives_back_the_folder_that_was_set(texts):
    pc.practice_copy()
    pc.practice_copy()
    pc.end_practice()
    assert os.environ[ENV_VAR] == str(texts)


def test_it_works_in_a_students_own_copy_of_the_course(tmp_path):
    """The student edition in a home folder: the package installed elsewhere, the texts found from the notebook's
    folder upwards, and the text added there."""
    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "partycorpus", site / "partycorpus", ignore=shutil.ignore_patterns("__pycache__"))
    course = tmp_path / "home" / "student" / "party-struggle"
    shutil.copytree(ROOT / "source_texts", course / "source_texts")
    (course / "lessons").mkdir()
    shutil.copy(SAMPLE, course / "lessons" / "my-letter.txt")
    script = ("import json, partycorpus as pc\n"
              f"row = pc.add_text('lenin-1923-letter-to-stalin', file='my-letter.txt', **{FIELDS!r})\n"
              "print(json.dumps({'folder': str(pc.texts_dir()), 'package': pc.__file__, 'ids': pc.text_ids()}))\n")
    env = {key: value for key, value in os.environ.items() if key not in (ENV_VAR, "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)
    result = subprocess.run([sys.executable, "-c", script], cwd=course / "lessons", env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["package"].startswith(str(site)) and Path(found["folder"]) == course / "source_texts"
    assert found["ids"][-1] == "lenin-1923-letter-to-stalin"
    assert (course / "source_texts" / "lenin-1923-letter-to-stalin.txt").read_bytes() == SAMPLE.read_bytes()
    assert "lenin-1923-letter-to-stalin" not in pc.text_ids(), "the course's own texts are untouched"
