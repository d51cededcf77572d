"""A cache on disk of cleaned texts, so that no Python cleans the same book twice.

Cleaning Carr's book takes a noticeable part of a second; every kernel that
grades an exercise, and every lesson run, did it again. :func:`load` and
:func:`store` keep the result of :func:`partycorpus.cleaning.pipeline.clean_file`
in a file whose name is made from

- the SHA-256 of the inputs of cleaning: the received text, the text's cleaning
  profile and its segments (a changed text, profile or segment is a new entry), and
- the version of the code and data cleaning depends on: the SHA-256 of the
  package's own ``.py`` files and data files (``partycorpus/data``).

The folder is ``$PARTYCORPUS_CACHE`` if set, else the user's cache folder
(``$XDG_CACHE_HOME/partycorpus`` or ``~/.cache/partycorpus``): never the course
folder, which a student may not be allowed to write. Where it cannot be made
or written, nothing is cached and nothing fails. Entries are JSON (nothing in
the cache can run code), written to a temporary file in the same folder and
moved into place at once, so that two kernels writing the same entry leave a
whole file and a reader never sees half of one; an entry that cannot be read is
cleaned again. Set ``PARTYCORPUS_CACHE=off`` to switch the cache off.

>>> import tempfile, os
>>> os.environ["PARTYCORPUS_CACHE"] = tempfile.mkdtemp()
>>> entry = {"text_id": "t", "profile": "web", "raw": ["a"], "text": ["a"], "stream": ["text"], "changes": []}
>>> store("t", "a", entry)
True
>>> load("t", "a") == entry, load("t", "b")
(True, None)
>>> del os.environ["PARTYCORPUS_CACHE"]
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
OFF = ("off", "0", "no", "false")


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """SHA-256 (first 16 digits) of the package's .py and data files."""
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE.rglob("*.py"), *(PACKAGE / "data").glob("*")]):
        if path.is_file():
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def folder() -> Path | None:
    """Where entries live, or None when the cache is off."""
    chosen = os.environ.get("PARTYCORPUS_CACHE", "").strip()
    if chosen.lower() in OFF:
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "partycorpus"


def _path(checked_id: str, inputs: str) -> Path | None:
    where = folder()
    if where is None:
        return None
    text_hash = hashlib.sha256(inputs.encode("utf-8")).hexdigest()[:16]
    return where / f"clean-{checked_id}-{text_hash}-{code_version()}.json"


def load(checked_id: str, inputs: str) -> dict | None:
    """The stored entry for this (already checked) text id, inputs of cleaning and code, or None."""
    path = _path(checked_id, inputs)
    try:
        with open(path, encoding="utf-8") as file:
            entry = json.load(file)
    except (TypeError, OSError, ValueError):
        return None
    return entry if isinstance(entry, dict) and entry.get("text_id") == checked_id else None


def store(checked_id: str, inputs: str, entry: dict) -> bool:
    """Write an entry (atomically); False where the cache is off or cannot be written."""
    path = _path(checked_id, inputs)
    if path is None:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".writing-", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(entry, file)
        os.replace(temporary, path)
        return True
    except OSError:
        try:
            os.unlink(temporary)
        except (OSError, UnboundLocalError):
            pass
        return False
