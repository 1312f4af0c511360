"""Read stage: bytes -> normalised text (encoding, BOM, line endings, NFC).

Reading belongs here and nowhere else: every later stage sees NFC text with
"\\n" line endings, and this is the only module that looks at bytes.

What a source can be, and what happens to it (the README's "Bad input" section
says the same for archivists):

- UTF-8, with or without a BOM; UTF-16 or UTF-32 with a BOM: decoded.
- UTF-16 without a BOM (NUL bytes in every other position): decoded, with a warning.
- Not UTF-8 at all: Windows-1258, TCVN3 (ABC) and VNI are tried and the one that
  reads as Vietnamese syllables is used, with a warning; none of them -> an error.
- UTF-8 whose letters are TCVN3 or VNI font codes ("KÕt luËn", "Keát luaän", a
  legacy-font document saved as text): converted, with a warning.
- Mojibake (UTF-8 read as Windows-1252 and saved again: "Káº¿t luáº­n"): repaired
  line by line with ftfy, with a warning naming the lines.
- Empty, whitespace-only, binary (NUL bytes, or a known file signature), cut short in
  the middle of a character, or larger than ``MAX_BYTES``: an error; nothing is guessed.
- Invisible control characters are removed (warning); a U+FFFD already in the text is
  kept and flagged (warning): characters were lost before the file reached us.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Diagnostic, SourceText
from ..safe_text import INVISIBLE as HIDDEN_CONTROLS
from ..vietnamese import ETH, INVISIBLE, ODD_SPACES, is_syllable, nfc
from . import formats, sources

MAX_BYTES = 32 * 1024 * 1024  # a meeting conclusion is a few pages; this is a wrong file
CONVERT_HINT = (
    "convert it to Unicode with UniKey's converter (Công cụ chuyển mã, Ctrl+Shift+F6: "
    "source {name}, destination Unicode) or save it from Word as “Plain Text”, encoding UTF-8"
)


class ReadError(Exception):
    """A source that cannot be read at all; the build reports it and goes on."""

    def __init__(self, source: str, reason: str, line: int | None = None):
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: error: {reason}")
        self.source = source
        self.reason = reason
        self.line = line

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(self.source, self.line, self.reason, "error")


@dataclass
class _Decoded:
    text: str
    encoding: str
    notes: list[tuple[int | None, str]] = field(default_factory=list)  # (line, warning)


# --- what a file is, when it is not a text ------------------------------------------

_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (a Word .docx, an OpenDocument .odt or a .zip renamed to .txt?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (a Word .doc renamed to .txt?)"),
    (b"%PDF", "a PDF document"),
    (b"{\\rtf", "an RTF (rich text) document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)
_SAVE_AS_TEXT = "open it in the program that made it and save it as “Plain Text (.txt)”, encoding UTF-8"
_REAL_NAME = ("give it the name its kind has (.docx, .doc, .pdf, .png, .jpg, .tif) and it is converted; or "
              + _SAVE_AS_TEXT)
_CONVERTIBLE = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def _line_of(data: bytes, offset: int, unit: int = 1) -> int:
    """1-based line of a byte offset (``unit`` 2 or 4 for UTF-16 / UTF-32)."""
    newline = "\n".encode({1: "ascii", 2: "utf-16-le", 4: "utf-32-le"}[unit])
    head = data[:offset]
    if unit == 1:
        return head.count(b"\n") + 1
    return sum(1 for i in range(0, len(head) - unit + 1, unit) if head[i : i + unit] in (newline, newline[::-1])) + 1


# --- Vietnamese syllables: how detection tells a right decoding from a wrong one ----

# Tokens split at spaces, ASCII punctuation and the common typographic marks only, so a
# wrongly decoded byte ("¸", "µ", "º") stays inside its word and spoils it.
_TOKEN_SPLIT = re.compile(r"[\s!-/:-@\[-`{-~“”‘’–—…•‚„′″]+")


def vietnamese_score(text: str, sample: int = 200_000) -> tuple[int, int]:
    """(words that are Vietnamese syllables, words that are not), counting words with a non-ASCII letter.

    A right decoding of a Vietnamese text scores nearly all good; a wrong one
    ("KÕt", "Keát", "Káº¿t") nearly all bad.
    """
    good = bad = 0
    for token in _TOKEN_SPLIT.split(nfc(text[:sample])):
        if token.isascii():
            continue
        if is_syllable(token):
            good += 1
        else:
            bad += 1
    return good, bad


def _reads_as_vietnamese(score: tuple[int, int]) -> bool:
    good, bad = score
    return good >= 3 and good >= 0.85 * (good + bad)


def _ratio(score: tuple[int, int]) -> float:
    good, bad = score
    return good / (good + bad) if good + bad else 0.0


# --- legacy Vietnamese encodings ------------------------------------------------------
#
# Both are read through the "Windows-1252 view" of their bytes: the characters a
# Western Windows program shows for them. That is also what a document typed in a
# legacy font and saved as a Unicode text contains, so one table serves both cases.

# Windows-1252, with the five bytes it leaves undefined kept as the C1 controls (as Windows does).
_CP1252 = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))
_CP1252_BYTES = {ch: b for b, ch in enumerate(_CP1252)}
_NOT_CP1252 = re.compile("[^" + re.escape(_CP1252) + "]")

# TCVN3 (TCVN 5712:1993, the ABC ".Vn" fonts), bytes 0xA0-0xFF. Checked against glibc's
# TCVN5712-1 charmap in tests/test_bad_input.py. Below 0xA0 the bytes are ASCII and the
# Windows-1252 punctuation a Windows program writes (quotes, dashes).
_TCVN3_HIGH = (
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"  # A0-AF
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # B0-BF (B0-B4: combining tone marks)
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # C0-CF
    "éẹềểễếệìỉỄẾỒĩíịò"  # D0-DF
    "Ổỏõóọồổỗốộờởỡớợù"  # E0-EF
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # F0-FF
)
_TCVN3_VIEW = str.maketrans({_CP1252[0xA0 + i]: ch for i, ch in enumerate(_TCVN3_HIGH)})
_TCVN3_SIGNS = frozenset(_CP1252[0xA1 + i] for i in range(95))  # view characters that carry a letter

# VNI (VNI-Windows fonts): a vowel is its ASCII letter followed by a byte for its marks.
_VNI_MARKS = {  # quality-mark family -> {tone: (lower-case byte, upper-case byte)}
    "": {"": ("", ""), "\u0301": ("ù", "Ù"), "\u0300": ("ø", "Ø"), "\u0309": ("û", "Û"), "\u0303": ("õ", "Õ"),
         "\u0323": ("ï", "Ï")},
    "\u0302": {"": ("â", "Â"), "\u0301": ("á", "Á"), "\u0300": ("à", "À"), "\u0309": ("å", "Å"),
               "\u0303": ("ã", "Ã"), "\u0323": ("ä", "Ä")},  # circumflex: â ê ô
    "\u0306": {"": ("ê", "Ê"), "\u0301": ("é", "É"), "\u0300": ("è", "È"), "\u0309": ("ú", "Ú"),
               "\u0303": ("ü", "Ü"), "\u0323": ("ë", "Ë")},  # breve: ă
}
_VNI_SINGLE = {  # letters VNI writes as one byte of their own (lower, upper)
    "ơ": ("ô", "Ô"), "ư": ("ö", "Ö"), "đ": ("ñ", "Ñ"), "í": ("í", "Í"), "ì": ("ì", "Ì"), "ỉ": ("æ", "Æ"),
    "ĩ": ("ó", "Ó"), "ị": ("ò", "Ò"), "ỵ": ("î", "Î"),
}


def _vni_table() -> dict[str, str]:
    """VNI spelling -> Unicode letter, for every Vietnamese letter with a mark."""
    table: dict[str, str] = {}

    def add(spelling_lower: str, spelling_upper: str, letter: str) -> None:
        table[spelling_lower] = letter
        table[spelling_upper] = letter.upper()

    for letter, (low, up) in _VNI_SINGLE.items():
        add(low, up, letter)
    families = {"a": ("", "\u0302", "\u0306"), "e": ("", "\u0302"), "o": ("", "\u0302"), "u": ("",), "y": ("",)}
    for base, marks in families.items():
        for mark in marks:
            for tone, (low, up) in _VNI_MARKS[mark].items():
                if not low:
                    continue
                letter = nfc(base + mark + tone)
                if base == "y" and tone == "\u0323":
                    continue  # ỵ has a byte of its own
                table[base + low] = letter
                table[base.upper() + up] = letter.upper()
                table[base.upper() + low] = letter.upper()  # mixed case, as typed
    for base, (low, up) in (("ơ", _VNI_SINGLE["ơ"]), ("ư", _VNI_SINGLE["ư"])):
        for tone, (t_low, t_up) in _VNI_MARKS[""].items():
            if t_low:
                table[low + t_low] = nfc(base + tone)
                table[up + t_up] = nfc(base + tone).upper()
    return table


VNI_TABLE = _vni_table()
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(VNI_TABLE, key=len, reverse=True)))
_VNI_SIGNS = frozenset(ch for k in VNI_TABLE for ch in k if not ch.isascii())


def _cp1252_view(data: bytes) -> str:
    return data.decode("latin-1").translate(dict(enumerate(_CP1252)))


def _tcvn3_capitals(text: str) -> str:
    """A capital with a tone has no TCVN3 code of its own: upper-case a word whose ASCII letters all are."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        letters = [c for c in word if c.isascii() and c.isalpha()]
        if letters and all(c.isupper() for c in letters) and word != word.upper():
            return word.upper()
        return word

    return re.sub(r"\w+", fix, text)


