"""Execute lessons in place so that their stored outputs are current, and print how long each took.

    make lessons                      # every lesson
    python dev/run_lessons.py 05 06   # lessons whose names start with 05 or 06

Jupyter and Matplotlib write into a temporary folder, not the home directory.
"""
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_scratch import use_scratch
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from coursetools.grading.transport import AsyncIPCKernelManager  # noqa: E402  (IPC: no TCP warning, no open port)

LESSONS = Path(__file__).resolve().parent.parent / "lessons"


def run(path: Path) -> float:
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:  # no timestamps: they would change the file at every run
        cell.metadata.pop("execution", None)
    started = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False, coalesce_streams=True,
                   kernel_manager_class=AsyncIPCKernelManager,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    seconds = time.perf_counter() - started
    nbformat.write(nb, str(path))
    return seconds


def main(prefixes):
    use_scratch(tempfile.mkdtemp(prefix="party-struggle-run-"))
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]
    paths = sorted(p for p in LESSONS.glob("*.ipynb") if not prefixes or p.name.startswith(tuple(prefixes)))
    for path in paths:
        print(f"{path.name:45s} {run(path):6.1f} s (kernel start included)", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
