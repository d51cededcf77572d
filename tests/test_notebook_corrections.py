"""The corrections of issue 15 hold in the notebooks: each error found there is a check here, so it cannot come back.

The data corrections (timeline rows, the catalogue) have their own tests in test_timeline_data.py and
test_catalogue.py; these are the corrections of lessons, solutions and hidden tests.
"""
import re
from pathlib import Path

import nbformat
import pandas as pd

import partycorpus as pc
from nbgrader_course import nbgrader_meta, source_notebooks

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "lessons").glob("*.ipynb")) + sorted((ROOT / "solutions").rglob("*.ipynb"))


def sentences(path):
    """The sentences of a notebook's Markdown and code, one line break apart joined."""
    text = " ".join(c.source for c in nbformat.read(str(path), as_version=4).cells).replace("\n", " ")
    return re.split(r"(?<=[.!?])\s+", text)


def cell(assignment, grade_id):
    return next(c for nb in source_notebooks(assignment).values() for c in nb.cells
                if nbgrader_meta(c).get("grade_id") == grade_id)


def dates_stalin_1941(sentence):
    """True if a sentence dates Trotsky's *Stalin* to 1941 without saying that the printing was withheld."""
    return bool(re.search(r"Stalin\*?[^.]{0,80}\b1941\b", sentence)) and "withheld" not in sentence


def test_trotskys_stalin_is_dated_1946_or_its_1941_printing_is_said_to_be_withheld():
    assert dates_stalin_1941("Leon Trotsky's *Stalin: An Appraisal of the Man and His Influence* (1941), which")
    assert not dates_stalin_1941("Trotsky's *Stalin* (1946). Accept 1941 for the year of printing if it was withheld.")
    wrong = [(p.name, s[:160]) for p in NOTEBOOKS for s in sentences(p) if dates_stalin_1941(s)]
    assert not wrong, wrong


def test_first_propounded_is_cited_where_the_words_stand():
    # The quotation, then (within a few words) the first citation after it.
    quoted = re.compile(r'first propounded"?[^()]{0,40}\(carr-1959-socialism-vol2:(\d+(?:-\d+)?)\)')
    assert quoted.findall('the doctrine he "first propounded" (carr-1959-socialism-vol2:1520)') == ["1520"]
    cited = [(p.name, c) for p in NOTEBOOKS for s in sentences(p) for c in quoted.findall(s.replace("> ", ""))]
    assert cited and all(c == "1521-1522" for _, c in cited), cited
    assert "first propounded" in pc.quote("carr-1959-socialism-vol2:1521-1522").replace("\n", " ").replace("  ", " ")


def test_the_duplicated_paragraph_is_not_said_to_double_the_counts():
    for path in NOTEBOOKS:
        assert not any("doubles the count" in s for s in sentences(path)), path.name


def test_no_autograded_key_gives_the_report_after_the_colon_to_a_hand():
    """Exercise 02, question 2: every passage it quotes from line 3 stands in the bulletin's frame, before the colon."""
    frame = pc.quote("izhma-1926-exile-report:3").split("Our correspondent writes:")[0]
    text = cell("02-layers-izhma", "q2-text").source
    quoted_from_3 = re.findall(r'"([^"]+)" \(izhma-1926-exile-report:3\)', text)
    assert quoted_from_3 and all(q in frame for q in quoted_from_3), quoted_from_3


def run_check(assignment, grade_id, namespace):
    """Run an exercise's test cell, hidden tests included, in ``namespace``; True if every assertion holds."""
    source = "\n".join(line for line in cell(assignment, grade_id).source.split("\n") if "HIDDEN TESTS" not in line)
    try:
        exec(compile(source, grade_id, "exec"), namespace)
    except AssertionError:
        return False
    return True


def test_jennys_son_may_be_witnessed_or_not_and_a_wrong_key_still_fails():
    """Exercise 01, question 2: line 73 (May 1933) can be argued either way, so the check accepts both."""
    model = cell("01-close-reading-tarov", "q2-answer").source
    namespace = {"pc": pc, "pd": pd}
    exec(model, namespace)
    table = namespace["tarov_dates"]
    row_73 = table["line"] == 73
    for witnessed in (True, False):
        variant = table.copy()
        variant.loc[row_73, "witnessed"] = witnessed
        assert run_check("01-close-reading-tarov", "q2-tests", {"pc": pc, "pd": pd, "tarov_dates": variant})
    wrong = table.copy()
    wrong.loc[table["line"] == 55, "witnessed"] = True
    assert not run_check("01-close-reading-tarov", "q2-tests", {"pc": pc, "pd": pd, "tarov_dates": wrong})
