"""A class on the course's JupyterHub at once: how long it waits, and how much memory each student takes.

Run as root on the machine to measure (``make hub-benchmark``, or ``python benchmarks/hub_class.py --students 30``).
It installs the hub into a temporary folder exactly as tests/test_hub.py does (deploy/jupyterhub/install.sh, real
Unix accounts ``psh-*``, everything on 127.0.0.1), then:

1. the instructor releases exercise 00 from the formgrader;
2. every student's server is started at once (time until all answer);
3. every student at the same time (one thread each, every request with a timeout): runs lesson 00 in a kernel that
   stays open, fetches the exercise, runs it with the model answers in a second kernel, saves it and submits
   (time from fetch to submit, per student);
4. memory of each student's processes (server and lesson kernel, proportional set size) while all are open;
5. the instructor collects and autogrades every submission through the formgrader, and the benchmark checks that
   each student was collected and graded exactly once, with full marks on the automatic checks.

It prints the figures, then removes every process, account, home and file it made (also when it fails) and
checks that nothing is left. It is not a test: it asserts that the class was served, and measures how fast.
"""
from __future__ import annotations

import argparse
import json
import os
import pwd
import statistics
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import hub as hubs  # noqa: E402
from nbgrader_course import fill_answers, solution_answers, source_notebooks  # noqa: E402

ASSIGNMENT = "00-orientation"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
COURSE = hubs.COURSE
INSTRUCTOR = "psh-inst"


def code_cells(notebook: dict) -> list[str]:
    return [cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            for cell in notebook["cells"] if cell["cell_type"] == "code"]


def run_cells(hub, student: str, kernel: str, cells: list[str]) -> None:
    """Run cells one after the other in an open kernel, as Run All does (errors do not stop the run)."""
    import asyncio

    url = f"ws://127.0.0.1:{hub.port}/user/{student}/api/kernels/{kernel}/channels"
    for source in cells:
        asyncio.run(hubs.execute(url, hub.token(student), source))


