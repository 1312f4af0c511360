"""Cited documents: symbols in running text, their kind, date and issuer, and their identity.

Conventions of the genre (data/symbols.yml holds the codes and words):

- Party symbols are NUMBER-TYPE/ISSUER ("08-NQ/ThU", "11-QĐi/TW"); state symbols are
  NUMBER[/YEAR]/TYPE-ISSUER ("1027/QĐ-UBND", "100/2015/NĐ-CP"), or NUMBER/ISSUER-UNIT for a
  công văn ("1234/UBND-VP"). A symbol always has a letter code after its number, so dates
  ("13/12/2022") and ranges ("2021-2025") are never symbols.
- The kind is the word before the symbol ("Quy định số 205-QĐ/TW" is a Quy định although QĐ
  usually means Quyết định); only without such a word does the type code decide.
- Date and issuer follow the symbol: "số 08-NQ/ThU ngày 13/12/2022 của Thành ủy Đà Lạt".
- Party numbers restart every term and every committee writes the same shapes ("08-CT/TU" of a
  Tỉnh ủy is not that of a Thị ủy), so a cited document's identity is its symbol plus the level
  of its issuer plus its date, and, when undated and local, the citing document's locality.

Everything here is a pure function of its arguments; the only file read is the data file.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from ... import knowledge
from ...model import Reference
from ...vietnamese import fold, iso_date, nfc, slugify
from . import anchored

# --- data -----------------------------------------------------------------------------------


def _key(text: str) -> str:
    """Compare names without diacritics, case or spacing ("Tỉnh uỷ" == "tỉnh ủy")."""
    return " ".join(fold(text).casefold().split())


@cache
def _mixed_case() -> dict[str, str]:
    return {c.casefold(): c for c in knowledge.symbols()["mixed_case"]}


@cache
def _code_aliases() -> dict[str, str]:
    return {a.casefold(): c for a, c in (knowledge.symbols().get("code_aliases") or {}).items()}


@cache
def _kinds() -> dict[str, tuple[str, ...]]:
    """Canonical kind word -> the type codes it may carry."""
    return {k: tuple(v or ()) for k, v in knowledge.symbols()["kinds"].items()}


@cache
def _kind_by_key() -> dict[str, str | None]:
    out: dict[str, str | None] = {_lower(k): k for k in _kinds()}
    out.update({_lower(g): None for g in knowledge.symbols()["generic_words"]})
    return out


def _words_pattern(words: list[str]) -> str:
    """An alternation of phrases, longest first, with any run of spaces between words."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in ordered)


@cache
def _re_kind_word() -> str:
    return _words_pattern([*_kinds(), *knowledge.symbols()["generic_words"]])


def _canonical_kind(word: str) -> str | None:
    return _kind_by_key().get(_lower(word))


# --- symbols --------------------------------------------------------------------------------

_DASHES = r"\-–‐‑"  # for use inside a character class
_SEP = f"[{_DASHES}]"
_TOK = r"[A-ZĐƯ][A-Za-zĐđƯư0-9&]{0,11}"
_NOT_WORD = r"(?![^\W_])"  # no letter or digit right after
# a party symbol NUMBER-TYPE/ISSUER, else a state one NUMBER[/YEAR]/TYPE-ISSUER, not inside a longer word or number.
# Written digit first, then "nothing of a symbol before that digit" (the look back takes the digit too): re skips
# in C to the digits, where a look back in front is tried at every character (2.7x slower, the same matches)
RE_SYMBOL = re.compile(
    rf"\d(?<![\w/.{_DASHES}]\d)(?:"
    rf"\d{{0,4}}{_SEP}{_TOK}/{_TOK}(?:{_SEP}{_TOK})*"
    rf"|\d{{0,4}}(?:/(?:19|20)\d\d)?/{_TOK}(?:{_SEP}{_TOK})*"
    rf"){_NOT_WORD}"
)


@dataclass(frozen=True)
class _Parts:
    """A canonical symbol taken apart: style, number, type code and issuer code."""

    style: str  # "party" or "state"
    number: str
    year: str | None
    code: str | None  # type code ("NQ", "QĐi"); None for a công văn or law
    org: str | None  # first issuer code ("TW", "ThU", "UBND", "UBTVQH15")


def _canon_token(token: str) -> str:
    folded = token.casefold()
    if folded in _code_aliases():
        return _code_aliases()[folded]
    if folded in _mixed_case():
        return _mixed_case()[folded]
    for suffix in knowledge.symbols().get("mixed_case_suffixes", []):
        # "VPThu" is Văn phòng Thành ủy's "VPThU"; "UBKTHU", all capitals, may end in "HU" (Huyện ủy): as written
        if folded.endswith(suffix.casefold()) and len(folded) > len(suffix) and not token.isupper():
            return token[: -len(suffix)].upper() + suffix
    return token.upper()


