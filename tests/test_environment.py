"""Set-up files agree with each other, the installed environment is the lock, and tests keep the home directory clean."""
import os
import re
import sysconfig
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from dev.jupyter_scratch import SCRATCH_VARIABLES

ROOT = Path(__file__).resolve().parent.parent
# Installed beside the lock on purpose: pip itself (it comes with the venv) and the course's own package.
NOT_LOCKED = {"pip", "partycorpus"}


def requirement_blocks(path: Path) -> list[str]:
    """The requirements of a pip file, one string each, continuation lines joined and comments removed."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    return [line.split(" #")[0].strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def locked() -> dict[str, tuple[str, str, list[str]]]:
    """name -> (version, marker, hashes) of every package in the lock."""
    found = {}
    for block in requirement_blocks(ROOT / "requirements.txt"):
        hashes = re.findall(r"--hash=(sha256:[0-9a-f]{64})", block)
        spec = block.split(" --hash")[0].strip()
        requirement = Requirement(spec)
        (pin,) = requirement.specifier
        assert pin.operator == "==", f"not pinned exactly in the lock: {spec}"
        found[canonicalize_name(requirement.name)] = (pin.version, str(requirement.marker or ""), hashes)
    return found


def test_every_locked_package_has_an_exact_version_and_hashes():
    lock = locked()
    assert len(lock) > 100, "the lock should hold the whole environment, not only the direct requirements"
    unhashed = [name for name, (_, _, hashes) in lock.items() if not hashes]
    assert not unhashed, f"packages without hashes in requirements.txt: {unhashed}"


def test_the_lock_holds_each_direct_requirement_at_its_version():
    lock = locked()
    for block in requirement_blocks(ROOT / "requirements.in"):
        requirement = Requirement(block)
        name = canonicalize_name(requirement.name)
        assert name in lock, f"{name} is in requirements.in but not in the lock: run `make lock`"
        assert requirement.specifier.contains(lock[name][0]), (
            f"requirements.in asks for {requirement}, the lock has {lock[name][0]}: run `make lock`")


def test_the_installed_environment_is_the_lock():
    lock = locked()
    # The environment's own site-packages only (other entries of sys.path hold copies vendored inside packages).
    site = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions(path=site)}
    wrong = {name: (version, installed.get(name)) for name, (version, marker, _) in lock.items()
             if (not marker or Marker(marker).evaluate()) and installed.get(name) != version}
    assert not wrong, f"installed versions differ from the lock (locked, installed): {wrong}; run `make clean-venv test`"
    extra = sorted(set(installed) - set(lock) - NOT_LOCKED)
    assert not extra, f"installed but not in the lock: {extra}"


def test_the_conda_route_installs_the_lock():
    environment = (ROOT / "environment.yml").read_text(encoding="utf-8")
    entries = re.findall(r"^\s*- (.+)$", environment.split("dependencies:")[1], flags=re.M)
    assert entries == ["python=3.11", "pip", "pip:", "-r requirements.txt"], (
        "environment.yml gives conda Python and pip only, and installs everything else from the lock")


def test_the_make_route_installs_the_lock_with_its_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet --require-hashes -r requirements.txt" in makefile


def test_readme_gives_the_two_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "`make lab`" in readme and "`make test`" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_jupyter_and_matplotlib_write_outside_home():
    home = Path.home().resolve()
    for var in SCRATCH_VARIABLES:
        folder = Path(os.environ[var]).resolve()
        assert home not in folder.parents and folder != home, f"{var} points into the home directory"
    assert os.environ["MPLBACKEND"] == "Agg"
