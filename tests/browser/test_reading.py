"""Reading the archive on a phone (390×844) and on a desktop (1280×900): task tables, the tracker, phrase
search, the header's search, and what axe-core finds. The site is the seeds with the cross-link fixtures
(``crosslink``), served under a sub-path."""

from __future__ import annotations

import itertools
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from build_scripts.site import build
from build_scripts.vietnamese import slugify
from build_scripts.writers import search as index
from build_scripts.writers.feeds import due_day

from .conftest import card_text, draw_all
from .test_search import folded, marks, result_ids, run

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
WITH_DEADLINES = "001-2838a921977e7631"  # tasks with a lead, supports and deadlines
NO_SUPPORT_NO_DEADLINE = "003-f63d29f789b56af6"  # 18 tasks, none with a support or a deadline
BODY = "ban-dan-van--da-lat"  # the Ban Dân vận of Đà Lạt's party committee


@pytest.fixture(params=list(VIEWPORTS))
def screen(request, browser, sites, watch):
    """A page at one of the two sizes, watched like the ``page`` fixture's."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    pg = context.new_page()
    pg.on("pageerror", lambda e: watch.problems.append(f"script error: {e}"))
    pg.on("console", lambda m: m.type == "error" and watch.problems.append(f"console: {m.text}"))
    pg.vb_size = request.param
    yield pg
    context.close()
    assert watch.problems == []


def url(sites, path: str) -> str:
    return sites.base("crosslink", "http") + path


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def seen_whole(page, part) -> bool:
    """Visible, and within the page's width: no sideways scroll is needed to read it."""
    part.scroll_into_view_if_needed()
    box = part.bounding_box()
    return part.is_visible() and bool(box) and box["x"] >= 0 and \
        box["x"] + box["width"] <= page.viewport_size["width"] + 0.5


# --- a document's task table -------------------------------------------------------------------------


def test_a_task_lead_and_deadline_are_seen_without_scrolling_sideways(screen, sites) -> None:
    screen.goto(url(sites, f"van-ban/{WITH_DEADLINES}/#nhiem-vu"))
    table = "table:has(.vb-tasks-mark)"
    row = screen.locator(f"{table} tbody tr:has(.vb-deadline)").first
    lead = row.locator("td:has(a[href*='co-quan/'])").first
    deadline = row.locator(".vb-deadline")
    assert seen_whole(screen, lead) and seen_whole(screen, deadline)
    assert no_horizontal_scroll(screen)
    # the wrapper the theme puts around tables does not scroll either: the table fits the page
    assert screen.evaluate(f"""() => {{ const t = document.querySelector('{table}');
        const w = t.closest('.md-typeset__scrollwrap') || t; return w.scrollWidth <= w.clientWidth + 1; }}""")
    cell = row.locator("td:has(.vb-deadline)")
    if screen.vb_size == "phone":  # a card: its lines say what they are
        assert card_text(cell).startswith("Thời hạn: ")
        assert card_text(lead).startswith(("Chủ trì: ", "Thực hiện: ", "Chủ trì / thực hiện: "))
        assert not screen.locator(f"{table} thead").first.is_visible() or \
            screen.evaluate(f"document.querySelector('{table} thead').getBoundingClientRect().height <= 1")
    else:  # a table: the headings say it, the cells need no label
        assert card_text(cell) == " ".join(cell.inner_text().split())
        assert screen.locator(f"{table} thead th").count() >= 4
    # the label is the stylesheet's, not text in the page: a screen reader reads the column's heading, once
    assert "Thời hạn" not in cell.text_content()


HEADS = "table:has(.vb-tasks-mark) thead th"


