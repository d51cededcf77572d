# nbgrader for the course's staff on the JupyterHub. The course's own nbgrader_config.py (in the clone the hub
# found, PARTY_STRUGGLE_COURSE_ROOT) applies whatever folder the server or an nbgrader command starts in.
#
# Grading on the course's JupyterHub: the students' code runs under the restricted account of hub-settings.json
# ("sandbox_account"), never as the instructor. The instructor's server is not root, so the kernel is started
# through sudo (the rule install.sh writes in /etc/sudoers.d/) by ../../sandbox_kernel.py; the resource limits of
# coursetools.grading.sandbox.SandboxKernelManager (see the course's nbgrader_config.py) still apply.
import json
import os

c = get_config()  # noqa: F821 (provided by nbgrader)

if os.environ.get("PARTY_STRUGGLE_COURSE_ROOT"):
    load_subconfig(os.path.join(os.environ["PARTY_STRUGGLE_COURSE_ROOT"], "nbgrader_config.py"))  # noqa: F821

_etc = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir)
with open(os.path.join(_etc, "hub-settings.json"), encoding="utf-8") as _file:
    _settings = json.load(_file)

c.SandboxKernelManager.kernel_python = os.path.abspath(os.path.join(_etc, "sandbox_kernel.py"))
# The kernel runs as the restricted account, started through sudo by a process that cannot give it the private
# folder of IPC sockets: it talks over TCP on 127.0.0.1 (and prints ipykernel's warning about that).
c.SandboxKernelManager.transport = "tcp"
c.SandboxKernelManager.kernel_env = {
    "PARTY_STRUGGLE_SANDBOX": _settings["sandbox_account"],
    # The restricted account reads the course's package and texts from the installed student edition.
    "PYTHONPATH": _settings["site"],
    "PARTYCORPUS_TEXTS": os.path.join(_settings["site"], "partycorpus", "source_texts"),
}
