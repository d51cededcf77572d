"""A JupyterHub of the course for the tests and the class benchmark, installed as an instructor installs it.

``deploy/jupyterhub/install.sh`` installs the hub into a temporary folder (its ``--prefix`` and ``--state``), using
the environment every account can run (``dev/install-shared-env.sh``) and the proxy that
``deploy/jupyterhub/install-test-tools.sh`` installed from the committed lock. The hub then runs with exactly the
installed configuration plus a test-only overlay on its command line: the dummy authenticator (it accepts any
password) and ports on 127.0.0.1. Accounts are real Unix accounts named ``psh-*``; the Unix groups and the sudo rule
are the test's own too. :meth:`Hub.remove` removes every process, account, group, home, file and folder the hub
made, and :meth:`Hub.leftovers` lists anything still there.

Everything a test does to the hub goes through HTTP as a browser would: the hub's login form and REST API (tokens),
the servers' contents and kernels APIs, nbgrader's assignment list and formgrader APIs.
"""
from __future__ import annotations

import asyncio
import contextlib
import grp
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

import servers
from servers import ROOT

PREFIX = "psh"                       # every account, group and sudo rule the hub's tests make starts with this
STAFF_GROUP, STUDENT_GROUP, SANDBOX = f"{PREFIX}-staff", f"{PREFIX}-students", f"{PREFIX}-sandbox"
COURSE = "party-struggle"
INSTALL = ROOT / "deploy" / "jupyterhub" / "install.sh"
PROXY = ROOT / "deploy" / "jupyterhub" / "node_modules" / ".bin" / "configurable-http-proxy"
REASON_FILE = servers.ARTIFACTS / "hub-unavailable.txt"   # written by deploy/jupyterhub/install-test-tools.sh
#: What an instructor's clone of the course does not need (and the test's copy leaves out).
NOT_IN_CLONE = shutil.ignore_patterns(".venv", ".git", "build", "node_modules", "artifacts", "__pycache__",
                                      "*.egg-info", ".ipynb_checkpoints", "gradebook.db", "submitted", "autograded",
                                      "feedback")
WAIT = 180   # seconds: an upper bound for a server or a request, not an expected duration


def hub_unavailable() -> str | None:
    """Why a hub cannot run here, or None if it can."""
    if os.geteuid() != 0:
        return "the hub's tests run the hub as root and create Unix accounts: run them as root (`make test`)"
    if REASON_FILE.exists():
        return REASON_FILE.read_text(encoding="utf-8").strip()
    env, reason = servers.shared_environment()
    if env is None:
        return reason
    if not os.access(PROXY, os.X_OK):
        return (f"configurable-http-proxy is not installed at {PROXY.relative_to(ROOT)}: `make test` installs it "
                "(sh deploy/jupyterhub/install-test-tools.sh)")
    for tool in ("sudo", "useradd", "userdel", "groupadd", "groupdel", "visudo"):
        if shutil.which(tool) is None:
            return f"{tool} is missing: `make test` installs sudo (deploy/jupyterhub/install-test-tools.sh)"
    return None


def account_names() -> list[str]:
    """Every Unix account whose name starts with the tests' prefix."""
    return sorted(entry.pw_name for entry in pwd.getpwall() if entry.pw_name.startswith(PREFIX))


def group_names() -> list[str]:
    return sorted(entry.gr_name for entry in grp.getgrall() if entry.gr_name.startswith(PREFIX))


