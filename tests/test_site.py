"""The course's web site (issue 17), as built by `make site`: every page there, made from the files, nothing secret.

The site is built once per session (tests/conftest.py) with `make site`'s command, in a network namespace of its
own where that is possible (root), which proves that it builds offline. What a browser shows is checked in
tests/test_site_browser.py; these tests read the built files.
"""
from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from coursetools import edition, site_leaks, website
from site_pages import (EXERCISES, LESSONS, ROOT, figure_alts, glossary_links, html_pages, no_network_reason,
                        page_name, read_page)


def text_of(path: Path) -> str:
    """A built file as plain text, reduced as the leak check reduces it."""
    return site_leaks.page_text(path)


def markdown_headings(markdown: str) -> list[str]:
    """The text of every heading of a Markdown text (outside code blocks), as a reader sees it."""
    return [site_leaks.plain(m) for m in re.findall(r"^#{1,6}\s+(.+)$", markdown_outside_code(markdown), re.M)]


def page_headings(path: Path) -> list[str]:
    return [site_leaks.plain(text) for _, text in read_page(path).headings]


def markdown_outside_code(markdown: str) -> str:
    return re.sub(r"^```.*?^```", "", markdown, flags=re.M | re.S)


# ---------------------------------------------------------------------------------------------------------
# Built offline, every page there

def test_the_site_builds_without_a_network(built_site):
    reason = no_network_reason()
    if reason:
        pytest.skip(f"cannot cut the build off from the network here: {reason}")
    assert built_site.offline
    assert "no secret line is on it" in built_site.output
    print(f"site built offline in {built_site.seconds:.1f} s")


def test_every_part_of_the_course_has_a_page(built_site):
    pages = set(html_pages(built_site.site))
    expected = {"index.html", "search.html", "lessons/glossary.html", "INSTRUCTORS.html"}
    expected |= {page_name(path) for path in LESSONS + EXERCISES}
    expected |= {p.relative_to(ROOT).with_suffix(".html").as_posix() for p in (ROOT / "source_texts").rglob("*.md")}
    expected |= {f"data/{Path(name).stem}.html" for name in website.DATA_TABLES}
    assert LESSONS and EXERCISES
    assert expected <= pages, f"missing pages: {sorted(expected - pages)}"


def test_every_page_sets_its_language_and_loads_nothing_from_elsewhere(built_site):
    for name in html_pages(built_site.site):
        page = read_page(built_site.site / name)
        assert page.lang == "en", f"{name}: <html lang> is {page.lang!r}"
        remote = [r for r in page.resources if re.match(r"(https?:)?//", r)]
        assert not remote, f"{name} loads from the network: {remote}"


def test_headings_never_skip_a_level(built_site):
    for name in html_pages(built_site.site):
        levels = [level for level, _ in read_page(built_site.site / name).headings]
        skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert not skips, f"{name}: a heading skips a level ({skips})"
        if name != "search.html":
            assert levels[:1] == [1] and levels.count(1) == 1, f"{name}: one <h1> should open the page ({levels})"


def test_every_glossary_term_is_a_section_of_the_same_level(built_site):
    with open(ROOT / "partycorpus" / "data" / "glossary.csv", newline="", encoding="utf-8") as handle:
        terms = [row["term"] for row in csv.DictReader(handle)]
    headings = read_page(built_site.site / "lessons" / "glossary.html").headings
    assert headings[0][0] == 1 and sorted(text for _, text in headings[1:]) == sorted(terms)
    assert {level for level, _ in headings[1:]} == {2}, "glossary terms are not all sections of the page"


def test_consecutive_headings_follow_the_outline_and_leave_good_headings_alone():
    text, open_levels = website.consecutive_headings("# A\n\n### B\n\n#### C\n\n### D")
    assert text == "# A\n\n## B\n\n### C\n\n## D" and open_levels == [1, 3]
    assert website.consecutive_headings("# A\n\n## B\n\n### C")[0] == "# A\n\n## B\n\n### C"
    assert website.consecutive_headings("## Next cell", [1, 2, 3])[0] == "## Next cell"


# ---------------------------------------------------------------------------------------------------------
# The front page

def test_front_page_has_the_syllabus_and_the_routes(built_site):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    page = read_page(built_site.site / "index.html")
    headings = page_headings(built_site.site / "index.html")
    for section in website.pick_sections(readme, website.FRONT_PAGE_SECTIONS, "README.md"):
        for heading in markdown_headings(section):
            assert heading in headings, f"the front page lacks the README's heading {heading!r}"
    for lesson in LESSONS:
        assert page_name(lesson) in page.links, f"the syllabus on the front page does not link {lesson.name}"
    syllabus = [t for t in page.tables if t["head"][:2] == ["#", "lesson"]]
    assert syllabus and len(syllabus[0]["rows"]) == len(LESSONS)


# ---------------------------------------------------------------------------------------------------------
# Lessons and exercises

