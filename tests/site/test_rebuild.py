"""Rebuilds: the page cache and the sharded renderer give the site a clean build gives, byte for byte;
a failure anywhere leaves the previous site; the stages are shown on a terminal and off it."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build as plain_mkdocs_build
from mkdocs.structure import files as mkdocs_files

from build_scripts import files, raw_html
from build_scripts.commands import synth
from build_scripts.pipeline import archive as pipeline_archive
from build_scripts.pipeline import convert, link, loader
from build_scripts.site import build, mkdocs_shards, output, page_cache, page_keys, paths, publish, search_process
from build_scripts.writers import feeds, records
from build_scripts.writers import search as index

from ..conftest import ROOT, tree_state
from .builds import build_with_cache

RENDERED = re.compile(r"render \(MkDocs\): ([\d,]+) pages(?: \(([\d,]+) from the cache)?")


def _rendered(log: str) -> tuple[int, int]:
    """(pages, pages from the cache) as the build's stage line says them."""
    total, cached = RENDERED.search(log).groups()
    return int(total.replace(",", "")), int((cached or "0").replace(",", ""))


def _build(source: Path, site: Path, monkeypatch, cache: Path | None) -> str:
    """A build with the page cache in ``cache`` (None: no cache at all, a clean build); its stage lines."""
    return build_with_cache(source, site, monkeypatch, cache)[1]


@pytest.fixture
def shards(monkeypatch) -> None:
    """Workers from a handful of pages on, so that small sites are rendered in shards too."""
    monkeypatch.setattr(mkdocs_shards, "PARALLEL_FROM", 2)
    monkeypatch.setattr(mkdocs_shards.os, "cpu_count", lambda: 2)


def test_an_incremental_rebuild_equals_a_clean_build_after_an_add_an_edit_a_delete_and_a_rename(
        tmp_path: Path, monkeypatch, shards) -> None:
    """And after a task's status changes in the office's file: the pages kept whole (a document's, its bodies',
    the tracker's rows) are kept under the statuses too."""
    source, cache = tmp_path / "texts", tmp_path / "cache"
    # the search index in its own process, which takes the inputs the cache kept (search_process.pickled_inputs)
    monkeypatch.setattr(convert, "PARALLEL_FROM", 2)
    monkeypatch.setattr(page_cache, "LINKER_FROM", 1)  # the cached pages linked by a process of their own
    texts = synth.write_corpus(6, source, seed=7, status=True)
    extra = tmp_path / "spare"
    spare = synth.write_corpus(7, extra, seed=7)[-1]  # the 7th text of the same corpus
    log = _build(source, tmp_path / "site", monkeypatch, cache)
    _total, first_cached = _rendered(log)
    assert first_cached == 0
    # the index's process noted its inputs: each rebuild's starts before the load, with the last build's shares
    assert search_process.last_inputs(source, False).is_file()

    def add() -> None:
        spare.rename(source / spare.name)

    def edit() -> None:
        text = texts[1].read_text(encoding="utf-8")
        texts[1].write_text(text.replace("tổ chức", "khẩn trương tổ chức", 1), encoding="utf-8")

    def delete() -> None:
        texts[2].unlink()

    def rename() -> None:
        texts[3].rename(source / f"Đã đổi tên {texts[3].name}")

    def status() -> None:
        office = source / synth.STATUS_FILE
        text = office.read_text(encoding="utf-8-sig")
        assert "đang thực hiện" in text
        office.write_text(text.replace("đang thực hiện", "đã hoàn thành", 1), encoding="utf-8-sig")

    for change in (add, edit, delete, rename, status):
        change()
        log = _build(source, tmp_path / "site", monkeypatch, cache)
        total, cached = _rendered(log)
        assert cached >= total * 0.7, (change.__name__, log)  # most pages came from the cache
        assert cached < total, change.__name__  # and what the change touched was rendered again
        clean = tmp_path / f"clean-{change.__name__}"
        _build(source, clean, monkeypatch, None)
        assert tree_state(tmp_path / "site") == tree_state(clean), change.__name__
        home = tmp_path / "site" / "index.html"
        assert home.stat().st_nlink >= 2, change.__name__  # a link to its cache entry, not a copy


# a stand-in for link_files.py: one that stops at once, one that links nothing and says so for each page
_STOPS = "import sys\nsys.stdin.buffer.read(10)\nsys.exit(3)\n"
_CANNOT = ("import sys\ndata = sys.stdin.buffer.read().split(b'\\0')\n"
           "sys.stdout.buffer.write(b''.join(d + b'\\0' for d in data[1::2]) + b'done\\0')\n")


