"""Feedback that teaches and never leaks: what nbgrader's feedback shows a student, cleaned.

nbgrader makes the feedback from the *autograded* notebook, into which it has
put back the full test cells, hidden tests included; an assertion that fails
prints the lines around it. Left alone, the feedback would show the hidden
tests. :class:`SafeFeedback` runs in ``nbgrader generate_feedback`` (see
nbgrader_config.py) and, for every notebook:

- removes the hidden-test regions from the test cells, so a student sees the
  checks that were in their copy and nothing more;
- reduces a test cell's output to the name and message of its error (the
  message is the hint the exercise author wrote), without the source lines a
  traceback would print; what the student's code printed while the hidden
  tests called it is dropped, because it can reveal the hidden inputs;
- removes from every output any line of the instructor's copy (solutions,
  hidden tests, model answers and rubrics), in case the student's code printed
  it (for example by reading the solutions while it was graded).

The pure functions below do the work and can be tried on their own.

>>> source = "assert x > 0, 'x should be positive.'\\n### BEGIN HIDDEN TESTS\\nassert x == 42, 'Not yet.'\\n### END HIDDEN TESTS"
>>> print(strip_marked(source))
assert x > 0, 'x should be positive.'
>>> marked_lines(source)
["assert x == 42, 'Not yet.'"]
"""
from __future__ import annotations

import html
import json
from pathlib import Path

import nbformat
from nbformat.v4 import new_output
from traitlets import Integer, List, Unicode

from nbgrader import utils
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor

HIDDEN = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
SOLUTION = ("BEGIN SOLUTION", "END SOLUTION")
REMOVED = "[removed from your feedback: this is part of the instructor's copy]"

# What an error without a message means, in words a student understands.
EXPLAINED = {
    "CellTimeoutError": "this cell ran longer than the time limit and was stopped "
                        "(look for a loop that never ends).",
    "DeadKernelError": "Python stopped while running this cell.",
}


def _split(source: str, begin: str, end: str) -> tuple[list[str], list[str]]:
    """(lines outside the marked regions, lines inside them); markers belong to neither.

    A region that is opened and never closed runs to the end of the cell.
    """
    outside, inside, in_region = [], [], False
    for line in source.split("\n"):
        if begin in line:
            in_region = True
        elif end in line and in_region:
            in_region = False
        elif in_region:
            inside.append(line)
        else:
            outside.append(line)
    return outside, inside


def strip_marked(source: str, markers: tuple[str, str] = HIDDEN) -> str:
    """Return ``source`` without its marked regions (hidden tests by default), markers included.

    >>> strip_marked("a = 1\\n### BEGIN SOLUTION\\na = 2\\n### END SOLUTION\\nb = 3", SOLUTION)
    'a = 1\\nb = 3'
    >>> strip_marked("check()\\n### BEGIN HIDDEN TESTS\\nsecret()")   # never closed: cut to the end
    'check()'
    """
    return "\n".join(_split(source, *markers)[0])


def marked_lines(source: str, markers: tuple[str, str] = HIDDEN) -> list[str]:
    """Return the lines inside the marked regions of ``source`` (hidden tests by default)."""
    return _split(source, *markers)[1]


def is_test_cell(cell) -> bool:
    """An autograder test cell: a graded code cell in which the student writes nothing."""
    return cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)


def error_line(output, max_chars: int = 300) -> str:
    """The one line a student sees for an error: its name and the first line of its message.

    >>> error_line({"ename": "AssertionError", "evalue": "Line numbers start at 1.\\nmore", "traceback": []})
    'AssertionError: Line numbers start at 1.'
    >>> error_line({"ename": "CellTimeoutError", "evalue": "", "traceback": []})
    'CellTimeoutError: this cell ran longer than the time limit and was stopped (look for a loop that never ends).'
    """
    name = output.get("ename") or "Error"
    message = (output.get("evalue") or "").strip().split("\n")[0] or EXPLAINED.get(name, "")
    if len(message) > max_chars:
        message = message[:max_chars] + " [...]"
    return f"{name}: {message}" if message else name


def secret_forms(lines, min_chars: int = 12) -> list[str]:
    """The lines worth hiding, as they may appear in an output: plain, JSON-escaped and HTML-escaped.

    Lines shorter than ``min_chars`` (``pass``, ``return None``) are too common to hide.

    >>> secret_forms(['assert f("a") == 17', 'pass'])
    ['assert f(&quot;a&quot;) == 17', 'assert f(\\\\"a\\\\") == 17', 'assert f("a") == 17']
    """
    forms = set()
    for line in lines:
        line = line.strip()
        if len(line) >= min_chars:
            forms |= {line, json.dumps(line)[1:-1], html.escape(line)}
    return sorted(forms, key=lambda form: (-len(form), form))


