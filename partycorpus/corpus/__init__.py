"""The corpus: texts loaded by id from the catalogue, their segments, passages and citations.

``catalogue.py`` finds the texts and reads them; ``segments.py`` reads the
labelled line ranges; ``passages.py`` returns numbered lines and cites them.
"""
