"""The instructor's workflow, end to end on this machine (the first two assignments of solutions/, or all of them
with GRADING_E2E_ALL=1).

With a real nbgrader exchange in a temporary folder and three simulated students (each with a home, a Jupyter
configuration and a working folder of their own; as all of them are one operating-system account here, each one's
id is given explicitly, as ``nbgrader submit --student`` does): add the roster, release, fetch, work, submit (one
student submits twice), collect, autograde (the course's ``python -m coursetools.grading.parallel``), grade the
written answers through the gradebook API as the formgrader does, regrade one student (the plain ``nbgrader
autograde`` command), generate and release feedback, fetch it as the students, export grades to CSV (``nbgrader
export``). The students' steps are the buttons of JupyterLab's Assignments tab, run as nbgrader's extension runs
them; the instructor's other steps go through nbgrader's Python API, as the formgrader's buttons do.

Then the route without an exchange: notebooks downloaded from Canvas in a zip, imported with ``nbgrader
zip_collect`` and graded the same way. Last, the fast route (coursetools.grading.parallel) gives the grades of the
serial one.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from nbgrader.api import Gradebook

from nbgrader_course import (course_copy, file_hashes, fill_answers, fixtures, leaked_lines,
                             nbgrader_meta, notebooks, released_notebooks, run_nbgrader, secret_lines,
                             model_answers, source_notebooks, squeeze, submitted_sources, visible_text)
from coursetools.grading.parallel import grade_class, submitted
from coursetools.release import assignments

# Two assignments keep this test's time fixed as the course grows (set GRADING_E2E_ALL=1 to take every one);
# the grading and feedback of every assignment are checked by test_exercises.py and test_feedback.py.
ASSIGNMENTS = assignments() if os.environ.get("GRADING_E2E_ALL") else assignments()[:2]
STUDENTS = ["ana", "boris", "chen"]
ROSTER = {"ana": ("Ana", "Alves"), "boris": ("Boris", "Berg"), "chen": ("Chen", "Cho"), "dora": ("Dora", "Diaz")}
COMMENT = "Good use of the catalogue; cite one more line next time."


def written_ids(assignment):
    return [nbgrader_meta(c)["grade_id"] for nb in source_notebooks(assignment).values() for c in nb.cells
            if nbgrader_meta(c).get("solution") and nbgrader_meta(c).get("grade") and c.cell_type == "markdown"]


def answers_of(student, assignment):
    """What each student types: ana and chen the model code, boris a plausible wrong answer; everyone writes
    their own text (never the model answer) in the written answers."""
    code = model_answers(assignment)
    if student == "boris":
        code.update(fixtures(assignment)[0].answers)
    own_text = f"My headnote, by {student}: the text is a memoir (tarov-1936-escape:7), written for a campaign."
    code.update({grade_id: own_text for grade_id in written_ids(assignment)})
    return code


def manual_points(student, maximum):
    return {"ana": maximum - 1, "boris": 1, "chen": maximum}[student]


def expected_auto(student, assignment):
    """{test cell: points} the autograder should give."""
    tests = {nbgrader_meta(c)["grade_id"]: nbgrader_meta(c)["points"] for nb in source_notebooks(assignment).values()
             for c in nb.cells if nbgrader_meta(c).get("grade") and not nbgrader_meta(c).get("solution")}
    return fixtures(assignment)[0].expected if student == "boris" else tests


def expected_total(student, assignment):
    """The automatic points plus the points the grader gave each written answer."""
    points = {nbgrader_meta(c)["grade_id"]: nbgrader_meta(c)["points"] for nb in source_notebooks(assignment).values()
              for c in nb.cells if nbgrader_meta(c).get("grade")}
    return (sum(expected_auto(student, assignment).values())
            + sum(manual_points(student, points[cell]) for cell in written_ids(assignment)))


def student_env(home: Path, exchange: Path, course_id: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON", "MPL"))}
    env.update(HOME=str(home), JUPYTER_CONFIG_DIR=str(home / ".jupyter"), JUPYTER_PLATFORM_DIRS="1",
               JUPYTER_DATA_DIR=str(home / ".local" / "share" / "jupyter"), IPYTHONDIR=str(home / ".ipython"),
               JUPYTER_RUNTIME_DIR=str(home / ".local" / "share" / "jupyter" / "runtime"))
    (home / ".jupyter").mkdir(parents=True)
    # What a JupyterHub administrator puts in the students' global configuration.
    (home / ".jupyter" / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\nc.CourseDirectory.course_id = {course_id!r}\n")
    return env


# One student's Jupyter server: the buttons of the Assignments tab, run as nbgrader's assignment_list extension runs
# them (fetch, submit, fetch feedback), with the exchange and course id of the student's own nbgrader_config.py.
STUDENT_SERVER = """
import json, os, sys
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeFactory
from traitlets.config.loader import PyFileConfigLoader

