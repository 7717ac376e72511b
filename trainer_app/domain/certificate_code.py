"""Certificate numbers, QR payloads and their signature. Standard library only.

Number: the unit's pattern (Settings) with ``{seq}``, ``{year}`` and ``{station}``, e.g.
"{seq:03d}/{year}/GCN-TYT" -> "012/2026/GCN-TYT". The sequence restarts each year, so a
pattern without ``{year}`` gets "/2026" appended, and a station code the pattern does not
place gets "-TH2" appended: two laptops with different codes never print the same number.

Payload (what the QR code holds, and what is printed in small type under it so that it
can be typed in when there is no scanner)::

    GCN1:012/2026/GCN-TYT:NGUYEN THI LAN:20261120:482913706155

prefix and version, number, the name in capitals without diacritics, the date of issue,
and 12 digits of HMAC-SHA256 over the rest with the key created on the laptop that issues.
Why ASCII capitals and digits: QR "alphanumeric" mode (0-9 A-Z space $%*+-./:) makes the
smallest code; a scanner that types into the app (keyboard wedge) cannot type Vietnamese
letters; and a signature of digits only comes through Telex/VNI input methods unchanged.
The signature is 12 digits (about 40 bits): enough that a guess is hopeless, short
enough to read out over the phone. Nothing is normalised when checking: one character
changed anywhere (case included) fails.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

__all__ = [
    "PAYLOAD_PREFIX", "SIGNATURE_DIGITS", "PayloadCheck", "ascii_name", "build_payload",
    "check_payload", "clean_station_code", "format_number", "payload_name", "safe_file_stem",
    "sign",
]

PAYLOAD_PREFIX = "GCN1"
SIGNATURE_DIGITS = 12
_STATION_RE = re.compile(r"^[A-Z0-9-]{0,10}$")
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                     *(f"LPT{i}" for i in range(1, 10))}


def clean_station_code(text: str) -> str:
    """"th 2" -> "TH2". Raises ``ValueError`` unless 0-10 ASCII letters, digits or '-'."""
    code = re.sub(r"\s+", "", ascii_name(text or "")).upper()
    if not _STATION_RE.match(code):
        raise ValueError(code)
    return code


def format_number(pattern: str, seq: int, year: int, station: str = "") -> str:
    """The printed number of the ``seq``-th certificate of ``year``. Raises ``KeyError``,
    ``ValueError`` or ``IndexError`` for a pattern that cannot be filled."""
    text = pattern.format(seq=seq, year=year, station=station)
    if station and "{station" not in pattern:
        text += f"-{station}"
    if "{year" not in pattern:
        text += f"/{year}"
    return text


def ascii_name(text: str) -> str:
    """"Nguyễn Thị Lan" -> "Nguyen Thi Lan": diacritics dropped, đ -> d, anything else
    outside ASCII letters, digits, space and '-' removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"[^A-Za-z0-9 \-]", " ", plain)
    return re.sub(r"\s+", " ", plain).strip()


def safe_file_stem(number: str, full_name: str, *, max_name: int = 60) -> str:
    """A file name (without extension) safe on Windows, FAT USB sticks and in e-mail:
    ASCII only ("012-2026-GCN-TYT_Nguyen-Thi-Lan"). The number comes first so the files of a
    session sort in issue order."""
    num = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name(number)).strip("-") or "GCN"
    name = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name(full_name)).strip("-")[:max_name]
    stem = f"{num}_{name.strip('-')}" if name else num
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = f"GCN-{stem}"
    return stem


def _message(number: str, name: str, issued: str) -> bytes:
    return f"{PAYLOAD_PREFIX}:{number}:{name}:{issued}".encode()


def sign(key: bytes, number: str, name: str, issued: str) -> str:
    """The short signature: 12 decimal digits of HMAC-SHA256."""
    digest = hmac.new(key, _message(number, name, issued), hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10 ** SIGNATURE_DIGITS:0{SIGNATURE_DIGITS}d}"


# In the payload of a name with no Latin letter at all (stored before such names were
# refused at input): the payload must never hold an empty name, which verify rejects.
NO_LATIN_NAME = "KHONG RO TEN"


def payload_name(full_name: str) -> str:
    return ascii_name(full_name).upper() or NO_LATIN_NAME


def build_payload(key: bytes, number: str, full_name: str, issued_on: date) -> str:
    name = payload_name(full_name)
    issued = f"{issued_on:%Y%m%d}"
    return f"{PAYLOAD_PREFIX}:{number}:{name}:{issued}:{sign(key, number, name, issued)}"


@dataclass(frozen=True)
class PayloadCheck:
    """What a payload says and whether its signature holds. ``well_formed`` False: not a
    payload of this app at all (the other fields are empty)."""

    well_formed: bool
    signature_ok: bool
    number: str = ""
    name: str = ""  # as in the payload: capitals, no diacritics
    issued_on: date | None = None


def check_payload(key: bytes | None, text: str) -> PayloadCheck:
    """Parse ``text`` (surrounding whitespace ignored, nothing else) and check its signature
    with ``key`` (None: no key on this laptop, the signature cannot hold)."""
    text = text.strip()
    head, sep, rest = text.partition(":")
    if head != PAYLOAD_PREFIX or not sep:
        return PayloadCheck(False, False)
    parts = rest.rsplit(":", 3)
    if len(parts) != 4:
        return PayloadCheck(False, False)
    number, name, issued, signature = parts
    if not (number and name and re.fullmatch(r"\d{8}", issued)
            and re.fullmatch(rf"\d{{{SIGNATURE_DIGITS}}}", signature)):
        return PayloadCheck(False, False)
    try:
        day = date(int(issued[:4]), int(issued[4:6]), int(issued[6:]))
    except ValueError:
        return PayloadCheck(False, False)
    ok = key is not None and hmac.compare_digest(sign(key, number, name, issued), signature)
    return PayloadCheck(True, ok, number, name, day)
