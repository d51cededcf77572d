"""What a student and an instructor see in JupyterLab off the hub (issue 14, item 3), in Chromium.

A student opens the course from the student edition as its README says: the edition installed with pip (here
``--target`` a folder of the test's, whose ``etc/jupyter`` the test puts on Jupyter's configuration path, where a
virtual environment's prefix would be), then ``jupyter lab`` in their copy of the edition. They get nbgrader's
assignment list and its Validate button on exercises, and no formgrader, course list, Create Assignment panel or
Validate on lessons. The instructor's ``make lab`` (the course folder, a fresh configuration) keeps every tool.
The hub's servers use the same student configuration (tests/test_hub.py checks them there). Screenshots go to
tests/artifacts/lab-*.png.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import servers
from coursetools import edition
from servers import ROOT, create_assignment_tabs, nbgrader_menu, screenshot, validate_buttons, wait_for

pytestmark = pytest.mark.skipif(servers.browser_unavailable() is not None, reason=f"{servers.browser_unavailable()}")

ASSIGNMENT = "00-orientation"
#: No news pop-up and no update check (they would reach the internet) and no autosave (the instructor's lab opens
#: the course's own notebooks), as in tests/test_browser.py.
USER_SETTINGS = {"@jupyterlab/apputils-extension/notification.jupyterlab-settings":
                 {"fetchNews": "false", "checkForUpdates": False},
                 "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False}}


def start_lab(folder: Path, root: Path, config_path: list[Path], pythonpath: str = ""):
    """JupyterLab on 127.0.0.1 rooted at ``root``, with ``config_path`` first on Jupyter's configuration path."""
    token, port = secrets.token_hex(16), servers.free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(folder / "user-config"),
               JUPYTER_CONFIG_PATH=os.pathsep.join(map(str, config_path)),
               JUPYTERLAB_SETTINGS_DIR=str(folder / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(folder / "workspaces"))
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    for name, values in USER_SETTINGS.items():
        (folder / "settings" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "settings" / name).write_text(json.dumps(values), encoding="utf-8")
    log = folder / "jupyterlab.log"
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}", f"--FileCheckpoints.checkpoint_dir={folder / 'checkpoints'}"]
    process = servers.start_server(command, log, cwd=root, env=env)
    url = f"http://127.0.0.1:{port}"
    servers.wait_for_http(f"{url}/api/status?token={token}", process, log)
    return process, url, token


def open_notebook(driver, url: str, token: str, path: str):
    return servers.open_lab_notebook(driver, f"{url}/lab/tree/{path}?token={token}&reset", path, prefix="lab")


@pytest.fixture(scope="module")
def student_lab(tmp_path_factory):
    """A student's copy of the edition, the edition installed, and JupyterLab started as its README says."""
    folder = tmp_path_factory.mktemp("student-lab")
    built = edition.build(folder / "built")
    own_copy = folder / "my-course"
    shutil.copytree(built, own_copy)
    source = folder / "source"
    shutil.copytree(built, source)   # pip builds in the source folder
    site = folder / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "--no-compile", "--target", str(site), str(source)], check=True, timeout=300)
    process, url, token = start_lab(folder, own_copy, [site / "etc" / "jupyter"], pythonpath=str(site))
    try:
        yield url, token
    finally:
        servers.stop_server(process)


@pytest.fixture(scope="module")
def instructor_lab(tmp_path_factory):
    """The instructor's `make lab`: the course folder, nothing configured beyond the installation."""
    folder = tmp_path_factory.mktemp("instructor-lab")
    config = folder / "nbgrader-config"   # nbgrader's gradebook and exchange outside the course folder
    config.mkdir()
    (config / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {str(folder / 'exchange')!r}\n"
        f"c.CourseDirectory.db_url = {'sqlite:///' + str(folder / 'gradebook.db')!r}\n", encoding="utf-8")
    process, url, token = start_lab(folder, ROOT, [config])
    try:
        yield url, token
    finally:
        servers.stop_server(process)


def test_a_student_has_the_assignment_list_and_validate_on_exercises_only(student_lab):
    url, token = student_lab
    with servers.chromium(log_name="lab-chromedriver") as driver:
        lesson = open_notebook(driver, url, token, f"lessons/{ASSIGNMENT}.ipynb")
        assert not validate_buttons(lesson), "a lesson shows nbgrader's Validate button"
        page_config = json.loads(driver.execute_script(
            "return document.getElementById('jupyter-config-data').textContent"))
        assert page_config["news"] == {"disabled": True}, "a student's JupyterLab would fetch news and ask about it"
        items, close = nbgrader_menu(driver, prefix="lab")
        screenshot(driver, "student-menu", prefix="lab")
        close()
        assert "Assignment List" in items and not {"Formgrader", "Course List"} & set(items), items
        assert not create_assignment_tabs(driver), "a student has nbgrader's Create Assignment panel"
        screenshot(driver, "student-lesson", prefix="lab")
        exercise = open_notebook(driver, url, token, f"exercises/{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
        wait_for(driver, lambda d: validate_buttons(exercise), "Validate on the exercise", prefix="lab")
        screenshot(driver, "student-exercise", prefix="lab")


def test_the_instructors_make_lab_keeps_every_tool(instructor_lab):
    url, token = instructor_lab
    with servers.chromium(log_name="lab-chromedriver") as driver:
        lesson = open_notebook(driver, url, token, f"lessons/{ASSIGNMENT}.ipynb")
        wait_for(driver, lambda d: validate_buttons(lesson), "Validate on the instructor's notebooks", prefix="lab")
        items, close = nbgrader_menu(driver, prefix="lab")
        screenshot(driver, "instructor-menu", prefix="lab")
        close()
        assert {"Assignment List", "Course List", "Formgrader"} <= set(items), items
        assert create_assignment_tabs(driver), "the instructor lost nbgrader's Create Assignment panel"
