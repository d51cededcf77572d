"""Rejoin words that the printed line break split in two.

The OCR of Carr's book mostly lost the hyphen at the end of a line: line 18
ends ``Soviet local govern`` and line 19 starts ``ment, has given``. The OCR
kept it sometimes as ``-``, or read it as ``~``, ``·`` or ``M`` (``opposiM`` /
``tion``). :func:`join_decision` decides, one line end at a time:

* without a hyphen, rejoin when the joined form is a word and at least one
  piece is not (``govern`` + ``ment``: *government* is a word, *ment* is not).
  Two words that also make a word stay apart (``of`` / ``the``: wordfreq
  counts *ofthe*), unless the text itself settles it: the joined form occurs
  in it, inside lines, at least :data:`BIGRAM_RATIO` times as often as the two
  words side by side (``how`` / ``ever``, ``member`` / ``ship``), and the
  second piece has three letters or more, as a typesetter would leave it
  (``in`` / ``to`` stays *in to*). Each piece needs two letters (``a`` / ``way``);
* with a hyphen, rejoin without it when the joined form is a word. When it
  is not: two words (``two~`` / ``thirds``, Zipf :data:`COMPOUND_MIN_ZIPF` or
  more) make a compound, rejoined with ``-`` if the OCR misread the hyphen
  (``~ · M``) and left as it is if the OCR kept ``-``, because Carr's dash
  also prints as ``-`` at a line end (``form-`` / ``not, however``); two
  non-words are one broken word (``Yaro-`` / ``slavsky``) and are rejoined;
  a word and a non-word (``hav~`` / ``been``: the ``~`` was an *e*) are left
  alone. A second piece with a capital is a compound of names (``Glebov-`` /
  ``Avilov``). A number range (``I923-`` / ``I924``) is left as it is, its two
  numbers already being tokens.

"A word" means Zipf frequency :data:`JOIN_MIN_ZIPF` or more in wordfreq's English
list, or a form met at least :data:`TEXT_EVIDENCE` times unsplit in the same
text (Russian names: ``Leningrad`` / ``skaya``). A piece "is a word" at
:data:`PIECE_MIN_ZIPF`: high enough that the fragments wordfreq counts because
it splits hyphenated compounds (*non*, *con*, *ment* 3.1, *tion* 2.8) are not
words, low enough that real words are (*sense* 5.2, *bear* 4.6).

>>> join_decision("govern", "", "ment")
'government'
>>> join_decision("in", "", "to") is None, join_decision("self", "~", "criticism")
(True, 'self-criticism')
"""
from __future__ import annotations

import re
from collections import Counter

from .lexicon import is_word
from .model import Change

JOIN_MIN_ZIPF = 1.9
PIECE_MIN_ZIPF = 4.0
COMPOUND_MIN_ZIPF = 3.0
TEXT_EVIDENCE = 2
BIGRAM_RATIO = 5

HEAD = re.compile(r"[^\W\d_]+$")
TAIL = re.compile(r"[^\W\d_]+")
MARKS = "-~·"
WORD = re.compile(r"[a-z]+")  # on lower-cased text; evidence is only needed for unaccented forms


def join_decision(head: str, mark: str, tail: str, evidence: Evidence | None = None) -> str | None:
    """Return the rejoined form of ``head`` + line break + ``tail``, or ``None`` to leave them.

    ``mark`` is the hyphen (or OCR form of it) ending the first line, or ``""``.
    ``evidence`` (an :class:`Evidence` built from the whole text) tells how
    often the joined form occurs whole, and how often the two pieces stand
    side by side as two words inside a line.

    >>> join_decision("con", "~", "trasted"), join_decision("form", "-", "not") is None
    ('contrasted', True)
    >>> join_decision("Lenin", "", "gradskaya", Evidence(["Leningradskaya Pravda"] * 3))
    'Leningradskaya'
    >>> join_decision("the", "", "party") is None, join_decision("good", "", "humouredly") is None
    (True, True)
    >>> text = Evidence(["however, into the", "however"])
    >>> join_decision("how", "", "ever", text), join_decision("in", "", "to", text)
    ('however', None)
    """
    joined = head + tail
    count = evidence.whole(joined) if evidence is not None else 0
    known = is_word(joined, JOIN_MIN_ZIPF) or count >= TEXT_EVIDENCE
    if mark:
        compound = f"{head}-{tail}" if mark != "-" else None
        if tail[:1].isupper():
            return compound
        if known:
            return joined
        head_word, tail_word = is_word(head, COMPOUND_MIN_ZIPF), is_word(tail, COMPOUND_MIN_ZIPF)
        if head_word and tail_word:
            return compound
        return joined if not head_word and not tail_word else None
    if tail[:1].isupper() or len(head) < 2 or len(tail) < 2 or not known:
        return None
    if not (is_word(head, PIECE_MIN_ZIPF) and is_word(tail, PIECE_MIN_ZIPF)):
        return joined
    if len(tail) >= 3 and count >= TEXT_EVIDENCE and count >= BIGRAM_RATIO * evidence.side_by_side(head, tail):
        return joined
    return None


