"""A text is data, completely (issue 16, item 1).

Everything the package knows about a text is in its catalogue row or its own data files: no text id in the
package's code (a search over every module proves it, and a negative control shows the search finds a planted
one); the cleaning profile is a catalogue field checked against the allowed values, never guessed from the free
text of ``transmission`` ("democratic" contains "ocr"); the report notes are files beside the reports; every text
has its datasheet. Received files in other encodings, with Windows or old Mac line ends, a byte-order mark or a
final line end are read as an editor shows them, cited by those line numbers, and never changed; a file that cannot
be decoded gets an error naming it.
"""
from __future__ import annotations

import ast
import hashlib
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import partycorpus as pc
from partycorpus.cleaning.pipeline import clean_file
from partycorpus.cleaning.report import notes_path, report_markdown
from partycorpus.corpus import catalogue as corpus
from partycorpus.corpus.datasheets import MissingDatasheetError
from partycorpus.corpus.received import ReceivedFileError
from partycorpus.errors import DataFileError

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "partycorpus"
COURSE_IDS = list(pd.read_csv(ROOT / "source_texts" / "catalogue.csv", dtype=str)["id"])


# ------------------------------------------------------------------ no text id in the package's code

def _docstring_lines(tree, source_lines) -> dict[int, bool]:
    """Line number -> True for a doctest line (an example or its expected output), False for docstring prose."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                in_example = False  # a doctest block runs from a ">>>" line to the next blank line
                for number in range(first.lineno, first.end_lineno + 1):
                    stripped = source_lines[number - 1].strip()
                    if stripped.startswith(">>>"):
                        in_example = True
                    elif not stripped:
                        in_example = False
                    found[number] = in_example
    return found


def text_ids_in_code(source: str, ids=COURSE_IDS) -> list[tuple[int, str]]:
    """(line, what) for every text id, or text name used as a name, outside doctest examples.

    A full id may appear only in a docstring's doctest example (which uses the course's texts); the first word of an
    id ("tarov", "carr") may not be part of a name, string or comment of the code itself (docstring prose may name an
    author: "Carr's book").
    """
    lines = source.splitlines()
    docstrings = _docstring_lines(ast.parse(source), lines)
    stems = sorted({i.split("-")[0] for i in ids if len(i.split("-")[0]) >= 4})
    stem = re.compile(r"(?i)(?<![a-z])(" + "|".join(stems) + r")(?![a-z])")
    found = []
    for number, line in enumerate(lines, start=1):
        if docstrings.get(number) is True:
            continue
        found += [(number, text_id) for text_id in ids if text_id in line]
        if number not in docstrings:
            found += [(number, match.group()) for match in stem.finditer(line)]
    return found


def test_no_text_id_in_the_package_code():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        hits = text_ids_in_code(path.read_text(encoding="utf-8"))
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    assert not found, f"text ids or names in the package's code (make them data): {found}"


def test_the_search_finds_a_planted_id():
    planted = '''"""A module.

>>> tokens("carr-1959-socialism-vol2")[:1]
[('PREFACE', 1)]
"""
CARR = "carr-1959-socialism-vol2"  # the book


def helper(text_id):
    """Works on tarov-1936-escape only."""
    return text_id == "web-undated-stalin-trotsky"
'''
    hits = text_ids_in_code(planted)
    assert (6, "carr-1959-socialism-vol2") in hits and (6, "CARR") in hits
    assert (10, "tarov-1936-escape") in hits, "an id in docstring prose is found"
    assert (11, "web-undated-stalin-trotsky") in hits
    assert not [hit for hit in hits if hit[0] <= 4], "a doctest example may use the course's texts"


# ------------------------------------------------------------------ a copy of the texts to change

@pytest.fixture
def texts(tmp_path, monkeypatch):
    """A copy of source_texts/ that the package reads instead of the course's."""
    folder = tmp_path / "source_texts"
    shutil.copytree(pc.texts_dir(), folder)
    monkeypatch.setenv(corpus.ENV_VAR, str(folder))
    yield folder
    pc.end_practice()


def add_row(folder: Path, text_id: str, data: bytes, **fields) -> None:
    """Put a file and a catalogue row into ``folder`` by hand, as an instructor would."""
    (folder / f"{text_id}.txt").write_bytes(data)
    table = pd.read_csv(folder / "catalogue.csv", dtype=str, keep_default_na=False)
    row = {field: "unknown" for field in corpus.CATALOGUE_FIELDS}
    row.update(id=text_id, file=f"{text_id}.txt", source_type="primary", encoding="utf-8", cleaning="plain",
               sha256=hashlib.sha256(data).hexdigest())
    row.update(fields)
    pd.concat([table, pd.DataFrame([row])]).to_csv(folder / "catalogue.csv", index=False)


