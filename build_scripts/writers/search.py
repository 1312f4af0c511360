"""Index stage: the model -> client-side search data, built with lunr.py at build time.

The index is lunr's (lunr 2.3.9's BM25 scores, number for number what lunr.py builds); the browser
never rebuilds it, and scores a query as lunr.js's query would, reading only the query's terms
(``score`` in tim-kiem.js), without loading lunr.js itself. Everything is written as JavaScript
files that hand their data to the search page (``docs/assets/tim-kiem.js``) through a queue, so
the search works from ``file://`` and under any sub-path: no ``fetch``, no absolute URL.

Search units are a document, its sections (headings) and its numbered items (tasks); each
links to ``page#anchor``. Text is tokenised the same way here and in ``tim-kiem.js``:

- NFC, lower case; a word is a run of letters, combining marks and decimal digits;
- words joined by single "-" or "/" that start with a digit and contain a letter form a
  symbol ("340-TB/TU", "08-NQ/ThU", "1027/QĐ-UBND"), kept whole in the symbol field;
- every word is indexed folded (diacritics removed, đ -> d); a word whose folded form stands
  for several spellings in the archive ("đảng", "đang" -> "dang") is also indexed as written,
  in the field ``e``, so that a query with diacritics ranks exact matches first.

Files written under ``docs_dir/data/tim-kiem/``:

- ``chi-muc.js``  the core, loaded first: the index's fields, which shard holds which terms,
  the documents (title, URL, facets as numbers into a table of values) and how many units each has;
- ``tu-N.js``     a shard of the index, split by term: the terms whose folded form begins with
  the same key, its first ``SHARD_KEY`` characters or more for common beginnings (small groups share
  a file), with their postings and their
  entries of every field vector, and their positions in the title and the text, as strings of
  ``varints``. lunr scores a match as dot(query, field vector) / |query|, and the dot product
  reads only the query's own terms, so the shards of a query's terms rank exactly as the whole
  index would;
- ``phan-N.js``   the units of some documents (label, anchor, heading, original text), loaded
  only when a result from one of them is shown (for the passage and its excerpt).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import shutil
import sys
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import filterfalse, pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..knowledge import bodies
from ..model import Block, BlockKind, Body, BodyGroup, Document, Links, Span, Task, tree
from ..vietnamese import display_date, fold, nfc
from .datascript import compact_json, data_script

if TYPE_CHECKING:  # numpy is imported where the merge uses it: the build's own process never needs it
    import numpy as np

OUT_DIR = Path("data") / "tim-kiem"  # under docs_dir; docs/data/ is generated and git-ignored
INDEX_FILE = "chi-muc.js"
PART_FILE = "phan-{}.js"
PART_BYTES = 30_000  # a store part is closed once it holds this much text (JSON bytes): a document or two
SHARD_FILE = "tu-{}.js"
# A term's shard key is the first 3 characters of its folded form (a word shorter than that is its own key);
# the terms of a key that fill more than SHARD_BYTES are split by one more character, again while they do
# (the common words: "giai", "giao" and "gian" each get their own key, and a query for one no longer loads
# the others). A word's row is under the longest key its folded form begins with; a typed beginning (3
# letters or more, the page completes no shorter one) or a symbol also needs the keys that begin with it.
# Keys in order share a file until it holds SHARD_BYTES.
SHARD_KEY = 3
SHARD_BYTES = 20_000
QUEUE = "vbTimKiem"  # global queue the data scripts push into
LUNR_VERSION = "2.3.9"

# Short field names keep the serialised index small (they are repeated in every posting).
# name: (meaning, build-time boost)
FIELDS: dict[str, tuple[str, int]] = {
    "t": ("title", 3),
    "s": ("number and cited symbols, whole", 6),
    "i": ("issuer", 2),
    "l": ("locality and province", 2),
    "o": ("organisations: issuer of the document, assignees of a task", 2),
    "x": ("text", 1),
    "e": ("words as written, where their folded form is ambiguous", 1),
}

FACETS = ("dia-phuong", "nam", "loai", "to-chuc")  # locality, year, type, organisation

JOINERS = "-/"


# --- tokens ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    text: str  # lower case, diacritics kept
    folded: str  # lower case, no diacritics, đ -> d
    start: int  # offsets in the NFC text
    end: int


@dataclass(frozen=True)
class Chain:
    """Words joined by single "-" or "/"; a chain that starts with a digit and has a letter is a symbol."""

    words: tuple[Token, ...]
    symbol: Token | None = None


def _word_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "LM" or cat == "Nd"


def fold_token(text: str) -> str:
    """Lower case and fold; tokens are already lower case, so this only strips diacritics."""
    return fold(text.lower())


def _token(text: str, start: int, end: int) -> Token:
    word = text[start:end].lower()
    return Token(word, fold_token(word), start, end)


def symbol_key(text: str) -> str:
    """A symbol as the index and queries compare it: folded, and "/" read as "-", so that either separator
    finds it ("215/TB-ThU" finds "215-TB/ThU"; "45-TB/UBND" finds "45/TB-UBND")."""
    return fold_token(text.lower()).replace("/", "-")


def _symbol(text: str, start: int, end: int) -> Token:
    word = text[start:end].lower()
    return Token(word, symbol_key(word), start, end)


BMP = 0x10000  # the Basic Multilingual Plane: every character of a Vietnamese text


def _word_class(bmp: bool = False) -> str:
    """The word characters (``_word_char``), of the BMP or all, as a regular expression's class."""
    return _word_ranges(0, BMP) + ("" if bmp else _word_ranges(BMP, sys.maxunicode + 1))


@cache
def _word_ranges(start: int, end: int) -> str:
    """The word characters from ``start`` to ``end`` as ranges of a class, the category test inlined: built once
    per process, in every rebuild (the BMP's part in 0.06 s; all of Unicode takes ten times that)."""
    category = unicodedata.category
    ranges: list[list[int]] = []
    for cp in range(start, end):
        cat = category(chr(cp))
        if cat[0] in "LM" or cat == "Nd":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


@cache
def _word_run(bmp: bool = False) -> re.Pattern[str]:
    """A run of word characters (``_word_char``) as one regular expression: scanning in C, not per character
    (of the BMP only, for a text within it: see ``_chain_run``)."""
    return re.compile(f"[{_word_class(bmp)}]+")


@cache
def _chain_run(bmp: bool) -> re.Pattern[str]:
    """A chain (``chains``): word runs joined by single "-" or "/", as one regular expression. For a text
    within the BMP, a class of the BMP only: ``re`` tests it with one bitmap, where the whole class makes
    every other character (a space) scan the ranges beyond the BMP: 16 times slower."""
    cls = _word_class(bmp)
    return re.compile(f"[{cls}]+(?:[{re.escape(JOINERS)}][{cls}]+)*")


def chains(text: str) -> list[Chain]:
    """Tokenise ``text`` (the same rules as ``tokens`` in tim-kiem.js)."""
    s = nfc(text)
    runs = [m.span() for m in _word_run(not s or max(s) < chr(BMP)).finditer(s)]
    out: list[Chain] = []
    k = 0
    while k < len(runs):
        m = k
        while m + 1 < len(runs) and runs[m + 1][0] - runs[m][1] == 1 and s[runs[m][1]] in JOINERS:
            m += 1
        words = tuple(_token(s, a, b) for a, b in runs[k : m + 1])
        symbol = None
        start, end = runs[k][0], runs[m][1]
        if m > k and unicodedata.category(s[start]) == "Nd" and any(c.isalpha() for c in s[start:end]):
            symbol = _symbol(s, start, end)
        out.append(Chain(words, symbol))
        k = m + 1
    return out


def index_tokens(text: str) -> tuple[list[Token], list[Token]]:
    """(words, symbols) of a text as the index sees them: every word, and every symbol whole."""
    words: list[Token] = []
    symbols: list[Token] = []
    for c in chains(text):
        words.extend(c.words)
        if c.symbol:
            symbols.append(c.symbol)
    return words, symbols


