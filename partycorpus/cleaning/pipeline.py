"""Clean a whole text once, step by step, and keep every change with its received line.

:func:`clean_file` runs the steps on a copy of the received lines (the files
are never written) and caches the result for the session, a
:class:`CleanedFile`; the views of :mod:`partycorpus.cleaning.views`
(``pc.clean``, ``pc.body``, ``pc.chapter``, ``pc.footnotes``) cut segments out
of it, and ``pc.passage(text_id, first, last, clean=True)`` reads lines of it.

Which steps run is data: the catalogue's ``cleaning`` field names a profile
of ``partycorpus/data/cleaning_profiles.csv``, and the profile switches three
stages on or off. ``ocr-book`` (a scanned book) runs them all: page layout
(running heads, signature marks, page numbers, footnotes, drop capitals), the
repairs of :mod:`.repairs`, then rejoining of split words; ``ocr-text`` runs
the repairs and the rejoining only; ``web-page`` and ``plain`` run none. Web
texts get no repairs: their damage (stripped numerals, inverted capitals) is
the evidence the lessons study, and their non-body parts are set apart by the
segment table alone.

>>> result = clean_file("carr-1959-socialism-vol2")
>>> result.profile, result.text[17]          # line 18: 'Soviet local govern' + 'ment'
('ocr-book', 'Nagoya, who is engaged in a detailed study of Soviet local government')
>>> result.stream[96]                        # line 97 is a footnote
'footnote'
"""
from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import itertools
import re
from dataclasses import dataclass

from ..corpus.catalogue import field, received_text
from ..corpus.segments import spans
from ..coursedata.profiles import profile_stages
from . import repairs
from .hyphenation import Evidence, rejoin
from . import disk_cache
from .layout import apply_layout
from .model import Change

#: Segment kinds whose lines are laid out in printed pages (footnotes, running heads).
PAGED_KINDS = ("preface", "body", "notes")
#: Segment kinds whose titles may recur as running heads.
TITLE_KINDS = ("chapter", "part", "preface", "notes")

#: The steps, in the order they run, with what each one does (shown in the reports).
STEPS = {
    "running-head": "page headers removed (page number, chapter or part title); text the OCR glued to them is kept",
    "signature-mark": "printer's signature marks removed ('VOL. II B')",
    "page-number": "page numbers standing alone at the foot of a page removed",
    "footnote": "footnote lines moved out of the running text into the footnote stream",
    "drop-capital": "a chapter's large initial letter, printed on a line of its own, joined to its word",
    "year": "years with letters for digits repaired ('I924' -> '1924', '19z6' -> '1926')",
    "number": "other numbers with letters for digits repaired ('December r7' -> 'December 17', '4o,ooo' -> '40,000')",
    "chapter-number": "chapter numbers in chapter headings repaired ('IJ' -> '13'), checked against the segment table",
    "hyphen-lookalike": "hyphens read as '·', 'R' or 'M' restored ('All·Russian' -> 'All-Russian')",
    "ligature": "the ligature œ read as 'ffi', 'ce', 're' or '<e' restored ('MANffiUVRING' -> 'MANŒUVRING')",
    "accent": "é or ô read as '6', 'C' or 'O' restored ('r6gime' -> 'régime')",
    "misread-letter": "a digit or stray capital inside a word repaired into an English word ('wh1ch' -> 'which')",
    "footnote-reference": "footnote reference marks removed from the text ('1924.4 Petrograd' -> '1924. Petrograd')",
    "rejoin": "words split over two lines rejoined on the first line ('govern' + 'ment' -> 'government')",
}


#: The stage of a cleaning profile each step belongs to (``data/cleaning_profiles.csv`` switches stages on).
STEP_STAGES = {
    "running-head": "layout", "signature-mark": "layout", "page-number": "layout", "footnote": "layout",
    "drop-capital": "layout", "year": "repairs", "number": "repairs", "chapter-number": "repairs",
    "hyphen-lookalike": "repairs", "ligature": "repairs", "accent": "repairs", "misread-letter": "repairs",
    "footnote-reference": "layout", "rejoin": "rejoin",
}


@dataclass
class State:
    """The working copy: cleaned text and stream of each received line (index = line - 1)."""

    text: list
    stream: list
    changes: list
    raw: tuple = ()


