"""Photos of a session attached to its report: checked, turned upright, shrunk to print
size and re-encoded as a fresh JPEG, so that nothing of the camera's metadata (EXIF: GPS
location, camera serial, time) reaches the report. Pillow comes with reportlab."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from trainer_app.reports.report_dto import Photo

__all__ = ["MAX_PHOTOS", "MAX_PHOTO_BYTES", "PhotoProblem", "prepare_photo", "prepare_photos"]

MAX_PHOTOS = 4
MAX_PHOTO_BYTES = 25 * 1024 * 1024  # a phone photo is 2–10 MB; a 40 MB file is not one
MAX_PIXELS = 60_000_000  # larger pictures are refused before they are decoded
PRINT_SIDE = 1600  # pixels of the longer side: sharp at 80 mm wide, small files
FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "BMP", "GIF", "TIFF"}


class PhotoProblem(Exception):
    """``message`` is Vietnamese and names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def prepare_photo(path: Path | str) -> Photo:
    """Read one photo; raise ``PhotoProblem`` for a missing file, a file that is not an
    image, a file over ``MAX_PHOTO_BYTES`` or a picture too large to decode."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise PhotoProblem(f"Không tìm thấy ảnh \"{path}\".") from None
    except OSError as exc:
        raise PhotoProblem(f"Không đọc được ảnh \"{path.name}\": "
                           f"{exc.strerror or exc}.") from exc
    if path.is_dir():
        raise PhotoProblem(f"\"{path}\" là một thư mục, không phải tệp ảnh.")
    if size > MAX_PHOTO_BYTES:
        raise PhotoProblem(
            f"Ảnh \"{path.name}\" quá lớn ({size / 1024 / 1024:.0f} MB; tối đa "
            f"{MAX_PHOTO_BYTES // 1024 // 1024} MB). Hãy chọn ảnh chụp bằng điện thoại hoặc "
            "thu nhỏ ảnh trước khi đính kèm.")
    if size == 0:
        raise PhotoProblem(f"Tệp \"{path.name}\" trống, không phải ảnh.")
    try:
        with Image.open(path) as image:
            if image.format not in FORMATS:
                raise PhotoProblem(f"Tệp \"{path.name}\" không phải ảnh chụp (JPG, PNG); "
                                   "hãy chọn tệp ảnh.")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoProblem(f"Ảnh \"{path.name}\" có kích thước quá lớn ({width}×"
                                   f"{height} điểm ảnh); hãy thu nhỏ ảnh trước.")
            image.load()
            upright = ImageOps.exif_transpose(image)
            rgb = upright.convert("RGB")
    except UnidentifiedImageError:
        raise PhotoProblem(f"Tệp \"{path.name}\" không phải là ảnh (hoặc ảnh bị hỏng); hãy "
                           "chọn tệp ảnh JPG hoặc PNG.") from None
    except Image.DecompressionBombError:
        raise PhotoProblem(f"Ảnh \"{path.name}\" có kích thước quá lớn; hãy thu nhỏ ảnh "
                           "trước.") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise PhotoProblem(f"Không đọc được ảnh \"{path.name}\" (tệp hỏng hoặc chép chưa "
                           f"hết): {exc}.") from exc
    rgb.thumbnail((PRINT_SIDE, PRINT_SIDE))
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=85, optimize=True)  # no exif=…: no metadata at all
    return Photo(out.getvalue(), rgb.width, rgb.height, path.name)


def prepare_photos(paths: Sequence[Path | str]) -> list[Photo]:
    if len(paths) > MAX_PHOTOS:
        raise PhotoProblem(f"Chỉ đính kèm được tối đa {MAX_PHOTOS} ảnh vào báo cáo (đã chọn "
                           f"{len(paths)} ảnh).")
    return [prepare_photo(p) for p in paths]
