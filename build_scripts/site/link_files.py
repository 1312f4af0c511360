"""Hard links made by a process of their own (``page_cache.Linker``): run as a script, it reads pairs
``source\\0destination\\0`` on its input, links each destination to its source (its folder made first),
and writes on its output the destination of each pair it could not link, each ended by ``\\0``, then ``done\\0``.

A rebuild after one added text puts ~2,700 cached pages into the new site: ~2,800 new folders at ~65 µs of
kernel time each on this machine's disk, the build process' own time while it could write the data files and
render the changed pages. This script imports nothing of the build (it starts in ~10 ms with ``-I -S``)."""

from __future__ import annotations

import os
import sys


def link(src: str, dest: str) -> bool:
    """``dest`` made a hard link to ``src``, its folder made first (as ``page_cache.hard_link``); False where it
    cannot be: the build copies it instead."""
    try:
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        os.link(src, dest)
    except OSError:
        return False
    return True


def main() -> None:
    data = sys.stdin.buffer.read().split(b"\0")  # source, destination, ..., then b"" after the last "\0"
    pairs = zip(data[0:-1:2], data[1::2], strict=False)
    failed = [dest for src, dest in pairs if not link(os.fsdecode(src), os.fsdecode(dest))]
    sys.stdout.buffer.write(b"".join(dest + b"\0" for dest in failed) + b"done\0")


if __name__ == "__main__":
    main()
