"""Read a received file as an editor shows it: decoded, line ends of any system, no byte-order mark.

The received files are kept byte for byte (their checksums are in the
catalogue). Reading them is where systems differ: a file saved on Windows ends
its lines with ``\\r\\n``, an old Mac file with ``\\r``; an editor may put a
byte-order mark in front of the text, or end the last line with a newline; a
file may be in another encoding than UTF-8. :func:`decode` and
:func:`split_lines` turn every such file into the lines a text editor shows and
numbers, so that ``text-id:line`` means the same line on every machine.

>>> split_lines(decode(b"\\xef\\xbb\\xbfFirst\\r\\nsecond\\r\\n", "utf-8", "demo.txt"))
('First', 'second')
>>> split_lines(decode("Tarov\\nVerkhne-Uralsk".encode("cp1252"), "cp1252", "demo.txt"))
('Tarov', 'Verkhne-Uralsk')
"""
from __future__ import annotations

import codecs
import re

from ..errors import CourseError

#: A line ends with a Windows, Unix or old Mac line end, as text editors read them.
LINE_END = re.compile(r"\r\n|\r|\n")
BOM = "\ufeff"
DEFAULT_ENCODING = "utf-8"


class ReceivedFileError(CourseError, ValueError):
    """A received file that cannot be read: wrong encoding, or an encoding Python does not know."""


def codec_name(encoding: str) -> str:
    """Return Python's name of an encoding (``""`` means UTF-8); raise :class:`ReceivedFileError` if unknown.

    >>> codec_name(""), codec_name("Latin-1"), codec_name("windows-1252")
    ('utf-8', 'iso8859-1', 'cp1252')
    """
    try:
        return codecs.lookup(encoding.strip() or DEFAULT_ENCODING).name
    except LookupError:
        raise ReceivedFileError(
            f"{encoding!r} is not an encoding Python knows. Write utf-8 (most files), cp1252 (Windows files in a "
            "Western European language), latin-1, utf-16, or another name of Python's codecs."
        ) from None


def decode(data: bytes, encoding: str, name: str) -> str:
    """Return the text of a received file: decoded, without a byte-order mark, line ends as received.

    ``name`` names the file in the error raised when the bytes are not in
    ``encoding``: the message gives the line and the byte, and what to try.

    >>> decode(b"caf\\xe9", "utf-8", "letter.txt")
    Traceback (most recent call last):
    ...
    partycorpus.corpus.received.ReceivedFileError: letter.txt cannot be read as utf-8: ...
    """
    codec = codec_name(encoding)
    if codec == "utf-8":
        codec = "utf-8-sig"  # the same, and a byte-order mark in front is not part of the text
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise ReceivedFileError(
            f"{name} cannot be read as {encoding or DEFAULT_ENCODING}: the byte {data[err.start]:#04x} on line "
            f"{line} is not valid in that encoding. The file was probably saved in another encoding: a file from "
            "Windows is often cp1252, an older European file latin-1. Write the right one in the `encoding` field of "
            "its catalogue row (source_texts/catalogue.csv), or give it to partycorpus.add_text(..., "
            "encoding='cp1252'), then check a few lines with partycorpus.lines(text_id)."
        ) from None
    return text[1:] if text.startswith(BOM) else text


def split_lines(text: str) -> tuple[str, ...]:
    """Split a decoded text into its lines, as an editor numbers them (line ``n`` is item ``n - 1``).

    A newline at the very end closes the last line; it does not open an empty one.

    >>> split_lines("one\\r\\ntwo\\rthree\\n"), split_lines("one\\n\\n"), split_lines("")
    (('one', 'two', 'three'), ('one', ''), ('',))
    """
    lines = LINE_END.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return tuple(lines)
