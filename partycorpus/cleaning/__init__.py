"""Clean the received texts: segments, page debris, footnotes, OCR repairs, split words.

Cleaning never touches the received files. It works on a copy, records every
change with its received line number, and is deterministic. The public API:

* :func:`clean` (any segment), :func:`body`, :func:`chapter` (Carr, 11-24),
  :func:`footnotes`: cleaned views as :class:`CleanText` (lines with their numbers);
* :func:`raw_and_clean`: received and cleaned lines side by side (DataFrame);
* :func:`cleaning_report`: what each step changed, how often, with examples;
  :func:`write_reports` renders the reports to ``source_texts/reports/``
  (``python -m partycorpus.cleaning``).

>>> view = chapter(11)
>>> [line for line in view.lines if line[1].strip()][2]
(71, 'THE summer months of 1924 were marked by the usual ')
"""
from .model import Change, CleanText
from .pipeline import STEPS, cleaned, profile
from .report import cleaning_report, report_markdown, segment_summary, write_reports
from .views import body, chapter, clean, footnotes, raw_and_clean

__all__ = [
    "STEPS", "Change", "CleanText", "body", "chapter", "clean", "cleaned", "cleaning_report",
    "footnotes", "profile", "raw_and_clean", "report_markdown", "segment_summary", "write_reports",
]
