"""Find the course's source texts and load them by id.

Every text is read through :func:`lines` or :func:`text`, never through a path
that depends on where a notebook sits. The catalogue
(``source_texts/catalogue.csv``) lists the texts: adding a text is adding a
file and a row.

>>> "tarov-1936-escape" in text_ids()
True
>>> lines("tarov-1936-escape")[6]      # list index 6 is line 7 of the file
'A. Tarov'
"""
from __future__ import annotations

import difflib
import functools
import os
import re
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..coursedata.profiles import describe_profiles, profile_names
from ..errors import ArgumentTypeError, CourseError, CourseKeyError, DataFileError, TextsNotFoundError
from .received import ReceivedFileError, codec_name, decode, split_lines

CATALOGUE_FILE = "catalogue.csv"
CATALOGUE_FIELDS = (
    "id", "file", "title", "author", "date", "publication", "genre",
    "source_type", "stance", "transmission", "rights", "sha256",
    "received_as", "notes", "encoding", "cleaning",
)
ENV_VAR = "PARTYCORPUS_TEXTS"
#: What ``source_type`` may say (source_texts/README.md explains each).
SOURCE_TYPES = ("primary", "secondary", "derivative", "primary or secondary")
#: A text id: lower-case words and numbers joined by hyphens, at least two parts (``smith-1927-letter``).
TEXT_ID = re.compile(r"[a-z]+(?:-[a-z0-9]+)+")
#: A catalogue date: ``unknown``, or an ISO year, month or day.
CATALOGUE_DATE = re.compile(r"unknown|\d{4}(?:-\d{2}(?:-\d{2})?)?")


class UnknownTextError(CourseKeyError):
    """Raised for a text id that is not in the catalogue.

    The message lists the valid ids and suggests the closest one.

    >>> try:
    ...     lines("tarov")
    ... except UnknownTextError as err:
    ...     print(err.args[0].splitlines()[0])
    There is no text with the id 'tarov'. Did you mean 'tarov-1936-escape'?
    """

    def __init__(self, text_id, valid_ids):
        key = str(text_id).strip().lower()
        close = difflib.get_close_matches(key, valid_ids, n=1, cutoff=0.3)
        prefix = [i for i in valid_ids if key and i.startswith(key)]
        guess = (prefix or close or [None])[0]
        hint = f" Did you mean {guess!r}?" if guess else ""
        what = ("The text id is empty: write the id of a text between the quotes, for example "
                f"{valid_ids[0]!r}." if valid_ids and not key else f"There is no text with the id {text_id!r}.{hint}")
        message = (
            f"{what}\n"
            "Valid ids: " + ", ".join(valid_ids) + "\n"
            "Run partycorpus.text_ids() to list them, or partycorpus.catalogue() "
            "to see what each one is."
        )
        super().__init__(message)


def texts_dir() -> Path:
    """Return the folder holding the received texts and the catalogue.

    The first folder with a ``catalogue.csv`` among: ``$PARTYCORPUS_TEXTS``;
    ``source_texts/`` beside the package (a clone of the course); the nearest
    ``source_texts/`` at or above the working directory (a student's own copy
    of the course, where they may add a text); the copy installed inside the
    package (``pip install`` of the course or of its student edition).

    >>> (texts_dir() / "catalogue.csv").exists()
    True
    """
    candidates = []
    if os.environ.get(ENV_VAR):
        candidates.append(Path(os.environ[ENV_VAR]))
    package = Path(__file__).resolve().parent.parent  # the partycorpus folder
    candidates.append(package.parent / "source_texts")
    here = Path.cwd().resolve()
    candidates += [folder / "source_texts" for folder in (here, *here.parents)]
    candidates.append(package / "source_texts")
    for folder in candidates:
        if _has_catalogue(folder):
            return folder
    raise TextsNotFoundError(
        "Cannot find the course's source_texts/ folder with its catalogue.csv. "
        f"Open the notebook from inside the course folder, install the course's package, or set {ENV_VAR} "
        "to the folder's path."
    )


