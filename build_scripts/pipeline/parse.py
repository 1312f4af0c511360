"""Parse stage: normalised text -> the document tree (a list of ``Block``).

The genre's conventions drive it: an optional official header, a title block
("KẾT LUẬN" / "THÔNG BÁO" ...), body paragraphs, roman sections ("I-", "II."),
numbered items ("1.", "1.1.", "1.10.", "100."), lettered items ("a)"), bullets ("-", "+"),
footnotes ("¹"), a "Nơi nhận:" list and a signature block. Page breaks that split
a sentence are repaired. Nothing is dropped: every line lands in some block.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from .. import knowledge
from ..model import Block, BlockKind, Document, SourceText, Span
from ..vietnamese import INVISIBLE, fold, reading_text, slugify

SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_SUP_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "1234567890")

ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
# "## Title ##": the closing hashes are stripped in Python (a lazy ".*?" before "\s*#*\s*$" took
# cubic time on a line of spaces)
RE_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
RE_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
RE_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
RE_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,}|(?:\\?-){3,})\s*$")  # (a Word export escapes it: "\-\-\-\--")
RE_FOOTNOTE = re.compile(rf"^\s*([{SUPERSCRIPTS}]+)\s*(\S.*)$")
# a Word file saved as text writes its notes "[1] Quyết định số ..." at the end, and their marks "NOXH[1]" in the
# text ("[1]:" opens a Markdown link's definition, not a note)
RE_FOOTNOTE_BRACKET = re.compile(r"^\s*\[(\d{1,2})\](?!\s*:)\s*(\S.*)$")
# ("III/2024. Ủy ban ..." at a line's start is a quarter that a hard wrap left there, no section)
RE_ROMAN = re.compile(rf"^\s*(?P<num>{ROMAN})\s*(?!/\s*\d)(?!/[vV]\b)[.\-–—:/)]\s*(?P<rest>\S.*)$")
# the header's right column: the motto, the place and date ("Quảng Ngãi, ngày 18 tháng 11 năm 2025")
RE_HEADER_RIGHT = re.compile(r"^[*_\s]*(?:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
                             r"|Độc lập\s*[-–]\s*Tự do|[^,\n]{2,40},\s*ngày\s+\d{1,2}\b)")
# a letter's subject under its number, where a notice has its title: "V/v truyền đạt ý kiến chỉ đạo của ..."
RE_LETTER_SUBJECT = re.compile(r"^\s*[*_]*(?:V/v|V/V|Về việc)\s+\S")
# the letter's addressees: "Kính gửi:" over a list of them, or followed by them
RE_ADDRESSEES = re.compile(r"^\s*[*_]*Kính\s+gửi\s*[*_]*\s*:", re.IGNORECASE)
# an item's number: up to three digits at the top ("100."), two below ("1.10."): "1.500 hộ" is a number
# ("1- ", "2.1- ": the older way of typing a number, its dash as a full stop)
RE_NUMBERED = re.compile(r"^\s*(?P<num>\d{1,3}(?:\.\d{1,2})*)(?:[.)/]\s+|-\s+(?=\S)|(?<=\d)\s+(?=\S))(?P<rest>\S.*)$")
RE_MULTILEVEL = re.compile(r"^\d{1,2}(?:\.\d{1,2})+$")
RE_LETTERED = re.compile(r"^\s*(?P<num>[a-zđ])(?:[)/.]|-(?=\s))\s+(?P<rest>\S.*)$")  # "a)", "a/", "a.", "a-"
RE_PAREN_NUMBERED = re.compile(r"^\s*\((?P<num>\d{1,2})\)\s+(?P<rest>\S.*)$")  # "(1) ...", under "a)"
# (and the arrows of a text typed in a chat or an e-mail: "=> PKT chủ trì, ...")
# (an em dash too: a scan's OCR reads "- " so, as a typed list may be; and a Word export's escaped mark: "\+ ...")
RE_BULLET = re.compile(r"^(?P<indent>\s*)\\?(?P<mark>[-+•–—*]|=>|->|→|⇒|➢|➤|►)\s+(?P<rest>\S.*)$")
RE_RECIPIENTS = re.compile(r"^[\s*_]*nơi\s+nhận[\s*_]*:?", re.IGNORECASE)

DOC_TYPE_WORDS = (
    "THONG BAO Y KIEN KET LUAN",
    "THONG BAO KET LUAN",
    "THONG BAO",
    "KET LUAN",
    "BAO CAO",
    "NGHI QUYET",
    "CHI THI",
    "KE HOACH",
    "QUYET DINH",
    "CONG VAN",
    "TRICH",
    "BIEN BAN",  # the minutes of a meeting, whose chair's conclusion closes them
)
SIGNATURE_WORDS = (
    "T/M",
    "TM.",
    "TM ",
    "T/L",
    "TL.",
    "TL ",
    "KT.",
    "KT ",
    "K/T",
    "BI THU",
    "CHU TICH",
    "CHANH VAN PHONG",
    "GIAM DOC",
    "TRUONG BAN",
    "UY VIEN",
    "THUONG TRUC",
    "CHU TRI",  # the minutes' "CHỦ TRÌ CUỘC HỌP" / "CHỦ TRÌ HỘI NGHỊ", who validates them
    "THU KY",  # and the secretary's "THƯ KÝ" beside it
)
TERMINAL = ".!?:;…\"”»)]"


# --- lines ------------------------------------------------------------------


@dataclass
class _Line:
    no: int  # 1-based
    raw: str  # as written: what the page shows

    @cached_property  # asked of each line by every rule (267,000 times at 1,000 texts); a line is never rewritten
    def text(self) -> str:
        """The line as the parser reads it: "Ð" as "Đ", no-break spaces and tabs as spaces, no invisible marks."""
        return reading_text(self.raw)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _unwrap_bold(text: str) -> str:
    """The inside of a line that is bold (or italic) as a whole, else the text."""
    t = text.strip()
    if t[:1] not in ("*", "_"):
        return t  # every mark below begins with one of these: most lines have none
    for mark in ("**", "*", "__", "_"):
        if len(t) > 2 * len(mark) and t.startswith(mark) and t.endswith(mark):
            return t[len(mark) : -len(mark)].strip()
    if t.startswith("**") and t.endswith("**:"):
        return t[2:-3].strip() + ":"
    return t


def _is_upper_line(text: str) -> bool:
    letters = "".join(filter(str.isalpha, text))  # filtered and counted in C: every block of a text is tested
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


@lru_cache(maxsize=1024)  # asked of a block's first line at each of its lines, and of the header lines twice
def _doc_type_line(text: str) -> bool:
    inner = _unwrap_bold(text)
    if not _is_upper_line(inner):
        return False  # most lines: not folded
    t = fold(inner).upper().strip(" *#:")
    return any(t == w or t.startswith(w + " ") for w in DOC_TYPE_WORDS)


# --- inline -----------------------------------------------------------------

# Emphasis as the source marks it: "**strong**" (no space inside either mark) and "*emphasis*" (not
# inside a word). Each opening mark takes the first closing mark after it, as a lazy regular
# expression would; the closing marks are found once and looked up, so a text full of marks that
# never close is read in linear time (the lazy expressions scanned to the end from each mark).
_STRONG_MARK = re.compile(r"\*\*")
_EMPH_OPEN = re.compile(r"(?<![*\w])\*(?=[^\s*])")
_EMPH_CLOSE = re.compile(r"(?<=[^\s*])\*(?![*\w])")


def _pairs(opens: list[int], closes: list[int], width: int) -> list[tuple[int, int]]:
    """(open, close) positions of marks ``width`` wide, left to right, each open with the first close
    that leaves at least one character between them; opens inside a pair are skipped."""
    out: list[tuple[int, int]] = []
    pos = 0
    for start in opens:
        if start < pos:
            continue
        k = bisect.bisect_left(closes, start + width + 1)
        if k == len(closes):
            break  # no close after this open: none after any later one either
        out.append((start, closes[k]))
        pos = closes[k] + width
    return out


def _strong(text: str) -> list[tuple[int, int]]:
    if "**" not in text:
        return []  # no mark, no pair: most text
    marks = [m.start() for m in _STRONG_MARK.finditer(text)]
    # an open mark is followed by a letter, a close mark follows one; a run "****" holds several
    marks = sorted({p for m in marks for p in (m, m + 1) if text.startswith("**", p)})
    opens = [p for p in marks if p + 2 < len(text) and not text[p + 2].isspace()]
    closes = [p for p in marks if p > 0 and not text[p - 1].isspace()]
    return _pairs(opens, closes, 2)


def _emph(text: str) -> list[tuple[int, int]]:
    if "*" not in text:
        return []  # most text has no mark: its lookbehinds are tried at no character
    return _pairs([m.start() for m in _EMPH_OPEN.finditer(text)], [m.start() for m in _EMPH_CLOSE.finditer(text)], 1)


def parse_inline(text: str) -> list[Span]:
    """Split text into spans with the emphasis the source marks."""
    spans: list[Span] = []
    pos = 0
    for start, close in _strong(text):
        spans.extend(_emph_spans(text[pos:start], strong=False))
        spans.extend(_emph_spans(text[start + 2 : close], strong=True))
        pos = close + 2
    spans.extend(_emph_spans(text[pos:], strong=False))
    return [s for s in spans if s.text]


def _emph_spans(text: str, strong: bool) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for start, close in _emph(text):
        out.append(Span(text[pos:start], strong=strong))
        out.append(Span(text[start + 1 : close], strong=strong, emph=True))
        pos = close + 1
    out.append(Span(text[pos:], strong=strong))
    return out


def _split_note_marks(spans: list[Span], labels: set[str]) -> list[Span]:
    """Turn superscript digits after a word into footnote marks when the note exists."""
    if not labels:
        return spans
    pattern = re.compile(rf"(?<=[^\s{SUPERSCRIPTS}])([{SUPERSCRIPTS}]+)|(?<=\S)(\[(\d{{1,2}})\])")
    out: list[Span] = []
    for s in spans:
        pos = 0
        for m in pattern.finditer(s.text):
            label = m.group(1).translate(_SUP_TO_DIGIT) if m.group(1) else m.group(3)
            if label not in labels:
                continue
            out.append(Span(s.text[pos : m.start()], s.strong, s.emph))
            out.append(Span(m.group(1) or m.group(2), s.strong, s.emph, note=label))
            pos = m.end()
        out.append(Span(s.text[pos:], s.strong, s.emph))
    return [s for s in out if s.text]


# --- blocks -----------------------------------------------------------------


@dataclass
class _Raw:
    """A block under construction: its kind, marker and source lines."""

    kind: BlockKind
    lines: list[_Line]
    marker: str = ""
    number: str = ""
    level: int = 0
    first: str = ""  # first line's text after the marker
    blank_before: bool = False
    continued: set[int] = field(default_factory=set)  # a Word table's lines that continue the row above


def _classify(line: _Line, tab_rows: Container[int] = frozenset()) -> _Raw | None:
    """A new block if this line starts one by its marker, else None (plain text)."""
    raw = line.text
    text = raw.strip()
    if line.no in tab_rows:
        return _Raw(BlockKind.TABLE, [line], marker=TAB)
    if m := RE_MD_HEADING.match(raw):
        title = m.group(2).rstrip().rstrip("#").rstrip()
        return _Raw(BlockKind.HEADING, [line], marker=m.group(1), level=len(m.group(1)), first=title)
    if RE_RULE.match(raw):
        return _Raw(BlockKind.RULE, [line], marker=text)
    if RE_TABLE_ROW.match(raw):
        return _Raw(BlockKind.TABLE, [line])
    if RE_RECIPIENTS.match(text):
        return _Raw(BlockKind.RECIPIENTS, [line], first=text)
    if m := RE_FOOTNOTE.match(raw):
        return _Raw(BlockKind.FOOTNOTE, [line], marker=m.group(1), number=m.group(1).translate(_SUP_TO_DIGIT),
                    first=m.group(2))
    if text[:1] == "[" and (m := RE_FOOTNOTE_BRACKET.match(raw)):
        return _Raw(BlockKind.FOOTNOTE, [line], marker=f"[{m.group(1)}]", number=m.group(1), first=m.group(2))
    if text[:2] in ("**", "__") and (bold := RE_BOLD_MARKER.match(text)):
        # "**1.** Đến nay, ...": a web page's number in bold alone; read as "1. Đến nay", the marker with its marks
        found = _classify(_Line(line.no, f"{bold.group('mark')} {bold.group('rest')}"))
        if found is not None and found.kind in (BlockKind.ITEM, BlockKind.HEADING) and found.number:
            found.lines, found.marker = [line], text[: bold.start("rest")].rstrip()
            return found
    inner = _unwrap_bold(text)
    if (m := RE_ROMAN.match(inner)) and m.group("num"):
        return _Raw(BlockKind.HEADING, [line], marker=inner[: m.start("rest")].strip(), number=m.group("num"),
                    level=2, first=m.group("rest"))
    # (a line bold as a whole, its number inside: "**3. Đối với Ban Tuyên giáo Huyện ủy:**", as a Word file's bold
    # heading is saved as Markdown; the marker is read inside the bold, which the block's text keeps; or bold up to its
    # matter's colon only: "**4. Về kết quả ...:** đồng chí ... kết luận:")
    opened = text[2:] if text[:2] in ("**", "__") else ""
    numbered = text if (m := RE_NUMBERED.match(text)) else inner if (m := RE_NUMBERED.match(inner)) else \
        opened if opened and (m := RE_NUMBERED.match(opened)) else ""
    if m:
        num = m.group("num")
        if "." in num or not numbered[len(num) :].startswith(" ") or RE_MULTILEVEL.match(num):
            return _Raw(BlockKind.ITEM, [line], marker=numbered[: m.start("rest")].strip(), number=num,
                        first=m.group("rest"))
    if m := RE_LETTERED.match(text):
        return _Raw(BlockKind.ITEM, [line], marker=text[: m.start("rest")].strip(), number=m.group("num"),
                    first=m.group("rest"))
    if m := RE_PAREN_NUMBERED.match(text):  # "(1) Chỉ đạo Sở Xây dựng ...": a level under a lettered point
        return _Raw(BlockKind.ITEM, [line], marker=text[: m.start("rest")].strip(), number=m.group("num"),
                    first=m.group("rest"))
    if (m := RE_BULLET.match(raw)) and not text.startswith("**"):
        depth = 2 if m.group("mark") == "+" or len(m.group("indent")) >= 2 else 1
        return _Raw(BlockKind.BULLET, [line], marker=m.group("mark"), level=depth, first=m.group("rest"))
    return None


TAB = "\t"
# a marker bold on its own before the text: "**1.** Đến nay ...", "**II.** NHIỆM VỤ"
RE_BOLD_MARKER = re.compile(r"^(\*\*|__)(?P<mark>[^*_\s]{1,12})\1\s+(?P<rest>\S.*)$")


def _cells(raw: str) -> list[str]:
    return [c.strip() for c in raw.strip("\r\n").split(TAB)]


def _tab_rows(lines: list[_Line]) -> dict[int, bool]:
    """The lines of tables that Word saved as plain text, each with whether it continues the row above: one row per
    line, its cells apart by tabs, but a cell with a line break in it breaks its row over lines.

    A row has three cells or more (two tabs); rows next to each other with as many cells make a
    table, when one of them at least has two cells with text. A lone line with tabs in it (text laid out with
    tabs) is no table. Below a table's first row, a row that begins with its number ("1", "2.", "a)") and has
    fewer cells goes on over the lines that follow until it has as many: each next line's first cell continues the
    last cell of the lines before (``_broken_row``).
    """
    out: dict[int, bool] = {}
    i = 0
    while i < len(lines):
        width = _width(lines[i])
        if width < 3:
            i += 1
            continue
        rows = [[i]]
        j = i + 1
        while j < len(lines):
            if _width(lines[j]) == width:
                rows.append([j])
                j += 1
            elif (end := _broken_row(lines, j, width)) is not None:
                rows.append(list(range(j, end)))
                j = end
            else:
                break
        if len(rows) < 2 or not any(sum(bool(c) for c in _cells(lines[row[0]].raw)) >= 2 for row in rows):
            # (lines whose tabs hold nothing after their text, a signature's column left empty beside the
            # recipients: "- Ủy ban Kiểm tra Trung ương (b/c),<TAB><TAB>", are no table)
            i += 1
            continue
        for row in rows:
            out[lines[row[0]].no] = False
            out.update((lines[k].no, True) for k in row[1:])
        i = j
    return out


def _width(line: _Line) -> int:
    """The cells of a line with two tabs or more, else 0."""
    return len(_cells(line.raw)) if line.raw.count(TAB) >= 2 and line.raw.strip() else 0


RE_ROW_NUMBER = re.compile(r"(?:\d{1,3}|[a-zđ])[.)]?")
BROKEN_ROW_LINES = 12  # a row broken over more lines than this is not read as one


def _broken_row(lines: list[_Line], start: int, width: int) -> int | None:
    """Where a table's row that begins at ``start`` with its number and is broken over lines ends (the index after
    its last line), when its lines' cells make ``width``; None if they do not."""
    cells = _cells(lines[start].raw)
    if not lines[start].raw.strip() or len(cells) >= width or not RE_ROW_NUMBER.fullmatch(cells[0]):
        return None
    count = len(cells)
    for k in range(start + 1, min(len(lines), start + BROKEN_ROW_LINES)):
        if lines[k].blank:
            return None
        more = _cells(lines[k].raw)
        if len(more) > 1 and RE_ROW_NUMBER.fullmatch(more[0]):
            return None  # the next row began before this one had its cells
        count += len(more) - 1
        if count == width:
            return k + 1
        if count > width:
            return None
    return None


