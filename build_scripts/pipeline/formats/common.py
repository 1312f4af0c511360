"""What every converter shares: the text it returns, the errors it raises, and two rules of layout
(a signer's name, a list marker outside the emphasis) that Word files and PDFs both need."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Converted:
    """What a converter read from a file: the text, how, and what the reader should know."""

    text: str
    format: str  # "docx", "doc", "pdf" (text layer) or "ocr"
    ocr_confidence: float | None = None  # mean word confidence, 0-100, for "ocr"
    page_confidence: tuple[float, ...] = ()  # per page, for "ocr"
    notes: tuple[str, ...] = ()  # warnings for the build's report
    tool: str = ""  # the program or library that read it, for the report


class ConversionError(Exception):
    """A file that cannot be converted: the message says why and what to do."""


class MissingTool(ConversionError):
    """A converter needs a program that is not installed; the message names the install command."""


def signer_name(line: str) -> bool:
    """A signer's name under the capacity lines ("Trần Minh Khoa"): typed after a blank line, so that the
    name is not read as one more line of the title above it."""
    words = line.strip(" *_").split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() and w.isalpha() for w in words) and \
        not all(w.isupper() for w in words)


_BOLD_MARKER = re.compile(r"^(\*{1,2})((?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\)|[-+•–]|[IVXLC]{1,6}[.\-–])\s+)(?=\S)")


def marker_outside(line: str) -> str:
    """"**- CVP, PVP KT;**" -> "- **CVP, PVP KT;**": a list marker stays outside the emphasis, where the
    parser looks for it."""
    return _BOLD_MARKER.sub(lambda m: m.group(2) + m.group(1), line, count=1)
