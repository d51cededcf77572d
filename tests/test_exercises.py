"""The nbgrader pipeline for every assignment in solutions/.

Solutions pass nbgrader's validator; exercises/ is exactly what
generate_assignment makes now; nothing of a solution reaches exercises/; the
blank copy scores zero, the solution full marks, and each stored wrong
submission the points its fixture says.
"""
import json

import nbformat
import pytest
from nbgrader.validator import Validator

from nbgrader_course import (COURSE_ROOT, OTHER_STYLES, fixtures, is_answer_cell, is_test_cell, nbgrader_meta,
                             model_answers, notebooks, secret_lines, source_notebooks)
from coursetools.release import assignments, nbgrader_api

ASSIGNMENTS = assignments()
FIXTURES = fixtures()
STYLES = fixtures(root=OTHER_STYLES)


def test_every_lesson_has_an_assignment_and_the_reverse():
    lessons = sorted(p.stem for p in (COURSE_ROOT / "lessons").glob("*.ipynb"))
    assert lessons == ASSIGNMENTS
    assert sorted(p.name for p in (COURSE_ROOT / "exercises").iterdir() if p.is_dir()) == ASSIGNMENTS


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_assignment_has_autograded_and_written_questions(assignment):
    cells = [c for nb in source_notebooks(assignment).values() for c in nb.cells]
    assert any(is_test_cell(c) for c in cells), "no autograded test cell"
    written = [c for c in cells if is_answer_cell(c) and c.cell_type == "markdown"]
    assert written, "no manually graded written answer"
    for cell in written:
        assert nbgrader_meta(cell).get("grade") and nbgrader_meta(cell).get("points", 0) > 0
        assert "Model answer" in cell.source and "Rubric" in cell.source, \
            f"written answer {nbgrader_meta(cell)['grade_id']} needs a model answer and a rubric"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_passes_nbgrader_validator(assignment):
    config = nbgrader_api().config
    for path in notebooks(COURSE_ROOT / "solutions" / assignment):
        results = Validator(config=config).validate(str(path))
        assert not results.get("failed") and not results.get("type_changed"), json.dumps(results, indent=1)[:3000]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_blank_exercise_fails_nbgrader_validator(assignment):
    config = nbgrader_api().config
    for path in notebooks(COURSE_ROOT / "exercises" / assignment):
        assert Validator(config=config).validate(str(path)).get("failed"), f"{path.name}: a blank copy passes"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_exercises_are_what_nbgrader_generates(graded, assignment):
    generated = graded.root / "exercises" / assignment
    committed = COURSE_ROOT / "exercises" / assignment
    names = lambda folder: sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert names(committed) == names(generated), "run `make exercises` and commit exercises/"
    for rel in names(generated):
        if rel.endswith(".ipynb"):
            same = json.loads((committed / rel).read_text()) == json.loads((generated / rel).read_text())
        else:
            same = (committed / rel).read_bytes() == (generated / rel).read_bytes()
        assert same, f"exercises/{assignment}/{rel} differs from solutions/: run `make exercises` and commit it"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_solution_or_hidden_test_reaches_exercises(assignment):
    released = "\n".join(p.read_text(encoding="utf-8") for p in (COURSE_ROOT / "exercises" / assignment).rglob("*")
                         if p.is_file())
    released_sources = "\n".join(
        "\n".join(c.source for c in nbformat.read(str(p), as_version=4).cells)
        for p in notebooks(COURSE_ROOT / "exercises" / assignment))
    for nb in source_notebooks(assignment).values():
        secrets = secret_lines(nb)
        assert secrets, "the solution notebook has no solution or hidden test to protect"
        for secret in secrets:
            assert secret not in released_sources and json.dumps(secret)[1:-1] not in released, \
                f"leaked to exercises/{assignment}: {secret!r}"
    for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "Model answer", "Rubric"):
        assert marker not in released


def test_grading_ran_without_errors(graded_course):
    assert not graded_course.errors, graded_course.errors


def graded_test_ids(assignment):
    """grade_ids of the autograder test cells of an assignment."""
    return {nbgrader_meta(c)["grade_id"] for nb in source_notebooks(assignment).values() for c in nb.cells
            if is_test_cell(c)}


def autograded_scores(graded_course, assignment, student):
    """{test cell: (score, max score)} of one autograded submission."""
    scores = graded_course.scores[(assignment, student)]
    return {cell: (score or 0, maximum) for cell, (score, maximum) in scores.items()
            if cell in graded_test_ids(assignment)}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_blank_exercise_scores_zero(graded, assignment):
    scores = autograded_scores(graded, assignment, "blank")
    assert set(scores) == graded_test_ids(assignment)
    assert all(score == 0 for score, _ in scores.values()), scores


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_scores_full_marks(graded, assignment):
    scores = autograded_scores(graded, assignment, "solution")
    assert set(scores) == graded_test_ids(assignment)
    assert all(score == maximum > 0 for score, maximum in scores.values()), scores


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_assignment_has_two_wrong_submissions(assignment):
    assert len(fixtures(assignment)) >= 2


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f"{f.assignment}/{f.name}" for f in FIXTURES])
def test_wrong_submission_earns_what_it_should(graded, fixture):
    cells = graded_test_ids(fixture.assignment)
    assert set(fixture.expected) == cells, f"{fixture.path.name}: expected scores must cover exactly {sorted(cells)}"
    answer_ids = {nbgrader_meta(c)["grade_id"] for nb in source_notebooks(fixture.assignment).values()
                  for c in nb.cells if is_answer_cell(c)}
    assert set(fixture.answers) <= answer_ids, f"{fixture.path.name} answers unknown cells"
    scores = autograded_scores(graded, fixture.assignment, f"wrong-{fixture.name}")
    assert {cell: score for cell, (score, _) in scores.items()} == fixture.expected, fixture.description
    assert sum(fixture.expected.values()) < sum(maximum for _, maximum in scores.values()), "a wrong submission must lose points"
    assert sum(fixture.expected.values()) > 0, "a plausible wrong submission should keep the points it earned"


@pytest.mark.parametrize("fixture", STYLES, ids=[f"{f.assignment}/{f.name}" for f in STYLES])
def test_correct_answer_in_another_style_earns_full_marks(graded, fixture):
    cells = graded_test_ids(fixture.assignment)
    model = model_answers(fixture.assignment)
    assert fixture.answers and set(fixture.answers) <= set(model), f"{fixture.path.name} answers unknown cells"
    for grade_id, answer in fixture.answers.items():
        assert answer.split() != model[grade_id].split(), f"{fixture.path.name}: {grade_id} is the model answer itself"
    scores = autograded_scores(graded, fixture.assignment, f"style-{fixture.name}")
    assert set(fixture.expected) == cells and fixture.expected == {c: m for c, (_, m) in scores.items()}, \
        f"{fixture.path.name}: expected scores must be the full marks of exactly {sorted(cells)}"
    assert {cell: score for cell, (score, _) in scores.items()} == fixture.expected, fixture.description

