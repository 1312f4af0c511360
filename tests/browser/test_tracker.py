"""The tracker on an archive cut into many chunks of tasks (a chunk per document): in document order it
loads a chunk only when its rows are to be drawn, so that what a reader downloads does not grow with the
archive; the count it shows stays right; a filter still finds the rows of the last chunks; and a view sorted
by deadline reads every chunk that can match first. Over HTTP under a sub-path and from file://."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_scripts.site import build
from build_scripts.vietnamese import display_count
from build_scripts.writers.datascript import read_script
from build_scripts.writers.feeds import due_day
from build_scripts.writers.pages import tracker

from ..conftest import CROSSLINK_SOURCES
from .conftest import Sites, draw_all

MODES = ["http", "file"]
BATCH = 40  # theo-doi.js: rows drawn at a time


@pytest.fixture(scope="session")
def chunked(sites: Sites, tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """The cross-link archive with a chunk of tasks per document, for the web and for file://."""
    source = tmp_path_factory.mktemp("chunked-src")
    for path in CROSSLINK_SOURCES:
        shutil.copy(path, source / path.name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(tracker, "CHUNK_BYTES", 1)
        build.build(source, sites.root / "chunked")
        build.build(source, sites.root / "chunked-offline", offline=True)
    return sites


def url(sites: Sites, mode: str, query: str = "") -> str:
    if mode == "http":
        return sites.base("chunked", mode) + "theo-doi/" + (f"?{query}" if query else "")
    return sites.base("chunked-offline", mode) + "theo-doi/index.html" + (f"?{query}" if query else "")


def _pushed(path: Path) -> list:
    """What a data script pushes, as the tracker reads it (packed rows unpacked)."""
    return read_script(path.read_text(encoding="utf-8"))


def chunks_of(sites: Sites) -> tuple[list[dict], dict]:
    """The tracker's chunks and core as the build wrote them."""
    folder = sites.root / "chunked" / "theo-doi"
    core = _pushed(folder / "chi-muc.js")[1]
    return [_pushed(folder / f"nhiem-vu-{n}.js")[2] for n in range(core["chunks"])], core


def read_chunks(page) -> list[int]:
    """The chunks the tracker has run (a <script> each), by number."""
    return sorted(int(s.split("-")[-1].split(".")[0]) for s in page.eval_on_selector_all(
        "script[src*='nhiem-vu-']", "ss => ss.map(s => s.getAttribute('src'))"))


def fetched_chunks(requests: list[str]) -> set[int]:
    """The chunks the browser asked for (a preload included)."""
    return {int(r.rsplit("nhiem-vu-", 1)[1].split(".")[0]) for r in requests if "/nhiem-vu-" in r}


def prefix_for(sizes: list[int], rows: int) -> int:
    """How many chunks, from the first, hold ``rows`` rows (all of them when they hold fewer)."""
    held = 0
    for k, size in enumerate(sizes, 1):
        held += size
        if held >= rows:
            return k
    return len(sizes)


def drawn_rows(page) -> list[tuple[str, str]]:
    """The rows drawn, as "<document>/#<anchor>" (the task's link, online or offline) with their deadline."""
    found = page.eval_on_selector_all("#vb-theo-doi tbody tr", """rows => rows.map(r => [
        r.querySelector('.vb-col-number a').getAttribute('href'),
        (r.querySelector('[data-iso]') || { dataset: {} }).dataset.iso || ''])""")
    return [("{}/#{}".format(*re.search(r"van-ban/([^/#]+?)(?:/|\.html)?#(.+)$", href).groups()), iso)
            for href, iso in found]


def expected_rows(chunks: list[dict], keep=lambda row: True) -> list[tuple[str, str]]:
    """Rows in document order as hrefs end ("<document>/#<anchor>") with their deadline."""
    return [(f"{c['d'][r[0]][0]}/#{r[2]}", r[6] or "") for c in chunks for r in c["t"] if keep(r)]


@pytest.mark.parametrize("mode", MODES)
def test_the_default_view_loads_a_chunk_only_when_its_rows_are_asked_for(page, chunked, watch, mode: str) -> None:
    chunks, core = chunks_of(chunked)
    sizes = [len(c["t"]) for c in chunks]
    first = prefix_for(sizes, BATCH)
    assert first < len(chunks) - 1, "the archive must hold more chunks than the first screen needs"
    page.goto(url(chunked, mode))
    page.wait_for_selector("#vb-theo-doi[data-ready='']")
    page.wait_for_timeout(300)  # nothing more comes by itself
    assert read_chunks(page) == list(range(first))
    if mode == "http":
        assert fetched_chunks(watch.requests) == set(range(first))  # nothing else asked of the network
    assert page.get_attribute("#vb-theo-doi", "data-drawn") == str(BATCH)
    # the count is the archive's, from the core, though most chunks are not loaded
    assert page.inner_text(".vb-count") == f"Tất cả {display_count(core['total'])} nhiệm vụ. Cuộn xuống để xem tiếp."
    assert page.locator(".vb-count-all").is_hidden()  # nothing to count: the core knows the total
    assert not page.get_attribute("#vb-theo-doi", "data-complete")
    # more rows asked for: the next chunks come, and then one batch is kept ahead
    # the button pressed where it is (a pointer's click would scroll to it first, and scrolling near it asks too)
    page.eval_on_selector("#vb-theo-doi .vb-more", "b => b.click()")
    page.wait_for_function(f"""() => Number(document.querySelector('#vb-theo-doi').dataset.drawn) >= {2 * BATCH}
        && !document.querySelector('.vb-count').hasAttribute('aria-busy')""")
    drawn = int(page.get_attribute("#vb-theo-doi", "data-drawn"))
    assert read_chunks(page) == list(range(prefix_for(sizes, drawn + BATCH)))
    assert len(read_chunks(page)) > first
    # drawn to the end: every task once, in document order, the count unchanged
    draw_all(page)
    assert drawn_rows(page) == expected_rows(chunks)
    assert page.inner_text(".vb-count") == f"Tất cả {display_count(core['total'])} nhiệm vụ."
    assert page.get_attribute("#vb-theo-doi", "data-complete") == ""


@pytest.mark.parametrize("mode", MODES)
def test_a_filter_finds_rows_in_the_last_chunks_and_counts_them_when_asked(page, chunked, mode: str) -> None:
    chunks, core = chunks_of(chunked)
    wanted = [n for n, c in enumerate(chunks) if any(not r[6] for r in c["t"])]  # the summaries' "no deadline"
    matching = [sum(1 for r in chunks[n]["t"] if not r[6]) for n in wanted]
    first = prefix_for(matching, BATCH)
    assert first < len(wanted), "the first screen must leave a chunk that can match unread"
    expected = expected_rows(chunks, lambda r: not r[6])
    page.goto(url(chunked, mode, "thoi-han=khong-han"))
    page.wait_for_selector("#vb-theo-doi[data-ready='thoi-han=khong-han']")
    assert read_chunks(page) == wanted[:first]  # only chunks that can match, and only those the screen needs
    found = sum(matching[:first])
    count = page.inner_text(".vb-count")
    # the count says how far it got, not a total it does not know
    assert count.startswith(f"Đã thấy {found} nhiệm vụ khớp (đã xem {first}/{len(wanted)} phần dữ liệu")
    assert "chưa đếm hết" in count
    assert page.locator(".vb-count-all").is_visible()
    page.locator(".vb-count-all").focus()
    page.click(".vb-count-all")  # the reader asks for the count: every chunk that can match is read
    page.wait_for_selector("#vb-theo-doi[data-complete]")
    assert page.inner_text(".vb-count") == \
        f"{len(expected)} trong {display_count(core['total'])} nhiệm vụ khớp với bộ lọc. Cuộn xuống để xem tiếp."
    assert page.locator(".vb-count-all").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('vb-count')")  # focus is not lost
    assert read_chunks(page) == wanted
    draw_all(page)
    assert drawn_rows(page) == expected  # the last chunk's rows included
    assert any(not r[6] for r in chunks[wanted[-1]]["t"])


def test_scrolling_through_a_filtered_view_reads_on_and_completes_its_count(page, chunked) -> None:
    chunks, core = chunks_of(chunked)
    expected = expected_rows(chunks, lambda r: not r[6])
    page.goto(url(chunked, "http", "thoi-han=khong-han"))
    page.wait_for_selector("#vb-theo-doi[data-ready]")
    assert page.get_attribute("#vb-theo-doi", "data-drawn") == str(BATCH)
    page.evaluate("document.querySelector('#vb-theo-doi .vb-more').scrollIntoView()")  # the reader scrolls down
    page.wait_for_function(f"Number(document.querySelector('#vb-theo-doi').dataset.drawn) > {BATCH}")
    draw_all(page)  # and on: the chunks come as their rows are needed
    assert drawn_rows(page) == expected
    assert page.inner_text(".vb-count") == (f"{display_count(len(expected))} trong {display_count(core['total'])} "
                                            "nhiệm vụ khớp với bộ lọc.")


def test_a_view_sorted_by_deadline_draws_its_first_rows_once_no_unread_chunk_can_come_before(page, chunked) -> None:
    chunks, core = chunks_of(chunked)
    page.goto(url(chunked, "http", "sap-xep=thoi-han"))
    page.wait_for_selector("#vb-theo-doi[data-ready='sap-xep=thoi-han']")
    read = read_chunks(page)
    first = [iso for _href, iso in drawn_rows(page)]
    assert len(first) == BATCH
    # every chunk that holds a deadline due on or before the last row drawn has been read (every chunk with
    # a deadline when that row has none: here fewer than 40 tasks have one)
    last = due_day(first[-1]) if first[-1] else None
    for n, c in enumerate(chunks):
        if any(r[6] and (last is None or due_day(r[6]) <= last) for r in c["t"]):
            assert n in read, (n, read)
    assert page.inner_text(".vb-count").startswith(f"Tất cả {display_count(core['total'])} nhiệm vụ.")
    draw_all(page)
    isos = [iso for _href, iso in drawn_rows(page)]
    dated = [iso for iso in isos if iso]
    assert isos[:BATCH] == first  # the first screen kept its place
    assert len(isos) == core["total"] and dated == sorted(dated, key=due_day) and isos[: len(dated)] == dated
    # the same rows as every task sorted by deadline, then in document order
    everything = expected_rows(chunks)
    key = {row: (due_day(row[1]).isoformat() if row[1] else "9999", i) for i, row in enumerate(everything)}
    assert drawn_rows(page) == sorted(everything, key=key.__getitem__)


def body_rows(chunks: list[dict], bodies: dict, want: str) -> tuple[list[int], list[tuple[str, str]]]:
    """The chunks holding a row the body filter ``co-quan=<want>`` matches (a lead, body addressed or support
    that is the body, a body of the kind ``want``, or a group one is a member of), and those rows."""
    members = bodies["members"]

    def named(b: str) -> bool:
        return b == want or b.startswith(want + "--")

    def keep(row: list) -> bool:
        return any(p[1] and (named(p[1]) or any(named(m) for m in members.get(p[1], []))) for p in row[4] + row[5])

    return [n for n, c in enumerate(chunks) if any(keep(r) for r in c["t"])], expected_rows(chunks, keep)


@pytest.mark.parametrize("mode", MODES)
def test_a_body_filter_reads_only_the_chunks_holding_that_bodys_tasks(page, chunked, watch, mode: str) -> None:
    chunks, core = chunks_of(chunked)
    bodies = _pushed(chunked.root / "chunked" / "theo-doi" / "co-quan.js")[1]
    # a body, and a kind (its id stands for its bodies), each named in some chunks but not all
    held = {want: body_rows(chunks, bodies, want) for want in
            [*bodies["bodies"], *{b.split("--")[0] for b in bodies["bodies"]}]}
    cases = sorted((w for w, (ns, _rows) in held.items() if 0 < len(ns) < len(chunks) // 2),
                   key=lambda w: (-len(held[w][0]), w))
    body = next(w for w in cases if w in bodies["bodies"] and "--" in w)
    kind = next(w for w in cases if w not in bodies["bodies"])
    for want in (body, kind):
        wanted, expected = held[want]
        watch.requests.clear()
        page.goto(url(chunked, mode, f"co-quan={want}"))
        page.wait_for_selector(f"#vb-theo-doi[data-ready='co-quan={want}']")
        draw_all(page)
        assert read_chunks(page) == wanted, want  # not one chunk without its rows
        if mode == "http":
            # nothing else asked of the network, but the first chunk, which the page preloads whatever the view
            assert fetched_chunks(watch.requests) - {0} == set(wanted) - {0}
        assert drawn_rows(page) == expected  # every row of the body, in document order
        assert page.inner_text(".vb-count") == (f"{display_count(len(expected))} trong {display_count(core['total'])} "
                                                "nhiệm vụ khớp với bộ lọc.")


def test_the_browser_writes_a_count_as_the_build_does(page, chunked) -> None:
    """Every count the scripts write (the tracker's, the search's, the dashboard's, a body's overdue tasks) groups
    its thousands by dots, as the pages the build writes do: "188.340 nhiệm vụ", never "188340" or "188,340"."""
    page.goto(url(chunked, "http"))
    numbers = [0, 7, 999, 1000, 12097, 188340, 1000000]
    assert page.evaluate("ns => ns.map(n => window.vbTinhTrang.count(n))", numbers) == list(map(display_count, numbers))
