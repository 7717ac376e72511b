"""`trainer-app quiz …` as a script drives it (real processes, real files), and
`attempt record` through its own parser (cli_attempt is wired into cli.py separately)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_gift import CONFORMANCE, needs_corpus
from trainer_app.datadir import DataDir
from trainer_app.resources import shipped_dir
from trainer_app.services.errors import UserError
from trainer_app.services.workspace.opening import Workspace


def run(*args: str, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "trainer_app"]
    if data is not None:
        cmd += ["--data-dir", str(data)]
    env = {k: v for k, v in os.environ.items() if k != "TRAINER_APP_DATA"}
    return subprocess.run([*cmd, *args], capture_output=True, text=True, env=env, timeout=120)


GOOD = '''format = "trainer-app-quiz"
format_version = 1
id = "tot"
title = "Tốt"

[[questions]]
id = "q01"
kind = "single"
text = "Câu?"
options = [
  { text = "a", correct = true },
  { text = "b" },
]
'''


def test_check_exit_codes_and_file_line_messages(tmp_path: Path) -> None:
    good = tmp_path / "tot.toml"
    good.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / "hong.toml"
    bad.write_text(GOOD.replace("correct = true", "correct = false").replace('"tot"', '"hong"'),
                   encoding="utf-8")
    ok = run("quiz", "check", str(good))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    failed = run("quiz", "check", str(good), str(bad))
    assert failed.returncode == 1
    assert failed.stdout.strip() == (f"{bad}:10: Câu q01: chưa đánh dấu phương án đúng nào "
                                     "(correct = true).")
    as_json = run("quiz", "check", "--json", str(bad), str(tmp_path / "khong-co.toml"))
    assert as_json.returncode == 2
    problems = json.loads(as_json.stdout)
    assert [(p["file"], p["line"]) for p in problems] == [(str(bad), 10),
                                                          (str(tmp_path / "khong-co.toml"), 0)]
    assert "Không tìm thấy tệp" in problems[1]["message"]


def test_check_the_shipped_bank() -> None:
    files = sorted(str(p) for p in shipped_dir("quizzes").glob("*.toml"))
    if not files:
        pytest.skip("no quiz bank files in quizzes/ yet")
    result = run("quiz", "check", *files)
    assert result.returncode == 0, result.stdout


@needs_corpus
def test_import_the_moodle_examples_as_json(tmp_path: Path) -> None:
    result = run("quiz", "import", str(CONFORMANCE), "--json", data=tmp_path / "d")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"quiz", "questions", "skipped"}
    assert data["quiz"] == "moodle-examples"
    assert len(data["questions"]) == 10 and len(data["skipped"]) == 33
    control = next(q for q in data["questions"] if q["name"] == "GIFT Control Characters")
    assert [o["text"] for o in control["options"]] == ["~", "=", "#", "{", "}", "\\"]
    assert control["options"][-1] == {"text": "\\", "correct": True, "weight": 100.0}
    grant = next(q for q in data["questions"] if q["kind"] == "multiple")
    assert [o["weight"] for o in grant["options"]] == [0.0, 50.0, 50.0, 0.0]
    assert all(set(s) == {"name", "line", "reason"} for s in data["skipped"])
    assert {"name": "Kanji Origins", "line": 90} == {k: data["skipped"][16][k]
                                                     for k in ("name", "line")}


def test_import_refuses_a_broken_file_and_stores_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "hong.gift"
    broken.write_text("Câu một?{=a ~b\n\nCâu hai?{=c ~d}\n", encoding="utf-8")
    result = run("quiz", "import", str(broken), "--json", data=tmp_path / "d")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["quiz"] is None and data["problems"][0]["line"] == 1
    listing = run("quiz", "list", "--json", data=tmp_path / "d")
    assert json.loads(listing.stdout) == []


def test_export_import_freeze_template(tmp_path: Path) -> None:
    data = tmp_path / "d"
    source = tmp_path / "tot.toml"
    source.write_text(GOOD, encoding="utf-8")
    assert run("quiz", "import", str(source), data=data).returncode == 0
    for name in ("ra.gift", "ra.xlsx", "ra.txt", "ra.toml"):
        exported = run("quiz", "export", "tot", str(tmp_path / name), "--json", data=data)
        assert exported.returncode == 0, exported.stderr
        assert json.loads(exported.stdout)["questions"] == 1
    assert (tmp_path / "ra.toml").read_text(encoding="utf-8") == GOOD.replace(
        'title = "Tốt"\n', 'title = "Tốt"\ntopic = ""\npass_mark = 5.0\n'
        'shuffle_questions = false\nshuffle_options = false\nscoring = "all_or_nothing"\n')
    frozen = json.loads(run("quiz", "freeze", "tot", "--json", data=data).stdout)
    assert frozen["created"] and frozen["version_no"] == 1
    assert json.loads(run("quiz", "freeze", "tot", "--json", data=data).stdout)["created"] is False
    template = run("quiz", "template", str(tmp_path / "mau.xlsx"), "--json")
    assert template.returncode == 0 and (tmp_path / "mau.xlsx").exists()
    wrong = run("quiz", "template", str(tmp_path / "mau.docx"))
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    missing = run("quiz", "export", "khong-co", str(tmp_path / "x.toml"), data=data)
    assert missing.returncode == 2 and "Không tìm thấy bộ câu hỏi" in missing.stderr


def test_load_shipped(tmp_path: Path) -> None:
    if not list(shipped_dir("quizzes").glob("*.toml")):
        pytest.skip("no quiz bank files in quizzes/ yet")
    result = run("quiz", "load-shipped", "--json", data=tmp_path / "d")
    assert result.returncode == 0, result.stdout
    data = json.loads(result.stdout)
    assert data["loaded"] and data["problems"] == []


def _attempt(data_dir: DataDir, *args: str) -> int:
    from trainer_app.cli import attempt as cli_attempt

    parser = argparse.ArgumentParser()
    cli_attempt.add_parsers(parser.add_subparsers(dest="command"))
    return cli_attempt.run(parser.parse_args(["attempt", "record", *args]), data_dir)


def test_attempt_record_json(demo_workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.integration.test_quiz_service import _planned_session

    session_id, person_id, code = _planned_session(demo_workspace.session_factory)
    data_dir = demo_workspace.data_dir
    demo_workspace.close()
    code_ok = _attempt(data_dir, "--session", str(session_id), "--quiz", code, "--person",
                       str(person_id), "--answers", "B,A,B,AC,A", "--phase", "pre", "--json")
    assert code_ok == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["score"], out["passed"], out["phase"], out["mode"]) == (8.0, True, "pre",
                                                                       "paper")
    assert [a["correct"] for a in out["answers"]] == ["B", "A", "B", "AC", "B"]
    with pytest.raises(UserError, match="không có phương án F"):
        _attempt(data_dir, "--session", str(session_id), "--quiz", code, "--person",
                 str(person_id), "--answers", "F,A,B,ABC,A", "--phase", "pre", "--replace")
