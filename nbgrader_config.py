"""nbgrader configuration of the course (read by every `nbgrader` command run here).

solutions/ is nbgrader's source folder (instructor copies with solutions, hidden
tests and rubrics); exercises/ is its release folder, generated from it by
`make exercises` and never edited by hand. Change `course_id` to your own.
"""
import os
import sys

c = get_config()  # noqa: F821 (provided by nbgrader)

# The course's grading plug-ins (coursetools/) are imported from this folder, also where the course is not installed.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "party-struggle"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# A cell that runs longer than this is stopped and graded as failed.
c.ExecutePreprocessor.timeout = 60
# Students see this in every cell they must fill in.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Grading (INSTRUCTORS.md explains each choice).
# nbgrader's own autograde steps, with cells a student deleted put back (a deleted check still runs),
# kernels started with limits, what the student's code changed put back before each check (GuardedExecute),
# a cap on the size of what an answer prints, and a check that fails if any of its outputs is an error
# (StrictAutoGrades: nbgrader's own scoring stops at the first result a cell shows).
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "coursetools.grading.cells.RestoreCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# An assignment the gradebook does not know yet (a fresh clone) is recorded from solutions/ before it is graded.
from coursetools.grading.gradebook import autograde_hook  # noqa: E402

c.Autograde.pre_convert_hook = autograde_hook(c.CourseDirectory.root)
# A run killed earlier (SIGKILL, power cut) leaves submissions half graded, which nbgrader would then skip.
if sys.argv[1:2] == ["autograde"]:
    from coursetools.grading.resume import remove_unfinished

    remove_unfinished(c.CourseDirectory.root)
c.Autograde.autograde_preprocessors = [
    "coursetools.grading.execute.GuardedExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "coursetools.grading.limits.CapOutputSize",
    "coursetools.grading.scoring.StrictAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Each kernel that runs a submission has limits (a backstop for code that escapes the timeout above).
# To run the students' code under another account as well, see INSTRUCTORS.md (SandboxKernelManager.user).
c.SandboxKernelManager.memory_mb = 4096     # memory it may allocate
c.SandboxKernelManager.cpu_seconds = 600    # processor time, all cells together; then the kernel is stopped
c.SandboxKernelManager.file_mb = 100        # largest file it may write
# Validate (the button, and `nbgrader validate`) shows a failed check's message first, then the line that failed,
# instead of the check's whole source and a traceback.
from partycorpus.validation import plain_messages_hook  # noqa: E402

c.Execute.on_cell_error = plain_messages_hook   # acts only while nbgrader validates
# Feedback shows scores, comments and hints, never hidden tests, solutions or rubrics.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "coursetools.grading.feedback.SafeFeedback",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
