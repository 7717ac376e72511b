"""Tập huấn CTV: offline training sessions for a ward health station."""

__version__ = "0.1.0"
APP_NAME = "Tập huấn CTV"
APP_ID = "trainer-app"
