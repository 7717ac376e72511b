#!/usr/bin/env bash
# All checks: set up what is missing, then ruff, the import-linter contracts and pytest
# (Qt offscreen). This is the README's test command; CI runs exactly this.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/bootstrap.sh" --test
bash "$ROOT/scripts/bootstrap-test.sh"  # test-only system packages (chromium)
cd "$ROOT"
echo "==> ruff"
.venv/bin/ruff check .
echo "==> import-linter"
.venv/bin/lint-imports
echo "==> pytest"
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
echo "==> pytest on PostgreSQL (the tests that touch a workspace, on a throwaway local cluster)"
TRAINER_APP_REQUIRE_POSTGRES=1 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q \
  -p no:cacheprovider --db-engine=postgres tests/integration tests/ui/test_database_box.py
