"""What students read in the lessons' stored outputs, and what no lesson may read.

Issue 14, item 4: where a lesson asks students to read a text field, its stored outputs show it in full, never cut
to pandas' "..." (in the plain-text or the HTML form of a table). Issue 15: the passage of assignment
10-unseen-source stays unseen: no other lesson, exercise or solution cites it, prints it or shows it in an output.
"""
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))

# pandas cuts a long text cell to its first characters and "...": a character that is neither space nor the end of
# an HTML tag, three dots, then a space, the end of the line or the next tag.
TRUNCATED = re.compile(r"[^\s>]\.\.\.(?=\s|$|<)")


def truncated_fields(nb) -> list[str]:
    """The cut-off text fields in a notebook's stored tables (results and displays, plain text and HTML).

    >>> nb = new_notebook(cells=[new_code_cell("t", outputs=[new_output("execute_result", execution_count=1,
    ...     data={"text/plain": "0    Record of a Wo..."})])])
    >>> truncated_fields(nb)
    ['o...']
    """
    cut = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") in ("execute_result", "display_data"):
                for mime in ("text/plain", "text/html"):
                    cut += TRUNCATED.findall(output.get("data", {}).get(mime, ""))
    return cut


def stored_table(frame: pd.DataFrame):
    """A notebook holding ``frame`` as a stored result, as Jupyter stores it."""
    data = {"text/plain": repr(frame), "text/html": frame._repr_html_()}
    return new_notebook(cells=[new_code_cell("frame", outputs=[new_output("execute_result", data=data,
                                                                          execution_count=1)])])


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_no_stored_table_of_a_lesson_cuts_a_text_field(path):
    cut = truncated_fields(nbformat.read(str(path), as_version=4))
    assert not cut, f"{path.name}: a table cuts text the student is asked to read ({cut[:3]}); " \
                    'add pd.set_option("display.max_colwidth", None) to the lesson\'s first code cell'


def test_the_check_finds_a_field_that_pandas_cut_and_passes_it_in_full():
    frame = pd.DataFrame({"title": ["My Escape from Stalin's Prison: Record of a Worker Bolshevik, and more"]})
    with pd.option_context("display.max_colwidth", 50):
        assert len(truncated_fields(stored_table(frame))) == 2, "both the plain text and the HTML table are cut"
    with pd.option_context("display.max_colwidth", None):
        assert truncated_fields(stored_table(frame)) == []


# The unseen passage: Carr's chapter 19, section (e), "Unity and Discipline", with its notes.
UNSEEN_TEXT = "carr-1959-socialism-vol2"
UNSEEN_LINES = set(range(9476, 9618)) | set(range(9632, 9637))
UNSEEN_ASSIGNMENT = "10-unseen-source"
CITATION = re.compile(re.escape(UNSEEN_TEXT) + r":(\d+)(?:-(\d+))?")
# Lines printed by the package's readers with numbers as arguments: show_passage(CARR, 9557, 9640), passage(...).
PRINTED = re.compile(r"\b(?:show_passage|passage)\(\s*(?:CARR|carr|\"" + re.escape(UNSEEN_TEXT) + r"\")\s*,\s*(\d+)"
                     r"(?:\s*,\s*(\d+))?")


def lines_read(nb) -> set[int]:
    """The lines of Carr's book that a notebook cites, prints with numbers, or shows cited in an output.

    >>> sorted(lines_read(new_notebook(cells=[new_code_cell('pc.show_passage(CARR, 9600, 9601)')])))
    [9600, 9601]
    """
    found = set()
    for cell in nb.cells:
        texts = [cell.source] + [str(output.get("text", "")) + str(output.get("data", {}))
                                 for output in cell.get("outputs", [])]
        for text in texts:
            for first, last in CITATION.findall(text) + PRINTED.findall(text):
                found.update(range(int(first), int(last or first) + 1))
    return found


NOTEBOOKS = [p for p in LESSONS + sorted((ROOT / "solutions").rglob("*.ipynb"))
             + sorted((ROOT / "exercises").rglob("*.ipynb")) if UNSEEN_ASSIGNMENT not in p.name]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(ROOT)) for p in NOTEBOOKS])
def test_the_unseen_passage_is_read_by_no_other_notebook(path):
    read = lines_read(nbformat.read(str(path), as_version=4)) & UNSEEN_LINES
    assert not read, f"{path.relative_to(ROOT)} reads lines of the passage of {UNSEEN_ASSIGNMENT}: {sorted(read)[:5]}"


def test_the_unseen_passage_check_can_fail_and_the_assignment_reads_its_passage():
    seen = new_notebook(cells=[new_code_cell("pc.show_passage(CARR, 9560, 9565)")])
    assert lines_read(seen) & UNSEEN_LINES
    solution = nbformat.read(str(ROOT / "solutions" / UNSEEN_ASSIGNMENT / f"{UNSEEN_ASSIGNMENT}.ipynb"), as_version=4)
    assert {9563, 9589, 9632} <= lines_read(solution), "the assignment no longer reads the passage it protects"
