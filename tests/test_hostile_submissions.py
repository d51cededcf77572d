"""Broken and hostile submissions: each is graded or rejected with a clear message, the class is still graded,
and no submitted file is lost or changed.

A class of the first assignment (00) is graded with the plain ``nbgrader autograde`` command and the course's
nbgrader_config.py (a short cell timeout and small limits are added for the test): an honest student, and one
student per trick. The last tests document what the default set-up cannot prevent (the student's code runs as the
instructor) and show the remedy: the kernel under another account (run only where the tests run as root).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from nbformat.v4 import new_code_cell
from nbgrader.api import Gradebook

from gaming import TRICKS, apply_trick
from nbgrader_course import (COURSE_ROOT, course_copy, file_hashes, fill_answers, fixtures, leaked_lines,
                             nbgrader_meta, released_notebooks, run_nbgrader, secret_lines, solution_answers, squeeze,
                             submitted_sources)
from coursetools.grading.checks import explain_failure, inspect_class
from coursetools.grading.sandbox import LAUNCHER, readable_package_copy, sandbox_config
from servers import shared_environment
from coursetools.release import assignments

ASSIGNMENT = "00-orientation"
TIMEOUT = 5          # seconds per cell, for the loops
LIMITS = f"""
c.ExecutePreprocessor.timeout = {TIMEOUT}
c.SandboxKernelManager.memory_mb = 2048
c.SandboxKernelManager.file_mb = 5
"""
NOT_GRADED = "not graded"

pytestmark = pytest.mark.skipif(ASSIGNMENT not in assignments(), reason=f"{ASSIGNMENT} is not in solutions/")


def source_nb():
    return nbformat.read(str(COURSE_ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), as_version=4)


def wrong_fixture():
    return next(f for f in fixtures(ASSIGNMENT) if f.name == "zero-based-lines")


def without(nb, *grade_ids):
    nb.cells = [c for c in nb.cells if nbgrader_meta(c).get("grade_id") not in grade_ids]
    return nb


def edit(nb, changes: dict):
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in changes:
            changes[grade_id](cell)
    return nb


def first_cell(nb, source):
    nb.cells.insert(0, new_code_cell(source))
    return nb


def looping_function(signal_handling=""):
    return f"def first_line_containing(text_id, phrase):\n{signal_handling}    while True:\n        pass"


READER = """
import pathlib
solution = pathlib.Path('../../../solutions/{a}/{a}.ipynb').read_text()
print('read the solutions:', 'BEGIN HIDDEN TESTS' in solution)
print(solution[solution.index('BEGIN HIDDEN TESTS'):][:8000])
pathlib.Path('../../../hostile-was-here.txt').write_text('written by a submission')
""".format(a=ASSIGNMENT)

REWRITER = """
def skip_checks(lines):
    return ['pass\\n'] if any(line.lstrip().startswith('assert') for line in lines) else lines
get_ipython().input_transformers_cleanup.append(skip_checks)
"""

RESOURCES = """
try:
    hog = bytearray(3 * 2**30)
except MemoryError:
    print('memory refused')
try:
    with open('big.bin', 'wb') as out:
        out.write(b'x' * 20 * 2**20)
except OSError as err:
    print('file refused:', err)
