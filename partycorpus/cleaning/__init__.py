"""Clean the received texts: segments, page debris, footnotes, OCR repairs, split words.

Cleaning never touches the received files. It works on a copy, records every
change with its received line number, and is deterministic.

* ``pipeline.py`` cleans a whole file once (:func:`~.pipeline.clean_file`,
  cached), step by step: ``layout.py`` (page furniture, footnotes),
  ``repairs.py`` (OCR damage, with ``edits.py`` recording each change and
  ``lexicon.py`` telling words from non-words), ``hyphenation.py`` (split
  words); ``model.py`` holds the records (:class:`~.model.Change`,
  :class:`~.model.CleanText`);
* ``views.py`` cuts the public views out of it: ``pc.clean`` (a named
  segment), ``pc.body``, ``pc.chapter``, ``pc.footnotes``, ``pc.raw_and_clean``;
* ``report.py`` says what each step changed (``pc.cleaning_report``) and
  writes the reports in ``source_texts/reports/`` (``python -m partycorpus.cleaning``).

>>> import partycorpus as pc
>>> [line for line in pc.chapter("carr-1959-socialism-vol2", 11).lines if line[1].strip()][2]
(71, 'THE summer months of 1924 were marked by the usual ')
"""
