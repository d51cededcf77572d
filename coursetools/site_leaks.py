"""The site's leak check: no line of a solution, hidden test, model answer, rubric or teaching note on any page.

``coursetools.website`` runs it over every file it builds. It extends the student edition's check
(``coursetools.edition``) in two ways: it reads pages as a reader sees them (HTML, highlighted code, Markdown made
into HTML), and it also looks for the prose of ``teaching-notes/``.

>>> plain("**Model answer.** Tarov [saw](glossary.md#witness) it.") == plain("Model answer. Tarov saw it.")
True
"""
from __future__ import annotations

import html.parser
import re
from pathlib import Path

from . import edition
from .release import COURSE_ROOT

#: Lines of solutions/ or teaching-notes/ that the site may show (reviewed, one by one, with a reason), beyond
#: those of coursetools/shared_lines.txt that the student edition may hold.
SHARED_LINES = COURSE_ROOT / "site" / "shared_lines.txt"
#: Lines of teaching-notes/ with fewer words are code, headings and markers that the notes share with the lessons.
MIN_NOTE_WORDS = 8
#: HTML elements that do not separate words: text on either side of their tags runs on.
INLINE_TAGS = {"a", "abbr", "b", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "samp", "small", "span",
               "strong", "sub", "sup", "u", "var"}
#: Characters dropped or made plain before a line and a page are compared (Markdown's marks; smart quotes).
PLAIN = str.maketrans({**{mark: None for mark in "*`[]|#>"}, "\u2018": "'", "\u2019": "'", "\u201c": '"',
                       "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2026": "..."})
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")  # a tag, not a comparison such as `a < b`


class _Text(html.parser.HTMLParser):
    """The text of an HTML page as a reader meets it, with the alt text, title and label of its elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in INLINE_TAGS:
            self.parts.append("\n")
        self.parts += [f" {value} " for key, value in attrs if key in ("alt", "title", "aria-label") and value]

    def handle_endtag(self, tag):
        if tag not in INLINE_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def plain(text: str) -> str:
    """A text as a reader sees it, for comparing a line of a notebook's source with a page.

    Markdown's marks (emphasis, code, links, list and heading markers, table bars), HTML tags and the
    typographer's quotes and dashes are dropped or made plain, and runs of spaces and line breaks become one space.
    The same reduction is applied to the line and to the page, so it cannot hide a line that is there.

    >>> plain("- **2 points**: names [the author](glossary.md#author) <em>and</em> the `date`.")
    '2 points: names the author and the date.'
    >>> plain("tarov_dates = pd.DataFrame(") == plain("tarov_dates, pd.DataFrame)")
    False
    >>> plain("if 0 < n and n > 9:")
    'if 0 < n and n 9:'

    """
    text = re.sub(r"\]\([^)\s]*\)", "", text)
    text = HTML_TAG.sub(" ", text)
    text = re.sub(r"^\s*(?:[-+]|\d+\.)\s+", "", text, flags=re.M)
    text = text.translate(PLAIN)
    return " ".join(text.split())


def page_text(path: Path) -> str | None:
    """The plain text of one file of the site (an HTML page as read; any other text file as it is); None if binary."""
    if path.suffix == ".html":
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
        return plain("".join(parser.parts))
    text = edition.readable_text(path)
    return None if text is None else plain(text)


def teaching_note_lines(root: Path = COURSE_ROOT, shared: set[str] | None = None) -> list[str]:
    """Every line of prose of ``teaching-notes/`` (:data:`MIN_NOTE_WORDS` words or more), less reviewed lines.

    The notes plan the lessons: their short lines are the lessons' own code (``import pandas as pd``), headings
    and nbgrader's markers, which the site shows on purpose. Their prose (good answers, wrong turns, sample
    essays, rubrics) is what must never reach it.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     notes = Path(folder, "teaching-notes")
    ...     notes.mkdir()
    ...     _ = (notes / "05.md").write_text("import pandas as pd\\nA good answer divides by the length of each text.")
    ...     teaching_note_lines(Path(folder), shared=set())
    ['A good answer divides by the length of each text.']
    """
    folder = root / "teaching-notes"
    found = set()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []:
        text = edition.readable_text(path)
        found.update(line.strip() for line in (text or "").splitlines()
                     if len(line.strip()) >= edition.MIN_SECRET_CHARS and len(line.split()) >= MIN_NOTE_WORDS)
    return sorted(found - (edition.shared_lines(SHARED_LINES) if shared is None else shared))


def site_secrets(root: Path = COURSE_ROOT) -> list[str]:
    """The lines no page of the site may hold: those of solutions/ (as for the edition) and of teaching-notes/.

    Lines reviewed in site/shared_lines.txt are left out.
    """
    shared = edition.shared_lines(SHARED_LINES)
    return sorted(set(edition.secret_lines(root)) - shared) + teaching_note_lines(root, shared)


def find_site_leaks(folder: Path, secrets: list[str]) -> list[str]:
    """``file: line`` for every secret line that is on a page (or in any text file) of the site.

    Lines and pages are compared as a reader sees them (:func:`plain`): a line of code split into highlighted
    tokens, or a Markdown line whose emphasis and links became HTML, is still found. ``_static/`` is not searched:
    it holds the assets of Sphinx, of the theme and of site/_static, none made from the course's files (and the
    theme's scripts hold lines as common as ``return number``).
    """
    wanted = {}
    for secret in secrets:
        reduced = plain(secret)
        if len(reduced.strip()) >= edition.MIN_SECRET_CHARS:
            wanted.setdefault(reduced, secret)
    leaks = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "_static" not in p.relative_to(folder).parts):
        text = page_text(path)
        if text is None:
            continue
        leaks += [f"{path.relative_to(folder)}: {secret[:80]}" for reduced, secret in wanted.items() if reduced in text]
    return leaks