# a text copied out of a PDF has no blank lines: its title line, the first line of its intro and the first line of
# its signature ("T/M BAN THƯỜNG VỤ") start blocks of their own
RE_INTRO_OPENER = re.compile(r"^(?:Ngày|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa)\s+(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d"
                             r"|^(?:Thực hiện|Căn cứ|Vừa qua|Hôm nay|Sau khi|Tại (?:hội nghị|phiên|cuộc|buổi))\b")
RE_CAPACITY_LINE = re.compile(r"^(?:T/M|TM\.|T/L|TL\.|KT\.|K/T)\s*\S")


UPPER_HEADING = 8  # the fewest letters of a numbered line in capitals that is a heading ("1. UBND" is not one)


LAYOUT_INDENT = 5  # a layout copy's first line of a paragraph is indented by this many spaces or more


def _indented_paragraph(line: _Line, current: _Raw) -> bool:
    """``pdftotext -layout``'s paragraph: its first line indented, the others not, and no blank line between
    paragraphs. An indented line that opens with a capital starts one after a line that ends a sentence, or after a
    numbered title alone on its line ("1. Đánh giá chung" / "       Thời gian qua, ...")."""
    raw = line.raw
    indent = len(raw) - len(raw.lstrip(" "))
    prev = current.lines[-1]
    if indent < LAYOUT_INDENT or indent <= len(prev.raw) - len(prev.raw.lstrip(" ")) or not raw.lstrip()[:1].isupper():
        return False
    ended = prev.text.rstrip(" *")  # (a line's text is read already)
    if current.kind in (BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.BULLET) and ended[-1:] in ".;:!?":
        return True
    return current.kind in (BlockKind.ITEM, BlockKind.HEADING) and len(current.lines) == 1 \
        and ended[-1:] not in TERMINAL and len(ended.split()) <= 12


