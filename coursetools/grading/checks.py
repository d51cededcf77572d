"""Look at submitted notebooks before grading, and say in plain words what is wrong with a broken one.

``nbgrader autograde`` answers a broken submission with a Python traceback and
carries on with the class. Run ``python -m coursetools.grading.checks ASSIGNMENT``
in the course folder first: it reads every notebook in ``submitted/*/ASSIGNMENT``
(and changes none) and prints one line per problem, saying what the autograder
will do about it. :func:`explain_failure` turns the error of a failed autograde
into the same kind of sentence.

>>> explain_failure("... nbclient.exceptions.DeadKernelError: Kernel died")
'Python stopped while running the notebook (the code ended the kernel, or used too much memory). Not graded: look at the code of the cell that ran last.'
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .suspicious import setup_names, suspicious

# Plain words for the errors that stop nbgrader from grading a submission (matched in the traceback, in order).
FAILURES = [
    ("DeadKernelError", "Python stopped while running the notebook (the code ended the kernel, or used too much "
                        "memory). Not graded: look at the code of the cell that ran last."),
    ("UnresponsiveKernel", "The notebook kept Python busy and would not be interrupted. Not graded: look for a loop "
                           "that never ends."),
    ("CellTimeoutError", "A cell ran past the time limit and would not stop when interrupted (a loop that ignores "
                         "interruption, or a long computation in compiled code). Not graded: look at that cell."),
    ("NotJSONError", "The file is not a notebook (its JSON is broken). Not graded: ask the student to submit again."),
    ("JSONDecodeError", "The file is not a notebook (its JSON is broken). Not graded: ask the student to submit again."),
    ("ValidationError", "The file is not a valid notebook. Not graded: ask the student to submit again."),
    ("database is locked", "The gradebook was busy (another program was writing to it). Grade this student again."),
    ("SchemaTooOldError", "The notebook uses an old nbgrader format: run `nbgrader update` on a copy, then grade it."),
]


@dataclass
class Finding:
    """One problem with one submitted file. ``action`` is what grading will do: reject, repair or nothing."""

    path: str
    action: str   # "not graded", "repaired", "note"
    message: str

    def __str__(self) -> str:
        return f"{self.path}: [{self.action}] {self.message}"


# nbgrader's own summary lines, which say nothing of the cause.
GENERIC = ("Please see the the above traceback", "Please see the above traceback", "There was an error processing")


def real_cause(error: str) -> str:
    """The line of nbgrader's log or traceback that says why an autograde failed.

    >>> real_cause("[AutogradeApp | ERROR] No assignment with ID 'x' exists in the database\\n"
    ...            "nbgrader.converters.base.NbGraderException: Please see the the above traceback for details")
    "No assignment with ID 'x' exists in the database"
    """
    lines = [line.strip() for line in (error or "").split("\n") if line.strip()]
    useful = [line for line in lines if not any(g in line for g in GENERIC) and not line.endswith("Traceback (most "
                                                                                                 "recent call last):")]
    errors = [line for line in useful if "ERROR" in line.split("]")[0] or line.startswith("ERROR")]
    exceptions = [line for line in useful if re.match(r"^[\w.]*(Error|Exception)\b.*:", line)]
    # nbgrader logs the cause first, then its own summaries; an exception's last line is its most precise part
    chosen = errors[0] if errors else (exceptions or useful or ["no error text"])[-1]
    return re.sub(r"^\[[^\]]*\]\s*", "", chosen).removeprefix("ERROR").strip(" |:")


def explain_failure(error: str) -> str:
    """A sentence for an instructor about an autograde that failed, from its log and error text."""
    for marker, sentence in FAILURES:
        if marker in (error or ""):
            return sentence
    return f"nbgrader could not grade this submission: {real_cause(error)}."


def _grade_ids(nb) -> dict[str, object]:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")}


def read_submission(path: Path):
    """Return ``(notebook, None)``, or ``(None, Finding)`` when the file cannot be graded.

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "00-orientation.ipynb"
    >>> _ = bad.write_text('{"cells": [')
    >>> print(read_submission(bad)[1].message)
    not valid JSON (line 1, column 12: Expecting value): the file is cut short or was edited outside Jupyter. Ask the student to submit again.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, Finding(str(path), "not graded", "not a text file. Ask the student to submit the .ipynb again.")
    if not raw.strip():
        return None, Finding(str(path), "not graded", "the file is empty. Ask the student to submit again.")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        return None, Finding(str(path), "not graded",
                             f"not valid JSON (line {err.lineno}, column {err.colno}: {err.msg}): the file is cut "
                             "short or was edited outside Jupyter. Ask the student to submit again.")
    try:
        nb = nbformat.reads(json.dumps(data), as_version=4)
        nbformat.validate(nb)
    except Exception as err:  # nbformat raises several kinds; each means the same thing here
        first = str(err).strip().split("\n")[0]
        return None, Finding(str(path), "not graded", f"JSON, but not a notebook ({first}). Ask the student to "
                                                      "submit again.")
    return nb, None