@pytest.mark.parametrize(("script", "linked"), [(_STOPS, True), (_CANNOT, False)])
def test_the_cached_pages_are_all_in_place_whatever_their_linking_process_does(
        tmp_path: Path, monkeypatch, script: str, linked: bool) -> None:
    """A linking process that stops before its end leaves its pages to the build, which links them; a page it
    could not link (another file system) is copied: either way the site is the one a clean build gives."""
    source, cache = tmp_path / "texts", tmp_path / "cache"
    synth.write_corpus(4, source, seed=5)
    _build(source, tmp_path / "site", monkeypatch, cache)
    synth.write_corpus(5, source, seed=5)
    stand_in = tmp_path / "link.py"
    stand_in.write_text(script, encoding="utf-8")
    monkeypatch.setattr(page_cache, "LINKER_FROM", 1)
    monkeypatch.setattr(page_cache, "LINK_SCRIPT", str(stand_in))
    log = _build(source, tmp_path / "site", monkeypatch, cache)
    total, cached = _rendered(log)
    assert 0 < cached < total
    _build(source, tmp_path / "clean", monkeypatch, None)
    assert tree_state(tmp_path / "site") == tree_state(tmp_path / "clean")
    site = tmp_path / "site"
    copies = [p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.stat().st_nlink == 1]
    # the 404 page is the theme's, written by MkDocs; every page is a link to its cache entry, or else a copy
    assert copies == ["404.html"] if linked else len(copies) == cached + 1


def test_an_unchanged_rebuild_leaves_the_site_as_it_is_and_says_so(tmp_path: Path, monkeypatch) -> None:
    source, site = tmp_path / "texts", tmp_path / "site"
    synth.write_corpus(3, source, seed=3)
    _build(source, site, monkeypatch, tmp_path / "cache")
    before = tree_state(site)
    log = _build(source, site, monkeypatch, tmp_path / "cache")
    assert "site up to date: 1 site" in log and "render (MkDocs)" not in log
    assert tree_state(site) == before
    # a site touched by hand is not the one the stamp describes: built again, every page from the cache
    (site / "cu.html").write_text("một trang cũ", encoding="utf-8")
    total, cached = _rendered(_build(source, site, monkeypatch, tmp_path / "cache"))
    assert cached == total > 0
    assert tree_state(site) == before


@pytest.mark.parametrize("edited", ["first", "site"])
def test_a_page_edited_in_place_in_the_site_never_reaches_a_later_build(tmp_path: Path, monkeypatch,
                                                                         edited: str) -> None:
    """A build links the pages it renders, and a rebuild the cached pages, into the new site: a page of such a
    site rewritten in place by hand (as an editor may save it) is the cache's page too. The next builds, into
    that site or another, publish the page a clean build makes, not the hand-edited one."""
    source, cache = tmp_path / "texts", tmp_path / "cache"
    synth.write_corpus(3, source, seed=4)
    _build(source, tmp_path / "first", monkeypatch, cache)  # renders every page
    _build(source, tmp_path / "site", monkeypatch, cache)  # every page from the cache
    page = Path("gioi-thieu") / "index.html"
    with open(tmp_path / edited / page, "r+b") as f:  # in place: the same file, new bytes
        f.write(b"<!-- sua tay -->")
    clean = tmp_path / "clean"
    _build(source, clean, monkeypatch, None)
    for target in ("another", "site"):
        _build(source, tmp_path / target, monkeypatch, cache)
        assert (tmp_path / target / page).read_bytes() == (clean / page).read_bytes(), target
    assert tree_state(tmp_path / "site") == tree_state(clean)


def test_a_data_file_the_build_no_longer_makes_leaves_the_site(tmp_path: Path, monkeypatch) -> None:
    """A site built when each document had its JSON record (data/van-ban/<id>.json) loses them on rebuild."""
    source, site, cache = tmp_path / "texts", tmp_path / "site", tmp_path / "cache"
    texts = synth.write_corpus(3, source, seed=5)
    now, named = records.write_data, records.data_paths

    def before(docs, root, *args, **kwargs) -> list[Path]:  # the writer of the earlier builds
        return [*now(docs, root, *args, **kwargs),
                *(files.write(root / "data" / "van-ban" / f"{d.id}.json", b"{}\n") for d in docs)]

    def named_before(root, *args) -> list[Path]:  # and the files it said it would write
        pages = sorted((root / "van-ban").glob("*.md"))  # a page each, written by now
        return [*named(root, *args), *(root / "data" / "van-ban" / f"{p.stem}.json" for p in pages)]

    monkeypatch.setattr(records, "write_data", before)
    monkeypatch.setattr(records, "data_paths", named_before)
    _build(source, site, monkeypatch, cache)
    assert len(list((site / "data" / "van-ban").glob("*.json"))) == 3
    monkeypatch.setattr(records, "write_data", now)
    monkeypatch.setattr(records, "data_paths", named)
    texts[0].unlink()  # a change, so that the rebuild is not "up to date"
    _build(source, site, monkeypatch, cache)
    assert not (site / "data" / "van-ban").exists()
    clean = tmp_path / "clean"
    _build(source, clean, monkeypatch, None)
    assert tree_state(site) == tree_state(clean)


