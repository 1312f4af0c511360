"""Read stage: bytes -> normalised text (encoding, BOM, line endings, NFC).

Reading belongs here and nowhere else: every later stage sees NFC text with
"\\n" line endings.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from .model import Diagnostic, SourceText
from .vietnamese import nfc


class ReadError(Exception):
    """A source that cannot be read at all; the build reports it and goes on."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: error: {reason}")
        self.source = source
        self.reason = reason

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(self.source, None, self.reason, "error")


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(name: str, data: bytes) -> tuple[str, str]:
    """Decode bytes, returning (text, encoding name)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ReadError(name, f"starts with a {encoding} byte-order mark but is not {encoding}: {exc}") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReadError(
            name, f"line {line}: not UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from exc


def normalise(text: str) -> str:
    """NFC and "\\n" line endings; nothing else is changed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return nfc(text)


def read_bytes(name: str, data: bytes) -> SourceText:
    text, encoding = decode(name, data)
    diagnostics: list[Diagnostic] = []
    if "\x00" in text:
        raise ReadError(name, "contains NUL characters: this looks like a binary file, not a text")
    if not text.strip():
        raise ReadError(name, "is empty: there is no text to publish")
    return SourceText(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        text=normalise(text),
        encoding=encoding,
        diagnostics=tuple(diagnostics),
    )


def read_file(path: Path) -> SourceText:
    return read_bytes(path.name, path.read_bytes())
