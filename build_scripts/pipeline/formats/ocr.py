"""Scans -> text: Tesseract's Vietnamese model reads each page, ``layout.py`` puts the words in order.

A scanned PDF's pages are rendered at 300 dpi with pypdfium2; images (PNG, JPEG, TIFF,
every frame of a multi-page TIFF) are read with Pillow, small ones enlarged to about
300 dpi. Tesseract (through pytesseract) gives every word with its box and confidence.
A page that reads badly is turned the way Tesseract's orientation detection says and read
again, the better reading kept (a page scanned sideways or upside down); Tesseract
straightens small skews itself when it finds the lines. The mean word confidence of each
page and of the document is kept: the page says the text was read by OCR, and the build
warns about pages under ``LOW_CONFIDENCE``.
"""

from __future__ import annotations

import io
import itertools
import statistics

from .common import ConversionError, Converted, MissingTool
from .layout import Page, Word, read_pages

DPI = 300
LANG = "vie"
LOW_CONFIDENCE = 80.0  # a page whose words Tesseract is on average less sure of is worth checking by eye
RETRY_BELOW = 60.0  # a page read this badly may be turned: ask Tesseract's orientation detection
INSTALL = "sudo apt-get install tesseract-ocr tesseract-ocr-vie"


def _tesseract():
    try:
        import pytesseract
    except ImportError as exc:  # pragma: no cover - a requirement
        raise MissingTool(f"pytesseract is not installed ({exc}): run `make site` to set up .venv") from exc
    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise MissingTool("needs OCR, and Tesseract is not installed: install it with "
                          f"`{INSTALL}` (Debian, Ubuntu), then build again") from exc
    if LANG not in languages:
        raise MissingTool("needs OCR, and Tesseract's Vietnamese data is not installed: install it with "
                          f"`{INSTALL}` (Debian, Ubuntu), then build again")
    return pytesseract


def _clusters(indices: list[int]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for i in indices:
        if out and i - out[-1][1] <= 2:
            out[-1][1] = i
        else:
            out.append([i, i])
    return [(a, b) for a, b in out]


def ruled_lines(image) -> tuple[list[float], list[tuple[float, float, float]]]:
    """The lines drawn on a scanned page (a table's borders): rows of pixels dark across half the page,
    then, between the first and last of them, columns of pixels dark over most of that height.
    Pillow's box filter does the counting."""
    from PIL import Image

    dark = image.point(lambda v: 255 if v < 160 else 0)
    width, height = dark.size
    row_means = list(dark.resize((1, height), Image.Resampling.BOX).get_flattened_data())
    rows = [(a + b) / 2 for a, b in _clusters([y for y, v in enumerate(row_means) if v >= 0.5 * 255])]
    columns: list[tuple[float, float, float]] = []
    if len(rows) >= 2:
        top, bottom = int(rows[0]), int(rows[-1]) + 1
        band = dark.crop((0, top, width, bottom))
        col_means = list(band.resize((width, 1), Image.Resampling.BOX).get_flattened_data())
        columns = [((a + b) / 2, float(top), float(bottom))
                   for a, b in _clusters([x for x, v in enumerate(col_means) if v >= 0.7 * 255])]
    return rows, columns


def _without_lines(image, rules: list[float], columns: list[tuple[float, float, float]]):
    """The page with its ruled lines painted white: Tesseract reads a table's cells far better without
    them (a lone "1" beside a border is otherwise lost)."""
    from PIL import ImageDraw

    if not rules:
        return image
    clean = image.copy()
    draw = ImageDraw.Draw(clean)
    for y in rules:
        draw.rectangle((0, y - 4, clean.width, y + 4), fill=255)
    for x, top, bottom in columns:
        draw.rectangle((x - 4, top - 4, x + 4, bottom + 4), fill=255)
    return clean


def _cells(rules: list[float], columns: list[tuple[float, float, float]]) -> list[tuple[float, float, float, float]]:
    """A ruled table's cells (left, top, right, bottom): between two horizontal rules, between two
    vertical ones that both run across that band."""
    cells = []
    for top, bottom in itertools.pairwise(rules):
        xs = sorted({x for x, y0, y1 in columns if y0 <= top + 5 and bottom - 5 <= y1})
        cells += [(a, top, b, bottom) for a, b in itertools.pairwise(xs) if b - a >= 20 and bottom - top >= 20]
    return cells


def _reread_cells(pytesseract, image, cells, words: list[tuple[Word, float]]) -> list[tuple[Word, float]]:
    """Read again, one by one as a line, the table cells in which the page's reading found nothing though
    they hold ink, or only a few doubtful letters: a lone "1" or "5" in the number column, which
    Tesseract takes for noise on a whole page. The better reading of the cell is kept."""
    from PIL import Image

    out = list(words)
    for a, top, b, bottom in cells:
        inside = [(w, c) for w, c in out if a <= w.x0 and w.x1 <= b and top <= w.top and w.bottom <= bottom]
        doubtful = bool(inside) and len("".join(w.text for w, _ in inside)) <= 3  # a number, a mark
        if inside and not doubtful:
            continue
        cell = image.crop((a + 6, top + 6, b - 6, bottom - 6))
        ink = cell.point(lambda v: 255 if v < 160 else 0).getbbox()
        if ink is None:
            continue  # an empty cell
        # the ink alone in a white margin, at two margins and two sizes: a lone digit reads right in some
        # of them only ("6" as "O"), and the surest reading is kept
        again: list[tuple[Word, float]] = []
        for margin, scale in ((10, 1), (15, 1), (10, 2)):
            piece = cell.crop(ink)
            piece = piece.resize((piece.width * scale, piece.height * scale), Image.Resampling.LANCZOS)
            framed = Image.new("L", (piece.width + 2 * margin, piece.height + 2 * margin), 255)
            framed.paste(piece, (margin, margin))
            data = pytesseract.image_to_data(framed, lang=LANG, config="--psm 7", output_type=pytesseract.Output.DICT)
            reading = []
            for i, text in enumerate(data["text"]):
                text, conf = (text or "").strip(), float(data["conf"][i])
                if text and conf >= 30:
                    left, y, w, h = ((data[k][i] - (margin if k in ("left", "top") else 0)) / scale
                                     for k in ("left", "top", "width", "height"))
                    x0, y0 = a + 6 + ink[0] + left, top + 6 + ink[1] + y
                    reading.append((Word(text, x0, x0 + w, y0, y0 + h, h), conf))
            if reading and (not again or min(c for _, c in reading) > min(c for _, c in again)):
                again = reading
        # the cell read alone is the better reading of a short text, unless it is far less sure
        if again and (not inside or min(c for _, c in again) >= min(60.0, max(c for _, c in inside))):
            out = [x for x in out if x not in inside] + again
    return out


def _read(pytesseract, image) -> tuple[Page, list[float]]:
    """One page: its words in Tesseract's lines, and their confidences."""
    rules, columns = ruled_lines(image)
    clean = _without_lines(image, rules, columns)
    data = pytesseract.image_to_data(clean, lang=LANG, config="--psm 3", output_type=pytesseract.Output.DICT)
    words: list[tuple[Word, float]] = []
    line_of: dict[int, tuple[int, int, int]] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        left, top, width, height = (data[k][i] for k in ("left", "top", "width", "height"))
        word = Word(text, left, left + width, top, top + height, height)
        line_of[id(word)] = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        words.append((word, conf))
    if cells := _cells(rules, columns):
        words = _reread_cells(pytesseract, clean, cells, words)
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for n, (word, _conf) in enumerate(words):
        lines.setdefault(line_of.get(id(word), (-1, -1, n)), []).append(word)
    words_lines = []
    for line in lines.values():
        size = statistics.median(w.size for w in line)  # a letter's height, diacritics included
        for w in line:
            w.size = size
        words_lines.append(sorted(line, key=lambda w: w.x0))
    return Page(image.width, image.height, words_lines, rules, columns), [c for _, c in words]


def _mean(values: list[float]) -> float:
    return round(statistics.fmean(values), 1) if values else 0.0


def _read_upright(pytesseract, image) -> tuple[Page, list[float]]:
    page, conf = _read(pytesseract, image)
    if _mean(conf) >= RETRY_BELOW and len(conf) >= 5:
        return page, conf
    try:
        osd = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT)
        angle = int(osd.get("rotate", 0))
    except pytesseract.TesseractError:
        return page, conf  # too little text to tell which way is up
    if angle % 360 == 0:
        return page, conf
    turned, turned_conf = _read(pytesseract, image.rotate(-angle, expand=True))
    return (turned, turned_conf) if _mean(turned_conf) > _mean(conf) else (page, conf)


