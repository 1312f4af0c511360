"""Words placed on pages -> text in reading order, as typed: shared by the PDF and OCR readers.

A page is words with boxes (from a PDF's text layer, or from Tesseract). Reading it:

1. **Lines and rows.** Words on one baseline form a line; a line breaks into segments where a
   gap is far wider than the line's word spacing (the gutter between the header's columns);
   segments side by side are one row.
2. **Page furniture.** A row in the top or bottom margin band that is only a page number
   ("3", "- 3 -", "Trang 3", "3/5"), or whose words (numbers aside) recur in that band on
   other pages (a running header or footer), is dropped.
3. **Columns.** From a row of two segments on, rows whose segments each stay on one side of
   the gutter are a two-column zone (the header: issuer and number on the left, motto and
   date on the right; the recipients and the signature): the left column is read, then the
   right one, each as a block of lines, never interleaved line by line.
4. **Paragraphs.** Other lines are rebuilt into paragraphs: a line continues the one above
   unless a wider gap, an indent after a finished sentence, a short line above (the next
   line's first word would have fitted), a list marker, or a change to centred lines says
   a paragraph starts. Consecutive centred lines (a title block) stay a block of lines.
   A paragraph continues over a page break when nothing says it ends.
5. **Hyphens.** A word cut at a line's end ("develop-" / "ment") is joined; a hyphen between
   two whole Vietnamese syllables ("kinh tế-" / "xã hội") or before a capital or digit
   ("08-" / "NQ/TU") is kept, without the line's space.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from ...vietnamese import is_syllable
from .common import marker_outside, signer_name


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float  # distances from the top of the page, growing downwards
    bottom: float
    size: float  # the font size (PDF) or a letter's height (OCR), in the page's units
    bold: bool = False
    italic: bool = False

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Page:
    width: float
    height: float
    lines: list[list[Word]]  # words grouped into lines by the reader, left to right
    rules: list[float] = field(default_factory=list)  # heights of the horizontal lines drawn (table borders)
    columns: list[tuple[float, float, float]] = field(default_factory=list)  # vertical lines drawn: x, top, bottom


@dataclass
class Seg:
    """A run of words on one line, without a gutter inside."""

    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Row:
    segs: list[Seg]
    page: int = 0

    @property
    def top(self) -> float:
        return min(s.top for s in self.segs)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segs)

    @property
    def size(self) -> float:
        return max(s.size for s in self.segs)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segs)


@dataclass
class Block:
    lines: list[list[Word]] = field(default_factory=list)
    joined: bool = True  # a paragraph (lines joined into one) or a block of lines kept apart


# --- 1. lines, segments, rows ----------------------------------------------------------------------


def _segments(line: list[Word]) -> list[Seg]:
    """Split a line at gutters: a gap of 2.5 em or more, and far wider than the line's other gaps."""
    if not line:
        return []
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(line)]
    size = statistics.median(w.size for w in line)
    spaces = [g for g in gaps if g < size]  # the line's word spaces; a stretched justified line has none
    usual = statistics.median(spaces or gaps) if gaps else 0.0
    segs = [Seg([line[0]])]
    for gap, word in zip(gaps, line[1:], strict=True):
        if gap >= 2.5 * size and gap >= 3 * max(usual, 0.2 * size):
            segs.append(Seg([word]))
        else:
            segs[-1].words.append(word)
    return segs


def _rows(page: Page, number: int) -> list[Row]:
    """Segments side by side (overlapping vertically) are one row; rows from top to bottom."""
    segs = sorted((s for line in page.lines for s in _segments(sorted(line, key=lambda w: w.x0))),
                  key=lambda s: (s.top + s.bottom) / 2)
    rows: list[Row] = []
    for seg in segs:
        row = rows[-1] if rows else None
        if row is not None:
            # side by side: their heights overlap by a third (columns need not share baselines)
            overlap = min(seg.bottom, row.bottom) - max(seg.top, row.top)
            if overlap > 0.33 * min(seg.bottom - seg.top, row.bottom - row.top) and \
                    not any(s.x0 < seg.x1 and seg.x0 < s.x1 for s in row.segs):
                row.segs.append(seg)
                row.segs.sort(key=lambda s: s.x0)
                continue
        rows.append(Row([seg], number))
    return rows


