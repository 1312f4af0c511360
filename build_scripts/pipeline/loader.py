"""Read, parse and extract a source folder (or loose files) into an Archive, one bad file never stopping the rest."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

from ..model import Diagnostic, Document, SourceText
from ..progress import Stage
from . import conversions, convert, formats, sources, status, urls
from .archive import Archive, BuildError
from .duplicates import drop_duplicates
from .read import ReadError, located, read_bytes, source_bytes
from .slugs import _base_slug, assign_ids, check_slug


def source_files(source_dir: Path) -> list[Path]:
    """The sources of a folder, its subfolders included (see sources.list_sources), as paths."""
    return [Path(source_dir).joinpath(*name.split("/")) for name in sources.list_sources(source_dir).sources]


def bug_diagnostic(name: str, stage: str, exc: Exception | convert.Failure) -> Diagnostic:
    kind = exc.kind if isinstance(exc, convert.Failure) else type(exc).__name__
    return Diagnostic(name, None, f"could not be {stage} ({kind}: {exc}): this is a bug in the build "
                      "scripts, please report it with the file; not built", "error")


def _advance(stage: Stage | None) -> Callable[[int], None] | None:
    return stage.advance if stage is not None else None


@cache
def _reader_version() -> bytes:
    """What the decoding depends on besides the build code: Python (its Unicode tables) and ftfy."""
    return f"{sys.version}\0{metadata.version('ftfy')}\0{convert.code_hash()}".encode()


def read_key(name: str, data: bytes) -> str:
    """The key a text's decoding is kept under: its name (the warnings name it), bytes, the reader's version."""
    h = hashlib.sha256(_reader_version())
    h.update(hashlib.sha256(name.encode("utf-8", "surrogateescape")).digest())
    h.update(data)
    return h.hexdigest()


READ_PARALLEL_FROM = 100  # texts to decode before two processes pay for their start (~0.65 ms a text)


def _read_texts(entries: list[tuple[Path, str]], workers: int | None = None) -> dict[tuple[Path, str],
                                                                                    SourceText | ReadError]:
    """Each text (not a Word file, PDF or scan) read and decoded, or the ReadError that says why it cannot be.

    The decoding (the detection of the encoding, the repairs and warnings: 0.65-1.0 s for 1,000 texts, for the few
    an edit changes) is kept in the build cache (``read/``, ``read_key``). The bytes are read again each time: the
    cache says what they decode to, never what the file holds. A text that cannot be read is not kept (its error is
    found again). Many texts to decode (a cold build) are decoded on every core (in the build's own process alone
    they were ~1.5 s before the workers of the load started at 1,000 texts), and kept by this one."""
    folder_cache = convert.cache_dir()
    kept_reads = folder_cache / "read" if folder_cache is not None else None
    found: dict[tuple[Path, str], SourceText | ReadError] = {}
    todo: list[tuple[tuple[Path, str], bytes, str | None]] = []
    for entry in entries:
        folder, name = entry
        try:
            data = source_bytes(folder, name)
        except ReadError as exc:
            found[entry] = exc
            continue
        k = None
        if kept_reads is not None:
            k = read_key(name, data)
            kept = convert.load_entry(kept_reads, k)
            if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], SourceText):
                found[entry] = located(kept[0], folder, kept[1].decode("utf-8"))
                continue
        todo.append((entry, data, k))
    jobs = [(entry[1], data) for entry, data, _k in todo]
    workers = workers or os.cpu_count() or 1
    if len(jobs) >= READ_PARALLEL_FROM and workers > 1:
        with convert.workers_pool(workers) as pool:
            decoded = list(pool.map(_decode, jobs, chunksize=max(1, len(jobs) // (workers * 4))))
    else:
        decoded = [_decode(job) for job in jobs]
    for (entry, _data, k), src in zip(todo, decoded, strict=True):
        if isinstance(src, SourceText):
            if k is not None and kept_reads is not None:
                # the text apart, encoded: pickling the str would keep its UTF-8 copy attached to it (convert._pickled)
                convert.store_entry(kept_reads, k, pickle.dumps((dataclasses.replace(src, text=""),
                                                                 src.text.encode("utf-8")), protocol=5))
            found[entry] = located(src, entry[0])
        else:
            found[entry] = ReadError(*src)
    if kept_reads is not None and todo:
        convert.commit_entries(kept_reads)
    return {entry: found[entry] for entry in entries}


def _decode(job: tuple[str, bytes]) -> SourceText | tuple[str, str, int | None]:
    """A text's bytes decoded (``read.read_bytes``); its ReadError's arguments when it cannot be read (an exception
    with arguments of its own does not come back from a worker whole). Kept by the build's own process, which
    commits the cache's entries."""
    name, data = job
    try:
        return read_bytes(name, data)
    except ReadError as exc:
        return exc.source, exc.reason, exc.line


