"""Kernels that talk over IPC sockets in a private folder instead of TCP ports: no open port, no warning.

ipykernel 7.4 prints "Kernel is running over TCP without encryption" whenever a
kernel uses TCP without CurveZMQ keys. Where the platform allows it (not on
Windows), the course's kernels use IPC transport: Unix sockets in a fresh
folder only their owner can enter. The grading kernels get it from
:class:`coursetools.grading.sandbox.SandboxKernelManager`; the lessons
(dev/run_lessons.py) and the notebook tests (tests/conftest.py, for nbval) use
:class:`IPCKernelManager`; ``make lab`` passes ``--KernelManager.transport=ipc``.

A Unix socket's path must be short (about 100 bytes), so the folder is made in
the temporary folder, or in /tmp when that path is long.

>>> path = ipc_path()
>>> len(path) < 60 and os.path.basename(path) == "ipc"
True
>>> remove_ipc_folder(path)
"""
from __future__ import annotations

import os
import shutil
import tempfile

from jupyter_client.manager import AsyncKernelManager, KernelManager
from traitlets import default

IPC_AVAILABLE = os.name != "nt"


def ipc_path(owner_uid: int | None = None, owner_gid: int | None = None) -> str:
    """A socket path ``FOLDER/ipc`` in a new private folder (given to ``owner_uid`` if named)."""
    base = tempfile.gettempdir()
    folder = tempfile.mkdtemp(prefix="kernel-", dir=base if len(base) < 40 else "/tmp")
    if owner_uid is not None:
        os.chown(folder, owner_uid, owner_gid if owner_gid is not None else -1)
    return os.path.join(folder, "ipc")


def remove_ipc_folder(path: str) -> None:
    shutil.rmtree(os.path.dirname(path), ignore_errors=True)


class _IPC:
    """Mix-in: IPC transport where available, with a short socket path made per kernel and removed after it.
    (jupyter_client's blocking methods run these coroutines too.)"""

    _ipc_made = None

    @default("transport")
    def _transport_default(self):
        return "ipc" if IPC_AVAILABLE else "tcp"

    def _ipc_owner(self):
        return None, None

    async def _async_pre_start_kernel(self, **kwargs):
        if self.transport == "ipc" and self._ipc_made is None:
            self._ipc_made = self.ip = ipc_path(*self._ipc_owner())
        return await super()._async_pre_start_kernel(**kwargs)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if self._ipc_made and not restart:
            remove_ipc_folder(self._ipc_made)
            self._ipc_made = None


class IPCKernelManager(_IPC, KernelManager):
    """jupyter_client's (blocking) KernelManager over IPC (nbval uses this kind)."""


class AsyncIPCKernelManager(_IPC, AsyncKernelManager):
    """jupyter_client's AsyncKernelManager over IPC (nbclient uses this kind)."""