@lru_cache(maxsize=4096)  # a document writes the same few symbols many times (177 spellings in 2,234 calls)
def canonical_symbol(raw: str) -> str:
    """One spelling per symbol: known mixed-case codes as listed, other codes upper case, digits as written."""
    text = re.sub(r"\s+", "", nfc(raw))
    text = re.sub(f"[{_DASHES}]", "-", text)
    pieces = re.split(r"([-/])", text)
    return "".join(p if p in "-/" or p.isdigit() or not p else _canon_token(p) for p in pieces)


def _strip_term_digits(code: str) -> str:
    """"UBTVQH15" and "QH14" name one body across terms."""
    return re.sub(r"\d+$", "", code)


@cache
def _parts(symbol: str) -> _Parts | None:
    sym = canonical_symbol(symbol)
    m = re.fullmatch(r"(\d+)-([^-/]+)/(.+)", sym)
    if m:
        return _Parts("party", m.group(1), None, m.group(2), m.group(3).split("-")[0])
    m = re.fullmatch(r"(\d+)(?:/(\d{4}))?/(.+)", sym)
    if not m:
        return None
    tokens = m.group(3).split("-")
    if tokens[0] in knowledge.symbols()["type_codes"]["state"]:
        return _Parts("state", m.group(1), m.group(2), tokens[0], tokens[1] if len(tokens) > 1 else None)
    return _Parts("state", m.group(1), m.group(2), None, tokens[0])


def _code_kind(parts: _Parts) -> str | None:
    """The kind a type code stands for; a state symbol without one is a công văn, or a law if it has a year."""
    if parts.code:
        return knowledge.symbols()["type_codes"][parts.style].get(parts.code)
    return None if parts.year else "Công văn"


def _known_shape(parts: _Parts) -> bool:
    """A symbol nobody introduces ("số", a kind word) must carry a code the genre uses."""
    if parts.code:
        return parts.code in knowledge.symbols()["type_codes"][parts.style]
    return parts.style == "state" and _strip_term_digits(parts.org or "") in knowledge.symbols()["state_issuers"]


def _compatible(kind: str | None, parts: _Parts) -> bool:
    """Whether a kind word can name a document with this type code."""
    if kind is None or parts.code is None:
        return True
    return parts.code in _kinds().get(kind, ())


# --- what follows a symbol: date, issuer, term ------------------------------------------

_DATE = (
    r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*,?\s+năm\s+(?P<y2>\d{4})"
)
RE_DATE_AFTER = re.compile(
    rf"\s*,?\s*\(?\s*(?:(?:ban hành|ký)\s+)?(?:ngày\s*)?(?:{_DATE})(?!\d)\s*\)?", re.IGNORECASE
)
RE_DATE_LATE = re.compile(rf"\s*,?\s*(?:(?:ban hành|ký)\s+)?ngày\s*(?:{_DATE})(?!\d)", re.IGNORECASE)
# a date the sentence gives before the issuing it tells of, the symbol right after: "ngày 08/10/2025, UBND tỉnh đã ban
# hành Quyết định số 2389/QĐ-UBND"
RE_DATE_BEFORE = re.compile(rf"(?<!\w)ngày\s*(?:{_DATE})(?!\d)\s*,\s*[^.;,:()]{{0,80}}?\b(?:đã\s+)?(?:ban hành|ký)\s+"
                            r"[^\W\d][^.;,:()\d]{0,40}?(?:số\s*)?$", re.IGNORECASE)
RE_OF = re.compile(r"\s*,?\s*(?:của|do)\s+", re.IGNORECASE)
RE_TERM = re.compile(r"\s*,?\s*\(?\s*kh(?:óa|oá|oa)\s+(?P<k>[IVXLC]+)(?![^\W_])\s*\)?", re.IGNORECASE)
_PUNCT = set(",;.:()[]\"“”«»!?")


@cache
def _tone_table() -> dict[str, str]:
    """Old-style tone placement at a syllable's end ("oá", "uỷ") -> the style the archive shows ("óa", "ủy")."""
    table = {}
    for glide, vowels in (("o", "àáảãạ"), ("o", "èéẻẽẹ"), ("u", "ỳýỷỹỵ")):
        for vowel in vowels:
            base, mark = unicodedata.normalize("NFD", vowel)
            for g in (glide, glide.upper()):
                table[g + vowel] = nfc(g + mark) + base
    return table


def _modern_tones(text: str) -> str:
    """"Tỉnh uỷ" -> "Tỉnh ủy", "khoá" -> "khóa"; "quý" keeps its mark ("qu" is one consonant)."""
    if not _TONE_VOWEL.search(text):
        return text  # no vowel it could move a mark from: one search in C, not the lookbehind at every character
    table = _tone_table()
    return _OLD_TONE.sub(lambda m: table[m.group(1)], text)