def test_a_data_file_listed_but_not_written_fails_the_build_and_keeps_the_site(tmp_path: Path, monkeypatch) -> None:
    """The render lists the data files before they are written (``data_paths``): a file listed that the writer
    did not write would be a page's dead link. The build stops, names it, and the site built before stays."""
    source, site, cache = tmp_path / "texts", tmp_path / "site", tmp_path / "cache"
    texts = synth.write_corpus(3, source, seed=6)
    _build(source, site, monkeypatch, cache)
    before = tree_state(site)
    named = records.data_paths
    monkeypatch.setattr(records, "data_paths", lambda root, *args: [*named(root, *args), root / "data" / "thua.csv"])
    texts[0].unlink()  # a change, so that the rebuild is not "up to date"
    with pytest.raises(pipeline_archive.BuildError, match=r"listed but not written \[[^]]*thua\.csv"):
        _build(source, site, monkeypatch, cache)
    assert tree_state(site) == before


def test_shards_give_the_bytes_mkdocs_build_gives(tmp_path: Path, monkeypatch, shards) -> None:
    """Our renderer (two processes, no cache) against one plain ``mkdocs build`` of the same pages, whose raw HTML
    blocks' marks (raw_html: two comments around each, which our renderer takes off with the marks) are taken
    off first: the marks are the only difference."""
    monkeypatch.setenv("VB_NO_CACHE", "1")
    source = tmp_path / "texts"
    synth.write_corpus(4, source, seed=5)
    archive = loader.load(source)
    docs = build._stage_docs(paths.DOCS_DIR, tmp_path / "staging")
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    build._write_site(archive, docs, ours, tmp_path / "search", False)
    marked = 0
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if raw_html.START in text:
            marked += 1
            page.unlink()  # a file of the staging copy may be a link to the memo's: replaced, not written through
            page.write_text(text.replace(raw_html.START, "").replace(raw_html.END, ""), encoding="utf-8")
    assert marked > 10
    config = mkdocs_shards.configure(paths.CONFIG, docs_dir=str(docs), site_dir=str(theirs))
    with publish._build_date(feeds.newest_date(archive.documents)):
        plain_mkdocs_build(config)
    for page in theirs.rglob("*.html"):  # ours are compacted after rendering (the 404 page is the theme's)
        if page.name != "404.html":
            page.write_bytes(mkdocs_shards.compact(page.read_bytes()))
    # and Material's own search files, which mkdocs build copies whatever the plugins, ours leaves out (its plugin off)
    searching = [p for p in theirs.rglob("*") if p.is_file()
                 and str(p.relative_to(theirs)).startswith(mkdocs_shards.THEME_SEARCH)]
    assert searching
    for path in searching:
        path.unlink()
    output.prune(sorted((str(p) for p in theirs.rglob("*") if p.is_dir()), key=lambda p: -p.count(os.sep)))
    assert tree_state(ours) == tree_state(theirs)


def test_a_render_worker_waits_for_the_gate_and_the_site_is_the_same(tmp_path: Path, monkeypatch, shards) -> None:
    """The build's gate (the search index's process ended) holds the render's worker back: the build renders alone
    until it opens, the worker then takes pages, and the site is the one an open gate gives."""
    source = tmp_path / "texts"
    synth.write_corpus(4, source, seed=11)
    open_site = tmp_path / "open"
    _build(source, open_site, monkeypatch, None)
    from build_scripts.site import search_process

    asked: list[bool] = []
    rendered: list[str] = []
    events: list[tuple[str, int]] = []
    popen, render = subprocess.Popen, mkdocs_shards.SiteModel.render

    def done(self) -> bool:  # closed for the first pages the build renders, then open
        asked.append(len(rendered) >= 3)
        return asked[-1]

    def started(args, *rest, **kwargs):
        if list(args[-2:]) == ["-m", mkdocs_shards.__name__]:
            events.append(("worker", len(rendered)))
        return popen(args, *rest, **kwargs)

    def rendering(self, file, *rest):
        rendered.append(file.src_uri)
        return render(self, file, *rest)

    monkeypatch.setattr(search_process.Here, "done", done)
    monkeypatch.setattr(mkdocs_shards.subprocess, "Popen", started)
    monkeypatch.setattr(mkdocs_shards.SiteModel, "render", rendering)
    log = _build(source, tmp_path / "gated", monkeypatch, None)
    assert events == [("worker", 3)] and "2 processes" in log, (events, log)  # started once the gate opened
    assert False in asked and asked[-1]
    assert tree_state(tmp_path / "gated") == tree_state(open_site)


