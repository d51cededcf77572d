"""Tricks that try to earn points without the answers, each tried on every exercise (tests/gaming.py).

For each exercise, its first stored wrong submission is submitted once per trick, with the trick added, and graded
with the course's nbgrader_config.py. A trick the grading layer can prevent must earn nothing: no test cell may
score more than the wrong answers earn alone. A trick it cannot prevent (objects whose comparisons always succeed,
code that reads the instructor's copy when the grader runs as the instructor) must be flagged by
``coursetools.grading.checks`` before grading (so it is submitted, checked and not graded here). A control grades the preventable tricks with nbgrader's own
``Execute`` and ``SaveAutoGrades`` in place of the course's, and shows that they do earn points there, so that the
first assertion has teeth (on three exercises of different kinds, to keep the suite's time). Honest work (every model answer and every stored wrong submission) is never flagged.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from gaming import TRICKS, apply_trick
from nbgrader_course import (COURSE_ROOT, course_copy, fill_answers, fixtures, is_answer_cell, nbgrader_meta,
                             model_answers, released_notebooks, source_notebooks)
from coursetools.grading.checks import inspect_class
from coursetools.grading.suspicious import setup_names, suspicious
from coursetools.release import assignments

ASSIGNMENTS = assignments()
# The tricks that earn points where the course's steps are replaced by nbgrader's own. (The generic monkeypatch of
# tests/gaming.py breaks the wrong answers as much as the checks, so it earns nothing there either; the checks'
# restoring is still tested by it on every exercise.)
CONTROLS = ["hook-prints-a-result", "answers-print-a-result", "asserts-become-pass"]
NBGRADER_DEFAULTS = """
c.Autograde.autograde_preprocessors = [
    {"coursetools.grading.execute.GuardedExecute": "coursetools.grading.sandbox.SandboxedExecute",
     "coursetools.grading.scoring.StrictAutoGrades": "nbgrader.preprocessors.SaveAutoGrades"}.get(step, step)
    for step in c.Autograde.autograde_preprocessors]
"""


def grade_tricks(root: Path, course, assignment: str, tricks) -> dict:
    """Submit the wrong answers plus each trick; autograde those the grading must prevent (the others are for the
    checks to flag, before any grading); return {student: {test cell: score}}."""
    (name, release_nb), = released_notebooks(root, assignment).items()
    (source_nb,) = source_notebooks(assignment).values()
    answers = fixtures(assignment)[0].answers
    for trick in tricks:
        course.submit(assignment, trick.name, {name: apply_trick(trick, release_nb, source_nb, answers)})
    for trick in tricks:
        if trick.preventable:
            course.autograde(assignment, trick.name)
    assert not course.errors, course.errors
    return {student: {cell: score for cell, (score, _) in scores.items() if cell.endswith("tests") or
                      cell in fixtures(assignment)[0].expected}
            for (_, student), scores in course.scores.items()}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_trick_earns_nothing_or_is_flagged(tmp_path, assignment):
    baseline = fixtures(assignment)[0].expected
    course = course_copy(tmp_path / "course", names=[assignment])
    scores = grade_tricks(course.root, course, assignment, TRICKS)
    flagged = {}
    for finding in inspect_class(course.root, assignment):
        if finding.action == "note":
            flagged.setdefault(Path(finding.path).parts[1], []).append(finding.message)
    problems = []
    for trick in TRICKS:
        if trick.preventable:
            got = {cell: scores[trick.name].get(cell) or 0 for cell in baseline}
            gained = {cell: (got[cell], baseline[cell]) for cell in baseline if got[cell] > baseline[cell]}
            if gained:
                problems.append(f"{trick.name} earned points (score, baseline): {gained}")
        elif trick.name not in flagged:
            problems.append(f"{trick.name} was not flagged by the checks")
    assert not problems, "\n".join(problems)
    # Every trick that leaves code in the notebook is also named for the instructor.
    for trick in TRICKS:
        if trick.added_cell or "globals" in trick.after_answer:
            assert trick.name in flagged, f"{trick.name} is not flagged"


# The control costs as much as the test: three exercises of different kinds (short answers; Carr's whole book;
# the capstone's evidence log) show that the tricks do earn points without the course's grading steps.
CONTROLLED = [a for a in ASSIGNMENTS if a.startswith(("00", "04", "09"))]


@pytest.mark.parametrize("assignment", CONTROLLED)
def test_the_tricks_earn_points_without_the_course_grading_steps(tmp_path, assignment):
    baseline = fixtures(assignment)[0].expected
    control = course_copy(tmp_path / "control", NBGRADER_DEFAULTS, names=[assignment])
    unguarded = grade_tricks(control.root, control, assignment, [t for t in TRICKS if t.name in CONTROLS])
    earned = {name: sum(unguarded[name].get(c) or 0 for c in baseline) for name in CONTROLS}
    assert all(points > sum(baseline.values()) for points in earned.values()), \
        f"without the course's grading steps a trick earns no more than the {sum(baseline.values())} points of the wrong answers: {earned}"


def honest_submissions():
    for assignment in ASSIGNMENTS:
        yield assignment, "model answers", model_answers(assignment)
        for fixture in fixtures(assignment):
            yield assignment, fixture.name, fixture.answers


@pytest.mark.parametrize("assignment, name, answers", list(honest_submissions()),
                         ids=[f"{a}/{n}" for a, n, _ in honest_submissions()])
def test_honest_work_is_not_flagged(assignment, name, answers):
    for path in sorted((COURSE_ROOT / "exercises" / assignment).glob("*.ipynb")):
        release_nb = nbformat.read(str(path), as_version=4)
        modules, functions = setup_names(release_nb)
        for cell in fill_answers(release_nb, answers).cells:
            if cell.cell_type == "code" and is_answer_cell(cell):
                assert not suspicious(cell.source, modules, functions), (nbgrader_meta(cell)["grade_id"], cell.source)
