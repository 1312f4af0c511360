"""Following the archive's threads in a browser: home -> document -> cited document -> another
document citing it; and filtering the task tracker. The site is served under a sub-path, as
GitHub Pages serves it (the offline bundle, built for file://, has its own tests)."""

from __future__ import annotations

import datetime

import pytest

from .conftest import follow

MODES = ["http"]
TRACKER = "table:has(.vb-tracker-mark)"  # the tracker's table, found by the mark in its first heading


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


def visible_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        TRACKER + " tbody tr:not([hidden])",
        "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent.trim()))")


@pytest.mark.parametrize("mode", MODES)
def test_the_tracker_filters_by_locality_body_and_deadline(page, sites, mode: str) -> None:
    page.goto(url(sites, mode, ""))
    follow(page, "article a:has-text('Theo dõi nhiệm vụ')")
    page.wait_for_selector(".vb-tracker-filters")
    everything = visible_rows(page)
    assert len(everything) > 40
    page.select_option("select[name=dia-phuong]", "Đức Phổ")
    duc_pho = visible_rows(page)
    assert 0 < len(duc_pho) < len(everything)
    assert all(row[7] == "Đức Phổ" for row in duc_pho)
    page.fill("input[name=co-quan]", "mat tran")  # without diacritics
    fronts = visible_rows(page)
    assert 0 < len(fronts) < len(duc_pho)
    assert all("Mặt trận" in row[3] + row[4] for row in fronts)
    page.fill("input[name=co-quan]", "")
    page.select_option("select[name=dia-phuong]", "")
    page.select_option("select[name=thoi-han]", "qua-han")
    passed = visible_rows(page)
    today = datetime.date.today().isoformat()
    assert passed and all(row[5] for row in passed)
    isos = page.eval_on_selector_all(TRACKER + " tbody tr:not([hidden]) [data-iso]",
                                     "spans => spans.map(s => s.dataset.iso)")
    assert all(iso < today[: len(iso)] for iso in isos)
    assert "nhiệm vụ" in page.inner_text(".vb-count")


@pytest.mark.parametrize("mode", MODES)
def test_the_tracker_sorts_by_deadline(page, sites, mode: str) -> None:
    page.goto(url(sites, mode, "theo-doi/"))
    page.wait_for_selector(".vb-tracker-filters")
    page.click(TRACKER + " th:has-text('Thời hạn')")
    isos = page.eval_on_selector_all(TRACKER + " tbody [data-iso]", "spans => spans.map(s => s.dataset.iso)")
    assert len(isos) > 5 and isos == sorted(isos)