def test_columns_empty_for_the_whole_document_are_left_out(screen, sites) -> None:
    screen.goto(url(sites, f"van-ban/{NO_SUPPORT_NO_DEADLINE}/"))
    heads = screen.eval_on_selector_all(HEADS, "ths => ths.map(t => t.textContent.trim())")
    assert heads[:2] == ["Số", "Nội dung"] and len(screen.locator("table:has(.vb-tasks-mark) tbody tr").all()) >= 10
    assert not {"Phối hợp", "Thời hạn"} & set(heads)
    screen.goto(url(sites, f"van-ban/{WITH_DEADLINES}/"))
    heads = screen.eval_on_selector_all(HEADS, "ths => ths.map(t => t.textContent.trim())")
    assert {"Phối hợp", "Thời hạn"} <= set(heads)


def test_the_trackers_rows_are_labelled_cards_on_a_phone(screen, sites) -> None:
    """The tracker draws its rows in the task tables' markup: on a phone, each line of a card says what it is."""
    screen.goto(url(sites, "theo-doi/"))
    screen.wait_for_selector("#vb-theo-doi tbody tr")
    row = screen.locator("#vb-theo-doi tbody tr:has(.vb-deadline)").first
    lead, deadline = row.locator("td.vb-col-lead"), row.locator("td.vb-col-deadline")
    if screen.vb_size == "phone":
        assert card_text(lead).startswith("Chủ trì / thực hiện: ")
        assert card_text(deadline).startswith("Thời hạn: ")
        assert card_text(row.locator("td.vb-col-number")).startswith("· nhiệm vụ ")  # unchanged: not a label
    else:
        assert card_text(lead) == " ".join(lead.inner_text().split())
    assert "Thời hạn" not in deadline.text_content()
    assert no_horizontal_scroll(screen)


# --- document listings -------------------------------------------------------------------------------


def shown_line(row) -> str:
    """A listing row's facts as a reader sees them: each shown cell but the title, with what the stylesheet writes
    after it (the dots between, "nhiệm vụ" after the count), spaces collapsed."""
    return row.evaluate("""r => Array.from(r.querySelectorAll('td:not(.vb-d-title)'))
        .filter(c => getComputedStyle(c).display !== 'none')
        .map(c => { const after = /^"((?:[^"\\\\]|\\\\.)*)"/.exec(getComputedStyle(c, '::after').content);
                    return c.innerText + (after ? ' ' + after[1] : ''); })
        .join(' ').split(/\\s+/).join(' ').trim()""")


def test_a_localitys_documents_are_cards_on_a_phone(screen, sites) -> None:
    """A locality's page lists its documents without a column that would say its name on every row; on a phone
    each is a card: its title first, seen whole, then its date, type and count of tasks on a line."""
    screen.goto(url(sites, "dia-phuong/da-lat/"))
    table = "table:has(.vb-docs-mark)"
    heads = screen.eval_on_selector_all(f"{table} thead th", "ths => ths.map(t => t.textContent.trim())")
    assert heads == ["Ngày", "Văn bản", "Loại", "Nhiệm vụ"]
    row = screen.locator(f"{table} tbody tr").first
    title, date = row.locator("td.vb-d-title a"), row.locator("td.vb-d-date")
    assert seen_whole(screen, title) and no_horizontal_scroll(screen)
    tasks = row.locator("td.vb-d-tasks").inner_text().strip()
    if screen.vb_size == "phone":
        assert title.bounding_box()["y"] < date.bounding_box()["y"]  # the title leads the card
        assert re.fullmatch(rf"\d\d/\d\d/\d{{4}} · (Kết luận|Thông báo kết luận|Thông báo) · {tasks} nhiệm vụ",
                            shown_line(row)), shown_line(row)
    else:  # a table: its headings say what each cell is, beside the title
        assert row.locator("td.vb-d-title").bounding_box()["y"] == date.bounding_box()["y"]
        assert shown_line(row).split()[-1] == tasks
    # "nhiệm vụ" is the stylesheet's word, not the page's: a screen reader reads the heading, once
    assert row.locator("td.vb-d-tasks").text_content().strip() == tasks and tasks.isdigit()


