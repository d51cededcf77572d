"""The course as a student and an instructor meet it: JupyterLab in a real browser (issue 9).

Tests that execute notebooks say the code runs; these say what a person sees. The
module starts JupyterLab from the project's environment on 127.0.0.1 (its own
token, a free port, root at the course folder, a fresh Jupyter configuration
folder), releases exercise 00 into a temporary nbgrader exchange, and drives
Debian's headless Chromium with Selenium and Debian's matching chromedriver:

- lesson 00 shows its title, a line-numbered passage and a figure with alt text;
- the exercise opens with its questions, answer cells and nbgrader's Validate button;
- nbgrader's assignment list (student) shows the released exercise;
- nbgrader's formgrader (instructor) lists the course's assignments.

Screenshots of each view go to tests/artifacts/. `make test` installs Chromium
first (dev/install-browser.sh); where that is impossible the tests skip and say why.
JupyterLab and Chromium are stopped at the end, also when a test fails.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from hashlib import sha256
from pathlib import Path

import nbformat
import pytest

import partycorpus as pc
import servers
from servers import ARTIFACTS, ROOT, css, screenshot, wait_for

LESSON = ROOT / "lessons" / "00-orientation.ipynb"
ASSIGNMENT = "00-orientation"
EXERCISE = ROOT / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
# What a student would have chosen in JupyterLab's settings: no news pop-up, no update check (they would
# fetch from the internet) and no autosave (the test opens the course's own notebooks and must not write them).
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


pytestmark = pytest.mark.skipif(servers.browser_unavailable() is not None, reason=f"{servers.browser_unavailable()}")


def digest(path: Path) -> str:
    return sha256(path.read_bytes()).hexdigest()


def course_state() -> dict:
    """The notebooks the browser opens, and any folders of Jupyter checkpoints in the course."""
    state = {str(path.relative_to(ROOT)): digest(path) for path in (LESSON, EXERCISE)}
    for folder in ("lessons", "exercises", "solutions"):
        for checkpoints in sorted((ROOT / folder).rglob(".ipynb_checkpoints")):
            state[str(checkpoints.relative_to(ROOT))] = "folder"
    return state


class Lab:
    """A JupyterLab server started for the tests, and what a test needs to reach it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.token = secrets.token_hex(16)
        self.port = servers.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = folder / "jupyterlab.log"
        self.process = None

    def environment(self) -> dict:
        env = dict(os.environ)  # carries the root conftest's temporary Jupyter, IPython and Matplotlib folders
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        config = self.folder / "jupyter-config"  # fresh: nothing enabled or disabled beyond what the install did
        config.mkdir()
        env["JUPYTER_CONFIG_DIR"] = str(config)
        settings = self.folder / "lab-user-settings"
        for name, values in USER_SETTINGS.items():
            (settings / name).parent.mkdir(parents=True, exist_ok=True)
            (settings / name).write_text(json.dumps(values), encoding="utf-8")
        env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
        env["JUPYTERLAB_WORKSPACES_DIR"] = str(self.folder / "lab-workspaces")
        # nbgrader reads this folder too: the exchange and the gradebook live here, not in the course folder.
        nbgrader_config = self.folder / "nbgrader-config"
        nbgrader_config.mkdir()
        (nbgrader_config / "nbgrader_config.py").write_text(
            "c = get_config()  # noqa: F821\n"
            f"c.Exchange.root = {str(self.folder / 'exchange')!r}\n"
            f"c.CourseDirectory.db_url = {'sqlite:///' + str(self.folder / 'gradebook.db')!r}\n",
            encoding="utf-8",
        )
        env["JUPYTER_CONFIG_PATH"] = str(nbgrader_config)
        return env

    def start(self) -> None:
        env = self.environment()
        # The instructor releases the exercise, as in the instructor guide (into the temporary exchange).
        release = subprocess.run(
            [sys.executable, "-m", "nbgrader", "release_assignment", ASSIGNMENT, "--force"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )
        assert (self.folder / "exchange" / "party-struggle" / "outbound" / ASSIGNMENT).is_dir(), (
            f"nbgrader could not release {ASSIGNMENT}:\n{release.stdout}\n{release.stderr}")
        command = [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={ROOT}",
            # JupyterLab saves a checkpoint of each notebook it opens: keep those out of the course folder.
            f"--FileCheckpoints.checkpoint_dir={self.folder / 'checkpoints'}",
        ]
        self.process = servers.start_server(command, self.log, cwd=ROOT, env=env)
        servers.wait_for_http(f"{self.url}/api/status?token={self.token}", self.process, self.log)

    def stop(self) -> None:
        # SIGTERM: Jupyter shuts its kernels down and exits; anything left in its session is then killed.
        servers.stop_server(self.process)

    def page(self, path: str) -> str:
        return f"{self.url}/{path}?token={self.token}&reset"


@pytest.fixture(scope="module")
def lab():
    """JupyterLab on 127.0.0.1, stopped after the module's tests whatever their outcome."""
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob("browser-*"):  # the artefacts show this run only
        old.unlink()
    folder = Path(tempfile.mkdtemp(prefix="party-struggle-lab-"))
    server = Lab(folder)
    before = course_state()
    try:
        server.start()
        yield server
    finally:
        server.stop()
        ARTIFACTS.mkdir(exist_ok=True)
        if server.log.exists():
            shutil.copy(server.log, ARTIFACTS / "browser-jupyterlab.log")
        shutil.rmtree(folder, ignore_errors=True)
    # Looking is not editing: the notebooks the browser opened are as they were, and nothing was added.
    assert course_state() == before, "JupyterLab wrote into the course folder while the browser looked at it"


@pytest.fixture(scope="module")
def browser(lab):
    """Headless Chromium driven through Debian's chromedriver; quit after the module, whatever happens."""
    with servers.chromium(log_name="browser-chromedriver") as driver:
        yield driver


# ---------------------------------------------------------------------------------------------------------
# Helpers that wait for what a person would wait for.

def show(driver, element) -> None:
    """Scroll an element to the middle of the window and wait until the browser has painted it there.

    JupyterLab renders cells far from view lazily, so the cells above may grow once the element is shown and push
    it away again: every try scrolls once more.
    """
    wait_for(driver, lambda d: d.execute_script(
        "arguments[0].scrollIntoView({block: 'center'});"
        "const r = arguments[0].getBoundingClientRect();"
        "return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;", element), "the element in view")
    driver.execute_async_script(  # two animation frames: layout and paint are done
        "const done = arguments[arguments.length - 1];"
        "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));")


def open_notebook(driver, lab, path: Path):
    """Open a notebook as a student does (JupyterLab's tree URL) and wait for its title heading."""
    driver.get(lab.page(f"lab/tree/{path.relative_to(ROOT).as_posix()}"))
    return wait_for(driver, lambda d: [h for h in css(d, ".jp-Notebook .jp-RenderedMarkdown h1") if h.text.strip()],
                    f"the title of {path.name}")[0]


def open_lab(driver, lab) -> None:
    """Open JupyterLab's start page and wait until its menus and the file browser's listing are there."""
    driver.get(lab.page("lab"))
    wait_for(driver, lambda d: css(d, ".lm-MenuBar-item") and any(e.is_displayed() for e in css(d, ".jp-DirListing-item")),
             "JupyterLab's menu bar and file browser")


def open_from_nbgrader_menu(driver, item: str) -> None:
    """Click the Nbgrader menu in JupyterLab's menu bar, then one of its items."""
    menu = wait_for(driver, lambda d: [m for m in css(d, ".lm-MenuBar-item") if m.text.strip() == "Nbgrader"],
                    "the Nbgrader menu")[0]
    menu.click()
    entry = wait_for(driver, lambda d: [e for e in css(d, ".lm-Menu-item") if e.text.strip() == item],
                     f"the menu item {item!r}")[0]
    entry.click()


def text_content(element) -> str:
    """The text of an element, also when the browser has not painted it yet (off screen)."""
    return element.get_attribute("textContent") or ""


def title_of(path: Path) -> str:
    return nbformat.read(str(path), as_version=4).cells[0].source.splitlines()[0].lstrip("#").strip()


def numbered_passage(text: str):
    """If ``text`` is a passage as pc.show_passage prints it, return (citation, [(number, text)]); else None.

    The first line is the citation; then every line is either a number in the margin and the received line
    (nothing after the number for an empty line), or the continuation of a long line, indented past the margin.
    """
    first, *rest = text.rstrip("\n").split("\n") or [""]
    start = re.match(r"^( *\d+)(  |$)", rest[0]) if rest else None
    if not start:
        return None
    margin = len(start[1])
    rows = []
    for line in rest:
        if line[:margin].strip().isdigit() and line[margin:margin + 2] in ("  ", ""):
            rows.append((int(line[:margin]), line[margin + 2:]))
        elif line.startswith(" " * (margin + 2)) and rows:
            continue  # a long line wrapped under its own text
        else:
            return None
    numbers = [number for number, _ in rows]
    if len(rows) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return first.strip(), rows
    return None


# ---------------------------------------------------------------------------------------------------------
# The tests.

def test_a_missing_browser_is_explained(tmp_path):
    missing, reason = tmp_path / "no-chromium", tmp_path / "reason.txt"
    assert "make test" in servers.browser_unavailable(missing, reason)
    assert "chromium-driver" in servers.browser_unavailable(missing, reason)
    reason.write_text("installing it needs root\n", encoding="utf-8")
    assert servers.browser_unavailable(missing, reason) == "installing it needs root"


def test_nbgrader_lab_extensions_are_enabled_in_a_fresh_configuration(browser, lab):
    open_lab(browser, lab)
    page_config = json.loads(browser.execute_script(
        "return document.getElementById('jupyter-config-data').textContent"))
    names = [extension["name"] for extension in page_config["federated_extensions"]]
    assert "@jupyter/nbgrader" in names, f"nbgrader's JupyterLab extension is not installed: {names}"
    disabled = page_config.get("disabledExtensions") or []
    assert not [name for name in disabled if name.startswith("@jupyter/nbgrader")], f"disabled: {disabled}"


def test_lesson_shows_its_title_a_numbered_passage_and_a_figure(browser, lab):
    heading = open_notebook(browser, lab, LESSON)
    assert heading.text.strip() == title_of(LESSON)
    table = heading.find_element("xpath", "following::table[1]")
    assert "Central question" in table.text and "Time" in table.text, "the lesson header table is not rendered"
    screenshot(browser, "lesson-00-title")

    # A passage as the student sees it: a citation line, then numbered lines that match the received file.
    outputs = wait_for(browser, lambda d: [(e, numbered_passage(text_content(e))) for e in css(d, ".jp-OutputArea-output pre")
                                           if numbered_passage(text_content(e))], "a line-numbered passage")
    element, (citation, rows) = outputs[0]
    text_id, start, end = pc.parse_citation(citation)
    assert [number for number, _ in rows] == list(range(start, end + 1))
    for number, shown in rows:
        assert pc.lines(text_id)[number - 1].startswith(shown.strip()), f"line {number} is not what {text_id} holds"
    show(browser, element)
    screenshot(browser, "lesson-00-passage")

    # A figure: an image that has loaded, with alt text and a caption.
    image = wait_for(browser, lambda d: [i for i in css(d, ".jp-OutputArea-output figure img") if d.execute_script(
        "return arguments[0].complete && arguments[0].naturalWidth > 100;", i)], "a figure that has loaded")[0]
    assert len((image.get_attribute("alt") or "").strip()) >= 20, "the figure has no useful alt text"
    caption = image.find_element("xpath", "following-sibling::figcaption")
    assert caption.text.strip(), "the figure has no caption"
    show(browser, image)
    screenshot(browser, "lesson-00-figure")


def test_exercise_opens_with_its_questions_and_the_validate_button(browser, lab):
    heading = open_notebook(browser, lab, EXERCISE)
    assert heading.text.strip() == title_of(EXERCISE)
    wait_for(browser, lambda d: [b for b in css(d, '.jp-NotebookPanel-toolbar [title="Validate Assignment"]')
                                 if b.is_displayed()], "nbgrader's Validate button")
    notebook_text = " ".join(e.get_attribute("textContent") for e in css(browser, ".jp-Notebook .jp-Cell"))
    assert "Question 1" in notebook_text
    assert "YOUR CODE HERE" in notebook_text and "YOUR ANSWER HERE" in notebook_text, "no answer cells to fill in"
    assert "BEGIN SOLUTION" not in notebook_text and "BEGIN HIDDEN TESTS" not in notebook_text
    screenshot(browser, "exercise-00")


def test_assignment_list_shows_the_released_exercise(browser, lab):
    open_lab(browser, lab)
    open_from_nbgrader_menu(browser, "Assignment List")
    row = wait_for(browser, lambda d: [r.text for r in css(d, "#released_assignments_list .list_item")
                                       if ASSIGNMENT in r.text], f"{ASSIGNMENT} among the released assignments")[0]
    assert "party-struggle" in row and "Fetch" in row
    screenshot(browser, "assignment-list")


def test_formgrader_lists_the_course_assignments(browser, lab):
    from selenium.webdriver.common.by import By

    open_lab(browser, lab)
    open_from_nbgrader_menu(browser, "Formgrader")
    frame = wait_for(browser, lambda d: [f for f in css(d, "iframe") if "/formgrader" in (f.get_attribute("src") or "")],
                     "the formgrader panel")[0]
    browser.switch_to.frame(frame)
    try:
        wait_for(browser, lambda d: "Manage Assignments" in d.find_element(By.TAG_NAME, "body").text,
                 "the formgrader's Manage Assignments page")
        rows = wait_for(browser, lambda d: [r.text for r in css(d, "table tr") if ASSIGNMENT in r.text],
                        f"{ASSIGNMENT} in the formgrader's assignment table")
        assert "released" in rows[0], "the formgrader does not see the release in the exchange"
    finally:
        browser.switch_to.default_content()
    screenshot(browser, "formgrader")
