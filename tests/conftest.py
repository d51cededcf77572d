import nbval.kernel
import pytest

from coursetools.grading.transport import IPCKernelManager

# nbval's kernels talk over IPC like every kernel of the course (no open port, no "TCP without encryption" warning).
nbval.kernel.KernelManager = IPCKernelManager

from nbgrader_course import build_course, selected_assignments
from site_pages import build_site


@pytest.fixture(scope="session")
def graded_course(tmp_path_factory):
    """Every assignment released, and its blank copy, solution and wrong submissions autograded, once per session."""
    return build_course(tmp_path_factory.mktemp("course"), names=selected_assignments())


@pytest.fixture
def graded(graded_course, request):
    """The graded course, skipping a test whose assignment $COURSE_ASSIGNMENTS left out."""
    names = selected_assignments()
    assignment = request.node.callspec.params.get("assignment") if hasattr(request.node, "callspec") else None
    fixture = request.node.callspec.params.get("fixture") if hasattr(request.node, "callspec") else None
    assignment = assignment or getattr(fixture, "assignment", None)
    if names and assignment and assignment not in names:
        pytest.skip(f"{assignment} is not in COURSE_ASSIGNMENTS")
    return graded_course


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The course's web site, built once per session with `make site`'s command (cut off from the network if possible)."""
    return build_site(tmp_path_factory.mktemp("site"))
