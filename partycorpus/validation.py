"""What a student reads after clicking Validate: the check's message first, in plain words.

nbgrader's Validate dialog (and ``nbgrader validate``) shows a failed check as
its whole source, hidden tests' markers and all, then a full Python traceback,
and only at its end the message the exercise's author wrote for the student.
:func:`plain_messages_hook`, nbclient's ``on_cell_error`` hook of nbgrader's
``Execute`` step (see nbgrader_config.py), acts only while nbgrader validates:
for each check that failed it puts the message in place of the check's source
and reduces the traceback to the one line of the check that failed. Only the copy being validated changes, in memory; a check the student
edited is left as it is, so that nbgrader still reports the edit.

Students validate in their own JupyterLab, so the hook lives in the student
package and the student's nbgrader configuration names it (the student edition's
``jupyter-config/nbgrader_config.py``; the instructor's ``nbgrader_config.py``
does the same). It is the one module of the package that uses nbgrader, and it
imports nbgrader only when nbgrader calls it: ``import partycorpus`` never loads it.

>>> from nbformat.v4 import new_code_cell, new_output
>>> cell = new_code_cell("assert x == 1, 'Count lines from 1.'", outputs=[new_output("error",
...     ename="AssertionError", evalue="Count lines from 1.", traceback=[
...     "Cell In[3], line 1", "----> 1 assert x == 1, 'Count lines from 1.'", "AssertionError: Count lines from 1."])])
>>> plain = plain_failure(cell)
>>> print(plain.source)
Count lines from 1.
>>> plain.outputs[0].traceback
['The check that failed: assert x == 1']
"""
from __future__ import annotations

import ast
import os
import re

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
ARROW = re.compile(r"^-*>\s*\d+\s?(.*)$")


def _plain(text) -> str:
    return ANSI.sub("", "".join(text) if isinstance(text, list) else str(text))


def failing_line(traceback) -> str:
    """The line of code an IPython traceback points at with its arrow (the last such line), or ''."""
    found = ""
    for block in traceback:
        for line in _plain(block).split("\n"):
            match = ARROW.match(line.strip())
            if match:
                found = match.group(1).strip()
    return found


def assertion_with_message(source: str, message: str) -> str:
    """The ``assert`` of ``source`` whose message is ``message``, without its message; '' if there is none.

    >>> assertion_with_message("assert a == 1, 'one'\\nassert b, 'two'", "two")
    'assert b'
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert) and isinstance(node.msg, ast.Constant) and node.msg.value == message:
            return f"assert {ast.unparse(node.test)}"
    return ""


def _without_message(line: str) -> str:
    """``assert test, "message"`` without its message (the student has just read it)."""
    try:
        node = ast.parse(line).body[0]
    except (SyntaxError, IndexError):
        return line
    return f"assert {ast.unparse(node.test)}" if isinstance(node, ast.Assert) else line


def plain_failure(cell):
    """The failed test ``cell`` with its message as source and a one-line traceback (a copy is not made)."""
    errors = [o for o in cell.outputs if o.output_type == "error"]
    if not errors:
        return cell
    error = errors[-1]
    evalue = _plain(error.get("evalue", "")).strip()
    message = evalue
    if error.ename != "AssertionError":
        message = f"{error.ename}: {evalue}" if evalue else error.ename
    line = assertion_with_message(cell.source, evalue) or _without_message(failing_line(error.get("traceback", [])))
    cell.source = message or "A check failed, without a message."
    error.traceback = [f"The check that failed: {line}" if line else "(the check gives no more detail)"]
    cell.outputs = [o for o in cell.outputs if o.output_type != "error"] + [error]
    return cell


def plain_messages_hook(cell, cell_index=None, execute_reply=None, **_ignored) -> None:
    """nbclient's ``on_cell_error`` hook for nbgrader's ``Execute``: while nbgrader validates (it sets
    NBGRADER_VALIDATING), a failed, unedited check is shown as its message and the line that failed."""
    if os.environ.get("NBGRADER_VALIDATING") != "1":   # autograding: the graded notebook keeps the checks
        return
    from nbgrader.utils import compute_checksum, is_grade, is_locked, is_solution   # nbgrader is calling us

    if cell.cell_type != "code" or not is_grade(cell) or is_solution(cell) or not is_locked(cell):
        return
    meta = cell.metadata["nbgrader"]
    if "checksum" in meta and meta["checksum"] != compute_checksum(cell):   # edited: nbgrader reports it
        return
    plain_failure(cell)
    if "checksum" in meta:   # what changed is only the copy being validated, in memory
        meta["checksum"] = compute_checksum(cell)
