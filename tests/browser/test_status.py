"""Task status in a real browser, at a fixed browser date: the status column and the overdue mark, the
tracker's state filter from its address, and the dashboard's charts with a click through to the tracker,
over HTTP (under a sub-path) and from file:// (the offline build)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from build_scripts import build

from ..test_status_site import status_source
from .conftest import Sites

MODES = ["http", "file"]


@pytest.fixture(scope="session")
def status_sites(sites: Sites, tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """The archive of test_status_site, built for the web and for file://, beside the other test sites."""
    source = status_source(tmp_path_factory.mktemp("status-browser") / "src")
    build.build(source, sites.root / "status")
    build.build(source, sites.root / "status-offline", offline=True)
    return sites


def at(page, day: str) -> None:
    """The browser's clock stands still on ``day`` (noon, local time)."""
    page.clock.set_fixed_time(datetime.datetime.fromisoformat(day + "T12:00:00"))


def url(sites: Sites, mode: str, path: str) -> str:
    """A page of the status archive: "van-ban/x/" over HTTP, "van-ban/x.html" from file://."""
    if mode == "http":
        return sites.base("status", mode) + path
    base = sites.base("status-offline", mode)
    page, _, query = path.partition("?")
    page = page.rstrip("/") + ".html" if page.startswith("van-ban/") else page + "index.html"
    return base + page + (f"?{query}" if query else "")


def overdue_numbers(page) -> list[str]:
    return page.eval_on_selector_all(
        "table:has(.vb-tasks-mark) tbody tr", "rows => rows.filter(r => r.querySelector('.vb-badge--late'))"
        ".map(r => r.cells[0].textContent.trim())")


@pytest.mark.parametrize("mode", MODES)
def test_the_status_column_and_the_overdue_mark_follow_the_browsers_date(page, status_sites, mode: str) -> None:
    at(page, "2024-02-01")
    page.goto(url(status_sites, mode, "van-ban/official-header-party/"))
    table = page.inner_text("table:has(.vb-tasks-mark)")
    assert "Đã hoàn thành" in table and "Đang thực hiện" in table and "Tình trạng" in table
    assert overdue_numbers(page) == []  # 1.a is done; 1.b is due by the end of March; 2 by the end of 2024
    at(page, "2024-07-15")
    page.reload()
    assert overdue_numbers(page) == ["1.b"]  # 1.a was done, though its deadline has passed
    assert page.locator("tr.vb-overdue").count() == 1


@pytest.mark.parametrize("mode", MODES)
def test_the_tracker_filters_by_state_from_its_address(page, status_sites, mode: str) -> None:
    at(page, "2024-07-15")
    page.goto(url(status_sites, mode, "theo-doi/?tinh-trang=dang-thuc-hien"))
    page.wait_for_selector("table[data-ready]")
    assert page.input_value("select[name=tinh-trang]") == "dang-thuc-hien"
    states = page.eval_on_selector_all("table:has(.vb-tracker-mark) tbody tr:not([hidden]) [data-state]",
                                       "els => els.map(e => e.dataset.state)")
    assert states == ["dang-thuc-hien"] * 3
    page.select_option("select[name=tinh-trang]", "qua-han")  # overdue: not done, deadline passed
    numbers = page.eval_on_selector_all("table:has(.vb-tracker-mark) tbody tr:not([hidden])",
                                        "rows => rows.map(r => r.cells[0].textContent.trim() + ' ' + "
                                        "r.cells[1].textContent.trim())")
    assert sorted(numbers) == ["215-TB/ThU 1.b", "241-KL/ThU 1", "241-KL/ThU 2"]
    assert "tinh-trang=qua-han" in page.url  # the filter stays in the address


def bar(page, chart: str, dataset: int, index: int) -> tuple[float, float, int]:
    """Where the middle of a bar is drawn in the viewport (scrolled into it), and its value."""
    return page.evaluate(
        """([id, d, i]) => {
            const c = window.vbTinhHinhCharts[id], el = c.getDatasetMeta(d).data[i];
            c.canvas.scrollIntoView({block: "center"});
            const box = c.canvas.getBoundingClientRect(), p = el.getProps(["x", "y", "base"], true);
            return [box.left + p.x, box.top + (p.y + p.base) / 2, c.data.datasets[d].data[i]];
        }""", [chart, dataset, index])


@pytest.mark.parametrize("mode", MODES)
def test_the_dashboard_draws_its_charts_and_a_bar_opens_the_tracker_filtered(page, status_sites, mode: str) -> None:
    at(page, "2024-07-15")
    page.goto(url(status_sites, mode, "tinh-hinh/"))
    page.wait_for_selector("#vb-tinh-hinh[data-ready]")
    assert page.locator("#vb-tinh-hinh canvas").count() == 4
    assert page.locator("#vb-tinh-hinh table.vb-chart-data").count() == 4  # a table beside each chart
    tiles = page.inner_text(".vb-tiles")
    assert "23\nTổng số nhiệm vụ" in tiles and "3\nQuá hạn" in tiles
    # the month chart: its first bar holds the overdue tasks; its "Đang thực hiện" part is 215 1.b and 241 1
    x, y, value = bar(page, "vb-theo-thang", 1, 0)
    assert value == 2
    page.mouse.move(x, y)
    with page.expect_navigation():
        page.mouse.click(x, y)
    page.wait_for_selector("table[data-ready]")
    assert "theo-doi/" in page.url and "thoi-han=qua-han" in page.url and "tinh-trang=dang-thuc-hien" in page.url
    shown = page.locator("table:has(.vb-tracker-mark) tbody tr:not([hidden])").count()
    assert shown == value


@pytest.mark.parametrize("mode", ["http"])
def test_the_dashboard_table_links_to_the_same_tasks_as_the_bar(page, status_sites, mode: str) -> None:
    at(page, "2024-07-15")
    page.goto(url(status_sites, mode, "tinh-hinh/"))
    page.wait_for_selector("#vb-tinh-hinh[data-ready]")
    cell = page.locator("#vb-theo-dia-phuong table tr:has(th:text-is('Đà Lạt')) a").first
    label = cell.get_attribute("aria-label")
    value = int(cell.inner_text())
    with page.expect_navigation():
        cell.click()
    page.wait_for_selector("table[data-ready]")
    assert "dia-phuong=" in page.url and label
    assert page.locator("table:has(.vb-tracker-mark) tbody tr:not([hidden])").count() == value


def test_the_charting_library_is_served_with_the_site(status_sites: Sites) -> None:
    for site in ("status", "status-offline"):
        lib = Path(status_sites.root / site / "assets" / "vendor" / "chartjs" / "chart.umd.min.js")
        assert lib.read_text(encoding="utf-8").startswith("/*!\n * Chart.js v4")