_OLD_TONE = re.compile(r"(?<![qQ])([oOuU][àáảãạèéẻẽẹỳýỷỹỵ])(?![^\W\d_])")
_TONE_VOWEL = re.compile("[àáảãạèéẻẽẹỳýỷỹỵ]")


@lru_cache(maxsize=8192)  # asked of the same words and issuers again and again (117,000 times at 1,000 texts)
def _lower(text: str) -> str:
    """Compare words with their diacritics ("Đà" is not "đã") but without case or spacing."""
    return " ".join(_modern_tones(nfc(text)).casefold().split())


def _date_of(m: re.Match[str]) -> str | None:
    if m.group("d"):
        return iso_date(int(m.group("d")), int(m.group("m")), int(m.group("y")))
    return iso_date(int(m.group("d2")), int(m.group("m2")), int(m.group("y2")))


@cache
def _issuer_stops() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_lower(s).split()) for s in knowledge.symbols()["issuer_stops"])


def _stop_at(words: list[str], stops: tuple[tuple[str, ...], ...], first: int = 1) -> int:
    """Where the rest of the sentence begins: the first stop phrase from word ``first`` on.

    Stops are written in lower case in running text; a capitalised word belongs to a name
    ("Sở Xây dựng"), except "Khóa" of a term.
    """
    keys = [_lower(w) for w in words]
    by_first = _by_first_word(stops)
    for i in range(first, len(words)):
        if words[i][:1].isupper() and keys[i] not in ("khóa", "khoá"):
            continue
        # only the stops that begin with this word can begin here (not every stop at every word)
        if any(tuple(keys[i : i + len(stop)]) == stop for stop in by_first.get(keys[i], by_first[None])):
            return i
    return len(words)


@lru_cache(maxsize=16)
def _by_first_word(stops: tuple[tuple[str, ...], ...]) -> dict[str | None, tuple[tuple[str, ...], ...]]:
    """The stops by their first word; under None those that any word may begin (an empty stop, if one)."""
    out: dict[str | None, list[tuple[str, ...]]] = {None: [s for s in stops if not s]}
    for stop in stops:
        if stop:
            out.setdefault(stop[0], list(out[None])).append(stop)
    return {k: tuple(v) for k, v in out.items()}


def _read_issuer(text: str, pos: int) -> tuple[str | None, int]:
    """An issuer named from ``pos`` on, cut where the rest of the sentence begins; and where it ends.

    A line break followed by a lower-case word is a page break inside the name ("của Thường" /
    "trực Thành ủy"); any other line break ends it.
    """
    words: list[tuple[str, int]] = []
    for m in re.finditer(r"\S+|\s+", text[pos : pos + 240]):
        piece = m.group(0)
        if piece.isspace():
            if "\n" in piece and not text[pos + m.end() : pos + m.end() + 1].islower():
                break
            continue
        cut = next((i for i, c in enumerate(piece) if c in _PUNCT), None)
        word = piece if cut is None else piece[:cut]
        if "/" in word:
            break
        if word:
            words.append((word, pos + m.start() + len(word)))
        if cut is not None or len(words) >= 14:
            break
    words = words[: _stop_at([w for w, _ in words], _issuer_stops())]
    if not words or not words[0][0][0].isupper():
        return None, pos
    return _clean_issuer(" ".join(w for w, _ in words)), words[-1][1]


@cache
def _aliases() -> dict[str, str]:
    return {_key(a): c for a, c in knowledge.symbols()["issuer_aliases"].items()}


def _clean_issuer(text: str) -> str:
    name = _modern_tones(" ".join(text.split()))
    return _aliases().get(_key(name), name)


def _term(m: re.Match[str]) -> str:
    return f"khóa {m.group('k').upper()}"


@dataclass(frozen=True)
class _Tail:
    date: str | None
    issuer: str | None
    term: str | None
    end: int


def _read_tail(text: str, pos: int) -> _Tail:
    """Date, issuer and term written after a symbol: ", ngày 12/10/2023 của Thường trực Thành ủy (khóa XI)"."""
    date = issuer = term = None
    if (m := RE_DATE_AFTER.match(text, pos)) and (d := _date_of(m)):
        date, pos = d, m.end()
    if m := RE_OF.match(text, pos):
        issuer, end = _read_issuer(text, m.end())
        if issuer:
            pos = end
    if m := RE_TERM.match(text, pos):
        term, pos = _term(m), m.end()
    if date is None and (m := RE_DATE_LATE.match(text, pos)) and (d := _date_of(m)):
        date, pos = d, m.end()
    return _Tail(date, issuer, term, pos)


