#!/bin/sh
# Install the course's JupyterHub on this Linux server (INSTRUCTORS.md, section 15). Run as root, from a clone of
# the course:   sudo sh deploy/jupyterhub/install.sh [OPTIONS]
#
#   PREFIX (/opt/party-struggle)   env/      the course's Python environment (the lock requirements.txt)
#                                  edition/  the student edition (copied into each student's home at first login)
#                                  site/     its helper package, on every server's PYTHONPATH
#                                  proxy/    configurable-http-proxy, pinned by package-lock.json (npm ci)
#                                  etc/      jupyterhub_config.py, hub-settings.json, jupyter/, sandbox_kernel.py
#   STATE (/srv/party-struggle)    hub/      the hub's database and cookie secret (root only)
#                                  exchange/ nbgrader's exchange (1777)
#   Unix groups STAFF_GROUP and STUDENT_GROUP (created if missing), the restricted account SANDBOX that runs
#   students' code during grading, and a sudo rule letting the staff start grading kernels as SANDBOX.
#
# Then start the hub as root:  cd STATE/hub && PREFIX/env/bin/jupyterhub -f PREFIX/etc/jupyterhub_config.py
# (or with --systemd, `systemctl enable --now party-struggle-hub`). Running it again updates everything but
# the hub's state, the exchange and the students' copies.
set -eu

usage() {
    cat >&2 <<EOF
usage: sudo sh deploy/jupyterhub/install.sh [--prefix DIR] [--state DIR] [--course ID] [--staff-group GROUP]
         [--student-group GROUP] [--sandbox ACCOUNT] [--course-folder NAME] [--bind-url URL] [--sudoers FILE]
         [--python-env DIR] [--proxy PATH] [--systemd]
  --course ID         the course id (default: the one in the course's nbgrader_config.py)
  --course-folder     where the staff keep their clone of the course, in their home (default: party-struggle)
  --python-env DIR    use this environment (made from the same lock) instead of making PREFIX/env
  --proxy PATH        use this configurable-http-proxy instead of installing it into PREFIX/proxy with npm ci
EOF
    exit 2
}

say() { echo "install.sh: $*" >&2; }
fail() { say "$*"; exit 1; }

COURSE_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$COURSE_ROOT/deploy/jupyterhub
PREFIX=/opt/party-struggle
STATE=/srv/party-struggle
COURSE=""
STAFF_GROUP=""
STUDENT_GROUP=""
SANDBOX=""
COURSE_FOLDER=party-struggle
BIND_URL=http://:8000
SUDOERS=""
PYTHON_ENV=""
PROXY=""
SYSTEMD=no
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX=$2; shift 2 ;;
        --state) STATE=$2; shift 2 ;;
        --course) COURSE=$2; shift 2 ;;
        --staff-group) STAFF_GROUP=$2; shift 2 ;;
        --student-group) STUDENT_GROUP=$2; shift 2 ;;
        --sandbox) SANDBOX=$2; shift 2 ;;
        --course-folder) COURSE_FOLDER=$2; shift 2 ;;
        --bind-url) BIND_URL=$2; shift 2 ;;
        --sudoers) SUDOERS=$2; shift 2 ;;
        --python-env) PYTHON_ENV=$2; shift 2 ;;
        --proxy) PROXY=$2; shift 2 ;;
        --systemd) SYSTEMD=yes; shift ;;
        *) usage ;;
    esac
done

[ "$(id -u)" = 0 ] || fail "run me as root (the hub starts every user's server as that user)."
command -v sudo >/dev/null || fail "sudo is missing (apt-get install sudo): grading kernels start through it."
SYSTEM_PYTHON=${SYSTEM_PYTHON:-/usr/bin/python3.11}

# 1. The Python environment every account can run.
if [ -z "$PYTHON_ENV" ]; then
    PYTHON_ENV=$PREFIX/env
    if [ ! -x "$PYTHON_ENV/bin/jupyterhub" ] || ! cmp -s "$COURSE_ROOT/requirements.txt" "$PYTHON_ENV/requirements.txt"; then
        [ -x "$SYSTEM_PYTHON" ] || fail "no Python 3.11 at $SYSTEM_PYTHON (apt-get install python3.11-venv, or set SYSTEM_PYTHON)."
        say "making $PYTHON_ENV from the lock requirements.txt (a few minutes)"
        rm -rf "$PYTHON_ENV"
        "$SYSTEM_PYTHON" -m venv "$PYTHON_ENV"
        "$PYTHON_ENV/bin/python" -m pip install --quiet --require-hashes -r "$COURSE_ROOT/requirements.txt"
        cp "$COURSE_ROOT/requirements.txt" "$PYTHON_ENV/requirements.txt"
    fi
fi
PY=$PYTHON_ENV/bin/python
[ -x "$PYTHON_ENV/bin/jupyterhub-singleuser" ] || fail "$PYTHON_ENV has no jupyterhub-singleuser: is it the course's environment?"
if [ -z "$COURSE" ]; then
    COURSE=$(cd "$COURSE_ROOT" && "$PY" -c 'from coursetools.release import nbgrader_api; print(nbgrader_api().coursedir.course_id)')
