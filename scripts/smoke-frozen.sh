#!/usr/bin/env bash
# Smoke test of the built one-folder app, on Linux (after `bash scripts/build.sh`) and on
# Windows (Git Bash: .github/workflows/windows.yml runs it on the built folder and again on the
# installed copy). A separate, documented check, not part of .ci/run (see README "Bản đóng
# gói"). Everything runs from the built folder, outside the checkout, with no virtual
# environment or PYTHONPATH, Qt offscreen (and, on Windows, once on the real desktop):
#   --version · demo into a fresh folder · db check · a PDF report (Vietnamese text read back)
#   · a finished session's documents as PDF (sign-in sheet, allowance list, plan, invitation,
#     session report) · its certificates, their QR codes decoded from the rendered pages and
#     verified by the app · a video probed through libvlc · the GUI started and closed
#     cleanly (and under Xvfb) with the start-up time printed · the user's data folder
#     (~/.local/share/trainer-app, %LOCALAPPDATA%\trainer-app) · a VLC bundled beside the
#     executable is the one loaded (and, on Linux, a broken one is refused)
# and the bad inputs of issue #9:
#   · started from a read-only folder (and a read-only portable data/ folder: a clear refusal;
#     Linux only: Windows folders have no read-only bit to set)
#   · started twice on one data folder (one after the other is up, and both at the same moment)
#   · a folder path with Vietnamese letters (and portable mode there)
# On Windows the sub-commands run through trainer-app-cli.exe (trainer-app.exe is a windowed
# program with no output), the GUI through trainer-app.exe.
# Reading PDFs back: pdftotext when present; else, and for the QR codes always,
# scripts/read_pdf.py with $SMOKE_PYTHON (default: the checkout's .venv Python), which needs
# pypdfium2 and zxing-cpp. Without them those checks are skipped, and say so.
# Usage: bash scripts/smoke-frozen.sh [APP_DIR]   (default dist/trainer-app). Exit 1 on a failure;
# the work folder (outputs of every step) is kept then, or always with SMOKE_KEEP=1.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WINDOWS=""
case "$(uname -s)" in MINGW* | MSYS* | CYGWIN*) WINDOWS=1 ;; esac
# Paths handed to the app: C:/… on Windows (both bash and Windows programs read them).
native() { if [ -n "$WINDOWS" ]; then cygpath -m "$1"; else printf '%s' "$1"; fi; }
if [ -n "$WINDOWS" ]; then
  GUI_NAME=trainer-app.exe CLI_NAME=trainer-app-cli.exe
else
  GUI_NAME=trainer-app CLI_NAME=trainer-app
fi
APP=$(cd "${1:-$ROOT/dist/trainer-app}" 2>/dev/null && pwd) || APP=""
if [ -z "$APP" ] || [ ! -f "$APP/$GUI_NAME" ] || [ ! -f "$APP/$CLI_NAME" ]; then
  echo "Chưa có bản đóng gói: chạy bash scripts/build.sh trước (no build in ${1:-dist/trainer-app})." >&2
  exit 2
fi
APP=$(native "$APP")
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/trainer_app/__init__.py")
SAMPLE_REL=_internal/media/samples/thu-may-chieu.mp4

SMOKE_PYTHON=${SMOKE_PYTHON:-}
if [ -z "$SMOKE_PYTHON" ]; then
  for candidate in "$ROOT/.venv/bin/python" "$ROOT/.venv/Scripts/python.exe"; do
    if [ -x "$candidate" ]; then SMOKE_PYTHON=$candidate; break; fi
  done