_FOLDED: dict[str, tuple[str, str]] = {}  # a word as found -> (lower case, folded): each distinct word folded once


def _pair(word: str) -> tuple[str, str]:
    pair = _FOLDED.get(word)
    if pair is None:
        lower = word.lower()
        pair = _FOLDED[word] = (lower, fold_token(lower))
    return pair


def index_pairs(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``index_tokens`` as (text, folded) pairs, without offsets: what the index reads, an order of magnitude
    faster (chains found by one regular expression, each distinct word folded once per process)."""
    words: list[tuple[str, str]] = []
    symbols: list[tuple[str, str]] = []
    text = nfc(text)
    for chain in _chain_run(not text or max(text) < chr(BMP)).findall(text):
        if "-" in chain or "/" in chain:
            parts = chain.replace("/", "-").split("-")
            words += map(_pair, parts)
            if unicodedata.category(chain[0]) == "Nd" and any(c.isalpha() for c in chain):
                lower = chain.lower()
                symbols.append((lower, symbol_key(lower)))
        else:
            words.append(_pair(chain))
    return words, symbols


def query_tokens(text: str) -> list[tuple[str, Token]]:
    """What a query looks for: ("symbol", token) for a symbol, else ("word", token) per word."""
    out: list[tuple[str, Token]] = []
    for c in chains(text):
        if c.symbol:
            out.append(("symbol", c.symbol))
        else:
            out.extend(("word", w) for w in c.words)
    return out


# --- search units ---------------------------------------------------------------------------


@dataclass
class Unit:
    """One search result: a document, a section or an item, with the text it owns."""

    doc: int  # position of the document in the archive
    label: str = ""  # "Mục II", "Nhiệm vụ 1.3"; "" for the document itself
    anchor: str = ""  # "" for the document itself
    title: str = ""  # the document title, or a section heading
    symbols: list[str] = field(default_factory=list)
    issuer: list[str] = field(default_factory=list)
    locality: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    segments: list[tuple[str, str]] = field(default_factory=list)  # (anchor or "", original text)

    def add(self, anchor: str, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.segments.append((anchor, text))


def _text(spans: list[Span]) -> str:
    """The words of some spans, without footnote marks."""
    return " ".join("".join(s.text for s in spans if not s.note).split())


def _descendants(blocks: list[Block]):
    for b in blocks:
        yield b
        yield from _descendants(b.children)


def _unique(values) -> list[str]:
    """The values, spaces normalised, once each, in order (a dict: a document naming thousands stays linear)."""
    out: dict[str, None] = {}
    for v in values:
        v = " ".join((v or "").split())
        if v:
            out[v] = None
    return list(out)


def kind_names(found: Body | BodyGroup | None) -> list[str]:
    """The kinds a body or group belongs to ("Ủy ban nhân dân"); a name kept as written, without its place."""
    if isinstance(found, BodyGroup):
        return [k for m in found.members for k in kind_names(m)]
    if found is None:
        return []
    return [found.kind or found.name.removesuffix(" " + found.scope)]


def _organisations(doc: Document, names: list[str], links: Links | None) -> list[str]:
    """Names as written, then the kinds they stand for: "UBND" is found as "Ủy ban nhân dân" too."""
    if links is None:
        return _unique(names)
    kinds = [k for n in names for k in kind_names(links.identity(doc, n))]
    group = [g.name for n in names if isinstance(g := links.identity(doc, n), BodyGroup)]
    return _unique([*names, *group, *kinds])


def _task_unit(doc_index: int, task: Task, doc: Document | None = None, links: Links | None = None) -> Unit:
    """A task's passage: its label, its assignees (and their kinds) and the symbols it cites (``Task.references``
    holds the symbols themselves, as the data contract says: a lookup by reference id found none)."""
    return Unit(
        doc_index,
        label=f"Nhiệm vụ {task.number}".strip(),
        anchor=task.anchor,
        organisations=_organisations(doc, [a.name for a in task.assignees], links),
        symbols=_unique(task.references),
    )


def document_units(doc: Document, doc_index: int, links: Links | None = None) -> list[Unit]:
    """Split a document into search units, in reading order; every block's text belongs to one unit.

    With the link stage's ``links``, a task's organisations also hold the kinds of its assignees
    ("Ủy ban nhân dân" for "UBND thành phố"), and the document's, its issuer's kind."""
    f = doc.facts
    tasks = {t.anchor: t for t in f.tasks if t.anchor}
    issuer = links.issuers.get(doc.id) if links else None
    blocks = tree(doc)
    top = Unit(
        doc_index,
        title=f.title or " ".join(_text(b.spans) for b in blocks if b.kind == BlockKind.TITLE),
        symbols=_unique([f.number, *(r.symbol for r in f.references)]),
        issuer=_unique([f.issuer]),
        locality=_unique([f.locality, f.province]),
        organisations=_unique([f.issuer, *kind_names(issuer)]),
    )
    units = [top]
    current = top
    placed: set[str] = set()

    def start(unit: Unit) -> Unit:
        units.append(unit)
        if unit.anchor:
            placed.add(unit.anchor)
        return unit

    for b in blocks:
        kind = b.kind
        if kind in (BlockKind.TITLE, BlockKind.RULE):
            continue
        if kind == BlockKind.HEADING and b.anchor:
            number = b.number or ""
            current = start(Unit(doc_index, label=f"Mục {number}" if number else "", anchor=b.anchor,
                                 title=_text(b.spans)))
        elif kind == BlockKind.ITEM and b.anchor:
            task = tasks.get(b.anchor)
            unit = _task_unit(doc_index, task, doc, links) if task else Unit(
                doc_index, label=f"Mục {b.number}", anchor=b.anchor)
            current = start(unit)
            current.add(b.anchor, _text(b.spans))
        elif kind == BlockKind.TABLE:
            _table(b, current, tasks, start, doc, links)
        elif kind in (BlockKind.RECIPIENTS, BlockKind.SIGNATURE):
            current = top
            top.add(b.anchor, _text(b.spans))
        elif kind == BlockKind.HEADER:
            top.add(b.anchor, _text(b.spans))
        else:  # paragraphs, bullets, footnotes, unanchored headings and items
            current.add(b.anchor, _text(b.spans))
        owner = top if kind in (BlockKind.HEADER, BlockKind.RECIPIENTS, BlockKind.SIGNATURE) else current
        for child in _descendants(b.children):  # e.g. the list under "Nơi nhận:"
            owner.add(child.anchor or b.anchor, _text(child.spans))

    for task in f.tasks:  # tasks the blocks do not show as items (e.g. read from running text)
        if task.anchor not in placed:
            unit = start(_task_unit(doc_index, task, doc, links))
            unit.add(task.anchor, task.text)
    return units


def _table(b: Block, current: Unit, tasks: dict[str, Task], start,
           doc: Document | None = None, links: Links | None = None) -> None:
    anchors = list(getattr(b, "row_anchors", []) or [])
    for i, row in enumerate(b.rows):
        anchor = anchors[i - 1] if 0 < i <= len(anchors) else ""
        text = " · ".join(c.strip() for c in row if c.strip())
        if anchor in tasks:
            start(_task_unit(current.doc, tasks[anchor], doc, links)).add(anchor, text)
        else:
            current.add(anchor or current.anchor, text)


def _facet_values(values) -> list[str]:
    """Distinct values, letter case aside ("Các cấp ủy", "các cấp ủy"); a capitalised spelling is preferred."""
    forms: dict[str, str] = {}
    for v in _unique(values):
        key = nfc(v).casefold()
        if key not in forms or (not forms[key][:1].isupper() and v[:1].isupper()):
            forms[key] = v
    return list(forms.values())


def facets(doc: Document, links: Links | None = None) -> dict[str, list[str]]:
    """The values a reader filters by: locality, year, type, organisations (issuer and assignees).

    With the link stage's ``links``, an organisation is its kind of body, once ("Ủy ban nhân dân"
    for "UBND thành phố" and "Ủy ban nhân dân thành phố" alike; a group's members each); people
    ("Nhân dân") are not organisations."""
    f = doc.facts
    year = (f.meeting_date or f.issued_date or "")[:4]
    if links is None:
        organisations = [f.issuer, *(a.name for t in f.tasks for a in t.assignees)]
    else:
        issuer = links.issuers.get(doc.id)
        organisations = [*(kind_names(issuer) if issuer is not None else [f.issuer]),
                         *(k for t in f.tasks for a in t.assignees for k in kind_names(links.identity(doc, a.name)))]
    return {
        "dia-phuong": _facet_values([f.locality]),
        "nam": [year] if len(year) == 4 and year.isdigit() else [],
        "loai": _facet_values([f.type]),
        "to-chuc": _facet_values(organisations),
    }


# --- the index --------------------------------------------------------------------------------


POSITION_FIELDS = ("t", "x")  # fields whose words keep their positions, for phrases and neighbours
SEGMENT_GAP = 2  # positions skipped between two segments: words of two paragraphs are never neighbours


def _unit_fields(unit: Unit, positions: dict[str, list[int]] | None = None) -> dict[str, list[tuple[str, str]]]:
    """(text, folded) tokens per field, before the exact field is chosen; symbols found in the text join ``s``.

    With ``positions``, each word of the fields ``POSITION_FIELDS`` gets its place in its field
    (in order, with a gap between segments), aligned with the field's tokens.
    """
    fields: dict[str, list[tuple[str, str]]] = {}
    symbols: list[tuple[str, str]] = []
    for name, values in (("t", [unit.title]), ("i", unit.issuer), ("l", unit.locality),
                         ("o", unit.organisations), ("x", [t for _, t in unit.segments])):
        words: list[tuple[str, str]] = []
        places: list[int] = []
        at = 0
        for v in values:
            w, s = index_pairs(v)
            words += w
            symbols += s
            if positions is not None and name in POSITION_FIELDS:
                places += range(at, at + len(w))
                at += len(w) + SEGMENT_GAP
        fields[name] = words
        if positions is not None and name in POSITION_FIELDS:
            positions[name] = places
    for sym in unit.symbols:  # as the facts give them, e.g. "340-TB/TU"
        symbols += index_pairs(sym)[1]
    fields["s"] = symbols
    return fields


def build_index(docs: list[Document], links: Links | None = None) -> tuple[dict, list[Unit]]:
    """The lunr.py index over every unit of ``docs`` (serialised), and the units (ref = position).

    The reference the tests hold the build's shards (``Merger``, ``shards``) to: lunr.py keeps every posting
    as nested dicts and every token as an object, several GB for a few thousand documents.
    """
    units = [u for i, d in enumerate(docs) for u in document_units(d, i, links)]
    if not units:  # an empty archive: lunr.py cannot average field lengths over no document
        return {"version": LUNR_VERSION, "fields": list(FIELDS), "fieldVectors": [], "invertedIndex": [],
                "pipeline": []}, []
    tokenised = [_unit_fields(u) for u in units]
    spellings: dict[str, set[str]] = {}
    for fields in tokenised:
        for name in ("t", "i", "l", "o", "x"):
            for text, folded in fields[name]:
                spellings.setdefault(folded, set()).add(text)
    ambiguous = {f for f, forms in spellings.items() if len(forms) > 1}

    from lunr.builder import Builder  # the tests' reference only: not imported by the build

    builder = Builder()  # empty pipelines: tokens arrive ready, as in the browser's queries
    builder.ref("r")
    for name, (_meaning, boost) in FIELDS.items():
        builder.field(name, boost)
    for ref, fields in enumerate(tokenised):
        record: dict[str, object] = {"r": str(ref)}
        exact: list[str] = []
        for name in ("t", "s", "i", "l", "o", "x"):
            record[name] = [folded for _text, folded in fields[name]]
            if name != "s":
                exact += [text for text, folded in fields[name] if text != folded and folded in ambiguous]
        record["e"] = exact
        builder.add(record)
    return builder.build().serialize(), units


K1, B = 1.2, 0.75  # lunr's BM25 defaults
SHARE_VERSION = 3  # of the cached form below: a change of it makes every entry stale


@dataclass(frozen=True)
class DocumentShare:
    """What one document gives the index, whatever else the archive holds: its vocabulary, and flat arrays of
    numbers (words are numbers into the vocabulary; cached, they load as bytes, and the merge reads them as
    numpy arrays without a Python object per posting). Everything that does not depend on the archive is
    here: the counts, the positions as the shards write them (count, first, differences)."""

    words: str  # the vocabulary, one word a line: one object, where a tuple of words unpickles as one per word
    units: int  # how many units the document has
    counts: array  # (word, term frequency) per counted word of every field but "e", unit by unit, field by field
    count_runs: array  # per unit, per field but "e": how many pairs of ``counts`` it has
    written: array  # (as written, folded, tf) per word whose written form differs from its folded one
    written_runs: array  # per unit: how many triples of ``written`` it has
    order: array  # the words in the order lunr meets them first (a written word at its place in "e")
    places: array  # (word, count) per folded word of a position field, unit by unit, slot by slot
    place_runs: array  # per unit, per slot of POSITION_FIELDS: how many pairs of ``places`` it has
    positions: array  # per entry of ``places``: its count, its first position, then the differences
    spellings: array  # (written, folded) pairs outside "s", each pair once


def document_share(units: list[Unit]) -> DocumentShare:
    """The share of one document's units: the tokenising, which depends on that document alone."""
    vocabulary: dict[str, int] = {}
    spellings: set[tuple[str, str]] = set()
    counts, written_all, places, positions = array("i"), array("i"), array("i"), array("i")
    count_runs, written_runs, place_runs = array("i"), array("i"), array("i")
    order: list[int] = []

    def word(w: str) -> int:
        return vocabulary.setdefault(w, len(vocabulary))

    for unit in units:
        at_of: dict[str, list[int]] = {}
        fields = _unit_fields(unit, at_of)
        written: dict[str, list[int]] = {}
        for name in ("t", "i", "l", "o", "x"):  # the order lunr.py saw "e" built in
            tokens = fields[name]
            spellings.update(tokens)
            for text, folded in tokens:
                if text != folded:
                    if text in written:
                        written[text][2] += 1
                    else:
                        written[text] = [word(text), word(folded), 1]
        for name in POSITION_FIELDS:
            where: dict[str, list[int]] = {}
            for (_text, folded), at in zip(fields[name], at_of[name], strict=True):
                where.setdefault(folded, []).append(at)
            place_runs.append(len(where))
            for w, at in where.items():
                places.extend((word(w), len(at)))
                positions.append(len(at))
                positions.append(at[0])
                positions.extend([b - a for a, b in pairwise(at)])
        for name in list(FIELDS)[:-1]:
            counted = Counter(folded for _text, folded in fields[name])
            count_runs.append(len(counted))
            for w, tf in counted.items():
                k = word(w)
                counts.extend((k, tf))
                order.append(k)
        written_runs.append(len(written))
        for k, folded, tf in written.values():
            written_all.extend((k, folded, tf))
            order.append(k)
    pairs = _flat((word(text), word(folded)) for text, folded in sorted(spellings))
    return DocumentShare("\n".join(vocabulary), len(units), counts, count_runs, written_all, written_runs,
                         array("i", dict.fromkeys(order)), places, place_runs, positions, pairs)


