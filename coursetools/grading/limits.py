"""Cap what a submission prints, without changing its grade.

nbgrader's ``LimitOutput`` counts lines: one line of five megabytes, a huge
return value or a hundred thousand ``display()`` calls pass through it, and
end up in the autograded notebook, the formgrader and the feedback.
:class:`CapOutputSize` runs in ``nbgrader autograde`` after ``LimitOutput``
(see nbgrader_config.py) and cuts each cell's outputs to a size budget.

It keeps what the grade depends on: nbgrader scores a test cell by its first
error, stderr stream or result, so that output stays where it is; errors and
the stream name (stdout or stderr) are never dropped.

>>> from nbformat.v4 import new_code_cell, new_output
>>> cell = new_code_cell("print('x' * 10**6)", outputs=[new_output("stream", name="stdout", text="x" * 10**6)])
>>> text = cap_cell_outputs(cell, max_chars=1000).outputs[0].text
>>> len(text), text[998:]
(1069, 'xx\\n[... output cut by the autograder: 1,000,000 characters in all ...]\\n')
"""
from __future__ import annotations

from nbformat.v4 import new_output
from traitlets import Integer

from nbgrader.preprocessors import NbGraderPreprocessor

CUT = "\n[... output cut by the autograder: {total:,} characters in all ...]\n"


def _size(output) -> int:
    size = len(output.get("text", "")) + len(str(output.get("evalue", "")))
    size += sum(len(line) for line in output.get("traceback", []))
    size += sum(len(value) if isinstance(value, str) else len(str(value)) for value in output.get("data", {}).values())
    return size


def _grade_relevant(output) -> bool:
    """The kinds of output nbgrader's grading looks at (``nbgrader.utils.determine_grade``)."""
    return (output.output_type in ("error", "execute_result")
            or (output.output_type == "stream" and output.get("name") == "stderr"))


def _shorten(text, budget: int) -> str:
    text = "".join(text) if isinstance(text, list) else str(text)
    return text if len(text) <= budget else text[:budget] + CUT.format(total=len(text))


def _cut(output, budget: int):
    """A copy of ``output`` that fits ``budget`` characters (about), of the same kind."""
    budget = max(budget, 200)
    if output.output_type == "stream":
        return new_output("stream", name=output.name, text=_shorten(output.text, budget))
    if output.output_type == "error":
        traceback = [_shorten(line, budget // 2) for line in output.get("traceback", [])[-3:]]
        return new_output("error", ename=output.ename, evalue=_shorten(output.evalue, budget // 2), traceback=traceback)
    text = _shorten(output.get("data", {}).get("text/plain", f"[{output.output_type}]"), budget)
    if output.output_type == "execute_result":
        return new_output("execute_result", data={"text/plain": text}, execution_count=output.get("execution_count"))
    return new_output("display_data", data={"text/plain": text})


def cap_cell_outputs(cell, max_chars: int = 20_000, max_outputs: int = 100):
    """Cut the outputs of a code cell to about ``max_chars`` characters and ``max_outputs`` outputs.

    >>> from nbformat.v4 import new_code_cell, new_output
    >>> many = [new_output("display_data", data={"text/plain": str(i)}) for i in range(500)]
    >>> cell = new_code_cell("", outputs=many + [new_output("error", ename="E", evalue="", traceback=[])])
    >>> [o.output_type for o in cap_cell_outputs(cell, max_outputs=3).outputs]
    ['display_data', 'display_data', 'stream', 'error']
    """
    if cell.cell_type != "code" or (len(cell.outputs) <= max_outputs and sum(map(_size, cell.outputs)) <= max_chars):
        return cell
    kept, used, dropped, first_relevant_seen = [], 0, 0, False
    for output in cell.outputs:
        relevant = _grade_relevant(output)
        must_keep = output.output_type == "error" or (relevant and not first_relevant_seen)
        first_relevant_seen = first_relevant_seen or relevant
        room = max_chars - used
        if must_keep or (room > 0 and len(kept) < max_outputs - 1):
            small = output if _size(output) <= room else _cut(output, room)
            kept.append(small)
            used += _size(small)
        else:
            dropped += 1
    if dropped:
        note = new_output("stream", name="stdout", text=f"[... {dropped:,} more outputs cut by the autograder ...]\n")
        position = next((i for i, o in enumerate(kept) if o.output_type == "error"), len(kept))
        kept.insert(position, note)
    cell.outputs = kept
    return cell


class CapOutputSize(NbGraderPreprocessor):
    """nbgrader preprocessor for ``autograde``: at most ``max_chars`` characters and ``max_outputs`` outputs per cell."""

    max_chars = Integer(20_000, help="Characters of output kept per cell (about).").tag(config=True)
    max_outputs = Integer(100, help="Outputs kept per cell.").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        return cap_cell_outputs(cell, self.max_chars, self.max_outputs), resources