# --- 2. page furniture ---------------------------------------------------------------------------------

# "3", "- 3 -", "Trang 3", "3/5": a page of at most a few hundred ("12/2025." at a page's foot is a month, not one;
# "2025." at a page's top ends a sentence the page before began, "... mùa khô 2024 -")
PAGE_NUMBER = re.compile(r"^[-–—_.\s]*(?:(?:trang|page)\s*)?\d{1,3}(?:\s*(?:/|trên|of)\s*\d{1,3})?[-–—_.\s]*$",
                         re.IGNORECASE)
BAND = 0.11  # the top and bottom share of a page where running headers, footers and numbers sit


def _furniture_key(row: Row) -> str:
    return re.sub(r"\d+", "#", " ".join(row.text.lower().split()))


def drop_furniture(pages: list[list[Row]], heights: list[float],
                   tables: list[list[tuple[float, float]]] | None = None) -> list[list[Row]]:
    """Rows that are page numbers or running headers and footers, taken out; not a row inside a ruled table
    (``tables``: each page's ``table_regions``), whose header Word repeats at the top of each page it runs on."""
    def banded(rows: list[Row], height: float, regions: list[tuple[float, float]] = ()) -> list[Row]:
        return [r for r in rows if (r.bottom < BAND * height or r.top > (1 - BAND) * height)
                and not any(a <= (r.top + r.bottom) / 2 <= b for a, b in regions)]

    seen: Counter[str] = Counter()
    for rows, height in zip(pages, heights, strict=True):
        seen.update({_furniture_key(r) for r in banded(rows, height)})
    out = []
    for page_no, (rows, height, regions) in enumerate(zip(pages, heights, tables or [[]] * len(pages), strict=True)):
        band = {id(r) for r in banded(rows, height, regions)}
        # only the outermost rows of the band: the first page's header is not furniture
        edge = {id(r) for r in rows[:2] + rows[-2:]}
        # and of two numbers, at one edge or at the top and the bottom, only the page's own: the other ends a line
        # the text wrapped ("... nối Khu công nghiệp với Quốc lộ" / "18", over the page's "- 2 -")
        numbers = [r for r in (*_outer_number(rows[:2]), *_outer_number(rows[-2:][::-1])) if id(r) in band]
        if len({id(r) for r in numbers}) == 2 and (own := [r for r in numbers if _page_of(r.text) == page_no + 1]):
            numbers = own
        numbered = {id(r) for r in numbers}
        out.append([r for r in rows if not (
            id(r) in band and id(r) in edge
            and (id(r) in numbered or (not PAGE_NUMBER.match(r.text) and len(pages) > 1
                                       and seen[_furniture_key(r)] >= 2)))])
    return out


def _page_of(text: str) -> int | None:
    """The page a number row gives ("- 2 -", "Trang 2", "2/5": 2)."""
    found = re.search(r"\d{1,3}", text)
    return int(found.group()) if found else None


def _outer_number(edge: list[Row]) -> list[Row]:
    """The first of these rows (outermost first) that is only a page's number."""
    return next(([r] for r in edge if PAGE_NUMBER.match(r.text)), [])


# --- 3. columns ------------------------------------------------------------------------------------------


def _gutter(row: Row) -> tuple[float, float] | None:
    """The widest gap between a row's segments, as (where the left side ends, where the right one starts)."""
    if len(row.segs) < 2:
        return None
    gap = max(itertools.pairwise(row.segs), key=lambda ab: ab[1].x0 - ab[0].x1)
    return gap[0].x1, gap[1].x0


