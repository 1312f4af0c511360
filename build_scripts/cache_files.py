"""The build cache's files, whether an entry each (``files.keep``, ``files.read_kept``) or a shelf's index and
segments (``shelf.py``): put in place whole, and marked used for the cache's sweep (``site/cache_sweep.py``)."""

from __future__ import annotations

import contextlib
import os
import threading
import time

MARK_EVERY = 86_400  # s: a file read again is marked used (its modification time set to now) at most once a day

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def replace_whole(path: str | os.PathLike[str], data: bytes) -> None:
    """``data`` put at ``path`` whole: written beside it under a name of this process and thread, then renamed over
    it, so that a reader finds the old bytes or the new ones, never half of them. ``OSError`` when it cannot be
    (``FileNotFoundError``: no folder there), and the file beside is removed. That file's name
    (``<path>.<pid>-<thread>.tmp``) is never an entry's: one that a killed build leaves is taken by no reader for the
    entry."""
    tmp = f"{os.fspath(path)}.{os.getpid()}-{threading.get_ident()}.tmp"
    fd = os.open(tmp, _FLAGS, 0o600)
    try:
        with open(fd, "wb", closefd=True) as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def mark_used(file: int | str | os.PathLike[str]) -> None:
    """Mark a cache's file (a path, or an open file's descriptor) as used, so that the cache's sweep keeps it. The
    mark is the file's modification time, set again only when it is a day old: a rebuild reads thousands of
    entries, and a second system call for each was not worth it."""
    with contextlib.suppress(OSError):
        mark_if_old(file, os.stat(file).st_mtime)


def mark_if_old(file: int | str | os.PathLike[str], mtime: float) -> None:
    """The used mark of a file last marked (or written) at ``mtime``, set again once it is a day old."""
    if time.time() - mtime > MARK_EVERY:
        with contextlib.suppress(OSError):  # a cache that cannot be marked only costs time: the file may be
            os.utime(file)  # swept and made again
