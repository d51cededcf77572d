# nbgrader's configuration in a student's JupyterLab (the hub, and the student edition installed with pip).
# Validate shows a failed check's message first, then the one line that failed, instead of the check's source and a
# full traceback (partycorpus/validation.py; it acts only while nbgrader validates).
from partycorpus.validation import plain_messages_hook

c = get_config()  # noqa: F821 (provided by nbgrader)
c.Execute.on_cell_error = plain_messages_hook
