#!/usr/bin/env python3
"""Start a grading kernel under the course's restricted account, from an instructor's server that is not root.

On the course's JupyterHub the formgrader runs in the instructor's own server, as the instructor. The course's
nbgrader configuration starts every grading kernel through ``coursetools.grading.sandbox.SandboxKernelManager``
(resource limits); the hub's instructor configuration (``jupyter/instructor/nbgrader_config.py``) names this
script as that kernel manager's Python, so the kernel it starts is::

    sandbox_kernel.py -m ipykernel_launcher -f CONNECTION_FILE

This script, still the instructor, reads the connection file (which only the instructor can read) and replaces
itself with ``sudo -n -u ACCOUNT PYTHON -I sandbox_kernel.py --in-sandbox``, the one command the sudo rule of
install.sh allows members of the course's staff group, handing over the connection file and the kernel's command
through a pipe on standard input. As the restricted account, ``--in-sandbox`` writes them into a private folder
of its own, which is also the kernel's home and working folder, starts the kernel there, passes on interrupts and
terminations, stops the kernel if sudo goes away, and removes the folder at the end.

The restricted account reads nothing of the instructor's: not the connection file (it gets a copy), not the course
folder (the instructor's home is private, and the kernel does not start in the submission's folder, from which
relative paths such as ``../../../gradebook.db`` would reach the course without passing through the home), not
the gradebook. It needs to run the environment's Python and read the course's package (``PYTHONPATH`` and
``PARTYCORPUS_TEXTS`` are passed on). The course's exercises read nothing from the notebook's own folder.

Only the standard library is used: the script runs before the kernel, in whatever environment starts it.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

#: Environment variables passed on to the kernel (sudo starts the account with a clean environment).
PASSED_ON = ("PYTHONPATH", "PARTYCORPUS_TEXTS", "MPLBACKEND", "LANG", "LC_ALL", "TZ")
#: Signals the kernel manager sends (through sudo) that the kernel must receive.
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2)
SUDO = "/usr/bin/sudo"


def connection_argument(argv: list[str]) -> int:
    """The index of the connection file's path in the kernel's arguments (after ``-f``)."""
    for index, argument in enumerate(argv[:-1]):
        if argument == "-f":
            return index + 1
    raise SystemExit(f"sandbox_kernel.py: no '-f CONNECTION_FILE' in {argv}")


def hand_over(argv: list[str]) -> None:
    """As the instructor: replace this process with sudo, the kernel's command and connection on its stdin."""
    account = os.environ.get("PARTY_STRUGGLE_SANDBOX", "")
    if not account:
        raise SystemExit("sandbox_kernel.py: PARTY_STRUGGLE_SANDBOX names no account to run the kernel as")
    position = connection_argument(argv)
    with open(argv[position], encoding="utf-8") as file:
        connection = file.read()
    message = json.dumps({
        "argv": argv, "connection_index": position, "connection": connection,
        "env": {key: os.environ[key] for key in PASSED_ON if key in os.environ},
    }).encode()
    read_end, write_end = os.pipe()
    if len(message) > 60_000:   # a pipe holds at least 64 KiB without a reader
        raise SystemExit("sandbox_kernel.py: the kernel's connection and command are unexpectedly large")
    os.write(write_end, message)
    os.close(write_end)
    os.dup2(read_end, 0)
    os.close(read_end)
    command = [SUDO, "-n", "-u", account, "--", sys.executable, "-I", os.path.abspath(__file__), "--in-sandbox"]
    os.execv(SUDO, command)


def kernel_environment(home: str, passed: dict) -> dict:
    """The kernel's environment: a home of its own for every Jupyter, IPython and Matplotlib file."""
    env = {"PATH": os.path.dirname(sys.executable) + ":/usr/bin:/bin", "HOME": home, "USER": os.environ.get("USER", ""),
           "IPYTHONDIR": os.path.join(home, "ipython"), "MPLCONFIGDIR": os.path.join(home, "matplotlib"),
           "JUPYTER_CONFIG_DIR": os.path.join(home, "jupyter"), "JUPYTER_DATA_DIR": os.path.join(home, "jupyter-data"),
           "JUPYTER_RUNTIME_DIR": home, "XDG_CACHE_HOME": os.path.join(home, "cache"), "MPLBACKEND": "Agg"}
    env.update(passed)
    return env


def run_in_sandbox() -> int:
    """As the restricted account: start the kernel from a private folder, pass signals on, clean up."""
    message = json.loads(sys.stdin.buffer.read().decode())
    os.umask(0o077)
    home = tempfile.mkdtemp(prefix="party-struggle-kernel-")
    try:
        connection = os.path.join(home, "kernel.json")
        with open(connection, "w", encoding="utf-8") as file:
            file.write(message["connection"])
        argv = list(message["argv"])
        argv[message["connection_index"]] = connection
        kernel = subprocess.Popen([sys.executable, *argv], env=kernel_environment(home, message["env"]),
                                  stdin=subprocess.DEVNULL, cwd=home)
        for signum in FORWARDED:
            signal.signal(signum, lambda number, frame: kernel.send_signal(number))
        parent = os.getppid()
        while True:
            try:
                return kernel.wait(timeout=0.5)   # how often to check that sudo is still there
            except subprocess.TimeoutExpired:
                if os.getppid() != parent:          # sudo was killed: nobody will stop the kernel but us
                    kernel.kill()
                    return kernel.wait()
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--in-sandbox"]:
        return run_in_sandbox()
    hand_over(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
