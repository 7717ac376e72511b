"""Shared set-up of the exchange tests: station workspaces built from the demo, packages,
and a way to re-sign a modified package (as a newer app version or a forger would)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from trainer_app.cli import parse_args, run_command
from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.services.exchange import keys
from trainer_app.services.reporting.period_report import quarter_period
from trainer_app.services.workspace.opening import Workspace, open_workspace

DEMO_DAY = date(2026, 11, 20)  # the demo's finished session is on 01/11/2026
Q4 = quarter_period(2026, 4)


@contextmanager
def opened(root: Path) -> Iterator[Workspace]:
    ws = open_workspace(DataDir(root, DataDirSource.ARGUMENT), daily_backup=False)
    try:
        yield ws
    finally:
        ws.close()


def make_station(root: Path, code: str, name: str,
                 change: Callable[[Workspace], None] | None = None) -> Path:
    from trainer_app.services.workspace import settings_keys
    from trainer_app.services.workspace.demo import fill_demo

    with opened(root) as ws:
        fill_demo(ws, today=DEMO_DAY)
        settings_keys.set_setting(ws.session_factory, "station_code", code)
        settings_keys.set_setting(ws.session_factory, "unit_name", name)
        if change is not None:
            change(ws)
    return root


def cli(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, Any, str]:
    code = run_command(parse_args(["--data-dir", str(data), *args]))
    out = capsys.readouterr()
    try:
        parsed: Any = json.loads(out.out)
    except ValueError:
        parsed = out.out
    return code, parsed, out.err


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(path: Path, content: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in content.items():
            archive.writestr(name, body)
    path.write_bytes(buffer.getvalue())
    return path


def resign(source: Path, target: Path, private: bytes,
           edit: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of ``source`` whose manifest ``edit`` changed, signed with ``private``."""
    content = members(source)
    manifest = json.loads(content["manifest.json"])
    edit(manifest)
    manifest["public_key"] = keys.public_key_of(private).hex()
    raw = json.dumps(manifest, ensure_ascii=False).encode()
    content["manifest.json"] = raw
    content["manifest.sig"] = keys.sign(private, raw).hex().encode()
    return write_zip(target, content)


def absent_one(ws: Workspace) -> None:
    """Station B: one person fewer came, so the two stations' figures differ."""
    from sqlalchemy import text

    with ws.session_factory.begin() as session:
        session.execute(text("UPDATE attendance SET status = 'absent', checked_in_at = NULL "
                             "WHERE id = (SELECT MIN(id) FROM attendance WHERE status = "
                             "'present')"))
