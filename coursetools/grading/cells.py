"""Put back the cells a student deleted, before the notebook is graded.

nbgrader 0.9.6 can add a deleted grade cell back (``OverwriteCells.add_missing_cells``),
but it places the cell after the previous *graded or answer* cell and fails with a
``KeyError`` when the cell before the deleted one is anything else: deleting a
written-answer cell, which follows the question's text, stops the grading of
the whole submission. :class:`RestoreCells` replaces nbgrader's ``OverwriteCells``
in ``nbgrader autograde`` (see nbgrader_config.py); it does everything
``OverwriteCells`` does and, for the cells that are missing:

- every grade cell (an autograder test, a written answer) comes back, so a
  deleted check still runs and a deleted answer is marked for manual grading;
- every locked code cell (the set-up cell that imports the course package) comes
  back too, so the checks after it run as they would in the student's copy;

each one after the nearest cell before it in the instructor's copy that the
submission still has (or at the top). Locked text cells stay deleted: they do
not change any grade.

>>> insertion_point(["intro", "setup", "q1-text", "q1-answer", "q1-tests"], "q1-tests",
...                 {"intro": 0, "setup": 1, "q1-answer": 2})
3
>>> insertion_point(["intro", "setup"], "intro", {"setup": 0})
0
"""
from __future__ import annotations

from nbformat import NotebookNode, from_dict
from traitlets import Bool

from nbgrader.nbgraderformat import MetadataValidator
from nbgrader.preprocessors import OverwriteCells


def _grade_id(cell):
    return cell["metadata"].get("nbgrader", {}).get("grade_id")


def insertion_point(order: list[str], missing: str, present: dict[str, int]) -> int:
    """Where the cell ``missing`` goes: just after the nearest cell before it (in ``order``) that is ``present``."""
    for name in reversed(order[:order.index(missing)]):
        if name in present:
            return present[name] + 1
    return 0


class RestoreCells(OverwriteCells):
    """``OverwriteCells`` that puts back deleted grade cells and locked code cells in the right place."""

    add_missing_cells = Bool(True, help="Put back the grade cells and locked code cells a student deleted.").tag(config=True)

    def add_missing_grade_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        order = [cell.name for cell in source_nb.source_cells]
        graded = {cell.name: cell.max_score for cell in source_nb.grade_cells}
        answers = {cell.name for cell in source_nb.solution_cells}
        for source_cell in source_nb.source_cells:
            present = {_grade_id(cell): i for i, cell in enumerate(nb.cells) if _grade_id(cell)}
            name = source_cell.name
            if name in present:
                continue
            if name in graded:
                self.log.warning("Grade cell %s was missing from the submission: added back", name)
                cell = self.missing_cell_transform(source_cell, graded[name], is_solution=name in answers)
            elif source_cell.locked and source_cell.cell_type == "code":
                self.log.warning("Locked cell %s was missing from the submission: added back", name)
                cell = self._locked_code_cell(source_cell)
            else:
                continue
            if nb.get("nbformat_minor", 0) >= 5:   # nbformat 4.5 wants an id on every cell
                cell["id"] = f"restored-{name}"
            nb.cells.insert(insertion_point(order, name, present), cell)
        return nb, resources

    def _locked_code_cell(self, source_cell) -> NotebookNode:
        note = self.missing_cell_notification.format(cell_id=source_cell.name).strip()
        cell = from_dict({
            "cell_type": "code", "execution_count": None, "outputs": [],
            "source": f"# {note}\n{source_cell.source}",
            "metadata": {"deletable": False, "editable": False, "nbgrader": {
                "grade": False, "solution": False, "task": False, "locked": True,
                "grade_id": source_cell.name, "checksum": source_cell.checksum, "schema_version": 3}},
        })
        return MetadataValidator().upgrade_cell_metadata(cell)

