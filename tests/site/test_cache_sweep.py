"""The build cache is swept of what no build has used for a month: an archive edited for years, or built by
new versions of the code, keeps a cache the size of what it uses, and a sweep never costs a page."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from build_scripts import shelf
from build_scripts.commands import synth
from build_scripts.pipeline import convert
from build_scripts.site import cache_sweep, output

from ..conftest import settled, tree_state
from .builds import build_with_cache

DAY = 86_400


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _age(folder: Path, days: float) -> None:
    """Everything in ``folder`` made ``days`` old, as a cache left alone that long would be."""
    then = time.time() - days * DAY
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (then, then), follow_symlinks=False)


def test_a_rebuild_a_month_later_sweeps_what_no_build_uses_and_keeps_the_rest(tmp_path: Path, monkeypatch) -> None:
    source, site, cache = tmp_path / "texts", tmp_path / "site", tmp_path / "cache"
    texts = synth.write_corpus(5, source, seed=11, status=True)
    archive, _ = build_with_cache(source, site, monkeypatch, cache)
    assert not any("cache entries" in n for n in archive.notes)  # a new cache is not swept by its first build
    settled(site)  # the site's folders kept in the cache for its next build (output.dispose), before it is listed
    before = _files(cache)
    # an edit: the text's old entries (its model, decoding, search input and share, page parts) are never read again
    text = texts[0].read_text(encoding="utf-8")
    texts[0].write_text(text.replace("tổ chức", "khẩn trương tổ chức", 1), encoding="utf-8")
    build_with_cache(source, site, monkeypatch, cache)
    settled(site)
    with_stale = _files(cache)
    stale = before - with_stale  # nothing was removed yet
    assert not stale
    # a month and more passes; nothing else outside the cache is touched by a sweep
    beside = tmp_path / "beside.txt"
    beside.write_text("không thuộc bộ nhớ đệm", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "old.pickle").write_bytes(b"x")
    (cache / "lien-ket").symlink_to(outside, target_is_directory=True)
    _age(cache, 40)
    _age(outside, 40)
    os.utime(beside, (time.time() - 40 * DAY,) * 2)
    # another edit, a month later: the build reads every entry of the texts it did not change (marking them used)
    texts[1].write_text(texts[1].read_text(encoding="utf-8").replace("tổ chức", "chủ động tổ chức", 1),
                        encoding="utf-8")
    assert len(shelf.Shelf(cache / convert.MODELS)) == len(texts) + 1  # the first edit's old model too
    today = shelf._today
    monkeypatch.setattr(shelf, "_today", lambda: today() + 40)  # the shelves' own days (this process's)
    archive, log = build_with_cache(source, site, monkeypatch, cache)
    monkeypatch.setattr(shelf, "_today", today)
    notes = [n for n in archive.notes if "cache entries not used for 30 days removed" in n]
    assert len(notes) == 1, archive.notes
    settled(site)  # the replaced site's folders are in the cache (output.dispose) before it is listed
    after = _files(cache)
    removed = with_stale - after
    assert removed, "the entries of the first edit's old text are gone"
    # a shelf drops at its commit what no build used for as long (the models' shelf is this process's): the
    # old models of both edited texts, used last a month ago
    assert len(shelf.Shelf(cache / convert.MODELS)) == len(texts)
    assert beside.exists() and (outside / "old.pickle").exists()
    # what the build used stayed: built again with nothing changed in its inputs but the site folder, every page
    # comes from the cache, and the site is the one a clean build makes
    _, log = build_with_cache(source, tmp_path / "another", monkeypatch, cache)
    settled(tmp_path / "another")  # its disposal's process done with the cache's spare folders before it is listed
    # (the new site's own records, staging copy and kept folders are not entries made again)
    remade = {f for f in _files(cache) - after if f.split("/")[0] not in ("sites", "docs", output.SPARES)}
    assert not remade, "an entry the build used was swept, and made again"
    assert "read, parse, extract: 5 texts" in log
    total, cached = re.search(r"render \(MkDocs\): ([\d,]+) pages \(([\d,]+) from the cache", log).groups()
    assert total == cached
    clean = tmp_path / "clean"
    build_with_cache(source, clean, monkeypatch, None)
    assert tree_state(site) == tree_state(clean) == tree_state(tmp_path / "another")


def test_a_sweep_runs_at_most_once_a_day_and_only_on_entries_a_month_old(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (cache / "ab").mkdir(parents=True)
    old, fresh = cache / "ab" / "old.pickle", cache / "ab" / "fresh.pickle"
    old.write_bytes(b"1")
    fresh.write_bytes(b"2")
    os.utime(old, (time.time() - 31 * DAY,) * 2)
    os.utime(fresh, (time.time() - 20 * DAY,) * 2)
    assert cache_sweep.sweep_if_due(cache) is None  # never swept: the stamp is set, the sweep waits a day
    assert old.exists()
    assert cache_sweep.sweep_if_due(cache, now=time.time() + DAY / 2) is None
    assert old.exists()
    swept = cache_sweep.sweep_if_due(cache, now=time.time() + DAY + 60)
    assert swept is not None and swept.files == 1 and swept.bytes == 1
    assert not old.exists() and fresh.exists()
    assert cache_sweep.sweep_if_due(cache, now=time.time() + DAY + 120) is None  # swept today already


def test_a_page_a_site_still_links_stays_and_a_staging_folder_in_use_stays(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    pages, staging = cache / "pages" / "cd", cache / "docs"
    pages.mkdir(parents=True)
    staging.mkdir()
    linked, alone = pages / "linked.html", pages / "alone.html"
    linked.write_text("<p>trang</p>", encoding="utf-8")
    alone.write_text("<p>cũ</p>", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    os.link(linked, site / "index.html")
    for name in ("abandoned", "locked", "recent"):
        (staging / name / "van-ban").mkdir(parents=True)
        (staging / name / "van-ban" / "a.md").write_text("# A", encoding="utf-8")
    _age(cache, 60)
    os.utime(staging / "recent")  # a build used it today
    with output.exclusive(staging / "locked.lock", "a build of it"):
        swept = cache_sweep.sweep(cache)
    assert linked.exists() and (site / "index.html").read_text(encoding="utf-8") == "<p>trang</p>"
    assert not alone.exists()
    assert not (staging / "abandoned").exists()
    assert (staging / "locked" / "van-ban" / "a.md").exists() and (staging / "recent" / "van-ban" / "a.md").exists()
    assert swept.files == 2  # the lone page and the abandoned staging folder's page


def test_a_cold_builds_cache_makes_no_folder_and_no_file_per_entry(tmp_path: Path, monkeypatch) -> None:
    """Each kind of entry is kept in a shelf (shelf.py): the cache's folders, and the files of each kind but the
    rendered pages (linked into the site), are as many for 20 texts as for 10 (a new file is the costliest thing a
    build makes on a disk that has just freed many files; a cold build made ~1,800 folders, 256 a kind, when entries
    were filed by their keys' first characters, and ~8,100 files of entries at 1,000 texts when each was a file)."""
    folders, counts = [], []
    for n in (10, 20):
        texts, cache = tmp_path / f"texts-{n}", tmp_path / f"cache-{n}"
        synth.write_corpus(n, texts, 1)
        build_with_cache(texts, tmp_path / f"site-{n}", monkeypatch, cache)
        settled(tmp_path / f"site-{n}")
        for kind in (convert.MODELS, "read", "search", "search-inputs", "markdown", "pages"):
            assert (cache / kind).is_dir() and not [p for p in (cache / kind).iterdir() if p.is_dir()], kind
        assert len(shelf.Shelf(cache / convert.MODELS)) == n
        counts.append({kind: len(list((cache / kind).iterdir()))
                       for kind in (convert.MODELS, "read", "search", "search-inputs", "markdown")})
        # the folders inside each kind's (the staging copy of docs/ and the spare folders are the site's own: a
        # listing's pages grow with it)
        folders.append(sorted(p.relative_to(cache).as_posix() for p in cache.glob("*/**/")
                              if len(p.relative_to(cache).parts) > 1
                              and p.relative_to(cache).parts[0] not in ("docs", "spares")))
    assert folders[0] == folders[1]
    assert counts[0] == counts[1] and max(counts[0].values()) <= 4, counts  # an index, a lock, a segment or two
