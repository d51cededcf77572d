"""Walk the public API of partycorpus: every function whose first parameter is ``text_id``.

Shared by the tests that call every text-id helper (tests/test_friendly_errors.py with wrong ids,
tests/test_seven_texts.py on every text of a larger catalogue). Found with ``inspect`` over ``partycorpus.__all__``
and every module of the package, so a helper added later is covered without a change here.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import partycorpus as pc

# Plausible values for a helper's other required parameters, by name, then by annotation.
BY_NAME = {"start": 1, "first": 1, "end": 2, "last": 2, "line": 1, "segment": "body", "width": 80, "n": 5,
           "window": 5, "word": "party", "words": ["party"], "term": "party", "phrase": "party", "query": "party",
           "pattern": "party", "keyword": "party", "other": "izhma-1926-exile-report", "other_id": "izhma-1926-exile-report",
           "numbered_lines": [(1, "The party congress.")], "rows": [(1, "The party congress.")],
           "lines": ["The party congress."], "tokens": ["party"]}
BY_ANNOTATION = (("int", 1), ("float", 1.0), ("bool", False), ("list", ["party"]), ("str", "party"))


def _modules():
    modules, broken = [], []
    for info in pkgutil.walk_packages(pc.__path__, pc.__name__ + "."):
        if info.name.rsplit(".", 1)[-1] == "__main__":  # running it is the command line, not an import
            continue
        try:
            modules.append(importlib.import_module(info.name))
        except Exception as err:  # reported by test_every_module_of_the_package_imports
            broken.append(f"{info.name}: {type(err).__name__}: {err}")
    return modules, broken


MODULES, BROKEN = _modules()


def _takes_text_id_first(func) -> bool:
    try:
        parameters = list(inspect.signature(func).parameters)
    except (TypeError, ValueError):
        return False
    return bool(parameters) and parameters[0] == "text_id"


def text_id_helpers() -> dict:
    """name -> function, for every public function whose first parameter is text_id."""
    found = {f"partycorpus.{name}": getattr(pc, name) for name in pc.__all__
             if inspect.isfunction(getattr(pc, name)) and _takes_text_id_first(getattr(pc, name))}
    for module in MODULES:
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and func.__module__ == module.__name__ and _takes_text_id_first(func):
                found.setdefault(f"{module.__name__}.{name}", func)
    already = {}
    for name, func in found.items():  # one entry per function, under its shortest name
        already.setdefault(func, name)
    return {name: func for func, name in already.items()}


HELPERS = text_id_helpers()


def other_arguments(func) -> list:
    """Values for the required parameters after text_id, as a student would fill them in."""
    values = []
    for parameter in list(inspect.signature(func).parameters.values())[1:]:
        if parameter.default is not inspect.Parameter.empty or parameter.kind in (
                inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD, inspect.Parameter.KEYWORD_ONLY):
            continue
        if parameter.name in BY_NAME:
            values.append(BY_NAME[parameter.name])
            continue
        annotation = str(parameter.annotation)
        values.append(next((value for kind, value in BY_ANNOTATION if kind in annotation), "party"))
    return values


def call(func, text_id):
    result = func(text_id, *other_arguments(func))
    if inspect.isgenerator(result):  # a generator checks its arguments when it is first asked for a value
        next(result, None)
    return result
