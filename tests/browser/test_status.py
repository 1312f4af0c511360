"""Task status in a real browser, at a fixed browser date: the status column and the overdue mark, the
tracker's state, month and kind filters from its address (loading only the chunks that can match), the
dashboard's charts with a click through to the tracker, over HTTP (under a sub-path) and from file:// (the
offline build); one overdue rule on the three; and what axe-core finds on the dashboard."""

from __future__ import annotations

import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from build_scripts.site import build
from build_scripts.writers.datascript import read_script
from build_scripts.writers.pages import tracker

from ..writers.test_status_site import status_source
from .conftest import Sites, card_text

MODES = ["http", "file"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
EARLIER = "official-header-party"  # 215-TB/ThU: 1.a done (due 15/01/2024), 1.b in progress (quý I/2024), 2 (2024)


@pytest.fixture(scope="session")
def status_sites(sites: Sites, tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """The archive of test_status_site, built for the web and for file://, beside the other test sites; the
    tracker's tasks cut into a chunk per document, so that which chunks a filter loads can be seen."""
    source = status_source(tmp_path_factory.mktemp("status-browser") / "src")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(tracker, "CHUNK_BYTES", 1)
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


def tracker_rows(page) -> list[dict]:
    """The tracker's rows once it has drawn them: document, number, state, deadline, overdue or not."""
    page.wait_for_selector("#vb-theo-doi[data-ready]")
    return page.eval_on_selector_all("#vb-theo-doi tbody tr", """rows => rows.map(r => ({
        doc: r.querySelector('.vb-col-doc').textContent.trim(),
        number: r.querySelector('.vb-col-number').textContent.trim(),
        state: ((r.querySelector('.vb-col-status .vb-state') || {}).className || '').replace(/.*vb-state--/, ''),
        iso: (r.querySelector('[data-iso]') || { dataset: {} }).dataset.iso || '',
        late: !!r.querySelector('.vb-badge--late') }))""")


def chunk_files(site: Path) -> list[dict]:
    """The tracker's chunks as the build wrote them, read back from their scripts."""
    folder = site / "theo-doi"
    core = _pushed(folder / "chi-muc.js")[1]
    return [_pushed(folder / f"nhiem-vu-{n}.js")[2] for n in range(core["chunks"])], core


def _pushed(path: Path) -> list:
    """What a data script pushes, as the tracker reads it (packed rows unpacked)."""
    return read_script(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("mode", MODES)
def test_the_status_column_and_the_overdue_mark_follow_the_browsers_date(page, status_sites, mode: str) -> None:
    at(page, "2024-02-01")
    page.goto(url(status_sites, mode, f"van-ban/{EARLIER}/"))
    table = page.inner_text("table:has(.vb-tasks-mark)")
    assert "Đã hoàn thành" in table and "Đang thực hiện" in table and "Tình trạng" in table
    assert overdue_numbers(page) == []  # 1.a is done; 1.b is due by the end of March; 2 by the end of 2024
    at(page, "2024-07-15")
    page.reload()
    assert overdue_numbers(page) == ["1.b"]  # 1.a was done, though its deadline has passed
    assert page.locator("table:has(.vb-tasks-mark) tr.vb-state-qua-han").count() == 1  # marked as the tracker marks


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_on_a_phone_the_status_is_a_labelled_line_of_the_card(browser, status_sites, size: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS[size])
    page = context.new_page()
    at(page, "2024-07-15")
    page.goto(url(status_sites, "http", f"van-ban/{EARLIER}/"))
    row = page.locator("table:has(.vb-tasks-mark) tbody tr", has_text="Đã rà soát 14 dự án").first
    cell = row.locator("td:has(.vb-state)")
    if size == "phone":  # a card: "Tình trạng: Đã hoàn thành 10/01/2024 · Căn cứ: ..." on one labelled line
        assert card_text(cell).startswith("Tình trạng: Đã hoàn thành 10/01/2024 · Căn cứ:")
        box, width = cell.bounding_box(), page.viewport_size["width"]
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    else:  # a table: the heading says it; each part of the report on a line of its own
        assert card_text(cell).startswith("Đã hoàn thành")  # no label in a table's cell
        assert "Tình trạng" in page.inner_text("table:has(.vb-tasks-mark) thead")
        assert cell.locator(".vb-sep").first.is_hidden()
        # the status column does not squeeze who leads the task to a word a line: the lead keeps a fair share
        lead = row.locator("td:nth-child(3)").bounding_box()["width"]  # the third column: who leads
        assert "Chủ trì" in page.locator("table:has(.vb-tasks-mark) th:nth-child(3)").first.inner_text()
        table = page.locator("table:has(.vb-tasks-mark)").bounding_box()["width"]
        assert lead >= 0.15 * table
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("""() => { const t = document.querySelector('table:has(.vb-tasks-mark)');
        const w = t.closest('.md-typeset__scrollwrap') || t; return w.scrollWidth <= w.clientWidth + 1; }""")
    context.close()


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_a_body_pages_tasks_are_cards_on_a_phone_with_their_state(browser, status_sites, size: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS[size])
    page = context.new_page()
    at(page, "2024-07-15")
    page.goto(url(status_sites, "http", "co-quan/ban-dan-van--da-lat/"))
    row = page.locator("table:has(.vb-tasks-mark) tbody tr", has=page.locator(".vb-state")).first
    cell = row.locator("td:has(.vb-state)")
    if size == "phone":  # a card per task, its state a labelled line, nothing wider than the screen
        assert card_text(cell).startswith("Tình trạng: Đang thực hiện")
        assert row.bounding_box()["width"] <= page.viewport_size["width"]
    else:
        assert card_text(cell).startswith("Đang thực hiện")
        assert "Tình trạng" in page.inner_text("table:has(.vb-tasks-mark) thead")
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
        .every(w => w.scrollWidth <= w.clientWidth + 1)""")
    context.close()


@pytest.mark.parametrize("mode", MODES)
def test_the_tracker_filters_by_state_from_its_address(page, status_sites, mode: str) -> None:
    at(page, "2024-07-15")
    page.goto(url(status_sites, mode, "theo-doi/?tinh-trang=dang-thuc-hien"))
    rows = tracker_rows(page)
    assert page.input_value("select[name=tinh-trang]") == "dang-thuc-hien"
    assert [r["state"] for r in rows] == ["dang-thuc-hien"] * 3
    page.select_option("select[name=tinh-trang]", "qua-han")  # overdue: not done, deadline passed
    page.wait_for_selector("#vb-theo-doi[data-ready='tinh-trang=qua-han']")
    rows = tracker_rows(page)
    assert sorted(f"{r['doc']} {r['number']}" for r in rows) == ["215-TB/ThU 1.b", "241-KL/ThU 1", "241-KL/ThU 2"]
    assert all(r["late"] for r in rows)
    assert parse_qs(urlsplit(page.url).query) == {"tinh-trang": ["qua-han"]}  # the filter stays in the address
    # the deadline filter's "overdue" is the same rule
    page.goto(url(status_sites, mode, "theo-doi/?thoi-han=qua-han"))
    assert sorted(f"{r['doc']} {r['number']}" for r in tracker_rows(page)) == \
        ["215-TB/ThU 1.b", "241-KL/ThU 1", "241-KL/ThU 2"]


def run_chunks(page) -> list[str]:
    """The chunks the tracker has run (a <script> each; the page preloads the first one without running it)."""
    return sorted(page.eval_on_selector_all("script[src*='nhiem-vu-']", "ss => ss.map(s => s.src.split('/').pop())"))


def test_month_and_kind_filters_come_from_the_address_and_load_only_chunks_that_can_match(page, status_sites) -> None:
    at(page, "2024-07-15")
    chunks, core = chunk_files(status_sites.root / "status")
    assert len(chunks) == 3  # a chunk per document (CHUNK_BYTES = 1)
    page.goto(url(status_sites, "http", "theo-doi/?thang=2024-03"))
    rows = tracker_rows(page)
    assert [(r["doc"], r["number"], r["iso"]) for r in rows] == [("215-TB/ThU", "1.b", "2024-03")]
    assert page.input_value("select[name=thang]") == "2024-03"
    with_march = [f"nhiem-vu-{n}.js" for n, c in enumerate(chunks) if any(r[6] and r[6].startswith("2024-03")
                                                                          for r in c["t"])]
    assert run_chunks(page) == with_march
    # a kind of body that leads tasks not done in some documents only, as the build wrote the chunks
    def expected(kind: int) -> list[tuple[str, str]]:
        return sorted((c["d"][r[0]][1], r[1]) for c in chunks for r in c["t"] if kind in r[9]
                      and not (r[8] and core["states"][r[8][0]][0] == "da-hoan-thanh"))

    def leading(kind: int) -> set[str]:
        return {f"nhiem-vu-{n}.js" for n, c in enumerate(chunks) if any(kind in r[9] for r in c["t"])}

    index = next(k for k in range(len(core["kinds"])) if expected(k) and len(leading(k)) < len(chunks))
    kind = core["kinds"][index][0]
    page.goto(url(status_sites, "http", f"theo-doi/?loai-co-quan={kind}&tinh-trang=chua-xong"))
    rows = tracker_rows(page)
    assert sorted((r["doc"], r["number"]) for r in rows) == expected(index)
    assert all(r["state"] != "da-hoan-thanh" for r in rows)
    assert page.input_value("select[name=loai-co-quan]") == kind
    assert set(run_chunks(page)) == leading(index)


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
    # a count's axis writes its thousands as the site does (1.500), not as Chart.js's default locale (1,500)
    axes = page.evaluate("""() => Object.values(window.vbTinhHinhCharts).flatMap(c => Object.values(c.scales)
        .filter(s => s.type === "linear").map(s => s.options.ticks.callback.call(s, 1500, 0, [])))""")
    assert axes and set(axes) == {"1.500"}
    # the month chart: its first bar holds the overdue tasks; its "Đang thực hiện" part is 215 1.b and 241 1
    x, y, value = bar(page, "vb-theo-thang", 1, 0)
    assert value == 2
    page.mouse.move(x, y)
    with page.expect_navigation():
        page.mouse.click(x, y)
    rows = tracker_rows(page)
    assert "theo-doi/" in page.url
    assert parse_qs(urlsplit(page.url).query) == {"thoi-han": ["qua-han"], "tinh-trang": ["dang-thuc-hien"]}
    assert len(rows) == value and all(r["late"] and r["state"] == "dang-thuc-hien" for r in rows)


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_on_a_phone_the_dashboard_lists_localities_and_kinds_as_cards_each_number_named(browser, status_sites,
                                                                                        size: str) -> None:
    """A row of the tables by locality and by kind of body is a card on a phone: its name, then each number beside
    its column's name, nothing wider than the screen; on a wide screen, and for the months' short rows, a table."""
    context = browser.new_context(viewport=VIEWPORTS[size])
    page = context.new_page()
    at(page, "2024-07-15")
    page.goto(url(status_sites, "http", "tinh-hinh/"))
    page.wait_for_selector("#vb-tinh-hinh[data-ready]")
    tables = page.evaluate("""() => [...document.querySelectorAll('#vb-tinh-hinh table.vb-chart-data')].map(t => ({
        cards: t.classList.contains('vb-chart-data--cards'),
        row: getComputedStyle(t.querySelector('tbody tr')).display,
        heads: [...t.querySelectorAll('thead th')].map(th => th.textContent),
        named: [...t.querySelector('tbody tr').querySelectorAll('td')].map(td =>
            (c => (c.match(/^"([^"]*)"/) || [, c])[1])(getComputedStyle(td, '::before').content)),  // "Tổng" / ""
        fits: t.parentElement.scrollWidth <= t.parentElement.clientWidth + 1,
        right: Math.max(...[...t.querySelectorAll('tr')].map(r => r.getBoundingClientRect().right))}))""")
    assert [t["cards"] for t in tables] == [True, True, False, False]  # localities, kinds; months, deadlines
    width = VIEWPORTS[size]["width"]
    for t in tables:
        assert t["fits"] and t["right"] <= width, t
        if t["cards"] and size == "phone":
            assert t["row"] == "grid"
            assert t["named"] == t["heads"][1:]  # "Đã hoàn thành", ..., "Quá hạn", "Tổng"
        else:
            assert t["row"] == "table-row" and all(n in ("none", "") for n in t["named"])
    context.close()


@pytest.mark.parametrize("mode", ["http"])
def test_every_count_of_the_dashboard_tables_opens_as_many_tasks_in_the_tracker(page, status_sites, mode: str) -> None:
    at(page, "2024-07-15")
    page.goto(url(status_sites, mode, "tinh-hinh/"))
    page.wait_for_selector("#vb-tinh-hinh[data-ready]")
    links = page.eval_on_selector_all("#vb-tinh-hinh table.vb-chart-data a, .vb-tiles a",
                                      "as => as.map(a => [a.href, a.querySelector('.vb-tile__n') ? "
                                      "a.querySelector('.vb-tile__n').textContent : a.textContent])")
    assert len(links) > 20
    for href, count in links:
        page.goto(href)
        assert len(tracker_rows(page)) == int(count), href


@pytest.mark.parametrize("day", ["2024-02-01", "2024-07-15", "2025-06-01"])
def test_one_overdue_rule_for_the_document_page_the_tracker_and_the_dashboard(page, status_sites, day: str) -> None:
    at(page, day)
    page.goto(url(status_sites, "http", "tinh-hinh/"))
    page.wait_for_selector("#vb-tinh-hinh[data-ready]")
    tile = int(page.inner_text(".vb-tile--qua-han .vb-tile__n"))
    page.goto(url(status_sites, "http", "theo-doi/?thoi-han=qua-han"))
    in_tracker = sorted((r["doc"], r["number"]) for r in tracker_rows(page))
    on_pages = []
    for doc, number in (("official-header-party", "215-TB/ThU"), ("ket-luan-da-lat-2024", "241-KL/ThU"),
                        ("003-f63d29f789b56af6", "003")):
        page.goto(url(status_sites, "http", f"van-ban/{doc}/"))
        on_pages += [(number, n) for n in overdue_numbers(page)]
    assert tile == len(in_tracker) == len(on_pages)
    assert in_tracker == sorted(on_pages)


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_axe_finds_no_serious_violation_on_the_dashboard_and_the_tracker(browser, status_sites, size: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=VIEWPORTS[size])
    page = context.new_page()
    at(page, "2024-07-15")
    for path, ready in (("tinh-hinh/", "#vb-tinh-hinh[data-ready]"), ("theo-doi/?tinh-trang=chua-xong",
                                                                       "#vb-theo-doi[data-ready]"),
                        (f"van-ban/{EARLIER}/", "table:has(.vb-tasks-mark)")):
        page.goto(url(status_sites, "http", path))
        page.wait_for_selector(ready)
        results = Axe().run(page)
        serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], (path, results.generate_report())
    context.close()


def test_the_charting_library_is_served_with_the_site(status_sites: Sites) -> None:
    for site in ("status", "status-offline"):
        lib = Path(status_sites.root / site / "assets" / "vendor" / "chartjs" / "chart.umd.min.js")
        assert lib.read_text(encoding="utf-8").startswith("/*!\n * Chart.js v4")


@pytest.mark.parametrize("width", [1280, 800, 744, 720])
def test_on_a_wide_screen_the_trackers_columns_share_its_width_none_squeezed_to_a_word_a_line(
        browser, status_sites, width: int) -> None:
    """Eight columns in a desktop's width, down to a tablet held upright (an iPad mini is 744 px wide; below 720 the
    tasks are cards): the table fits it, the bodies that support a task keep a few words a line, and the overdue
    mark sits beside the date (free to take the next line), not inside it (where it widened the deadline's column
    by its width)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    at(page, "2024-07-15")
    page.goto(url(status_sites, "http", "theo-doi/"))
    page.wait_for_selector("#vb-theo-doi tbody tr")
    seen = page.evaluate("""() => { const t = document.querySelector('#vb-theo-doi table');
        const w = t.closest('.md-typeset__scrollwrap') || t.parentElement;
        const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
        return { fits: w.scrollWidth <= w.clientWidth + 1,
          widths: [w.scrollWidth, w.clientWidth, [...t.querySelectorAll('thead th')]
            .map(th => Math.round(th.getBoundingClientRect().width))],
          support: [...t.querySelectorAll('td.vb-col-support')].filter(td => td.textContent.trim())
            .map(td => td.getBoundingClientRect().width / rem),
          late: [...t.querySelectorAll('td.vb-col-deadline .vb-badge--late')]
            .map(b => !!b.closest('.vb-deadline')) }; }""")
    assert seen["fits"], seen["widths"]
    assert seen["support"] and min(seen["support"]) >= (4.5 if width >= 800 else 4), seen["support"]
    assert seen["late"] and not any(seen["late"])
    context.close()