@dataclass(frozen=True)
class CleanedFile:
    """A whole text after cleaning: one entry per received line, and the changes made.

    ``text[n - 1]`` is the cleaned text of received line ``n`` (``""`` if removed),
    ``stream[n - 1]`` is ``"text"``, ``"footnote"`` or ``"removed"``.
    """

    text_id: str
    profile: str
    raw: tuple
    text: tuple
    stream: tuple
    changes: tuple


def profile(checked_id: str) -> str:
    """Return the cleaning profile of a checked text id: its catalogue row's ``cleaning`` field.

    >>> profile("carr-1959-socialism-vol2"), profile("tarov-1936-escape")
    ('ocr-book', 'web-page')
    """
    return field(checked_id, "cleaning")


def _regions(rows, count: int) -> list[int]:
    """Return, for each line, the index of the outermost segment holding it (-1 if none)."""
    spans = [(row.start, row.end) for row in rows]
    region = [-1] * count
    for index, (start, end) in enumerate(spans):
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans):
            region[start - 1:end] = [index] * (end - start + 1)
    return region


def _paged_ranges(rows, count: int) -> list[tuple[int, int]]:
    ranges = sorted((row.start, row.end) for row in rows if row.kind in PAGED_KINDS)
    outer = [r for r in ranges if not any(o != r and o[0] <= r[0] and r[1] <= o[1] for o in ranges)]
    return outer or [(1, count)]


def _protected(rows) -> set[int]:
    found = set()
    for row in rows:
        if row.kind == "heading":
            found.update(range(row.start, row.end + 1))
    return found


#: Quick searches over the whole text that find the lines a rule may change.
_INSIDE_WORD = re.compile(r"[0-9A-Z](?<=[a-z][0-9A-Z])(?=[a-z])")
TRIGGERS = {
    "year": (re.compile(r"[1IlJrti][9g][0-9OoIlrtizZaJ+Ss][0-9OoIlrtizZaJ+Ssg]"),),
    "number": (re.compile(r"\d[oOrlIzZsS]"), re.compile(r"[oOrlIzZsS]\d")),
    "chapter-number": (re.compile(r"CHAPTER"),),
    "hyphen-lookalike": (re.compile("·"), _INSIDE_WORD),
    "ligature": (re.compile(r"uv|UV"),),
    "accent": (_INSIDE_WORD,),
    "misread-letter": (_INSIDE_WORD,),
    "footnote-reference": (re.compile(r"[.,;:!?\"')\]]\s?[1-9zJs+~rl](?=\s|$)", re.M),),
}


def _candidates(raw: tuple, step: str) -> list[int]:
    """Return the line numbers where the trigger of ``step`` matches the received text.

    The received text is searched once per trigger, a superset of the lines the
    rule may change (earlier steps only remove text or turn letters into digits).
    """
    found = set()
    for pattern in TRIGGERS[step]:
        found.update(_matching_lines(raw, pattern))
    return sorted(found)


@functools.lru_cache(maxsize=32)
def _matching_lines(raw: tuple, pattern) -> frozenset:
    joined, starts = _joined(raw)
    return frozenset(bisect.bisect_right(starts, m.start()) for m in pattern.finditer(joined))


@functools.lru_cache(maxsize=8)
def _joined(raw: tuple):
    return "\n".join(raw), list(itertools.accumulate((len(line) + 1 for line in raw), initial=0))


def _line_rule(state: State, step: str, rule, allowed=None, streams=("text", "footnote")) -> None:
    for number in _candidates(state.raw, step):
        if state.stream[number - 1] not in streams or (allowed is not None and number not in allowed):
            continue
        new, edits = rule(state.text[number - 1])
        if edits:
            state.text[number - 1] = new
            state.changes.extend(Change(step, number, before, after) for before, after in edits)


def _run_layout(state: State, rows, count: int) -> set[int]:
    """Page layout of a printed book; return the lines of running text (where footnote marks may stand)."""
    protected = _protected(rows)
    titles = {row.title for row in rows if row.kind in TITLE_KINDS and row.title}
    titles = sorted(titles, key=lambda t: (-len(t.split()), t))
    paged = _paged_ranges(rows, count)
    for start, end in paged:
        apply_layout(state, start, end, protected, titles)
    return {n for start, end in paged for n in range(start, end + 1) if n not in protected}