@pytest.mark.parametrize("path", ["co-quan/ban-dan-van/", "dan-chieu/"])
def test_a_table_of_a_few_columns_fits_a_phone(screen, sites, path: str) -> None:
    """A kind's bodies by locality and the cited documents: every column in sight, the last one too."""
    screen.goto(url(sites, path))
    table = screen.locator("article table").first
    last = table.locator("thead th").last
    assert seen_whole(screen, last) and no_horizontal_scroll(screen)
    assert table.evaluate("t => { const w = t.closest('.md-typeset__scrollwrap') || t; "
                          "return w.scrollWidth <= w.clientWidth + 1; }")
    if path == "dan-chieu/":  # a symbol is read whole: "05-CT/TW", never "05-" over "CT/TW"
        assert screen.eval_on_selector_all("article table td:first-child > a",
                                           "as => as.length > 0 && as.every(a => a.getClientRects().length === 1)")


# --- the tracker ----------------------------------------------------------------------------------------


def ready(page, expected: str | None = None) -> None:
    page.wait_for_selector("#vb-theo-doi[data-ready]")
    if expected is not None:
        assert page.get_attribute("#vb-theo-doi", "data-ready") == expected


def test_the_tracker_shows_lead_and_deadline_without_scrolling_sideways(screen, sites) -> None:
    screen.clock.set_fixed_time("2024-01-15T09:00:00")
    screen.goto(url(sites, "theo-doi/?thoi-han=sau"))
    ready(screen)
    row = screen.locator("#vb-theo-doi tbody tr:has(.vb-deadline)").first
    assert seen_whole(screen, row.locator("td.vb-col-lead")) and seen_whole(screen, row.locator("td.vb-col-deadline"))
    assert no_horizontal_scroll(screen)


def rows(page) -> list[dict]:
    draw_all(page)
    return page.eval_on_selector_all("#vb-theo-doi tbody tr", """rows => rows.map(r => ({
        locality: (r.querySelector('.vb-col-locality') || {}).textContent || '',
        bodies: Array.from(r.querySelectorAll('.vb-col-lead a, .vb-col-support a')).map(a => a.getAttribute('href')),
        iso: (r.querySelector('[data-iso]') || { dataset: {} }).dataset.iso || '',
        late: !!r.querySelector('.vb-badge--late'), state: r.className }))""")


def test_filters_round_trip_through_the_address(screen, sites) -> None:
    query = "dia-phuong=" + quote("Đà Lạt") + "&thoi-han=khong-han"
    screen.goto(url(sites, f"theo-doi/?{query}"))
    ready(screen, "dia-phuong=Đà Lạt&thoi-han=khong-han")
    assert screen.input_value("select[name=dia-phuong]") == "Đà Lạt"
    assert screen.input_value("select[name=thoi-han]") == "khong-han"
    found = rows(screen)
    assert found and all(r["locality"].endswith("Đà Lạt") and not r["iso"] for r in found)
    # a change goes into the address; the address, opened anew, gives the same rows
    if not screen.locator("select[name=nam]").is_visible():
        screen.click(".vb-filters-box > summary")  # folded on a phone
    screen.select_option("select[name=thoi-han]", "")
    screen.select_option("select[name=loai]", "Kết luận")
    ready(screen, "dia-phuong=Đà Lạt&loai=Kết luận")
    assert parse_qs(urlsplit(screen.url).query) == {"dia-phuong": ["Đà Lạt"], "loai": ["Kết luận"]}
    chosen = rows(screen)
    screen.goto(screen.url)
    ready(screen, "dia-phuong=Đà Lạt&loai=Kết luận")
    assert rows(screen) == chosen and chosen


