"""The course's web site in a real browser (issue 17): Debian's headless Chromium, driven through Selenium.

The site is built once per session (tests/conftest.py, `make site`'s command) and served by a small static server
on 127.0.0.1 that the module starts and stops whatever happens. The tests check that

- every page loads without a console error, a broken internal link, anchor or image, or a request to elsewhere;
- every figure of every lesson is there with the notebook's alt text, and glossary links land on their terms;
- search finds a word of a lesson (and nothing for a word of no page);
- lessons, the front page and the glossary are readable at a phone's width: the page does not scroll sideways and
  no prose sticks out of the screen (wide tables and code scroll inside their own box);
- the timeline and places tables filter and sort;
- axe-core (site/package.json, installed by site/install-tools.sh) finds no accessibility problem on any page,
  in the light scheme on every page and in the dark one on a page of each kind.

Each check is shown to fail on a page made to fail it. Screenshots of the front page, a lesson and the glossary at
desktop and phone width are saved in tests/artifacts/site-*.png.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, urldefrag
import urllib.request

import nbformat
import pytest

import servers
from coursetools.website import OMITTED_COLUMNS, heading_id
from servers import ARTIFACTS, ROOT, css, screenshot, wait_for
from site_pages import EXERCISES, LESSONS, figure_alts, glossary_links, html_pages, page_name

pytestmark = pytest.mark.skipif(servers.browser_unavailable() is not None, reason=f"{servers.browser_unavailable()}")

AXE = ROOT / "site" / "node_modules" / "axe-core" / "axe.min.js"
AXE_UNAVAILABLE = ARTIFACTS / "site-tools-unavailable.txt"  # written by site/install-tools.sh
#: The axe-core rule sets the site must pass: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
#: Rules switched off, each with its reason. Keep this short: fix the page instead where the site can.
AXE_RULES_OFF: dict[str, str] = {}
#: Rules whose findings are accepted inside some elements only (a CSS selector), each with its reason.
AXE_ACCEPTED_WITHIN: dict[str, tuple[str, str]] = {
    "empty-table-header": (
        "table.dataframe",
        "pandas writes an empty heading cell above the row labels of every table it shows (and above the columns "
        "when the index has a name); the lessons' stored outputs are pandas' own, shown as JupyterLab shows them. "
        "The rule is one of axe's best practices, not a WCAG criterion, and stays on for every other table.",
    ),
}
#: What the phone-width check looks at: the prose of the article.
PROSE = "article p, article li, article h1, article h2, article h3, article h4, article dt, article dd, article figcaption"


# ---------------------------------------------------------------------------------------------------------
# Fixtures

@pytest.fixture(scope="module")
def site(built_site, tmp_path_factory):
    """The built site served on 127.0.0.1 by Python's http.server, stopped after the module whatever happens."""
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob("site-*.png"):  # the artefacts show this run only
        old.unlink()
    log = tmp_path_factory.mktemp("site-server") / "server.log"
    with servers.static_server(built_site.site, log) as url:
        yield SimpleNamespace(url=url, folder=built_site.site, pages=html_pages(built_site.site))


@pytest.fixture(scope="module")
def browser(site):
    with servers.chromium(log_name="site-chromedriver") as driver:
        driver.set_script_timeout(servers.WAIT)
        yield driver


@pytest.fixture(autouse=True)
def desktop_and_light(request):
    """Every test starts at desktop size in the light scheme."""
    if "browser" in request.fixturenames:
        driver = request.getfixturevalue("browser")
        servers.emulate_desktop(driver)
        servers.emulate_colour_scheme(driver, "light")


# ---------------------------------------------------------------------------------------------------------
# Looking at a page

COLLECT = """
const images = Array.from(document.images).map(i => ({
    src: i.src.startsWith('data:') ? 'data:' : i.src, alt: i.getAttribute('alt'),
    loaded: i.complete && i.naturalWidth > 0, figure: !!i.closest('figure')}));
return {
    url: location.href,
    ids: Array.from(document.querySelectorAll('[id]')).map(e => e.id),
    links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
    images: images,
    resources: performance.getEntriesByType('resource').map(r => r.name),
};
"""


