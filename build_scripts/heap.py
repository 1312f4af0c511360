"""The free memory of this process's heap given back to the system between the build's stages.

C's ``malloc`` (glibc's) returns a freed block to the system only when it is at the heap's top or was mapped apart
(over ``MALLOC_MMAP_THRESHOLD_``); the rest stays the process's, counted in its memory, for the blocks it will
allocate later. What a stage makes and lets go (each page's Markdown, the data files' rows: strings of a few
kilobytes, under that threshold) leaves such free blocks between those still held. ``malloc_trim`` gives back every
free page of the heap, wherever it is. At 1,000 texts, after the pages were written, the build's process held 11 MB
(short notices) and 26 MB (whole conclusions) it had freed, while the search index's process beside it came to its
largest: the build's peak."""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import cache


@cache
def _trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``; None under a C library without it (musl, macOS), where nothing is done."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


def give_back() -> None:
    """The heap's free pages given back to the system (``malloc_trim(0)``; see the module's docstring)."""
    trim = _trim()
    if trim is not None:
        trim(0)
