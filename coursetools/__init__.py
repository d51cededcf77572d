"""The instructor's side of the course: release, grading and the student edition.

Students never get this package: the student edition (``make edition``) holds
``partycorpus`` and not ``coursetools``. It imports nbgrader, which the course's
environment installs.

- :mod:`coursetools.release`: regenerate ``exercises/`` from ``solutions/``;
- :mod:`coursetools.grading`: nbgrader's plug-ins and the course's grading tools.
"""
