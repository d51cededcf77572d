"""Grading survives being killed (issue 13.4).

A class (the first two assignments; model answers, blank copies and stored wrong submissions) is graded once
without interruption: the reference. Then, in fresh copies of the same course, each route is killed with SIGKILL
(its whole process group, as when a terminal or the machine's memory killer ends it) at several points of the
run, chosen by watching ``autograded/`` (after the first and after the fourth finished submission: no sleeping),
and run again to the end, as an instructor would. Every submission must end graded exactly once (one submission
in the gradebook, every check scored, one complete graded notebook), with the reference's scores; the gradebook
must open; a manual score given before the crash must be kept; nothing in ``submitted/`` may change. Kernels that
a killed run leaves behind are ended by the test.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from nbgrader_course import (course_copy, file_hashes, fill_answers, fixtures, nbgrader_meta, notebooks,
                             model_answers, released_notebooks, source_notebooks)
from coursetools.grading.resume import graded_notebook
from coursetools.release import assignments

ASSIGNMENTS = assignments()[:2]
KILL_AFTER = (1, 4)   # finished submissions seen in autograded/ before each kill
WAIT = 300            # seconds: an upper bound for a run to reach a kill point, not an expected duration


def make_class(course) -> list[tuple[str, str]]:
    pairs = []
    for assignment in ASSIGNMENTS:
        (name, release_nb), = released_notebooks(course.root, assignment).items()
        answers = [model_answers(assignment), {}] + [f.answers for f in fixtures(assignment)]
        for i, chosen in enumerate(answers):
            student = f"student-{i + 1}"
            course.submit(assignment, student, {name: fill_answers(release_nb, chosen)})
            pairs.append((assignment, student))
    return pairs


def written_cell(assignment: str) -> str:
    return next(nbgrader_meta(c)["grade_id"] for nb in source_notebooks(assignment).values() for c in nb.cells
                if nbgrader_meta(c).get("solution") and nbgrader_meta(c).get("grade") and c.cell_type == "markdown")


def give_manual_score(course, assignment: str, student: str, points: float) -> None:
    """A grader's score for a written answer, given before the run (as after a first round of grading)."""
    cell = written_cell(assignment)
    with Gradebook(course.db_url) as gb:
        gb.update_or_create_student(student)
        submission = gb.update_or_create_submission(assignment, student)
        notebook = next(n.name for n in submission.notebooks if any(g.name == cell for g in n.grades))
        gb.find_grade(cell, notebook, assignment, student).manual_score = points
        gb.db.commit()


def grades(course, pairs) -> dict:
    with Gradebook(course.db_url) as gb:
        assert len([s for a in gb.assignments for s in a.submissions]) == len(pairs), \
            "a submission is missing from the gradebook, or is there twice"
        return {(a, s): {g.name: (g.auto_score, g.manual_score) for n in gb.find_submission(a, s).notebooks
                         for g in n.grades} for a, s in pairs}


def finished(root: Path, since: float = 0.0) -> int:
    """Submissions with a complete graded notebook in autograded/, written at or after ``since``."""
    count = 0
    for folder in (root / "autograded").glob("*/*"):
        try:
            done = notebooks(folder) and all(graded_notebook(p) and p.stat().st_mtime >= since for p in notebooks(folder))
        except OSError:   # removed while we looked
            continue
        count += bool(done)
    return count


def environment(root: Path) -> dict:
    runtime = root.parent / f"{root.name}-runtime"
    runtime.mkdir(exist_ok=True)
    return dict(os.environ, JUPYTER_RUNTIME_DIR=str(runtime),
                PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))


def end_leftover_kernels(runtime: Path) -> int:
    """SIGKILL every process whose command line names ``runtime`` (kernels of a killed run); return how many."""
    ended = 0
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(runtime) in cmdline.read_bytes().decode(errors="replace"):
                os.kill(int(cmdline.parent.name), signal.SIGKILL)
                ended += 1
        except (OSError, ValueError):
            continue
    return ended


def run(command, root: Path, kill_after: int | None = None) -> subprocess.CompletedProcess | None:
    """Run ``command`` in the course; with ``kill_after``, SIGKILL its process group once that many submissions are
    finished (counted afresh: the routes regrade what they find)."""
    env = environment(root)
    if kill_after is None:
        return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=900)
    started = time.time()
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + WAIT
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if finished(root, since=started) >= kill_after:
                break
            time.sleep(0.05)   # polling the folder, not waiting for time to pass
        assert process.poll() is None, "the run ended before the kill point: choose an earlier one"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        time.sleep(0.5)   # let orphaned kernels notice (or not) that their parent is gone
        end_leftover_kernels(Path(env["JUPYTER_RUNTIME_DIR"]))
    return None


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    course = course_copy(tmp_path_factory.mktemp("reference"), names=ASSIGNMENTS)
    pairs = make_class(course)
    done = run([sys.executable, "-m", "coursetools.grading.parallel", "--workers=2"], course.root)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    # make grade prints what the instructor needs: no kernel's transport warning (the kernels use IPC)
    assert "without encryption" not in done.stdout + done.stderr and "submissions in" in done.stdout
    return pairs, {pair: {cell: auto for cell, (auto, _) in scores.items()} for pair, scores in grades(course, pairs).items()}


ROUTES = {
    "make-grade": lambda: [[sys.executable, "-m", "coursetools.grading.parallel", "--workers=2"]],
    "nbgrader-autograde": lambda: [[sys.executable, "-m", "nbgrader", "autograde", a] for a in ASSIGNMENTS],
}


@pytest.mark.parametrize("route", list(ROUTES))
def test_a_killed_run_ends_graded_exactly_once(reference, tmp_path, route):
    pairs, expected = reference
    course = course_copy(tmp_path / "course", names=ASSIGNMENTS)
    assert make_class(course) == pairs
    manual = (ASSIGNMENTS[0], "student-3")
    give_manual_score(course, *manual, points=2)
    before = file_hashes(course.root / "submitted")
    commands = ROUTES[route]()
    for kill_after in KILL_AFTER:
        run(commands[0], course.root, kill_after=kill_after)
    for command in commands:   # the instructor runs the same command(s) again, to the end
        done = run(command, course.root)
        assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    final = grades(course, pairs)   # also: the gradebook opens, and holds each submission once
    assert {pair: {cell: auto for cell, (auto, _) in scores.items()} for pair, scores in final.items()} == expected
    assert final[manual][written_cell(manual[0])][1] == 2, "the manual score given before the crash was lost"
    assert all(finished_folder(course.root, a, s) for a, s in pairs)
    assert sorted(str(p.relative_to(course.root)) for p in (course.root / "autograded").glob("*/*")) == \
        sorted(f"autograded/{s}/{a}" for a, s in pairs)
    assert file_hashes(course.root / "submitted") == before, "grading changed a submitted file"
    assert not (course.root / ".grading-workers").exists() or not any((course.root / ".grading-workers").iterdir())


def finished_folder(root: Path, assignment: str, student: str) -> bool:
    folder = root / "autograded" / student / assignment
    return bool(notebooks(folder)) and all(graded_notebook(p) for p in notebooks(folder))