def load(driver, url: str) -> None:
    """Open ``url`` and wait until it and its images have loaded."""
    driver.get(url)
    # Loaded, images too, and no transition running (the theme fades its colours in: contrast is checked after).
    wait_for(driver, lambda d: d.execute_script(
        "return document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)"
        " && document.getAnimations().every(a => a.playState !== 'running')"),
        f"{url} loaded", prefix="site")


def look(driver, url: str) -> dict:
    """Load a page and return what it holds, with the console errors it logged."""
    driver.get_log("browser")  # forget what earlier pages logged
    load(driver, url)
    info = driver.execute_script(COLLECT)
    info["errors"] = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    return info


def page_problems(info: dict, site, pages: dict) -> list[str]:
    """What is wrong with a page that ``look`` read: console errors, broken links, anchors and images, requests
    elsewhere. ``pages`` maps the URL of every page seen so far to what ``look`` read there."""
    problems = [f"console: {message}" for message in info["errors"]]
    problems += [f"loads from elsewhere: {name}" for name in info["resources"]
                 if not name.startswith((site.url + "/", "data:"))]
    for image in info["images"]:
        if not image["loaded"]:
            problems.append(f"image not loaded: {image['src']}")
        if image["figure"] and not (image["alt"] or "").strip():
            problems.append(f"figure without alt text: {image['src']}")
    for link in info["links"]:
        target, fragment = urldefrag(link)
        if not target.startswith(site.url + "/"):
            continue  # a link to another site: not followed (no network in tests)
        if target.endswith("/"):
            target += "index.html"
        if target.endswith(".html"):
            if target not in pages:
                pages[target] = look_later(site, target)
            if pages[target] is None:
                problems.append(f"broken link: {link}")
            elif fragment and fragment not in pages[target]["ids"]:
                problems.append(f"link to a missing anchor: {link}")
        elif not exists(target):
            problems.append(f"broken link: {link}")
    return problems


