#!/usr/bin/env bash
# Build the Windows installer (packaging/windows/installer.nsi) from a one-folder build with
# makensis: NSIS on Windows (Git Bash, as in .github/workflows/windows.yml), Debian's `nsis`
# package on Linux (the test suite compiles it from a stand-in payload).
#
# Usage: bash scripts/build-installer.sh ONEFOLDER_DIR OUT.exe [VERSION]
#   ONEFOLDER_DIR  dist/trainer-app of a Windows build: trainer-app.exe, trainer-app-cli.exe,
#                  _internal/ (and vlc/ when a VLC is bundled)
#   OUT.exe        the installer to write
#   VERSION        shown in Apps & features; default: __version__ of trainer_app/__init__.py
# The icon: $TRAINER_APP_ICON, else ONEFOLDER_DIR/trainer-app.ico, else drawn now by
# freeze/make_icon.py with $PYTHON (default .venv's python), else NSIS's own icon (a warning).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if (($# < 2 || $# > 3)); then
  echo "Cách dùng (usage): bash scripts/build-installer.sh THƯ_MỤC_ĐÓNG_GÓI TỆP_CÀI.exe [PHIÊN_BẢN]" >&2
  exit 2
fi
SRC=$1
OUT=$2
VERSION=${3:-$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/trainer_app/__init__.py")}

missing=()
for item in trainer-app.exe trainer-app-cli.exe _internal; do
  [ -e "$SRC/$item" ] || missing+=("$item")
done
if [ -d "$SRC/_internal" ] && [ -z "$(ls -A "$SRC/_internal")" ]; then missing+=("_internal/ (trống: empty)"); fi
if ((${#missing[@]})); then
  echo "Thư mục $SRC không phải bản đóng gói Windows: thiếu ${missing[*]} (build with build.spec on Windows first)." >&2
  exit 2
fi
if ! [[ $VERSION =~ ^[0-9]+(\.[0-9]+){0,3}([-+.a-zA-Z0-9]*)$ ]]; then
  echo "Phiên bản không hợp lệ (bad version): '$VERSION' — ví dụ 0.1.0" >&2
  exit 2
fi
# Windows wants four numbers: 0.1.0 -> 0.1.0.0 (a suffix such as -rc1 stays in the text only)
IFS=. read -r -a numbers <<<"$(grep -oE '^[0-9]+(\.[0-9]+){0,3}' <<<"$VERSION")"
while ((${#numbers[@]} < 4)); do numbers+=(0); done
VERSION_NUMERIC=$(IFS=.; echo "${numbers[*]}")

MAKENSIS=${MAKENSIS:-}
if [ -z "$MAKENSIS" ]; then
  for candidate in makensis "/c/Program Files (x86)/NSIS/makensis.exe" "/c/Program Files/NSIS/makensis.exe"; do
    if command -v "$candidate" >/dev/null 2>&1 || [ -x "$candidate" ]; then MAKENSIS=$candidate; break; fi
  done
fi
if [ -z "$MAKENSIS" ]; then
  echo "Không tìm thấy makensis (NSIS): Debian/Ubuntu: apt-get install nsis; Windows: choco install nsis." >&2
  exit 2
fi

# Windows programs (makensis, python.exe) want Windows paths: Git Bash's own conversion does
# not reach the inside of -DNAME=VALUE arguments, nor PYTHONPATH.
native() { if command -v cygpath >/dev/null 2>&1; then cygpath -w "$1"; else printf '%s' "$1"; fi; }

mkdir -p "$(dirname "$OUT")"
OUT_ABS=$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")
SRC_ABS=$(cd "$SRC" && pwd)
WORK=$(mktemp -d -t trainer-app-nsis.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

ICON=${TRAINER_APP_ICON:-}
if [ -z "$ICON" ] && [ -f "$SRC_ABS/trainer-app.ico" ]; then ICON=$SRC_ABS/trainer-app.ico; fi
if [ -z "$ICON" ]; then
  PY=${PYTHON:-}
  case $PY in */*) [[ $PY == /* || $PY == [A-Za-z]:* ]] || PY=$PWD/$PY ;; esac  # before the cd below
  if [ -z "$PY" ]; then
    for candidate in "$ROOT/.venv/bin/python" "$ROOT/.venv/Scripts/python.exe" python3 python; do
      if command -v "$candidate" >/dev/null 2>&1; then PY=$candidate; break; fi
    done
  fi
  if [ -n "$PY" ] && (cd "$ROOT" && PYTHONPATH="$(native "$ROOT")" "$PY" freeze/make_icon.py "$(native "$WORK/icon")") \
      >"$WORK/icon.log" 2>&1 \
      && [ -f "$WORK/icon/trainer-app.ico" ]; then
    ICON=$WORK/icon/trainer-app.ico
  else
    echo "CẢNH BÁO: không vẽ được biểu tượng (no icon: $(tail -1 "$WORK/icon.log" 2>/dev/null)); dùng biểu tượng của NSIS." >&2
  fi
fi

ARGS=(-V2 -INPUTCHARSET UTF8
  "-DSOURCE_DIR=$(native "$SRC_ABS")"
  "-DOUT_FILE=$(native "$OUT_ABS")"
  "-DVERSION=$VERSION"
  "-DVERSION_NUMERIC=$VERSION_NUMERIC"
  "-DFONT_OFL=$(native "$ROOT/trainer_app/reports/fonts/OFL.txt")")
[ -n "$ICON" ] && ARGS+=("-DICON=$(native "$ICON")")
[ -n "${NO_CTVPACK:-}" ] && ARGS+=(-DNO_CTVPACK)

echo "==> makensis: $VERSION ($VERSION_NUMERIC) từ $SRC_ABS"
if ! MSYS2_ARG_CONV_EXCL='*' "$MAKENSIS" "${ARGS[@]}" "$(native "$ROOT/packaging/windows/installer.nsi")" >"$WORK/makensis.log" 2>&1; then
  cat "$WORK/makensis.log" >&2
  echo "Dựng bộ cài thất bại (makensis failed)." >&2
  exit 1
fi
echo "==> Xong: $OUT ($(du -h "$OUT_ABS" | cut -f1))"