def redact(text: str, secrets) -> str:
    """Replace every occurrence of each secret in ``text``.

    >>> redact("x = 1\\nassert f(2) == 17\\n", ["assert f(2) == 17"])
    "x = 1\\n[removed from your feedback: this is part of the instructor's copy]\\n"
    """
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REMOVED)
    return text


def _redact_value(value, secrets):
    if isinstance(value, str):
        return redact(value, secrets)
    if isinstance(value, list):
        return [_redact_value(item, secrets) for item in value]
    return value


def source_secrets(nb) -> list[str]:
    """Every line of an instructor's notebook that a student must not see.

    Solution regions, hidden tests, and the whole of each written-answer cell (its
    model answer and rubric), and of any solution cell without markers.
    """
    lines = []
    for cell in nb.cells:
        if utils.is_solution(cell) and (cell.cell_type == "markdown" or SOLUTION[0] not in cell.source):
            lines += cell.source.split("\n")
        lines += marked_lines(cell.source, SOLUTION) + marked_lines(cell.source, HIDDEN)
    return lines


class SafeFeedback(NbGraderPreprocessor):
    """nbgrader preprocessor for ``generate_feedback``: no hidden tests, solutions or rubrics in feedback.

    Configure it in nbgrader_config.py, after nbgrader's ``GetGrades``::

        c.GenerateFeedback.preprocessors = [GetGrades, SafeFeedback, CSSHTMLHeaderPreprocessor]
    """

    # HTMLExporter configures this for every preprocessor it runs; declared here so it is accepted silently.
    display_data_priority = List(NbGraderPreprocessor.display_data_priority.default_value).tag(config=True)
    begin_hidden = Unicode(HIDDEN[0], help="Marker that opens hidden tests (as in ClearHiddenTests).").tag(config=True)
    end_hidden = Unicode(HIDDEN[1], help="Marker that closes hidden tests.").tag(config=True)
    max_message_chars = Integer(300, help="Longest error message shown for a test cell.").tag(config=True)
    min_secret_chars = Integer(12, help="Shorter lines of the instructor's copy are not searched for.").tag(config=True)
    stderr_note = Unicode(
        "While this check ran, your code wrote to the error stream (a warning, for example); "
        "the autograder counts that as a failed check.",
        help="Shown in a test cell that failed because of output on stderr.",
    ).tag(config=True)

    def preprocess(self, nb, resources):
        lines = []
        for cell in nb.cells:
            if is_test_cell(cell):
                lines += marked_lines(cell.source, (self.begin_hidden, self.end_hidden))
        lines += self._instructor_copy_lines(resources)
        self.secrets = secret_forms(lines, self.min_secret_chars)
        return super().preprocess(nb, resources)

    def _instructor_copy_lines(self, resources) -> list[str]:
        """Lines of the notebook's source in solutions/, if this machine has it (it does where grading runs)."""
        info = resources.get("nbgrader", {})
        if not info.get("assignment") or not info.get("notebook"):
            return []
        coursedir = CourseDirectory(config=self.config)
        folder = Path(coursedir.format_path(coursedir.source_directory, ".", info["assignment"]))
        path = folder / f"{info['notebook']}.ipynb"
        if not path.is_file():
            self.log.warning("SafeFeedback: no instructor copy at %s; hiding the hidden tests only", path)
            return []
        return source_secrets(nbformat.read(str(path), as_version=4))

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        if is_test_cell(cell):
            cell.source = strip_marked(cell.source, (self.begin_hidden, self.end_hidden))
            cell.outputs = self._test_outputs(cell.outputs)
        else:
            for output in cell.outputs:
                for key in ("text", "evalue", "traceback"):
                    if key in output:
                        output[key] = _redact_value(output[key], self.secrets)
                for mime, value in output.get("data", {}).items():
                    output["data"][mime] = _redact_value(value, self.secrets)
        return cell, resources

    def _test_outputs(self, outputs) -> list:
        kept, errors = [], [o for o in outputs if o.output_type == "error"]
        for output in errors:
            line = redact(error_line(output, self.max_message_chars), self.secrets)
            name, _, message = line.partition(": ")
            kept.append(new_output("error", ename=name, evalue=message, traceback=[line]))
        if not errors and any(o.output_type == "stream" and o.get("name") == "stderr" for o in outputs):
            kept.append(new_output("stream", name="stdout", text=self.stderr_note + "\n"))
        for output in outputs:   # a partial-credit score that the test cell itself shows
            if output.output_type == "execute_result" and _is_number(output.get("data", {}).get("text/plain")):
                kept.append(output)
        return kept


def _is_number(text) -> bool:
    try:
        float("".join(text) if isinstance(text, list) else text)
    except (TypeError, ValueError):
        return False
    return True