UNWRAPPED = 130  # a line this long was never wrapped: each line of such a copy is a paragraph of its own


def _after_a_long_line(line: _Line, current: _Raw) -> bool:
    """A copy whose paragraphs are one line each, with no blank line between (a Word file saved as text): a line
    longer than any wrap leaves that ends a sentence, then one that opens with a capital, are two paragraphs."""
    prev = current.lines[-1].text.rstrip(" *")
    return current.kind == BlockKind.PARAGRAPH and len(prev) > UNWRAPPED and prev[-1:] in ".;!?" \
        and line.text.lstrip()[:1].isupper()


TITLE_WORDS = 40  # the most words of a numbered title alone on its line ("2. Về tình hình bồi thường ... qua tỉnh")


def _under_a_title(line: _Line, current: _Raw) -> bool:
    """A numbered title alone on its line, its text on the next with no blank line ("1/ Đánh giá chung" / "Tháng
    11/2025, các chi bộ ..."): a few words, no closing mark, and a line under it far longer than a wrap would leave
    (a hard-wrapped item's first line is as long as its others)."""
    if current.kind not in (BlockKind.ITEM, BlockKind.HEADING) or len(current.lines) != 1 or not current.marker \
            or current.marker.startswith("#"):
        return False
    title = _unwrap_bold(current.first).rstrip()
    text = line.text.strip()
    return (len(title.split()) <= TITLE_WORDS and title[-1:] not in TERMINAL + ","
            and text[:1].isupper() and len(text) > len(current.lines[0].text.strip()) + 30)


def _opens_block(line: _Line, current: _Raw | None, index: int) -> bool:
    """A plain line that starts a block though no blank line comes before it (see above); ``index`` counts the lines
    from the text's top, or from its official header's where a web page's copy puts the page's own lines above it."""
    text = line.text.strip()
    if current is None:
        return False
    if RE_CAPACITY_LINE.match(text) and _is_upper_line(text) and (
            current.kind == BlockKind.BULLET or not _is_upper_line(current.lines[-1].text)):
        return True  # the signature after the last of the recipients ("- Lưu: VT, LĐTBXH." / "TL. CHỦ TỊCH")
    if current.lines[-1].text.rstrip(" *").endswith("/."):
        return True  # "... biết, thực hiện./." ends the text: the signer's name on the next line is no part of it
    if index < LETTER_TOP and (RE_LETTER_SUBJECT.match(text) or RE_ADDRESSEES.match(text)):
        return True  # a letter's subject under the header's number ("Số: 9126/VP-KT" / "V/v ..."), its "Kính gửi:"
    if current.kind in (BlockKind.HEADING, BlockKind.ITEM) and current.marker and not current.marker.startswith("#") \
            and all(_is_upper_line(ln.text) for ln in current.lines) and not _is_upper_line(text) \
            and sum(c.isalpha() for c in current.first) >= UPPER_HEADING:
        return True  # "I. KẾT QUẢ ĐẠT ĐƯỢC" / "Quý III/2025 là quý đầu tiên ...": a PDF's heading, then its text
    if _indented_paragraph(line, current) or _under_a_title(line, current) or _after_a_long_line(line, current):
        return True
    if current.kind != BlockKind.PARAGRAPH:
        return False
    if index < HEADER_LINES and _doc_type_line(text) and not _doc_type_line(current.lines[-1].text):
        return True
    return _doc_type_line(current.lines[0].text) and len(current.lines) >= 2 and bool(RE_INTRO_OPENER.match(text))


# the words a number goes with, ending a line: the number that opens the next line (a hard-wrap's) is theirs, no item's
RE_TAKES_A_NUMBER = re.compile(r"(?<!\S)(?:số|ngày|tháng|khoản|Điều|điều|mục|điểm|khóa|lần thứ|Quốc lộ|Tỉnh lộ|"
                               r"Đường tỉnh|Kỳ họp|kỳ họp)$")


MOTTO_TOP = 4  # the lines above the motto in an official header (the issuer's two or three, "Số: ...")


def _header_top(lines: list[_Line]) -> int:
    """How far below its usual place the official header starts: a web page's copy puts the portal's name, menu,
    headline and lead above it (the lines counted from the top where the header's title is looked for move with it);
    0 in any other text."""
    motto = next((i for i, ln in enumerate(lines[:PORTAL_LINES]) if RE_MOTTO.match(ln.text)), 0)
    return max(0, motto - MOTTO_TOP)


def _group_lines(lines: list[_Line]) -> list[_Raw]:
    """Group lines into raw blocks: a marker line starts a block, text continues one."""
    blocks: list[_Raw] = []
    current: _Raw | None = None
    blank_seen = False
    tab_rows = _tab_rows(lines)
    furniture = _furniture(lines)
    page: list[_Line] = []  # a page's running header and number, set after the block they interrupt (PAGE)
    top = _header_top(lines)
    for index, line in enumerate(lines):
        if line.no in furniture:
            page.append(line)
            continue
        if line.blank:  # a whitespace-only line is a blank line
            current = None
            blank_seen = True
            continue
        started = _classify(line, tab_rows)
        if started is not None and started.kind in (BlockKind.ITEM, BlockKind.HEADING) and not blank_seen \
                and current is not None and current.kind not in _CLOSED \
                and RE_TAKES_A_NUMBER.search(current.lines[-1].text.rstrip()):
            started = None  # "... (sau đây gọi tắt là Thông báo số" / "142) về công tác ...": a wrapped line's number
        if started is None and _opens_block(line, current, index - top):
            current = None
        # a "#" heading is one line, as in Markdown; a numbered heading may wrap onto the next
        continues_text = (started is None and current is not None and current.kind not in _CLOSED
                          and not current.marker.startswith("#"))
        continues_table = (started and current and started.kind == current.kind == BlockKind.TABLE
                           and started.marker == current.marker)
        if continues_text or continues_table:
            current.lines.append(line)
            if continues_table and tab_rows.get(line.no):
                current.continued.add(line.no)
        else:
            if page:
                blocks.append(_Raw(BlockKind.PAGE, page))
                page = []
            current = started or _Raw(BlockKind.PARAGRAPH, [line], first=line.raw.strip())
            current.blank_before = blank_seen
            blocks.append(current)
        blank_seen = False
    if page:
        blocks.append(_Raw(BlockKind.PAGE, page))
    return blocks


# a line that only numbers a page: "2", "- 2 -", "Trang 2", "2/5"; alone, only beside a running header (below)
RE_PAGE_NUMBER_LINE = re.compile(r"(?:[-–]\s*)?(?:[Tt]rang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–])?")
RE_PAGE_NUMBER_OWN = re.compile(r"[-–]\s*\d{1,3}\s*[-–]|[Tt]rang\s+\d{1,3}(?:\s*/\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3}")
RUNNING_HEADER = 15  # the fewest characters of a line repeated at each page's top that is read as a running header
PAGE_LINES = 15  # the fewest lines of text a page holds: numbers closer together number rows or items, not pages


CENTRED = 10  # the spaces before a page's number that a PDF's text layer centres on its line


PAGE_WIDTH = 60  # the fewest characters of a line that fills a page's width: a page ends on one


def _cuts_a_sentence(before: str, after: str) -> bool:
    """A number between a full line that does not end its sentence and one that goes on in lower case ("... không
    để" / "2" / "người dân khiếu kiện ..."): a page's number, wherever the copy put it on its line. After a short
    line ("Đoạn văn thứ nhất" / "2"), the number is the text's own."""
    return bool(len(before.strip()) >= PAGE_WIDTH and before.rstrip()[-1:].isalpha() and after.lstrip()[:1].islower())


def _centred_numbers(lines: list[_Line], kept: list[int], numbers: set[int], symbol: str | None = None) -> list[int]:
    """Bare page numbers without a running header, centred on their lines (or cutting a sentence, the page's header
    naming the document between: "... ; tăng cường" / "2" / "Thông báo số 496/TB-UBND ..." / "tuần tra, ...") and
    counting the pages ("2", then "3" a page later), or a lone "2" (the first page is not numbered): rows and items are
    not centred."""
    def names_the_document(k: int) -> bool:  # the line after the number is a page's header naming the document
        after = lines[kept[k + 1]].text
        return bool(symbol) and k + 2 < len(kept) and symbol in after.split() and len(after) <= RUNNING_HEADER_MAX

    def cuts(k: int) -> bool:  # between two halves of a sentence, with the page's header after it or not
        before = lines[kept[k - 1]].text
        if names_the_document(k):  # (then what goes on may be a name: "... trình" / "2" / header / "UBND tỉnh ...")
            return before.rstrip()[-1:].isalnum()
        return _cuts_a_sentence(before, lines[kept[k + 1]].text)

    found = [(k, int(lines[kept[k]].text)) for k in sorted(numbers) if 0 < k < len(kept) - 1
             and lines[kept[k]].text.strip().isdigit()
             and (len(lines[kept[k]].text) - len(lines[kept[k]].text.lstrip(" ")) >= CENTRED or cuts(k))]
    pages: set[int] = set()
    for (k, value), (k_next, value_next) in itertools.pairwise(found):
        if value_next == value + 1 and k_next - k >= PAGE_LINES:
            pages.update((k, k_next))
    if not pages and len(found) == 1 and found[0][1] == 2:
        pages = {found[0][0]}
    return [kept[k] for k in sorted(pages)]


