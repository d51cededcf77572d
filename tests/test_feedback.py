"""Feedback that teaches and never leaks, for every assignment in solutions/.

The feedback of every graded submission (blank, solution, each stored wrong
submission) is made with the course's configuration, then read as a student
reads it: it must show none of the instructor's lines that the student did not
write (solutions, hidden tests, model answers, rubrics), and must still show the
score of each check and the message of each failed assertion. A control shows
that nbgrader's own feedback leaks the hidden tests, so the check has teeth.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_output
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from nbgrader.utils import determine_grade
from traitlets.config.loader import PyFileConfigLoader

from nbgrader_course import (COURSE_ROOT, fixtures, is_test_cell, leaked_lines, notebooks, secret_lines,
                             selected_assignments, source_notebooks, squeeze, submitted_sources, visible_text)
from coursetools.grading.audit import giveaways
from coursetools.grading.limits import cap_cell_outputs
from coursetools.release import assignments

# Feedback exists only for what the session graded ($COURSE_ASSIGNMENTS, or every assignment).
ASSIGNMENTS = selected_assignments() or assignments()


def source_secrets(assignment) -> list[str]:
    return [s for nb in source_notebooks(assignment).values() for s in secret_lines(nb)]


def feedback_pages(root: Path, folder: str, assignment: str, student: str) -> dict[str, str]:
    pages = sorted((root / folder / student / assignment).glob("*.html"))
    return {p.name: p.read_text(encoding="utf-8") for p in pages}


@pytest.fixture(scope="module")
def course_feedback(graded_course):
    """The course's feedback for every graded submission (generated once)."""
    for assignment in ASSIGNMENTS:
        result = graded_course.api.generate_feedback(assignment, force=True)
        assert result["success"], result.get("error") or result.get("log")
    return graded_course


def submissions():
    return [(a, s) for a in ASSIGNMENTS for s in ["blank", "solution"] + [f"wrong-{f.name}" for f in fixtures(a)]]


@pytest.mark.parametrize("assignment, student", submissions(), ids=[f"{a}/{s}" for a, s in submissions()])
def test_feedback_shows_no_instructor_line(course_feedback, assignment, student):
    root = course_feedback.root
    pages = feedback_pages(root, "feedback", assignment, student)
    assert pages, f"no feedback for {student} in {assignment}"
    own_work = submitted_sources(root / "submitted" / student / assignment)
    secrets = [s for s in source_secrets(assignment) if squeeze(s) not in own_work]
    assert secrets, "nothing to protect: the check would prove nothing"
    for name, page in pages.items():
        leaks = leaked_lines(page, secrets)
        assert not leaks, f"{assignment}/{name} for {student} shows: {leaks[:3]}"
        assert "HIDDEN TESTS" not in page and "BEGIN SOLUTION" not in page


@pytest.mark.parametrize("assignment, student", submissions(), ids=[f"{a}/{s}" for a, s in submissions()])
def test_feedback_keeps_scores_and_hints(course_feedback, assignment, student):
    root = course_feedback.root
    for path in notebooks(root / "autograded" / student / assignment):
        page = visible_text(feedback_pages(root, "feedback", assignment, student)[path.stem + ".html"])
        for cell in nbformat.read(str(path), as_version=4).cells:
            if not is_test_cell(cell):
                continue
            grade_id = cell.metadata.nbgrader["grade_id"]
            assert f"Grade cell: {grade_id}" in page and "Score:" in page
            for output in cell.outputs:
                if output.output_type == "error" and output.evalue.strip():
                    hint = squeeze(output.evalue.strip().split("\n")[0])
                    assert f"{output.ename}: {hint}" in page, f"{grade_id}: the hint {hint!r} is missing"
            lines = cell.source.split("\n")
            shown = [line for line in lines[:next((i for i, l in enumerate(lines) if "BEGIN HIDDEN TESTS" in l), None)]]
            visible_part = squeeze("\n".join(shown))
            assert visible_part in page, f"{grade_id}: the checks the student had are missing"


def test_wrong_submissions_get_hints(course_feedback):
    """At least one hint reaches each wrong submission (so the previous test is not vacuous)."""
    for assignment in ASSIGNMENTS:
        for fixture in fixtures(assignment):
            page = "".join(feedback_pages(course_feedback.root, "feedback", assignment, f"wrong-{fixture.name}").values())
            assert "AssertionError: " in visible_text(page), f"{assignment}/{fixture.name}: no hint in the feedback"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_nbgrader_default_feedback_would_leak(course_feedback, assignment):
    """Control: nbgrader's feedback without the course's SafeFeedback shows hidden tests; the check sees it."""
    root = course_feedback.root
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.GenerateFeedback.preprocessors = ["nbgrader.preprocessors.GetGrades",
                                             "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = course_feedback.db_url
    config.CourseDirectory.feedback_directory = "feedback-nbgrader-default"
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    result = api.generate_feedback(assignment, "blank", force=True)
    assert result["success"], result.get("error")
    leaks = [s for page in feedback_pages(root, "feedback-nbgrader-default", assignment, "blank").values()
             for s in leaked_lines(page, source_secrets(assignment))]
    assert leaks, "nbgrader's default feedback no longer shows hidden tests: SafeFeedback may not be needed"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_hints_do_not_give_the_answer_away(assignment):
    """A hidden assertion's message must not state the value it expects (the student reads it in the feedback)."""
    found = []
    for path in notebooks(COURSE_ROOT / "solutions" / assignment):
        for cell in nbformat.read(str(path), as_version=4).cells:
            if is_test_cell(cell):
                found += [(cell.metadata.nbgrader["grade_id"], *g) for g in giveaways(cell.source)]
    assert not found, "messages that give the answer away (cell, line, comparison, message): " + repr(found)


def grade_of(outputs) -> float:
    cell = new_code_cell("", outputs=outputs, metadata={"nbgrader": {"grade": True, "points": 2, "grade_id": "t"}})
    return determine_grade(cell)[0]


@pytest.mark.parametrize("outputs", [
    [new_output("stream", name="stdout", text="x" * 10**6)],
    [new_output("stream", name="stdout", text="x\n" * 10**5), new_output("error", ename="E", evalue="", traceback=[])],
    [new_output("display_data", data={"text/plain": "y" * 30_000}) for _ in range(300)]
    + [new_output("stream", name="stderr", text="warning\n")],
    [new_output("execute_result", data={"text/plain": "1.5"}, execution_count=1),
     new_output("stream", name="stderr", text="z" * 10**6)],
], ids=["one-long-line", "long-then-error", "many-then-stderr", "partial-credit-then-stderr"])
def test_capping_output_keeps_the_grade(outputs):
    before = grade_of(outputs)
    cell = cap_cell_outputs(new_code_cell("", outputs=outputs), max_chars=20_000, max_outputs=100)
    assert sum(len(str(o)) for o in cell.outputs) < 60_000
    assert grade_of(cell.outputs) == before