def look_later(site, url: str) -> dict | None:
    """A page not visited yet: None if it does not exist, else its ids read from the file (for anchors)."""
    path = site.folder / url[len(site.url) + 1:]
    if not path.is_file():
        return None
    return {"ids": re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8"))}


def exists(url: str) -> bool:
    request = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status == 200
    except OSError:
        return False


def overflowing_prose(driver) -> dict:
    """At the current width: does the page scroll sideways, and which prose sticks out of the screen or its own box?

    Prose inside a box of the article that scrolls sideways on its own (a wide table, a code cell, an output) may.
    """
    return driver.execute_script("""
        const width = document.documentElement.clientWidth;
        const scrollsOnItsOwn = (element) => {  // a box inside the article (the article itself is prose's box)
            for (let e = element.parentElement; e && e.tagName !== 'ARTICLE'; e = e.parentElement) {
                if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) return true;
            }
            return false;
        };
        const out = [];
        for (const element of document.querySelectorAll(arguments[0])) {
            const box = element.getBoundingClientRect();
            if (!box.width || scrollsOnItsOwn(element)) continue;
            if (box.right > width + 1 || box.left < -1 || element.scrollWidth > element.clientWidth + 1)
                out.push(element.tagName + ': ' + element.textContent.trim().slice(0, 60));
        }
        const paragraph = document.querySelector('article p');
        return {width: width, scrolls: document.scrollingElement.scrollWidth > width + 1, out: out,
                font: paragraph ? parseFloat(getComputedStyle(paragraph).fontSize) : 0};
    """, PROSE)


def axe_unavailable() -> str | None:
    if AXE.is_file():
        return None
    if AXE_UNAVAILABLE.exists():
        return AXE_UNAVAILABLE.read_text(encoding="utf-8").strip()
    return f"axe-core is not installed ({AXE} is missing): `make test` installs it (sh site/install-tools.sh)"


def axe_violations(driver, disabled=AXE_RULES_OFF, accepted=AXE_ACCEPTED_WITHIN) -> list[str]:
    """axe-core's violations on the page open in ``driver``, one line each with up to three of the elements.

    A finding of a rule in ``accepted`` is left out when its element lies inside that rule's selector.
    """
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script("""
        const [tags, rules, accepted, done] = arguments;
        const acceptable = (rule, node) => rule in accepted && node.target.length === 1 &&
            document.querySelector(node.target[0])?.closest(accepted[rule]);
        axe.run(document, {runOnly: {type: 'tag', values: tags}, rules: rules, resultTypes: ['violations']})
            .then(r => done(r.violations
                .map(v => ({...v, nodes: v.nodes.filter(n => !acceptable(v.id, n))}))
                .filter(v => v.nodes.length)
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' | ' +
                     v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '')
                     .replace(/\\s+/g, ' ').slice(0, 160)).join(' | '))))
            .catch(e => done(['axe failed: ' + e]));
    """, AXE_TAGS, {rule: {"enabled": False} for rule in disabled},
        {rule: selector for rule, (selector, _) in accepted.items()})
    return result


def search(driver, site, word: str) -> list[str]:
    """The pages that the site's search lists for ``word`` (as links relative to the site)."""
    load(driver, f"{site.url}/search.html?q={quote(word)}")
    summary = wait_for(driver, lambda d: [e.text for e in css(d, "#search-results .search-summary") if e.text.strip()],
                       f"search results for {word!r}", prefix="site")[0]
    assert "Search finished" in summary or "did not match" in summary, summary
    return [a.get_attribute("href")[len(site.url) + 1:] for a in css(driver, "#search-results ul.search li a")
            if a.get_attribute("href")]


def lesson_with_a_figure() -> Path:
    return next(p for p in LESSONS if figure_alts(p))


def show(driver, element) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    driver.execute_async_script("const done = arguments[arguments.length - 1];"
                                "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));")


# ---------------------------------------------------------------------------------------------------------
# Every page

def test_every_page_loads_without_console_errors_broken_links_or_images(browser, site):
    pages, problems, reached = {}, {}, {f"{site.url}/index.html"}
    for name in site.pages:
        url = f"{site.url}/{name}"
        pages[url] = info = look(browser, url)
        reached |= {urldefrag(link)[0] for link in info["links"]}
        problems[name] = page_problems(info, site, pages)
    bad = {name: found for name, found in problems.items() if found}
    assert not bad, "\n".join(f"{name}:\n  " + "\n  ".join(found) for name, found in bad.items())
    unlinked = [name for name in site.pages if f"{site.url}/{name}" not in reached
                and name != "search.html"]  # reached through the search box
    assert not unlinked, f"no page links to {unlinked}"
    assert len(site.pages) >= len(LESSONS) + len(EXERCISES) + 10


def test_the_page_check_finds_errors_broken_links_and_images(browser, site):
    load(browser, f"{site.url}/index.html")
    browser.get_log("browser")
    browser.execute_script("""
        const article = document.querySelector('article');
        article.insertAdjacentHTML('beforeend', '<a href="lessons/no-such-lesson.html">gone</a>' +
            '<a href="lessons/glossary.html#no-such-term">no term</a>' +
            '<figure><img src="_static/no-such-image.png"></figure>');
        console.error('planted error');
    """)
    load_images = "return Array.from(document.images).every(i => i.complete)"
    wait_for(browser, lambda d: d.execute_script(load_images), "the planted image tried", prefix="site")
    info = browser.execute_script(COLLECT)
    info["errors"] = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    pages = {f"{site.url}/lessons/glossary.html": look_later(site, f"{site.url}/lessons/glossary.html")}
    problems = "\n".join(page_problems(info, site, pages))
    for expected in ("planted error", "broken link: " + site.url + "/lessons/no-such-lesson.html",
                     "missing anchor: " + site.url + "/lessons/glossary.html#no-such-term",
                     "image not loaded: " + site.url + "/_static/no-such-image.png", "figure without alt text"):
        assert expected in problems, f"{expected!r} not reported:\n{problems}"


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_figure_is_shown_with_its_alt_text(browser, site, lesson):
    load(browser, f"{site.url}/{page_name(lesson)}")
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('article img')).filter(i => i.src.startsWith('data:'))"
        ".map(i => [i.getAttribute('alt'), i.complete && i.naturalWidth > 100])")
    assert [alt for alt, _ in shown] == figure_alts(lesson)
    assert all(loaded for _, loaded in shown), "a figure did not load"


@pytest.mark.parametrize("lesson", [p for p in LESSONS if glossary_links(p)],
                         ids=[p.stem for p in LESSONS if glossary_links(p)])
