"""The weight on reading (issue 15): in every exercise, written source criticism carries at least half the marks.

Each test's id reports an exercise's share, for instance ``02-layers-izhma[written 12 of 20]``, so
``pytest -v tests/test_written_share.py`` prints the report; ``-s`` also prints it as a table.
"""
import nbformat  # noqa: F401 (the doctest of marks uses these)
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell  # noqa: F401

from coursetools.release import assignments
from nbgrader_course import is_answer_cell, is_test_cell, nbgrader_meta, source_notebooks


def marks(notebooks) -> tuple[float, float]:
    """(written points, autograded points) of the graded cells of some instructor notebooks.

    >>> written = new_markdown_cell("Model answer", metadata={"nbgrader": {"grade": True, "solution": True, "points": 4}})
    >>> check = new_code_cell("assert x", metadata={"nbgrader": {"grade": True, "solution": False, "points": 3}})
    >>> marks([nbformat.v4.new_notebook(cells=[written, check])])
    (4, 3)
    """
    written = autograded = 0
    for nb in notebooks:
        for cell in nb.cells:
            points = nbgrader_meta(cell).get("points", 0) if nbgrader_meta(cell).get("grade") else 0
            if cell.cell_type == "markdown" and is_answer_cell(cell):
                written += points
            elif is_test_cell(cell):
                autograded += points
    return written, autograded


def too_little_reading(shares: dict) -> list[str]:
    """The exercises whose written share is below one half (or that have no written marks at all).

    >>> too_little_reading({"a": (7, 4), "b": (4, 7), "c": (0, 0)})
    ['b: written 4 of 11', 'c: written 0 of 0']
    """
    return [f"{name}: written {w} of {w + a}" for name, (w, a) in shares.items() if not (w > 0 and w >= a)]


SHARES = {name: marks(source_notebooks(name).values()) for name in assignments()}


@pytest.mark.parametrize("assignment", SHARES, ids=[f"{a}[written {w} of {w + x}]" for a, (w, x) in SHARES.items()])
def test_written_source_criticism_carries_at_least_half_the_marks(assignment):
    assert not too_little_reading({assignment: SHARES[assignment]})


def test_report_of_the_written_share_of_every_exercise():
    print("\nexercise                 written  autograded  share")
    for name, (written, autograded) in SHARES.items():
        print(f"{name:24} {written:7} {autograded:11}  {written / (written + autograded):5.0%}")
    assert len(SHARES) >= 12, "every exercise, 00 to 11, is reported"
    assert not too_little_reading(SHARES)
