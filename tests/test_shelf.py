"""A cache folder's entries in a few files: what is committed is found, what nobody uses goes, and the folder keeps
a few files however many entries and builds it has seen."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest

from build_scripts import shelf
from build_scripts.site import cache_sweep


def segments(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{shelf.SUFFIX}"))


def test_what_a_process_commits_the_next_finds_and_what_it_did_not_commit_it_does_not(tmp_path: Path) -> None:
    first = shelf.Shelf(tmp_path / "c")
    first.put("a", "một".encode())
    assert first.get("a") == "một".encode()  # at once, in the process that kept it
    assert shelf.Shelf(tmp_path / "c").get("a") is None  # not committed yet
    first.commit()
    assert shelf.Shelf(tmp_path / "c").get("a") == "một".encode()
    left = shelf.Shelf(tmp_path / "c")
    left.put("b", b"never committed")
    assert shelf.Shelf(tmp_path / "c").get("b") is None
    assert len(segments(tmp_path / "c")) == 2


def test_two_processes_committing_one_after_the_other_keep_both(tmp_path: Path) -> None:
    one, two = shelf.Shelf(tmp_path), shelf.Shelf(tmp_path)  # both read the index before either committed
    one.put("a", b"1")
    two.put("b", b"2")
    one.commit()
    two.commit()
    again = shelf.Shelf(tmp_path)
    assert (again.get("a"), again.get("b")) == (b"1", b"2")


def test_a_thousand_entries_are_two_files_and_a_lock(tmp_path: Path) -> None:
    kept = shelf.Shelf(tmp_path)
    for n in range(1000):
        kept.put(f"k{n}", f"entry {n}".encode() * (n % 7 + 1))
    kept.commit()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(shelf.SUFFIX)) == [shelf.INDEX,
                                                                                               shelf.LOCK]
    assert len(segments(tmp_path)) == 1
    again = shelf.Shelf(tmp_path)
    assert all(again.get(f"k{n}") == f"entry {n}".encode() * (n % 7 + 1) for n in range(1000))


def test_an_entry_nobody_used_for_a_month_goes_and_a_mostly_dead_segment_is_merged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    today = shelf._today()
    old = shelf.Shelf(tmp_path)
    for n in range(10):
        old.put(f"k{n}", b"x" * 100)
    old.commit()
    (first,) = segments(tmp_path)
    later = today + shelf.KEEP_DAYS - 1
    monkeypatch.setattr(shelf, "_today", lambda: later)
    used = shelf.Shelf(tmp_path)
    assert used.get("k0") == used.get("k1") == b"x" * 100  # used again: marked with the day
    used.commit()
    monkeypatch.setattr(shelf, "_today", lambda: today + shelf.KEEP_DAYS + 1)
    build = shelf.Shelf(tmp_path)
    build.put("new", b"y")
    build.commit()
    assert first not in segments(tmp_path)  # two live entries of ten: copied, and the segment gone
    after = shelf.Shelf(tmp_path)
    assert (after.get("k0"), after.get("k1"), after.get("new")) == (b"x" * 100, b"x" * 100, b"y")
    assert all(after.get(f"k{n}") is None for n in range(2, 10))
    assert len(after) == 3


def test_a_build_after_another_keeps_the_folder_to_a_few_segments(tmp_path: Path) -> None:
    for n in range(3 * shelf.MAX_SEGMENTS):  # each build keeps one new entry (an edit)
        build = shelf.Shelf(tmp_path)
        build.put(f"k{n}", f"{n}".encode())
        build.commit()
    assert len(segments(tmp_path)) <= shelf.MAX_SEGMENTS + 1
    again = shelf.Shelf(tmp_path)
    assert [again.get(f"k{n}") for n in range(3 * shelf.MAX_SEGMENTS)] == \
        [f"{n}".encode() for n in range(3 * shelf.MAX_SEGMENTS)]


def test_a_segment_no_index_names_goes_once_a_day_old_and_not_before(tmp_path: Path) -> None:
    """A segment of a process still at work (not committed yet) is left; one a killed process left, a day old,
    goes with the next commit."""
    at_work = shelf.Shelf(tmp_path)
    at_work.put("a", b"1")
    (young,) = segments(tmp_path)
    other = shelf.Shelf(tmp_path)
    other.put("b", b"2")
    other.commit()
    assert young in segments(tmp_path)
    old = time.time() - shelf.ORPHAN_AGE - 60
    os.utime(young, (old, old))
    other = shelf.Shelf(tmp_path)
    other.put("c", b"3")
    other.commit()
    assert young not in segments(tmp_path)
    assert shelf.Shelf(tmp_path).get("b") == b"2"


def test_a_segment_in_use_is_marked_for_the_caches_sweep(tmp_path: Path) -> None:
    """The sweep removes what no build used for a month by the files' times: a commit marks the segments its index
    names (once a day), so that the sweep leaves them and the index."""
    cache = tmp_path / "cache"
    kept = shelf.Shelf(cache / "markdown")
    kept.put("a", b"1")
    kept.commit()
    (segment,) = segments(cache / "markdown")
    month = time.time() - (shelf.KEEP_DAYS + 5) * 86_400
    os.utime(segment, (month, month))
    reader = shelf.Shelf(cache / "markdown")
    reader.put("b", b"2")
    reader.commit()
    cache_sweep.sweep(cache)
    again = shelf.Shelf(cache / "markdown")
    assert (again.get("a"), again.get("b")) == (b"1", b"2")


def test_an_entry_whose_segment_went_is_not_found(tmp_path: Path) -> None:
    kept = shelf.Shelf(tmp_path)
    kept.put("a", b"1")
    kept.commit()
    for segment in segments(tmp_path):
        segment.unlink()
    assert shelf.Shelf(tmp_path).get("a") is None


def test_a_write_that_fails_half_way_leaves_no_entry_that_reads_wrong(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk in the middle of an entry: that entry is not kept, and the next ones (in a new segment) read back
    as they were kept, never shifted by the half-written bytes."""
    kept = shelf.Shelf(tmp_path)
    kept.put("a", b"first")
    write = os.write
    calls = []

    def half(fd: int, data) -> int:
        calls.append(1)
        if len(calls) == 1:
            return write(fd, bytes(data[:3]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shelf.os, "write", half)
    kept.put("b", b"second entry")
    monkeypatch.setattr(shelf.os, "write", write)
    kept.put("c", b"third")
    kept.commit()
    again = shelf.Shelf(tmp_path)
    assert (again.get("b"), again.get("c")) == (None, b"third")


def test_a_whole_file_that_cannot_be_written_leaves_the_old_one_and_nothing_beside(tmp_path: Path,
                                                                                   monkeypatch) -> None:
    """The shelves' index and the cache's entries are put in place whole (cache_files.replace_whole): a write that fails
    half-way (a full disk) leaves the file as it was and no file beside it."""
    from build_scripts import cache_files

    target = tmp_path / "index"
    cache_files.replace_whole(target, b"old")

    class Full(io.FileIO):
        def write(self, data) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_files, "open", lambda fd, *a, **k: Full(fd, "wb", closefd=True), raising=False)
    with pytest.raises(OSError):
        cache_files.replace_whole(target, b"new")
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["index"]
