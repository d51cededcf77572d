"""Seconds that `make site` takes in a fresh clone of the course (issue 17 asks for less than a minute).

Clones the committed HEAD of this checkout into a temporary folder and runs the site build there
(`python -m coursetools.website`, as `make site` does) with this checkout's environment, so the figure is the
build's own time, not the one-off installation of the environment. Prints each run and the median; asserts nothing.

    .venv/bin/python benchmarks/site_build.py [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_once(clone: Path) -> tuple[float, int, int]:
    """Build the clone's site once; return seconds, pages and bytes."""
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
               MPLBACKEND="Agg")
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "coursetools.website"], cwd=clone, env=env,
                          capture_output=True, text=True)
    seconds = time.monotonic() - start
    if done.returncode != 0:
        raise SystemExit(f"the build failed:\n{done.stdout}\n{done.stderr}")
    site = clone / "build" / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    return seconds, sum(1 for p in files if p.suffix == ".html"), sum(p.stat().st_size for p in files)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="party-struggle-site-bench-") as folder:
        clone = Path(folder) / "course"
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
        times = []
        for run in range(1, args.runs + 1):
            seconds, pages, size = build_once(clone)
            times.append(seconds)
            print(f"run {run}: {seconds:.1f} s, {pages} pages, {size / 1e6:.1f} MB")
    print(f"make site in a fresh clone: median {statistics.median(times):.1f} s over {len(times)} runs "
          f"({os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
