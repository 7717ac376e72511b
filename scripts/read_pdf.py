"""Read a PDF back for scripts/smoke-frozen.sh on machines without poppler (the Windows
runner): its text, or the QR codes drawn on its pages, decoded from the rendered image.

    python scripts/read_pdf.py text FILE.pdf     every page's text, pages apart by a form feed
    python scripts/read_pdf.py qr FILE.pdf       each QR code's content, one a line, page order

Runs with a Python that has pypdfium2 (a dependency of the app) and, for `qr`, zxing-cpp
(the test extra); not part of the app. Exit 2 with a one-line reason when one is missing.
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in {"text", "qr"}:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import pypdfium2 as pdfium

        if argv[0] == "qr":
            import zxingcpp
    except ImportError as exc:
        print(f"read_pdf.py needs {exc.name}: pip install pypdfium2 zxing-cpp", file=sys.stderr)
        return 2
    out = sys.stdout.buffer
    document = pdfium.PdfDocument(argv[1])
    try:
        for index in range(len(document)):
            page = document[index]
            if argv[0] == "text":
                text = page.get_textpage().get_text_bounded()
                out.write(text.replace("\r\n", "\n").encode("utf-8") + b"\n\f")
            else:
                image = page.render(scale=300 / 72, grayscale=True).to_pil()
                for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
                    out.write(code.text.encode("utf-8") + b"\n")
    finally:
        document.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
