"""Word (.docx) -> text, as a careful person would type it from what Word shows.

python-docx opens the package (parts, relationships, parsed XML). It does not render
list numbers, and neither do docx2python (one "1)" style, no ``lvlText``) nor mammoth
(HTML lists, the numbers themselves lost), so ``Numbering`` below renders them from
``numbering.xml`` as Word does: a paragraph's ``numPr`` (direct or from its style chain,
or a level linked to its style), the ``abstractNum`` levels (``lvlText`` "%1.", "%1.%2.",
"%1)", ``numFmt`` decimal, letters, roman, bullets, ``start``, ``isLgl``, ``lvlRestart``),
counters shared by the ``num`` instances of one abstract list, and ``startOverride``
restarts.

Layout: a paragraph is a block (a blank line between blocks). Consecutive centred or
right-aligned paragraphs (a title block, a signature outside a table) stay one block of
lines. A borderless table of a few columns (the official header, the recipients and the
signature) is read column by column, each column a block, as typed texts have them; other
tables become rows of cells ("| a | b |"). Bold and italic runs are written ``**`` and
``*``; capitals set by formatting are written as capitals; hidden and deleted text is
left out; footnotes follow the paragraph that marks them ("¹ ...").
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .common import ConversionError, Converted, marker_outside, signer_name

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# A line that opens the title block ("KẾT LUẬN", "THÔNG BÁO ..."): it starts a block of its own
# even when it is centred like the header lines above it.
TITLE_WORDS = re.compile(r"^\**(?:THÔNG BÁO|KẾT LUẬN|BÁO CÁO|NGHỊ QUYẾT|CHỈ THỊ|KẾ HOẠCH|QUYẾT ĐỊNH|CÔNG VĂN|"
                         r"TỜ TRÌNH|TRÍCH|V/v\s)")  # (a letter's subject stands where a notice's title does)
# Cells of a first row that say the table holds data, not layout.
DATA_HEADS = re.compile(r"^(?:STT|TT|Số TT|Nội dung|Đơn vị|Thời gian|Thời hạn)\b", re.IGNORECASE)
HEADER_CUES = re.compile(r"(?:CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN|Nơi nhận|^Số\b|ngày \d|T/M|TM\.|T/L|KT\.|TUQ)",
                         re.MULTILINE)


def q(tag: str, ns: str = W) -> str:
    return f"{{{ns}}}{tag}"


def _val(el, attr: str = "val") -> str | None:
    return None if el is None else el.get(q(attr))


def _on(el) -> bool | None:
    """A toggle property (``w:b``, ``w:i``, ``w:caps``): None when absent."""
    if el is None:
        return None
    return _val(el) not in ("0", "false", "off", "none")


# --- styles -----------------------------------------------------------------------------------


class Styles:
    """Paragraph and character styles, resolved through ``basedOn`` like Word does."""

    def __init__(self, root) -> None:
        self.by_id = {s.get(q("styleId")): s for s in root.iter(q("style"))} if root is not None else {}
        self.default_paragraph = next((sid for sid, s in self.by_id.items() if s.get(q("type")) == "paragraph"
                                       and s.get(q("default")) in ("1", "true", "on")), None)
        defaults = root.find(f"{q('docDefaults')}/{q('rPrDefault')}/{q('rPr')}") if root is not None else None
        self.default_rpr = defaults

    def chain(self, style_id: str | None) -> Iterator:
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = _val(style.find(q("basedOn")))

    def _first(self, style_id: str | None, path: str):
        for style in self.chain(style_id):
            el = style.find(path)
            if el is not None:
                return el
        return None

    def ppr(self, style_id: str | None, tag: str):
        """The first ``w:pPr/<tag>`` along a style's chain."""
        return self._first(style_id, f"{q('pPr')}/{q(tag)}")

    def rpr(self, style_id: str | None, tag: str):
        """The first ``w:rPr/<tag>`` along a style's chain."""
        return self._first(style_id, f"{q('rPr')}/{q(tag)}")