def processes_of(uids: set[int]) -> list[int]:
    """Process ids of every process owned (real or effective uid) by one of ``uids``."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            line = next(l for l in status.read_text().splitlines() if l.startswith("Uid:"))
        except (OSError, StopIteration):
            continue
        if {int(value) for value in line.split()[1:3]} & uids:
            found.append(int(status.parent.name))
    return sorted(found)


class Hub:
    """The course's hub installed in ``folder`` (made by the caller, removed by :meth:`remove`)."""

    def __init__(self, folder: Path, instructor: str, students: list[str], name: str = "hub"):
        self.folder, self.name = folder, name
        self.instructor, self.students = instructor, list(students)
        self.prefix, self.state = folder / "opt", folder / "srv"
        self.port, self.hub_port, self.proxy_port = servers.free_port(), servers.free_port(), servers.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.sudoers = Path("/etc/sudoers.d") / f"{PREFIX}-grading-{secrets.token_hex(4)}"
        self.log = folder / "jupyterhub.log"
        self.process = None
        self.tokens: dict[str, str] = {}
        self.uids: set[int] = set()
        self.made_accounts: list[str] = []
        self.made_groups: list[str] = []

    # --- set-up, as INSTRUCTORS.md says ---------------------------------------------------------------------
    def install(self) -> None:
        """Run deploy/jupyterhub/install.sh as the quick start does, into this hub's folders."""
        env_path, _ = servers.shared_environment()
        command = ["sh", str(INSTALL), "--prefix", str(self.prefix), "--state", str(self.state),
                   "--staff-group", STAFF_GROUP, "--student-group", STUDENT_GROUP, "--sandbox", SANDBOX,
                   "--sudoers", str(self.sudoers), "--bind-url", self.url,
                   "--python-env", str(env_path), "--proxy", str(PROXY)]
        self.made_groups += [g for g in (STAFF_GROUP, STUDENT_GROUP, SANDBOX) if g not in group_names()]
        if SANDBOX not in account_names():
            self.made_accounts.append(SANDBOX)
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"install.sh failed:\n{result.stdout}\n{result.stderr}"
        self.uids.add(pwd.getpwnam(SANDBOX).pw_uid)

    @property
    def settings(self) -> dict:
        return json.loads((self.prefix / "etc" / "hub-settings.json").read_text(encoding="utf-8"))

    def add_account(self, name: str, group: str | None) -> None:
        """A Unix account as a department makes it (a home of the system's default mode), in ``group``."""
        assert name.startswith(PREFIX), name
        command = ["useradd", "--create-home", "--shell", "/bin/bash"] + (["-G", group] if group else []) + [name]
        self.made_accounts.append(name)
        subprocess.run(command, check=True, capture_output=True, timeout=60)
        self.uids.add(pwd.getpwnam(name).pw_uid)

    def create_class(self) -> None:
        self.add_account(self.instructor, STAFF_GROUP)
        for name in self.students:
            self.add_account(name, STUDENT_GROUP)

    def clone_course_for_instructor(self) -> Path:
        """The instructor's course folder: a copy of this course (what `git clone` gives) in their private home."""
        account = pwd.getpwnam(self.instructor)
        course = Path(account.pw_dir) / self.settings["course_folder"]
        shutil.copytree(ROOT, course, ignore=NOT_IN_CLONE)
        subprocess.run(["chown", "-R", f"{account.pw_uid}:{account.pw_gid}", str(course)], check=True, timeout=120)
        return course

    def start(self) -> None:
        """Start the hub as root with the installed configuration and the test-only overlay."""
        command = [str(Path(self.settings["python_env"]) / "bin" / "jupyterhub"),
                   "-f", str(self.prefix / "etc" / "jupyterhub_config.py"),
                   # The test-only overlay: any password is accepted, and every port is on 127.0.0.1.
                   "--JupyterHub.authenticator_class=dummy",
                   f"--JupyterHub.hub_port={self.hub_port}",
                   f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{self.proxy_port}"]
        env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}
        self.process = servers.start_server(command, self.log, cwd=self.state / "hub", env=env)
        servers.wait_for_http(f"{self.url}/hub/api", self.process, self.log)

    # --- HTTP, as a browser calls it -----------------------------------------------------------------------
    def login(self, name: str) -> requests.Session:
        """Log in through the hub's form (with its XSRF cookie), as a browser does; return the session."""
        session = requests.Session()
        session.get(f"{self.url}/hub/login", timeout=WAIT).raise_for_status()
        response = session.post(f"{self.url}/hub/login", allow_redirects=False, timeout=WAIT,
                                data={"username": name, "password": "any", "_xsrf": session.cookies.get("_xsrf")})
        if response.status_code != 302:
            raise PermissionError(f"{name} could not log in: {response.status_code}")
        return session

    def token(self, name: str) -> str:
        """Log in, and make an API token as a user does on the hub's token page."""
        if name not in self.tokens:
            session = self.login(name)
            response = session.post(f"{self.url}/hub/api/users/{name}/tokens", timeout=WAIT,
                                    json={"note": "test", "expires_in": 3600},
                                    headers={"X-XSRFToken": session.cookies.get("_xsrf")})
            response.raise_for_status()
            self.tokens[name] = response.json()["token"]
        return self.tokens[name]

    def request(self, name: str, method: str, path: str, expect=(200, 201, 204), **kwargs) -> requests.Response:
        """``method`` on ``path`` (below the hub's URL) with ``name``'s token; fail unless the status is expected."""
        headers = {"Authorization": f"token {self.token(name)}", **kwargs.pop("headers", {})}
        response = requests.request(method, f"{self.url}{path}", headers=headers, timeout=WAIT,
                                    allow_redirects=False, **kwargs)
        if expect and response.status_code not in expect:
            raise AssertionError(f"{name}: {method} {path} -> {response.status_code}: {response.text[:500]}")
        return response

    def spawn(self, names: list[str]) -> dict[str, float]:
        """Start the servers of ``names`` at once; return the seconds until each answered through the proxy."""
        started = time.monotonic()
        # The hub answers a start request when the server is up or after 10 s: ask for all of them at once.
        concurrently(lambda name: self.request(name, "POST", f"/hub/api/users/{name}/server", expect=(201, 202)),
                     names, workers=max(1, len(names)))
        ready: dict[str, float] = {}
        deadline = started + WAIT
        while len(ready) < len(names):
            for name in set(names) - set(ready):
                model = self.request(name, "GET", f"/hub/api/users/{name}").json()
                server = model.get("servers", {}).get("", {})
                if server.get("ready"):
                    ready[name] = time.monotonic() - started
                elif not model.get("pending") and not server:
                    raise AssertionError(f"the server of {name} did not start:\n{servers.log_tail(self.log, 60)}")
            if time.monotonic() > deadline:
                raise AssertionError(f"servers not ready after {WAIT} s: {sorted(set(names) - set(ready))}")
            time.sleep(0.5)   # polling interval while servers start
        return ready

    def server(self, name: str, method: str, path: str, owner: str | None = None, **kwargs) -> requests.Response:
        """A request to the single-user server of ``owner`` (default: ``name``'s own), with ``name``'s token."""
        return self.request(name, method, f"/user/{owner or name}/{path.lstrip('/')}", **kwargs)

    def read_notebook(self, name: str, path: str, owner: str | None = None) -> dict:
        return self.server(name, "GET", f"api/contents/{path}", owner=owner, params={"content": 1}).json()["content"]

    def write_notebook(self, name: str, path: str, notebook: dict) -> None:
        self.server(name, "PUT", f"api/contents/{path}", json={"type": "notebook", "format": "json",
                                                                 "content": notebook})

    def nbgrader(self, name: str, method: str, path: str, **kwargs) -> dict:
        """An nbgrader endpoint of ``name``'s own server (assignment list, formgrader); its JSON answer."""
        return self.server(name, method, path, **kwargs).json()

    def run_code(self, name: str, code: str) -> str:
        """Run ``code`` in a new kernel of ``name``'s server (through the proxy's websocket); return what it printed."""
        kernel = self.server(name, "POST", "api/kernels", json={"name": "python3"}).json()["id"]
        try:
            url = f"ws://127.0.0.1:{self.port}/user/{name}/api/kernels/{kernel}/channels"
            return asyncio.run(execute(url, self.token(name), code))
        finally:
            self.server(name, "DELETE", f"api/kernels/{kernel}")

    # --- tear-down ---------------------------------------------------------------------------------------
    def stop(self) -> None:
        """Stop the hub (it stops every server it started), then anything of the test accounts still running."""
        servers.stop_server(self.process)
        self.process = None
        for _ in range(3):
            left = processes_of(self.uids)
            if not left:
                break
            for pid in left:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.5)   # let the kernel reap them

    def remove(self) -> None:
        """Remove everything the hub and its set-up made: processes, accounts and homes, groups, sudo rule, files."""
        self.stop()
        for name in reversed(self.made_accounts):
            subprocess.run(["userdel", "--remove", name], capture_output=True, timeout=60)
        for name in self.made_groups:
            if name in group_names():
                subprocess.run(["groupdel", name], capture_output=True, timeout=60)
        self.sudoers.unlink(missing_ok=True)
        if self.log.exists():
            servers.ARTIFACTS.mkdir(exist_ok=True)
            shutil.copy(self.log, servers.ARTIFACTS / f"hub-{self.name}-jupyterhub.log")
        shutil.rmtree(self.folder, ignore_errors=True)

    def leftovers(self) -> list[str]:
        """What is still there of this hub (empty after :meth:`remove`)."""
        left = [f"account {name}" for name in account_names()] + [f"group {name}" for name in group_names()]
        left += [f"process {pid}" for pid in processes_of(self.uids)]
        left += [f"file {path}" for path in (self.sudoers, self.folder) if path.exists()]
        left += [f"home {home}" for home in Path("/home").glob(f"{PREFIX}-*")]
        return left


