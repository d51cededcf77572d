"""Errors in a notebook, shown plainly: the message first, the line of the cell, and no package internals.

When the package is imported in IPython (a Jupyter kernel), :func:`register`
asks IPython to hand three kinds of error to :func:`short_traceback`:

* the course's own errors (:class:`partycorpus.errors.CourseError`: an unknown
  text id, an argument of the wrong type, ...): their message already says
  what to do, so the traceback through the package is left out;
* a ``NameError`` raised in a cell: after a restart, or when cells run out of
  order, the names the set-up cell defines (``pd``, ``pc``, ``plt`` ...) are
  gone; the hint says to run the set-up cell again;
* a failed ``assert`` (a check cell): its message comes first, with the line of
  the check that failed, instead of the cell's source and a traceback.

Every other error keeps IPython's full traceback. An error stays an error:
the output is still an ``error`` with its name (``ename``) and message
(``evalue``), so nbgrader scores a failed check as failed; only the traceback
lines are shorter, and they hold no file path of the machine. Outside IPython
nothing is registered. A kernel can also load it before any import, as an
IPython extension: ``%load_ext partycorpus.notebook``.

>>> import sys
>>> try:
...     raise NameError("name 'pd' is not defined", name="pd")
... except NameError:
...     lines = short_traceback(*sys.exc_info())
>>> lines[0]
"NameError: name 'pd' is not defined"
>>> lines[1][:59]
'pd is defined by the set-up cell at the top of the notebook'
"""
from __future__ import annotations

import linecache
import sys
import traceback
from pathlib import Path

from .errors import CourseError

#: The errors shown by :func:`short_traceback`; every other error keeps IPython's traceback.
HANDLED = (CourseError, NameError, AssertionError)

#: Names that the set-up cells of the lessons and exercises define (tests/test_notebook_errors.py keeps it true).
SETUP_NAMES = frozenset({
    "pc", "pd", "np", "plt", "re", "math", "Counter", "difflib", "combinations", "mdates", "Patch",
    "numbers", "TAROV", "IZHMA", "CARR", "WEB", "THAKOR", "SHORT", "timeline", "places", "notes", "squeeze",
    "check_evidence",
})

PACKAGE = Path(__file__).resolve().parent


def _in_package(filename: str) -> bool:
    try:
        return Path(filename).resolve().is_relative_to(PACKAGE)
    except (OSError, ValueError):
        return False


def _cell_label(filename: str, shell) -> str | None:
    """``In[5]`` for the file name of a notebook cell (IPython compiles each cell under a name), else None."""
    compiler = getattr(shell, "compile", None)
    if compiler is None or not hasattr(compiler, "format_code_name"):
        return "this cell" if filename.startswith("<") else None
    label = compiler.format_code_name(filename)
    return label[1] if label else None


def _where(tb, shell, innermost: bool) -> str:
    """The line of the cell that raised (innermost cell frame) or that called the package (the last before it)."""
    frames = traceback.extract_tb(tb)
    cells = [(i, frame) for i, frame in enumerate(frames) if _cell_label(frame.filename, shell)]
    if not innermost:
        entered = next((i for i, frame in enumerate(frames) if _in_package(frame.filename)), len(frames))
        cells = [(i, frame) for i, frame in cells if i < entered]
    if not cells:
        return ""
    _, frame = cells[-1]
    source = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
    label = _cell_label(frame.filename, shell)
    here = "this cell" if label in (None, "this cell") else f"cell {label}"
    return f"line {frame.lineno} of {here}: {source}" if source else f"line {frame.lineno} of {here}"


def _called(tb) -> str:
    """The course function the cell called (the first frame inside the package)."""
    for frame in traceback.extract_tb(tb):
        if _in_package(frame.filename):
            return f"partycorpus.{frame.name}" if not frame.name.startswith("<") else "partycorpus"
    return ""


def short_traceback(etype, value, tb, shell=None) -> list[str] | None:
    """Return the lines to show for an error of :data:`HANDLED`, or ``None`` to show IPython's traceback.

    The first line is always ``Name: message``, as Python prints it.
    """
    message = str(value)
    first = f"{etype.__name__}: {message}" if message else etype.__name__
    if issubclass(etype, CourseError):
        called, where = _called(tb), _where(tb, shell, innermost=False)
        lines = [first, ""]
        if called or where:
            lines.append("(" + ", ".join(part for part in (f"raised by {called}" if called else "",
                                                            f"called at {where}" if where else "") if part) + ")")
        return lines
    if issubclass(etype, NameError):
        frames = traceback.extract_tb(tb)
        if not frames or not _cell_label(frames[-1].filename, shell):
            return None  # a NameError inside a library is a bug to read in full
        name = getattr(value, "name", None)
        if name in SETUP_NAMES:
            hint = (f"{name} is defined by the set-up cell at the top of the notebook: run that cell again, or "
                    "run all cells (Run > Run All Cells). A restart of the kernel, or running cells out of order, "
                    "leaves such names undefined.")
        else:
            hint = (f"If {name or 'this name'} is defined in an earlier cell, run that cell first: names exist only "
                    "after the cell that defines them has run (Run > Run All Above Selected Cell). Check the "
                    "spelling too.")
        return [first, hint, f"({_where(tb, shell, innermost=True)})"]
    if issubclass(etype, AssertionError):
        where = _where(tb, shell, innermost=True)
        if not where:
            return None
        lead = first if message else "AssertionError: a check failed (it gives no message)."
        return [lead, "", f"The check that failed: {where}"]
    return None


def _handler(shell, etype, value, tb, tb_offset=None):
    lines = short_traceback(etype, value, tb, shell)
    if lines is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None
    sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb  # so that %debug still works
    shell._showtraceback(etype, value, lines)  # IPython's hook for showing a structured traceback
    return None


def register(shell=None) -> bool:
    """Show the errors of :data:`HANDLED` plainly in ``shell`` (default: the running IPython, if any).

    Returns whether the display is registered. Does nothing outside IPython,
    and leaves alone a shell where another tool set its own error handler.

    >>> register()   # not in IPython here
    False
    """
    if shell is None:
        ipython = sys.modules.get("IPython")  # never import IPython: outside it, there is nothing to do
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    if shell.custom_exceptions and shell.custom_exceptions != HANDLED:
        return False
    shell.set_custom_exc(HANDLED, _handler)
    return True


def load_ipython_extension(ipython) -> None:
    """``%load_ext partycorpus.notebook``: register before the package is imported (kernel set-up)."""
    register(ipython)


def unload_ipython_extension(ipython) -> None:
    """``%unload_ext partycorpus.notebook``: give errors back their full traceback."""
    if ipython.custom_exceptions == HANDLED:
        ipython.set_custom_exc((), None)
