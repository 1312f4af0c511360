"""Vietnamese text helpers shared by every stage: folding, slugs, dates.

Folding removes diacritics and maps đ/Đ to d/D, so that readers who type
without diacritics ("dan van kheo") still match ("Dân vận khéo") and so that
URLs stay ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# "Ð" (U+00D0, Latin capital eth) and "ð" are typed for "Đ" / "đ" by some keyboards and fonts: in a
# Vietnamese text they can only mean Đ, so folding reads them as such.
_D = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Strip diacritics, map đ/Đ to d/D; case is kept.

    Every stage folds (extraction compares folded words, slugs and anchors are folded): the marks
    (category Mn) of the Basic Multilingual Plane are removed by one regular expression, in C, and a
    character beyond it is tested one by one, as before.
    """
    for letter, plain in _D_PAIRS:
        if letter in text:
            text = text.replace(letter, plain)
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed.isascii():
        return decomposed
    stripped = _marks().sub("", decomposed)
    if max(stripped, default="\0") >= "\U00010000":
        stripped = "".join(c for c in stripped if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped)


_D_PAIRS = (("đ", "d"), ("Đ", "D"), ("Ð", "D"), ("ð", "d"))
assert dict(_D_PAIRS) == {chr(k): v for k, v in _D.items()}


@cache
def _marks() -> re.Pattern[str]:
    """The non-spacing marks (Mn) of the Basic Multilingual Plane as one class: built once per process (~0.05 s)."""
    category = unicodedata.category
    ranges: list[list[int]] = []
    for cp in range(0x10000):
        if category(chr(cp)) == "Mn":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return re.compile("[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                                     for a, b in ranges) + "]+")


# --- the reading view: what extraction and search read, the page showing the text as written ---

ETH = {"\u00d0": "Đ", "\u00f0": "đ"}  # Latin eth typed for Vietnamese Đ / đ
# spaces a reader sees as one: no-break, figure, narrow no-break, thin, en/em ... and the tab
ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
# invisible: zero-width space / non-joiner / joiner, word joiner, soft hyphen
INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad"
_READING = str.maketrans({**ETH, **dict.fromkeys(ODD_SPACES, " "), **dict.fromkeys(INVISIBLE, None)})
_READING_CHARS = re.compile("[" + re.escape("".join(ETH) + ODD_SPACES + INVISIBLE) + "]")
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # hyphen, non-breaking hyphen, figure/en/em dash, bar, minus
_DASH = str.maketrans(dict.fromkeys(DASHES, "-"))
_DASH_CHARS = re.compile(f"[{DASHES}]")


def reading_text(text: str) -> str:
    """The text as extraction reads it: eth read as Đ, odd spaces and tabs as a space, invisible marks dropped.

    Typography a careful writer uses (curly quotes, dashes, ellipses) is kept: the task texts
    and names extraction returns are shown to readers. Most lines have none of these characters:
    one search in C finds that out, where translating with a table looks each character up.
    """
    return text.translate(_READING) if _READING_CHARS.search(text) else text


# The older placement of a tone on "oa", "oe", "uy" ending a syllable ("Thanh Hoá", "Khánh Hoà", "Huyện uỷ") and the
# newer one ("Thanh Hóa", "Khánh Hòa", "Huyện ủy"), which the data files' names use: the same word
_OLD_TONES = {old: new for pair in ("oá óa", "oà òa", "oả ỏa", "oã õa", "oạ ọa", "oé óe", "oè òe", "oẻ ỏe", "oẽ õe",
                                     "oẹ ọe", "uý úy", "uỳ ùy", "uỷ ủy", "uỹ ũy", "uỵ ụy")
              for old, new in [pair.split(), pair.upper().split()]}
_RE_OLD_TONES = re.compile(r"(?<![qQ])(?:" + "|".join(_OLD_TONES) + r")(?![^\W\d_])")  # "quý", "quỹ": "qu" is one sound


def newer_tones(text: str) -> str:
    """"Thanh Hoá" -> "Thanh Hóa": a name as the data files spell it, wherever the text put its tone the older way
    (only at a syllable's end: "hoàn" is one spelling either way; "quý" too)."""
    return _RE_OLD_TONES.sub(lambda m: _OLD_TONES[m.group()], text) if _RE_OLD_TONES.search(text) else text


def plain_dashes(text: str) -> str:
    """Every dash as "-": "chính trị – xã hội" and "chính trị - xã hội" name the same bodies (most phrases have
    none: one search in C, where translating looks each character up)."""
    return text.translate(_DASH) if _DASH_CHARS.search(text) else text


@lru_cache(maxsize=8192)  # the same numbers, symbols, levels and dates are slugged again and again (52,000 calls)
def slugify(text: str, fallback: str = "x") -> str:
    """A lower-case ASCII slug: folded, runs of other characters become "-"."""
    ascii_text = fold(text).lower().encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug or fallback


@lru_cache(maxsize=1 << 13)
def heading_slug(value: str, separator: str = "-") -> str:
    """The id of a Markdown heading (Python-Markdown's toc ``slugify``): the same folding as page slugs. Kept for
    the headings that come again: a cited document's page has a heading per citing document, the title that
    document's own page and other cited documents' pages show."""
    return slugify(value, fallback="muc").replace("-", separator)


def iso_date(day: int, month: int, year: int) -> str | None:
    """An ISO date, or None if the numbers cannot be a calendar date."""
    import datetime

    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def display_date(iso: str | None) -> str:
    """Show an ISO date (or year, or year-month) the Vietnamese way: dd/mm/yyyy."""
    if not iso:
        return ""
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2:
        return f"tháng {int(parts[1])}/{parts[0]}"
    return f"năm {parts[0]}"


def display_count(n: int) -> str:
    """A count the Vietnamese way, its thousands grouped by dots: "188.340 nhiệm vụ" (an archive of a province reads
    ten thousand documents: "188340" is hard to read, and "188,340" is a decimal to a Vietnamese reader). Years,
    numbers of documents and of tasks are names, not counts: they stay as written."""
    return f"{n:,}".replace(",", ".")


_QUARTER = re.compile(r"quý\s+(IV|III|II|I|[1-4])\s*(?:/|năm\s+)(\d{4})", re.IGNORECASE)
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def display_deadline(iso: str | None, text: str | None = None) -> str:
    """A task's deadline, shown the same way on every page and in the tracker's data.

    "15/01/2024", "tháng 11/2023", "năm 2023"; a quarter stays a quarter ("quý I/2024"), though
    it is stored as its last month ("2024-03"), when the words it came from name it.
    """
    if not iso:
        return ""
    quarter = _QUARTER.search(text or "")
    if quarter and len(iso) == 7 and iso.startswith(quarter.group(2)):
        number = quarter.group(1).upper()
        return f"quý {_ROMAN.get(number, number)}/{quarter.group(2)}"
    return display_date(iso)


# --- syllables: what a Vietnamese word can be ------------------------------------------

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWEL_GROUPS = frozenset(re.findall(r"\S+", (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ ưa ưi ưu "
    "ươ uy yê iêu yêu oai oao oay oeo uây uôi ươi ươu uya uyê uyu"
)))
_SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?([aăâeêioôơuưy]+)(?:ng|nh|ch|[cmnpt])?"
)


def is_syllable(word: str) -> bool:
    """Whether ``word`` can be one Vietnamese syllable (an initial, a vowel group, a final; one tone at most)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONES for ch in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    m = _SYLLABLE.fullmatch(base)
    return bool(m) and m.group(1) in _VOWEL_GROUPS
