"""Fixtures of the integration tests."""

from tests.phone_world import events, server, world  # noqa: F401  (the phone quiz's)