@pytest.mark.parametrize("notebook", LESSONS + EXERCISES, ids=[page_name(p) for p in LESSONS + EXERCISES])
def test_each_notebook_page_names_its_file_and_how_to_run_it(built_site, notebook):
    text = text_of(built_site.site / page_name(notebook))
    name = notebook.relative_to(ROOT).as_posix()
    assert f" {name} " in text, f"the page does not name its notebook {name}"
    assert f"jupyter lab {name}" in text, "the page does not give the command that opens the notebook"
    assert "pip install" in text and "JupyterHub" in text
    assert f"make lab opens JupyterLab on the course; open {name} there" in text
    assert re.search(r"^lab:", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M), "the Makefile has no lab target"
    nb = nbformat.read(str(notebook), as_version=4)
    assert site_leaks.plain(nb.cells[0].source.splitlines()[0].lstrip("# ")) in text, "the page lacks the notebook's title"


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_each_lesson_shows_its_stored_outputs_and_figures_with_their_alt_text(built_site, lesson):
    page_path = built_site.site / page_name(lesson)
    text = text_of(page_path)
    nb = nbformat.read(str(lesson), as_version=4)
    streams = [o.text for c in nb.cells for o in c.get("outputs", []) if o.output_type == "stream" and o.text.strip()]
    for stream in streams:
        first = stream.strip().splitlines()[0]
        assert site_leaks.plain(first) in text, f"a stored output is not on the page: {first[:80]!r}"
    shown = [image.get("alt") for image in read_page(page_path).images if (image.get("src") or "").startswith("data:")]
    assert shown == figure_alts(lesson), "the page's figures are not the notebook's, each with its alt text"


def test_lessons_have_figures_and_glossary_links_to_check():
    assert sum(len(figure_alts(p)) for p in LESSONS) >= 5
    assert sum(len(glossary_links(p)) for p in LESSONS) >= 50


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_glossary_link_of_a_lesson_lands_on_its_term(built_site, lesson):
    terms = {website.heading_id(term): term
             for term in (row["term"] for row in csv.DictReader(open(ROOT / "partycorpus" / "data" / "glossary.csv",
                                                                     encoding="utf-8")))}
    glossary = read_page(built_site.site / "lessons" / "glossary.html")
    wanted = glossary_links(lesson)
    hrefs = [h for h in read_page(built_site.site / page_name(lesson)).links if h.startswith("glossary.html#")]
    assert len(hrefs) == len(wanted), f"{len(wanted)} glossary links in the notebook, {len(hrefs)} on the page"
    for anchor, href in zip(wanted, hrefs):
        assert anchor in terms, f"{lesson.name} links glossary.md#{anchor}, which is no term of the glossary"
        target = href.split("#", 1)[1]
        assert glossary.heading_of_id.get(target) == terms[anchor], (
            f"{href} lands on {glossary.heading_of_id.get(target)!r}, not on the term {terms[anchor]!r}")


@pytest.mark.parametrize("exercise", EXERCISES, ids=[p.parent.name for p in EXERCISES])
def test_each_exercise_page_is_the_notebook_students_receive(built_site, exercise):
    text = text_of(built_site.site / page_name(exercise))
    nb = nbformat.read(str(exercise), as_version=4)
    for cell in nb.cells:
        for line in (site_leaks.plain(line) for line in cell.source.splitlines()):
            if re.search(r"\w", line):  # not a rule (---) or a table's separator line
                assert line in text, f"a line of {exercise.name} is not on its page: {line[:80]!r}"
    assert "YOUR CODE HERE" in text and "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text


# ---------------------------------------------------------------------------------------------------------
# The corpus, the data, the guide

def test_datasheet_segments_and_cleaning_reports_are_pages(built_site):
    documents = sorted((ROOT / "source_texts").rglob("*.md"))
    assert len(documents) >= 7
    for document in documents:
        headings = markdown_headings(document.read_text(encoding="utf-8"))
        page = built_site.site / document.relative_to(ROOT).with_suffix(".html")
        assert page_headings(page) == headings, f"{document.name}: the page's headings differ"


