"""Generated files on disk: a file is written only when its bytes change, and what a build no longer
makes is pruned, so that a rebuild after one edit touches a few files, not every page of the archive.

The writers (render/, records.py) write through ``write``; the build prunes with ``prune`` before
MkDocs reads the folder, so that the folder holds exactly what a clean build would write.
"""

from __future__ import annotations

import contextlib
import filecmp
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from . import cache_files
from .shelf import Shelf


def write(path: Path, data: bytes | str) -> Path:
    """Put ``data`` (text as UTF-8) at ``path`` unless the file there holds those very bytes; returns ``path``.

    A link found in its place is removed, never written through: the build writes only its own files. A
    changed file is replaced, not rewritten, so that a site that shares the old one (mkdocs_shards links its
    static files) keeps it as it was.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            os.unlink(path)
        elif stat.S_ISREG(info.st_mode) and info.st_size == len(data):
            with open(path, "rb") as f:
                if f.read() == data:
                    return path
    # a new file put in place, never the old one rewritten: a site may share the old one (a hard link)
    head, name = os.path.split(path)
    partial = os.path.join(head, f".{name}.partial")
    try:
        f = open(partial, "wb")  # noqa: SIM115 (closed below)
    except FileNotFoundError:  # its folder made only then: a mkdir before each new file was ~4,500 at 1,000 texts
        os.makedirs(head, exist_ok=True)
        f = open(partial, "wb")  # noqa: SIM115 (closed below)
    with f:
        f.write(data)
    os.replace(partial, path)
    return path


class PiecesFile:
    """A file written piece by piece, beside, put in place when closed unless the file there
    holds the same bytes (a file left by an error is deleted): several written side by side, as
    ``records.write_data`` writes documents.json and tasks.csv in one pass over the documents."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.partial = path.with_name(f".{path.name}.partial")
        self._file = open(self.partial, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed in __exit__)
        self.write = self._file.write

    def __enter__(self) -> PiecesFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()
        if exc[0] is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.partial)
            return
        path, partial = self.path, self.partial
        try:
            same = stat.S_ISREG(os.lstat(path).st_mode) and filecmp.cmp(partial, path, shallow=False)
        except FileNotFoundError:
            same = False
        if same:
            os.unlink(partial)
        else:
            if os.path.islink(path):
                os.unlink(path)
            os.replace(partial, path)


def keep(target: Path | str, data: bytes) -> None:
    """A cache's entry put in place whole (a reader never sees half of one); a cache that cannot be written
    only costs time, so nothing is raised.

    Written beside and renamed over the entry (``cache_files.replace_whole``). Its folder is made only when the first
    write finds none: a cold build keeps ~14,000 entries at 1,000 texts, and ``NamedTemporaryFile`` with a
    ``mkdir`` before each took twice the time (~1.5 s of CPU)."""
    try:
        try:
            cache_files.replace_whole(target, data)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            cache_files.replace_whole(target, data)
    except OSError:
        pass


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)


def read_kept(path: Path | str) -> bytes:
    """A cache's entry, read whole; reading it marks it used (``cache_files.mark_used``). ``OSError`` when there is
    none.

    Read with the descriptor's own calls, its size and time from one ``fstat``: a buffered file object and a second
    ``stat`` for the mark took ~15% more CPU (a rebuild after an add reads ~5,000 entries)."""
    fd = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(fd)
        data = os.read(fd, info.st_size + 1)
        if len(data) != info.st_size:  # it changed size, or the read was cut short (2 GB): on to the end
            chunks = [data]
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
            data = b"".join(chunks)
        cache_files.mark_if_old(fd if os.utime in os.supports_fd else path, info.st_mtime)
    finally:
        os.close(fd)
    return data


def prune(folder: Path, parts: Iterable[str], made: Iterable[Path]) -> int:
    """Delete, in the top-level ``parts`` of ``folder``, every file not in ``made`` and the folders left empty;
    returns how many files went. A link is deleted as a file, never followed."""
    kept = {os.path.normpath(p) for p in made}
    removed = 0
    for name in parts:
        top = os.path.join(folder, name)
        if os.path.islink(top) or os.path.isfile(top):
            if os.path.normpath(top) not in kept:
                os.unlink(top)
                removed += 1
            continue
        if not os.path.isdir(top):
            continue
        for here, dirs, names in os.walk(top, topdown=False):
            for entry in names + [d for d in dirs if os.path.islink(os.path.join(here, d))]:
                path = os.path.join(here, entry)
                if os.path.normpath(path) not in kept:
                    os.unlink(path)
                    removed += 1
            if not os.listdir(here):
                os.rmdir(here)
    return removed


