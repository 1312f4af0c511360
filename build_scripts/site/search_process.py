"""The search index in a process of its own, beside the rest of the build.

The index takes of each document its search units and its record (``search.search_inputs``). A fresh
process (``python -m build_scripts.site.search_process FOLDER``) is started before the link, so that
its start and imports run beside it; the build then sends it the documents' inputs through a pipe,
one after another, and it tokenises (each document's share kept in the cache's ``search/``), merges
and writes the files while the pages are written and rendered. Fresh, not forked: it holds none of
the models, only their units as it reads them and the index it makes (a fork shared the build's pages
only until either process touched them). Each document's input is kept in the cache's
``search-inputs/`` under the hash of all that makes it (``input_key``): a rebuild after one edit
makes one input, not one per document. A rebuild starts the process before the load (``early``): it merges
the shares of the inputs the last build noted (``last_inputs``) while the build loads the texts, and only what
differs from them once the inputs come.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path
from typing import BinaryIO

from .. import files
from ..knowledge import bodies
from ..model import Body, BodyGroup, Document, Links
from ..pipeline import convert
from ..writers import search as index
from . import output

INPUTS = "search-inputs"  # under the build cache: each document's input, pickled, under ``input_key``
INPUT_VERSION = 2  # of the inputs' form (search.search_input): a change of it makes every kept input stale
# glibc's threshold above which a block is mapped apart and returned when freed (see ``Beside``): 256 kB keeps a cold
# build's peak down; a rebuild's process (``early``) is far below that peak, and with 256 kB it mapped and faulted in
# each of the merge's arrays afresh, ~300,000 page faults and ~0.6 s of system time at 1,000 texts, on the core
# whose end the rebuild waits for
REBUILD_MMAP_THRESHOLD = 32 * 1024 * 1024


def share_cache() -> index.ShareCache | None:
    """Each document's share of the search index, kept beside the load stage's cache (``search/``): a rebuild
    tokenises only the texts that changed."""
    folder = convert.cache_dir()
    if folder is None:
        return None
    folder = folder / "search"

    def store(key: str, share: object) -> None:  # the load cache keeps bytes: the worker pickles its documents
        convert.store_entry(folder, key, pickle.dumps(share, pickle.HIGHEST_PROTOCOL))

    return index.ShareCache(convert.code_hash(), partial(convert.load_entry, folder), store)


def synonym_classes() -> list[index.SynonymClass]:
    """The synonyms' classes (``search.synonym_classes``: data/organisations.yml's, before the archive is seen), kept
    in the cache's ``search/`` under the build code's hash: a rebuild reads them, where making them again built the
    organisations' knowledge (a tenth of a second of the index's process)."""
    return convert.kept_or_made("search", f"synonyms\0{index.SHARE_VERSION}", index.synonym_classes, list)


def input_key(doc: Document, load_key: str, directory_urls: bool, links: Links | None) -> str:
    """The hash of everything a document's search input is made of: the document (its load-cache key, ``load_key``:
    its source, page id and the build code), the URLs' form and what the input reads that the archive's other
    texts can change (``search.archive_read``: its issuer's and assignees' bodies, its references' ids)."""
    h = hashlib.sha256(f"{convert.code_hash()}\0{INPUT_VERSION}\0{load_key}\0{directory_urls}\0".encode("ascii"))
    h.update(index.archive_read(doc, links).encode("utf-8"))
    return h.hexdigest()


def pickled_inputs(docs: list[Document], directory_urls: bool, links: Links | None,
                   keys: dict[str, str] | None = None) -> Iterator[bytes]:
    """Each document's search input, pickled: a head (its ``input_key``, under which the cache's ``search-inputs/``
    keeps it or is to keep it, None without the documents' load keys, ``keys``: page id -> key; its length, or
    ``KEPT``; whether the index's process makes it), then its units, record and texts' size
    (``search.text_size``): none when the cache keeps it under that key (``KEPT``: the process reads it there, if it
    needs it); else, when the load cache holds the document, what the index's process needs to make it (``_made``);
    else made here. An input made is kept by the index's process (``_read``), off the build's own. The process
    keeps the document's share under the same key.

    Made by the index's process, not here: the build's process spent ~0.7 s of a cold build at 1,000 texts on the
    units, records and texts' sizes, right after the link, while the index's process had nothing to read yet."""
    cache = convert.cache_dir()
    folder = cache / INPUTS if cache is not None and keys is not None else None
    models = cache / convert.MODELS if cache is not None else None
    stripped: dict[int, Body | BodyGroup] = {}
    for i, doc in enumerate(docs):
        key = None
        if folder is not None and doc.id in keys:
            key = input_key(doc, keys[doc.id], directory_urls, links)
            if convert.has_entry(folder, key):  # the process reads it there, if it needs it (``_read``)
                yield pickle.dumps((key, KEPT, False), pickle.HIGHEST_PROTOCOL)
                continue
            assert models is not None
            # the document as loaded, for the process to read
            if convert.has_entry(models, keys[doc.id]):
                data = pickle.dumps((keys[doc.id], i, directory_urls, link_view(doc, links, stripped)),
                                    pickle.HIGHEST_PROTOCOL)
                yield pickle.dumps((key, len(data), True), pickle.HIGHEST_PROTOCOL) + data
                continue
        units, record = index.search_input(doc, i, directory_urls, links)
        data = pickle.dumps((units, record, index.text_size(units)), pickle.HIGHEST_PROTOCOL)
        yield pickle.dumps((key, len(data), False), pickle.HIGHEST_PROTOCOL) + data


# an input's size in its head, for one kept in the cache: the index's process reads it under its key, if it needs it
# (the build read every kept input and sent it through the pipe, ~38 MB after an add at 1,000 texts, where the
# process, which noted most of them at the last build, ``last_inputs``, unpickles few)
KEPT = -1


def link_view(doc: Document, links: Links | None, stripped: dict[int, Body | BodyGroup]) -> Links | None:
    """What ``search.search_input`` reads of ``links`` for ``doc`` (``search.archive_read`` names it: its issuer's
    body and each assignee's identity), as a ``Links`` of that document alone, each body without its tasks (a
    body of the archive lists every task given to it). ``stripped``: the bodies stripped so far, by identity."""
    if links is None:
        return None

    def strip(found: Body | BodyGroup) -> Body | BodyGroup:
        done = stripped.get(id(found))
        if done is None:
            if isinstance(found, BodyGroup):
                done = dataclasses.replace(found, members=[strip(m) for m in found.members], assignments=[])
            else:
                done = dataclasses.replace(found, assignments=[])
            stripped[id(found)] = done
        return done

    view = Links()
    issuer = links.issuers.get(doc.id)
    if issuer is not None:
        view.issuers[doc.id] = strip(issuer)
    for task in doc.facts.tasks:
        for a in task.assignees:
            found = links.identity(doc, a.name)
            if found is not None:
                view.identities[(doc.id, a.name)] = strip(found)
    return view


def _made(data: bytes) -> tuple[bytes, tuple[list[index.Unit], dict, int]]:
    """An input made here from the document as the load cache holds it (``pickled_inputs``): pickled as a kept one
    (to keep), and as it is (to index)."""
    load_key, doc_index, directory_urls, view = pickle.loads(data)
    cache = convert.cache_dir()
    doc = convert.load_entry(cache / convert.MODELS, load_key) if cache is not None else None
    if not isinstance(doc, Document):
        raise RuntimeError(f"the load cache's entry {load_key} could not be read: the build sent its key")
    units, record = index.search_input(doc, doc_index, directory_urls, view)
    made = (units, record, index.text_size(units))
    return pickle.dumps(made, pickle.HIGHEST_PROTOCOL), made


Summary = tuple[str | None, dict, int, int]  # an input's key, its record, how many units it has, its texts' size


def _read(stream: BinaryIO, known: dict[str, Summary] | None = None,
          seen: list[Summary] | None = None) -> Iterator[index.KeptInput]:
    """The inputs as they come, their units numbered by their place here (a kept input was made at another);
    an input made by the build or here is kept under its key, when its head gives one. A kept input that the last
    build read too (``known``: by key, as ``seen`` notes each one that comes) is not unpickled: its record and sizes
    are those noted, its units are read only if a part or its share must be made (``index.LazyUnits``)."""
    cache = convert.cache_dir()
    inputs = cache / INPUTS if cache is not None else None
    n = 0
    while True:
        try:
            key, size, here = pickle.load(stream)
        except EOFError:
            return
        noted = known.pop(key, None) if known is not None and size == KEPT and key is not None else None
        if noted is not None:  # kept, and noted by the last build: read only if a part or its share is made again
            _key, record, count, text_size = noted
            units: index.Units = index.LazyUnits(count, partial(_units, inputs, key, n))
        else:
            made = None
            if size == KEPT:
                data = _read_kept(inputs, key)
            else:
                data, made = _made(stream.read(size)) if here else (stream.read(size), None)
                if key is not None and inputs is not None:
                    convert.store_entry(inputs, key, data)
            units, record, text_size = made if made is not None else pickle.loads(data)
            for u in units:
                u.doc = n
        if seen is not None:
            seen.append((key, dict(record), len(units), text_size))  # before the index numbers its facets
        n += 1
        yield units, record, key, text_size


def _read_kept(inputs: Path | None, key: str) -> bytes:
    """The input kept under ``key`` in ``inputs`` (the cache's ``search-inputs/``), as kept."""
    data = convert.kept_bytes(inputs, key) if inputs is not None else None
    if data is None:
        raise RuntimeError(f"the kept search input {key} could not be read: the build found it")
    return data


def _units(inputs: Path | None, key: str, n: int) -> list[index.Unit]:
    """The units of the input kept under ``key``, as the ``n``-th document's."""
    units = pickle.loads(_read_kept(inputs, key))[0]
    for u in units:
        u.doc = n
    return units


def _ahead(path: Path | None, cache: index.ShareCache | None) -> tuple[index.Ahead | None, dict[str, Summary]]:
    """What the last build of the same sources noted of its inputs (``last_inputs``): their shares added to the
    merger in its order (``index.Ahead``), and each input's record and sizes by key. Read while this build loads
    its texts, when the process is started before (``early``); nothing when the code changed since."""
    if path is None or cache is None:
        return None, {}
    try:
        code, _line, data = files.read_kept(path).partition(b"\n")
        if code.decode("ascii") != convert.code_hash():
            return None, {}
        seen = pickle.loads(data)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None, {}
    ahead = index.Ahead()
    for key, _record, count, _size in seen:
        share = index.kept_share(key, count, cache)
        if share is None:  # swept from the cache: the rest is added as it comes
            break
        ahead.add(key, share)
    return ahead, {noted[0]: noted for noted in seen}


def _worker(folder: str, last: str) -> None:
    """The index from the inputs on stdin into ``folder`` (``python -m build_scripts.site.search_process FOLDER
    LAST``); without ``folder``, it comes first on stdin (the process was started before the build knew it). What
    can be done before the inputs come is done first: the synonyms, the parts kept, the last build's shares
    merged (``last``: where the last build noted its inputs, and where this one notes its own)."""
    cache = convert.cache_dir()
    kept_parts = files.Memo(cache / "search-parts" if cache is not None else None, convert.code_hash())
    parts = kept_parts.group(("parts",))
    shares = share_cache()
    classes = synonym_classes()
    bodies.let_go()  # made for the synonyms (a first build), not read again here
    ahead, known = _ahead(Path(last) if last else None, shares)
    parts.read()
    index.warm()
    stdin = sys.stdin.buffer
    if not folder:
        folder = pickle.load(stdin)
    seen: list[Summary] = []
    files_ = index.search_files(_read(stdin, known, seen), shares, classes, parts, ahead)
    del parts, ahead, known  # the index lets them go once used
    index.write_search_files(_stepped(files_), Path(folder))
    kept_parts.close()  # the parts the index kept (``search_files`` closed their group), committed
    convert.commit_entries()  # and the shares and inputs it kept
    if last and seen and all(key is not None for key, *_rest in seen):
        files.keep(last, b"%s\n%s" % (convert.code_hash().encode("ascii"), pickle.dumps(seen, pickle.HIGHEST_PROTOCOL)))


def _stepped(files_: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    for item in files_:
        output.step("indexing")  # a test kills the process here
        yield item


def command(folder: Path | None, last: Path | None = None) -> list[str]:
    """The search index's process: this module, reading the inputs on its stdin and writing into ``folder`` (None:
    sent first on stdin); ``last``: where the last build noted its inputs (``last_inputs``)."""
    return [sys.executable, "-m", __name__, "" if folder is None else str(folder), "" if last is None else str(last)]


def last_inputs(source_dir: Path, offline: bool) -> Path | None:
    """Where a build of ``source_dir`` notes its inputs' keys, records and sizes, in order, for the next build's index
    process to merge their shares before the inputs come (one file per source folder and URLs' form: the build
    code's hash, a line, then the inputs pickled); None without a cache."""
    return convert.cache_file(INPUTS, source_dir, ".offline.last" if offline else ".last")


class Here:
    """Small archives, or one core: the search files written here and now, when the inputs are given."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, docs: list[Document], directory_urls: bool, links: Links | None = None,
             keys: dict[str, str] | None = None) -> None:
        index.write_search_index(docs, self.folder, directory_urls, links, share_cache())
        convert.commit_entries()  # the shares kept

    def wait(self) -> None:
        pass

    def done(self) -> bool:
        return True


class Beside:
    """The search index's process, started: ``send`` gives it the documents' inputs (a thread writes them into its
    pipe, so that the build goes on while it reads), ``wait`` waits for its files."""

    def __init__(self, folder: Path | None, last: Path | None = None, mmap_threshold: int = 256 * 1024) -> None:
        from .paths import ROOT  # where ``build_scripts`` is imported from: here, not in the index's process (paths
        # imports the page writers and Jinja, a tenth of a second the process would spend for nothing)

        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        # glibc's malloc gives a freed block of more than its threshold back to the system, but raises the threshold
        # to the largest block freed so far: the merge's arrays, freed one after another, would then stay as holes
        # in the heap. A fixed threshold keeps every array of more than 256 kB apart, returned when freed (ignored by
        # other C libraries).
        env.setdefault("MALLOC_MMAP_THRESHOLD_", str(mmap_threshold))
        self.proc = subprocess.Popen(command(folder, last), stdin=subprocess.PIPE, env=env, cwd=ROOT)
        self.queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.feeder = threading.Thread(target=self._feed, name="search inputs", daemon=True)
        self.feeder.start()

    def _feed(self) -> None:
        pipe = self.proc.stdin
        assert pipe is not None
        try:
            while (data := self.queue.get()) is not None:
                pipe.write(data)
            pipe.close()
        except OSError:  # the process ended before it read them all (it failed, or was stopped): ``wait`` says so
            pass

    def into(self, folder: Path) -> None:
        """The folder to write into, for a process started without one (``early``): sent before the inputs."""
        self.queue.put(pickle.dumps(str(folder), pickle.HIGHEST_PROTOCOL))

    def send(self, docs: list[Document], directory_urls: bool, links: Links | None = None,
             keys: dict[str, str] | None = None) -> None:
        try:
            for data in pickled_inputs(docs, directory_urls, links, keys):
                self.queue.put(data)
        finally:
            self.queue.put(None)

    def done(self) -> bool:
        """Whether the index's process has ended (its files written, or failed: ``wait`` says which)."""
        return self.proc.poll() is not None

    def wait(self) -> None:
        from ..pipeline.archive import BuildError  # the build's side: the index's process does without its imports

        if self.proc.wait() != 0:  # its traceback is on stderr
            raise BuildError(f"the search index could not be written (exit code {self.proc.returncode})")

    def stop(self) -> None:
        """The process stopped if it still runs (the build failed meanwhile), and the thread that feeds it."""
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.wait()
        self.queue.put(None)  # a thread still waiting for inputs ends; one writing meets the closed pipe
        self.feeder.join()
        with suppress(OSError):
            self.proc.stdin.close()  # type: ignore[union-attr]


@contextmanager
def beside(folder: Path, parallel: bool = True, last: Path | None = None,
           started: Beside | None = None) -> Iterator[Here | Beside]:
    """Write the search files under ``folder`` beside the rest of the build: yields the index's ``send`` (of the
    documents' inputs, once linked) and ``wait`` (for its files).

    The index is computed from the models alone and MkDocs never reads it, so on a second core it is written by
    a process of its own, started now (before the link), while the pages are written and rendered; or given
    (``started``: by ``early``, before the load), told the folder now. Small archives, or one core (``parallel``
    false), write it when the inputs are sent. A build that fails meanwhile stops the process. ``last``: where
    the process notes the inputs for the next build (``last_inputs``).
    """
    if not parallel:
        if started is not None:
            started.stop()
        yield Here(folder)
        return
    if started is not None:
        process = started
        process.into(folder)
    else:
        process = Beside(folder, last)
    try:
        yield process
    finally:
        process.stop()


def _noted_by(last: Path, code: str) -> bool:
    """Whether the inputs noted in ``last`` were noted by the build code of hash ``code`` (another code's inputs have
    other keys: after a change of the code, the load converts every text again, on both cores)."""
    try:
        with open(last, "rb") as f:
            return f.read(len(code) + 1) == code.encode("ascii") + b"\n"
    except OSError:
        return False


@contextmanager
def early(last: Path | None) -> Iterator[Beside | None]:
    """The index's process started before the load, when the last build of the same sources noted its inputs
    (``last``, ``last_inputs``): it imports its modules and merges the last build's shares while this build's
    process loads the texts (the second core is idle then in a rebuild), and is given its folder and the inputs
    later (``beside``). Not in a cold build, nor after a change of the build code, nor on one core: there the load's
    own processes use both cores, and a third process beside them raised the build's peak memory. Stopped when
    the build ends, used or not."""
    if last is None or (os.cpu_count() or 1) < 2 or not _noted_by(last, convert.code_hash()):
        yield None
        return
    process = Beside(None, last, REBUILD_MMAP_THRESHOLD)
    try:
        yield process
    finally:
        process.stop()


if __name__ == "__main__":
    _worker(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")
