"""The load's caches of a text's decoding and of the status file's reading (loader.py): each is kept under all it
reads, so that a build after an edit, a rename or a changed fact reads what a build without them reads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts import shelf
from build_scripts.pipeline import convert, loader

from ..conftest import FIXTURES

TEXT = FIXTURES / "shapes" / "official_header_party.txt"
STATUS = ("van_ban,nhiem_vu,tinh_trang,ngay,can_cu,ghi_chu\n"
          "215-TB/ThU,1.a,Đã hoàn thành,10/01/2024,Báo cáo số 12-BC/UBND,\n")


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("VB_NO_CACHE", raising=False)
    src = tmp_path / "texts"
    src.mkdir()
    shutil.copy(TEXT, src / "tb-215.txt")
    (src / "tinh-trang.csv").write_text(STATUS, encoding="utf-8")
    return src


def status_of(archive, task_number: str):
    doc = archive.documents[0]
    return next(t for t in doc.facts.tasks if t.number == task_number).status


def errors(archive) -> list[str]:
    return [d.message for d in archive.errors]


def test_a_status_file_kept_unchanged_is_read_again_when_a_document_it_names_changes_its_number(folder) -> None:
    first = loader.load(folder)
    assert errors(first) == [] and status_of(first, "1.a").state == "đã hoàn thành"
    again = loader.load(folder)  # the same file and facts: the kept reading
    assert errors(again) == [] and status_of(again, "1.a").state == "đã hoàn thành"
    text = folder / "tb-215.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Số 215-TB/ThU", "Số 216-TB/ThU"), encoding="utf-8")
    changed = loader.load(folder)  # the status file's bytes are the same; the document it names is not there
    assert changed.documents[0].facts.number == "216-TB/ThU"
    assert status_of(changed, "1.a") is None
    assert any("unknown document '215-TB/ThU'" in e for e in errors(changed))


def test_a_status_file_kept_is_read_again_when_a_task_is_numbered_differently(folder) -> None:
    assert status_of(loader.load(folder), "1.a") is not None
    text = folder / "tb-215.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("a) Chỉ đạo", "c) Chỉ đạo"), encoding="utf-8")
    changed = loader.load(folder)
    assert not any(t.status for t in changed.documents[0].facts.tasks)
    assert any("unknown task '1.a'" in e for e in errors(changed))


def test_a_renamed_text_with_the_same_bytes_is_read_under_its_new_name(folder) -> None:
    text = folder / "tb-215.txt"
    # a control character: a warning naming the file, from the decoding the cache keeps
    text.write_text(text.read_text(encoding="utf-8").replace("Ngày 30/11", "Ngày\x07 30/11"), encoding="utf-8")
    first = loader.load(folder)
    assert [d.source for d in first.warnings] == ["tb-215.txt"]
    text.rename(folder / "tb-215-ban-moi.txt")
    renamed = loader.load(folder)
    assert renamed.documents[0].source.name == "tb-215-ban-moi.txt"
    assert [d.source for d in renamed.warnings] == ["tb-215-ban-moi.txt"]


def test_an_unchanged_text_is_not_decoded_again_and_reads_as_the_first_time(folder, monkeypatch) -> None:
    first = loader.load(folder).sources[0]

    def decoded(name, data):
        raise AssertionError(f"{name} decoded again")

    monkeypatch.setattr(loader, "read_bytes", decoded)
    again = loader.load(folder).sources[0]
    assert (again.text, again.sha256, again.diagnostics, again.path) == \
        (first.text, first.sha256, first.diagnostics, first.path)
    text = folder / "tb-215.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nBổ sung một câu.\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="decoded again"):
        loader.load(folder)  # new bytes: decoded (here, refused by the stub)


def test_a_new_pin_of_a_library_makes_every_kept_model_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """vietnam-provinces' list of communes, say, changes what a text gives: the cache keys hold the pins."""
    from build_scripts.pipeline import convert

    pins = tmp_path / "requirements.txt"
    pins.write_text("vietnam-provinces==2025.10.1\n", encoding="utf-8")
    monkeypatch.setattr(convert, "REQUIREMENTS", pins)
    convert.code_hash.cache_clear()
    try:
        before = convert.code_hash()
        pins.write_text("vietnam-provinces==2026.1.1\n", encoding="utf-8")
        convert.code_hash.cache_clear()
        assert convert.code_hash() != before
    finally:  # the other tests of this process hash the real pins again
        monkeypatch.undo()
        convert.code_hash.cache_clear()