class Memo:
    """Text kept on disk under the hash of everything that makes it, ``salt`` (the build code) included;
    with no folder (no cache) everything is made again.

    The entries are a ``shelf.Shelf``'s (an index and a few segments, not a file each): what is kept is found by
    the next build once ``close`` has committed it (a ``with`` block closes it too)."""

    def __init__(self, folder: Path | None, salt: str) -> None:
        self.folder, self.salt = folder, salt
        self._salted = hashlib.sha256(salt.encode("utf-8"))  # copied for each key (~15,000 a cold build at 1,000 texts)
        self._shelf = Shelf(folder) if folder is not None else None

    def key(self, parts: Iterable[str]) -> str:
        """The hash of the salt, then each part and a NUL after it. The parts are joined and hashed at once: a
        listing's key has a part for each of its tasks (~25,000 parts a build at 1,000 texts), and two calls a
        part were most of the time its keys took."""
        h = self._salted.copy()
        parts = parts if isinstance(parts, (tuple, list)) else tuple(parts)
        if parts:
            h.update(("\0".join(parts) + "\0").encode("utf-8"))
        return h.hexdigest()

    def read(self, key: str) -> bytes | None:
        """The entry kept under ``key``, or None."""
        return self._shelf.get(key) if self._shelf is not None else None

    def keep(self, key: str, data: bytes) -> None:
        if self._shelf is not None:
            self._shelf.put(key, data)

    def close(self) -> None:
        """Commit what was kept (and which entries were used) for the next build: ``shelf.Shelf.commit``."""
        if self._shelf is not None:
            self._shelf.commit()

    def __enter__(self) -> Memo:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def text(self, parts: Iterable[str], make: Callable[[], str]) -> str:
        if self.folder is None:
            return make()
        key = self.key(parts)
        data = self.read(key)
        if data is not None:
            return data.decode("utf-8")
        text = make()
        self.keep(key, text.encode("utf-8"))
        return text

    def group(self, parts: Iterable[str]) -> MemoGroup:
        """Entries that are looked up together (a document's page and its parts), kept in one file under
        ``parts``: a cold build creates a file where it created several, and a rebuild reads one."""
        return MemoGroup(self, self.key(("group", *parts)) if self.folder is not None else "")


class MemoGroup:
    """A ``Memo``'s entries kept in one file (``Memo.group``): read once, when the first is looked up, and written
    again whole (``keep``: never half of one) when ``close`` finds one made, with the entries looked up since
    (an entry that is no longer asked for is dropped, and one kept but not asked for, as a page's parts when
    the page was kept whole, stays). The file is a header line (JSON: each entry's key and length in bytes)
    then the entries' bytes; one that does not add up is read as no entry."""

    def __init__(self, memo: Memo, key: str) -> None:
        self.memo, self.key = memo, key
        self.folder = memo.folder
        self._kept: dict[str, bytes | memoryview] | None = None  # views of the file's bytes: one block, not
        # one per entry (the search's parts are 500 blocks of 30 kB, left as holes in the heap once let go)
        self._used: dict[str, bytes | memoryview] = {}
        self._made = False

    def _entries(self) -> dict[str, bytes | memoryview]:
        if self._kept is None:
            self._kept = {}
            data = self.memo.read(self.key)
            if data is not None:
                with contextlib.suppress(ValueError, TypeError):
                    head = data[:data.index(b"\n")]
                    rest = memoryview(data)[len(head) + 1:]  # each entry a view of the file's bytes, not a copy
                    at, entries = 0, {}
                    for key, size in json.loads(head):
                        entries[key] = rest[at:at + size]
                        at += size
                    if at == len(rest):
                        self._kept = entries
        return self._kept

    def read(self) -> MemoGroup:
        """The file read now, before the first look-up: a process that waits for its inputs reads it meanwhile."""
        if self.folder is not None:
            self._entries()
        return self

    def text(self, parts: Iterable[str], make: Callable[[], str]) -> str:
        if self.folder is None:
            return make()
        key = self.memo.key(parts)
        data = self._entries().get(key)
        if data is None:
            text = make()
            data = text.encode("utf-8")
            self._made = True
        else:
            text = str(data, "utf-8")
        self._used[key] = data
        return text

    def close(self) -> None:
        if not self._made:
            return
        entries = self._used
        head = json.dumps([[k, len(v)] for k, v in entries.items()]).encode("ascii")
        self.memo.keep(self.key, b"".join([head, b"\n", *entries.values()]))
        self._made = False

    def __enter__(self) -> MemoGroup:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()


