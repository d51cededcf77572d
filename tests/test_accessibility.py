"""Every figure in every lesson is accessible (issue 9): alt text, title, labelled axes, a colour-blind-safe palette.

The test walks the stored outputs of lessons/*.ipynb, so a lesson added later is checked
without a change here. A figure must reach the page through ``pc.show_figure`` (which
refuses a figure without a title, axis labels or alt text) and so be HTML
``<figure><img alt=...><figcaption>``. The test fails on:

- a raw ``image/png`` / ``image/svg+xml`` output: a figure shown without alt text
  (``plt.show()``, ``display(fig)``, a figure left open at the end of a cell);
- an ``<img>`` without alt text, or with alt text too short to describe anything
  (``partycorpus.plots.figures.alt_text_problems``), or without a caption;
- a figure whose pixels use colours outside ``pc.PALETTE`` and its tints, or the
  safe colour maps (``tests/figure_checks.py``);
- a Markdown image without alt text;
- a code cell that draws a figure and neither shows it with ``show_figure`` nor
  closes it. Lessons are stored by kernels running Matplotlib's Agg back end
  (``make lessons``, the test suite), which shows nothing for a figure left open,
  while a student's JupyterLab shows it as a bare image: only the source tells.

The negative examples below prove that each check can fail.
"""
from __future__ import annotations

import base64
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import partycorpus as pc
from figure_checks import colour_problems
from partycorpus.plots.figures import PALETTE, alt_text_problems

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
RAW_IMAGES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml")
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)")
DATA_PNG = re.compile(r"^data:image/png;base64,([A-Za-z0-9+/=\s]+)$")
# A cell that draws: pyplot's figure makers, pandas' .plot, and any helper named plot... (pc.plot_timeline, ...).
DRAWS = re.compile(r"\bplt\.(?:subplots?|figure|plot|bar|barh|hist|scatter|imshow)\(|\.plot\b|\bplot\w*\(|\.hist\(")
SHOWS_OR_CLOSES = re.compile(r"\bshow_figure\(|\bplt\.close\(")
SHOWS_BARE = re.compile(r"\bplt\.show\(|\bfig\w*\.show\(|\bdisplay\(\s*fig")


class _Figures(HTMLParser):
    """Collect the images of an HTML output: their attributes, enclosing <figure> and caption."""

    def __init__(self):
        super().__init__()
        self.images, self._figure, self._caption = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "figure":
            self._figure = {"caption": ""}
        elif tag == "figcaption" and self._figure is not None:
            self._caption = []
        elif tag == "img":
            self.images.append({"attrs": dict(attrs), "figure": self._figure})

    def handle_data(self, data):
        if self._caption is not None:
            self._caption.append(data)

    def handle_endtag(self, tag):
        if tag == "figcaption" and self._caption is not None:
            self._figure["caption"] = "".join(self._caption).strip()
            self._caption = None
        elif tag == "figure":
            self._figure = None


def html_images(markup: str) -> list[dict]:
    parser = _Figures()
    parser.feed(markup)
    parser.close()
    return parser.images


def image_problems(image: dict, shown_by_helper: bool) -> list[str]:
    alt = image["attrs"].get("alt")
    caption = (image["figure"] or {}).get("caption", "")
    problems = [f"figure {caption!r}: {problem}" for problem in alt_text_problems(alt, caption)]
    if not caption:
        problems.append("an image without a <figure> caption (its title): show it with pc.show_figure(fig, alt=...)")
    png = DATA_PNG.match(image["attrs"].get("src") or "")
    if png:
        if not shown_by_helper:
            problems.append(f"figure {caption!r} was not shown with pc.show_figure, which checks its title and axis labels")
        problems += [f"figure {caption!r}: {p}" for p in colour_problems(base64.b64decode(png[1]))]
    return problems