def _has_catalogue(folder: Path) -> bool:
    """True if ``folder`` holds a catalogue; False also where this account may not look (a folder above a
    student's home on a JupyterHub, or a grader's private folder above the kernel's working folder)."""
    try:
        return (folder / CATALOGUE_FILE).is_file()
    except OSError:  # PermissionError: is_file() only hides "no such file"
        return False


def file_stamp(path: Path) -> tuple[int, int]:
    """When a file last changed and its size: the caches below read a file again after it changes."""
    status = path.stat()
    return status.st_mtime_ns, status.st_size


def table_problems(table: pd.DataFrame) -> list[str]:
    """Return what stops the package from using a catalogue table (empty when it can be used).

    Checked: every column, ids present, well formed and unique, a known
    cleaning profile and a known encoding in every row.

    >>> for problem in table_problems(pd.DataFrame([{f: "x" for f in CATALOGUE_FIELDS}])):
    ...     print(problem[:72])
    the text 'x' has the id 'x': write lower-case words and numbers joined b
    the text 'x' has the cleaning profile 'x': write one of ocr-book, ocr-te
    the text 'x': 'x' is not an encoding Python knows. Write utf-8 (most fil
    """
    missing = [field for field in CATALOGUE_FIELDS if field not in table.columns]
    if missing:
        return [f"the columns {', '.join(missing)} are missing (source_texts/README.md says what each holds; "
                "`cleaning` is a profile such as plain or ocr-book, `encoding` is utf-8 for most files)"]
    problems = []
    profiles = profile_names()
    for row in table.itertuples(index=False):
        name = f"the text {row.id or '(row without an id)'!r}"
        if not TEXT_ID.fullmatch(row.id):
            problems.append(f"{name} has the id {row.id!r}: write lower-case words and numbers joined by hyphens, "
                            "such as smith-1927-letter")
        if row.cleaning not in profiles:
            problems.append(f"{name} has the cleaning profile {row.cleaning!r}: write one of "
                            f"{', '.join(profiles)} (below)")
        try:
            codec_name(row.encoding)
        except ReceivedFileError as err:
            problems.append(f"{name}: {err}")
    for text_id in sorted(set(table.loc[table["id"].duplicated(), "id"])):
        problems.append(f"the id {text_id!r} is used by more than one row")
    return problems


def _problems_message(path: Path, problems: list[str]) -> str:
    message = f"{path} cannot be used:\n" + "\n".join(f"- {problem}" for problem in problems)
    if any("cleaning profile" in problem for problem in problems):
        message += "\nThe cleaning profiles (partycorpus/data/cleaning_profiles.csv):\n" + describe_profiles()
    return message + "\nCorrect the file (a spreadsheet program or a text editor will do), then run the cell again."


class _Loaded(NamedTuple):
    """A catalogue as read: the table, and its rows as plain dicts for quick look-ups."""

    table: pd.DataFrame
    rows: dict


@functools.lru_cache(maxsize=8)
def _catalogue_cached(folder: Path, stamp: tuple[int, int]) -> _Loaded:
    path = folder / CATALOGUE_FILE
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    problems = table_problems(table)
    if problems:
        raise DataFileError(_problems_message(path, problems))
    return _Loaded(table.set_index("id", drop=False), {row["id"]: row for row in table.to_dict("records")})


def _loaded() -> tuple[Path, _Loaded]:
    folder = texts_dir()
    return folder, _catalogue_cached(folder, file_stamp(folder / CATALOGUE_FILE))


def _table() -> pd.DataFrame:
    return _loaded()[1].table


def clear_caches() -> None:
    """Forget every file read so far (the package reads a file again anyway once it has changed)."""
    _catalogue_cached.cache_clear()
    _read.cache_clear()


def catalogue() -> pd.DataFrame:
    """Return the catalogue of texts as a DataFrame indexed by text id.

    >>> catalogue().loc["carr-1959-socialism-vol2", "author"]
    'E. H. Carr (1892-1982)'
    """
    return _table().copy()