def _narrowed(row: Row, lo: float, hi: float) -> tuple[float, float] | None:
    """The gutter left once this row is placed: its segments end before the right column starts or start
    after the left one ends; None when one of them runs across."""
    for s in row.segs:
        if s.x1 <= hi and (s.x0 < lo or s.x1 <= lo):
            lo = max(lo, s.x1)
        elif s.x0 >= lo:
            hi = min(hi, s.x0)
        else:
            return None
    return (lo, hi) if lo < hi else None


def _resplit(row: Row, lo: float, hi: float) -> Row:
    """Cut a row's segments where a word space (of an em or more) lies across the zone's gutter: two
    columns that both filled their width leave only that much between them."""
    middle = (lo + hi) / 2
    segs = []
    for seg in row.segs:
        cut = next((k for k, (a, b) in enumerate(itertools.pairwise(seg.words), 1)
                    if a.x1 <= middle <= b.x0 and b.x0 - a.x1 >= 0.8 * seg.size), None)
        segs += [Seg(seg.words[:cut]), Seg(seg.words[cut:])] if cut else [seg]
    return Row(segs, row.page) if len(segs) != len(row.segs) else row


def table_regions(rules: list[float], size: float,
                  columns: list[tuple[float, float, float]] = ()) -> list[tuple[float, float]]:
    """Runs of three or more ruled lines close enough to be the borders of one table's rows, or farther apart with
    two ruled vertical lines or more across the gap (a tall row: a cell whose text wraps over many lines)."""

    def walled(a: float, b: float) -> bool:
        return sum(y0 <= a + 1 and y1 >= b - 1 for _x, y0, y1 in columns) >= 2

    regions: list[list[float]] = []
    for y in sorted(rules):
        if regions and (y - regions[-1][-1] <= 20 * size or walled(regions[-1][-1], y)):
            regions[-1].append(y)
        else:
            regions.append([y])
    return [(r[0], r[-1]) for r in regions if len(r) >= 3]


def _zones(rows: list[Row], tables: list[tuple[float, float]] = ()) -> list[tuple[str, float, list[Row]]]:
    """Runs of rows: ("table", 0, rows) inside a ruled table, ("columns", split, rows) for a two-column
    zone, ("flow", 0, rows) for running text."""
    out: list[tuple[str, float, list[Row]]] = []
    i = 0
    while i < len(rows):
        mid = (rows[i].top + rows[i].bottom) / 2
        region = next(((a, b) for a, b in tables if a <= mid <= b), None)
        if region is not None:
            j = i
            while j < len(rows) and region[0] <= (rows[j].top + rows[j].bottom) / 2 <= region[1]:
                j += 1
            out.append(("table", 0.0, rows[i:j]))
            i = j
            continue
        gutter = _gutter(rows[i])
        if gutter is None:
            if out and out[-1][0] == "flow":
                out[-1][2].append(rows[i])
            else:
                out.append(("flow", 0.0, [rows[i]]))
            i += 1
            continue
        zone = [rows[i]]
        j = i + 1
        while j < len(rows) and rows[j].top - zone[-1].bottom <= 1.2 * max(rows[j].size, zone[-1].size):
            rows[j] = _resplit(rows[j], *gutter)
            narrowed = _narrowed(rows[j], *gutter)
            if narrowed is None:
                break
            gutter = narrowed
            zone.append(rows[j])
            j += 1
        kind = "table" if sum(len(r.segs) >= 3 for r in zone) >= 2 else "columns"
        out.append((kind, (gutter[0] + gutter[1]) / 2, zone))
        i = j
    return out


