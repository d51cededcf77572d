"""The one-machine rehearsal of INSTRUCTORS.md (issue 14.2): release, fetch, submit, collect, grade, feedback.

Run as the guide gives it: once with the student simulated under the caller's account, and (as root, the way CI
runs) once with a real second account, made for the test (prefix psg) and removed afterwards with every process
and file it made. The student's model answers must earn every autograded point, and the student must receive a
feedback page that shows the score.
"""
from __future__ import annotations

import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from coursetools.grading.rehearsal import rehearse
from coursetools.grading.sandbox import shared_python
from servers import shared_environment


def check(result) -> None:
    assert result["auto"], "nothing was autograded"
    assert all(score == maximum for score, maximum in result["auto"].values()), result["auto"]
    assert result["feedback"], "the student received no feedback"
    assert "Score:" in result["feedback"][-1].read_text(encoding="utf-8")


def test_rehearsal_with_a_simulated_student(tmp_path):
    done = subprocess.run([sys.executable, "-m", "coursetools.grading.rehearsal", "--folder", str(tmp_path / "r")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    assert "ok  student: fetch feedback" in done.stdout and "The student's feedback: " in done.stdout
    page = Path(done.stdout.split("The student's feedback: ")[1].split("\n")[0])
    assert page.is_file() and "Score:" in page.read_text(encoding="utf-8")


def end_processes_of(uid: int) -> None:
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if f"Uid:\t{uid}\t" in status.read_text():
                os.kill(int(status.parent.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue


def test_rehearsal_with_a_second_account():
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("a second account needs root (CI and `make test` run as root)")
    environment, reason = shared_environment()
    if environment is None:
        pytest.skip(reason)
    account = f"psg-student-{secrets.token_hex(3)}"
    folder = Path(tempfile.mkdtemp(prefix="psg-rehearsal-"))   # not pytest's folder: the account cannot enter it
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", account], check=True)
    try:
        check(rehearse(folder, account=account, python=str(environment / "bin" / "python"), say=lambda *_: None))
        owners = {p.stat().st_uid for p in (folder / "exchange").rglob("*") if "inbound" in p.parts}
        assert pwd.getpwnam(account).pw_uid in owners, "the submission in the exchange is not the student's"
    finally:
        uid = pwd.getpwnam(account).pw_uid
        end_processes_of(uid)
        subprocess.run(["userdel", account], check=False)
        shutil.rmtree(folder, ignore_errors=True)
    assert shared_python(), "the rehearsal's default Python for the student is the shared environment's"
