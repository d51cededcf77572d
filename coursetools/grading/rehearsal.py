"""Try the whole round trip on this machine before the term: release, fetch, submit, collect, grade, feedback.

``make rehearsal`` (or ``python -m coursetools.grading.rehearsal``) makes a
scratch course in a new folder (a copy of ``solutions/`` and the configuration:
your own course and gradebook are not touched), with an nbgrader exchange that
exists, and plays both parts:

- the instructor releases an exercise, collects, grades (``make grade``'s route),
  generates and releases feedback;
- a student fetches the exercise, answers it (the model answers, so that the
  score says the checks work), submits, and fetches the feedback.

Run as root with ``--student-account NAME`` (an existing account; INSTRUCTORS.md
shows how to make one), the student's steps run under that account, with the
course environment every account can run (``dev/install-shared-env.sh``): the
exchange's permissions are tried as they will be on a shared machine. Without
it, the student is simulated under your own account with an explicit student
id, as nbgrader allows. It prints each step and where to find the feedback.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..release import COURSE_ROOT, nbgrader_api
from .sandbox import LAUNCHER, shared_python

STUDENT_ID = "rehearsal-student"


class Student:
    """Runs the student's nbgrader commands: under ``account`` (needs root), or as the caller with an explicit id."""

    def __init__(self, folder: Path, exchange: Path, course_id: str, account: str = "", python: str = "",
                 student_id: str = STUDENT_ID):
        self.account, self.python = account, python or sys.executable
        self.home = folder / "student-home"
        self.work = self.home / "work"
        self.work.mkdir(parents=True)
        config = self.home / "jupyter"
        config.mkdir()
        (config / "nbgrader_config.py").write_text(   # what a hub's global configuration says
            f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\nc.CourseDirectory.course_id = {course_id!r}\n",
            encoding="utf-8")
        self.id = account or student_id
        if account:
            import pwd

            entry = pwd.getpwnam(account)
            for path in [self.home, *self.home.rglob("*")]:
                os.chown(path, entry.pw_uid, entry.pw_gid)

    def run(self, *args: str) -> str:
        command = [self.python, "-m", "nbgrader", *args]
        if self.account:
            command = [sys.executable, str(LAUNCHER), "--user", self.account, "--home", str(self.home), "--", *command]
            env = dict(os.environ)
        else:
            command.append(f"--student={self.id}")
            env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
            env.update(HOME=str(self.home), JUPYTER_CONFIG_DIR=str(self.home / "jupyter"),
                       JUPYTER_DATA_DIR=str(self.home / "jupyter-data"), JUPYTER_RUNTIME_DIR=str(self.home / "runtime"))
        done = subprocess.run(command, cwd=self.work, env=env, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise RuntimeError(f"the student's `nbgrader {' '.join(args)}` failed:\n{(done.stdout + done.stderr)[-3000:]}")
        return done.stdout + done.stderr

    def answer(self, assignment: str, answers: dict) -> None:
        """Fill in the fetched notebooks as the student would (the files keep their owner)."""
        import nbformat

        for path in sorted((self.work / assignment).glob("*.ipynb")):
            nb = nbformat.read(str(path), as_version=4)
            for cell in nb.cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                if cell.metadata.get("nbgrader", {}).get("solution") and grade_id in answers:
                    cell.source = answers[grade_id]
            nbformat.write(nb, str(path))   # the same file: it keeps its owner


def model_answers(root: Path, assignment: str) -> dict:
    answers = {}
    for path in sorted((root / "solutions" / assignment).glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("solution"):
                source = "".join(cell["source"])
                answers[meta["grade_id"]] = "\n".join(line for line in source.split("\n")
                                                      if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
    return answers


def rehearse(folder: Path, assignment: str = "00-orientation", account: str = "", python: str = "",
             say=print) -> dict:
    """Play the round trip in ``folder`` (made if needed); return what happened (scores, feedback page)."""
    from nbgrader.api import Gradebook

    from .parallel import grade_class

    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o755)   # the student's account goes through it to the exchange and its home
    course, exchange = folder / "course", folder / "exchange"
    course.mkdir(mode=0o700)
    exchange.mkdir()
    os.chmod(exchange, 0o1777)   # as on a shared machine: everyone writes, nobody removes another's files
    shutil.copytree(COURSE_ROOT / "solutions", course / "solutions")
    shutil.copytree(COURSE_ROOT / "coursetools", course / "coursetools", ignore=shutil.ignore_patterns("__pycache__"))
    config = (COURSE_ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
    extra = f"\n# The rehearsal's exchange\nc.Exchange.root = {str(exchange)!r}\n"
    if not account:   # one account plays both parts: nbgrader would refuse a submission its owner did not make
        extra += "c.ExchangeCollect.check_owner = False\n"
    (course / "nbgrader_config.py").write_text(config + extra, encoding="utf-8")
    api = nbgrader_api(course, root=str(course))
    course_id = api.coursedir.course_id

    def step(what, result):
        if isinstance(result, dict) and not result.get("success", True):
            raise RuntimeError(f"{what} failed:\n{result.get('error') or result.get('log')}")
        say(f"  ok  {what}")

    say(f"Rehearsal in {folder} (course {course_id!r}, exchange {exchange}, student "
        f"{'account ' + account if account else STUDENT_ID + ' under your own account'})")
    step(f"instructor: generate and release {assignment}", api.generate_assignment(assignment, force=True, create=True))
    step("instructor: release to the exchange", api.release_assignment(assignment))
    student = Student(folder, exchange, course_id, account, python or (shared_python() if account else ""))
    step("student: fetch", student.run("fetch_assignment", assignment))
    student.answer(assignment, model_answers(course, assignment))
    step("student: answer and submit", student.run("submit", assignment))
    step("instructor: collect", api.collect(assignment))
    outcomes = grade_class([(assignment, student.id)], course, workers=1)
    if not outcomes[0].success:
        raise RuntimeError(f"grading failed: {outcomes[0].message}\n{outcomes[0].log[-3000:]}")
    step("instructor: grade (make grade)", {})
    step("instructor: generate feedback", api.generate_feedback(assignment))
    step("instructor: release feedback", api.release_feedback(assignment))
    step("student: fetch feedback", student.run("fetch_feedback", assignment))
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id) as gb:
        submission = gb.find_submission(assignment, student.id)
        auto = {g.name: (g.auto_score, g.max_score) for n in submission.notebooks for g in n.grades
                if g.auto_score is not None and not g.needs_manual_grade}
    pages = sorted((student.work / assignment / "feedback").glob("*/*.html"))
    say(f"Autograded points: {sum(s for s, _ in auto.values()):g} of {sum(m for _, m in auto.values()):g} "
        "(the model answers: all of them); the written answers wait for you in the formgrader.")
    say(f"The student's feedback: {pages[-1] if pages else 'MISSING'}")
    return {"folder": folder, "student": student.id, "auto": auto, "feedback": pages}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", default="", help="where to rehearse (default: a new folder in /tmp, kept)")
    parser.add_argument("--assignment", default="00-orientation")
    parser.add_argument("--student-account", default="", help="an existing account to play the student (needs root)")
    parser.add_argument("--student-python", default="", help="a Python that account can run (default: the shared "
                                                             "environment of dev/install-shared-env.sh)")
    args = parser.parse_args(argv)
    if args.student_account and os.geteuid() != 0:
        parser.error("--student-account needs root (sudo): only root can run the student's steps as that account")
    if args.student_account and not (args.student_python or shared_python()):
        parser.error("no Python the student's account can run: run `sudo sh dev/install-shared-env.sh` first")
    folder = Path(args.folder) if args.folder else Path(tempfile.mkdtemp(prefix="party-struggle-rehearsal-"))
    try:
        rehearse(folder, args.assignment, args.student_account, args.student_python)
    except RuntimeError as err:
        print(f"The rehearsal stopped: {err}", file=sys.stderr)
        return 1
    print(f"Everything is in {folder}; remove it when you have looked (rm -rf {folder}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