# Lower-case letters whose capital has no TCVN3 code: one at the start of a list item or
# of a sentence was shown as a capital (in a capital font) and is restored as one.
_TONED_LOWER = "".join(ch for ch in _TCVN3_HIGH[0x15:] if ch.islower())
_SENTENCE_START = re.compile(rf"((?:^[ \t]*(?:\d{{1,2}}(?:\.\d{{1,2}})*[.)]|[a-zđ]\)|[-+•])[ \t]+|[.!?][ \t]+)\**)"
                             rf"([{_TONED_LOWER}])", re.MULTILINE)


def from_tcvn3_view(view: str) -> str:
    text = _tcvn3_capitals(nfc(view.translate(_TCVN3_VIEW)))
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def from_vni_view(view: str) -> str:
    return _VNI_RE.sub(lambda m: VNI_TABLE[m.group(0)], view)


def from_cp1258_view(view: str) -> str | None:
    try:
        return nfc(bytes(_CP1252_BYTES[ch] for ch in view).decode("cp1258"))
    except (UnicodeDecodeError, KeyError):
        return None


LEGACY = {  # name shown to the user -> (view converter, the name UniKey gives it)
    "TCVN3 (ABC)": (from_tcvn3_view, "TCVN3 (ABC)"),
    "VNI": (from_vni_view, "VNI Windows"),
    "Windows-1258": (from_cp1258_view, "Windows CP 1258"),
}