fi
case $SMOKE_PYTHON in "" | /* | [A-Za-z]:*) ;; *) SMOKE_PYTHON=$PWD/$SMOKE_PYTHON ;; esac
READ_PDF=$(native "$ROOT/scripts/read_pdf.py")
# Ask before the environment is cleaned below.
PDF_TEXT_TOOL=""
if command -v pdftotext >/dev/null 2>&1; then
  PDF_TEXT_TOOL=$(command -v pdftotext)
elif [ -n "$SMOKE_PYTHON" ] && "$SMOKE_PYTHON" -c "import pypdfium2" >/dev/null 2>&1; then
  PDF_TEXT_TOOL=read_pdf
fi
QR_READER=""
if [ -n "$SMOKE_PYTHON" ] && "$SMOKE_PYTHON" -c "import pypdfium2, zxingcpp" >/dev/null 2>&1; then
  QR_READER=$SMOKE_PYTHON
fi
pdf_text() {  # FILE: its text on stdout
  if [ "$PDF_TEXT_TOOL" = read_pdf ]; then
    env -u PYTHONHOME "$SMOKE_PYTHON" "$READ_PDF" text "$1"
  else
    "$PDF_TEXT_TOOL" "$1" -
  fi
}

W=$(native "$(mktemp -d -t trainer-app-smoke.XXXXXX)")
IMMUTABLE=()   # folders made read-only: made writable again on exit
PIDS=()        # background app processes still to end
FAILED=0
stop() {  # PID: end a background app process (on Windows, the program behind bash's pid)
  local winpid
  if [ -n "$WINDOWS" ]; then
    winpid=$(ps -p "$1" 2>/dev/null | awk 'NR > 1 {print $4}')
    # no path conversion of /F (Git Bash would read it as a folder)
    [ -n "$winpid" ] && MSYS2_ARG_CONV_EXCL='*' MSYS_NO_PATHCONV=1 taskkill /F /T /PID "$winpid" >/dev/null 2>&1
  fi
  kill "$1" 2>/dev/null
  wait "$1" 2>/dev/null
}
cleanup() {
  for pid in "${PIDS[@]+"${PIDS[@]}"}"; do stop "$pid"; done
  for dir in "${IMMUTABLE[@]+"${IMMUTABLE[@]}"}"; do
    if [ "$(id -u)" -eq 0 ]; then chattr -i "$dir" 2>/dev/null; else chmod u+w "$dir"; fi
  done
  if [ "$FAILED" -eq 0 ] && [ -z "${SMOKE_KEEP:-}" ]; then rm -rf "$W"; else echo "logs and files kept in $W"; fi
}
trap cleanup EXIT

# A clean environment: no Python of ours to lean on, a home of its own, Qt offscreen.
export HOME="$W/home" QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8 LANG=C.UTF-8
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV TRAINER_APP_DATA XDG_DATA_HOME TRAINER_APP_EXIT_WHEN_READY \
  PYTHON_VLC_LIB_PATH PYTHON_VLC_MODULE_PATH VLC_PLUGIN_PATH PYTHONUTF8 PYTHONIOENCODING
if [ -n "$WINDOWS" ]; then
  # The user's folders of a fresh account: the data folder goes to %LOCALAPPDATA%\trainer-app.
  export LOCALAPPDATA="$W/localappdata" APPDATA="$W/appdata"
  mkdir -p "$LOCALAPPDATA" "$APPDATA"
  USER_DATA=$LOCALAPPDATA/trainer-app
  SYSTEM32=$(cygpath -u "${SYSTEMROOT:-C:\\Windows}")/System32
  export PATH="/usr/bin:/bin:$SYSTEM32"
else
  USER_DATA=$HOME/.local/share/trainer-app
  export PATH=/usr/local/bin:/usr/bin:/bin
fi
mkdir -p "$HOME"
cd "$W" || exit 2

n=0
OUT=""
# run NAME EXPECTED_RC CMD...: run with a time limit; keep stdout+stderr in $OUT and a log file.
run() {
  local name=$1 expect=$2 rc start; shift 2
  n=$((n + 1))
  start=$(date +%s%3N)
  OUT=$(timeout 90 "$@" 2>&1); rc=$?
  printf '%s\n' "$OUT" > "$W/$(printf %02d $n)-$name.log"
  if [ "$rc" != "$expect" ]; then
    fail "$name" "exit $rc, expected $expect"
    return 1
  fi
  printf 'ok   %-34s %6d ms\n' "$name" "$(( $(date +%s%3N) - start ))"
}
fail() {
  FAILED=1
  printf 'FAIL %-34s %s\n' "$1" "$2"
  [ -n "$OUT" ] && printf '%s\n' "$OUT" | tail -15 | sed 's/^/     | /'
}
expect_text() {  # NAME TEXT: the last output must contain TEXT
  grep -qF -- "$2" <<<"$OUT" || fail "$1" "output lacks: $2"
}
no_traceback() {  # NAME [FILE]: no Python traceback in the output (or in FILE)
  if grep -q "Traceback" <<<"$OUT" || { [ -n "${2:-}" ] && grep -q "Traceback" "$2"; }; then
    fail "$1" "a Python traceback was printed"
  fi
}
gui_once() {  # NAME EXE DATA_DIR...: the GUI up, pages filled, then a clean quit (exit 0)
  local name=$1 exe=$2; shift 2
  run "$name" 0 env TRAINER_APP_EXIT_WHEN_READY=filled "$exe" "$@" && no_traceback "$name"
}
log_of() { echo "$1/logs/trainer-app.log"; }
copy_app() {  # DEST: a copy of the built folder (hard links when possible: fast and small)
  mkdir -p "$(dirname "$1")"
  cp -al "$APP" "$1" 2>/dev/null || { rm -rf "$1"; cp -a "$APP" "$1"; }
}
make_read_only() {  # DIR: unwritable even for root (chattr +i), else by mode; never on Windows
  [ -z "$WINDOWS" ] || return 1
  if [ "$(id -u)" -eq 0 ]; then
    chattr +i "$1" 2>/dev/null || return 1
  else
    chmod a-w "$1" || return 1
  fi
  IMMUTABLE+=("$1")
  ! touch "$1/.probe" 2>/dev/null
}

GUI=$APP/$GUI_NAME
EXE=$APP/$CLI_NAME
DATA=$W/data
echo "== $APP ($(du -sh "$APP" | cut -f1)), version $VERSION, ${WINDOWS:+Windows}${WINDOWS:-Linux}"

# -- the basic path --------------------------------------------------------------------------
run version 0 "$EXE" --version && { [ "$(tr -d '\r' <<<"$OUT")" = "trainer-app $VERSION" ] || fail version "printed: $OUT"; }
run demo 0 "$EXE" --data-dir "$DATA" demo && expect_text demo "Đã tạo dữ liệu mẫu"
[ -f "$DATA/trainer.db" ] || fail demo "no $DATA/trainer.db"
run db-check 0 "$EXE" --data-dir "$DATA" db check && expect_text db-check "quick_check"
run report-pdf 0 "$EXE" --data-dir "$DATA" report pocket-cards --out "$W/thẻ bỏ túi.pdf"
if [ "$(head -c 5 "$W/thẻ bỏ túi.pdf" 2>/dev/null)" != "%PDF-" ]; then
  fail report-pdf "no PDF written"
elif [ -n "$PDF_TEXT_TOOL" ]; then  # the shipped font drew the Vietnamese letters
  OUT=$(pdf_text "$W/thẻ bỏ túi.pdf")
  expect_text report-pdf "BẢO VỆ TRẺ EM TRÊN MÔI TRƯỜNG MẠNG"
fi

# -- a finished session's documents, as PDF ------------------------------------------------------
run session-list 0 "$EXE" --data-dir "$DATA" session list --json
SESSION=$(tr -d '\r' <<<"$OUT" | awk '/"id":/ {gsub(/[^0-9]/, "", $2); id = $2}
  /"status": "finished"/ {print id; exit}')
if [ -z "$SESSION" ]; then
  fail session-list "the demo has no finished session"
else
  DOCS="$W/Giấy tờ buổi $SESSION"
  mkdir -p "$DOCS"
  declare -A DOC_TEXT=(
    [sign-in]="DANH SÁCH" [allowance]="DANH SÁCH" [plan]="KẾ HOẠCH"
    [invitation]="GIẤY MỜI" [session-report]="BÁO CÁO")
  run doc-sign-in 0 "$EXE" --data-dir "$DATA" report attendance "$SESSION" --out "$DOCS/sign-in.pdf"
  run doc-allowance 0 "$EXE" --data-dir "$DATA" report attendance "$SESSION" --allowance \
    --amount 50000 --out "$DOCS/allowance.pdf"
  run doc-plan 0 "$EXE" --data-dir "$DATA" report plan "$SESSION" --out "$DOCS/plan.pdf"
  run doc-invitation 0 "$EXE" --data-dir "$DATA" report invitation "$SESSION" --out "$DOCS/invitation.pdf"
  run doc-session-report 0 "$EXE" --data-dir "$DATA" report session "$SESSION" --out "$DOCS/session-report.pdf"
  for doc in "${!DOC_TEXT[@]}"; do
    if [ "$(head -c 5 "$DOCS/$doc.pdf" 2>/dev/null)" != "%PDF-" ]; then
      fail "doc-$doc" "no PDF written"
    elif [ -n "$PDF_TEXT_TOOL" ]; then
      OUT=$(pdf_text "$DOCS/$doc.pdf")
      expect_text "doc-$doc" "${DOC_TEXT[$doc]}"
      expect_text "doc-$doc" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    fi
  done
  [ -n "$PDF_TEXT_TOOL" ] || echo "skip reading the documents back: no pdftotext, no SMOKE_PYTHON with pypdfium2"

  # -- its certificates: the QR codes decoded from the rendered pages, verified by the app -----
  run certificates 0 "$EXE" --data-dir "$DATA" certificates "$SESSION" --out "$DOCS/giấy chứng nhận.pdf" --json \
    && expect_text certificates '"printed": '
  if [ "$(head -c 5 "$DOCS/giấy chứng nhận.pdf" 2>/dev/null)" != "%PDF-" ]; then
    fail certificates "no PDF written"
  elif [ -n "$QR_READER" ]; then
    run qr-read-back 0 env -u PYTHONHOME "$QR_READER" "$READ_PDF" qr "$DOCS/giấy chứng nhận.pdf"
    mapfile -t PAYLOADS < <(tr -d '\r' <<<"$OUT" | grep '^GCN1:')
    printed=$(grep -o '"printed": [0-9]*' "$W"/*-certificates.log | grep -o '[0-9]*$')
    if [ "${#PAYLOADS[@]}" -eq 0 ] || [ "${#PAYLOADS[@]}" != "$printed" ]; then
      fail qr-read-back "${#PAYLOADS[@]} QR codes read, $printed certificates printed"
    else
      for i in 0 $(( ${#PAYLOADS[@]} - 1 )); do  # the first and the last
        run "qr-verify-$i" 0 "$EXE" --data-dir "$DATA" certificate verify "${PAYLOADS[$i]}" --json \
          && expect_text "qr-verify-$i" '"status": "valid"'
      done
      run qr-tampered 1 "$EXE" --data-dir "$DATA" certificate verify "${PAYLOADS[0]/GCN1:0/GCN1:9}" --json \
        && no_traceback qr-tampered
    fi
  else
    echo "skip qr-read-back: no SMOKE_PYTHON with pypdfium2 and zxing-cpp (pip install zxing-cpp)"
  fi
fi

run media-check 1 "$EXE" --data-dir "$DATA" media check --quick  # 1: catalogue items not downloaded
expect_text media-check "có sẵn	Video	Đoạn phim thử máy chiếu"  # the sample, copied from the bundle
SYSTEM_VLC=""
[ -z "$WINDOWS" ] && SYSTEM_VLC=$(/sbin/ldconfig -p 2>/dev/null | awk '/libvlc\.so\.5 .*x86-64/ {print $NF; exit}')
if [ -n "$WINDOWS" ] && [ -f "$APP/vlc/libvlc.dll" ]; then  # the VLC bundled by build.spec
  run video-probe 0 "$EXE" --data-dir "$DATA" --debug media probe "$APP/$SAMPLE_REL" --json \
    && expect_text video-probe '"playable": true' && expect_text video-probe 'libvlc.dll'
  grep -qiF "$(cygpath -w "$APP/vlc/libvlc.dll")" <<<"$OUT" || grep -qiF "$APP/vlc/libvlc.dll" <<<"$OUT" \
    || fail video-probe "libvlc was not loaded from $APP/vlc"
elif [ -n "$SYSTEM_VLC" ]; then
  run video-probe 0 "$EXE" --data-dir "$DATA" media probe "$APP/$SAMPLE_REL" --json \
    && expect_text video-probe '"playable": true'
else
  echo "skip video-probe: no VLC (Linux: apt install libvlc5 vlc-plugin-base; Windows: build with TRAINER_APP_VLC_DIR)"
fi

# -- the GUI, and how long it takes to come up -----------------------------------------------------
gui_once gui-offscreen "$GUI" --data-dir "$DATA"
grep -q "INFO trainer_app.app: stopped" "$(log_of "$DATA")" || fail gui-offscreen "no clean stop in the log"
if [ -n "$WINDOWS" ]; then  # the real platform plugin (qwindows.dll) on the runner's desktop
  GUI_ENV=(env -u QT_QPA_PLATFORM) GUI_LABEL="Windows desktop"
  run gui-windows 0 env -u QT_QPA_PLATFORM TRAINER_APP_EXIT_WHEN_READY=filled "$GUI" --data-dir "$DATA" \
    && no_traceback gui-windows
elif command -v xvfb-run >/dev/null; then
  GUI_ENV=(env -u QT_QPA_PLATFORM xvfb-run -a) GUI_LABEL="Xvfb"
  run gui-xvfb 0 env -u QT_QPA_PLATFORM TRAINER_APP_EXIT_WHEN_READY=filled \
    xvfb-run -a "$EXE" --data-dir "$DATA" && no_traceback gui-xvfb
else
  GUI_ENV=(env) GUI_LABEL="offscreen"
  echo "skip gui-xvfb: no xvfb-run (apt install xvfb xauth)"
fi
startup() {  # READY: median of 3 whole runs, launch to exit once the window is READY
  local ms=() start i
  for i in 1 2 3; do
    start=$(date +%s%3N)
    TRAINER_APP_EXIT_WHEN_READY=$1 timeout 90 "${GUI_ENV[@]}" "$GUI" --data-dir "$DATA" >/dev/null 2>&1 || return 1
    ms+=($(( $(date +%s%3N) - start )))
  done
  printf '%s\n' "${ms[@]}" | sort -n | sed -n 2p
}
if shown_ms=$(startup shown) && filled_ms=$(startup filled); then
  printf 'start-up (%s): window shown after %s ms, pages filled after %s ms (median of 3, to exit)\n' \
    "$GUI_LABEL" "$shown_ms" "$filled_ms"
else
  fail start-up "the GUI did not come up for the timing runs"
fi

# -- the user's data folder: no --data-dir, no data/ beside the program ----------------------------
USERDIR_APP=$W/user-folder/trainer-app
copy_app "$USERDIR_APP"
run user-folder-demo 0 "$USERDIR_APP/$CLI_NAME" demo
[ -f "$USER_DATA/trainer.db" ] || fail user-folder-demo "no database in $USER_DATA"
[ -e "$USERDIR_APP/data" ] && fail user-folder-demo "a data/ folder appeared beside the program"
run user-folder-check 0 "$USERDIR_APP/$CLI_NAME" db check

# -- a VLC bundled beside the executable (what a Windows build carries in vlc/) ----------------
if [ -n "$SYSTEM_VLC" ]; then
  copy_app "$W/with-vlc/trainer-app"
  mkdir "$W/with-vlc/trainer-app/vlc"
  ln -s "$SYSTEM_VLC" "$W/with-vlc/trainer-app/vlc/libvlc.so.5"
  ln -s "$(dirname "$SYSTEM_VLC")/vlc/plugins" "$W/with-vlc/trainer-app/vlc/plugins"
  run vlc-bundled 0 "$W/with-vlc/trainer-app/trainer-app" --data-dir "$DATA" --debug \
    media probe "$APP/$SAMPLE_REL" --json \
    && expect_text vlc-bundled "loaded from $W/with-vlc/trainer-app/vlc/libvlc.so.5" \
    && expect_text vlc-bundled '"playable": true'
  rm "$W/with-vlc/trainer-app/vlc/libvlc.so.5"
  echo "not a library" > "$W/with-vlc/trainer-app/vlc/libvlc.so.5"
  run vlc-bundled-broken 1 "$W/with-vlc/trainer-app/trainer-app" --data-dir "$DATA" \
    media probe "$APP/$SAMPLE_REL" --json \
    && expect_text vlc-bundled-broken "Cần có phần mềm VLC" && no_traceback vlc-bundled-broken
fi

# -- bad input: started from a read-only folder ------------------------------------------------
if [ -n "$WINDOWS" ]; then
  echo "skip read-only: Windows folders have no read-only bit (Linux checks it)"
else
RO=$W/read-only/trainer-app
copy_app "$RO"
mkdir "$RO/data"  # a portable data/ folder that cannot be written (a locked USB stick)
if make_read_only "$RO" && make_read_only "$RO/_internal" && make_read_only "$RO/data"; then
  cd "$RO" || exit 2
  run ro-version 0 "$RO/trainer-app" --version
  run ro-demo 0 "$RO/trainer-app" --data-dir "$W/ro-data" demo
  gui_once ro-gui "$RO/trainer-app" --data-dir "$W/ro-data"
  run ro-portable-refused 2 "$RO/trainer-app" demo \
    && expect_text ro-portable-refused "$RO/data" && no_traceback ro-portable-refused
  cd "$W" || exit 2
else
  echo "skip read-only: cannot make a folder read-only here (needs chattr as root, or non-root)"
fi
RO2=$W/read-only-2/trainer-app  # read-only, no data/ folder: the user's data folder is used
copy_app "$RO2"
if make_read_only "$RO2" && make_read_only "$RO2/_internal"; then
  cd "$RO2" || exit 2
  run ro-user-folder-demo 0 "$RO2/trainer-app" demo
  [ -f "$HOME/.local/share/trainer-app/trainer.db" ] || fail ro-user-folder-demo "no database in ~/.local/share/trainer-app"
  gui_once ro-user-folder-gui "$RO2/trainer-app"
  cd "$W" || exit 2
fi
fi

# -- bad input: started twice on one data folder -------------------------------------------------
TWICE=$W/twice
run twice-demo 0 "$EXE" --data-dir "$TWICE" demo
"$EXE" --data-dir "$TWICE" >"$W/twice-first.log" 2>&1 &
FIRST=$!
PIDS+=("$FIRST")
answered=""
for _ in $(seq 1 60); do  # until the first one answers on its socket (it is up in ~1 s)
  sleep 0.5
  kill -0 "$FIRST" 2>/dev/null || break
  OUT=$(timeout 30 env TRAINER_APP_EXIT_WHEN_READY=filled "$EXE" --data-dir "$TWICE" 2>&1); rc=$?
  if [ "$rc" = 0 ] && grep -qF "Ứng dụng đang chạy với thư mục dữ liệu này" <<<"$OUT"; then
    answered=yes; break
  fi
  # rc 1 "đang được một lệnh khác … sử dụng": the first holds the lock, not yet listening
  if [ "$rc" != 1 ]; then fail twice-second "exit $rc before the first one answered"; break; fi
done
if [ -n "$answered" ] && kill -0 "$FIRST" 2>/dev/null; then
  sleep 0.5  # the first window logs the request
  if grep -q "another start asked this window to come forward" "$(log_of "$TWICE")"; then
    printf 'ok   %-34s\n' "twice-second-brings-first-forward"
  else
    fail twice-second "the running window did not hear the second start"
  fi
else
  [ -n "$answered" ] || fail twice-second "the second start never got an answer"
fi
stop "$FIRST"; PIDS=()
no_traceback twice-first "$W/twice-first.log"
run twice-db-check-after-kill 0 "$EXE" --data-dir "$TWICE" db check  # killed mid-run: intact
# Both at the same moment: one runs (or both, one after the other); none breaks the database.
env TRAINER_APP_EXIT_WHEN_READY=filled timeout 60 "$EXE" --data-dir "$TWICE" >"$W/at-once-1.log" 2>&1 &
A=$!
env TRAINER_APP_EXIT_WHEN_READY=filled timeout 60 "$EXE" --data-dir "$TWICE" >"$W/at-once-2.log" 2>&1 &
B=$!
wait "$A"; rc_a=$?
wait "$B"; rc_b=$?
OUT=$(cat "$W/at-once-1.log" "$W/at-once-2.log")
if [[ "$rc_a" =~ ^[01]$ && "$rc_b" =~ ^[01]$ && ( "$rc_a" = 0 || "$rc_b" = 0 ) ]]; then
  printf 'ok   %-34s exits %s and %s\n' "twice-at-once" "$rc_a" "$rc_b"
else
  fail twice-at-once "exits $rc_a and $rc_b (expected 0 or 1, at least one 0)"
fi
no_traceback twice-at-once
run twice-db-check 0 "$EXE" --data-dir "$TWICE" db check

# -- bad input: a path with Vietnamese letters (and portable mode: data/ beside the program) -----
VN="$W/Trạm Y tế phường Tân Hưng/Tập huấn CTV"
copy_app "$VN"
VN_DATA="$W/Dữ liệu đào tạo/Đợt 1 — Ngô Thị Ánh"
run vn-version 0 "$VN/$CLI_NAME" --version
run vn-demo 0 "$VN/$CLI_NAME" --data-dir "$VN_DATA" demo
run vn-db-check 0 "$VN/$CLI_NAME" --data-dir "$VN_DATA" db check
run vn-report 0 "$VN/$CLI_NAME" --data-dir "$VN_DATA" report pocket-cards --out "$VN_DATA/Thẻ Đường dây nóng.pdf"
[ "$(head -c 5 "$VN_DATA/Thẻ Đường dây nóng.pdf" 2>/dev/null)" = "%PDF-" ] || fail vn-report "no PDF"
gui_once vn-gui "$VN/$GUI_NAME" --data-dir "$VN_DATA"
mkdir "$VN/data"
run vn-portable-demo 0 "$VN/$CLI_NAME" demo
[ -f "$VN/data/trainer.db" ] || fail vn-portable-demo "the database is not in data/ beside the program"
gui_once vn-portable-gui "$VN/$GUI_NAME"

echo
if [ "$FAILED" -ne 0 ]; then
  echo "SMOKE TEST FAILED"
  exit 1
fi
echo "smoke test passed: $n checks on $APP"
