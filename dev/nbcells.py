"""Authoring helpers: build lesson and nbgrader notebooks from Python.

Lessons and exercises are ordinary notebooks; edit them in JupyterLab (the
nbgrader "Create Assignment" sidebar sets the same metadata as these helpers).
For larger edits a writer may build a notebook from a script:

>>> nb = notebook([md("# Title"), code("1 + 1")])
>>> [cell.cell_type for cell in nb.cells]
['markdown', 'code']
>>> answer = solution_code("x = 1", grade_id="x").metadata.nbgrader
>>> answer["solution"], answer["grade"]
(True, False)
"""
from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _nbgrader(cell, grade_id, *, grade=False, solution=False, locked=False, points=None, task=False):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": task}
    if points is not None:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    return cell


def md(source: str):
    """A plain Markdown cell."""
    return new_markdown_cell(source.strip("\n"))


def code(source: str):
    """A plain code cell."""
    return new_code_cell(source.strip("\n"))


def locked_md(source: str, grade_id: str):
    """A read-only Markdown cell (the text of a question)."""
    return _nbgrader(md(source), grade_id, locked=True)


def locked_code(source: str, grade_id: str):
    """A read-only code cell (set-up the student must not change)."""
    return _nbgrader(code(source), grade_id, locked=True)


def solution_code(source: str, grade_id: str):
    """An autograded answer: the student's code, graded by later test cells."""
    return _nbgrader(code(source), grade_id, solution=True)


def tests(source: str, grade_id: str, points: float):
    """Autograder tests: locked; hidden parts between ### BEGIN/END HIDDEN TESTS."""
    return _nbgrader(code(source), grade_id, grade=True, locked=True, points=points)


def written_answer(source: str, grade_id: str, points: float):
    """A manually graded written answer; its whole text (model answer and rubric) is removed for students."""
    return _nbgrader(md(source), grade_id, grade=True, solution=True, points=points)


def notebook(cells):
    """A notebook with the course's kernel."""
    nb = new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = KERNEL
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def write(nb, path) -> None:
    """Write a notebook, validating it first."""
    nbformat.validate(nb)
    nbformat.write(nb, str(path))
