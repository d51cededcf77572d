"""Find code in a student's cell that can change how the checks after it run, or fool them.

The autograder puts back what it can before each check
(:mod:`coursetools.grading.kernel_guard`), but some tricks live in the answer itself:
an object whose comparisons always succeed passes ``answer == 17``, and code that
reads the instructor's copy from a folder above the grading folder gets the
model answers when the grader runs as the instructor. An exercise of this course
never needs any of the following, so :func:`suspicious` names each one it finds;
``coursetools.grading.checks`` prints them for the instructor to read. Honest
work (every model answer and every stored wrong submission) is never flagged:
the tests check it.

>>> suspicious("class Yes(int):\\n    def __eq__(self, other):\\n        return True\\nn = Yes(1)")
['a class that changes how its objects compare (Yes: __eq__, subclass of int)']
>>> suspicious("import math\\nmath.isclose = lambda *args: True", modules={"pd"})
['changes math.isclose']
>>> suspicious("table = pc.catalogue()\\ntable['year'] = 1926", modules={"pc"})
[]
"""
from __future__ import annotations

import ast
import re

# Names whose mere use means "this code reaches into Python or the notebook's machinery".
MACHINERY = {
    "get_ipython": "get_ipython (the notebook's machinery)", "IPython": "IPython's internals",
    "displayhook": "the display hook", "excepthook": "the exception hook", "set_custom_exc": "set_custom_exc",
    "input_transformers_cleanup": "input transformers", "input_transformers_post": "input transformers",
    "ast_transformers": "AST transformers", "NodeTransformer": "an AST transformer", "showtraceback": "showtraceback",
    "__builtins__": "__builtins__", "builtins": "the builtins module", "settrace": "sys.settrace",
    "setprofile": "sys.setprofile", "addaudithook": "an audit hook", "_getframe": "frames", "f_locals": "frames",
    "f_globals": "frames", "__globals__": "a function's globals", "__code__": "a function's code",
    "importlib": "importlib", "__dict__": "__dict__",
    "__subclasshook__": "__subclasshook__", "__instancecheck__": "__instancecheck__", "register": None,
    "gc": "the garbage collector", "ctypes": "ctypes", "inspect": "inspect", "subprocess": "subprocess",
    "system": None, "_exit": "os._exit", "kill": None, "signal": "signals", "chdir": "os.chdir", "walk": None,
    "parent": "a parent folder", "parents": "a parent folder", "modules": None,
}
# Built-in functions that run or reach code by name; flagged where the code calls them by their own name.
BUILTIN_CALLS = {"exec": "exec", "eval": "eval", "compile": "compile", "__import__": "__import__",
                 "globals": "globals()", "vars": "vars()", "setattr": "setattr", "delattr": "delattr"}
# Attribute names that are suspicious only on these objects (``os.system``, ``sys.modules``...).
QUALIFIED = {"system": {"os"}, "kill": {"os"}, "walk": {"os"}, "modules": {"sys"}, "signal": {"signal"},
             "register": {"events", "Integral", "Real", "Number", "Complex", "Rational", "Mapping", "Sequence",
                          "Set", "Hashable", "Iterable", "Collection", "Container", "Sized"}}
# Text that points at the instructor's files.
PATHS = re.compile(r"\.\.[/\\]|\bsolutions\b|gradebook|autograded|\bsubmitted\b|nbgrader")
# Special methods that decide comparisons, truth, membership, attribute and type checks.
COMPARING = {"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__contains__", "__bool__", "__hash__",
             "__len__", "__getattr__", "__getattribute__", "__class__", "__instancecheck__", "__index__", "__int__",
             "__float__", "__str__", "__repr__", "__iter__", "__round__", "__abs__", "__sub__", "__rsub__"}
BUILTIN_TYPES = {"int", "float", "complex", "str", "bytes", "bool", "list", "tuple", "dict", "set", "frozenset"}


def _root(node):
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _owner(node: ast.Attribute):
    value = node.value
    if isinstance(value, ast.Call):
        value = value.func
    if isinstance(value, ast.Attribute):
        return value.attr
    return value.id if isinstance(value, ast.Name) else None


def _dotted(node) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _class_finding(node: ast.ClassDef) -> str | None:
    bases = sorted({base.id for base in node.bases if isinstance(base, ast.Name) and base.id in BUILTIN_TYPES})
    methods = sorted({item.name for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                      and item.name in COMPARING}
                     | {t.id for item in node.body if isinstance(item, ast.Assign) for t in item.targets
                        if isinstance(t, ast.Name) and t.id in COMPARING})
    if not bases and not methods:
        return None
    what = ", ".join(methods + [f"subclass of {b}" for b in bases])
    return f"a class that changes how its objects compare ({node.name}: {what})"


def imported_names(tree) -> set[str]:
    """Names that modules are imported under (``import numpy as np`` gives ``np``)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update((a.asname or a.name).split(".")[0] for a in node.names)
    return found


def suspicious(source: str, modules=frozenset(), setup_functions=frozenset()) -> list[str]:
    """What in ``source`` (one student cell) can fool the checks, in plain words; [] for ordinary code.

    ``modules``: names the notebook's set-up cell gave to modules (``pc``, ``pd``); ``setup_functions``: names of
    functions and classes it defined or imported (redefining one is flagged).
    """
    findings = []
    if PATHS.search(source):
        findings.append("paths to the instructor's files (" + ", ".join(sorted(set(PATHS.findall(source)))) + ")")
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return findings
    modules = set(modules) | imported_names(tree)
    used = set()
    for node in ast.walk(tree):
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                top = (node.module or alias.name if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
                if top in MACHINERY and MACHINERY[top]:
                    used.add(MACHINERY[top])
        if isinstance(node, ast.Name) and node.id in BUILTIN_CALLS:
            used.add(BUILTIN_CALLS[node.id])
        if name in MACHINERY:
            if name in QUALIFIED:
                owner = _owner(node) if isinstance(node, ast.Attribute) else None
                if owner in QUALIFIED[name]:
                    used.add(f"{owner}.{name}")
            elif MACHINERY[name]:
                used.add(MACHINERY[name])
        if isinstance(node, ast.ClassDef):
            finding = _class_finding(node)
            if finding:
                findings.append(finding)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "type" \
                and len(node.args) == 3:
            findings.append("a class made with type(name, bases, methods)")
        targets = []
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and _root(part) in modules:
                    findings.append(f"changes {_dotted(part)}")
                elif isinstance(part, ast.Name) and part.id in setup_functions and isinstance(part.ctx, ast.Store):
                    findings.append(f"redefines {part.id}, which the set-up cell defines")
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name in setup_functions:
            findings.append(f"redefines {node.name}, which the set-up cell defines")
    if used:
        findings.append("uses " + ", ".join(sorted(used)))
    return list(dict.fromkeys(findings))


def setup_names(nb) -> tuple[set[str], set[str]]:
    """(module names, function and class names) that the locked set-up cells of a notebook bind."""
    modules, functions = set(), set()
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("locked") or meta.get("grade"):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                modules.update((a.asname or a.name).split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                functions.update(a.asname or a.name for a in node.names)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                functions.add(node.name)
    return modules, functions
