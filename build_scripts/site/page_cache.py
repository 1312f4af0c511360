"""The page cache: a rendered page kept under the hash of everything that makes it (``page_keys``), and linked into
each new site (a hard link where the file system allows, a copy elsewhere); its maps (the pages' link targets, the
entries' stamps, the theme's files) kept beside, each one file put in place whole, pickled (read and written by
every rebuild: as JSON the keys' and the entries' maps took ~0.04 s of an add at 1,000 texts, pickled ~0.005)."""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import subprocess
import sys
from pathlib import Path

from mkdocs import utils
from mkdocs.structure.files import File

from ..files import keep
from ..pipeline import convert

ENTRIES = "entries.pickle"  # in the page cache: each entry's size and modification time when it was kept


def make_folder(path: str) -> None:
    """The folder of ``path`` made, as ``os.makedirs(..., exist_ok=True)`` makes it, in one call where its parent
    exists (a page's own folder) or it exists (a static file's): makedirs looked for the parent first."""
    folder = os.path.dirname(path)
    try:
        os.mkdir(folder)
    except FileExistsError:
        if not os.path.isdir(folder):
            raise
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)


def link_file(file: File, roots: tuple[str, ...]) -> bool:
    """``file`` hard-linked into the site when its source is under ``roots``; False to copy it instead."""
    src = file.abs_src_path
    if not roots or file.generated_by is not None or not src or not src.startswith(roots):
        return False
    return hard_link(src, file.abs_dest_path)


def hard_link(src: str, dest: str) -> bool:
    """``dest`` made a hard link to ``src``, its folder made first; False where it cannot be (another file system,
    a system without links): the caller writes a copy instead."""
    try:
        make_folder(dest)
        os.link(src, dest)
    except OSError:
        return False
    return True


def load_map(cache: Path | None, name: str) -> dict[str, list]:
    """One of the page cache's maps (TARGETS, ENTRIES); empty when it has none."""
    found = convert.load_kept(cache / name) if cache is not None else None
    return found if isinstance(found, dict) else {}  # none, or not one this code wrote: made again


def save_map(cache: Path | None, name: str, data: dict[str, list]) -> None:
    """A map of the page cache put in place whole (``keep``: one that cannot be written only costs a scan, or a
    copy of each page)."""
    if cache is not None:
        keep(cache / name, pickle.dumps(data, pickle.HIGHEST_PROTOCOL))


def cache_folder() -> Path | None:
    folder = convert.cache_dir()
    return folder / "pages" if folder else None


def made_folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def entry_path(folder: Path, key: str) -> Path:
    return folder / f"{key}.html"


