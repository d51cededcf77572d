"""Build the student edition: everything students may have, and nothing from ``solutions/``.

The edition is what every route to students is made from: a copy handed out
through a learning management system, the home folder of each student on a
JupyterHub, a Binder or container image, the course's web site. It holds the
lessons (with their outputs), the exercises as nbgrader releases them, the
received texts with their catalogue, the glossary and the helper package
``partycorpus`` (installable, with the texts inside it), and no instructor file:
no ``solutions/``, no ``coursetools/``, no tests, rubrics or teaching notes.

It also holds the configuration of a student's JupyterLab (``jupyter-config/``,
the same files as the hub's ``deploy/jupyterhub/jupyter/student/``): installing
the edition (``pip install .``) puts it in the environment's ``etc/jupyter``, so
that JupyterLab shows the assignment list and Validate on exercises, and no
formgrader or Create Assignment panel.

``make edition`` (or ``python -m coursetools.edition [DEST]``) writes it to
``build/student-edition/``. Before it finishes, every file of the edition is
searched for every secret line of the instructor's copies (solutions, hidden
tests, model answers, rubrics); one found stops the build.

>>> sorted(COPIED)
['LICENSE', 'exercises', 'lessons', 'partycorpus', 'requirements.txt', 'source_texts']
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tomllib
from pathlib import Path

import nbformat

from .grading.feedback import source_secrets
from .release import COURSE_ROOT, assignments

DEFAULT_DEST = COURSE_ROOT / "build" / "student-edition"
TEMPLATES = Path(__file__).with_name("templates")
#: What the edition copies from the course, as it is.
COPIED = ("LICENSE", "requirements.txt", "lessons", "exercises", "source_texts", "partycorpus")
#: Files and folders never copied, wherever they are.
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info", ".DS_Store",
                                 "node_modules")
#: Lines of the instructor's copies shorter than this are too common to search for.
MIN_SECRET_CHARS = 12
#: The configuration of a student's JupyterLab, shared with the hub (deploy/jupyterhub/jupyter/student/).
STUDENT_JUPYTER_CONFIG = COURSE_ROOT / "deploy" / "jupyterhub" / "jupyter" / "student"
#: Where it goes in the edition, and (under the environment's prefix) where `pip install .` installs it.
JUPYTER_CONFIG_FOLDER, JUPYTER_CONFIG_TARGET = "jupyter-config", "etc/jupyter"
#: Lines of solutions/ that a lesson or the helper package shows on purpose (reviewed, one by one, with a reason).
SHARED_LINES = Path(__file__).with_name("shared_lines.txt")


class LeakError(RuntimeError):
    """A line of an instructor's copy was found in the student edition."""


