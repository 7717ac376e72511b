"""`trainer-app`: the GUI with no sub-command, headless sub-commands otherwise.

Kept tiny so that start-up imports nothing heavy before it knows what is wanted.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from trainer_app.cli import parse_args

    options = parse_args(args)
    if options.command is None:
        from trainer_app.app import run_gui

        return run_gui(options.data_dir, options.debug)
    from trainer_app.cli import run_command

    return run_command(options)


if __name__ == "__main__":
    sys.exit(main())
