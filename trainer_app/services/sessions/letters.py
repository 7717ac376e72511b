"""The plan (Kế hoạch tập huấn) and the invitation (Giấy mời tập huấn) of a session, as PDF
or as DOCX (chosen by the file's extension): staff edit the DOCX in Word before sending.

Plan: purpose and requirements, participants, time and venue (a table of sittings for a
series of sessions), the content (the agenda, with clock times when the start time is
known), organisation, costs (the allowance line when an amount per person is given).
Invitation: one letter to the khu phố of the people invited, with the list of people as an
annex, or (``per_person``) one letter to each person invited. Number and date stay dots
for the clerk unless given. The text is built from the database and Settings; nothing in it
is hidden from the user: the DOCX holds exactly what the PDF shows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from trainer_app.domain.admin_text import salutation, unit_in_sentence, when_text
from trainer_app.domain.vnnumber import amount_in_words
from trainer_app.reports.document_dto import DocumentHeader
from trainer_app.reports.letter_dto import (
    HEADING,
    ITEM,
    SUBHEADING,
    Block,
    Letter,
    LetterColumn,
    LetterSet,
    LetterTable,
    TextBlock,
)
from trainer_app.services.document_header import load_header
from trainer_app.services.errors import UserError
from trainer_app.services.reporting.output import save_document
from trainer_app.services.sessions.attendance_sheets import MAX_AMOUNT
from trainer_app.services.sessions.facts import SessionFacts, hood_key, load_facts

__all__ = ["FORMATS", "LetterResult", "build_invitation", "build_plan", "invitation_letters",
           "plan_letters", "write_invitation", "write_plan"]

Factory = sessionmaker[Session]
FORMATS = (".pdf", ".docx")
HOW = {"slide": "Trình bày", "video": "Chiếu video, thảo luận", "document": "Đọc tài liệu",
       "quiz": "Làm bài kiểm tra", "discussion": "Thảo luận", "hotline": "Trình bày",
       "closing": "Tổng kết", "break": "Nghỉ giải lao"}
DOTS = "……"


@dataclass(frozen=True)
class LetterResult:
    file: str
    kind: str  # plan | invitation
    format: str  # pdf | docx
    sessions: list[int]
    letters: int
    invited: int
    steps: int


def _title(text: str) -> str:
    return text[:1].upper() + text[1:]


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _step_times(facts: SessionFacts) -> list[str]:
    """"08:00 – 08:10" per step when the start time and durations are known, else
    "10 phút" (or "")."""
    out: list[str] = []
    clock = (datetime.combine(facts.held_on, facts.start_time) if facts.start_time
             else None)
    for step in facts.steps:
        if clock is not None and step.minutes:
            end = clock + timedelta(minutes=step.minutes)
            out.append(f"{clock:%H:%M} – {end:%H:%M}")
            clock = end
        else:
            clock = None
            out.append(f"{step.minutes} phút" if step.minutes else "")
    return out


def _agenda_table(facts: SessionFacts) -> LetterTable:
    times = _step_times(facts)
    rows = tuple((str(i), times[i - 1], s.title, HOW.get(s.kind, ""))
                 for i, s in enumerate(facts.steps, start=1))
    minutes = sum(s.minutes or 0 for s in facts.steps)
    total = ("", "", f"Tổng thời gian: {minutes} phút", "") if minutes else ()
    return LetterTable((LetterColumn("TT", 0.6, "center"), LetterColumn("Thời gian", 1.9,
                                                                        "center"),
                        LetterColumn("Nội dung", 4.6), LetterColumn("Hình thức", 2.2)),
                       rows, total)


def _hood_numbers(hoods: list[str]) -> list[str] | None:
    """["Khu phố 6", "Khu phố 7"] -> ["6", "7"]; None when a name is not of that form."""
    numbers = [m.group(1) for h in hoods if (m := re.fullmatch(r"khu phố\s+(\S+)", h, re.I))]
    return numbers if len(numbers) == len(hoods) else None


def _hoods_text(hoods: list[str]) -> str:
    """"khu phố 1, 2, 10" (one "khu phố" for a list of numbered ones), else the names."""
    numbers = _hood_numbers(hoods)
    return f"khu phố {', '.join(numbers)}" if numbers else ", ".join(hoods)


def _participants(facts: SessionFacts) -> str:
    hoods = facts.neighbourhoods
    if not facts.invitees:
        return "cộng tác viên các khu phố (danh sách mời sẽ lập sau)"
    where = _hoods_text(hoods) if hoods else "các khu phố"
    return f"cộng tác viên {where} ({len(facts.invitees)} người theo danh sách mời)"


def _venue(facts: SessionFacts) -> str:
    return facts.venue or DOTS


def _plan_sittings(all_facts: Sequence[SessionFacts]) -> list[Block]:
    first = all_facts[0]
    if len(all_facts) == 1:
        blocks: list[Block] = [
            TextBlock(_participants(first) + ".", ITEM, "- Thành phần:"),
            TextBlock(f"{first.trainers or DOTS}.", ITEM, "- Báo cáo viên:"),
            TextBlock(when_text(first.held_on, first.start_time, first.end_time) + ".", ITEM,
                      "- Thời gian:"),
            TextBlock(_venue(first) + ".", ITEM, "- Địa điểm:")]
        return blocks
    rows = tuple((str(i), when_text(f.held_on, f.start_time, f.end_time), _venue(f),
                  _title(_hoods_text(f.neighbourhoods)) or "Các khu phố", str(len(f.invitees)))
                 for i, f in enumerate(all_facts, start=1))
    total = ("", "Cộng", "", "", str(sum(len(f.invitees) for f in all_facts)))
    trainers = "; ".join(dict.fromkeys(f.trainers for f in all_facts if f.trainers))
    return [TextBlock(f"Tập huấn {len(all_facts)} lớp cho cộng tác viên các khu phố; báo cáo "
                      f"viên: {trainers or DOTS}. Thời gian, địa điểm và thành phần từng lớp:"),
            LetterTable((LetterColumn("TT", 0.6, "center"), LetterColumn("Thời gian", 3.4),
                         LetterColumn("Địa điểm", 2.6), LetterColumn("Thành phần", 2.0),
                         LetterColumn("Số người", 1.1, "center")), rows, total)]


def _costs(count: int, amount: int | None) -> list[Block]:
    if not amount:
        return [TextBlock("Kinh phí tổ chức tập huấn chi từ nguồn kinh phí hoạt động của đơn "
                          "vị, theo dự toán được duyệt và quy định hiện hành.")]
    if not 0 < amount <= MAX_AMOUNT:
        raise UserError(f"Mức hỗ trợ mỗi người phải lớn hơn 0 và không quá "
                        f"{_money(MAX_AMOUNT)} đồng (đã nhận {amount}).", code="bad_amount")
    total = amount * count
    return [TextBlock("Kinh phí tổ chức tập huấn chi từ nguồn kinh phí hoạt động của đơn vị, "
                      "gồm:"),
            LetterTable((LetterColumn("TT", 0.6, "center"), LetterColumn("Nội dung chi", 3.6),
                         LetterColumn("Số lượng", 1.3, "center"),
                         LetterColumn("Mức chi (đồng)", 1.7, "right"),
                         LetterColumn("Thành tiền (đồng)", 1.9, "right")),
                        (("1", "Hỗ trợ người tham dự tập huấn", f"{count} người",
                          _money(amount), _money(total)),),
                        ("", "Tổng cộng", "", "", _money(total))),
            TextBlock(f"{amount_in_words(total)}.", ITEM, "Bằng chữ:")]


def _load_series(factory: Factory, session_ids: Sequence[int]) -> list[SessionFacts]:
    if not session_ids:
        raise UserError("Chưa chọn buổi tập huấn nào cho kế hoạch.", code="bad_usage")
    all_facts = [load_facts(factory, sid) for sid in dict.fromkeys(session_ids)]
    all_facts.sort(key=lambda f: (f.held_on, f.start_time or datetime.min.time()))
    return all_facts


def build_plan(factory: Factory, session_ids: Sequence[int], *, amount: int | None = None,
               number: str = "", issued_on: date | None = None) -> LetterSet:
    """The plan of one session, or of a series (content from the earliest one)."""
    header = load_header(factory, number=number, symbol="KH-TYT", issued_on=issued_on)
    return plan_letters(_load_series(factory, session_ids), header, amount)


def plan_letters(all_facts: Sequence[SessionFacts], header: DocumentHeader,
                 amount: int | None = None) -> LetterSet:
    first = all_facts[0]
    unit = unit_in_sentence(header.unit_name) or "Đơn vị"
    parent = unit_in_sentence(header.parent_body)
    topic = first.programme_title or first.title
    people = sum(len(f.invitees) for f in all_facts)
    blocks: list[Block] = [
        TextBlock("I. MỤC ĐÍCH, YÊU CẦU", HEADING),
        TextBlock("1. Mục đích", SUBHEADING),
        TextBlock(f"Nâng cao kiến thức, kỹ năng của cộng tác viên về “{topic}”, để cộng tác "
                  "viên tuyên truyền, hướng dẫn người dân tại khu phố.")]
    if first.programme_description:
        blocks.append(TextBlock(first.programme_description))
    blocks += [
        TextBlock("2. Yêu cầu", SUBHEADING),
        TextBlock("Người được mời tham dự đầy đủ, đúng giờ" + (
            "; làm bài kiểm tra đầu vào và cuối khóa để đánh giá kết quả tập huấn."
            if first.has_quiz else ".")),
        TextBlock("Tổ chức tập huấn an toàn, tiết kiệm, hiệu quả."),
        TextBlock("II. THÀNH PHẦN, THỜI GIAN, ĐỊA ĐIỂM", HEADING),
        *_plan_sittings(all_facts),
        TextBlock("III. NỘI DUNG VÀ CHƯƠNG TRÌNH", HEADING),
        TextBlock(f"Tập huấn “{first.title}”, chương trình gồm các nội dung sau:"),
        _agenda_table(first),
        TextBlock("IV. TỔ CHỨC THỰC HIỆN", HEADING),
        TextBlock(f"1. {unit}: xây dựng kế hoạch; chuẩn bị tài liệu, video, bài kiểm tra, danh "
                  "sách điểm danh và giấy chứng nhận; phân công cán bộ trình bày; tổng hợp kết "
                  "quả" + (f", báo cáo {parent}." if parent else ".")),
        TextBlock("2. Ban điều hành các khu phố: thông báo, vận động cộng tác viên có tên trong "
                  "danh sách mời tham dự đầy đủ, đúng giờ."),
        TextBlock("3. Cộng tác viên: tham dự đầy đủ; sau tập huấn tuyên truyền, hướng dẫn người "
                  "dân tại khu phố những nội dung đã được tập huấn."),
        TextBlock("V. KINH PHÍ", HEADING),
        *_costs(people, amount),
        TextBlock(f"Trên đây là Kế hoạch tổ chức tập huấn “{first.title}” của {unit}./.")]
    subject = first.title if len(all_facts) == 1 else f"{first.title} ({len(all_facts)} lớp)"
    return LetterSet(header, "Kế hoạch", subject, (Letter(tuple(blocks)),),
                     file_title=f"Kế hoạch tập huấn — {first.title}")


def _invitation_body(facts: SessionFacts, unit: str, whom: str, asks: str) -> list[Block]:
    blocks: list[Block] = [
        TextBlock(f"{unit} tổ chức tập huấn “{facts.title}” cho cộng tác viên."),
        TextBlock(f"{unit} trân trọng kính mời {whom} {asks}, cụ thể như sau:"),
        TextBlock(when_text(facts.held_on, facts.start_time, facts.end_time) + ".", ITEM,
                  "- Thời gian:"),
        TextBlock(_venue(facts) + ".", ITEM, "- Địa điểm:")]
    if facts.trainers:
        blocks.append(TextBlock(facts.trainers + ".", ITEM, "- Báo cáo viên:"))
    blocks.append(TextBlock("", ITEM, "- Nội dung:"))
    last = len(facts.steps) - 1
    blocks += [TextBlock(f"+ {s.title}{'.' if i == last else ';'}", ITEM)
               for i, s in enumerate(facts.steps)]
    early = ("Đề nghị người tham dự có mặt trước giờ khai mạc 15 phút để điểm danh" +
             (" và làm bài kiểm tra đầu vào." if facts.has_pre_test else "."))
    blocks += [TextBlock(early), TextBlock("Rất mong được đón tiếp./.")]
    return blocks


def _annex(facts: SessionFacts) -> tuple[Block, ...]:
    people = sorted(facts.invitees, key=lambda i: hood_key(i.neighbourhood))  # stable sort
    rows = tuple((str(n), i.full_name, str(i.birth_year or ""), i.neighbourhood)
                 for n, i in enumerate(people, start=1))
    return (LetterTable((LetterColumn("STT", 0.7, "center"), LetterColumn("Họ và tên", 4.2),
                         LetterColumn("Năm sinh", 1.3, "center"), LetterColumn("Khu phố", 2.4)),
                        rows, ("", f"Tổng cộng: {len(rows)} người", "", "")),)


def _hood_addressees(hoods: list[str]) -> tuple[str, ...]:
    """One line per khu phố for up to three; more go on one line ("Ban điều hành các khu
    phố 6, 7, 8, 10"), so that the letter stays on one page."""
    if not hoods:
        return ("Ban điều hành các khu phố",)
    if len(hoods) <= 3:
        return tuple(f"Ban điều hành {h}" for h in hoods)
    if _hood_numbers(hoods):
        return (f"Ban điều hành các {_hoods_text(hoods)}",)
    return (f"Ban điều hành các khu phố: {', '.join(hoods)}",)


def build_invitation(factory: Factory, session_id: int, *, per_person: bool = False,
                     number: str = "", issued_on: date | None = None) -> LetterSet:
    header = load_header(factory, number=number, symbol="GM-TYT", issued_on=issued_on)
    return invitation_letters(load_facts(factory, session_id), header, per_person=per_person)


def invitation_letters(facts: SessionFacts, header: DocumentHeader, *,
                       per_person: bool = False) -> LetterSet:
    number = header.number
    unit = unit_in_sentence(header.unit_name) or "Đơn vị"
    if per_person:
        if not facts.invitees:
            raise UserError("Buổi tập huấn này chưa có ai trong danh sách mời nên không có "
                            "giấy mời từng người. Hãy mời người tham dự, hoặc in giấy mời gửi "
                            "khu phố.", code="no_invitees")
        letters = []
        for person in facts.invitees:
            title = salutation(person.gender)
            where = f", cộng tác viên {person.neighbourhood}" if person.neighbourhood else ""
            letters.append(Letter(tuple(_invitation_body(facts, unit, title, "tham dự")),
                                  addressees=(f"{title} {person.full_name}{where}",)))
        return LetterSet(header, "Giấy mời", facts.title, tuple(letters),
                         file_title=f"Giấy mời tập huấn — {facts.title}",
                         recipients_extra=("Như trên",))
    hoods = facts.neighbourhoods
    addressees = _hood_addressees(hoods)
    asks = ("thông báo và cử cộng tác viên có tên trong danh sách kèm theo đến dự"
            if facts.invitees else "thông báo và cử cộng tác viên của khu phố đến dự")
    number_text = f"số {number}/GM-TYT" if number else f"số {DOTS}/GM-TYT"
    letter = Letter(tuple(_invitation_body(facts, unit, "Ban điều hành khu phố", asks)),
                    addressees=addressees,
                    annex_title="Danh sách người được mời" if facts.invitees else "",
                    annex_note=f"(Kèm theo Giấy mời {number_text} của {unit})",
                    annex=_annex(facts) if facts.invitees else ())
    return LetterSet(header, "Giấy mời", facts.title, (letter,),
                     file_title=f"Giấy mời tập huấn — {facts.title}",
                     recipients_extra=("Như trên",))


def _write(letters: LetterSet, path: str | Path) -> str:
    """Write as PDF or DOCX by the extension; returns "pdf" or "docx"."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(f"Tên tệp phải có đuôi .pdf hoặc .docx (đã nhận: \"{target.name}\").",
                        code="bad_target")
    if suffix == ".pdf":
        from trainer_app.reports.letter_pdf import write_letter_pdf as writer
    else:
        from trainer_app.reports.letter_docx import write_letter_docx as writer
    save_document(target, lambda p: writer(p, letters), suffix=suffix)
    return suffix[1:]


def write_plan(factory: Factory, session_ids: int | Sequence[int], path: str | Path, *,
               amount: int | None = None, number: str = "",
               issued_on: date | None = None) -> LetterResult:
    """The plan of one session or a series, as PDF or DOCX (by ``path``'s extension)."""
    ids = [session_ids] if isinstance(session_ids, int) else list(session_ids)
    all_facts = _load_series(factory, ids)
    header = load_header(factory, number=number, symbol="KH-TYT", issued_on=issued_on)
    fmt = _write(plan_letters(all_facts, header, amount), path)
    return LetterResult(str(path), "plan", fmt, [f.id for f in all_facts], 1,
                        sum(len(f.invitees) for f in all_facts), len(all_facts[0].steps))


def write_invitation(factory: Factory, session_id: int, path: str | Path, *,
                     per_person: bool = False, number: str = "",
                     issued_on: date | None = None) -> LetterResult:
    """The invitation to the khu phố (with the list of people), or one per person."""
    facts = load_facts(factory, session_id)
    header = load_header(factory, number=number, symbol="GM-TYT", issued_on=issued_on)
    letters = invitation_letters(facts, header, per_person=per_person)
    fmt = _write(letters, path)
    return LetterResult(str(path), "invitation", fmt, [session_id], len(letters.letters),
                        len(facts.invitees), len(facts.steps))
