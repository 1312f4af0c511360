"""Per-document conversion (parse + extract) across cores, with an incremental cache.

Parsing and extracting one text depends on that text, its page id and the build code only,
so its Document can be kept: the cache key is the hash of the source (its name, id, decoded
text and read warnings) and of every file of ``build_scripts/``; editing any rule or data file
invalidates every entry. Entries are pickles under ``.build/cache/`` (git-ignored; set
``VB_CACHE_DIR`` to put them elsewhere, ``VB_NO_CACHE=1`` to switch the cache off). What is
not cached is converted in worker processes, one per core, in order, so the result does not
depend on how the work was split.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import os
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .. import files
from ..model import Document, SourceText, pack
from ..shelf import INDEX, Shelf
from .extract import extract
from .link import citations_of
from .parse import parse

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

CODE = Path(__file__).resolve().parents[1]
DEFAULT_CACHE = CODE.parent / ".build" / "cache"
REQUIREMENTS = CODE.parent / "requirements.txt"
T = TypeVar("T")
# No folder of the build cache files its entries in 256 folders by their keys' first two characters (a cold build
# made ~1,800 such folders, each a new inode at 0.13-0.8 ms of the kernel's time on this machine's disk, more in the
# minutes after many files were deleted), and most keep them in a shelf, a few files a folder (``load_entry``).
MODELS = "models"  # the build cache's folder of the texts' models (``convert_all``)

PARALLEL_FROM = 8  # fewer texts than this are converted in this process: starting workers costs more


@dataclass(frozen=True)
class Failure:
    """A conversion that raised: what and why, sent back from a worker instead of the exception."""

    kind: str
    message: str

    def __str__(self) -> str:
        return self.message


@cache
def code_hash() -> str:
    """The hash of the build code, its data and the pinned libraries (requirements.txt: a library's new version,
    vietnam-provinces' list of communes say, can change what a text gives): a cached Document is valid only for
    the code that made it."""
    h = hashlib.sha256()
    for path in sorted(p for p in CODE.rglob("*") if p.is_file() and p.suffix in (".py", ".yml", ".yaml", ".j2")):
        h.update(str(path.relative_to(CODE)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    if REQUIREMENTS.is_file():
        h.update(b"requirements.txt\0" + REQUIREMENTS.read_bytes())
    return h.hexdigest()


def cache_dir() -> Path | None:
    if os.environ.get("VB_NO_CACHE"):
        return None
    return Path(os.environ.get("VB_CACHE_DIR") or DEFAULT_CACHE)


def cache_file(kind: str, folder: Path, suffix: str) -> Path | None:
    """A file of the build cache under ``kind/`` named after ``folder`` (one per site or source folder, wherever
    it is given from); None without a cache."""
    cache = cache_dir()
    if cache is None:
        return None
    return cache / kind / f"{hashlib.sha256(os.fsencode(Path(folder).resolve())).hexdigest()[:24]}{suffix}"


def key(src: SourceText, doc_id: str) -> str:
    h = hashlib.sha256(code_hash().encode("ascii"))
    h.update(pickle.dumps((src.name, doc_id, src.sha256, src.diagnostics), protocol=5))
    # the text encoded apart: pickling a str would leave its UTF-8 copy attached to it for the whole build
    h.update(src.text.encode("utf-8"))
    return h.hexdigest()


# The entries of each cache folder this process has opened (``shelf.Shelf``: an index and a few segments, not a file
# an entry), committed by ``commit_entries``; a forked worker starts with none of its parent's
_shelves: dict[str, Shelf] = {}
os.register_at_fork(after_in_child=_shelves.clear)


def _shelf(folder: Path | str) -> Shelf:
    name = os.fspath(folder)
    found = _shelves.get(name)
    if found is None:
        found = _shelves[name] = Shelf(name)
    return found


def load_entry(folder: Path | str, k: str) -> object | None:
    """The entry of key ``k``, unpickled; None when there is none that this code can read. Every folder of the build
    cache but ``pages/`` and ``docs/`` has this form (the models, the reads, the status file, the search's shares and
    inputs, ``kept_or_made``'s values): what an entry holds is its folder's, and a reader that could meet another
    kind checks it."""
    data = _shelf(folder).get(k)
    return _unpickled(data) if data is not None else None


def kept_bytes(folder: Path | str, k: str) -> bytes | None:
    """The entry of key ``k`` as kept (pickled), or None."""
    return _shelf(folder).get(k)


def has_entry(folder: Path | str, k: str) -> bool:
    """Whether ``folder`` keeps an entry of key ``k`` (committed, or kept by this process)."""
    return k in _shelf(folder)


def store_entry(folder: Path | str, k: str, data: bytes) -> None:
    """Keep ``data`` (pickled) as the entry of key ``k``: found by this process at once, by the others once this
    one commits (``commit_entries``)."""
    _shelf(folder).put(k, data)


def commit_entries(folder: Path | str | None = None) -> None:
    """Commit what this process kept in ``folder`` (each folder, without one): the next build, and the processes that
    read the folder after this, find it. The folder is read again, as committed then, when it is next used."""
    for name in [n for n in _shelves if folder is None or n == os.fspath(folder)]:
        _shelves.pop(name).commit()


def load_kept(path: Path | str) -> object | None:
    """A file of the build cache, unpickled (marked used: ``files.read_kept``); None when there is none that this
    code can read."""
    try:
        return _unpickled(files.read_kept(path))
    except OSError:
        return None


def _unpickled(data: bytes) -> object | None:
    try:
        return pickle.loads(data)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None  # written by another version of the model: made again


def kept_or_made(folder: str, name: str, make: Callable[[], T], kind: type[T]) -> T:
    """What ``make`` gives (made of the build code and its data files alone), kept in the build cache's ``folder``
    under the code's hash and ``name``: the next build of the same code reads it instead of making it again."""
    cache = cache_dir()
    if cache is None:
        return make()
    where = cache / folder
    k = hashlib.sha256(f"{code_hash()}\0{name}".encode()).hexdigest()
    kept = load_entry(where, k)
    if isinstance(kept, kind):
        return kept
    made = make()
    store_entry(where, k, pickle.dumps(made, pickle.HIGHEST_PROTOCOL))
    commit_entries(where)
    return made


def document_from_source(src: SourceText, doc_id: str) -> Document:
    """One text parsed and extracted, its read warnings first."""
    doc = extract(parse(src, doc_id))
    doc.diagnostics = list(src.diagnostics) + doc.diagnostics
    return doc


def convert_one(item: tuple[SourceText, str]) -> Document | Failure:
    try:
        return document_from_source(*item)
    except Exception as exc:  # one file's bug must not stop the archive
        return Failure(type(exc).__name__, str(exc))


def _pickled(job: tuple[SourceText, str, bytes]) -> bytes | Failure:
    """``convert_one``'s Document as the cache stores it, for a source sent without its text and the text
    as UTF-8 (``_job``). Pickling a str in the build's process attaches a UTF-8 copy to it for as long
    as it lives (CPython keeps it): the build keeps Documents unpickled from these bytes, and sends the
    texts encoded, so that none of its strings carries a second copy. The tree is packed (``model.pack``)
    and the text left out (the build gives each document its source back): unpickling the entry makes
    the facts only."""
    src, doc_id, text = job
    doc = convert_one((dataclasses.replace(src, text=text.decode("utf-8")), doc_id))
    if not isinstance(doc, Document):
        return doc
    # the source without where it was read (its path and folder: two path objects to unpickle for each model a
    # build loads, ~2,000 at 1,000 texts): whoever loads the model gives the document its source (``convert_all``)
    doc.source = dataclasses.replace(src, path=None, folder=None)
    try:
        doc.citations = citations_of(doc)  # the link's part of one document, while its tree is at hand
    except Exception:  # the link reads it again, and says what fails
        doc.citations = None
    pack(doc)
    return pickle.dumps(doc, protocol=5)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes for the load, each with Python's cycle collector on: forked from a build whose load runs with
    it off (``site/build.py``: ``_set_aside``), a worker had it off too, and what its parses left in cycles stayed
    (a cold build's peak memory at 1,000 texts, summed, 320 -> 350 MB)."""
    from concurrent.futures import ProcessPoolExecutor  # with multiprocessing: ~6 ms of imports, for a cold build only

    return ProcessPoolExecutor(max_workers=workers, initializer=gc.enable)


# The load's workers when they were forked before the build imported the site's libraries (``fork_workers``)
_forked: list[ProcessPoolExecutor] = []


def fork_workers(workers: int | None = None) -> None:
    """Start the load's workers now, for a first build (the cache holds no models yet: every text will be converted),
    while this process holds the command line and the pipeline only. Forked later, from the build's process with
    MkDocs, Material, Jinja and the sources in it, each worker's memory was that process's (~60 against ~30 MB at
    1,000 short notices), and the load, with two of them, was a cold build's peak. ``release_workers`` stops them
    (the load's end); ``workers_pool`` lends them."""
    if _forked:
        return
    workers = workers or os.cpu_count() or 1
    folder = cache_dir()
    if workers < 2 or (folder is not None and os.path.exists(os.path.join(folder, MODELS, INDEX))):
        return
    pool = worker_pool(workers)
    pool.submit(_warm)  # a fork pool starts all its workers at its first job: now, and they import what they run
    _forked.append(pool)


def _warm() -> None:
    """A worker's first job: unpickling it imports this module, with the parse and the extraction, before the texts
    come."""


def release_workers() -> None:
    """The early workers stopped, once the load is done with them (their jobs' ends waited for)."""
    while _forked:
        _forked.pop().shutdown()


@contextlib.contextmanager
def workers_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """The workers forked early when there are (left running: ``release_workers``), else ``workers`` new ones for
    the ``with``."""
    if _forked:
        yield _forked[0]
        return
    with worker_pool(workers) as pool:
        yield pool


def _job(item: tuple[SourceText, str]) -> tuple[SourceText, str, bytes]:
    src, doc_id = item
    return dataclasses.replace(src, text=""), doc_id, src.text.encode("utf-8")


def convert_all(items: list[tuple[SourceText, str]], workers: int | None = None,
                advance: Callable[[int], None] | None = None, keys: list[str] | None = None
                ) -> list[Document | Failure]:
    """Documents for ``(source, id)`` pairs, in order, their trees packed (``model.pack``): from the cache,
    else converted on every core; ``advance`` is told how many are done as they are (progress). ``keys``: the
    items' keys (``key``) when the caller has made them already."""
    cache = cache_dir()
    folder = cache / MODELS if cache is not None else None
    if keys is None:
        keys = [key(src, doc_id) for src, doc_id in items] if folder else []
    # a model's entry holds what ``take`` keeps: a Document or a Failure
    out: list[Document | Failure | None] = [load_entry(folder, k) for k in keys] if folder else [None] * len(items)
    for doc, (src, _doc_id) in zip(out, items, strict=True):
        if doc is not None:
            doc.source = src  # the same text, but where it is now: the page's download is copied from there
    todo = [i for i, doc in enumerate(out) if doc is None]
    advance = advance or (lambda n: None)
    advance(len(items) - len(todo))
    workers = workers or os.cpu_count() or 1

    def take(i: int, data: bytes | Failure) -> None:
        """A converted document kept and unpickled as it comes: in a cold build, beside the workers still at work
        (after them, it was a second of the build's own process alone at 1,000 texts)."""
        if isinstance(data, bytes):
            if folder:
                store_entry(folder, keys[i], data)
            data = pickle.loads(data)
            data.source = items[i][0]
        out[i] = data
        advance(1)

    if len(todo) >= PARALLEL_FROM and workers > 1:
        with workers_pool(workers) as pool:
            jobs = [_job(items[i]) for i in todo]
            for i, data in zip(todo, pool.map(_pickled, jobs, chunksize=max(1, len(todo) // (workers * 8))),
                               strict=True):
                take(i, data)
    else:
        for i in todo:
            take(i, _pickled(_job(items[i])))
    if folder:
        commit_entries(folder)  # the search index's process reads the models it is sent from here
    return out  # type: ignore[return-value]
