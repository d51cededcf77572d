"""Run the student's code in a kernel under another account, with limits.

In nbgrader's default set-up the student's code runs as the instructor: it can
read the solutions and the gradebook (which holds the hidden tests), and write
anywhere the instructor can, other students' submissions included.
:class:`SandboxedExecute` replaces nbgrader's ``Execute`` step of
``nbgrader autograde`` (see nbgrader_config.py) and starts each kernel through
``_launch.py``, which:

- always sets resource limits: memory (``memory_mb``), processor time
  (``cpu_seconds``: a backstop for a loop that ignores the timeout's
  interrupt), size of a written file (``file_mb``) and number of processes;
- when ``SandboxKernelManager.user`` names an account and the autograder runs as
  root (in a container, or through a sudo rule), runs the kernel as that
  account, with an empty home folder of its own. The student's code can then
  read and write only what that account may: make sure it may not read
  ``solutions/`` or ``gradebook.db`` (``chmod -R go-rwx`` them, or keep the
  course in a private folder) -- INSTRUCTORS.md shows the set-up.

It does not cut the network: run the autograder in a container without network
(``docker run --network none``) for that.

Where the platform allows it (not on Windows), the kernel talks to the grader
over IPC sockets in a private folder rather than TCP ports on 127.0.0.1: no
port is opened, nothing can listen in, and ipykernel has no reason to print
"Kernel is running over TCP without encryption" into every grading run.

The account must be able to run a Python with the course's environment and to
read the course package, and nothing else of the course: ``python -m
coursetools.grading.sandbox COPY_FOLDER`` copies the package and its texts
(never ``solutions/``) into a folder every account can read, and prints the
configuration lines that use it with the environment every account can run
(``dev/install-shared-env.sh`` makes it in ``/opt/party-struggle``).

>>> SandboxKernelManager(user="", memory_mb=2048).launcher_options()
['--memory-mb', '2048', '--cpu-seconds', '600', '--file-mb', '100', '--processes', '0']
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from traitlets import Dict, Integer, Unicode

from nbgrader.preprocessors import Execute

from .transport import AsyncIPCKernelManager

LAUNCHER = Path(__file__).with_name("_launch.py")


class SandboxKernelManager(AsyncIPCKernelManager):
    """A kernel manager that starts the kernel through ``_launch.py`` (limits, and another account if asked)."""

    user = Unicode("", help="Account that runs the student's code (needs root); empty: the grader's own.").tag(config=True)
    memory_mb = Integer(4096, help="Memory the kernel may allocate, in MB (0: no limit).").tag(config=True)
    cpu_seconds = Integer(600, help="Processor time of the kernel, in seconds (0: no limit).").tag(config=True)
    file_mb = Integer(100, help="Largest file the kernel may write, in MB (0: no limit).").tag(config=True)
    processes = Integer(0, help="Processes the sandbox account may run at once (0: no limit).").tag(config=True)
    kernel_python = Unicode("", help="Python that runs the kernel, if the account cannot run the grader's own "
                                     "(empty: the grader's).").tag(config=True)
    kernel_env = Dict({}, help="Extra environment variables of the kernel (for example PYTHONPATH).").tag(config=True)

    _home = None

    def _ipc_owner(self):
        """The kernel creates its sockets: under the sandbox account, that account owns their folder."""
        if not self.user:
            return None, None
        import pwd

        entry = pwd.getpwnam(self.user)
        return entry.pw_uid, entry.pw_gid

    def launcher_options(self) -> list[str]:
        options = []
        for name in ("memory_mb", "cpu_seconds", "file_mb", "processes"):
            options += ["--" + name.replace("_", "-"), str(getattr(self, name))]
        return options

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        if os.name == "nt":   # no resource limits, and no exec that keeps the process id, on Windows
            return command
        if self.kernel_python and command[:1] == [sys.executable]:
            command[0] = self.kernel_python
        prefix = [sys.executable, str(LAUNCHER), *self.launcher_options()]
        prefix += [f"--env={key}={value}" for key, value in self.kernel_env.items()]
        if self.user:
            command = self._private_copy(command)
            prefix += ["--user", self.user, "--home", self._home]
        return [*prefix, "--", *command]

    def _private_copy(self, command: list[str]) -> list[str]:
        """Give the account a home folder of its own, with a copy of the connection file it must read."""
        import pwd   # not on Windows

        entry = pwd.getpwnam(self.user)
        self._home = tempfile.mkdtemp(prefix="sandbox-kernel-")
        os.chmod(self._home, 0o700)
        connection = os.path.realpath(self.connection_file)
        copy = os.path.join(self._home, os.path.basename(connection))
        shutil.copy(connection, copy)
        for path in (self._home, copy):
            os.chown(path, entry.pw_uid, entry.pw_gid)
        return [copy if arg == connection else arg for arg in command]

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if self._home and not restart:
            shutil.rmtree(self._home, ignore_errors=True)
            self._home = None


COURSE_ROOT = Path(__file__).resolve().parents[2]
PACKAGE_PARTS = ("partycorpus", "source_texts")   # what the student's code may import and read; never solutions/


def readable_package_copy(target: Path, root: Path = COURSE_ROOT) -> Path:
    """Copy the course package and its texts into ``target``, readable (not writable) by every account.

    Returns ``target``, the folder to put on the kernel's ``PYTHONPATH``.
    """
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    for part in PACKAGE_PARTS:
        if (root / part).exists():
            shutil.rmtree(target / part, ignore_errors=True)
            shutil.copytree(root / part, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for folder, dirs, files in os.walk(target):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)
    return target


def shared_python() -> str:
    """The Python of the environment every account can run (dev/install-shared-env.sh), or ''."""
    found = sorted(Path("/opt/party-struggle").glob("env-*/.installed"))
    return str(found[-1].parent / "bin" / "python") if found else ""


def sandbox_config(user: str, python: str, package_folder: str) -> str:
    """The lines of nbgrader_config.py that run every grading kernel as ``user``.

    >>> print(sandbox_config("grader-sandbox", "/opt/env/bin/python", "/opt/course-package"))
    c.SandboxKernelManager.user = 'grader-sandbox'
    c.SandboxKernelManager.kernel_python = '/opt/env/bin/python'
    c.SandboxKernelManager.kernel_env = {'PYTHONPATH': '/opt/course-package'}
    """
    return "\n".join([f"c.SandboxKernelManager.user = {user!r}",
                      f"c.SandboxKernelManager.kernel_python = {python!r}",
                      f"c.SandboxKernelManager.kernel_env = {{'PYTHONPATH': {package_folder!r}}}"])


class SandboxedExecute(Execute):
    """nbgrader's ``Execute`` with kernels started by :class:`SandboxKernelManager`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(*args, **kwargs)


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Copy the course package where a sandbox account can read it, "
                                                 "and print the nbgrader configuration that uses it.")
    parser.add_argument("folder", help="where to copy the package (e.g. /opt/party-struggle/course-package)")
    parser.add_argument("--user", default="grader-sandbox")
    parser.add_argument("--python", default="", help="a Python every account can run (default: the shared one)")
    args = parser.parse_args(argv)
    folder = readable_package_copy(Path(args.folder).resolve())
    python = args.python or shared_python() or "/path/to/python-every-account-can-run"
    print(sandbox_config(args.user, python, str(folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
