"""Repairs of OCR damage inside a line, each a small rule that reports what it changed.

Every rule has the shape ``rule(line) -> (new_line, [(before, after), ...])``
(see :mod:`.edits`) and repairs only where the context proves the reading:

* :func:`repair_years` — ``I924`` -> ``1924``, ``19z6`` -> ``1926``, ``r925`` -> ``1925``;
* :func:`repair_numbers` — ``December r7`` -> ``December 17``, ``4o,ooo`` -> ``40,000``;
* :func:`repair_chapter_number` — ``CHAPTER IJ`` -> ``CHAPTER 13`` when the
  segment table says this heading opens chapter 13;
* :func:`repair_ligatures` — ``MANffiUVRING`` -> ``MANŒUVRING``;
* :func:`repair_accents` — ``r6gime`` -> ``régime``, ``rOle`` -> ``rôle``;
* :func:`repair_misread_letters` — ``wh1ch`` -> ``which``, ``questiOns`` -> ``questions``;
* :func:`repair_hyphen_lookalikes` — ``All·Russian`` -> ``All-Russian``;
* :func:`remove_footnote_references` — ``1924.4 Petrograd`` -> ``1924. Petrograd``.

The word tests use the English list of :mod:`.lexicon`.
"""
from __future__ import annotations

import re

from .edits import substitute
from .lexicon import is_word

# ---------------------------------------------------------------- years

#: What a misread character stands for, by position in a year 19xx.
FIRST = {c: "1" for c in "1IlJrti"}
SECOND = {"9": "9", "g": "9"}
DECADE = {**{d: d for d in "012345"}, "O": "0", "o": "0", "I": "1", "r": "1", "t": "1", "i": "1",
          "z": "2", "Z": "2", "a": "2", "J": "3", "+": "4"}
LAST = {**{d: d for d in "0123456789"}, "O": "0", "o": "0", "I": "1", "l": "1", "r": "1", "t": "1",
        "i": "1", "z": "2", "Z": "2", "a": "2", "J": "3", "+": "4", "S": "5", "s": "5", "g": "9"}
#: Characters left alone in the decade because the OCR used them for several digits
#: (``I9l6`` is 1926 and ``I9l9`` 1919; ``I9S4`` is 1924): the context does not decide.
AMBIGUOUS_DECADE = "lSs"
YEAR = re.compile(r"(?<![\w+])([1IlJrti])([9g])(\S)(\S)(?![\w+])")
YEAR_SHAPE = re.compile(r"(?<![\w+])[1IlJrti][9g][0-9OoIlrtizZaJ+Ss][0-9OoIlrtizZaJ+Ssg](?![\w+])")


def read_year(token: str) -> str | None:
    """Return the year a damaged 4-character token stands for, or ``None`` if unproven.

    The first two characters must read ``19``; the decade must be 0-5 (the book
    cites years 1900-1959); every character must be a digit or a known lookalike.
    A token with no digit at all must contain ``z`` (``rgzs``), so that words
    such as ``Igor`` are never read as years. ``I9IJ`` is left alone: a final
    ``J`` after the 1910s may be 1913 or 1917.

    >>> [read_year(t) for t in ["I924", "19z6", "r925", "Igz6", "l94I", "tgzs"]]
    ['1924', '1926', '1925', '1926', '1941', '1925']
    >>> [read_year(t) for t in ["1924", "I9l6", "I9IJ", "Igor", "II", "XIV", "I9S4"]]
    [None, None, None, None, None, None, None]
    """
    if len(token) != 4 or token.isdigit():
        return None
    first, second, decade, last = token
    if first not in FIRST or second not in SECOND or decade not in DECADE or last not in LAST:
        return None
    if decade in AMBIGUOUS_DECADE or (DECADE[decade] == "1" and last == "J"):
        return None
    if not any(c.isdigit() for c in token) and not any(c in "zZ" for c in token):
        return None
    return "19" + DECADE[decade] + LAST[last]


