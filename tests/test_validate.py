"""Validate shows a failed check's message first, plainly (issue 14.6).

Through nbgrader's API (the Validator the Validate button and ``nbgrader validate`` use), for a stored wrong
submission of every exercise: each failed check reads as the message its author wrote, then the one line of the
check that failed, with no traceback and no hidden-test marker; a control without the course's configuration
shows nbgrader's own dialog, source and traceback first. Then in the browser: JupyterLab on a copy of the course,
an exercise with a wrong answer, the Validate button, and the dialog a student reads.
"""
from __future__ import annotations

import os
import secrets
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.validator import Validator
from traitlets.config import Config

import servers
from nbgrader_course import COURSE_ROOT, fill_answers, fixtures, notebooks
from coursetools.release import assignments, nbgrader_api
from servers import css, screenshot, wait_for

ASSIGNMENTS = assignments()


def wrong_copy(folder: Path, assignment: str, answers=None) -> Path:
    """The exercise filled with ``answers`` (default: the first stored wrong submission), in ``folder``."""
    (path,) = notebooks(COURSE_ROOT / "exercises" / assignment)
    target = folder / path.name
    answers = fixtures(assignment)[0].answers if answers is None else answers
    nbformat.write(fill_answers(nbformat.read(str(path), as_version=4), answers), str(target))
    return target


def failed_checks(results) -> list[dict]:
    return [f for f in results.get("failed", []) if f["raw_error"] != "You did not provide a response."]


@pytest.fixture(scope="module")
def validations(tmp_path_factory):
    """{assignment: (answers, failed checks)}: the first stored wrong submission, or the blank copy where that
    fails none of the checks a student sees (most wrong submissions fail hidden checks only)."""
    found = {}
    for assignment in ASSIGNMENTS:
        for answers in (fixtures(assignment)[0].answers, {}):
            path = wrong_copy(tmp_path_factory.mktemp(assignment), assignment, answers)
            checks = failed_checks(Validator(config=nbgrader_api().config).validate(str(path)))
            if checks:
                found[assignment] = (answers, checks)
                break
    return found


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_validator_shows_the_message_first(validations, assignment):
    assert assignment in validations, f"{assignment}: neither a wrong submission nor the blank copy fails a check"
    for failed in validations[assignment][1]:
        assert "Traceback" not in failed["raw_error"] and "HIDDEN TESTS" not in failed["source"], failed
        assert not failed["source"].lstrip().startswith(("#", "assert")), f"not a message: {failed['source']!r}"
        # the failing assertion when the check is an assertion; a check that stopped on another error says so
        assert failed["raw_error"].startswith("The check that failed: ") or failed["source"].split(":")[0].endswith(
            "Error"), failed
        assert "\n" not in failed["raw_error"].strip(), failed["raw_error"]


def test_nbgrader_alone_shows_source_and_traceback_first(tmp_path):
    """Control: without the course's hook, nbgrader's Validator shows the check's code and a traceback."""
    config = Config(nbgrader_api().config)
    config.Execute.on_cell_error = None
    results = Validator(config=config).validate(str(wrong_copy(tmp_path, ASSIGNMENTS[0], {})))
    failed = [f for f in results["failed"] if "Traceback" in f["raw_error"]]
    assert failed and failed[0]["source"].lstrip().startswith(("#", "assert"))


def test_an_edited_check_is_still_reported_as_changed(tmp_path):
    path = wrong_copy(tmp_path, ASSIGNMENTS[0])
    nb = nbformat.read(str(path), as_version=4)
    test_cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
                     and not c.metadata["nbgrader"].get("solution"))
    test_cell.source += "\nassert False, 'edited'"
    nbformat.write(nb, str(path))
    results = Validator(config=nbgrader_api().config).validate(str(path))
    assert "changed" in results, results


# --- in the browser -------------------------------------------------------------------------------------------
@pytest.mark.skipif(servers.browser_unavailable() is not None, reason=f"{servers.browser_unavailable()}")
def test_validate_button_shows_the_message_first(tmp_path, validations):
    # the first exercise whose stored wrong answer fails a check the student sees, with its author's message
    assignment, (answers, checks) = next((a, v) for a, v in validations.items() if v[1][0]["source"].strip()
                                         and "Error:" not in v[1][0]["source"] and v[0])
    message = checks[0]["source"]
    course = tmp_path / "course"   # a copy: the browser must not write into the course
    (course / "exercises" / assignment).mkdir(parents=True)
    shutil.copy(COURSE_ROOT / "nbgrader_config.py", course)
    shutil.copytree(COURSE_ROOT / "coursetools", course / "coursetools",
                    ignore=shutil.ignore_patterns("__pycache__"))
    notebook = wrong_copy(course / "exercises" / assignment, assignment, answers)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
               JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "lab-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "lab-workspaces"),
               PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    token, port = secrets.token_hex(16), servers.free_port()
    log = tmp_path / "jupyterlab.log"
    process = servers.start_server([
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={course}", "--KernelManager.transport=ipc"], log, cwd=course, env=env)
    try:
        servers.wait_for_http(f"http://127.0.0.1:{port}/api/status?token={token}", process, log)
        with servers.chromium(log_name="validate-chromedriver") as driver:
            driver.get(f"http://127.0.0.1:{port}/lab/tree/exercises/{assignment}/{notebook.name}?token={token}&reset")
            button = wait_for(driver, lambda d: [b for b in css(d, '.jp-NotebookPanel-toolbar '
                                                                   '[title="Validate Assignment"]') if b.is_displayed()],
                              "nbgrader's Validate button", prefix="validate")[0]
            button.click()
            dialog = wait_for(driver, lambda d: css(d, "#validation-message"), "the validation dialog",
                              timeout=180, prefix="validate")[0]
            text = dialog.text
            screenshot(driver, "dialog", prefix="validate")
    finally:
        servers.stop_server(process)
    assert message in text, text[:2000]
    assert "Traceback" not in text and "HIDDEN TESTS" not in text, text[:2000]
    first_failure = text.split("The following cell failed:")[1].strip()
    assert not first_failure.startswith(("#", "assert")), f"the dialog starts with code: {first_failure[:300]}"
