"""Helpers for the course *Reading the Party Struggle*: ``import partycorpus as pc``, then ``pc.`` only.

Helpers return data (lists, Counters, DataFrames); the notebook decides how to
show it. A line of a received file is the unit of citation: every view keeps
the received line numbers, so every token, KWIC row and date cites
``text-id:line``. The folders say what the parts do:

``corpus/``
    the texts by id, their segments, passages and citations:
    ``texts_dir``, ``catalogue``, ``text_ids``, ``check_text_id``, ``text_path``,
    ``text``, ``lines``, ``segments``, ``segment_lines``, ``chapters``,
    ``passage`` (``clean=True`` for the cleaned lines), ``show_passage``,
    ``format_passage``, ``cite``, ``parse_citation``, ``quote``, ``datasheet``;
    adding a text of one's own: ``add_text``, ``catalogue_fields``,
    ``practice_copy``, ``end_practice``.
``cleaning/``
    the cleaned views, every change counted: ``body``, ``clean`` (a named
    segment), ``chapter``, ``footnotes``, ``raw_and_clean``,
    ``cleaning_report``, ``report_markdown`` (the whole report); a view is a
    ``CleanText``.
``strings/``
    string in, tokens out (no text ids): ``tokenize``, ``tokenize_lines``,
    ``is_number``.
``stats/``
    statistics on the cleaned texts: ``tokens``, ``token_table``, ``kwic``,
    ``kwic_in_lines``, ``format_kwic``, ``show_kwic``, ``keyness``,
    ``log_likelihood``, ``log_ratio``, ``collocates``, ``dispersion``,
    ``chapter_words``, ``name_counts``, ``find_dates``, ``dates_in_lines``.
``coursedata/``
    the course's tables, read from ``data/``: ``cleaning_profiles``, ``stopwords``,
    ``stopwords_note``, ``aliases``, ``alias_map``, ``apply_aliases``,
    ``timeline``, ``events_between``, ``date_span``, ``PERIODS``, ``places``,
    ``route``, ``glossary``, ``define``.
``plots/``
    accessible figures and the lessons' plotting plumbing: ``PALETTE``,
    ``label_axes``, ``show_figure``, ``plot_timeline``, ``shade_periods``,
    ``assign_lanes``, ``place_labels``, ``draw_route``, ``plot_heatmap``,
    ``describe_heatmap``.
``errors.py``, ``notebook.py``
    the course's errors (``CourseError``, ``UnknownTextError``,
    ``UnknownSegmentError``), shown in a notebook as a plain message without the
    package's internals.

>>> import partycorpus as pc
>>> pc.cite("tarov-1936-escape", 17)
'tarov-1936-escape:17'
"""
from . import notebook as _notebook
from .cleaning.report import cleaning_report, report_markdown
from .cleaning.model import CleanText
from .cleaning.views import body, chapter, clean, footnotes, raw_and_clean
from .corpus.adding import add_text, catalogue_fields, end_practice, practice_copy
from .corpus.catalogue import UnknownTextError, catalogue, check_text_id, lines, text, text_ids, text_path, texts_dir
from .corpus.datasheets import datasheet
from .corpus.passages import cite, format_passage, parse_citation, passage, quote, show_passage
from .corpus.segments import UnknownSegmentError, chapters, segment_lines, segments
from .coursedata.aliases import alias_map, aliases, apply_aliases
from .coursedata.glossary import define, glossary
from .coursedata.places import places, route
from .coursedata.profiles import cleaning_profiles
from .coursedata.stopwords import stopwords, stopwords_note
from .coursedata.timeline import PERIODS, date_span, events_between, timeline
from .errors import CourseError
from .plots.figures import PALETTE, label_axes, show_figure
from .plots.heatmap import describe_heatmap, plot_heatmap
from .plots.maps import draw_route, place_labels
from .plots.timeline import assign_lanes, plot_timeline, shade_periods
from .stats.collocates import collocates
from .stats.dates import dates_in_lines, find_dates
from .stats.dispersion import chapter_words, dispersion, name_counts
from .stats.keyness import keyness, log_likelihood, log_ratio
from .stats.kwic import format_kwic, kwic, kwic_in_lines, show_kwic
from .stats.tokens import token_table, tokens
from .strings.tokenizer import is_number, tokenize, tokenize_lines

__all__ = [
    # corpus/
    "texts_dir", "catalogue", "text_ids", "check_text_id", "text_path", "text", "lines", "segments",
    "segment_lines", "chapters", "passage", "show_passage", "format_passage", "cite", "parse_citation", "quote",
    "datasheet", "add_text", "catalogue_fields", "practice_copy", "end_practice",
    # cleaning/
    "body", "clean", "chapter", "footnotes", "raw_and_clean", "cleaning_report", "report_markdown", "CleanText",
    # strings/
    "tokenize", "tokenize_lines", "is_number",
    # stats/
    "tokens", "token_table", "kwic", "kwic_in_lines", "format_kwic", "show_kwic", "keyness", "log_likelihood",
    "log_ratio", "collocates", "dispersion", "chapter_words", "name_counts", "find_dates", "dates_in_lines",
    # coursedata/
    "cleaning_profiles", "stopwords", "stopwords_note", "aliases", "alias_map", "apply_aliases", "timeline", "events_between",
    "date_span", "PERIODS", "places", "route", "glossary", "define",
    # plots/
    "PALETTE", "label_axes", "show_figure", "plot_timeline", "shade_periods", "assign_lanes", "place_labels",
    "draw_route", "plot_heatmap", "describe_heatmap",
    # errors
    "CourseError", "UnknownTextError", "UnknownSegmentError",
]

_notebook.register()  # in a Jupyter kernel: the course's errors without the package's internals
