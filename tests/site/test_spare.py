"""A rebuild builds in the folders of the site it replaces (output.dispose keeps them in the cache, emptied of every
file; output.new_folder takes them): the new site is still the one a clean build makes, folder for folder, and
nothing that was in the old site, or was put among the spare folders, reaches it."""

from __future__ import annotations

import os
import time
from pathlib import Path

from build_scripts.site import cache_sweep, output

from ..conftest import settled, tree_state
from .builds import build_with_cache
from .test_safety import sources

TOPICS = ("dân vận", "chuyển đổi số", "giải phóng mặt bằng", "an toàn thực phẩm")


def _spare(cache: Path, site: Path) -> Path:
    spare = output.spare_for(site.resolve(), cache)
    assert spare is not None  # the cache and the site are on one file system here
    return spare


def _only_folders(folder: Path) -> bool:
    """Nothing under ``folder`` but folders and its marker."""
    return all(p.is_dir() and not p.is_symlink() for p in folder.rglob("*") if p != folder / output.MARKER)


def test_a_rebuild_builds_in_the_old_sites_folders_and_gives_what_a_clean_build_gives(tmp_path: Path,
                                                                                      monkeypatch) -> None:
    source, cache, site = sources(tmp_path / "texts", *TOPICS), tmp_path / "cache", tmp_path / "site"
    build_with_cache(source, site, monkeypatch, cache)
    settled(site)
    first = _spare(cache, site)  # a first build replaces no site: its own folders are made again for the next
    assert output.marker_state(first) == "spare" and _only_folders(first)
    assert {p.relative_to(first) for p in first.rglob("*") if p.is_dir()} == \
        {p.relative_to(site) for p in site.rglob("*") if p.is_dir()}
    kept = os.stat(first / "van-ban").st_ino
    (source / "ket-luan-9.txt").write_text((source / "ket-luan-0.txt").read_text(encoding="utf-8")
                                           .replace("dân vận", "cải cách hành chính"), encoding="utf-8")
    build_with_cache(source, site, monkeypatch, cache)
    settled(site)
    assert os.stat(site / "van-ban").st_ino == kept  # the first build's spare folders took the added text's page
    spare = _spare(cache, site)
    assert output.marker_state(spare) == "spare" and _only_folders(spare)
    assert (spare / "van-ban" / "ket-luan-1").is_dir()  # the replaced site's page folders, without their pages
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "site", "texts"]  # nothing beside the site
    kept = os.stat(spare / "van-ban").st_ino
    gone = next(p.name for p in (spare / "van-ban").iterdir() if (source / f"{p.name}.txt").exists()
                and p.name != "ket-luan-0")
    (source / f"{gone}.txt").unlink()  # a text removed: its page's folder is not in the next site
    build_with_cache(source, site, monkeypatch, cache)
    settled(site)
    assert os.stat(site / "van-ban").st_ino == kept  # built in the kept folders, not in new ones
    assert not (site / "van-ban" / gone).exists()
    build_with_cache(source, tmp_path / "clean", monkeypatch, None)
    assert tree_state(site) == tree_state(tmp_path / "clean")  # files and folders: no empty folder left over


def test_a_file_or_a_link_put_in_a_spare_reaches_no_site(tmp_path: Path, monkeypatch) -> None:
    source, cache, site = sources(tmp_path / "texts", *TOPICS), tmp_path / "cache", tmp_path / "site"
    build_with_cache(source, site, monkeypatch, cache)
    sources(source, *TOPICS, "phòng chống thiên tai")
    build_with_cache(source, site, monkeypatch, cache)
    settled(site)
    spare = _spare(cache, site)
    (spare / "van-ban" / "ghi-chu.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    os.symlink("/etc", spare / "assets" / "ngoai")
    sources(source, *TOPICS)
    (source / "ket-luan-4.txt").unlink()
    build_with_cache(source, site, monkeypatch, cache)
    settled(site)
    assert not (site / "van-ban" / "ghi-chu.html").exists() and not (site / "assets" / "ngoai").is_symlink()
    build_with_cache(source, tmp_path / "clean", monkeypatch, None)
    assert tree_state(site) == tree_state(tmp_path / "clean")


def test_a_spare_no_build_made_for_a_month_is_swept_and_a_recent_one_stays(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    old, recent = cache / output.SPARES / "a", cache / output.SPARES / "b"
    for spare in (old, recent):
        (spare / "van-ban" / "ket-luan-1").mkdir(parents=True)
        (spare / output.MARKER).write_text(output.SPARE, encoding="utf-8")
    then = time.time() - 40 * 86_400
    for path in [old, *old.rglob("*")]:
        os.utime(path, (then, then))
    swept = cache_sweep.sweep(cache)
    assert not old.exists() and swept.files == 1
    assert (recent / "van-ban" / "ket-luan-1").is_dir() and output.marker_state(recent) == "spare"