@pytest.mark.parametrize("name", website.DATA_TABLES)
def test_timeline_and_places_are_tables_with_every_row(built_site, name):
    with open(ROOT / "partycorpus" / "data" / name, newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    keep = [i for i, column in enumerate(header) if column not in website.OMITTED_COLUMNS]
    page = read_page(built_site.site / "data" / f"{Path(name).stem}.html")
    tables = [t for t in page.tables if "data-table" in t["classes"]]
    assert len(tables) == 1
    assert tables[0]["head"] == [header[i] for i in keep]
    assert tables[0]["rows"] == [[" ".join(row[i].split()) for i in keep] for row in rows]
    downloads = [link for link in page.links if link.endswith(f"/{name}")]
    assert downloads, f"the page does not offer {name} for download"
    offered = (built_site.site / "data" / downloads[0]).resolve()
    assert offered.read_bytes() == (ROOT / "partycorpus" / "data" / name).read_bytes()


def test_the_instructor_guide_is_on_the_site(built_site):
    guide = (ROOT / "INSTRUCTORS.md").read_text(encoding="utf-8")
    assert page_headings(built_site.site / "INSTRUCTORS.html") == markdown_headings(guide)
    assert "INSTRUCTORS.html" in read_page(built_site.site / "index.html").links


# ---------------------------------------------------------------------------------------------------------
# Nothing secret

def test_no_secret_line_is_on_the_site(built_site):
    secrets = site_leaks.site_secrets()
    assert len(secrets) > 200, "the leak check has too few lines to look for"
    assert site_leaks.find_site_leaks(built_site.site, secrets) == []


def test_the_leak_check_finds_code_split_by_highlighting_and_markdown_made_html(tmp_path):
    code = 'model_answer = sorted(pairs, key=lambda pair: pair[1])[:3]'
    prose = "- **Full marks**: the answer names *both* the [witness](glossary.md#witness) and the editor's note."
    (tmp_path / "code.html").write_text(f"<html><body>{highlight(code, PythonLexer(), HtmlFormatter())}</body></html>",
                                        encoding="utf-8")
    (tmp_path / "prose.html").write_text(
        "<ul><li><p><strong>Full marks</strong>: the answer names <em>both</em> the "
        "<a href='glossary.html#witness'>witness</a> and the editor\u2019s note.</p></li></ul>", encoding="utf-8")
    assert '<span class="n">model_answer</span>' in (tmp_path / "code.html").read_text(encoding="utf-8")
    leaks = site_leaks.find_site_leaks(tmp_path, [code, prose, "a line that is nowhere on these pages"])
    assert leaks == [f"code.html: {code}", f"prose.html: {prose[:80]}"]


def secret_from_a_written_answer() -> str:
    """A line of a model answer or rubric of solutions/ (prose of at least ten words), for planting."""
    lines = [line for line in edition.secret_lines()
             if len(line.split()) >= 10 and not re.search(r"[=()|#]", line) and not line.startswith(("-", ">"))]
    assert lines, "no written model answer or rubric line found in solutions/"
    return max(lines, key=len)


def copy_course(dest: Path) -> Path:
    """What the site is built from, copied, so that a test can plant lines in it."""
    for name in ("lessons", "exercises", "solutions", "source_texts", "partycorpus", "deploy"):
        shutil.copytree(ROOT / name, dest / name, ignore=edition.IGNORED)
    for name in ("LICENSE", "requirements.txt", "pyproject.toml", "README.md", "INSTRUCTORS.md"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


@pytest.mark.filterwarnings("ignore:.*is deprecated. Check CHANGES for Sphinx API")  # Sphinx run in-process here
def test_planted_secret_lines_stop_the_build_and_remove_the_site(tmp_path):
    course = copy_course(tmp_path / "course")
    # A teaching note that found its way into a lesson: the student edition's check does not know teaching notes.
    note = "Teaching note: steer the class towards the editor's correction before anyone counts."
    (course / "teaching-notes").mkdir()
    (course / "teaching-notes" / "00-orientation.md").write_text(f"# Notes\n\n{note}\n", encoding="utf-8")
    lesson = course / "lessons" / LESSONS[0].name
    nb = nbformat.read(str(lesson), as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell(f"A last word: *{note}*"))
    nbformat.write(nb, str(lesson))
    # A model answer pasted into the instructor guide, which is on the site but not in the student edition.
    answer = secret_from_a_written_answer()
    guide = course / "INSTRUCTORS.md"
    guide.write_text(guide.read_text(encoding="utf-8") + f"\n\nFor example:\n\n> {answer}\n", encoding="utf-8")
    dest = tmp_path / "site"
    with pytest.raises(edition.LeakError) as caught:
        website.build(dest, tmp_path / "work", root=course)
    message = str(caught.value)
    assert f"{page_name(LESSONS[0])}: {note[:80]}" in message
    assert f"INSTRUCTORS.html: {answer[:80]}" in message
    assert not dest.exists(), "the site with a leak was left behind"


@pytest.mark.parametrize("where", ["dest", "work"])
@pytest.mark.parametrize("folder", [".", "lessons", ".."])
def test_the_build_never_replaces_the_course_or_a_folder_of_it(tmp_path, where, folder):
    target = (ROOT / folder).resolve()
    folders = {"dest": tmp_path / "site", "work": tmp_path / "work", where: target}
    with pytest.raises(website.SiteError, match="outside the course folder or under its build/"):
        website.build(folders["dest"], folders["work"])
    other = folders["work" if where == "dest" else "dest"]
    assert (ROOT / "lessons" / LESSONS[0].name).exists() and not other.exists()


def test_reviewed_shared_lines_are_still_lines_of_solutions_or_teaching_notes():
    reviewed = edition.shared_lines(site_leaks.SHARED_LINES)
    secret = set(edition.secret_lines(shared=set())) | set(site_leaks.teaching_note_lines(shared=set()))
    assert not reviewed - secret, f"site/shared_lines.txt lists lines no longer secret: {sorted(reviewed - secret)}"
