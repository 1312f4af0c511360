"""A rebuild with nothing changed, told before the load: the site is left as it is, the last report replayed.

The load (read, parse, extract every text, unpickling each model from the cache) took 2.8 s of a
3.6-6 s unchanged rebuild at 1,000 texts, only for the build to find that the site's inputs
(build.py ``_inputs``) hash as they did. What the load makes depends on its inputs alone: the
source folder's listing and each source's bytes, the office's status file (which one, and its
bytes), the record of page addresses (``duong-dan.json``), the build code and data; the site
depends besides on the renderer (``mkdocs.yml``, ``SITE_URL``, the renderers' versions,
``overrides/``), the hand-written pages of ``docs/`` and the offline setting. ``scan`` hashes
all of that, by content (never a file's time: two builds of the same sources write the same
files, and a file touched but unchanged only costs the slow path once).

After a build that left the target as the site of its inputs, ``remember`` keeps, beside the
renderer's stamp of that target (site_state.py), that hash, the inputs' hash and what the
report needs (``Report``: the counts, warnings, errors and notes of the load). The next build
that scans the same hash, into a target the stamp still describes (``site_state.up_to_date``),
skips the load and replays the report. Anything missing, unreadable or changed takes the load,
and the check after it, as before: never wrong, only slower.

What is never remembered: a build during which a file it reads changed (its size or times before
and after differ), a source whose conversion (a Word file, a PDF, a scan) is not in the
conversion cache (a conversion that failed for want of a tool is tried again when the tool is
there), and a record of addresses that the build rewrote unless loading again from the record
written gives the same page ids and record (then the next build would write nothing either).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .. import files
from ..model import Diagnostic, Document, SourceText
from ..pipeline import conversions, convert, formats, sources, status, urls
from ..pipeline.archive import Archive
from ..pipeline.loader import page_ids
from ..pipeline.slugs import check_slug
from . import page_keys, publish, site_state
from .paths import CONFIG, DOCS_DIR, GENERATED

VERSION = b"vb-unchanged 1\0"
RECORD_MAX = 64 * 2**20  # as urls.load reads the record


def hash_handwritten(h: hashlib._Hash, stats: dict[str, tuple] | None = None) -> None:
    """The hand-written pages of docs/ (its parts the build does not generate), path and bytes, into ``h``."""
    # the generated parts are not walked: a build of the default source folder leaves its pages there
    tops = [DOCS_DIR / name for name in sorted(os.listdir(DOCS_DIR)) if name not in GENERATED]
    for path in sorted(p for top in tops for p in ([top, *top.rglob("*")] if top.is_dir() else [top])):
        rel = path.relative_to(DOCS_DIR)
        if path.is_file():
            if stats is not None:
                stats[f"docs/{rel.as_posix()}"] = _stat(os.stat(path))
            h.update(rel.as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")


def _stat(info: os.stat_result) -> tuple:
    """What tells that a file changed while a build ran (compared within one build, never hashed)."""
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


@dataclass
class Scan:
    """What the load and the site are made of, hashed; ``record`` apart: a build may rewrite it."""

    inputs: str  # everything but the record of addresses
    record: str  # the record's bytes (or why it could not be read)
    stats: dict[str, tuple] = field(default_factory=dict)  # every file read -> _stat, record excluded
    sources: dict[str, str] = field(default_factory=dict)  # each source read -> its bytes' SHA-256

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"{self.inputs}\0{self.record}".encode("ascii")).hexdigest()


def _read(folder: Path, name: str, stats: dict[str, tuple], label: str, max_bytes: int | None = None) -> bytes:
    """A file's bytes opened as the load opens it (sources.open_source), or the reason it cannot be."""
    try:
        with sources.open_source(folder, name) as f:
            info = os.fstat(f.fileno())
            stats[label] = _stat(info)
            if max_bytes is not None and info.st_size > max_bytes:
                return b"too large\0"
            return b"ok\0" + f.read()
    except (sources.Refused, OSError) as exc:
        return f"{type(exc).__name__}: {exc}\0".encode("utf-8", "surrogateescape")


def _same_file(source_dir: Path, name: str, known: Scan) -> str | None:
    """The SHA-256 ``known`` holds for source ``name`` when the file is still the one it read: a regular file
    right in the folder, of one name, with the same inode, size, modification and change times (the change time
    is the kernel's: any write, rename or new link moves it). None: read it again."""
    sha = known.sources.get(name)
    if sha is None or "/" in name:
        return None
    try:
        info = os.lstat(os.path.join(source_dir, name))
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_nlink > 1 or _stat(info) != known.stats.get(name):
        return None
    return sha