def _column_blocks(zone: list[Row], split: float) -> list[Block]:
    """The left column, then the right, each cut into blocks at a wide gap (the space left to sign); a line
    that wrapped in its column is one line again."""
    blocks = []
    for left in (True, False):
        segs = [s for row in zone for s in row.segs if (s.x1 <= split) == left]
        block: Block | None = None
        prev: Seg | None = None
        for s in segs:
            if block is None or prev is None or s.top - prev.bottom > 1.2 * s.size or \
                    (_upper(prev.text) and signer_name(s.text)):
                block = Block(joined=False)
                blocks.append(block)
            if block.lines and _wrapped(prev.text, s.text):
                block.lines[-1] = block.lines[-1] + s.words  # a column's line that wrapped: one line again
            else:
                block.lines.append(s.words)
            prev = s
    return blocks


def _wrapped(line: str, after: str) -> bool:
    """Whether a column's line goes on in the next: it ends on " -" ("ĐẢNG ỦY PHƯỜNG XUÂN HƯƠNG -" /
    "ĐÀ LẠT"), or the next starts in lower case or with a digit ("..., ngày 14 tháng 11" / "năm 2025",
    "..., ngày 05 tháng 9 năm" / "2024")."""
    line = line.rstrip(" *_")
    first = after.lstrip(" *_")[:1]
    return line.endswith((" -", " –")) or ((first.islower() or first.isdigit()) and line[-1:] not in ".:;,")


def _broken(end: float, first: float | None, right: float, size: float) -> bool:
    """Whether a cell's line that ended at ``end`` stopped short of its column's ``right`` edge by more than the next
    line's first word (and a space) takes: a line broken on purpose, not wrapped."""
    return first is not None and end + 0.6 * size + first < right - 0.2 * size


def _cluster(values: list[float], within: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > within:
            out.append(v)
    return out


def _table_block(zone: list[Row], page: Page) -> Block:
    """A table, written row by row ("| 1 | Nội dung | Sở Tài chính |").

    Its columns are those its ruled vertical lines draw, or else the spans its text covers; its
    rows are the bands between ruled horizontal lines, or else run from a line with text in the
    first column to the next one. A cell's text wraps over lines and is joined."""
    words = [w for r in zone for s in r.segs for w in s.words]
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    size = statistics.median(w.size for w in words)
    top, bottom = zone[0].top, zone[-1].bottom
    edges = _cluster([x for x, y0, y1 in page.columns if y0 < bottom and y1 > top], 2.0)
    if len(edges) >= 3:
        bounds = list(itertools.pairwise(edges))
    else:
        spans: list[list[float]] = []
        for seg in sorted((s for r in zone for s in r.segs), key=lambda s: s.x0):
            if spans and seg.x0 <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], seg.x1)
            else:
                spans.append([seg.x0, seg.x1])
        bounds = [(a, b) for a, b in spans]
    inside = _cluster([y for y in page.rules if top - 2 * size < y < bottom + 2 * size], 2.0)

    def column(w: Word) -> int:
        middle = (w.x0 + w.x1) / 2
        return min(range(len(bounds)), key=lambda i: 0 if bounds[i][0] <= middle <= bounds[i][1]
                   else min(abs(middle - bounds[i][0]), abs(middle - bounds[i][1])))

    table: list[list[str]] = []
    band = None
    ends: list[float] = [0.0] * len(bounds)  # where each cell's last line ended
    for row in zone:
        cells = [""] * len(bounds)
        firsts: list[float | None] = [None] * len(bounds)  # the width of each cell's first word on this line
        lasts = [0.0] * len(bounds)
        for w in sorted((w for s in row.segs for w in s.words), key=lambda w: w.x0):
            c = column(w)
            cells[c] = f"{cells[c]} {w.text}".strip()
            firsts[c] = w.x1 - w.x0 if firsts[c] is None else firsts[c]
            lasts[c] = w.x1
        here = sum(y <= (row.top + row.bottom) / 2 for y in inside)
        starts = here != band if len(inside) >= 2 else bool(cells[0])
        band = here
        if starts or not table:
            table.append(cells)
        else:
            # a cell's line that ended where its next word would have fitted was broken on purpose ("Công ty ...
            # An Giang" / "UBND phường Mỹ Xuyên": two bodies): a line break ("<br>", as a web table's), else a wrap
            table[-1] = [a + ("<br>" if a and b and _broken(ends[c], firsts[c], bounds[c][1], size) else " ") + b
                         if a and b else a or b for c, (a, b) in enumerate(zip(table[-1], cells, strict=True))]
        ends = [lasts[c] if cells[c] else ends[c] for c in range(len(bounds))]
    lines = []
    for i, cells in enumerate(table):
        text = "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"
        lines.append([Word(text, left, right, top, bottom, size)])
        if i == 0:
            lines.append([Word("|" + "---|" * len(cells), left, right, top, bottom, size)])
    return Block(lines, joined=False)


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# --- 4. paragraphs ---------------------------------------------------------------------------------------