def repair_years(line: str):
    """Repair years whose digits the OCR read as letters.

    >>> repair_years("Socialism in One Country, I924-I926, of which")
    ('Socialism in One Country, 1924-1926, of which', [('I924-I926,', '1924-1926,'), ('I924-I926,', '1924-1926,')])
    >>> repair_years("I should add that in Part III and vol. II the year 1924")[1]
    []
    """
    return substitute(YEAR_SHAPE, lambda m: read_year(m.group()), line)


# ---------------------------------------------------------------- other numbers

#: Lookalikes inside a number that holds real digits (J, which the OCR used for 1, 3 and 7, is left out).
NUMBER_DIGITS = {"o": "0", "O": "0", "r": "1", "l": "1", "I": "1", "z": "2", "Z": "2", "s": "5", "S": "5"}
NUMBER = re.compile(
    r"(?<![\w'’])(?=[0-9oOrlIzZsS]*\d)(?=[0-9]*[oOrlIzZsS])[0-9oOrlIzZsS]+"
    r"(?:(?:,[0-9oOrlIzZsS]{3})+|·[0-9oOrlIzZsS]+)?(?![\w'’])"
)
YEAR_PREFIX = re.compile(r"^[1IlJrtiZz][9g]")


def read_number(token: str) -> str | None:
    """Return the number a damaged token stands for, or ``None``.

    The token must hold at least one real digit, so it is a number, and only
    digits, lookalikes and the separators of thousands (``,``) or decimals
    (``·``). A token shaped like a year (``I9l6``, ``z926``) is left to
    :func:`read_year`, which knows the ambiguous cases.

    >>> [read_number(t) for t in ["r7", "35o,ooo", "6ooo", "8o·9", "IS8", "l0l"]]
    ['17', '350,000', '6000', '80·9', '158', '101']
    >>> [read_number(t) for t in ["so", "I9l6", "z926", "1924", "1st"]]
    [None, None, None, None, None]
    """
    if not NUMBER.fullmatch(token) or token.isdigit():
        return None
    digits = "".join(c for c in token if c not in ",·")
    if YEAR_PREFIX.match(token) and len(digits) >= 4:
        return None
    return "".join(NUMBER_DIGITS.get(c, c) for c in token)


def repair_numbers(line: str):
    """Repair digits read as letters inside numbers (days, page numbers, thousands).

    >>> repair_numbers("on December r7, 1925, with 4o,ooo members, so many")[0]
    'on December 17, 1925, with 40,000 members, so many'
    """
    return substitute(NUMBER, lambda m: read_number(m.group()), line)


# ---------------------------------------------------------------- chapter numbers

CHAPTER_HEADING = re.compile(r"^(\s*CHAPTER\s+)([0-9IlJ][0-9IlJ ]*?)(\s*)$")
CHAPTER_DIGITS = {"I": "1", "l": "1", "J": "3"}


def repair_chapter_number(line: str, expected: int):
    """Repair the number of a ``CHAPTER`` heading if it then reads ``expected``.

    The context that proves the digits is the chapter's place in the book, taken
    from ``segments.csv``: the heading after chapter 12 must be chapter 13.

    >>> repair_chapter_number("CHAPTER IJ ", 13)
    ('CHAPTER 13 ', [('IJ', '13')])
    >>> repair_chapter_number("CHAPTER I I ", 11)[0]
    'CHAPTER 11 '
    >>> repair_chapter_number("CHAPTER I I ", 12)[1]
    []
    """
    match = CHAPTER_HEADING.match(line)
    if not match:
        return line, []
    raw = match.group(2)
    digits = "".join(CHAPTER_DIGITS.get(c, c) for c in raw if not c.isspace())
    if raw == digits or digits != str(expected):
        return line, []
    return match.group(1) + digits + match.group(3), [(raw, digits)]


# ---------------------------------------------------------------- ligatures

LIGATURE = re.compile(r"(?i)(?<![^\W\d_])(man|d')(ffi|ffe|ce|re|<e|oe)(uv)")


def repair_ligatures(line: str):
    """Restore the ligature œ that the OCR read as ``ffi``, ``ce``, ``re`` or ``<e``.

    Only in ``manœuvr-`` and ``d'œuvre``, the forms the book uses.

    >>> repair_ligatures("CH. XVI MANffiUVRING FOR POSITION")[0]
    'CH. XVI MANŒUVRING FOR POSITION'
    >>> repair_ligatures("a clever manceuvre, and the offices")[0]
    'a clever manœuvre, and the offices'
    """
    def replace(match):
        upper = match.group(1).isupper()
        return match.group(1) + ("Œ" if upper else "œ") + match.group(3)

    return substitute(LIGATURE, replace, line)


