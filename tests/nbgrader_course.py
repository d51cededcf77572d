"""A temporary copy of the course in which nbgrader releases and grades every assignment.

Tests use it to check the release against exercises/, and to autograde a blank
copy, the solution and each stored wrong submission (tests/fixtures/submissions/).
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from partycorpus.release import COURSE_ROOT, assignments, nbgrader_api

FIXTURES = COURSE_ROOT / "tests" / "fixtures" / "submissions"
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_test_cell(cell) -> bool:
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and not meta.get("solution") and cell.cell_type == "code"


def is_answer_cell(cell) -> bool:
    return bool(nbgrader_meta(cell).get("solution"))


def notebooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb"))


def strip_solution_markers(source: str) -> str:
    return "\n".join(line for line in source.split("\n") if line.strip() not in SOLUTION_MARKERS)


@dataclass
class Fixture:
    """A stored submission: answers that replace the blank answer cells, and the expected score of each test cell."""

    assignment: str
    name: str
    description: str
    answers: dict
    expected: dict
    path: Path | None = None

    @classmethod
    def load(cls, path: Path) -> "Fixture":
        data = json.loads(path.read_text(encoding="utf-8"))
        answers = {key: "\n".join(value) if isinstance(value, list) else value for key, value in data["answers"].items()}
        return cls(path.parent.name, path.stem, data["description"], answers, data["expected"], path)


def fixtures(assignment: str | None = None) -> list[Fixture]:
    folders = [FIXTURES / assignment] if assignment else sorted(p for p in FIXTURES.iterdir() if p.is_dir())
    return [Fixture.load(p) for folder in folders for p in sorted(folder.glob("*.json"))]


def fill_answers(release_nb, answers: dict):
    """Return a copy of a release notebook with answer cells replaced by ``answers`` (grade_id -> source)."""
    nb = nbformat.from_dict(json.loads(json.dumps(release_nb)))
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if is_answer_cell(cell) and grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def solution_answers(source_nb) -> dict:
    """The model answers of a solution notebook, as a student would type them."""
    return {nbgrader_meta(c)["grade_id"]: strip_solution_markers(c.source) for c in source_nb.cells if is_answer_cell(c)}


@dataclass
class Course:
    root: Path
    api: object
    scores: dict = field(default_factory=dict)   # (assignment, student) -> {grade_id: (score, max_score)}
    errors: dict = field(default_factory=dict)   # (assignment, student) -> log of a failed autograde

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.root / 'gradebook.db'}"

    def submit(self, assignment: str, student: str, notebooks_by_name: dict) -> None:
        folder = self.root / "submitted" / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        for name, nb in notebooks_by_name.items():
            nbformat.write(nb, str(folder / name))

    def autograde(self, assignment: str, student: str) -> None:
        result = self.api.autograde(assignment, student, force=True, create=True)
        if not result["success"]:
            self.errors[(assignment, student)] = result.get("error") or result.get("log")
            return
        with Gradebook(self.db_url, course_id=self.api.coursedir.course_id) as gb:
            submission = gb.find_submission(assignment, student)
            self.scores[(assignment, student)] = {
                grade.name: (grade.auto_score, grade.max_score)
                for nb in submission.notebooks for grade in nb.grades
            }


def build_course(tmp: Path, names=None) -> Course:
    """Copy solutions/ into ``tmp``, release every assignment, then submit and autograde the
    blank copy, the solution and each stored wrong submission."""
    shutil.copytree(COURSE_ROOT / "solutions", tmp / "solutions")
    shutil.copy(COURSE_ROOT / "nbgrader_config.py", tmp / "nbgrader_config.py")
    api = nbgrader_api(tmp, root=str(tmp), db_url=f"sqlite:///{tmp / 'gradebook.db'}")
    course = Course(tmp, api)
    for assignment in names or assignments():
        result = api.generate_assignment(assignment, force=True, create=True)
        assert result["success"], result.get("error") or result.get("log")
        released = {p.name: nbformat.read(str(p), as_version=4) for p in notebooks(tmp / "exercises" / assignment)}
        sources = {p.name: nbformat.read(str(p), as_version=4) for p in notebooks(tmp / "solutions" / assignment)}
        students = {"blank": {}, "solution": {}}
        for name, nb in sources.items():
            students["solution"].update(solution_answers(nb))
        for fixture in fixtures(assignment):
            students[f"wrong-{fixture.name}"] = fixture.answers
        for student, answers in students.items():
            course.submit(assignment, student, {name: fill_answers(nb, answers) for name, nb in released.items()})
            course.autograde(assignment, student)
    return course