def _best_legacy(view: str) -> tuple[str, str, tuple[int, int]] | None:
    """The legacy encoding under which ``view`` reads best as Vietnamese, if any does."""
    best = None
    for name, (convert, _) in LEGACY.items():
        text = convert(view)
        if text is None:
            continue
        score = vietnamese_score(text)
        if _reads_as_vietnamese(score) and (best is None or _ratio(score) > _ratio(best[2])):
            best = (name, text, score)
    return best


# --- mojibake ------------------------------------------------------------------------

# A UTF-8 lead byte shown as Windows-1252 or Latin-1 ("Ã", "á", "â") followed by a
# continuation byte shown the same way ("º", "»", "€"): the mark of UTF-8 read wrongly.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00c6\u00e1\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def _ftfy_config():
    from ftfy import TextFixerConfig

    # Only the encoding repair: HTML entities, quotes, widths and the rest are the text as issued.
    return TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
        replace_lossy_sequences=True, decode_inconsistent_utf8=True, fix_c1_controls=True,
        fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        fix_surrogates=False, remove_control_chars=False, normalization=None, explain=False,
    )


def repair_mojibake(text: str) -> tuple[str, list[int]]:
    """Repair lines that are UTF-8 read as Windows-1252 or Latin-1; returns the text and the lines changed."""
    if not _MOJIBAKE_HINT.search(text):
        return text, []
    import ftfy

    config = _ftfy_config()
    lines = text.split("\n")
    changed = []
    for i, line in enumerate(lines):
        if _MOJIBAKE_HINT.search(line):
            fixed = ftfy.fix_text(line, config)
            if fixed != line:
                lines[i] = fixed
                changed.append(i + 1)
    return "\n".join(lines), changed


