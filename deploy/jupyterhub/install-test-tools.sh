#!/bin/sh
# Install what the hub's tests need besides the shared environment (dev/install-shared-env.sh): the pinned
# configurable-http-proxy (npm ci from package-lock.json, into deploy/jupyterhub/node_modules) and sudo (the
# grading kernels start through it). Run by `make test` before the tests; nothing is downloaded during a test.
#
# It never fails the test run: where it cannot install (no npm, not root), it says why and writes the reason to
# tests/artifacts/hub-unavailable.txt, which the hub's tests show as their reason to skip.
set -u
cd "$(dirname "$0")" || exit 0
ARTIFACTS=../../tests/artifacts
REASON_FILE=$ARTIFACTS/hub-unavailable.txt
mkdir -p "$ARTIFACTS" 2>/dev/null
rm -f "$REASON_FILE" 2>/dev/null

give_up() {
    echo "install-test-tools: $1" >&2
    echo "install-test-tools: the hub's tests (tests/test_hub*.py) will be skipped." >&2
    { echo "$1" > "$REASON_FILE"; } 2>/dev/null
    exit 0
}

[ "$(id -u)" = 0 ] || give_up "the hub's tests create Unix accounts and run the hub as root: run 'make test' as root."
if ! command -v sudo >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || give_up "sudo is not installed and there is no apt-get to install it."
    echo "install-test-tools: installing Debian's sudo (once)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=300 --no-install-recommends sudo \
        >"$ARTIFACTS/install-sudo.log" 2>&1 || give_up "apt-get could not install sudo (see tests/artifacts/install-sudo.log)."
fi
PROXY=node_modules/.bin/configurable-http-proxy
if [ ! -x "$PROXY" ] || ! cmp -s package-lock.json node_modules/.package-lock-copy.json; then
    command -v npm >/dev/null 2>&1 || give_up "npm is not installed (apt-get install npm): it installs configurable-http-proxy."
    echo "install-test-tools: installing configurable-http-proxy from package-lock.json (npm ci)" >&2
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >"$ARTIFACTS/install-proxy.log" 2>&1 \
        || give_up "npm ci could not install configurable-http-proxy (see tests/artifacts/install-proxy.log)."
    cp package-lock.json node_modules/.package-lock-copy.json
fi
"$PROXY" --version >/dev/null 2>&1 || give_up "configurable-http-proxy does not run: $("$PROXY" --version 2>&1 | tail -n 1)"
