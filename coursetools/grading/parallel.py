"""Autograde a class on every core, with a gradebook that stays consistent.

``nbgrader autograde`` grades one submission after another, and its gradebook is
one SQLite file: two autograde processes writing to it at the same time can fail
with "database is locked". :func:`grade_class` is the faster route:

1. each of ``workers`` processes gets its *own copy* of the gradebook, and
   grades submissions with nbgrader's own autograder through its Python API
   (one start-up per worker, not one per command), taking the next submission
   as soon as it is free;
2. the notebooks go to ``autograded/`` as usual (one folder per submission, so
   the workers never write the same file);
3. when all are done, one process copies what the autograder wrote (automatic
   scores, automatic comments, timestamps, late penalties; never a manual
   grade) from the workers' gradebooks into the course's gradebook, then checks
   that every submission's score there equals the score its worker computed;
4. a student's code runs in a kernel started by a worker, and can end that
   worker (in the default set-up it runs as you). Then the submissions that
   were being graded are graded again one by one, the one that ends its worker
   is reported as not graded, and the rest of the class is still graded.

From the course folder: ``python -m coursetools.grading.parallel [ASSIGNMENT ...]``
grades every submission in ``submitted/`` (of the assignments named, or all),
after the checks of :mod:`coursetools.grading.checks`, and prints a table.

>>> gradebook_path("sqlite:////srv/course/gradebook.db")
PosixPath('/srv/course/gradebook.db')
"""
from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy.exc import SAWarning

from ..release import COURSE_ROOT, nbgrader_api
from .checks import explain_failure, inspect_class
from .gradebook import register_missing


class InconsistentGradebook(RuntimeError):
    """The course's gradebook does not hold what the workers computed."""


@dataclass
class Outcome:
    """How the autograding of one submission went."""

    assignment: str
    student: str
    success: bool
    seconds: float
    message: str = ""
    gradebook: str = ""   # the worker's gradebook file that holds the result
    log: str = ""         # nbgrader's log of a failed autograde


def gradebook_path(db_url: str) -> Path | None:
    """The file of a SQLite gradebook URL, or None for another database."""
    prefix = "sqlite:///"
    return Path(db_url[len(prefix):]) if db_url.startswith(prefix) else None


def submitted(root: Path = COURSE_ROOT, assignments=None, submitted_dir: str = "submitted") -> list[tuple[str, str]]:
    """(assignment, student) of every folder ``submitted/STUDENT/ASSIGNMENT``, sorted by assignment then student."""
    pairs = [(p.name, p.parent.name) for p in (root / submitted_dir).glob("*/*") if p.is_dir()]
    return sorted(pair for pair in pairs if not assignments or pair[0] in assignments)


def copy_gradebook(source: Path, target: Path) -> None:
    """Copy a SQLite gradebook safely, even while it is open (SQLite's backup API)."""
    with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _failure(result: dict) -> str:
    """Plain words for a failed autograde: the cause is in the log, the error is nbgrader's summary."""
    return explain_failure(result.get("log", "") + "\n" + result.get("error", ""))


def _log_of(result: dict) -> str:
    return "\n".join(part for part in (result.get("log", ""), result.get("error", "")) if part)


def _quiet() -> None:
    """nbgrader 0.9 with SQLAlchemy 2 warns at every autograde; the gradebook is consistent (merge() checks it)."""
    warnings.filterwarnings("ignore", message="Object of type <Submitted", category=SAWarning)


# --- worker processes -------------------------------------------------------------------------------------------
_WORKER = {}
KILLED = ("The grading process stopped while it graded this submission (its code may have ended the autograder). "
          "Not graded: read the code before grading it alone.")


def _start_worker(root: str, overrides: dict, gradebooks, started) -> None:
    _quiet()
    path = gradebooks.get()
    _WORKER.update(gradebook=path, started=started,
                   api=nbgrader_api(Path(root), **overrides, db_url=f"sqlite:///{path}"))


def _grade(pair: tuple[str, str]) -> Outcome:
    assignment, student = pair
    _WORKER["started"].append(pair)   # through the manager process: recorded even if this worker is then killed
    start = time.perf_counter()
    result = _WORKER["api"].autograde(assignment, student, force=True, create=True)
    message, log = ("", "") if result["success"] else (_failure(result), _log_of(result))
    return Outcome(assignment, student, result["success"], time.perf_counter() - start, message, _WORKER["gradebook"],
                   log)