@pytest.mark.parametrize(("today", "late"), [("2024-01-15", True), ("2023-06-01", False)])
def test_overdue_rows_follow_the_readers_date(screen, sites, today: str, late: bool) -> None:
    screen.clock.set_fixed_time(f"{today}T09:00:00")
    screen.goto(url(sites, "theo-doi/"))
    ready(screen)
    found = [r for r in rows(screen) if r["iso"]]
    november = [r for r in found if r["iso"] == "2023-11"]  # due on 30/11/2023
    assert november and all(r["late"] is late for r in november)
    later = [r for r in found if r["iso"] >= "2024-06"]
    assert later and not any(r["late"] for r in later)
    screen.goto(url(sites, "theo-doi/?thoi-han=qua-han"))
    ready(screen)
    overdue = rows(screen)
    assert all(r["late"] and due_day(r["iso"]).isoformat() < today for r in overdue)
    assert len(overdue) == sum(1 for r in found if due_day(r["iso"]).isoformat() < today) and (overdue or not late)


def test_a_body_page_links_to_its_overdue_tasks(screen, sites) -> None:
    screen.clock.set_fixed_time("2025-01-01T09:00:00")
    screen.goto(url(sites, f"co-quan/{BODY}/"))
    with screen.expect_navigation():
        screen.click("article a:has-text('các nhiệm vụ đã quá hạn')")
    ready(screen, f"co-quan={BODY}&thoi-han=qua-han")
    found = rows(screen)
    assert found and all(r["late"] and any(f"co-quan/{BODY}/" in h for h in r["bodies"]) for r in found)
    screen.wait_for_selector("#vb-theo-doi[data-bodies]")
    assert screen.input_value("input[name=co-quan]").startswith("Ban Dân vận")  # shown by its name


# --- search -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("q", "source"), [("215/TB-ThU", "official_header_party"),
                                           ("45-TB/UBND", "ubnd_agency_groups")])
def test_a_number_matches_with_either_separator(screen, sites, q: str, source: str) -> None:
    """"215/TB-ThU" finds the document numbered 215-TB/ThU (and those citing it), as the number itself does."""
    written = {"215/TB-ThU": "215-TB/ThU", "45-TB/UBND": "45/TB-UBND"}[q]
    run(screen, sites.search("crosslink", "http", written))
    as_written = result_ids(screen)
    run(screen, sites.search("crosslink", "http", q))
    assert slugify(source) in result_ids(screen) and result_ids(screen) == as_written
    assert index.symbol_key(marks(screen)[0]) == index.symbol_key(q)


PHRASE_TEXTS = {  # each pair: the words as a phrase, and the same words apart
    "giai-ngan.txt": "KẾT LUẬN\ncủa Thường trực Huyện ủy về đầu tư công\n\n"
                     "1. Ủy ban nhân dân huyện đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2024.\n",
    "ngan-sach.txt": "KẾT LUẬN\ncủa Thường trực Huyện ủy về thu chi\n\n"
                     "1. Giải quyết dứt điểm kiến nghị của cử tri; bảo đảm nguồn ngân sách cho trường học.\n",
    "qua-han.txt": "KẾT LUẬN\ncủa Thường trực Huyện ủy về cải cách hành chính\n\n"
                   "1. Văn phòng Ủy ban nhân dân huyện xử lý dứt điểm các hồ sơ đã quá hạn.\n",
    "han-che.txt": "KẾT LUẬN\ncủa Thường trực Huyện ủy về chuyển đổi số\n\n"
                   "1. Kết quả chuyển đổi số còn nhiều hạn chế; Phòng Văn hóa và Thông tin tham mưu khắc phục.\n",
}


@pytest.fixture(scope="module")
def phrases(sites, tmp_path_factory) -> str:
    """A site of four short texts, served beside the others (under /cum-tu/)."""
    source = tmp_path_factory.mktemp("cum-tu-src")
    for name, text in PHRASE_TEXTS.items():
        (source / name).write_text(text, encoding="utf-8")
    build.build(source, sites.root / "cum-tu")
    return "cum-tu"


@pytest.mark.parametrize(("words", "phrase", "apart"), [("giải ngân", "giai-ngan", "ngan-sach"),
                                                        ("quá hạn", "qua-han", "han-che")])