def test_a_first_build_starts_its_worker_before_mkdocs_lists_the_site_and_an_edit_starts_none(
        tmp_path: Path, monkeypatch, shards) -> None:
    """A page cache with no pages' links yet (its first build) cannot answer: the worker starts first, not after
    every page's key is computed; an edit's few pages are rendered by the build alone, as is the site it gives."""
    source, cache = tmp_path / "texts", tmp_path / "cache"
    texts = synth.write_corpus(4, source, seed=9)
    events: list[str] = []
    popen, site_model = subprocess.Popen, mkdocs_shards.SiteModel.__init__

    def started(args, *rest, **kwargs):
        if list(args[-2:]) == ["-m", mkdocs_shards.__name__]:
            events.append("worker")
        return popen(args, *rest, **kwargs)

    def listed(self, config, *rest) -> None:
        events.append("site")
        site_model(self, config, *rest)

    monkeypatch.setattr(mkdocs_shards.subprocess, "Popen", started)
    monkeypatch.setattr(mkdocs_shards.SiteModel, "__init__", listed)
    log = _build(source, tmp_path / "site", monkeypatch, cache)
    assert events == ["worker", "site"] and "2 processes" in log, log
    events.clear()
    monkeypatch.setattr(mkdocs_shards, "PARALLEL_FROM", 40)
    text = texts[1].read_text(encoding="utf-8")
    texts[1].write_text(text.replace("tổ chức", "khẩn trương tổ chức", 1), encoding="utf-8")
    log = _build(source, tmp_path / "site", monkeypatch, cache)
    total, cached = _rendered(log)
    assert events == ["site"] and "processes" not in log and 0 < total - cached < 40, log
    _build(source, tmp_path / "clean", monkeypatch, None)
    assert tree_state(tmp_path / "site") == tree_state(tmp_path / "clean")


def test_the_worker_renders_pages_while_the_data_files_are_written(tmp_path: Path, monkeypatch, shards) -> None:
    """The render begins before the data files are written (their names known beforehand): its worker renders
    pages meanwhile, where a core stood idle, and the site is the one a build without a worker gives."""
    source = tmp_path / "texts"
    synth.write_corpus(4, source, seed=9)
    write_data, seen = records.write_data, []

    def slow_data(docs, root, *args, **kwargs) -> list[Path]:
        deadline = time.monotonic() + 60
        while not seen and time.monotonic() < deadline:  # the worker's first page in the new site
            seen.extend(p for new in tmp_path.glob(".site.new-*") for p in new.rglob("index.html"))
            time.sleep(0.05)
        return write_data(docs, root, *args, **kwargs)

    monkeypatch.setattr(records, "write_data", slow_data)
    log = _build(source, tmp_path / "site", monkeypatch, tmp_path / "cache")
    assert seen and "2 processes" in log, log
    monkeypatch.setattr(records, "write_data", write_data)
    monkeypatch.setattr(mkdocs_shards, "PARALLEL_FROM", 10**9)
    _build(source, tmp_path / "clean", monkeypatch, None)
    assert tree_state(tmp_path / "site") == tree_state(tmp_path / "clean")