def _furniture(lines: list[_Line]) -> frozenset[int]:
    """The lines a PDF's pages leave in a text copied out of it, inside the text: a page's number ("Trang 2",
    "- 2 -", or a bare "2" beside a running header) and the running header or footer beside it (a line of the
    text written again, word for word, at each page, each time first, last or beside a number). Not the first line
    of the text, nor a bare number last; bare numbers a page apart at least (a table's rows, one cell a line, are
    numbered too, and may repeat a cell beside their numbers)."""
    texts = [" ".join(ln.text.split()) for ln in lines]
    kept = [i for i, t in enumerate(texts) if t]  # the lines with text: blank lines between do not count
    numbers = {k for k, i in enumerate(kept) if RE_PAGE_NUMBER_LINE.fullmatch(texts[i])}
    where: dict[str, list[int]] = {}
    for k, i in enumerate(kept):
        if len(texts[i]) >= RUNNING_HEADER:
            where.setdefault(texts[i], []).append(k)

    def running(k: int) -> bool:
        found = where.get(texts[kept[k]], [])
        return len(found) >= 2 and all(p in (0, len(kept) - 1) or p - 1 in numbers or p + 1 in numbers
                                       for p in found)

    symbol = _own_symbol(texts[i] for i in kept[:OWN_NUMBER_LINES])
    out: set[int] = set(_centred_numbers(lines, kept, numbers, symbol))
    last_page = 0
    for k in sorted(numbers):
        i = kept[k]
        own = bool(RE_PAGE_NUMBER_OWN.fullmatch(texts[i]))
        if k == 0 or (k == len(kept) - 1 and not own):
            continue
        beside = [kept[n] for n in (k - 1, k + 1) if 0 < n < len(kept) and running(n)]
        if own or (beside and k - last_page >= PAGE_LINES):
            out.add(i)
            out.update(beside)
            last_page = k
    if symbol:
        # a page's header naming the document once, beside its number: "Thông báo số 2145/TB-SNNMT ngày 05/12/2025
        # của Sở ..." over page 2 of a two-page text (no second page to repeat it)
        at = {i: k for k, i in enumerate(kept)}
        for i in [i for i in out if i in at]:
            out.update(kept[n] for n in (at[i] - 1, at[i] + 1) if OWN_NUMBER_LINES <= n < len(kept)
                       and len(texts[kept[n]]) <= RUNNING_HEADER_MAX and symbol in texts[kept[n]].split())
    return frozenset(lines[i].no for i in out)


OWN_NUMBER_LINES = 12  # the lines of a text's top where its own number stands ("Số: 2145/TB-SNNMT")
LETTER_TOP = 36  # the lines at a text's top where a letter's subject and "Kính gửi:" stand, its header above them
RUNNING_HEADER_MAX = 160  # the most characters of a page's header line
RE_OWN_SYMBOL = re.compile(r"^Số\s*:?\s*(?P<symbol>\d+[-/][^\s,;]*[^\W\d_][^\s,;]*)", re.IGNORECASE)


def _own_symbol(top: Iterable[str]) -> str | None:
    """The text's own number, from the "Số: ..." line of its header."""
    return next((m.group("symbol") for t in top if (m := RE_OWN_SYMBOL.match(t))), None)


_CLOSED = (BlockKind.TABLE, BlockKind.RULE)


def _raw_text(raw: _Raw) -> str:
    """The block's source text minus its leading marker, lines joined by "\\n"."""
    first = raw.lines[0].raw
    if raw.marker.startswith("#"):
        m = RE_MD_HEADING.match(first)
        head = m.group(2) if m else raw.first
    elif raw.kind in (BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.RECIPIENTS, BlockKind.RULE):
        head = first.strip()
    else:
        head = _strip_marker(first.strip(), raw.marker)
    rest = [ln.raw.strip() for ln in raw.lines[1:]]
    return "\n".join([head, *rest])


def _strip_marker(text: str, marker: str) -> str:
    """Remove a leading marker, keeping an opening emphasis mark that wrapped it."""
    if not marker:
        return text

    def starts(t: str) -> bool:  # the marker as read ("1/"), though written with a no-break space or an eth
        return reading_text(t[: len(marker) + 4]).startswith(marker)

    lead = ""
    body = text
    for em in ("**", "*"):
        if body.startswith(em) and starts(body[len(em) :].lstrip()):
            lead, body = em, body[len(em) :].lstrip()
            break
    if body[:1] == "\\" and starts(body[1:]):
        body = body[1:]  # a Word export's escaped mark: "\+ Thi hành kỷ luật ..."
    if starts(body):
        cut = next(i for i in range(len(marker), len(body) + 1) if reading_text(body[:i]).startswith(marker))
        body = body[cut:].lstrip()
    return lead + body


def _to_block(raw: _Raw) -> Block:
    block = Block(
        kind=raw.kind,
        line=raw.lines[0].no,
        end_line=raw.lines[-1].no,
        marker=raw.marker,
        number=raw.number,
        level=raw.level,
    )
    if raw.kind == BlockKind.TABLE and raw.marker == TAB:
        block.rows = []
        for ln in raw.lines:
            cells = _cells(ln.raw)
            if ln.no in raw.continued and block.rows:  # the cell broken over lines, its lines kept
                # (a phrase wrapped at the cell's edge, "... Hai Bà Trưng," / "Trần Thái Tông ...", reads as one line)
                wrapped = block.rows[-1][-1].rstrip().endswith(",") or cells[0][:1].islower()
                block.rows[-1][-1] += (" " if wrapped else "\n") + cells[0]
                block.rows[-1] += cells[1:]
            else:
                block.rows.append(cells)
    elif raw.kind == BlockKind.TABLE:
        block.rows = [  # a cell's "<br>" (a web page's table converted to Markdown) is its line break
            [RE_CELL_BREAK.sub("\n", cell).strip() for cell in ln.raw.strip().strip("|").split("|")]
            for ln in raw.lines
            if not RE_TABLE_SEP.match(ln.raw)
        ]
    else:
        block.spans = parse_inline(_raw_text(raw))
    if raw.kind == BlockKind.HEADING and raw.marker.startswith("#"):
        m = RE_NUMBERED.match(_unwrap_bold(raw.first))
        r = RE_ROMAN.match(_unwrap_bold(raw.first))
        if r and r.group("num"):
            block.number = r.group("num")
        elif m:
            block.number = m.group("num")
    return block


# --- document-level passes ------------------------------------------------------


# what a lone "THÔNG BÁO" is about, on the line below it, when neither bold nor in lower case ("Kết luận của Chủ tịch
# UBND thành phố tại cuộc họp ...", a Word file's that lost its bold)
RE_SUBTITLE = re.compile(r"(?:Kết luận|Ý kiến kết luận|Ý kiến chỉ đạo)\s+(?:của|tại|về)\s")


# the right column's first line of an official header: a state body's motto, a party body's name of the party
RE_MOTTO = re.compile(r"^[*_\s]*(?:(?:CỘNG HÒA|CỘNG HOÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM)")
PORTAL_LINES = 120  # lines: how far down a web page's copy its notice's header may start
PORTAL_REACH = 60  # blocks: how far down a web page's copy its notice's header may start (menus, a lead paragraph)


def _header_line(text: str) -> bool:
    """A line of an official header: the issuer or the motto in capitals, the number, the place and date, a rule."""
    t = _unwrap_bold(text)
    return (not t or _is_upper_line(t) or bool(RE_HEADER_RIGHT.match(t) or RE_RULE.match(t) or RE_OWN_SYMBOL.match(t))
            or t.startswith("Độc lập"))


def _page_before_header(raws: list[_Raw]) -> int:
    """Where a copied web page's notice starts: the first block of the official header whose motto comes after the
    portal's own lines (its name and menu, a breadcrumb, a headline, a lead paragraph retelling the notice), which
    are the page's and not the notice's; 0 when the text starts with its header, or has none."""
    motto = next((i for i, r in enumerate(raws[:PORTAL_REACH]) if any(RE_MOTTO.match(ln.text) for ln in r.lines)), 0)
    start = motto
    while start > 0 and all(_header_line(ln.text) for ln in raws[start - 1].lines):
        start -= 1
    # the page's own lines hold prose (a headline or a lead in running text): a header's stray line above the issuer
    # (a stamp "KHẨN", a file's name) does not make the text a page
    prose = any(not _is_upper_line(ln.text) and len(ln.text.split()) >= 6 for r in raws[:start] for ln in r.lines)
    # (and none of the notice's own: a Word letter's header table read column by column puts its number and its
    # subject, "Số: 5127/VP-KT" / "V/v truyền đạt ý kiến ...", above the right column's motto)
    own = any(RE_OWN_SYMBOL.match(t) or RE_LETTER_SUBJECT.match(t)
              for r in raws[:start] for ln in r.lines if (t := _unwrap_bold(ln.text)))
    return start if prose and not own else 0


