"""Test-session set-up shared by every test, doctest and notebook test.

Jupyter, IPython and Matplotlib write their configuration, runtime files and
caches into folders of one temporary directory, never into the home directory;
the environment's bin/ goes first on PATH (nbgrader runs `alembic` by name).
"""
import os
import shutil
import sys
import tempfile
from pathlib import Path

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


def pytest_unconfigure(config):
    if _SCRATCH is not None:
        shutil.rmtree(_SCRATCH, ignore_errors=True)
