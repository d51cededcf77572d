"""Regenerate the Markdown pages made from data (run by `make pages`); tests check they are up to date.

- lessons/glossary.md, from partycorpus/data/glossary.csv;
- the lesson table at the top of README.md, from the header cell of each lesson in lessons/
  (title '# NN · Title', then a table with **Central question**, **You will learn to**, **Time**,
  **Prerequisites**, and optionally **Skills**). The table sits between the markers
  LESSONS_START and LESSONS_END; the rest of the README is left alone.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat

from partycorpus.coursedata.glossary import glossary
from partycorpus.strings.markdown import markdown_table

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
LESSONS_START = "<!-- lessons:start (made from the lessons' headers by `make pages`; edit the lessons, not this table) -->"
LESSONS_END = "<!-- lessons:end -->"
TITLE = re.compile(r"^#\s+(?P<number>\d{2})\s+·\s+(?P<title>.+?)\s*$")
ROW = re.compile(r"^\|\s*\*\*(?P<field>[^*]+)\*\*\s*\|\s*(?P<value>.*?)\s*\|\s*$")


class HeaderError(ValueError):
    """A lesson's header cell cannot be read into the syllabus."""


def minutes(time: str, where: str = "") -> int:
    """The minutes of a header's **Time** row ('40 minutes (25 reading ...)', '1 hour 30 minutes', '90 min').

    >>> minutes("40 minutes (25 reading and running, 15 for the exercise)")
    40
    >>> minutes("1 hour 20 minutes")
    80
    """
    head = time.split("(")[0]
    hours = re.search(r"(\d+)\s*h(?:ours?)?\b", head)
    mins = re.search(r"(\d+)\s*min(?:utes?)?\b", head)
    if not hours and not mins:
        raise HeaderError(f"{where}: the **Time** row should start with the time, e.g. '45 minutes (...)'; "
                          f"it is {time!r}")
    return (int(hours[1]) * 60 if hours else 0) + (int(mins[1]) if mins else 0)


def lesson_header(path: Path) -> dict:
    """Number, title, link, minutes, central question and skills of one lesson, read from its first cell."""
    nb = nbformat.read(str(path), as_version=4)
    lines = nb.cells[0].source.splitlines() if nb.cells else []
    where = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    title = TITLE.match(lines[0]) if lines else None
    if not title:
        raise HeaderError(f"{where}: the first cell should open with the title '# NN · Title'")
    fields = {m["field"].strip(): m["value"] for m in map(ROW.match, lines) if m}
    missing = [f for f in ("Central question", "You will learn to", "Time") if not fields.get(f)]
    if missing:
        raise HeaderError(f"{where}: the header table lacks {', '.join(missing)}")
    return {
        "number": title["number"],
        "title": title["title"],
        "link": path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name,
        "minutes": minutes(fields["Time"], where),
        "question": fields["Central question"],
        "skills": fields.get("Skills") or fields["You will learn to"],
    }


def lesson_table(paths=None) -> str:
    """The syllabus table of the lessons, in Markdown, with a line for the total time."""
    paths = sorted((ROOT / "lessons").glob("*.ipynb")) if paths is None else list(paths)
    headers = [lesson_header(path) for path in paths]
    rows = [markdown_table(["#", "lesson", "minutes", "central question", "skills"],
                           [(h["number"], f"[{h['title']}]({h['link']})", h["minutes"], h["question"],
                             h["skills"]) for h in headers])]
    total = sum(h["minutes"] for h in headers)
    hours = f" (about {total / 60:.1f} hours)" if total >= 90 else ""
    rows += ["", f"{len(headers)} lesson{'s' * (len(headers) != 1)}: {total} minutes in all{hours}, exercises included."]
    return "\n".join(rows)


def readme_with_lessons(readme: str, table: str) -> str:
    """``readme`` with the text between the lesson markers replaced by ``table``."""
    start, end = readme.find(LESSONS_START), readme.find(LESSONS_END)
    if start < 0 or end < start:
        raise HeaderError(f"README.md lacks the markers {LESSONS_START!r} and {LESSONS_END!r} around the lesson table")
    return readme[:start + len(LESSONS_START)] + "\n" + table + "\n" + readme[end:]


def glossary_markdown() -> str:
    """Render the glossary as the Markdown page lessons/glossary.md, one heading per term."""
    table = glossary().sort_index()
    parts = ["# Glossary", "",
             "Terms used in the lessons, with the lesson that first uses them. This page is made from",
             "`partycorpus/data/glossary.csv` by `make pages`; edit the CSV, not this page.", ""]
    for _, row in table.iterrows():
        parts += [f"### {row['term']}", "", row["definition"], "", f"*First used in lesson {row['first_lesson']}.*", ""]
    return "\n".join(parts)


def write_glossary_page(path: Path = ROOT / "lessons" / "glossary.md") -> Path:
    """Write lessons/glossary.md (or ``path``) from the glossary data."""
    path.write_text(glossary_markdown(), encoding="utf-8")
    return path


def write_readme_lessons(path: Path = README) -> Path:
    text = path.read_text(encoding="utf-8")
    path.write_text(readme_with_lessons(text, lesson_table()), encoding="utf-8")
    return path


if __name__ == "__main__":
    print("wrote", write_glossary_page())
    print("wrote the lesson table in", write_readme_lessons())