def test_a_glossary_link_lands_on_its_term(browser, site, lesson):
    with open(ROOT / "partycorpus" / "data" / "glossary.csv", newline="", encoding="utf-8") as handle:
        terms = {heading_id(row["term"]): row["term"] for row in csv.DictReader(handle)}
    load(browser, f"{site.url}/{page_name(lesson)}")
    link = [a for a in css(browser, "article a") if "glossary.html#" in (a.get_attribute("href") or "")][0]
    show(browser, link)
    link.click()
    term = terms[glossary_links(lesson)[0]]
    heading = wait_for(browser, lambda d: d.execute_script("""
        const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        if (!target) return null;
        const heading = target.matches('h1, h2, h3, h4') ? target : target.querySelector('h1, h2, h3, h4');
        const box = heading.getBoundingClientRect();
        return box.top >= 0 && box.top < innerHeight / 2 ? heading.textContent.replace(/#$/, '').trim() : null;
    """), f"the glossary term of the first link of {lesson.name} at the top of the window", prefix="site")
    assert heading == term


def test_search_finds_a_word_of_a_lesson_and_nothing_for_a_word_of_no_page(browser, site):
    lesson = LESSONS[min(5, len(LESSONS) - 1)]
    nb = nbformat.read(str(lesson), as_version=4)
    prose = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    others = " ".join(p.read_text(encoding="utf-8") for p in LESSONS if p != lesson).lower()
    # A word of this lesson's prose that no other lesson uses (so the search must find this very lesson).
    word = sorted((w for w in set(re.findall(r"\b[a-z]{8,}\b", prose)) if w not in others), key=lambda w: (-len(w), w))[0]
    found = search(browser, site, word)
    assert page_name(lesson) in found, f"searching {word!r} did not find {lesson.name}: {found}"
    screenshot(browser, "search", prefix="site")
    assert search(browser, site, "xylophonequartz") == []


# ---------------------------------------------------------------------------------------------------------
# At a phone's width

def test_pages_are_readable_at_phone_width(browser, site):
    servers.emulate_phone(browser)
    names = ["index.html", "lessons/glossary.html", "data/timeline.html"] + [page_name(p) for p in LESSONS + EXERCISES]
    problems = []
    for name in names:
        load(browser, f"{site.url}/{name}")
        found = overflowing_prose(browser)
        assert found["width"] <= servers.PHONE["width"], f"{name} is laid out wider than the phone: {found['width']}"
        if found["scrolls"]:
            problems.append(f"{name}: the page scrolls sideways")
        problems += [f"{name}: {item}" for item in found["out"]]
        if found["font"] < 14:
            problems.append(f"{name}: text of {found['font']} px is too small to read")
    assert not problems, "\n".join(problems)


def test_the_phone_check_finds_prose_that_sticks_out(browser, site):
    servers.emulate_phone(browser)
    load(browser, f"{site.url}/{page_name(LESSONS[0])}")
    assert overflowing_prose(browser)["out"] == []
    browser.execute_script("document.querySelector('article section').insertAdjacentHTML('beforeend',"
                           "'<p style=\"white-space: nowrap\">' + 'a line that never wraps '.repeat(20) + '</p>');")
    found = overflowing_prose(browser)
    assert found["scrolls"] and found["out"] == ["P: " + ("a line that never wraps " * 3)[:60]]


def test_screenshots_of_the_front_page_a_lesson_and_the_glossary(browser, site):
    lesson = lesson_with_a_figure()
    for width in ("desktop", "phone"):
        if width == "phone":
            servers.emulate_phone(browser)
        for name, page in (("front", "index.html"), ("lesson", page_name(lesson)), ("glossary", "lessons/glossary.html")):
            load(browser, f"{site.url}/{page}")
            screenshot(browser, f"{name}-{width}", prefix="site")
        load(browser, f"{site.url}/{page_name(lesson)}")
        passage = [e for e in css(browser, "article .cell_output pre") if re.match(r"\S+:\d+", e.text)][0]
        show(browser, passage)
        screenshot(browser, f"lesson-passage-{width}", prefix="site")
        show(browser, css(browser, "article figure img")[0])
        screenshot(browser, f"lesson-figure-{width}", prefix="site")
        load(browser, f"{site.url}/data/timeline.html")
        show(browser, css(browser, "table.data-table")[0])
        screenshot(browser, f"timeline-{width}", prefix="site")