# --- numbering ------------------------------------------------------------------------------


@dataclass
class Level:
    fmt: str = "decimal"
    text: str | None = None  # lvlText; None when the level has none
    start: int = 0
    restart: int | None = None  # lvlRestart; None = after any higher level
    legal: bool = False  # isLgl: every number shown in decimal
    style: str | None = None  # the paragraph style linked to this level


def _level(el) -> Level:
    def int_of(tag: str, default: int | None) -> int | None:
        v = _val(el.find(q(tag)))
        try:
            return int(v) if v is not None else default
        except ValueError:
            return default

    text_el = el.find(q("lvlText"))
    return Level(
        fmt=_val(el.find(q("numFmt"))) or "decimal",
        text=_val(text_el) if text_el is not None else None,
        start=int_of("start", 1) or 0,  # the schema says 0 when absent; lists written without it mean 1
        restart=int_of("lvlRestart", None),
        legal=bool(_on(el.find(q("isLgl")))),
        style=_val(el.find(q("pStyle"))),
    )


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def _letter(n: int) -> str:
    """Word's letters: a..z, then aa..zz, aaa..."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)  # decimal, and the formats a Vietnamese text would not use, as digits


# Bullets Word draws from symbol fonts (private-use codes) or as shapes: a typed text has "-" for
# them ("+" below the first level); "•" and the dashes are kept as they are.
_KEPT_BULLETS = {"-": "-", "–": "–", "+": "+", "•": "•", "\uf0b7": "•", "·": "•", "*": "*"}


def bullet(text: str, ilvl: int) -> str:
    mark = text.strip()
    if mark in _KEPT_BULLETS:
        return _KEPT_BULLETS[mark]
    return "-" if ilvl == 0 else "+"


class Numbering:
    """The numbers Word shows, in document order: call ``label`` once per paragraph, in order."""

    def __init__(self, root, styles: Styles) -> None:
        self.styles = styles
        self.abstract: dict[str, dict[int, Level]] = {}
        self.abstract_link: dict[str, str] = {}  # abstractNum -> the numbering style it takes its levels from
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        if root is None:
            return
        for a in root.iter(q("abstractNum")):
            aid = a.get(q("abstractNumId"))
            self.abstract[aid] = {int(lv.get(q("ilvl"), "0")): _level(lv) for lv in a.findall(q("lvl"))}
            link = _val(a.find(q("numStyleLink")))
            if link:
                self.abstract_link[aid] = link
        for n in root.iter(q("num")):
            starts: dict[int, int] = {}
            levels: dict[int, Level] = {}
            for o in n.findall(q("lvlOverride")):
                ilvl = int(o.get(q("ilvl"), "0"))
                so = _val(o.find(q("startOverride")))
                if so is not None and so.lstrip("-").isdigit():
                    starts[ilvl] = int(so)
                if (lv := o.find(q("lvl"))) is not None:
                    levels[ilvl] = _level(lv)
            self.nums[n.get(q("numId"))] = (_val(n.find(q("abstractNumId"))) or "", starts, levels)
        self.counters: dict[str, list[int | None]] = {}
        self.pending: dict[tuple[str, int], int] = {}  # restart values waiting for their level's next use
        self.begun: set[str] = set()  # num instances already used (their overrides applied)

    def _abstract_of(self, num_id: str) -> str:
        aid = self.nums[num_id][0]
        link = self.abstract_link.get(aid)
        if link:  # numStyleLink: the levels are those of the num the numbering style names
            num = self.styles.ppr(link, "numPr")
            linked = _val(num.find(q("numId"))) if num is not None else None
            if linked in self.nums and self.nums[linked][0] != aid:
                return self.nums[linked][0]
        return aid

    def level(self, num_id: str, ilvl: int) -> Level:
        override = self.nums[num_id][2].get(ilvl)
        if override is not None:
            return override
        return self.abstract.get(self._abstract_of(num_id), {}).get(ilvl, Level(text=None))

    def paragraph_numbering(self, p) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph: its own ``numPr``, else its style's (``numId`` 0 removes it)."""
        ppr = p.find(q("pPr"))
        style = _val(ppr.find(q("pStyle"))) if ppr is not None else None
        style = style or self.styles.default_paragraph
        num_pr = ppr.find(q("numPr")) if ppr is not None else None
        num_id = _val(num_pr.find(q("numId"))) if num_pr is not None else None
        ilvl = _val(num_pr.find(q("ilvl"))) if num_pr is not None else None
        style_pr = self.styles.ppr(style, "numPr")
        if num_id is None and style_pr is not None:
            num_id = _val(style_pr.find(q("numId")))
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        if ilvl is None and style_pr is not None:
            ilvl = _val(style_pr.find(q("ilvl")))
        if ilvl is None:  # a level linked to the paragraph's style ("List Number 2" -> level 1)
            levels = self.abstract.get(self._abstract_of(num_id), {})
            linked = [i for i, lv in levels.items() if lv.style and lv.style in {s.get(q("styleId"))
                                                                                for s in self.styles.chain(style)}]
            ilvl = str(min(linked)) if linked else "0"
        try:
            return num_id, max(0, min(8, int(ilvl)))
        except ValueError:
            return num_id, 0

    def label(self, num_id: str, ilvl: int) -> str:
        """Count this paragraph and return the number Word shows for it ("" for none)."""
        aid = self._abstract_of(num_id)
        counters = self.counters.setdefault(aid, [None] * 9)
        if num_id not in self.begun:
            self.begun.add(num_id)
            for lv, start in self.nums[num_id][1].items():
                if 0 <= lv < 9:
                    counters[lv] = None
                    self.pending[(aid, lv)] = start
        lvl = self.level(num_id, ilvl)
        if counters[ilvl] is None:
            counters[ilvl] = self.pending.pop((aid, ilvl), lvl.start)
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            restart = self.level(num_id, deeper).restart
            if restart is None or (restart > 0 and ilvl + 1 <= restart):
                counters[deeper] = None
        if lvl.text is None or (lvl.fmt == "none" and "%" not in (lvl.text or "")):
            return (lvl.text or "").strip()
        if lvl.fmt == "bullet":
            return bullet(lvl.text, ilvl) if lvl.text.strip() else ""

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            shown = self.level(num_id, k)
            value = counters[k] if counters[k] is not None else shown.start
            return format_number(value, "decimal" if lvl.legal and shown.fmt != "none" else shown.fmt)

        return re.sub(r"%([1-9])", number, lvl.text).strip()


