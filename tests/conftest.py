import pytest

from nbgrader_course import build_course


@pytest.fixture(scope="session")
def graded_course(tmp_path_factory):
    """Every assignment released, and its blank copy, solution and wrong submissions autograded, once per session."""
    return build_course(tmp_path_factory.mktemp("course"))