# ---------------------------------------------------------------------------------------------------------
# The data tables

def test_the_timeline_table_filters_and_sorts(browser, site):
    with open(ROOT / "partycorpus" / "data" / "timeline.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    load(browser, f"{site.url}/data/timeline.html")
    column = lambda name: browser.execute_script(  # noqa: E731  the cells of a column in the rows shown, in order
        "const table = document.querySelector('table.data-table');"
        "const index = Array.from(table.tHead.rows[0].cells).findIndex(c => c.textContent.trim() === arguments[0]);"
        "return Array.from(table.tBodies[0].rows).filter(r => !r.hidden).map(r => r.cells[index].textContent.trim());",
        name)
    assert len(column("event_id")) == len(rows)
    word = rows[0]["event_id"]
    box = css(browser, ".data-table-filter input")[0]
    show(browser, box)
    box.send_keys(word)
    expected = [r["event_id"] for r in rows
                if word in " ".join(v for k, v in r.items() if k not in OMITTED_COLUMNS).lower()]
    wait_for(browser, lambda d: column("event_id") == expected, f"only the rows with {word!r}", prefix="site")
    assert f"{len(expected)} of {len(rows)} rows shown" in css(browser, ".data-table-status")[0].text
    box.clear()
    box.send_keys(" ")
    wait_for(browser, lambda d: len(column("event_id")) == len(rows), "every row again", prefix="site")
    button = [b for b in css(browser, "table.data-table thead th button") if b.get_attribute("textContent") == "date"][0]
    show(browser, button)
    button.click()
    assert column("date") == sorted(r["date"] for r in rows)
    assert button.find_element("xpath", "..").get_attribute("aria-sort") == "ascending"
    button.click()
    assert column("date") == sorted((r["date"] for r in rows), reverse=True)


# ---------------------------------------------------------------------------------------------------------
# Accessibility (axe-core)

def representative_pages(site) -> list[str]:
    """A page of each kind: front, lesson, exercise, glossary, datasheet, report, table, guide, search."""
    reports = [p for p in site.pages if p.startswith("source_texts/reports/")]
    return ["index.html", page_name(lesson_with_a_figure()), page_name(EXERCISES[0]), "lessons/glossary.html",
            "source_texts/README.html", reports[0], "data/timeline.html", "INSTRUCTORS.html", "search.html"]


def test_every_page_passes_axe_in_the_light_scheme(browser, site):
    if axe_unavailable():
        pytest.skip(axe_unavailable())
    found = {}
    for name in site.pages:
        load(browser, f"{site.url}/{name}")
        found[name] = axe_violations(browser)
    bad = {name: v for name, v in found.items() if v}
    assert not bad, "\n".join(f"{name}:\n  " + "\n  ".join(v) for name, v in bad.items())


def test_a_page_of_each_kind_passes_axe_in_the_dark_scheme(browser, site):
    if axe_unavailable():
        pytest.skip(axe_unavailable())
    servers.emulate_colour_scheme(browser, "dark")
    found = {}
    for name in representative_pages(site):
        load(browser, f"{site.url}/{name}")
        assert browser.execute_script("return document.documentElement.dataset.theme") == "dark"
        found[name] = axe_violations(browser)
    screenshot(browser, "dark-search", prefix="site")
    bad = {name: v for name, v in found.items() if v}
    assert not bad, "\n".join(f"{name}:\n  " + "\n  ".join(v) for name, v in bad.items())


def test_axe_finds_a_missing_alt_text_low_contrast_a_skipped_heading_and_an_empty_table_heading(browser, site):
    if axe_unavailable():
        pytest.skip(axe_unavailable())
    load(browser, f"{site.url}/{page_name(LESSONS[0])}")
    browser.execute_script("""
        document.querySelector('article').insertAdjacentHTML('beforeend',
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">' +
            '<p style="color: #bbbbbb; background: #ffffff">Pale grey on white.</p><h5>A heading five</h5>' +
            '<table><thead><tr><th></th><th>count</th></tr></thead><tbody><tr><td>a</td><td>1</td></tr></tbody></table>');
    """)
    found = " ".join(axe_violations(browser))
    for rule in ("image-alt", "color-contrast", "heading-order", "empty-table-header"):
        assert rule in found, f"axe did not report {rule}: {found}"
