"""JupyterHub for a class of Reading the Party Struggle on one Linux server (INSTRUCTORS.md, section 15).

``deploy/jupyterhub/install.sh`` copies this file to PREFIX/etc/ and writes ``hub-settings.json`` beside it (course
id, folders, Unix groups); the hub runs as root: ``PREFIX/env/bin/jupyterhub -f PREFIX/etc/jupyterhub_config.py``.

- Accounts are the server's own Unix accounts, checked by PAM. Two Unix groups make the class: the course's staff
  (instructors, graders) and its students; nobody else gets in. At each login the hub copies them into its own
  groups ``formgrade-COURSE`` and ``nbgrader-COURSE``, the names nbgrader reads.
- Every server runs as its user (LocalProcessSpawner) from the environment every account can run, with a private
  home (0700). A student's server has the assignment list and Validate on exercises (jupyter/student/); a staff
  member's has every nbgrader tool (jupyter/instructor/) and the course folder (a clone of the course) in their home.
- At a student's first login, the student edition (lessons, exercises, texts, glossary; nothing of solutions/) is
  copied into ~/COURSE, with the student's own rights.
- The formgrader opens in its own browser tab (https://HUB/user/NAME/formgrader): JupyterHub forbids framing
  a server's pages (``frame-ancestors 'none'``, nbgrader issue 1870) and this configuration keeps it so.
"""
import asyncio
import grp
import json
import os
import pwd
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub)

ETC = Path(__file__).resolve().parent
SETTINGS = json.loads((ETC / "hub-settings.json").read_text(encoding="utf-8"))
COURSE = SETTINGS["course_id"]
STAFF, STUDENTS = f"formgrade-{COURSE}", f"nbgrader-{COURSE}"   # the hub's groups, named as nbgrader expects
UNIX_GROUPS = {SETTINGS["staff_group"]: STAFF, SETTINGS["student_group"]: STUDENTS}
STATE = Path(SETTINGS["state"])
ENV_BIN = Path(SETTINGS["python_env"]) / "bin"
ROLE_CONFIG = {role: ETC / "jupyter" / role for role in ("student", "instructor")}

# --- The hub, its state and its proxy ------------------------------------------------------------------------
c.JupyterHub.bind_url = SETTINGS["bind_url"]          # put TLS in front (a reverse proxy) or set ssl_cert/ssl_key
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [SETTINGS["proxy"]]   # configurable-http-proxy pinned by package-lock.json
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")


# --- Who may log in, and in which role -----------------------------------------------------------------------
def course_groups(name: str) -> list[str]:
    """The hub groups of the account ``name``: those of the course's two Unix groups it belongs to."""
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        return []
    found = []
    for unix_group, hub_group in UNIX_GROUPS.items():
        try:
            entry = grp.getgrnam(unix_group)
        except KeyError:
            continue
        if name in entry.gr_mem or account.pw_gid == entry.gr_gid:
            found.append(hub_group)
    return found


def course_membership(authenticator, handler, authentication):
    """Let in members of the course's Unix groups only, and give the hub the groups they are in."""
    groups = course_groups(authentication["name"])
    if not groups:
        authenticator.log.warning("%s is in neither Unix group of the course: not let in", authentication["name"])
        return None
    authentication["groups"] = groups
    return authentication


c.JupyterHub.authenticator_class = "pam"   # the server's accounts and passwords (LTI from an LMS: INSTRUCTORS.md)
c.Authenticator.allow_all = True           # every account PAM accepts, narrowed by course_membership
c.Authenticator.post_auth_hook = course_membership
c.Authenticator.manage_groups = True       # the hub's groups follow the Unix groups at every login

# The staff may see the class, and start or stop a student's server (one that hangs), but not open it:
# students' files reach the staff through nbgrader's exchange only. Students need nothing beyond JupyterHub's
# default `user` role (their own server); nbgrader reads their groups with their server's token (below).
c.JupyterHub.load_roles = [{
    "name": STAFF,
    "description": f"Staff of {COURSE}: see the class and start or stop students' servers",
    "groups": [STAFF],
    "scopes": ["admin-ui", f"list:users!group={STUDENTS}", f"read:users!group={STUDENTS}",
               f"servers!group={STUDENTS}"],
}]


# --- The servers ---------------------------------------------------------------------------------------------
async def run_as(account, command: list[str]) -> None:
    """Run ``command`` with the rights of ``account`` (its uid, gid and groups), without blocking the hub."""
    groups = [g.gr_gid for g in grp.getgrall() if account.pw_name in g.gr_mem]
    process = await asyncio.create_subprocess_exec(
        *command, user=account.pw_uid, group=account.pw_gid, extra_groups=groups, cwd=account.pw_dir,
        env={"HOME": account.pw_dir, "PATH": "/usr/bin:/bin"}, stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output, _ = await process.communicate()
    if process.returncode:
        raise RuntimeError(f"{command[:3]} as {account.pw_name} failed: {output.decode(errors='replace')[-2000:]}")


async def first_login_copy(account, folder: Path) -> None:
    """Copy the student edition into ``folder`` unless it exists (a later edition never overwrites their work)."""
    if os.path.lexists(folder):
        return
    await run_as(account, [sys.executable, "-I", "-c",
                           "import shutil, sys; shutil.copytree(sys.argv[1], sys.argv[2], symlinks=True)",
                           SETTINGS["edition"], str(folder)])


async def prepare_server(spawner):
    """Before a server starts: private home, the student edition at first login, the role's configuration."""
    name = spawner.user.name
    account = pwd.getpwnam(name)
    home = Path(account.pw_dir)
    os.chmod(home, 0o700)   # nobody else reads a home: not other students, not the grader's restricted account
    groups = {group.name for group in spawner.user.groups}
    role = "instructor" if STAFF in groups else "student"
    env = {
        "JUPYTER_CONFIG_PATH": os.pathsep.join([str(ROLE_CONFIG[role]), str(ETC / "jupyter" / "common")]),
        "PYTHONPATH": SETTINGS["site"],
    }
    if role == "student":
        await first_login_copy(account, home / COURSE)
        spawner.notebook_dir = str(home)
        spawner.default_url = f"/lab/tree/{COURSE}/lessons/00-orientation.ipynb"
    else:
        course = home / SETTINGS["course_folder"]
        if (course / "nbgrader_config.py").is_file():
            spawner.notebook_dir = str(course)   # nbgrader reads the course's configuration from here
            env["PYTHONPATH"] = os.pathsep.join([str(course), SETTINGS["site"]])
            env["PARTY_STRUGGLE_COURSE_ROOT"] = str(course)
        else:
            spawner.log.warning("%s has no course folder at %s: no formgrader until it is cloned there", name, course)
            spawner.notebook_dir = str(home)
        spawner.default_url = "/lab"
    spawner.environment.update(env)


c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(ENV_BIN / "jupyterhub-singleuser")]
c.Spawner.pre_spawn_hook = prepare_server
c.Spawner.environment = {"PATH": f"{ENV_BIN}:/usr/local/bin:/usr/bin:/bin", "MPLBACKEND": "Agg"}
# Free the memory of the idle: a kernel unused for an hour is stopped, and so is a server without activity.
c.Spawner.args = ["--MappingKernelManager.cull_idle_timeout=3600", "--MappingKernelManager.cull_interval=300",
                  "--ServerApp.shutdown_no_activity_timeout=3600"]
# A server's own token: report activity, reach its own server, and read its user's groups (nbgrader's
# JupyterHubAuthPlugin asks the hub which courses the user is in).
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", "read:users:groups!user"]
# A class starting at once on a small server is slow: give each server time.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
