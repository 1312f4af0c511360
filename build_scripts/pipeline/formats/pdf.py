"""PDF -> text: the text layer read with pypdfium2 (PDFium), laid out by ``layout.py``.

Each character comes with its box, font size, weight and font name; characters on one
baseline close together make words, words make lines, and ``layout.read_pages`` does the
rest (columns, furniture, paragraphs, hyphens). A PDF whose pages carry (almost) no
text is a scan: it goes to OCR.
"""

from __future__ import annotations

import ctypes
import statistics

from .common import ConversionError, Converted
from .layout import Page, Word, read_pages

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
MIN_CHARS_PER_PAGE = 20  # fewer letters than this on average: the pages are pictures


def _pdfium():
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError as exc:  # pragma: no cover - a requirement
        raise ConversionError(f"pypdfium2 is not installed ({exc}): run `make site` to set up .venv") from exc
    return pdfium, raw


def open_pdf(data: bytes):
    pdfium, _raw = _pdfium()
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = "it is protected by a password" if "password" in str(exc).lower() else str(exc)
        raise ConversionError(f"is a PDF that cannot be opened ({reason}): save an unprotected copy") from exc


def _font(raw, textpage, i: int) -> tuple[bool, bool]:
    """(bold, italic) of a character, from its weight, flags and font name."""
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    raw.FPDFText_GetFontInfo(textpage.raw, i, buf, 128, ctypes.byref(flags))
    name = buf.value.decode("latin-1", "replace").lower()
    weight = raw.FPDFText_GetFontWeight(textpage.raw, i)
    bold = weight >= 600 or "bold" in name or bool(flags.value & (1 << 18))
    italic = "italic" in name or "oblique" in name or bool(flags.value & (1 << 6))
    return bold, italic


def page_words(page) -> list[list[Word]]:
    """The words of a page, grouped in lines (same baseline), in top-down coordinates."""
    _pdfium_mod, raw = _pdfium()
    textpage = page.get_textpage()
    height = page.get_height()
    chars = []
    x, y = ctypes.c_double(), ctypes.c_double()
    for i in range(textpage.count_chars()):
        if raw.FPDFText_IsGenerated(textpage.raw, i) == 1:
            chars.append(None)  # a space or line break PDFium inferred from the gaps: a word ends
            continue
        ch = chr(raw.FPDFText_GetUnicode(textpage.raw, i))
        if ch in "\u00ad\x02":  # a hyphen set where a word was cut at the line's end (PDFium marks it so)
            ch = "-"
        if ch in "\r\n\x00\ufffe\uffff" or (not ch.isprintable() and not ch.isspace()):
            chars.append(None)
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        raw.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(x), ctypes.byref(y))
        size = raw.FPDFText_GetFontSize(textpage.raw, i) or (top - bottom) or 10.0
        chars.append((ch, left, right, height - y.value, size, *_font(raw, textpage, i)))
    # characters -> words: same baseline, no space and no gap between them
    words: list[Word] = []
    current: list[tuple] = []

    def flush() -> None:
        if current:
            text = "".join(c[0] for c in current)
            base = statistics.median([c[3] for c in current])
            size = max(c[4] for c in current)
            words.append(Word(text, current[0][1], max(c[2] for c in current), base - 0.8 * size, base + 0.2 * size,
                              size, all(c[5] for c in current), all(c[6] for c in current)))
            current.clear()

    for c in chars:
        if c is None or c[0].isspace():
            flush()
            continue
        if current:
            last = current[-1]
            same_line = abs(c[3] - last[3]) < 0.5 * max(c[4], last[4])
            raised = c[0].isdigit() and c[4] < 0.8 * last[4] and last[3] - c[3] > 0.2 * last[4]
            if raised:  # a footnote mark set small and high: written as a superscript digit
                c = (c[0].translate(SUPERSCRIPT), *c[1:3], last[3], last[4], *c[5:])
                same_line = True
            if not same_line or c[1] - last[2] > 0.6 * max(c[4], last[4]) or c[1] < last[1] - 0.5 * last[4]:
                flush()
        current.append(c)
    flush()
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.bottom, w.x0)):
        if lines and abs(lines[-1][0].bottom - w.bottom) < 0.4 * max(w.size, lines[-1][0].size):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def page_rules(page) -> tuple[list[float], list[tuple[float, float, float]]]:
    """The lines drawn on a page: the borders of a table's rows (heights from the top) and of its columns
    (x, top, bottom)."""
    _pdfium_mod, raw = _pdfium()
    height = page.get_height()
    rows, columns = set(), set()
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        wide, tall = right - left, top - bottom
        y0, y1 = round(height - top, 1), round(height - bottom, 1)
        if wide >= 15 and tall < 2.5:  # a horizontal line
            rows.add(round(height - (top + bottom) / 2, 1))
        elif tall >= 8 and wide < 2.5:  # a vertical line
            columns.add((round((left + right) / 2, 1), y0, y1))
        elif wide >= 15 and tall >= 8:  # a rectangle: a cell's frame
            rows.update((y0, y1))
            columns.update(((round(left, 1), y0, y1), (round(right, 1), y0, y1)))
    return sorted(rows), sorted(columns)


def text_layer(data: bytes) -> tuple[list[Page], int]:
    """The pages' words and the number of letters and digits the text layer holds."""
    document = open_pdf(data)
    pages = []
    letters = 0
    for page in document:
        lines = page_words(page)
        letters += sum(ch.isalnum() for line in lines for w in line for ch in w.text)
        rules, columns = page_rules(page)
        pages.append(Page(page.get_width(), page.get_height(), lines, rules, columns))
    return pages, letters


def convert_pdf(data: bytes) -> Converted | None:
    """The text of a PDF's text layer; None when it carries almost none (a scan: see ocr.py)."""
    pages, letters = text_layer(data)
    if not pages:
        raise ConversionError("is a PDF with no pages")
    if letters < MIN_CHARS_PER_PAGE * len(pages):
        return None
    return Converted(text=read_pages(pages), format="pdf", tool="pypdfium2")