def scan(source_dir: Path, status_file: Path | None, offline: bool, known: Scan | None = None) -> Scan | None:
    """The hash of a build's inputs read from the files, before any load; None when it cannot stand for them
    (no cache to remember in, or a converted source whose conversion is not kept). ``known``, a scan of the same
    folder earlier in this build: a source it read that is the same file since (``_same_file``) is not read again
    (the second scan, after the build, read and hashed every source again: ~0.4 s at 1,000 texts)."""
    folder = convert.cache_dir()
    if folder is None:
        return None
    source_dir = Path(source_dir).resolve()
    stats: dict[str, tuple] = {}
    h = hashlib.sha256(VERSION)
    h.update(page_keys.renderer_key(CONFIG, publish.load(CONFIG, offline=offline), offline).encode("ascii"))
    h.update(repr((os.fsencode(source_dir), offline, os.fsencode(Path(status_file).resolve()) if status_file
                   else None)).encode("ascii"))
    listing = sources.list_sources(source_dir)
    h.update(repr((listing.sources, listing.skipped, listing.backups)).encode("utf-8", "surrogateescape"))
    shas: dict[str, str] = {}
    for name in listing.sources:
        sha = _same_file(source_dir, name, known) if known is not None else None
        if sha is not None:
            stats[name] = known.stats[name]
            data = b""
        else:
            data = _read(source_dir, name, stats, name)
            sha = hashlib.sha256(data[3:]).hexdigest() if data.startswith(b"ok\0") else None
        if sha is not None:
            shas[name] = sha
        if formats.kind(name) and (sha is None or conversions.load(folder, sha) is None):
            return None  # converted again by the load (a tool installed since may read it now)
        h.update(name.encode("utf-8") + b"\0" + (sha.encode("ascii") if sha else data))
    if status_file is not None:
        h.update(_read(Path(status_file).parent, Path(status_file).name, stats, "--status", status.MAX_BYTES))
    else:
        for name in sorted(e.name for e in os.scandir(source_dir)
                           if sources.is_status_file(e.name) and not e.name.startswith(".")):
            h.update(name.encode("utf-8", "surrogateescape") + b"\0")
            h.update(_read(source_dir, name, stats, name, status.MAX_BYTES))
    hash_handwritten(h, stats)
    record = hashlib.sha256()
    if (source_dir / urls.RECORD).exists() or (source_dir / urls.RECORD).is_symlink():
        record.update(_read(source_dir, urls.RECORD, {}, urls.RECORD, RECORD_MAX))
    return Scan(h.hexdigest(), record.hexdigest(), stats, shas)


@dataclass
class Report:
    """What the report of an unchanged rebuild says, as the load gave it: counts, warnings, errors, notes."""

    documents: list[tuple[str, str]]  # (source name, page id)
    tasks: int
    with_status: int
    diagnostics: list[tuple[str, int | None, str, str]]
    files: list[str]
    duplicates: dict[str, list[str]]
    backups: list[str]
    notes: list[str]
    status: tuple[str, int, int] | None  # the status file's name, rows, rows left out

    @classmethod
    def of(cls, archive: Archive) -> Report:
        state = archive.status
        return cls([(d.source.name, d.id) for d in archive.documents], archive.task_count(),
                   archive.tasks_with_status(),
                   [(d.source, d.line, d.message, d.severity) for d in archive.diagnostics],
                   list(archive.files), dict(archive.duplicates), list(archive.backups), list(archive.notes),
                   (state.name, state.rows, state.left_out) if state is not None else None)

    def archive(self) -> Replayed:
        docs = [Document(SourceText(name, "", "", ""), doc_id) for name, doc_id in self.documents]
        state = status.StatusFile(self.status[0], rows=self.status[1], left_out=self.status[2]) if self.status else None
        return Replayed(documents=docs, diagnostics=[Diagnostic(*d) for d in self.diagnostics], files=list(self.files),
                        duplicates={k: list(v) for k, v in self.duplicates.items()}, backups=list(self.backups),
                        notes=list(self.notes), status=state, tasks=self.tasks, with_status=self.with_status)


@dataclass
class Replayed(Archive):
    """The archive of an unchanged rebuild that skipped the load: its documents carry their names and page ids
    only (no text, tree or facts); the report's counts are the last build's."""

    tasks: int = 0
    with_status: int = 0

    def task_count(self) -> int:
        return self.tasks

    def tasks_with_status(self) -> int:
        return self.with_status


def _file(target: Path) -> Path | None:
    stamp = site_state.stamp_file(target)
    return stamp.with_name(stamp.stem + ".unchanged.json") if stamp is not None else None


def replay(seen: Scan | None, target: Path, marker: str, docs: tuple[Path, tuple[str, ...]] | None) -> Replayed | None:
    """The last build's report, when ``seen`` is what it remembered and ``target`` is still its site; else None."""
    path = _file(target)
    if seen is None or path is None:
        return None
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept["scan"] != seen.digest or not site_state.up_to_date(kept["inputs"], target, marker, docs):
            return None
        r = kept["report"]
        return Report([tuple(d) for d in r["documents"]], int(r["tasks"]), int(r["with_status"]),
                      [tuple(d) for d in r["diagnostics"]], r["files"], r["duplicates"], r["backups"], r["notes"],
                      tuple(r["status"]) if r["status"] else None).archive()
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def forget(target: Path) -> None:
    path = _file(target)
    if path is not None:
        path.unlink(missing_ok=True)


def remember(before: Scan | None, report: Report, inputs: str, target: Path, archive: Archive, source_dir: Path,
             status_file: Path | None, offline: bool) -> None:
    """Keep ``before``'s hash with the site's ``inputs`` and the ``report``, for the next build into ``target``,
    when the files read now are those read before the load (the record of addresses aside, when loading from it
    again gives these very ids and record)."""
    path = _file(target)
    if before is None or path is None:
        return
    after = scan(source_dir, status_file, offline, before)
    if after is None or (after.inputs, after.stats) != (before.inputs, before.stats):
        return  # a file changed while the build ran: the site may be of either
    if after.record != before.record and not _record_settled(archive, source_dir):
        return
    files.keep(path, json.dumps({"scan": after.digest, "inputs": inputs, "report": report.__dict__}).encode("ascii"))


def _record_settled(archive: Archive, source_dir: Path) -> bool:
    """Whether a load from the record of addresses now in the source folder gives the ids this build published
    and writes that record again unchanged (urls.assign keeps what the record names)."""
    if archive.assignment is None:
        return False
    try:
        record = urls.load(source_dir, check_slug)
    except urls.RecordError:
        return False
    again = page_ids(archive.sources, record)
    published = urls.published(again, archive.sources, {d.id for d in archive.documents})
    # the records compared as data, which is what their JSON writes (two of them as JSON took ~10 ms after an add)
    return again.ids == archive.assignment.ids and published.pages == record.pages