def text_ids() -> list[str]:
    """Return the ids of all texts, in catalogue order.

    >>> len(text_ids()) >= 5
    True
    """
    return list(_loaded()[1].rows)


def field(checked_id: str, name: str) -> str:
    """One field of a checked text id's catalogue row (no copy of the table is made).

    >>> field("carr-1959-socialism-vol2", "cleaning")
    'ocr-book'
    """
    return _loaded()[1].rows[checked_id][name]


def example_id() -> str:
    """Return a text id to show in a message: the first of the catalogue.

    >>> example_id() in text_ids()
    True
    """
    try:
        ids = text_ids()
    except CourseError:
        ids = []
    return ids[0] if ids else "smith-1927-letter"


def check_text_id(text_id) -> str:
    """Return ``text_id`` if the catalogue has it; raise a helpful error if not.

    Every public function that takes a text id checks it once, with this
    function, and then works with the checked id (functions whose first
    parameter is ``checked_id`` expect an id checked already).

    >>> check_text_id("carr-1959-socialism-vol2")
    'carr-1959-socialism-vol2'
    """
    if not isinstance(text_id, str):
        raise ArgumentTypeError(
            f"A text id is a string such as {example_id()!r}, not "
            f"{type(text_id).__name__} {text_id!r}. Run partycorpus.text_ids() to list them."
        )
    if text_id not in _loaded()[1].rows:
        raise UnknownTextError(text_id, text_ids())
    return text_id


def text_path(text_id: str) -> Path:
    """Return the path of a received text file.

    >>> text_path("izhma-1926-exile-report").name
    'izhma-1926-exile-report.txt'
    """
    return _path(check_text_id(text_id))


def _path(checked_id: str) -> Path:
    folder, loaded = _loaded()
    return folder / loaded.rows[checked_id]["file"]


@functools.lru_cache(maxsize=16)
def _read(path: Path, encoding: str, stamp: tuple[int, int]) -> tuple[str, tuple[str, ...]]:
    lines = split_lines(decode(path.read_bytes(), encoding, str(path)))
    return "\n".join(lines), lines


def _received(checked_id: str) -> tuple[str, tuple[str, ...]]:
    folder, loaded = _loaded()
    row = loaded.rows[checked_id]
    path, encoding = folder / row["file"], row["encoding"]
    try:
        stamp = file_stamp(path)
    except FileNotFoundError:
        raise DataFileError(f"The catalogue lists the file {path.name} for {checked_id!r}, but {path} does not "
                            "exist: put the file there, or correct the `file` field of its catalogue row.") from None
    return _read(path, encoding, stamp)


def text(text_id: str) -> str:
    """Return a received text, its lines joined by ``\\n``.

    The text is the file as an editor shows it: decoded with the catalogue's
    ``encoding``, without a byte-order mark, every line end as ``\\n`` and no
    newline after the last line (see :func:`lines`). For the five texts of the
    course that is exactly the file.

    >>> text("izhma-1926-exile-report")[:14]
    'Life in Exile '
    """
    return received_text(check_text_id(text_id))


def received_text(checked_id: str) -> str:
    """The received text of a checked id, as :func:`text` returns it (cached)."""
    return _received(checked_id)[0]


def received_lines(checked_id: str) -> tuple[str, ...]:
    """The received lines of a checked id, as a tuple (cached; :func:`lines` returns a list copy)."""
    return _received(checked_id)[1]


def lines(text_id: str) -> list[str]:
    """Return the lines of a received text; line ``n`` is ``lines(text_id)[n - 1]``.

    The numbering is the one a text editor (or ``cat -n``) shows and the one a
    citation ``text-id:line`` means, whatever system saved the file: a line
    ends with ``\\n``, ``\\r\\n`` (Windows) or ``\\r``; a byte-order mark is not
    part of the first line; a newline at the end of the file does not make an
    empty last line. A file that cannot be decoded raises an error naming it.

    >>> len(lines("izhma-1926-exile-report"))
    28
    """
    return list(received_lines(check_text_id(text_id)))
