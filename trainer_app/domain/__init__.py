"""Plain-Python domain layer: enums, dataclasses, scoring and Vietnamese text rules.

Imports only the standard library.
"""
