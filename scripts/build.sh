#!/usr/bin/env bash
# Build the one-folder desktop app with PyInstaller (build.spec) into dist/trainer-app/.
# Sets up what is missing first: the project's environment (scripts/bootstrap.sh), on Debian
# binutils and Python's shared library, and the `build` extra of pyproject.toml (PyInstaller),
# installed into .venv only when it is not there yet. Reports the folder's size.
# Not part of CI; check the result with `bash scripts/smoke-frozen.sh`.
#
# Usage: bash scripts/build.sh [--vlc-dir DIR] [--clean]
#   --vlc-dir DIR  bundle the VLC in DIR (libvlc, libvlccore, plugins/) as dist/trainer-app/vlc/
#   --clean        empty PyInstaller's cache first
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET_MB=250
PYI_ARGS=(--noconfirm)
while (($#)); do
  case $1 in
    --vlc-dir) export TRAINER_APP_VLC_DIR=$(cd "${2:?--vlc-dir needs a folder}" && pwd); shift 2 ;;
    --clean) PYI_ARGS+=(--clean); shift ;;
    *) echo "Tham số không hợp lệ (unknown argument): $1" >&2; exit 2 ;;
  esac
done

bash "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"

# PyInstaller on Linux needs binutils (objdump, objcopy, strip) and Python's shared library,
# which Debian ships apart from its python3 (package libpython3.X).
APT_NEEDED=()
if [[ $(uname -s) == Linux ]] && command -v dpkg-query >/dev/null 2>&1; then
  command -v objcopy >/dev/null 2>&1 || APT_NEEDED+=(binutils)
  read -r PY_BASE PY_VER < <(.venv/bin/python -c \
    'import sys; print(sys.base_prefix, "%d.%d" % sys.version_info[:2])')
  if [ "$PY_BASE" = /usr ] && ! dpkg-query -W -f='${Status}' "libpython$PY_VER" 2>/dev/null \
      | grep -q "install ok installed"; then
    APT_NEEDED+=("libpython$PY_VER")
  fi
fi
if ((${#APT_NEEDED[@]})); then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
      echo "Cần cài để đóng gói (needed to build): su -c 'apt-get install -y ${APT_NEEDED[*]}'" >&2
      exit 2; }
    SUDO=(sudo)
  fi
  echo "==> Cài ${APT_NEEDED[*]} (system packages PyInstaller needs)"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${APT_NEEDED[@]}" >/dev/null
fi

if ! .venv/bin/python -c "import PyInstaller" >/dev/null 2>&1; then
  echo "==> Cài PyInstaller (installing the build extra of pyproject.toml into .venv)"
  .venv/bin/python -m pip install -q -e ".[build,postgres]"
fi

mkdir -p build
LOG=build/pyinstaller.log
echo "==> Đóng gói (building with build.spec; log: $LOG)"
start=$(date +%s)
if ! .venv/bin/python -m PyInstaller "${PYI_ARGS[@]}" build.spec >"$LOG" 2>&1; then
  tail -40 "$LOG" >&2
  echo "Đóng gói thất bại (build failed); xem $LOG" >&2
  exit 1
fi
DIST=dist/trainer-app
size_mb=$(du -sm "$DIST" | cut -f1)
echo "==> Xong sau $(( $(date +%s) - start )) s: $DIST — ${size_mb} MB (mục tiêu < ${TARGET_MB} MB)"
[ -d "$DIST/vlc" ] && echo "    trong đó VLC: $(du -sm "$DIST/vlc" | cut -f1) MB ($DIST/vlc)"
if ((size_mb >= TARGET_MB)); then
  echo "CẢNH BÁO: thư mục ${size_mb} MB, vượt mục tiêu ${TARGET_MB} MB (over the size target)." >&2
fi
echo "    Kiểm tra: bash scripts/smoke-frozen.sh"