# ------------------------------------------------------------------ the cleaning profile

DAMAGED = "In I924 the govern\nment of the party met in 19z6.".encode("utf-8")


def test_the_profile_is_the_catalogue_field_not_a_word_of_the_transmission(texts):
    transmission = "typed copy from a democratic-socialist archive; OCR of a photocopy, corrected by hand"
    add_row(texts, "archive-1926-letter", DAMAGED, transmission=transmission, cleaning="plain")
    add_row(texts, "archive-1926-scan", DAMAGED, transmission=transmission, cleaning="ocr-text")
    kept = clean_file("archive-1926-letter")
    assert kept.profile == "plain" and kept.changes == () and kept.text == tuple(pc.lines("archive-1926-letter"))
    repaired = clean_file("archive-1926-scan")
    assert repaired.profile == "ocr-text"
    assert repaired.text[0] == "In 1924 the government" and "1926" in repaired.text[1]
    assert {change.step for change in repaired.changes} == {"year", "rejoin"}


def test_the_book_profile_runs_the_page_layout_and_the_others_do_not():
    assert clean_file("carr-1959-socialism-vol2").profile == "ocr-book"
    assert {c.step for c in clean_file("carr-1959-socialism-vol2").changes} >= {"running-head", "footnote", "rejoin"}
    profiles = pc.cleaning_profiles()
    assert profiles.loc["ocr-book", ["layout", "repairs", "rejoin"]].tolist() == [True, True, True]
    assert not profiles.loc["ocr-text", "layout"] and not profiles.loc[["web-page", "plain"], "repairs"].any()


@pytest.mark.parametrize("value", ["ocr", "", "OCR-book", "scanned"])
def test_an_unknown_profile_is_a_clear_error(texts, value):
    add_row(texts, "archive-1926-letter", DAMAGED, cleaning=value)
    with pytest.raises(DataFileError) as info:
        pc.text_ids()
    message = str(info.value)
    assert "archive-1926-letter" in message and f"cleaning profile {value!r}" in message
    for profile in ("ocr-book", "ocr-text", "web-page", "plain"):
        assert f"- {profile}: " in message, "the message lists the profiles with what each is for"


def test_a_catalogue_without_the_new_columns_says_which_are_missing(texts):
    table = pd.read_csv(texts / "catalogue.csv", dtype=str, keep_default_na=False)
    table.drop(columns=["cleaning"]).to_csv(texts / "catalogue.csv", index=False)
    with pytest.raises(DataFileError, match="the columns cleaning are missing"):
        pc.catalogue()


def test_duplicate_ids_and_unknown_encodings_are_reported(texts):
    add_row(texts, "tarov-1936-escape", DAMAGED)
    add_row(texts, "archive-1926-letter", DAMAGED, encoding="klingon")
    with pytest.raises(DataFileError) as info:
        pc.text_ids()
    assert "'tarov-1936-escape' is used by more than one row" in str(info.value)
    assert "'klingon' is not an encoding" in str(info.value)


def test_the_catalogue_is_read_again_when_it_changes(texts):
    before = pc.text_ids()
    add_row(texts, "archive-1926-letter", DAMAGED)
    assert pc.text_ids() == before + ["archive-1926-letter"]


def test_every_catalogue_field_is_explained():
    fields = pc.catalogue_fields()
    assert list(fields.index) == list(corpus.CATALOGUE_FIELDS)
    assert set(fields["filled_by"]) == {"you", "add_text"}
    assert (fields["meaning"].str.len() > 20).all() and (fields["example"].str.len() > 0).all()


# ------------------------------------------------------------------ reading received files

LINES = ["First line \u2013 \u00e9t\u00e9", "", "third line", "last line"]


@pytest.mark.parametrize("name, data, encoding", [
    ("unix", "\n".join(LINES).encode("utf-8"), "utf-8"),
    ("windows", "\r\n".join(LINES).encode("utf-8"), "utf-8"),
    ("windows, final line end", ("\r\n".join(LINES) + "\r\n").encode("utf-8"), "utf-8"),
    ("old mac", "\r".join(LINES).encode("utf-8"), "utf-8"),
    ("byte-order mark", b"\xef\xbb\xbf" + "\n".join(LINES).encode("utf-8"), "utf-8"),
    ("final newline", ("\n".join(LINES) + "\n").encode("utf-8"), "utf-8"),
    ("cp1252", "\r\n".join(LINES).encode("cp1252"), "cp1252"),
    ("latin-1", "\n".join(LINES).replace("\u2013", "-").encode("latin-1"), "latin-1"),
    ("utf-16 with its mark", "\r\n".join(LINES).encode("utf-16"), "utf-16"),
])
def test_a_received_file_is_read_as_an_editor_shows_it(texts, name, data, encoding):
    add_row(texts, "received-1927-test", data, encoding=encoding)
    expected = [line.replace("\u2013", "-") if encoding == "latin-1" else line for line in LINES]
    assert pc.lines("received-1927-test") == expected, name
    assert pc.text("received-1927-test") == "\n".join(expected)
    assert pc.quote("received-1927-test:3") == "third line"
    assert pc.cite("received-1927-test", 4) == "received-1927-test:4"
    with pytest.raises(ValueError, match="lines 1 to 4"):
        pc.passage("received-1927-test", 5)
    assert [n for n, _ in pc.body("received-1927-test").lines] == [1, 2, 3, 4]
    assert all("\r" not in token and "\ufeff" not in token for token, _ in pc.tokens("received-1927-test"))
    assert (texts / "received-1927-test.txt").read_bytes() == data, "reading never changes the file"


