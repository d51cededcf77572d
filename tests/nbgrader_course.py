"""A temporary copy of the course in which nbgrader releases and grades every assignment.

Tests use it to check the release against exercises/, and to autograde a blank
copy, the solution and each stored wrong submission (tests/fixtures/submissions/).
The helpers at the end read feedback pages and look for the instructor's lines in them.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from coursetools.release import COURSE_ROOT, assignments, nbgrader_api

FIXTURES = COURSE_ROOT / "tests" / "fixtures" / "submissions"
# Correct answers written in another reasonable way: each replaces some of the solution's answers and must score full.
OTHER_STYLES = COURSE_ROOT / "tests" / "fixtures" / "other-styles"
SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def selected_assignments():
    """Assignments to grade: all (None), or those named in $COURSE_ASSIGNMENTS (comma-separated) while writing one."""
    chosen = os.environ.get("COURSE_ASSIGNMENTS", "").strip()
    return [name.strip() for name in chosen.split(",") if name.strip()] or None


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


def source_notebooks(assignment: str) -> dict:
    """The instructor's notebooks of an assignment, by file name."""
    return {p.name: nbformat.read(str(p), as_version=4) for p in notebooks(COURSE_ROOT / "solutions" / assignment)}


def secret_lines(nb) -> list[str]:
    """Lines of a solution notebook that must never reach a student: solutions, hidden tests, model answers
    and rubrics (the whole of each written-answer cell, and of an answer cell without solution markers).
    Lines shorter than 12 characters are too common to check.

    Written apart from coursetools.grading.feedback.source_secrets on purpose: the tests that use it check
    that code, so they must not share its idea of what is secret.
    """
    secrets = []
    for cell in nb.cells:
        lines = cell.source.split("\n")
        if is_answer_cell(cell) and (cell.cell_type == "markdown" or SOLUTION_MARKERS[0] not in cell.source):
            secrets += lines
        inside = False
        for line in lines:
            if "BEGIN SOLUTION" in line or "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END SOLUTION" in line or "END HIDDEN TESTS" in line:
                inside = False
            elif inside:
                secrets.append(line)
    return [s.strip() for s in secrets if len(s.strip()) >= 12]


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


def fixtures(assignment: str | None = None, root: Path = FIXTURES) -> list[Fixture]:
    """The stored submissions under ``root`` (the wrong ones by default; ``OTHER_STYLES`` for correct ones)."""
    folders = [root / assignment] if assignment else sorted(p for p in root.iterdir() if p.is_dir())
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


def model_answers(assignment: str) -> dict:
    """The model answers of every solution notebook of ``assignment``, by grade id."""
    return {grade_id: answer for nb in source_notebooks(assignment).values()
            for grade_id, answer in solution_answers(nb).items()}


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


def course_copy(tmp: Path, extra_config: str = "", names=None) -> Course:
    """Copy solutions/ and nbgrader_config.py (with ``extra_config`` appended) into ``tmp``, and release
    every assignment (or ``names``) there: a course in which a test can grade without touching the real one."""
    shutil.copytree(COURSE_ROOT / "solutions", tmp / "solutions")
    config = (COURSE_ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
    (tmp / "nbgrader_config.py").write_text(config + "\n# Added by the test\n" + extra_config + "\n", encoding="utf-8")
    course = Course(tmp, nbgrader_api(tmp, root=str(tmp), db_url=f"sqlite:///{tmp / 'gradebook.db'}"))
    for assignment in names or assignments():
        result = course.api.generate_assignment(assignment, force=True, create=True)
        assert result["success"], result.get("error") or result.get("log")
    return course


def released_notebooks(root: Path, assignment: str) -> dict:
    return {p.name: nbformat.read(str(p), as_version=4) for p in notebooks(root / "exercises" / assignment)}


def file_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path: to prove that nothing was lost or changed."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_nbgrader(args: list[str], cwd: Path, env: dict | None = None, timeout: float = 600):
    """Run the ``nbgrader`` command as an instructor types it; return the completed process (output as text)."""
    environment = dict(os.environ if env is None else env)
    return subprocess.run([str(Path(sys.executable).parent / "nbgrader"), *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=timeout)


def build_course(tmp: Path, names=None) -> Course:
    """Copy solutions/ into ``tmp``, release every assignment, then submit and autograde the
    blank copy, the solution, each stored wrong submission and each correct one in another style."""
    shutil.copytree(COURSE_ROOT / "solutions", tmp / "solutions")
    shutil.copy(COURSE_ROOT / "nbgrader_config.py", tmp / "nbgrader_config.py")
    api = nbgrader_api(tmp, root=str(tmp), db_url=f"sqlite:///{tmp / 'gradebook.db'}")
    course = Course(tmp, api)
    for assignment in names or assignments():
        result = api.generate_assignment(assignment, force=True, create=True)
        assert result["success"], result.get("error") or result.get("log")
        released = {p.name: nbformat.read(str(p), as_version=4) for p in notebooks(tmp / "exercises" / assignment)}
        students = {"blank": {}, "solution": model_answers(assignment)}
        for fixture in fixtures(assignment):
            students[f"wrong-{fixture.name}"] = fixture.answers
        for fixture in fixtures(assignment, OTHER_STYLES):
            students[f"style-{fixture.name}"] = {**students["solution"], **fixture.answers}
        for student, answers in students.items():
            course.submit(assignment, student, {name: fill_answers(nb, answers) for name, nb in released.items()})
            course.autograde(assignment, student)
    return course


class _TextOfHTML(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        if tag in ("style", "script") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def squeeze(text: str) -> str:
    """Collapse every run of white space to one space, so that lines compare however they were wrapped."""
    return " ".join(text.split())


def visible_text(page: str) -> str:
    """What a reader sees of an HTML page (tags, styles and scripts removed, entities decoded), squeezed."""
    parser = _TextOfHTML()
    parser.feed(page)
    return squeeze("".join(parser.parts))


def leaked_lines(page: str, secrets) -> list[str]:
    """The secrets that a feedback page shows: in its visible text, or anywhere in its raw or escaped source."""
    text = visible_text(page)
    escaped = {s: json.dumps(s)[1:-1] for s in secrets}   # as the line appears in a notebook's JSON
    return [s for s in secrets
            if squeeze(s) in text or squeeze(escaped[s]) in text or s in page or html.escape(s) in page
            or escaped[s] in page]


def submitted_sources(folder: Path) -> str:
    """Every cell source of the notebooks a student submitted, squeezed: what the student wrote or received."""
    return squeeze("\n".join(c.source for p in notebooks(folder) for c in nbformat.read(str(p), as_version=4).cells))