# --- citations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """One place where a text cites a document by its symbol."""

    symbol: str  # canonical
    raw: str  # as written
    kind: str | None
    date: str | None  # ISO
    issuer: str | None  # as named after the symbol ("Ban Thường vụ Tỉnh ủy"), central bodies normalised
    term: str | None  # "khóa XIII", when written next to the issuer
    start: int  # offsets of the symbol (or a short form's number) in the text searched
    end: int


@lru_cache(maxsize=1024)  # each text is masked by find_citations and resolve_short_forms, often twice each
def _mask(text: str) -> str:
    """Emphasis marks and heading hashes become spaces, so offsets stay those of the text."""
    return re.sub(r"[*#]", " ", nfc(text))


@cache
def _kind_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """``_kind_before``'s expressions, compiled once: built from the kind words, each symbol asked for them."""
    kinds = _re_kind_word()
    return (re.compile(rf"(?<![^\W\d_])(?P<k>{kinds})\s*(?:số\s*)?[:.]?\s*$", re.IGNORECASE),
            re.compile(r"(?<![^\W\d_])số\s*[:.]?\s*$", re.IGNORECASE),
            re.compile(rf"(?<![^\W\d_])(?:{kinds})(?![^\W\d_])", re.IGNORECASE))


@cache
def _kind_starts() -> anchored.Starts:
    """The first words of the kind words and generic words (``_re_kind_word``)."""
    return anchored.starts(*(w.split()[0] for w in [*_kinds(), *knowledge.symbols()["generic_words"]]))


_SO_STARTS = anchored.starts("số")


def _kind_before(before: str, parts: _Parts) -> tuple[str | None, bool]:
    """The kind named right before a symbol, and whether anything introduces it at all.

    "Quyết định số X" and "Chỉ thị X": the word is trusted whatever the code. "Kế hoạch của ...
    năm 2023 số X": a kind word further back counts only if the code agrees with it.
    """
    kind_last, so_last, kind_word = _kind_res()
    lower = before.lower()  # the expressions are tried only where their first word stands (extract/anchored.py)
    m = next(anchored.finditer(kind_last, before, _kind_starts(), lower), None)
    if m:
        return _canonical_kind(m.group("k")), True
    so = next(anchored.finditer(so_last, before, _SO_STARTS, lower), None)
    if not so:
        return None, False
    clause = before[: so.start()]
    clause = clause[max(clause.rfind(";"), clause.rfind(". "), clause.rfind("\n\n")) + 1 :][-100:]
    for k in reversed(list(anchored.finditer(kind_word, clause, _kind_starts()))):
        kind = _canonical_kind(k.group(0))
        if kind and _compatible(kind, parts):
            return kind, True
    return None, True


def _joined(between: str, *, kind_word: bool) -> bool:
    """Whether two citations are only a list apart (", ", " và ", ", Quyết định số ")."""
    return _joined_re(kind_word).fullmatch(between) is not None


@cache
def _joined_re(kind_word: bool) -> re.Pattern[str]:
    word = rf"(?:(?:{_re_kind_word()})\s*)?" if kind_word else ""
    return re.compile(rf"\s*(?:,|và|hoặc|,\s*và)\s*{word}(?:số\s*[:.]?\s*)?", re.IGNORECASE)


def find_citations(text: str) -> list[Citation]:
    """Every document cited by its full symbol in a plain text, in order of appearance."""
    return list(_citations(text))


@lru_cache(maxsize=1024)
def _citations(text: str) -> tuple[Citation, ...]:
    """``find_citations``, kept for the texts read again: a task's text is most often the text of a block
    read for the document's references just before (half of the calls)."""
    masked = _mask(text)
    found: list[tuple[Citation, _Parts, int]] = []  # citation, its parts, end of what follows it
    last_end = 0
    for m in RE_SYMBOL.finditer(masked):
        start, end = m.span()
        symbol = canonical_symbol(m.group(0))
        parts = _parts(symbol)
        if parts is None:
            continue
        kind, introduced = _kind_before(masked[max(last_end, start - 160) : start], parts)
        if not introduced and not _known_shape(parts):
            continue
        if kind is None and found:
            prev, prev_parts, prev_end = found[-1]
            if (prev.kind and prev_parts.code == parts.code and prev_parts.style == parts.style
                    and _joined(masked[prev_end:start], kind_word=False)):
                kind = prev.kind
        if kind is None:
            kind = _code_kind(parts)
        tail = _read_tail(masked, end)
        date = tail.date
        if date is None and (m := RE_DATE_BEFORE.search(masked, max(last_end, start - 200), start)):
            date = _date_of(m)  # "ngày 08/10/2025, UBND tỉnh đã ban hành Quyết định số 2389/QĐ-UBND"
        cit = Citation(symbol, text[start:end], kind, date, tail.issuer, tail.term, start, end)
        found.append((cit, parts, tail.end))
        last_end = tail.end
    # "Quyết định số 217-QĐ/TW, Quyết định số 218-QĐ/TW của Bộ Chính trị": the issuer is both's.
    for i in range(len(found) - 2, -1, -1):
        cit, parts, tail_end = found[i]
        nxt, nxt_parts, _ = found[i + 1]
        if (cit.issuer is None and nxt.issuer and cit.kind == nxt.kind and parts.org == nxt_parts.org
                and _joined(masked[tail_end : nxt.start], kind_word=True)):
            found[i] = (dataclasses.replace(cit, issuer=nxt.issuer, term=cit.term or nxt.term), parts, tail_end)
    return tuple(c for c, _, _ in found)