"""


def cases():
    """student -> (how to make the submission from the release copy, expected scores or NOT_GRADED, message)."""
    good = solution_answers(source_nb())
    wrong = wrong_fixture()
    full = "full"
    return {
        "honest": (lambda rel: fill_answers(rel, good), full, None),
        "invalid-json": (lambda rel: nbformat.writes(fill_answers(rel, good))[:5000], NOT_GRADED,
                         "not a notebook (its JSON is broken)"),
        "deletes-cells": (lambda rel: without(fill_answers(rel, wrong.answers), "q2-tests", "q4-answer"),
                          wrong.expected, None),
        "deletes-setup-strips-check": (lambda rel: edit(without(fill_answers(rel, wrong.answers), "setup"), {
            "q1-tests": lambda c: (c.update(source="pass"), c.metadata.pop("nbgrader"))}), wrong.expected, None),
        "edits-checks": (lambda rel: edit(fill_answers(rel, wrong.answers), {
            "q2-tests": lambda c: c.update(source="pass"), "q3-tests": lambda c: c.update(source="assert True")}),
            wrong.expected, None),
        "endless-loop": (lambda rel: fill_answers(rel, {**good, "q2-answer": looping_function()}),
                         {"q1-tests": maximum("q1-tests"), "q2-tests": 0, "q3-tests": maximum("q3-tests")}, None),
        "ignores-interrupt": (lambda rel: fill_answers(rel, {**good, "q2-answer": "import signal\n"
                              "signal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"}),
                              NOT_GRADED, "ran past the time limit and would not stop"),
        "megabytes": (lambda rel: fill_answers(rel, {**good, "q1-answer": good["q1-answer"] +
                      "\nprint('x' * 5_000_000)\nfor i in range(200_000):\n    print(i)\n'y' * 3_000_000"}), full, None),
        "raises-at-start": (lambda rel: first_cell(fill_answers(rel, good), "raise RuntimeError('at the start')"),
                            full, None),
        "kills-kernel": (lambda rel: first_cell(fill_answers(rel, good), "import os\nos._exit(1)"), NOT_GRADED,
                         "Python stopped while running the notebook"),
        "hogs-resources": (lambda rel: fill_answers(rel, {**good, "q1-answer": RESOURCES + good["q1-answer"]}),
                           full, None),
        "reads-solutions": (lambda rel: fill_answers(rel, {**good, "q1-answer": good["q1-answer"] + READER}),
                            full, None),
        # Code that runs before the checks and tries to change how they run: put back before each check.
        "rewrites-checks": (lambda rel: fill_answers(rel, {**wrong.answers,
                                                          "q1-answer": good["q1-answer"] + REWRITER}),
                            {**wrong.expected, "q1-tests": maximum("q1-tests")}, None),
    }


def student_log(log: str, student: str) -> str:
    """The part of an autograde log about one student."""
    parts = log.split("Creating/updating student with ID ")
    mine = [p for p in parts if p.startswith(f"'{student}'")]
    return "\n".join(mine)


@pytest.fixture(scope="module")
def hostile_class(tmp_path_factory):
    course = course_copy(tmp_path_factory.mktemp("hostile"), LIMITS, [ASSIGNMENT])
    root = course.root
    (release_nb,) = released_notebooks(root, ASSIGNMENT).values()
    for student, (make, _, _) in cases().items():
        made = make(nbformat.from_dict(json.loads(json.dumps(release_nb))))
        folder = root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        path = folder / f"{ASSIGNMENT}.ipynb"
        path.write_text(made if isinstance(made, str) else nbformat.writes(made), encoding="utf-8")
    before = file_hashes(root / "submitted")
    findings = inspect_class(root, ASSIGNMENT)
    run = run_nbgrader(["autograde", ASSIGNMENT], root)
    feedback = course.api.generate_feedback(ASSIGNMENT, force=True)
    with Gradebook(course.db_url, course.api.coursedir.course_id) as gb:
        scores = {s.student.id: {g.name: g.auto_score for n in s.notebooks for g in n.grades}
                  for s in gb.find_assignment(ASSIGNMENT).submissions}
    return SimpleNamespace(root=root, before=before, after=file_hashes(root / "submitted"), log=run.stdout + run.stderr,
                           returncode=run.returncode, scores=scores, findings=findings, feedback=feedback,
                           autograded=root / "autograded")


def autograded(hostile_class, student):
    return nbformat.read(str(hostile_class.autograded / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), as_version=4)


def maximum(cell_id):
    return next(nbgrader_meta(c)["points"] for c in source_nb().cells if nbgrader_meta(c).get("grade_id") == cell_id)


@pytest.mark.parametrize("student", list(cases()))
def test_each_submission_is_graded_or_rejected(hostile_class, student):
    _, expected, message = cases()[student]
    graded = (hostile_class.autograded / student / ASSIGNMENT).is_dir()
    if expected == NOT_GRADED:
        assert not graded, f"{student} should have been rejected"
        assert f"for student '{student}'" in hostile_class.log, "nbgrader's summary should name the student"
        assert message in explain_failure(student_log(hostile_class.log, student)), student_log(hostile_class.log,
                                                                                                  student)[-2000:]
        return
    assert graded, f"{student} was not graded:\n{student_log(hostile_class.log, student)[-3000:]}"
    scores = {cell: score for cell, score in hostile_class.scores[student].items() if cell.endswith("-tests")}
    if expected == "full":
        expected = {cell: maximum(cell) for cell in scores}
    assert scores == expected


def test_nbgrader_reports_failure_but_grades_the_rest(hostile_class):
    assert hostile_class.returncode != 0, "nbgrader autograde should exit with an error when a submission fails"
    rejected = [s for s, (_, expected, _) in cases().items() if expected == NOT_GRADED]
    graded = sorted(p.parent.name for p in hostile_class.autograded.glob(f"*/{ASSIGNMENT}"))
    assert graded == sorted(set(cases()) - set(rejected))


def test_checks_name_the_broken_file_before_grading(hostile_class):
    by_student = {}
    for finding in hostile_class.findings:
        by_student.setdefault(Path(finding.path).parts[1], []).append(finding)
    assert [f.action for f in by_student["invalid-json"]] == ["not graded"]
    assert "not valid JSON (line" in by_student["invalid-json"][0].message
    assert {f.action for f in by_student["deletes-cells"]} == {"repaired"}
    assert any("q2-tests was deleted" in f.message for f in by_student["deletes-cells"])
    assert any("q3-tests was edited" in f.message for f in by_student["edits-checks"])
    assert "honest" not in by_student


def test_grading_prints_no_transport_warning(hostile_class):
    """The kernels talk over IPC: ipykernel's "running over TCP without encryption" never reaches the instructor."""
    assert "Running over TCP" not in hostile_class.log and "without encryption" not in hostile_class.log
    assert "Autograding" in hostile_class.log, "the log checked is not nbgrader's"


