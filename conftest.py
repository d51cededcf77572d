"""Test-session set-up shared by every test, doctest and notebook test.

Jupyter, IPython and Matplotlib write their configuration, runtime files and
caches into folders of one temporary directory, never into the home directory;
the environment's bin/ goes first on PATH (nbgrader runs `alembic` by name).

`make test` runs the suite on every core (pytest-xdist): each file is one unit of
work, so that a module's servers, accounts and notebook kernels stay in one
process and a notebook's cells run in order; the files that share a session
fixture made in minutes (the graded course, the built site) form one unit
each, so that it is made once. (xdist's own ``--dist loadgroup`` cannot do
this with pytest 9: it renames test ids through an attribute pytest no longer
reads.)
"""
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from dev.jupyter_scratch import use_scratch

_SCRATCH = None


def pytest_configure(config):
    global _SCRATCH
    _SCRATCH = Path(tempfile.mkdtemp(prefix="party-struggle-tests-"))
    use_scratch(_SCRATCH)
    # The cache of cleaned texts (partycorpus.cleaning.disk_cache) of this session, not the user's.
    os.environ["PARTYCORPUS_CACHE"] = str(_SCRATCH / "partycorpus-cache")
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    bin_dir = str(Path(sys.executable).parent)
    if os.environ.get("PATH", "").split(os.pathsep)[0] != bin_dir:
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


#: Files whose tests share a session fixture made in minutes: each set runs in one xdist worker.
SHARED_FIXTURES = {
    "graded_course": ("tests/test_exercises.py", "tests/test_feedback.py", "tests/test_grading_workflow.py"),
    "built_site": ("tests/test_site.py", "tests/test_site_browser.py"),
}
UNIT_OF_FILE = {path: name for name, paths in SHARED_FIXTURES.items() for path in paths}
#: The units that take longest (in `make test PYTEST_ARGS="-n auto --durations=0"` on 2 cores: from about 4 minutes
#: down to about 20 s), started first so that no worker is left alone with one of them at the end; the others follow
#: in the order pytest collects them. Only the order depends on this list, never a result.
SLOWEST_FIRST = ("graded_course", "tests/test_gaming.py", "built_site", "tests/test_hub.py", "tests/test_crash.py",
                 "tests/test_validate.py", "tests/test_instructor_guide.py", "tests/test_hostile_submissions.py",
                 "tests/test_browser.py", "tests/test_rehearsal.py", "tests/test_seven_texts.py",
                 "tests/test_student_lab.py", "tests/test_first_grading.py")


def unit_of(item, rootpath: Path) -> str:
    """The unit of work (a file, or a set of SHARED_FIXTURES) that ``item`` belongs to."""
    path = item.path.relative_to(rootpath).as_posix()
    return UNIT_OF_FILE.get(path, path)


def pytest_collection_modifyitems(config, items):
    """Put the SLOWEST_FIRST units first (the order within a file is kept), and keep SHARED_FIXTURES true: a test file
    that uses one of its fixtures must be listed with it."""
    rank = {unit: position for position, unit in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(unit_of(item, config.rootpath), len(rank)))
    for item in items:
        path = item.path.relative_to(config.rootpath).as_posix()
        for name, paths in SHARED_FIXTURES.items():
            if name in getattr(item, "fixturenames", ()) and path not in paths:
                raise pytest.UsageError(f"{path} uses the session fixture {name}: add it to SHARED_FIXTURES in "
                                        "conftest.py, so that xdist runs it in the worker that makes the fixture")


def pytest_xdist_make_scheduler(config, log):
    """Schedule whole files (and the sets of SHARED_FIXTURES) on the workers, in the order of the collection."""
    from xdist.scheduler import LoadScopeScheduling

    config.option.loadscopereorder = False  # xdist would order the units by their number of tests, not their time

    class FileScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return UNIT_OF_FILE.get(path, path)

    return FileScheduling(config, log)


def pytest_unconfigure(config):
    if _SCRATCH is not None:
        shutil.rmtree(_SCRATCH, ignore_errors=True)