class Evidence:
    """What the text itself says about words: how often a form occurs whole, and
    how often two words stand side by side inside a line.

    >>> evidence = Evidence(["However it came,", "and how ever"])
    >>> evidence.whole("however"), evidence.side_by_side("how", "ever")
    (1, 1)
    """

    def __init__(self, lines):
        self._lower = "\n".join(lines).lower()
        self._seen = None
        self._pairs = {}

    def whole(self, word: str) -> int:
        if self._seen is None:
            self._seen = Counter(WORD.findall(self._lower))
        return self._seen[word.lower()]

    def side_by_side(self, head: str, tail: str) -> int:
        key = (head.lower(), tail.lower())
        if key not in self._pairs:
            self._pairs[key] = self._lower.count(f"{key[0]} {key[1]}")
        return self._pairs[key]


def rejoin(state, numbers, evidence: Evidence | None = None, step: str = "rejoin") -> None:
    """Rejoin split words along a sequence of line numbers of one stream, in reading order.

    Blank lines in the sequence are skipped: the OCR put blank lines inside
    paragraphs, and a page's footnotes between the two halves of a word are
    not in the sequence. The joined word goes on the first line; both lines
    get a :class:`Change`.
    """
    text, changes = state.text, state.changes
    previous = None
    for number in numbers:
        following = text[number - 1].lstrip()
        if not following:
            continue
        if previous is not None:
            end = text[previous - 1].rstrip()[-1:]
            if following[0].isalpha() and (end.isalpha() or end in MARKS) and (
                    following[0].islower() or end in MARKS or end == "M"):
                _join_pair(text, changes, previous, number, evidence, step)
        previous = number if text[number - 1].strip() else None


def split_at_break(line: str, following: str):
    """Return ``(head, mark, tail)`` for the word ending ``line`` and the one starting ``following``.

    ``mark`` is ``-``, ``~``, ``·`` or ``M`` (a hyphen as the OCR read it) or ``""``.
    ``None`` if either line does not end or start with letters.

    >>> split_at_break("of the opposiM ", "tion speaker")
    ('opposi', 'M', 'tion')
    >>> split_at_break('called " non', 'sense ".5 The motives')
    ('non', '', 'sense')
    >>> split_at_break("in 1923-", "1924") is None
    True
    """
    first = following.split(None, 1)
    last = line.rsplit(None, 1)
    if not first or not last:
        return None
    tail = TAIL.match(first[0])
    if not tail:
        return None
    chunk, mark = last[-1], ""
    if chunk[-1] in MARKS:
        chunk, mark = chunk[:-1], chunk[-1]
    elif chunk[-1] == "M" and len(chunk) > 1 and chunk[-2].islower():
        chunk, mark = chunk[:-1], "M"
    head = HEAD.search(chunk)
    if not head:
        return None
    return head.group(), mark, tail.group()


def _join_pair(text, changes, first: int, second: int, evidence, step: str) -> None:
    line, following = text[first - 1], text[second - 1]
    pieces = split_at_break(line, following)
    if pieces is None:
        return
    head, mark, tail = pieces
    joined = join_decision(head, mark, tail, evidence)
    if joined is None:
        return
    kept = line.rstrip()
    head_start = len(kept) - len(mark) - len(head)
    chunk_start = len(kept) - len(kept.rsplit(None, 1)[-1])
    new_first = kept[:head_start] + joined
    changes.append(Change(step, first, kept[chunk_start:], new_first[chunk_start:]))
    lead = len(following) - len(following.lstrip())
    chunk = following.split(None, 1)[0]
    changes.append(Change(step, second, chunk, chunk[len(tail):]))
    text[first - 1] = new_first
    text[second - 1] = following[lead + len(tail):]
