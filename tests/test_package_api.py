"""The shape of the student package (issue 16, item 4): one public name per thing, one import style, the
tokeniser apart, a text id checked once, only declared dependencies, nothing instructor-only.

Each rule is checked by a function that returns the problems it finds, and each function is also run on a
small bad example, to show that it can fail.
"""
from __future__ import annotations

import ast
import importlib.metadata
import inspect
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

import partycorpus as pc
from partycorpus.corpus import catalogue as catalogue_module

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "partycorpus"
NOTEBOOKS = (sorted((ROOT / "lessons").glob("*.ipynb")) + sorted((ROOT / "solutions").rglob("*.ipynb"))
             + sorted((ROOT / "exercises").rglob("*.ipynb")))
NOTEBOOK_IDS = [str(p.relative_to(ROOT)) for p in NOTEBOOKS]
INSTRUCTOR_ONLY = {"nbgrader", "coursetools", "dev", "tests"}
#: The one module nbgrader itself calls (Validate, on the student's side): it imports nbgrader, inside the hook.
NBGRADER_HOOKS = {"partycorpus/validation.py": {"nbgrader"}}


# ------------------------------------------------------------------------------------------------ imports

def imported_modules(source: str) -> set[str]:
    """Top-level names of the modules a Python source imports absolutely (relative imports are the package's own)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def declared_imports() -> set[str]:
    """The import names of the distributions in pyproject.toml's ``dependencies``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].lower() for requirement in project["dependencies"]}
    provided = importlib.metadata.packages_distributions()  # import name -> distributions
    return {module for module, dists in provided.items() if any(d.lower() in names for d in dists)} | names


def undeclared(sources: dict[str, str], declared: set[str]) -> list[str]:
    """``file: module`` for each import that is neither the standard library, the package, nor declared."""
    problems = []
    for name, source in sources.items():
        for module in sorted(imported_modules(source)):
            if module in sys.stdlib_module_names or module == "partycorpus" or module in declared:
                continue
            problems.append(f"{name}: {module}")
    return problems


def package_sources() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))}


def allowed_for(name: str) -> set[str]:
    """Modules a file of the package may import beyond the declared ones (nbgrader, for the hook nbgrader calls)."""
    return NBGRADER_HOOKS.get(Path(name).as_posix(), set())


def test_every_third_party_import_of_the_package_is_a_declared_dependency():
    problems = [p for p in undeclared(package_sources(), declared_imports())
                if p.split(": ")[1] not in allowed_for(p.split(": ")[0])]
    assert not problems, "imports missing from pyproject.toml's dependencies:\n" + "\n".join(problems)


def test_the_dependency_check_finds_an_undeclared_import():
    sources = {"bad.py": "import msgpack\nfrom nbgrader.api import Gradebook\nimport os\nfrom . import corpus\n"}
    assert undeclared(sources, declared_imports()) == ["bad.py: msgpack", "bad.py: nbgrader"]


def test_the_student_package_imports_nothing_instructor_only():
    for name, source in package_sources().items():
        found = imported_modules(source) & INSTRUCTOR_ONLY - allowed_for(name)
        assert not found, f"{name} imports {found}"


def test_the_validation_hook_imports_nbgrader_only_when_nbgrader_calls_it():
    tree = ast.parse((PACKAGE / "validation.py").read_text(encoding="utf-8"))
    top_level = {node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))}
    assert not any(imported_modules(ast.unparse(node)) & {"nbgrader"} for node in top_level)


