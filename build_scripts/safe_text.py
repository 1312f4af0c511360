"""What each output format cannot carry, and how any text is made to fit it.

The read stage lets through any character a source may hold (U+FFFE, U+FFFF and the other
noncharacters, private-use letters, ...), and a file's name may hold anything at all: control
characters, bidirectional overrides, bytes that are not UTF-8. Every writer passes text through
the function of its format here, so that no text can break a file or act in it, and each format
changes only what it cannot carry:

- ``visible``: the terminal and a page's display of a file name. Controls and invisible
  formatting characters become escapes ("\\x1b", "\\u202e"), so nothing rings, moves the cursor,
  starts a fake line or reverses the text around it.
- ``xml_text``: Atom. What XML 1.0 cannot hold (C0 controls, U+FFFE, U+FFFF, lone surrogates)
  becomes U+FFFD.
- ``ics_text``: iCalendar. Control characters but tab and line break become U+FFFD.
- ``csv_cell``: spreadsheets. A cell that begins with "=", "+", "-", "@", a tab or a carriage
  return is prefixed with "'" (OWASP, CSV injection), so no program runs it as a formula.
- ``json_dumps``: JSON and the search index's scripts. The same values, with every control,
  invisible or separator character written as a "\\u" escape: valid JSON, nothing raw.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache

# Removed from a source's text by the read stage, with a warning: C0 and C1 controls (not tab or
# newline), DEL, BOMs inside the text, the bidirectional controls that can make a line display
# differently from what it says (embeddings, overrides, isolates, and the marks LRM, RLM, ALM),
# invisible operators, the interlinear annotation marks and the "tag" characters that can carry
# hidden ASCII. None of them is seen by a reader, and each can change what a line shows. (Zero-width
# spaces and joiners, the word joiner and soft hyphens are kept as written: they change nothing a
# reader sees, and extraction and search read through them: vietnamese.reading_text.)
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200e\u200f\u202a-\u202e\u2061-\u2064\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)

# Unicode categories that never show as a letter: controls, format characters (bidi, zero
# width, soft hyphen), surrogates, unassigned code points and noncharacters, line and paragraph
# separators.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@cache
def _hidden_re() -> re.Pattern[str]:
    """The hidden characters of the BMP as one character class (fast: a bitmap), plus any astral one
    (rare; its category is checked by the caller)."""
    ranges: list[list[int]] = []
    for n in range(0x10000):
        if unicodedata.category(chr(n)) in _HIDDEN_CATEGORIES:
            if ranges and ranges[-1][1] == n - 1:
                ranges[-1][1] = n
            else:
                ranges.append([n, n])
    members = "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)
    return re.compile(f"[{members}]|[\U00010000-\U0010ffff]")


def _hidden(ch: str) -> bool:
    return unicodedata.category(ch) in _HIDDEN_CATEGORIES


def _sub_hidden(text: str, replace: Callable[[str], str], keep: str = "") -> str:
    """``text`` with each hidden character (but those in ``keep``) replaced by ``replace(ch)``."""
    def one(m: re.Match[str]) -> str:
        ch = m.group(0)
        return replace(ch) if ch not in keep and _hidden(ch) else ch

    return _hidden_re().sub(one, text)


def _escape(ch: str) -> str:
    if ch in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[ch]
    n = ord(ch)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


def visible(text: str) -> str:
    """``text`` with every character that would not show as itself written as an escape ("\\x1b").

    For the terminal (a name with ESC, BEL or a newline must not act there) and for a file
    name shown on a page (a U+202E must not reverse the words around it).
    """
    return _sub_hidden(text, _escape)


def terminal(text: str) -> str:
    """One line for the terminal: like ``visible``, newlines included (a caller joins lines itself)."""
    return visible(text)


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text an XML 1.0 document can hold: what it cannot becomes U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


_NOT_ICS = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def ics_text(text: str) -> str:
    """Text an iCalendar value can hold (RFC 5545 forbids controls but tab; line breaks are escaped)."""
    return _NOT_ICS.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A cell no spreadsheet runs: one that begins like a formula gets a leading "'" (OWASP)."""
    return csv_row([value])[0]


def csv_row(values: list[object]) -> list[str]:
    """Each value as a cell no spreadsheet runs (``csv_cell``). The test is written here, once, in the loop over a
    row: a call for each of the ~580,000 cells of a cold build's CSV files at 1,000 texts was about a tenth of the
    data files' CPU."""
    out = []
    for value in values:
        if value is None:
            out.append("")
            continue
        text = value if type(value) is str else str(value)
        if "\x00" in text:
            text = text.replace("\x00", "\ufffd")
        out.append("'" + text if text.startswith(FORMULA_STARTS) else text)
    return out


def _json_escape(ch: str) -> str:
    n = ord(ch)
    if n < 0x10000:
        return f"\\u{n:04x}"
    n -= 0x10000
    return f"\\u{0xD800 + (n >> 10):04x}\\u{0xDC00 + (n & 0x3FF):04x}"


def json_dumps(data: object, **options: object) -> str:
    """``json.dumps`` with letters as they are and every hidden character escaped.

    Outside its strings JSON text is ASCII and its own line breaks, so escaping these characters
    anywhere in the output changes no value: the file parses to the same data, and holds nothing
    raw that could act where it is shown (a bidi override, a line separator inside a script).
    """
    return _sub_hidden(json.dumps(data, ensure_ascii=False, **options), _json_escape, keep="\n")
