"""Listings that grow with the archive are paged: no page grows with it, every entry is on exactly one page,
the first page keeps its address, and bytes per document do not grow as the archive doubles."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from build_scripts import files
from build_scripts.commands import synth
from build_scripts.model import sort_key
from build_scripts.pipeline import archive as pipeline_archive
from build_scripts.pipeline import link, loader
from build_scripts.site import build
from build_scripts.writers import pages as render
from build_scripts.writers import records
from build_scripts.writers.pages import archive as pages
from build_scripts.writers.pages import markdown as page_markdown

from ..conftest import CROSSLINK_SOURCES, page_links, visible_text
from ..pipeline.test_links import beyond_three_clicks, broken_links, resolve

SMALL_PAGE = 700  # bytes of Markdown: a listing of a few entries a page, so that the small archive is paged


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline_archive.Archive, Path]:
    """The cross-linked archive built with pages of a few entries (and a home page of three documents)."""
    source = tmp_path_factory.mktemp("paged-src")
    for path in CROSSLINK_SOURCES:
        shutil.copy(path, source / path.name)
    site = tmp_path_factory.mktemp("paged-site")
    names = ("PAGE_BYTES", "GROUP_ROWS", "BODY_TASKS_SHOWN", "CITED_PASSAGES_SHOWN")
    saved, saved_home = [getattr(pages, n) for n in names], render.HOME_DOCS
    for name, value in zip(names, (SMALL_PAGE, 3, 2, 1), strict=True):
        setattr(pages, name, value)
    render.HOME_DOCS = 3
    try:
        return build.build(source, site), site
    finally:
        for name, value in zip(names, saved, strict=True):
            setattr(pages, name, value)
        render.HOME_DOCS = saved_home


def listing(site: Path, first: Path) -> list[Path]:
    """A listing's pages in order: its first page, then ``trang-2``, ``trang-3`` ... beside it."""
    found = [first]
    while (nxt := first.parent / f"trang-{len(found) + 1}" / "index.html").is_file():
        found.append(nxt)
    return found


def test_every_link_of_a_paged_site_opens_its_page_and_anchor(paged_site) -> None:
    _, site = paged_site
    assert list(site.glob("*/*/trang-2/index.html"))  # some listings are paged
    assert broken_links(site) == []


def test_every_page_of_a_paged_site_is_within_three_clicks_of_home(paged_site) -> None:
    _, site = paged_site
    assert beyond_three_clicks(site) == []


