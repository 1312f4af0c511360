"""The build's own files: a cache entry is put in place whole, and what a killed write leaves is never read."""

from __future__ import annotations

import os
from pathlib import Path

from build_scripts import files


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


def test_what_a_killed_write_leaves_is_not_taken_for_an_entry(tmp_path: Path) -> None:
    """A build killed while it writes an entry leaves the temporary file beside it: the memo makes the text again."""
    memo = files.Memo(tmp_path, "code")
    assert memo.text(["a"], lambda: "whole text") == "whole text"
    (entry,) = (p for p in tmp_path.rglob("*") if p.is_file())
    entry.unlink()
    Path(f"{entry}.{os.getpid()}-1.tmp").write_bytes(b"whole t")  # half of it, as a kill leaves it
    assert memo.text(["a"], lambda: "whole text") == "whole text"
    assert entry.read_bytes() == b"whole text"
