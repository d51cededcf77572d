"""Score a test cell by every one of its outputs, not by the first result it printed.

nbgrader 0.9.6 (``nbgrader.utils.determine_grade``) reads a test cell's outputs
in order and stops at the first ``execute_result``: a result that is not a
number earns full points, whatever follows. A student's answer that calls
``sys.displayhook("...")`` when a check touches it (or a ``pre_run_cell`` hook
that does) puts such a result at the top of every test cell, and the
``AssertionError`` after it no longer counts. :class:`StrictAutoGrades`
replaces nbgrader's ``SaveAutoGrades`` step of ``nbgrader autograde`` (see
nbgrader_config.py): a test cell with any error, or anything on the error
stream, scores zero, wherever it stands among the outputs. Partial credit (a
test cell whose result is a number between 0 and its points) works as before.
nbgrader-report-determine-grade.md (beside this file) is the report for nbgrader's developers.

>>> from nbformat.v4 import new_code_cell, new_output
>>> cell = new_code_cell("", metadata={"nbgrader": {"grade": True, "points": 2, "grade_id": "t"}}, outputs=[
...     new_output("execute_result", data={"text/plain": "'all checks passed'"}, execution_count=1),
...     new_output("error", ename="AssertionError", evalue="wrong", traceback=[])])
>>> test_cell_score(cell)
(0, 2.0)
>>> from nbgrader.utils import determine_grade
>>> determine_grade(cell)   # nbgrader's own: full points
(2.0, 2.0)
"""
from __future__ import annotations

from nbgrader.preprocessors import SaveAutoGrades
from nbgrader.utils import determine_grade, is_grade, is_solution


def _failed(output) -> bool:
    return output.output_type == "error" or (output.output_type == "stream" and output.get("name") == "stderr")


def _number(output):
    """The number a result shows (partial credit), or None."""
    text = output.get("data", {}).get("text/plain", "")
    text = "".join(text) if isinstance(text, list) else str(text)
    try:
        return float(text)
    except ValueError:
        return None


def test_cell_score(cell) -> tuple:
    """(score, max score) of a grade cell; a code test cell scores zero if any output failed.

    A result that is a number from 0 to the cell's points is partial credit, as in nbgrader; any other result
    (text, a negative number, more than the points) counts for nothing: the cell's checks decide.

    >>> from nbformat.v4 import new_code_cell, new_output
    >>> meta = {"nbgrader": {"grade": True, "points": 3, "grade_id": "t"}}
    >>> test_cell_score(new_code_cell("", metadata=meta, outputs=[]))
    (3.0, 3.0)
    >>> test_cell_score(new_code_cell("", metadata=meta, outputs=[new_output("execute_result",
    ...     data={"text/plain": "1.5"}, execution_count=1)]))
    (1.5, 3.0)
    >>> test_cell_score(new_code_cell("", metadata=meta, outputs=[new_output("execute_result",
    ...     data={"text/plain": "99"}, execution_count=1)]))
    (3.0, 3.0)
    """
    if not is_grade(cell) or is_solution(cell) or cell.cell_type != "code":
        return determine_grade(cell)
    points = float(cell.metadata["nbgrader"]["points"])
    if any(_failed(output) for output in cell.outputs):
        return 0, points
    for output in cell.outputs:
        if output.output_type == "execute_result":
            value = _number(output)
            if value is not None and 0 <= value <= points:
                return value, points
    return points, points


class StrictAutoGrades(SaveAutoGrades):
    """nbgrader's ``SaveAutoGrades`` with :func:`test_cell_score` in place of ``determine_grade``."""

    def _add_score(self, cell, resources):
        """As nbgrader's, with the course's score; a manual score given earlier still asks for a second look."""
        grade = self.gradebook.find_grade(cell.metadata["nbgrader"]["grade_id"], self.notebook_id,
                                          self.assignment_id, self.student_id)
        grade.auto_score, _ = test_cell_score(cell)
        grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
        self.gradebook.db.commit()
