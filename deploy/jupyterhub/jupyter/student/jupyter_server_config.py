# The JupyterLab a student uses: the assignment list and Validate on exercises, no instructor tools.
#
# Read by Jupyter Server from a folder on its configuration path: on the course's JupyterHub the hub puts this
# folder first on a student's JUPYTER_CONFIG_PATH; the student edition installs it into its environment's
# etc/jupyter (`pip install .`), so `jupyter lab` on a laptop or on Binder starts the same way.
# labconfig/page_config.d/ hides the same tools from JupyterLab's menus and sidebars.
import os

c = get_config()  # noqa: F821 (provided by Jupyter)

# nbgrader's server extensions: the assignment list (fetch, submit, feedback) and validation stay on;
# the formgrader (grading and releasing) and the course list (links to formgraders) are off.
c.ServerApp.jpserver_extensions.update({
    "nbgrader.server_extensions.assignment_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
})

# nbgrader adds its Validate button to every notebook; custom/custom.css hides it on notebooks without
# nbgrader's locked cells (the lessons), with JupyterLab's own custom-CSS setting.
c.LabApp.custom_css = True
# (Jupyter Server takes the folder of custom.css from its web settings, not from a configurable option.)
c.ServerApp.tornado_settings = {
    "static_custom_path": [os.path.join(os.path.dirname(os.path.abspath(__file__)), "custom")]}

# Nothing fetched from the internet, and no question about it: no news feed, no check for a newer JupyterLab.
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.handlers.announcements.NeverCheckForUpdate"
