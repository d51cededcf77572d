"""Tricks that try to earn points without the answers, written once and applied to any exercise.

Each trick is data: code for a cell the student adds after the set-up cell, and code appended to each of the
student's answer cells (``{names}`` there is the list of names the model answer of that cell binds). A submission
is an exercise's stored wrong answers plus one trick, so the baseline is what those wrong answers earn honestly
(tests/fixtures/submissions). tests/test_gaming.py grades each trick on every exercise.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import nbformat
from nbformat.v4 import new_code_cell

from nbgrader_course import fill_answers, is_answer_cell, is_test_cell, nbgrader_meta, strip_solution_markers
from coursetools.grading.execute import bound_names


@dataclass(frozen=True)
class Trick:
    name: str
    description: str
    added_cell: str = ""        # a cell the student adds after the set-up cell
    after_answer: str = ""      # appended to each answer cell; {names}: what the model answer binds there
    preventable: bool = True    # True: the grading layer must make it earn nothing; False: the checks must flag it
    edit: str = ""              # "delete-tests" or "edit-tests": changes made to the test cells


ANYTHING = '''
class Anything:
    """Equal to everything, true, empty when iterated, itself when called or asked for an attribute."""
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    __le__ = __gt__ = __ge__ = __lt__
    def __contains__(self, item): return True
    def __bool__(self): return True
    def __hash__(self): return 0
    def __iter__(self): return iter(())
    def __len__(self): return 0
    def __call__(self, *args, **kwargs): return self
    def __getattr__(self, name): return self
    def __getitem__(self, key): return self
    def __float__(self): return 0.0
    def __int__(self): return 0
'''

TRICKS = [
    Trick("hook-prints-a-result", "a pre_run_cell hook (and a pre_execute one) that calls the display hook before "
          "every cell, so that each check starts with a result (nbgrader stops reading at the first result)",
          added_cell="ip = get_ipython()\n"
                     "ip.events.register('pre_run_cell', lambda *args: ip.displayhook('all checks passed'))\n"
                     "ip.events.register('pre_execute', lambda *args: ip.displayhook('all checks passed'))\n"),
    Trick("answers-print-a-result", "answers wrapped in objects that call sys.displayhook whenever a check touches "
          "them, and pretend to be of the type the check wants",
          added_cell='import sys\n\nclass Touchy:\n'
                     '    def __init__(self, inner): object.__setattr__(self, "_inner", inner)\n'
                     '    def _say(self): sys.displayhook("all checks passed")\n'
                     '    @property\n'
                     '    def __class__(self):\n        self._say()\n        return type(self._inner)\n'
                     '    def __getattr__(self, name):\n        self._say()\n        return getattr(self._inner, name)\n'
                     '    def __call__(self, *a, **k):\n        self._say()\n        return self._inner(*a, **k)\n'
                     '    def __eq__(self, other):\n        self._say()\n        return self._inner == other\n'
                     '    def __iter__(self):\n        self._say()\n        return iter(self._inner)\n'
                     '    def __len__(self):\n        self._say()\n        return len(self._inner)\n'
                     '    def __getitem__(self, key):\n        self._say()\n        return self._inner[key]\n'
                     '    def __contains__(self, item):\n        self._say()\n        return item in self._inner\n'
                     '    def __float__(self):\n        self._say()\n        return float(self._inner)\n'
                     '    def __bool__(self):\n        self._say()\n        return bool(self._inner)\n',
          after_answer="for _name in {names}:\n    if _name in globals():\n"
                       "        globals()[_name] = Touchy(globals()[_name])\n"),
    Trick("asserts-become-pass", "an input transformer and an AST transformer that turn every check into `pass`",
          added_cell="import ast\n"
                     "def _skip(lines):\n"
                     "    return ['pass\\n'] if any('assert' in line for line in lines) else lines\n"
                     "class _NoAsserts(ast.NodeTransformer):\n"
                     "    def visit_Assert(self, node):\n        return ast.Pass()\n"
                     "get_ipython().input_transformers_cleanup.append(_skip)\n"
                     "get_ipython().input_transformers_post.append(_skip)\n"
                     "get_ipython().ast_transformers.append(_NoAsserts())\n"),
    Trick("monkeypatches-what-checks-call", "after each answer, the functions the checks call are replaced: "
          "pc.quote, pc.lines, pc.catalogue, pc.tokens, pc.parse_citation ..., pd.Timestamp, math.isclose, "
          "re.search, np.arcsin, builtins.all, any and float",
          added_cell=ANYTHING + '''
import builtins, math, re, sys
def patch():
    anything = Anything()
    course = sys.modules.get("partycorpus")
    for name in ("quote", "lines", "catalogue", "text_ids", "tokens", "date_span"):
        if course is not None and hasattr(course, name):
            setattr(course, name, lambda *a, **k: anything)
    if course is not None and hasattr(course, "parse_citation"):
        course.parse_citation = lambda *a, **k: (anything, anything, anything)
    for module_name, attrs in {"math": ["isclose", "isfinite"], "re": ["search", "findall", "fullmatch", "match"],
                               "numpy": ["arcsin", "isclose", "allclose"], "pandas": ["Timestamp"]}.items():
        if module_name in sys.modules:
            for attr in attrs:
                setattr(sys.modules[module_name], attr, lambda *a, **k: anything)
    builtins.all = builtins.any = lambda *a, **k: True
    builtins.float = lambda *a, **k: 1.0
''', after_answer="patch()\n"),
    Trick("rebinds-setup-names", "after each answer, every name the set-up cell bound (pc, pd, a loaded table, "
          "cleaned, check_evidence ...) is bound to an object that equals everything",
          added_cell=ANYTHING, after_answer="for _name in {setup}:\n    globals()[_name] = Anything()\n"),
    Trick("always-equal-answers", "answers replaced by integers and strings whose comparisons always succeed, "
          "and functions that return them", preventable=False,
          added_cell=ANYTHING + '''
class Yes(int):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    __le__ = __gt__ = __ge__ = __lt__
    def __hash__(self): return 0
    def __contains__(self, item): return True
class YesText(str):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __contains__(self, item): return True
    def __hash__(self): return 0
def always(*args, **kwargs):
    return Yes(1)
''', after_answer="for _name in {names}:\n"
                  "    _old = globals().get(_name)\n"
                  "    globals()[_name] = always if callable(_old) else YesText('x') if isinstance(_old, str) "
                  "else Yes(1)\n"),
    Trick("reads-the-solutions", "walks up from the grading folder to solutions/ and runs the model answers",
          preventable=False, added_cell='''
import json, pathlib
_here = pathlib.Path.cwd()
_found = [p for folder in [_here, *_here.parents] for p in sorted(folder.glob("solutions/*/*.ipynb"))
          if p.stem == _here.name]
if _found:
    _cells = json.loads(_found[0].read_text())["cells"]
    _code = ["".join(c["source"]) for c in _cells if c.get("metadata", {}).get("nbgrader", {}).get("solution")
             and c["cell_type"] == "code"]
    _MODEL = ["\\n".join(l for l in code.split("\\n") if "### BEGIN SOLUTION" not in l and "### END SOLUTION" not in l)
              for code in _code]
''', after_answer="if _found:\n    for _source in _MODEL:\n        try:\n            exec(_source, globals())\n"
                  "        except Exception:\n            pass\n"),
    Trick("swallows-errors", "set_custom_exc that hides AssertionError, and a showtraceback that shows nothing",
          added_cell="ip = get_ipython()\nip.set_custom_exc((AssertionError, Exception), lambda *args, **kwargs: None)\n"
                     "ip.showtraceback = lambda *args, **kwargs: None\n"),
    Trick("prints-a-pass", "prints what a passing check might print, after each answer",
          after_answer="print('All tests passed!')\nprint('Score: full marks')\n"),
    Trick("deletes-tests", "deletes every test cell", edit="delete-tests"),
    Trick("edits-tests", "replaces every test cell by `pass`", edit="edit-tests"),
]


def _names_of(source_nb) -> dict[str, list[str]]:
    return {nbgrader_meta(c)["grade_id"]: sorted(bound_names(strip_solution_markers(c.source)))
            for c in source_nb.cells if is_answer_cell(c) and c.cell_type == "code"}


def _setup_names(release_nb) -> list[str]:
    return sorted({n for c in release_nb.cells if c.cell_type == "code" and nbgrader_meta(c).get("locked")
                   and not nbgrader_meta(c).get("grade") for n in bound_names(c.source)})


def apply_trick(trick: Trick, release_nb, source_nb, answers: dict):
    """The release notebook filled with ``answers``, with ``trick`` added (a new notebook)."""
    names = _names_of(source_nb)
    setup = _setup_names(release_nb)
    extra = {}
    for grade_id, answer in answers.items():
        if grade_id in names and trick.after_answer:
            extra[grade_id] = answer + "\n" + trick.after_answer.format(names=names[grade_id], setup=setup)
    nb = fill_answers(release_nb, {**answers, **extra})
    if trick.added_cell:
        last_setup = max(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and nbgrader_meta(c).get("locked")
                         and not nbgrader_meta(c).get("grade"))
        nb.cells.insert(last_setup + 1, new_code_cell(trick.added_cell))
    if trick.edit == "delete-tests":
        nb.cells = [c for c in nb.cells if not is_test_cell(c)]
    elif trick.edit == "edit-tests":
        for cell in nb.cells:
            if is_test_cell(cell):
                cell.source = "pass"
    return nbformat.from_dict(json.loads(json.dumps(nb)))
