"""placeholder"""
import argparse


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pass
