"""Following the archive's threads in a browser: home -> document -> cited document -> another
document citing it; and filtering the task tracker. The site is served under a sub-path, as
GitHub Pages serves it (the offline bundle, built for file://, has its own tests)."""

from __future__ import annotations

import datetime

import pytest

from build_scripts.writers.feeds import due_day

from .conftest import draw_all, follow

MODES = ["http"]


def url(sites, mode: str, path: str) -> str:
    return sites.base("crosslink", mode) + path


@pytest.mark.parametrize("mode", MODES)
def test_from_home_to_a_cited_document_and_on_to_another_citing_document(page, sites, mode: str) -> None:
    page.goto(url(sites, mode, ""))
    follow(page, "article a:has-text('Kết luận của Thường trực Thành ủy tại buổi làm việc với Mặt trận Tổ quốc')")
    page.wait_for_selector("h1")
    assert "buổi làm việc với Mặt trận" in page.inner_text("h1")
    follow(page, "article a.vb-cite:has-text('05-CT/TW')")
    page.wait_for_selector("h1:has-text('05-CT/TW')")
    body = page.inner_text("article")
    assert "Được dẫn chiếu bởi 3 văn bản" in body
    # on to another document that cites it
    section = page.locator("h3:has-text('Thông báo kết luận của Ban Thường vụ Thành ủy về công tác dân vận')")
    follow(page, section.locator("xpath=following-sibling::p[1]").locator("a:has-text('Xem văn bản')"))
    page.wait_for_selector("h1")
    assert "công tác dân vận quý IV năm 2023" in page.inner_text("h1")
    assert "05-CT/TW" in page.inner_text("article")


@pytest.mark.parametrize("mode", MODES)
def test_the_passage_link_lands_on_the_citing_task(page, sites, mode: str) -> None:
    page.goto(url(sites, mode, "dan-chieu/"))
    follow(page, "article a:has-text('217-QĐ/TW')")
    follow(page, "article a:has-text('nhiệm vụ 9')")
    page.wait_for_load_state()
    assert page.url.endswith("#nhiem-vu-9")
    assert page.locator("#nhiem-vu-9").is_visible()
    assert "217-QĐ/TW" in page.inner_text("#nhiem-vu-9")


def tracker(page, sites, query: str = "") -> None:
    """Open the tracker (with filters in its address) and wait until every chunk it needs is drawn."""
    page.goto(url(sites, "http", "theo-doi/") + (f"?{query}" if query else ""))
    page.wait_for_selector("#vb-theo-doi[data-ready]")


def visible_rows(page) -> list[dict[str, str]]:
    """Every row drawn so far (the tracker draws a screenful at a time: scroll to draw them all)."""
    draw_all(page)
    return page.eval_on_selector_all("#vb-theo-doi tbody tr", """rows => rows.map(r => {
        const cell = (k) => { const c = r.querySelector('.vb-col-' + k); return c ? c.textContent.trim() : ''; };
        return { doc: cell('doc'), lead: cell('lead'), support: cell('support'), locality: cell('locality'),
                 deadline: cell('deadline'), iso: (r.querySelector('[data-iso]') || {dataset: {}}).dataset.iso || '',
                 state: r.className };
    })""")


def test_the_tracker_filters_by_locality_body_and_deadline(page, sites) -> None:
    page.goto(url(sites, "http", ""))
    follow(page, "article a:has-text('Theo dõi nhiệm vụ')")
    page.wait_for_selector("#vb-theo-doi[data-ready]")
    everything = visible_rows(page)
    assert len(everything) > 40
    page.select_option("select[name=dia-phuong]", "Đức Phổ")
    page.wait_for_selector("#vb-theo-doi[data-ready='dia-phuong=Đức Phổ']")
    duc_pho = visible_rows(page)
    assert 0 < len(duc_pho) < len(everything)
    assert all(row["locality"].endswith("Đức Phổ") for row in duc_pho)
    page.fill("input[name=co-quan]", "mat tran")  # without diacritics
    page.wait_for_selector("#vb-theo-doi[data-ready*='co-quan=mat tran']")
    fronts = visible_rows(page)
    assert 0 < len(fronts) < len(duc_pho)
    assert all("Mặt trận" in row["lead"] + row["support"] for row in fronts)
    page.click(".vb-filters__clear")
    page.select_option("select[name=thoi-han]", "qua-han")
    page.wait_for_selector("#vb-theo-doi[data-ready='thoi-han=qua-han']")
    passed = visible_rows(page)
    today = datetime.date.today().isoformat()
    assert passed and all(row["iso"] and row["iso"] < today[: len(row["iso"])] for row in passed)
    assert "nhiệm vụ" in page.inner_text(".vb-count")


def test_the_tracker_sorts_by_deadline(page, sites) -> None:
    tracker(page, sites, "sap-xep=thoi-han")
    isos = [row["iso"] for row in visible_rows(page) if row["iso"]]
    assert len(isos) > 5
    ends = [due_day(iso) for iso in isos]  # a month or a year is due on its last day
    assert ends == sorted(ends)
