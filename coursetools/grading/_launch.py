"""Start a kernel with limits, and (when run by root) under another account.

Run by :class:`coursetools.grading.sandbox.SandboxKernelManager` as a script, by
its file path (so that nothing but the standard library is imported before the
kernel starts)::

    python _launch.py [--user NAME --home DIR] [--env KEY=VALUE ...] [--memory-mb N]
                      [--cpu-seconds N] [--file-mb N] [--processes N] -- KERNEL COMMAND ...

It sets the resource limits, switches to ``--user`` if one is given (dropping
every group and privilege of the caller), points HOME and the Jupyter,
IPython and Matplotlib folders at ``--home``, and replaces itself with the
kernel command, which therefore keeps the process id the caller knows.
"""
from __future__ import annotations

import argparse
import os
import sys

# RLIMIT_DATA (heap and private memory) rather than RLIMIT_AS: the address space that threads reserve
# without using it would count against RLIMIT_AS, and numerical libraries start a thread per core.
LIMITS = {"memory_mb": ("RLIMIT_DATA", 2**20), "cpu_seconds": ("RLIMIT_CPU", 1),
          "file_mb": ("RLIMIT_FSIZE", 2**20), "processes": ("RLIMIT_NPROC", 1)}


def parse(argv):
    parser = argparse.ArgumentParser(prog="_launch.py")
    parser.add_argument("--user", default="")
    parser.add_argument("--home", default="")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the kernel's environment")
    for name in LIMITS:
        parser.add_argument("--" + name.replace("_", "-"), dest=name, type=int, default=0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.command[:1] == ["--"]:
        args.command = args.command[1:]
    if not args.command:
        parser.error("no kernel command after --")
    return args


def set_limits(args) -> None:
    try:
        import resource
    except ImportError:   # Windows: no resource limits
        return
    for name, (limit, unit) in LIMITS.items():
        value = getattr(args, name)
        if value > 0 and hasattr(resource, limit):
            try:   # soft = hard: at the processor-time limit the kernel is killed, whatever it does with SIGXCPU
                resource.setrlimit(getattr(resource, limit), (value * unit, value * unit))
            except (ValueError, OSError) as err:
                print(f"_launch.py: could not set {limit} ({err}); going on without it", file=sys.stderr)


def become(user: str, home: str) -> dict:
    """Switch to ``user`` (only root can); return the environment the kernel gets."""
    import pwd

    entry = pwd.getpwnam(user)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("JUPYTER", "IPYTHON", "MPL", "XDG", "HOME"))}
    env.update(HOME=home, USER=user, LOGNAME=user, IPYTHONDIR=os.path.join(home, "ipython"),
               MPLCONFIGDIR=os.path.join(home, "matplotlib"), JUPYTER_CONFIG_DIR=os.path.join(home, "jupyter"),
               JUPYTER_DATA_DIR=os.path.join(home, "jupyter-data"), JUPYTER_RUNTIME_DIR=home,
               XDG_CACHE_HOME=os.path.join(home, "cache"), MPLBACKEND=os.environ.get("MPLBACKEND", "Agg"))
    os.setgroups([])
    os.setgid(entry.pw_gid)
    os.setuid(entry.pw_uid)
    if os.getuid() != entry.pw_uid or os.geteuid() != entry.pw_uid:
        raise SystemExit(f"could not switch to {user}")
    return env


def main(argv=None) -> None:
    args = parse(sys.argv[1:] if argv is None else argv)
    env = dict(os.environ)
    if args.user:
        if os.geteuid() != 0:
            raise SystemExit(f"_launch.py: only root can run the kernel as {args.user!r}; "
                             "run the autograder as root (in a container) or leave SandboxKernelManager.user empty")
        set_limits(args)
        env = become(args.user, args.home)
    else:
        set_limits(args)
    env.update(item.split("=", 1) for item in args.env)
    os.umask(0o077)
    os.execvpe(args.command[0], args.command, env)


if __name__ == "__main__":
    main()
