"""The course's stopword list: frequent function words left out of a frequency list.

The list is our own file, ``partycorpus/data/stopwords.txt`` (one lower-case
word a line, ``#`` for comments). Its header says where it comes from and what
it leaves out on purpose: negations (*not*, *no*, *never*), modal verbs
(*must*, *should*), numbers in words, and every word of the subject. Nothing
is downloaded.

>>> "the" in stopwords(), "not" in stopwords(), "party" in stopwords()
(True, False, False)
>>> words = ["the", "party", "was", "not", "united"]
>>> [w for w in words if w not in stopwords()]
['party', 'not', 'united']
"""
from __future__ import annotations

import functools

from ..strings.words import as_words
from .datafiles import data_file

STOPWORD_FILE = "stopwords.txt"


@functools.lru_cache(maxsize=1)
def _read() -> frozenset:
    text = data_file(STOPWORD_FILE).read_text(encoding="utf-8")
    words = set()
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word.lower())
    return frozenset(words)


def stopwords(keep=(), add=()) -> frozenset:
    """Return the stopwords as a frozenset of lower-case words.

    ``keep`` takes words out of the list (so they are counted); ``add`` puts
    more in. A single string is read as one word, not as its letters.

    >>> "we" in stopwords(), "we" in stopwords(keep={"i", "we"})
    (True, False)
    >>> "ibid" in stopwords(add="ibid")
    True
    """
    keep = as_words(keep, "keep", "stopwords", empty_ok=True)
    add = as_words(add, "add", "stopwords", empty_ok=True)
    return frozenset((_read() - {w.lower() for w in keep}) | {w.lower() for w in add})


def stopwords_note() -> str:
    """Return the comment at the top of the stopword file (where the list comes from, what it omits).

    >>> stopwords_note().splitlines()[0]
    'Stopwords of the course "Reading the Party Struggle": one lower-case word a line; "#" starts a comment.'
    """
    text = data_file(STOPWORD_FILE).read_text(encoding="utf-8")
    note = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        note.append(line[1:].strip() if len(line) > 1 else "")
    return "\n".join(note)
