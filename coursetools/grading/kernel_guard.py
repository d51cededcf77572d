"""Inside the grading kernel: put back, before each check, what a student's code may have changed.

:class:`coursetools.grading.execute.GuardedExecute` sends the source of this
file to each grading kernel before the notebook's first cell, as a module of
its own (standard library only: the kernel may run under an account that cannot
import the course's tools). :func:`install` then imports the modules the
notebook's locked cells use and records how things are: the built-in functions,
``sys.displayhook`` and ``sys.excepthook``, IPython's input transformers, AST
transformers, event hooks, display hook and exception handlers, the methods of
the IPython and kernel objects, and the namespace of each module (with the
methods of its classes). After each locked set-up cell, :func:`remember` records
the names it bound (``pc``, ``pd``, a table it loaded...). Before each test cell
(and before a set-up cell that runs after a student's cell), :func:`restore`
puts all of it back, silently, and answers with the token it was given; no
answer means the student's code stopped it, and the test cell then scores zero.

What it cannot undo is listed in INSTRUCTORS.md §11 (objects whose comparisons
always succeed, for example); ``coursetools.grading.checks`` flags that code.

>>> import math, sys
>>> install(["math"])
>>> math.isclose, saved = (lambda *args, **kwargs: True), math.isclose
>>> sys.displayhook, hook = print, sys.displayhook
>>> restore("t-1")
't-1'
>>> math.isclose is saved, sys.displayhook is hook
(True, True)
"""
import builtins
import copy
import importlib
import sys
import types

_STATE = {}
# Attributes of IPython's shell that decide how a cell is turned into code, run, shown and reported.
# (Methods replaced on the shell object itself are removed by _restore_shell, whatever their name.)
SHELL_HOOKS = ("displayhook", "display_pub", "display_formatter", "custom_exceptions", "CustomTB", "InteractiveTB",
               "SyntaxTB", "input_transformer_manager", "compile", "events", "payload_manager")
SHELL_LISTS = ("input_transformers_cleanup", "input_transformers_post", "ast_transformers")
DEFAULT_MODULES = ("builtins", "sys", "math", "re", "collections", "numbers", "functools", "itertools", "operator",
                   "statistics", "json", "warnings")
# Objects a set-up cell binds that are restored as they are (the others are restored from a copy).
SHARED_TYPES = (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, type)


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def _class_dicts(objects):
    """{class: copy of its __dict__} for the Python classes among ``objects`` and the classes of their MROs."""
    found = {}
    for obj in objects:
        for cls in (obj.__mro__ if isinstance(obj, type) else ()):
            if cls is not object and cls not in found:
                try:
                    found[cls] = dict(vars(cls))
                except TypeError:
                    pass
    return found


def install(module_names=()):
    """Import ``module_names`` (and a few standard ones) and record the state :func:`restore` puts back."""
    modules = {}
    for name in (*DEFAULT_MODULES, *module_names):
        try:
            modules[name] = importlib.import_module(name)
        except Exception:   # a module the kernel cannot import is not the guard's business
            continue
    for name, module in list(sys.modules.items()):   # the course package's submodules too
        top = name.split(".")[0]
        if module is not None and top in {m.split(".")[0] for m in module_names} and top not in ("numpy", "pandas"):
            modules.setdefault(name, module)
    shell = _shell()
    kernel = getattr(shell, "kernel", None)
    namespaces = {name: dict(vars(module)) for name, module in modules.items()}
    classes = [value for ns in namespaces.values() for value in ns.values() if isinstance(value, type)]
    for obj in (shell, kernel, *(getattr(shell, hook, None) for hook in SHELL_HOOKS)):
        if obj is not None:
            classes.append(type(obj))
    _STATE.clear()
    _STATE.update(
        modules=modules, namespaces=namespaces, classes=_class_dicts(classes), shell=shell,
        sys_hooks={name: getattr(sys, name) for name in ("displayhook", "excepthook", "breakpointhook", "stdout",
                                                        "stderr", "stdin")},
        shell_hooks={name: getattr(shell, name) for name in SHELL_HOOKS if shell is not None and hasattr(shell, name)},
        shell_lists={name: list(getattr(shell, name)) for name in SHELL_LISTS
                     if shell is not None and hasattr(shell, name)},
        events={name: list(callbacks) for name, callbacks in shell.events.callbacks.items()} if shell else {},
        instance_dicts={id(obj): (obj, set(vars(obj))) for obj in (shell, kernel) if obj is not None},
        setup={},
    )