# --- runs -------------------------------------------------------------------------------------


@dataclass
class Piece:
    """A run of text with the emphasis Word shows for it."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Para:
    pieces: list[Piece] = field(default_factory=list)
    align: str = "left"
    label: str = ""  # the list number or bullet
    notes: list[tuple[str, list[Piece]]] = field(default_factory=list)  # footnotes marked here
    boxes: list[list[Para]] = field(default_factory=list)  # text boxes anchored here

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    @property
    def empty(self) -> bool:
        return not self.text.strip() and not self.label


class Reader:
    """Walks the document body, in order, into paragraphs and tables."""

    def __init__(self, styles: Styles, numbering: Numbering, notes: dict[str, list]) -> None:
        self.styles = styles
        self.numbering = numbering
        self.note_bodies = notes  # footnote id -> its w:p elements
        self.note_numbers: dict[str, str] = {}

    # emphasis: the nearest explicit value, from the run, its character style, the paragraph style, the defaults
    def _prop(self, rpr, run_style: str | None, para_style: str | None, tag: str) -> bool:
        for source in (rpr.find(q(tag)) if rpr is not None else None, self.styles.rpr(run_style, tag),
                       self.styles.rpr(para_style, tag),
                       self.styles.default_rpr.find(q(tag)) if self.styles.default_rpr is not None else None):
            if (value := _on(source)) is not None:
                return value
        return False

    def paragraph(self, p, in_note: bool = False) -> Para:
        ppr = p.find(q("pPr"))
        style = (_val(ppr.find(q("pStyle"))) if ppr is not None else None) or self.styles.default_paragraph
        jc = ppr.find(q("jc")) if ppr is not None else None
        align = _val(jc) if jc is not None else _val(self.styles.ppr(style, "jc"))
        para = Para(align={"center": "center", "right": "right", "end": "right"}.get(align or "", "left"))
        ind = ppr.find(q("ind")) if ppr is not None else None
        ind = ind if ind is not None else self.styles.ppr(style, "ind")
        left = (ind.get(q("left")) or ind.get(q("start"))) if ind is not None else None
        if para.align == "left" and left and left.lstrip("-").isdigit() and int(left) >= 4000:
            para.align = "right"  # set far to the right by its indent (about 7 cm): a signature, a date line
        if not in_note and (num := self.numbering.paragraph_numbering(p)):
            para.label = self.numbering.label(*num)
        self._runs(p, para, style)
        return para

    def _runs(self, el, para: Para, style: str | None) -> None:
        for child in el:
            tag = child.tag
            if tag == q("r"):
                self._run(child, para, style)
            elif tag in (q("hyperlink"), q("ins"), q("smartTag"), q("fldSimple"), q("customXml"), q("moveTo"),
                         q("dir"), q("bdo")):
                self._runs(child, para, style)
            elif tag == q("sdt"):
                content = child.find(q("sdtContent"))
                if content is not None:
                    self._runs(content, para, style)
            elif tag == q("AlternateContent", MC):
                choice = child.find(q("Choice", MC))
                if choice is not None:
                    self._runs(choice, para, style)

    def _run(self, r, para: Para, style: str | None) -> None:
        rpr = r.find(q("rPr"))
        run_style = _val(rpr.find(q("rStyle"))) if rpr is not None else None
        if self._prop(rpr, run_style, style, "vanish"):
            return
        bold = self._prop(rpr, run_style, style, "b")
        italic = self._prop(rpr, run_style, style, "i")
        caps = self._prop(rpr, run_style, style, "caps")
        va = rpr.find(q("vertAlign")) if rpr is not None else None
        superscript = _val(va) == "superscript"
        out: list[str] = []
        for c in r:
            tag = c.tag
            if tag == q("t"):
                out.append(c.text or "")
            elif tag == q("tab"):
                out.append("\t")
            elif tag in (q("br"), q("cr")):
                out.append("\n")
            elif tag == q("noBreakHyphen"):
                out.append("-")
            elif tag in (q("footnoteReference"), q("endnoteReference")):
                nid = c.get(q("id"))
                kind = "f" if tag == q("footnoteReference") else "e"
                key = f"{kind}{nid}"
                if key not in self.note_numbers:
                    self.note_numbers[key] = str(len(self.note_numbers) + 1).translate(SUPERSCRIPT)
                mark = self.note_numbers[key]
                out.append(mark)
                body = self.note_bodies.get(key, [])
                pieces: list[Piece] = []
                for np_ in body:
                    sub = self.paragraph(np_, in_note=True)
                    if pieces and sub.pieces:
                        pieces.append(Piece(" "))
                    pieces += sub.pieces
                para.notes.append((mark, pieces))
            elif tag in (q("drawing"), q("pict"), q("AlternateContent", MC), q("object")):
                self._boxes(c, para)
        text = "".join(out)
        if caps:
            text = text.upper()
        if superscript:
            text = text.translate(SUPERSCRIPT)
        if text:
            para.pieces.append(Piece(text, bold, italic))

    def _boxes(self, el, para: Para) -> None:
        """Text boxes drawn in a run: their paragraphs follow the paragraph (only the first of alternatives)."""
        for box in _iter_skipping_fallback(el):
            if box.tag == q("txbxContent"):
                para.boxes.append([self.paragraph(p) for p in box.iter(q("p"))])


def _iter_skipping_fallback(el) -> Iterator:
    for child in el:
        if child.tag == q("Fallback", MC):
            continue
        yield child
        if child.tag != q("txbxContent"):
            yield from _iter_skipping_fallback(child)


# --- text -------------------------------------------------------------------------------------


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Adjacent pieces of the same emphasis become one; emphasis between two letters is dropped there."""
    out: list[Piece] = []
    for p in pieces:
        if out and (out[-1].bold, out[-1].italic) == (p.bold, p.italic):
            out[-1] = Piece(out[-1].text + p.text, p.bold, p.italic)
        else:
            out.append(Piece(p.text, p.bold, p.italic))
    # a change of emphasis inside a word cannot be marked in Markdown: keep what both sides share
    i = 1
    while i < len(out):
        a, b = out[i - 1], out[i]
        if a.text and b.text and not a.text[-1].isspace() and not b.text[0].isspace() \
                and (a.bold or a.italic) and (b.bold or b.italic):
            out[i - 1 : i + 1] = [Piece(a.text + b.text, a.bold and b.bold, a.italic and b.italic)]
            i = max(1, i - 1)
            continue
        i += 1
    return out