def shared_lines(path: Path = SHARED_LINES) -> set[str]:
    """The lines of ``solutions/`` that students may see because a lesson or the package shows them.

    >>> "stop = pc.stopwords()" in shared_lines()
    True
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def secret_lines(root: Path = COURSE_ROOT, shared: set[str] | None = None) -> list[str]:
    """Every line of ``solutions/`` that a student must not see (stripped, at least 12 characters).

    Lines in ``shared`` (default: :func:`shared_lines`) are left out.

    >>> any("BEGIN SOLUTION" in line for line in secret_lines())
    False
    """
    found = set()
    for name in assignments(root):
        for path in sorted((root / "solutions" / name).glob("*.ipynb")):
            nb = nbformat.read(str(path), as_version=4)
            found.update(line.strip() for line in source_secrets(nb) if len(line.strip()) >= MIN_SECRET_CHARS)
    return sorted(found - (shared_lines() if shared is None else shared))


def readable_text(path: Path) -> str | None:
    """What a person can read in a file: a notebook's cell sources and text outputs, a text file's text.

    Returns None for a binary file (an image).
    """
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        parts = []
        for cell in nb.get("cells", []):
            parts.append("".join(cell.get("source", "")))
            for output in cell.get("outputs", []):
                parts.append("".join(output.get("text", "")))
                parts += ["".join(value) for key, value in output.get("data", {}).items() if key.startswith("text/")]
                parts += output.get("traceback", [])
        return "\n".join(parts)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None


def find_leaks(folder: Path, secrets: list[str]) -> list[str]:
    """``file: line`` for every secret line found in a file under ``folder``."""
    leaks = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = readable_text(path)
        if text is None:
            continue
        for secret in secrets:
            if secret in text:
                leaks.append(f"{path.relative_to(folder)}: {secret[:80]}")
    return leaks


def edition_pyproject(root: Path = COURSE_ROOT) -> str:
    """The edition's pyproject.toml: the course's, with the ``partycorpus`` packages only."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = project["tool"]["setuptools"]
    packages = [name for name in setuptools["packages"] if name.split(".")[0] == "partycorpus"]
    meta = project["project"]

    def toml_list(items):
        return "[" + ", ".join(json.dumps(item) for item in items) + "]"

    lines = [
        "# The helper package of the course's student edition (made by `make edition` from the course).",
        "# `pip install .` installs it with the received texts inside it.",
        "[build-system]",
        f"requires = {toml_list(project['build-system']['requires'])}",
        f"build-backend = {json.dumps(project['build-system']['build-backend'])}",
        "",
        "[project]",
        f"name = {json.dumps(meta['name'])}",
        f"version = {json.dumps(meta['version'])}",
        f"description = {json.dumps(meta['description'])}",
        f"requires-python = {json.dumps(meta['requires-python'])}",
        f"license = {json.dumps(meta['license'])}",
        f"dependencies = {toml_list(meta['dependencies'])}",
        "",
        "[tool.setuptools]",
        f"packages = {toml_list(packages)}",
        "",
        "[tool.setuptools.package-dir]",
    ]
    lines += [f"{json.dumps(name)} = {json.dumps(folder)}" for name, folder in setuptools["package-dir"].items()
              if name in packages]
    lines += ["", "[tool.setuptools.package-data]"]
    lines += [f"{json.dumps(name)} = {toml_list(patterns)}"
              for name, patterns in project["tool"]["setuptools"]["package-data"].items() if name in packages]
    lines += ["", "# The student's JupyterLab configuration, installed into the environment's etc/jupyter.",
              "[tool.setuptools.data-files]"]
    config = root / STUDENT_JUPYTER_CONFIG.relative_to(COURSE_ROOT)
    lines += [f"{json.dumps(target)} = {toml_list(files)}" for target, files in jupyter_data_files(config).items()]
    return "\n".join(lines) + "\n"


def jupyter_data_files(config: Path = STUDENT_JUPYTER_CONFIG) -> dict[str, list[str]]:
    """Where ``pip install`` of the edition puts each file of the student's JupyterLab configuration.

    >>> jupyter_data_files()["etc/jupyter/custom"]
    ['jupyter-config/custom/custom.css']
    """
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in config.rglob("*") if p.is_file()):
        relative = path.relative_to(config)
        if any(IGNORED("", [part]) for part in relative.parts):   # what build() does not copy is not listed
            continue
        target = "/".join((JUPYTER_CONFIG_TARGET, *relative.parent.parts))
        found.setdefault(target, []).append("/".join((JUPYTER_CONFIG_FOLDER, *relative.parts)))
    return found


def build(dest: Path = DEFAULT_DEST, root: Path = COURSE_ROOT) -> Path:
    """Write the student edition of the course at ``root`` into ``dest`` (replaced if it exists); return ``dest``.

    Raises :class:`LeakError`, and removes ``dest``, if a secret line of ``solutions/`` is in any file.
    """
    dest, root = Path(dest).resolve(), Path(root).resolve()
    if dest == root or dest in root.parents or (root in dest.parents and root / "build" not in dest.parents):
        raise ValueError(f"the edition goes outside the course folder or under its build/ folder, not into {dest}")
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in COPIED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=IGNORED)
        else:
            shutil.copy2(source, dest / name)
    shutil.copytree(root / STUDENT_JUPYTER_CONFIG.relative_to(COURSE_ROOT), dest / JUPYTER_CONFIG_FOLDER, ignore=IGNORED)
    (dest / "pyproject.toml").write_text(edition_pyproject(root), encoding="utf-8")
    for template in sorted(TEMPLATES.glob("edition-*")):
        target = dest / template.name.removeprefix("edition-")
        shutil.copy2(template, target)
    leaks = find_leaks(dest, secret_lines(root))
    if leaks:
        shutil.rmtree(dest)
        raise LeakError("the student edition would hold lines of the instructor's copies:\n  " + "\n  ".join(leaks))
    return dest


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dest", nargs="?", default=str(DEFAULT_DEST), help="where to write it (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        dest = build(Path(args.dest))
    except LeakError as err:
        print(f"Not built: {err}", file=sys.stderr)
        return 1
    files = sum(1 for p in dest.rglob("*") if p.is_file())
    print(f"Student edition written to {dest} ({files} files); no line of solutions/ is in it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
