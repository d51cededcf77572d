"""After a grading run was killed: find the submissions nbgrader did not finish, so that the next run grades them.

nbgrader makes ``autograded/STUDENT/ASSIGNMENT/`` when it starts a submission,
writes the notebook there once with its outputs cleared (before running it),
and again when it is done, run, after the scores are in the gradebook. A run
killed before that (SIGKILL, a power cut, the machine out of memory) leaves the
folder without a graded notebook, and the next ``nbgrader autograde`` (without
``--force``) sees the folder and skips the submission for good. :func:`remove_unfinished` removes such folders; ``make grade`` calls it
before grading, and nbgrader_config.py before ``nbgrader autograde``.

>>> import tempfile, pathlib, json
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> graded = json.dumps({"cells": [{"cell_type": "code", "execution_count": 1}]})
>>> cleared = json.dumps({"cells": [{"cell_type": "code", "execution_count": None}]})
>>> for student, text in {"ana": graded, "boris": '{"cells": [', "dora": cleared}.items():
...     (root / "autograded" / student / "00-x").mkdir(parents=True)
...     _ = (root / "autograded" / student / "00-x" / "00-x.ipynb").write_text(text)
>>> (root / "autograded" / "chen" / "00-x").mkdir(parents=True)
>>> [str(p.relative_to(root)) for p in unfinished(root, {"00-x": ["00-x.ipynb"]})]
['autograded/boris/00-x', 'autograded/chen/00-x', 'autograded/dora/00-x']
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path


def graded_notebook(path: Path) -> bool:
    """Whether ``path`` is a whole notebook that nbgrader has run (a code cell has an execution count)."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells")
        return any(c.get("cell_type") == "code" and c.get("execution_count") is not None for c in cells)
    except (OSError, ValueError, AttributeError, TypeError):
        return False


def unfinished(root: Path, notebooks_of: dict, autograded_dir: str = "autograded") -> list[Path]:
    """Folders ``autograded/STUDENT/ASSIGNMENT`` of the assignments in ``notebooks_of`` (name -> notebook file
    names) that lack a complete graded notebook."""
    found = []
    for assignment, names in sorted(notebooks_of.items()):
        for folder in sorted(Path(root, autograded_dir).glob(f"*/{assignment}")):
            if folder.is_dir() and not all(graded_notebook(folder / name) for name in names):
                found.append(folder)
    return found


def remove_unfinished(root, source_directory: str = "solutions", autograded_dir: str = "autograded") -> list[Path]:
    """Remove the unfinished graded folders of every assignment in the course at ``root``; return them."""
    root = Path(root)
    notebooks_of = {folder.name: [p.name for p in folder.glob("*.ipynb")]
                    for folder in (root / source_directory).iterdir() if folder.is_dir()} \
        if (root / source_directory).is_dir() else {}
    folders = unfinished(root, notebooks_of, autograded_dir)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    return folders