@contextlib.contextmanager
def running_hub(instructor: str, students: list[str], name: str = "hub"):
    """Install and start a hub with a class; remove all of it afterwards, whatever happens, and check that."""
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}-{name}-"))
    folder.chmod(0o755)   # the accounts run the installed environment and edition from here
    hub = Hub(folder, instructor, students, name)
    try:
        hub.install()
        hub.create_class()
        hub.clone_course_for_instructor()
        hub.start()
        yield hub
    finally:
        hub.remove()
    left = hub.leftovers()
    assert not left, f"the hub left things behind: {left}"


async def execute(url: str, token: str, code: str, timeout: float = WAIT) -> str:
    """Send ``code`` to a kernel's websocket as JupyterLab does; collect its output until it is idle again."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    request = HTTPRequest(url, headers={"Authorization": f"token {token}"}, connect_timeout=timeout,
                          request_timeout=timeout)
    connection = await websocket_connect(request)
    message_id, session = uuid.uuid4().hex, uuid.uuid4().hex
    await connection.write_message(json.dumps({
        "header": {"msg_id": message_id, "msg_type": "execute_request", "username": "test", "session": session,
                   "date": "", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }))
    output = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            raw = await asyncio.wait_for(connection.read_message(), timeout=deadline - time.monotonic())
            if raw is None:
                raise AssertionError("the kernel's websocket closed")
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != message_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                output.append(content["text"])
            elif kind == "error":
                output.append("\n".join(content["traceback"]))
            elif kind == "status" and content["execution_state"] == "idle":
                return "".join(output)
        raise AssertionError(f"the kernel did not finish within {timeout} s")
    finally:
        connection.close()


def concurrently(function, items, workers: int = 8) -> list:
    """``function`` applied to every item, ``workers`` at a time; the results in the items' order.

    >>> concurrently(len, ["a", "bb", "ccc"])
    [1, 2, 3]
    """
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(function, items))
