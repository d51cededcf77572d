"""nbgrader configuration of the course (read by every `nbgrader` command run here).

solutions/ is nbgrader's source folder (instructor copies with solutions, hidden
tests and rubrics); exercises/ is its release folder, generated from it by
`make exercises` and never edited by hand. Change `course_id` to your own.
"""
import os

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "party-struggle"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# A cell that runs longer than this is stopped and graded as failed.
c.ExecutePreprocessor.timeout = 60
# Students see this in every cell they must fill in.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
