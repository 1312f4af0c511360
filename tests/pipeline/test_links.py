"""Cross-links over a whole built site: cited documents, bodies, browse pages, tracker, links."""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from build_scripts.pipeline.read import read_file
from build_scripts.vietnamese import fold
from build_scripts.writers.datascript import read_script

from ..conftest import FIXTURES, page_links, visible_text, word_counts


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to, or None for an outside link."""
    if urlsplit(href).scheme or href.startswith(("//", "mailto:")):
        return None
    url, frag = urldefrag(href)
    url = url.split("?", 1)[0]  # a query (the tracker's filters) is read by the page, not a file
    target = (page.parent / unquote(url)).resolve() if url else page
    if target.is_dir() or url.endswith("/"):
        target = target / "index.html"
    return target, frag


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def broken_links(site: Path) -> list[str]:
    """Every internal link of the site whose file or anchor is not there."""
    ids = {}
    broken = []
    for page in html_pages(site):
        if page.name == "404.html":
            continue  # its links are absolute from the site's root, for any depth
        for href in page_links(page).hrefs:
            found = resolve(site, page, href)
            if found is None:
                continue
            target, frag = found
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
                continue
            if frag and target.suffix == ".html":
                if target not in ids:
                    ids[target] = page_links(target).ids
                if frag not in ids[target]:
                    broken.append(f"{page.relative_to(site)} -> {href} (no #{frag})")
    return broken


def test_no_broken_internal_link_or_anchor(crosslinked_site) -> None:
    _, site = crosslinked_site
    assert broken_links(site) == []


def beyond_three_clicks(site: Path) -> list[str]:
    """The pages of the site that take more than three clicks from the home page."""
    home = site / "index.html"
    depth = {home: 0}
    queue = deque([home])
    while queue:
        page = queue.popleft()
        if depth[page] == 3:
            continue
        for href in page_links(page).hrefs:
            found = resolve(site, page, href)
            if found and found[0].suffix == ".html" and found[0].is_file() and found[0] not in depth:
                depth[found[0]] = depth[page] + 1
                queue.append(found[0])
    return [str(p.relative_to(site)) for p in html_pages(site) if p not in depth and p.name != "404.html"
            and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]  # an old address, no page of its own


def test_every_page_is_within_three_clicks_of_home(crosslinked_site) -> None:
    _, site = crosslinked_site
    assert beyond_three_clicks(site) == []


def cited_page(site: Path, symbol_slug: str) -> Path:
    pages = [p for p in (site / "dan-chieu").glob(f"{symbol_slug}*/index.html")]
    assert len(pages) == 1, pages
    return pages[0]


def test_a_cited_document_lists_every_citing_document_at_its_passage(crosslinked_site) -> None:
    archive, site = crosslinked_site
    citing = sorted(d.id for d in archive.documents if any(r.symbol == "05-CT/TW" for r in d.facts.references))
    assert len(citing) == 3  # seed 000, and two fixtures
    page = cited_page(site, "05-ct_tw")
    hrefs = page_links(page).hrefs
    for doc_id in citing:
        passages = [h for h in hrefs if f"van-ban/{doc_id}/#" in h]
        assert passages, f"{doc_id} is not linked at its citing passage"
    assert "Bộ Chính trị" in visible_text(page.read_text(encoding="utf-8"))


def test_short_and_full_citations_of_217_qd_tw_meet_on_one_page(crosslinked_site) -> None:
    _, site = crosslinked_site
    page = cited_page(site, "217-qd_tw")
    text = visible_text(page.read_text(encoding="utf-8"))
    assert "Được dẫn chiếu bởi 2 văn bản" in text
    assert any("#nhiem-vu-9" in h for h in page_links(page).hrefs)  # task 9 of seed 000


def test_an_archived_document_shows_who_cites_it(crosslinked_site) -> None:
    archive, site = crosslinked_site
    cited = next(d for d in archive.documents if d.facts.number == "215-TB/ThU")
    citing = next(d for d in archive.documents if d.facts.number == "241-KL/ThU")
    page = site / cited.url / "index.html"
    text = visible_text(page.read_text(encoding="utf-8"))
    assert "Được dẫn chiếu bởi" in text
    assert any(f"{citing.id}/" in h for h in page_links(page).hrefs)
    cited_entry = cited_page(site, "215-tb_thu")
    assert any(f"{cited.id}/" in h for h in page_links(cited_entry).hrefs)  # "Trong kho lưu trữ"


def test_a_body_page_lists_its_tasks_across_documents(crosslinked_site) -> None:
    archive, site = crosslinked_site
    expected = {(d.id, t.anchor) for d in archive.documents if d.facts.locality == "Đà Lạt"
                for t in d.facts.tasks if any(a.name == "Ban Dân vận Thành ủy" for a in t.assignees)}
    assert len({doc for doc, _ in expected}) == 2
    page = site / "co-quan" / "ban-dan-van--da-lat" / "index.html"
    hrefs = page_links(page).hrefs
    for doc_id, anchor in expected:
        assert any(f"{doc_id}/#{anchor}" in h for h in hrefs)
    text = visible_text(page.read_text(encoding="utf-8"))
    assert "chủ trì" in text


def tracker_data(site) -> tuple[dict, list[dict], dict]:
    """The tracker's core, its chunks in order and its bodies, read back from the scripts the build wrote."""
    def pushed(path):
        return read_script(path.read_text(encoding="utf-8"))
    folder = site / "theo-doi"
    core = pushed(folder / "chi-muc.js")[1]
    chunks = [pushed(folder / f"nhiem-vu-{n}.js")[2] for n in range(core["chunks"])]
    return core, chunks, pushed(folder / "co-quan.js")[1]


