"""The text encodings a CSV or text file may be read in, with the Vietnamese label the
import wizard shows: shared by ``tabular`` (which reads) and ``ui`` (which offers the choice)."""

from __future__ import annotations

TEXT_ENCODINGS: dict[str, str] = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 có BOM",
    "utf-16": "UTF-16 (Unicode Text của Excel)",
    "cp1258": "Windows-1258 (tiếng Việt)",
    "cp1252": "Windows-1252 (phông TCVN3/VNI cũ)",
}
