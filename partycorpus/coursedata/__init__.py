"""The course's own tables, kept as files in ``partycorpus/data/``: stopwords, aliases, timeline, places, glossary.

Each module reads one file and returns it as data; ``data/README.md`` explains
the columns. Editing a row of a CSV file changes what the lessons show, with no
change of code.
"""