def load_archive(paths: list[Path]) -> Archive:
    """Read, parse and extract loose files (``extract FILE...``), each from its own folder; ids from names."""
    archive = Archive(files=[p.name for p in paths])
    return _read_and_convert([(p.parent, p.name) for p in paths], archive, None)


def page_ids(srcs: list[SourceText], record: urls.Record | None) -> urls.Assignment | list[str]:
    """The sources' page ids: from their names, or kept as the record of addresses names them (``urls.assign``)."""
    return assign_ids(srcs) if record is None else urls.assign(srcs, record, _base_slug, assign_ids)


def _read_and_convert(entries: list[tuple[Path, str]], archive: Archive, record: urls.Record | None,
                      stage: Stage | None = None) -> Archive:
    """Read each (folder, name), parse and extract; a file that fails becomes an error diagnostic, the rest go on.

    Word files, PDFs and scans are converted in worker processes from the start; while they
    run, the plain texts are parsed and extracted, under the page ids they will have unless a
    converted file turns out to duplicate one of them (then that text is done again). With a
    ``record`` (a source folder's), ids keep the addresses published before (urls.py).
    """
    read: dict[tuple[Path, str], SourceText | ReadError] = {}
    # (source, page id) -> its document and the key it is kept under (convert.key, made once: the site's inputs too)
    early: dict[tuple[SourceText, str], tuple[Document | convert.Failure, str]] = {}
    with conversions.Background([e for e in entries if formats.kind(e[1])]) as pending:
        read.update(_read_texts([e for e in entries if not formats.kind(e[1])]))
        if pending.running:
            texts = drop_duplicates([s for s in read.values() if isinstance(s, SourceText)], Archive())
            stubs = [SourceText(name, hashlib.sha256(d).hexdigest(), "", "") for (_f, name), d in pending.data.items()
                     if isinstance(d, bytes)]
            ids = page_ids(texts + stubs, record)
            ids = ids.ids if isinstance(ids, urls.Assignment) else ids
            items = list(zip(texts, ids[: len(texts)], strict=True))
            early = _converted(items, stage)
        for entry in entries:
            if formats.kind(entry[1]):
                try:
                    read[entry] = pending.source(entry)
                except ReadError as exc:
                    read[entry] = exc
    srcs: list[SourceText] = []
    for entry in entries:
        found = read[entry]
        if isinstance(found, ReadError):
            archive.diagnostics.append(found.diagnostic())
        else:
            srcs.append(found)
    srcs = drop_duplicates(srcs, archive)
    assigned = page_ids(srcs, record)
    if isinstance(assigned, urls.Assignment):
        archive.assignment, assigned = assigned, assigned.ids
    archive.sources = srcs
    items = list(zip(srcs, assigned, strict=True))
    todo = [item for item in items if item not in early]
    done = _converted(todo, stage)
    for (src, doc_id) in items:
        doc, k = early.get((src, doc_id)) or done[(src, doc_id)]
        if isinstance(doc, convert.Failure):
            archive.diagnostics.append(bug_diagnostic(src.name, "parsed", doc))
            continue
        archive.documents.append(doc)
        archive.keys[doc_id] = k  # the site's inputs: the texts not hashed again
        archive.diagnostics.extend(doc.diagnostics)
    return archive


def _converted(items: list[tuple[SourceText, str]], stage: Stage | None
               ) -> dict[tuple[SourceText, str], tuple[Document | convert.Failure, str]]:
    """Each (source, page id) -> its document (``convert.convert_all``) and the key it is kept under (``convert.key``,
    made once: the site's inputs read it from the archive, ``Archive.keys``)."""
    keys = [convert.key(*item) for item in items]
    docs = convert.convert_all(items, advance=_advance(stage), keys=keys)
    return dict(zip(items, zip(docs, keys, strict=True), strict=True))


def load(source_dir: Path, status_file: Path | None = None, stage: Stage | None = None) -> Archive:
    """Everything in a source folder (subfolders included) read, parsed and extracted, with the ids it keeps; each
    task's status from the office's status file (``status_file``, else tinh-trang.csv at the folder's top)."""
    source_dir = Path(source_dir)
    if not source_dir.is_dir():
        raise BuildError(f"{source_dir}: no such folder")
    if status_file is not None and not Path(status_file).is_file():
        raise BuildError(f"{status_file}: no such status file")
    listing = sources.list_sources(source_dir)
    try:
        record = urls.load(source_dir, check_slug)
    except urls.RecordError as exc:
        raise BuildError(str(exc)) from None
    archive = Archive(files=[*listing.sources, *(d.source for d in listing.skipped)], backups=listing.backups)
    archive.diagnostics = list(listing.skipped)
    if stage is not None:
        stage.expect(len(listing.sources))
    try:
        archive = _read_and_convert([(source_dir, name) for name in listing.sources], archive, record, stage)
    finally:
        convert.release_workers()
    _read_status(archive, source_dir, status_file)
    return archive