def numbered(folder: Path, number: str) -> None:
    """A second text: the first one under another number."""
    text = TEXT.read_text(encoding="utf-8").replace("Số 215-TB/ThU", f"Số {number}-TB/ThU")
    (folder / f"tb-{number}.txt").write_text(text, encoding="utf-8")


def test_a_text_added_that_no_row_names_keeps_the_status_files_reading(folder, monkeypatch) -> None:
    first = loader.load(folder)
    assert status_of(first, "1.a").state == "đã hoàn thành"

    def read_again(*args, **kwargs):
        raise AssertionError("the status file read again")

    monkeypatch.setattr(loader.status, "read_traced", read_again)
    numbered(folder, "217")
    added = loader.load(folder)  # no row names 217-TB/ThU, its file or its tasks: the kept reading holds
    assert len(added.documents) == 2 and errors(added) == []
    by_number = {d.facts.number: d for d in added.documents}
    assert next(t for t in by_number["215-TB/ThU"].facts.tasks if t.number == "1.a").status.state == "đã hoàn thành"
    assert not any(t.status for t in by_number["217-TB/ThU"].facts.tasks)


def test_a_text_added_that_a_row_named_is_matched_by_that_row(folder) -> None:
    (folder / "tinh-trang.csv").write_text(STATUS + "216-TB/ThU,1.a,Đang thực hiện,12/01/2024,,\n", encoding="utf-8")
    first = loader.load(folder)
    assert [(e.line, "unknown document '216-TB/ThU'" in e.message) for e in first.errors] == [(3, True)]
    numbered(folder, "216")
    added = loader.load(folder)  # the same file: the row that named no document names the new one
    assert errors(added) == []
    by_number = {d.facts.number: d for d in added.documents}
    assert next(t for t in by_number["216-TB/ThU"].facts.tasks if t.number == "1.a").status.state == "đang thực hiện"


def test_a_text_added_under_a_number_a_row_names_makes_that_row_ambiguous(folder) -> None:
    assert errors(loader.load(folder)) == []
    (folder / "tb-215-khac.txt").write_text(TEXT.read_text(encoding="utf-8") + "\nBổ sung một câu.\n",
                                            encoding="utf-8")
    added = loader.load(folder)  # the same status file; its row's number now names two documents
    assert any("several documents have the number '215-TB/ThU'" in e for e in errors(added))
    assert not any(t.status for d in added.documents for t in d.facts.tasks)


def test_texts_decoded_on_every_core_read_as_in_one_process(folder, monkeypatch) -> None:
    """A cold build decodes many texts in worker processes: each text, its warnings and a text that cannot be read
    come out as one process reads them, and the decodings kept serve the next build."""
    base = (folder / "tb-215.txt").read_text(encoding="utf-8")
    (folder / "a-control.txt").write_text(base.replace("Ngày 30/11", "Ngày\x07 30/11"), encoding="utf-8")
    (folder / "b-blank.txt").write_text("  \n\n", encoding="utf-8")
    (folder / "c-cp1252.txt").write_bytes(base.encode("utf-8").decode("cp1252", "replace").encode("utf-8"))
    entries = [(folder, name) for name in sorted(p.name for p in folder.glob("*.txt"))]

    def shown(found):
        return {e: (f.reason, f.line) if isinstance(f, loader.ReadError) else (f.text, f.diagnostics, f.path)
                for e, f in found.items()}

    monkeypatch.setenv("VB_NO_CACHE", "1")
    alone = shown(loader._read_texts(entries, workers=1))
    monkeypatch.delenv("VB_NO_CACHE")
    monkeypatch.setattr(loader, "READ_PARALLEL_FROM", 2)
    workers = shown(loader._read_texts(entries, workers=2))
    assert workers == alone
    assert alone[(folder, "b-blank.txt")][0].startswith("contains only white space")
    assert any("control character" in d.message for d in alone[(folder, "a-control.txt")][1])

    def decoded(name, data):
        raise AssertionError(f"{name} decoded again")

    monkeypatch.setattr(loader, "read_bytes", decoded)
    readable = [e for e in entries if e[1] != "b-blank.txt"]  # a text that cannot be read is not kept
    assert shown(loader._read_texts(readable, workers=2)) == {e: alone[e] for e in readable}  # kept by the workers


