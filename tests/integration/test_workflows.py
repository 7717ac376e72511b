"""The CI workflow files (.github/workflows/) pass actionlint, with shellcheck on PATH so that
every `run:` script is checked too, and the Windows workflow does what issue 19 asks of it.
actionlint comes from the test extra (a wheel that ships the binary); shellcheck from Debian
(scripts/bootstrap.sh, test part)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


def actionlint() -> str | None:
    beside_python = Path(sys.executable).parent / "actionlint"
    return str(beside_python) if beside_python.is_file() else shutil.which("actionlint")


@pytest.fixture(scope="module")
def linter() -> str:
    found = actionlint()
    if found is None or shutil.which("shellcheck") is None:
        pytest.skip("needs actionlint (test extra) and shellcheck (Debian): "
                    "bash scripts/bootstrap.sh")
    return found


def lint(linter: str, *files: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([linter, "-no-color", *map(str, files)], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})


def test_the_workflows_pass_actionlint_and_shellcheck(linter: str) -> None:
    files = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert WORKFLOW in files
    done = lint(linter, *files)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_linter_would_catch_a_shell_mistake(linter: str, tmp_path: Path) -> None:
    """The check above can fail: a copy with an unquoted variable in a run: script is
    refused by shellcheck through actionlint."""
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    bad = tmp_path / ".github" / "workflows" / "windows.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    bad.write_text(text.replace('bash scripts/smoke-frozen.sh dist/trainer-app',
                                'bash scripts/smoke-frozen.sh $APP_DIR'), encoding="utf-8")
    done = lint(linter, bad, cwd=tmp_path)
    assert done.returncode == 1 and "SC2086" in done.stdout


def test_the_windows_job_does_what_the_release_needs() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert re.search(r"^on:\n  push:\n    tags: \[\"v\*\"\]\n  workflow_dispatch:", text, re.M)
    assert "runs-on: windows-latest" in text and 'python-version: "3.11"' in text
    assert 'pip install -e ".[build,postgres]"' in text  # psycopg in the build (issue 17)
    sha = re.search(r'VLC_SHA256: "([0-9a-f]+)"', text)
    assert sha is not None and len(sha.group(1)) == 64  # a real pin, not a placeholder
    assert re.search(r'VLC_VERSION: "3\.0\.\d+"', text)
    assert "sha256sum --check" in text
    assert "PyInstaller --noconfirm build.spec" in text
    assert text.count("bash scripts/smoke-frozen.sh") == 2  # the build, then the installed copy
    assert "shell: bash" in text
    assert "bash scripts/build-installer.sh dist/trainer-app" in text
    assert '/S "/D=$target"' in text and '/S "_?=$INSTALL_DIR"' in text
    assert "actions/upload-artifact@v4" in text and ".sha256" in text
    assert "bash .ci/run" in text and "runs-on: ubuntu-" in text


def test_what_git_bash_runs_stays_lf_on_a_windows_checkout() -> None:
    """GitHub's Windows runners check out with core.autocrlf=true: a CRLF script fails in Git
    Bash, a CRLF __init__.py gives a version ending in a carriage return."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout and git")
    files = [*sorted((ROOT / "scripts").glob("*.sh")), ROOT / ".ci" / "run",
             ROOT / "trainer_app" / "__init__.py", ROOT / "scripts" / "read_pdf.py",
             ROOT / "packaging" / "windows" / "installer.nsi", WORKFLOW]
    done = subprocess.run(["git", "check-attr", "eol", "--", *map(str, files)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    assert len(lines) == len(files)
    assert all(line.endswith(": eol: lf") for line in lines), done.stdout
