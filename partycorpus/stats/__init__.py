"""Text statistics on the cleaned texts: tokens, keywords in context, keyness, collocates, dispersion, dates.

Each module computes and returns data (lists, Counters, DataFrames); the
notebook decides how to show it. Functions that take a text id check it once
and work on the cleaned body (or a named segment); the ``..._in_lines``
functions work on any ``(line number, line)`` pairs.
"""
