"""Servers and a browser for the tests: free ports on 127.0.0.1, processes stopped whatever happens, headless Chromium.

Shared by every test that starts a server (JupyterLab, JupyterHub, the course's web site) or drives Debian's Chromium
through Selenium. A server runs in a session of its own, so that stopping it reaches every process it started.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REASON_FILE = ARTIFACTS / "browser-unavailable.txt"  # written by dev/install-browser.sh
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
]
WAIT = 90  # seconds: an upper bound for a page or a server to appear, not an expected duration


def browser_unavailable(chromium: Path = CHROMIUM, reason_file: Path = REASON_FILE) -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    if chromium.exists() and CHROMEDRIVER.exists():
        return None
    if reason_file.exists():
        return reason_file.read_text(encoding="utf-8").strip()
    return (f"Chromium is not installed ({chromium} or {CHROMEDRIVER} is missing). `make test` installs Debian's "
            "chromium and chromium-driver when run as root with apt-get; or run `sh dev/install-browser.sh`.")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(command: list[str], log: Path, **popen) -> subprocess.Popen:
    """Start ``command`` in a session of its own, its output in ``log``."""
    with open(log, "wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, **popen)


def log_tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]) if log.exists() else ""


def wait_for_http(url: str, process: subprocess.Popen, log: Path, timeout: float = WAIT, ok=(200,)) -> None:
    """Wait until ``url`` answers with a status in ``ok``; fail with the server's log if it exits or never answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{url}: the server exited with {process.returncode}:\n{log_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status in ok:
                    return
        except urllib.error.HTTPError as err:
            if err.code in ok:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)  # polling interval while the server starts
    raise AssertionError(f"{url} did not answer within {timeout} s:\n{log_tail(log)}")


def stop_server(process: subprocess.Popen | None, grace: float = 30) -> None:
    """SIGTERM to the server's whole session, then SIGKILL to whatever is left; wait for it."""
    if process is None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)


@contextlib.contextmanager
def static_server(folder: Path, log: Path):
    """Serve ``folder`` over HTTP on 127.0.0.1 (Python's http.server) and yield its base URL; stopped whatever happens."""
    port = free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)]
    process = start_server(command, log)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", process, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


#: A phone's screen in CSS pixels (a common size of recent phones); ``emulate_phone`` uses it.
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}


def emulate_phone(driver, metrics: dict = PHONE) -> None:
    """Make the page's viewport a phone's, as Chromium's device mode does (``viewport`` meta tags are honoured)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", dict(metrics))


def emulate_desktop(driver) -> None:
    """Undo :func:`emulate_phone`: the window's own size again."""
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def emulate_colour_scheme(driver, scheme: str) -> None:
    """Make pages see the reader's system asking for a ``"light"`` or ``"dark"`` colour scheme (from the next load)."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": scheme}]})


@contextlib.contextmanager
def chromium(window: str = "1400,1000", log_name: str = "chromedriver"):
    """Headless Chromium driven through Debian's chromedriver, with a profile of its own; quit whatever happens."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="party-struggle-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS + [f"--window-size={window}", f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("unhandledPromptBehavior", "accept")  # "leave this page?" when a test moves on
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console messages, for tests that read them
    ARTIFACTS.mkdir(exist_ok=True)
    # Chromium keeps crash reports and caches under XDG folders (~/.config/chromium): keep them in the profile.
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(profile, "config"), XDG_CACHE_HOME=os.path.join(profile, "cache"))
    service = Service(executable_path=str(CHROMEDRIVER), log_output=str(ARTIFACTS / f"{log_name}.log"), env=env)
    try:
        driver = webdriver.Chrome(service=service, options=options)  # quits Chromium itself if the session fails
    except Exception:
        shutil.rmtree(profile, ignore_errors=True)
        raise
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver, condition, what: str, timeout: float = WAIT, prefix: str = "browser"):
    """Wait until ``condition(driver)`` is truthy and return its value; fail saying what never appeared."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:  # a page that re-renders while we look just means: look again
        return WebDriverWait(driver, timeout, poll_frequency=0.2,
                             ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(condition)
    except TimeoutException:
        shot = ARTIFACTS / f"{prefix}-failed-{re.sub(r'[^a-z0-9]+', '-', what.lower())[:60]}.png"
        driver.save_screenshot(str(shot))
        raise AssertionError(f"the page never showed {what} (screenshot: {shot.relative_to(ROOT)})") from None


def open_lab_notebook(driver, url: str, what: str, prefix: str = "browser"):
    """Open a JupyterLab URL of one notebook (with ``reset``: no tab of an earlier visit comes back) and wait until
    its cells and toolbar are drawn; return its panel."""
    driver.get(url)
    panels = wait_for(driver, lambda d: [p for p in css(d, ".jp-NotebookPanel") if p.is_displayed()
                                         and p.find_elements("css selector", ".jp-Cell")
                                         and p.find_elements("css selector", ".jp-NotebookPanel-toolbar .jp-Toolbar-item")],
                      f"the notebook {what}", prefix=prefix)
    assert len(panels) == 1, f"{len(panels)} notebooks on screen"
    return panels[0]


def nbgrader_menu(driver, prefix: str = "browser"):
    """Open JupyterLab's Nbgrader menu; return its items and a function that closes it."""
    from selenium.webdriver.common.keys import Keys

    wait_for(driver, lambda d: [m for m in css(d, ".lm-MenuBar-item") if m.text.strip() == "Nbgrader"],
             "the Nbgrader menu", prefix=prefix)[0].click()
    items = wait_for(driver, lambda d: [e.text.strip() for e in css(d, ".lm-Menu-item") if e.text.strip()],
                     "the Nbgrader menu's items", prefix=prefix)
    return items, lambda: driver.find_element("tag name", "body").send_keys(Keys.ESCAPE)


def create_assignment_tabs(driver) -> list:
    """The sidebar tab of nbgrader's Create Assignment panel, if JupyterLab shows one."""
    return [t for t in css(driver, ".lm-TabBar-tab")
            if "Create Assignment" in ((t.get_attribute("title") or "") + t.get_attribute("textContent"))]


def validate_buttons(panel) -> list:
    """nbgrader's Validate buttons shown in a notebook's toolbar."""
    return [b for b in panel.find_elements("css selector", ".validate-button") if b.is_displayed()]


def css(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def screenshot(driver, name: str, prefix: str = "browser") -> Path:
    """Save a screenshot as tests/artifacts/PREFIX-NAME.png; fail on a suspiciously small (blank) one."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{prefix}-{name}.png"
    assert driver.save_screenshot(str(path)), f"could not save {path}"
    assert path.stat().st_size > 10_000, f"{path.name} is suspiciously small: a blank page?"
    return path


def shared_environment() -> tuple[Path | None, str | None]:
    """The course environment every account can run (made by dev/install-shared-env.sh), or why there is none.

    Returns ``(path, None)`` or ``(None, reason)``. Tests that run code as other Unix accounts install the package
    they test into a copy or onto ``PYTHONPATH``, never into this shared environment.
    """
    path_file, reason_file = ARTIFACTS / "shared-env.txt", ARTIFACTS / "shared-env-unavailable.txt"
    if path_file.exists():
        env = Path(path_file.read_text(encoding="utf-8").strip())
        if (env / ".installed").exists():
            return env, None
    if reason_file.exists():
        return None, reason_file.read_text(encoding="utf-8").strip()
    return None, ("no environment that every account can run: `make test` makes one as root "
                  "(sh dev/install-shared-env.sh)")
