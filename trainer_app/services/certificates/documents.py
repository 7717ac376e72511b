"""Certificate files: a session's certificates (issued first, then printed: one PDF and,
if asked, one file per person; on plain paper or onto pre-printed forms), re-issuing one
certificate (same number, new PDF, logged), the register as PDF or XLSX, and the test page
of the pre-printed form.

File names of the per-person files are ASCII ("012-2026-GCN-TYT_Nguyen-Thi-Lan.pdf",
``domain.certificate_code.safe_file_stem``): Vietnamese letters in file names get mangled
by zip tools, FAT-formatted USB sticks and some mail clients on Windows; the PDF inside
keeps the name exactly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.datadir import DataDir
from trainer_app.domain.certificate_code import build_payload, safe_file_stem
from trainer_app.domain.enums import Gender
from trainer_app.reports.certificate_dto import (
    CertificateBatch,
    CertificateDoc,
    RegisterDoc,
    RegisterEntry,
)
from trainer_app.services.certificates import service as certs
from trainer_app.services.certificates import store
from trainer_app.services.certificates.form_settings import load_form_layout
from trainer_app.services.document_header import load_header
from trainer_app.services.errors import UserError
from trainer_app.services.reporting.output import check_target, save_document, write_error
from trainer_app.services.roster.common import audit, operator_name

__all__ = ["CertificatesResult", "RegisterResult", "ReissueResult", "reissue",
           "write_form_test_page", "write_register", "write_session_certificates"]

Factory = sessionmaker[Session]
SALUTATIONS = {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}


@dataclass(frozen=True)
class CertificatesResult:
    file: str
    session: int
    issued: list[str]  # numbers given in this run
    printed: int  # certificates in the file (all valid ones of the session)
    already: int
    not_eligible: int
    on_forms: bool
    per_person_dir: str | None = None
    per_person_files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReissueResult:
    file: str
    number: str
    certificate_id: int


@dataclass(frozen=True)
class RegisterResult:
    file: str
    entries: int
    revoked: int


def _doc(row: certs.CertificateRow, key: bytes, *, show_score: bool) -> CertificateDoc:
    score = certs.score_text(row.score) if show_score else ""
    return CertificateDoc(
        number=row.number, full_name=row.full_name, birth_year=row.birth_year,
        neighbourhood=row.neighbourhood, course_title=row.session_title,
        course_dates=f"ngày {row.held_on:%d/%m/%Y}", issued_on=row.issued_on,
        payload=build_payload(key, row.number, row.full_name, row.issued_on),
        salutation=SALUTATIONS.get(row.gender or "", "Ông/Bà"),  # type: ignore[call-overload]
        score=f"{score}/10 điểm" if score else "", venue=row.venue)


def _probe(folder: Path) -> None:
    """Fail early (before numbers are given) when the folder cannot be written."""
    probe = folder / f".ghi-thu-{os.getpid()}.tmp"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise write_error(probe.with_name("giay-chung-nhan.pdf"), exc) from exc


def _per_person_folder(path: str | Path) -> Path:
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(folder / "giay-chung-nhan.pdf", exc) from exc
    if not folder.is_dir():
        raise UserError(f"\"{folder}\" không phải là thư mục.", code="bad_target")
    _probe(folder)
    return folder


def _writer(on_forms: bool, factory: Factory):  # type: ignore[no-untyped-def]
    if not on_forms:
        from trainer_app.reports.certificate_pdf import write_certificates

        return write_certificates
    from trainer_app.reports.certificate_form import write_form_prints

    layout = load_form_layout(factory)
    return lambda path, batch: write_form_prints(path, batch, layout)


def write_session_certificates(factory: Factory, data_dir: DataDir, session_id: int,
                               out: str | Path, *, per_person: str | Path | None = None,
                               issue: bool = True, issued_on: date | None = None,
                               show_score: bool = True, on_forms: bool = False
                               ) -> CertificatesResult:
    """Issue to everyone eligible who has none yet (``issue``), then write every valid
    certificate of the session to ``out`` and, with ``per_person``, one file each there.
    The targets are checked before any number is given."""
    target = check_target(out, ".pdf")
    _probe(target.parent)
    folder = _per_person_folder(per_person) if per_person is not None else None
    if issue:
        result = certs.issue(factory, data_dir, session_id, issued_on=issued_on)
        issued, already, not_eligible = ([c.number for c in result.issued], result.already,
                                         result.not_eligible)
    else:
        found = certs.eligibility(factory, session_id)
        issued, already = [], sum(1 for c in found.candidates if c.certificate)
        not_eligible = sum(1 for c in found.candidates if not c.eligible)
    key = store.load_or_create_key(data_dir)
    rows = [r for r in certs.list_certificates(factory, session_id=session_id)
            if r.revoked_on is None]
    docs = [_doc(r, key, show_score=show_score) for r in rows]
    header = load_header(factory)
    write = _writer(on_forms, factory)
    files: list[str] = []
    try:
        save_document(target, lambda p: write(p, CertificateBatch(header, docs)))
        if folder is not None:
            used: set[str] = set()
            for doc in docs:
                stem = safe_file_stem(doc.number, doc.full_name)
                name, n = f"{stem}.pdf", 2
                while name.lower() in used:
                    name, n = f"{stem}-{n}.pdf", n + 1
                used.add(name.lower())
                single = CertificateBatch(header, [doc])
                save_document(folder / name, lambda p, b=single: write(p, b))
                files.append(str(folder / name))
    except UserError as exc:
        if issued:
            exc.message += (f" Đã cấp số cho {len(issued)} giấy chứng nhận mới (số được giữ "
                            "nguyên); hãy chọn chỗ lưu khác rồi in lại, số không đổi.")
        raise
    return CertificatesResult(str(target), session_id, issued, len(docs), already,
                              not_eligible, on_forms, str(folder) if folder else None, files)


def reissue(factory: Factory, data_dir: DataDir, ref: str | int, out: str | Path, *,
            show_score: bool = True, on_form: bool = False) -> ReissueResult:
    """A new PDF of one certificate, same number (the name as it is now in the roster, a
    fresh QR code); logged."""
    row = certs.find_certificate(factory, ref)
    if row.revoked_on is not None:
        raise UserError(f"Giấy chứng nhận số {row.number} đã bị thu hồi ngày "
                        f"{row.revoked_on:%d/%m/%Y}; không cấp lại được.", code="revoked")
    if row.person_id is None:
        raise UserError(f"Dữ liệu cá nhân của người nhận giấy số {row.number} đã bị xóa theo "
                        "yêu cầu; không cấp lại được.", code="person_erased")
    key = store.load_or_create_key(data_dir)
    batch = CertificateBatch(load_header(factory), [_doc(row, key, show_score=show_score)])
    write = _writer(on_form, factory)
    target = save_document(out, lambda p: write(p, batch))
    operator = operator_name(factory)
    with factory.begin() as session:
        audit(session, "certificate.reissue", row.id, operator=operator, entity="certificate",
              after={"number": row.number, "person_id": row.person_id,
                     "session_id": row.session_id, "on_form": on_form})
    return ReissueResult(str(target), row.number, row.id)


def _status(row: certs.CertificateRow) -> str:
    if row.revoked_on is None:
        return "Còn hiệu lực"
    return f"Đã thu hồi ngày {row.revoked_on:%d/%m/%Y}: {row.revoked_reason}"


def write_register(factory: Factory, out: str | Path, *, year: int | None = None,
                   session_id: int | None = None) -> RegisterResult:
    """The register, as PDF or XLSX by the file's extension, of one year, one session, or
    everything."""
    from trainer_app.reports.certificate_register import (
        write_register_pdf,
        write_register_xlsx,
    )

    suffix = Path(out).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise UserError(f"Sổ cấp giấy chứng nhận lưu được dạng .pdf hoặc .xlsx (đã nhận: "
                        f"\"{Path(out).name}\").", code="bad_target")
    rows = certs.list_certificates(factory, session_id=session_id, year=year)
    entries = [RegisterEntry(r.number, r.full_name, r.birth_year, r.neighbourhood,
                             r.session_title, r.held_on, r.issued_on, _status(r)) for r in rows]
    revoked = sum(1 for r in rows if r.revoked_on is not None)
    if session_id is not None and rows:
        subtitle = f"Tập huấn: {rows[0].session_title} (ngày {rows[0].held_on:%d/%m/%Y})"
    elif year is not None:
        subtitle = f"Năm {year}"
    else:
        subtitle = "Tất cả các năm"
    totals = [f"Tổng số: {len(rows)} giấy chứng nhận (còn hiệu lực {len(rows) - revoked}, "
              f"đã thu hồi {revoked})."]
    doc = RegisterDoc(load_header(factory), subtitle, entries, totals,
                      empty_note="Chưa cấp giấy chứng nhận nào trong phạm vi này.")
    writer = write_register_xlsx if suffix == ".xlsx" else write_register_pdf
    target = save_document(out, lambda p: writer(p, doc), suffix=suffix)
    return RegisterResult(str(target), len(rows), revoked)


def write_form_test_page(factory: Factory, out: str | Path) -> str:
    """The test page of the pre-printed form, with sample values in grey."""
    from trainer_app.reports.certificate_form import form_values
    from trainer_app.reports.certificate_form import write_form_test_page as write_page

    header = load_header(factory)
    sample = CertificateDoc(
        number="012/2026/GCN-TYT", full_name="Nguyễn Thị Ngọc Ánh", birth_year=1975,
        neighbourhood="Khu phố 2",
        course_title="Bảo vệ trẻ em trên môi trường mạng", course_dates="ngày 20/11/2026",
        issued_on=date(2026, 11, 20), payload="GCN1:012/2026/GCN-TYT:MAU:20261120:000000000000",
        score="8,5/10 điểm")
    layout = load_form_layout(factory)
    values = form_values(header, sample)
    return str(save_document(out, lambda p: write_page(p, layout, values)))