def test_no_submitted_file_is_lost_or_changed(hostile_class):
    assert hostile_class.before, "nothing was submitted"
    assert hostile_class.after == hostile_class.before


def test_deleted_written_answer_comes_back_for_manual_grading(hostile_class):
    assert hostile_class.scores["deletes-cells"]["q4-answer"] is None   # needs a grader, not a silent zero
    restored = [c for c in autograded(hostile_class, "deletes-cells").cells if nbgrader_meta(c).get("grade_id") ==
                "q4-answer"]
    assert len(restored) == 1 and "was missing from the submission" in restored[0].source


def test_megabytes_of_output_are_cut(hostile_class):
    path = hostile_class.autograded / "megabytes" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert path.stat().st_size < 200_000, f"{path.stat().st_size:,} bytes"
    assert "output cut by the autograder" in path.read_text(encoding="utf-8")


def test_resource_limits_refuse_without_failing_the_notebook(hostile_class):
    text = json.dumps(autograded(hostile_class, "hogs-resources").cells[3].outputs)
    assert "memory refused" in text and "File too large" in text


def test_timeout_is_explained_in_the_feedback(hostile_class):
    assert hostile_class.feedback["success"], hostile_class.feedback.get("error")
    page = (hostile_class.root / "feedback" / "endless-loop" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "CellTimeoutError: this cell ran longer than the time limit" in page


@pytest.mark.parametrize("student", [s for s, (_, e, _) in cases().items() if e != NOT_GRADED])
def test_feedback_of_hostile_class_does_not_leak(hostile_class, student):
    secrets = [s for s in secret_lines(source_nb())
               if squeeze(s) not in submitted_sources(hostile_class.root / "submitted" / student / ASSIGNMENT)]
    page = (hostile_class.root / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert not leaked_lines(page, secrets)


def test_default_setup_cannot_stop_reading_the_solutions_or_writing_outside(hostile_class):
    """What the default set-up does NOT prevent: the student's code runs as the instructor.

    It read the instructor's copy (the autograded notebook, which only the instructor sees, shows it), and wrote a file
    in the course folder. SafeFeedback keeps what it read out of the feedback (previous test); the remedy for the
    rest is to run the kernel under another account (next test, and INSTRUCTORS.md).
    """
    outputs = json.dumps(autograded(hostile_class, "reads-solutions").cells[3].outputs)
    assert "read the solutions: True" in outputs
    hidden = [s for s in secret_lines(source_nb()) if "first_line_containing(" in s and "== 17" in s]
    assert hidden and any(json.dumps(json.dumps(s)[1:-1])[1:-1] in outputs for s in hidden)
    assert (hostile_class.root / "hostile-was-here.txt").read_text() == "written by a submission"


def test_an_answer_that_rewrites_the_checks_earns_nothing_and_is_flagged(hostile_class):
    """An answer runs before the checks, in the same Python, and can change how they run: this one turns every later
    check into ``pass``. The course's GuardedExecute puts IPython's transformers back before each check, so its wrong
    answers to questions 2 and 3 earn what they earn without the trick (test_gaming.py tries every trick on every
    exercise); the checks before grading also flag the cell for reading."""
    wrong = wrong_fixture().expected
    rewritten = {cell: score for cell, score in hostile_class.scores["rewrites-checks"].items() if cell in wrong}
    assert {cell: rewritten[cell] for cell in ("q2-tests", "q3-tests")} == {c: wrong[c] for c in ("q2-tests", "q3-tests")}
    flagged = [f for f in hostile_class.findings if "rewrites-checks" in f.path and "get_ipython" in f.message]
    assert flagged and "Read it before trusting the score" in flagged[0].message


# --- the remedy: the kernel under another account ---------------------------------------------------------------
SANDBOX_USER = "nobody"
PROBE = "import ipykernel, partycorpus; partycorpus.catalogue()"


def sandbox_python(package_folder: Path):
    """((python, extra environment), None) that the sandbox account can run with the course's packages, or
    (None, why not) where this machine cannot (not root, no such account, no shared environment). The Python is the environment every account can run (dev/install-shared-env.sh, which
    `make test` runs); the package is a readable copy of this clone's, made in ``package_folder``: a clone kept in
    a private folder (as CI keeps it) cannot be read by the account."""
    if os.name != "posix" or os.geteuid() != 0:
        return None, "running the kernel as another account needs root"
    import pwd

    try:
        entry = pwd.getpwnam(SANDBOX_USER)
    except KeyError:
        return None, f"no account {SANDBOX_USER!r} on this machine"
    environment, reason = shared_environment()
    if environment is None:
        return None, reason
    python = str(environment / "bin" / "python")
    env = {"PYTHONPATH": str(readable_package_copy(package_folder))}
    with tempfile.TemporaryDirectory() as home:
        os.chown(home, entry.pw_uid, entry.pw_gid)
        args = [f"--env={k}={v}" for k, v in env.items()]
        probe = subprocess.run([sys.executable, str(LAUNCHER), "--user", SANDBOX_USER, "--home", home, *args,
                                "--", python, "-c", PROBE], capture_output=True, text=True, timeout=120)
    # Root, the account and the shared environment are all there: a probe that fails is a failure, not a reason to skip.
    assert probe.returncode == 0, f"{SANDBOX_USER} cannot run {python} with the course package: {probe.stderr[-500:]}"
    return (python, env), None


ESCAPE = """
import pathlib, partycorpus
def attempt(what, action):
    try:
        action()
        print(what, 'ALLOWED')
    except OSError as err:
        print(what, 'REFUSED', type(err).__name__)
attempt('read-course-solutions', lambda: pathlib.Path('../../../solutions/{a}/{a}.ipynb').read_text())
attempt('read-gradebook', lambda: pathlib.Path('../../../gradebook.db').read_bytes())
attempt('write-course-folder', lambda: pathlib.Path('../../../hostile-was-here.txt').write_text('x'))
attempt('change-other-submission',
        lambda: pathlib.Path('../../../submitted/honest/{a}/{a}.ipynb').write_text('{{}}'))
attempt('read-repository-solutions', lambda: pathlib.Path({root!r}, 'solutions/{a}/{a}.ipynb').read_text())
""".format(a=ASSIGNMENT, root=str(COURSE_ROOT))


def test_kernel_under_another_account_cannot_read_or_write_outside(tmp_path):
    """The remedy, demonstrated: the student's code runs as an unprivileged account (SandboxKernelManager.user),
    with the shared environment's Python and a readable copy of the package (the configuration of INSTRUCTORS.md
    §11). It cannot read the solutions (also not by walking up from the grading folder and running them: the trick
    of tests/gaming.py earns nothing), the gradebook, or another submission, and honest work gets full marks."""
    package = Path(tempfile.mkdtemp(prefix="psg-package-"))
    try:
        found, reason = sandbox_python(package)
        if found is None:
            pytest.skip(reason)
        python, env = found
        run_restricted(tmp_path, python, env["PYTHONPATH"])
    finally:
        shutil.rmtree(package, ignore_errors=True)


def run_restricted(tmp_path, python, package_folder):
    config = LIMITS + "\n" + sandbox_config(SANDBOX_USER, python, package_folder) + "\n"
    course = course_copy(tmp_path, config, [ASSIGNMENT])
    root = course.root
    os.chmod(root, 0o700)   # the course folder is private to the instructor (pytest's own folders are too)
    (release_nb,) = released_notebooks(root, ASSIGNMENT).values()
    good = solution_answers(source_nb())
    for student, answers in {"honest": good, "escaper": {**good, "q1-answer": good["q1-answer"] + ESCAPE}}.items():
        folder = root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(fill_answers(release_nb, answers), str(folder / f"{ASSIGNMENT}.ipynb"))
    walker = next(t for t in TRICKS if t.name == "reads-the-solutions")
    folder = root / "submitted" / walker.name / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(apply_trick(walker, release_nb, source_nb(), wrong_fixture().answers),
                   str(folder / f"{ASSIGNMENT}.ipynb"))
    before = file_hashes(root / "submitted")
    run = run_nbgrader(["autograde", ASSIGNMENT], root)
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    printed = json.dumps(nbformat.read(str(root / "autograded" / "escaper" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"),
                                       as_version=4).cells[3].outputs)
    for what in ("read-course-solutions", "read-gradebook", "write-course-folder", "change-other-submission"):
        assert f"{what} REFUSED" in printed, printed[:2000]
    assert file_hashes(root / "submitted") == before
    assert not (root / "hostile-was-here.txt").exists()
    # Honest about the limits: the account reads whatever the machine lets everyone read, such as this repository's
    # solutions/ if its permissions allow it (INSTRUCTORS.md: make solutions/ private to the instructor).
    solution = COURSE_ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    world_readable = all(os.stat(p).st_mode & 0o001 for p in solution.parents) and os.stat(solution).st_mode & 0o004
    assert ("read-repository-solutions ALLOWED" in printed) == bool(world_readable)
    with Gradebook(course.db_url, course.api.coursedir.course_id) as gb:
        for student in ("honest", "escaper"):
            submission = gb.find_submission(ASSIGNMENT, student)
            tests = [g for n in submission.notebooks for g in n.grades if g.name.endswith("-tests")]
            assert all(g.auto_score == g.max_score for g in tests), student
        walked = {g.name: g.auto_score for n in gb.find_submission(ASSIGNMENT, walker.name).notebooks
                  for g in n.grades if g.name in wrong_fixture().expected}
        assert walked == wrong_fixture().expected, "walking up to solutions/ earned points under the sandbox account"