def _listing_pages(site: Path, first: Path) -> list[Path]:
    """``listing`` without the redirect pages left where a listing had further pages before."""
    return [p for p in listing(site, first) if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8")]


def test_a_cited_document_lists_each_citing_document_once_across_its_pages(paged_site) -> None:
    """The newest citing documents with their passages, the older ones a line each (a link to each place that
    cites it), every one exactly once across the listing's pages."""
    archive, site = paged_site
    cited = link.link(archive.documents).cited
    big = [c for c in cited.values() if len(c.citing_documents) >= 3]
    assert big
    for c in big:
        parts = _listing_pages(site, site / "dan-chieu" / c.id / "index.html")
        assert len(parts) > 1, c.id
        seen, with_passages = Counter(), Counter()
        for n, part in enumerate(parts, 1):
            page = part.read_text(encoding="utf-8")
            article = page[page.index("<article"):page.index("</article>")]
            with_passages.update(re.findall(r'<a href="[./]*van-ban/([^"/#]+)/">Xem văn bản</a>', article))
            seen.update(re.findall(r'<a href="[./]*van-ban/([^"/#]+)/"', article))
            if n == 1 and c.archived is not None:
                seen[c.archived.id] -= 1  # "Trong kho lưu trữ", the cited document itself
            assert "Trang: " in visible_text(page)  # the pager
            hrefs = page_links(part).hrefs
            targets = {(part.parent / h).resolve() / "index.html" for h in hrefs if h.endswith("/")}
            assert {p for p in parts if p != part} <= targets, f"page {n} of {c.id} does not link every other page"
        expected = {d.id for d in c.citing_documents}
        assert {k for k, v in seen.items() if v} == expected, (c.id, seen)
        assert all(v == 1 for v in seen.values() if v), (c.id, seen)  # "Xem văn bản", or the older one's title
        newest = max(c.citing_documents, key=sort_key)
        assert set(with_passages) == {newest.id}, c.id  # CITED_PASSAGES_SHOWN is 1 here


def test_a_body_shows_its_newest_tasks_and_leads_to_all_in_the_tracker(paged_site) -> None:
    """A body's page lists its newest tasks (2 here), newest document first, and links to the tracker filtered
    to the body for all of them; an address of a further page it had before answers with a redirect there."""
    archive, site = paged_site
    links = link.link(archive.documents)
    cut = moved = 0
    for body in links.bodies.values():
        first = site / "co-quan" / body.id / "index.html"
        hrefs = page_links(first).hrefs
        shown = [h.rsplit("van-ban/", 1)[1] for h in hrefs if "van-ban/" in h and "#" in h]
        newest = sorted(body.assignments, key=lambda a: sort_key(a.doc), reverse=True)[:2]
        assert shown == [f"{a.doc.id}/#{a.task.anchor}" for a in newest], body.id
        tracker = [h for h in hrefs if h.endswith(f"theo-doi/?co-quan={body.id}")]
        assert tracker, body.id
        if len(body.assignments) > 2:
            cut += 1
            assert f"xem cả {len({(a.doc.id, a.task.id) for a in body.assignments})} nhiệm vụ" in visible_text(
                first.read_text(encoding="utf-8")), body.id
        for page in listing(site, first)[1:]:
            text = page.read_text(encoding="utf-8")
            assert 'http-equiv="refresh"' in text, page
            target = re.search(r'url=([^"]+)"', text).group(1)
            assert target == "../" + tracker[0], page  # one folder deeper than the first page
            assert resolve(site, page, target.split("?")[0]), page
            moved += 1
    assert cut and moved


def test_the_home_page_shows_the_newest_documents_and_leads_to_every_one(paged_site) -> None:
    archive, site = paged_site
    home = site / "index.html"
    docs = [h for h in page_links(home).hrefs if h.startswith("van-ban/")]
    assert len(docs) == 3
    newest = render.newest_first(archive.documents)[:3]
    assert docs == [f"van-ban/{d.id}/" for d in newest]
    text = visible_text(home.read_text(encoding="utf-8"))
    assert f"{len(archive.documents)} văn bản" in text
    # every document is listed by its year, on one of that year's pages
    listed = Counter(m.group(1) for page in (site / "nam").rglob("index.html") for h in page_links(page).hrefs
                     if (m := re.fullmatch(r"(?:\.\./)+van-ban/([^/]+)/", h)))
    assert set(listed) == {d.id for d in archive.documents} and set(listed.values()) == {1}
    assert list((site / "nam").glob("*/trang-2/index.html"))


def test_the_indexes_are_paged_and_name_each_entry_once(paged_site) -> None:
    archive, site = paged_site
    links = link.link(archive.documents)
    for folder, expected in (("dan-chieu", set(links.cited)), ("co-quan", {*links.bodies, *links.groups})):
        parts = [site / folder / "index.html", *sorted((site / folder / "index").glob("trang-*/index.html"),
                                                       key=lambda p: int(p.parent.name.split("-")[1]))]
        assert len(parts) > 2, folder
        named = Counter()  # on how many of the index's pages each entry is
        for part in parts:
            found = (resolve(site, part, href) for href in page_links(part).hrefs)
            named.update({f[0].parent.name for f in found
                          if f and f[0].parent.parent == site / folder and f[0].parent.name in expected})
        assert set(named) == expected and set(named.values()) == {1}, folder


def _writers_output(docs, links, folder: Path) -> tuple[int, int]:
    """(bytes of every page and data file the writers make, the largest page's) for ``docs``."""
    intro = "Giới thiệu."
    render.write_pages(docs, links, folder, intro)
    records.write_data(docs, folder, "https://example.org/", "Lưu trữ", links)
    sizes = {p: p.stat().st_size for p in folder.rglob("*") if p.is_file()}
    return sum(sizes.values()), max(s for p, s in sizes.items() if p.suffix == ".md")


def test_bytes_per_document_and_the_largest_page_do_not_grow_as_the_archive_doubles(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """N and 2N synthetic documents through every writer: per-document bytes and the largest page stay flat
    (pages of 5 kB, so that both archives have listings of several pages)."""
    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(pages, "PAGE_BYTES", 5_000)
    measured = {}
    for n in (30, 60):
        synth.write_corpus(n, tmp_path / f"texts-{n}")
        archive = loader.load(tmp_path / f"texts-{n}")
        links = link.link(archive.documents)
        measured[n] = _writers_output(archive.documents, links, tmp_path / f"out-{n}")
    (small, small_page), (large, large_page) = measured[30], measured[60]
    assert large / 60 <= small / 30 * 1.1, measured  # bytes per document
    assert large_page <= small_page * 1.25, measured  # the largest page: bounded, not doubled


@pytest.mark.parametrize("directory_urls", [True, False])
def test_raw_html_links_are_the_addresses_mkdocs_gives_the_same_pages(directory_urls: bool) -> None:
    """A listing's raw HTML links, which MkDocs leaves alone, are what it writes for a Markdown link, online
    (directory URLs) and in the bundle (.html files)."""
    from mkdocs.structure.files import File

    places = ["index.md", "dan-chieu/index.md", "dan-chieu/index/trang-2.md", "co-quan/x--tam-ky.md",
              "co-quan/x--tam-ky/trang-12.md", "nam/2023.md", "thuat-ngu/index.md"]
    targets = [*places, "van-ban/ket-luan-so-1.md", "co-quan/uy-ban-nhan-dan.md", "dia-phuong/index.md"]
    for here in places:
        at = pages.Place(here, directory_urls)
        source = File(here, "/docs", "/site", directory_urls)
        for there in targets:
            expected = File(there, "/docs", "/site", directory_urls).url_relative_to(source)
            assert at.url(there) == expected, (here, there)
            assert at.url(there, "nhiem-vu-1") == f"{expected}#nhiem-vu-1"


def test_a_document_cited_by_many_names_the_newest_and_links_to_the_rest(paged_site, monkeypatch) -> None:
    archive, _ = paged_site
    links = link.link(archive.documents)
    cited = next(d for d in archive.documents if d.facts.number == "215-TB/ThU")
    whole = render.render_document(cited, links)
    monkeypatch.setattr(render, "CITED_BY_SHOWN", 0)
    short = render.render_document(cited, links)
    citing = next(d for d in archive.documents if d.facts.number == "241-KL/ThU")

    def cited_by(page: str) -> str:  # the page without its "Theo dõi thực hiện" box (#17), which lists follow-ups
        return re.sub(r'<div class="vb-followup" markdown="1">.*?\n</div>', "", page, flags=re.DOTALL)

    # the list is raw HTML with the addresses MkDocs makes of the links (a document page is van-ban/<id>/)
    assert f'href="../{citing.id}/"' in cited_by(whole) and f'href="../{citing.id}/"' not in cited_by(short)
    assert re.search(r'<a href="\.\./\.\./dan-chieu/[^"]+/#duoc-dan-chieu-boi">và 1 văn bản khác</a>', short)


def test_theo_doi_thuc_hien_names_the_newest_later_documents_and_links_to_all(paged_site, monkeypatch) -> None:
    """The box of later documents citing a text is bounded like "Được dẫn chiếu bởi": the newest, then a link to
    the cited document's page, which lists them all."""
    from build_scripts.writers.pages import status as status_view

    archive, _ = paged_site
    links = link.link(archive.documents)
    earlier = next(d for d in archive.documents if links.follow_ups.get(d.id))
    later = [f.later for f in links.follow_ups[earlier.id]]  # oldest first
    box = re.compile(r'<div class="vb-followup" markdown="1">.*?\n</div>', re.DOTALL)
    whole = box.search(render.render_document(earlier, links)).group()
    assert all(f"]({d.id}.md" in whole for d in later) and "cũ hơn" not in whole
    shown = len(later) - 1
    monkeypatch.setattr(status_view, "FOLLOW_UPS_SHOWN", shown)
    short = box.search(render.render_document(earlier, links)).group()
    assert all(f"]({d.id}.md" in short for d in later[1:])
    assert f"]({later[0].id}.md" not in short
    assert re.search(r"\[1 văn bản cũ hơn\]\(\.\./dan-chieu/[^)]+\.md#duoc-dan-chieu-boi\)", short)


def test_a_long_group_goes_on_under_headings_a_reader_can_tell_apart() -> None:
    """A group of 279 entries in blocks of GROUP_ROWS: each further block says which entries it holds, so
    two blocks that land on one page do not put the same heading twice in its table of contents."""
    entries = [lambda at, i=i: f"<li>văn bản {i}</li>" for i in range(279)]
    blocks = pages.grouped([("Các văn bản dẫn chiếu khác (279)", entries)], lambda items: items)
    heads = [block(None).split("\n", 1)[0] for block in blocks]
    assert len(heads) == -(-279 // pages.GROUP_ROWS) and len(set(heads)) == len(heads)
    assert heads[0] == "## Các văn bản dẫn chiếu khác (279)"
    assert heads[-1].endswith(f"(tiếp, {pages.GROUP_ROWS * (len(heads) - 1) + 1}–279)")


def test_the_pages_a_body_listed_before_are_counted_as_they_were_published(paged_site, monkeypatch) -> None:
    """The addresses of a body's further pages (from when it listed every task) keep answering whatever the task
    tables' markup becomes: their count comes from the listing as it was published, not from today's cards."""
    archive, _ = paged_site
    monkeypatch.setattr(pages, "PAGE_BYTES", SMALL_PAGE)
    bodies = [b for b in link.link(archive.documents).bodies.values() if len(b.assignments) > 2]
    assert bodies

    def counts() -> list[int]:
        return [pages.page_count(f"co-quan/{b.id}.md", pages._tasks_by_document(b.assignments)) for b in bodies]

    published = counts()
    assert max(published) > 1
    monkeypatch.setattr(pages, "html_task_cards", lambda columns, rows: "")  # today's cards, changed
    monkeypatch.setattr(page_markdown, "card_heads", lambda columns: [""] * len(columns))
    assert counts() == published


def test_a_listing_counted_again_makes_only_the_blocks_of_the_documents_that_changed(paged_site, monkeypatch,
                                                                                     tmp_path) -> None:
    """A body given tasks by one more document: the page count of the listing it had is taken again from the kept
    sizes of the other documents' blocks and the new one's, made now; the same count as one made from nothing, and
    nothing made again when nothing changed."""
    archive, _ = paged_site
    monkeypatch.setattr(pages, "PAGE_BYTES", SMALL_PAGE)
    body = max(link.link(archive.documents).bodies.values(), key=lambda b: len({a.doc.id for a in b.assignments}))
    newest = max({a.doc.id: a.doc for a in body.assignments}.values(), key=sort_key)
    rel, memo, made = f"co-quan/{body.id}.md", files.Memo(tmp_path / "memo", "code"), []

    def watched(blocks: list) -> list:
        return [(inputs, lambda at, inputs=inputs, block=block: made.append(inputs) or block(at))
                for inputs, block in blocks]

    before = pages._tasks_by_document([a for a in body.assignments if a.doc is not newest])
    assert len(before) >= 2
    assert pages.page_count(rel, watched(before), memo=memo) == pages.page_count(rel, before)
    assert len(made) == len(before)
    made.clear()
    after = pages._tasks_by_document(body.assignments)
    assert pages.page_count(rel, watched(after), memo=memo) == pages.page_count(rel, after)
    assert len(made) == 1 and newest.id in made[0]
    made.clear()
    assert pages.page_count(rel, watched(after), memo=memo) == pages.page_count(rel, after) and made == []
