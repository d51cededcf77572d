"""Regenerate the student copies in exercises/ from the instructor copies in solutions/.

Run ``make exercises`` (or ``python -m coursetools.release [assignment ...]``)
after any change under solutions/. It runs ``nbgrader generate_assignment
--force`` for each assignment, which also records the assignment and its
hidden tests in the course's gradebook.
"""
from __future__ import annotations

import sys
from pathlib import Path

COURSE_ROOT = Path(__file__).resolve().parent.parent


def assignments(root: Path = COURSE_ROOT) -> list[str]:
    """Return the names of the assignments in solutions/, in order.

    >>> "00-orientation" in assignments()
    True
    """
    return sorted(p.name for p in (root / "solutions").iterdir() if p.is_dir() and not p.name.startswith("."))


def nbgrader_api(config_root: Path = COURSE_ROOT, **overrides):
    """Return an ``NbGraderAPI`` configured by the nbgrader_config.py in ``config_root``.

    ``overrides`` set CourseDirectory traits, e.g. ``root=...`` or ``db_url=...``
    (a test points both at a temporary copy of the course).
    """
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(config_root)).load_config()
    for name, value in overrides.items():
        setattr(config.CourseDirectory, name, value)
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


def release(names=None, root: Path = COURSE_ROOT, **overrides) -> None:
    """Generate the release copies of ``names`` (default: every assignment)."""
    api = nbgrader_api(root, **overrides)
    for name in names or assignments(root):
        result = api.generate_assignment(name, force=True, create=True)
        if not result["success"]:
            raise RuntimeError(f"nbgrader could not generate {name}:\n{result.get('error') or result.get('log')}")
        print(f"exercises/{name} regenerated from solutions/{name}")


if __name__ == "__main__":
    release(sys.argv[1:] or None)
