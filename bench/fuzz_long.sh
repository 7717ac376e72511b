#!/usr/bin/env bash
# The long form of the issue-14 fuzzers (tests/fuzz/): thousands of Hypothesis examples per
# target instead of the suite's short "ci" profile. Prints pytest's summary and, per test,
# the examples run (Hypothesis statistics). FUZZ_EXAMPLES overrides the count (default 3000).
#   bash bench/fuzz_long.sh            # from the repository root
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
[ -x "$PY" ] || PY=python3
export HYPOTHESIS_PROFILE=long QT_QPA_PLATFORM=offscreen PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export FUZZ_EXAMPLES=${FUZZ_EXAMPLES:-3000}
exec "$PY" -m pytest -q -p no:cacheprovider tests/fuzz --hypothesis-show-statistics "$@"
