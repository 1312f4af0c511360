"""Page addresses that never move: the record of every address the archive has published.

A document's page is ``van-ban/<id>/``, its id a slug of its file name ("Kết luận số 1.txt" ->
``ket-luan-so-1``). Names alone cannot keep addresses stable: a new "ket-luan.txt" beside an
older "KET LUAN.txt" would take its slug, and a link people shared would open another text. So
the build keeps a record, ``duong-dan.json`` in the source folder (the archivist commits it
with the texts, so that every clone and CI have it), of which source holds which id:

- a source the record names keeps its id, whatever else is added (its text may change);
- a new source gets the id its name gives, unless the record holds that id: then a suffix
  from its name's hash (as two new names that fold to one slug do);
- a renamed text (its old name gone, the same bytes under a new name) keeps its id when its
  new name gives the same slug ("Kết luận.txt" -> "KET LUAN.txt"); otherwise it gets the new
  name's id and the old address becomes a redirect page to it (``moved_to``);
- an id stays in the record when its source is gone: it is never handed to another text.

The record is JSON, one entry per id, sorted, rewritten only when it changes, so that two
builds of the same sources leave it byte for byte as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..model import SourceText
from . import sources

RECORD = "duong-dan.json"
SCHEMA = 1
ABOUT = ("Địa chỉ các trang văn bản đã xuất bản (van-ban/<id>/). Lệnh build tự cập nhật tệp này; hãy commit "
         "tệp cùng các văn bản và đừng sửa tay. The page addresses published so far: the build updates this "
         "file; commit it with the texts, do not edit it by hand.")


class RecordError(Exception):
    """The record cannot be read: building would risk handing an address to another text."""


@dataclass
class Entry:
    source: str  # the source's name inside the source folder
    sha256: str  # of its bytes when last published
    moved_to: str | None = None  # the id of the same text under a new name, once renamed


@dataclass
class Record:
    pages: dict[str, Entry] = field(default_factory=dict)

    def to_json(self) -> str:
        pages = {}
        for doc_id in sorted(self.pages):
            e = self.pages[doc_id]
            pages[doc_id] = {"source": e.source, "sha256": e.sha256, **({"moved_to": e.moved_to} if e.moved_to else {})}
        return json.dumps({"schema": SCHEMA, "about": ABOUT, "pages": pages}, ensure_ascii=False, indent=1) + "\n"

    def redirects(self) -> dict[str, str]:
        """Old id -> the id its text is published under now, following renames of renames."""
        live = {i for i, e in self.pages.items() if e.moved_to is None}
        out = {}
        for doc_id, e in self.pages.items():
            seen, target = {doc_id}, e.moved_to
            while target and target not in live and target not in seen and target in self.pages:
                seen.add(target)
                target = self.pages[target].moved_to
            if target in live:
                out[doc_id] = target
        return dict(sorted(out.items()))


def load(folder: Path, check_id) -> Record:
    """The record of ``folder`` (empty when there is none); ``RecordError`` if it is not one we wrote."""
    path = Path(folder) / RECORD
    if not path.exists() and not path.is_symlink():
        return Record()
    try:
        data = json.loads(sources.read_source(folder, RECORD, 64 * 2**20).decode("utf-8"))
        pages = {}
        for doc_id, e in data["pages"].items():
            check_id(doc_id)
            if e.get("moved_to"):
                check_id(e["moved_to"])
            pages[doc_id] = Entry(str(e["source"]), str(e["sha256"]), e.get("moved_to"))
    except json.JSONDecodeError as exc:
        raise RecordError(f"{path}: not valid JSON (line {exc.lineno}): restore it from git (git checkout -- "
                          f"{RECORD}) and build again") from exc
    except (sources.Refused, sources.TooLarge, OSError, UnicodeDecodeError, KeyError, TypeError, AttributeError,
            ValueError) as exc:
        raise RecordError(f"{path}: cannot be read as the record of page addresses ({type(exc).__name__}: {exc}); "
                          f"restore it from git (git checkout -- {RECORD}) and build again") from exc
    return Record(pages)


def save(folder: Path, record: Record) -> str | None:
    """Write the record if it changed (atomically); the reason when it could not be written."""
    path = Path(folder) / RECORD
    text = record.to_json()
    try:
        if path.is_file() and not path.is_symlink() and path.read_text(encoding="utf-8") == text:
            return None
        fd, tmp = tempfile.mkstemp(prefix=f".{RECORD}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)  # replaces a link by the file, never writes through it
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return f"{exc.strerror or exc}"
    return None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@dataclass
class Assignment:
    ids: list[str]  # one per source, in order
    record: Record  # updated for these sources: to be saved once they are published


def assign(srcs: list[SourceText], record: Record, base_slug, fresh_ids) -> Assignment:
    """Ids for ``srcs``: recorded ones kept, renamed ones followed, new ones never taking a recorded id.

    ``base_slug(name)`` is the slug a name gives; ``fresh_ids(sources, taken)`` assigns ids to new
    sources avoiding ``taken`` (``build.assign_ids``).
    """
    pages = {i: Entry(e.source, e.sha256, e.moved_to) for i, e in record.pages.items()}
    # a source keeps the id of its name; an id whose text moved away is retired (its address redirects there)
    by_source = {e.source: i for i, e in pages.items() if e.moved_to is None}
    names = {s.name for s in srcs}
    ids: list[str | None] = [by_source.get(s.name) for s in srcs]
    gone = {i: e for i, e in pages.items() if e.source not in names}
    gone_by_sha: dict[str, list[str]] = defaultdict(list)
    for doc_id, e in sorted(gone.items()):
        gone_by_sha[e.sha256].append(doc_id)
    new = [k for k, doc_id in enumerate(ids) if doc_id is None]
    # the same bytes under a new name: a rename (one candidate each way, or it is not told apart)
    sha_count = defaultdict(int)
    for k in new:
        sha_count[srcs[k].sha256] += 1
    renamed = {k: gone_by_sha[srcs[k].sha256][0] for k in new
               if len(gone_by_sha.get(srcs[k].sha256, ())) == 1 and sha_count[srcs[k].sha256] == 1}
    # a gone id goes back to a new source whose name gives exactly it: the renamed text first, else the only one
    claimants: dict[str, list[int]] = defaultdict(list)
    for k in new:
        slug = base_slug(srcs[k].name)
        if slug in gone and gone[slug].moved_to is None:
            claimants[slug].append(k)
    for slug, ks in claimants.items():
        same = [k for k in ks if renamed.get(k) == slug]
        if same or len(ks) == 1:
            ids[(same or ks)[0]] = slug
    rest = [k for k in new if ids[k] is None]
    taken = set(pages) | {i for i in ids if i}
    for k, doc_id in zip(rest, fresh_ids([srcs[k] for k in rest], taken), strict=True):
        ids[k] = doc_id
        if k in renamed and renamed[k] != doc_id:
            pages[renamed[k]].moved_to = doc_id
    assert all(ids) and len(set(ids)) == len(ids), ids
    return Assignment([str(i) for i in ids], Record(pages))


def published(assignment: Assignment, srcs: list[SourceText], doc_ids: set[str]) -> Record:
    """The record once the documents ``doc_ids`` of ``srcs`` are published: each at its source and bytes."""
    pages = dict(assignment.record.pages)
    for src, doc_id in zip(srcs, assignment.ids, strict=True):
        if doc_id in doc_ids:
            pages[doc_id] = Entry(src.name, src.sha256)
    return Record(pages)
