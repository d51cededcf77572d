"""Grading the course's exercises with nbgrader: the instructor's side of the course.

Small modules, one purpose each; nbgrader_config.py wires the first four into
nbgrader, the others are tools an instructor (or a test) runs:

- :mod:`~coursetools.grading.feedback`: the feedback preprocessor that keeps
  hidden tests, solutions and rubrics out of the feedback students read;
- :mod:`~coursetools.grading.cells`: puts back the cells a student deleted
  before the notebook is graded;
- :mod:`~coursetools.grading.limits`: caps the size of what a submission prints,
  so that one runaway answer cannot bloat the autograded notebooks;
- :mod:`~coursetools.grading.sandbox`: starts each kernel with limits, and if
  asked under another account;
- :mod:`~coursetools.grading.checks`: looks at submitted notebooks before grading
  and says in plain words what is wrong with a broken one;
- :mod:`~coursetools.grading.lms`: reads the file names of notebooks downloaded
  from Canvas or Moodle, for ``nbgrader zip_collect``;
- :mod:`~coursetools.grading.parallel`: autogrades a class on every core with a
  gradebook that stays consistent;
- :mod:`~coursetools.grading.audit`: finds hidden-test messages that state the
  answer they expect.

INSTRUCTORS.md explains the workflow. The modules import nbgrader, which is
installed with the course; importing this package does not import them.
"""
