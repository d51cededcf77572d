"""The teaching notes: one file per lesson, kept out of every student file, and every citation in them checked.

The notes quote the corpus the way the lessons do: "words" (text-id:line). Every such quotation must stand, word
for word, in the lines it cites (received or repaired text, as lesson 09's evidence log is checked), so that a
grader who relies on an anchor essay or a model answer is never misled by it. Quotations that the weak anchor
essays get wrong on purpose are listed in DELIBERATE_MISQUOTES, and the grader's comment must say so.
"""
import re
from pathlib import Path

import pytest

import partycorpus as pc

ROOT = Path(__file__).resolve().parent.parent
NOTES = ROOT / "teaching-notes"
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
NOTE_FILES = sorted(NOTES.glob("*.md"))
CITATION = re.compile(r"\b([a-z]+-(?:\d{4}|undated)(?:-[a-z0-9]+)+):(\d+)(?:-(\d+))?")
# A quotation in straight double quotes, then at once a citation in parentheses: "words" (text-id:line).
QUOTED = re.compile(r'"([^"\n]{3,}?)"\s?\((' + CITATION.pattern + r')\)')
# Quotations that an anchor essay misuses on purpose (file, citation); the essay's comments must name the citation.
DELIBERATE_MISQUOTES = {
    ("09-anchor-essays.md", "thakor-2023-gulag-opinion:10"),
}


def squeeze(text):
    """Straight quotation marks, one space between words, lower case: how quotations are compared.

    >>> squeeze("“A  Word’s”")
    '"a word\\'s"'
    """
    for curly, straight in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.split()).lower()


def stands_in(words, citation):
    """True if every part of a quotation (parts separated by '...') stands in the cited lines, received or repaired."""
    text_id, first, last = pc.parse_citation(citation)
    received = squeeze(" ".join(pc.lines(text_id)[first - 1:last]))
    repaired = squeeze(" ".join(line for _, line in pc.passage(text_id, first, last, clean=True)))
    parts = [squeeze(part) for part in re.split(r"\s*(?:\.\.\.|…)\s*", words) if part.strip(" .")]
    parts = parts or [squeeze(words)]  # a quotation of the dots themselves
    return all(part in received or part in repaired for part in parts)


def test_stands_in_finds_a_quotation_and_rejects_a_paraphrase():
    assert stands_in("I was arrested as a Bolshevik-Leninist", "tarov-1936-escape:29")
    assert stands_in("On September 24, 1928 ... holding only 31 people", "tarov-1936-escape:29")
    assert not stands_in("Tarov was arrested as a Bolshevik-Leninist", "tarov-1936-escape:29")
    assert not stands_in("I was arrested as a Bolshevik-Leninist", "tarov-1936-escape:31")


def test_every_lesson_has_its_teaching_notes_and_the_folder_says_what_it_is():
    for lesson in LESSONS:
        assert (NOTES / f"{lesson.stem}.md").is_file(), f"teaching-notes/{lesson.stem}.md is missing"
    readme = (NOTES / "README.md").read_text(encoding="utf-8")
    assert "never" in readme and "student" in readme, "the README must say that students never get this folder"
    for name in ("09-anchor-essays.md", "unseen-source-design.md"):
        assert (NOTES / name).is_file(), name


def test_the_student_edition_leaves_the_teaching_notes_out():
    from coursetools.edition import COPIED
    assert "teaching-notes" not in COPIED and not any(name.startswith("teaching") for name in COPIED)


@pytest.mark.parametrize("path", NOTE_FILES, ids=[p.name for p in NOTE_FILES])
def test_every_citation_in_the_notes_points_at_a_real_line(path):
    for text_id, start, end in CITATION.findall(path.read_text(encoding="utf-8")):
        pc.parse_citation(f"{text_id}:{start}" + (f"-{end}" if end else ""))


@pytest.mark.parametrize("path", NOTE_FILES, ids=[p.name for p in NOTE_FILES])
def test_every_quotation_stands_in_the_line_it_cites(path):
    text = path.read_text(encoding="utf-8")
    wrong = [(words, citation) for words, citation, *_ in QUOTED.findall(text)
             if (path.name, citation) not in DELIBERATE_MISQUOTES and not stands_in(words, citation)]
    assert not wrong, "quotations that do not stand in the lines they cite:\n" + "\n".join(map(str, wrong))


def test_deliberate_misquotes_are_misquotes_and_are_named_in_the_comments():
    for name, citation in DELIBERATE_MISQUOTES:
        text = (NOTES / name).read_text(encoding="utf-8")
        quoted = [words for words, cited, *_ in QUOTED.findall(text) if cited == citation]
        assert any(not stands_in(words, citation) for words in quoted), f"{name}: {citation} is quoted correctly"
        assert text.count(citation) >= 2, f"{name}: the grader's comments must name {citation}"
