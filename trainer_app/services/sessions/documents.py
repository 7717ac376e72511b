"""Every printed document of one session behind one call, for the session's "Giấy tờ" window:
what documents there are, what each can be saved as, a file name to offer, and
``write_document`` that writes one of them with the options the user chose. The window
previews and prints the PDF form; the plan and the invitation can also be saved as DOCX.

Certificates are issued (numbers given) only when ``issue`` is true: the window previews
without issuing and issues on "Lưu" / "In" after the user confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.datadir import DataDir
from trainer_app.services.errors import UserError

__all__ = ["SPECS", "DocumentKind", "DocumentOptions", "DocumentSpec", "WrittenDocument",
           "alternative_name", "certificates_to_issue", "default_name", "spec_of",
           "write_document"]

Factory = sessionmaker[Session]


class DocumentKind(StrEnum):
    ATTENDANCE_BLANK = "attendance_blank"
    ATTENDANCE_FILLED = "attendance_filled"
    ALLOWANCE = "allowance"
    ANSWER_SHEETS = "answer_sheets"
    POCKET_CARDS = "pocket_cards"
    PLAN = "plan"
    INVITATION = "invitation"
    CERTIFICATES = "certificates"


@dataclass(frozen=True)
class DocumentSpec:
    kind: DocumentKind
    label: str
    hint: str
    stem: str  # ASCII file name without the date and extension
    formats: tuple[str, ...] = (".pdf",)
    landscape: bool = False


SPECS: tuple[DocumentSpec, ...] = (
    DocumentSpec(DocumentKind.PLAN, "Kế hoạch tập huấn",
                 "Mục đích, thành phần, thời gian, địa điểm, nội dung (chương trình buổi), tổ "
                 "chức thực hiện, kinh phí. Lưu dạng Word (.docx) để sửa trước khi trình ký.",
                 "ke-hoach-tap-huan", (".pdf", ".docx")),
    DocumentSpec(DocumentKind.INVITATION, "Giấy mời tập huấn",
                 "Gửi Ban điều hành các khu phố (kèm danh sách người được mời), hoặc mỗi người "
                 "một giấy mời. Lưu dạng Word (.docx) để sửa trước khi gửi.",
                 "giay-moi-tap-huan", (".pdf", ".docx")),
    DocumentSpec(DocumentKind.ATTENDANCE_BLANK, "Danh sách điểm danh (để ký tên)",
                 "In trước buổi: người được mời, cột Ký tên để trống, thêm dòng cho người đến "
                 "thêm.", "danh-sach-ky-ten"),
    DocumentSpec(DocumentKind.ATTENDANCE_FILLED, "Danh sách điểm danh (có tình trạng)",
                 "In sau buổi: tình trạng có mặt, giờ đến của từng người, tổng số.",
                 "danh-sach-diem-danh"),
    DocumentSpec(DocumentKind.ALLOWANCE, "Danh sách nhận tiền hỗ trợ",
                 "Người có mặt ký nhận; tổng tiền bằng số và bằng chữ; chữ ký Người lập biểu, "
                 "Kế toán, Thủ trưởng đơn vị.", "danh-sach-nhan-tien"),
    DocumentSpec(DocumentKind.ANSWER_SHEETS, "Phiếu trả lời trắc nghiệm",
                 "Phiếu làm bài trên giấy cho một bài kiểm tra của buổi: in sẵn tên từng người, "
                 "thêm phiếu trống.", "phieu-tra-loi"),
    DocumentSpec(DocumentKind.POCKET_CARDS, "Thẻ bỏ túi",
                 "Đường dây nóng (theo Cài đặt) và các bước cần làm; 8 thẻ một tờ A4, có đường "
                 "cắt.", "the-bo-tui"),
    DocumentSpec(DocumentKind.CERTIFICATES, "Giấy chứng nhận",
                 "Cho người đủ điều kiện theo chương trình. Xem trước chỉ hiện giấy đã cấp; "
                 "Lưu hoặc In sẽ cấp số cho người đủ điều kiện chưa có giấy.",
                 "giay-chung-nhan", landscape=True),
)


@dataclass(frozen=True)
class DocumentOptions:
    group_by_neighbourhood: bool = False
    amount: int = 50_000  # allowance per person (đồng)
    plan_amount: bool = False  # print the allowance line in the plan's costs
    per_person: bool = False  # one invitation per person
    quiz_code: str = ""  # answer sheets: the quiz of the chosen step
    quiz_phase: str | None = None
    blank_sheets: int = 5
    card_sheets: int = 1
    issue: bool = False  # certificates: give numbers to those eligible
    on_forms: bool = False  # certificates: only the fields, onto pre-printed forms
    show_score: bool = True  # certificates: print the post-test score
    certificate_folder: str | None = None  # certificates: also one file per person here


@dataclass(frozen=True)
class WrittenDocument:
    file: str
    summary: str  # Vietnamese, one sentence for the status line


def spec_of(kind: DocumentKind) -> DocumentSpec:
    return next(s for s in SPECS if s.kind == kind)


def default_name(kind: DocumentKind, held_on_iso: str, suffix: str = ".pdf") -> str:
    """"ke-hoach-tap-huan-2026-12-08.pdf": ASCII (safe on USB sticks and in e-mail)."""
    spec = spec_of(kind)
    if kind == DocumentKind.POCKET_CARDS:
        return f"{spec.stem}{suffix}"
    return f"{spec.stem}-{held_on_iso}{suffix}"


def alternative_name(path: str | Path) -> Path:
    """The first free "name-2.pdf", "name-3.pdf"… beside ``path`` (for a file that is open
    in another program and cannot be replaced)."""
    target = Path(path)
    for n in range(2, 1000):
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
        if not candidate.exists():
            return candidate
    raise UserError(f"Không tìm được tên tệp còn trống trong \"{target.parent}\".",
                    code="bad_target")


def write_document(factory: Factory, data_dir: DataDir, session_id: int,
                   kind: DocumentKind, path: str | Path,
                   options: DocumentOptions | None = None) -> WrittenDocument:
    """Write one document of the session to ``path`` (.pdf, or .docx for the plan and the
    invitation). Raises ``UserError`` with a Vietnamese message."""
    o = options or DocumentOptions()
    out = str(path)
    if kind in (DocumentKind.ATTENDANCE_BLANK, DocumentKind.ATTENDANCE_FILLED):
        from trainer_app.services.sessions.attendance_sheets import write_attendance

        sheet = write_attendance(factory, session_id, out,
                                 blank=kind == DocumentKind.ATTENDANCE_BLANK,
                                 group=o.group_by_neighbourhood)
        return WrittenDocument(sheet.file, f"Danh sách điểm danh: {sheet.people} người.")
    if kind == DocumentKind.ALLOWANCE:
        from trainer_app.services.sessions.attendance_sheets import write_allowance

        money = write_allowance(factory, session_id, out, amount=o.amount)
        total = f"{money.amount_total:,}".replace(",", ".")
        return WrittenDocument(money.file, f"Danh sách nhận tiền: {money.people} người, tổng "
                                           f"{total} đồng.")
    if kind == DocumentKind.ANSWER_SHEETS:
        from trainer_app.services.quizzes.answer_sheets import write_answer_sheets

        if not o.quiz_code:
            raise UserError("Buổi này chưa có bài kiểm tra nào trong chương trình để in phiếu "
                            "trả lời.", code="no_quiz")
        sheets = write_answer_sheets(factory, session_id=session_id, quiz=o.quiz_code,
                                     path=out, blank=o.blank_sheets, phase=o.quiz_phase)
        return WrittenDocument(sheets.file, f"{sheets.sheets} phiếu trả lời ({sheets.named} có "
                                            f"tên, {sheets.blank} trống), {sheets.pages} trang.")
    if kind == DocumentKind.POCKET_CARDS:
        from trainer_app.services.sessions.pocket_cards import write_cards_from_settings

        cards = write_cards_from_settings(factory, out, sheets=o.card_sheets)
        return WrittenDocument(cards.file, f"{cards.cards} thẻ bỏ túi ({cards.pages} tờ A4).")
    if kind in (DocumentKind.PLAN, DocumentKind.INVITATION):
        from trainer_app.services.sessions import letters as session_letters

        if kind == DocumentKind.PLAN:
            plan = session_letters.write_plan(factory, session_id, out,
                                              amount=o.amount if o.plan_amount else None)
            return WrittenDocument(plan.file, f"Kế hoạch tập huấn ({plan.format.upper()}).")
        letters = session_letters.write_invitation(factory, session_id, out,
                                                   per_person=o.per_person)
        many = f"{letters.letters} giấy mời từng người" if o.per_person else "Giấy mời"
        return WrittenDocument(letters.file, f"{many} ({letters.format.upper()}).")
    return _certificates(factory, data_dir, session_id, out, o)


def _certificates(factory: Factory, data_dir: DataDir, session_id: int, out: str,
                  o: DocumentOptions) -> WrittenDocument:
    """Hook to ``certificate_documents`` (issue on demand, print every valid one)."""
    from trainer_app.services.certificates.documents import write_session_certificates

    done = write_session_certificates(factory, data_dir, session_id, out, issue=o.issue,
                                      show_score=o.show_score, on_forms=o.on_forms,
                                      per_person=o.certificate_folder)
    new = f", cấp mới {len(done.issued)}" if done.issued else ""
    forms = " (in lên phôi)" if done.on_forms else ""
    each = (f" Thêm {len(done.per_person_files)} tệp riêng từng người trong "
            f"{done.per_person_dir}." if done.per_person_dir else "")
    return WrittenDocument(done.file, f"{done.printed} giấy chứng nhận{new}{forms}.{each}")


def certificates_to_issue(factory: Factory, session_id: int) -> int:
    """How many eligible people have no certificate of the session yet."""
    from trainer_app.services.certificates.service import eligibility

    return len(eligibility(factory, session_id).to_issue)