# --- decoding ------------------------------------------------------------------------

_BOMS = (  # UTF-32 first: its little-endian BOM starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", 4),
    (codecs.BOM_UTF32_BE, "utf-32-be", 4),
    (codecs.BOM_UTF8, "utf-8", 1),
    (codecs.BOM_UTF16_LE, "utf-16-le", 2),
    (codecs.BOM_UTF16_BE, "utf-16-be", 2),
)


def _truncated(name: str, data: bytes, exc: UnicodeDecodeError, encoding: str, unit: int) -> ReadError:
    return ReadError(
        name,
        f"the file ends in the middle of a character (its last {len(data) - exc.start} byte(s) are an "
        f"incomplete {encoding.upper()} character): it was cut short, by an interrupted copy or download? "
        "Get a complete copy of the file",
        _line_of(data, exc.start, unit),
    )


def _is_truncation(data: bytes, exc: UnicodeDecodeError) -> bool:
    return exc.reason in ("unexpected end of data", "truncated data") and exc.end >= len(data)


def _decode_unicode(name: str, data: bytes, encoding: str, unit: int, bom: int) -> str:
    try:
        return data[bom:].decode(encoding)
    except UnicodeDecodeError as exc:
        if _is_truncation(data[bom:], exc):
            raise _truncated(name, data[bom:], exc, encoding, unit) from exc
        raise ReadError(
            name, f"starts with a {encoding.upper()} byte-order mark but is not {encoding.upper()} "
            f"(invalid bytes at offset {exc.start + bom}); {_SAVE_AS_TEXT}", _line_of(data[bom:], exc.start, unit),
        ) from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: ASCII characters leave a NUL in every other byte."""
    head = data[:4096]
    if len(data) % 2 or len(head) < 4:
        return None
    even = head[0::2].count(0) / (len(head) // 2)
    odd = head[1::2].count(0) / (len(head) // 2)
    if odd >= 0.3 and even < 0.02:
        encoding = "utf-16-le"
    elif even >= 0.3 and odd < 0.02:
        encoding = "utf-16-be"
    else:
        return None
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding


def decode(name: str, data: bytes) -> _Decoded:
    """Decode bytes, or raise ReadError saying what the file is and what to do."""
    if not data:
        raise ReadError(name, "is empty (0 bytes): there is no text to publish")
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            hint = _REAL_NAME if magic in _CONVERTIBLE else _SAVE_AS_TEXT
            raise ReadError(name, f"is {what}, not a plain text: {hint}")
    for bom, encoding, unit in _BOMS:
        if data.startswith(bom):
            label = "utf-8-sig" if encoding == "utf-8" else encoding
            return _Decoded(_decode_unicode(name, data, encoding, unit, len(bom)), label)
    if b"\x00" in data:
        if encoding := _utf16_without_bom(data):
            return _Decoded(data.decode(encoding), encoding,
                            [(None, f"is {encoding.upper()} without a byte-order mark; read as {encoding.upper()}: "
                                    "check the page, and save the file as UTF-8")])
        at = data.index(b"\x00")
        raise ReadError(name, f"contains NUL bytes (first at offset {at}): this is a binary file, not a text; "
                        f"{_SAVE_AS_TEXT}", _line_of(data, at))
    try:
        return _Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if _is_truncation(data, exc):
            raise _truncated(name, data, exc, "utf-8", 1) from exc
        utf8_error = exc
    view = _cp1252_view(data)
    best = _best_legacy(view)
    if best is None:
        line = _line_of(data, utf8_error.start)
        controls = sum(1 for ch in view if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
        if controls > 0.05 * len(view):
            raise ReadError(name, f"looks like a binary file, not a text ({controls} control bytes); {_SAVE_AS_TEXT}")
        raise ReadError(
            name,
            f"is not UTF-8 (byte 0x{data[utf8_error.start]:02x} at line {line}) and does not read as Vietnamese in "
            f"Windows-1258, TCVN3 (ABC) or VNI either; open it in a text editor and save it as UTF-8",
            line,
        )
    legacy, text, _score = best
    return _Decoded(text, legacy, [(None, _converted_note(legacy, "is not Unicode but"))])


def _converted_note(legacy: str, what: str) -> str:
    hint = CONVERT_HINT.format(name=LEGACY[legacy][1])
    note = f"{what} {legacy}; converted to Unicode here. Check the page against the original, and {hint}"
    if legacy.startswith("TCVN3"):
        note += (" (TCVN3 has no codes for capitals with a tone mark: they are restored in words written in capitals "
                 "and at the start of a sentence or list item; elsewhere they read as lower case)")
    return note


def _legacy_font_text(text: str) -> tuple[str, str] | None:
    """A Unicode text whose letters are legacy font codes ("KÕt luËn"): (legacy name, converted text)."""
    if text.isascii() or _NOT_CP1252.search(text):
        return None  # it has Unicode letters a legacy font text cannot have
    chars = set(text)
    if not (chars & _TCVN3_SIGNS or chars & _VNI_SIGNS):
        return None
    if _reads_as_vietnamese(vietnamese_score(text)):
        return None
    best = _best_legacy(text)
    return (best[0], best[1]) if best else None


# --- characters no reader can see ------------------------------------------------------

_LINE_BREAKS = re.compile("[\f\v\u2028\u2029\u0085]")  # page breaks and Unicode line separators
_INVISIBLE = HIDDEN_CONTROLS  # controls, bidi controls and marks, "tag" characters (safe_text.py)


def _lines_matching(pattern: re.Pattern[str], text: str) -> list[int]:
    return [i + 1 for i, line in enumerate(text.split("\n")) if pattern.search(line)]


def _line_list(lines: list[int], limit: int = 8) -> str:
    shown = ", ".join(str(n) for n in lines[:limit])
    more = f" and {len(lines) - limit} more" if len(lines) > limit else ""
    return f"line{'s' if len(lines) > 1 else ''} {shown}{more}"


# Characters a Word export or a hand-typed file leaves that a reader does not see as different:
# the page keeps them as written; extraction and search read through them (vietnamese.reading_text).
_THROUGH = (
    ("".join(ETH), "“Ð” (U+00D0, Latin eth) read as “Đ”"),
    (ODD_SPACES.replace("\t", ""), "no-break or other special space(s) (U+00A0 ...) read as spaces"),
    (INVISIBLE, "zero-width character(s) or soft hyphen(s) ignored"),
)


def read_through(text: str) -> tuple[int, str] | None:
    """One note per file naming what extraction and search read through: (first line, message)."""
    parts, first = [], None
    for chars, what in _THROUGH:
        pattern = re.compile(f"[{re.escape(chars)}]")
        count = len(pattern.findall(text))
        if count:
            line = text.count("\n", 0, pattern.search(text).start()) + 1
            first = line if first is None else min(first, line)
            parts.append(f"{count} {what} (first on line {line})")
    if not parts:
        return None
    return first, ("read through: " + "; ".join(parts) + ". The page shows the text as written; the extracted "
                   "facts and the search read it as Vietnamese")


def normalise(text: str) -> str:
    """NFC and "\\n" line endings; nothing else is changed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return nfc(text)


