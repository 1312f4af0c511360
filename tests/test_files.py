"""The build's own files: a cache entry is put in place whole, and what a killed write leaves is never read."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from build_scripts import cache_files, files, shelf


def test_an_entry_is_kept_whole_in_a_new_folder_and_no_temporary_file_stays(tmp_path: Path) -> None:
    entry = tmp_path / "cache" / "ab" / "abcdef"
    files.keep(entry, b"first")
    files.keep(entry, "thứ hai".encode())
    assert entry.read_bytes() == "thứ hai".encode()
    assert sorted(p.name for p in entry.parent.iterdir()) == ["abcdef"]


def test_a_write_that_fails_leaves_the_entry_as_it_was(tmp_path: Path, monkeypatch) -> None:
    entry = tmp_path / "ab" / "abcdef"
    files.keep(entry, b"old")

    def full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full)
    files.keep(entry, b"new, never whole")  # a cache that cannot be written only costs time: nothing raised
    assert entry.read_bytes() == b"old"
    assert sorted(p.name for p in entry.parent.iterdir()) == ["abcdef"]


def test_what_a_killed_build_leaves_is_not_taken_for_an_entry(tmp_path: Path) -> None:
    """A build killed before its memo commits leaves a segment that no index names, and one killed while another
    merged a segment leaves an index naming bytes no longer there: the memo makes the text again."""
    memo = files.Memo(tmp_path, "code")
    assert memo.text(["a"], lambda: "whole text") == "whole text"  # kept, never committed
    assert files.Memo(tmp_path, "code").text(["a"], lambda: "made again") == "made again"
    memo = files.Memo(tmp_path, "code")
    assert memo.text(["a"], lambda: "whole text") == "whole text"
    memo.close()
    named = sorted(tmp_path.glob(f"*{shelf.SUFFIX}"))
    for segment in named:
        segment.write_bytes(segment.read_bytes()[:-3])  # cut short
    assert files.Memo(tmp_path, "code").text(["a"], lambda: "made again") == "made again"


def test_a_memo_reads_what_it_kept_itself_and_the_next_one_what_it_committed(tmp_path: Path) -> None:
    made = []

    def make(text: str) -> str:
        made.append(text)
        return text

    with files.Memo(tmp_path / "memo", "code") as memo:
        assert memo.text(["a"], lambda: make("first")) == "first"
        assert memo.text(["a"], lambda: make("again")) == "first"
    assert files.Memo(tmp_path / "memo", "code").text(["a"], lambda: make("later")) == "first"
    assert made == ["first"]


def test_a_group_keeps_its_entries_in_one_entry_and_drops_those_no_longer_asked_for(tmp_path: Path) -> None:
    with files.Memo(tmp_path, "code") as memo, memo.group(["doc"]) as g:
        assert g.text(["page", "1"], lambda: g.text(["body"], lambda: "thân") + " 1") == "thân 1"
    assert len(shelf.Shelf(tmp_path)) == 1
    made = []
    with files.Memo(tmp_path, "code") as memo, memo.group(["doc"]) as g:  # the page changed, its body did not
        assert g.text(["page", "2"], lambda: g.text(["body"], lambda: made.append("body") or "x") + " 2") == "thân 2"
    assert made == []
    with files.Memo(tmp_path, "code") as memo, memo.group(["doc"]) as g:
        assert g.text(["page", "2"], lambda: made.append("page") or "x") == "thân 2"
        assert g.text(["page", "1"], lambda: "made again") == "made again"  # dropped when the group was written
    with files.Memo(tmp_path, "code") as memo, memo.group(["doc"]) as g:
        assert g.text(["page", "1"], lambda: "once more") == "made again"
    assert len(shelf.Shelf(tmp_path)) == 1 and made == []


def test_a_group_entry_that_does_not_add_up_is_read_as_no_entry(tmp_path: Path) -> None:
    with files.Memo(tmp_path, "code") as memo, memo.group(["doc"]) as g:
        g.text(["page"], lambda: "whole page")
    with files.Memo(tmp_path, "code") as memo:
        key = memo.group(["doc"]).key
        memo.keep(key, memo.read(key)[:-3])
    with files.Memo(tmp_path, "code") as memo, memo.group(["doc"]) as g:
        assert g.text(["page"], lambda: "made again") == "made again"
    with files.Memo(tmp_path, "code") as memo, memo.group(["doc"]) as g:
        assert g.text(["page"], lambda: "once more") == "made again"


def test_a_written_file_is_left_only_while_its_key_and_its_file_are_as_they_were(tmp_path: Path) -> None:
    """A rebuild skips a page whose inputs are the same and whose file nobody touched; an edited file or a
    changed key is made again."""
    memo = files.Memo(tmp_path / "cache", "code")
    page = tmp_path / "docs" / "a.md"
    first = files.Written(memo, tmp_path / "docs")
    assert not first.same(page, "k1")
    files.write(page, "one")
    first.note(page, "k1")
    first.save()
    again = files.Written(memo, tmp_path / "docs")
    assert again.same(page, "k1") and not again.same(page, "k2")
    page.write_text("hand-edited")  # in place: the time or the size differs
    os.utime(page, ns=(1, 1))
    assert not files.Written(memo, tmp_path / "docs").same(page, "k1")
    assert not files.Written(files.Memo(None, "code"), tmp_path / "docs").same(page, "k1")  # no cache


def test_a_linked_file_is_left_when_only_its_links_moved_and_made_again_when_written(tmp_path: Path) -> None:
    """A source's copy, which the render links into each new site (its change time moves with each link made or
    let go), is left as it is while its links alone changed; written in place, through any of its links, it is made
    again. Any other file is made again once its change time moves."""
    memo = files.Memo(tmp_path / "cache", "code")
    copy = tmp_path / "docs" / "a.txt"
    first = files.Written(memo, tmp_path / "docs")
    files.write(copy, "nguồn")
    first.note(copy, "k1")
    first.save()
    time.sleep(0.01)
    site = tmp_path / "site.txt"
    os.link(copy, site)  # a new site's link
    again = files.Written(memo, tmp_path / "docs")
    assert again.same(copy, "k1", linked=True)
    assert not again.same(copy, "k1")  # a file not linked by the build: its change time says it was touched
    again.save()
    os.unlink(site)  # the old site deleted
    assert files.Written(memo, tmp_path / "docs").same(copy, "k1", linked=True)
    os.link(copy, site)
    with open(site, "r+b") as f:  # in place, through the site's link: the same size, new bytes
        f.write("NGUỒN".encode()[:len("nguồn".encode())])
    assert not files.Written(memo, tmp_path / "docs").same(copy, "k1", linked=True)


def test_a_listing_is_unchanged_only_when_each_of_its_pages_is(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    memo = files.Memo(tmp_path / "cache", "code")

    def build(make: dict[str, str]) -> dict[str, str]:
        written = files.Written(memo, docs)
        pages = written.group("listing", lambda: dict(make))
        for rel, text in pages.items():
            if text is not files.UNCHANGED:
                written.wrote(files.write(docs / rel, text))
        written.save()
        return pages

    pages = {"x.md": "page 1", "x/trang-2.md": "page 2"}
    assert build(pages) == pages
    assert build(pages) == dict.fromkeys(pages, files.UNCHANGED)
    (docs / "x/trang-2.md").unlink()
    assert build(pages) == pages  # one page gone: the listing is made and written again
    assert (docs / "x/trang-2.md").read_text() == "page 2"


def test_a_kept_entry_is_read_whole_and_marked_used_once_a_day_old(tmp_path: Path) -> None:
    entry = tmp_path / "ab" / "entry.pickle"
    data = bytes(range(256)) * 1000
    files.keep(entry, data)
    assert files.read_kept(entry) == data
    old = time.time() - 2 * cache_files.MARK_EVERY
    os.utime(entry, (old, old))
    assert files.read_kept(entry) == data
    assert time.time() - entry.stat().st_mtime < 60  # marked used: the sweep keeps it
    files.keep(entry, b"")
    assert files.read_kept(entry) == b""
    with pytest.raises(OSError):
        files.read_kept(tmp_path / "ab" / "none.pickle")


def test_a_kept_entry_that_grew_since_its_size_was_read_is_read_to_its_end(tmp_path: Path, monkeypatch) -> None:
    entry = tmp_path / "ab" / "entry.pickle"
    data = b"0123456789" * 300_000
    files.keep(entry, data)
    real = os.fstat

    class Small:  # the size as it was before the entry grew
        def __init__(self, info: os.stat_result) -> None:
            self.st_size, self.st_mtime = 10, info.st_mtime

    monkeypatch.setattr(os, "fstat", lambda fd: Small(real(fd)))
    assert files.read_kept(entry) == data


@pytest.mark.parametrize("parts", [[], [""], ["a"], ["a", "", "b"], ["ủy ban", "x\0y"]])
def test_a_memos_key_is_the_hash_of_the_salt_then_each_part_and_a_nul(parts: list[str]) -> None:
    """Keys stay what the builds before computed (each part hashed with a NUL after it), whatever holds the parts."""
    h = hashlib.sha256(b"salt")
    for part in parts:
        h.update(part.encode("utf-8") + b"\0")
    memo = files.Memo(None, "salt")
    assert memo.key(parts) == memo.key(tuple(parts)) == memo.key(iter(parts)) == memo.key(p for p in parts) \
        == h.hexdigest()