def remember(names):
    """Record the objects that the set-up cell bound to ``names`` in the notebook's namespace."""
    shell = _STATE.get("shell")
    namespace = shell.user_ns if shell is not None else {}
    for name in names:
        if name in namespace:
            value = namespace[name]
            if not isinstance(value, SHARED_TYPES):
                try:
                    value = ("copy", copy.deepcopy(value))
                except Exception:
                    value = ("same", value)
            else:
                value = ("same", value)
            _STATE["setup"][name] = value


def _restore_dict(target, saved, setter, deleter, drop_new=True):
    for key in [k for k in list(target) if k not in saved] if drop_new else []:
        try:
            deleter(key)
        except (AttributeError, TypeError, KeyError):
            pass
    for key, value in saved.items():
        if target.get(key, _MISSING) is not value:
            try:
                setter(key, value)
            except (AttributeError, TypeError):
                pass


_MISSING = object()


def restore(token):
    """Put back everything :func:`install` and :func:`remember` recorded; return ``token``.

    Each part is put back on its own: one that fails (an object that refuses) does not stop the others; what
    failed is kept in ``_STATE["failed"]`` for whoever debugs the grading.
    """
    failed = _STATE.setdefault("failed", [])
    for step in _steps(_STATE):
        try:
            step()
        except Exception as err:
            failed.append(f"{getattr(step, '__name__', step)}: {type(err).__name__}: {err}")
    return token


def _steps(state):
    """Small functions, each putting back one thing."""
    builtin_ns = vars(builtins)
    yield lambda: _restore_dict(builtin_ns, state["namespaces"].get("builtins", builtin_ns), builtin_ns.__setitem__,
                                builtin_ns.__delitem__)
    yield lambda: sys.settrace(None)
    yield lambda: sys.setprofile(None)
    for name, value in state["sys_hooks"].items():
        yield lambda name=name, value=value: setattr(sys, name, value)
    for name, module in state["modules"].items():
        yield lambda name=name, module=module: sys.modules.__setitem__(name, module)
        if name != "builtins":
            ns = vars(module)
            yield lambda ns=ns, name=name: _restore_dict(ns, state["namespaces"][name], ns.__setitem__,
                                                         ns.__delitem__, drop_new=False)
    for cls, saved in state["classes"].items():
        yield lambda cls=cls, saved=saved: _restore_dict(dict(vars(cls)), saved, lambda k, v: setattr(cls, k, v),
                                                         lambda k: delattr(cls, k))
    for obj, names in state["instance_dicts"].values():   # methods replaced on the shell or kernel object itself
        for name in [n for n in list(vars(obj)) if n not in names and callable(getattr(type(obj), n, None))]:
            yield lambda obj=obj, name=name: delattr(obj, name)
    shell = state["shell"]
    if shell is None:
        return
    for name, value in state["shell_hooks"].items():
        yield lambda name=name, value=value: setattr(shell, name, value)
    for name, value in state["shell_lists"].items():
        yield lambda name=name, value=value: getattr(shell, name).__setitem__(slice(None), value)
    for name in list(shell.events.callbacks):
        yield lambda name=name: shell.events.callbacks[name].__setitem__(slice(None), state["events"].get(name, []))
    yield lambda: shell.user_ns.__setitem__("__builtins__", builtins)
    for name, (how, value) in state["setup"].items():
        yield lambda name=name, how=how, value=value: shell.user_ns.__setitem__(
            name, copy.deepcopy(value) if how == "copy" else value)
