#!/usr/bin/env bash
# TEST set-up only (not the run set-up): what the tests need beyond scripts/bootstrap.sh.
# - Debian's chromium, which the phone page's browser tests drive through Playwright
#   (executable_path=/usr/bin/chromium; `playwright install` is never run: no browser
#   download). Where the distribution ships chromium only as a snap (Ubuntu), nothing is
#   installed and the browser tests skip, saying why.
# Installs only what is missing: a second run does no network access.
set -euo pipefail

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

command -v dpkg-query >/dev/null 2>&1 || exit 0
if installed chromium && [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
    echo "==> (test set-up) chromium is missing and there is no root: the browser tests will skip" >&2
    exit 0
  fi
fi
LOG=$(mktemp -t trainer-app-apt-test.XXXXXX)
candidate() {
  apt-cache policy chromium 2>/dev/null | awk '/Candidate:/ {print $2}'
}
if [ -z "$(candidate)" ] || [ "$(candidate)" = "(none)" ]; then
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$LOG" 2>&1 || true
fi
if [ -z "$(candidate)" ] || [ "$(candidate)" = "(none)" ]; then
  echo "==> (test set-up) this distribution has no chromium .deb (a snap only?): the browser tests will skip" >&2
  exit 0
fi
echo "==> (test set-up) Cài chromium cho kiểm thử trang điện thoại (installing chromium for the browser tests; log: $LOG)"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  chromium >>"$LOG" 2>&1 || { tail -20 "$LOG" >&2; echo "chromium not installed: the browser tests will skip" >&2; }
