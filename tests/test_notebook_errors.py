"""What a student sees when a cell fails (issue 14, items 5 and 6): the message first, plainly, still an error.

Unit tests call ``partycorpus.notebook.short_traceback`` on real exceptions; the kernel tests run a notebook
in a real Jupyter kernel (nbclient) and read its stored outputs: a course error, an argument of the wrong
type, a ``NameError`` after a restart and a failed check each give a short ``error`` output whose ``ename``
and ``evalue`` are Python's own, without the package's internals or a path of this machine; nbgrader
scores the failed check as failed and the passing one as passed; an error of another library keeps its
full traceback.
"""
from __future__ import annotations

import ast
import linecache
import re
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook
from nbgrader.utils import determine_grade

import partycorpus as pc
from partycorpus import notebook

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = str(Path(pc.__file__).resolve().parent)


def raised(code: str, names=None):
    """The (type, value, traceback) of running ``code`` as if it were a cell: compiled under a name that starts
    with '<', its source in linecache, as IPython does; ``names`` are its globals (default: ``pc``)."""
    filename = f"<cell {len(linecache.cache)}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    try:
        exec(compile(code, filename, "exec"), {"pc": pc} if names is None else dict(names))
    except BaseException:
        return sys.exc_info()
    raise AssertionError(f"{code!r} raised nothing")


# ------------------------------------------------------------------------------------------- unit tests

def test_a_course_error_is_its_message_and_the_line_of_the_cell():
    etype, value, tb = raised('x = 1\npc.show_passage("tarov", 1, 5)')
    lines = notebook.short_traceback(etype, value, tb)
    text = "\n".join(lines)
    assert lines[0].startswith("UnknownTextError: There is no text with the id 'tarov'. Did you mean "
                               "'tarov-1936-escape'?")
    assert "raised by partycorpus.show_passage" in text
    assert 'line 2 of this cell: pc.show_passage("tarov", 1, 5)' in text
    assert PACKAGE_DIR not in text and "File " not in text and len(text.splitlines()) <= 7


def test_an_argument_of_the_wrong_type_names_the_expected_type():
    etype, value, tb = raised("pc.tokenize(5)")
    assert issubclass(etype, TypeError) and issubclass(etype, pc.CourseError)
    first = notebook.short_traceback(etype, value, tb)[0]
    assert first.startswith("ArgumentTypeError: tokenize: the text to split should be a string")
    assert "not int 5" in first


@pytest.mark.parametrize("name", ["pd", "pc", "plt", "np", "Counter", "THAKOR"])
def test_a_name_of_the_set_up_cell_gets_the_hint_to_run_it_again(name):
    lines = notebook.short_traceback(*raised(f"{name}.x" if name != "Counter" else "Counter()", names={}))
    assert lines[0] == f"NameError: name '{name}' is not defined"
    assert "set-up cell" in lines[1] and "Run All" in lines[1]


def test_another_name_gets_the_hint_to_run_the_cell_that_defines_it():
    lines = notebook.short_traceback(*raised("print(tarov_counts)"))
    assert "set-up cell" not in lines[1] and "earlier cell" in lines[1] and "spelling" in lines[1]


def test_a_failed_check_shows_its_message_first_and_the_line_that_failed():
    code = 'answer = 3\nassert isinstance(answer, int)\nassert answer == 4, "answer should be 4: count the lines again."'
    lines = notebook.short_traceback(*raised(code))
    assert lines[0] == "AssertionError: answer should be 4: count the lines again."
    assert lines[-1] == 'The check that failed: line 3 of this cell: assert answer == 4, "answer should be 4: ' \
                        'count the lines again."'
    assert "isinstance" not in "\n".join(lines), "only the failing line of the check is shown"


def test_a_check_without_a_message_still_says_which_line_failed():
    lines = notebook.short_traceback(*raised("assert 1 == 2"))
    assert lines[0].startswith("AssertionError: a check failed") and "line 1 of this cell" in lines[-1]


def test_other_errors_keep_the_full_traceback():
    assert notebook.short_traceback(*raised("{}['missing']")) is None
    assert notebook.short_traceback(*raised("import pandas\npandas.DataFrame({'a': [1]})['b']")) is None


def test_a_name_error_inside_a_library_is_not_explained_away():
    def library():
        return undefined_in_library  # noqa: F821 - the point of the test

    etype, value, tb = raised("library()", names={"library": library})
    assert notebook.short_traceback(etype, value, tb) is None


def test_register_does_nothing_outside_ipython():
    assert notebook.register() is False


def test_every_name_the_set_up_cells_define_gets_the_hint():
    """SETUP_NAMES holds the names bound by the first code cell of every lesson and exercise."""
    paths = sorted((ROOT / "lessons").glob("*.ipynb")) + sorted((ROOT / "exercises").rglob("*.ipynb"))
    missing = {}
    for path in paths:
        first = next(c for c in nbformat.read(str(path), as_version=4).cells if c.cell_type == "code")
        tree = ast.parse(first.source)
        bound = set()
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                bound |= {(a.asname or a.name).split(".")[0] for a in node.names}
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                bound.add(node.name)
            elif isinstance(node, ast.Assign):
                bound |= {n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        bound = {name for name in bound if not name.startswith("_")}
        if bound - notebook.SETUP_NAMES:
            missing[path.name] = sorted(bound - notebook.SETUP_NAMES)
    assert not missing, f"names of set-up cells missing from partycorpus.notebook.SETUP_NAMES: {missing}"


# ------------------------------------------------------------------------------------------ a real kernel

CELLS = [
    ("setup", "import partycorpus as pc"),
    ("unknown id", 'pc.show_passage("tarov", 1, 5)'),
    ("wrong type", "pc.tokenize(5)"),
    ("after a restart", 'pd.DataFrame({"a": [1]})'),
    ("failed check", 'answer = 3\nassert isinstance(answer, int), "answer should be a number."\n'
                     'assert answer == 4, "answer should be 4: count the lines again."'),
    ("passing check", 'assert answer == 3, "answer should be 3."'),
    ("another library", 'import pandas\npandas.DataFrame({"a": [1]})["b"]'),
]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("errors")
    nb = new_notebook(cells=[new_code_cell(source) for _, source in CELLS])
    for label, cell in zip((label for label, _ in CELLS), nb.cells):
        if label.endswith("check"):
            cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 1,
                                         "grade_id": label.replace(" ", "-"), "schema_version": 3}
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return dict(zip((label for label, _ in CELLS), nb.cells))


