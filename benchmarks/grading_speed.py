"""How long autograding takes on this machine: seconds per submission, by three routes.

A simulated class (60 submissions by default, spread over every assignment in solutions/, made of model answers,
blank copies and the stored wrong submissions) is graded three times, each time in a fresh temporary copy of the
course with the course's own nbgrader_config.py:

1. ``nbgrader autograde ASSIGNMENT``, the plain command, once per assignment (it grades the whole class);
2. coursetools.grading.parallel with one worker: nbgrader's autograder through its Python API, in one process;
3. coursetools.grading.parallel with one worker per core, each with its own copy of the gradebook, merged at the end.

It prints the seconds per submission of each route, checks that the three gradebooks hold the same grades, and
says what that means for a class of 200. Nothing in the course folder is changed.

    make grade-benchmark                       # or:
    python benchmarks/grading_speed.py --submissions 60 --workers 2
    python benchmarks/grading_speed.py --profile   # where the time of one submission goes, per assignment
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

import nbformat
import nbgrader
from nbgrader.api import Gradebook
from sqlalchemy.exc import SAWarning

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "dev"))

from nbgrader_course import fill_answers, fixtures, model_answers, notebooks, run_nbgrader  # noqa: E402
from coursetools.grading.parallel import grade_class  # noqa: E402
from coursetools.release import assignments, nbgrader_api  # noqa: E402
from jupyter_scratch import use_scratch  # noqa: E402


def make_course(folder: Path):
    """A copy of the course's solutions/ and nbgrader_config.py, with every assignment released."""
    shutil.copytree(ROOT / "solutions", folder / "solutions")
    shutil.copy(ROOT / "nbgrader_config.py", folder / "nbgrader_config.py")
    api = nbgrader_api(folder, root=str(folder), db_url=f"sqlite:///{folder / 'gradebook.db'}")
    for assignment in assignments():
        result = api.generate_assignment(assignment, force=True, create=True)
        if not result["success"]:
            raise SystemExit(f"could not release {assignment}:\n{result.get('error')}")
    return api


