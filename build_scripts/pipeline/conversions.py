"""Word files, PDFs and scans: converted once, in worker processes, cached by the file's SHA-256.

OCR takes seconds a page, so the build starts every conversion first, on every core, and
parses and extracts the plain texts while they run (``build.load_archive``); a scan holds
the build up by its own conversion time at most. A conversion is kept under
``.build/cache/formats/`` (``VB_CACHE_DIR``, ``VB_NO_CACHE=1`` as for ``convert.py``), keyed
by the file's SHA-256 and the converters' code, so an edit elsewhere in the build does not
send every scan through OCR again. Only successful conversions are kept: a file that failed
because a tool was missing is converted again once the tool is installed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from contextlib import ExitStack
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import files
from ..model import SourceText
from . import formats
from .convert import cache_dir, workers_pool
from .read import ReadError, located, read_converted, source_bytes

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

CODE = Path(__file__).resolve().parents[1]
VERSION = "1"  # bump when a converted text's meaning changes without a change to the converters' code


def code_files() -> list[Path]:
    """The code a conversion depends on: the converters (``pipeline/formats/``) and the Vietnamese helpers."""
    return sorted([*(CODE / "pipeline" / "formats").glob("*.py"), CODE / "vietnamese.py"])


@cache
def code_hash() -> str:
    h = hashlib.sha256(VERSION.encode("ascii"))
    for path in code_files():
        h.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _entry(folder: Path, sha256: str) -> Path:
    key = hashlib.sha256(f"{code_hash()}:{sha256}".encode("ascii")).hexdigest()
    return folder / "formats" / f"{key}.json"


def load(folder: Path | None, sha256: str) -> formats.Converted | None:
    if folder is None:
        return None
    try:
        data = json.loads(files.read_kept(_entry(folder, sha256)).decode("utf-8"))
        data["page_confidence"] = tuple(data["page_confidence"])
        data["notes"] = tuple(data["notes"])
        return formats.Converted(**data)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def store(folder: Path | None, sha256: str, converted: formats.Converted) -> None:
    if folder is None:
        return
    # put in place whole; a cache that cannot be written only costs time
    files.keep(_entry(folder, sha256), json.dumps(dataclasses.asdict(converted), ensure_ascii=False).encode("utf-8"))


def _convert(name: str, data: bytes) -> formats.Converted | str:
    """In a worker: the conversion, or the message of why it failed (exceptions stay in the worker)."""
    try:
        return formats.convert(name, data)
    except formats.ConversionError as exc:
        return str(exc)
    except Exception as exc:  # one file's bug must not stop the archive
        return f"could not be converted ({type(exc).__name__}: {exc}): this is a bug in the build scripts, " \
               "please report it with the file"


def _where(entry: tuple[Path, str] | Path) -> tuple[Path, str]:
    return (entry.parent, entry.name) if isinstance(entry, Path) else entry


class Background:
    """Conversions of some files, started at once in worker processes; ``source`` waits for one.

    A file is given as (its source folder, its name there), or as a path (a file on its own: its
    folder is its source folder), and its bytes are read through the source folder's safe opener
    (``read.source_bytes``), as every source is.
    """

    def __init__(self, entries: list[tuple[Path, str] | Path], workers: int | None = None) -> None:
        self.folder = cache_dir()
        self.data: dict[tuple[Path, str] | Path, bytes | ReadError] = {}
        self.done: dict[tuple[Path, str] | Path, formats.Converted | str] = {}
        self.futures: dict[tuple[Path, str] | Path, Future] = {}
        self.pool: ProcessPoolExecutor | None = None
        self._pools = ExitStack()  # new workers, shut down on close; or the load's early ones (convert.workers_pool)
        for entry in entries:
            folder, name = _where(entry)
            try:
                data = source_bytes(folder, name)
            except ReadError as exc:
                self.data[entry] = exc
                continue
            self.data[entry] = data
            cached = load(self.folder, hashlib.sha256(data).hexdigest())
            if cached is not None:
                self.done[entry] = cached
                continue
            if self.pool is None:
                self.pool = self._pools.enter_context(workers_pool(min(len(entries), workers or os.cpu_count() or 1)))
            self.futures[entry] = self.pool.submit(_convert, name, data)

    @property
    def running(self) -> bool:
        return any(not f.done() for f in self.futures.values())

    def source(self, entry: tuple[Path, str] | Path) -> SourceText:
        """The file's source text once converted; ReadError if it could not be."""
        folder, name = _where(entry)
        data = self.data[entry]
        if isinstance(data, ReadError):
            raise data
        if entry not in self.done:
            result = self.futures[entry].result()
            self.done[entry] = result
            if isinstance(result, formats.Converted):
                store(self.folder, hashlib.sha256(data).hexdigest(), result)
        result = self.done[entry]
        if isinstance(result, str):
            raise ReadError(name, result)
        return located(read_converted(name, data, result), folder)

    def close(self) -> None:
        for future in self.futures.values():
            future.cancel()  # what no worker has started (one running is waited for when its workers stop)
        self._pools.close()
        self.pool = None

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
