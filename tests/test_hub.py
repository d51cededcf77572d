"""A term on the course's JupyterHub, over HTTP only, with real Unix accounts (issue 12, items 2 to 4).

The module installs the hub with deploy/jupyterhub/install.sh into a temporary folder (tests/hub.py), makes an
instructor, four students and an account outside the course, and starts the hub as root with the installed
configuration and a test-only overlay (dummy authenticator, ports on 127.0.0.1). Then, only through the hub's REST
API (tokens made as a user makes them), the servers' contents and kernels APIs and nbgrader's HTTP endpoints:

- the instructor generates and releases exercise 00 from the formgrader;
- each student finds the lessons in their home, fetches the exercise, writes answers through the contents API
  (the model answer, nothing, a stored wrong submission, and the model answer with code that looks around the
  grader's machine) and submits;
- the instructor collects, autogrades, gives the written answer a manual score and releases feedback;
- each student fetches feedback; the scores are asserted, and no feedback shows a hidden test.

Then isolation, with the same real tokens and kernels: 403 from another student's server and from the formgrader,
no formgrader in a student's own server, a student's code cannot read the instructor's course or another
student's home or list the exchange's inbound folder, and the graded code ran as the restricted account.

Everything the module made (processes, accounts, homes, groups, the sudo rule, files) is removed at the end, also
when a test fails, and the module checks that nothing is left. Where the hub cannot run it skips, saying why.
"""
from __future__ import annotations

import json
import pwd
import stat
from pathlib import Path

import nbformat
import pytest

import hub as hubs
import servers
from nbgrader_course import (COURSE_ROOT, Fixture, fill_answers, leaked_lines, secret_lines, solution_answers,
                             source_notebooks, squeeze)
from servers import create_assignment_tabs, css, nbgrader_menu, screenshot, validate_buttons, wait_for

pytestmark = pytest.mark.skipif(hubs.hub_unavailable() is not None, reason=str(hubs.hub_unavailable()))

ASSIGNMENT = "00-orientation"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
COURSE = hubs.COURSE
INSTRUCTOR = "psh-inst"
OUTSIDER = "psh-guest"
WRONG = Fixture.load(COURSE_ROOT / "tests" / "fixtures" / "submissions" / ASSIGNMENT / "zero-based-lines.json")
#: Code a curious student adds to a correct answer: who runs it when it is graded, and what it can read.
PROBE = """
import getpass as _getpass, json as _json, os as _os
_seen = {"user": _getpass.getuser(), "cwd": _os.getcwd()}
for _path in ("/home/psh-inst/party-struggle/gradebook.db", "/home/psh-inst/party-struggle/solutions",
              "/home/psh-s1/party-struggle/README.md"):
    try:
        _os.listdir(_path) if _os.path.isdir(_path) else open(_path, "rb").close()
        _seen[_path] = "read"
    except OSError as _error:
        _seen[_path] = type(_error).__name__
print("PROBE", _json.dumps(_seen))
"""
STUDENTS = {"psh-s1": "model answer", "psh-s2": "blank", "psh-s3": f"wrong: {WRONG.name}", "psh-s4": "curious"}


@pytest.fixture(scope="module")
def hub():
    with hubs.running_hub(INSTRUCTOR, list(STUDENTS), name="term") as running:
        running.add_account(OUTSIDER, None)
        yield running


@pytest.fixture(scope="module")
def solution():
    return source_notebooks(ASSIGNMENT)[NOTEBOOK]


def answers_of(student: str, solution) -> dict:
    model = solution_answers(solution)
    if STUDENTS[student] == "blank":
        return {}
    if STUDENTS[student].startswith("wrong"):
        return WRONG.answers
    if STUDENTS[student] == "curious":
        first = sorted(model)[0]
        return {**model, first: model[first] + "\n" + PROBE}
    return model