def notebook_problems(nb) -> list[str]:
    """Every accessibility problem in a notebook's cells and stored outputs, each with its cell number."""
    found = []
    for number, cell in enumerate(nb.cells, start=1):
        where = f"cell {number}"
        if cell.cell_type == "markdown":
            for alt, src in MARKDOWN_IMAGE.findall(cell.source):
                if len(alt.split()) < 3:
                    found.append(f"{where}: the image {src!r} needs alt text that says what it shows")
            for image in html_images(cell.source):
                if not (image["attrs"].get("alt") or "").strip():
                    found.append(f"{where}: an <img> without alt text")
            continue
        if cell.cell_type != "code":
            continue
        source = re.sub(r"#.*", "", cell.source)  # comments say what a cell does; only code draws
        if SHOWS_BARE.search(source):
            found.append(f"{where}: plt.show() or display(fig) shows a figure without alt text; "
                         "use pc.show_figure(fig, alt=...)")
        elif DRAWS.search(source) and not SHOWS_OR_CLOSES.search(source):
            found.append(f"{where}: the cell draws a figure but neither shows it with pc.show_figure(fig, alt=...) "
                         "nor closes it, so JupyterLab shows it without alt text")
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for kind in RAW_IMAGES:
                if kind in data:
                    found.append(f"{where}: a {kind} output is a figure without alt text; "
                                 "show figures with pc.show_figure(fig, alt=...)")
            markup = data.get("text/html", "")
            if isinstance(markup, list):
                markup = "".join(markup)
            shown_by_helper = str(data.get("text/plain", "")).startswith("<figure: ")
            for image in html_images(markup):
                found += [f"{where}: {p}" for p in image_problems(image, shown_by_helper)]
    return found


def figure_count(nb) -> int:
    return sum(len(html_images(o.get("data", {}).get("text/html", "") if isinstance(
        o.get("data", {}).get("text/html", ""), str) else "".join(o["data"]["text/html"])))
        for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


# ---------------------------------------------------------------------------------------------------------
# The lessons.

@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_figure_in_the_lesson_is_accessible(path):
    problems = notebook_problems(nbformat.read(str(path), as_version=4))
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def test_the_lessons_have_figures_to_check():
    assert LESSONS, "no lessons found"
    assert figure_count(nbformat.read(str(ROOT / "lessons" / "00-orientation.ipynb"), as_version=4)) >= 1


# ---------------------------------------------------------------------------------------------------------
# Negative examples: each check fails when it should.

def draw(colours=None, alpha=1.0, alt="Bar chart of three counts: the third bar is the tallest of them.",
         title="Three counts"):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 2.5))
    ax.bar(["a", "b", "c"], [1, 2, 3], color=colours, alpha=alpha)
    pc.label_axes(ax, title, "letter", "count")
    return pc.show_figure(fig, alt=alt)


def figure_output(shown) -> dict:
    return new_output("execute_result", data={"text/html": shown._repr_html_(), "text/plain": repr(shown)},
                      execution_count=1)


def one_cell(source="# A figure.\npc.show_figure(fig, alt=alt)", outputs=()) -> nbformat.NotebookNode:
    cell = new_code_cell(source)
    cell.outputs = list(outputs)
    return new_notebook(cells=[cell])


def raw_png() -> str:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2], [2, 1])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode()


def test_a_good_figure_passes():
    assert notebook_problems(one_cell(outputs=[figure_output(draw(PALETTE[:3]))])) == []


def test_a_figure_shown_as_a_bare_image_fails():
    output = new_output("display_data", data={"image/png": raw_png(), "text/plain": "<Figure size 640x480>"})
    problems = notebook_problems(one_cell("# Draw.\nfig", [output]))
    assert any("image/png output is a figure without alt text" in p for p in problems), problems


