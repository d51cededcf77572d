"""Build the course's web site (``make site``) from the student edition and the instructor guide.

``python -m coursetools.website [DEST]`` writes a static site to ``build/site/`` (any static host serves it):

1. the student edition is built (``coursetools.edition``, with its own leak check) into ``build/site-work/``;
2. Sphinx sources are staged from it: the front page (the README's syllabus, routes and notes for instructors),
   every lesson with a note on how to run it, the exercises as students receive them, the glossary, the corpus
   datasheet and the cleaning reports, the timeline and the places as tables, and the instructor guide;
3. Sphinx (MyST-NB, configured in ``site/conf.py``) renders them with their stored outputs: nothing is executed and
   nothing is downloaded;
4. every file of the built site is searched for every secret line (solutions, hidden tests, model answers, rubrics,
   teaching notes; ``coursetools.site_leaks``); one found removes the site and stops the build.

Every page is derived from the files, so the site follows the lessons when they change.

>>> [name for name, _ in TOC][:2]
['Lessons', 'Exercises']
"""
from __future__ import annotations

import argparse
import csv
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
from docutils.nodes import SkipNode

from . import edition
from .site_leaks import find_site_leaks, site_secrets
from .release import COURSE_ROOT

CONFIG = COURSE_ROOT / "site"
DEFAULT_DEST = COURSE_ROOT / "build" / "site"
DEFAULT_WORK = COURSE_ROOT / "build" / "site-work"
#: The README's sections that make the front page, after its title and opening paragraph.
FRONT_PAGE_SECTIONS = ("Syllabus", "For instructors", "The texts and their rights")
#: The navigation: a caption and the pages under it (Sphinx toctree entries, globs allowed), in order.
TOC = (
    ("Lessons", ["lessons/[0-9]*"]),
    ("Exercises", ["exercises/*"]),
    ("Sources and data", ["lessons/glossary", "source_texts/README", "source_texts/README-segments",
                          "source_texts/reports/*", "data/*"]),
    ("For instructors", ["INSTRUCTORS"]),
)
#: The data files shown as tables, each with the section of partycorpus/data/README.md that explains it.
DATA_TABLES = ("timeline.csv", "places.csv")
#: Columns left out of those tables: the keywords are there for the data tests, not for readers.
OMITTED_COLUMNS = ("cite_keywords",)
HEADING = re.compile(r"^(#{1,6})(\s.*)$")
FENCE = re.compile(r"^\s*(```|~~~|:::)")


class SiteError(RuntimeError):
    """The site cannot be built from these files (the message says which and why)."""


# ---------------------------------------------------------------------------------------------------------
# Markdown, read and adjusted

def consecutive_headings(markdown: str, open_levels: list[int] | None = None) -> tuple[str, list[int]]:
    """Renumber headings by their depth in the text's outline, so that none skips a level (``#`` then ``###``).

    Screen readers list a page by its heading levels, and a skipped level reads as a missing section. A heading
    goes one level below the nearest heading above it of a lower level (in the source), whatever its own number.
    Returns the text and the source levels still open at its end, to carry on into the next cell of a notebook.
    Lines in fenced code blocks are left alone.

    >>> print(consecutive_headings("# A\\n### B\\n### C\\n```\\n# a comment\\n```\\n#### D\\n## E")[0])
    # A
    ## B
    ## C
    ```
    # a comment
    ```
    ### D
    ## E
    """
    lines, fenced, stack = [], None, list(open_levels or [])
    for line in markdown.split("\n"):
        fence = FENCE.match(line)
        if fence and (fenced is None or fence[1] == fenced):
            fenced = fence[1] if fenced is None else None
        heading = HEADING.match(line) if fenced is None else None
        if heading:
            while stack and stack[-1] >= len(heading[1]):
                stack.pop()
            stack.append(len(heading[1]))
            line = "#" * len(stack) + heading[2]
        lines.append(line)
    return "\n".join(lines), stack


def markdown_sections(markdown: str, level: int = 2) -> dict[str, str]:
    """The sections of a Markdown text at one heading level, by title (each with its heading and subsections).

    Text before the first such heading is under the title ``""``.

    >>> markdown_sections("# T\\nintro\\n## A\\none\\n### A.1\\n## B\\ntwo")["A"]
    '## A\\none\\n### A.1'
    """
    sections, title, lines, fenced = {}, "", [], None
    for line in markdown.split("\n"):
        fence = FENCE.match(line)
        if fence and (fenced is None or fence[1] == fenced):
            fenced = fence[1] if fenced is None else None
        heading = HEADING.match(line) if fenced is None else None
        if heading and len(heading[1]) == level:
            sections[title] = "\n".join(lines).strip("\n")
            title, lines = heading[2].strip(), []
        lines.append(line)
    sections[title] = "\n".join(lines).strip("\n")
    return sections


