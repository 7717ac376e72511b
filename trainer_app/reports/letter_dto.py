"""A document of named type ("văn bản có tên loại": KẾ HOẠCH, GIẤY MỜI…) as plain data, the
same for its PDF (``letter_pdf``) and its DOCX (``letter_docx``). No reportlab or docx
import: services build these without loading either library.

A ``LetterSet`` holds one or more letters that share the header, the type and the subject
(the trích yếu): one plan, or one invitation per person. Each letter has its addressees
("Kính gửi"), its body blocks and, optionally, an annex that starts on a new page after the
signature (the list of people invited).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer_app.reports.document_dto import DocumentHeader

__all__ = ["BODY", "HEADING", "ITEM", "PLAIN", "SUBHEADING", "Block", "Letter", "LetterColumn",
           "LetterSet", "LetterTable", "TextBlock"]

HEADING = "heading"  # "I. MỤC ĐÍCH, YÊU CẦU": bold, flush left
SUBHEADING = "subheading"  # "1. Mục đích": bold italic, flush left
BODY = "body"  # justified, first line indented
ITEM = "item"  # "- …": indented like a body paragraph
PLAIN = "plain"  # flush left, no indent (labels of an annex)


@dataclass(frozen=True)
class TextBlock:
    text: str
    style: str = BODY
    label: str = ""  # bold lead-in: label "Thời gian:" + text "từ 08 giờ 00 …"


@dataclass(frozen=True)
class LetterColumn:
    title: str
    weight: float
    align: str = "left"  # left | center | right


@dataclass(frozen=True)
class LetterTable:
    columns: tuple[LetterColumn, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] = ()  # a bold last row when given


Block = TextBlock | LetterTable


@dataclass(frozen=True)
class Letter:
    blocks: tuple[Block, ...]
    addressees: tuple[str, ...] = ()  # "Kính gửi"; none for a plan
    annex_title: str = ""
    annex_note: str = ""  # "(Kèm theo Giấy mời số …)"
    annex: tuple[Block, ...] = ()


@dataclass(frozen=True)
class LetterSet:
    header: DocumentHeader
    kind: str  # "Kế hoạch", "Giấy mời": printed upper case
    subject: str  # the trích yếu under it, e.g. the session's title
    letters: tuple[Letter, ...]
    file_title: str = ""  # the PDF's / DOCX's title property
    recipients_extra: tuple[str, ...] = field(default_factory=tuple)  # before the settings'

    @property
    def recipients(self) -> tuple[str, ...]:
        return (*self.recipients_extra, *self.header.recipients)