def test_the_files_still_being_written_are_listed_as_they_will_be(tmp_path: Path) -> None:
    """MkDocs' files of the site list the coming data files, written or not, and nothing else of their folder (a file
    half-written, one the build no longer makes): the files ``get_files`` lists once they are written."""
    docs = tmp_path / "docs"
    for name in ("index.md", "data/tasks.csv", "data/.feed.xml.partial", "data/old.json", "data/co-quan/x.ics",
                 "datasets/a.csv"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x", encoding="utf-8")
    config = mkdocs_shards.configure(paths.CONFIG, docs_dir=str(docs), site_dir=str(tmp_path / "site"))
    coming = mkdocs_shards.Coming("data", ("data/documents.json", "data/tasks.csv", "data/co-quan/y.ics"))
    listed = mkdocs_files.get_files(config)
    coming.list_in(listed, config)
    assert sorted(listed.src_uris) == ["data/co-quan/y.ics", "data/documents.json", "data/tasks.csv",
                                       "datasets/a.csv", "index.md"]
    for name in ("documents.json", "co-quan/y.ics"):  # written now: the files MkDocs would list
        (docs / "data" / name).write_text("x", encoding="utf-8")
    for name in (".feed.xml.partial", "old.json", "co-quan/x.ics"):
        (docs / "data" / name).unlink()
    assert sorted(mkdocs_files.get_files(config).src_uris) == sorted(listed.src_uris)
    assert {f.src_uri: f.url for f in listed} == {f.src_uri: f.url for f in mkdocs_files.get_files(config)}


def test_a_compacted_page_reads_the_same_and_keeps_its_preformatted_text() -> None:
    """White space with a line break becomes that line break: a browser shows both as one space; what ``pre``,
    ``textarea`` and ``script`` hold is kept byte for byte."""
    from ..conftest import visible_text

    page = ("<html>\n  <body>\n    <p>Ủy ban nhân dân\n        thành phố <b>Tam Kỳ</b>   \n\n   chủ trì.</p>\n"
            "    <pre>  1.  Số 12\n      thụt lề</pre>\n    <textarea>\n  a\n</textarea>\n"
            "    <script>\n  const s = `a\n    b`;\n</script>\n  </body>\n</html>\n").encode()
    small = mkdocs_shards.compact(page)
    assert len(small) < len(page)
    assert "<pre>  1.  Số 12\n      thụt lề</pre>".encode() in small and b"<textarea>\n  a\n</textarea>" in small
    assert b"<script>\n  const s = `a\n    b`;\n</script>" in small
    def squeeze(text: str) -> str:  # how a browser lays out normal white space
        return " ".join(text.split())

    assert squeeze(visible_text(small.decode("utf-8"))) == squeeze(visible_text(page.decode("utf-8")))


def test_compacting_by_lines_cuts_what_the_substitution_cut() -> None:
    """``compact`` strips lines instead of substituting each run of white space: the same bytes, whatever white
    space a page holds (a form feed or a vertical tab, which stripping would take as a line's own, included)."""
    import random
    import re

    runs = re.compile(rb"[ \t\r]*\n\s*")
    pieces = [b" ", b"\t", b"\r", b"\n", b"\x0b", b"\x0c", b"a", b"b c", b"<pre>", b"</pre>", b"<script>", b"</script>"]
    draw = random.Random(18)
    for _ in range(20_000):
        page = b"".join(draw.choice(pieces) for _ in range(draw.randint(0, 12)))
        kept = re.compile(rb"<(pre|textarea|script)\b.*?</\1\s*>", re.S | re.I)
        out, start = [], 0
        for m in kept.finditer(page):
            out += [runs.sub(b"\n", page[start:m.start()]), m.group()]
            start = m.end()
        out.append(runs.sub(b"\n", page[start:]))
        assert mkdocs_shards.compact(page) == b"".join(out), page


def test_a_links_target_appearing_renders_the_linking_page_again(tmp_path: Path) -> None:
    exists = {"van-ban/a.md"}.__contains__
    page = b"[A](../van-ban/a.md#muc-1) [B](../van-ban/b.md) [web](https://example.org/x.md)"
    before = page_keys.page_key("k", "co-quan/x.md", page, exists)
    assert page_keys.link_targets("co-quan/x.md", page.decode()) >= {"van-ban/a.md", "van-ban/b.md"}
    assert before != page_keys.page_key("k", "co-quan/x.md", page, {"van-ban/a.md", "van-ban/b.md"}.__contains__)
    assert before == page_keys.page_key("k", "co-quan/x.md", page, {"van-ban/a.md", "khac.md"}.__contains__)


def _keys(cache: Path, docs: Path, known: set[str]) -> page_keys.PageKeys:
    keys = page_keys.PageKeys(cache, str(docs))
    keys.begin("k", dict.fromkeys(known))
    return keys


def test_a_pages_key_follows_its_markdown_whatever_its_files_times_say(tmp_path: Path, monkeypatch) -> None:
    """A rebuild takes a page's key from the last build while its file's status is the same; a page rewritten
    with as many bytes and its modification time set back (a copy that keeps times) still gets its new key, and
    a link's target appearing still changes the key of the page that links to it."""
    monkeypatch.setattr(page_keys.PageKeys, "RACY_NS", 0)
    monkeypatch.setattr(page_keys.PageKeys, "FINE_RACY_NS", 0)
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    cache.mkdir()
    docs.mkdir()
    page = docs / "x.md"
    page.write_bytes(b"[A](a.md) [B](b.md)")
    info = page.stat()
    known = {"x.md", "a.md"}
    keys = _keys(cache, docs, known)
    first = keys.key("x.md", str(page))
    assert first == page_keys.page_key("k", "x.md", page.read_bytes(), known.__contains__)
    keys.save()
    assert _keys(cache, docs, known).key("x.md", str(page)) == first  # as it was: kept
    again = _keys(cache, docs, known | {"b.md"})
    assert again.key("x.md", str(page)) == page_keys.page_key("k", "x.md", page.read_bytes(),
                                                                  (known | {"b.md"}).__contains__) != first
    again.save()
    time.sleep(0.05)  # past the tick of the file system's clock (the racy case is the test below)
    page.write_bytes(b"[A](a.md) [C](c.md)")
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert page.stat().st_size == info.st_size and page.stat().st_mtime_ns == info.st_mtime_ns
    assert _keys(cache, docs, known | {"b.md"}).key("x.md", str(page)) == page_keys.page_key(
        "k", "x.md", page.read_bytes(), (known | {"b.md"}).__contains__)


def test_an_add_keeps_the_keys_of_pages_whose_links_missed_none_of_the_new_files(tmp_path: Path, monkeypatch) -> None:
    """After files are only added (an add), a page whose file is as it was keeps its key without the big map of
    link targets being read, unless one of the new files is a target its links missed: that page's key changes,
    as its Markdown alone gives it. A file gone (or another navigation) takes every key from the targets again."""
    monkeypatch.setattr(page_keys.PageKeys, "RACY_NS", 0)
    monkeypatch.setattr(page_keys.PageKeys, "FINE_RACY_NS", 0)
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    cache.mkdir()
    docs.mkdir()
    (docs / "x.md").write_bytes(b"[A](a.md) [B](b.md)")
    (docs / "y.md").write_bytes(b"[A](a.md) [C](c.md)")
    known = {"x.md", "y.md", "a.md"}
    keys = _keys(cache, docs, known)
    assert keys.first()  # as a first build: the targets go to the big map
    first = {name: keys.key(name, str(docs / name)) for name in ("x.md", "y.md")}
    keys.save()
    time.sleep(0.05)

    def expected(name: str, files: set[str]) -> str:
        return page_keys.page_key("k", name, (docs / name).read_bytes(), files.__contains__)

    added = _keys(cache, docs, known | {"b.md", "z.md"})
    assert added.key("y.md", str(docs / "y.md")) == first["y.md"] == expected("y.md", known | {"b.md", "z.md"})
    assert added.targets is None  # kept: the big map of targets not read for it
    assert added.key("x.md", str(docs / "x.md")) == expected("x.md", known | {"b.md", "z.md"}) != first["x.md"]
    added.save()
    gone = _keys(cache, docs, {"x.md", "y.md", "b.md", "z.md"})  # a.md gone: both pages link to it
    assert gone.key("y.md", str(docs / "y.md")) == expected("y.md", {"x.md", "y.md", "b.md", "z.md"})
    assert gone.key("x.md", str(docs / "x.md")) == expected("x.md", {"x.md", "y.md", "b.md", "z.md"})
    other = page_keys.PageKeys(cache, str(docs))
    other.begin("other navigation", dict.fromkeys(known | {"b.md", "z.md", "w.md"}))
    assert other.key("y.md", str(docs / "y.md")) == page_keys.page_key(
        "other navigation", "y.md", (docs / "y.md").read_bytes(), (known | {"b.md", "z.md", "w.md"}).__contains__)


def test_a_page_written_just_before_its_key_is_read_again_next_time(tmp_path: Path) -> None:
    """A file changed within the tick of the file system's clock may change again without its status showing it:
    its status is not kept, so the next build reads it."""
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    cache.mkdir()
    docs.mkdir()
    page = docs / "x.md"
    page.write_bytes(b"# A")
    keys = _keys(cache, docs, {"x.md"})
    keys.key("x.md", str(page))
    keys.save()
    page.write_bytes(b"# B")  # within the same second: the same size, perhaps the same times
    assert _keys(cache, docs, {"x.md"}).key("x.md", str(page)) == page_keys.page_key(
        "k", "x.md", b"# B", {"x.md"}.__contains__)


def test_a_page_written_some_ticks_before_its_key_is_not_read_again(tmp_path: Path, monkeypatch) -> None:
    """Where the file system's times have fractions of a second, its clock ticks every few milliseconds: a page
    changed 0.15 s before the build looked at it keeps its status, and the next build takes its key without
    opening it (a cold build's pages written in its last second were all read again by the next add)."""
    cache, docs = tmp_path / "cache", tmp_path / "docs"
    cache.mkdir()
    docs.mkdir()
    page = docs / "x.md"
    page.write_bytes(b"# A [B](b.md)")
    if page.stat().st_mtime_ns % 1_000_000_000 == 0 and page.stat().st_ctime_ns % 1_000_000_000 == 0:
        pytest.skip("a file system that keeps whole seconds: the window stays a second")
    time.sleep(0.15)
    keys = _keys(cache, docs, {"x.md"})
    first = keys.key("x.md", str(page))
    assert keys.now["x.md"][:5] != [None] * 5  # its status kept: not racy
    keys.save()
    opened: list[str] = []
    real_open = open
    monkeypatch.setattr(page_keys, "open", lambda path, *a, **k: opened.append(path) or real_open(path, *a, **k),
                        raising=False)
    assert _keys(cache, docs, {"x.md"}).key("x.md", str(page)) == first
    assert opened == []


def test_the_theme_files_kept_are_the_ones_mkdocs_lists(tmp_path: Path, monkeypatch) -> None:
    """The theme's static files, listed once and then taken from the page cache, are MkDocs' own list, in its
    order, but for Material's search files while its search plugin is off (the archive's search is its own); a
    file of the docs folder still wins over the theme's file of the same name."""
    from mkdocs.structure.files import get_files

    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    docs = tmp_path / "docs"
    (docs / "tim-kiem").mkdir(parents=True)
    (docs / "index.md").write_text("# A\n", encoding="utf-8")
    config = mkdocs_shards.configure(paths.CONFIG, docs_dir=str(docs), site_dir=str(tmp_path / "site"))
    env = config.theme.get_env()

    def listing(files) -> list[tuple[str, str, str]]:
        return [(f.src_uri, f.abs_src_path, f.url) for f in files]

    theirs = get_files(config)
    theirs.add_files_from_theme(env, config)
    unsearched = [f for f in listing(theirs) if not f[0].startswith(mkdocs_shards.THEME_SEARCH)]
    assert len(unsearched) < len(listing(theirs))  # Material ships its search's worker and lunr's languages
    for _ in range(2):  # listed and kept, then taken from the cache
        ours = get_files(config)
        mkdocs_shards._add_theme_files(ours, env, config)
        assert listing(ours) == unsearched
    assert (tmp_path / "cache" / "pages" / mkdocs_shards.THEME_FILES).is_file()
    with monkeypatch.context() as m:  # a site with Material's search on keeps them all
        m.setitem(config.plugins, "material/search", object())
        ours = get_files(config)
        mkdocs_shards._add_theme_files(ours, env, config)
        assert listing(ours) == listing(theirs)
    theme_file = next(f.src_uri for f in theirs if f.src_uri.endswith(".js"))
    (docs / theme_file).parent.mkdir(parents=True, exist_ok=True)
    (docs / theme_file).write_text("// ours\n", encoding="utf-8")
    ours = get_files(config)
    mkdocs_shards._add_theme_files(ours, env, config)
    assert ours.get_file_from_path(theme_file).abs_src_path == str(docs / theme_file)


# --- failures leave the previous site -------------------------------------------------------------


def _broken(*args, **kwargs):
    raise OSError("disk full")


@pytest.mark.parametrize("stage", ["link", "pages", "data", "search", "search worker", "render", "render worker",
                                   "cached pages"])
def test_a_failure_in_any_stage_leaves_the_previous_site(tmp_path: Path, monkeypatch, shards, stage: str) -> None:
    source, site = tmp_path / "texts", tmp_path / "site"
    more = convert.PARALLEL_FROM if stage == "search worker" else 0  # enough texts for the index's own process
    synth.write_corpus(3 + more, source, seed=11)
    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    build.build(source, site)
    before = tree_state(site)
    assert (site / "data" / "documents.json").stat().st_nlink == 2  # shared with the staged docs folder
    synth.write_corpus(5 + more, source, seed=11)  # two more texts: every page has something new to render
    if stage == "link":
        monkeypatch.setattr(link, "link", _broken)
    elif stage == "pages":
        monkeypatch.setattr(build, "write_pages", _broken)
    elif stage == "data":
        monkeypatch.setattr(records, "write_data", _broken)
    elif stage == "search":
        monkeypatch.setattr(index, "write_search_index", _broken)
    elif stage == "render":
        monkeypatch.setattr(mkdocs_shards.SiteModel, "finish", _broken)
    elif stage == "cached pages":  # putting the cached pages in place (their links' join) fails
        monkeypatch.setattr(page_cache, "LINKER_FROM", 1)
        monkeypatch.setattr(page_cache.Linker, "join", _broken)
    elif stage == "search worker":
        monkeypatch.setenv("VB_CRASH_AT", "indexing")  # the search index's process is killed as it writes
    else:
        monkeypatch.setenv("VB_CRASH_AT", "rendering")  # only a worker reaches that step: it is killed there
    with pytest.raises((OSError, pipeline_archive.BuildError, mkdocs_shards.RenderError)):
        build.build(source, site)
    # the staged docs folder, which shares its files with the site in place, was written again before the
    # build failed (search, render): the site still has every byte it had
    assert tree_state(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "site", "texts"]  # nothing half-built left


# --- progress -------------------------------------------------------------------------------------------

STAGES = ["read, parse, extract", "link", "write pages (Markdown)", "write data files", "render (MkDocs)",
          "search index", "swap in the new site"]


def _cli(*args: str, tmp_path: Path, stderr=subprocess.PIPE) -> subprocess.CompletedProcess:
    env = {**os.environ, "VB_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "build_scripts", "build", "--source", str(tmp_path / "texts"),
                           "--site", str(tmp_path / "site"), *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                          stderr=stderr, text=True, timeout=900)


def test_off_a_terminal_each_stage_is_one_line_with_its_count_and_time(tmp_path: Path) -> None:
    synth.write_corpus(2, tmp_path / "texts", seed=2)
    done = _cli(tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    for name in STAGES:
        [line] = [x for x in lines if x.startswith(name + ":")]
        assert re.search(r": [\d,]+ \w+.* in \d+\.\d s$", line), line
    assert "read, parse, extract: 2 texts" in done.stderr
    assert "\r" not in done.stderr and "\x1b" not in done.stderr  # a log gets plain lines
    assert "Built 2 documents" in done.stdout

    quiet = _cli("--quiet", tmp_path=tmp_path)
    assert quiet.returncode == 0, quiet.stderr
    assert not any(x.startswith(name + ":") for x in quiet.stderr.splitlines() for name in STAGES)
    assert "Built 2 documents" in quiet.stdout


def test_on_a_terminal_the_stages_are_live_bars(tmp_path: Path) -> None:
    synth.write_corpus(2, tmp_path / "texts", seed=2)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))  # 30 lines of 100 columns
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the other end is closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        done = _cli(tmp_path=tmp_path, stderr=slave)
    finally:
        os.close(slave)
        reader.join(timeout=10)
        os.close(master)
    assert done.returncode == 0
    shown = b"".join(chunks).decode("utf-8", "replace")
    for name in STAGES:
        assert name in shown
    assert "\r" in shown  # redrawn in place as it counts
    assert re.search(r"render \(MkDocs\): \d+/\d+ pages \[\d\d:\d\d", shown)  # count, total, elapsed
    assert re.search(r"read, parse, extract: 2/2 texts \[\d\d:\d\d", shown)