def _read_status(archive: Archive, source_dir: Path, status_file: Path | None) -> None:
    """Read the status file (``--status FILE``, else the control file ``tinh-trang.csv`` at the top of the source
    folder) and give each task its status; its bad rows become errors of that file. It is opened as a source is
    (``sources.read_source``): a link out of its folder, a pipe, a device or a hard link is refused."""
    if status_file is not None:
        folder, name, shown = Path(status_file).parent, Path(status_file).name, str(status_file)
    else:
        found = sorted(e.name for e in os.scandir(source_dir)
                       if sources.is_status_file(e.name) and not e.name.startswith("."))
        if not found:
            status.apply(archive.documents, None)
            return
        name = shown = status.FILE_NAME if status.FILE_NAME in found else found[0]
        folder = source_dir
        for other in found:
            if other != shown:
                archive.diagnostics.append(Diagnostic(other, None, f"is a second status file: not read ({shown} "
                                                      "is); keep one", "error"))
    if any(d.source == shown and d.severity == "error" for d in archive.diagnostics):
        archive.status = status.StatusFile(shown)  # the listing refused it already (a link out of the folder)
        status.apply(archive.documents, None)
        return
    try:
        data = sources.read_source(folder, name, status.MAX_BYTES)
    except (sources.Refused, sources.TooLarge, OSError) as exc:
        if isinstance(exc, sources.TooLarge):
            why = f"is larger than {status.MAX_BYTES // 1_000_000} MB: not a status file"
        else:
            why = str(exc) if isinstance(exc, sources.Refused) else f"cannot be read: {exc.strerror or exc}"
        archive.status = status.StatusFile(shown)
        archive.status.error(None, why)
        archive.diagnostics += archive.status.diagnostics
        status.apply(archive.documents, None)
        return
    archive.status = _status_read(shown, data, archive)
    archive.diagnostics += archive.status.diagnostics
    status.apply(archive.documents, archive.status)


def _status_read(name: str, data: bytes, archive: Archive) -> status.StatusFile:
    """``status.read_status``, kept in the build cache (``status/``) under the hash of the file's name and bytes and
    the build code, with the lookups it made in the archive and what they gave (``status.lookups``). It is used
    while they give the same: an edit or an added text that no row names (nor could) does not read the file again,
    which a key of every document's facts made it do after an add (0.4 s of CPU at 1,000 texts, 11,700 rows)."""
    folder = convert.cache_dir()
    if folder is None:
        return status.read_status(name, data, archive.documents, archive.duplicates)
    h = hashlib.sha256(convert.code_hash().encode("ascii"))
    for part in (name.encode("utf-8", "surrogateescape"), data):
        h.update(hashlib.sha256(part).digest())
    k = h.hexdigest()
    kept = convert.load_entry(folder / "status", k)
    if (isinstance(kept, tuple) and len(kept) == 3 and isinstance(kept[2], status.StatusFile)
            and _lookups_hash(archive, kept[0]) == kept[1]):
        return kept[2]
    read, asked = status.read_traced(name, data, archive.documents, archive.duplicates)
    found = sorted(asked)
    convert.store_entry(folder / "status", k, pickle.dumps((found, _lookups_hash(archive, found), read), protocol=5))
    convert.commit_entries(folder / "status")
    return read


def _lookups_hash(archive: Archive, asked: list[tuple[str, str]]) -> str:
    return hashlib.sha256(status.lookups(archive.documents, archive.duplicates, asked)).hexdigest()


def redirects(archive: Archive) -> dict[str, str]:
    """Old page id -> the id its text is published under now, for the documents of this build."""
    if archive.assignment is None:
        return {}
    return _published_record(archive).redirects()


def _published_record(archive: Archive) -> urls.Record:
    assert archive.assignment is not None
    return urls.published(archive.assignment, archive.sources, {d.id for d in archive.documents})


def save_record(archive: Archive, source_dir: Path) -> None:
    """Record the addresses this build published, in the source folder (see urls.py)."""
    if archive.assignment is None:
        return
    problem = urls.save(source_dir, _published_record(archive))
    if problem:
        archive.diagnostics.append(Diagnostic(
            urls.RECORD, None, f"could not be updated ({problem}): the addresses of new texts are not recorded; "
            "make the source folder writable and build again", "warning"))