def test_quotes_match_the_phrase_and_neighbours_rank_first(screen, sites, phrases, words, phrase, apart) -> None:
    run(screen, sites.search(phrases, "http", words))
    assert result_ids(screen) == [phrase, apart]  # the words as neighbours first, then apart
    assert index.fold_token(words) in {index.fold_token(m) for m in marks(screen, 0)}  # one mark for both
    run(screen, sites.search(phrases, "http", f'"{words}"'))
    assert result_ids(screen) == [phrase]
    assert [index.fold_token(m) for m in marks(screen)] == [index.fold_token(words)]
    run(screen, sites.search(phrases, "http", f'"{" ".join(reversed(words.split()))}"'))
    assert result_ids(screen) == []


def test_a_quoted_phrase_on_the_seeds(screen, sites) -> None:
    run(screen, sites.search("crosslink", "http", '"dân vận khéo"'))
    found = result_ids(screen)
    assert found
    for nth in range(len(found)):
        assert "dan van kheo" in {index.fold_token(m) for m in marks(screen, nth)}
    assert folded(marks(screen)) <= {"dan", "van", "kheo"}


def test_the_header_search_opens_the_search_page_ready_to_type(screen, sites) -> None:
    screen.goto(url(sites, f"van-ban/{WITH_DEADLINES}/"))
    if screen.vb_size == "phone":
        assert not screen.locator("form.vb-search input[name=q]").is_visible()  # only its button
    with screen.expect_navigation():
        screen.click("form.vb-search button")
    screen.wait_for_selector("#vb-q")
    assert urlsplit(screen.url).path.endswith("/tim-kiem/")
    assert screen.evaluate("document.activeElement && document.activeElement.id") == "vb-q"
    assert "Nhập từ cần tìm" in screen.inner_text("#vb-status")


def test_the_facets_fold_above_the_results_on_a_phone(screen, sites) -> None:
    run(screen, sites.search("crosslink", "http", "nhiem vu"))
    box = screen.locator("#vb-facets-box")
    results = screen.locator("#search-results")
    assert box.bounding_box()["y"] < results.bounding_box()["y"] or screen.vb_size == "desktop"
    assert screen.evaluate("document.getElementById('vb-facets-box').open") is (screen.vb_size == "desktop")
    if screen.vb_size == "phone":
        assert box.bounding_box()["height"] < 80  # folded: the results come right after it


# --- accessibility ------------------------------------------------------------------------------------------

PAGES = {
    "home": ("", None),
    "document": (f"van-ban/{WITH_DEADLINES}/", None),
    "tracker": ("theo-doi/", "#vb-theo-doi[data-ready]"),
    "search": ("tim-kiem/?q=" + quote('"dân vận" 340/TB-TU'), "#search-results[data-query]"),
    "body": (f"co-quan/{BODY}/", None),
    "locality": ("dia-phuong/da-lat/", None),  # a document listing: cards on a phone
    "cited": ("dan-chieu/", None),  # a plain table of a few columns
}


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_violation(screen, sites, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    path, wait_for = PAGES[name]
    screen.goto(url(sites, path))
    if wait_for:
        screen.wait_for_selector(wait_for)
    results = Axe().run(screen)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], results.generate_report()


def test_headings_never_skip_a_level(screen, sites) -> None:
    for path in (f"van-ban/{WITH_DEADLINES}/", f"van-ban/{NO_SUPPORT_NO_DEADLINE}/", "", "theo-doi/"):
        screen.goto(url(sites, path))
        levels = screen.eval_on_selector_all("article :is(h1, h2, h3, h4, h5, h6)",
                                             "hs => hs.map(h => Number(h.tagName[1]))")
        assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels)), (path, levels)


