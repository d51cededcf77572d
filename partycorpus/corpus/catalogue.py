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
from pathlib import Path

import pandas as pd

from ..errors import ArgumentTypeError, CourseKeyError, DataFileError, TextsNotFoundError

CATALOGUE_FILE = "catalogue.csv"
CATALOGUE_FIELDS = (
    "id", "file", "title", "author", "date", "publication", "genre",
    "source_type", "stance", "transmission", "rights", "sha256",
    "received_as", "notes",
)
ENV_VAR = "PARTYCORPUS_TEXTS"


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
        if (folder / CATALOGUE_FILE).is_file():
            return folder
    raise TextsNotFoundError(
        "Cannot find the course's source_texts/ folder with its catalogue.csv. "
        f"Open the notebook from inside the course folder, install the course's package, or set {ENV_VAR} "
        "to the folder's path."
    )


@functools.lru_cache(maxsize=None)
def _catalogue_cached(folder: Path) -> pd.DataFrame:
    table = pd.read_csv(folder / CATALOGUE_FILE, dtype=str, keep_default_na=False)
    missing = [field for field in CATALOGUE_FIELDS if field not in table.columns]
    if missing:
        raise DataFileError(f"{folder / CATALOGUE_FILE} lacks the columns {missing}")
    return table.set_index("id", drop=False)


def catalogue() -> pd.DataFrame:
    """Return the catalogue of texts as a DataFrame indexed by text id.

    >>> catalogue().loc["carr-1959-socialism-vol2", "author"]
    'E. H. Carr (1892-1982)'
    """
    return _catalogue_cached(texts_dir()).copy()


def text_ids() -> list[str]:
    """Return the ids of all texts, in catalogue order.

    >>> len(text_ids()) >= 5
    True
    """
    return list(_catalogue_cached(texts_dir()).index)


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
            f"A text id is a string such as 'tarov-1936-escape', not "
            f"{type(text_id).__name__} {text_id!r}. Run partycorpus.text_ids() to list them."
        )
    ids = text_ids()
    if text_id not in ids:
        raise UnknownTextError(text_id, ids)
    return text_id


def text_path(text_id: str) -> Path:
    """Return the path of a received text file.

    >>> text_path("izhma-1926-exile-report").name
    'izhma-1926-exile-report.txt'
    """
    return _path(check_text_id(text_id))


def _path(checked_id: str) -> Path:
    folder = texts_dir()
    return folder / _catalogue_cached(folder).loc[checked_id, "file"]


@functools.lru_cache(maxsize=None)
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def _split(path: Path) -> tuple[str, ...]:
    return tuple(_read(path).split("\n"))


def text(text_id: str) -> str:
    """Return a received text exactly as the file holds it.

    >>> text("izhma-1926-exile-report")[:14]
    'Life in Exile '
    """
    return received_text(check_text_id(text_id))


def received_text(checked_id: str) -> str:
    """The received file of a checked id, as :func:`text` returns it (cached)."""
    return _read(_path(checked_id))


def received_lines(checked_id: str) -> tuple[str, ...]:
    """The received lines of a checked id, as a tuple (cached; :func:`lines` returns a list copy)."""
    return _split(_path(checked_id))


def lines(text_id: str) -> list[str]:
    """Return the lines of a received text; line ``n`` is ``lines(text_id)[n - 1]``.

    Lines are split at newline characters only, so the numbering matches what a
    text editor (or ``cat -n``) shows and what a citation ``text-id:line`` means.

    >>> len(lines("izhma-1926-exile-report"))
    28
    """
    return list(received_lines(check_text_id(text_id)))
