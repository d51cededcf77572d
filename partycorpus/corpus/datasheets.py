"""The datasheet of each text: its section of ``source_texts/README.md``.

The README describes every text under a heading ``### `text-id`: ...``: what
it is, how it reached us, what is wrong with it, its rights. :func:`datasheet`
returns one section; :func:`datasheet_entry` writes the section of a new text
from its catalogue fields, and :func:`put_datasheet` puts it into the README
(before the section "Adding a text", or at the end).

>>> datasheet("izhma-1926-exile-report").splitlines()[0]
'### `izhma-1926-exile-report`: "Life in Exile" (Izhma, 1926)'
"""
from __future__ import annotations

import re

from ..errors import CourseKeyError
from .catalogue import check_text_id, texts_dir

DATASHEET_FILE = "README.md"
#: The section of the README that new datasheets are put before.
INSERT_BEFORE = "## Adding a text"


class MissingDatasheetError(CourseKeyError):
    """A text of the catalogue without its section in ``source_texts/README.md``."""


def _heading(text_id: str) -> re.Pattern:
    return re.compile(rf"^### `{re.escape(text_id)}`.*$", re.M)


def _section_span(readme: str, text_id: str) -> tuple[int, int] | None:
    """Where the section of ``text_id`` starts and ends in the README (up to the next ``##`` or ``###`` heading)."""
    found = _heading(text_id).search(readme)
    if found is None:
        return None
    following = re.compile(r"^#{2,3} ", re.M).search(readme, found.end())
    return found.start(), following.start() if following else len(readme)


def datasheet(text_id: str) -> str:
    """Return the datasheet of a text: its section of ``source_texts/README.md``, as Markdown.

    >>> "What is wrong with it" in datasheet("carr-1959-socialism-vol2")
    True
    """
    text_id = check_text_id(text_id)
    path = texts_dir() / DATASHEET_FILE
    readme = path.read_text(encoding="utf-8") if path.is_file() else ""
    span = _section_span(readme, text_id)
    if span is None:
        raise MissingDatasheetError(
            f"{path} has no datasheet for {text_id!r}: add a section that starts with the line "
            f"### `{text_id}`: and says what the text is, how it reached us, what is wrong with it and its rights "
            "(partycorpus.add_text writes one for a text it adds)."
        )
    return readme[span[0]:span[1]].strip()


def datasheet_entry(fields: dict) -> str:
    """Write the datasheet section of a text from its catalogue fields.

    >>> entry = datasheet_entry({"id": "smith-1927-letter", "title": "[Letter]", "author": "unknown",
    ...     "date": "1927", "publication": "not published", "genre": "letter", "source_type": "primary",
    ...     "stance": "Left Opposition", "transmission": "typed copy", "notes": "none known",
    ...     "rights": "unknown", "cleaning": "plain", "encoding": "utf-8", "received_as": "letter.txt"})
    >>> entry.splitlines()[0]
    '### `smith-1927-letter`: unknown, "[Letter]" (1927)'
    """
    return "\n".join([
        f"### `{fields['id']}`: {fields['author']}, \"{fields['title']}\" ({fields['date']})",
        "",
        f"- **What it is.** {fields['genre']}; {fields['publication']}. Source type: {fields['source_type']}. "
        f"Stance: {fields['stance']}.",
        f"- **How it reached us.** {fields['transmission']}",
        f"- **What is wrong with it.** {fields['notes']}",
        f"- **Rights.** {fields['rights']}",
        f"- **Added** with `partycorpus.add_text` from `{fields['received_as']}` (encoding {fields['encoding']}, "
        f"cleaning profile {fields['cleaning']}).",
    ]) + "\n"


def put_datasheet(readme: str, text_id: str, entry: str) -> str:
    """Return the README with ``entry`` as the section of ``text_id``: in place of an old one, or new.

    A new section goes before the section "Adding a text", or at the end.

    >>> readme = "# Texts\\n\\n### `a-1`: A\\n\\nold\\n\\n## Adding a text\\n\\nhow\\n"
    >>> print(put_datasheet(readme, "b-2", "### `b-2`: B\\n"))
    # Texts
    <BLANKLINE>
    ### `a-1`: A
    <BLANKLINE>
    old
    <BLANKLINE>
    ### `b-2`: B
    <BLANKLINE>
    ## Adding a text
    <BLANKLINE>
    how
    <BLANKLINE>
    """
    entry = entry.strip() + "\n\n"
    span = _section_span(readme, text_id)
    if span is not None:
        return readme[:span[0]] + entry + readme[span[1]:]
    where = readme.find("\n" + INSERT_BEFORE + "\n")
    if where == -1:
        return readme.rstrip("\n") + ("\n\n" if readme.strip() else "") + entry.rstrip("\n") + "\n"
    return readme[:where + 1] + entry + readme[where + 1:]
