"""Helpers for the course *Reading the Party Struggle*.

Load a text by id, read passages with line numbers and cite them; take the
body of a text apart from its page furniture and notes, cleaned of OCR damage
with every change counted; tokens with their line numbers; the timeline and
places of the party struggle; accessible figures. Helpers return data; notebooks decide how to show it.

>>> import partycorpus as pc
>>> pc.cite("tarov-1936-escape", 17)
'tarov-1936-escape:17'
"""
from .aliases import alias_map, aliases, apply_aliases
from .cleaning import CleanText, body, chapter, clean, cleaning_report, footnotes, raw_and_clean
from .collocates import collocates
from .corpus import UnknownTextError, catalogue, check_text_id, lines, text, text_ids, text_path, texts_dir
from .dates import dates_in_lines, find_dates
from .dispersion import chapter_words, dispersion, name_counts
from .figures import PALETTE, label_axes, show_figure
from .glossary import define, glossary
from .keyness import keyness, log_likelihood, log_ratio
from .kwic import format_kwic, kwic, kwic_rows, show_kwic
from .map_plot import draw_route, place_labels
from .passages import cite, format_passage, parse_citation, passage, quote, show_passage
from .places import places, tarov_route
from .segments import UnknownSegmentError, chapters, segment_lines, segments
from .stopwords import stopwords
from .timeline import PERIODS, date_span, events_between, timeline
from .timeline_plot import assign_lanes, plot_timeline, shade_periods
from .tokens import token_table, tokenize, tokens

__all__ = [
    "PALETTE", "UnknownTextError", "catalogue", "check_text_id", "cite", "define",
    "format_passage", "glossary", "label_axes", "lines", "parse_citation", "passage",
    "quote", "show_figure", "show_passage", "text", "text_ids", "text_path", "texts_dir",
    "PERIODS", "date_span", "events_between", "places", "tarov_route", "timeline",
    "CleanText", "UnknownSegmentError", "body", "chapter", "chapters", "clean", "cleaning_report", "footnotes",
    "raw_and_clean", "segment_lines", "segments", "token_table", "tokenize", "tokens",
    "alias_map", "aliases", "apply_aliases", "chapter_words", "collocates", "dispersion", "format_kwic",
    "keyness", "kwic", "kwic_rows", "log_likelihood", "log_ratio", "name_counts", "show_kwic", "stopwords",
    "assign_lanes", "dates_in_lines", "draw_route", "find_dates", "place_labels", "plot_timeline", "shade_periods",
]
