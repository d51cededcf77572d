"""The student edition: what students may have, nothing from solutions/, and a helper package that works installed."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import partycorpus as pc
from coursetools import edition
from nbgrader_course import secret_lines, source_notebooks

ROOT = Path(__file__).resolve().parent.parent


def all_secret_lines() -> set[str]:
    """The test's own idea of the secret lines of every solution (tests/nbgrader_course.py), shared ones included."""
    return {line for name in sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
            for nb in source_notebooks(name).values() for line in secret_lines(nb)}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return edition.build(tmp_path_factory.mktemp("edition") / "student-edition")


def test_the_edition_holds_what_students_need_and_no_instructor_file(built):
    names = {p.name for p in built.iterdir()}
    assert {"lessons", "exercises", "source_texts", "partycorpus", "README.md", "pyproject.toml",
            "requirements.txt", "environment.yml", "LICENSE", "jupyter-config"} <= names
    assert not names & {"solutions", "coursetools", "tests", "dev", "INSTRUCTORS.md", "nbgrader_config.py"}
    lessons = sorted(p.name for p in (ROOT / "lessons").glob("*.ipynb"))
    assert sorted(p.name for p in (built / "lessons").glob("*.ipynb")) == lessons
    assert (built / "lessons" / "glossary.md").is_file()
    for name in sorted(p.name for p in (ROOT / "exercises").iterdir() if p.is_dir()):
        assert (built / "exercises" / name / f"{name}.ipynb").is_file()
    assert not [p for p in built.rglob("*") if p.name in ("__pycache__", ".ipynb_checkpoints") or p.suffix == ".pyc"]


def test_the_texts_are_copied_byte_for_byte(built):
    for text_id in pc.text_ids():
        assert (built / "source_texts" / pc.text_path(text_id).name).read_bytes() == pc.text_path(text_id).read_bytes()


def test_no_line_of_a_solution_hidden_test_model_answer_or_rubric_is_anywhere_in_it(built):
    secrets = sorted(all_secret_lines() - edition.shared_lines())
    assert len(secrets) > 100, "the secret lines were not found: the check would prove nothing"
    leaks = edition.find_leaks(built, secrets)
    assert not leaks, f"instructor lines in the student edition: {leaks[:5]}"


def test_every_shared_line_is_a_line_of_the_solutions():
    stale = edition.shared_lines() - all_secret_lines()
    assert not stale, f"coursetools/shared_lines.txt lists lines that are no longer in solutions/: {sorted(stale)}"


def test_a_leaked_line_stops_the_build(tmp_path):
    course = tmp_path / "course"
    shutil.copytree(ROOT, course, ignore=shutil.ignore_patterns(".venv", ".git", "build", "__pycache__", "*.egg-info",
                                                                "node_modules", "artifacts"))
    nb = nbformat.read(str(course / "solutions" / "00-orientation" / "00-orientation.ipynb"), as_version=4)
    leaked = max(edition.secret_lines(course), key=len)
    lesson = course / "lessons" / "00-orientation.ipynb"
    lesson_nb = nbformat.read(str(lesson), as_version=4)
    lesson_nb.cells.append(nbformat.v4.new_code_cell("# a lesson writer pasted this from the solution\n" + leaked))
    nbformat.write(lesson_nb, str(lesson))
    dest = tmp_path / "edition"
    with pytest.raises(edition.LeakError, match="lessons/00-orientation.ipynb"):
        edition.build(dest, course)
    assert not dest.exists(), "a leaking edition must not be left behind"
    assert nb.cells, "the solution notebook was read"


def test_the_build_refuses_to_overwrite_the_course(tmp_path):
    for dest in (ROOT, ROOT.parent, ROOT / "lessons"):
        with pytest.raises(ValueError, match="outside the course folder"):
            edition.build(dest)


def test_the_edition_pyproject_installs_only_the_student_package(built):
    pyproject = (built / "pyproject.toml").read_text(encoding="utf-8")
    assert "coursetools" not in pyproject and '"partycorpus.source_texts" = "source_texts"' in pyproject


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory) -> Path:
    """The edition installed with pip (not editable) into a folder of its own (``--target``: never the course's
    own environment, whose editable install of the course a ``--prefix`` install would replace)."""
    source, site = tmp_path_factory.mktemp("source") / "edition", tmp_path_factory.mktemp("install") / "site"
    shutil.copytree(built, source)   # pip builds in the source folder: keep the edition itself clean
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--no-compile", "--target", str(site), str(source)], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    return site


def test_installing_the_edition_sets_up_a_students_jupyterlab(built, installed):
    """`pip install .` of the edition puts the student's JupyterLab configuration under the environment's
    etc/jupyter (here under --target's folder, which stands for the environment's prefix), as the hub's files."""
    config = ROOT / "deploy" / "jupyterhub" / "jupyter" / "student"
    files = sorted(p.relative_to(config) for p in config.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert len(files) == 4, files
    for relative in files:
        assert (built / "jupyter-config" / relative).read_bytes() == (config / relative).read_bytes()
        assert (installed / "etc" / "jupyter" / relative).read_bytes() == (config / relative).read_bytes(), relative
    disabled = json.loads((config / "labconfig" / "page_config.d" / "party-struggle-student.json").read_text())
    assert set(disabled["disabledExtensions"]) == {"@jupyter/nbgrader:formgrader",
                                                   "@jupyter/nbgrader:create-assignment",
                                                   "@jupyter/nbgrader:course-list"}


def test_a_students_validate_shows_the_message_first(installed):
    """The installed nbgrader configuration names the package's Validate hook (partycorpus/validation.py)."""
    from traitlets.config.loader import PyFileConfigLoader

    from partycorpus.validation import plain_messages_hook

    config = PyFileConfigLoader("nbgrader_config.py", path=str(installed / "etc" / "jupyter")).load_config()
    assert config.Execute.on_cell_error is plain_messages_hook


def test_the_installed_helper_package_finds_its_texts_outside_a_clone(built, installed, tmp_path):
    """pip install (not editable) of the edition, then the package used from a folder that is not the course's."""
    site = installed
    assert not (site / "coursetools").exists()
    elsewhere = tmp_path / "somewhere-else"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("PARTYCORPUS_TEXTS", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)
    script = ("import json, partycorpus as pc\n"
              "print(json.dumps({'file': pc.__file__, 'texts': str(pc.texts_dir()), 'ids': pc.text_ids(),\n"
              "                  'lines': {t: len(pc.lines(t)) for t in pc.text_ids()}}))\n")
    run = subprocess.run([sys.executable, "-c", script], cwd=elsewhere, env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert Path(found["file"]).is_relative_to(site), "the test imported the clone's package, not the installed one"
    assert Path(found["texts"]) == site / "partycorpus" / "source_texts"
    assert found["ids"] == pc.text_ids()
    assert found["lines"] == {text_id: len(pc.lines(text_id)) for text_id in pc.text_ids()}
    # In a student's own copy of the edition, the package reads that copy's texts (where a student adds a text).
    run = subprocess.run([sys.executable, "-c", script], cwd=built / "lessons", env=env, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert Path(json.loads(run.stdout)["texts"]) == built / "source_texts"


def test_every_package_folder_is_listed_in_pyproject():
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {".".join(p.parent.relative_to(ROOT).parts) for top in ("partycorpus", "coursetools")
               for p in (ROOT / top).rglob("*.py") if "__pycache__" not in p.parts}
    assert folders <= listed, f"package folders missing from pyproject.toml's packages: {sorted(folders - listed)}"
