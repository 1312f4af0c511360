"""The search index in a process of its own, beside the rest of the build.

The index takes of each document its search units and its record (``search.search_inputs``):
the build writes them to a file, one document after another, and a fresh process (``python -m
build_scripts.site.search_process``) reads them back as they come, tokenises (each document's
share kept in the cache's ``search/``), merges and writes the files while the pages are written
and rendered. Fresh, not forked: it holds none of the models, only their units as it reads them
and the index it makes (a fork shared the build's pages only until either process touched them).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from ..model import Document, Links
from ..pipeline import convert
from ..pipeline.archive import BuildError
from ..writers import search as index
from . import output
from .paths import ROOT  # where ``build_scripts`` is imported from

INPUTS = "search-inputs.pickle"  # beside the search files' folder: the documents' inputs, one pickle each


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


def _read(path: Path) -> Iterator[index.SearchInput]:
    with open(path, "rb") as f:
        while True:
            try:
                yield pickle.load(f)
            except EOFError:
                return


def _worker(inputs: Path, folder: Path) -> None:
    """The index from ``inputs`` into ``folder`` (``python -m build_scripts.site.search_process INPUTS FOLDER``)."""
    files = index.search_files(_read(inputs), share_cache())
    index.write_search_files(_stepped(files), folder)


def _stepped(files: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    for item in files:
        output.step("indexing")  # a test kills the process here
        yield item


def command(inputs: Path, folder: Path) -> list[str]:
    """The search index's process: this module run on the inputs' file, writing into ``folder``."""
    return [sys.executable, "-m", __name__, str(inputs), str(folder)]


@contextmanager
def beside(docs: list[Document], folder: Path, directory_urls: bool, links: Links | None = None,
           parallel: bool = True) -> Iterator[Callable[[], None]]:
    """Write the search files under ``folder`` beside the rest of the build; yields the wait for them.

    The index is computed from the models alone and MkDocs never reads it, so on a second core it
    is written by a process of its own while the pages are written and rendered. Small archives,
    or one core (``parallel`` false), write it here and now. A build that fails meanwhile stops
    the process.
    """
    if not parallel:
        index.write_search_index(docs, folder, directory_urls, links, share_cache())
        del docs, links  # not held while the build goes on
        yield lambda: None
        return
    inputs = folder.parent / INPUTS
    with open(inputs, "wb") as f:
        for item in index.search_inputs(docs, directory_urls, links):
            pickle.dump(item, f, pickle.HIGHEST_PROTOCOL)
    del docs, links
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    # glibc's malloc gives a freed block of more than its threshold back to the system, but raises the threshold
    # to the largest block freed so far: the merge's arrays, freed one after another, would then stay as holes in
    # the heap. A fixed threshold keeps every array of more than 256 kB apart, returned when freed (ignored by
    # other C libraries).
    env.setdefault("MALLOC_MMAP_THRESHOLD_", str(256 * 1024))
    proc = subprocess.Popen(command(inputs, folder), env=env, cwd=ROOT)

    def wait() -> None:
        if proc.wait() != 0:  # its traceback is on stderr
            raise BuildError(f"the search index could not be written (exit code {proc.returncode})")

    try:
        yield wait
    finally:
        if proc.poll() is None:
            proc.terminate()
        proc.wait()
        inputs.unlink(missing_ok=True)


if __name__ == "__main__":
    _worker(Path(sys.argv[1]), Path(sys.argv[2]))
