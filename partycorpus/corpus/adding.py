"""Add a text to the corpus from a notebook: its file, catalogue row, datasheet and checksum.

:func:`add_text` checks everything before it writes anything: the id, every
field of the catalogue (``catalogue_fields()`` says what each one means), the
cleaning profile, the date, and whether the file can be read (its encoding is
found for UTF-8 and UTF-16 files; any other is given). Then it copies the
file byte for byte into ``source_texts/`` (or leaves it where it is, if it is
there already), writes its datasheet into ``source_texts/README.md``,
optionally a ``body`` row into ``segments.csv``, and last its catalogue row with
the file's sha256. From then on every function of the package takes the new
id. Running the same call again changes nothing; a call with other fields for
the same id needs ``replace=True``.

It writes into the folder the package reads the texts from
(:func:`partycorpus.texts_dir`): a student's own copy of the course, or, after
:func:`practice_copy`, a temporary copy of it in which nothing is kept.

>>> folder = practice_copy()
>>> row = add_text("smith-1927-letter", text="Dear comrades,\\r\\nwe protest.\\r\\n", title="[Letter]",
...                author="unknown", date="1927", publication="not published", genre="letter",
...                source_type="primary", stance="unknown", transmission="typed copy", rights="unknown",
...                notes="none known", cleaning="plain")
>>> row["encoding"], row["received_as"]
('utf-8', 'pasted into a notebook')
>>> import partycorpus as pc
>>> pc.lines("smith-1927-letter")
['Dear comrades,', 'we protest.']
>>> end_practice()
"""
from __future__ import annotations

import atexit
import csv
import hashlib
import io
import numbers
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from ..coursedata.datafiles import read_data
from ..coursedata.profiles import describe_profiles, profile_names
from ..errors import ArgumentTypeError, ArgumentValueError, CourseError, expect
from . import catalogue as _catalogue
from . import segments as _segments
from .catalogue import (CATALOGUE_DATE, CATALOGUE_FIELDS, CATALOGUE_FILE, ENV_VAR, SOURCE_TYPES, TEXT_ID,
                        catalogue, texts_dir)
from .datasheets import DATASHEET_FILE, datasheet_entry, put_datasheet
from .received import codec_name, decode, split_lines

FIELDS_FILE = "catalogue_fields.csv"
#: The fields a person fills in; add_text fills the others (file, sha256, received_as, encoding if not given).
YOUR_FIELDS = ("title", "author", "date", "publication", "genre", "source_type", "stance", "transmission",
               "rights", "notes", "cleaning")
PASTED = "pasted into a notebook"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class AddTextError(CourseError, ValueError):
    """A text that cannot be added as asked; the message says what to change. Nothing has been written."""


def catalogue_fields() -> pd.DataFrame:
    """Return what each field of the catalogue means, who fills it in, and an example.

    >>> fields = catalogue_fields()
    >>> fields.loc["source_type", "filled_by"], fields.loc["sha256", "filled_by"]
    ('you', 'add_text')
    """
    return read_data(FIELDS_FILE).set_index("field", drop=False)


def _writable_folder() -> Path:
    folder = texts_dir()
    installed = Path(__file__).resolve().parent.parent / "source_texts"
    is_installed = folder.resolve() == installed.resolve()
    if is_installed or not os.access(folder, os.W_OK):
        raise AddTextError(
            f"The texts the package reads are in {folder}, which you cannot change (it is "
            + ("the copy installed with the package" if is_installed else "read-only")
            + "). Open this notebook from your own copy of the course (the folder with lessons/ and "
            "source_texts/), or set the environment variable " + ENV_VAR + " to a source_texts/ folder of your "
            "own; to try adding a text without keeping it, call partycorpus.practice_copy() first."
        )
    return folder


