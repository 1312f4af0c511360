"""Scale: output grows linearly, the search index is lunr's own, the cache and the workers change nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from build_scripts import shelf
from build_scripts.commands import synth
from build_scripts.pipeline import archive, convert, loader
from build_scripts.pipeline.read import read_file
from build_scripts.site import build, search_process
from build_scripts.writers import records
from build_scripts.writers import search as index
from build_scripts.writers.search import tokens

from ..conftest import FIXTURES, SEEDS
from ..writers.search.test_index import data_of, shards_packed

TEXTS = [*SEEDS, *sorted((FIXTURES / "shapes").glob("*.txt")), *sorted((FIXTURES / "unseen").glob("*.txt"))]


def test_the_search_files_hold_exactly_what_lunr_py_builds() -> None:
    """Every term, unit and score of the shards the build writes, against lunr.py's own index of the same texts."""
    docs = loader.load_archive(TEXTS).documents
    serialised, units = index.build_index(docs)
    files = index.search_data(docs)
    meta = data_of(files[index.INDEX_FILE])[1]
    assert shards_packed(files) == index.pack(serialised)
    texts = {ref: unit for p in meta["parts"] for ref, unit in data_of(files[p])[2].items()}
    assert [texts[str(ref)][1] for ref in range(len(units))] == [u.anchor for u in units]
    assert meta["units"] == [sum(1 for u in units if u.doc == i) for i in range(len(docs))]


def test_tokeniser_scans_words_as_the_character_rule_does() -> None:
    text = "Dân vận khéo¹ 340-TB/TU, 1027/QĐ-UBND; x\u0301 a_b ٣٤ 𝔸"
    words = [text[a:b] for a, b in (m.span() for m in tokens._word_run().finditer(text))]
    by_char, run = [], ""
    for ch in text + " ":
        if tokens._word_char(ch):
            run += ch
        elif run:
            by_char.append(run)
            run = ""
    assert words == by_char


def _records(docs) -> str:
    return records.dumps([records.document_record(d) for d in docs])


def test_cache_and_workers_give_the_same_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "texts"
    synth.write_corpus(12, folder)
    paths = [*TEXTS, *loader.source_files(folder)]
    monkeypatch.setenv("VB_NO_CACHE", "1")
    monkeypatch.setattr(convert, "PARALLEL_FROM", 10**9)
    serial = _records(loader.load_archive(paths).documents)
    monkeypatch.delenv("VB_NO_CACHE")
    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(convert, "PARALLEL_FROM", 2)
    assert _records(loader.load_archive(paths).documents) == serial  # two workers, cache filled
    cache = tmp_path / "cache"
    assert len(shelf.Shelf(cache / convert.MODELS)) == len(paths)  # one model a text
    assert len(shelf.Shelf(cache / "read")) == len(paths)  # and its decoding (loader.read_key)
    calls = []
    monkeypatch.setattr(convert, "convert_one", lambda item: calls.append(item) or pytest.fail("not cached"))
    assert _records(loader.load_archive(paths).documents) == serial  # every text from the cache
    assert not calls


def test_changed_code_or_text_is_not_served_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = read_file(SEEDS[0])
    k = convert.key(src, "a")
    assert convert.key(src, "b") != k
    monkeypatch.setattr(convert, "code_hash", lambda: "other code")
    assert convert.key(src, "a") != k


def _site_bytes(site: Path, skip: str = "assets") -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and p.relative_to(site).parts[0] != skip)


