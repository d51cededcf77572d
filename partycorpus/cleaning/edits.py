"""The helper every line-level repair uses: substitute, and say what changed.

A repair rule is a function ``rule(line) -> (new_line, edits)``: ``edits`` lists
``(before, after)`` pairs, one per repaired spot, where ``before`` is the
whitespace-delimited chunk around the spot as it was and ``after`` the same
chunk once the rule has done its work on it. Pairs let the cleaning report
show examples and let a test trace every cleaned token to its received line.

>>> import re
>>> substitute(re.compile(r"\\d"), lambda m: "#", "pp. 12-3 here")
('pp. ##-# here', [('12-3', '##-#'), ('12-3', '##-#'), ('12-3', '##-#')])
"""
from __future__ import annotations


def _chunk(line: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    while end < len(line) and not line[end].isspace():
        end += 1
    return start, end


def substitute(pattern, replace, line: str) -> tuple[str, list[tuple[str, str]]]:
    """Replace each match of ``pattern`` by ``replace(match)``; ``None`` keeps the match.

    Returns the new line and one ``(before, after)`` pair per replacement.

    >>> import re
    >>> substitute(re.compile(r"o"), lambda m: "0" if m.start() > 3 else None, "too good")
    ('too g00d', [('good', 'g00d'), ('good', 'g00d')])
    """
    spots = []
    for match in pattern.finditer(line):
        new = replace(match)
        if new is not None and new != match.group():
            spots.append((match.start(), match.end(), new))
    if not spots:
        return line, []
    pieces, last = [], 0
    for start, end, new in spots:
        pieces += [line[last:start], new]
        last = end
    pieces.append(line[last:])
    result = "".join(pieces)
    edits = []
    for start, end, _ in spots:
        chunk_start, chunk_end = _chunk(line, start, end)
        after = "".join(_apply(line, chunk_start, chunk_end, spots))
        edits.append((line[chunk_start:chunk_end], after))
    return result, edits


def _apply(line: str, chunk_start: int, chunk_end: int, spots) -> list[str]:
    pieces, last = [], chunk_start
    for start, end, new in spots:
        if chunk_start <= start and end <= chunk_end:
            pieces += [line[last:start], new]
            last = end
    pieces.append(line[last:chunk_end])
    return pieces
