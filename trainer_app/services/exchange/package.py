"""The package file (``.ctvpack``): a zip of ``manifest.json``, its Ed25519 signature
``manifest.sig`` (hex) and the data members it lists, each with its size and SHA-256.

Reading never trusts the archive: the file's size is capped, members are read into memory
through the capped zip reader (nothing is extracted to disk), member names are checked, the
signature is checked over the exact bytes of ``manifest.json`` before any data is read, and
a member that is not listed or does not match its size and SHA-256 gets the package refused.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from trainer_app.domain.capped_zip import ZipLimits, ZipRefused, open_capped_zip, unsafe_member_name
from trainer_app.services.exchange import keys

__all__ = ["DATA_MEMBERS", "FORMAT", "FORMAT_VERSION", "MAX_FILE_BYTES", "SUFFIX",
           "OpenedPackage", "PackageRefused", "build_package", "read_package"]

FORMAT = "trainer-app-exchange"
FORMAT_VERSION = 1
SUFFIX = ".ctvpack"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DATA_MEMBERS = ("programmes", "sessions", "attendance", "people", "attempts", "certificates",
                "neighbourhoods", "erased")
MB = 1024 * 1024
MAX_FILE_BYTES = 64 * MB  # a station's year is about 1 MB
LIMITS = ZipLimits(max_members=40, max_member_bytes=128 * MB, max_total_bytes=256 * MB)
PERSONAL_DATA = (
    "Tệp này chứa dữ liệu cá nhân của cộng tác viên đã tham gia tập huấn trong kỳ: họ tên, "
    "giới tính, năm sinh, khu phố, vai trò; điểm danh, điểm bài kiểm tra (đúng/sai từng câu) "
    "và giấy chứng nhận. KHÔNG có số điện thoại, KHÔNG có ghi chú. Người đã được xóa dữ liệu "
    "theo yêu cầu chỉ còn mã số (để Trung tâm xóa theo). Chỉ gửi tệp cho Trung tâm Y tế; "
    "không đăng lên nhóm Zalo chung.")


class PackageRefused(Exception):
    """The file is not a package this app can take; ``message`` is Vietnamese."""

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                      default=_json_default).encode("utf-8")


def build_package(manifest: dict[str, Any], data: dict[str, Any], private_key: bytes) -> bytes:
    """The package's bytes: data members, then the manifest listing them, signed."""
    members = {f"data/{name}.json": dump(data[name]) for name in DATA_MEMBERS}
    members["README.txt"] = (PERSONAL_DATA + "\n").encode("utf-8")
    manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION,
                "public_key": keys.public_key_of(private_key).hex(),
                "personal_data": PERSONAL_DATA,
                "members": {name: {"size": len(body), "sha256": hashlib.sha256(body).hexdigest()}
                            for name, body in members.items()}}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1,
                                default=_json_default).encode("utf-8")
    signature = keys.sign(private_key, manifest_bytes).hex().encode("ascii")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes)
        archive.writestr(SIGNATURE, signature)
        for name, body in members.items():
            archive.writestr(name, body)
    return buffer.getvalue()


@dataclass(frozen=True)
class OpenedPackage:
    """A package whose signature and members all checked out."""

    manifest: dict[str, Any]
    digest: str  # SHA-256 of manifest.json: the package's identity
    public_key: bytes
    data: dict[str, Any]


def _refuse(message: str, code: str = "damaged") -> PackageRefused:
    return PackageRefused(message, code)


def _read_manifest(raw: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _refuse(f"manifest.json không đọc được ({exc}).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse("Không phải gói số liệu của ứng dụng Tập huấn CTV.", "wrong_type")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise _refuse("manifest.json thiếu phiên bản định dạng.")
    if version > FORMAT_VERSION:
        raise _refuse(f"Gói số liệu theo định dạng phiên bản {version}, mới hơn phiên bản "
                      f"{FORMAT_VERSION} mà ứng dụng này đọc được (gói do ứng dụng phiên bản "
                      f"{manifest.get('app_version', '?')} tạo). Hãy cập nhật ứng dụng rồi nhập "
                      "lại.", "future_format")
    if not isinstance(manifest.get("members"), dict):
        raise _refuse("manifest.json thiếu danh sách thành phần.")
    return manifest


def read_package(path: Path) -> OpenedPackage:
    """Open, check and read a package; ``PackageRefused`` says why it cannot be taken."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _refuse(f"Không mở được tệp ({exc.strerror or exc}).", "unreadable") from exc
    if size > MAX_FILE_BYTES:
        raise _refuse(f"Tệp lớn {size // MB} MB, quá giới hạn {MAX_FILE_BYTES // MB} MB của một "
                      "gói số liệu: không phải gói của ứng dụng hoặc bị làm giả.", "too_large")
    try:
        with open_capped_zip(path, LIMITS) as archive:
            names = archive.names()
            bad = [n for n in names if unsafe_member_name(n)]
            if bad:
                raise _refuse(f"Gói chứa thành phần có tên không an toàn «{bad[0]}» (đường dẫn "
                              "tuyệt đối hoặc có ..): tệp bị làm giả; không đọc.", "unsafe_name")
            if not archive.has(MANIFEST) or not archive.has(SIGNATURE):
                raise _refuse("Không phải gói số liệu của ứng dụng (thiếu manifest.json hoặc "
                              "chữ ký).", "wrong_type")
            raw = archive.read(MANIFEST)
            manifest = _read_manifest(raw)
            try:
                public = bytes.fromhex(str(manifest.get("public_key", "")))
                signature = bytes.fromhex(archive.read(SIGNATURE).decode("ascii").strip())
            except (ValueError, UnicodeDecodeError) as exc:
                raise _refuse("Chữ ký hoặc khóa công khai trong gói bị hỏng.") from exc
            if len(public) != 32 or not keys.verify_signature(public, signature, raw):
                raise _refuse("Chữ ký không khớp: gói đã bị sửa hoặc hỏng khi chép. Hãy xin trạm "
                              "gửi lại tệp.", "bad_signature")
            listed: dict[str, Any] = manifest["members"]
            extra = [n for n in names if n not in listed and n not in (MANIFEST, SIGNATURE)
                     and not n.endswith("/")]
            if extra:
                raise _refuse(f"Gói có thành phần «{extra[0]}» không ghi trong manifest: tệp bị "
                              "sửa; không nhập.", "unlisted_member")
            bodies: dict[str, bytes] = {}
            for name, entry in listed.items():
                if not archive.has(name):
                    raise _refuse(f"Gói thiếu thành phần «{name}».")
                body = archive.read(name)
                if not isinstance(entry, dict) or entry.get("size") != len(body) or \
                        entry.get("sha256") != hashlib.sha256(body).hexdigest():
                    raise _refuse(f"Thành phần «{name}» không khớp kích thước hoặc mã SHA-256 "
                                  "ghi trong manifest: gói đã bị sửa hoặc hỏng.", "altered")
                bodies[name] = body
    except ZipRefused as exc:
        raise _refuse(exc.message, "bad_zip") from exc
    data: dict[str, Any] = {}
    for member in DATA_MEMBERS:
        body = bodies.get(f"data/{member}.json")
        if body is None:
            raise _refuse(f"Gói thiếu dữ liệu «{member}».")
        try:
            data[member] = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise _refuse(f"Dữ liệu «{member}» không đọc được ({exc}).") from exc
        if not isinstance(data[member], list):
            raise _refuse(f"Dữ liệu «{member}» không đúng dạng (phải là một danh sách).")
    return OpenedPackage(manifest, hashlib.sha256(raw).hexdigest(), public, data)