def test_the_tracker_holds_every_task_once_in_order(crosslinked_site) -> None:
    archive, site = crosslinked_site
    core, chunks, bodies = tracker_data(site)
    rows = [(c["d"][r[0]][0], r[2]) for c in chunks for r in c["t"]]
    assert len(rows) == core["total"] == sum(len(d.facts.tasks) for d in archive.documents) > 40
    assert sorted(rows) == sorted((d.id, t.anchor) for d in archive.documents for t in d.facts.tasks)
    by_id = {d.id: d for d in archive.documents}
    dates = [by_id[doc].facts.meeting_date or by_id[doc].facts.issued_date or "" for doc, _ in rows]
    assert dates == sorted(dates, reverse=True)  # newest document first
    assert {p[1] for c in chunks for r in c["t"] for p in r[4] + r[5] if p[1]} <= set(bodies["bodies"])
    page = (site / "theo-doi" / "index.html").read_bytes()
    assert len(page) < 60_000  # the page is a frame: the tasks are data


def test_document_pages_have_a_breadcrumb_and_abbreviation_tooltips(crosslinked_site) -> None:
    archive, site = crosslinked_site
    doc = next(d for d in archive.documents if d.source.name.startswith("001"))
    html = (site / doc.url / "index.html").read_text(encoding="utf-8")
    crumb = re.search(r'<p class="vb-breadcrumb">(.*?)</p>', html, re.S)
    assert crumb and "Tam Kỳ" in crumb.group(1) and "2023" in crumb.group(1)
    assert '<abbr title="Ủy ban Mặt trận Tổ quốc Việt Nam">MTTQ</abbr>' in html


def test_browse_pages_group_documents(crosslinked_site) -> None:
    archive, site = crosslinked_site
    da_lat = [d for d in archive.documents if d.facts.locality == "Đà Lạt"]
    page = site / "dia-phuong" / "da-lat" / "index.html"
    hrefs = page_links(page).hrefs
    assert all(any(f"van-ban/{d.id}/" in h for h in hrefs) for d in da_lat)
    index = visible_text((site / "dia-phuong" / "index.html").read_text(encoding="utf-8"))
    assert "Lâm Đồng" in index and "Quảng Nam" in index  # Tam Kỳ placed by the list of towns
    years = visible_text((site / "nam" / "index.html").read_text(encoding="utf-8"))
    assert "2023" in years and "2024" in years


def test_every_id_on_every_page_is_unique(crosslinked_site) -> None:
    """A footnote marked in one item is shown once: no page gives one id to two elements."""
    _, site = crosslinked_site
    repeated = {str(p.relative_to(site)): page_links(p).repeated_ids for p in html_pages(site)}
    assert {page: ids for page, ids in repeated.items() if ids} == {}
    seed_003 = next(p for p in html_pages(site) if "003" in str(p.parent.name))
    assert visible_text(seed_003.read_text(encoding="utf-8")).count("Trọng tâm là: Việc thực hiện Chỉ thị") == 1


def test_heading_anchors_fold_d_like_page_slugs(crosslinked_site) -> None:
    """"Cấp uỷ (Đà Lạt)" gets the id cap-uy-da-lat, not cap-uy-a-lat."""
    _, site = crosslinked_site
    with_d = []
    for page in html_pages(site):
        for anchor, text in page_links(page).headings:
            if "Đ" in text or "đ" in text:
                with_d.append((anchor, text))
                dropped = {fold(w).lower()[1:] for w in re.findall(r"\w+", text) if w[:1] in "Đđ"}
                assert not set(anchor.split("-")) & dropped, (page.relative_to(site), anchor, text)
    assert with_d, "no heading with Đ among the built pages"


def test_a_word_export_reaches_its_page_as_written(crosslinked_site) -> None:
    """The Word export's "Ð", no-break spaces and tabs are shown as written; every word reaches the page."""
    archive, site = crosslinked_site
    doc = next(d for d in archive.documents if d.source.name == "word_export_phumy.txt")
    page = visible_text((site / doc.url / "index.html").read_text(encoding="utf-8"))
    source_words = word_counts(read_file(FIXTURES / "realworld" / "word_export_phumy.txt").text)
    page_words = word_counts(page)
    assert {w: n for w, n in source_words.items() if page_words[w] < n} == {}
    assert "Ðặng Thị Thu Hà" in page  # as written, with the eth
    assert doc.facts.signer.name == "Đặng Thị Thu Hà"  # read as Đ
    read_through = [w for w in doc.warnings if "read through" in w]
    assert len(read_through) == 1 and "U+00D0" in read_through[0] and "no-break" in read_through[0]