def _run_pool(batch, workers: int, main_db: Path, settings: dict, scratch: Path, context, manager):
    """Grade ``batch`` in a pool of fresh workers; return (outcomes, pairs lost when a worker died, pairs started)."""
    gradebooks, started = context.Queue(), manager.list()
    for _ in range(workers):
        handle, name = tempfile.mkstemp(suffix=".db", dir=scratch)
        os.close(handle)
        copy = Path(name)
        copy_gradebook(main_db, copy)
        gradebooks.put(str(copy))
    outcomes, lost = [], []
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(settings["root"], settings, gradebooks, started)) as pool:
        futures = {pool.submit(_grade, pair): pair for pair in batch}
        for future in as_completed(futures):
            try:
                outcomes.append(future.result())
            except BrokenProcessPool:
                lost.append(futures[future])
    return outcomes, lost, {tuple(pair) for pair in started}


# --- merging ----------------------------------------------------------------------------------------------------
def copy_autograde_results(source: Gradebook, target: Gradebook, assignment: str, student: str) -> None:
    """Copy into ``target`` what nbgrader's autograder wrote in ``source`` for one submission.

    Manual scores, manual comments and extra credit in ``target`` are left as they are.
    """
    done = source.find_submission(assignment, student)
    person = done.student
    target.update_or_create_student(student, first_name=person.first_name, last_name=person.last_name,
                                    email=person.email, lms_user_id=person.lms_user_id)
    extra = {"timestamp": done.timestamp} if done.timestamp else {}
    target.update_or_create_submission(assignment, student, **extra)
    for notebook in done.notebooks:
        mine = target.find_submission_notebook(notebook.name, assignment, student)
        mine.late_submission_penalty = notebook.late_submission_penalty
        for grade in notebook.grades:
            kept = target.find_grade(grade.name, notebook.name, assignment, student)
            kept.auto_score, kept.needs_manual_grade = grade.auto_score, grade.needs_manual_grade
        for comment in notebook.comments:
            target.find_comment(comment.name, notebook.name, assignment, student).auto_comment = comment.auto_comment
    target.db.commit()


def _scores(gradebook: Gradebook, assignment: str, student: str):
    submission = gradebook.find_submission(assignment, student)
    return submission.score, sorted((g.notebook.name, g.name, g.auto_score) for n in submission.notebooks
                                    for g in n.grades)


def merge(outcomes: list[Outcome], db_url: str, course_id: str) -> None:
    """Copy every worker's results into the gradebook at ``db_url``, then check they agree; raise if not."""
    by_file = {}
    for outcome in outcomes:
        by_file.setdefault(outcome.gradebook, []).append(outcome)
    problems = []
    with Gradebook(db_url, course_id) as target:
        for path, group in by_file.items():
            with Gradebook(f"sqlite:///{path}", course_id) as source:
                for outcome in group:
                    try:
                        source.find_submission(outcome.assignment, outcome.student)
                    except MissingEntry:   # nbgrader stopped before it recorded anything
                        continue
                    copy_autograde_results(source, target, outcome.assignment, outcome.student)
                for outcome in group:
                    try:
                        expected = _scores(source, outcome.assignment, outcome.student)
                    except MissingEntry:
                        continue
                    if _scores(target, outcome.assignment, outcome.student) != expected:
                        problems.append(f"{outcome.student}/{outcome.assignment}")
    if problems:
        raise InconsistentGradebook(f"the gradebook differs from the workers' results for: {', '.join(problems)}")


@contextlib.contextmanager
def worker_scratch(root: Path):
    """A folder for the workers' gradebooks in ``.grading-workers/`` of the course, removed afterwards; folders that
    a killed run left there (their process is gone) are removed first."""
    base = Path(root) / ".grading-workers"
    base.mkdir(exist_ok=True)
    for old in base.glob("run-*"):
        pid = old.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f"run-{os.getpid()}-", dir=base))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            base.rmdir()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- the route --------------------------------------------------------------------------------------------------