def _flat(items) -> array:
    return array("i", [x for item in items for x in item])


@dataclass(frozen=True)
class ShareCache:
    """Where each document's share is kept between builds, given by the build (the writers do not touch the disk
    themselves): ``code`` is the hash of the build code; ``load`` a key's entry or None; ``store`` keeps one."""

    code: str
    load: Callable[[str], object]
    store: Callable[[str, object], None]


def _share_key(units: list[Unit], code: str) -> str:
    """A document's share depends on its units' contents (the document and what the link stage says of it)
    and on the code; not on the document's place in the archive."""
    h = hashlib.sha256(f"{code}\0{SHARE_VERSION}\0".encode("ascii"))
    h.update(repr([(u.label, u.anchor, u.title, u.symbols, u.issuer, u.locality, u.organisations, u.segments)
                   for u in units]).encode("utf-8"))
    return h.hexdigest()


def _share(units: list[Unit], cache: ShareCache | None, made_of: str | None = None) -> DocumentShare:
    """A document's share, from the cache where it has it (else tokenised, and kept there): kept under ``made_of``
    when the build gives it (the hash of all the document's input is made of, ``KeptInput``), else under its units'
    contents."""
    if not cache:
        key = ""
    elif made_of is not None:  # the input's key changes whenever its units would: no need to hash them again
        key = hashlib.sha256(f"{SHARE_VERSION}\0{made_of}".encode("ascii")).hexdigest()
    else:
        key = _share_key(units, cache.code)
    share = cache.load(key) if cache else None
    if not isinstance(share, DocumentShare) or share.units != len(units):
        share = document_share(units)
        if cache:
            cache.store(key, share)
    return share


