"""The cleaning report of a text: what was set apart, what each step changed, what is left.

:func:`cleaning_report` returns one row per step with its count and examples
cited as ``text-id:line``; :func:`segment_summary` shows which segments count
as body; :func:`report_markdown` renders both, with token counts and the
residual problems, for ``source_texts/reports/<text-id>.md``, which
:func:`write_reports` (``python -m partycorpus.cleaning``) regenerates. What a
reader saw in a text and chose not to repair is written by a person in
``source_texts/reports/<text-id>.notes.md`` (a title, then one ``- `` item per
note), and the report ends with its items.

>>> report = cleaning_report("carr-1959-socialism-vol2")
>>> int(report.set_index("step").loc["chapter-number", "changes"])
6
>>> int(cleaning_report("tarov-1936-escape")["changes"].sum())
0
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..corpus.catalogue import catalogue, check_text_id, text_ids, texts_dir
from ..corpus.segments import apart_lines, segment_range, spans
from ..coursedata.profiles import cleaning_profiles, profile_stages
from ..strings.markdown import markdown_table
from ..strings.tokenizer import TOKEN, is_number, tokenize_lines
from .pipeline import STEP_STAGES, STEPS, clean_file
from .repairs import YEAR_SHAPE, read_year
from .views import view

REPORTS_FOLDER = "reports"
NOTES_SUFFIX = ".notes.md"
EXAMPLES = 3

MIXED = re.compile(r"(?<![\w'])(?!\d+(?:st|nd|rd|th|s)\b)(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]+(?![\w'])")


def _examples(text_id: str, changes, count: int = EXAMPLES) -> str:
    """Pick ``count`` examples spread over the changes, each cited ``text-id:line``."""
    changes = [c for c in changes if c.before != c.after or c.step == "footnote"]
    if not changes:
        return ""
    if len(changes) <= count:
        picked = changes
    else:
        step = (len(changes) - 1) / (count - 1)
        picked = [changes[round(i * step)] for i in range(count)]
    out = []
    for change in picked:
        before = _short(change.before)
        if change.step == "footnote":
            out.append(f"{change.cite(text_id)} '{before}'")
        else:
            out.append(f"{change.cite(text_id)} '{before}' -> '{_short(change.after)}'")
    return "; ".join(out)


def _short(text: str, width: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def cleaning_report(text_id: str) -> pd.DataFrame:
    """Return, for each cleaning step, what it does, how many changes it made and examples.

    Columns: ``step``, ``description``, ``changes`` (in the whole text),
    ``in_body`` (in the body segment), ``examples`` (cited ``text-id:line``).
    Footnote lines are counted as lines moved; a rejoined word counts twice
    (its two lines both change).

    >>> report = cleaning_report("carr-1959-socialism-vol2").set_index("step")
    >>> int(report.loc["year", "changes"]) > 500
    True
    """
    text_id = check_text_id(text_id)
    result = clean_file(text_id)
    start, end = segment_range(text_id, "body")
    apart = apart_lines(text_id, "body")
    rows = []
    for step, description in STEPS.items():
        changes = [c for c in result.changes if c.step == step]
        in_body = [c for c in changes if start <= c.line <= end and c.line not in apart]
        rows.append((step, description, len(changes), len(in_body), _examples(text_id, changes)))
    return pd.DataFrame(rows, columns=["step", "description", "changes", "in_body", "examples"])


def segment_summary(text_id: str) -> pd.DataFrame:
    """Return the segments of a text with their size and how much of them counts as body.

    ``lines`` and ``tokens`` count the received lines with text and their tokens
    (a bare regular-expression tokenisation, before cleaning), leaving out
    nested segments kept apart; ``in_body`` is ``yes`` when all its lines
    with text are in the body segment (headings inside the body are), ``no``
    when none is, ``partly`` otherwise (Carr's Part III holds the part's title
    page and chapters 11-19).

    >>> summary = segment_summary("thakor-2023-gulag-opinion").set_index("segment")
    >>> summary.loc["news-teasers", ["kind", "in_body"]].tolist()
    ['boilerplate', 'no']
    """
    text_id = check_text_id(text_id)
    result = clean_file(text_id)
    body_start, body_end = segment_range(text_id, "body")
    body_apart = apart_lines(text_id, "body")
    rows = []
    for row in spans(text_id):
        apart = apart_lines(text_id, row.segment)
        filled = [n for n in range(row.start, row.end + 1) if result.raw[n - 1].strip() and n not in apart]
        tokens = sum(len(TOKEN.findall(result.raw[n - 1])) for n in filled)
        inside = sum(1 for n in filled if body_start <= n <= body_end and n not in body_apart)
        in_body = "yes" if filled and inside == len(filled) else ("no" if inside == 0 else "partly")
        rows.append((row.segment, row.kind, row.start, row.end, len(filled), tokens, in_body, row.title))
    columns = ["segment", "kind", "start", "end", "lines", "tokens", "in_body", "title"]
    return pd.DataFrame(rows, columns=columns)


def token_counts(text_id: str) -> pd.DataFrame:
    """Return token, word and number counts: received file, cleaned body, footnotes.

    >>> counts = token_counts("thakor-2023-gulag-opinion").set_index("what")
    >>> bool(counts.loc["body, cleaned", "tokens"] < counts.loc["received file, bare tokenisation", "tokens"])
    True
    """
    text_id = check_text_id(text_id)
    result = clean_file(text_id)
    rows = []
    views = [
        ("received file, bare tokenisation", list(enumerate(result.raw, 1))),
        ("body, cleaned", view(text_id).lines),
        ("body without headings, cleaned", view(text_id, headings=False).lines),
        ("footnotes of the body, cleaned", view(text_id, stream="footnote").lines),
    ]
    for what, lines in views:
        pairs = tokenize_lines(lines)
        numbers = sum(1 for token, _ in pairs if is_number(token))
        rows.append((what, len(pairs), len(pairs) - numbers, numbers))
    return pd.DataFrame(rows, columns=["what", "tokens", "words", "numbers"])


def residual_counts(text_id: str) -> pd.DataFrame:
    """Count damage left after cleaning, in the body and in its footnotes.

    Rows: year-shaped tokens the year rule left alone (ambiguous lookalikes),
    and tokens mixing letters and digits (OCR damage in numbers or words).

    >>> residual_counts("tarov-1936-escape")[["body", "footnotes"]].values.tolist()
    [[0, 0], [0, 0]]
    """
    def years(line):
        return [m.group() for m in YEAR_SHAPE.finditer(line)
                if not m.group().isdigit() and read_year(m.group()) is None
                and any(c.isdigit() or c in "zZ" for c in m.group())]

    def mixed(line):
        return [m.group() for m in MIXED.finditer(line)]

    text_id = check_text_id(text_id)
    views = {"body": view(text_id), "footnotes": view(text_id, stream="footnote")}
    rows = []
    for what, finder in (("year-shaped tokens left unrepaired (ambiguous)", years),
                         ("tokens mixing letters and digits (OCR damage)", mixed)):
        found = {name: [(n, token) for n, line in view.lines for token in finder(line)]
                 for name, view in views.items()}
        every = found["body"] + found["footnotes"]
        if len(every) > EXAMPLES:
            step = (len(every) - 1) / (EXAMPLES - 1)
            every = [every[round(i * step)] for i in range(EXAMPLES)]
        examples = "; ".join(f"{text_id}:{n} '{token}'" for n, token in every)
        rows.append((what, len(found["body"]), len(found["footnotes"]), examples))
    return pd.DataFrame(rows, columns=["what", "body", "footnotes", "examples"])


def _table(frame: pd.DataFrame) -> str:
    return markdown_table(frame.columns, frame.itertuples(index=False))


def notes_path(text_id: str) -> Path:
    """Return the path of a text's report notes: what a reader saw and chose not to repair.

    >>> notes_path("izhma-1926-exile-report").name
    'izhma-1926-exile-report.notes.md'
    """
    return reports_dir() / f"{check_text_id(text_id)}{NOTES_SUFFIX}"


def report_notes(text_id: str) -> str:
    """Return the notes of a text's notes file, its ``- `` items (``""`` if it has none).

    The file may open with a title and a sentence (it is a page of its own on the course's site); the report
    takes the notes from the first ``- `` item on.

    >>> report_notes("izhma-1926-exile-report").startswith("- No repairs.")
    True
    """
    path = notes_path(text_id)
    if not path.is_file():
        return ""
    lines = path.read_text(encoding="utf-8").strip().split("\n")
    first = next((i for i, line in enumerate(lines) if line.startswith("- ")), len(lines))
    return "\n".join(lines[first:]).strip()


def report_markdown(text_id: str) -> str:
    """Return the cleaning report of a text as Markdown (what ``write_reports`` saves).

    >>> report_markdown("izhma-1926-exile-report").splitlines()[0]
    '# Cleaning report: izhma-1926-exile-report'
    """
    text_id = check_text_id(text_id)
    row = catalogue().loc[text_id]
    result = clean_file(text_id)
    start, end = segment_range(text_id, "body")
    steps = cleaning_report(text_id)
    stages = profile_stages(result.profile)
    steps = steps[[STEP_STAGES[step] in stages for step in steps["step"]]]
    description = cleaning_profiles().loc[result.profile, "description"]
    parts = [
        f"# Cleaning report: {text_id}",
        "",
        f"*{row['title']}*, {row['author']} ({row['date']}).",
        "",
        "Generated by `python -m partycorpus.cleaning` from the received file "
        f"(sha256 `{row['sha256'][:16]}…`); do not edit by hand. The received file is never changed: "
        "cleaning works on a copy and every change below is cited as `text-id:line` (received line numbers).",
        "",
        f"Cleaning profile: **{result.profile}** (the catalogue's `cleaning` field): {description}.",
        "",
        "## Segments",
        "",
        f"The body is lines {start}-{end}. Segments with `in_body` = `no` are left out of every word count "
        "of the body; headings inside the body count as body words (use `headings=False` to leave them out). "
        "`tokens` counts the received lines with a bare regular expression, before cleaning.",
        "",
        _table(segment_summary(text_id).drop(columns=["title"])),
        "",
        "## Token counts",
        "",
        "Tokens as `partycorpus.tokenize` defines them (words and numbers).",
        "",
        _table(token_counts(text_id)),
        "",
        "## Cleaning steps",
        "",
    ]
    if steps.empty:
        parts += ["No cleaning step runs on a text of this profile: only the segments above separate the body "
                  "from the rest.", ""]
    else:
        parts += [_table(steps), ""]
    parts += ["## Residual problems (seen, not repaired)", "", _table(residual_counts(text_id)), ""]
    notes = report_notes(text_id)
    parts.append(notes or f"No notes yet: what a reader saw in this text and chose not to repair goes in "
                          f"`{REPORTS_FOLDER}/{text_id}{NOTES_SUFFIX}`, one `- ` item per note (under a title "
                          "line, if you like).")
    return "\n".join(parts).rstrip() + "\n"


def reports_dir() -> Path:
    """Return the folder of the committed reports (``source_texts/reports``)."""
    return texts_dir() / REPORTS_FOLDER


def write_reports(folder: Path | str | None = None) -> list[Path]:
    """Write the Markdown report of every text into ``folder``; return the paths written."""
    folder = Path(folder) if folder is not None else reports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for text_id in text_ids():
        path = folder / f"{text_id}.md"
        path.write_text(report_markdown(text_id), encoding="utf-8")
        written.append(path)
    return written
