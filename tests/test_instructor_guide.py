"""INSTRUCTORS.md, followed start to finish in a fresh copy of the course (issue 14: "the instructor guide is
followed start to finish by a test on a fresh clone").

The guide's ``shell`` boxes, in the guide's order, are the commands of a first term; this test runs them as
written, in one shell, in a copy of the course as committed (``git archive HEAD``: no gradebook, no ``make exercises``
run, nothing that is not in the repository). Three things are supplied from outside, as a real term would: the
class list ``students.csv``; the exchange's place (the guide's ``/srv/nbgrader/exchange`` becomes a temporary folder,
named to nbgrader in a global configuration as on a hub); and the students, who fetch, answer and submit between the
release and the collection (simulated under this account with explicit ids, as nbgrader allows), and fetch their
feedback at the end. ``NN-name`` is exercise 00. The course environment is this test's own (``.venv`` points at it;
its installation is tested elsewhere). So the guide and this test cannot drift apart: change a command in a ``shell``
box and the test runs the new one.
"""
from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

from coursetools.grading.rehearsal import Student, model_answers
from nbgrader_course import COURSE_ROOT, fixtures

ASSIGNMENT = "00-orientation"
ROSTER = [("ana", "Ana", "Alves"), ("boris", "Boris", "Berg"), ("chen", "Chen", "Cho"), ("dora", "Dora", "Diaz")]
SUBMITTING = ["ana", "boris", "chen"]   # dora never hands anything in


def guide_commands(guide: Path) -> list[str]:
    """The lines of every ``shell`` box of the guide, in order (a box may be indented in a list item)."""
    commands, inside, indent = [], False, 0
    for line in guide.read_text(encoding="utf-8").split("\n"):
        stripped = line.strip()
        if not inside and stripped == "```shell":
            inside, indent = True, len(line) - len(line.lstrip())
        elif inside and stripped == "```":
            inside = False
        elif inside and stripped and not stripped.startswith("#"):
            commands.append(line[indent:])
    return commands


def as_run_here(command: str, exchange: Path) -> str:
    command = command.replace("/srv/nbgrader/exchange", str(exchange)).replace("NN-name", ASSIGNMENT)
    return re.sub(r"(^|&&\s*)sudo (env )?", r"\1", command)


def shell(commands, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    script = "set -e\n" + "\n".join(f"echo '$ {c}'\n{c}" for c in commands)
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def use_this_environment(venv: Path) -> None:
    """Make ``venv`` this test's environment (links to its parts) with a fresh stamp, so make does not build one."""
    real = Path(sys.executable).parent.parent
    venv.mkdir()
    for part in real.iterdir():
        if part.name != ".installed":
            (venv / part.name).symlink_to(part)
    (venv / ".installed").touch()


def test_the_guide_from_start_to_finish(tmp_path):
    commands = guide_commands(COURSE_ROOT / "INSTRUCTORS.md")
    assert any("nbgrader collect" in c for c in commands) and any("make grade" in c for c in commands)
    course, exchange, config = tmp_path / "course", tmp_path / "exchange", tmp_path / "global-config"
    course.mkdir()
    archive = subprocess.run(["git", "-C", str(COURSE_ROOT), "archive", "HEAD"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(course)], input=archive.stdout, check=True)
    assert not (course / "gradebook.db").exists()
    use_this_environment(course / ".venv")
    with (course / "students.csv").open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "first_name", "last_name", "email"])
        writer.writerows([(i, first, last, f"{i}@example.edu") for i, first, last in ROSTER])
    config.mkdir()
    (config / "nbgrader_config.py").write_text(   # what a hub's global configuration would say
        f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\n"
        "# the simulated students share this account: nbgrader would refuse submissions it did not see them make\n"
        "c.ExchangeCollect.check_owner = False\n", encoding="utf-8")
    env = dict(os.environ, JUPYTER_CONFIG_PATH=str(config))

    steps = [as_run_here(c, exchange) for c in commands]
    first_collect = next(i for i, c in enumerate(steps) if "nbgrader collect" in c)
    before = shell(steps[:first_collect], course, env)
    assert before.returncode == 0, (before.stdout + before.stderr)[-4000:]

    students = {}
    for student in SUBMITTING:   # the students' part: fetch, answer (boris a plausible wrong answer), submit
        students[student] = Student(tmp_path / f"home-{student}", exchange, "party-struggle", student_id=student)
        students[student].run("fetch_assignment", ASSIGNMENT)
        answers = fixtures(ASSIGNMENT)[0].answers if student == "boris" else model_answers(course, ASSIGNMENT)
        students[student].answer(ASSIGNMENT, answers)
        students[student].run("submit", ASSIGNMENT)

    after = shell(steps[first_collect:], course, env)
    log = after.stdout + after.stderr
    assert after.returncode == 0, log[-4000:]
    for word in ("NOT GRADED", "Traceback"):
        at = log.find(word)
        assert at < 0, log[max(0, at - 3000):at + 3000]   # the output around it, not only the end
    for student in SUBMITTING:
        assert re.search(rf"^{student}\s+{ASSIGNMENT}\s+\d", after.stdout, re.M), f"no score for {student}:\n{log[-3000:]}"
    rows = list(csv.DictReader((course / "grades.csv").open()))
    assert sorted((r["assignment"], r["student_id"]) for r in rows) == sorted((ASSIGNMENT, i) for i, *_ in ROSTER), \
        "the export should hold the graded assignment only, for every student of the roster"
    scores = {r["student_id"]: float(r["score"]) for r in rows}
    assert scores["dora"] == 0 and scores["ana"] == scores["chen"] > scores["boris"] > 0, scores
    students["ana"].run("fetch_feedback", ASSIGNMENT)
    pages = list((students["ana"].work / ASSIGNMENT / "feedback").glob("*/*.html"))
    assert pages and "Score:" in pages[0].read_text(encoding="utf-8")
