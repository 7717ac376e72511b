#!/usr/bin/env bash
# A separate, documented check (not part of CI): prove the README's two commands on a fresh
# Debian 12. Builds a minimal root with debootstrap, gives it only python3 and git, clones this
# repository's committed HEAD into it and runs, inside a chroot with a clean environment:
#   bash scripts/check.sh                                   (must pass)
#   bash scripts/run-demo.sh                                (no display: clear message, exit 2)
#   QT_QPA_PLATFORM=offscreen timeout 20 bash scripts/run-demo.sh   (runs until the timeout)
#   bash scripts/check.sh                                   (again: installs nothing)
#   bash scripts/build.sh && bash scripts/smoke-frozen.sh   (the one-folder build and its check)
# Needs root, debootstrap, and the Debian mirror and PyPI. Usage: sudo bash scripts/prove-fresh-debian.sh [ROOT]
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
R=${1:-/var/tmp/trainer-app-fresh-root}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
LOGS=${LOGS:-$R.logs}
mkdir -p "$LOGS"

cleanup() { for m in dev sys proc; do mountpoint -q "$R/$m" && umount -R "$R/$m"; done; true; }
trap cleanup EXIT
cleanup
rm -rf "$R"
debootstrap --variant=minbase bookworm "$R" "$MIRROR" >"$LOGS/debootstrap.log"
[ -f /etc/apt/sources.list.d/debian.sources ] && {
  rm -f "$R/etc/apt/sources.list"; cp /etc/apt/sources.list.d/debian.sources "$R/etc/apt/sources.list.d/"; }
cp /etc/resolv.conf "$R/etc/resolv.conf"
# A machine behind an HTTPS-inspecting proxy needs its CA inside too (a normal one has none).
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$R/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$R/usr/local/share/ca-certificates/"
  printf '[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n' > "$R/etc/pip.conf"
fi
mount -t proc proc "$R/proc"
mount --rbind /sys "$R/sys" && mount --make-rslave "$R/sys"
mount --rbind /dev "$R/dev" && mount --make-rslave "$R/dev"

inside() {
  chroot "$R" /usr/bin/env -i HOME=/root TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -lc "$1"
}
inside 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq python3 git' \
  >"$LOGS/base.log"
git clone -q "$REPO" "$R/root/app"
echo "commit: $(git -C "$R/root/app" rev-parse HEAD)"

step() {  # name, expected exit codes, command
  local name=$1 expect=$2 cmd=$3 start rc
  start=$(date +%s)
  set +e; inside "cd /root/app && $cmd" >"$LOGS/$name.log" 2>&1; rc=$?; set -e
  printf '%-22s exit %-3s (%ss) %s\n' "$name" "$rc" "$(( $(date +%s) - start ))" \
    "$(grep -E 'passed|failed|Không tìm thấy màn hình' "$LOGS/$name.log" | tail -1)"
  [[ " $expect " == *" $rc "* ]] || { echo "FAILED: $name (see $LOGS/$name.log)"; exit 1; }
}
step check-first "0" "bash scripts/check.sh"
step run-demo-no-display "2" "bash scripts/run-demo.sh"
step run-demo-offscreen "124" "QT_QPA_PLATFORM=offscreen timeout 20 bash scripts/run-demo.sh"
step check-second "0" "bash scripts/check.sh"
grep -qE "Cài (các gói|gói Python)" "$LOGS/check-second.log" && {
  echo "FAILED: the second run installed something"; exit 1; }
step build "0" "bash scripts/build.sh"
step smoke-frozen "0" "bash scripts/smoke-frozen.sh"
echo "fresh Debian 12: both commands work (logs in $LOGS)"
