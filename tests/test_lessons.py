"""The shape of every lesson (COURSE.md §4), and every citation in lessons and exercises resolves."""
import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

import partycorpus as pc
from partycorpus.corpus.received import decode, split_lines
from partycorpus.coursedata.glossary import glossary
from coursetools.website import heading_id

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("build_pages", ROOT / "dev" / "build_pages.py")
build_pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_pages)
glossary_markdown = build_pages.glossary_markdown
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
NOTEBOOKS = LESSONS + sorted((ROOT / "solutions").rglob("*.ipynb")) + sorted((ROOT / "exercises").rglob("*.ipynb"))
SAMPLES = ROOT / "lessons" / "samples"
CITATION = re.compile(r"\b([a-z]+-(?:\d{4}|undated)(?:-[a-z0-9]+)+):(\d+)(?:-(\d+))?")
GLOSSARY_LINK = re.compile(r"\]\(glossary\.md#([^)\s]+)\)")


def markdown(path):
    return "\n".join(c.source for c in nbformat.read(str(path), as_version=4).cells if c.cell_type == "markdown")


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_has_the_course_skeleton(path):
    nb = nbformat.read(str(path), as_version=4)
    header = nb.cells[0].source
    assert header.startswith(f"# {path.stem[:2]} ·"), "the first cell is the title, starting with the lesson number"
    for field in ("Central question", "You will learn to", "Skills", "Time", "Prerequisites"):
        assert f"**{field}**" in header, f"the header lacks {field}"
    text = markdown(path)
    for section in ("## Background", "## Your claim", "## Key points"):
        assert section in text, f"the lesson lacks a section {section!r}"


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_code_cells_open_with_a_comment_and_have_run(path):
    for cell in nbformat.read(str(path), as_version=4).cells:
        if cell.cell_type == "code":
            assert cell.source.lstrip().startswith(("#", "%")), f"code cell without an opening comment:\n{cell.source[:200]}"
            assert cell.execution_count is not None, "the lesson must be stored executed (nbval compares its outputs)"
            assert "execution" not in cell.metadata, "run lessons with `make lessons` (no timestamps in stored cells)"


def sample_lines(text_id):
    """The lines of a sample text of lesson 11 (lessons/samples/<text-id>.txt), which a notebook adds itself."""
    path = SAMPLES / f"{text_id}.txt"
    return split_lines(decode(path.read_bytes(), "utf-8", str(path))) if path.is_file() else None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(ROOT)) for p in NOTEBOOKS])
def test_every_citation_points_at_a_real_line(path):
    text = "\n".join(c.source for c in nbformat.read(str(path), as_version=4).cells)
    found = CITATION.findall(text)
    for text_id, start, end in found:
        citation = f"{text_id}:{start}" + (f"-{end}" if end else "")
        sample = sample_lines(text_id) if text_id not in pc.text_ids() else None
        if sample is not None:  # a text the notebook adds with pc.add_text: its line must exist in the sample file
            assert 1 <= int(start) <= int(end or start) <= len(sample), f"{citation}: no such line in the sample"
            continue
        pc.parse_citation(citation)  # raises for an unknown id or a line outside the text
    if path in LESSONS:
        assert found, "a lesson cites the corpus"


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_glossary_links_resolve(path):
    anchors = {heading_id(term) for term in glossary()["term"]}
    for target in GLOSSARY_LINK.findall(markdown(path)):
        assert target in anchors, f"glossary link #{target} has no entry in partycorpus/data/glossary.csv"


def test_glossary_page_is_up_to_date():
    assert (ROOT / "lessons" / "glossary.md").read_text(encoding="utf-8") == glossary_markdown(), "run `make pages`"


def test_glossary_terms_appear_in_their_first_lesson():
    table = glossary()
    assert table.index.is_unique and (table["definition"].str.len() > 20).all()
    for _, row in table.iterrows():
        lesson = [p for p in LESSONS if p.stem.startswith(row["first_lesson"] + "-")]
        assert lesson, f"{row['term']}: no lesson {row['first_lesson']}"
        text = markdown(lesson[0])
        assert row["term"].lower() in text.lower() or f"](glossary.md#{heading_id(row['term'])})" in text, \
            f"{row['term']} is not used in {lesson[0].name}"