def inspect_submission(folder: Path, released: dict) -> list[Finding]:
    """Problems of one student's submission of one assignment; ``released`` maps notebook file names to release copies."""
    findings = []
    for name, release_nb in sorted(released.items()):
        path = folder / name
        if not path.exists():
            findings.append(Finding(str(path), "note", "missing: nbgrader scores this notebook zero."))
            continue
        nb, problem = read_submission(path)
        if problem:
            findings.append(problem)
            continue
        mine, theirs = _grade_ids(nb), _grade_ids(release_nb)
        for grade_id, cell in theirs.items():
            meta = cell.metadata["nbgrader"]
            if grade_id not in mine:
                if meta.get("grade") or (meta.get("locked") and cell.cell_type == "code"):
                    findings.append(Finding(str(path), "repaired",
                                            f"cell {grade_id} was deleted; the autograder puts it back."))
            elif meta.get("locked") and mine[grade_id].source != cell.source:
                findings.append(Finding(str(path), "repaired",
                                        f"locked cell {grade_id} was edited; the autograder runs the original."))
        modules, functions = setup_names(release_nb)
        for number, cell in enumerate(nb.cells, start=1):
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            restored = grade_id in theirs and theirs[grade_id].metadata["nbgrader"].get("locked")
            if cell.cell_type == "code" and not restored:   # nbgrader puts back the source of locked cells
                found = suspicious(cell.source, modules, functions)
                if found:
                    where = grade_id or f"cell {number}"
                    findings.append(Finding(str(path), "note", f"{where}: {'; '.join(found)}. Read it before "
                                                               "trusting the score (INSTRUCTORS.md §11)."))
        size = path.stat().st_size
        if size > 5_000_000:
            findings.append(Finding(str(path), "note", f"{size / 1e6:.0f} MB: outputs are cleared before grading."))
    for path in sorted(folder.glob("*.ipynb")):
        if path.name not in released:
            findings.append(Finding(str(path), "note", "not a notebook of this assignment: not graded."))
    return findings


def inspect_class(root: Path, assignment: str, release_dir: str = "exercises",
                  submitted_dir: str = "submitted") -> list[Finding]:
    """Problems of every submission of ``assignment`` in the course folder ``root`` (nothing is changed)."""
    released = {p.name: nbformat.read(str(p), as_version=4)
                for p in sorted((root / release_dir / assignment).glob("*.ipynb"))}
    findings = []
    for folder in sorted((root / submitted_dir).glob(f"*/{assignment}")):
        for finding in inspect_submission(folder, released):
            finding.path = str(Path(finding.path).relative_to(root))
            findings.append(finding)
    return findings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("assignment")
    parser.add_argument("--root", default=".", help="the course folder (default: here)")
    args = parser.parse_args(argv)
    findings = inspect_class(Path(args.root).resolve(), args.assignment)
    for finding in findings:
        print(finding)
    rejected = sum(f.action == "not graded" for f in findings)
    print(f"{len(findings)} problem(s); {rejected} file(s) cannot be graded." if findings else "No problems found.")
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main())