def _marked(piece: Piece) -> str:
    # bold and italic together are written as bold: "***x***" is not read back reliably
    mark = "**" if piece.bold else "*" if piece.italic else ""
    text = piece.text
    core = text.strip()
    if not mark or not any(ch.isalnum() for ch in core):  # a bold "*" under the issuer stays a "*"
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{mark}{core}{mark}{trail}"


def line_texts(pieces: list[Piece], emphasis: bool = True) -> list[str]:
    """The lines of some pieces (a line break splits them), emphasis marked, tabs as spaces."""
    lines: list[list[Piece]] = [[]]
    for p in pieces:
        parts = p.text.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append([])
            if part:
                lines[-1].append(Piece(part, p.bold, p.italic))
    out = []
    for line in lines:
        merged = _merge(line)
        text = "".join(_marked(p) if emphasis else p.text for p in merged)
        out.append(" ".join(text.replace("\t", " ").split(" ")).strip())
    return out


def _squeeze(line: str) -> str:
    return re.sub(r"[ \u00a0]{2,}", " ", line).strip()


def _para_lines(para: Para, emphasis: bool = True) -> list[str]:
    lines = [marker_outside(_squeeze(x)) for x in line_texts(para.pieces, emphasis)]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    if para.label:
        first = lines[0] if lines else ""
        lines = [f"{para.label} {first}".rstrip(), *lines[1:]]
    return lines