def test_every_control_shows_its_focus(screen, sites) -> None:
    screen.goto(url(sites, "theo-doi/"))
    ready(screen)
    seen = []
    for _ in range(25):
        screen.keyboard.press("Tab")
        style = screen.evaluate("""() => { const e = document.activeElement; if (!e || e === document.body) return null;
            const s = getComputedStyle(e); const r = e.getBoundingClientRect();
            return { tag: e.tagName + '#' + e.id + '.' + e.className,
                     outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                     shadow: s.boxShadow !== 'none', size: r.width * r.height }; }""")
        if style:
            seen.append(style)
    assert seen and all(s["size"] > 0 for s in seen)  # no invisible Tab stop
    assert all(s["outline"] or s["shadow"] for s in seen), [s for s in seen if not (s["outline"] or s["shadow"])]


def test_no_english_is_left_in_the_interface(screen, sites) -> None:
    english = re.compile(r"\b(Made with|Permanent link|Back to top|Search|Skip to content|Table of contents|"
                         r"Previous|Next|Copy to clipboard|Initializing|Type to start)\b")
    for path in ("", f"van-ban/{WITH_DEADLINES}/", "theo-doi/", "tim-kiem/"):
        screen.goto(url(sites, path))
        texts = screen.evaluate("""() => [document.body.innerText, ...Array.from(document.querySelectorAll(
            '[title], [aria-label], [placeholder]')).flatMap(e => [e.title, e.getAttribute('aria-label'),
            e.getAttribute('placeholder')])].filter(Boolean).join('\\n')""")
        assert not english.search(texts), (path, english.findall(texts))


# --- the signatures -----------------------------------------------------------------------------------------

MINUTES_END = ("BIÊN BẢN\nCuộc họp về giải phóng mặt bằng\n\nI. KẾT LUẬN CỦA CHỦ TRÌ\n\n"
               "1. Giao Phòng Tài nguyên và Môi trường rà soát hồ sơ, xong trước ngày 30/11/2024.\n\n"
               "Cuộc họp kết thúc vào lúc 16 giờ cùng ngày, biên bản được lập thành 06 bản./.\n\n"
               "THƯ KÝ\tCHỦ TRÌ CUỘC HỌP\n\tPHÓ CHỦ TỊCH UBND HUYỆN\n\n(Đã ký)\t(Đã ký)\n\n"
               "Nguyễn Thị Hoa\tPhan Văn Quang\n")


def test_the_minutes_two_signatures_stand_as_on_paper(screen) -> None:
    """The secretary's signature on the left and the chair's on the right, side by side where the screen is
    wide enough; on a phone the chair's goes under it, still on the right, and nothing scrolls sideways. The
    page's own stylesheet on the writer's HTML."""
    from build_scripts.pipeline.convert import document_from_source
    from build_scripts.pipeline.read import read_bytes
    from build_scripts.writers.pages.markdown import render_body

    doc = document_from_source(read_bytes("t.txt", MINUTES_END.encode()), "t")
    body = render_body(doc.blocks, {}, lambda link: link, {})
    css = (build.ROOT / "docs" / "assets" / "luu-tru.css").read_text(encoding="utf-8")
    page = f"<style>{css} body {{ margin: 0 }}</style><article class='md-typeset' style='margin:0 16px'>"
    page += f"{body}</article>"
    screen.set_content(page)
    secretary = screen.locator(".vb-signatures > .vb-signature", has_text="Nguyễn Thị Hoa")
    chair = screen.locator(".vb-signatures > .vb-signature", has_text="Phan Văn Quang")
    assert secretary.count() == 1 and chair.count() == 1  # one row holding both, each once
    left, right = secretary.bounding_box(), chair.bounding_box()
    width = screen.viewport_size["width"]
    assert left["x"] + left["width"] <= right["x"] + 0.5 or left["y"] + left["height"] <= right["y"] + 0.5
    assert abs(right["x"] + right["width"] - (width - 16)) <= 1  # the chair's stands on the right
    assert left["x"] <= 16.5  # the secretary's on the left
    if screen.vb_size == "desktop":
        assert abs(left["y"] - right["y"]) <= 1  # side by side
    assert no_horizontal_scroll(screen)
