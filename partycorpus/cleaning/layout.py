"""Page layout of an OCR'd book: running heads, page debris, footnotes, drop capitals.

The OCR text of a printed book runs page after page. A page starts with a line
that the OCR indented by one space, or with a running head (``CH. XI LESSONS
OF OCTOBER 9``, ``8 THE STRUGGLE IN THE PARTY PT. III``); it ends with the
page's footnotes, set in smaller type, so their lines are longer (about 75
characters against about 62 for the text) and most open with a reference mark
(``1``, or an OCR form of it: ``'``, ``•``, ``~``, ``J``, ``s``, ``z``). The
functions here find those parts; :func:`apply_layout` records what it did.

>>> running_head("CH. XIII THE RIFT IN THE TRIUMVIRATE 53 ", ["THE RIFT IN THE TRIUMVIRATE"])
('CH. XIII THE RIFT IN THE TRIUMVIRATE 53', '')
>>> is_page_number("'53 "), is_page_number("3"), is_signature_mark("VOL. II B ")
(True, False, True)
"""
from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections import Counter

from .model import Change

# ---------------------------------------------------------------- running heads

JUNK = re.compile(r"^[\d'\",.·IlJzrSsOoUu]{1,4}$")
CHAPTER_MARK = re.compile(r"^(?:CH|Ch|ca)\.(\S*)$")
PART_MARK = re.compile(r"^\S{0,2}T\.$")
CANDIDATE = re.compile(r"^\s*(?:\S{1,4}\s+)?(?:(?:CH|Ch|ca)\.|[A-Z<][A-Zffi<r']+\s+[A-Z<][A-Zffi<r']+)")
TITLE_SIMILARITY = 0.75
LOWER = re.compile(r"[a-z]")
NEXT_WORD = re.compile(r"\s*\S+")


def _letters(text: str) -> str:
    return "".join(c for c in text.upper() if c.isalpha())


def _similar(a: str, b: str) -> bool:
    matcher = difflib.SequenceMatcher(None, _letters(a), _letters(b))
    return matcher.quick_ratio() >= TITLE_SIMILARITY and matcher.ratio() >= TITLE_SIMILARITY


def _title_at(words: list[str], i: int, titles) -> int | None:
    """Return the index after a title starting at ``words[i]``, or None.

    The words must be capitals, as running heads are printed; the OCR may have
    put up to three lower-case letters among them (``MANffiUVRING``, ``SOVrETS``).
    """
    for title in titles:
        k = len(title.split())
        if i + k > len(words):
            continue
        candidate = " ".join(words[i:i + k])
        if len(LOWER.findall(candidate)) <= 3 and _similar(candidate, title):
            return i + k
    return None


def running_head(line: str, titles) -> tuple[str, str] | None:
    """Split a running head from a line: return ``(head, rest)``, or ``None`` if there is none.

    A running head is an optional page number, then ``CH.`` and a Roman number
    and a chapter title, or a part title with ``PT.`` and its number, then an
    optional page number. The OCR sometimes glued the next text line to it:
    that text is ``rest``. A line that is only a title (``THE RED ARMY``) is a
    running head too. Titles are compared letter by letter, allowing OCR damage.

    >>> titles = ["MANŒUVRING FOR POSITION", "THE STRUGGLE IN THE PARTY"]
    >>> running_head('CH. XVI MANCEUVRING FOR POSITION "\\' than a year ahead). 1 Bukharin', titles)
    ('CH. XVI MANCEUVRING FOR POSITION "\\'', 'than a year ahead). 1 Bukharin')
    >>> running_head(" 4 THE STRUGGLE IN THE PARTY PT. lll ", titles)
    ('4 THE STRUGGLE IN THE PARTY PT. lll', '')
    >>> running_head("THE STRUGGLE of the party went on", titles) is None
    True
    """
    stripped = line.strip()
    if not stripped:
        return None
    words = stripped.split()
    if CANDIDATE.match(line):
        i = 1 if len(words) > 1 and JUNK.match(words[0]) else 0
        end = None
        mark = CHAPTER_MARK.match(words[i]) if i < len(words) else None
        if mark:
            j = i + 1 if mark.group(1) else i + 2
            end = _title_at(words, j, titles)
        else:
            end = _title_at(words, i, titles)
            if end is not None and end + 1 < len(words) and PART_MARK.match(words[end]):
                end += 2
        if end is not None:
            if end < len(words) and JUNK.match(words[end]):
                end += 1
            head_length = _offset_after(stripped, end)
            return stripped[:head_length].rstrip(), stripped[head_length:].strip()
    if len(stripped) <= 60 and stripped[:2].isupper() and len(LOWER.findall(stripped)) <= 3:
        for title in titles:
            if len(title.split()) == len(words) and _similar(stripped, title):
                return stripped, ""
    return None