def test_install_makes_the_exchange_shared_and_the_hub_state_private(hub):
    settings = hub.settings
    assert stat.S_IMODE(Path(settings["exchange"]).stat().st_mode) == 0o1777
    assert stat.S_IMODE(Path(settings["state"]).stat().st_mode) == 0o700
    assert (Path(settings["edition"]) / "lessons").is_dir() and not (Path(settings["edition"]) / "solutions").exists()
    rule = hub.sudoers.read_text(encoding="utf-8")
    assert f"%{hubs.STAFF_GROUP} ALL=({hubs.SANDBOX}) NOPASSWD:" in rule and "--in-sandbox" in rule


def test_only_the_course_groups_log_in(hub):
    with pytest.raises(PermissionError):
        hub.login(OUTSIDER)
    hub.login(INSTRUCTOR)   # and the others, when the term starts


def test_a_term_over_http(hub, solution):
    everyone = [INSTRUCTOR, *STUDENTS]
    hub.spawn(everyone)
    for name in everyone:   # every home is private once its server has started
        assert stat.S_IMODE(Path(pwd.getpwnam(name).pw_dir).stat().st_mode) == 0o700, name
    groups = {name: hub.request(name, "GET", f"/hub/api/users/{name}").json()["groups"] for name in everyone}
    assert groups[INSTRUCTOR] == [f"formgrade-{COURSE}"]
    assert all(groups[s] == [f"nbgrader-{COURSE}"] for s in STUDENTS), groups

    # The instructor generates and releases the exercise from the formgrader.
    for action in ("assign", "release"):
        result = hub.nbgrader(INSTRUCTOR, "POST", f"formgrader/api/assignment/{ASSIGNMENT}/{action}")
        assert result["success"], result.get("error") or result.get("log")
    listed = {a["name"]: a for a in hub.nbgrader(INSTRUCTOR, "GET", "formgrader/api/assignments")}
    assert listed[ASSIGNMENT]["status"] == "released"

    lessons = sorted(p.name for p in (COURSE_ROOT / "lessons").glob("*.ipynb"))
    for student in STUDENTS:
        # The lessons are in the student's home (the student edition, copied at first login).
        listing = hub.server(student, "GET", f"api/contents/{COURSE}/lessons").json()["content"]
        assert sorted(item["name"] for item in listing if item["type"] == "notebook") == lessons
        hub.server(student, "GET", f"api/contents/{COURSE}/solutions", expect=(404,))

        # The assignment list shows the release; Fetch puts it beside the lessons.
        released = hub.nbgrader(student, "GET", "assignments", params={"course_id": COURSE})
        assert [a["status"] for a in released["value"] if a["assignment_id"] == ASSIGNMENT] == ["released"], released
        fetched = hub.nbgrader(student, "POST", "assignments/fetch",
                               data={"course_id": COURSE, "assignment_id": ASSIGNMENT})
        assert [a["status"] for a in fetched["value"] if a["assignment_id"] == ASSIGNMENT] == ["fetched"], fetched

        # Answers typed into the notebook (through the contents API, as JupyterLab saves), then Submit.
        path = f"{COURSE}/{ASSIGNMENT}/{NOTEBOOK}"
        notebook = nbformat.from_dict(hub.read_notebook(student, path))
        hub.write_notebook(student, path, fill_answers(notebook, answers_of(student, solution)))
        submitted = hub.nbgrader(student, "POST", "assignments/submit",
                                 data={"course_id": COURSE, "assignment_id": ASSIGNMENT})
        assert "submitted" in {a["status"] for a in submitted["value"]}, submitted

    # The instructor collects and autogrades each submission.
    result = hub.nbgrader(INSTRUCTOR, "POST", f"formgrader/api/assignment/{ASSIGNMENT}/collect")
    assert result["success"], result.get("error") or result.get("log")
    for student in STUDENTS:
        result = hub.nbgrader(INSTRUCTOR, "POST", f"formgrader/api/submission/{ASSIGNMENT}/{student}/autograde")
        assert result["success"], f"{student}: {result.get('error') or result.get('log')}"

    # Scores of every test cell, read from the formgrader's API.
    notebooks = hub.nbgrader(INSTRUCTOR, "GET", f"formgrader/api/submitted_notebooks/{ASSIGNMENT}/{ASSIGNMENT}")
    by_student = {n["student"]: n for n in notebooks}
    assert sorted(by_student) == sorted(STUDENTS), "not every submission was collected, or one twice"
    grades = {s: {g["name"]: g for g in hub.nbgrader(INSTRUCTOR, "GET", "formgrader/api/grades",
                                                      params={"submission_id": by_student[s]["id"]})}
              for s in STUDENTS}
    tests = {name for name, g in grades["psh-s1"].items() if g["auto_score"] is not None}
    written = {name for name, g in grades["psh-s1"].items() if g["auto_score"] is None}
    assert tests and written, grades["psh-s1"]
    for name in tests:
        maximum = grades["psh-s1"][name]["max_score"]
        assert grades["psh-s1"][name]["auto_score"] == maximum, f"model answer lost points on {name}"
        assert grades["psh-s4"][name]["auto_score"] == maximum, f"the curious answer lost points on {name}"
        assert grades["psh-s2"][name]["auto_score"] == 0, f"a blank notebook scored on {name}"
        assert grades["psh-s3"][name]["auto_score"] == WRONG.expected[name], f"{WRONG.name} on {name}"

    # A manual score for the written answers of the model answer, as the formgrader saves it.
    for name in written:
        grade = grades["psh-s1"][name]
        saved = hub.nbgrader(INSTRUCTOR, "PUT", f"formgrader/api/grade/{grade['id']}",
                             json={"manual_score": grade["max_score"], "extra_credit": 0})
        assert saved["manual_score"] == grade["max_score"] and not saved["needs_manual_grade"]
    submissions = {s["student"]: s for s in hub.nbgrader(INSTRUCTOR, "GET", f"formgrader/api/submissions/{ASSIGNMENT}")}
    assert submissions["psh-s1"]["score"] == submissions["psh-s1"]["max_score"] > 0
    assert submissions["psh-s2"]["score"] == 0

    # Feedback: generated and released from the formgrader, fetched by each student from the assignment list.
    for action in ("generate_feedback", "release_feedback"):
        result = hub.nbgrader(INSTRUCTOR, "POST", f"formgrader/api/assignment/{ASSIGNMENT}/{action}")
        assert result["success"], result.get("error") or result.get("log")
    hidden = [line for line in secret_lines(solution)]
    for student in STUDENTS:
        hub.nbgrader(student, "POST", "assignments/fetch_feedback",
                     data={"course_id": COURSE, "assignment_id": ASSIGNMENT})
        folder = f"{COURSE}/{ASSIGNMENT}/feedback"
        stamps = hub.server(student, "GET", f"api/contents/{folder}").json()["content"]
        assert len(stamps) == 1, f"{student}: {stamps}"
        page = hub.server(student, "GET", f"api/contents/{folder}/{stamps[0]['name']}/{ASSIGNMENT}.html",
                          params={"content": 1, "format": "text", "type": "file"}).json()["content"]
        own = squeeze("\n".join(answers_of(student, solution).values()))
        secrets = [line for line in hidden if squeeze(line) not in own]
        assert secrets, "nothing to protect: the check would prove nothing"
        assert not leaked_lines(page, secrets), f"{student}'s feedback shows: {leaked_lines(page, secrets)[:3]}"
        assert "HIDDEN TESTS" not in page
        score, maximum = (round(float(submissions[student][key]), 2) for key in ("score", "max_score"))
        assert f"{ASSIGNMENT} (Score: {score} / {maximum})" in page, f"{student}'s feedback lacks the score {score}"