def pick_sections(markdown: str, titles, where: str, level: int = 2) -> list[str]:
    """The sections of ``markdown`` with these titles, in the order given; a clear error if one is missing."""
    sections = markdown_sections(markdown, level)
    missing = [title for title in titles if title not in sections]
    if missing:
        raise SiteError(f"{where} has no section {', '.join(map(repr, missing))} (level {level} headings: "
                        f"{', '.join(repr(t) for t in sections if t)}); the site is made from them")
    return [sections[title] for title in titles]


def fenced_directive(name: str, body: str, argument: str = "", **options: str) -> str:
    """A MyST directive in a colon fence, which may hold backtick code blocks.

    >>> print(fenced_directive("note", "Hello.", "A title", **{"class": "tip"}))
    :::{note} A title
    :class: tip
    <BLANKLINE>
    Hello.
    :::
    """
    head = [f":::{{{name}}} {argument}".rstrip()] + [f":{key}: {value}" for key, value in options.items()]
    return "\n".join(head + ["", body.strip("\n"), ":::"])


# ---------------------------------------------------------------------------------------------------------
# The pages

def heading_id(text: str) -> str:
    """The id JupyterLab gives a heading, by which lessons link glossary terms (site/conf.py resolves them with it).

    >>> heading_id("Old Style")
    'Old-Style'
    """
    return text.strip().replace(" ", "-")


def run_commands(edition_readme: str, notebook: str) -> list[str]:
    """The student edition's commands that set up the course and open one notebook in JupyterLab.

    They are the code block of the edition README's section on opening the course, with its notebook replaced.

    >>> readme = "## Open the course on your own computer\\n\\n```\\npip install .\\njupyter lab lessons/00-a.ipynb\\n```"
    >>> run_commands(readme, "exercises/05-b/05-b.ipynb")
    ['pip install .', 'jupyter lab exercises/05-b/05-b.ipynb']
    """
    for title, text in markdown_sections(edition_readme).items():
        block = re.search(r"```\n(.*?)```", text, flags=re.S)
        if title.lower().startswith("open the course") and block:
            commands = block[1].rstrip("\n").split("\n")
            if re.search(r"\blab\b.*\.ipynb", commands[-1]):
                commands[-1] = re.sub(r"\S+\.ipynb", notebook, commands[-1])
                return commands
    raise SiteError("the student edition's README has no section 'Open the course ...' whose code block ends "
                    "with the `jupyter lab ....ipynb` command; each lesson page shows those commands")


def run_note(kind: str, notebook: str, edition_readme: str) -> str:
    """The note at the top of a lesson or exercise page: which notebook it is, and how to open and run it."""
    commands = "\n".join(run_commands(edition_readme, notebook))
    if kind == "lesson":
        title = "Run this lesson yourself"
        opening = (f"This page is the notebook `{notebook}` of the course, shown with the outputs stored in it. "
                   "To run it, read it and change it:")
        hub = (f"- **On the class's JupyterHub**: the course is in your home folder. Open `{notebook}` in "
               "JupyterLab and run its cells from the top (Shift + Enter).")
    else:
        title = "Do this exercise"
        opening = (f"This page is the exercise notebook `{notebook}` as students receive it. Work in your own "
                   "copy of it:")
        hub = ("- **On the class's JupyterHub**: click *Fetch* beside the exercise in JupyterLab's *Assignments* "
               "tab, open it there, and click *Submit* when you are done.")
    own = ("- **On your own computer**: in the folder of the course's student edition (your instructor gives it to "
           "you), set up the course once and open the notebook:\n\n  ```sh\n"
           + "\n".join("  " + line for line in commands.split("\n")) + "\n  ```")
    clone = (f"- **Instructors, in a clone of the course's repository**: `make lab` opens JupyterLab on the course; "
             f"open `{notebook}` there.")
    return fenced_directive("admonition", f"{opening}\n\n{hub}\n{own}\n{clone}", title, **{"class": "tip run-note"})


