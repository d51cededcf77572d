"""Make sure the gradebook knows an assignment before it is graded.

nbgrader grades a submission against the cells it recorded in the gradebook
when the assignment was generated (``nbgrader generate_assignment``, which
``make exercises`` runs). A fresh clone has no gradebook, so ``nbgrader
autograde`` failed there with "No assignment with ID ... exists in the
database" until the instructor had run ``make exercises`` once.
:func:`register_missing` records an assignment that the gradebook lacks, from
``solutions/``, without touching ``exercises/`` (the release copy is generated
into a temporary folder and thrown away). ``make grade`` calls it for what it
grades; nbgrader_config.py makes ``nbgrader autograde`` call it too
(:func:`before_autograde`, nbgrader's ``pre_convert_hook``).

Only the assignments graded are recorded, so ``nbgrader export`` lists those
and not every assignment in ``solutions/``.
"""
from __future__ import annotations

import functools
import tempfile
from pathlib import Path


def known_assignments(db_url: str, course_id: str) -> set[str]:
    """Names of the assignments the gradebook at ``db_url`` holds (none when it does not exist yet)."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url, course_id) as gradebook:
        return {assignment.name for assignment in gradebook.assignments}


def _course_directory(root: Path, overrides: dict):
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    for name, value in overrides.items():
        setattr(config.CourseDirectory, name, value)
    return config, CourseDirectory(config=config)


def register_missing(course_root: Path, names, **overrides) -> list[str]:
    """Record in the gradebook of the course at ``course_root`` each of ``names`` it does not know yet; return those.

    ``overrides`` set CourseDirectory traits (as :func:`coursetools.release.nbgrader_api`), e.g. ``db_url``.
    """
    from nbgrader.apps import NbGraderAPI

    root = Path(course_root)
    config, coursedir = _course_directory(root, overrides)
    missing = sorted(set(names) - known_assignments(coursedir.db_url, coursedir.course_id))
    missing = [name for name in missing if (root / coursedir.source_directory / name).is_dir()]
    if not missing:
        return []
    with tempfile.TemporaryDirectory(prefix="release-for-gradebook-") as scratch:
        config.CourseDirectory.release_directory = scratch
        config.Exchange.root = scratch   # not used; keeps nbgrader from warning about an exchange that does not exist
        api = NbGraderAPI(coursedir=_course_directory(root, {**overrides, "release_directory": scratch})[1],
                          config=config)
        for name in missing:
            result = api.generate_assignment(name, force=True, create=True)
            if not result["success"]:
                raise RuntimeError(f"could not record {name} in the gradebook:\n{result.get('error') or result.get('log')}")
    return missing


def before_autograde(root: str, assignment: str = "", **_ignored) -> None:
    """nbgrader's ``Autograde.pre_convert_hook``: record ``assignment`` in the gradebook if it is missing."""
    if assignment:
        register_missing(Path(root), [assignment])


def autograde_hook(root: str):
    """The hook for nbgrader_config.py, bound to the course folder ``root``."""
    return functools.partial(before_autograde, root)
