"""Never destroy: what the build may replace, one build at a time, and a swap that survives being killed.

Every case runs the command line as a user would. Each refusal is checked to leave the folder or
file it refused byte for byte as it was (``tree_state``: every path, its mode and its bytes).
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from build_scripts.site import output, paths, publish

from ..conftest import ROOT, settled, tree_state
from .test_bad_input import doc, run


def sources(folder: Path, *topics: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, topic in enumerate(topics):
        (folder / f"ket-luan-{i}.txt").write_text(doc(i + 1, topic), encoding="utf-8")
    return folder


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -m build_scripts ...`` in a process of its own, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "build_scripts", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout, check=False)


def web_project(folder: Path) -> Path:
    """A web developer's project: it has an index.html, a 404.html and a sitemap, like a site, and a .git."""
    for name, text in {
        "index.html": "<!doctype html><h1>Trang của tôi</h1>", "404.html": "<h1>404</h1>",
        "sitemap.xml": "<urlset/>", "package.json": '{"name": "trang-cua-toi"}', "src/app.js": "console.log(1)\n",
        ".git/config": "[core]\n\tbare = false\n", ".git/HEAD": "ref: refs/heads/main\n",
    }.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# --- what the build may replace -----------------------------------------------------------------------


def test_a_folder_that_is_not_a_site_it_built_is_never_replaced(tmp_path: Path) -> None:
    source = sources(tmp_path / "src", "dân vận")
    web = web_project(tmp_path / "web")
    notes = tmp_path / "ghi-chu"
    notes.mkdir()
    (notes / "index.html").write_text("<p>ghi chú quan trọng</p>", encoding="utf-8")
    for folder in (web, notes):
        before = tree_state(folder)
        code, out = run("build", "--source", str(source), "--site", str(folder))
        assert code == 2 and str(folder) in out and "Nothing was changed" in out
        assert tree_state(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ghi-chu", "src", "web"]  # nothing beside them either


def test_the_projects_own_folders_the_sources_and_repositories_are_always_refused(tmp_path: Path) -> None:
    source = sources(tmp_path / "src", "dân vận")
    site = tmp_path / "site"
    assert run("build", "--source", str(source), "--site", str(site))[0] == 0
    (site / ".git").mkdir()  # a site of ours that someone made a repository of: its history is not ours to delete
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    for folder in (ROOT / "overrides", ROOT / "docs", ROOT, source, source / "site", site, site / ".git" / "x"):
        watched = folder if folder.is_dir() else folder.parent
        before = tree_state(watched) if watched != ROOT else None
        code, out = run("build", "--source", str(source), "--site", str(folder))
        assert code == 2, (folder, out)
        if before is not None:
            assert tree_state(watched) == before, folder
    assert not (ROOT / "overrides" / ".luu-tru-ket-luan").exists()


def test_a_rebuild_replaces_a_site_it_built_and_marks_every_site(tmp_path: Path) -> None:
    source = sources(tmp_path / "src", "dân vận")
    site = tmp_path / "site"
    empty = tmp_path / "trong"
    empty.mkdir()
    for folder in (site, empty, site):
        code, out = run("build", "--source", str(source), "--site", str(folder))
        assert code == 0, out
        assert output.marker_state(folder) == "complete"
        assert (folder / "van-ban" / "ket-luan-0" / "index.html").is_file()


@pytest.mark.parametrize("where", ["a source text", "a note", "a zip of someone else", "a folder named .zip",
                                   "a zip inside the sources"])
def test_bundle_writes_only_a_zip_it_made(tmp_path: Path, where: str) -> None:
    source = sources(tmp_path / "src", "dân vận")
    (tmp_path / "ghi-chu.md").write_text("# Ghi chú\n", encoding="utf-8")
    other = tmp_path / "anh-chup.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("anh/1.jpg", b"\xff\xd8\xff")
    (tmp_path / "thu-muc.zip").mkdir()
    out = {"a source text": source / "ket-luan-0.txt", "a note": tmp_path / "ghi-chu.md",
           "a zip of someone else": other, "a folder named .zip": tmp_path / "thu-muc.zip",
           "a zip inside the sources": source / "ban-sao.zip"}[where]
    before = tree_state(tmp_path)
    code, message = run("bundle", "--source", str(source), "--out", str(out))
    assert code == 2 and str(out) in message
    assert tree_state(tmp_path) == before


def test_bundle_replaces_its_own_zip(tmp_path: Path) -> None:
    source = sources(tmp_path / "src", "dân vận")
    out = tmp_path / "dist" / "luu-tru.zip"
    for _ in range(2):
        code, message = run("bundle", "--source", str(source), "--out", str(out))
        assert code == 0, message
        assert publish.is_bundle(out)
        with zipfile.ZipFile(out) as zf:
            assert zf.comment == publish.BUNDLE_COMMENT
    assert sorted(p.name for p in out.parent.iterdir()) == ["luu-tru.zip"]  # no partial file, no lock left


@pytest.mark.parametrize("what", ["empty", "unreadable"])
def test_no_readable_text_never_replaces_a_site_unless_asked(tmp_path: Path, what: str) -> None:
    source = sources(tmp_path / "src", "dân vận", "cải cách hành chính")
    site, out = tmp_path / "site", tmp_path / "offline.zip"
    assert run("build", "--source", str(source), "--site", str(site))[0] == 0
    assert run("bundle", "--source", str(source), "--out", str(out))[0] == 0
    for path in source.iterdir():
        path.unlink()
    if what == "unreadable":
        (source / "hong.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    before, zipped = tree_state(site), out.read_bytes()
    code, message = run("build", "--source", str(source), "--site", str(site))
    assert code == 2 and "--allow-empty" in message and "left as it was" in message
    assert tree_state(site) == before
    assert run("bundle", "--source", str(source), "--out", str(out))[0] == 2
    assert out.read_bytes() == zipped
    code, message = run("build", "--source", str(source), "--site", str(site), "--allow-empty")
    assert code == (1 if what == "unreadable" else 0), message
    assert not (site / "van-ban" / "ket-luan-0").exists() and output.marker_state(site) == "complete"


# --- one build at a time ----------------------------------------------------------------------------------


def test_a_build_is_refused_while_another_writes_the_same_site(tmp_path: Path) -> None:
    source = sources(tmp_path / "src", "dân vận")
    site = tmp_path / "site"
    assert run("build", "--source", str(source), "--site", str(site))[0] == 0
    before = tree_state(site)
    with output.exclusive(output.lock_file(site), str(site)):  # another build holds it
        result = cli("build", "--source", str(source), "--site", str(site))
    assert result.returncode == 2
    assert "another build is writing" in result.stderr and str(site) in result.stderr
    assert f"process {os.getpid()}" in result.stderr
    assert tree_state(site) == before
    assert not output.lock_file(site).exists()  # removed by its holder when done


def test_a_build_of_the_default_sources_is_refused_while_another_writes_docs(tmp_path: Path) -> None:
    with output.exclusive(output.lock_file(paths.DOCS_DIR), str(paths.DOCS_DIR)):
        result = cli("build", "--site", str(tmp_path / "site"))
    assert result.returncode == 2 and "another build is writing" in result.stderr and "docs" in result.stderr
    assert not (tmp_path / "site").exists()


def test_two_builds_at_once_never_interleave(tmp_path: Path) -> None:
    """Two real builds of one site started together: one builds, the other says so; the site is whole."""
    source = sources(tmp_path / "src", *(f"chủ đề số {i}" for i in range(30)))
    site = tmp_path / "site"
    first = subprocess.Popen([sys.executable, "-m", "build_scripts", "build", "--source", str(source), "--site",
                              str(site)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not output.lock_file(site).exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    second = cli("build", "--source", str(source), "--site", str(site))
    _out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    assert second.returncode == 2 and "another build is writing" in second.stderr
    assert len(list((site / "van-ban").glob("ket-luan-*/index.html"))) == 30
    assert (site / "index.html").is_file() and output.marker_state(site) == "complete"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "src"]


# --- a build killed at each step of the swap -----------------------------------------------------------------

STEPS = ["written", "built", "moved-old", "swapped", "cleaning"]


@pytest.mark.parametrize("swap", ["exchange", "two renames"])
@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_any_step_leaves_a_whole_site_and_the_next_build_finishes(tmp_path: Path, step: str,
                                                                                     swap: str) -> None:
    if step == "moved-old" and swap == "exchange":
        pytest.skip("an exchange has no step between two renames")
    env = {"VB_NO_EXCHANGE": "1"} if swap == "two renames" else {}
    source = sources(tmp_path / "src", "dân vận")
    site = tmp_path / "site"
    assert cli("build", "--source", str(source), "--site", str(site), env=env).returncode == 0
    old = tree_state(site)
    sources(source, "dân vận", "chuyển đổi số")  # a second text: the next site differs
    killed = cli("build", "--source", str(source), "--site", str(site), env={**env, "VB_CRASH_AT": step})
    new_page = site / "van-ban" / "ket-luan-1" / "index.html"
    if step == "cleaning":  # the old site's deleter is killed, not the build, which had ended
        assert killed.returncode == 0, killed.stderr
        settled(site)  # the killed deleter's lock is let go
    else:
        assert killed.returncode == -9, killed.stderr  # killed at that step
    if step in ("written", "built"):
        assert tree_state(site) == old  # the old site, untouched
    elif step == "moved-old":
        assert not site.exists()  # between the two renames: the next build puts a site back first
    else:
        assert new_page.is_file() and output.marker_state(site) == "complete"  # the new site, whole
    leftovers = output.leftovers(site)
    assert leftovers  # what the killed build left beside the site: its new folder, or the old site
    done = cli("build", "--source", str(source), "--site", str(site), env=env)
    assert done.returncode == 0, done.stderr
    assert new_page.is_file() and output.marker_state(site) == "complete"
    settled(site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "src"]  # nothing left beside it
    assert "left by a build that was killed" in done.stderr or "restored" in done.stderr


def test_recovery_deletes_only_folders_of_its_own(tmp_path: Path) -> None:
    """A folder that happens to have a leftover's name but not the marker is somebody's: left alone."""
    site = tmp_path / "site"
    stranger = tmp_path / ".site.new-abcdefgh"
    stranger.mkdir()
    (stranger / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    before = tree_state(stranger)
    assert output.recover(site) == []
    assert tree_state(stranger) == before


# --- the old site's deletion, by a process of its own -----------------------------------------------------

def _old_site(folder: Path, pages: int = 300) -> Path:
    """A site of ours as ``swap`` leaves it aside: marked complete, pages in folders."""
    for i in range(pages):
        (folder / "van-ban" / f"ket-luan-{i}").mkdir(parents=True)
        (folder / "van-ban" / f"ket-luan-{i}" / "index.html").write_text("<h1>cũ</h1>", encoding="utf-8")
    output.finish(folder, folder)
    return folder


def test_the_old_site_is_deleted_by_a_process_of_its_own_that_no_recovery_disturbs(tmp_path: Path) -> None:
    """``dispose`` returns at once; the old site is marked never to be restored and goes in another process,
    which the next build's recovery leaves to its work (not deleted twice, not reported as a killed build's)."""
    site = tmp_path / "site"
    _old_site(site, pages=1)
    old = _old_site(tmp_path / ".site.old-1")
    output.dispose(old)
    # returned before the deletion: a new interpreter takes far longer to start than these checks
    assert output.marker_state(old) == "incomplete" and output.removing(site) == [old]
    assert output.leftovers(site) == [] and output.recover(site) == []  # left to its deleter
    settled(site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    output.dispose(None)  # no previous site: nothing to delete


def test_a_folder_whose_deletion_is_under_way_is_left_to_it_and_taken_when_it_stopped(tmp_path: Path) -> None:
    """A deleter holds the folder's marker locked (here, this test does): recovery neither reports nor touches it.
    Once the lock is let go (a deleter killed half-way), the next recovery deletes what is left, and says so."""
    site = tmp_path / "site"
    old = _old_site(tmp_path / ".site.new-abcdefgh", pages=3)
    (old / output.MARKER).write_text(output.INCOMPLETE, encoding="utf-8")
    before = tree_state(old)
    fd = os.open(old / output.MARKER, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert output.removing(site) == [old]
        assert output.recover(site) == []
        assert tree_state(old) == before
    finally:
        os.close(fd)
    assert output.removing(site) == []
    done = output.recover(site)
    assert len(done) == 1 and str(old) in done[0] and "deleted" in done[0]
    assert not old.exists()


def test_where_no_process_can_be_started_the_old_site_is_deleted_at_once(tmp_path: Path, monkeypatch) -> None:
    old = _old_site(tmp_path / ".site.old-2", pages=2)

    def refuse(*args, **kwargs) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(output.subprocess, "Popen", refuse)
    output.dispose(old)
    assert not old.exists()
