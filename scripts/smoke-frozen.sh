#!/usr/bin/env bash
# Smoke test of the built one-folder app (Linux), run after `bash scripts/build.sh`. A separate,
# documented check, not part of CI (see README "Bản đóng gói"). Everything runs from the built
# folder, outside the checkout, with no virtual environment or PYTHONPATH, Qt offscreen:
#   --version · demo into a fresh folder · db check · a PDF report (Vietnamese text read back)
#   · a video probed through libvlc · the GUI started and closed cleanly (and under Xvfb)
#   · a VLC bundled beside the executable is the one loaded (and a broken one is refused)
# and the bad inputs of issue #9:
#   · started from a read-only folder (and a read-only portable data/ folder: a clear refusal)
#   · started twice on one data folder (one after the other is up, and both at the same moment)
#   · a folder path with Vietnamese letters (and portable mode there)
# Usage: bash scripts/smoke-frozen.sh [APP_DIR]   (default dist/trainer-app). Exit 1 on a failure;
# the work folder (outputs of every step) is kept then, or always with SMOKE_KEEP=1.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
APP=$(cd "${1:-$ROOT/dist/trainer-app}" 2>/dev/null && pwd) || APP=""
if [ -z "$APP" ] || [ ! -x "$APP/trainer-app" ]; then
  echo "Chưa có bản đóng gói: chạy bash scripts/build.sh trước (no build in ${1:-dist/trainer-app})." >&2
  exit 2
fi
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/trainer_app/__init__.py")
SAMPLE_REL=_internal/media/samples/thu-may-chieu.mp4

W=$(mktemp -d -t trainer-app-smoke.XXXXXX)
IMMUTABLE=()   # folders made read-only: made writable again on exit
PIDS=()        # background app processes still to end
FAILED=0
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  for dir in "${IMMUTABLE[@]}"; do
    if [ "$(id -u)" -eq 0 ]; then chattr -i "$dir" 2>/dev/null; else chmod u+w "$dir"; fi
  done
  if [ "$FAILED" -eq 0 ] && [ -z "${SMOKE_KEEP:-}" ]; then rm -rf "$W"; else echo "logs and files kept in $W"; fi
}
trap cleanup EXIT

# A clean environment: no Python of ours to lean on, a home of its own, Qt offscreen.
export HOME="$W/home" QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8 LANG=C.UTF-8
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV TRAINER_APP_DATA XDG_DATA_HOME TRAINER_APP_EXIT_WHEN_READY \
  PYTHON_VLC_LIB_PATH PYTHON_VLC_MODULE_PATH VLC_PLUGIN_PATH
export PATH=/usr/local/bin:/usr/bin:/bin
mkdir -p "$HOME"
cd "$W"

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
  cp -al "$APP" "$1" 2>/dev/null || cp -a "$APP" "$1"
}
make_read_only() {  # DIR: unwritable even for root (chattr +i), else by mode
  if [ "$(id -u)" -eq 0 ]; then
    chattr +i "$1" 2>/dev/null || return 1
  else
    chmod a-w "$1" || return 1
  fi
  IMMUTABLE+=("$1")
  ! touch "$1/.probe" 2>/dev/null
}

EXE=$APP/trainer-app
DATA=$W/data
echo "== $APP ($(du -sh "$APP" | cut -f1)), version $VERSION"

# -- the basic path --------------------------------------------------------------------------
run version 0 "$EXE" --version && { [ "$OUT" = "trainer-app $VERSION" ] || fail version "printed: $OUT"; }
run demo 0 "$EXE" --data-dir "$DATA" demo && expect_text demo "Đã tạo dữ liệu mẫu"
[ -f "$DATA/trainer.db" ] || fail demo "no $DATA/trainer.db"
run db-check 0 "$EXE" --data-dir "$DATA" db check && expect_text db-check "quick_check"
run report-pdf 0 "$EXE" --data-dir "$DATA" report pocket-cards --out "$W/thẻ bỏ túi.pdf"
if [ "$(head -c 5 "$W/thẻ bỏ túi.pdf" 2>/dev/null)" != "%PDF-" ]; then
  fail report-pdf "no PDF written"