def first_word(head: str, readings: str, tail: str, min_zipf: float):
    """The first reading of a damaged character that makes ``head + reading + tail`` a word, or None.

    >>> first_word("r", "éô", "gime", 1.9), first_word("x", "éô", "qz", 1.9)
    ('régime', None)
    """
    for letter in readings:
        if is_word(head + letter + tail, min_zipf):
            return head + letter + tail
    return None


# ---------------------------------------------------------------- accents

ACCENT = re.compile(r"(?<![^\W\d_])([a-z]+)([6CO])([a-z]+)(?![^\W\d_])")
ACCENT_READINGS = {"6": "éô", "C": "é", "O": "ô"}
ACCENT_MIN_ZIPF = 1.9


def repair_accents(line: str):
    """Restore é or ô that the OCR read as ``6``, ``C`` or ``O`` inside a word.

    The repaired word must be in the English list (accented loan words such as
    régime and rôle are), and the damaged one must not be.

    >>> repair_accents("the r6gime and the rOle of the rCgime")[0]
    'the régime and the rôle of the régime'
    >>> repair_accents("page r6o and a rOad")[0]
    'page r6o and a rOad'
    """
    def replace(match):
        head, damaged, tail = match.groups()
        return first_word(head, ACCENT_READINGS[damaged], tail, ACCENT_MIN_ZIPF)

    return substitute(ACCENT, replace, line)


# ---------------------------------------------------------------- misread letters

MISREAD = re.compile(r"(?<![^\W\d_])([a-z]+)([0-9A-Z])([a-z]+)(?![^\W\d_])")
MISREAD_READINGS = {"1": "il", "0": "o", "2": "z", "5": "s"}
MISREAD_MIN_ZIPF = 3.0


def repair_misread_letters(line: str):
    """Repair one misread character inside a lower-case word: a digit or a stray capital.

    ``1`` may be i or l, ``0`` o, ``2`` z, ``5`` s; a capital becomes lower case.
    The result must be a common English word (Zipf 3 or more) of four letters
    or more (``l0l``, the pages 101, must not become *lol*).

    >>> repair_misread_letters("wh1ch organi2ation answered the questiOns")[0]
    'which organization answered the questions'
    >>> repair_misread_letters("Lenin's McDonald, pages z6o and l0l-I02")[0]
    "Lenin's McDonald, pages z6o and l0l-I02"
    """
    def replace(match):
        head, damaged, tail = match.groups()
        if len(head) + len(tail) < 3:
            return None
        readings = damaged.lower() if damaged.isalpha() else MISREAD_READINGS.get(damaged, "")
        return first_word(head, readings, tail, MISREAD_MIN_ZIPF)

    return substitute(MISREAD, replace, line)


# ---------------------------------------------------------------- hyphens

DOT_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])·(?=[^\W\d_])")
DOT_BETWEEN_PAGES = re.compile(r"(?<=\d\d)·(?=\d\d)")
WORD_BEFORE = re.compile(r"[^\W\d_]+$")
WORD_AFTER = re.compile(r"[^\W\d_]+")
LETTER_FOR_HYPHEN = re.compile(r"(?<![^\W\d_])([a-z]+)([RM])([a-z]+)(?![^\W\d_])")
HYPHEN_PIECE_MIN_ZIPF = 3.0


def _two_words(head: str, tail: str) -> bool:
    """Both pieces are English words of three letters or more (``sm`` and ``ict`` are not)."""
    return (len(head) >= 3 and len(tail) >= 3 and is_word(head, HYPHEN_PIECE_MIN_ZIPF)
            and is_word(tail, HYPHEN_PIECE_MIN_ZIPF))


