"""A file put in place whole: written beside it under a name of this process and thread, then renamed over it, so
that a reader finds the old bytes or the new ones, never half of them. The build cache's entries (``files.keep``) and
the shelves' indexes (``shelf.py``) are written so."""

from __future__ import annotations

import contextlib
import os
import threading

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def replace_whole(path: str | os.PathLike[str], data: bytes) -> None:
    """``data`` put at ``path`` whole; ``OSError`` when it cannot be (``FileNotFoundError``: no folder there), and the
    file beside is removed. That file's name (``<path>.<pid>-<thread>.tmp``) is never an entry's: one that a killed
    build leaves is taken by no reader for the entry."""
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
