# nbgrader's global configuration on the course's JupyterHub: read by every server the hub starts (students and
# instructors), which find this folder on their JUPYTER_CONFIG_PATH. The values come from hub-settings.json,
# which deploy/jupyterhub/install.sh writes two folders up.
import json
import os

from nbgrader.auth import JupyterHubAuthPlugin

c = get_config()  # noqa: F821 (provided by nbgrader)

_settings_file = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "hub-settings.json")
with open(_settings_file, encoding="utf-8") as _file:
    _settings = json.load(_file)

# The course, and the exchange folder every account can write in (mode 1777: each removes only their own files).
c.CourseDirectory.course_id = _settings["course_id"]
c.Exchange.root = _settings["exchange"]
# Fetched exercises go into the course's folder in a student's home (~/COURSE/NN-name/), beside the lessons.
c.Exchange.path_includes_course = True


class UnixGroupMembership(JupyterHubAuthPlugin):
    """Course membership from the hub's groups nbgrader-COURSE and formgrade-COURSE, as nbgrader reads them.

    The hub copies those groups from the server's Unix groups at each login (jupyterhub_config.py), so adding a
    student to the gradebook (the roster) leaves them as they are: the system's administrator adds accounts to
    the Unix group.
    """

    def add_student_to_course(self, student_id, course_id):
        self.log.info("%s: course membership comes from the Unix group of the course's students", student_id)

    def remove_student_from_course(self, student_id, course_id):
        self.log.info("%s: course membership comes from the Unix group of the course's students", student_id)


# Students see the assignments of the courses whose group they are in; instructors see the formgrader's course.
c.Authenticator.plugin_class = UnixGroupMembership
