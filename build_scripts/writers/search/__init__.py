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
  only when a result from one of them is shown (for the passage and its excerpt); packed
  (``datascript.packed``: these texts were half of the search files' bytes).

This module makes the files from the documents' inputs (``search_files``); the steps are modules of their own,
in the order the data goes through them:

- ``tokens``        a text's words and symbols, as the index and the browser's queries read them;
- ``units``         a document's search units (the document, its sections, its items) and its facets;
- ``fields``        what the index holds of a unit (fields, boosts, positions); lunr.py's index, the tests' reference;
- ``shares``        each document's share of the index, cached between builds;
- ``merge``         the archive-wide merge of the shares: term numbers, idf, lunr's scores (numpy);
- ``shard_files``   the index split by term into files, and which files a query needs;
- ``synonym_names`` the organisations' names that find each other ("MTTQ", "Mặt trận Tổ quốc").

The numbers travel as ``varints`` (``writers/varints.py``, shared with the tracker's data).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

from ... import heap
from ...model import Document, Links
from ...vietnamese import display_date
from ..datascript import compact_json, data_script, packed, script_of
from .fields import FIELDS, LUNR_VERSION, POSITION_FIELDS, build_index, pack, unpack
from .merge import Ahead, Merge, Merger, Postings
from .shard_files import SHARD_BYTES, SHARD_KEY, decode_row, query_shards, shard_of, shards
from .shares import SHARE_VERSION, DocumentShare, ShareCache, _share, document_share, kept_share
from .synonym_names import SynonymClass, synonym_classes, synonyms
from .tokens import chains, fold_token, index_pairs, index_tokens, query_tokens, symbol_key
from .units import FACETS, LazyUnits, Unit, Units, document_units, facets, kind_names

__all__ = [  # the search's interface to the build, the site and the tests
    "FACETS", "FIELDS", "INDEX_FILE", "LUNR_VERSION", "OUT_DIR", "PART_BYTES", "PART_FILE", "POSITION_FIELDS",
    "QUEUE", "SHARD_BYTES", "SHARD_FILE", "SHARD_KEY", "SHARE_VERSION", "Ahead", "DocumentShare", "KeptInput",
    "LazyUnits", "Merge", "Merger", "PartMemo", "Postings", "SearchInput", "ShareCache", "SynonymClass", "Unit",
    "Units", "archive_read", "build_index", "chains", "decode_row", "document_record", "document_share",
    "document_units", "facets", "fold_token", "index_pairs", "index_tokens", "kept_share", "kind_names", "pack",
    "query_shards", "query_tokens", "search_data", "search_files", "search_input", "search_inputs", "shard_of",
    "shards", "symbol_key", "synonym_classes", "synonyms", "text_size", "unpack", "warm", "write_search_files",
    "write_search_index",
]

OUT_DIR = Path("data") / "tim-kiem"  # under docs_dir; docs/data/ is generated and git-ignored
INDEX_FILE = "chi-muc.js"
PART_FILE = "phan-{}.js"
PART_BYTES = 30_000  # a store part is closed once it holds this much text (JSON bytes): a document or two
SHARD_FILE = "tu-{}.js"
QUEUE = "vbTimKiem"  # global queue the data scripts push into
MAKER = "Tìm kiếm"  # who made the data scripts, in their first line


_dumps = compact_json


def _script(*args: object) -> str:
    return data_script(QUEUE, MAKER, *args)


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
KeptInput = tuple[Units, dict, str | None, int]


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
    references' ids (the link resolves an undated citation archive-wide: ``link.resolve_identities``): all are in
    ``Links.digest``, and a reader of ``links`` added to the units or records must be read there too (a test
    changes a body in another text)."""
    if links is None:
        return repr([(r.id, r.symbol) for r in doc.facts.references])
    return links.digest(doc)  # all of these, and more: the pages the names link to, every field of their bodies


def warm() -> None:
    """The tables that the tokenising and the data scripts build on first use (the word characters, the diacritics,
    the characters a script escapes: a tenth of a second), built now: the index's process builds them while it
    waits for its inputs, not after."""
    _script("phan", 0, index_pairs("Đà Nẵng 340-TB/TU")[0])


def search_files(inputs: Iterable[SearchInput | KeptInput], cache: ShareCache | None = None,
                 classes: list[SynonymClass] | None = None, memo: PartMemo | None = None,
                 ahead: Ahead | None = None) -> Iterator[tuple[str, str]]:
    """File name and content of every search file, made as the documents' inputs come (``search_inputs``, or as the
    build keeps them, ``KeptInput``): the texts' parts as they fill, then the shards one by one, the index file
    last. What is kept for the whole archive is the documents' shares (numbers), their records, and the index as
    the merge makes it. ``classes``: the synonyms' (``synonym_classes``), where the build keeps them; ``memo``: the
    parts kept by the last build (``_part``); ``ahead``: the last build's shares, merged before the inputs came."""
    import numpy as np
    merger = ahead.merger if ahead is not None else Merger()
    documents: list[dict] = []
    unit_counts: list[int] = []  # units are numbered document after document
    values: dict[str, dict[str, int]] = {name: {} for name in FACETS}  # each facet value once, by number
    part: list[tuple[Units, str | None]] = []  # the part being filled: its documents' units and input keys
    filled = parts = refs = first = 0  # ``first``: the part's first unit
    for n, (units, record, *kept) in enumerate(inputs):
        if ahead is None or not ahead.taken(n, kept[0] if kept else None):
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
    if ahead is not None:
        ahead.finish(len(documents))  # the last build's shares of documents gone from the archive's end let go
        del ahead
    if part:
        yield PART_FILE.format(parts), _part(parts, first, part, memo)
        parts += 1
    del part
    if memo is not None:
        memo.close()  # the parts kept for the next build, and let go before the merge
        memo = None
    heap.give_back()  # what reading the inputs let go, before the merge, this process's largest step
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


def _part(number: int, first: int, docs: list[tuple[Units, str | None]], memo: PartMemo | None) -> str:
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
        return _part_script(number, texts)

    keys = [key for _units, key in docs]
    if memo is None or None in keys:
        return make()
    return memo.text(("phan", str(number), str(first), *keys), make)


def _part_script(number: int, texts: dict[str, list]) -> str:
    """A part's file, its texts packed (``datascript.packed``)."""
    return script_of(QUEUE, MAKER, _dumps("phan"), _dumps(number), packed(_dumps(texts)))


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
