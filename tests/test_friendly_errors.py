"""Friendly errors (issue 9): when a student's call to a helper fails, the message says what went wrong and what to do.

The test walks the public API: ``partycorpus.__all__`` and every public function of every
module of the package whose first parameter is ``text_id``, found with ``inspect`` (so a
module added later is covered without a change here). Each is called as a student might
get it wrong:

- an unknown id ("tarov", a typo, an id with a capital or a space, an empty string) must raise
  ``UnknownTextError`` naming a valid id and saying how to list the ids;
- an id that is not a string (a number, a list, None) must raise ``TypeError`` saying what a text id
  looks like.

Helpers must check the id before anything else, so the student hears about the id first.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import partycorpus as pc

ID_SHAPE = re.compile(r"'[a-z]+-(?:\d{4}|undated)(?:-[a-z0-9]+)+'")  # how a text id looks, quoted, in a message
WHAT_TO_DO = "partycorpus.text_ids()"
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


def test_the_walk_finds_the_helpers():
    for name in ("partycorpus.lines", "partycorpus.text", "partycorpus.passage", "partycorpus.cite",
                 "partycorpus.show_passage", "partycorpus.text_path", "partycorpus.check_text_id"):
        assert name in HELPERS, f"{name} was not found: the discovery is broken"


def test_every_module_of_the_package_imports():
    assert not BROKEN, "modules that do not import (their helpers cannot be checked):\n" + "\n".join(BROKEN)


@pytest.mark.parametrize("bad_id, suggestion", [
    ("tarov", "tarov-1936-escape"),
    ("carr-1959-socialism", "carr-1959-socialism-vol2"),
    ("Izhma-1926-exile-report", "izhma-1926-exile-report"),
    ("thakor-2023-gulag-opinion ", "thakor-2023-gulag-opinion"),
    ("", None),
], ids=["prefix", "typo", "capital", "space", "empty"])
@pytest.mark.parametrize("name", sorted(HELPERS))
def test_an_unknown_text_id_names_a_valid_one_and_says_what_to_do(name, bad_id, suggestion):
    func = HELPERS[name]
    try:
        call(func, bad_id)
    except pc.UnknownTextError as err:
        message = str(err)
    except Exception as err:  # noqa: BLE001 - the point is which exception a student gets
        pytest.fail(f"{name}({bad_id!r}, ...) raised {type(err).__name__}: {err}\n"
                    "It should check the id first, with partycorpus.check_text_id, and raise UnknownTextError.")
    else:
        pytest.fail(f"{name}({bad_id!r}, ...) raised nothing for an id that is not in the catalogue")
    if suggestion:
        assert f"Did you mean {suggestion!r}?" in message, message
    else:
        assert "empty" in message, message
    assert ID_SHAPE.search(message), f"the message names no valid id:\n{message}"
    assert WHAT_TO_DO in message, f"the message does not say how to list the ids:\n{message}"


@pytest.mark.parametrize("bad_id", [3, None, ["tarov-1936-escape"], b"tarov-1936-escape"],
                         ids=["number", "None", "list", "bytes"])
@pytest.mark.parametrize("name", sorted(HELPERS))
def test_a_text_id_that_is_not_a_string_says_what_an_id_looks_like(name, bad_id):
    func = HELPERS[name]
    try:
        call(func, bad_id)
    except TypeError as err:
        message = str(err)
    except Exception as err:  # noqa: BLE001
        pytest.fail(f"{name}({bad_id!r}, ...) raised {type(err).__name__}: {err}\n"
                    "It should check the id first, with partycorpus.check_text_id, and raise TypeError.")
    else:
        pytest.fail(f"{name}({bad_id!r}, ...) raised nothing for an id that is not a string")
    assert "text id" in message.lower() and ID_SHAPE.search(message), (
        f"the message does not say what a text id looks like:\n{message}")


# ---------------------------------------------------------------------------------------------------------
# Citations, passages and figures: the other ways a call goes wrong, each with advice.

@pytest.mark.parametrize("helper", [pc.quote, pc.parse_citation])
def test_a_citation_of_an_unknown_text_names_a_valid_id(helper):
    with pytest.raises(pc.UnknownTextError, match="Did you mean 'tarov-1936-escape'"):
        helper("tarov:29")


@pytest.mark.parametrize("helper", [pc.quote, pc.parse_citation])
def test_an_empty_citation_shows_what_one_looks_like(helper):
    with pytest.raises(ValueError, match="for example 'tarov-1936-escape:29'"):
        helper("")


def test_a_line_number_outside_the_text_gives_the_valid_range():
    with pytest.raises(ValueError, match=r"has lines 1 to 129.*Ask for lines between 1 and 129"):
        pc.passage("tarov-1936-escape", 130)


@pytest.mark.parametrize("line", ["3", 3.0], ids=["string", "float"])
def test_a_line_number_that_is_not_whole_says_how_to_write_it(line):
    with pytest.raises(TypeError, match="without quotes or decimals"):
        pc.passage("tarov-1936-escape", line)


def test_a_numpy_line_number_is_a_line_number():
    import numpy as np

    assert pc.cite("tarov-1936-escape", np.int64(29)) == "tarov-1936-escape:29"


@pytest.mark.parametrize("rows, error, advice", [
    ([], ValueError, "the list of \\(line number, line\\) pairs is empty"),
    ("A. Tarov", TypeError, "not a string"),
    (["A. Tarov"], TypeError, "pairs such as"),
], ids=["empty", "a string", "lines without numbers"])
def test_format_passage_explains_what_it_needs(rows, error, advice):
    with pytest.raises(error, match=advice) as err:
        pc.format_passage(rows)
    assert "pc.passage(text_id, start, end)" in str(err.value)


def test_label_axes_refuses_empty_labels_and_a_figure():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    try:
        with pytest.raises(ValueError, match="the y label is empty. Say what the axis measures"):
            pc.label_axes(ax, "Words per text", "text", " ")
        with pytest.raises(TypeError, match="That is a figure: pass one of its axes"):
            pc.label_axes(fig, "Words per text", "text", "words")
    finally:
        plt.close(fig)


def test_show_figure_explains_an_empty_figure_an_axes_and_missing_alt_text():
    import matplotlib.pyplot as plt

    with pytest.raises(ValueError, match="The figure is empty"):
        pc.show_figure(plt.figure(), alt="A figure with nothing on it at all.")
    fig, ax = plt.subplots()
    pc.label_axes(ax, "Rise", "x", "y")
    with pytest.raises(TypeError, match=r"That is an Axes: pass its figure, show_figure\(ax.figure"):
        pc.show_figure(ax, alt="A line rising from 3 to 4.")
    with pytest.raises(ValueError, match="Describe the figure in the alt text.*For example"):
        pc.show_figure(fig, alt="")
    plt.close("all")


# ---------------------------------------------------------------------------------------------------------
# Arguments of the wrong type (issue 14, item 5): every public function checks what it is given and says
# what it expected, as a course error, instead of failing deep inside Python ("argument of type 'int' is
# not iterable"). The walk gives each function an object of no use to it in place of one parameter.

import pandas as pd  # noqa: E402

PLAUSIBLE = {**BY_NAME, "text_id": "carr-1959-socialism-vol2", "number": 11, "citation": "tarov-1936-escape:2",
             "text": "The party congress.", "token": "1926", "a": 1, "b": 1, "c": 2, "d": 2, "date": "1925",
             "node": "party", "target": ["party"], "reference": ["party", "congress"], "names": ["party"],
             "title": "Title", "xlabel": "x", "ylabel": "y", "colorbar_label": "count", "what": "counts",
             "table": pd.DataFrame({1: [1.0]}, index=["a"]), "intervals": [(0, 1)], "x": [0], "y": [0],
             "labels": ["a"], "alt": "A figure that shows one thing and its main pattern clearly."}


def _plausible(name):
    import matplotlib.pyplot as plt

    if name == "ax":
        return plt.subplots()[1]
    if name == "fig":
        return plt.subplots()[0]
    if name == "events":
        return pc.timeline().head(2)
    return PLAUSIBLE.get(name, "party")


def _required(func):
    return [p.name for p in inspect.signature(func).parameters.values()
            if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


PUBLIC_FUNCTIONS = {name: getattr(pc, name) for name in pc.__all__
                    if inspect.isfunction(getattr(pc, name)) and _required(getattr(pc, name))}
WRONG = {"an object": object(), "a number": 12345}
# A number is a valid first argument where the function takes a number first (log_likelihood(a, b, c, d), ...).
WALK = [(name, wrong) for name in sorted(PUBLIC_FUNCTIONS) for wrong in WRONG
        if not (wrong == "a number" and isinstance(PLAUSIBLE.get(_required(PUBLIC_FUNCTIONS[name])[0]), (int, float)))]


@pytest.mark.parametrize("name, wrong", WALK, ids=[f"{name}-{wrong}" for name, wrong in WALK])
def test_a_wrong_first_argument_gets_a_course_error_that_says_what_was_expected(name, wrong):
    import matplotlib.pyplot as plt

    func = PUBLIC_FUNCTIONS[name]
    arguments = [_plausible(p) for p in _required(func)]
    arguments[0] = WRONG[wrong]
    try:
        func(*arguments)
    except pc.CourseError as err:
        assert str(err).strip(), f"{name} raised a course error without a message"
    except Exception as err:  # noqa: BLE001 - the point is which exception a student gets
        pytest.fail(f"pc.{name}({WRONG[wrong]!r}, ...) raised {type(err).__name__}: {err}\n"
                    "Check the argument at the public function and raise a course error naming the expected type.")
    else:
        pytest.fail(f"pc.{name}({WRONG[wrong]!r}, ...) raised nothing")
    finally:
        plt.close("all")


def test_the_argument_walk_covers_the_public_api():
    assert {"tokenize", "tokens", "kwic", "keyness", "collocates", "passage", "plot_heatmap", "label_axes",
            "show_figure", "dates_in_lines", "define"} <= set(PUBLIC_FUNCTIONS)


@pytest.mark.parametrize("call, expected", [
    (lambda: pc.tokenize(5), "tokenize: the text to split should be a string (text in quotes), not int 5"),
    (lambda: pc.tokens("tarov-1936-escape", lower="yes"), "tokens: lower should be True or False, not str 'yes'"),
    (lambda: pc.kwic("tarov-1936-escape", "hunger", window=2.5), "the window (tokens on each side) should be a whole number"),
    (lambda: pc.chapter("carr-1959-socialism-vol2", "13"), "the chapter number should be a whole number, not str '13'"),
    (lambda: pc.segments("tarov-1936-escape").loc, None),
    (lambda: pc.parse_citation(29), "the citation should be a string (text in quotes), not int 29"),
    (lambda: pc.stopwords(keep=5), "keep should be a word or a list of words"),
    (lambda: pc.collocates(["a", "b"], 5), "the node word should be a word or a list of words"),
    (lambda: pc.define(3), "define: the term should be a string"),
], ids=["tokenize", "tokens lower", "kwic window", "chapter", "no error", "citation", "stopwords", "collocates",
        "define"])
def test_type_errors_name_the_expected_type(call, expected):
    if expected is None:
        call()
        return
    with pytest.raises(TypeError) as raised:
        call()
    assert isinstance(raised.value, pc.CourseError) and expected in str(raised.value), str(raised.value)
