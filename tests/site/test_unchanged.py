"""A rebuild with nothing changed skips the load and says what today's unchanged rebuild says; any change to
what the site is made of takes the load and gives the site a clean build gives."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from build_scripts.__main__ import main
from build_scripts.commands import synth
from build_scripts.pipeline import loader
from build_scripts.site import build, site_state, unchanged

from ..conftest import tree_state


@pytest.fixture
def loads(monkeypatch, tmp_path: Path) -> list[Path]:
    """The source folders the build loaded, in order (the load counted, not changed), with a cache of this test's
    own."""
    monkeypatch.delenv("VB_NO_CACHE", raising=False)
    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[Path] = []

    def counted(source_dir, *args, **kwargs):
        calls.append(Path(source_dir))
        return loader.load(source_dir, *args, **kwargs)

    monkeypatch.setattr(build, "load", counted)
    return calls


def _sources(folder: Path) -> list[Path]:
    """Three texts and the office's status file, with what the report names: a copy, an empty text, a file that
    is not a source, a status row for a document the archive does not hold."""
    texts = synth.write_corpus(3, folder, seed=5, status=True)
    (folder / "Bản sao.txt").write_bytes(texts[0].read_bytes())
    (folder / "trống.txt").write_bytes(b"")
    (folder / "ghi-chú.odt").write_bytes(b"PK\x03\x04 chua phai van ban")
    with open(folder / "tinh-trang.csv", "ab") as f:
        f.write("99-TB/XX;1;đã hoàn thành;01/01/2024;;\n".encode())
    return texts


def _cli(capsys, source: Path, site: Path, *options: str) -> tuple[int, str, str]:
    code = main(["build", "--source", str(source), "--site", str(site), "--quiet", *options])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_an_unchanged_rebuild_skips_the_load_and_reports_as_a_rebuild_that_loads(
        tmp_path: Path, monkeypatch, capsys, loads) -> None:
    source, site = tmp_path / "texts", tmp_path / "site"
    _sources(source)
    first = _cli(capsys, source, site)
    assert first[0] == 1 and "2 errors, 3 warnings" in first[2]  # the errors make the build fail
    record = (source / "duong-dan.json").read_bytes()
    before = tree_state(site)
    assert len(loads) == 1
    for options in ((), ("--strict",)):
        quick = _cli(capsys, source, site, *options)
        assert len(loads) == 1, options  # not loaded again
        with monkeypatch.context() as m:  # today's path: the load, then its check of the site's inputs
            m.setattr(unchanged, "replay", lambda *args: None)
            slow = _cli(capsys, source, site, *options)
        assert len(loads) == 2
        loads.clear()
        loads.append(source)
        assert quick == slow, options
        assert "Nothing changed since the last build" in quick[2]
        assert "trống.txt: 1 error, 0 warnings; NOT PUBLISHED" in quick[2]
        assert "Status file tinh-trang.csv: 28 tasks with a status, 1 row(s) left out." in quick[2]
        assert "Built 3 documents" in quick[1]
    assert tree_state(site) == before
    assert (source / "duong-dan.json").read_bytes() == record


def test_a_warning_fails_a_strict_unchanged_rebuild_as_it_fails_a_strict_build(tmp_path: Path, capsys, loads) -> None:
    source, site = tmp_path / "texts", tmp_path / "site"
    synth.write_corpus(2, source, seed=6)
    (source / "ghi-chú.odt").write_bytes(b"PK\x03\x04")
    assert _cli(capsys, source, site)[0] == 0
    assert _cli(capsys, source, site)[0] == 0
    code, _out, err = _cli(capsys, source, site, "--strict")
    assert len(loads) == 1
    assert code == 1 and "--strict: warnings fail the build." in err


def test_an_unchanged_rebuild_after_the_first_build_of_a_folder_skips_the_load(tmp_path: Path, loads) -> None:
    """The first build writes the record of addresses (duong-dan.json): the next one still finds nothing new."""
    source = tmp_path / "texts"
    texts = synth.write_corpus(3, source, seed=8)
    assert not (source / "duong-dan.json").exists()
    build.build(source, tmp_path / "site")
    assert (source / "duong-dan.json").exists()
    os.utime(texts[0], (1, 1))  # touched, not changed: content counts, not times
    archive = build.build(source, tmp_path / "site")
    assert len(loads) == 1
    assert [d.id for d in archive.documents] == [p.stem for p in texts]


def _edit(source: Path, texts: list[Path]) -> None:
    texts[1].write_text(texts[1].read_text(encoding="utf-8").replace("tổ chức", "khẩn trương tổ chức", 1),
                        encoding="utf-8")


def _rename(source: Path, texts: list[Path]) -> None:
    texts[0].rename(source / f"Đổi tên {texts[0].name}")


def _add(source: Path, texts: list[Path]) -> None:
    (source / "Kết luận bổ sung.txt").write_bytes(texts[2].read_bytes().replace("Thông báo".encode(), b"THONG BAO"))


def _delete(source: Path, texts: list[Path]) -> None:
    texts[2].unlink()


def _status(source: Path, texts: list[Path]) -> None:
    rows = (source / "tinh-trang.csv").read_bytes()
    (source / "tinh-trang.csv").write_bytes(rows.replace("chưa thực hiện".encode(), "đã hoàn thành".encode(), 1))


def _second_status_file(source: Path, texts: list[Path]) -> None:
    (source / "tinh-trang.csv").rename(source / "Tình trạng.csv")


@pytest.mark.parametrize("change", [_edit, _rename, _add, _delete, _status, _second_status_file])
def test_any_change_takes_the_load_and_gives_a_clean_builds_site(tmp_path: Path, monkeypatch, loads, change) -> None:
    source, site = tmp_path / "texts", tmp_path / "site"
    texts = synth.write_corpus(3, source, seed=9, status=True)
    build.build(source, site)
    change(source, texts)
    build.build(source, site)
    assert len(loads) == 2, change.__name__
    build.build(source, site)  # and then nothing changed again
    assert len(loads) == 2, change.__name__
    monkeypatch.setenv("VB_NO_CACHE", "1")
    build.build(source, tmp_path / "clean")
    assert tree_state(site) == tree_state(tmp_path / "clean")


def test_what_the_site_is_made_of_besides_the_sources_changes_the_scan(tmp_path: Path, monkeypatch) -> None:
    """The hand-written pages of docs/, the offline setting, the status file named, the site's address."""
    source = tmp_path / "texts"
    synth.write_corpus(2, source, seed=10, status=True)
    docs = tmp_path / "docs"
    (docs / "gioi-thieu").mkdir(parents=True)
    (docs / "gioi-thieu" / "index.md").write_text("# Giới thiệu\n", encoding="utf-8")
    monkeypatch.setattr(unchanged, "DOCS_DIR", docs)
    base = unchanged.scan(source, None, False).digest
    assert unchanged.scan(source, None, False).digest == base
    assert unchanged.scan(source, None, True).digest != base
    assert unchanged.scan(source, source / "tinh-trang.csv", False).digest != base
    monkeypatch.setenv("SITE_URL", "https://so-noi-vu.example.vn/luu-tru/")
    assert unchanged.scan(source, None, False).digest != base
    monkeypatch.delenv("SITE_URL")
    (docs / "gioi-thieu" / "index.md").write_text("# Giới thiệu kho lưu trữ\n", encoding="utf-8")
    assert unchanged.scan(source, None, False).digest != base


