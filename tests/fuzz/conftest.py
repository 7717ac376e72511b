"""Hypothesis profiles for the fuzzers of issue 14. ``ci`` (the default) keeps every fuzz
test to seconds, well inside the suite's 3-minute Hypothesis budget; ``long`` (the env var
HYPOTHESIS_PROFILE=long, run by bench/fuzz_long.sh) runs thousands of examples each."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow,
                                                        HealthCheck.data_too_large,
                                                        HealthCheck.function_scoped_fixture]}
settings.register_profile("ci", max_examples=100, derandomize=True, **_COMMON)
settings.register_profile("long", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "3000")),
                          **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
