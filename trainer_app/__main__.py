"""`trainer-app`: the GUI with no sub-command, headless sub-commands otherwise.

Kept tiny so that start-up imports nothing heavy before it knows what is wanted. The common
GUI start (no arguments, or only --data-dir/--debug) skips argparse altogether.
"""

from __future__ import annotations

import sys


def gui_options(args: list[str]) -> tuple[str | None, bool] | None:
    """(data_dir, debug) when `args` only start the GUI; None when argparse must decide."""
    data_dir: str | None = None
    debug = False
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if token == "--debug":
            debug = True
        elif token == "--data-dir" and rest and not rest[0].startswith("-"):
            data_dir = rest.pop(0)
        elif token.startswith("--data-dir=") and len(token) > len("--data-dir="):
            data_dir = token.split("=", 1)[1]
        else:
            return None
    return data_dir, debug


def utf8_output(platform: str | None = None) -> None:
    """Windows: output going to a pipe or a file is written in the ANSI code page (cp1252 on
    most machines), which lacks Vietnamese letters, so printing one would raise
    UnicodeEncodeError (`trainer-app-cli demo > log.txt`, scripts, CI). Write UTF-8 there; a
    console window gets UTF-16 from Python either way."""
    if not (platform or sys.platform).startswith("win"):
        return
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if stream is None or reconfigure is None:
            continue  # the windowed trainer-app.exe has no streams
        try:
            if not stream.isatty() and (stream.encoding or "").lower() not in {"utf-8", "utf8"}:
                reconfigure(encoding="utf-8", errors="replace")
        except (OSError, ValueError):
            continue


def private_files() -> None:
    """Everything this process writes (database, -wal/-shm, backups, logs, exports) is
    readable by the user alone: folders 0700, files 0600. On Windows the user's profile
    already keeps other users out; umask does not apply there."""
    import os

    if os.name != "nt":
        os.umask(0o077)


def main(argv: list[str] | None = None) -> int:
    private_files()
    args = list(sys.argv[1:] if argv is None else argv)
    utf8_output()  # before anything prints: the GUI start prints too (a second start, no display)
    fast = gui_options(args)
    if fast is not None:
        from trainer_app.app import run_gui

        return run_gui(*fast)
    from trainer_app.cli import parse_args

    options = parse_args(args)
    if options.command is None:
        from trainer_app.app import run_gui

        return run_gui(options.data_dir, options.debug, options.database_url)
    from trainer_app.cli import run_command

    return run_command(options)


if __name__ == "__main__":
    sys.exit(main())