def _offset_after(text: str, count: int) -> int:
    """Return the character offset just after the first ``count`` words of ``text``."""
    position = 0
    for _ in range(count):
        position = NEXT_WORD.match(text, position).end()
    return position


# ---------------------------------------------------------------- page debris

SIGNATURE_MARK = re.compile(r"^\s*VOL\.\s*[IVXL1l]+\s+[0-9A-Z]{1,3}\s*$")
PAGE_NUMBER = re.compile(r"^\s*['\",.]{0,3}[\dIlJzrSsOo]{1,3}[·.]?\s*$")


def is_signature_mark(line: str) -> bool:
    """Tell whether a line is a printer's signature mark (``VOL. II B``, ``VOL. II 2A``).

    >>> is_signature_mark("VOL. II 2A "), is_signature_mark("Vol. II of the History")
    (True, False)
    """
    return bool(SIGNATURE_MARK.match(line))


def is_page_number(line: str) -> bool:
    """Tell whether a line is only a page number (``373``, ``'53``; the OCR read 1 as ').

    A single character is not enough: it may be a footnote mark on a line of its own.

    >>> [is_page_number(x) for x in ["373", ",os ", "'77", "6", "I", "1924"]]
    [True, True, True, False, False, False]
    """
    stripped = line.strip()
    if len(stripped) < 2 or not PAGE_NUMBER.match(line):
        return False
    return any(c.isdigit() for c in stripped) or stripped[0] in "'\",."


# ---------------------------------------------------------------- footnotes

MARKER = re.compile(r"^[ \t]*(?:\.[ \t]?)?(?:[1-9]\d?|['•~+>*]|-1-)[ \t]+\S")
LETTER_MARKER = re.compile(r"^[ \t]*(?:\.[ \t]?)?[JszrlIS][ \t]+\S")
CITATION = re.compile(
    r"bid\b|See |pp?\. |No\.|Vol\.|op\. cit|id\.|Sochinen|Pravda|Izvestiya|S\"ezd|Sobranie|\([^\s)]{4,5}\)"
)
#: Weights of the evidence that a line is footnote text rather than running text.
LONG_LINE, SOMEWHAT_LONG, BODY_WIDTH = 2.0, 0.5, -1.5
MARK_WEIGHT, CITATION_WEIGHT, PAGE_START_WEIGHT = 3.0, 1.0, -5.0
MIN_EVIDENCE = 3.0


def text_width(lines) -> int:
    """Return the most common length of the longer lines: the width of the running text.

    >>> text_width(["a" * 62, "b" * 62, "c" * 75, "short"])
    62
    """
    counts = Counter(len(line.rstrip()) for line in lines if len(line.rstrip()) >= 40)
    return counts.most_common(1)[0][0] if counts else 60


def footnote_evidence(line: str, width: int, page_start: bool = False, cited: bool | None = None,
                      marked: bool | None = None) -> float:
    """Score how much a line looks like footnote text (positive) or running text (negative).

    Long lines (smaller type), a reference mark at the start and a source
    citation point to a footnote; a line of the usual width without a mark
    points to the text. ``cited`` and ``marked`` may be given when already known.

    >>> footnote_evidence("' See The Interregnum, 1923-1924, pp. 354, 361.", 62)
    4.0
    >>> footnote_evidence("Kamenev had represented Lenin as speaking of nepman Russia and", 62)
    -1.5
    """
    length = len(line.rstrip())
    if not length:
        return 0.0
    score = 0.0
    if cited is None:
        cited = bool(CITATION.search(line))
    if marked is None:
        marked = bool(MARKER.match(line) or (LETTER_MARKER.match(line) and cited))
    if length >= width + 8:
        score += LONG_LINE
    elif length >= width + 6:
        score += SOMEWHAT_LONG
    elif length >= width - 6 and not marked:
        score += BODY_WIDTH
    if marked:
        score += MARK_WEIGHT
    if cited:
        score += CITATION_WEIGHT
    if page_start:
        score += PAGE_START_WEIGHT
    return score


def footnote_start(scores: list[float]) -> int | None:
    """Return where the footnotes of a page begin: the suffix with the most evidence.

    Footnotes fill the end of a page, so the page splits once: running text,
    then notes. On a tie the earlier start wins if its line has evidence of
    its own (a marked first line). ``None`` if no suffix has enough evidence.

    >>> footnote_start([-1.5, -1.5, 0.0, 4.0, 2.0, -1.5, 2.0])
    3
    >>> footnote_start([-1.5, -1.5, 0.5, -1.5]) is None
    True
    """
    best, best_at, total = 0.0, None, 0.0
    for i in range(len(scores) - 1, -1, -1):
        total += scores[i]
        if total > best or (total == best and best > 0 and scores[i] > 0):
            best, best_at = total, i
    if best_at is None or best < MIN_EVIDENCE:
        return None
    return best_at


