#!/usr/bin/env bash
# Install whatever is missing to run and test the app, and nothing else:
# Debian/Ubuntu packages (libvlc, Qt's runtime libraries, fonts, Xvfb), a virtual
# environment in .venv, and the package with its test extra. A second run that finds
# everything in place does no network access and takes about a second.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# Runtime: python venv, libvlc and the plugins that decode and draw video, Qt's xcb and
# offscreen platform libraries, fonts with full Vietnamese coverage.
# Checks: Xvfb (GUI tests on a real X server, screenshots), ffmpeg (test clips),
# poppler-utils (PDF to PNG for looking at documents).
APT_PACKAGES=(
  python3 python3-venv ca-certificates
  libvlc5 vlc-plugin-base vlc-plugin-video-output libpulse0
  libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1
  fonts-dejavu-core fonts-liberation2
  xvfb xauth ffmpeg poppler-utils
)

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]})); then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    echo "==> Cài các gói hệ thống còn thiếu (installing missing system packages): ${missing[*]}"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
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
WANT=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ] || [ ! -x .venv/bin/trainer-app ]; then
  echo "==> Cài gói Python (installing the Python package and its dependencies)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  echo "$WANT" > "$STAMP"
fi