def staged_notebook(source: Path, note: str) -> nbformat.NotebookNode:
    """A notebook with ``note`` as a Markdown cell after its header cell and headings that skip no level."""
    nb = nbformat.read(str(source), as_version=4)
    cell = nbformat.v4.new_markdown_cell(note, id="run-note")
    nb.cells.insert(1 if nb.cells else 0, cell)
    open_levels: list[int] = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source, open_levels = consecutive_headings(cell.source, open_levels)
    return nb


def front_page(readme: str, toc=TOC) -> str:
    """The front page: the README's title and opening, its syllabus sections, and the site's navigation."""
    opening = markdown_sections(readme)[""]
    parts = [opening] + pick_sections(readme, FRONT_PAGE_SECTIONS, "README.md")
    for caption, entries in toc:
        glob = any("*" in entry for entry in entries)
        parts.append("\n".join(["```{toctree}", ":hidden:", f":caption: {caption}"] + [":glob:"] * glob
                               + ["", *entries, "```"]))
    return "\n\n".join(parts) + "\n"


def table_page(csv_path: Path, data_readme: str, dest: Path) -> Path:
    """A page for one data file: its title and summary from the data README, the table, then the rest of its notes.

    The table (every column but :data:`OMITTED_COLUMNS`) is written beside the page and included with the
    ``csv-table`` directive; the site's script (site/_static/tables.js) makes every ``data-table`` sortable and
    filterable in the browser. The whole file is offered for download.
    """
    sections = {title.split(":")[0].strip(): text for title, text in markdown_sections(data_readme).items()}
    if csv_path.name not in sections:
        raise SiteError(f"partycorpus/data/README.md has no section '## {csv_path.name}: ...' to introduce the table")
    heading, summary, notes = (sections[csv_path.name] + "\n\n").split("\n\n", 2)
    with open(csv_path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    keep = [i for i, column in enumerate(rows[0]) if column not in OMITTED_COLUMNS]
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(csv_path, dest / csv_path.name)
    shown = dest / f"{csv_path.stem}-table.csv"
    with open(shown, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([[row[i] for i in keep] for row in rows])
    table = "\n".join(["```{csv-table}", f":file: {shown.name}", ":header-rows: 1", ":class: data-table", "```"])
    left_out = f" (less {', '.join(f'`{c}`' for c in OMITTED_COLUMNS if c in rows[0])})" * any(
        c in rows[0] for c in OMITTED_COLUMNS)
    parts = [heading.replace("## ", "# ", 1), summary, "## The table",
             f"{len(rows) - 1} rows of `{csv_path.name}`{left_out}. Click a column's heading to sort the rows by it; "
             f"type in the box to show only the rows that contain every word you type. The whole file: "
             f"{{download}}`{csv_path.name}`.", table, "## About the data", notes.strip("\n")]
    target = dest / f"{csv_path.stem}.md"
    target.write_text(consecutive_headings("\n\n".join(parts) + "\n")[0], encoding="utf-8")
    return target


def stage(edition_dir: Path, src: Path, root: Path = COURSE_ROOT) -> Path:
    """Write the Sphinx sources of the site into ``src`` (replaced), from the student edition and the guide."""
    if src.exists():
        shutil.rmtree(src)
    edition_readme = (edition_dir / "README.md").read_text(encoding="utf-8")
    for path in sorted((edition_dir / "lessons").glob("*.ipynb")):
        name = f"lessons/{path.name}"
        nbformat.write(staged_notebook(path, run_note("lesson", name, edition_readme)), str(_mkparent(src / name)))
    for path in sorted((edition_dir / "exercises").glob("*/*.ipynb")):
        name = path.relative_to(edition_dir).as_posix()
        target = _mkparent(src / "exercises" / path.name)
        nbformat.write(staged_notebook(path, run_note("exercise", name, edition_readme)), str(target))
    markdown = [edition_dir / "lessons" / "glossary.md", *sorted((edition_dir / "source_texts").rglob("*.md"))]
    for path in markdown:
        text, _ = consecutive_headings(path.read_text(encoding="utf-8"))
        _mkparent(src / path.relative_to(edition_dir)).write_text(text, encoding="utf-8")
    data = edition_dir / "partycorpus" / "data"
    data_readme = (data / "README.md").read_text(encoding="utf-8")
    for name in DATA_TABLES:
        table_page(data / name, data_readme, src / "data")
    guide, _ = consecutive_headings((root / "INSTRUCTORS.md").read_text(encoding="utf-8"))
    (src / "INSTRUCTORS.md").write_text(guide, encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    (src / "index.md").write_text(consecutive_headings(front_page(readme))[0], encoding="utf-8")
    return src


def _mkparent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


# ---------------------------------------------------------------------------------------------------------
# Sphinx

def visit_math(translator, node) -> None:
    """Sphinx's HTML writer: inline LaTeX (``$...$``) as MathML, which browsers show without a script or a network.

    site/conf.py registers this and :func:`visit_display_math` as the site's math renderer; docutils converts.
    """
    translator.body.append(_mathml(translator, node, block=False))
    raise SkipNode


def visit_display_math(translator, node) -> None:
    """Sphinx's HTML writer: display LaTeX (``$$...$$``) as a MathML block in a box that may scroll sideways."""
    translator.body.append(translator.starttag(node, "div", CLASS="math"))
    translator.body.append(_mathml(translator, node, block=True) + "</div>\n")
    raise SkipNode


def _mathml(translator, node, block: bool) -> str:
    from docutils.utils.math.latex2mathml import MathError, tex2mathml
    from sphinx.util import logging

    try:
        return tex2mathml(node.astext(), as_block=block)
    except MathError as err:
        logging.getLogger(__name__).warning(f"LaTeX that cannot be shown as MathML: {err}", location=node)
        return translator.encode(node.astext())


def run_sphinx(src: Path, dest: Path, doctrees: Path, config: Path = CONFIG) -> None:
    """Render ``src`` into ``dest`` with Sphinx (HTML); any warning (a broken link, say) stops the build."""
    from sphinx.cmd.build import build_main

    if dest.exists():
        shutil.rmtree(dest)
    args = ["-b", "html", "-c", str(config), "-d", str(doctrees), "-E", "-W", "--keep-going", "-q",
            str(src), str(dest)]
    if build_main(args) != 0:
        raise SiteError("Sphinx stopped on the warnings above; the site was not built")
    for folder in (".doctrees", "_sources"):  # Sphinx's caches, and the (empty) folder of copied sources
        shutil.rmtree(dest / folder, ignore_errors=True)
    (dest / ".buildinfo").unlink(missing_ok=True)
    (dest / ".nojekyll").touch()  # GitHub Pages: serve _static/ and _downloads/ as they are


# ---------------------------------------------------------------------------------------------------------

def build(dest: Path = DEFAULT_DEST, work: Path = DEFAULT_WORK, root: Path = COURSE_ROOT) -> Path:
    """Build the site of the course at ``root`` into ``dest`` (replaced), using ``work`` for the edition and sources.

    Raises :class:`edition.LeakError`, and removes ``dest``, if a secret line is on any page.
    """
    dest, work, root = Path(dest).resolve(), Path(work).resolve(), Path(root).resolve()
    for folder in (dest, work):  # both are replaced: never the course, nor a folder of it other than build/
        if folder == root or folder in root.parents or (root in folder.parents and root / "build" not in folder.parents):
            raise SiteError(f"the site is built outside the course folder or under its build/ folder, not in {folder}")
    edition_dir = edition.build(work / "edition", root)
    src = stage(edition_dir, work / "src", root)
    # Rendered inside the working folder (MyST-NB writes its own files beside Sphinx's output), then moved.
    run_sphinx(src, work / "html", work / "doctrees")
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(work / "html", dest)
    leaks = find_site_leaks(dest, site_secrets(root))
    if leaks:
        shutil.rmtree(dest)
        raise edition.LeakError("the site would show lines of the instructor's copies or teaching notes:\n  "
                                + "\n  ".join(leaks))
    return dest


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dest", nargs="?", default=str(DEFAULT_DEST), help="where to write it (default: %(default)s)")
    parser.add_argument("--work", default=str(DEFAULT_WORK),
                        help="folder for the student edition and the staged sources (default: %(default)s)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        dest = build(Path(args.dest), Path(args.work))
    except (edition.LeakError, SiteError) as err:
        print(f"Not built: {err}", file=sys.stderr)
        return 1
    pages = sum(1 for _ in dest.rglob("*.html"))
    print(f"Site written to {dest} ({pages} pages) in {time.monotonic() - start:.0f} s; no secret line is on it. "
          f"Open {dest / 'index.html'}, or serve the folder with any static web server.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