elif command -v pdftotext >/dev/null; then  # the shipped font drew the Vietnamese letters
  OUT=$(pdftotext "$W/thẻ bỏ túi.pdf" -)
  expect_text report-pdf "BẢO VỆ TRẺ EM TRÊN MÔI TRƯỜNG MẠNG"
fi
run media-check 1 "$EXE" --data-dir "$DATA" media check --quick  # 1: catalogue items not downloaded
expect_text media-check "có sẵn	Video	Đoạn phim thử máy chiếu"  # the sample, copied from the bundle
SYSTEM_VLC=$(/sbin/ldconfig -p 2>/dev/null | awk '/libvlc\.so\.5 .*x86-64/ {print $NF; exit}')
if [ -n "$SYSTEM_VLC" ]; then
  run video-probe 0 "$EXE" --data-dir "$DATA" media probe "$APP/$SAMPLE_REL" --json \
    && expect_text video-probe '"playable": true'
else
  echo "skip video-probe: no libvlc.so.5 on this machine (apt install libvlc5 vlc-plugin-base)"
fi
gui_once gui-offscreen "$EXE" --data-dir "$DATA"
grep -q "INFO trainer_app.app: stopped" "$(log_of "$DATA")" || fail gui-offscreen "no clean stop in the log"
if command -v xvfb-run >/dev/null; then
  run gui-xvfb 0 env -u QT_QPA_PLATFORM TRAINER_APP_EXIT_WHEN_READY=filled \
    xvfb-run -a "$EXE" --data-dir "$DATA" && no_traceback gui-xvfb
else
  echo "skip gui-xvfb: no xvfb-run (apt install xvfb xauth)"
fi

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
RO=$W/read-only/trainer-app
copy_app "$RO"
mkdir "$RO/data"  # a portable data/ folder that cannot be written (a locked USB stick)
if make_read_only "$RO" && make_read_only "$RO/_internal" && make_read_only "$RO/data"; then
  cd "$RO"
  run ro-version 0 "$RO/trainer-app" --version
  run ro-demo 0 "$RO/trainer-app" --data-dir "$W/ro-data" demo
  gui_once ro-gui "$RO/trainer-app" --data-dir "$W/ro-data"
  run ro-portable-refused 2 "$RO/trainer-app" demo \
    && expect_text ro-portable-refused "$RO/data" && no_traceback ro-portable-refused
  cd "$W"
else
  echo "skip read-only: cannot make a folder read-only here (needs chattr as root, or non-root)"
fi
RO2=$W/read-only-2/trainer-app  # read-only, no data/ folder: the user's data folder is used
copy_app "$RO2"
if make_read_only "$RO2" && make_read_only "$RO2/_internal"; then
  cd "$RO2"
  run ro-user-folder-demo 0 "$RO2/trainer-app" demo
  [ -f "$HOME/.local/share/trainer-app/trainer.db" ] || fail ro-user-folder-demo "no database in ~/.local/share/trainer-app"
  gui_once ro-user-folder-gui "$RO2/trainer-app"
  cd "$W"
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
kill "$FIRST" 2>/dev/null; wait "$FIRST" 2>/dev/null; PIDS=()
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
run vn-version 0 "$VN/trainer-app" --version
run vn-demo 0 "$VN/trainer-app" --data-dir "$VN_DATA" demo
run vn-db-check 0 "$VN/trainer-app" --data-dir "$VN_DATA" db check
run vn-report 0 "$VN/trainer-app" --data-dir "$VN_DATA" report pocket-cards --out "$VN_DATA/Thẻ Đường dây nóng.pdf"
[ "$(head -c 5 "$VN_DATA/Thẻ Đường dây nóng.pdf" 2>/dev/null)" = "%PDF-" ] || fail vn-report "no PDF"
gui_once vn-gui "$VN/trainer-app" --data-dir "$VN_DATA"
mkdir "$VN/data"
run vn-portable-demo 0 "$VN/trainer-app" demo
[ -f "$VN/data/trainer.db" ] || fail vn-portable-demo "the database is not in data/ beside the program"
gui_once vn-portable-gui "$VN/trainer-app"

echo
if [ "$FAILED" -ne 0 ]; then
  echo "SMOKE TEST FAILED"
  exit 1
fi
echo "smoke test passed: $n checks on $APP"