def _subtitle(para: Para) -> bool:
    """A line of the title block: short, and bold, in capitals, or starting in lower case ("của ...", "về ...")."""
    text = para.text.strip()
    pieces = [x for x in para.pieces if x.text.strip()]
    if re.match(r"(?:\d{1,2}(?:\.\d{1,2})*[.)]|[IVXLC]{1,6}[.\-–)])\s", text):
        return False  # "I. KẾT QUẢ ĐẠT ĐƯỢC": the body has begun
    return 0 < len(text) < 300 and (all(x.bold for x in pieces) or _upper(text) or text[:1].islower())


def _upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


class Writer:
    """Blocks of lines, a blank line between blocks."""

    def __init__(self) -> None:
        self.blocks: list[list[str]] = []
        self.open: list[str] | None = None  # the block lines may still join
        self.open_kind = ""
        self.title_seen = False  # the title block comes once: a later "KẾT LUẬN ..." line is body text

    def close(self) -> None:
        self.open = None
        self.open_kind = ""

    def block(self, lines: list[str]) -> None:
        self.close()
        if any(x.strip() for x in lines):
            self.blocks.append(list(lines))

    def join(self, lines: list[str], kind: str) -> None:
        """Add lines to the open block of the same kind (a title, a signature), else open one."""
        if self.open is not None and self.open_kind == kind:
            self.open.extend(lines)
            return
        self.blocks.append(list(lines))
        self.open = self.blocks[-1]
        self.open_kind = kind

    def text(self) -> str:
        return "\n\n".join("\n".join(b) for b in self.blocks if b) + "\n"