def _received_bytes(text_id: str, file, text, encoding) -> tuple[bytes, str, Path | None]:
    """The bytes of the text, the name it was received under, and its path (None for pasted text)."""
    if (file is None) == (text is None):
        raise AddTextError(f"Give the text either as a file, add_text({text_id!r}, file='my-text.txt', ...), or "
                           f"pasted as a string, add_text({text_id!r}, text=MY_TEXT, ...): one of the two.")
    if text is not None:
        expect(text, str, "the text", "add_text", 'text="""the lines of your text"""')
        if encoding is not None:
            raise AddTextError("A pasted text has no encoding to give (it is saved as UTF-8): leave out encoding=.")
        return text.encode("utf-8"), PASTED, None
    expect(file, (str, os.PathLike), "the file", "add_text", "file='my-text.txt'")
    path = Path(file).expanduser()
    if not path.is_absolute():
        path = Path.cwd() / path
    if not path.is_file():
        raise AddTextError(f"There is no file {path}. Put your file beside this notebook (the notebook's folder "
                           f"is {Path.cwd()}) and give its name, or give the whole path.")
    return path.read_bytes(), path.name, path


def _encoding_of(data: bytes, encoding, name: str) -> tuple[str, tuple[str, ...]]:
    """The encoding to record and the lines of the file; a clear error if it cannot be read."""
    if not data.strip():
        raise AddTextError(f"{name} is empty: there is no text to add.")
    if encoding is None:
        if b"\x00" in data and not data.startswith(UTF16_BOMS):
            raise AddTextError(f"{name} is not a text file (it holds zero bytes, as a PDF, a Word document or an "
                               "image does). Save it as plain text (.txt) first, then add that file.")
        encoding = "utf-16" if data.startswith(UTF16_BOMS) else "utf-8"
    else:
        expect(encoding, str, "the encoding", "add_text", "encoding='cp1252'")
        codec_name(encoding)
    lines = split_lines(decode(data, encoding, name))
    return encoding, lines


def _clean_field(name: str, value) -> str:
    if not isinstance(value, str):
        raise ArgumentTypeError(f"add_text: the field {name} should be text in quotes, not "
                                f"{type(value).__name__} {value!r}.")
    value = " ".join(value.split())
    if not value:
        raise AddTextError(f"The field {name} is empty: write unknown if nothing is known.")
    return value


def _check_value(name: str, value: str) -> None:
    if name == "date" and not CATALOGUE_DATE.fullmatch(value):
        raise AddTextError(f"The date {value!r} is not an ISO date: write 1927, 1927-11 or 1927-11-07 (year, "
                           "month, day), or unknown.")
    if name == "source_type" and value not in SOURCE_TYPES:
        raise AddTextError(f"The source_type {value!r} is not one of: " + ", ".join(SOURCE_TYPES) + ".")
    if name == "cleaning" and value not in profile_names():
        raise AddTextError(f"The cleaning profile {value!r} is not one of {', '.join(profile_names())}:\n"
                           + describe_profiles())


def _ask(name: str, help_row) -> str:
    """Ask for one field until the answer is valid (``ask=True``)."""
    while True:
        answer = input(f"{name}: {help_row['meaning']} (for example: {help_row['example']})\n> ")
        try:
            value = _clean_field(name, answer)
            _check_value(name, value)
            return value
        except CourseError as err:
            print(err)


def _fields(given: dict, ask: bool) -> dict:
    help_table = catalogue_fields()
    missing = [name for name in YOUR_FIELDS if given.get(name) is None]
    if missing and not ask:
        lines = [f"- {name}: {help_table.loc[name, 'meaning']} (for example: {help_table.loc[name, 'example']})"
                 for name in missing]
        raise AddTextError("add_text needs these fields too:\n" + "\n".join(lines)
                           + "\nGive each as an argument (title='...', ...), or call add_text(..., ask=True) to be "
                           "asked for each one.")
    fields = {}
    for name in YOUR_FIELDS:
        if given.get(name) is None:
            fields[name] = _ask(name, help_table.loc[name])
        else:
            fields[name] = _clean_field(name, given[name])
            _check_value(name, fields[name])
    return fields


