#!/bin/sh
# Install the course's environment where every account on this machine can run it: the tests that run code
# as other Unix accounts need it (a JupyterHub's students and instructor, the grader's restricted account).
# Run by `make test` before the tests; deploy/ documents the same layout for a real server.
#
# The course's own .venv cannot serve: its Python may live in a private home folder (pyenv under /root), and
# a clone kept in a private folder is not readable by other accounts. This makes a venv from the system's
# Python 3.11 in /opt/party-struggle/env-HASH (HASH: of the lock requirements.txt, so a new lock gets a new
# environment and an unchanged one is reused), installs the lock with its hashes, and makes it readable by all.
# The course's package is not installed in it: a test installs the edition it is testing.
#
# It never fails the test run: where it cannot install (not root, no Python 3.11 outside a private folder), it
# says why, and writes the reason to tests/artifacts/shared-env-unavailable.txt for the tests to show.
set -u
cd "$(dirname "$0")/.." || exit 0
ARTIFACTS=tests/artifacts
REASON_FILE=$ARTIFACTS/shared-env-unavailable.txt
PATH_FILE=$ARTIFACTS/shared-env.txt
mkdir -p "$ARTIFACTS" 2>/dev/null
rm -f "$REASON_FILE" "$PATH_FILE" 2>/dev/null

give_up() {
    echo "install-shared-env: $1" >&2
    { echo "$1" > "$REASON_FILE"; } 2>/dev/null
    exit 0
}

[ "$(id -u)" = 0 ] || give_up "installing an environment for every account (in /opt) needs root."
SYSTEM_PYTHON=${SYSTEM_PYTHON:-/usr/bin/python3.11}
[ -x "$SYSTEM_PYTHON" ] || give_up "no Python 3.11 that every account can run at $SYSTEM_PYTHON (set SYSTEM_PYTHON, or apt-get install python3.11-venv)."
HASH=$(sha256sum requirements.txt | cut -c1-12)
BASE=/opt/party-struggle
ENV=$BASE/env-$HASH
if [ ! -f "$ENV/.installed" ]; then
    echo "install-shared-env: installing the course's environment into $ENV (once per lock; about a minute)" >&2
    LOG=$ARTIFACTS/install-shared-env.log
    rm -rf "$ENV"
    mkdir -p "$BASE" && chmod 755 "$BASE"
    if ! { "$SYSTEM_PYTHON" -m venv "$ENV" && "$ENV/bin/python" -m pip install --quiet --require-hashes -r requirements.txt; } >"$LOG" 2>&1; then
        tail -n 5 "$LOG" >&2
        rm -rf "$ENV"
        give_up "pip could not install the lock into $ENV (see $LOG)."
    fi
    chmod -R a+rX "$ENV"
    touch "$ENV/.installed"
    for old in "$BASE"/env-*; do   # environments of earlier locks
        [ "$old" = "$ENV" ] || rm -rf "$old"
    done
fi
echo "$ENV" > "$PATH_FILE"