def _numbers(a: array, columns: int = 1) -> np.ndarray:
    """An array of ints as numpy sees it (no copy), in rows of ``columns``."""
    import numpy as np
    return (np.frombuffer(a, np.int32) if len(a) else np.empty(0, np.int32)).reshape(-1, columns)


@dataclass
class Postings:
    """Entries of the index in one numpy array each, sorted by (term, field) and, within one, by unit: the key
    ``term × fields + field``, the unit, and a number per entry (a score, or where its positions' numbers begin)."""

    keys: np.ndarray
    refs: np.ndarray
    values: np.ndarray

    def taken(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The columns, let go by these postings: freed as soon as the reader drops them."""
        columns = self.keys, self.refs, self.values
        self.keys = self.refs = self.values = columns[0][:0]
        return columns


@dataclass
class Merge:
    """What the archive-wide merge of the documents' shares finds (``Merger.merge``): the index's terms (by number)
    and its entries, scored (``shards`` writes them)."""

    terms: list[str]
    scores: Postings  # per (term, field), per unit: its score × 1000
    places: Postings  # per (term, slot of POSITION_FIELDS), per unit: where its numbers begin in ``positions``
    positions: np.ndarray  # the numbers of ``places``' entries (count, first, differences), in their order


class Merger:
    """The archive-wide merge of the documents' shares, fed one share at a time (``add``), in archive order: a
    share is turned into arrays of numbers (its words into archive-wide numbers, in the order of first use) and
    let go, so the shares are never held whole at once; ``merge`` then does what needs the whole archive.

    What depends on the whole archive: the words with several spellings (field "e"), term numbers, document
    frequencies, average field lengths, idf and the scores, following lunr.py 0.8's builder exactly (term
    numbers in order of first use, idf over every field's postings), so the browser scores with what lunr.py
    would have produced. Python walks each document's distinct words (to number them); what is done per posting
    (the scores, the sort by term) is done by numpy, on whole arrays.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}  # word -> its number: in order of first use, "e" or not (``merge``)
        self.units = 0
        # Per column, one array grown document by document (``_append``), not an array per document: no column is
        # held twice when ``merge`` reads it (``_taken``: a view, no copy), and no document's small arrays are
        # left as holes in the heap. Counts and positions as 16-bit numbers until one does not fit (``_append``
        # widens that column); a posting's unit is not kept, only how many entries each unit has (``runs``).
        # A share's words are kept as its own numbers, as it has them, and its numbers of the archive's words
        # beside (``numbers``): ``merge`` makes them the archive's, and the fields and slots of its entries, for
        # the whole archive at once, where doing it for each share was a dozen small numpy calls.
        self.counts = [array("i"), array("H")]  # word (the share's number), tf
        self.written = [array("i"), array("H")]  # word as written (the share's number), tf
        self.places = [array("i"), array("H"), array("H")]  # word (the share's number), count, numbers
        self.runs = [array("i"), array("i"), array("i")]  # per unit: its entries in counts (per field but "e"),
        # written, places (per slot)
        self.numbers = [array("i")]  # per share, the archive's number of each of its words
        self.spellings = [array("i")]  # (as written, folded) pairs outside "s" (the share's numbers), each once a share
        self.sizes = [array("i"), array("i"), array("i"), array("i"), array("i")]  # per share: its words, its entries
        # in counts, written and places, its pairs of spellings

    def add(self, share: DocumentShare) -> None:
        import numpy as np
        words, ids = share.words.split("\n"), self.ids
        units = share.units
        order = _numbers(share.order)[:, 0]
        number = np.full(len(words), -1, np.int32)
        # the words in their order, each once (``document_share``), new ones numbered next: C loops, not a
        # comprehension that looks up each word (a third of the time of adding a share)
        used = list(map(words.__getitem__, order.tolist()))
        ids.update(zip(filterfalse(ids.__contains__, used), itertools.count(len(ids))))
        number[order] = list(map(ids.__getitem__, used))
        counts, written, places = share.counts, share.written, share.places
        self.numbers[0].frombytes(number.tobytes())
        self.counts[0].extend(counts[0::2])
        self.written[0].extend(written[0::3])
        self.places[0].extend(places[0::2])
        self.spellings[0].extend(share.spellings)
        _append(self.counts, None, _numbers(counts, 2)[:, 1])
        _append(self.written, None, _numbers(written, 3)[:, 2])
        _append(self.places, None, _numbers(places, 2)[:, 1], _numbers(share.positions)[:, 0])
        for column, runs in zip(self.runs, (share.count_runs, share.written_runs, share.place_runs), strict=True):
            column.extend(runs)
        for column, size in zip(self.sizes, (len(words), len(counts) // 2, len(written) // 3, len(places) // 2,
                                             len(share.spellings) // 2), strict=True):
            column.append(size)
        self.units += units

    def merge(self) -> Merge:
        """The index of the documents added (at least one unit): terms, idf, and the entries by term."""
        import numpy as np
        fields, slots, units = len(FIELDS), len(POSITION_FIELDS), self.units
        unit = np.arange(units, dtype=np.int32)
        numbers = _taken(self.numbers, 0)
        sizes = [_taken(self.sizes, k) for k in range(len(self.sizes))]
        bases = (np.cumsum(sizes[0]) - sizes[0]).astype(np.int32)  # where each share's numbers begin
        # each word as written (outside "s") -> its folded form; a folded word is ambiguous when the archive writes
        # it in two ways or more
        n = len(self.ids)
        pairs = numbers[_taken(self.spellings, 0) + np.repeat(bases, 2 * sizes[4])].reshape(-1, 2)
        folded_of = np.zeros(n, np.int32)
        folded_of[pairs[:, 0]] = pairs[:, 1]
        pairs = np.unique(pairs[:, 0].astype(np.int64) * n + pairs[:, 1])  # each (as written, folded) once
        ambiguous = np.bincount(pairs % n, minlength=n) > 1
        del pairs
        counted, count_runs = _with_slots(_archive_words(numbers, _taken(self.counts, 0), bases, sizes[1]),
                                          _taken(self.runs, 0), fields - 1)
        counted += counted // (fields - 1)  # word × (fields - 1) + field -> word × fields + field
        # "e" holds the words as written whose folded form has several spellings
        written = _archive_words(numbers, _taken(self.written, 0), bases, sizes[2])
        exact = ambiguous[folded_of[written]]
        del ambiguous, folded_of
        ref = np.concatenate([np.repeat(unit, count_runs), np.repeat(unit, _taken(self.runs, 1))[exact]])
        del count_runs
        key = np.concatenate([counted, written[exact] * fields + (fields - 1)])  # word × fields + field
        del counted
        del written
        tf = np.concatenate([_taken(self.counts, 1), _taken(self.written, 1)[exact]])
        del exact
        frequency = np.zeros(len(self.ids), np.int64)
        for part in _chunks(len(key)):
            frequency += np.bincount(key[part] // fields, minlength=len(self.ids))
        used = frequency > 0  # lunr numbers a word when it is first seen in a field: the words in order, but
        term_of = (np.cumsum(used) - 1).astype(np.int32)  # the written words left out of "e"
        vocabulary = list(self.ids)
        terms = [vocabulary[w] for w in np.flatnonzero(used).tolist()]
        del vocabulary, self.ids
        idf = [math.log(1 + abs((units - n + 0.5) / (n + 0.5))) for n in frequency[used].tolist()]
        lengths = np.zeros(units * fields)  # per unit and field, the sum of its counts (exact: int sums)
        for part in _chunks(len(key)):  # in chunks: no full-length temporaries beside the columns
            field = key[part] % fields
            key[part] = term_of[key[part] // fields] * fields + field
            lengths += np.bincount(ref[part] * fields + field, weights=tf[part], minlength=units * fields)
        average = [int(total) / units for total in lengths.reshape(-1, fields).sum(axis=0).tolist()]
        scores = np.empty(len(key), np.int32)
        for part in _chunks(len(key)):
            scores[part] = _scores(key[part], ref[part], tf[part], lengths, average, idf)
        del tf, lengths
        postings = Postings(key, ref, scores)
        del key, ref, scores  # the postings' columns are replaced one by one as they are sorted
        postings = _sorted(postings)
        p_key, place_runs = _with_slots(_archive_words(numbers, _taken(self.places, 0), bases, sizes[3]),
                                        _taken(self.runs, 2), slots)
        del numbers, sizes, bases
        for part in _chunks(len(p_key)):
            p_key[part] = term_of[p_key[part] // slots] * slots + p_key[part] % slots
        columns = [p_key, np.repeat(unit, place_runs), _taken(self.places, 1), _taken(self.places, 2)]
        del p_key
        return Merge(terms, postings, *_positions(columns))


def _archive_words(numbers: np.ndarray, own: np.ndarray, bases: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """A column of the shares' own numbers of their words (``sizes``: how many entries each share has there) as the
    archive's numbers: ``own`` is changed in place, and let go."""
    import numpy as np
    own += np.repeat(bases, sizes)
    return numbers[own]


def _with_slots(words: np.ndarray, runs: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``words`` (the archive's numbers) as word × n + the field or slot of each, in place; ``runs``: per unit, per
    field or slot, how many entries it has. Returns them, and the entries per unit."""
    import numpy as np
    words *= n
    words += np.repeat(np.tile(np.arange(n, dtype=words.dtype), len(runs) // n), runs)
    return words, runs.reshape(-1, n).sum(axis=1)


_TYPES = {"i": "i4", "H": "u2"}  # an array's typecode -> numpy's dtype (C int and unsigned short: 4 and 2 bytes)
_NARROW_MAX = 0xFFFF


def _append(columns: list[array], *arrays: np.ndarray | None) -> None:
    """A document's numbers at the end of each column; a 16-bit column that a number does not fit is widened."""
    for k, a in enumerate(arrays):
        if a is None:  # a column the caller fills itself
            continue
        column = columns[k]
        if column.typecode == "H" and len(a) and int(a.max()) > _NARROW_MAX:
            column = columns[k] = array("i", column)
        column.frombytes(a.astype(_TYPES[column.typecode], copy=False).tobytes())


def _taken(columns: list[array], k: int) -> np.ndarray:
    """Column ``k`` as a numpy array, without a copy (writable: the merge updates some in place); the merger lets
    it go (freed with the last array that reads it)."""
    import numpy as np
    column, columns[k] = columns[k], array(columns[k].typecode)
    if not len(column):
        return np.empty(0, _TYPES[column.typecode])
    return np.frombuffer(column, _TYPES[column.typecode])


def _chunks(n: int) -> Iterator[slice]:
    return (slice(low, low + _SCORE_CHUNK) for low in range(0, n, _SCORE_CHUNK))


def _positions(columns: list[np.ndarray]) -> tuple[Postings, np.ndarray]:
    """The positions' entries sorted by (term, slot), and their numbers (count, first, differences) gathered in
    that order. ``columns`` (key, ref, count, numbers) are emptied: each is let go once read."""
    import numpy as np
    key, ref, count, numbers = columns
    columns.clear()
    wide = np.int64 if len(numbers) >= 2**31 else np.int32
    key, order = _stable_order(key)
    ref = ref[order]
    counts = count.astype(wide) + 1  # an entry's numbers: count, first, differences
    del count
    sources = np.cumsum(counts, dtype=wide)
    sources -= counts
    sources = sources[order]  # where each sorted entry's numbers are
    counts = counts[order]
    del order
    starts = np.cumsum(counts, dtype=wide)
    starts -= counts  # and where they go
    out = np.empty_like(numbers)
    for part in _chunks(len(starts)):  # the numbers to take, a chunk of entries at a time
        c = counts[part]
        within = np.arange(int(c.sum())) - np.repeat(np.cumsum(c) - c, c)
        low = int(starts[part.start])
        out[low:low + len(within)] = numbers[np.repeat(sources[part], c) + within]
    return Postings(key, ref, starts), out


_SCORE_CHUNK = 1 << 16  # postings scored at once: bounds the arrays of floats


def _scores(key: np.ndarray, ref: np.ndarray, tf: np.ndarray, lengths: np.ndarray, average: list[float],
            idf: list[float]) -> np.ndarray:
    """lunr's scores × 1000 of some postings, in lunr's order of operations: idf × (k1 + 1) tf / (norm + tf) ×
    boost, with norm the BM25 length normalisation k1 (1 - b + b length / average length) of the unit's field."""
    import numpy as np
    fields = len(FIELDS)
    field = key % fields
    norm = K1 * (1 - B + B * (lengths[ref.astype(np.int64) * fields + field] / np.array(average)[field]))
    boosts = np.array([boost for _meaning, boost in FIELDS.values()], np.float64)
    return _thousandths(np.array(idf)[key // fields] * ((K1 + 1) * tf) / (norm + tf) * boosts[field])


def _thousandths(score: np.ndarray) -> np.ndarray:
    """round(round(score, 3) × 1000), as lunr.py rounds a score to 3 places and the shards keep thousandths.

    That is the exact value × 1000 rounded to the nearest integer (ties to even): numpy's rint of score × 1000,
    but where the product's own rounding could cross a half, which Python's round settles on the exact value;
    those few are computed as Python does."""
    import numpy as np
    scaled = score * 1000
    out = np.rint(scaled).astype(np.int64)
    near = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    out[near] = [round(round(s, 3) * 1000) for s in score[near].tolist()]
    return out


def _stable_order(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``keys`` sorted and the order that sorts them stably (equal keys in their order): numpy's stable argsort of
    32-bit numbers is a merge sort, where its plain sort of 64-bit ones runs vector instructions (x86-simd-sort,
    3x faster). Each key is made unique by its place in the low 32 bits, so any sort of them is the stable one."""
    import numpy as np
    if len(keys) >= 2**32 or (len(keys) and int(keys.min()) < 0):  # a place or a key the bits cannot hold
        order = np.argsort(keys, kind="stable")
        return keys[order], order
    both = keys.astype(np.int64)
    both <<= 32
    for part in _chunks(len(both)):  # in place, a chunk at a time: no full-length temporary beside it
        both[part] |= np.arange(part.start, part.start + len(both[part]), dtype=np.int64)
    both.sort()
    sorted_keys = np.empty(len(keys), keys.dtype)
    for part in _chunks(len(both)):
        sorted_keys[part] = both[part] >> 32
    both &= 0xFFFFFFFF
    return sorted_keys, both


def _sorted(p: Postings) -> Postings:
    """Entries by key, each key's in the units' order (they come in that order: a stable sort keeps it)."""
    p.keys, order = _stable_order(p.keys)  # each column replaced in turn: one copy at a time
    p.refs = p.refs[order]
    p.values = p.values[order]
    return p


def pack(serialised: dict) -> dict:
    """A lossless, smaller form of a lunr.py serialised index (``unpack`` restores it exactly).

    With no metadata kept, the inverted index is the transpose of the field vectors, so only the
    vectors travel, with the terms in index order: per unit, per field, the term positions as
    differences and the scores (rounded to 3 places by lunr) as thousandths.
    """
    fields = serialised["fields"]
    terms = [""] * len(serialised["invertedIndex"])
    for term, posting in serialised["invertedIndex"]:
        terms[posting["_index"]] = term
    vectors: dict[str, dict[str, list[int]]] = {}
    for field_ref, elements in serialised["fieldVectors"]:
        name, ref = field_ref.split("/", 1)
        flat: list[int] = []
        last = 0
        for k in range(0, len(elements), 2):
            flat += [elements[k] - last, round(elements[k + 1] * 1000)]
            last = elements[k]
        vectors.setdefault(ref, {})[name] = flat
    refs = list(vectors)
    if refs != [str(i) for i in range(len(refs))]:
        raise ValueError("pack() expects the refs 0, 1, 2, ... in order")
    return {
        "version": serialised["version"],
        "fields": fields,
        "pipeline": serialised["pipeline"],
        "terms": terms,
        "vectors": [[vectors[ref].get(name, []) for name in fields] for ref in refs],
    }


def unpack(packed: dict) -> dict:
    """The lunr serialised index back from ``pack`` (the same steps as ``unpack`` in tim-kiem.js)."""
    fields, terms = packed["fields"], packed["terms"]
    postings: list[dict] = []
    for i in range(len(terms)):
        posting: dict = {name: {} for name in fields}
        posting["_index"] = i
        postings.append(posting)
    field_vectors = []
    for ref, per_field in enumerate(packed["vectors"]):
        for name, flat in zip(fields, per_field, strict=True):
            elements: list[float] = []
            position = 0
            for k in range(0, len(flat), 2):
                position += flat[k]
                elements += [position, flat[k + 1] / 1000]
                postings[position][name][str(ref)] = {}
            field_vectors.append([f"{name}/{ref}", elements])
    inverted = sorted(zip(terms, postings, strict=True), key=lambda tp: tp[0])
    return {
        "version": packed["version"],
        "fields": fields,
        "fieldVectors": field_vectors,
        "invertedIndex": [list(tp) for tp in inverted],
        "pipeline": packed["pipeline"],
    }


_dumps = compact_json

# Numbers in the shards travel as strings of "varints": each character carries 5 bits of a number, least
# significant first, and 32 when more characters of that number follow (base64url's 64 letters, which JSON
# writes as they are). About half the bytes of the same numbers as JSON arrays, and the browser turns only
# the rows of the query's terms back into numbers: a shard is a few strings to parse, not an array per posting.
VARINT_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_DIGIT_VALUE = {c: i for i, c in enumerate(VARINT_DIGITS)}


def _varint(v: int) -> str:
    if v < 0:
        raise ValueError(f"varints() takes non-negative integers, not {v}")
    out: list[str] = []
    while v >= 32:
        out.append(VARINT_DIGITS[32 | (v & 31)])
        v >>= 5
    out.append(VARINT_DIGITS[v])
    return "".join(out)


_SMALL = 1 << 15  # numbers below this (nearly all: deltas, scores, positions) are looked up, not computed
_VARINT = [_varint(v) for v in range(_SMALL)]


def varints(values) -> str:
    """Non-negative integers as one string (``unvarints`` in tim-kiem.js reads it back)."""
    table = _VARINT
    return "".join([table[v] if 0 <= v < _SMALL else _varint(v) for v in values])


def unvarints(text: str) -> list[int]:
    """The integers of ``varints``, in order."""
    out: list[int] = []
    value = shift = 0
    for c in text:
        d = _DIGIT_VALUE[c]
        value |= (d & 31) << shift
        if d & 32:
            shift += 5
        else:
            out.append(value)
            value = shift = 0
    return out


def _script(*args: object) -> str:
    return data_script(QUEUE, "Tìm kiếm", *args)


def shard_key(term: str) -> str:
    """The base key of an index term: the start of its folded form (a word as written shares its folded form's);
    a key that holds too much is split further (``_split``)."""
    return fold_token(term)[:SHARD_KEY]


def shards(m: Merge) -> Iterator[tuple[list[list], list[str]]]:
    """The index (``Merger.merge``) split by term, file after file, each with its keys (``_split``): per file, rows of
    ``[term, index, per field: its postings, then per field of POSITION_FIELDS: the word's positions]``, each a
    string of ``varints``: a field's postings are (ref delta, score × 1000) pairs; its positions, per posting of
    that field, their count, then the positions as differences. ``decode_row`` reads a row back.

    A term keeps its index number, so the field vectors assembled from some shards are the
    whole index's vectors restricted to those terms, and lunr's scores do not change. The
    positions are not lunr's: tim-kiem.js reads them to match phrases and rank neighbours.
    The merge gives the entries sorted by (term, field): all of the archive's numbers are written as varints
    at once, and each row's strings are slices of that text (tests/site/test_scale.py compares every score
    with lunr.py's).
    """
    import numpy as np
    terms = m.terms
    fields, slots = len(FIELDS), len(POSITION_FIELDS)
    keys, refs, values = m.scores.taken()  # each column let go once read: the merge is not held beside the text
    first = _firsts(keys)
    keys = keys[first]
    pairs = np.empty(2 * len(refs), np.int32)
    pairs[0::2] = refs
    pairs[2::2] -= refs[:-1]  # a unit as the difference from the previous one of its (term, field)
    pairs[2 * first] = refs[first]  # a (term, field)'s first unit is its ref itself
    del refs
    pairs[1::2] = values
    del values
    posting_text, posting_at = _text_by_key(pairs, 2 * first, keys, len(terms) * fields)
    del pairs
    keys, _refs, starts = m.places.taken()
    del _refs
    first = _firsts(keys)
    positions, m.positions = m.positions, m.positions[:0]
    place_text, place_at = _text_by_key(positions, starts[first], keys[first], len(terms) * slots)
    del keys, starts, positions
    by_key: dict[str, list[tuple[str, list, int]]] = {}  # key -> (folded term, row, its bytes)
    for t in sorted(range(len(terms)), key=terms.__getitem__):
        term = terms[t]
        row = [term, t, *(posting_text[posting_at[k]:posting_at[k + 1]] for k in range(t * fields, (t + 1) * fields)),
               *(place_text[place_at[k]:place_at[k + 1]] for k in range(t * slots, (t + 1) * slots))]
        # the row's JSON bytes (``_dumps(row)``; varints need no escaping): brackets, commas, quotes
        size = len(_dumps(term).encode("utf-8")) + len(str(t)) + sum(len(x) + 3 for x in row[2:]) + 3
        folded = fold_token(term)
        by_key.setdefault(folded[:SHARD_KEY], []).append((folded, row, size))
    del posting_text, place_text
    rows_out: list[list] | None = None
    keys: list[str] = []
    filled = SHARD_BYTES
    for base in sorted(by_key):
        for key, rows in _split(base, by_key.pop(base)):  # a file's rows leave the index as the file is made
            size = sum(n for _f, _row, n in rows) + 1
            if filled + size > SHARD_BYTES:
                if rows_out is not None:
                    yield rows_out, keys
                rows_out, keys, filled = [], [], 0
            assert rows_out is not None
            rows_out.extend(row for _f, row, _n in rows)
            keys.append(key)
            filled += size
    if rows_out is not None:
        yield rows_out, keys



_VARINT_CHUNK = 1 << 16  # numbers written at once by ``_text_by_key``: bounds its arrays of characters


def _firsts(keys: np.ndarray) -> np.ndarray:
    """Where each run of equal keys begins, in sorted ``keys``."""
    import numpy as np
    first = np.empty(len(keys), bool)
    first[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    return np.flatnonzero(first)


def _text_by_key(numbers: np.ndarray, starts: np.ndarray, keys: np.ndarray, n_keys: int) -> tuple[str, list[int]]:
    """``numbers`` as one string of varints, and where each key's run of them is: the run of ``keys[i]`` begins
    at number ``starts[i]`` (both sorted) and ends where the next begins; key ``k``'s text is
    ``text[at[k]:at[k + 1]]``, empty for a key that has none. The same characters as ``varints``, made by numpy
    for every number at once (a chunk at a time)."""
    import numpy as np
    digits = np.frombuffer(VARINT_DIGITS.encode("ascii"), np.uint8)
    if len(numbers) and int(numbers.min()) < 0:
        raise ValueError(f"varints() takes non-negative integers, not {int(numbers.min())}")
    texts: list[str] = []
    offsets = np.empty(len(starts), np.int64)
    done = 0
    for low in range(0, len(numbers), _VARINT_CHUNK):
        values = numbers[low:low + _VARINT_CHUNK].astype(np.int64)
        width = np.ones(len(values), np.int64)  # characters per number: 5 bits each
        rest = values >> 5
        while rest.any():
            width += rest > 0
            rest >>= 5
        ends = np.cumsum(width)
        a, b = np.searchsorted(starts, [low, low + len(values)])
        offsets[a:b] = done + ends[starts[a:b] - low] - width[starts[a:b] - low]
        digit = np.arange(int(ends[-1])) - np.repeat(ends - width, width)  # each character's place in its number
        more = digit < np.repeat(width - 1, width)
        digit = (np.repeat(values, width) >> (5 * digit)) & 31 | (more << 5)
        texts.append(digits[digit].tobytes().decode("ascii"))
        done += int(ends[-1])
    at = np.full(n_keys + 1, done, np.int64)
    at[keys] = offsets
    return "".join(texts), np.minimum.accumulate(at[::-1])[::-1].tolist()


def _split(key: str, rows: list[tuple[str, list, int]]) -> Iterator[tuple[str, list[tuple[str, list, int]]]]:
    """The rows of a key, split by one more character of their folded terms while they fill more than
    SHARD_BYTES (a term no longer than the key stays under it): (key, rows), keys in order.

    Where every term goes on with the same characters, the key takes them all at once (their common
    beginning), and the groups wait on a stack, not in nested calls: one very long word, or words that
    share a long beginning, cost one step, not one call per character (a recursion as deep as the word).
    """
    stack = [(key, rows)]
    while stack:
        key, rows = stack.pop()
        if sum(n for _f, _row, n in rows) <= SHARD_BYTES or all(len(f) <= len(key) for f, _row, _n in rows):
            yield key, rows
            continue
        longer: dict[str, list[tuple[str, list, int]]] = {}
        for item in rows:
            longer.setdefault(item[0][:len(key) + 1], []).append(item)
        if len(longer) == 1:  # one way on: the terms' common beginning is the next key that can split them
            common = _common_beginning([f for f, _row, _n in rows])
            stack.append((common if len(common) > len(key) else next(iter(longer)), rows))
            continue
        stack.extend((k, longer[k]) for k in sorted(longer, reverse=True))


def _common_beginning(words: list[str]) -> str:
    """The longest beginning all ``words`` share: that of the first and the last in order."""
    first, last = min(words), max(words)
    n = 0
    while n < len(first) and first[n] == last[n]:
        n += 1
    return first[:n]


def decode_row(row: list, fields: int) -> tuple[str, int, list[list[int]], list[list[list[int]]]]:
    """A shard's row as numbers: (term, index, per field its flat (ref delta, score) pairs, per position field
    per posting its positions as differences)."""
    term, number, *rest = row
    postings = [unvarints(text) for text in rest[:fields]]
    places: list[list[list[int]]] = []
    for text in rest[fields:]:
        numbers, lists, k = unvarints(text), [], 0
        while k < len(numbers):
            lists.append(numbers[k + 1:k + 1 + numbers[k]])
            k += 1 + numbers[k]
        places.append(lists)
    return term, number, postings, places


def shard_of(folded: str, file_of: dict[str, int]) -> int | None:
    """The file of a term's row (its folded form given): that of the longest key it begins with (``_split``)."""
    for k in range(len(folded), min(SHARD_KEY, len(folded)) - 1, -1):
        if folded[:k] in file_of:
            return file_of[folded[:k]]
    return None


def query_shards(query: str, keys: list[list[str]], typing: bool = False) -> set[int]:
    """The shard files a query needs (what tim-kiem.js loads: ``shardsFor``), given the core's keys per file;
    ``typing``: the last word may be the beginning of a word."""
    file_of = {k: f for f, ks in enumerate(keys) for k in ks}
    tokens = query_tokens(query)
    wanted: set[int] = set()
    for i, (kind, t) in enumerate(tokens):
        own = shard_of(t.folded, file_of)
        if own is not None:
            wanted.add(own)
        if kind == "symbol" or (typing and i == len(tokens) - 1 and len(t.folded) >= SHARD_KEY):
            wanted.update(f for k, f in file_of.items() if k.startswith(t.folded))
    return wanted


def _words(text: str) -> tuple[str, ...]:
    return tuple(t.folded for t in index_tokens(text)[0])


def _minimal(forms: set[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The forms that hold no other form of the class: a text with any form holds one of these."""
    def holds(form: tuple[str, ...], other: tuple[str, ...]) -> bool:
        return form != other and any(form[i:i + len(other)] == other for i in range(len(form) - len(other) + 1))

    return sorted(f for f in forms if not any(holds(f, o) for o in forms))


def synonyms(vocabulary: set[str], classes: list[SynonymClass] | None = None) -> list[list]:
    """The search's synonyms, from data/organisations.yml: per class, [names, alternatives, loose names]; a name
    is a list of folded words ("mttq"; "mat tran to quoc"), an alternative the number of a name.

    A query that holds a name (or a loose name) of a class matches a text that holds any alternative:
    "MTTQ" and "Mặt trận Tổ quốc" find the same documents. A name of one or two letters ("CA") is a
    common word once folded, and a name of two classes is ambiguous: neither is used. A class whose
    alternatives the archive never uses is left out."""
    out = []
    for ordered, alternatives, loose in synonym_classes() if classes is None else classes:
        if len(ordered) > 1 and any(all(w in vocabulary for w in a) for a in alternatives):
            out.append([[list(f) for f in ordered], [ordered.index(a) for a in alternatives], [list(f) for f in loose]])
    return out


SynonymClass = tuple[list[tuple[str, ...]], list[tuple[str, ...]], list[tuple[str, ...]]]


def synonym_classes() -> list[SynonymClass]:
    """What ``synonyms`` reads of data/organisations.yml, before the archive's vocabulary: per class, its usable
    names in order, its alternatives and its loose names. It depends on the code and its data alone, and costs a
    tenth of a second (the organisations' knowledge is built for it): the build keeps it (``search_files``)."""
    def usable(names) -> set[tuple[str, ...]]:
        return {w for w in map(_words, names) if w and (len(w) > 1 or len(w[0]) > 2)}

    raw = [(usable(names), usable(loose)) for names, loose in bodies.synonyms()]
    count = Counter(f for names, loose in raw for f in names | loose)
    out: list[SynonymClass] = []
    for names, loose in raw:
        names = {f for f in names if count[f] == 1}
        loose = {f for f in loose if count[f] == 1} - names
        out.append((sorted(names), _minimal(names), sorted(loose)))
    return out


def document_record(doc: Document, directory_urls: bool = True, links: Links | None = None) -> dict:
    """A document's entry in the index file, its facets by value (``search_files`` numbers them) and no part yet."""
    f = doc.facts
    return {
        "u": doc.href(directory_urls),
        "t": f.title or doc.id,
        "n": f.number,
        "k": f.type,
        "d": display_date(f.meeting_date or f.issued_date) or None,
        "i": f.meeting_date or f.issued_date,
        "f": facets(doc, links),
    }


SearchInput = tuple[list[Unit], dict]  # a document's units and its record (document_record), in archive order
# an input as the build keeps it (site/search_process): with the hash of all it is made of (which keys its share
# too), or None, and its texts' size in a part (``text_size``)
KeptInput = tuple[list[Unit], dict, str | None, int]


def search_inputs(docs: list[Document], directory_urls: bool = True,
                  links: Links | None = None) -> Iterator[SearchInput]:
    """What the search index takes of each document: all it needs of the models (``search_files``)."""
    for i, d in enumerate(docs):
        yield search_input(d, i, directory_urls, links)


def search_input(doc: Document, doc_index: int, directory_urls: bool = True, links: Links | None = None) -> SearchInput:
    """What the search index takes of one document (the ``doc_index``-th): made of the document, the URLs' form
    and what ``archive_read`` gives of the archive; the position only numbers its units."""
    return document_units(doc, doc_index, links), document_record(doc, directory_urls, links)


def text_size(units: list[Unit]) -> int:
    """The bytes that a document's texts take in a part (the parts are filled by it)."""
    return sum(len(_dumps(u.segments).encode("utf-8")) for u in units)


def archive_read(doc: Document, links: Links | None) -> str:
    """All that ``search_input`` reads of ``doc`` that the archive's other texts can change, as text: with the
    document as loaded and the URLs' form, its input is made of this alone (a build keeps the inputs under it,
    ``site/search_process``). Of ``links``, the issuer's body and every assignee's identity, as ``kind_names`` and
    a group's name see them (a body is named as the first text that gives it writes it); of the document, its
    references' ids (the link resolves an undated citation archive-wide: ``link.resolve_identities``). A reader
    of ``links`` added to the units or records is added here too: a test changes a body in another text."""
    read: list[object] = [[(r.id, r.symbol) for r in doc.facts.references]]
    if links is None:
        return repr(read)
    issuer = links.issuers.get(doc.id)
    read.append(None if issuer is None else kind_names(issuer))
    for task in doc.facts.tasks:
        for a in task.assignees:
            found = links.identity(doc, a.name)
            read.append((a.name, kind_names(found), found.name if isinstance(found, BodyGroup) else None))
    return repr(read)


def search_files(inputs: Iterable[SearchInput | KeptInput], cache: ShareCache | None = None,
                 classes: list[SynonymClass] | None = None, memo: PartMemo | None = None) -> Iterator[tuple[str, str]]:
    """File name and content of every search file, made as the documents' inputs come (``search_inputs``, or as the
    build keeps them, ``KeptInput``): the texts' parts as they fill, then the shards one by one, the index file
    last. What is kept for the whole archive is the documents' shares (numbers), their records, and the index as
    the merge makes it. ``classes``: the synonyms' (``synonym_classes``), where the build keeps them; ``memo``: the
    parts kept by the last build (``_part``)."""
    import numpy as np
    merger = Merger()
    documents: list[dict] = []
    unit_counts: list[int] = []  # units are numbered document after document
    values: dict[str, dict[str, int]] = {name: {} for name in FACETS}  # each facet value once, by number
    part: list[tuple[list[Unit], str | None]] = []  # the part being filled: its documents' units and input keys
    filled = parts = refs = first = 0  # ``first``: the part's first unit
    for units, record, *kept in inputs:
        merger.add(_share(units, cache, kept[0] if kept else None))
        size = kept[1] if kept else text_size(units)
        if part and filled + size > PART_BYTES:  # parts: documents, in order, of about PART_BYTES of text
            yield PART_FILE.format(parts), _part(parts, first, part, memo)
            part, filled, parts, first = [], 0, parts + 1, refs
        part.append((units, kept[0] if kept else None))
        filled += size
        refs += len(units)
        record["f"] = [[values[name].setdefault(v, len(values[name])) for v in vs] for name, vs in record["f"].items()]
        record["p"] = parts
        documents.append(record)
        unit_counts.append(len(units))
    if part:
        yield PART_FILE.format(parts), _part(parts, first, part, memo)
        parts += 1
    del part
    if memo is not None:
        memo.close()  # the parts kept for the next build, and let go before the merge
        memo = None
    none = Postings(*(np.empty(0, np.int64) for _ in range(3)))  # an empty archive's
    m = merger.merge() if refs else Merge([], none, none, np.empty(0, np.int64))
    del merger
    terms = m.terms
    shard_keys = []
    for n, (rows, keys) in enumerate(shards(m)):
        shard_keys.append(keys)
        yield SHARD_FILE.format(n), _script("tu", n, rows)
    meta = {
        "v": 3,
        "facets": list(FACETS),
        "values": [list(values[name]) for name in FACETS],
        "fields": {name: meaning for name, (meaning, _boost) in FIELDS.items()},
        "docs": documents,
        "units": unit_counts,
        "parts": [PART_FILE.format(p) for p in range(parts)],
        "key": SHARD_KEY,
        "shards": shard_keys,  # per file, its keys (``shard_of``)
        "positions": list(POSITION_FIELDS),  # the fields whose postings carry the words' positions
        "lunr": {"version": LUNR_VERSION, "fields": list(FIELDS), "pipeline": []},
        "syn": synonyms(set(terms), classes),
    }
    yield INDEX_FILE, _script("chi-muc", meta)


class PartMemo(Protocol):
    """Texts kept between builds under the hash of what makes them (``files.MemoGroup``, given by the build): ``text``
    gives the one kept under ``parts``, else ``make()``'s; ``close`` keeps those asked for since."""

    def text(self, parts: Iterable[str], make: Callable[[], str]) -> str: ...

    def close(self) -> None: ...


def _part(number: int, first: int, docs: list[tuple[list[Unit], str | None]], memo: PartMemo | None) -> str:
    """A part's file: the texts of ``docs``' units, numbered from ``first``. Its bytes are made of its number, its
    first unit and its documents' inputs alone, so with each input's key (``KeptInput``) it is the one the last
    build made where these are the same: an edit or an add re-encodes one part or two, not every one (the texts
    are a third of the search files' bytes, and their JSON and escapes a tenth of the index process' time)."""
    def make() -> str:
        texts: dict[str, list] = {}
        ref = first
        for units, _key in docs:
            for u in units:
                texts[str(ref)] = [u.label, u.anchor, u.title if u.label or u.anchor else "", u.segments]
                ref += 1
        return _script("phan", number, texts)

    keys = [key for _units, key in docs]
    if memo is None or None in keys:
        return make()
    return memo.text(("phan", str(number), str(first), *keys), make)


def search_data(docs: list[Document], directory_urls: bool = True, links: Links | None = None,
                cache: ShareCache | None = None) -> dict[str, str]:
    """File name -> content of every search file; links as the build's URLs are; each document's share of the
    index from ``cache`` where it has it."""
    return dict(search_files(search_inputs(docs, directory_urls, links), cache))


def write_search_files(files: Iterable[tuple[str, str]], docs_dir: Path) -> list[Path]:
    """Write search files (``search_files``) under ``docs_dir`` as they come; returns the paths written."""
    out = docs_dir / OUT_DIR
    if out.exists():
        shutil.rmtree(out)  # no part of an earlier, larger archive stays behind
    out.mkdir(parents=True)
    written = []
    for name, content in files:
        path = out / name
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def write_search_index(docs: list[Document], docs_dir: Path, directory_urls: bool = True,
                       links: Links | None = None, cache: ShareCache | None = None) -> list[Path]:
    """Write the search files under ``docs_dir`` (the search page itself is hand-written, in docs/tim-kiem/);
    returns the paths written."""
    return write_search_files(search_files(search_inputs(docs, directory_urls, links), cache), docs_dir)
