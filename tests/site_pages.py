"""What the site's tests need: the site built as `make site` builds it, and the pages of it read as HTML.

Shared by tests/test_site.py (the built files) and tests/test_site_browser.py (the site in Chromium).
"""
from __future__ import annotations

import html.parser
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*/*.ipynb"))
GLOSSARY_LINK = re.compile(r"\]\(glossary\.md#([^)\s]+)\)")


def no_network_reason() -> str | None:
    """Why the build cannot be run without a network here (``unshare --net`` needs root), or None if it can."""
    if shutil.which("unshare") is None:
        return "`unshare` (util-linux) is not installed, so the build cannot be cut off from the network"
    probe = subprocess.run(["unshare", "--net", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"`unshare --net` is not allowed here ({probe.stderr.strip() or probe.returncode}): it needs root"
    return None


@dataclass
class Build:
    site: Path
    seconds: float
    offline: bool
    output: str


def build_site(folder: Path) -> Build:
    """Build the site into ``folder/site`` with `make site`'s command, in a network namespace of its own if possible."""
    command = [sys.executable, "-m", "coursetools.website", str(folder / "site"), "--work", str(folder / "work")]
    offline = no_network_reason() is None
    if offline:
        command = ["unshare", "--net"] + command
    start = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    seconds = time.monotonic() - start
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"the site was not built:\n{output[-5000:]}"
    return Build(folder / "site", seconds, offline, output)


def page_name(notebook: Path) -> str:
    """The site's page for a lesson or exercise notebook of the course.

    >>> page_name(ROOT / "exercises" / "05-x" / "05-x.ipynb"), page_name(ROOT / "lessons" / "05-x.ipynb")
    ('exercises/05-x.html', 'lessons/05-x.html')
    """
    return f"{notebook.relative_to(ROOT).parts[0]}/{notebook.stem}.html"


def glossary_links(notebook: Path) -> list[str]:
    """The glossary anchors a notebook links to (``glossary.md#Old-Style`` gives ``Old-Style``), in order."""
    nb = nbformat.read(str(notebook), as_version=4)
    return [m for cell in nb.cells if cell.cell_type == "markdown" for m in GLOSSARY_LINK.findall(cell.source)]


def figure_alts(notebook: Path) -> list[str]:
    """The alt text of every image in a notebook's stored outputs, in order."""
    nb = nbformat.read(str(notebook), as_version=4)
    alts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            markup = output.get("data", {}).get("text/html", "")
            markup = "".join(markup) if isinstance(markup, list) else markup
            alts += [html.unescape(alt) for alt in re.findall(r'<img\b[^>]*\balt="([^"]*)"', markup)]
    return alts


@dataclass
class Page:
    """One HTML page as the tests read it."""

    lang: str | None = None
    links: list[str] = field(default_factory=list)          # href of every <a>
    resources: list[str] = field(default_factory=list)      # src/href of scripts, styles, images, icons
    images: list[dict] = field(default_factory=list)        # attributes of every <img>
    headings: list[tuple[int, str]] = field(default_factory=list)  # (level, text) in the article, in order
    heading_of_id: dict[str, str] = field(default_factory=dict)    # an id -> text of the first heading at or after it
    tables: list[dict] = field(default_factory=list)        # {"classes", "head": [cells], "rows": [[cells]]}


class _PageParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.pending_ids: list[str] = []
        self.heading: list | None = None
        self.in_article = 0
        self.cell: list[str] | None = None
        self.row: list[str] | None = None
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.page.lang = attrs.get("lang")
        if attrs.get("id"):
            self.pending_ids.append(attrs["id"])
        if tag == "article":
            self.in_article += 1
        if tag == "a" and "href" in attrs:
            self.page.links.append(attrs["href"])
        if tag in ("script", "img", "iframe", "source") and attrs.get("src"):
            self.page.resources.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.page.resources.append(attrs["href"])
        if tag == "img":
            self.page.images.append(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = [int(tag[1]), []]
        if tag == "table":
            self.page.tables.append({"classes": (attrs.get("class") or "").split(), "head": [], "rows": []})
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        if self.heading and tag == f"h{self.heading[0]}":
            text = " ".join("".join(self.heading[1]).split())
            if self.in_article:
                self.page.headings.append((self.heading[0], text))
            for anchor in self.pending_ids:
                self.page.heading_of_id.setdefault(anchor, text)
            self.pending_ids, self.heading = [], None
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None and self.page.tables:
            table = self.page.tables[-1]
            if self.in_head:
                table["head"] = self.row
            else:
                table["rows"].append(self.row)
            self.row = None
        elif tag == "thead":
            self.in_head = False

    def handle_data(self, data):
        if self.heading is not None:
            self.heading[1].append(data)
        if self.cell is not None:
            self.cell.append(data)


def read_page(path: Path) -> Page:
    """Links, resources, images, headings, anchors and tables of one built page."""
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    # The theme ends every heading with a '#' link to it: the heading's text is what comes before.
    strip = lambda text: re.sub(r"\s*#$", "", text)  # noqa: E731
    parser.page.headings = [(level, strip(text)) for level, text in parser.page.headings]
    parser.page.heading_of_id = {key: strip(text) for key, text in parser.page.heading_of_id.items()}
    return parser.page


def html_pages(site: Path) -> list[str]:
    """Every page of the built site, as a path relative to it (the theme's own templates in _static/ left out)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "_static" not in p.parts)