@cache
def _portal_tail_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in knowledge.genre()["portal_tail"]))


def _page_after_end(raws: list[_Raw], body_at: int) -> int:
    """Where a copied web page's furniture starts after its notice (the attachment's link, "Chia sẻ", "Văn bản liên
    quan", the footer): the first such line after the notice's closing line or its recipients; the raws' length when
    there is none. An appendix after it is the notice's again."""
    end = next((i for i in range(len(raws) - 1, body_at - 1, -1)
                if raws[i].kind == BlockKind.RECIPIENTS or RE_CLOSING_MARK.search(raws[i].lines[-1].text)), None)
    if end is None:
        return len(raws)
    tail = _portal_tail_re()
    return next((i for i in range(end + 1, len(raws)) if tail.match(_unwrap_bold(raws[i].lines[0].text))), len(raws))


def _as_page(raws: Iterable[_Raw]) -> None:
    for r in raws:
        r.kind, r.marker, r.number, r.level = BlockKind.PAGE, "", "", 0


def _front_matter(raws: list[_Raw]) -> int:
    """Mark header and title blocks at the top; returns the index of the first body block."""
    start = _page_before_header(raws)
    _as_page(raws[:start])
    limit = min(len(raws), start + 12)
    title_at = None
    for i in range(start, limit):
        r = raws[i]
        first = r.lines[0].text
        if len(first) > 200:
            break
        if _doc_type_line(r.first if r.marker.startswith("#") else first):
            title_at = i
            break
    if title_at is None:  # a letter ("Công văn"): its subject, "V/v ...", stands where a notice's title does
        title_at = next((i for i in range(start, limit) if RE_LETTER_SUBJECT.match(raws[i].lines[0].text)), None)
        if title_at is None:
            return start
    for r in raws[start:title_at]:
        if r.kind != BlockKind.RULE:  # a separator line in the header stays a line
            r.kind = BlockKind.HEADER
    raws[title_at].kind = BlockKind.TITLE
    nxt = title_at + 1
    letter = bool(RE_LETTER_SUBJECT.match(raws[title_at].lines[0].text))
    while letter and nxt < len(raws) and all(RE_HEADER_RIGHT.match(ln.text) or RE_RULE.match(ln.text)
                                             for ln in raws[nxt].lines):
        # a Word letter's header table read column by column: its subject under the number, in the left column,
        # then the right column's motto and place and date
        raws[nxt].kind = BlockKind.HEADER
        nxt += 1
    # a subtitle paragraph after a lone type line: bold, or starting in lower case
    if nxt < len(raws):
        r = raws[nxt]
        text = _unwrap_bold(r.lines[0].text)
        short = sum(len(ln.text) for ln in r.lines) < 400
        if (
            r.kind == BlockKind.PARAGRAPH
            and short
            and not RE_ADDRESSEES.match(text)
            and (r.lines[0].text.lstrip().startswith("**") or text[:1].islower()
                 or (RE_SUBTITLE.match(text) and text.rstrip()[-1:] not in TERMINAL))
        ):
            r.kind = BlockKind.TITLE
            nxt += 1
    # its lines, when a PDF's lines became paragraphs: a subtitle left open goes on in lower case ("... cơ cấu
    # cây" / "trồng, vật nuôi ...")
    while (nxt < len(raws) and raws[nxt - 1].kind == BlockKind.TITLE and raws[nxt].kind == BlockKind.PARAGRAPH
           and len(raws[nxt].lines) == 1 and _unwrap_bold(raws[nxt].lines[0].text)[:1].islower()
           and reading_text(raws[nxt - 1].lines[-1].text).rstrip(" *_")[-1:] not in TERMINAL):
        raws[nxt].kind = BlockKind.TITLE
        nxt += 1
    return nxt


RE_SIGNED = re.compile(r"^\(?\s*(?:đã\s+ký|ký)(?:\s*(?:tên|,|và|đóng dấu|ghi rõ họ tên))*\s*\)?\.?$", re.IGNORECASE)


def _block_lines(block: Block) -> list[str]:
    """The block's lines as the parser reads them, without emphasis marks and "(Đã ký)"."""
    text = reading_text("".join(s.text for s in block.spans))
    return [ln.strip(" *") for ln in text.split("\n") if ln.strip(" *") and not RE_SIGNED.match(ln.strip(" *"))]


def _is_name(text: str) -> bool:
    words = _rank_re().sub("", text, count=1).split()  # (a signer's rank before the name: "Đại tá Phạm Văn Nghĩa")
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and text[-1:] not in TERMINAL + ","


@cache
def _rank_re() -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(map(re.escape, knowledge.genre()["ranks"])) + r")\s+(?=\S)")


def _is_signature(block: Block) -> bool:
    """Capacity and title lines in capitals ("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"), maybe the name under them."""
    # (a line with no letter, "'" or ".", is a scan's speck where the seal or the signature stood)
    lines = [ln for ln in _block_lines(block) if any(c.isalnum() for c in ln)]
    names = 0
    while lines and len(lines) > 1 and _is_name(lines[-1]) and not _is_upper_line(lines[-1]):
        lines, names = lines[:-1], names + 1  # a Word export's signature column holds the name too
    if not lines or len(lines) > 6 or names > 1 or not all(_is_upper_line(ln) for ln in lines):
        return False
    folded = fold(" ".join(lines)).upper()
    return any(w in folded for w in SIGNATURE_WORDS)


def _is_name_line(block: Block) -> bool:
    if block.kind != BlockKind.PARAGRAPH:
        return False
    lines = _block_lines(block)
    return len(lines) <= 1 and all(_is_name(ln) for ln in lines)


def _ends_the_text(blocks: list[Block], at: int) -> bool:
    """Whether nothing but a page's number and running header stands between ``at`` and the end, an appendix or the
    "Nơi nhận" list (a signature may stand above it)."""
    for b in blocks[at:]:
        if b.kind != BlockKind.PAGE:
            return b.kind == BlockKind.RECIPIENTS or bool(RE_APPENDIX.match(b.text))
    return True