def test_bytes_per_document_do_not_grow_with_the_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bytes each further document adds stay flat as the archive doubles (quadratic output would double them)."""
    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    sizes, search = {}, {}
    for n in (10, 20, 40):
        synth.write_corpus(n, tmp_path / f"texts-{n}")
        site = tmp_path / f"site-{n}"
        build.build(tmp_path / f"texts-{n}", site)
        sizes[n] = _site_bytes(site)
        search[n] = (site / "data" / "tim-kiem" / index.INDEX_FILE).stat().st_size
    for measure in (sizes, search):
        first = (measure[20] - measure[10]) / 10
        second = (measure[40] - measure[20]) / 20
        assert second <= 1.15 * first, (measure, first, second)
        assert measure[40] / 40 <= measure[20] / 20 * 1.05  # bytes per document, all told


def test_a_large_tracker_is_data_in_chunks_that_each_filter_can_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tracker's page and its core do not grow with the archive: its tasks are chunks of data, and a summary
    per chunk (a file of its own, loaded once a filter is chosen) says which localities, types and deadline
    years each chunk holds, so that a filter loads only those."""

    from build_scripts.pipeline import link
    from build_scripts.writers.datascript import read_script as pushed
    from build_scripts.writers.pages import tracker

    docs = loader.load_archive(TEXTS).documents
    links = link.link(docs)
    total = sum(len(d.facts.tasks) for d in docs)
    one = tracker.tracker_data(docs, links)
    assert [k for k in one if k.startswith("nhiem-vu-")] == ["nhiem-vu-0.js"]
    monkeypatch.setattr(tracker, "CHUNK_BYTES", 2_000)
    files = tracker.tracker_data(docs, links)
    core = pushed(files[tracker.CORE_FILE])[1]
    assert len(files[tracker.CORE_FILE]) <= len(one[tracker.CORE_FILE]) + 1  # the number of chunks, one digit more
    chunks = [pushed(files[tracker.CHUNK_FILE.format(n)])[2] for n in range(core["chunks"])]
    assert len(chunks) > 3 and sum(len(c["t"]) for c in chunks) == total == core["total"]
    summaries = pushed(files[tracker.SUMMARIES_FILE])[1]
    for summary, chunk in zip(summaries, chunks, strict=True):
        assert summary["n"] == len(chunk["t"])
        assert {core["localities"][i] for i in summary["l"]} == {d[3] for d in chunk["d"] if d[3]}
        assert set(summary["y"]) == {(r[6] or "")[:4] for r in chunk["t"]}
    assert len(tracker.tracker_page(docs).encode()) < 3_000


def _search_files(site: Path) -> dict[str, bytes]:
    folder = site / index.OUT_DIR
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _started(monkeypatch: pytest.MonkeyPatch) -> list:
    """The search index's processes the build starts, as they start."""
    started = []
    real = search_process.subprocess.Popen

    def counting(cmd, *args, **kwargs):
        proc = real(cmd, *args, **kwargs)
        if cmd[:3] == search_process.command(None)[:3] or cmd[:2] == [sys.executable, "-c"]:
            started.append(proc)  # not MkDocs' processes
        return proc

    monkeypatch.setattr(search_process.subprocess, "Popen", counting)
    return started


def test_the_search_index_written_beside_mkdocs_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Written by a process of its own while MkDocs renders, or here before it: the same files, in the site."""
    synth.write_corpus(9, tmp_path / "texts")
    monkeypatch.setenv("VB_NO_CACHE", "1")
    monkeypatch.setattr(convert, "PARALLEL_FROM", 10**9)
    started = _started(monkeypatch)
    build.build(tmp_path / "texts", tmp_path / "here")
    assert not started
    monkeypatch.setattr(convert, "PARALLEL_FROM", 2)
    build.build(tmp_path / "texts", tmp_path / "beside")
    assert len(started) == 1 and search_process.__name__ in started[0].args
    here = _search_files(tmp_path / "here")
    assert "chi-muc.js" in here and any(n.startswith("tu-") for n in here)
    assert _search_files(tmp_path / "beside") == here


def test_a_failed_search_worker_fails_the_build_and_keeps_the_old_site(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    synth.write_corpus(9, tmp_path / "texts")
    site = tmp_path / "site"
    build.build(tmp_path / "texts", site)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    monkeypatch.setattr(convert, "PARALLEL_FROM", 2)
    monkeypatch.setattr(search_process, "command",
                        lambda folder, last=None: [sys.executable, "-c", "raise MemoryError('no room for the index')"])
    synth.write_corpus(10, tmp_path / "texts")  # a text more: unchanged sources would leave the site as it is
    with pytest.raises(archive.BuildError, match="search index"):
        build.build(tmp_path / "texts", site)
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before


def test_a_build_that_fails_beside_the_search_worker_stops_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synth.write_corpus(9, tmp_path / "texts")
    monkeypatch.setattr(convert, "PARALLEL_FROM", 2)
    finished = tmp_path / "finished"
    # still running when MkDocs fails
    slow = f"import pathlib, time; time.sleep(20); pathlib.Path({str(finished)!r}).touch()"
    monkeypatch.setattr(search_process, "command", lambda folder, last=None: [sys.executable, "-c", slow])
    started = _started(monkeypatch)

    def broken(*args, **kwargs) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(build.publish, "rendering", broken)
    with pytest.raises(OSError, match="disk full"):
        build.build(tmp_path / "texts", tmp_path / "site")
    assert len(started) == 1 and started[0].poll() is not None  # stopped, not left to linger
    assert not finished.exists()  # nor waited for (it would have written the file after 20 s)
    assert not (tmp_path / "site").exists()