def test_graded_code_ran_as_the_restricted_account(hub):
    graded = hub.read_notebook(INSTRUCTOR, f"autograded/psh-s4/{ASSIGNMENT}/{NOTEBOOK}")
    printed = "".join(o.get("text", "") for cell in graded["cells"] for o in cell.get("outputs", []))
    probe = json.loads(printed.split("PROBE ", 1)[1].splitlines()[0])
    assert probe["user"] == hubs.SANDBOX, f"student code was graded as {probe['user']}"
    assert not probe["cwd"].startswith("/home/"), f"the grading kernel started in {probe['cwd']}"
    assert {k: v for k, v in probe.items() if k.startswith("/")} == {
        "/home/psh-inst/party-struggle/gradebook.db": "PermissionError",
        "/home/psh-inst/party-struggle/solutions": "PermissionError",
        "/home/psh-s1/party-struggle/README.md": "PermissionError"}, probe


def test_a_student_gets_403_from_other_servers_and_no_formgrader(hub):
    hub.server("psh-s1", "GET", "api/contents", owner="psh-s2", expect=(403,))
    hub.server("psh-s1", "GET", "api/contents", owner=INSTRUCTOR, expect=(403,))
    hub.server("psh-s1", "GET", "formgrader/api/assignments", owner=INSTRUCTOR, expect=(403,))
    hub.server("psh-s1", "GET", "formgrader/api/assignments", expect=(404,))   # none in their own server
    hub.server("psh-s1", "GET", "formgraders", expect=(404,))                  # nor nbgrader's course list
    # The hub's API: a student sees only themselves.
    hub.request("psh-s1", "GET", "/hub/api/users", expect=(403,))


