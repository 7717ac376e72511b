"""Quiz file formats: native, GIFT, Aiken, XLSX; parse, validate, export.

Imports only ``domain``, the standard library and openpyxl (loaded when an XLSX file is
read or written). ``files`` picks the format of a file; the format modules are ``native``,
``gift``, ``aiken`` and ``xlsx_template`` (each offers its reader and writer; the larger ones
keep the writer in ``*_export`` and their helpers beside it: ``native_lines``,
``gift_markup``, ``xlsx_layout``). ``exporting`` holds what every writer returns.
"""

from trainer_app.quizbank.exporting import ExportResult
from trainer_app.quizbank.files import (
    FORMATS,
    check_file,
    detect_format,
    export_file,
    read_quiz_file,
)
from trainer_app.quizbank.textfile import UnreadableFile

__all__ = ["FORMATS", "ExportResult", "UnreadableFile", "check_file", "detect_format",
           "export_file", "read_quiz_file"]
