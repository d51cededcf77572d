"""Done when (issue 16): texts added the way lesson 11 teaches, and the whole course runs on the larger catalogue.

In a temporary copy of the texts (``PARTYCORPUS_TEXTS``), ``pc.add_text`` adds a sixth text, a web page saved on
Windows (``\\r\\n`` line ends) with no segments, and a seventh whose transmission mentions a "democratic-socialist"
weekly (the word holds "ocr", by which the package once chose OCR cleaning). Then every text-id helper of the
package runs on all seven texts, the cleaning report is written for all seven, and every lesson runs top to bottom
in a Jupyter kernel that reads the seven-text catalogue. The lessons' outputs are not compared (they count other
texts now); that they run is the point.
"""
from __future__ import annotations

import inspect
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import partycorpus as pc
from package_walk import HELPERS, other_arguments
from partycorpus.cleaning.pipeline import clean_file
from partycorpus.cleaning.report import write_reports
from partycorpus.corpus.catalogue import ENV_VAR

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
SAMPLES = ROOT / "lessons" / "samples"
SIXTH, SEVENTH = "letter-1923-windows-test", "speech-1956-democratic-test"
COMMON = dict(genre="letter", source_type="primary", stance="unknown", rights="copyright status not established",
              notes="added by tests/test_seven_texts.py")


@pytest.fixture(scope="module")
def seven_texts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seven") / "source_texts"
    shutil.copytree(pc.texts_dir(), folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_VAR, str(folder))
        pc.add_text(SIXTH, file=SAMPLES / "lenin-1923-letter-to-stalin.txt", title="To Comrade Stalin",
                    author="V. I. Lenin", date="1923-03-05", publication="Collected Works, vol. 45 (1970)",
                    transmission="web page saved as text on Windows", cleaning="web-page", **COMMON)
        pc.add_text(SEVENTH, file=SAMPLES / "khrushchev-1956-lenin-letter.txt",
                    title="[Passage of the speech On the Cult of Personality]", author="N. S. Khrushchev",
                    date="1956-02-25", publication="The Crimes of the Stalin Era (1956)", cleaning="plain",
                    transmission="English translation printed by The New Leader, a democratic-socialist weekly; "
                                 "transcribed on Wikisource", **COMMON)
        yield folder
        pc.end_practice()  # a lesson run in this process would have left none; to be sure


def test_the_catalogue_has_seven_texts(seven_texts):
    ids = pc.text_ids()
    assert len(ids) == 7 and ids[-2:] == [SIXTH, SEVENTH]
    assert (seven_texts / f"{SIXTH}.txt").read_bytes().count(b"\r\n") == 25


def test_the_windows_file_without_segments_is_one_body(seven_texts):
    assert pc.segments(SIXTH).index.tolist() == ["body"]
    assert pc.body(SIXTH).line_numbers == list(range(1, 26))
    assert not any("\r" in line for line in pc.lines(SIXTH))


def test_the_democratic_text_is_not_cleaned_as_ocr(seven_texts):
    assert "ocr" in pc.catalogue().loc[SEVENTH, "transmission"].lower(), "the trap is set"
    cleaned = clean_file(SEVENTH)
    assert cleaned.profile == "plain" and cleaned.changes == ()
    assert cleaned.text == tuple(pc.lines(SEVENTH))


def _arguments(func, text_id):
    values = other_arguments(func)
    names = [p.name for p in inspect.signature(func).parameters.values()][1:1 + len(values)]
    numbers = pc.chapters(text_id)["number"].tolist()
    return [numbers[0] if name == "number" and numbers else value for name, value in zip(names, values)]


@pytest.mark.parametrize("name", sorted(HELPERS))
def test_every_text_id_helper_runs_on_every_text(seven_texts, name):
    func = HELPERS[name]
    for text_id in pc.text_ids():
        try:
            func(text_id, *_arguments(func, text_id))
        except pc.CourseError as err:
            # A helper of a book's chapters says so for a text without chapters; nothing else may fail.
            assert pc.chapters(text_id).empty and "chapters" in str(err), f"{name}({text_id!r}): {err}"


def test_the_cleaning_report_is_written_for_every_text(seven_texts, tmp_path):
    written = write_reports(tmp_path)
    assert [path.stem for path in written] == pc.text_ids()
    seventh = (tmp_path / f"{SEVENTH}.md").read_text(encoding="utf-8")
    assert "Cleaning profile: **plain**" in seventh and "No cleaning step runs" in seventh
    assert "The body is lines 1-25." in (tmp_path / f"{SIXTH}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_lesson_runs_on_the_seven_texts(seven_texts, path):
    nb = nbformat.read(str(path), as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()  # raises at an error the lesson does not show
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    if path.stem.startswith("00"):
        assert any(SEVENTH in str(o) for o in outputs), "the lesson read the seven-text catalogue"