def test_the_staff_see_the_class_but_not_into_students_servers(hub):
    names = {u["name"] for u in hub.request(INSTRUCTOR, "GET", "/hub/api/users").json()}
    assert set(STUDENTS) <= names
    hub.server(INSTRUCTOR, "GET", "api/contents", owner="psh-s1", expect=(403,))


def test_the_formgrader_keeps_jupyterhubs_frame_ancestors_none(hub):
    """The formgrader cannot be framed on the hub (nbgrader #1870): it opens in its own tab, and stays so."""
    response = hub.server(INSTRUCTOR, "GET", "formgrader/manage_assignments")
    assert response.status_code == 200 and "Manage Assignments" in response.text
    assert response.headers["Content-Security-Policy"] == "frame-ancestors 'none'"


def test_a_students_code_cannot_reach_the_course_or_other_homes(hub):
    exchange = hub.settings["exchange"]
    code = f"""
import json, os
seen = {{}}
def look(path, how):
    try:
        how(path)
        seen[path] = "read"
    except OSError as error:
        seen[path] = type(error).__name__
for path in ("/home/{INSTRUCTOR}/party-struggle/solutions/{ASSIGNMENT}/{NOTEBOOK}",
             "/home/{INSTRUCTOR}/party-struggle/gradebook.db", "/home/psh-s2/{COURSE}/README.md"):
    look(path, lambda p: open(p, "rb").close())
look("/home/{INSTRUCTOR}/party-struggle", os.listdir)
look("{exchange}/{COURSE}/inbound", os.listdir)
# Controls: the same code reads the student's own files and lists what the exchange offers.
look(os.path.expanduser("~/{COURSE}/README.md"), lambda p: open(p, "rb").close())
look("{exchange}/{COURSE}/outbound", os.listdir)
print(json.dumps(seen))
"""
    seen = json.loads(hub.run_code("psh-s1", code).strip().splitlines()[-1])
    denied = {path: result for path, result in seen.items() if result != "read"}
    assert set(denied.values()) == {"PermissionError"}, seen
    assert sorted(path for path, result in seen.items() if result == "read") == sorted([
        f"/home/psh-s1/{COURSE}/README.md", f"{exchange}/{COURSE}/outbound"]), seen
    assert len(denied) == 5, seen


# ---------------------------------------------------------------------------------------------------------
# What each role sees in JupyterLab on the hub (issue 14, item 3), in Chromium, after the term above.

browser_missing = pytest.mark.skipif(servers.browser_unavailable() is not None, reason=str(servers.browser_unavailable()))