def _run_repairs(state: State, rows) -> None:
    _line_rule(state, "year", repairs.repair_years)
    _line_rule(state, "number", repairs.repair_numbers)
    for row in (row for row in rows if row.kind == "chapter"):
        rule = functools.partial(repairs.repair_chapter_number, expected=int(row.number))
        _line_rule(state, "chapter-number", rule, {row.start})
    _line_rule(state, "hyphen-lookalike", repairs.repair_hyphen_lookalikes)
    _line_rule(state, "ligature", repairs.repair_ligatures)
    _line_rule(state, "accent", repairs.repair_accents)
    _line_rule(state, "misread-letter", repairs.repair_misread_letters)


def _run_rejoin(state: State, rows, count: int) -> None:
    evidence = Evidence(state.text)
    region = _regions(rows, count)
    for stream in ("text", "footnote"):
        numbers = [n for n in range(1, count + 1) if state.stream[n - 1] == stream]
        groups = {}
        for number in numbers:
            groups.setdefault(region[number - 1], []).append(number)
        for group in groups.values():
            rejoin(state, group, evidence)


@contextlib.contextmanager
def _without_gc():
    """Pause the cyclic garbage collector: cleaning allocates many small objects and
    creates no reference cycles, and the collector's passes cost about a tenth of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Texts shorter than this are cleaned faster than a cache entry is read.
CACHED_FROM = 100_000


def cache_inputs(received: str, kind: str, rows: tuple) -> str:
    """What a cleaned text depends on besides the code (the disk cache's key): the received text, the cleaning
    profile and the segments."""
    return f"{kind}\n{rows!r}\n{received}"


@functools.lru_cache(maxsize=16)
def _cleaned(text_id: str, received: str, kind: str, rows: tuple) -> CleanedFile:
    # Kept on disk too (disk_cache), so that no other Python cleans a long text again.
    inputs = cache_inputs(received, kind, rows) if len(received) >= CACHED_FROM else None
    if inputs is not None:
        entry = disk_cache.load(text_id, inputs)
        if entry is not None:
            try:
                return _from_entry(entry)
            except (KeyError, TypeError, ValueError):
                pass
    with _without_gc():
        result = _clean_text(text_id, received, kind, rows)
    if inputs is not None:
        disk_cache.store(text_id, inputs, _to_entry(result))
    return result


def _to_entry(result: CleanedFile) -> dict:
    return {"text_id": result.text_id, "profile": result.profile, "raw": list(result.raw), "text": list(result.text),
            "stream": list(result.stream), "changes": [[c.step, c.line, c.before, c.after] for c in result.changes]}


def _from_entry(entry: dict) -> CleanedFile:
    return CleanedFile(entry["text_id"], entry["profile"], tuple(entry["raw"]), tuple(entry["text"]),
                       tuple(entry["stream"]), tuple(Change(s, int(n), b, a) for s, n, b, a in entry["changes"]))


def _clean_text(text_id: str, received: str, kind: str, rows: tuple) -> CleanedFile:
    raw = tuple(received.split("\n"))
    count = len(raw)
    state = State(list(raw), ["text"] * count, [], raw)
    stages = profile_stages(kind)
    if "layout" in stages:
        running = _run_layout(state, rows, count)
    if "repairs" in stages:
        _run_repairs(state, rows)
    if "layout" in stages:
        _line_rule(state, "footnote-reference", repairs.remove_footnote_references, running, streams=("text",))
    if "rejoin" in stages:
        _run_rejoin(state, rows, count)
    order = {step: i for i, step in enumerate(STEPS)}
    changes = sorted(state.changes, key=lambda c: (order.get(c.step, len(order)), c.line))
    return CleanedFile(text_id, kind, raw, tuple(state.text), tuple(state.stream), tuple(changes))


def clean_file(checked_id: str) -> CleanedFile:
    """Return the whole received file of a checked text id, cleaned (cached per session; the file is only read).

    The result depends on the received text, the text's cleaning profile and
    its segments, and is made again when one of them changes.

    >>> clean_file("tarov-1936-escape").changes
    ()
    """
    return _cleaned(checked_id, received_text(checked_id), profile(checked_id), spans(checked_id))