# ---------------------------------------------------------------- drop capitals

DROP_CAPITAL = re.compile(r"^\s*([A-Z])\s*$")
AFTER_DROP = re.compile(r"^\s*([A-Z]+)(?=[\s'’,]|[a-z]|$)")


# ---------------------------------------------------------------- the pass


def apply_layout(state, start: int, end: int, protected: set, titles) -> None:
    """Find running heads, page debris, footnotes and drop capitals in lines ``start``-``end``.

    ``state`` has ``text`` and ``stream`` lists (index = line number - 1) and a
    ``changes`` list; ``protected`` lines (headings) are never touched.
    """
    text, stream, changes = state.text, state.stream, state.changes
    page_starts = set()
    for number in range(start, end + 1):
        if number in protected:
            continue
        line = text[number - 1]
        if is_signature_mark(line):
            changes.append(Change("signature-mark", number, line.strip(), ""))
            text[number - 1], stream[number - 1] = "", "removed"
            continue
        head = running_head(line, titles)
        if head is not None:
            page_starts.add(number)
            changes.append(Change("running-head", number, head[0], ""))
            if head[1]:
                text[number - 1] = head[1]
            else:
                text[number - 1], stream[number - 1] = "", "removed"
        elif line[:1] == " " and line.strip():
            page_starts.add(number)
    pages, current = [], []
    for number in range(start, end + 1):
        if number in protected or number in page_starts:
            if current:
                pages.append(current)
            current = [] if number in protected else [number]
        else:
            current.append(number)
    if current:
        pages.append(current)
    width = text_width(text[start - 1:end])
    cited = _lines_matching(text, start, end, CITATION)
    for page in pages:
        _page_numbers(state, page)
        live = [n for n in page if stream[n - 1] != "removed"]
        first = page[0] if page[0] in page_starts else None
        scores = [footnote_evidence(text[n - 1], width, n == first, n in cited) for n in live]
        at = footnote_start(scores)
        if at is not None:
            for n in live[at:]:
                stream[n - 1] = "footnote"
                if text[n - 1].strip():
                    changes.append(Change("footnote", n, text[n - 1].strip(), text[n - 1].strip()))
    _drop_capitals(state, start, end, protected)


def _lines_matching(text, start: int, end: int, pattern) -> set[int]:
    """Return the numbers of the lines from ``start`` to ``end`` where ``pattern`` matches.

    One search over the joined lines instead of one per line; a match is
    counted on the line where it starts.
    """
    part = text[start - 1:end]
    offsets = list(itertools.accumulate((len(line) + 1 for line in part), initial=0))
    joined = "\n".join(part)
    return {start - 1 + bisect.bisect_right(offsets, m.start()) for m in pattern.finditer(joined)}


def _page_numbers(state, page) -> None:
    text, stream = state.text, state.stream
    filled = [n for n in page if stream[n - 1] != "removed" and text[n - 1].strip()]
    if len(filled) < 2:
        return
    last, before = filled[-1], filled[-2]
    if is_page_number(text[last - 1]) and not text[before - 1].rstrip().endswith(("-", "~", "·")):
        state.changes.append(Change("page-number", last, text[last - 1].strip(), ""))
        text[last - 1], stream[last - 1] = "", "removed"


def _drop_capitals(state, start: int, end: int, protected: set) -> None:
    text, stream = state.text, state.stream
    for number in range(start, end + 1):
        if number in protected or stream[number - 1] != "text":
            continue
        letter = DROP_CAPITAL.match(text[number - 1])
        if not letter:
            continue
        previous = number - 1
        while previous >= start and not text[previous - 1].strip():
            previous -= 1
        if previous not in protected:      # a drop capital opens a chapter or a section
            continue
        following = number + 1
        while following <= end and not text[following - 1].strip():
            following += 1
        if following > end or stream[following - 1] != "text":
            continue
        rest = AFTER_DROP.match(text[following - 1])
        if not rest:
            continue
        next_line = text[following - 1]
        lead = len(next_line) - len(next_line.lstrip())
        chunk_end = lead
        while chunk_end < len(next_line) and not next_line[chunk_end].isspace():
            chunk_end += 1
        first_chunk = next_line[lead:chunk_end]
        joined = letter.group(1) + first_chunk
        state.changes.append(Change("drop-capital", number, letter.group(1), joined))
        state.changes.append(Change("drop-capital", following, first_chunk, ""))
        text[number - 1] = joined
        text[following - 1] = next_line[chunk_end:]
