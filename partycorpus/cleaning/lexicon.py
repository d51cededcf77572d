"""English word lists from the ``wordfreq`` package, loaded once per process.

``wordfreq`` ships its frequency lists inside the package; nothing is
downloaded. Frequencies are on the Zipf scale: 6 is a word met once in a
thousand words ("party"), 3 once in a million ("triumvirs" is below), 1 once
in a billion. The list is read once with wordfreq's public
``get_frequency_list`` (its words grouped in buckets of one centibel) and
turned into sets by Zipf threshold, so that a look-up is a set membership; the result is
the same as ``wordfreq.zipf_frequency`` for lower-case words.

>>> is_word("government", 4.0), is_word("ment", 4.0)
(True, False)
>>> round(zipf("government"), 2)
5.57
"""
from __future__ import annotations

import functools

LANGUAGE = "en"
WORDLIST = "large"


@functools.lru_cache(maxsize=1)
def buckets() -> tuple:
    """Return the word list as buckets: bucket ``i`` holds the words of Zipf ``9 - i/100``.

    >>> "party" in buckets()[351]    # "party" has Zipf 5.49: bucket (9 - 5.49) * 100
    True
    """
    import wordfreq  # on first use: importing the package does not pay for it

    return tuple(wordfreq.get_frequency_list(LANGUAGE, WORDLIST))


def _index(min_zipf: float) -> int:
    return max(0, int(round((9 - min_zipf) * 100)) + 1)


@functools.lru_cache(maxsize=None)
def words_at_least(min_zipf: float) -> frozenset:
    """Return the set of words whose Zipf frequency is at least ``min_zipf``.

    >>> "triumvirate" in words_at_least(2.0), "triumvirate" in words_at_least(3.0)
    (True, False)
    """
    return frozenset().union(*buckets()[: _index(min_zipf)])


def is_word(word: str, min_zipf: float) -> bool:
    """Tell whether ``word`` (any case) is in the English list at ``min_zipf`` or above.

    >>> is_word("Regime", 3.0), is_word("r6gime", 1.0)
    (True, False)
    """
    return word.lower() in words_at_least(min_zipf)


def zipf(word: str) -> float:
    """Return the Zipf frequency of a word (0.0 if it is not in the list); slow, for reports.

    >>> zipf("triumvirate")
    2.55
    """
    word = word.lower()
    for index, bucket in enumerate(buckets()):
        if word in bucket:
            return round(9 - index / 100, 2)
    return 0.0
