#!/bin/sh
# Install the browser that the browser tests (tests/servers.py) drive: Debian's headless-capable
# Chromium and its matching chromedriver. Run by `make test` before the tests.
#
# It installs only when Chromium is missing, and only where it can (root, with
# apt-get). It never fails the test run: where it cannot install, it says why,
# and writes the reason to tests/artifacts/browser-unavailable.txt, which the
# browser test shows as its reason to skip.
set -u
cd "$(dirname "$0")/.." || exit 0
REASON_FILE=tests/artifacts/browser-unavailable.txt
mkdir -p tests/artifacts 2>/dev/null
rm -f "$REASON_FILE" 2>/dev/null

have_browser() {
    [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]
}

give_up() {
    echo "install-browser: $1" >&2
    echo "install-browser: the browser test (tests/test_browser.py) will be skipped." >&2
    { echo "$1" > "$REASON_FILE"; } 2>/dev/null
    exit 0
}

have_browser && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    give_up "Chromium is not installed and this system has no apt-get to install it (install a Chromium and chromedriver of the same version at /usr/bin/chromium and /usr/bin/chromedriver)."
fi
if [ "$(id -u)" != 0 ]; then
    give_up "Chromium is not installed and installing it needs root: run 'sudo apt-get install chromium chromium-driver'."
fi

echo "install-browser: installing Debian's chromium and chromium-driver (once; about a minute)" >&2
export DEBIAN_FRONTEND=noninteractive
LOG=tests/artifacts/install-browser.log
if ! { apt-get update && apt-get install -y -o DPkg::Lock::Timeout=300 --no-install-recommends chromium chromium-driver fonts-dejavu-core; } >"$LOG" 2>&1; then
    tail -n 5 "$LOG" >&2
    give_up "apt-get could not install chromium and chromium-driver (see $LOG)."
fi
have_browser || give_up "apt-get ran, but /usr/bin/chromium or /usr/bin/chromedriver is still missing (see $LOG)."
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null)" >&2
