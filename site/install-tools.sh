#!/bin/sh
# Install the browser-side tools of the site's tests (axe-core, the accessibility checker) from site/package-lock.json
# with `npm ci`. Run by `make test` before the tests; the tests never download anything.
#
# It installs only when they are missing or the lock has changed. It never fails the test run: where it cannot
# install, it says why and writes the reason to tests/artifacts/site-tools-unavailable.txt, which the accessibility
# test shows as its reason to skip.
set -u
cd "$(dirname "$0")" || exit 0
REASON_FILE=../tests/artifacts/site-tools-unavailable.txt
LOG=../tests/artifacts/install-site-tools.log
STAMP=node_modules/.installed-from-lock
mkdir -p ../tests/artifacts 2>/dev/null
rm -f "$REASON_FILE" 2>/dev/null

give_up() {
    echo "install-site-tools: $1" >&2
    echo "install-site-tools: the site's accessibility test (tests/test_site_browser.py) will be skipped." >&2
    { echo "$1" > "$REASON_FILE"; } 2>/dev/null
    exit 0
}

if [ -f node_modules/axe-core/axe.min.js ] && cmp -s package-lock.json "$STAMP" 2>/dev/null; then
    exit 0
fi
command -v npm >/dev/null 2>&1 || give_up "npm is not installed: install Node.js and npm (Debian: 'apt-get install npm'), then run 'sh site/install-tools.sh'."
echo "install-site-tools: npm ci in site/ (axe-core, from package-lock.json)" >&2
if ! npm ci --ignore-scripts --no-audit --no-fund >"$LOG" 2>&1; then
    tail -n 5 "$LOG" >&2
    give_up "npm ci could not install site/package-lock.json (see tests/artifacts/install-site-tools.log)."
fi
[ -f node_modules/axe-core/axe.min.js ] || give_up "npm ci ran, but site/node_modules/axe-core/axe.min.js is missing (see tests/artifacts/install-site-tools.log)."
cp package-lock.json "$STAMP"
