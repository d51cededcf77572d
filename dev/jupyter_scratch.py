"""Point Jupyter, IPython and Matplotlib at a scratch folder, never at the home directory.

One helper for every place that runs kernels or plots outside a user's own
session: the test session (``conftest.py``), ``dev/run_lessons.py`` and the
benchmarks. Each variable gets its own sub-folder of ``root``.

>>> import tempfile
>>> env = scratch_environment(tempfile.mkdtemp())
>>> sorted(env)[:3], env["MPLBACKEND"]
(['IPYTHONDIR', 'JUPYTER_CONFIG_DIR', 'JUPYTER_DATA_DIR'], 'Agg')
"""
from __future__ import annotations

import os
from pathlib import Path

#: The variables that would otherwise name folders in the home directory.
SCRATCH_VARIABLES = ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR")


def scratch_environment(root) -> dict[str, str]:
    """Make one folder per variable under ``root``; return the variables to set (Matplotlib draws with Agg)."""
    env = {}
    for var in SCRATCH_VARIABLES:
        folder = Path(root) / var.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[var] = str(folder)
    env["MPLBACKEND"] = "Agg"
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    return env


def use_scratch(root) -> dict[str, str]:
    """Set :func:`scratch_environment` in ``os.environ`` (for this process and the kernels it starts)."""
    env = scratch_environment(root)
    os.environ.update(env)
    return env
