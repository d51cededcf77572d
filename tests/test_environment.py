"""Set-up files agree with each other and with the README; tests keep the home directory clean."""
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pins(lines, pattern):
    found = {}
    for line in lines:
        match = re.fullmatch(pattern, line.strip())
        if match:
            found[match["name"].lower()] = match["version"]
    return found


def test_requirements_and_environment_pin_the_same_versions():
    pip_pins = pins((ROOT / "requirements.txt").read_text().splitlines(), r"(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)")
    conda_pins = pins((ROOT / "environment.yml").read_text().splitlines(), r"- (?P<name>[A-Za-z0-9_.-]+)=(?P<version>[^=\s]+)")
    conda_pins.pop("python")
    assert pip_pins and pip_pins == conda_pins
    requirement_lines = [l for l in (ROOT / "requirements.txt").read_text().splitlines() if l.strip() and not l.startswith("#")]
    assert all("==" in l for l in requirement_lines), "every requirement is pinned exactly"


def test_environment_installs_the_course_package():
    assert re.search(r"- pip:\s*\n\s*- -e \.", (ROOT / "environment.yml").read_text())


def test_readme_gives_the_two_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "`make lab`" in readme and "`make test`" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_jupyter_and_matplotlib_write_outside_home():
    home = Path.home().resolve()
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR"):
        folder = Path(os.environ[var]).resolve()
        assert home not in folder.parents and folder != home, f"{var} points into the home directory"
    assert os.environ["MPLBACKEND"] == "Agg"