LIST_MARKER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)/]|[a-zđ]\)|[-+•–]|[IVXLC]{1,6}[.\-–)]|Nơi nhận)(?=\s|$)",
                         re.IGNORECASE)
TERMINAL = ".:;!?…\"”)"


def _marker(text: str) -> bool:
    return bool(LIST_MARKER.match(text))


@dataclass
class _Metrics:
    left: float
    right: float
    pitch: float
    em: float


def _metrics(flow: list[Seg]) -> _Metrics:
    em = statistics.median(s.size for s in flow) if flow else 10.0
    lefts = Counter(round(s.x0 / (0.5 * em)) for s in flow)
    left = lefts.most_common(1)[0][0] * 0.5 * em if lefts else 0.0
    rights = sorted(s.x1 for s in flow)
    right = rights[math.ceil(0.9 * (len(rights) - 1))] if rights else 0.0  # lines that reach the margin
    pitches = [b.top - a.top for a, b in itertools.pairwise(flow) if 0 < b.top - a.top < 2.5 * em]
    pitch = statistics.median(pitches) if pitches else 1.4 * em
    return _Metrics(left, right, pitch, em)


def _centred(seg: Seg, m: _Metrics) -> bool:
    """Centred (a title), or set far to the right (a signature without recipients beside it): such lines
    are kept as lines, not joined into a paragraph."""
    centred = seg.x0 > m.left + 0.3 * m.em and seg.x1 < m.right - 0.3 * m.em and \
        abs((seg.x0 - m.left) - (m.right - seg.x1)) < 1.5 * m.em
    return centred or seg.x0 > m.left + 0.4 * (m.right - m.left)


def _symmetric(seg: Seg, m: _Metrics) -> bool:
    return abs((seg.x0 - m.left) - (m.right - seg.x1)) < 1.5 * m.em


def _starts_paragraph(prev: Seg, cur: Seg, same_page: bool, m: _Metrics) -> bool:
    if same_page and cur.top - prev.top > 1.25 * m.pitch:  # spacing between paragraphs (6 pt after 13 pt lines)
        return True
    ended = prev.text.rstrip(" *_")[-1:] in TERMINAL
    if cur.x0 > prev.x0 + 0.8 * m.em and ended:
        return True  # a first-line indent after a finished sentence
    first = cur.words[0]
    if prev.x1 + 0.3 * m.em + (first.x1 - first.x0) < m.right - 0.5 * m.em:
        return True  # the next line's first word would have fitted: the line was ended on purpose
    if _marker(cur.text) and (ended or prev.x1 < m.right - 2 * m.em):
        return True
    return cur.size > 1.3 * prev.size or prev.size > 1.3 * cur.size


