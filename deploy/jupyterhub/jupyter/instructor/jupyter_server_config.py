# The JupyterLab of the course's instructors and graders on the hub: every nbgrader tool, whatever else is
# installed in the environment (the student edition's configuration included). Put first on an instructor's
# JUPYTER_CONFIG_PATH by the hub; labconfig/page_config.d/ turns the same tools on in JupyterLab.
c = get_config()  # noqa: F821 (provided by Jupyter)

c.ServerApp.jpserver_extensions.update({
    "nbgrader.server_extensions.assignment_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
    "nbgrader.server_extensions.formgrader": True,
    "nbgrader.server_extensions.course_list": True,
})
c.LabApp.custom_css = False