fi
STAFF_GROUP=${STAFF_GROUP:-formgrade-$COURSE}
STUDENT_GROUP=${STUDENT_GROUP:-nbgrader-$COURSE}
SANDBOX=${SANDBOX:-$(echo "$COURSE-sandbox" | cut -c1-32)}
SUDOERS=${SUDOERS:-/etc/sudoers.d/$(echo "$COURSE-grading" | tr -c 'a-zA-Z0-9_\n-' '_')}

# 2. The student edition (the build stops if a line of solutions/ would be in it) and its installed package.
say "building the student edition into $PREFIX/edition"
mkdir -p "$PREFIX"
chmod 755 "$PREFIX"
(cd "$COURSE_ROOT" && PYTHONPATH="$COURSE_ROOT" "$PY" -m coursetools.edition "$PREFIX/edition.new" >/dev/null)
rm -rf "$PREFIX/edition" && mv "$PREFIX/edition.new" "$PREFIX/edition"
BUILD=$(mktemp -d)
cp -r "$PREFIX/edition" "$BUILD/edition"   # pip builds in the source folder: keep build files out of the edition
rm -rf "$PREFIX/site.new"
"$PY" -m pip install --quiet --no-deps --no-index --no-build-isolation --target "$PREFIX/site.new" "$BUILD/edition"
rm -rf "$BUILD" "$PREFIX/site" && mv "$PREFIX/site.new" "$PREFIX/site"

# 3. The proxy, pinned.
if [ -z "$PROXY" ]; then
    command -v npm >/dev/null || fail "npm is missing (apt-get install npm), or give --proxy PATH."
    mkdir -p "$PREFIX/proxy"
    cp "$HERE/package.json" "$HERE/package-lock.json" "$PREFIX/proxy/"
    (cd "$PREFIX/proxy" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    PROXY=$PREFIX/proxy/node_modules/.bin/configurable-http-proxy
fi
[ -x "$PROXY" ] || fail "no configurable-http-proxy at $PROXY"

# 4. The configuration.
rm -rf "$PREFIX/etc" && mkdir -p "$PREFIX/etc"
cp "$HERE/jupyterhub_config.py" "$PREFIX/etc/"
cp -r "$HERE/jupyter" "$PREFIX/etc/jupyter"
{ echo "#!$PY"; tail -n +2 "$HERE/sandbox_kernel.py"; } > "$PREFIX/etc/sandbox_kernel.py"
chmod 755 "$PREFIX/etc/sandbox_kernel.py"
"$PY" -c '
import json, sys
settings = dict(argument.split("=", 1) for argument in sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as file:
    file.write(json.dumps(settings, indent=2) + "\n")
' "$PREFIX/etc/hub-settings.json" course_id="$COURSE" bind_url="$BIND_URL" state="$STATE/hub" \
    exchange="$STATE/exchange" python_env="$PYTHON_ENV" site="$PREFIX/site" edition="$PREFIX/edition" \
    proxy="$PROXY" staff_group="$STAFF_GROUP" student_group="$STUDENT_GROUP" sandbox_account="$SANDBOX" \
    course_folder="$COURSE_FOLDER"
chmod -R a+rX,go-w "$PREFIX"

# 5. The hub's state (root only) and the exchange (everyone writes, each removes only their own files).
mkdir -p "$STATE/hub" "$STATE/exchange"
chmod 755 "$STATE"
chmod 700 "$STATE/hub"
chmod 1777 "$STATE/exchange"

# 6. The class's Unix groups, the restricted account, and the sudo rule for grading kernels.
getent group "$STAFF_GROUP" >/dev/null || groupadd "$STAFF_GROUP"
getent group "$STUDENT_GROUP" >/dev/null || groupadd "$STUDENT_GROUP"
getent passwd "$SANDBOX" >/dev/null || useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$SANDBOX"
RULE=$(mktemp)
cat > "$RULE" <<EOF
# Written by deploy/jupyterhub/install.sh for the course $COURSE: members of $STAFF_GROUP start grading
# kernels as the restricted account $SANDBOX (no terminal needed, no password asked).
Defaults>$SANDBOX !use_pty
%$STAFF_GROUP ALL=($SANDBOX) NOPASSWD: $PY -I $PREFIX/etc/sandbox_kernel.py --in-sandbox
EOF
visudo -cqf "$RULE" || { rm -f "$RULE"; fail "the sudo rule did not pass visudo's check"; }
chmod 440 "$RULE"
mv "$RULE" "$SUDOERS"

# 7. Optionally, a systemd service.
if [ "$SYSTEMD" = yes ]; then
    sed -e "s|@STATE@|$STATE|g" -e "s|@PYTHON_ENV@|$PYTHON_ENV|g" -e "s|@PREFIX@|$PREFIX|g" \
        "$HERE/party-struggle-hub.service" > /etc/systemd/system/party-struggle-hub.service
    systemctl daemon-reload
    say "installed the service: systemctl enable --now party-struggle-hub"
fi
say "installed the hub of $COURSE; start it as root with:"
say "  cd $STATE/hub && $PYTHON_ENV/bin/jupyterhub -f $PREFIX/etc/jupyterhub_config.py"