def simulated_class(count: int) -> list[tuple[str, str, dict]]:
    """(assignment, student, answers) for ``count`` submissions: model answers, blank copies, wrong answers in turn."""
    kinds = {}
    for assignment in assignments():
        kinds[assignment] = [model_answers(assignment), {}] + [f.answers for f in fixtures(assignment)]
    names = assignments()
    work = []
    for i in range(count):
        assignment = names[i % len(names)]
        options = kinds[assignment]
        work.append((assignment, f"student-{i // len(names) + 1:03d}", options[(i // len(names)) % len(options)]))
    return work


def submit(folder: Path, work) -> None:
    for assignment, student, answers in work:
        target = folder / "submitted" / student / assignment
        target.mkdir(parents=True)
        for path in notebooks(folder / "exercises" / assignment):
            nbformat.write(fill_answers(nbformat.read(str(path), as_version=4), answers), str(target / path.name))


def grades(api) -> dict:
    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        return {(s.assignment.name, s.student.id): (s.score, tuple(sorted((g.name, g.auto_score) for n in s.notebooks
                                                                          for g in n.grades)))
                for a in gb.assignments for s in a.submissions}


# --- where the time goes --------------------------------------------------------------------------------------
CARR = "carr-1959-socialism-vol2"


def _kind(cell) -> str:
    meta = cell.metadata.get("nbgrader", {})
    if meta.get("grade") and not meta.get("solution"):
        return "checks"
    if meta.get("locked"):
        return "set-up"
    return "answers"


def _seconds(cell) -> float:
    times = cell.metadata.get("execution", {})
    start, end = times.get("iopub.execute_input"), times.get("shell.execute_reply")
    if not (start and end):
        return 0.0
    from datetime import datetime
    return (datetime.fromisoformat(end.replace("Z", "+00:00")) - datetime.fromisoformat(start.replace("Z", "+00:00"))
            ).total_seconds()


def _start_kernel():
    """A fresh kernel over IPC, as the grading kernels are, and its client, ready."""
    from coursetools.grading.transport import IPCKernelManager

    km = IPCKernelManager(kernel_name="python3")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
    except RuntimeError:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise
    return km, kc


def _kernel_start() -> float:
    start = time.perf_counter()
    km, kc = _start_kernel()
    elapsed = time.perf_counter() - start
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return elapsed


def _in_kernel(code: str) -> float:
    """Seconds a fresh kernel takes to run ``code`` (after it started)."""
    km, kc = _start_kernel()
    try:
        start = time.perf_counter()
        reply = kc.execute_interactive(code, timeout=300, output_hook=lambda msg: None)
        elapsed = time.perf_counter() - start
        return elapsed if reply["content"]["status"] == "ok" else float("nan")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def profile(folder: Path) -> None:
    """Print where the time of one submission (the model answers) goes, for every assignment."""
    from nbclient import NotebookClient

    from coursetools.grading.execute import GuardedExecute
    from coursetools.grading.sandbox import SandboxKernelManager

    api = make_course(folder)
    print(f"Kernel start (empty kernel, IPC): {_kernel_start():.2f} s")
    print(f"import partycorpus, pandas, numpy in a kernel: {_in_kernel('import partycorpus, pandas, numpy'):.2f} s")
    print(f"cleaning Carr's book in a kernel (import included): "
          f"{_in_kernel(f'from partycorpus.cleaning.pipeline import clean_file; clean_file({CARR!r})'):.2f} s")
    print(f"{'assignment':<24} {'autograde':>9} {'kernel+run':>10} {'set-up':>7} {'answers':>7} {'checks':>7} "
          f"{'guard':>6} {'nbgrader':>8}")
    for assignment in assignments():
        (path,) = notebooks(folder / "exercises" / assignment)
        submitted_nb = fill_answers(nbformat.read(str(path), as_version=4), model_answers(assignment))
        target = folder / "submitted" / "profiled" / assignment
        target.mkdir(parents=True)
        nbformat.write(submitted_nb, str(target / path.name))
        start = time.perf_counter()
        api.autograde(assignment, "profiled", force=True, create=True)
        whole = time.perf_counter() - start
        graded = nbformat.read(str(folder / "autograded" / "profiled" / assignment / path.name), as_version=4)
        for cell in graded.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        timed = {}
        for label, run in (("plain", lambda nb: NotebookClient(nb, kernel_manager_class=SandboxKernelManager,
                                                                record_timing=True, allow_errors=True,
                                                                resources={"metadata": {"path": str(target)}})
                            .execute()),
                           ("guarded", lambda nb: GuardedExecute(record_timing=True, timeout=300).preprocess(
                               nb, {"metadata": {"path": str(target)}}))):
            copy = nbformat.from_dict(json.loads(json.dumps(graded)))
            start = time.perf_counter()
            run(copy)
            timed[label] = (time.perf_counter() - start, copy)
        parts = {}
        for cell in timed["plain"][1].cells:
            if cell.cell_type == "code":
                parts[_kind(cell)] = parts.get(_kind(cell), 0.0) + _seconds(cell)
        guard = timed["guarded"][0] - timed["plain"][0]
        print(f"{assignment:<24} {whole:9.2f} {timed['plain'][0]:10.2f} {parts.get('set-up', 0):7.2f} "
              f"{parts.get('answers', 0):7.2f} {parts.get('checks', 0):7.2f} {guard:6.2f} "
              f"{whole - timed['guarded'][0]:8.2f}", flush=True)
    print("kernel+run: starting a kernel and running the notebook (nbclient, without the guard); set-up, answers, "
          "checks: the kernel's time for those cells; guard: what GuardedExecute adds; nbgrader: the rest of "
          "`autograde` (sanitizing, the gradebook, writing files).")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", action="store_true", help="where the time of one submission goes, instead")
    parser.add_argument("--submissions", type=int, default=60)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary courses (their folder is printed)")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", message="Object of type <Submitted", category=SAWarning)   # nbgrader's noise
    scratch = Path(tempfile.mkdtemp(prefix="grading-benchmark-"))
    use_scratch(scratch / "home")   # leave the home folder alone
    os.environ.setdefault("PARTYCORPUS_CACHE", str(scratch / "partycorpus-cache"))   # starts empty, as a new term
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    if args.profile:
        try:
            profile(scratch / "profile")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return 0
    work = simulated_class(args.submissions)
    pairs = [(a, s) for a, s, _ in work]
    print(f"{len(work)} submissions of {len(set(a for a, _ in pairs))} assignment(s); {os.cpu_count()} cores; "
          f"Python {platform.python_version()}; nbgrader {nbgrader.__version__}; {platform.platform()}", flush=True)
    results, gradebooks = [], []
    routes = [("nbgrader autograde (command, one run per assignment)", None),
              ("in-process API, 1 worker", 1),
              (f"in-process API, {args.workers} workers, gradebooks merged", args.workers)]
    for label, workers in routes:
        folder = scratch / f"route-{len(results) + 1}"
        api = make_course(folder)
        submit(folder, work)
        start = time.perf_counter()
        if workers is None:
            for assignment in sorted(set(a for a, _ in pairs)):
                done = run_nbgrader(["autograde", assignment], folder)
                if done.returncode != 0:
                    print(f"  warning: nbgrader autograde {assignment} reported errors", file=sys.stderr)
        else:
            outcomes = grade_class(pairs, folder, workers=workers, db_url=api.coursedir.db_url)
            for failed in (o for o in outcomes if not o.success):
                print(f"  warning: {failed.student}/{failed.assignment}: {failed.message}", file=sys.stderr)
        elapsed = time.perf_counter() - start
        results.append((label, elapsed))
        gradebooks.append(grades(api))
        print(f"  {label:<58} {elapsed:7.1f} s  {elapsed / len(work):5.2f} s per submission", flush=True)
    same = all(g == gradebooks[0] for g in gradebooks) and len(gradebooks[0]) == len(work)
    print(f"Same grades in the three gradebooks: {'yes' if same else 'NO'}")
    runs = len(set(a for a, _ in pairs))
    print("For a class of 200 students, one assignment (at these rates):")
    for label, elapsed in results:
        print(f"  {label:<58} {elapsed / len(work) * 200 / 60:5.1f} minutes")
    print(f"(The command's rate includes nbgrader's start-up once per assignment: {runs} times here, for about "
          f"{len(work) / runs:.0f} submissions each; a run of 200 pays it once.)")
    if args.keep:
        print(f"Courses kept in {scratch}")
    else:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