def _notes_and_boxes(out: Writer, para: Para, reader: Reader) -> None:
    for box in para.boxes:
        _flow(out, box, reader)
    for mark, pieces in para.notes:
        lines = [x for x in line_texts(pieces) if x]
        if lines:
            out.block([f"{mark} {lines[0]}", *lines[1:]])


def _flow(out: Writer, paras: list[Para], reader: Reader, in_cell: bool = False) -> None:
    """Paragraphs into blocks: body paragraphs alone; the title block (its type line and the lines under it
    that are centred, bold, in capitals or start in lower case) together; centred or right-aligned runs of
    lines, and lines in a cell, together until an empty paragraph or a signer's name under capitals."""
    for para in paras:
        if para.empty:
            out.close()
            _notes_and_boxes(out, para, reader)
            continue
        lines = _para_lines(para)
        grouped = in_cell or (para.align in ("center", "right") and not para.label)
        if not in_cell and not out.title_seen and not para.label and TITLE_WORDS.match(lines[0]):
            out.close()
            out.join(lines, "title")  # "KẾT LUẬN", however it is aligned: the first one only
            out.title_seen = True
        elif not in_cell and out.open_kind == "title" and not para.label and \
                (para.align == "center" or _subtitle(para)):
            out.join(lines, "title")  # "của Ban Thường vụ ..." under "KẾT LUẬN"
        elif not grouped:
            out.block(lines)
        else:
            kind = "cell" if in_cell else para.align
            if out.open is not None and out.open and _upper(out.open[-1]) and signer_name(lines[0]) \
                    and out.open_kind != "title":
                out.close()
            out.join(lines, kind)
        if para.notes or para.boxes:
            out.close()
            _notes_and_boxes(out, para, reader)


# --- tables -----------------------------------------------------------------------------------


def _bordered(tbl, styles: Styles) -> bool:
    def visible(borders) -> bool:
        return borders is not None and any(_val(b) not in (None, "nil", "none") for b in borders)

    tpr = tbl.find(q("tblPr"))
    own = tpr.find(q("tblBorders")) if tpr is not None else None
    if own is not None:
        return visible(own)
    style = _val(tpr.find(q("tblStyle"))) if tpr is not None else None
    for s in styles.chain(style):
        b = s.find(f"{q('tblPr')}/{q('tblBorders')}")
        if b is not None:
            return visible(b)
    return any(visible(tc) for tc in tbl.iter(q("tcBorders")))


def _cells(tbl) -> list[list]:
    """Rows of cells, a merged cell once in the row it starts (gridSpan kept as repeats of None)."""
    rows = []
    for tr in tbl.findall(q("tr")):
        row = []
        for tc in tr.findall(q("tc")):
            tcpr = tc.find(q("tcPr"))
            merge = tcpr.find(q("vMerge")) if tcpr is not None else None
            span = _val(tcpr.find(q("gridSpan"))) if tcpr is not None else None
            continued = merge is not None and _val(merge) in (None, "continue")
            row.append(None if continued else tc)
            row.extend([None] * (int(span) - 1 if span and span.isdigit() else 0))
        rows.append(row)
    return rows


def _cell_items(tc) -> Iterator:
    for child in tc:
        if child.tag in (q("p"), q("tbl")):
            yield child
        elif child.tag == q("sdt"):
            content = child.find(q("sdtContent"))
            if content is not None:
                yield from _cell_items(content)