def repair_hyphen_lookalikes(line: str):
    """Restore hyphens the OCR read as a raised point ``·`` or as ``R``/``M`` between words.

    ``·`` between two English words, or between two numbers of two digits or
    more (a page range), is a hyphen; ``·`` inside a word that is a word without
    it is a speck and goes (``gro·wth``); ``15·3`` (a decimal, as the book
    prints it) is kept. ``R`` or ``M`` between two lower-case English words is
    a hyphen. Words are English words of Zipf 3 or more and three letters or more.

    >>> repair_hyphen_lookalikes("the All·Russian congress, pp. 139·140, 15·3 per cent")[0]
    'the All-Russian congress, pp. 139-140, 15·3 per cent'
    >>> repair_hyphen_lookalikes("its gro·wth in the Sm·ict")[0]
    'its growth in the Sm·ict'
    >>> repair_hyphen_lookalikes("one oneRthird, nineteenMtwenties, FonMrd")[0]
    'one one-third, nineteen-twenties, FonMrd'
    """
    def dot(match):
        head = WORD_BEFORE.search(match.string, 0, match.start()).group()
        tail = WORD_AFTER.match(match.string, match.end()).group()
        if tail.islower() and (head.islower() or head.istitle()) and is_word(head + tail, HYPHEN_PIECE_MIN_ZIPF):
            return ""
        return "-" if _two_words(head, tail) else None

    line, edits = substitute(DOT_BETWEEN_LETTERS, dot, line)
    line, more = substitute(DOT_BETWEEN_PAGES, lambda m: "-", line)
    edits += more

    def replace(match):
        head, _, tail = match.groups()
        return f"{head}-{tail}" if _two_words(head, tail) else None

    line, more = substitute(LETTER_FOR_HYPHEN, replace, line)
    return line, edits + more


# ---------------------------------------------------------------- footnote references

#: A reference mark: a digit 1-9, or a character the OCR put for one.
MARK = r"(?:[1-9]|[zJs+~])"
#: Mark glued to the punctuation closing a word or a quotation (``leaders,2``,
#: ``ikon ".3``, ``group.r``), or closing a number before a new sentence (``1924.4 Petrograd``).
GLUED_REFERENCE = re.compile(
    rf"(?:(?<=[^\W\d_][.,;:!?])|(?<=[)\]\"'][.,;:!?]))(?:{MARK}|r|l)(?=\s|$)"
    rf"|(?<=\d[.;:!?])(?:{MARK})(?=\s+[A-Z\"(]|\s*$)"
    rf"|(?<=[^\W\d_][\"'])[1-9](?=\s|$)"
)
#: Mark standing alone after punctuation, before a capital or the end of the line.
SPACED_REFERENCE = re.compile(rf"(?<=[.,;:!?\"')\]])\s{MARK}(?=\s+[A-Z\"]|\s*$)")
#: Abbreviations after which a number is a number, not a reference: "Vol. 1", "No. 7".
ABBREVIATION = re.compile(r"(?:\b(?:[Vv]ol|No|[Pp]p?|art|arts|ch|[Pp]t|[Ss]ec|ed|col|cols|n)\.\s?)$")


def remove_footnote_references(line: str):
    """Remove footnote reference marks from running text (``.4``, ``". 1 In``, ``,z``).

    A mark is a digit 1-9 (or an OCR form of one: z J s + ~) right after closing
    punctuation, followed by a space and a capital letter or by the end of the
    line. Numbers after ``Vol.``, ``No.``, ``p.``, ``art.`` are kept.

    >>> remove_footnote_references('on August I, 1924.4 Petrograd had been renamed')[0]
    'on August I, 1924. Petrograd had been renamed'
    >>> remove_footnote_references('"Leninist pioneers ". 1 In June 1924, became Stalino.z It')[0]
    '"Leninist pioneers ". In June 1924, became Stalino. It'
    >>> remove_footnote_references('in Vol. 1 The book, No. 7 The end, 2 more')[1]
    []
    """
    def glued(match):
        return "" if not ABBREVIATION.search(line[: match.start()]) else None

    line, edits = substitute(GLUED_REFERENCE, glued, line)

    def spaced(match):
        before = line[: match.start()]
        return "" if not ABBREVIATION.search(before) else None

    line, more = substitute(SPACED_REFERENCE, spaced, line)
    return line, edits + more