def status(info: os.stat_result) -> list:
    """What tells that a file is still the one looked at, with the same bytes: its size, modification and change
    times (any write moves the change time, which nothing but the clock sets), inode and device."""
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


CTIME = 3  # where the change time is in a ``Written`` entry: its key, then ``status``


UNCHANGED = "\0unchanged"  # a page's text when ``Written`` says the file holds it already (compared with ``is``)


class Written:
    """What the writers put in ``folder`` at the last build, kept in ``memo``'s folder: each file's key (the hash of
    everything it is made of, the build code included) and its status as written (``status``), and
    which files each listing (``group``, a listing's pages under one key) was. A file whose key is the same and
    that nobody has touched since (the same status: ``write`` puts a new file in place, never
    rewrites one) holds the bytes the build would write: a rebuild neither makes it again nor reads it to compare
    (after an edit at 1,000 texts, ~1,000 pages, ~1,000 copies of sources and ~600 listings).

    With no cache, nothing is kept and every file is made."""

    def __init__(self, memo: Memo | None, folder: Path) -> None:
        self.memo = memo if memo is not None and memo.folder is not None else None
        self.folder = folder
        self.entry = self.memo.key(("written", os.path.abspath(folder))) if self.memo is not None else ""
        self._last: dict[str, list] = {}
        self._lists: dict[str, list[str]] = {}
        self._now: dict[str, list] = {}
        self._lists_now: dict[str, list[str]] = {}
        self._pending: dict[str, str] = {}
        data = self.memo.read(self.entry) if self.memo is not None else None
        if data is not None:
            with contextlib.suppress(ValueError, TypeError, KeyError):
                kept = json.loads(data)
                self._last, self._lists = dict(kept["files"]), dict(kept["lists"])

    def key(self, parts: Iterable[str]) -> str | None:
        """The key of a file made of ``parts``; None when nothing is kept (no cache): the file is made."""
        return self.memo.key(parts) if self.memo is not None else None

    def same(self, path: Path | str, key: str, linked: bool = False) -> bool:
        """Whether the file at ``path`` is still the one written under ``key`` (then noted for the next build).

        ``linked``: a file that the render links into each new site (a source's copy), whose change time moves
        with every link made or let go (the new site's, the old site's deletion): its other times and identity
        say it is the same, where the change time made every rebuild read and hash each source again (~1,000
        at 1,000 texts, after an edit or an add)."""
        if self.memo is None:
            return False
        name = os.fspath(path)
        last = self._last.get(name)
        if last is None or last[0] != key:
            return False
        try:
            info = os.lstat(name)
        except OSError:
            return False
        now = [key, *status(info)]
        if linked and len(last) == len(now):
            now[CTIME] = last[CTIME]
        if now != last or not stat.S_ISREG(info.st_mode):
            return False
        self._now[name] = now
        return True

    def note(self, path: Path | str, key: str) -> None:
        """The file just written (``write``) at ``path`` is made of what ``key`` says."""
        if self.memo is None:
            return
        name = os.fspath(path)
        with contextlib.suppress(OSError):
            info = os.lstat(name)
            self._now[name] = [key, *status(info)]

    def group(self, key: str, make: Callable[[], dict[str, str]]) -> dict[str, str]:
        """A listing's pages (path under ``folder`` -> text) made of what ``key`` says: each text ``UNCHANGED`` when
        every file the listing was at the last build is still there as written, else ``make()``, whose pages are
        noted once written (``wrote``)."""
        if self.memo is None:
            return make()
        rels = self._lists.get(key)
        if rels is not None and all(self.same(os.path.join(self.folder, rel), key) for rel in rels):
            self._lists_now[key] = rels
            return dict.fromkeys(rels, UNCHANGED)
        pages = make()
        self._lists_now[key] = list(pages)
        for rel in pages:
            self._pending[os.path.join(self.folder, rel)] = key
        return pages

    def wrote(self, path: Path | str) -> None:
        """A page of a listing (``group``) just written."""
        name = os.fspath(path)
        key = self._pending.pop(name, None)
        if key is not None:
            self.note(name, key)

    def save(self) -> None:
        """Keep what this build wrote (and only that: a file it did not write is made again next time)."""
        if self.memo is not None and (self._now != self._last or self._lists_now != self._lists):
            kept = {"files": self._now, "lists": self._lists_now}
            self.memo.keep(self.entry, json.dumps(kept, separators=(",", ":")).encode("utf-8"))
