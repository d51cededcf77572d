"""An instructor's first grading in a fresh clone (issue 14.1), and what `make grade` says when it cannot grade.

A fresh clone has no gradebook: both routes must record the assignment themselves (from solutions/) and grade,
without `make exercises` first. When a submission cannot be graded for a reason only nbgrader's log knows, `make
grade` must print that reason (not "Please see the above traceback") and the path of a log that holds nbgrader's
whole account.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from coursetools.grading.checks import GENERIC
from nbgrader_course import COURSE_ROOT, fill_answers, model_answers, run_nbgrader

ASSIGNMENT = "00-orientation"


def fresh_course(folder: Path) -> Path:
    """solutions/, exercises/ and the configuration as a clone has them: no gradebook."""
    for part in ("solutions", "exercises", "coursetools"):
        shutil.copytree(COURSE_ROOT / part, folder / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(COURSE_ROOT / "nbgrader_config.py", folder)
    model = model_answers(ASSIGNMENT)
    release = nbformat.read(str(COURSE_ROOT / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), as_version=4)
    target = folder / "submitted" / "jdoe" / ASSIGNMENT
    target.mkdir(parents=True)
    nbformat.write(fill_answers(release, model), str(target / f"{ASSIGNMENT}.ipynb"))
    return folder


def full_marks(folder: Path) -> bool:
    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}") as gb:
        grades = [g for n in gb.find_submission(ASSIGNMENT, "jdoe").notebooks for g in n.grades
                  if g.name.endswith("-tests")]
        return bool(grades) and all(g.auto_score == g.max_score for g in grades)


def test_nbgrader_autograde_grades_a_fresh_clone(tmp_path):
    folder = fresh_course(tmp_path)
    done = run_nbgrader(["autograde", ASSIGNMENT], folder)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    assert full_marks(folder)
    assert not (folder / "exercises" / ASSIGNMENT / "timestamp.txt").exists()
    assert sorted(p.name for p in (folder / "exercises").iterdir()) == sorted(p.name for p in
                                                                             (COURSE_ROOT / "exercises").iterdir())


def test_make_grade_grades_a_fresh_clone_and_explains_a_failure(tmp_path):
    folder = fresh_course(tmp_path)
    stray = folder / "submitted" / "jdoe" / "99-not-an-assignment"   # e.g. a folder misnamed by hand
    shutil.copytree(folder / "submitted" / "jdoe" / ASSIGNMENT, stray)
    done = subprocess.run([sys.executable, "-m", "coursetools.grading.parallel", "--workers=1"], cwd=folder,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stdout + done.stderr
    assert full_marks(folder)
    line = next(l for l in done.stdout.splitlines() if "99-not-an-assignment" in l and "NOT GRADED" in l)
    assert "No assignment with ID '99-not-an-assignment' exists in the database" in line, line
    assert not any(generic.lower() in done.stdout.lower() for generic in GENERIC), done.stdout
    log = re.search(r"not graded: (logs/grade-[\d-]+\.log)", done.stdout)
    assert log, done.stdout
    text = (folder / log.group(1)).read_text(encoding="utf-8")
    assert "jdoe / 99-not-an-assignment" in text and "No assignment with ID" in text