def read_bytes(name: str, data: bytes) -> SourceText:
    if len(data) > MAX_BYTES:
        raise _too_large(name, len(data))
    decoded = decode(name, data)
    notes = list(decoded.notes)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")

    if legacy := _legacy_font_text(text):
        text = legacy[1]
        notes.append((None, _converted_note(legacy[0], "is Unicode, but its letters are the codes of a legacy font:")))
    else:
        text, repaired = repair_mojibake(text)
        if repaired:
            notes.append((repaired[0], f"mojibake repaired on {_line_list(repaired)}: the text had been read as "
                          "Windows-1252 and saved again (“Káº¿t” for “Kết”); check the page, and keep the repaired "
                          "text as the source"))
    text = _LINE_BREAKS.sub("\n", text)  # a page break or a line separator is a line break
    if invisible := _lines_matching(_INVISIBLE, text):
        count = len(_INVISIBLE.findall(text))
        text = _INVISIBLE.sub("", text)
        notes.append((invisible[0], f"{count} invisible control character(s) removed on {_line_list(invisible)}"))
    if through := read_through(text):
        notes.append(through)
    if lost := _lines_matching(re.compile("\ufffd"), text):
        notes.append((lost[0], f"contains “�” (U+FFFD) on {_line_list(lost)}: characters were lost when the file "
                      "was saved in an encoding that could not hold them; find a better copy"))
    text = nfc(text)
    if not text.strip():
        raise ReadError(name, "contains only white space: there is no text to publish")
    if not any(ch.isalnum() for ch in text):
        raise ReadError(name, "contains no letter or digit: there is no text to publish")
    if re.match(r"\s*<(?:!doctype\s+html|html)[\s>]", text, re.IGNORECASE):
        notes.append((1, "is an HTML page, not a plain text: it is shown as its source code; save the page's "
                      "text instead"))
    return SourceText(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        encoding=decoded.encoding,
        diagnostics=tuple(Diagnostic(name, line, message, "warning") for line, message in notes),
        size=len(data),
    )