student, steps = sys.argv[1], json.loads(sys.argv[2])
for action, assignment in steps:
    config = PyFileConfigLoader("nbgrader_config.py", path=os.environ["JUPYTER_CONFIG_DIR"]).load_config()
    config.CourseDirectory.assignment_id = assignment
    config.CourseDirectory.student_id = student   # the simulated students share one operating-system account
    coursedir = CourseDirectory(config=config)
    step = getattr(ExchangeFactory(config=config), action)
    step(coursedir=coursedir, authenticator=Authenticator(config=config), config=config).start()
"""


def as_students(steps: dict, works: dict, envs: dict) -> None:
    """Run each student's steps [(action, assignment), ...] in their own process, the students at the same time."""
    def run(student):
        done = subprocess.run([sys.executable, "-c", STUDENT_SERVER, student, json.dumps(steps[student])],
                              cwd=works[student], env=envs[student], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{student}: {steps[student]} failed:\n{done.stderr[-3000:]}"

    with ThreadPoolExecutor(max_workers=len(steps)) as pool:
        list(pool.map(run, steps))


def work_on(folder: Path, answers: dict) -> dict[str, bytes]:
    """Fill in the fetched notebooks of one assignment, as the student would; return what was saved."""
    saved = {}
    for path in notebooks(folder):
        nb = fill_answers(nbformat.read(str(path), as_version=4), answers)
        nbformat.write(nb, str(path))
        saved[path.name] = path.read_bytes()
    return saved


@pytest.fixture(scope="module")
def semester(tmp_path_factory):
    """One run of the whole workflow; the tests below check what it left behind."""
    base = tmp_path_factory.mktemp("semester")
    exchange = base / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o777)
    course = course_copy(base / "course", names=ASSIGNMENTS, extra_config=f"c.Exchange.root = {str(exchange)!r}\n"
                         "# all simulated students are one operating-system account here\n"
                         "c.ExchangeCollect.check_owner = False\n")
    root, api, course_id = course.root, course.api, course.api.coursedir.course_id
    log = {}

    # The roster, as the formgrader's "Manage Students" adds it (dora never hands anything in).
    with Gradebook(course.db_url, course_id) as gb:
        for student, (first, last) in ROSTER.items():
            gb.update_or_create_student(student, first_name=first, last_name=last, email=f"{student}@example.edu")

    for assignment in ASSIGNMENTS:
        result = api.release_assignment(assignment)
        assert result["success"], result.get("error")

    homes = {s: base / "students" / s for s in STUDENTS}
    envs = {s: student_env(homes[s], exchange, course_id) for s in STUDENTS}
    works = {s: homes[s] / "work" for s in STUDENTS}
    for folder in works.values():
        folder.mkdir()
    as_students({s: [("FetchAssignment", a) for a in ASSIGNMENTS] for s in STUDENTS}, works, envs)

    # chen hands in the untouched copy first, then the finished work; the others hand in once.
    sent = {}
    as_students({"chen": [("Submit", a) for a in ASSIGNMENTS]}, works, envs)
    for student in STUDENTS:
        for assignment in ASSIGNMENTS:
            sent[(student, assignment)] = work_on(works[student] / assignment, answers_of(student, assignment))
    as_students({s: [("Submit", a) for a in ASSIGNMENTS] for s in STUDENTS}, works, envs)

    for assignment in ASSIGNMENTS:
        result = api.collect(assignment)
        assert result["success"], result.get("error")
    collected = {key: {name: (root / "submitted" / key[0] / key[1] / name).read_bytes() for name in files}
                 for key, files in sent.items()}
    submitted_before = file_hashes(root / "submitted")

    # The course's fast route (INSTRUCTORS.md): checks, then nbgrader's autograder on every core.
    done = subprocess.run([sys.executable, "-m", "coursetools.grading.parallel", "--workers=2"], cwd=root,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    log["grading"] = done.stdout

    # The formgrader's two calls, for every written answer: a score, then a comment.
    with Gradebook(course.db_url, course_id) as gb:
        for assignment in ASSIGNMENTS:
            for student in STUDENTS:
                for nb in gb.find_submission(assignment, student).notebooks:
                    for grade in nb.grades:
                        if grade.needs_manual_grade:
                            grade.manual_score = manual_points(student, grade.max_score)
                            grade.needs_manual_grade = grade.manual_score is None and grade.auto_score is None
                            comment = gb.find_comment(grade.name, nb.name, assignment, student)
                            comment.manual_comment = COMMENT
                            gb.db.commit()
        before_regrade = {(a, s): gb.find_submission(a, s).score for a in ASSIGNMENTS for s in STUDENTS}

    # A fix in the grading set-up: ana is graded again; her manual scores must stay.
    done = run_nbgrader(["autograde", ASSIGNMENTS[0], "--student=ana", "--force"], root)
    assert done.returncode == 0, done.stderr[-3000:]

    for assignment in ASSIGNMENTS:
        for step in (api.generate_feedback, api.release_feedback):
            result = step(assignment)
            assert result["success"], result.get("error")
    as_students({s: [("FetchFeedback", a) for a in ASSIGNMENTS] for s in STUDENTS}, works, envs)

    done = run_nbgrader(["export", "--to", "grades.csv"], root)
    assert done.returncode == 0, done.stderr[-2000:]
    with Gradebook(course.db_url, course_id) as gb:
        totals = {(a, s): gb.find_submission(a, s).score for a in ASSIGNMENTS for s in STUDENTS}
        manual = {(a, s, g.name): (g.manual_score, g.needs_manual_grade) for a in ASSIGNMENTS for s in STUDENTS
                  for n in gb.find_submission(a, s).notebooks for g in n.grades if g.name in written_ids(a)}
        auto = {(a, s): {g.name: g.auto_score for n in gb.find_submission(a, s).notebooks for g in n.grades
                         if g.name not in written_ids(a)} for a in ASSIGNMENTS for s in STUDENTS}
        headers = {(a, s, n.name): f"(Score: {n.score:.1f} / {n.max_score:.1f})" for a in ASSIGNMENTS
                   for s in STUDENTS for n in gb.find_submission(a, s).notebooks}
    return SimpleNamespace(root=root, exchange=exchange, course_id=course_id, works=works, sent=sent,
                           collected=collected, submitted_before=submitted_before, totals=totals, manual=manual,
                           auto=auto, headers=headers, before_regrade=before_regrade, log=log,
                           grades=list(csv.DictReader((root / "grades.csv").open())))


def test_submissions_arrive_unchanged(semester):
    assert semester.collected == semester.sent, "what was collected differs from what the students handed in"
    assert file_hashes(semester.root / "submitted") == semester.submitted_before, "grading changed a submission"


def test_every_submission_stays_in_the_exchange(semester):
    inbound = [p.name for p in (semester.exchange / semester.course_id / "inbound").iterdir()]
    for student in STUDENTS:
        for assignment in ASSIGNMENTS:
            mine = [name for name in inbound if name.startswith(f"{student}+{assignment}+")]
            assert len(mine) == (2 if student == "chen" else 1), (student, assignment, mine)


def test_autograder_scores(semester):
    for assignment in ASSIGNMENTS:
        for student in STUDENTS:
            assert semester.auto[(assignment, student)] == expected_auto(student, assignment), (assignment, student)


def test_manual_grades_survive_regrading(semester):
    assert semester.manual, "no written answer was graded by hand"
    for (assignment, student, cell), (score, _) in semester.manual.items():
        assert score is not None, f"{student}/{assignment}/{cell} lost its manual score"
    assert semester.totals == semester.before_regrade
    # nbgrader asks the grader to look again at hand-graded cells of a regraded submission (INSTRUCTORS.md).
    assert all(flag for (a, s, _), (_, flag) in semester.manual.items() if s == "ana" and a == ASSIGNMENTS[0])


def test_students_receive_feedback_that_does_not_leak(semester):
    for student in STUDENTS:
        for assignment in ASSIGNMENTS:
            pages = sorted((semester.works[student] / assignment / "feedback").glob("*/*.html"))
            assert pages, f"{student} got no feedback for {assignment}"
            latest = [p for p in pages if p.parent == max(q.parent for q in pages)]
            own = submitted_sources(semester.root / "submitted" / student / assignment)
            secrets = [s for nb in source_notebooks(assignment).values() for s in secret_lines(nb) if squeeze(s) not in own]
            for page in latest:
                html = page.read_text(encoding="utf-8")
                assert not leaked_lines(html, secrets)
                assert COMMENT in visible_text(html), "the grader's comment is missing from the feedback"
                assert semester.headers[(assignment, student, page.stem)] in visible_text(html)


def test_grades_export_to_csv(semester):
    rows = {(r["assignment"], r["student_id"]): r for r in semester.grades}
    assert set(rows) == {(a, s) for a in ASSIGNMENTS for s in ROSTER}, "one row per assignment and student"
    for assignment in ASSIGNMENTS:
        for student in STUDENTS:
            row = rows[(assignment, student)]
            assert float(row["score"]) == pytest.approx(semester.totals[(assignment, student)])
            assert (row["first_name"], row["last_name"]) == ROSTER[student] and row["timestamp"]
            assert float(row["score"]) == expected_total(student, assignment), "score is not automatic + manual"
        absent = rows[(assignment, "dora")]
        assert float(absent["score"]) == 0 and not absent["timestamp"], "a student who never submitted gets zero"


# --- without an exchange: a zip downloaded from Canvas ----------------------------------------------------------
CANVAS_STUDENTS = {"1001": ("alvesana", "solution", ""), "1002": ("bergboris", "wrong", "late_"),
                   "1003": ("chochen", "solution", "")}


def test_canvas_zip_is_collected_and_graded(tmp_path):
    """The first assignment only: the import does not depend on what is in the notebooks."""
    course = course_copy(tmp_path / "course", names=ASSIGNMENTS[:1])
    root = course.root
    sent = {}
    for assignment in ASSIGNMENTS[:1]:
        archive = root / "downloaded" / assignment / "archive"
        archive.mkdir(parents=True)
        with zipfile.ZipFile(archive / f"{assignment}-submissions.zip", "w") as bundle:
            for user, (name, kind, late) in CANVAS_STUDENTS.items():
                answers = answers_of("boris" if kind == "wrong" else "ana", assignment)
                for nb_name, nb in released_notebooks(root, assignment).items():
                    stem = Path(nb_name).stem + ("-1" if user == "1003" else "")   # Canvas renames a resubmission
                    text = nbformat.writes(fill_answers(nb, answers))
                    bundle.writestr(f"{name}_{late}{user}_{int(user) * 7}_{stem}.ipynb", text)
                    sent[(user, assignment, nb_name)] = text.encode()
            bundle.writestr("alvesana_1001_7007_notes.txt", "not a notebook")
        done = run_nbgrader(["zip_collect", assignment, "--collector=coursetools.grading.lms.CanvasCollector"], root)
        assert done.returncode == 0, done.stderr[-3000:]
    for (user, assignment, nb_name), content in sent.items():
        path = root / "submitted" / user / assignment / nb_name
        assert path.read_bytes() == content, f"{path} differs from the file in the zip"
    assert sorted(p.name for p in (root / "submitted").iterdir()) == sorted(CANVAS_STUDENTS)
    for assignment in ASSIGNMENTS[:1]:
        for user in CANVAS_STUDENTS:   # the formgrader's "autograde" button
            result = course.api.autograde(assignment, user)
            assert result["success"], result.get("error")
    with Gradebook(course.db_url, course.api.coursedir.course_id) as gb:
        for assignment in ASSIGNMENTS[:1]:
            for user, (_, kind, _) in CANVAS_STUDENTS.items():
                scores = {g.name: g.auto_score for n in gb.find_submission(assignment, user).notebooks
                          for g in n.grades if g.name not in written_ids(assignment)}
                assert scores == expected_auto("boris" if kind == "wrong" else "ana", assignment), (assignment, user)


# --- the fast route gives the grades of the serial route -------------------------------------------------------
def test_parallel_route_gives_the_serial_grades(graded_course, tmp_path):
    """Two workers, each with its own gradebook, merged: the grades of graded_course (graded one by one), a manual
    grade already in the course's gradebook is kept, and a submission that kills its worker does not stop the rest.
    One submission of each assignment (blank, solution and wrong ones in turn) keeps the test short."""
    course = course_copy(tmp_path / "course")
    by_assignment = {}
    for assignment, student in sorted(graded_course.scores):
        by_assignment.setdefault(assignment, []).append(student)
    pairs = [(a, students[i % len(students)]) for i, (a, students) in enumerate(sorted(by_assignment.items()))]
    for assignment, student in pairs:
        shutil.copytree(graded_course.root / "submitted" / student / assignment,
                        course.root / "submitted" / student / assignment)
    assert submitted(course.root) == sorted(pairs)
    # and a submission whose code ends the process that grades it (the default set-up cannot stop that)
    killer = (pairs[0][0], "ends-its-grader")
    (release_nb,) = list(released_notebooks(course.root, killer[0]).values())[:1]
    release_nb.cells.insert(0, nbformat.v4.new_code_cell("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"))
    folder = course.root / "submitted" / killer[1] / killer[0]
    folder.mkdir(parents=True)
    nbformat.write(release_nb, str(folder / f"{killer[0]}.ipynb"))
    assignment, student = pairs[0]
    written = written_ids(assignment)[0]
    with Gradebook(course.db_url) as gb:   # graded by hand before this run (e.g. a first round, then a fix)
        gb.update_or_create_student(student)
        submission = gb.update_or_create_submission(assignment, student)
        nb_name = next(n.name for n in submission.notebooks if any(g.name == written for g in n.grades))
        gb.find_grade(written, nb_name, assignment, student).manual_score = 3
        gb.db.commit()
    outcomes = grade_class(pairs + [killer], course.root, workers=2, db_url=course.db_url)
    assert [(o.assignment, o.student) for o in outcomes if not o.success] == [killer]
    assert "stopped while it graded this submission" in outcomes[-1].message
    assert all(o.success for o in outcomes[:-1]), [o.message for o in outcomes if not o.success]
    if len(pairs) >= 4:
        assert len({o.gradebook for o in outcomes if o.gradebook}) >= 2, "both workers should have graded"
    with Gradebook(course.db_url) as gb:
        parallel = {(a, s): {g.name: (g.auto_score, g.max_score) for n in gb.find_submission(a, s).notebooks
                             for g in n.grades} for a, s in pairs}
        assert gb.find_grade(written, nb_name, assignment, student).manual_score == 3
    serial = {pair: graded_course.scores[pair] for pair in pairs}
    assert parallel == serial
