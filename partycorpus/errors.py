"""The course's own errors: messages written for students, shown in a notebook without the package's internals.

Every error the package raises on purpose is a :class:`CourseError`, and also
the built-in kind it is (a ``TypeError`` for an argument of the wrong type, a
``ValueError`` for a value out of range, a ``KeyError`` for an unknown name),
so ``except TypeError`` still catches it. In a notebook,
:mod:`partycorpus.notebook` shows a course error as its name and message,
without the traceback through the package.

:func:`expect` checks the type of an argument and names the expected type:

>>> expect(5, str, "the text to split", "tokenize", 'pc.tokenize("A. Tarov")')
Traceback (most recent call last):
...
partycorpus.errors.ArgumentTypeError: tokenize: the text to split should be a string (text in quotes), not int 5. For example: pc.tokenize("A. Tarov")
"""
from __future__ import annotations

import numbers


class CourseError(Exception):
    """An error raised on purpose by the course's package, with a message that says what to do."""


class ArgumentTypeError(CourseError, TypeError):
    """An argument of the wrong type (a number where text is needed, a string where a list is)."""


class ArgumentValueError(CourseError, ValueError):
    """An argument of the right type with a value the function cannot use."""


class DataFileError(CourseError, ValueError):
    """A course data file (the catalogue, the segment table, a CSV of ``data/``) that cannot be read as it should."""


class TextsNotFoundError(CourseError, FileNotFoundError):
    """The folder of received texts cannot be found."""


class CourseKeyError(CourseError, KeyError):
    """A name that is not there (a text id, a segment, a glossary term); the message lists what is."""

    def __str__(self):  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""


#: What to call a type in a message, for the types the course's functions take.
TYPE_NAMES = {str: "a string (text in quotes)", int: "a whole number", float: "a number", bool: "True or False",
              list: "a list", tuple: "a tuple", dict: "a dict"}


def type_name(kind) -> str:
    """Say what a type (or a tuple of types) is, in words.

    >>> type_name(str), type_name((int, float))
    ('a string (text in quotes)', 'a whole number or a number')
    """
    if isinstance(kind, tuple):
        return " or ".join(type_name(k) for k in kind)
    return TYPE_NAMES.get(kind, f"a {kind.__name__}")


def expect(value, kind, what: str, function: str, example: str = ""):
    """Return ``value`` if it is of type ``kind``; raise :class:`ArgumentTypeError` naming the type if not.

    ``True`` and ``False`` are not accepted where a number is expected, and a
    NumPy integer is a whole number.

    >>> expect(3, int, "the window", "kwic")
    3
    """
    ok = isinstance(value, kind)
    if kind is int or (isinstance(kind, tuple) and int in kind):
        ok = ok or isinstance(value, numbers.Integral)
    if ok and isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        ok = False
    if not ok:
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        hint = f" For example: {example}" if example else ""
        raise ArgumentTypeError(f"{function}: {what} should be {type_name(kind)}, not {type(value).__name__} "
                                f"{shown}.{hint}")
    return value
