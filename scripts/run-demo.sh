#!/usr/bin/env bash
# Set up what is missing, fill a demo workspace (once) and start the app on it.
# The demo data lives in .demo-data/ beside the code, apart from your real data.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
DATA="${TRAINER_APP_DEMO_DIR:-$ROOT/.demo-data}"
.venv/bin/trainer-app --data-dir "$DATA" demo
exec .venv/bin/trainer-app --data-dir "$DATA" "$@"