def _body_range(body, count: int, text_id: str) -> tuple[int, int] | None:
    if body is None:
        return None
    example = f"body=(3, {max(count - 2, 3)})"
    if (not isinstance(body, (tuple, list)) or len(body) != 2
            or not all(isinstance(n, numbers.Integral) and not isinstance(n, bool) for n in body)):
        raise ArgumentTypeError(f"add_text: body is the first and the last line of the text itself, two whole "
                                f"numbers such as {example}, not {body!r}.")
    first, last = int(body[0]), int(body[1])
    if not 1 <= first <= last <= count:
        raise ArgumentValueError(f"The file of {text_id} has lines 1 to {count}; body=({first}, {last}) is not a "
                                 f"range inside it (the first line is 1, and first must not be after last).")
    return first, last


def _csv_rows(path: Path) -> tuple[list[list[str]], str]:
    raw = path.read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(raw, newline=""))), ("\r\n" if "\r\n" in raw.split("\n", 1)[0] + "\n" else "\n")


def _write_atomic(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def _write_csv(path: Path, rows, newline: str) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    _write_atomic(path, out.getvalue().encode("utf-8"))


def _put_row(path: Path, key_columns: dict, row: dict, columns, drop_only: bool = False) -> None:
    """Put ``row`` in place of the rows matching ``key_columns`` (or at the end); every other row stays as it was."""
    if path.is_file():
        rows, newline = _csv_rows(path)
    else:
        rows, newline = [list(columns)], "\n"
    header, body = rows[0], rows[1:]
    index = {name: header.index(name) for name in key_columns}
    matches = [i for i, r in enumerate(body) if all(r[index[n]] == value for n, value in key_columns.items())]
    kept = [r for i, r in enumerate(body) if i not in matches]
    if not drop_only:
        kept.insert(matches[0] if matches else len(kept), [row.get(name, "") for name in header])
    _write_csv(path, [header, *kept], newline)


def _body_row(text_id: str) -> tuple[int, int] | None:
    table = _segments.all_segments()
    rows = table[(table["text_id"] == text_id) & (table["segment"] == "body")]
    return (int(rows["start"].iloc[0]), int(rows["end"].iloc[0])) if len(rows) else None


def add_text(new_id: str, file=None, *, text: str | None = None, title=None, author=None, date=None,
             publication=None, genre=None, source_type=None, stance=None, transmission=None, rights=None,
             notes=None, cleaning=None, encoding: str | None = None, body=None, replace: bool = False,
             ask: bool = False) -> pd.Series:
    """Add a text to the corpus and return its catalogue row; check everything first, then write.

    Give the text as a ``file`` (a path, relative to the notebook's folder) or
    as a string ``text``, and the fields of its catalogue row (see
    :func:`catalogue_fields`; ``ask=True`` asks for the missing ones).
    ``encoding`` is found for UTF-8 and UTF-16 files; give it for any other
    (``"cp1252"`` for many Windows files). ``body=(first, last)`` marks the
    lines of the text itself, leaving out a web page's navigation, say; without
    it the whole file is the body. Returns the new row of the catalogue.

    >>> add_text("bad id", text="x")
    Traceback (most recent call last):
    ...
    partycorpus.corpus.adding.AddTextError: 'bad id' is not a text id: ...
    """
    expect(new_id, str, "the text id", "add_text", "'smith-1927-letter'")
    expect(replace, bool, "replace", "add_text", "replace=True")
    expect(ask, bool, "ask", "add_text", "ask=True")
    if not TEXT_ID.fullmatch(new_id):
        raise AddTextError(f"{new_id!r} is not a text id: write lower-case words and numbers joined by hyphens, "
                           "author (or place), year and a word for the text, such as 'smith-1927-letter'.")
    folder = _writable_folder()
    data, received_as, path = _received_bytes(new_id, file, text, encoding)
    given = dict(title=title, author=author, date=date, publication=publication, genre=genre,
                 source_type=source_type, stance=stance, transmission=transmission, rights=rights, notes=notes,
                 cleaning=cleaning)
    fields = _fields(given, ask)
    encoding, lines = _encoding_of(data, encoding, received_as if path is None else str(path))
    span = _body_range(body, len(lines), new_id)

    in_place = path is not None and path.parent.resolve() == folder.resolve()
    name = path.name if in_place else f"{new_id}.txt"
    fields.update(id=new_id, file=name, sha256=hashlib.sha256(data).hexdigest(), received_as=received_as,
                  encoding=encoding)
    table = catalogue()
    if new_id in table.index:
        old = table.loc[new_id]
        if all(old[f] == fields[f] for f in CATALOGUE_FIELDS) and _body_row(new_id) == span:
            return old  # the same call again: nothing to do
        if not replace:
            raise AddTextError(f"The catalogue has a text {new_id!r} already, with other fields or another file. "
                               "Choose another id, or call add_text again with replace=True to replace it.")
    others = table.drop(index=new_id, errors="ignore")
    if name in set(others["file"]):
        raise AddTextError(f"The file {name} belongs to the text {others.index[others['file'] == name][0]!r} "
                           "already: choose another id (the file is named after it).")
    target = folder / name
    if not in_place and target.exists() and target.read_bytes() != data and not (replace and new_id in table.index):
        raise AddTextError(f"{target} exists and is not the text you are adding: move it away, or choose "
                           "another id.")

    if not in_place:
        _write_atomic(target, data)
    segments_path = folder / _segments.SEGMENTS_FILE
    if span is not None or (replace and _body_row(new_id) is not None):
        body_row = {"text_id": new_id, "segment": "body", "kind": "body", "start": str(span[0]) if span else "",
                    "end": str(span[1]) if span else "", "note": "set by add_text: the lines of the text itself"}
        _put_row(segments_path, {"text_id": new_id, "segment": "body"}, body_row, _segments.COLUMNS,
                 drop_only=span is None)
    readme_path = folder / DATASHEET_FILE
    readme = readme_path.read_text(encoding="utf-8") if readme_path.is_file() else ""
    _write_atomic(readme_path, put_datasheet(readme, new_id, datasheet_entry(fields)).encode("utf-8"))
    _put_row(folder / CATALOGUE_FILE, {"id": new_id}, fields, CATALOGUE_FIELDS)
    clear_caches()
    return catalogue().loc[new_id]


def clear_caches() -> None:
    """Forget the files read so far, after the package has written one."""
    _catalogue.clear_caches()
    _segments.clear_caches()


#: The practice copies of this session, and the value of $PARTYCORPUS_TEXTS before the first of them.
_PRACTICE: list[Path] = []
_BEFORE: list[str | None] = []


def practice_copy() -> Path:
    """Copy the texts into a temporary folder, and read and add texts there for the rest of the session.

    Nothing added to the copy is kept: the copy is deleted when the session
    ends (or by :func:`end_practice`). Returns the copy's ``source_texts``
    folder. Restart the kernel to work with your own course folder again.

    >>> folder = practice_copy()
    >>> folder.name, (folder / "catalogue.csv").is_file()
    ('source_texts', True)
    >>> end_practice()
    """
    source = texts_dir()
    root = Path(tempfile.mkdtemp(prefix="partycorpus-practice-"))
    folder = root / "source_texts"
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns(".*.partial"))
    if not _PRACTICE:
        _BEFORE[:] = [os.environ.get(ENV_VAR)]
    _PRACTICE.append(root)
    os.environ[ENV_VAR] = str(folder)
    clear_caches()
    return folder


def end_practice() -> None:
    """Delete the practice copies of this session and read the texts from where they were before.

    >>> end_practice()   # without a practice copy there is nothing to do
    """
    if not _PRACTICE:
        return
    while _PRACTICE:
        shutil.rmtree(_PRACTICE.pop(), ignore_errors=True)
    before = _BEFORE.pop() if _BEFORE else None
    if before is None:
        os.environ.pop(ENV_VAR, None)
    else:
        os.environ[ENV_VAR] = before
    clear_caches()


atexit.register(end_practice)