_NOT_A_NUMBER_AFTER = (
    r"(?![^\W_]|\.\d|\s*[/" + _DASHES + r"]\s*[^\W_])"
    r"(?!\s*(?:%|năm|tháng|ngày|tuần|giờ|lần|người|hộ|xã|đồng|triệu|tỷ|nghìn|ngàn)(?![^\W\d_]))"
)


_DIGITS = re.compile(r"\d+")


class Catalogue:
    """The symbols a document spells out, indexed for short forms: built once per document.

    A short form ("Quyết định 217") is looked up by its number, and the candidates for a number,
    kind and stated issuer level are kept, so that resolving costs the same whatever the number of
    symbols (it was rebuilt for every block: 4,000 symbols took 73 s).
    """

    def __init__(self, known: Iterable[str]):
        self.by_number: dict[int, list[tuple[str, _Parts]]] = defaultdict(list)
        for s in sorted({canonical_symbol(s) for s in known}):
            if p := _parts(s):
                self.by_number[int(p.number)].append((s, p))
        self._candidates: dict[tuple[int, str | None, str | None], list[str]] = {}

    def candidates(self, number: int, kind: str | None, stated: str | None) -> list[str]:
        """Symbols of ``number`` whose type code ``kind`` allows; several told apart by ``stated``."""
        key = (number, kind, stated)
        if key not in self._candidates:
            found = [s for s, p in self.by_number.get(number, ()) if _compatible(kind, p)]
            if len(found) > 1 and stated:
                found = [s for s in found if issuer_level(s, None, None) == stated]
            self._candidates[key] = found
        return self._candidates[key]

    def may_resolve(self, text: str) -> bool:
        """Could a short form in ``text`` have a known number? Each is the start (1-5 digits) of a run of digits,
        so a text none of whose runs starts with a known number resolves nothing: most blocks, told in C."""
        return not _number_starts(text).isdisjoint(self.by_number)


@lru_cache(maxsize=2048)  # a task's text is most often a block's, asked just before with another catalogue
def _number_starts(text: str) -> frozenset[int]:
    """Every number a short form in ``text`` could have: the starts (1-5 digits) of its runs of digits."""
    return frozenset(int(run[:k]) for run in _DIGITS.findall(text) for k in range(1, min(5, len(run)) + 1))


@cache
def _short_form_re() -> re.Pattern[str]:
    kinds = _words_pattern(list(_kinds()))
    return re.compile(
        rf"(?<![^\W\d_])(?P<k>{kinds})\s+(?:số\s*[:.]?\s*)?"
        rf"(?P<nums>(?<![\d/])\d{{1,5}}(?:\s*(?:,|và|[{_DASHES}])\s*\d{{1,5}})*){_NOT_A_NUMBER_AFTER}",
        re.IGNORECASE,
    )


@cache
def _short_form_starts() -> anchored.Starts:
    return anchored.starts(*(k.split()[0] for k in _kinds()))


def resolve_short_forms(text: str, known: Iterable[str] | Catalogue) -> list[Citation]:
    """Citations by kind and number alone ("Quyết định 217, 218 của Bộ Chính trị") of symbols in ``known``.

    A number resolves when exactly one known symbol has that number and a type code the kind
    word allows; several are told apart by the issuer named after the list, else left out.
    ``known`` may be a ``Catalogue``, built once for all the blocks of a document.
    """
    catalogue = known if isinstance(known, Catalogue) else Catalogue(known)
    if not catalogue.by_number:
        return []
    masked = _mask(text)
    if not catalogue.may_resolve(masked):
        return []
    out: list[Citation] = []
    for kind, tail, stated, numbers in _short_forms(masked):
        for number, start, end in numbers:
            candidates = catalogue.candidates(number, kind, stated)
            if len(candidates) != 1:
                continue
            out.append(Citation(candidates[0], text[start:end], kind, tail.date, tail.issuer, tail.term, start, end))
    return out


_ShortForm = tuple[str | None, _Tail, str | None, tuple[tuple[int, int, int], ...]]


