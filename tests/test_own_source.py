"""Lesson and exercise 11: a student's own source (issue 16, item 3).

The exercise is graded like the others by tests/test_exercises.py (blank 0, solution full marks, each wrong
submission of tests/fixtures/submissions/11-own-source/ the points it should). These tests hold what is particular
to it: its text is the sample file, so lesson, exercise and samples cannot drift apart; the written part carries at
least half of the marks; and the part on the student's own source runs on a computer without the student's file
(a grader's), because the student pastes the text into the notebook: run there, it adds the text to a practice
copy and shows its cleaning report, and the course's own texts are untouched.
"""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import partycorpus as pc
from nbgrader_course import is_answer_cell, nbgrader_meta

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "11-own-source" / "11-own-source.ipynb"
RELEASE = ROOT / "exercises" / "11-own-source" / "11-own-source.ipynb"
SAMPLES = ROOT / "lessons" / "samples"


def _assigned(source: str, name: str):
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not assigned")


def test_the_exercise_gives_the_sample_text_itself():
    setup = next(c for c in nbformat.read(str(SOLUTION), as_version=4).cells
                 if nbgrader_meta(c).get("grade_id") == "setup")
    text_id = _assigned(setup.source, "SPEECH_ID")
    assert _assigned(setup.source, "SPEECH_TEXT") == (SAMPLES / f"{text_id}.txt").read_text(encoding="utf-8")


def test_the_lesson_sample_is_a_windows_file_without_a_final_empty_line():
    data = (SAMPLES / "lenin-1923-letter-to-stalin.txt").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") == 25 and data.endswith(b"\r\n")


def test_the_own_source_part_runs_without_the_students_file(tmp_path):
    """The released notebook, answered as the model does and with a pasted text of the student's own, run in an
    empty folder as nbgrader would on a grader's computer."""
    nb = nbformat.read(str(RELEASE), as_version=4)
    model = {nbgrader_meta(c)["grade_id"]: c.source for c in nbformat.read(str(SOLUTION), as_version=4).cells
             if is_answer_cell(c) and c.cell_type == "code"}
    pasted = (SAMPLES / "lenin-1923-letter-to-stalin.txt").read_text(encoding="utf-8")
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in model:
            cell.source = model[grade_id]
        elif cell.cell_type == "code" and cell.source.startswith("# Your own source"):
            cell.source = cell.source.replace('MY_ID = "surname-1927-word"', 'MY_ID = "student-1923-letter"')
            cell.source = cell.source.replace('MY_TEXT = """\n"""', f'MY_TEXT = """{pasted}"""')
            cell.source = cell.source.replace('title=""', 'title="To Comrade Stalin"').replace('=""', '="unknown"')
    before = pc.text_ids()
    shutil.copy(RELEASE, tmp_path / "unused.ipynb")  # the folder of a submission: no file of the student's text
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = "\n".join(str(o) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "# Cleaning report: student-1923-letter" in outputs
    assert "The body is lines 1-25." in outputs and "Paste your text" not in outputs
    assert pc.text_ids() == before and "student-1923-letter" not in pc.text_ids()


def test_a_blank_own_source_part_says_what_to_do(tmp_path):
    nb = nbformat.read(str(RELEASE), as_version=4)
    start = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.startswith("# Your own"))
    nb.cells = [c for c in nb.cells if nbgrader_meta(c).get("grade_id") == "setup"] + nb.cells[start:start + 2]
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert "Paste your text into MY_TEXT" in nb.cells[-1].outputs[0]["text"]
