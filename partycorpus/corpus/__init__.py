"""The corpus: texts loaded by id from the catalogue, their segments, passages, citations and datasheets.

``catalogue.py`` finds the texts and reads them (``received.py`` decodes a file
and splits it into the lines an editor shows); ``segments.py`` reads the
labelled line ranges; ``passages.py`` returns numbered lines and cites them;
``datasheets.py`` reads each text's section of ``source_texts/README.md``;
``adding.py`` adds a text of one's own (``pc.add_text``), in the course folder
or in a practice copy.
"""