@lru_cache(maxsize=2048)
def _short_forms(masked: str) -> tuple[_ShortForm, ...]:
    """The short forms of a masked text, whatever the catalogue: kind, what follows, the issuer level it states, and
    each number with its offsets. Kept for the texts read again: a task's text is most often a block's, read for
    the document's references just before (the expression is tried at every character: the costly part)."""
    out = []
    for m in anchored.finditer(_short_form_re(), masked, _short_form_starts()):
        tail = _read_tail(masked, m.end("nums"))
        numbers = tuple((int(n.group(0)), m.start("nums") + n.start(), m.start("nums") + n.end())
                        for n in _DIGITS.finditer(m.group("nums")))
        out.append((_canonical_kind(m.group("k")), tail, _level_of_text(tail.issuer) if tail.issuer else None,
                    numbers))
    return tuple(out)


# --- issuers and identity ----------------------------------------------------------------


def _find(words: str, phrase: str) -> re.Match[str] | None:
    """A phrase as whole words, diacritics kept: "Quân ủy Trung ương" does not hold "quận ủy"."""
    return re.search(rf"(?<![^\W_]){re.escape(_lower(phrase))}(?![^\W_])", words)


@lru_cache(maxsize=4096)  # a document names its few issuers many times; each asks a search per body word
def _level_of_text(issuer: str | None) -> str | None:
    """The level of an issuer named in words: "Ban Thường vụ Tỉnh ủy (khóa XI)" -> "Tỉnh ủy"."""
    if not issuer:
        return None
    words = _lower(issuer)
    for body_word, body in knowledge.symbols()["state_bodies"].items():
        if m := _find(words, body_word):
            after = words[m.end() :]
            unit = next((u for u in knowledge.symbols()["state_units"]
                         if re.match(rf"\s*{re.escape(u)}(?![^\W_])", after)), None)
            return f"{body} {unit}" if unit else body
    for phrase, level in knowledge.symbols()["issuer_levels"]:
        if _find(words, phrase):
            return level
    return None


def _resolve_tu(citing_issuer: str | None, *, own_code_thu: bool = False) -> str | None:
    """Whose "TU" a document cites when it does not say: Tỉnh ủy, Thị ủy and Thành ủy all write TU.

    A Thị ủy or Thành ủy most often cites its own papers without naming itself, and names the
    Tỉnh ủy when it cites the province; a Thành ủy that writes ThU for itself means Tỉnh ủy by TU.
    """
    level = _level_of_text(citing_issuer)
    if level in ("Thị ủy", "Tỉnh ủy"):
        return level
    if level == "Thành ủy":
        return "Tỉnh ủy" if own_code_thu else "Thành ủy"
    if level == "Huyện ủy":
        return "Tỉnh ủy"
    if level == "Quận ủy":
        return "Thành ủy"
    if level and level.endswith(" tỉnh"):
        return "Tỉnh ủy"
    return None


def _party_level(org: str) -> tuple[bool, str | None]:
    """(matched, level) for a party issuer code, by its ending ("BDVTW" ends in TW)."""
    table = knowledge.symbols()["party_issuers"]
    for code in sorted(table, key=len, reverse=True):
        if org == code or org.endswith(code):
            return True, table[code]
    return False, None


def _writes_tu(parts: _Parts | None) -> bool:
    """Whether a party symbol's issuer code is the open "TU" (or ends in it: "VPTU")."""
    return bool(parts and parts.style == "party" and parts.org and _party_level(parts.org) == (True, None))


def issuer_level(symbol: str, issuer: str | None, citing_issuer: str | None) -> str | None:
    """Who issued a cited document: from the issuer named, else from the symbol and who cites it.

    TW -> "Trung ương", ThU -> "Thành ủy", HU -> "Huyện ủy", QU -> "Quận ủy"; TU -> the citing
    committee's own level for a Thị ủy or Thành ủy, the Tỉnh ủy for a Huyện ủy. A state symbol
    names its issuer after the type code ("UBND", "CP", "BQLDA").
    """
    if issuer:
        return _level_of_text(issuer) or _clean_issuer(issuer)
    parts = _parts(symbol)
    if parts is None or parts.org is None:
        return None
    if parts.style == "state":
        return parts.org
    matched, level = _party_level(parts.org)
    if level:
        return level
    return _resolve_tu(citing_issuer) if matched else None


_CENTRAL_LEVELS = {"Trung ương", "Chính phủ", "Thủ tướng Chính phủ", "Quốc hội", "Ủy ban Thường vụ Quốc hội"}


def _is_central(parts: _Parts | None, level: str | None) -> bool:
    """Central documents are unique country-wide; local ones need a place when undated."""
    if level in _CENTRAL_LEVELS or ((level or "").startswith("Bộ ") and not level.startswith("Bộ Chỉ huy")):
        return True  # a ministry, not a province's military command
    if parts is None or parts.org is None:
        return False
    org = _strip_term_digits(parts.org)
    return org in knowledge.symbols()["central_state_issuers"] or "TW" in org