def ocr_images(images) -> Converted:
    pytesseract = _tesseract()
    pages, page_conf, words = [], [], []
    for image in images:
        page, conf = _read_upright(pytesseract, image)
        pages.append(page)
        page_conf.append(_mean(conf))
        words += conf
    text = read_pages(pages, emphasis=False)
    notes = tuple(f"page {n} was read by OCR with a mean confidence of {c:.0f} (under {LOW_CONFIDENCE:.0f}): "
                  "check its text against the original" for n, c in enumerate(page_conf, 1) if c < LOW_CONFIDENCE)
    if not text.strip():
        raise ConversionError("is a scan in which OCR found no text (a blank page, a photograph?)")
    return Converted(text=text, format="ocr", ocr_confidence=_mean(words), page_confidence=tuple(page_conf),
                     notes=notes, tool="Tesseract")


def _page_image(page):
    """A scanned page's picture: the scan itself when the page is one image (rendering it again would
    resample it, and Tesseract then reads "III" as "II"), else the page rendered at ``DPI``."""
    import pypdfium2 as pdfium

    objects = list(page.get_objects())
    images = [o for o in objects if isinstance(o, pdfium.PdfImage)]
    if len(images) == 1 and len(objects) <= 2:
        left, bottom, right, top = images[0].get_bounds()
        width, height = page.get_size()
        if (right - left) * (top - bottom) > 0.8 * width * height:
            try:
                picture = images[0].get_bitmap(render=False).to_pil().convert("L")
            except (pdfium.PdfiumError, ValueError, OSError):
                picture = None
            if picture is not None and 150 <= picture.width / ((right - left) / 72) <= 600:
                return picture
    return page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")


def convert_scanned_pdf(data: bytes) -> Converted:
    from .pdf import open_pdf

    _tesseract()  # say what to install before rendering anything
    document = open_pdf(data)
    return ocr_images(_enlarged(_page_image(page)) for page in document)


def _enlarged(image):
    """Tesseract reads best with letters about 30 pixels high: an A4 page near 3,500 pixels tall."""
    from PIL import Image

    factor = min(3.0, 3500 / max(image.height, image.width))
    if factor <= 1.2:
        return image
    return image.resize((round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS)


def convert_image(data: bytes) -> Converted:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    _tesseract()
    try:
        picture = Image.open(io.BytesIO(data))
        frames = [frame.convert("L") for frame in ImageSequence.Iterator(picture)]
    except (UnidentifiedImageError, OSError) as exc:
        raise ConversionError(f"is an image that cannot be read ({exc})") from exc

    return ocr_images(_enlarged(f) for f in frames)
