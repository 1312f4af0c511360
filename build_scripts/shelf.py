"""A cache folder's entries in a few files: an index and append-only segments.

A cache that kept each entry in a file of its own created thousands of files a build (a cold build at 1,000 texts:
~4,100 for the Markdown pages' parts alone), and creating a file is what a file system without a journal (ext4
as this machine's) makes slow after many deletions: for a few minutes it skips each recently deleted inode, one by
one, and a cold build's system time went from 2.5 to 11 s after a test run had deleted its sites. A shelf writes
one segment per process and build, an entry after another, and an index (key -> segment, offset, length, the day
it was last used) replaced whole when the process commits.

- **Readers never lock.** They read the index as it was last committed (replaced whole: never half of one) and
  each entry with ``pread`` at its offset: a segment is written only by the process that made it, and only
  appended to, so that an entry that an index names does not change.
- **A commit merges.** Under the folder's lock it reads the index again, adds what this process kept or read
  today, drops what nobody used for ``KEEP_DAYS`` (as the cache's sweep does with files), and copies the live
  entries of a segment that is mostly dead, or of the smallest segments when there are more than
  ``MAX_SEGMENTS``, into its own. A segment that no index names any more is removed once the index no longer
  names it (one the last index named), or when it is a day old (one left by a process that never committed).
- **A lost entry is only made again.** An entry whose segment is gone, or that a process kept without committing,
  is simply not found.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import time
from pathlib import Path

from . import cache_files

KEEP_DAYS = 30  # an entry no build has read or written for this long goes (here, and in site/cache_sweep.py)
MAX_SEGMENTS = 16  # more segments than this (a build and a process each) are merged at the next commit
ORPHAN_AGE = 86_400  # s: a segment that no index names, this old, was left by a process that did not commit
INDEX = "shelf.index"
LOCK = "shelf.lock"
SUFFIX = ".seg"
VERSION = 1

Entry = tuple[str, int, int, int]  # segment's name, offset, length, the day (since the epoch) it was last used


def _today() -> int:
    return int(time.time() // 86_400)


class Shelf:
    """The entries of ``folder``: ``get``, ``put``, then ``commit`` to keep what was put (and the used marks)."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = os.fspath(folder)
        self.today = _today()
        self._entries = self._load()[0]  # the segments' lengths are read again when committing
        self._changed: set[str] = set()  # keys put, or read for the first time today
        self._readers: dict[str, int] = {}  # segment -> descriptor open for reading
        self._segment: str | None = None  # this process's segment, once something is put
        self._writer: int | None = None
        self._size = 0

    def _load(self) -> tuple[dict[str, Entry], dict[str, int]]:
        """The committed index: entries, and each segment's length as committed."""
        try:
            with open(os.path.join(self.folder, INDEX), "rb") as f:
                kept = pickle.load(f)
                cache_files.mark_used(f.fileno())
            if kept.get("version") == VERSION:
                return dict(kept["entries"]), dict(kept["segments"])
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, KeyError, ValueError):
            pass
        return {}, {}

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> bytes | None:
        """The entry kept under ``key``, or None (none, or its segment gone)."""
        found = self._entries.get(key)
        if found is None:
            return None
        segment, offset, length, day = found
        try:
            fd = self._reader(segment)
            data = os.pread(fd, length, offset)
        except OSError:
            data = b""
        if len(data) != length:
            del self._entries[key]  # its segment went (a concurrent commit merged it): made again
            self._changed.discard(key)
            return None
        if day != self.today:
            self._entries[key] = (segment, offset, length, self.today)
            self._changed.add(key)
        return data

    def put(self, key: str, data: bytes) -> None:
        """Keep ``data`` under ``key`` (found by this process at once; by others once committed). A cache that
        cannot be written only costs time: nothing is raised."""
        try:
            if self._writer is None:
                self._open_segment()
            assert self._writer is not None and self._segment is not None
            offset, view = self._size, memoryview(data)
            while view:
                view = view[os.write(self._writer, view):]
        except OSError:  # a full disk, say: the segment is left (its entries so far are whole), and not committed
            if self._writer is not None:
                with contextlib.suppress(OSError):
                    os.close(self._writer)
            self._writer, self._segment, self._size = None, None, 0
            return
        self._size += len(data)
        self._entries[key] = (self._segment, offset, len(data), self.today)
        self._changed.add(key)

    def _open_segment(self) -> None:
        name = f"{os.getpid()}-{time.time_ns()}-{os.urandom(4).hex()}{SUFFIX}"
        path = os.path.join(self.folder, name)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(path, flags, 0o600)
        except FileNotFoundError:
            os.makedirs(self.folder, exist_ok=True)
            fd = os.open(path, flags, 0o600)
        self._segment, self._writer, self._size = name, fd, 0

    def _reader(self, segment: str) -> int:
        fd = self._readers.get(segment)
        if fd is None:
            fd = os.open(os.path.join(self.folder, segment), os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            self._readers[segment] = fd
            cache_files.mark_used(fd)
        return fd

    def commit(self) -> None:
        """Keep what this process put and read (see the module's note); the descriptors are closed, and a later
        ``put`` starts a new segment. Nothing is raised: a cache that cannot be written only costs time."""
        try:
            if self._changed or self._writer is not None:
                with contextlib.suppress(OSError):
                    self._commit()
        finally:
            self._close()

    def _commit(self) -> None:
        os.makedirs(self.folder, exist_ok=True)
        lock = os.open(os.path.join(self.folder, LOCK), os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            entries, sizes = self._load()  # as committed since this process read it
            before = set(sizes)
            if self._segment is not None:
                sizes[self._segment] = self._size
            for key in self._changed:
                mine = self._entries.get(key)
                if mine is not None and mine[0] in sizes:
                    entries[key] = mine
                elif mine is not None and key in entries:  # read here from a segment merged since: the copy's mark
                    entries[key] = (*entries[key][:3], self.today)
            oldest = self.today - KEEP_DAYS
            live: dict[str, int] = dict.fromkeys(sizes, 0)
            for key, (segment, _offset, length, day) in list(entries.items()):
                if day < oldest or segment not in live:
                    del entries[key]
                else:
                    live[segment] += length
            self._merge(entries, sizes, live)
            named = {segment for segment, _o, _l, _d in entries.values()}
            sizes = {segment: size for segment, size in sizes.items() if segment in named}
            index = {"version": VERSION, "segments": sizes, "entries": entries}
            cache_files.replace_whole(os.path.join(self.folder, INDEX), pickle.dumps(index, pickle.HIGHEST_PROTOCOL))
            self._entries, self._changed = entries, set()
            self._tidy(before, sizes)
        finally:
            os.close(lock)  # the lock goes with it

    def _merge(self, entries: dict[str, Entry], sizes: dict[str, int], live: dict[str, int]) -> None:
        """Copy into this process's segment the live entries of segments mostly dead, and of the smallest when there
        are too many; the entries then name the copies."""
        others = [s for s in sizes if s != self._segment]
        merged = {s for s in others if live[s] * 2 < sizes[s]}
        rest = sorted((s for s in others if s not in merged), key=lambda s: live[s])
        if len(rest) > MAX_SEGMENTS:
            merged.update(rest[:len(rest) - MAX_SEGMENTS // 2])
        if not merged:
            return
        for key, (segment, offset, length, day) in list(entries.items()):
            if segment not in merged:
                continue
            try:
                data = os.pread(self._reader(segment), length, offset)
            except OSError:
                data = b""
            del entries[key]
            if len(data) == length:
                self.put(key, data)
                entries[key] = (*self._entries[key][:3], day)
        if self._segment is not None:
            sizes[self._segment] = self._size

    def _tidy(self, before: set[str], kept: dict[str, int]) -> None:
        """Remove the segments the index named and no longer does, and those no index named for a day; mark the
        others used once a day for the cache's sweep (``cache_files.mark_used``)."""
        now = time.time()
        for entry in os.scandir(self.folder):
            if not entry.name.endswith(SUFFIX):
                continue
            with contextlib.suppress(OSError):
                if entry.name in kept:
                    cache_files.mark_used(entry.path)
                elif entry.name in before or now - entry.stat().st_mtime > ORPHAN_AGE:
                    os.unlink(entry.path)

    def _close(self) -> None:
        for fd in [*self._readers.values(), *([self._writer] if self._writer is not None else [])]:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._readers, self._writer, self._segment, self._size = {}, None, None, 0