def test_each_document_keeps_the_key_it_was_loaded_under(folder) -> None:
    """The site's inputs take each text's key from the load (``Archive.keys``) instead of hashing the texts again:
    it is the key of the document's source as published, a kept copy's note of its duplicate included."""
    from build_scripts.pipeline import convert

    numbered(folder, "217")
    shutil.copy(folder / "tb-215.txt", folder / "tb-215 (1).txt")  # a duplicate: the kept copy's source says so
    for _ in range(2):  # converted, then from the cache
        archive = loader.load(folder)
        assert len(archive.documents) == 2 and archive.duplicates == {"tb-215.txt": ["tb-215 (1).txt"]}
        assert archive.keys == {d.id: convert.key(d.source, d.id) for d in archive.documents}
        kept = next(d for d in archive.documents if d.source.name == "tb-215.txt")
        assert any("also filed as" in n.message for n in kept.source.diagnostics)


def test_a_kept_reading_that_named_a_task_by_its_id_alone_sees_the_text_that_brings_it(folder) -> None:
    """A row may name a task by its id only (ma_nhiem_vu): the check of the kept reading looks up the task ids its
    rows asked for (not every task's), and a text added with that task makes the row match it."""
    numbered(folder, "217")
    task_id = next(t.id for d in loader.load(folder).documents if d.facts.number == "217-TB/ThU"
                   for t in d.facts.tasks if t.number == "1.a")
    (folder / "tb-217.txt").rename(folder.parent / "tb-217.txt")
    (folder / "tinh-trang.csv").write_text(STATUS.replace(",can_cu,ghi_chu\n", ",can_cu,ghi_chu,ma_nhiem_vu\n")
                                           .replace("12-BC/UBND,\n", "12-BC/UBND,,\n")
                                           + f",,Đang thực hiện,12/01/2024,,,{task_id}\n", encoding="utf-8")
    before = loader.load(folder)
    assert any("no document (van_ban)" in e for e in errors(before))
    (folder.parent / "tb-217.txt").rename(folder / "tb-217.txt")
    added = loader.load(folder)  # the same file: the task its row named is there now
    assert errors(added) == []
    task = next(t for d in added.documents for t in d.facts.tasks if t.id == task_id)
    assert task.status.state == "đang thực hiện"
    assert status_of(added, "1.a").state == "đã hoàn thành"


def test_what_the_code_alone_makes_is_kept_for_the_next_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``convert.kept_or_made``: made once, then read under the code's hash and its name; another name, a value of
    another kind, an unreadable entry, other code or no cache: made."""
    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("VB_NO_CACHE", raising=False)
    made: list[int] = []

    def make() -> dict:
        made.append(1)
        return {"made": len(made)}

    assert convert.kept_or_made("kind", "name", make, dict) == {"made": 1}
    assert convert.kept_or_made("kind", "name", make, dict) == {"made": 1} and len(made) == 1
    assert convert.kept_or_made("kind", "other", make, dict) == {"made": 2}
    assert convert.kept_or_made("kind", "name", lambda: [3], list) == [3]  # a dict kept there: not taken as a list
    for segment in (tmp_path / "cache" / "kind").glob(f"*{shelf.SUFFIX}"):
        segment.write_bytes(b"x" * segment.stat().st_size)  # in place: every entry no longer a pickle
    assert convert.kept_or_made("kind", "other", make, dict) == {"made": 3}
    monkeypatch.setattr(convert, "code_hash", lambda: "0" * 64)
    assert convert.kept_or_made("kind", "other", make, dict) == {"made": 4}
    monkeypatch.setenv("VB_NO_CACHE", "1")
    assert convert.kept_or_made("kind", "other", make, dict) == {"made": 5}
    assert convert.kept_or_made("kind", "other", make, dict) == {"made": 6}
