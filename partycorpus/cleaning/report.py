"""The cleaning report of a text: what was set apart, what each step changed, what is left.

:func:`cleaning_report` returns one row per step with its count and examples
cited as ``text-id:line``; :func:`segment_summary` shows which segments count
as body; :func:`report_markdown` renders both, with token counts and the
residual problems, for ``source_texts/reports/<text-id>.md``, which
:func:`write_reports` (``python -m partycorpus.cleaning``) regenerates.

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
from ..strings.markdown import markdown_table
from ..strings.tokenizer import TOKEN, is_number, tokenize_lines
from .pipeline import STEPS, clean_file
from .repairs import YEAR_SHAPE, read_year
from .views import view

REPORTS_FOLDER = "reports"
EXAMPLES = 3

#: What we saw in each text and chose not to repair (kept with the code that
#: made the choice; the automatic counts in the report come on top).
RESIDUAL_NOTES = {
    "carr-1959-socialism-vol2": [
        "Numbers are repaired only when they hold at least one real digit (`r7` -> 17, `4o,ooo` -> 40,000). "
        "Numbers made only of lookalikes stay (`so` for 50 in 'not less than so per cent', line 5078; `zor`, "
        "line 140), and so do numbers with `J`, which the OCR used for 1, 3 and 7 (`J06-309`, line 140).",
        "Years whose lookalike is ambiguous are left alone: `I9l6` (1926 at line 5973, but `I9l9` is 1919 at "
        "line 467), "
        "`I9IJ` (1917 in 'The Bolshevik Revolution, I9IJ-I923', but J is 3 elsewhere), `I9S4` (1924), and "
        "misreadings with no lookalike at all (`I9Z7-I933` for 1917-1923, line 2131; `192.5`, `I92f`, `I9of`).",
        "A split word whose two pieces are both common words is rejoined only when the text itself uses the joined "
        "form far more often than the two words (`how` / `ever`); rarer cases stay apart (`un` / `friendly`, "
        "`under` / `lying`), and so do two-letter endings (`in` / `to` may be *into*).",
        "A line-final `-` followed by two words is left as printed: it may be a compound's hyphen or Carr's dash, "
        "which the OCR also prints as `-` (`form- not, however`, line 5122). Hyphens the OCR dropped inside "
        "compounds are lost for good (`co` / `operatives` becomes *cooperatives*).",
        "Footnote detection works page by page: the footnotes are the end of an OCR page, recognised by their longer "
        "lines (smaller type), their reference marks and their citations. A short footnote whose line has the width "
        "of the text and no recognisable mark can stay in the text; a last text line of footnote width can go to the "
        "footnotes. Footnote reference marks are removed from the text only where a mark is certain "
        "(after closing punctuation); marks such as `August 1924 1 had` (line 11569) stay. The day in "
        "`on August I, 1924` (line 95) stays `I`: nothing proves the digit.",
        "The OCR's letter substitutions inside words are repaired only for the patterns listed above; most damage "
        "inside Russian titles in the footnotes (`Vsesoyu.moi`, `Kommunirticheskoi`) and misread words "
        "(`lo.ter`, `dtrcctly`, `m` for *in*, `~` for a letter, `rigime`) remain.",
        "Part IV's title page is missing from the OCR: the segment `part-iv` starts with chapter 20. "
        "About 460 lines of index columns (20954-21415) come before the `INDEX` heading; the index is not cleaned "
        "beyond the general repairs and is outside the body.",
        "Tables (for instance line 15973) keep their OCR damage and their layout is lost.",
    ],
    "tarov-1936-escape": [
        "No repairs: the web transcription has no OCR damage. Spelling variants of names "
        "(Verkhni-Uralsk; Khugayev and Khugayeb, line 65) are the source's and are kept.",
        "Typographic apostrophes (’) are kept in the text; the tokenizer reads them as ' so that both spellings "
        "count "
        "as one word.",
        "Missing spaces of the transcription stay (`Papelmeister;11)`, line 65; `exiles:a`, line 73); the tokenizer "
        "still separates the words.",
    ],
    "izhma-1926-exile-report": [
        "No repairs. The asterisk after 'Eastern Siberia*' (line 3) points to the web editor's note on line 8, "
        "which is set apart with the other notes.",
        "The body is a single line (the report as reprinted); its date and signature are known only from the "
        "bibliographic note (line 6), which is not body.",
    ],
    "web-undated-stalin-trotsky": [
        "No repairs, on purpose: the stripped numerals ('Trotsky in ) was', 'issued inon'), the inverted capitals "
        "and 'kfb' of line 1 are the evidence that this is a machine-damaged derivative text.",
        "Line 1 (the site's summary) and line 3 (its headline) are set apart as title block; everything from line 5 "
        "is body.",
    ],
    "thakor-2023-gulag-opinion": [
        "No repairs: typing errors and factual errors of the article ('19808', 'Inspite', 'Wold War') are the "
        "author's and are kept.",
        "The author's biographical note (line 60) is set apart; the seven news teasers (lines 64-90) are boilerplate "
        "of the website and are outside the body.",
        "Repetitions inside the article are not removed: they are part of what students examine.",
    ],
}

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
    if result.profile == "web":
        steps = steps[steps["changes"] > 0]
    parts = [
        f"# Cleaning report: {text_id}",
        "",
        f"*{row['title']}*, {row['author']} ({row['date']}).",
        "",
        "Generated by `python -m partycorpus.cleaning` from the received file "
        f"(sha256 `{row['sha256'][:16]}…`); do not edit by hand. The received file is never changed: "
        "cleaning works on a copy and every change below is cited as `text-id:line` (received line numbers).",
        "",
        f"Cleaning profile: **{result.profile}** "
        + ("(OCR text of a printed book: page layout, repairs, split words)." if result.profile == "ocr"
           else "(web text: segments only, no repairs)."),
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
        parts += ["No cleaning step changed this text: only the segments above separate the body from the rest.", ""]
    else:
        parts += [_table(steps), ""]
    parts += ["## Residual problems (seen, not repaired)", "", _table(residual_counts(text_id)), ""]
    parts += [f"- {note}" for note in RESIDUAL_NOTES.get(text_id, [])]
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