def _table(out: Writer, tbl, reader: Reader) -> None:
    rows = _cells(tbl)
    if not rows:
        return
    width = max(len(r) for r in rows)
    all_text = "\n".join(t.text or "" for t in tbl.iter(q("t")))
    first = [tc for tc in rows[0] if tc is not None]
    # (a head typed with Markdown's bold marks, "**STT**", as a file converted from Markdown has it, says so too)
    heads = sum(bool(DATA_HEADS.match("".join(t.text or "" for t in tc.iter(q("t"))).strip(" *_"))) for tc in first)
    layout = heads == 0 and (HEADER_CUES.search(all_text) or (not _bordered(tbl, reader.styles) and width <= 3))
    if layout:
        for col in range(width):
            for row in rows:
                tc = row[col] if col < len(row) else None
                if tc is not None:
                    _body(out, _cell_items(tc), reader, in_cell=True)
                    out.close()
        return
    out.close()
    lines = []
    for i, row in enumerate(rows):
        cells = []
        for tc in row:
            if tc is None:
                cells.append("")
                continue
            parts = []
            for item in _cell_items(tc):
                if item.tag == q("p"):
                    para = reader.paragraph(item)
                    parts += [x for x in _para_lines(para, emphasis=False) if x]
                    parts += [f"{m} {' '.join(line_texts(p, False))}" for m, p in para.notes]
                else:
                    parts += ["".join(t.text or "" for t in item.iter(q("t")))]
            cells.append("<br>".join(parts).replace("|", "/"))  # a cell's lines: its paragraphs, its line breaks
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + "---|" * len(cells))
    out.block(lines)


def _body(out: Writer, items, reader: Reader, in_cell: bool = False) -> None:
    pending: list[Para] = []

    def flush() -> None:
        if pending:
            _flow(out, pending if in_cell else _tab_columns(pending), reader, in_cell)
            pending.clear()

    for el in items:
        if el.tag == q("p"):
            pending.append(reader.paragraph(el))
        elif el.tag == q("tbl"):
            flush()
            out.close()
            _table(out, el, reader)
        elif el.tag == q("sdt"):
            content = el.find(q("sdtContent"))
            if content is not None:
                flush()
                _body(out, list(content), reader, in_cell)
    flush()


_MARKER_ONLY = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)/]|[a-zđ]\)|[-+•–]|[IVXLC]{1,6}[.\-–)])$")


def _tab_parts(p: Para) -> tuple[str, str] | None:
    """(left, right) of a line laid out in two columns with tabs ("Nơi nhận:<tab><tab>T/M BAN THƯỜNG VỤ",
    "<tab><tab>PHÓ BÍ THƯ"); None for other paragraphs, and for "1.<tab>text", a number and its text."""
    text = p.text.strip(" \u00a0")
    m = re.match(r"^([^\t]*)\t+(.*)$", text)
    if not m or not m.group(2).strip():
        return None
    left, right = m.group(1).strip(), " ".join(m.group(2).replace("\t", " ").split())
    if _MARKER_ONLY.match(left) or (p.label and not left):
        return None
    return (f"{p.label} {left}" if p.label else left), right


RE_LISTED = re.compile(r"\s*[-+•]\s")  # a recipient's line: "- Lưu: VT."


