"""Word files, PDFs and scans -> the text a careful person would type from them.

Offices keep their conclusions as Word files and PDFs, and portals publish scans. Each
converter here is a pure function from a file's bytes to a ``Converted`` text in the
shape the parser already reads in typed texts: the header's two columns as two blocks
of lines, one paragraph per block, Word's numbering as Word shows it ("1.", "1.1.",
"a)", "-"), bold and italic as ``**`` and ``*``, the "Nơi nhận" list, then the signature.

- ``.docx``: ``docx.py`` (python-docx for the package; Word's numbering rendered here).
- ``.doc``: ``doc.py`` (LibreOffice when installed, else antiword, else catdoc).
- ``.pdf`` with a text layer: ``pdf.py`` (pypdfium2 for the characters and their boxes).
- ``.pdf`` without one, ``.png``, ``.jpg``, ``.tif``: ``ocr.py`` (Tesseract, Vietnamese).

Every converter returns ``common.py``'s ``Converted`` (or raises its ``ConversionError``).
``pdf.py`` and ``ocr.py`` share ``layout.py``: reading order, columns, paragraphs, running
headers and page numbers; a PDF without a text layer goes on to ``ocr.py`` from ``convert``.
Nothing here reads the file system except the temporary files an outside program needs.
"""

from __future__ import annotations

from .common import ConversionError, Converted, MissingTool

__all__ = ["ConversionError", "Converted", "MissingTool", "convert", "kind"]

# the file-name suffixes that are sources besides .txt, and what they are
SUFFIXES = {
    ".docx": "docx",
    ".doc": "doc",
    ".pdf": "pdf",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}


def kind(name: str) -> str | None:
    """"docx", "doc", "pdf" or "image" for a source file name, None for a text or another file."""
    dot = name.rfind(".")
    return SUFFIXES.get(name[dot:].lower()) if dot > 0 else None


def _sniff(data: bytes) -> str | None:
    """What the bytes are, whatever the name says (a .doc that is really a .docx is read as one)."""
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if data[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    return None


def convert(name: str, data: bytes) -> Converted:
    """The text of a Word file, a PDF or an image; raises ConversionError saying why not."""
    what = _sniff(data)
    expected = kind(name)
    if what is None or what == "rtf":
        saved = "an RTF document" if what == "rtf" else "not a file of that kind"
        raise ConversionError(f"is named as a {expected or 'document'} file but is {saved}: open it in the "
                              "program that made it and save it again as .docx, .pdf or plain text (.txt)")
    if what == "docx":
        from .docx import convert_docx

        return convert_docx(data)
    if what == "doc":
        from .doc import convert_doc

        return convert_doc(name, data)
    if what == "pdf":
        from .pdf import convert_pdf

        converted = convert_pdf(data)
        if converted is not None:
            return converted
        from .ocr import convert_scanned_pdf  # almost no text layer: a scan

        return convert_scanned_pdf(data)
    from .ocr import convert_image

    return convert_image(data)
