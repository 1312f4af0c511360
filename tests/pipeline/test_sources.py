"""Read only what is yours, and addresses that never move.

The source folder may hold links, pipes, hard links, subfolders, backups and names with any character;
the build reads its own sources only, never what they point to elsewhere, and says so by name. Once a
text has been published at an address, the address stays its own, across additions, renames, machines.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from build_scripts.pipeline import sources, urls
from build_scripts.site import build

from ..conftest import ROOT, SOURCES, visible_text
from ..site.test_bad_input import doc, run

SECRET = "ghp_Bi4tMatKhauKhongDuocLo0123456789"  # what must never reach a published file


def published_bytes(site: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file())


def outside(tmp_path: Path) -> Path:
    """Files outside the source folder that a careless link could point at."""
    home = tmp_path / "nha"
    (home / ".config").mkdir(parents=True)
    (home / ".gitconfig").write_text(f"[github]\n\ttoken = {SECRET}\n", encoding="utf-8")
    (home / ".config" / "mat-khau.txt").write_text(f"KẾT LUẬN\nmật khẩu {SECRET}\n", encoding="utf-8")
    return home


# --- links, pipes, hard links -------------------------------------------------------------------------


def test_links_outside_the_source_folder_are_refused_named_and_never_published(tmp_path: Path) -> None:
    home = outside(tmp_path)
    source = tmp_path / "src"
    source.mkdir()
    (source / "that.txt").write_text(doc(1, "công tác dân vận"), encoding="utf-8")
    (source / "cau-hinh.txt").symlink_to(home / ".gitconfig")
    (source / "mat-khau.txt").symlink_to(home / ".config" / "mat-khau.txt")
    (source / "he-thong.txt").symlink_to("/etc/passwd")
    (source / "thu-muc").symlink_to(home / ".config", target_is_directory=True)
    (source / "bao-cao.pdf").symlink_to(home / ".gitconfig")  # a Word file or PDF is read the same way
    (source / "ban-sao.txt").symlink_to(source / "that.txt")  # a link inside the folder is fine: the same text
    site, bundle = tmp_path / "site", tmp_path / "offline.zip"
    code, out = run("build", "--source", str(source), "--site", str(site))
    assert code == 1
    for name in ("cau-hinh.txt", "mat-khau.txt", "he-thong.txt", "thu-muc", "bao-cao.pdf"):
        assert f"{name}: 1 error" in out and "outside the source folder" in out, name
    assert "that.txt: " in out and "published as van-ban/that/" in out
    assert SECRET.encode() not in published_bytes(site) and b"root:x:0:0" not in published_bytes(site)
    assert run("bundle", "--source", str(source), "--out", str(bundle))[0] == 1
    with zipfile.ZipFile(bundle) as zf:
        assert not any(SECRET.encode() in zf.read(n) or b"root:x:0:0" in zf.read(n) for n in zf.namelist())
    code, out = run("check", "--source", str(source))
    assert code == 1 and out.count("outside the source folder") == 5


def test_the_safe_opener_refuses_what_could_lead_outside(tmp_path: Path) -> None:
    home = outside(tmp_path)
    source = tmp_path / "src"
    (source / "2023").mkdir(parents=True)
    (source / "2023" / "a.txt").write_text("KẾT LUẬN\n", encoding="utf-8")
    (source / "lien-ket.txt").symlink_to(home / ".gitconfig")
    (source / "vong").symlink_to(home, target_is_directory=True)
    os.link(home / ".config" / "mat-khau.txt", source / "lien-ket-cung.txt")
    os.mkfifo(source / "ong.txt")
    assert sources.read_source(source, "2023/a.txt") == "KẾT LUẬN\n".encode()
    for name, reason in (("lien-ket.txt", "outside the source folder"), ("vong/.gitconfig", "outside"),
                         ("../nha/.gitconfig", "not a path inside"), ("lien-ket-cung.txt", "hard link"),
                         ("ong.txt", "a pipe"), ("2023", "a folder"), ("khong-co.txt", "")):
        with pytest.raises((sources.Refused, OSError)) as err:
            sources.read_source(source, name)
        assert reason in str(err.value), name


def test_a_pipe_a_hard_link_and_a_broken_link_are_named_and_the_rest_builds(tmp_path: Path) -> None:
    home = outside(tmp_path)
    source = tmp_path / "src"
    source.mkdir()
    (source / "that.txt").write_text(doc(1, "công tác dân vận"), encoding="utf-8")
    os.mkfifo(source / "ong-dan.txt")  # reading it would wait forever
    os.link(home / ".config" / "mat-khau.txt", source / "cung.txt")
    (source / "gay.txt").symlink_to(source / "da-xoa.txt")  # its target was deleted
    result = subprocess.run([sys.executable, "-m", "build_scripts", "build", "--source", str(source), "--site",
                             str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "ong-dan.txt: 1 error" in result.stderr and "a pipe" in result.stderr
    assert "cung.txt: 1 error" in result.stderr and "hard link" in result.stderr
    assert "gay.txt: 1 error" in result.stderr and "does not exist" in result.stderr
    assert SECRET.encode() not in published_bytes(tmp_path / "site")
    assert (tmp_path / "site" / "van-ban" / "that" / "index.html").is_file()


def test_a_record_of_addresses_that_links_outside_is_refused(tmp_path: Path) -> None:
    home = outside(tmp_path)
    source = tmp_path / "src"
    source.mkdir()
    (source / "that.txt").write_text(doc(1, "công tác dân vận"), encoding="utf-8")
    (source / urls.RECORD).symlink_to(home / ".gitconfig")
    code, out = run("build", "--source", str(source), "--site", str(tmp_path / "site"))
    assert code == 2 and urls.RECORD in out and "outside the source folder" in out
    assert not (tmp_path / "site").exists() and (source / urls.RECORD).is_symlink()


# --- subfolders -----------------------------------------------------------------------------------------


def test_texts_in_subfolders_are_read_and_counted_per_folder(tmp_path: Path) -> None:
    source = tmp_path / "src"
    for rel, n in (("ket-luan-goc.txt", 1), ("2023/Kết luận số 5.txt", 5), ("2023/quy-4/ket-luan-7.txt", 7),
                   ("2024/Kết luận số 5.txt", 15), ("2024/thong-bao.txt", 16), (".git/ket-luan.txt", 20),
                   ("backup/ket-luan-cu.txt", 21), ("Sao lưu/ket-luan-cu.txt", 22), ("__MACOSX/._a.txt", 23),
                   ("2023/~$ban-nhap.txt", 24), ("2023/ket-luan-5.txt~", 25)):
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(doc(n, f"nội dung số {n}"), encoding="utf-8")
    site = tmp_path / "site"
    code, out = run("build", "--source", str(source), "--site", str(site))
    assert code == 0, out
    assert "Published by folder: (top) 1, 2023/ 1, 2023/quy-4/ 1, 2024/ 2." in out
    assert "Not read (backup and copy folders): Sao lưu/, __MACOSX/, backup/" in out
    for page in ("ket-luan-goc", "2023-ket-luan-so-5", "2024-ket-luan-so-5", "2023-quy-4-ket-luan-7",
                 "2024-thong-bao"):
        assert (site / "van-ban" / page / "index.html").is_file(), page
    data = json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))
    assert sorted(d["source"] for d in data["documents"]) == [
        "2023/Kết luận số 5.txt", "2023/quy-4/ket-luan-7.txt", "2024/Kết luận số 5.txt", "2024/thong-bao.txt",
        "ket-luan-goc.txt"]
    page = (site / "van-ban" / "2023-ket-luan-so-5" / "index.html").read_text(encoding="utf-8")
    assert 'download="Kết luận số 5.txt"' in page
    copy = site / "van-ban" / "2023-ket-luan-so-5.txt"
    assert copy.read_bytes() == (source / "2023" / "Kết luận số 5.txt").read_bytes()


# --- names with any character ----------------------------------------------------------------------------


def test_names_with_control_and_bidi_characters_never_act(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    names = ["chuong\x07.txt", "mau\x1b[31mdo\x1b[0m.txt", "hai\ndong.txt", "dao\u202eTXT.exe.txt"]
    for i, name in enumerate(names):  # texts with warnings, so that the report names each file
        (source / name).write_text(f"KẾT LUẬN\nvề chủ đề {i}\n\nNội dung.\n", encoding="utf-8")
    (source / "khong-ten.txt").write_text("\u202eKẾT LUẬN\u202c về \u200bviệc\u200e một\n", encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "build_scripts", "build", "--source", str(source), "--site",
                             str(site)], cwd=ROOT, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    terminal = result.stdout + result.stderr
    for raw in (b"\x07", b"\x1b", "\u202e".encode()):
        assert raw not in terminal
    assert b"hai\\ndong.txt" in terminal and b"mau\\x1b[31mdo\\x1b[0m.txt" in terminal
    assert not any(line.startswith(b"dong.txt") for line in terminal.splitlines())  # no fake line
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not any(ch in html for ch in "\x07\x1b\u202e\u202c\u200e"), page  # a zero-width space may stay
    shown = visible_text((site / "van-ban" / "daotxt-exe" / "index.html").read_text(encoding="utf-8"))
    assert "dao\\u202eTXT.exe.txt" in shown  # the name is shown, its override as a visible escape


# --- addresses that never move ------------------------------------------------------------------------------


def ids_by_source(site: Path) -> dict[str, str]:
    data = json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))
    return {d["source"]: d["id"] for d in data["documents"]}


def title_of(site: Path, doc_id: str) -> str:
    return visible_text((site / "van-ban" / doc_id / "index.html").read_text(encoding="utf-8"))


def test_a_new_name_that_folds_to_an_old_slug_does_not_take_its_address(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "KET LUAN.txt").write_text(doc(1, "công tác dân vận"), encoding="utf-8")
    site = tmp_path / "site"
    assert run("build", "--source", str(source), "--site", str(site))[0] == 0
    assert ids_by_source(site) == {"KET LUAN.txt": "ket-luan"}
    (source / "ket-luan.txt").write_text(doc(2, "chuyển đổi số"), encoding="utf-8")
    assert run("build", "--source", str(source), "--site", str(site))[0] == 0
    ids = ids_by_source(site)
    assert ids["KET LUAN.txt"] == "ket-luan" and ids["ket-luan.txt"].startswith("ket-luan-")
    assert "công tác dân vận" in title_of(site, "ket-luan")
    # another machine: a clone of the sources with their record, the files written in another order
    clone = tmp_path / "clone"
    clone.mkdir()
    for name in sorted(os.listdir(source), reverse=True):
        shutil.copy(source / name, clone / name)
    assert run("build", "--source", str(clone), "--site", str(tmp_path / "site2"))[0] == 0
    assert ids_by_source(tmp_path / "site2") == ids


def test_a_renamed_text_keeps_its_old_address_as_a_redirect(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "Kết luận.txt").write_text(doc(1, "công tác dân vận"), encoding="utf-8")
    (source / "ban-nhap.txt").write_text(doc(2, "cải cách hành chính"), encoding="utf-8")
    site, bundle = tmp_path / "site", tmp_path / "offline.zip"
    assert run("build", "--source", str(source), "--site", str(site))[0] == 0
    # renamed within its slug: the same address; renamed to another name: the old one redirects
    (source / "Kết luận.txt").rename(source / "KET LUAN.txt")
    (source / "ban-nhap.txt").rename(source / "Thông báo kết luận 12.txt")
    assert run("build", "--source", str(source), "--site", str(site))[0] == 0
    assert ids_by_source(site) == {"KET LUAN.txt": "ket-luan", "Thông báo kết luận 12.txt": "thong-bao-ket-luan-12"}
    redirect = (site / "van-ban" / "ban-nhap" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../thong-bao-ket-luan-12/">' in redirect
    assert '<a href="../thong-bao-ket-luan-12/">' in redirect and "<script" not in redirect
    # and from file://, in the bundle: a file beside the page it sends to
    assert run("bundle", "--source", str(source), "--out", str(bundle))[0] == 0
    with zipfile.ZipFile(bundle) as zf:
        offline = zf.read("luu-tru-ket-luan/van-ban/ban-nhap.html").decode("utf-8")
        assert 'url=thong-bao-ket-luan-12.html"' in offline
        assert "luu-tru-ket-luan/van-ban/thong-bao-ket-luan-12.html" in zf.namelist()
    # an address once published is never handed to another text
    (source / "ban-nhap.txt").write_text(doc(3, "một văn bản khác"), encoding="utf-8")
    assert run("build", "--source", str(source), "--site", str(site))[0] == 0
    assert ids_by_source(site)["ban-nhap.txt"] != "ban-nhap"
    assert "url=../thong-bao-ket-luan-12/" in (site / "van-ban" / "ban-nhap" / "index.html").read_text("utf-8")


def test_the_record_is_kept_where_a_clone_has_it_and_a_build_of_the_seeds_leaves_it_as_it_is(
        tmp_path: Path) -> None:
    record = SOURCES / urls.RECORD
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", str(record)], cwd=ROOT, capture_output=True)
    assert tracked.returncode == 0, "source_texts/duong-dan.json must be committed with the texts"
    before = record.read_bytes()
    build.build(SOURCES, tmp_path / "site")
    assert record.read_bytes() == before  # make test on a clean clone leaves the work tree clean
    pages = json.loads(before)["pages"]
    assert {e["source"] for e in pages.values()} == {p.name for p in SOURCES.glob("*.txt")}


def test_a_damaged_record_stops_the_build_before_anything_moves(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.txt").write_text(doc(1, "công tác dân vận"), encoding="utf-8")
    (source / urls.RECORD).write_text('{"schema": 1, "pages": {"a": ', encoding="utf-8")
    code, out = run("build", "--source", str(source), "--site", str(tmp_path / "site"))
    assert code == 2 and urls.RECORD in out and "git checkout" in out
    (source / urls.RECORD).write_text('{"schema": 1, "pages": {"../x": {"source": "a.txt", "sha256": "0"}}}',
                                      encoding="utf-8")
    assert run("build", "--source", str(source), "--site", str(tmp_path / "site"))[0] == 2


def test_a_source_is_read_whole_within_its_limit_without_a_buffer_of_the_limit(tmp_path: Path) -> None:
    """A text is read as the bytes it holds: a read of up to the limit (32 MB) made a buffer of that size for each
    of 1,000 texts. A file over the limit is still refused, and one exactly at it read."""
    import tracemalloc

    (tmp_path / "a.txt").write_bytes("KẾT LUẬN\n".encode() * 1000)
    (tmp_path / "b.txt").write_bytes(b"x" * 100)
    tracemalloc.start()
    try:
        data = sources.read_source(tmp_path, "a.txt", 32 * 2**20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data == "KẾT LUẬN\n".encode() * 1000
    assert peak < 2**20
    assert sources.read_source(tmp_path, "b.txt", 100) == b"x" * 100
    with pytest.raises(sources.TooLarge):
        sources.read_source(tmp_path, "b.txt", 99)
