"""Run a submission so that its checks run as the instructor wrote them, whatever the student's code changed.

A student's cells run in the same Python as the checks after them, and can
change how those run: an input transformer that turns every ``assert`` into
``pass``, a replaced ``math.isclose`` or ``builtins.all``, a hook that prints a
result before each cell, a redefined ``cleaned``. :class:`GuardedExecute`
replaces the ``Execute`` step of ``nbgrader autograde`` (see nbgrader_config.py;
it also starts kernels through :class:`~coursetools.grading.sandbox.SandboxKernelManager`).
Without adding a cell or an output, it

1. sends :mod:`coursetools.grading.kernel_guard` to the kernel before the first cell,
   and records there how Python, IPython and the modules the locked cells import
   stand before any student code runs;
2. records the names each locked set-up cell binds, after it ran;
3. before each test cell (and before a set-up cell that follows student code) puts all
   of that back, and waits for the kernel's answer. If the kernel does not
   answer with the token it was sent, the student's code stopped the guard: the
   test cell runs, but an error is added to it, so it scores zero.

The guard's requests are silent: no execution count, no output, nothing in
the notebook. It is the kernel-side half of the defence; the other half is
:mod:`coursetools.grading.checks`, which flags what cannot be undone.

>>> sorted(bound_names("import partycorpus as pc\\nfrom a.b import c, d as e\\nx, y = 1, 2\\ndef f(): pass"))
['c', 'e', 'f', 'pc', 'x', 'y']
>>> imported_modules("import numpy as np\\nfrom partycorpus.cleaning import cleaned\\nimport re, math")
['math', 'numpy', 'partycorpus.cleaning', 're']
"""
from __future__ import annotations

import ast
import asyncio
import queue
import secrets
import time
from pathlib import Path

from nbclient.util import run_sync
from nbformat.v4 import new_output

from .sandbox import SandboxedExecute

GUARD_SOURCE = Path(__file__).with_name("kernel_guard.py").read_text(encoding="utf-8")
GUARD_FAILED = ("GradingGuardError", "the checks could not be prepared: code run before this cell stopped the "
                "autograder from restoring Python's state, so this check scores zero. The instructor will read "
                "the notebook.")


def _parse(source: str):
    try:
        return ast.parse(source)
    except SyntaxError:
        return None


def bound_names(source: str) -> set[str]:
    """Names a cell binds at its top level (imports, assignments, definitions)."""
    tree, names = _parse(source), set()
    for node in (tree.body if tree else []):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names if alias.name != "*")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return names


def imported_modules(source: str) -> list[str]:
    """Modules a cell imports, sorted."""
    tree, found = _parse(source), set()
    for node in (ast.walk(tree) if tree else []):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return sorted(found)


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_test_cell(cell) -> bool:
    return cell.cell_type == "code" and bool(_meta(cell).get("grade")) and not _meta(cell).get("solution")


def is_setup_cell(cell) -> bool:
    return cell.cell_type == "code" and bool(_meta(cell).get("locked")) and not _meta(cell).get("grade")


class GuardedExecute(SandboxedExecute):
    """The course's ``Execute`` step: sandboxed kernels, and the guard of :mod:`~coursetools.grading.kernel_guard`."""

    guard_timeout = 60   # seconds for one request of the guard (it imports the course's modules the first time)

    def preprocess(self, nb, resources=None, km=None):
        locked = [cell.source for cell in nb.cells if is_test_cell(cell) or is_setup_cell(cell)]
        self._guard_modules = sorted({m for source in locked for m in imported_modules(source)})
        self._guard_name = f"_grading_guard_{secrets.token_hex(8)}"
        self._guard_ready = False
        self._student_ran = False
        return super().preprocess(nb, resources, km)

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        runs = cell.cell_type == "code" and cell.source.strip()
        guarded = bool(runs) and (is_test_cell(cell) or (is_setup_cell(cell) and self._student_ran))
        if runs and not self._guard_ready:
            self._guard_ready = await self._install()
        ok = True
        if guarded:
            ok = await self._restore()
        cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if runs and is_setup_cell(cell) and self._guard_ready:
            await self._call(f"remember({sorted(bound_names(cell.source))!r})")
        if runs and not (is_test_cell(cell) or is_setup_cell(cell)):
            self._student_ran = True
        if guarded and not ok:
            self.log.warning("The grading guard did not answer before cell %s: scored zero", cell_index)
            ename, evalue = GUARD_FAILED
            cell.outputs.append(new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"]))
        return cell

    execute_cell = run_sync(async_execute_cell)   # nbclient binds its own coroutine here at class creation

    # --- requests to the kernel -----------------------------------------------------------------------------
    def _expression(self, call: str) -> str:
        return f"__import__('sys').modules[{self._guard_name!r}].{call}"

    async def _install(self) -> bool:
        define = (f"import sys as _s, types as _t\n_m = _t.ModuleType({self._guard_name!r})\n"
                  f"exec(compile({GUARD_SOURCE!r}, 'kernel_guard.py', 'exec'), _m.__dict__)\n"
                  f"_s.modules[{self._guard_name!r}] = _m\ndel _s, _t, _m\n")
        token = secrets.token_hex(8)
        reply = await self._request(define, self._expression(f"install({self._guard_modules!r}) or {token!r}"))
        if reply != repr(token):
            self.log.warning("The grading guard could not be installed: %s", reply)
            return False
        return True

    async def _restore(self) -> bool:
        if not self._guard_ready:
            return False
        token = secrets.token_hex(8)
        return await self._call(f"restore({token!r})") == repr(token)

    async def _call(self, call: str):
        return await self._request("", self._expression(call))

    async def _request(self, code: str, expression: str):
        """Run ``code`` silently, then evaluate ``expression``; return its text, or None."""
        msg_id = self.kc.execute(code, silent=True, store_history=False, user_expressions={"guard": expression},
                                 allow_stdin=False)
        deadline = time.monotonic() + self.guard_timeout
        while time.monotonic() < deadline:
            try:
                reply = await self.kc.shell_channel.get_msg(timeout=max(0.1, deadline - time.monotonic()))
            except (queue.Empty, asyncio.TimeoutError, TimeoutError):   # no reply in time
                return None
            if reply["parent_header"].get("msg_id") != msg_id:
                continue
            value = reply["content"].get("user_expressions", {}).get("guard", {})
            if value.get("status") != "ok":
                return None
            return value.get("data", {}).get("text/plain")
        return None