def test_a_file_that_cannot_be_decoded_names_itself_and_its_line(texts):
    add_row(texts, "received-1927-test", "caf\u00e9\nd\u00e9j\u00e0".encode("cp1252"))
    with pytest.raises(ReceivedFileError) as info:
        pc.lines("received-1927-test")
    message = str(info.value)
    assert "received-1927-test.txt" in message and "utf-8" in message and "line 1" in message
    assert "cp1252" in message and "encoding" in message
    assert isinstance(info.value, pc.CourseError) and isinstance(info.value, ValueError)


def test_a_missing_file_is_named(texts):
    add_row(texts, "received-1927-test", b"a line")
    (texts / "received-1927-test.txt").unlink()
    with pytest.raises(DataFileError, match="received-1927-test.txt"):
        pc.lines("received-1927-test")


def test_the_five_texts_read_exactly_as_their_files():
    for text_id in COURSE_IDS:
        data = pc.text_path(text_id).read_bytes()
        assert pc.text(text_id).encode("utf-8") == data, f"{text_id}: text() is no longer the file's content"


# ------------------------------------------------------------------ report notes and datasheets

def test_report_notes_are_files_beside_the_reports():
    for text_id in COURSE_IDS:
        path = notes_path(text_id)
        assert path.parent == pc.texts_dir() / "reports" and path.is_file(), f"{text_id} has no notes file"
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# Reader's notes: {text_id}\n"), "a notes file has a title (it is a page of the site)"
        notes = text[text.index("\n- "):].strip()
        assert notes.startswith("- ") and notes in report_markdown(text_id)


def test_a_text_without_notes_says_where_they_go(texts):
    add_row(texts, "archive-1926-letter", DAMAGED)
    report = report_markdown("archive-1926-letter")
    assert "reports/archive-1926-letter.notes.md" in report
    (texts / "reports" / "archive-1926-letter.notes.md").write_text("- A planted note.\n", encoding="utf-8")
    assert report_markdown("archive-1926-letter").rstrip().endswith("- A planted note.")


def test_every_text_has_its_datasheet():
    for text_id in COURSE_IDS:
        sheet = pc.datasheet(text_id)
        assert sheet.startswith(f"### `{text_id}`")
        for part in ("What it is", "How it reached us", "What is wrong with it", "Rights"):
            assert part in sheet, f"{text_id}: the datasheet lacks '{part}'"


def test_a_text_without_a_datasheet_is_named(texts):
    add_row(texts, "archive-1926-letter", DAMAGED)
    with pytest.raises(MissingDatasheetError, match="archive-1926-letter"):
        pc.datasheet("archive-1926-letter")


# ------------------------------------------------------------------ routes and set-up names are data

def test_a_route_is_chosen_by_its_text():
    route = pc.route("tarov-1936-escape")
    assert route["route_order"].is_monotonic_increasing and len(route) >= 5
    assert pc.route("izhma-1926-exile-report").empty
    with pytest.raises(pc.UnknownTextError):
        pc.route("tarov")


def test_the_set_up_names_are_data():
    from partycorpus import notebook

    assert {"pc", "TAROV", "SPEECH_ID"} <= notebook.setup_names()
    assert (PACKAGE / "data" / notebook.SETUP_NAMES_FILE).is_file()


def test_a_folder_the_account_may_not_enter_is_passed_over(monkeypatch, tmp_path):
    """On a JupyterHub a kernel's working folder can sit below folders its account may not enter (issue 12):
    looking for source_texts/ there must pass over them, not raise PermissionError."""
    from partycorpus.corpus import catalogue as catalogue_module

    private = tmp_path / "private"
    real_is_file = Path.is_file

    def is_file(path):
        if private in path.parents:
            raise PermissionError(13, "Permission denied", str(path))
        return real_is_file(path)

    monkeypatch.setattr(Path, "is_file", is_file)
    assert catalogue_module._has_catalogue(private / "source_texts") is False
    assert catalogue_module._has_catalogue(pc.texts_dir()) is True
