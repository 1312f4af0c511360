"""The build cache swept of what no build has used for a month.

Every kept entry is named by the hash of all it is made of, so an edit, a new version of the build code or of a
pinned library leaves the old entries behind, never read again: without a sweep the cache of a 10,000-text
archive grew by its whole size (several GB) with each upgrade. A build marks each entry it reads as used (its
modification time, at most once a day: ``files.read_kept``); at the end of a build, at most once a day, every
entry of the cache not used for ``KEEP_DAYS`` goes. Most kinds of entry live in shelves (``shelf.py``: an index and
a few segments per folder), which drop their own unused entries when a build commits them, and mark their files
used as a file entry is marked: the sweep takes a shelf's files only when no build has read or committed it for as
long. Three parts are told in use otherwise:

- ``pages/``: a rendered page is hard-linked into the sites built from it (page_cache.py), and its
  modification time is part of the stamp that proves it unchanged, so it is never marked; an entry goes only
  when no site links it any more (one link) and it is as old as the rest;
- ``docs/``: each source folder's staging copy of docs/ (build.py), marked when a build uses it, goes whole, under
  its lock, when no build has used it for as long;
- ``spares/``: the folders of a site's previous version, kept for its next build (output.dispose), go whole when
  no build has made them for as long (their marker's age); a build takes one by a rename, never in place.

Only the cache's own folder is swept (``convert.cache_dir``), never a link out of it; a file that cannot be
removed is left. Nothing a build writes into a site depends on the cache, so a swept entry only costs the time
of making it again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from .. import shelf
from . import output

KEEP_DAYS = shelf.KEEP_DAYS  # an entry no build has read or written for this long goes
EVERY = 86_400  # s between two sweeps of one cache
STAMP = ".swept"  # its modification time: the last sweep
PAGES = "pages"
STAGING = "docs"


@dataclass
class Swept:
    files: int = 0
    bytes: int = 0

    def __str__(self) -> str:
        return f"{self.files:,} cache entries not used for {KEEP_DAYS} days removed ({self.bytes / 1e6:.1f} MB)"


def sweep_if_due(folder: Path | None, now: float | None = None) -> Swept | None:
    """``sweep`` when the last sweep of ``folder`` is a day old; None when it was not due (or there is no cache).
    A cache never swept (new, or kept from before sweeps) is first swept a day later: a cold build, which finds
    nothing to sweep, does not walk the cache it has just written."""
    now = time.time() if now is None else now
    if folder is None or not folder.is_dir():
        return None
    stamp = folder / STAMP
    try:
        due = now - os.stat(stamp).st_mtime >= EVERY
    except FileNotFoundError:
        due = False
    except OSError:
        return None
    with contextlib.suppress(OSError):
        if due or not stamp.exists():
            stamp.touch()
            os.utime(stamp, (now, now))
    return sweep(folder, now) if due else None


def sweep(folder: Path, now: float | None = None) -> Swept:
    """Remove every entry of the cache in ``folder`` not used for ``KEEP_DAYS``, and the folders left empty."""
    cutoff = (time.time() if now is None else now) - KEEP_DAYS * 86_400
    swept = Swept()
    try:
        tops = list(os.scandir(folder))
    except OSError:
        return swept
    for top in tops:
        if top.name == STAMP:
            continue
        if top.name == STAGING and top.is_dir(follow_symlinks=False):
            _sweep_staging(Path(top.path), cutoff, swept)
        elif top.name == output.SPARES and top.is_dir(follow_symlinks=False):
            _sweep_spares(top.path, cutoff, swept)
        elif top.is_dir(follow_symlinks=False):
            _sweep_tree(top.path, cutoff, swept, linked_in_use=top.name == PAGES)
        else:
            _remove_if_old(top, cutoff, swept, False)
    return swept


def _remove_if_old(entry: os.DirEntry, cutoff: float, swept: Swept, linked_in_use: bool) -> None:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return
    if entry.name.endswith(".lock") or info.st_mtime >= cutoff:
        return
    if linked_in_use and stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
        return  # a site still links this page
    with contextlib.suppress(OSError):
        os.unlink(entry.path)
        swept.files += 1
        swept.bytes += info.st_size


def _sweep_tree(path: str, cutoff: float, swept: Swept, linked_in_use: bool) -> None:
    """Sweep one folder of entries, and remove it when that leaves it empty."""
    try:
        entries = list(os.scandir(path))
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _sweep_tree(entry.path, cutoff, swept, linked_in_use)
        else:
            _remove_if_old(entry, cutoff, swept, linked_in_use)
    with contextlib.suppress(OSError):
        os.rmdir(path)  # only when empty


def _sweep_staging(path: Path, cutoff: float, swept: Swept) -> None:
    """Each staging copy of docs/ that no build has used since ``cutoff``, removed whole under its lock."""
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError:
        return  # as in ``_sweep_tree``: a sweep that cannot read a folder leaves it, and never fails the build
    for entry in entries:
        if entry.name.endswith(".lock") or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime >= cutoff:
                continue
        except OSError:
            continue
        staging = Path(entry.path)
        try:
            with output.exclusive(staging.with_suffix(".lock"), str(staging)):
                count, size = _size(staging)
                shutil.rmtree(staging)
        except (output.OutputError, OSError):
            continue  # a build is using it, or it could not all go: the next sweep tries again
        swept.files += count
        swept.bytes += size


def _sweep_spares(path: str, cutoff: float, swept: Swept) -> None:
    """Each spare (empty folders and a marker) made before ``cutoff`` removed whole; one being made (its deleter
    holds it) or newer is left. Its empty folders are not entries: only the spare counts, as one."""
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        spare = Path(entry.path)
        if not entry.is_dir(follow_symlinks=False):
            _remove_if_old(entry, cutoff, swept, False)
            continue
        try:
            mark = spare / output.MARKER
            if output.being_removed(spare) or os.lstat(mark if os.path.lexists(mark) else spare).st_mtime >= cutoff:
                continue
            shutil.rmtree(spare)
        except OSError:
            continue  # as a staging copy's: the next sweep tries again
        swept.files += 1


def _size(folder: Path) -> tuple[int, int]:
    count = size = 0
    for here, _dirs, names in os.walk(folder):
        for name in names:
            with contextlib.suppress(OSError):
                size += os.lstat(os.path.join(here, name)).st_size
                count += 1
    return count, size