def _too_large(name: str, size: int) -> ReadError:
    return ReadError(name, f"is {size / 2**20:.0f} MB, more than the {MAX_BYTES // 2**20} MB a source text may "
                     "have: is it the right file?")


def source_bytes(folder: Path, name: str) -> bytes:
    """The bytes of the source ``name`` (its path inside ``folder``), read through the source folder's safe
    opener (sources.open_source); ReadError when it is refused, cannot be opened or is far too large."""
    try:
        return sources.read_source(folder, name, MAX_BYTES)
    except sources.TooLarge as exc:
        raise _too_large(name, exc.size) from None
    except sources.Refused as exc:
        raise ReadError(name, str(exc)) from None
    except OSError as exc:
        raise ReadError(name, f"cannot be opened: {exc.strerror or exc}") from exc


# --- Word files, PDFs and scans ---------------------------------------------------------


def read_converted(name: str, data: bytes, converted: formats.Converted) -> SourceText:
    """A Word file, PDF or scan as the text it was read as: that text is its source text from here on,
    while its hash and size stay those of the file, which the page offers for download."""
    text = _LINE_BREAKS.sub("\n", normalise(converted.text))
    notes: list[tuple[int | None, str]] = [(None, note) for note in converted.notes]
    if legacy := _legacy_font_text(text):  # a Word file typed in a TCVN3 (.VnTime) or VNI font ("ư" is 0xAD)
        text = legacy[1]
        notes.append((None, _converted_note(legacy[0], "is typed in a legacy font: its letters are the codes of")))
    # soft hyphens are where a word may be cut at a line's end, not characters of the text
    text = _INVISIBLE.sub("", text).replace("\u00ad", "")
    if through := read_through(text):
        notes.append(through)
    return SourceText(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        text=nfc(text),
        encoding=converted.tool or converted.format,
        diagnostics=tuple(Diagnostic(name, line, note, "warning") for line, note in notes),
        size=len(data),
        format=converted.format,
        ocr_confidence=converted.ocr_confidence,
    )


def convert_bytes(name: str, data: bytes) -> SourceText:
    """Convert a Word file, PDF or image here and now (the build does it in the background, cached)."""
    if len(data) > MAX_BYTES:
        raise _too_large(name, len(data))
    try:
        return read_converted(name, data, formats.convert(name, data))
    except formats.ConversionError as exc:
        raise ReadError(name, str(exc)) from exc


def located(src: SourceText, folder: Path, text: str | None = None) -> SourceText:
    """The source with where it was read: its folder, and its path (to publish a byte-identical copy); with
    ``text`` when given (a kept decoding's: one copy of the dataclass made, not two, for each unchanged text)."""
    changes = {} if text is None else {"text": text}
    root = folder if isinstance(folder, Path) else Path(folder)  # the caller's, not a copy for each source
    return dataclasses.replace(src, path=root / src.name, folder=root, **changes)


def read_source(folder: Path, name: str) -> SourceText:
    """Any source of a source folder (``name`` its path inside ``folder``): a text is decoded, a Word file,
    PDF or image converted; the bytes are read through the source folder's safe opener."""
    data = source_bytes(folder, name)
    src = convert_bytes(name, data) if formats.kind(name) else read_bytes(name, data)
    return located(src, folder)


def read_file(path: Path) -> SourceText:
    """One file given by its path (``extract FILE...``): its folder is its source folder."""
    return read_source(path.parent, path.name)