def test_a_source_changed_while_the_build_ran_is_loaded_again(tmp_path: Path, monkeypatch, loads) -> None:
    """The site is of the bytes the load read: a text that changed during a build and changed back before its
    end (as the scans before and after the load see it) is never taken for the site's."""
    source, site = tmp_path / "texts", tmp_path / "site"
    texts = synth.write_corpus(2, source, seed=11)
    build.build(source, site)
    _edit(source, texts)
    edited = texts[1].read_bytes()

    def load_while_edited(source_dir, *args, **kwargs):
        loads.append(Path(source_dir))
        texts[1].write_bytes(edited.replace("Thông báo".encode(), b"THONG BAO"))
        try:
            return loader.load(source_dir, *args, **kwargs)
        finally:
            texts[1].write_bytes(edited)  # as the scan before the load saw it

    with monkeypatch.context() as m:
        m.setattr(build, "load", load_while_edited)
        build.build(source, site)  # the site of the edited text
    assert len(loads) == 2
    build.build(source, site)
    assert len(loads) == 3, "the sources are not those of the site: loaded, and the site built again"
    monkeypatch.setenv("VB_NO_CACHE", "1")
    build.build(source, tmp_path / "clean")
    assert tree_state(site) == tree_state(tmp_path / "clean")


@pytest.mark.parametrize("damage", ["missing", "corrupt", "another site's"])
def test_a_missing_or_damaged_record_falls_back_to_the_load(tmp_path: Path, capsys, loads, damage: str) -> None:
    source, site = tmp_path / "texts", tmp_path / "site"
    _sources(source)
    _cli(capsys, source, site)
    expected = _cli(capsys, source, site)
    assert len(loads) == 1
    kept = unchanged._file(site)
    if damage == "missing":
        kept.unlink()
    elif damage == "corrupt":
        kept.write_text(kept.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    else:  # the right scan, but the inputs of another site: the renderer's stamp does not describe them
        data = json.loads(kept.read_text(encoding="utf-8"))
        data["inputs"] = "0" * 64
        kept.write_text(json.dumps(data), encoding="utf-8")
    assert _cli(capsys, source, site) == expected
    assert len(loads) == 2
    assert _cli(capsys, source, site) == expected  # remembered again
    assert len(loads) == 2


def test_a_site_changed_since_its_build_is_built_again(tmp_path: Path, loads) -> None:
    source, site = tmp_path / "texts", tmp_path / "site"
    synth.write_corpus(2, source, seed=12)
    build.build(source, site)
    before = tree_state(site)
    (site / "index.html").write_text("sửa tay", encoding="utf-8")
    build.build(source, site)
    assert len(loads) == 2
    assert tree_state(site) == before
    site_state.stamp_file(site).unlink()
    build.build(source, site)
    assert len(loads) == 3


def test_a_converted_source_not_in_the_conversion_cache_is_never_skipped(tmp_path: Path, monkeypatch) -> None:
    """A Word file that could not be converted (for want of a tool, say) is tried again by every build."""
    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "texts"
    synth.write_corpus(1, source, seed=13)
    assert unchanged.scan(source, None, False) is not None
    (source / "Kết luận.docx").write_bytes(b"PK\x03\x04 hong")
    assert unchanged.scan(source, None, False) is None


def test_the_scan_after_a_build_reads_again_only_the_sources_changed_since_the_first(tmp_path: Path,
                                                                                    monkeypatch) -> None:
    """The second scan (``remember``'s) takes the first one's hash of a source that is still the same file, and
    reads again one that was written since, even with its size unchanged: both give the hash a fresh scan gives."""
    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "texts"
    texts = synth.write_corpus(3, source, seed=12, status=True)
    first = unchanged.scan(source, None, False)
    data = texts[1].read_bytes()
    texts[1].write_bytes(data.replace(b"a", b"o", 1))  # the same size
    assert texts[1].read_bytes() != data and texts[1].stat().st_size == len(data)
    opened: list[str] = []
    real = unchanged.sources.open_source

    def counted(folder, name):
        opened.append(name)
        return real(folder, name)

    monkeypatch.setattr(unchanged.sources, "open_source", counted)
    again = unchanged.scan(source, None, False, first)
    assert [n for n in opened if n.endswith(".txt")] == [texts[1].name]
    fresh = unchanged.scan(source, None, False)
    assert again.digest == fresh.digest != first.digest
    assert again.stats == fresh.stats


def test_the_listing_of_a_site_is_that_of_a_sorted_walk(tmp_path: Path) -> None:
    """What ``up_to_date`` compares: every file with its size and time, in a sorted walk's order (a folder's
    files, then its folders), a link to a file listed as the file, a link to a folder not entered."""
    site = tmp_path / "site"
    for rel in ["index.html", "b/index.html", "b/c/x.js", "a.css", "b/z.txt", "ba/index.html"]:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel, encoding="utf-8")
    (site / "link.css").symlink_to(site / "a.css")
    (site / "folder-link").symlink_to(site / "b", target_is_directory=True)
    expected = []
    for here, dirs, names in os.walk(site):
        dirs.sort()
        for name in sorted(names):
            path = Path(here) / name
            info = path.stat()
            expected.append((path.relative_to(site).as_posix(), info.st_size, info.st_mtime_ns))
    assert site_state.folder_state(site) == expected
    assert [p for p, _s, _t in expected] == ["a.css", "index.html", "link.css", "b/index.html", "b/z.txt",
                                            "b/c/x.js", "ba/index.html"]
    assert site_state.folder_state(site, ("b", "index.html", "gone")) == (
        [e for e in expected if e[0].startswith("b/")] + [e for e in expected if e[0] == "index.html"])