def _symbol_slug(symbol: str) -> str:
    """"08-NQ/TU" -> "08-nq_tu", "08/NQ-TU" -> "08_nq-tu": party and state shapes stay apart."""
    return "_".join(slugify(piece) for piece in symbol.split("/"))


def _identity_level(parts: _Parts | None, issuer: str | None) -> str | None:
    """The issuer level that identifies a document: the symbol's own when it tells one, else the issuer named.

    A state symbol names its issuer ("UBND", "CP"), and TW, ThU, HU ... name a level; only "TU"
    needs the words ("của Ban Thường vụ Tỉnh ủy") or the caller's reading of who cites it.
    """
    if parts and parts.org:
        if parts.style == "state":
            return parts.org
        level = _party_level(parts.org)[1]
        if level:
            return level
    if not issuer:
        return None
    return _level_of_text(issuer) or _clean_issuer(issuer)


def reference_id(symbol: str, issuer: str | None, date: str | None, scope: str | None) -> str:
    """The identity of a cited document: symbol + issuer level + date, or + locality when undated and local."""
    sym = canonical_symbol(symbol)
    parts = _parts(sym)
    level = _identity_level(parts, issuer)
    pieces = [_symbol_slug(sym)]
    if level:
        pieces.append(slugify(level))
    if date:
        pieces.append(slugify(date))
    elif scope and not _is_central(parts, level):
        pieces.append(slugify(scope))
    return "--".join(pieces)


# Reference.spellings is newer than some copies of the model: fill it where the model has it.
_HAS_SPELLINGS = "spellings" in {f.name for f in dataclasses.fields(Reference)}


def merge_citations(citations: list[Citation], citing_issuer: str | None, scope: str | None) -> list[Reference]:
    """One Reference per cited document, in order of first citation.

    Citations of one canonical symbol merge unless their stated issuer levels or dates differ.
    Each field takes the first value given; a kind written in words beats one read from the code.
    """
    groups: list[list[Citation]] = []
    # per symbol, its groups with their stated levels and dates, kept as they grow: linear in citations
    by_symbol: dict[str, list[tuple[list[Citation], set[str], set[str]]]] = {}
    for cit in citations:
        level = _level_of_text(cit.issuer)
        for group, levels, dates in by_symbol.get(cit.symbol, []):
            same_level = level is None or not levels or level in levels
            if same_level and (cit.date is None or not dates or cit.date in dates):
                group.append(cit)
                break
        else:
            group, levels, dates = [cit], set(), set()
            groups.append(group)
            by_symbol.setdefault(cit.symbol, []).append((group, levels, dates))
        if level:
            levels.add(level)
        if cit.date:
            dates.add(cit.date)
    own_code_thu = any((p := _parts(c.symbol)) and p.style == "party" and (p.org or "").endswith("ThU")
                       for c in citations)
    out = []
    for group in groups:
        symbol = group[0].symbol
        parts = _parts(symbol)
        default = _code_kind(parts) if parts else None
        # a kind written next to the full symbol beats one read from a short form's words
        full = [c for c in group if canonical_symbol(c.raw) == symbol]
        full_ids = {id(c) for c in full}
        kinds = [c.kind for c in full + [c for c in group if id(c) not in full_ids] if c.kind]
        kind = next((k for k in kinds if k != default), kinds[0] if kinds else None)
        date = next((c.date for c in group if c.date), None)
        issuer = next((c.issuer for c in group if c.issuer), None)
        if issuer is None:
            issuer = (_resolve_tu(citing_issuer, own_code_thu=own_code_thu) if _writes_tu(parts)
                      else issuer_level(symbol, None, citing_issuer))
        spellings = tuple(dict.fromkeys(c.raw for c in group if canonical_symbol(c.raw) == symbol))
        extra = {"spellings": spellings} if _HAS_SPELLINGS else {}
        out.append(Reference(symbol=symbol, kind=kind, date=date, issuer=issuer,
                             id=reference_id(symbol, issuer, date, scope), **extra))
    return out


# --- mentions: laws and campaigns cited without a symbol -----------------------------------

