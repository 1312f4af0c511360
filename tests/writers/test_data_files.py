"""The data files as a rebuild makes them: each document's pieces (its record, its rows of tasks.csv and of the
status file's template, its calendar events) kept in one cache file, and the files written from them byte for
byte as a build without a cache writes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts import files, shelf
from build_scripts.writers import feeds, records

from .conftest import linked_synth


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    docs, links = linked_synth(tmp_path, monkeypatch, seed=5)
    assert any(t.deadline for d in docs for t in d.facts.tasks)
    return docs, links


def _data(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _entries(memo: Path) -> int:
    return len(shelf.Shelf(memo))


def test_a_documents_data_pieces_are_one_cache_entry_and_give_the_files_a_clean_build_gives(
        archive, tmp_path: Path) -> None:
    docs, links = archive
    clean = tmp_path / "clean"
    made = records.write_data(docs, clean, "https://example.org/", "Lưu trữ", links)
    assert set(made) == set(records.data_paths(clean, links))
    memo_dir = tmp_path / "memo"
    kept = tmp_path / "kept"
    with files.Memo(memo_dir, "code") as memo:
        records.write_data(docs, kept, "https://example.org/", "Lưu trữ", links, memo)
    assert _entries(memo_dir) == len(docs) + 1  # one entry a document, where each piece was one; and the feed
    again = tmp_path / "again"
    with files.Memo(memo_dir, "code") as memo:
        records.write_data(docs, again, "https://example.org/", "Lưu trữ", links, memo)
    assert _data(clean / "data") == _data(kept / "data") == _data(again / "data")
    assert _entries(memo_dir) == len(docs) + 1


def test_the_feed_is_kept_while_its_newest_documents_are_the_same(archive, tmp_path: Path, monkeypatch) -> None:
    """A rebuild whose newest documents did not change takes the Atom feed from the cache (it is not made again);
    one whose newest document has another title makes it again, as a build without a cache does."""
    docs, links = archive
    memo_dir = tmp_path / "memo"
    with files.Memo(memo_dir, "code") as memo:
        records.write_data(docs, tmp_path / "first", "https://example.org/", "Lưu trữ", links, memo)
    made = feeds._atom_feed
    monkeypatch.setattr(feeds, "_atom_feed", lambda *a: pytest.fail("the feed was made again"))
    with files.Memo(memo_dir, "code") as memo:
        records.write_data(docs, tmp_path / "kept", "https://example.org/", "Lưu trữ", links, memo)
    assert _data(tmp_path / "kept" / "data") == _data(tmp_path / "first" / "data")
    calls = []
    monkeypatch.setattr(feeds, "_atom_feed", lambda *a: calls.append(a) or made(*a))
    newest = max((d for d in docs if feeds.document_date(d)), key=lambda d: (feeds.document_date(d), d.id))
    newest.facts.title = "Kết luận có tên mới"
    with files.Memo(memo_dir, "code") as memo:
        records.write_data(docs, tmp_path / "kept", "https://example.org/", "Lưu trữ", links, memo)
    records.write_data(docs, tmp_path / "clean", "https://example.org/", "Lưu trữ", links)
    assert len(calls) == 2  # the rebuild's and the clean build's
    feed = (tmp_path / "kept" / "data" / records.FEED).read_bytes()
    assert "Kết luận có tên mới".encode() in feed and feed == (tmp_path / "clean" / "data" / records.FEED).read_bytes()


def test_a_changed_status_is_in_every_data_file_of_a_rebuild(archive, tmp_path: Path) -> None:
    """A document's pieces kept together are made again together when its record's inputs change: the kept
    group answers for the pieces that did not change, and the files are those of a build without a cache."""
    docs, links = archive
    memo_dir = tmp_path / "memo"
    with files.Memo(memo_dir, "code") as memo:
        records.write_data(docs, tmp_path / "first", "https://example.org/", "Lưu trữ", links, memo)
    tasks = [t for d in docs for t in d.facts.tasks]
    task = next(t for t in tasks if t.status is not None and t.deadline)
    task.status = next(t.status for t in tasks if t.status is not None and t.status.state != task.status.state)
    with files.Memo(memo_dir, "code") as memo:
        records.write_data(docs, tmp_path / "kept", "https://example.org/", "Lưu trữ", links, memo)
    records.write_data(docs, tmp_path / "clean", "https://example.org/", "Lưu trữ", links)
    assert _data(tmp_path / "kept" / "data") == _data(tmp_path / "clean" / "data")
    assert _data(tmp_path / "kept" / "data") != _data(tmp_path / "first" / "data")