@functools.cache
def file_mode() -> int:
    """The mode a page written by MkDocs has (the umask's), given to a cache entry that a site links."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def store(folder: Path | None, key: str, data: bytes) -> None:
    if folder is None:
        return
    entry = entry_path(folder, key)
    keep(entry, data)
    with contextlib.suppress(OSError):
        os.chmod(entry, file_mode())


def put(folder: Path | None, key: str, data: bytes, dest: str) -> None:
    """A rendered page kept in the cache and put at ``dest`` as a link to that entry: one file written for it, not
    two (a file's creation took ~0.5 ms on this machine's disk, beside a page's ~4-8 ms of CPU). Without a cache,
    or where the entry cannot be kept or linked, the page is written at ``dest``."""
    if folder is not None:
        store(folder, key, data)
        if hard_link(str(entry_path(folder, key)), dest):
            return
    utils.write_file(data, dest)


def stamp(folder: Path, key: str) -> list[int] | None:
    """An entry's size and modification time, as it was kept: what ``restore`` checks before linking it."""
    try:
        info = os.stat(entry_path(folder, key))
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


LINKER_FROM = 200  # cached pages to put in place before a process of their own pays for its start (~10 ms)
LINK_SCRIPT = os.path.join(os.path.dirname(__file__), "link_files.py")


class Linker:
    """The cached pages' hard links made by a process of their own (``link_files.py``) while this one goes on:
    after an added text at 1,000 texts, ~2,700 links into as many new folders took ~0.3 s of this process' kernel
    time, in the serial path of the render's begin. Below ``LINKER_FROM`` pairs, or where that process cannot be
    started, they are made here. ``join`` waits for it and copies each page it could not link (another file
    system); a page it did not report on (it stopped) is linked or copied here: the site is whole when ``join``
    returns, or ``join`` raised."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []
        self.proc: subprocess.Popen | None = None

    def add(self, src: str, dest: str) -> None:
        self.pairs.append((src, dest))

    def start(self) -> None:
        """The links begun: by the process, given every pair at once, when there are many; else made here."""
        if len(self.pairs) >= LINKER_FROM:
            try:
                self.proc = subprocess.Popen([sys.executable, "-I", "-S", LINK_SCRIPT], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE)
                assert self.proc.stdin is not None
                self.proc.stdin.write(b"".join(os.fsencode(s) + b"\0" + os.fsencode(d) + b"\0"
                                               for s, d in self.pairs))
                self.proc.stdin.close()
                return
            except OSError:
                self.stop(keep=True)  # not started, or stopped at once: made here
        self._here(self.pairs)
        self.pairs = []

    def join(self) -> None:
        """Every page in place: the process' end waited for, what it could not link copied, what it did not
        report on (it stopped before its end) made here."""
        proc, pairs = self.proc, self.pairs
        self.proc, self.pairs = None, []
        if proc is None:
            self._here(pairs)
            return
        assert proc.stdout is not None
        with proc.stdout:
            reported = proc.stdout.read().split(b"\0")
        if proc.wait() != 0 or reported[-2:] != [b"done", b""]:
            self._here(pairs)  # it stopped: each page linked (or copied) here, those it linked already kept
            return
        failed = {os.fsdecode(d) for d in reported[:-2]}
        for src, dest in pairs:
            if dest in failed:
                _copy(src, dest)

    def stop(self, keep: bool = False) -> None:
        """The process ended, its work not waited for (the build failed: the new site is discarded); ``keep``:
        the pairs kept, to be made here."""
        proc, self.proc = self.proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
        if not keep:
            self.pairs = []

    @staticmethod
    def _here(pairs: list[tuple[str, str]]) -> None:
        for src, dest in pairs:
            if not os.path.lexists(dest) and not hard_link(src, dest):
                _copy(src, dest)


def _copy(src: str, dest: str) -> None:
    """A cached page copied into the site where it cannot be linked (its entry was found at the begin: one
    that cannot be read now raises)."""
    with open(src, "rb") as f:
        utils.write_file(f.read(), dest)


def restore(folder: Path, key: str, dest: str, stamp: list[int] | None = None,
            linker: Linker | None = None) -> bool:
    """The page put at ``dest`` from the cache; False when the cache does not have it.

    An entry whose ``stamp`` (size and modification time when it was kept, ENTRIES) it still has is
    hard-linked, not copied: a rebuild after one edit wrote every page of the site again, and deleted the
    old site's copies. An entry is never rewritten by a build (``keep`` replaces it); one changed since it
    was kept (a page of a site edited in place by hand) is not used: the page is rendered again. An entry
    without a stamp, or a file system without links, gives a copy. With a ``linker``, the link is left to it
    (``Linker``: made by a process of its own, in place once it is joined)."""
    entry = f"{folder}/{key}.html"  # entry_path's path as text: a Path for each of 2,700 pages cost 25 ms
    try:
        info = os.stat(entry)
    except OSError:
        return False
    if stamp is not None and stamp != [info.st_size, info.st_mtime_ns]:
        return False  # changed since it was kept
    if not info.st_size:  # an empty entry: MkDocs wrote no file for that page
        return True
    if stamp is not None and linker is not None:
        linker.add(entry, dest)
        return True
    if stamp is not None and hard_link(entry, dest):
        return True
    try:
        with open(entry, "rb") as f:
            data = f.read()
    except OSError:
        return False
    utils.write_file(data, dest)
    return True