RE_LAW = re.compile(r"(?<![^\W\d_])(?<![Pp]háp\s)(?<!PHÁP\s)Luật\s+(?!(?:số|sư|gia|pháp|lệ|định)(?![^\W\d_]))")
_LAW_STOPS = (
    "năm", "số", "có hiệu lực", "đã", "được", "và", "của", "trong", "tại", "cho", "để", "nhằm", "trên",
    "theo", "đến", "với", "thì", "là", "gắn", "từ", "khi", "ngày", "hiện hành", "sửa đổi bổ sung",
    "nói chung", "cùng", "quy định", "rằng", "nêu", "này", "đó", "mới", "nên", "không", "cũng",
)
RE_RESOLUTION_TW = re.compile(
    r"Nghị\s+quyết\s+(?:Hội\s+nghị\s+)?Trung\s+ương\s+(?:lần\s+thứ\s+)?(?P<n>\d{1,2})(?![\d/])"
    r"(?>(?:\s*,?\s*\(?\s*kh(?:óa|oá|oa)\s+(?P<k>[IVXLC]+)(?![^\W_])\s*\)?)?)"
    r"(?!\s*,?\s*(?:số|\d+[-/]))",
    re.IGNORECASE,
)
_RESOLUTION_TW_STARTS = anchored.starts("Nghị")
RE_CONGRESS = re.compile(
    r"Nghị\s+quyết\s+Đại\s+hội\s+[^,;.()\n]{0,80}?lần\s+thứ\s+[IVXLC]+(?![^\W_])(?:\s+của\s+Đảng(?![^\W_]))?"
)
RE_CODE_OF_CONDUCT = re.compile(r"Bộ\s+Quy\s+tắc\s+ứng\s+xử[^,;.()\"“”«»\n]{0,80}")
_CONDUCT_STOPS = re.compile(r"\s+(?:gắn|và|trong|tại|nhằm|để|theo|đã|được|của\s+(?:cán|các))(?![^\W\d_]).*$")


@cache
def _re_campaign() -> re.Pattern[str]:
    triggers = _words_pattern(knowledge.symbols()["mention_triggers"])
    return re.compile(
        rf"(?<![^\W\d_])(?:{triggers})(?:\s*,?\s+[^\s\"“”«»,.;:]+){{0,3}}?\s*:?\s*"
        r"(?:\"(?P<a>[^\"\n]{2,160}?)\"|“(?P<b>[^“”\n]{2,160}?)”|«(?P<c>[^«»\n]{2,160}?)»)",
        re.IGNORECASE,
    )


@cache
def _campaign_starts() -> anchored.Starts:
    return anchored.starts(*(t.split()[0] for t in knowledge.symbols()["mention_triggers"]))


@cache
def _law_stops() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_lower(s).split()) for s in _LAW_STOPS)


def _read_law(text: str, pos: int) -> str | None:
    """A law's name from ``pos``: words up to punctuation or a word that begins the rest of the sentence."""
    words: list[str] = []
    stops = _law_stops()
    for m in re.finditer(r"\S+|\s+", text[pos : pos + 200]):
        piece = m.group(0)
        if piece.isspace():
            if "\n" in piece:
                break
            continue
        cut = next((i for i, c in enumerate(piece) if c in _PUNCT), None)
        word = piece if cut is None else piece[:cut]
        if word and not any(c.isdigit() for c in word):
            words.append(word)
        elif word:
            break
        if cut is not None:
            # "Luật Phòng, chống tham nhũng": the genre writes this pair with a comma
            if piece[cut] == "," and _key(word) == "phong" and _key(text[pos + m.end() : pos + m.end() + 7]) == "chong":
                words[-1] = word + ","
                continue
            break
        if len(words) >= 12:
            break
    words = words[: _stop_at([w.rstrip(",") for w in words], stops, first=0)]
    if not words:
        return None
    name = " ".join(words)
    return "Luật " + name[0].upper() + name[1:]


def find_mentions(text: str) -> list[str]:
    """Laws, resolutions and campaigns cited without a symbol, once each, in order of first appearance."""
    masked = _mask(text)
    found: list[tuple[int, str]] = []
    for m in RE_LAW.finditer(masked) if "Luật" in masked else ():  # its one word, cased: tried at no character
        if name := _read_law(masked, m.end()):
            found.append((m.start(), name))
    for m in anchored.finditer(RE_RESOLUTION_TW, masked, _RESOLUTION_TW_STARTS):
        term = f" (khóa {m.group('k').upper()})" if m.group("k") else ""
        found.append((m.start(), f"Nghị quyết Trung ương {int(m.group('n'))}{term}"))
    for m in RE_CONGRESS.finditer(masked):
        found.append((m.start(), " ".join(m.group(0).split())))
    for m in RE_CODE_OF_CONDUCT.finditer(masked):
        name = _CONDUCT_STOPS.sub("", " ".join(m.group(0).split()))
        found.append((m.start(), name.rstrip()))
    for m in anchored.finditer(_re_campaign(), masked, _campaign_starts()):
        name = " ".join((m.group("a") or m.group("b") or m.group("c")).replace("_", " ").split())
        if name:
            found.append((m.start(), name))
    out: dict[str, str] = {}
    for _, name in sorted(found, key=lambda f: f[0]):
        out.setdefault(_key(name), _modern_tones(name))
    return list(out.values())
