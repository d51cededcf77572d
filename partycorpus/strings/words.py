"""Two small idioms every counting function shares: the curly apostrophe, and "a word or a list of words".

>>> straight_apostrophes("Stalin’s")
"Stalin's"
>>> as_words("exile"), as_words(["exile", "exiles"])
(['exile'], ['exile', 'exiles'])
"""
from __future__ import annotations

from ..errors import ArgumentTypeError, ArgumentValueError

#: The typographic apostrophe of web texts, read as the straight one so that both spellings are one word.
CURLY_APOSTROPHE = "’"


def straight_apostrophes(text: str) -> str:
    """Return ``text`` with every curly apostrophe ``’`` replaced by a straight ``'``.

    >>> straight_apostrophes("Trotsky’s and Stalin's")
    "Trotsky's and Stalin's"
    """
    return text.replace(CURLY_APOSTROPHE, "'") if CURLY_APOSTROPHE in text else text


def numbered_lines_error(value, function: str) -> ArgumentTypeError:
    """The error for something that is not ``(line number, line)`` pairs, saying where to get them.

    >>> str(numbered_lines_error("A. Tarov", "kwic_in_lines"))[:60]
    'kwic_in_lines takes (line number, line) pairs, such as [(7, '
    """
    return ArgumentTypeError(f"{function} takes (line number, line) pairs, such as [(7, 'A. Tarov')], not "
                             f"{type(value).__name__}. Get them with pc.passage(text_id, first, last) or "
                             "pc.body(text_id).lines.")


def as_words(value, what: str = "the word", function: str = "this function", empty_ok: bool = False) -> list[str]:
    """Return a word or a list (set, tuple) of words as a list of words; a single string is one word.

    Raises a course ``TypeError`` naming ``what`` when ``value`` is neither, and
    a ``ValueError`` for an empty word (or an empty list, unless ``empty_ok``).

    >>> as_words(("we", "us"))
    ['we', 'us']
    >>> as_words(5, "the keyword", "kwic")
    Traceback (most recent call last):
    ...
    partycorpus.errors.ArgumentTypeError: kwic: the keyword should be a word or a list of words, such as 'exile' or ['exile', 'exiles'], not int 5.
    """
    if isinstance(value, str):
        words = [value]
    else:
        try:
            words = list(value)
        except TypeError:
            words = None
        if words is None or not all(isinstance(word, str) for word in words):
            shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
            raise ArgumentTypeError(f"{function}: {what} should be a word or a list of words, such as 'exile' or "
                                    f"['exile', 'exiles'], not {type(value).__name__} {shown}.")
    if (not words and not empty_ok) or any(not word.strip() for word in words):
        raise ArgumentValueError(f"{function}: {what} is empty; give a word, such as 'exile'.")
    return words