def test_an_add_copies_only_its_source_and_makes_only_its_values_listings_again(tmp_path: Path, monkeypatch) -> None:
    """After an add, the sources' copies already published are left (the render's links moved their change times
    only) and the browse pages of the values the new text has are made again, no other value's; the site is the
    clean build's."""
    from build_scripts.commands import bench
    from build_scripts.writers import pages
    from build_scripts.writers.pages import archive

    source, cache = tmp_path / "texts", tmp_path / "cache"
    synth.write_corpus(6, source, seed=6)
    copied: list[str] = []
    listed: list[str] = []
    copy_source, paged = pages.copy_source, archive.paged
    monkeypatch.setattr(pages, "copy_source", lambda doc, out: copied.append(doc.id) or copy_source(doc, out))
    monkeypatch.setattr(archive, "paged", lambda rel, *a, **k: listed.append(rel) or paged(rel, *a, **k))
    facets = {f.folder for f in archive.FACETS}

    def values(rels: list[str]) -> list[str]:  # the facets' value pages (their indexes are made each build)
        return [rel for rel in rels if rel.split("/")[0] in facets and not rel.endswith("/index.md")]
    _build(source, tmp_path / "site", monkeypatch, cache)
    assert len(copied) == 6
    first = values(listed)
    copied.clear()
    listed.clear()
    added = bench.add_one(source, 6, 6)
    _build(source, tmp_path / "site", monkeypatch, cache)
    assert copied == [added.stem]
    made = values(listed)
    assert 0 < len(made) <= len(facets) < len(first)
    assert len({rel.split("/")[0] for rel in made}) == len(made)  # one value page a facet at most: the new text's
    _build(source, tmp_path / "clean", monkeypatch, None)
    assert tree_state(tmp_path / "site") == tree_state(tmp_path / "clean")
