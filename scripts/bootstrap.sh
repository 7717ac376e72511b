#!/usr/bin/env bash
# Install whatever is missing to run and test the app, and nothing else:
# Debian/Ubuntu packages (libvlc, Qt's runtime libraries, fonts, Xvfb), a virtual
# environment in .venv, and the package with its test extra. A second run that finds
# everything in place does no network access and takes about a second.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# --test (scripts/check.sh): also what only the tests need (marked blocks below). Without it
# (scripts/run-demo.sh, scripts/build.sh) only what running the app needs.
FOR_TESTS=0
if [ "${1:-}" = "--test" ]; then FOR_TESTS=1; fi

# Runtime: python venv, libvlc and the plugins that decode and draw video, Qt's xcb and
# offscreen platform libraries and print support, fonts with full Vietnamese coverage.
# Checks: Xvfb (GUI tests on a real X server, screenshots), ffmpeg (test clips),
# poppler-utils (PDF to PNG for looking at documents), e2fsprogs (chattr, read-only tests).
# "a|b" means either package will do (Ubuntu 24.04 renamed some libraries with a t64 suffix).
APT_PACKAGES=(
  python3 python3-venv ca-certificates
  libvlc5 vlc-plugin-base vlc-plugin-video-output libpulse0
  libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3
  "libglib2.0-0t64|libglib2.0-0" "libcups2t64|libcups2"
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1
  fonts-dejavu-core fonts-liberation2
  xvfb xauth ffmpeg poppler-utils e2fsprogs
)

# ---- Test set-up: Windows installer and CI workflow (issue 19) ---------------------------------
# Only tests need these: makensis compiles packaging/windows/installer.nsi from a stand-in
# payload, 7z reads the installer back, shellcheck checks the workflow's run: scripts through
# actionlint (test extra). Installed, like the rest, only when missing.
if ((FOR_TESTS)); then APT_PACKAGES+=(nsis p7zip-full shellcheck); fi
# ---- end of the Windows installer test set-up -------------------------------------------------

# ---- Test set-up: PostgreSQL (issue 17) ------------------------------------------------------
# The suite's second pass runs the workspace tests on a throwaway cluster (tests/pg_cluster.py:
# initdb and pg_ctl from this package; its default cluster is not used). psycopg comes with
# the 'postgres' extra below.
if ((FOR_TESTS)); then APT_PACKAGES+=(postgresql); fi
# ---- end of the PostgreSQL test set-up

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for spec in "${APT_PACKAGES[@]}"; do
    IFS='|' read -r -a choices <<< "$spec"
    found=""
    for pkg in "${choices[@]}"; do
      if installed "$pkg"; then found=$pkg; break; fi
    done
    [ -n "$found" ] || missing+=("$spec")
  done
  if ((${#missing[@]})); then
    SUDO=()
    if [ "$(id -u)" -ne 0 ]; then
      if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
      else
        echo "Cần cài các gói hệ thống sau nhưng không có quyền root và không có sudo" >&2
        echo "(system packages are missing; run as root, or install them yourself):" >&2
        echo "  su -c 'apt-get update && apt-get install -y ${missing[*]//|*/}'" >&2
        exit 2
      fi
    fi
    APT_LOG=$(mktemp -t trainer-app-apt.XXXXXX)
    echo "==> Cài các gói hệ thống còn thiếu (installing missing system packages; log: $APT_LOG)"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$APT_LOG" 2>&1 || {
      cat "$APT_LOG" >&2; exit 2; }
    to_install=()
    for spec in "${missing[@]}"; do
      IFS='|' read -r -a choices <<< "$spec"
      pick=${choices[-1]}
      for pkg in "${choices[@]}"; do
        if apt-cache show "$pkg" >/dev/null 2>&1; then pick=$pkg; break; fi
      done
      to_install+=("$pick")
    done
    echo "    ${to_install[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
      --no-install-recommends "${to_install[@]}" >>"$APT_LOG" 2>&1 || {
      tail -40 "$APT_LOG" >&2; exit 2; }
  fi
else
  echo "==> Không phải Debian/Ubuntu: hãy tự cài VLC và Python 3.11+ (not Debian/Ubuntu: install VLC and Python 3.11+ yourself)." >&2
fi

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "Cần Python 3.11 trở lên (Python 3.11 or newer is required); found: $("$PYTHON" --version 2>&1)" >&2
  exit 2
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> Tạo môi trường ảo .venv (creating the virtual environment)"
  "$PYTHON" -m venv .venv
fi

STAMP=.venv/.trainer-app-installed
EXTRAS=test,postgres
WANT=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ] || [ ! -x .venv/bin/trainer-app ]; then
  echo "==> Cài gói Python (installing the Python package and its dependencies)"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[$EXTRAS]"
  echo "$WANT" > "$STAMP"
fi