def test_importing_the_package_loads_no_instructor_module_and_not_ipython():
    code = ("import sys, partycorpus; bad = sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'nbgrader', 'coursetools', 'IPython'}); print(bad)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"


# ------------------------------------------------------------------------------------------ the tokeniser

def package_imports(path: Path) -> set[str]:
    """The package modules a file of the package imports, as dotted names from ``partycorpus``."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = parts[:len(parts) - node.level]
            found.add(".".join(base + ([node.module] if node.module else [])))
    return found


def test_the_tokeniser_is_pure_and_imports_no_text_id_code():
    for path in sorted((PACKAGE / "strings").glob("*.py")):
        outside = {m for m in package_imports(path) if not m.startswith(("partycorpus.strings", "partycorpus.errors"))}
        assert not outside, f"{path.name} imports {outside}: the tokeniser and string helpers take no text ids"
    assert "partycorpus.strings.tokenizer" in package_imports(PACKAGE / "cleaning" / "model.py")


def test_cleaning_and_the_corpus_do_not_import_statistics_or_plots():
    for path in sorted((PACKAGE / "cleaning").glob("*.py")) + sorted((PACKAGE / "corpus").glob("*.py")):
        later = {m for m in package_imports(path) if m.startswith(("partycorpus.stats", "partycorpus.plots"))}
        assert not later, f"{path.relative_to(ROOT)} imports {later}: an import loop in the making"


def check_text_id_calls(call) -> int:
    """How many times ``call()`` runs check_text_id (counted with a profiler, so every caller is seen)."""
    target = catalogue_module.check_text_id.__code__
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call" and frame.f_code is target:
            count += 1

    sys.setprofile(profile)
    try:
        call()
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("call", [
    lambda: pc.tokens("carr-1959-socialism-vol2"),
    lambda: pc.tokens("tarov-1936-escape", "heading-ice-water", lower=True, kind="word"),
    lambda: pc.kwic("tarov-1936-escape", "hunger"),
    lambda: pc.find_dates("izhma-1926-exile-report", raw=True),
    lambda: pc.body("thakor-2023-gulag-opinion"),
    lambda: pc.passage("carr-1959-socialism-vol2", 18, 19, clean=True),
    lambda: pc.chapter("carr-1959-socialism-vol2", 13),
], ids=["tokens", "tokens of a segment", "kwic", "find_dates raw", "body", "clean passage", "chapter"])
def test_a_text_id_is_checked_once_per_call(call):
    call()  # caches warm
    assert check_text_id_calls(call) == 1


def test_the_call_counter_sees_every_check():
    assert check_text_id_calls(lambda: [pc.lines("tarov-1936-escape") for _ in range(3)]) == 3


# ------------------------------------------------------------------------------------ the public names

def test_every_public_name_exists_and_is_documented_in_the_package_docstring():
    for name in pc.__all__:
        assert hasattr(pc, name), f"partycorpus.__all__ lists {name}, which the package does not define"
        assert f"``{name}``" in pc.__doc__, f"the package docstring does not list {name}"


def test_one_public_name_per_thing():
    functions = [getattr(pc, name) for name in pc.__all__ if inspect.isfunction(getattr(pc, name))]
    assert len(functions) == len(set(functions)), "two public names for one function"
    retired = {"cleaned", "Cleaned", "segment_rows", "segment_table", "kwic_rows", "source_note",
               "colour_problems", "write_glossary_page", "glossary_markdown"}
    assert not retired & set(dir(pc)), f"retired names still public: {retired & set(dir(pc))}"


def test_a_subpackage_does_not_hide_a_public_function():
    for name in pc.__all__:
        assert not inspect.ismodule(getattr(pc, name)), f"pc.{name} is a module, not the function"


# --------------------------------------------------------------------------- notebooks: one import style

def code_cells(path):
    return [cell for cell in nbformat.read(str(path), as_version=4).cells if cell.cell_type == "code"]


def import_style_problems(source: str) -> list[str]:
    """Imports of the package other than ``import partycorpus as pc``, and ``pc.`` names the package lacks."""
    problems = []
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return problems  # exercises hold blanks that are not Python; nbgrader's own checks cover them
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "partycorpus":
            problems.append(f"from {node.module} import ...")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "partycorpus" and (alias.name, alias.asname) != ("partycorpus", "pc"):
                    problems.append(f"import {alias.name}" + (f" as {alias.asname}" if alias.asname else ""))
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "pc"
              and not hasattr(pc, node.attr)):
            problems.append(f"pc.{node.attr} does not exist")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_notebooks_use_one_import_style(path):
    problems = [p for cell in code_cells(path) for p in import_style_problems(cell.source)]
    assert not problems, problems


def test_the_import_style_check_finds_the_other_styles():
    source = "import partycorpus\nfrom partycorpus.stats.kwic import kwic\nimport partycorpus.stats as st\npc.cleaned(1)"
    assert import_style_problems(source) == ["import partycorpus", "from partycorpus.stats.kwic import ...",
                                             "import partycorpus.stats as st", "pc.cleaned does not exist"]


# ------------------------------------------------------------------- notebooks name their texts (issue 16.2)

def _is_text_ids_call(node) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "text_ids"
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "pc")


def positional_uses(source: str) -> list[str]:
    """Where a cell relies on the order or number of ``pc.text_ids()``: unpacking it, or indexing it by position."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    holders = set()  # names bound to the list of ids
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and (_is_text_ids_call(node.value) or (
                isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
                and node.value.func.id in ("list", "tuple") and node.value.args
                and _is_text_ids_call(node.value.args[0]))):
            for target in node.targets:
                if isinstance(target, (ast.Tuple, ast.List)):
                    problems.append(f"line {node.lineno}: unpacks pc.text_ids()")
                elif isinstance(target, ast.Name):
                    holders.add(target.id)
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            value = node.value
            if _is_text_ids_call(value) or (isinstance(value, ast.Name) and value.id in holders):
                problems.append(f"line {node.lineno}: indexes pc.text_ids() by position")
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in holders:
            if any(isinstance(t, (ast.Tuple, ast.List)) for t in node.targets):
                problems.append(f"line {node.lineno}: unpacks pc.text_ids()")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_notebooks_name_their_texts_and_never_rely_on_the_order_of_text_ids(path):
    problems = [p for cell in code_cells(path) for p in positional_uses(cell.source)]
    assert not problems, problems


@pytest.mark.parametrize("source", [
    "TAROV, IZHMA, CARR, WEB, THAKOR = pc.text_ids()",
    "first = pc.text_ids()[0]",
    "ids = pc.text_ids()\ncarr = ids[2]",
    "ids = list(pc.text_ids())\na, *rest = ids",
    "last = pc.text_ids()[-1:]",
])
def test_the_order_check_finds_unpacking_and_indexing(source):
    assert positional_uses(source)


def test_the_order_check_allows_loops_and_membership():
    assert positional_uses("for t in pc.text_ids():\n    print(t)\nok = 'x' in pc.text_ids()\nn = set(pc.text_ids())") == []


def test_a_notebook_outside_the_course_folder_finds_the_clone_s_texts(tmp_path):
    """The package finds source_texts/ beside itself, whatever the working folder (it moved into corpus/)."""
    env = {key: value for key, value in os.environ.items() if key != "PARTYCORPUS_TEXTS"}
    done = subprocess.run([sys.executable, "-c", "import partycorpus as pc; print(pc.texts_dir())"],
                          capture_output=True, text=True, check=True, cwd=tmp_path, env=env)
    assert Path(done.stdout.strip()) == ROOT / "source_texts"