def _tail(blocks: list[Block]) -> list[Block]:
    """Gather the recipients list and the signature block at the end."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == BlockKind.RECIPIENTS:
            j = i + 1
            while j < len(blocks) and blocks[j].kind == BlockKind.BULLET:
                b.children.append(blocks[j])
                j += 1
            # a label with items on its own line(s) ("Nơi nhận: - A; - B")
            out.append(b)
            i = j
            continue
        # where a signature may stand first (cheap), then whether the block is one (its every letter counted)
        if (i >= len(blocks) - 2 or _is_name_line(blocks[i + 1]) or _ends_the_text(blocks, i + 1)) \
                and _is_signature(b):
            sig = Block(BlockKind.SIGNATURE, b.line, list(b.spans), end_line=b.end_line)
            j = i + 1
            while j < len(blocks) and _is_name_line(blocks[j]) and not RE_APPENDIX.match(blocks[j].text) \
                    and not _is_signature(blocks[j]):  # a second signature beside it, unzipped: the minutes'
                sig.spans.append(Span("\n"))
                sig.spans.extend(blocks[j].spans)
                sig.end_line = blocks[j].end_line
                j += 1
            out.append(sig)
            i = j
            continue
        out.append(b)
        i += 1
    if len(out) >= 2 and _is_name_line(out[-1]) and not _is_upper_line(out[-1].text) \
            and out[-2].text.rstrip(" *").endswith("/."):
        # a copy that kept only the signer's name under the closing line ("... biết, thực hiện./." then the name)
        last = out[-1]
        out[-1] = Block(BlockKind.SIGNATURE, last.line, list(last.spans), end_line=last.end_line)
    return out


def _ends_open(block: Block) -> bool:
    """Whether the block stops without closing punctuation (emphasis marks, spaces and invisible marks aside).

    Read from the end of its spans, not from its whole text: a block that page breaks keep joining
    is checked once per join, which must not cost its length (quadratic in the paragraphs joined).
    """
    for span in reversed(block.spans):
        text, end = span.text, len(span.text)
        while end and (text[end - 1].isspace() or text[end - 1] in "*_" or text[end - 1] in INVISIBLE):
            end -= 1
        if end:
            return text[end - 1] not in TERMINAL
    return False


# words a sentence never ends with: a block that stops on one goes on in the next ("... phối hợp với" / "Ngân hàng
# Chính sách xã hội ...", as a PDF's lines pasted into Word, one paragraph each, leave it). Only words that cannot
# close a phrase: "thời gian tới", "sắp đến", "nêu trên", "tiếp theo", "hiện tại", "đồng bằng" end headings.
DANGLING = frozenset({"với", "và", "của", "cho", "các", "những", "để", "từ", "trong", "hoặc", "mà", "nếu", "khi"})
WRAPS = 3  # lower-case continuations after a blank that show a text's lines are a PDF's lines, one paragraph each
FULL_LINE = 0.8  # share of such a text's usual line that a line wrapped at the margin fills


def _last_line(block: Block) -> str:
    return reading_text("".join(s.text for s in block.spans)).rstrip().rsplit("\n", 1)[-1].strip(" *_")


def _goes_on(prev: Block, nxt: Block, full: float | None) -> bool:
    """Does the paragraph after a blank go on with the sentence the block before it left open?

    ``full`` is the length of a line wrapped at the margin when the text is hard-wrapped: there a block whose
    last line fills it goes on whatever the next paragraph's first letter ("..., báo cáo" / "Ban Thường vụ ...").
    """
    first = reading_text(nxt.text).lstrip()[:1]
    words = reading_text(prev.text).split()
    return (first.islower() or first.isdigit() or bool(words and words[-1].strip("*_") in DANGLING)
            or (full is not None and len(_last_line(prev)) >= full) or _fills_its_lines(prev))


def _fills_its_lines(block: Block) -> bool:
    """A block of hard-wrapped lines whose last line is as full as the others: it was cut at the margin (by a
    page's end: "... tổ chức tốt" / "3" / "Ngày hội Đại đoàn kết ..."), not at its sentence's end."""
    lines = [line.strip() for line in reading_text("".join(s.text for s in block.spans)).split("\n")]
    if len(lines) < 2:
        return False
    return len(lines[-1]) >= FULL_LINE * max(len(line) for line in lines[:-1]) >= FULL_LINE * PAGE_WIDTH


def _wrapped_line(raws: list[_Raw], blocks: list[Block]) -> float | None:
    """The length a wrapped line fills when the text is a PDF's lines, one paragraph each (else None): the
    median last line of the open blocks that a lower-case paragraph after a blank goes on."""
    lengths = sorted(len(_last_line(prev)) for prev, raw, b in zip(blocks, raws[1:], blocks[1:], strict=False)
                     if raw.blank_before and b.kind == BlockKind.PARAGRAPH and _ends_open(prev)
                     and reading_text(b.text).lstrip()[:1].islower())
    return FULL_LINE * lengths[len(lengths) // 2] if len(lengths) >= WRAPS else None


def _repair_page_breaks(raws: list[_Raw], blocks: list[Block]) -> list[Block]:
    """Join a block that stops mid-sentence with the paragraph after the blank that goes on with it."""
    full = _wrapped_line(raws, blocks)
    out: list[Block] = []
    for raw, b in zip(raws, blocks, strict=True):
        k = len(out) - 1
        while k >= 0 and out[k].kind == BlockKind.PAGE:  # a page's furniture between them: the sentence goes on
            k -= 1
        prev = out[k] if k >= 0 else None
        if (
            prev is not None
            and b.kind == BlockKind.PARAGRAPH
            and (raw.blank_before or k < len(out) - 1)  # (or a page's furniture between them, no blank line)
            and prev.kind in (BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.BULLET)
            and ((_ends_open(prev) and _goes_on(prev, b, full))
                 # "... chỉ tiêu được giao;" / "2" / "báo cáo Hội đồng ...": a clause ends at the page's foot, its
                 # sentence goes on in lower case on the next page
                 or (k < len(out) - 1 and _last_line(prev)[-1:] in ";,"
                     and reading_text(b.text).lstrip()[:1].islower())
                 # "... cho người và phương tiện" / "4" / header / "(hoàn thành trước ngày 31/12/2025).": its time
                 or (k < len(out) - 1 and _ends_open(prev) and reading_text(b.text).lstrip()[:1] == "("))
        ):
            prev.spans.extend([Span("\n"), *b.spans])  # in place: copying would be quadratic
            prev.end_line = b.end_line
            continue
        out.append(b)
    return out


def _is_short_head(block: Block) -> bool:
    return len(block.text.split()) <= 20 and ". " not in block.text.rstrip(".")


def _group_headings(blocks: list[Block]) -> None:
    """A short numbered item that only introduces sub-items or a table is a group heading."""
    numbered = [b for b in blocks if b.kind in (BlockKind.ITEM, BlockKind.HEADING) and b.number[:1].isdigit()]
    for b, nxt in itertools.pairwise(numbered):
        if b.kind == BlockKind.ITEM and nxt.number.startswith(b.number + ".") and _is_short_head(b):
            b.kind, b.level = BlockKind.HEADING, 3
    for b, nxt in itertools.pairwise(blocks):  # a short item, or one that introduces it ("... như sau:")
        if b.kind == BlockKind.ITEM and nxt.kind == BlockKind.TABLE and (
                _is_short_head(b) or b.text.rstrip(" *").endswith(":")):
            b.kind, b.level = BlockKind.HEADING, 3
    items = [b for b in blocks if b.kind == BlockKind.ITEM]
    for b, nxt in itertools.pairwise(items):  # "1. Ủy ban nhân dân thành phố:" then "a) ..." (or "1) ...")
        if b.number[:1].isdigit() and (nxt.number in ("a", "đ") or _sub_numbered(nxt, b)) and (
                _is_short_head(b) or b.text.rstrip(" *").endswith(":")):
            b.kind, b.level = BlockKind.HEADING, 3


def _sub_numbered(item: Block, parent: Block | None) -> bool:
    """An item numbered "1)" under one numbered "2." (the genre's next level, as "a)" is): "2.1"."""
    return (parent is not None and item.marker[-1:] == ")" and item.number.isdigit()
            and parent.marker[-1:] not in (")", "") and parent.number[:1].isdigit())


def _read_ocr_one(blocks: list[Block]) -> None:
    """"l. UBND huyện:" then "2. Ban Thường vụ ...": a scan's OCR reads a "1." as the letter "l"; an item lettered "l"
    that no "k" comes before, whose next item is "2.", is the list's first (a list's twelfth letter follows its
    eleventh)."""
    items = [b for b in blocks if b.kind == BlockKind.ITEM and b.number]
    for i, b in enumerate(items[:-1]):
        if b.number == "l" and b.marker in ("l.", "l)") and items[i + 1].number == "2" \
                and (i == 0 or items[i - 1].number != "k"):
            b.number = "1"


def _number_items(blocks: list[Block]) -> None:
    """Qualify numbers: lettered items join their parent; restarted sections get their numeral.

    Items of a later roman section whose numbers restart (its "1." was already
    used in an earlier section) are prefixed with that numeral: "III.1".
    """
    _read_ocr_one(blocks)
    section = prefix = parent = ""
    seen_before: set[str] = set()  # top-level numbers used before the current section
    seen_here: set[str] = set()
    head: Block | None = None  # the item or heading numbered "2." that items numbered "1)" join (``_sub_numbered``)
    last = ""  # the number of the last item that is not a "(1)"
    for b in blocks:
        if b.kind == BlockKind.HEADING and b.number and not b.number[0].isdigit():
            section, prefix, parent, last = b.number, "", "", ""
            seen_before |= seen_here
            seen_here = set()
            head = None
        elif b.kind == BlockKind.SIGNATURE:  # an appendix after the signature ("PHỤ LỤC") numbers afresh
            section = prefix = parent = last = ""
            seen_before, seen_here, head = set(), set(), None
        b.section = section
        if b.kind == BlockKind.TABLE and not parent:  # a task table's own numbers ("1 | Nạo vét ...") are used
            seen_here.update(row[0].strip(" .") for row in b.rows[1:] if row and row[0].strip(" .").isdigit())
        if b.kind not in (BlockKind.ITEM, BlockKind.HEADING) or not b.number or b.number == section:
            continue
        if b.marker[:1] == "(":  # "(1)" under "a)" of "1.1.1.": "1.1.1.a.1"; no parent of the levels after it
            b.number = f"{last}.{b.number}" if last else b.number
            continue
        if b.number[0].isdigit() and head is not None and _sub_numbered(b, head):
            b.number = parent = f"{head.number}.{b.number}"
        elif b.number[0].isdigit():
            head = b if b.marker[-1:] != ")" else None
            top = b.number.split(".")[0]
            if section and not seen_here and top in seen_before:
                prefix = section + "."
            seen_here.add(top)
            b.number = prefix + b.number
            parent = b.number
        else:  # a lettered item joins its parent: "a)" under "1." is "1.a"
            b.number = f"{parent}.{b.number}" if parent else b.number
        last = b.number


def _anchors(blocks: list[Block]) -> None:
    used: dict[str, int] = {}

    def unique(base: str) -> str:
        n = used.get(base, 0) + 1
        used[base] = n
        return base if n == 1 else f"{base}-{n}"

    paragraphs = 0
    parent = ""
    for b in blocks:
        if (b.kind == BlockKind.HEADING and b.number and b.number == b.section) or b.kind == BlockKind.SIGNATURE:
            parent = ""  # a table in a new roman section, or an appendix after the signature, joins no number before
        if b.kind in (BlockKind.ITEM, BlockKind.HEADING) and b.number[:1].isdigit():
            parent = b.number
        if b.kind == BlockKind.ITEM and b.number:
            b.anchor = unique("nhiem-vu-" + slugify(b.number))
        elif b.kind == BlockKind.PARAGRAPH:
            paragraphs += 1
            b.anchor = unique(f"doan-{paragraphs}")
        elif b.kind == BlockKind.TABLE:
            # rows numbered in their first column ("STT") join the heading above: "3.1"
            for row in b.rows[1:]:
                first = row[0].strip(" .*_") if row else ""  # "**A**": a group row's letter in bold
                number = f"{parent}.{first}" if parent and first.isdigit() else first
                b.row_numbers.append(number)
                b.row_anchors.append(unique("nhiem-vu-" + slugify(number)) if number else "")
        elif b.kind == BlockKind.HEADING and b.number and b.number == b.section:
            b.anchor = unique("muc-" + slugify(b.number))
        elif b.kind == BlockKind.HEADING and b.number:
            b.anchor = unique("nhom-" + slugify(b.number))
        elif b.kind == BlockKind.HEADING:
            b.anchor = unique(slugify(b.text)[:60].rstrip("-") or "muc")
        elif b.kind == BlockKind.FOOTNOTE:
            b.anchor = unique("chu-thich-" + b.number)
        elif b.kind == BlockKind.RECIPIENTS:
            b.anchor = unique("noi-nhan")
        elif b.kind == BlockKind.SIGNATURE:
            b.anchor = unique("chu-ky")


# Word's header and signature tables saved as text: their columns run together on one line, apart
# by tabs (or a run of spaces): "Số 186-TB/HU<TAB>ĐẢNG CỘNG SẢN VIỆT NAM", "- Lưu VPHU.<TAB>T/L BAN THƯỜNG VỤ".
RE_COLUMN_GAP = re.compile(r"\S(?P<gap>\t[ \t\u00a0]*|[ \u00a0]{4,}[ \t\u00a0]*)(?=\S)")
HEADER_LINES = 16  # the official header stands within the first lines
TAIL_LINES = 40  # the "Nơi nhận" list and the signature close the text


def _split_columns(line: _Line, right_at: int | None = None) -> tuple[_Line | None, _Line | None]:
    """(left, right) cells of a line of a two-column table; a line indented by tabs is right-hand only, and so is one
    indented by spaces, unless a PDF's layout centred the left cell too: then what starts well before the right
    column (``right_at``, where the lines with both cells start their right one) is the left cell."""
    raw = line.raw
    if not raw.strip():
        return None, None
    indent = len(raw) - len(raw.lstrip(" "))
    if raw[:1] == "\t" or (indent >= 4 and (right_at is None or indent >= right_at - COLUMN_SLACK)):
        return None, _Line(line.no, raw.strip())
    m = RE_COLUMN_GAP.search(raw, indent)
    if not m:
        return _Line(line.no, raw[indent:]), None
    return _Line(line.no, raw[indent: m.start("gap")]), _Line(line.no, raw[m.end("gap") :])


COLUMN_SLACK = 8  # how far before the right column a centred right-hand line may start


def _right_column(lines: list[_Line]) -> int | None:
    """Where a layout copy's right column starts: the leftmost right cell of the lines indented by spaces that hold
    both cells ("        ĐẢNG BỘ TỈNH ...            ĐẢNG CỘNG SẢN VIỆT NAM"); None when no such line."""
    starts = [m.end("gap") for ln in lines if ln.raw[:1] == " " and ln.raw.strip()
              and (m := RE_COLUMN_GAP.search(ln.raw, len(ln.raw) - len(ln.raw.lstrip(" "))))]
    return min(starts) if starts else None


def _unzip(lines: list[_Line], left_only=lambda ln: True) -> list[_Line]:
    """The left column's lines, a blank line, then the right column's, each keeping its source line number.

    ``left_only`` tells whether a line without a gap is the left column's (else the right's).
    """
    left: list[_Line] = []
    right: list[_Line] = []
    right_at = _right_column(lines)
    for line in lines:
        if line.blank:
            left.append(line)
            right.append(line)
            continue
        lcell, rcell = _split_columns(line, right_at)
        if lcell is not None and rcell is None and not left_only(lcell):
            lcell, rcell = None, lcell
        if lcell is not None:
            left.append(lcell)
        if rcell is not None:
            right.append(rcell)
    return [*left, _Line(lines[-1].no, ""), *right]


# a line break inside a cell of a web page's table converted to Markdown: "UBND TỈNH BÌNH DƯƠNG<br>**SỞ CÔNG THƯƠNG**"
RE_CELL_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _layout_tables(lines: list[_Line]) -> list[_Line]:
    """A web page's header and signature, converted to Markdown, are tables of one row whose cells hold their lines
    apart by "<br>" ("| UBND TỈNH ...<br>Số: 1642/TB-SCT | **CỘNG HÒA ...**<br>... |" then "|---|---|" and no row
    under it): they lay out the page, they are no table of tasks. Each cell's lines, one cell after the other, each
    keeping its source line number, as a Word export's two columns are unzipped."""
    if not any("<" in ln.raw and RE_CELL_BREAK.search(ln.raw) for ln in lines):
        return lines  # most texts hold no "<br>"
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        after = lines[i + 2] if i + 2 < len(lines) else None
        if (RE_TABLE_ROW.match(line.raw) and RE_CELL_BREAK.search(line.raw) and i + 1 < len(lines)
                and RE_TABLE_SEP.match(lines[i + 1].raw) and (after is None or not RE_TABLE_ROW.match(after.raw))):
            out.append(_Line(line.no, ""))
            for cell in line.raw.strip().strip("|").split("|"):
                out += [_Line(line.no, piece.strip()) for piece in RE_CELL_BREAK.split(cell)]
                out.append(_Line(line.no, ""))
            i += 2
            continue
        out.append(line)
        i += 1
    return out


PIPE_ROW_LINES = 6  # how many lines a Markdown table's row broken by a copy may run over


def _row_left_open(line: _Line) -> bool:
    """A line that opens a Markdown table's row and does not close it: "| 2 | Giải quyết ... Cam Lâm;"."""
    return line.raw.lstrip()[:1] == "|" and not RE_TABLE_ROW.match(line.raw)


def _pipe_rows_joined(lines: list[_Line]) -> list[_Line]:
    """A web page's table copied as Markdown, a row broken over lines where its cell wrapped ("| 2 | Giải quyết ...
    Cam Lâm;" then "gửi văn bản xin lỗi ... | Văn phòng Đăng ký đất đai | ... |"): a Markdown row cannot span lines,
    so the lines up to the one that closes the row are that row, joined by a space (a wrap's), under the first
    line's number. Only under a row or the header's rule, and only where a line within reach closes it."""
    if not any(map(_row_left_open, lines)):
        return lines  # most texts hold no such line
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if (_row_left_open(line) and out
                and (RE_TABLE_ROW.match(out[-1].raw) or RE_TABLE_SEP.match(out[-1].raw))):
            end = next((j for j in range(i + 1, min(i + PIPE_ROW_LINES, len(lines)))
                        if lines[j].blank or lines[j].raw.rstrip().endswith("|")), None)
            if end is not None and not lines[end].blank and lines[end].raw.lstrip()[:1] != "|":
                out.append(_Line(line.no, " ".join(ln.raw.strip() for ln in lines[i:end + 1])))
                i = end + 1
                continue
        out.append(line)
        i += 1
    return out


def _signature_cell(text: str) -> bool:
    """A signature's line ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "(Đã ký)") or its signer's name ("Phan Thị Thu Hiền")."""
    text = text.strip(" *")
    if RE_SIGNED.match(text):
        return True
    if _is_upper_line(text) and len(text.split()) >= 2:
        return True
    return _is_name(text) and _rank_re().sub("", text, count=1).split()[0] in _surnames()


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(knowledge.genre()["surnames"])


def _merged_tail(tail: list[_Line]) -> list[_Line]:
    """A copy that ran the recipients' column and the signature's into one line a single space apart ("Nơi nhận:
    TL. CHỦ TỊCH", "- TT Huyện ủy (b/c); CHÁNH VĂN PHÒNG", "- UBND các xã; Phan Thị Thu Hiền"): no gap tells the
    cells apart, but a list item ends at its ";" and what follows it in capitals, or a person's name, is the
    signature's. Only when the label's own line carries a signature's capacity or title in capitals (the sign that
    the copy merged the columns); then the recipients, a blank line, and the signature's lines."""
    label = tail[0].raw.strip() if tail else ""
    m = RE_RECIPIENTS.match(label)
    rest = label[m.end():].strip(" *") if m else ""
    if not (rest and _is_upper_line(rest) and any(w in fold(rest).upper() for w in SIGNATURE_WORDS)):
        return tail
    left = [_Line(tail[0].no, label[: m.end()].rstrip())]  # (cut where the label ends, as written)
    right = [_Line(tail[0].no, rest)]
    for line in tail[1:]:
        # (at its last ";", or "," or "." where the list ends its items so: "- Ban Tổ chức Tỉnh ủy (b/c), BÍ THƯ")
        cut = RE_LAST_ITEM_END.match(line.raw)
        if cut and _signature_cell(cut.group("cell")):
            left.append(_Line(line.no, cut.group("item")))
            right.append(_Line(line.no, cut.group("cell").strip()))
        else:
            left.append(line)
    return [*left, _Line(tail[-1].no, ""), *right]


RE_LAST_ITEM_END = re.compile(r"^(?P<item>.*[;,.])\s*(?P<cell>\S.*)$")  # a recipient's end, then the signature's cell
RE_CLOSING_MARK = re.compile(r"\./\.\s*\**\s*$|\s/\.\s*$")  # "... biết, thực hiện./."


# a table laid out with spaces (``pdftotext -layout``): its header's cells two spaces apart or more, one of them a
# task table's ("Cơ quan chủ trì", "Đơn vị thực hiện", "Phối hợp")
RE_CELL_GAP = re.compile(r"\S(?: ?\S)*")  # a cell's text on a line: words a single space apart
RE_TASK_COLUMN = re.compile(r"chủ trì|thực hiện|phối hợp", re.IGNORECASE)
RE_ALIGNED_ROW = re.compile(r"(?:\d{1,3}|[IVXL]{1,5}|[a-zđ])[.)]?")  # a row's number in its first column


def _aligned_header(line: _Line) -> list[int] | None:
    """Where the cells of a space-aligned task table's header line start, or None when the line is no such header."""
    cells = list(RE_CELL_GAP.finditer(line.raw)) if "  " in line.raw.strip() else []
    if len(cells) < 3 or not any(RE_TASK_COLUMN.search(c.group()) for c in cells):
        return None
    return [c.start() for c in cells]


GUTTER_SHARE = 0.1  # a position of a table's lines blank in all but this share of them lies between two columns
TABLE_SAMPLE = 60  # how many lines under a header tell where its columns start


def _column_starts(lines: list[_Line], header: int, starts: list[int]) -> list[int]:
    """Where the columns under a header start: a header's cell may stand centred over its column ("STT   Nhiệm vụ"
    over "  1  Hoàn thành kiểm đếm ..."), so each start moves to where the column's text begins, the first position
    after a gutter (a position blank in almost every line under the header)."""
    sample = [ln.raw for ln in lines[header + 1: header + 1 + TABLE_SAMPLE] if ln.raw.strip()]
    if len(sample) < 2:
        return starts
    width = max(map(len, sample))
    filled = [0] * (width + 1)
    for raw in sample:
        for p, ch in enumerate(raw):
            if ch != " ":
                filled[p] += 1
    gutter = [f <= GUTTER_SHARE * len(sample) for f in filled]
    out = [starts[0]]
    for c in starts[1:]:
        p = min(c, width)
        while p < width and gutter[p]:
            p += 1  # a header's cell left of its column's text
        while p > out[-1] + 1 and not gutter[p - 1]:
            p -= 1  # a header's cell centred over its column
        out.append(max(p, out[-1] + 1))
    return out


def _slices(raw: str, starts: list[int]) -> list[str]:
    """A table line's cells: each run of its text (words a single space apart) in the column it starts in, runs of
    one column joined by a space (a justified line's double spaces); a run wider than its column (a group row's
    title, "II  Hạ tầng kỹ thuật trong và ngoài hàng rào KCN") stays in the column it began in, but for a row's
    number run on into its text."""
    cells = [""] * len(starts)
    for run in RE_CELL_GAP.finditer(raw):
        text, at = run.group(), run.start()
        # the row's number a single space before its text ("III Thu hút đầu tư ..."): apart at the second column
        if at < starts[1] < run.end() and raw[starts[1] - 1] == " ":
            cells[0] = f"{cells[0]} {raw[at:starts[1]].strip()}".strip()
            text, at = raw[starts[1]:run.end()], starts[1]
        k = max(bisect.bisect_right(starts, at) - 1, 0)
        cells[k] = f"{cells[k]} {text}".strip()
    return cells


def _aligned_tables(lines: list[_Line]) -> list[_Line]:
    """A task table laid out with spaces, as ``pdftotext -layout`` prints a PDF's ("TT   Nội dung nhiệm vụ   Cơ quan
    chủ trì   Cơ quan phối hợp   Thời gian" over rows whose cells wrap over lines): each row one line of its cells
    apart by tabs, as Word saves a table as text, under its first line's number, a wrapped cell's lines joined by a
    space. Its header's wrapped lines join the header; what a page break leaves inside it (the page's number, the
    running header, the header printed again) follows the table, each line as it is. Nothing without such a header."""
    if not any("  " in ln.raw.strip() and RE_TASK_COLUMN.search(ln.raw) for ln in lines):
        return lines  # most texts hold no such table
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        starts = _aligned_header(lines[i])
        if starts is None:
            out.append(lines[i])
            i += 1
            continue
        header_key = [c.group() for c in RE_CELL_GAP.finditer(lines[i].raw)]
        starts = _column_starts(lines, i, starts)
        rows: list[tuple[int, list[str]]] = [(lines[i].no, _slices(lines[i].raw, starts))]
        moved: list[_Line] = []  # a page break's lines inside the table
        in_header, after_break, blanks = True, False, 0
        j = i + 1
        while j < len(lines):
            line = lines[j]
            if line.blank:
                blanks += 1
                if blanks >= 3:
                    break
                j += 1
                continue
            cells = _slices(line.raw, starts)
            text = " ".join(line.text.split())
            if RE_PAGE_NUMBER_LINE.fullmatch(text) or (after_break and not RE_ALIGNED_ROW.fullmatch(cells[0])):
                moved.append(line)  # "2", the running header, the header again, until the next row
                after_break = after_break or bool(RE_PAGE_NUMBER_LINE.fullmatch(text))
                j, blanks = j + 1, 0
                continue
            if [c.group() for c in RE_CELL_GAP.finditer(line.raw)] == header_key:
                moved.append(line)
                after_break = True
                j, blanks = j + 1, 0
                continue
            if RE_ALIGNED_ROW.fullmatch(cells[0]):
                rows.append((line.no, cells))
                in_header = after_break = False
            elif not cells[0] and (blanks < 2 or in_header):
                for k, cell in enumerate(cells):  # a wrapped cell goes on: its words joined by a space
                    if cell:
                        rows[-1][1][k] = f"{rows[-1][1][k]} {cell}".strip()
            else:
                break
            blanks = 0
            j += 1
        if len(rows) < 2:
            out.append(lines[i])
            i += 1
            continue
        out += [_Line(no, TAB.join(cells)) for no, cells in rows]
        out += [_Line(lines[j - 1].no, ""), *moved]
        i = j
    return out


def _columns(lines: list[_Line]) -> list[_Line]:
    """Unzip the two-column header and signature tables of a Word export into one column after the other."""
    lines = _aligned_tables(_layout_tables(_pipe_rows_joined(lines)))
    head_end = next((i for i, ln in enumerate(lines[:HEADER_LINES]) if _doc_type_line(ln.text)), 0)
    label = max((i for i, ln in enumerate(lines) if RE_RECIPIENTS.match(ln.text.strip())), default=None)
    # where the tail may start: the label, or else (no "Nơi nhận") the closing line, under which the signatures
    # alone may stand side by side (minutes: the secretary's on the left, the chair's on the right)
    start = label if label is not None else next(
        (i for i in range(len(lines) - 1, head_end - 1, -1) if RE_CLOSING_MARK.search(lines[i].text)), None)
    # an appendix after the signature ("PHỤ LỤC" over a table of tasks) is no part of the signature's table
    appendix = next((i for i in range(start + 1, len(lines)) if RE_APPENDIX.match(lines[i].text)), len(lines)) \
        if start is not None else len(lines)
    if label is None and start is not None:
        start = start + 1 if any(RE_COLUMN_GAP.search(ln.raw) for ln in lines[start + 1:appendix]) else None
    tail_start = start if start is not None and appendix - start <= TAIL_LINES else len(lines)
    header, body, tail = lines[:head_end], lines[head_end:tail_start], lines[tail_start:appendix]
    rest = lines[max(tail_start, appendix):]
    if any(RE_COLUMN_GAP.search(ln.raw) for ln in header):
        header = _unzip(header)
    if any(RE_COLUMN_GAP.search(ln.raw) or ln.raw[:1] == "\t" for ln in tail):
        # recipients are the label and its "-" items (and their wrapped lines); the rest is the signature
        tail = _unzip(tail, lambda ln: bool(label is None or RE_RECIPIENTS.match(ln.text.strip())
                                            or RE_BULLET.match(ln.text) or ln.text.rstrip().endswith((",", ";"))))
    elif tail:
        tail = _merged_tail(tail)
    return [*header, *body, *tail, *rest]


RE_APPENDIX = re.compile(r"\s*(?:\*\*)?(?:PHỤ LỤC|Phụ lục)\b")


def parse_blocks(text: str) -> list[Block]:
    lines = _columns([_Line(i + 1, raw) for i, raw in enumerate(text.split("\n"))])
    raws = _group_lines(lines)
    body_at = _front_matter(raws)
    ends = _page_after_end(raws, body_at)  # a web page's copy: its furniture after the notice
    appendix = next((i for i in range(ends, len(raws)) if RE_APPENDIX.match(raws[i].lines[0].text)), len(raws))
    _as_page(raws[ends:appendix])
    blocks = [_to_block(r) for r in raws]
    blocks = _repair_page_breaks(raws, blocks)
    blocks = _tail(blocks)
    for b in blocks[body_at:]:
        # a line that is bold as a whole, in the body, is a heading (not a letter's "Kính gửi:")
        if (
            b.kind == BlockKind.PARAGRAPH
            and all(s.strong for s in b.spans)
            and not RE_ADDRESSEES.match(b.text)
            and "\n" not in "".join(s.text for s in b.spans)
            and len(b.text) < 200
        ):
            b.kind, b.level = BlockKind.HEADING, 3
    _group_headings(blocks)
    _number_items(blocks)
    _anchors(blocks)
    labels = {b.number for b in blocks if b.kind == BlockKind.FOOTNOTE}
    for b in blocks:
        b.spans = _split_note_marks(b.spans, labels) if b.kind != BlockKind.FOOTNOTE else b.spans
        for c in b.children:
            c.spans = _split_note_marks(c.spans, labels)
    return blocks


def parse(source: SourceText, doc_id: str) -> Document:
    return Document(source=source, id=doc_id, blocks=parse_blocks(source.text))
