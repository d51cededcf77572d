"""Check that an autograder's hints do not give the answer away.

A hidden test's message is shown to the student in the feedback (that is what
it is for), so it must hint without telling. :func:`giveaways` reads the
hidden tests of a test cell and returns each assertion whose message contains
a value the assertion compares against, such as ``== 17`` with the message
"the answer is line 17".

>>> cell = '''
... ### BEGIN HIDDEN TESTS
... assert f("Drozdov") == 3, "The first line with Drozdov is line 3."
... assert f("x") is None, "Return None when no line matches."
... ### END HIDDEN TESTS'''
>>> giveaways(cell)
[(3, '== 3', 'The first line with Drozdov is line 3.')]
"""
from __future__ import annotations

import ast
import re

from .feedback import HIDDEN

# Comparisons whose right-hand constant is the expected value (not a wrong value to avoid, as in ``!= 3``).
EXPECTING = {ast.Eq: "==", ast.In: "in", ast.Is: "is"}


def _hidden_source(source: str, markers=HIDDEN) -> str:
    """The source with every line outside the hidden regions blanked (line numbers stay as they are)."""
    out, inside = [], False
    for line in source.split("\n"):
        if markers[0] in line:
            inside = True
            out.append("")
        elif markers[1] in line:
            inside = False
            out.append("")
        else:
            out.append(line if inside else "")
    return "\n".join(out)


def _expected_values(test: ast.expr):
    """(operator, constant) pairs of the comparisons in ``test`` that name an expected value."""
    for node in ast.walk(test):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for i, op in enumerate(node.ops):
                if type(op) in EXPECTING:
                    for side in (operands[i], operands[i + 1]):
                        if isinstance(side, ast.Constant) and side.value is not None and not isinstance(side.value, bool):
                            yield EXPECTING[type(op)], side.value


def _mentions(message: str, value) -> bool:
    text = str(value)
    return bool(re.search(rf"(?<![\w.]){re.escape(text)}(?![\w])", message))


def giveaways(source: str, markers=HIDDEN) -> list[tuple[int, str, str]]:
    """(line, comparison, message) for each hidden assertion whose message states the expected value.

    The source of a test cell is parsed as Python; a cell that does not parse returns no findings.
    """
    try:
        tree = ast.parse(_hidden_source(source, markers))
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert) and isinstance(node.msg, ast.Constant) and isinstance(node.msg.value, str):
            for op, value in _expected_values(node.test):
                if _mentions(node.msg.value, value):
                    found.append((node.lineno, f"{op} {value!r}" if isinstance(value, str) else f"{op} {value}",
                                  node.msg.value))
    return found
