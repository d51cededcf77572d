"""The README opens with the syllabus an instructor looks for first (issue 9), and its lesson table is made from the lessons."""
import importlib.util
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))

_spec = importlib.util.spec_from_file_location("build_pages", ROOT / "dev" / "build_pages.py")
build_pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_pages)


def readme() -> str:
    return README.read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The text under a Markdown heading, up to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    start = text.index(heading + "\n")
    following = re.search(rf"^#{{1,{len(level)}}} ", text[start + len(heading):], flags=re.M)
    return text[start:start + len(heading) + (following.start() if following else len(text))]


def test_the_readme_lesson_table_is_up_to_date_with_the_lessons():
    text = readme()
    assert build_pages.readme_with_lessons(text, build_pages.lesson_table()) == text, "run `make pages`"


def test_every_lesson_is_in_the_table_with_a_working_link():
    table = readme().split(build_pages.LESSONS_START)[1].split(build_pages.LESSONS_END)[0]
    for path in LESSONS:
        assert f"](lessons/{path.name})" in table, f"{path.name} is not in the README's lesson table"
    for target in re.findall(r"\]\((lessons/[^)]+)\)", table):
        assert (ROOT / target).is_file(), f"the table links to {target}, which does not exist"


def test_the_readme_opens_with_the_syllabus():
    text = readme()
    headings = re.findall(r"^(#{1,3} .+)$", text, flags=re.M)
    assert headings[0] == "# Reading the Party Struggle"
    assert headings[1] == "## Syllabus", "after the title and the description, the README opens with the syllabus"
    syllabus = section(text, "## Syllabus")
    order = [syllabus.index(part) for part in (build_pages.LESSONS_START, "### Learning outcomes",
                                                "### Prerequisites", "### Routes through the course")]
    assert order == sorted(order), "the syllabus gives the table, outcomes, prerequisites and routes, in that order"
    intro = text[len(headings[0]):text.index("## Syllabus")].strip()
    assert intro and "\n\n" not in intro, "one paragraph of description comes before the syllabus"
    assert text.index("## Syllabus") < text.index("## Start"), "the syllabus comes before the set-up"


def test_the_routes_cover_the_planned_lessons_in_two_and_six_weeks():
    routes = section(readme(), "### Routes through the course")
    two_weeks, six_weeks = routes.split("**Six weeks**")
    assert "**Two weeks**" in two_weeks
    planned = {f"{n:02d}" for n in range(11)}  # 00-10; lesson 11 may follow 05-07 in either route (its own note)
    for name, route in (("two-week", two_weeks), ("six-week", six_weeks)):
        named = set(re.findall(r"\b[01]\d\b", route))
        assert named >= planned, f"the {name} route does not place lessons {sorted(planned - named)}"


def test_the_learning_outcomes_cover_the_three_crafts():
    outcomes = section(readme(), "### Learning outcomes").lower()
    for craft in ("read closely", "criticise a source", "count", "timeline", "text-id:line"):
        assert craft in outcomes


# ---------------------------------------------------------------------------------------------------------
# The table builder, on lessons made up for the test.

def fake_lesson(folder: Path, name: str, header: str) -> Path:
    path = folder / name
    nbformat.write(new_notebook(cells=[new_markdown_cell(header)]), str(path))
    return path


HEADER = """# {number} · {title}

| | |
|---|---|
| **Central question** | Who said it | and when? |
| **You will learn to** | read closely; cite a line. |
| **Time** | {time} |
| **Prerequisites** | Lesson 00. |
"""


def test_the_table_is_read_from_the_headers(tmp_path):
    paths = [fake_lesson(tmp_path, "01-a.ipynb", HEADER.format(number="01", title="A memoir", time="45 minutes (30 + 15)")),
             fake_lesson(tmp_path, "02-b.ipynb", HEADER.format(number="02", title="A report", time="1 hour 15 minutes")
                         + "| **Skills** | layers of a text |\n")]
    table = build_pages.lesson_table(paths)
    rows = [line for line in table.splitlines() if line.startswith("| 0")]
    assert rows[0] == ("| 01 | [A memoir](01-a.ipynb) | 45 | Who said it \\| and when? | read closely; cite a line. |")
    assert rows[1].endswith("| 75 | Who said it \\| and when? | layers of a text |"), "a **Skills** row wins"
    assert "2 lessons: 120 minutes in all (about 2.0 hours)" in table


@pytest.mark.parametrize("header, problem", [
    ("Orientation\n\n| **Central question** | Q? |", "should open with the title"),
    (HEADER.format(number="03", title="T", time="").replace("| **Time** |  |\n", ""), "lacks Time"),
    (HEADER.format(number="03", title="T", time="about an hour"), "should start with the time"),
])
def test_a_header_the_table_cannot_read_is_reported(tmp_path, header, problem):
    with pytest.raises(build_pages.HeaderError, match=problem):
        build_pages.lesson_table([fake_lesson(tmp_path, "03-t.ipynb", header)])


def test_a_readme_without_markers_is_reported():
    with pytest.raises(build_pages.HeaderError, match="lacks the markers"):
        build_pages.readme_with_lessons("# A README\n", "| table |")
