"""The XLSX quiz template's layout, shared by its reader and writer: sheet names, column
headers (with the other names a header may have) and the settings sheet's labels."""

from __future__ import annotations

__all__ = ["HEADERS", "HELP_SHEET", "INFO_LABELS", "INFO_SHEET", "INFO_SYNONYMS",
           "QUESTION_SHEET", "SYNONYMS"]

QUESTION_SHEET = "Câu hỏi"
INFO_SHEET = "Thông tin"
HELP_SHEET = "Hướng dẫn"
HEADERS = {"question": "Câu hỏi", "answer": "Đáp án", "explanation": "Giải thích",
           "source": "Nguồn", "kind": "Loại", "id": "Mã câu"}
#: Header names without accents, lower case: another name a column may carry.
SYNONYMS = {
    "question": ("cau hoi", "noi dung cau hoi", "noi dung"),
    "answer": ("dap an", "dap an dung", "cau tra loi dung"),
    "explanation": ("giai thich", "giai thich dap an", "loi giai"),
    "source": ("nguon", "nguon tai lieu", "can cu", "tai lieu"),
    "kind": ("loai", "loai cau hoi", "kieu cau hoi"),
    "id": ("ma cau", "ma cau hoi", "ma", "id"),
}
#: The settings sheet's rows: the names a label may have, and the label a file is written with.
INFO_SYNONYMS = {
    "id": ("ma bo cau hoi", "ma", "id"),
    "title": ("ten bo cau hoi", "ten", "tieu de", "title"),
    "topic": ("chu de", "topic"),
    "pass_mark": ("diem dat", "diem dat (thang 10)", "diem dat thang 10", "pass mark"),
    "shuffle_questions": ("tron thu tu cau hoi", "tron cau hoi"),
    "shuffle_options": ("tron thu tu phuong an", "tron phuong an", "tron dap an"),
    "scoring": ("cach cham", "cach cham diem", "cach tinh diem"),
    "description": ("mo ta", "ghi chu"),
}
INFO_LABELS = {
    "id": "Mã bộ câu hỏi", "title": "Tên bộ câu hỏi", "topic": "Chủ đề",
    "pass_mark": "Điểm đạt (thang 10)", "shuffle_questions": "Trộn thứ tự câu hỏi",
    "shuffle_options": "Trộn thứ tự phương án", "scoring": "Cách chấm", "description": "Mô tả",
}
