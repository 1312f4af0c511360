"""The document pages written by a process forked beside the listings (site/forked.py): the same files, noted
for the next build as when one process writes them all."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from build_scripts import files
from build_scripts.pipeline import loader
from build_scripts.pipeline.link import link
from build_scripts.site import forked, paths
from build_scripts.writers import pages

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_split_writes_the_same_files_and_the_next_build_skips_its_pages(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    archive = loader.load_archive(loader.source_files(paths.DEFAULT_SOURCE))
    docs, links = archive.documents, link(archive.documents)
    forks = []

    @contextmanager
    def beside(job: Callable[[], pages.DocumentsWritten]) -> Iterator[Callable[[], pages.DocumentsWritten]]:
        def written() -> pages.DocumentsWritten:
            pid, value = result()
            forks.append(pid)
            return value

        with forked.beside(lambda: (os.getpid(), job())) as result:
            yield written

    monkeypatch.setattr(pages, "BESIDE_FROM", 1)
    one = pages.write_pages(docs, links, tmp_path / "one", "Giới thiệu", memo=files.Memo(tmp_path / "m1", "code"))
    two = pages.write_pages(docs, links, tmp_path / "two", "Giới thiệu", memo=files.Memo(tmp_path / "m2", "code"),
                            beside=beside)
    assert forks and forks[0] != os.getpid()  # the pages were written by the fork
    assert [p.relative_to(tmp_path / "two") for p in two] == [p.relative_to(tmp_path / "one") for p in one]
    assert _files(tmp_path / "two") == _files(tmp_path / "one")
    assert sum(p.parts[-2] == "van-ban" for p in two) >= len(docs)

    # what the fork wrote was noted for the next build: not one document page is made again
    def no_page(*args: object, **kwargs: object) -> str:
        raise AssertionError("a document page made again")

    monkeypatch.setattr(pages, "render_document", no_page)
    again = pages.write_pages(docs, links, tmp_path / "two", "Giới thiệu", memo=files.Memo(tmp_path / "m2", "code"),
                              beside=beside)
    assert again == two and len(forks) == 1  # nothing new to write: no fork either


def test_the_forks_result_and_its_failure_reach_the_build() -> None:
    with forked.beside(lambda: (os.getpid(), [Path("a")])) as result:
        pid, value = result()
    assert pid != os.getpid() and value == [Path("a")]

    def fails() -> None:
        raise pages.SourceChanged("x.txt changed while the archive was being built")

    with pytest.raises(pages.SourceChanged, match=r"x\.txt changed"), forked.beside(fails) as result:
        result()
    with pytest.raises(forked.WorkerLost), forked.beside(lambda: os._exit(3)) as result:
        result()


def test_a_build_that_fails_meanwhile_waits_for_the_fork(tmp_path: Path) -> None:
    mark = tmp_path / "done"

    def slow() -> None:
        import time
        time.sleep(0.5)
        mark.write_text("done")

    with pytest.raises(KeyError), forked.beside(slow):
        raise KeyError("the listings failed")
    assert mark.read_text() == "done"  # nothing of the fork's still being written once the build goes on
