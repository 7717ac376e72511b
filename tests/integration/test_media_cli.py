"""`trainer-app media …` as a script drives it: real processes, real files, real libvlc."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from trainer_app.resources import shipped_dir

CLIP = shipped_dir("media") / "samples" / "thu-may-chieu.mp4"


def run(*args: str, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "trainer_app"]
    if data is not None:
        cmd += ["--data-dir", str(data)]
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_APP_DATA"}
    return subprocess.run([*cmd, *args], capture_output=True, text=True, env=env, timeout=120)


def test_probe_json_good_and_bad(tmp_path: Path) -> None:
    good = run("media", "probe", str(CLIP), "--json")
    assert good.returncode == 0, good.stderr
    data = json.loads(good.stdout)
    assert data["playable"] is True and data["error"] is None
    assert abs(data["duration_s"] - 6.0) < 0.2
    fake = tmp_path / "phim giả.mp4"
    fake.write_text("không phải video", encoding="utf-8")
    bad = run("media", "probe", str(fake), "--json")
    assert bad.returncode == 1
    data = json.loads(bad.stdout)
    assert set(data) == {"playable", "duration_s", "error"}
    assert data["playable"] is False and "phim giả.mp4" in data["error"]


def test_import_then_check_json(tmp_path: Path) -> None:
    data_dir = tmp_path / "dữ liệu"
    before = run("media", "check", "--json", data=data_dir)
    assert before.returncode == 1  # items are missing
    items = json.loads(before.stdout)
    assert len(items) == 11 and {i["status"] for i in items} == {"missing"}
    game = next(i for i in items if i["title"] == "Trẻ em nghiện game và cách khắc phục")
    usb = tmp_path / "USB" / "Trẻ em nghiện game.mp4"
    usb.parent.mkdir()
    shutil.copy(CLIP, usb)
    done = run("media", "import", str(usb), "--item", str(game["id"]), "--json", data=data_dir)
    assert done.returncode == 0, done.stderr
    imported = json.loads(done.stdout)
    assert imported["item"] == game["id"] and len(imported["files"]) == 1
    stored = Path(imported["files"][0]["path"])
    assert stored.is_file() and stored.is_relative_to(data_dir / "media")
    after = json.loads(run("media", "check", "--json", data=data_dir).stdout)
    row = next(i for i in after if i["id"] == game["id"])
    assert row["status"] == "available"
    assert row["files"][0]["sha256"] == imported["files"][0]["sha256"]
    text = run("media", "check", data=data_dir)
    assert "có sẵn" in text.stdout and "Tải về tại: https://tongdai111.vn" in text.stdout


def test_import_refusal_is_one_vietnamese_message(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    empty = tmp_path / "rỗng.mp4"
    empty.write_bytes(b"")
    done = run("media", "import", str(empty), "--item", "7", data=data_dir)
    assert done.returncode == 2
    assert "rỗng.mp4" in done.stderr and "0 byte" in done.stderr
    assert "Traceback" not in done.stderr
    unknown = run("media", "import", str(CLIP), "--item", "999", data=data_dir)
    assert unknown.returncode == 2 and "999" in unknown.stderr