def grade_class(pairs, root: Path = COURSE_ROOT, workers: int | None = None, **overrides) -> list[Outcome]:
    """Autograde each (assignment, student) of ``pairs`` in the course at ``root``; return one Outcome each.

    ``workers`` defaults to the number of cores. ``overrides`` set CourseDirectory traits, as in
    :func:`coursetools.release.nbgrader_api` (a test points ``root`` and ``db_url`` at a copy of the course).
    """
    pairs, root = list(pairs), Path(root)
    settings = {"root": str(root), **overrides}
    register_missing(root, sorted({assignment for assignment, _ in pairs}), **settings)
    api = nbgrader_api(root, **settings)
    db_url, course_id = api.coursedir.db_url, api.coursedir.course_id
    main_db = gradebook_path(db_url)
    workers = min(workers or os.cpu_count() or 1, len(pairs) or 1)
    if workers == 1 or main_db is None:
        outcomes = []
        for assignment, student in pairs:
            start = time.perf_counter()
            result = api.autograde(assignment, student, force=True, create=True)
            failed = not result["success"]
            outcomes.append(Outcome(assignment, student, result["success"], time.perf_counter() - start,
                                    _failure(result) if failed else "", log=_log_of(result) if failed else ""))
        return outcomes
    settings.pop("db_url", None)
    outcomes = []
    with worker_scratch(root) as scratch:
        context = multiprocessing.get_context("spawn")
        with context.Manager() as manager:
            batches = [pairs]
            while batches:   # a worker that dies (killed by the code it runs) loses the pool; find who did it
                batch = batches.pop(0)
                done, lost, started = _run_pool(batch, min(workers, len(batch)), main_db, settings, Path(scratch),
                                                context, manager)
                outcomes += done
                suspects = [pair for pair in lost if pair in started]
                if len(batch) == 1 and lost:
                    outcomes.append(Outcome(*batch[0], False, 0.0, KILLED))
                elif suspects:
                    batches += [[pair] for pair in suspects] + [[pair for pair in lost if pair not in suspects]]
                elif lost:
                    batches += [lost[:len(lost) // 2], lost[len(lost) // 2:]]
                batches = [b for b in batches if b]
        merge([o for o in outcomes if o.gradebook], db_url, course_id)
    order = {pair: i for i, pair in enumerate(pairs)}
    return sorted(outcomes, key=lambda o: order[(o.assignment, o.student)])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Autograde every submission in submitted/ on every core.")
    parser.add_argument("assignments", nargs="*", help="assignments to grade (default: every one submitted)")
    parser.add_argument("--root", default=".", help="the course folder (default: here)")
    parser.add_argument("--workers", type=int, default=None, help="processes (default: one per core)")
    args = parser.parse_args(argv)
    _quiet()
    root = Path(args.root).resolve()
    pairs = submitted(root, args.assignments)
    for assignment in sorted({a for a, _ in pairs}):
        for finding in inspect_class(root, assignment):
            print(finding)
    start = time.perf_counter()
    outcomes = grade_class(pairs, root, args.workers)
    elapsed = time.perf_counter() - start
    api = nbgrader_api(root, root=str(root))
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        for o in outcomes:
            if o.success:
                s = gb.find_submission(o.assignment, o.student)
                print(f"{o.student:<24} {o.assignment:<28} {s.score:6.1f} / {s.max_score:.1f}"
                      + ("   (written answers to grade)" if s.needs_manual_grade else ""))
            else:
                print(f"{o.student:<24} {o.assignment:<28} NOT GRADED: {o.message}")
    failed = [o for o in outcomes if not o.success]
    print(f"{len(outcomes)} submissions in {elapsed:.0f} s ({elapsed / max(len(outcomes), 1):.2f} s each); "
          f"{len(failed)} not graded.")
    if failed:
        log = write_failure_log(root, failed)
        print(f"What nbgrader said about each submission not graded: {log.relative_to(root)}")
    return 1 if failed else 0


def write_failure_log(root: Path, failed, folder: str = "logs") -> Path:
    """Write nbgrader's log of each failed autograde to ``logs/grade-DATE-TIME.log`` in the course; return its path."""
    path = Path(root) / folder / time.strftime("grade-%Y%m%d-%H%M%S.log")
    path.parent.mkdir(exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        for outcome in failed:
            out.write(f"=== {outcome.student} / {outcome.assignment}: {outcome.message}\n{outcome.log or '(no log)'}\n\n")
    return path


if __name__ == "__main__":
    sys.exit(main())
