"""Fuzzing certificate payloads (verify never fails on any text; every name the input
accepts gives a payload that verifies) and backup files (mutated and garbage files fed to
the restore check: a result or a Vietnamese ``UserError`` naming the file)."""

from __future__ import annotations

import random
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import nasty_text
from trainer_app.datadir import DataDir, DataDirSource
from trainer_app.domain.certificate_code import build_payload, check_payload
from trainer_app.domain.person_name import name_script_problem
from trainer_app.domain.vntext import title_case_name
from trainer_app.services.certificates import service as certs
from trainer_app.services.errors import UserError
from trainer_app.services.workspace import backup as backup_service
from trainer_app.services.workspace.opening import Workspace, open_workspace

KEY = bytes(range(32))


@pytest.fixture(scope="module")
def workspace() -> Iterator[Workspace]:
    with tempfile.TemporaryDirectory() as folder:
        ws = open_workspace(DataDir(Path(folder) / "data", DataDirSource.ARGUMENT))
        yield ws
        ws.close()


payload_like = st.one_of(
    nasty_text,
    st.tuples(st.sampled_from(["GCN1", "GCN2", "gcn1", ""]), nasty_text, nasty_text,
              st.text("0123456789", max_size=9), st.text("0123456789", max_size=13)
              ).map(":".join))


@given(payload_like)
def test_any_text_verifies_to_a_status(workspace: Workspace, text: str) -> None:
    check = check_payload(KEY, text)
    if not check.well_formed:
        assert not check.signature_ok
    result = certs.verify(workspace.session_factory, workspace.data_dir, text)
    assert result.status in {"valid", "revoked", "unknown", "mismatch", "bad_signature",
                             "malformed", "no_key"}
    assert result.message.strip()


name_like = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@given(name_like, st.text("0123456789/-GCNTY", min_size=1, max_size=20),
       st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_every_accepted_name_gives_a_payload_that_verifies(name: str, number: str,
                                                           issued: date) -> None:
    name = title_case_name(name)
    if not name or name_script_problem(name) is not None:
        return  # refused at input: never stored, never certified
    if ":" in number:
        return
    payload = build_payload(KEY, number, name, issued)
    check = check_payload(KEY, payload)
    assert check.well_formed and check.signature_ok, (name, payload)
    assert check.number == number and check.issued_on == issued


_BACKUP: list[bytes] = []


@pytest.fixture(scope="module")
def good_backup(workspace: Workspace) -> bytes:
    if not _BACKUP:  # kept out of the test's arguments: Hypothesis would print 1 MB
        _BACKUP.append(backup_service.create_manual(workspace).read_bytes())
    return _BACKUP[0]


@pytest.mark.usefixtures("good_backup")
@given(st.data())
def test_mutated_backups(data: st.DataObject) -> None:
    raw = bytearray(_BACKUP[0])
    rng = random.Random(data.draw(st.integers(0, 2**32 - 1)))
    kind = data.draw(st.sampled_from(["flip", "truncate", "zero_page", "garbage", "header"]))
    if kind == "flip":
        for _ in range(data.draw(st.integers(1, 50))):
            at = rng.randrange(len(raw))
            raw[at] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    elif kind == "zero_page":
        page = 4096
        start = rng.randrange(max(1, len(raw) // page)) * page
        raw[start:start + page] = bytes(min(page, len(raw) - start))
    elif kind == "garbage":
        raw = bytearray(data.draw(st.binary(max_size=5000)))
    else:
        raw[: 100] = bytes(rng.randrange(256) for _ in range(100))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "trainer-2026-12-01.db"
        path.write_bytes(bytes(raw))
        try:
            backup_service.check_backup(path)
        except UserError as exc:
            assert exc.message.strip()
            assert path.name in exc.message or str(path) in exc.message, exc.message


def test_good_backup_passes(good_backup: bytes, tmp_path: Path) -> None:
    path = tmp_path / "ok.db"
    path.write_bytes(good_backup)
    backup_service.check_backup(path)
    shutil.rmtree(tmp_path, ignore_errors=True)