def pss_mb(pids: list[int]) -> float:
    """Proportional set size of the processes, in MB (shared pages divided among their users)."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def student_session(hub, student: str, answers: dict) -> dict:
    """One student's part of the term: lesson 00 in a kernel left open, then fetch, run, save and submit."""
    lesson = hub.read_notebook(student, f"{COURSE}/lessons/{ASSIGNMENT}.ipynb")
    lesson_kernel = hub.server(student, "POST", "api/kernels", json={"name": "python3"}).json()["id"]
    run_cells(hub, student, lesson_kernel, code_cells(lesson))
    started = time.monotonic()
    hub.nbgrader(student, "POST", "assignments/fetch", data={"course_id": COURSE, "assignment_id": ASSIGNMENT})
    path = f"{COURSE}/{ASSIGNMENT}/{NOTEBOOK}"
    notebook = fill_answers(nbformat.from_dict(hub.read_notebook(student, path)), answers)
    kernel = hub.server(student, "POST", "api/kernels", json={"name": "python3"}).json()["id"]
    try:
        run_cells(hub, student, kernel, code_cells(notebook))
    finally:
        hub.server(student, "DELETE", f"api/kernels/{kernel}")
    hub.write_notebook(student, path, notebook)
    submitted = hub.nbgrader(student, "POST", "assignments/submit",
                             data={"course_id": COURSE, "assignment_id": ASSIGNMENT})
    assert "submitted" in {a["status"] for a in submitted["value"]}, submitted
    return {"student": student, "fetch_to_submit": time.monotonic() - started, "lesson_kernel": lesson_kernel}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=30, help="students in the class (default: %(default)s)")
    args = parser.parse_args(argv)
    reason = hubs.hub_unavailable()
    if reason:
        print(f"hub_class: cannot run here: {reason}", file=sys.stderr)
        return 2
    students = [f"psh-b{number:03d}" for number in range(1, args.students + 1)]
    answers = solution_answers(source_notebooks(ASSIGNMENT)[NOTEBOOK])
    figures = {}
    with hubs.running_hub(INSTRUCTOR, students, name="benchmark") as hub:
        hub.spawn([INSTRUCTOR])
        for action in ("assign", "release"):
            result = hub.nbgrader(INSTRUCTOR, "POST", f"formgrader/api/assignment/{ASSIGNMENT}/{action}")
            assert result["success"], result.get("error") or result.get("log")
        hubs.concurrently(hub.token, students)   # every student logs in

        ready = hub.spawn(students)
        figures["spawn_all"] = max(ready.values())

        started = time.monotonic()
        sessions = hubs.concurrently(lambda s: student_session(hub, s, answers), students, workers=len(students))
        figures["class_wall"] = time.monotonic() - started
        figures["fetch_to_submit"] = sorted(s["fetch_to_submit"] for s in sessions)

        uids = {s: pwd.getpwnam(s).pw_uid for s in students}
        memory = {s: pss_mb(hubs.processes_of({uid})) for s, uid in uids.items()}
        figures["memory"] = sorted(memory.values())
        figures["hub_memory"] = pss_mb([hub.process.pid]) if hub.process else 0.0
        for session in sessions:
            hub.server(session["student"], "DELETE", f"api/kernels/{session['lesson_kernel']}")

        started = time.monotonic()
        result = hub.nbgrader(INSTRUCTOR, "POST", f"formgrader/api/assignment/{ASSIGNMENT}/collect")
        assert result["success"], result.get("error") or result.get("log")
        figures["collect"] = time.monotonic() - started
        started = time.monotonic()
        for student in students:
            result = hub.nbgrader(INSTRUCTOR, "POST", f"formgrader/api/submission/{ASSIGNMENT}/{student}/autograde")
            assert result["success"], f"{student}: {result.get('error') or result.get('log')}"
        figures["grade"] = time.monotonic() - started
        collected = hub.nbgrader(INSTRUCTOR, "GET", f"formgrader/api/submitted_notebooks/{ASSIGNMENT}/{ASSIGNMENT}")
        names = [n["student"] for n in collected]
        figures["collected"], figures["distinct"] = len(names), len(set(names))
        full = 0
        for entry in collected:
            grades = hub.nbgrader(INSTRUCTOR, "GET", "formgrader/api/grades", params={"submission_id": entry["id"]})
            automatic = [g for g in grades if g["auto_score"] is not None]
            full += bool(automatic) and all(g["auto_score"] == g["max_score"] for g in automatic)
        figures["graded_full"] = full
        assert sorted(names) == students, f"collected {len(names)} submissions for {len(students)} students"
        assert full == len(students), f"{len(students) - full} model answers lost automatic points"

    report(figures, len(students))
    return 0


def report(figures: dict, count: int) -> None:
    times = figures["fetch_to_submit"]
    memory = figures["memory"]
    total_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20
    print(f"A class of {count} students on one hub ({os.cpu_count()} cores, {total_mb / 1024:.1f} GB of memory):")
    print(f"  time to start every student's server at once      {figures['spawn_all']:7.1f} s")
    print(f"  fetch -> run -> save -> submit, per student: median {statistics.median(times):7.1f} s, "
          f"worst {times[-1]:.1f} s (all together: {figures['class_wall']:.1f} s, lesson 00 run first)")
    print(f"  memory per student (server + lesson kernel, PSS): median {statistics.median(memory):5.0f} MB, "
          f"largest {memory[-1]:.0f} MB; the hub itself {figures['hub_memory']:.0f} MB")
    print(f"  collected {figures['collected']} submissions ({figures['distinct']} students, each once) in "
          f"{figures['collect']:.1f} s; autograded all {figures['collected']} through the formgrader in "
          f"{figures['grade']:.1f} s ({figures['grade'] / max(figures['collected'], 1):.1f} s each); "
          f"{figures['graded_full']} with full automatic marks")
    print(json.dumps({key: (round(value, 2) if isinstance(value, float) else value)
                      for key, value in figures.items() if not isinstance(value, list)}))


if __name__ == "__main__":
    sys.exit(main())
