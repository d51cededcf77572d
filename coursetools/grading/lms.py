"""Read the names of notebooks downloaded from Canvas or Moodle, for ``nbgrader zip_collect``.

Without an nbgrader exchange, students hand in their notebook through the
learning management system, and the instructor downloads them all in one zip
file. ``nbgrader zip_collect`` unpacks it and files each notebook under
``submitted/STUDENT/ASSIGNMENT/``; it needs to be told how to read a student id
out of each file name. Put the zip in ``downloaded/ASSIGNMENT/archive/`` and run::

    nbgrader zip_collect ASSIGNMENT --collector=coursetools.grading.lms.CanvasCollector
    nbgrader zip_collect ASSIGNMENT --collector=coursetools.grading.lms.MoodleCollector

Canvas names a file ``doejane_12345_678901_00-orientation.ipynb`` (``doejane_LATE_12345_...``
when late; the student id is the Canvas user id, 12345) and adds ``-1``, ``-2``
to a notebook handed in again; the collector takes that suffix off. Moodle names
a file ``Jane Doe_4455_assignsubmission_file_00-orientation.ipynb`` or puts it in
a folder of that name; its number changes from one assignment to the next, so
the student id is made from the name (``jane-doe``).

>>> CanvasCollector().collect("/d/extracted/doejane_LATE_12345_678901_00-orientation-1.ipynb")
{'student_id': '12345', 'file_id': '00-orientation.ipynb'}
>>> MoodleCollector().collect("/d/extracted/Jane Doe_4455_assignsubmission_file_/00-orientation.ipynb")
{'student_id': 'jane-doe', 'file_id': '00-orientation.ipynb'}
>>> MoodleCollector().collect("/d/extracted/Élise Müller-Ott_17_assignsubmission_file_00-orientation.ipynb")
{'student_id': 'elise-muller-ott', 'file_id': '00-orientation.ipynb'}
>>> CanvasCollector().collect("/d/extracted/notes.txt") is None   # only notebooks are collected
True
"""
from __future__ import annotations

import os
import re
import unicodedata

from nbgrader.plugins import FileNameCollectorPlugin

CANVAS = re.compile(r"^(?P<name>[^_/]+)_(?:late_)?(?P<user>\d+)_(?P<submission>\d+)_(?P<file>.+)$", re.I)
MOODLE = re.compile(r"(?:^|/)(?P<name>[^/_]+)_(?P<participant>\d+)_(?:assignsubmission|onlinetext)_\w*?[_/](?P<file>[^/]+)$")
RESUBMITTED = re.compile(r"^(?P<stem>.+)-\d+$")


def slug(name: str) -> str:
    """A student id made from a person's name: ascii, lower case, words joined by hyphens.

    >>> slug("  Anna-Lena  O'Brien ")
    'anna-lena-o-brien'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


class _Collector(FileNameCollectorPlugin):
    def _released(self) -> set[str]:
        """Notebook names of the assignment's release copy, when run by ``nbgrader zip_collect``."""
        coursedir = getattr(self.parent, "coursedir", None)
        if coursedir is None:
            return set()
        folder = coursedir.format_path(coursedir.release_directory, ".", coursedir.assignment_id)
        return {name for name in os.listdir(folder) if name.endswith(".ipynb")} if os.path.isdir(folder) else set()

    def _usable(self, path: str) -> bool:
        if os.path.splitext(path)[1] not in self.valid_ext:
            self.log.debug("Not a notebook, not collected: %s", path)
            return False
        return True


class CanvasCollector(_Collector):
    """Student id and notebook name from a file of Canvas's "Download Submissions"."""

    def collect(self, submitted_file: str):
        if not self._usable(submitted_file):
            return None
        match = CANVAS.match(os.path.basename(submitted_file))
        if not match:
            self.log.warning("Not a Canvas file name, not collected: %s", submitted_file)
            return None
        file_id = match["file"]
        stem, ext = os.path.splitext(file_id)
        again = RESUBMITTED.match(stem)
        released = self._released()
        if again and file_id not in released and (not released or again["stem"] + ext in released):
            file_id = again["stem"] + ext
        return {"student_id": match["user"], "file_id": file_id}


class MoodleCollector(_Collector):
    """Student id (from the name) and notebook name from a file of Moodle's "Download all submissions"."""

    def collect(self, submitted_file: str):
        if not self._usable(submitted_file):
            return None
        match = MOODLE.search(submitted_file.replace(os.sep, "/"))
        if not match:
            self.log.warning("Not a Moodle file name, not collected: %s", submitted_file)
            return None
        return {"student_id": slug(match["name"]), "file_id": match["file"]}