def test_an_image_without_alt_text_fails():
    markup = f'<figure><img src="data:image/png;base64,{raw_png()}"><figcaption>A line</figcaption></figure>'
    output = new_output("display_data", data={"text/html": markup, "text/plain": "<figure: A line. Alt text: >"})
    problems = notebook_problems(one_cell(outputs=[output]))
    assert any("has no alt text" in p for p in problems), problems


def test_alt_text_too_short_to_describe_anything_fails():
    shown = draw(PALETTE[:3], alt="Bar chart of three counts that rise from left to right.")
    shown.alt = "Bar chart of counts."  # a stored output made some other way than show_figure, which refuses it
    problems = notebook_problems(one_cell(outputs=[figure_output(shown)]))
    assert any("the alt text has 4 words" in p for p in problems), problems


def test_alt_text_that_only_repeats_the_title_fails():
    title = "Words in each received file of the course, counted as runs of letters"
    shown = draw(PALETTE[:3], alt="Bar chart of three counts that rise from left to right.", title=title)
    shown.alt = title + "."  # a stored output made some other way than show_figure, which refuses it
    assert any("only repeats the title" in p for p in notebook_problems(one_cell(outputs=[figure_output(shown)])))


@pytest.mark.parametrize("colours", [["red", "green", "blue"], ["tab:red", "tab:green", "tab:orange"]],
                         ids=["red-green", "matplotlib-tab10"])
def test_colours_outside_the_palette_fail(colours):
    problems = notebook_problems(one_cell(outputs=[figure_output(draw(colours))]))
    assert any("outside the colour-blind-safe palette" in p for p in problems), problems


def test_palette_tints_and_the_default_colour_cycle_pass():
    import matplotlib.pyplot as plt
    import numpy as np

    assert colour_problems(draw(PALETTE[:3], alpha=0.4).png) == []  # transparency over white
    fig, ax = plt.subplots()
    for slope in range(6):  # no colours given: the course style's cycle is the palette
        ax.plot(np.arange(10) * slope, linewidth=2)
    ax.imshow(np.arange(100).reshape(10, 10), extent=(0, 3, 0, 3))  # default colour map
    pc.label_axes(ax, "Lines", "x", "y")
    assert colour_problems(pc.show_figure(fig, alt="Six straight lines of rising slope over a small heat map.").png) == []


def test_a_figure_not_made_by_show_figure_fails():
    markup = (f'<figure><img src="data:image/png;base64,{raw_png()}" alt="A line falling from two to one across the '
              'plot, drawn without labels."><figcaption>A line</figcaption></figure>')
    output = new_output("display_data", data={"text/html": markup, "text/plain": "<IPython.core.display.HTML object>"})
    problems = notebook_problems(one_cell(outputs=[output]))
    assert any("not shown with pc.show_figure" in p for p in problems), problems


@pytest.mark.parametrize("source, expected", [
    ("# Draw and show.\nfig, ax = plt.subplots()\nax.plot([1, 2])\nplt.show()", "plt.show()"),
    ("# Draw, and leave the figure open.\nfig, ax = plt.subplots()\nax.plot([1, 2])", "neither shows it"),
    ("# Let pandas draw.\nsizes.plot.bar()", "neither shows it"),
])
def test_a_cell_that_leaves_its_figure_to_jupyterlab_fails(source, expected):
    problems = notebook_problems(one_cell(source))
    assert any(expected in p for p in problems), problems


def test_a_cell_that_shows_its_figure_with_the_helper_passes():
    source = "# Draw and show.\nfig, ax = plt.subplots()\nax.plot([1, 2])\npc.show_figure(fig, alt=alt)"
    assert notebook_problems(one_cell(source)) == []
    assert notebook_problems(one_cell("# We plot(ted) nothing here: plt.show() is only named in a comment.\nx = 1")) == []


def test_markdown_images_need_alt_text():
    nb = new_notebook(cells=[new_markdown_cell("A map: ![](map.png) and <img src='x.png'>")])
    problems = notebook_problems(nb)
    assert len(problems) == 2, problems