def error_of(cell):
    errors = [output for output in cell.outputs if output.output_type == "error"]
    assert len(errors) == 1, f"expected one error output, got {cell.outputs}"
    return errors[0]


def shown(error) -> str:
    return "\n".join(error.traceback)


@pytest.mark.parametrize("label, ename, starts", [
    ("unknown id", "UnknownTextError", "There is no text with the id 'tarov'. Did you mean 'tarov-1936-escape'?"),
    ("wrong type", "ArgumentTypeError", "tokenize: the text to split should be a string"),
    ("after a restart", "NameError", "name 'pd' is not defined"),
    ("failed check", "AssertionError", "answer should be 4: count the lines again."),
])
def test_in_a_kernel_the_error_is_short_and_keeps_its_name_and_message(executed, label, ename, starts):
    error = error_of(executed[label])
    assert error.ename == ename and error.evalue.startswith(starts)
    text = shown(error)
    assert text.startswith(f"{ename}: {starts}"), "the message comes first"
    assert len(text.splitlines()) <= 8, text
    assert PACKAGE_DIR not in text and "site-packages" not in text and "File " not in text, text
    assert "Traceback" not in text and "---------" not in text, text


def test_in_a_kernel_the_hints_and_the_failed_line_are_shown(executed):
    assert "set-up cell" in shown(error_of(executed["after a restart"]))
    failed = shown(error_of(executed["failed check"]))
    assert "line 3 of cell In[" in failed and 'assert answer == 4' in failed
    assert "answer should be a number" not in failed, "the lines of the check that passed are not shown"
    assert 'called at line 1 of cell In[' in shown(error_of(executed["unknown id"]))


def test_nbgrader_scores_the_failed_check_as_failed_and_the_passing_one_as_passed(executed):
    assert determine_grade(executed["failed check"]) == (0, 1.0)
    assert determine_grade(executed["passing check"]) == (1.0, 1.0)


def test_in_a_kernel_another_library_keeps_its_full_traceback(executed):
    error = error_of(executed["another library"])
    assert error.ename == "KeyError"
    assert len(error.traceback) > 3 and "pandas" in shown(error)


# ------------------------------------------------------------------- no machine path in a stored output

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # the colours of a traceback
GENERIC_PATH = re.compile(r"(?<![\w/.:~-])(?:/(?:home|root|tmp|Users|work|var/folders|private|opt|srv)/|"
                          r"[A-Za-z]:\\(?:Users|Windows|Temp)\\)")


def machine_paths(texts) -> list[str]:
    """Pieces of ``texts`` that name a folder of this machine: the course, the home folder, the temporary
    folder, Python's prefix, or any path under /home, /root, /tmp, /work ... (or C:\\Users)."""
    specific = {str(ROOT), str(Path.home()), tempfile.gettempdir(), sys.prefix, str(Path(sys.prefix).resolve())}
    specific = {path for path in specific if len(path) > 1}
    found = []
    for text in (ANSI.sub("", text) for text in texts):
        for path in specific:
            if path in text:
                found.append(path)
        found += [text[max(m.start() - 20, 0):m.end() + 30] for m in GENERIC_PATH.finditer(text)]
    return found


def output_texts(path) -> list[str]:
    texts = []
    for cell in nbformat.read(str(path), as_version=4).cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                texts.append(output.text)
            elif output.output_type == "error":
                texts += [output.ename, output.evalue, *output.traceback]
            else:
                for kind, value in output.get("data", {}).items():
                    if kind.startswith("text/"):
                        texts.append(re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=\s]+", "", value))
    return texts


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_no_stored_output_of_a_lesson_shows_a_path_of_this_machine(path):
    found = machine_paths(output_texts(path))
    assert not found, f"stored outputs name folders of the machine that ran them: {found[:3]}"


def test_the_path_check_finds_a_developer_path():
    traceback_line = f'File {ROOT}/partycorpus/corpus/catalogue.py:129, in check_text_id'
    assert machine_paths([traceback_line])
    assert machine_paths(["see /home/student/notes.txt", "C:\\Users\\student\\course"]) != []
    assert machine_paths(["\x1b[36mFile \x1b[39m\x1b[32m/work/main/partycorpus/corpus.py:129\x1b[39m"])
    assert machine_paths(["https://www.marxists.org/history/etol/newspape/themilitant/index.htm", "a/b 1/2"]) == []


def test_as_an_ipython_extension_the_hint_works_before_the_package_is_imported(tmp_path):
    """After a restart nothing is imported; a kernel that loads the extension at start still gives the hint."""
    nb = new_notebook(cells=[new_code_cell("%load_ext partycorpus.notebook"), new_code_cell("pd.DataFrame()")])
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    error = error_of(nb.cells[1])
    assert error.ename == "NameError" and "set-up cell" in shown(error)