def _tab_columns(paras: list[Para], front: bool = False) -> list[Para]:
    """Runs of lines laid out in two columns with tabs (a header, or the recipients beside the signature,
    in a Word file typed without a table) become the left column's lines, then the right column's, as
    typed texts have them. A run holds two such lines at least (one before the title); short lines
    without a tab among them belong to the left column."""
    # (the paragraphs after a table, read apart from the front's, stand under the title: "Nơi nhận" typed with tabs
    # beside the signature after a task table)
    title_at = next((i for i, p in enumerate(paras) if TITLE_WORDS.match(p.text.strip().lstrip("*"))),
                    len(paras) if front else -1)
    out: list[Para] = []
    i = 0
    while i < len(paras):
        if _tab_parts(paras[i]) is None:
            out.append(paras[i])
            i += 1
            continue
        j, last = i, i
        reach = 6 if paras[i].text.lstrip("* ").lower().startswith("nơi nhận") else 4
        while j < len(paras) and not paras[j].empty and (
                _tab_parts(paras[j]) or (len(paras[j].text) < 120 and (
                    # under the title, "- Sở GD&ĐT;<tab>": a recipient whose right cell (the signature's) is empty
                    (i > title_at and paras[j].text.rstrip(" \u00a0").endswith("\t"))
                    # (beside the recipients a signature's lines may stand five apart: its capacity, "(Đã ký)",
                    # the name; a header's lines stand closer)
                    or any(_tab_parts(q) for q in paras[j + 1 : j + reach] if not q.empty)))):
            if _tab_parts(paras[j]):
                last = j
            j += 1
        recipients = i > title_at and any(p.text.lstrip("* ").lower().startswith("nơi nhận") for p in paras[i:last + 1])
        while last + 1 < len(paras) and recipients and not paras[last + 1].empty and (
                paras[last + 1].text.rstrip(" \u00a0").endswith("\t") or RE_LISTED.match(paras[last + 1].text)):
            last += 1  # "- Lưu: VT, KTNS." after the signer's name: the left column's last recipient
        run = paras[i : last + 1]
        if sum(_tab_parts(p) is not None for p in run) < (1 if front and i < title_at else 2):
            out.append(paras[i])
            i += 1
            continue
        left: list[Para] = []
        right: list[Para] = []
        for p in run:
            parts = _tab_parts(p)
            bold, italic = _emph(p)
            if parts is None:  # a line of the left column only
                left.append(Para([Piece(" ".join(_para_lines(p, emphasis=False)), bold, italic)], "center"))
                continue
            if parts[0]:
                left.append(Para([Piece(parts[0], bold, italic)], "center"))
            right.append(Para([Piece(parts[1], bold, italic)], "center"))
        gap = Para([], "left")
        out += [*left, gap, *right, gap]
        i = last + 1
    return out


def _emph(p: Para) -> tuple[bool, bool]:
    pieces = [x for x in p.pieces if x.text.strip()]
    return (bool(pieces) and all(x.bold for x in pieces), bool(pieces) and all(x.italic for x in pieces))


def convert_docx(data: bytes) -> Converted:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - a requirement
        raise ConversionError(f"python-docx is not installed ({exc}): run `make site` to set up .venv") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, Exception) as exc:  # a zip that is not a Word file
        raise ConversionError(f"is not a readable Word .docx file ({type(exc).__name__}: {exc}); open it in Word "
                              "or LibreOffice and save it again as .docx") from exc
    from lxml import etree

    part = document.part
    styles = Styles(document.styles.element)
    numbering_root = None
    notes: dict[str, list] = {}
    for rel in part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if rel.is_external or kind not in ("numbering", "footnotes", "endnotes"):
            continue
        root = etree.fromstring(rel.target_part.blob)
        if kind == "numbering":
            numbering_root = root
        else:
            tag, prefix = (q("footnote"), "f") if kind == "footnotes" else (q("endnote"), "e")
            for note in root.iter(tag):
                if note.get(q("type")) in (None, "normal"):
                    notes[prefix + note.get(q("id"), "")] = note.findall(q("p"))
    reader = Reader(styles, Numbering(numbering_root, styles), notes)
    body = part.element.find(q("body"))
    out = Writer()
    items = [el for el in body if el.tag in (q("p"), q("tbl"), q("sdt"))]
    # the front paragraphs, read first so that a header typed with tabs can be split into its columns
    front: list[Para] = []
    rest_at = 0
    for i, el in enumerate(items):
        if el.tag != q("p"):
            break
        front.append(reader.paragraph(el))
        rest_at = i + 1
    _flow(out, _tab_columns(front, front=True), reader)
    _body(out, items[rest_at:], reader)
    text = out.text()
    if not text.strip():
        raise ConversionError("is a Word file with no text in it (only pictures? a scan pasted into Word?): "
                              "save the pictures as a PDF or images to have them read by OCR")
    return Converted(text=text, format="docx", tool="python-docx")