class _Flow:
    """Paragraphs under construction, over zones and pages."""

    def __init__(self, m: _Metrics) -> None:
        self.m = m
        self.blocks: list[Block] = []
        self.prev: tuple[Seg, int] | None = None  # the last line of text, and its page

    def line(self, seg: Seg, page: int) -> None:
        m, prev = self.m, self.prev
        block = self.blocks[-1] if self.blocks and prev is not None else None
        centred = _centred(seg, m)
        near = block is not None and prev[1] == page and seg.top - prev[0].bottom < 1.2 * m.pitch
        if near and centred and block.joined and len(block.lines) == 1 and _symmetric(prev[0], m):
            block.joined = False  # a centred title that wrapped: its first line filled the width
        if near and not block.joined and centred:
            block.lines.append(seg.words)  # the next line of a centred title block
        elif block is None or centred or not block.joined or _starts_paragraph(prev[0], seg, prev[1] == page, m):
            self.blocks.append(Block([seg.words], joined=not centred))
        else:
            block.lines.append(seg.words)
        self.prev = (seg, page)

    def columns(self, blocks: list[Block]) -> None:
        self.blocks.extend(blocks)
        self.prev = None  # nothing joins across a zone


# --- 5. text ------------------------------------------------------------------------------------------------


def _word_text(words: list[Word], emphasis: bool) -> str:
    """Words with bold and italic runs marked (as in a typed text), spaced as on the line."""
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        style = (w.bold, w.italic and not w.bold) if emphasis else (False, False)
        j = i
        while j + 1 < len(words) and emphasis and (words[j + 1].bold, words[j + 1].italic and not words[j + 1].bold) \
                == style:
            j += 1
        text = " ".join(x.text for x in words[i : j + 1])
        mark = "**" if style[0] else "*" if style[1] else ""
        out.append(f"{mark}{text}{mark}" if mark and any(c.isalnum() for c in text) else text)
        i = j + 1
    return " ".join(out)


def join_hyphenated(before: str, after: str) -> str:
    """The two halves of a word cut at a line's end, joined as the word was written."""
    head = re.search(r"(\w+)-$", before)
    tail = re.match(r"(\w+)", after)
    if not head or not tail:
        return f"{before} {after}"
    a, b = head.group(1), tail.group(1)
    if not b[:1].islower() or a.isdigit():
        return before + after  # "08-" "NQ/TU", "2021-" "2025": the hyphen is the word's own
    if is_syllable(a + b):
        return before[:-1] + after  # one syllable cut in two ("nghi-" "êng")
    if is_syllable(a) and is_syllable(b):
        return before + after  # "kinh tế-" "xã hội": two syllables joined by a hyphen
    return before[:-1] + after  # "develop-" "ment"


def block_text(block: Block, emphasis: bool = True) -> str:
    if not block.joined:
        return "\n".join(marker_outside(_word_text(line, emphasis)) for line in block.lines)
    text = ""
    for line in block.lines:
        part = _word_text(line, emphasis)
        if not text:
            text = part
        elif re.search(r"\w-$", text) and not re.search(r"\s-$", text):
            text = join_hyphenated(text, part)
        else:
            text = f"{text} {part}"
    return marker_outside(text)


def read_pages(pages: list[Page], emphasis: bool = True) -> str:
    """The text of some pages, in reading order, as blocks separated by blank lines."""
    found = [_rows(p, i) for i, p in enumerate(pages)]
    tables = [table_regions(p.rules, statistics.median(r.size for r in page_rows) if page_rows else 10.0, p.columns)
              for p, page_rows in zip(pages, found, strict=True)]
    rows = drop_furniture(found, [p.height for p in pages], tables)
    zones = []
    for page_no, page_rows in enumerate(rows):
        zones += [(page_no, *z) for z in _zones(page_rows, tables[page_no])]
    flow = _Flow(_metrics([s for _, kind, _, zone in zones if kind == "flow" for r in zone for s in r.segs]))
    for page_no, kind, split, zone in zones:
        if kind == "flow":
            for row in zone:
                for seg in row.segs:
                    flow.line(seg, page_no)
        elif kind == "table":
            flow.columns([_table_block(zone, pages[page_no])])  # a table: its rows in order
        else:
            flow.columns(_column_blocks(zone, split))
    texts = [block_text(b, emphasis) for b in flow.blocks if b.lines]
    return "\n\n".join(t for t in texts if t.strip()) + "\n"