def log_in_with_the_form(driver, hub, name: str) -> None:
    """The hub's login page, as a person fills it in; wait for JupyterLab's menu bar."""
    from selenium.webdriver.common.by import By

    driver.get(f"{hub.url}/hub/login")
    wait_for(driver, lambda d: d.find_elements(By.ID, "username_input"), "the hub's login form", prefix="hub")
    driver.find_element(By.ID, "username_input").send_keys(name)
    driver.find_element(By.ID, "password_input").send_keys("any")
    driver.find_element(By.ID, "login_submit").click()
    wait_for(driver, lambda d: css(d, ".lm-MenuBar-item"), "JupyterLab's menu bar", prefix="hub")


def open_in_lab(driver, hub, name: str, path: str):
    """Open a notebook of ``name``'s server by its URL and wait until its cells and toolbar are drawn."""
    return servers.open_lab_notebook(driver, f"{hub.url}/user/{name}/lab/tree/{path}?reset", path, prefix="hub")


@browser_missing
def test_a_students_jupyterlab_has_the_assignment_list_and_validate_on_exercises_only(hub):
    with servers.chromium(log_name="hub-chromedriver") as driver:
        log_in_with_the_form(driver, hub, "psh-s1")
        items, close = nbgrader_menu(driver, prefix="hub")
        screenshot(driver, "student-nbgrader-menu", prefix="hub")
        close()
        assert "Assignment List" in items, items
        assert not {"Formgrader", "Course List"} & set(items), f"a student's Nbgrader menu offers {items}"
        assert not create_assignment_tabs(driver), "a student has nbgrader's Create Assignment panel"

        lesson = open_in_lab(driver, hub, "psh-s1", f"{COURSE}/lessons/{ASSIGNMENT}.ipynb")
        assert not validate_buttons(lesson), "a lesson shows nbgrader's Validate button"
        screenshot(driver, "student-lesson", prefix="hub")

        exercise = open_in_lab(driver, hub, "psh-s1", f"{COURSE}/{ASSIGNMENT}/{NOTEBOOK}")
        button = wait_for(driver, lambda d: validate_buttons(exercise), "Validate on the exercise", prefix="hub")[0]
        screenshot(driver, "student-exercise", prefix="hub")
        button.click()
        dialog = wait_for(driver, lambda d: [e for e in css(d, ".jp-Dialog-content") if e.text.strip()],
                          "the validation's answer", prefix="hub")[0]
        assert "Validat" in dialog.text or "passed" in dialog.text.lower(), dialog.text[:300]
        screenshot(driver, "student-validate", prefix="hub")


@browser_missing
def test_the_instructors_jupyterlab_keeps_every_tool_and_opens_the_formgrader_in_its_own_tab(hub):
    from selenium.webdriver.common.by import By

    with servers.chromium(log_name="hub-chromedriver") as driver:
        log_in_with_the_form(driver, hub, INSTRUCTOR)
        items, close = nbgrader_menu(driver, prefix="hub")
        screenshot(driver, "instructor-nbgrader-menu", prefix="hub")
        close()
        assert {"Assignment List", "Course List", "Formgrader"} <= set(items), items
        assert create_assignment_tabs(driver), "the instructor lost nbgrader's Create Assignment panel"
        lesson = open_in_lab(driver, hub, INSTRUCTOR, f"lessons/{ASSIGNMENT}.ipynb")
        wait_for(driver, lambda d: validate_buttons(lesson), "Validate on the instructor's notebooks", prefix="hub")

        driver.get(f"{hub.url}/user/{INSTRUCTOR}/formgrader")
        wait_for(driver, lambda d: "Manage Assignments" in d.find_element(By.TAG_NAME, "body").text,
                 "the formgrader's Manage Assignments page", prefix="hub")
        rows = wait_for(driver, lambda d: [r.text for r in css(d, "table tr") if ASSIGNMENT in r.text],
                        f"{ASSIGNMENT} in the formgrader", prefix="hub")
        assert "released" in rows[0].lower(), rows
        screenshot(driver, "instructor-formgrader-tab", prefix="hub")
