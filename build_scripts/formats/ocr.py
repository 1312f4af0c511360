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
import statistics

from . import ConversionError, Converted, MissingTool
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


def _read(pytesseract, image) -> tuple[Page, list[float]]:
    """One page: its words in Tesseract's lines, and their confidences."""
    data = pytesseract.image_to_data(image, lang=LANG, config="--psm 3", output_type=pytesseract.Output.DICT)
    lines: dict[tuple[int, int, int], list[Word]] = {}
    confidences = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        left, top, width, height = (data[k][i] for k in ("left", "top", "width", "height"))
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(Word(text, left, left + width, top, top + height, height))
        confidences.append(conf)
    words_lines = []
    for line in lines.values():
        size = statistics.median(w.size for w in line)  # a letter's height, diacritics included
        for w in line:
            w.size = size
        words_lines.append(sorted(line, key=lambda w: w.x0))
    return Page(image.width, image.height, words_lines), confidences


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
