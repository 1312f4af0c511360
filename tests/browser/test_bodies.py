"""A body by any of its names, in a real browser: the tracker's body filter and the search's synonyms
("MTTQ", "Mặt trận Tổ quốc", "mat tran" and "Ủy ban MTTQ" are one body)."""

from __future__ import annotations

import pytest

from build_scripts.writers import search as index

from .conftest import draw_all
from .test_search import result_ids, run

FRONT_NAMES = ["mat tran", "MTTQ", "Ủy ban MTTQ", "uỷ ban mặt trận tổ quốc", "Mặt trận Tổ quốc Việt Nam", "UBMTTQ"]


def filtered(page, q: str) -> dict[str, list[str]]:
    """Every row once the body filter holds ``q``: task link -> the names in its lead and support cells."""
    page.fill("input[name=co-quan]", q)
    page.wait_for_function("q => document.querySelector('#vb-theo-doi').getAttribute('data-ready') === q",
                           arg=f"co-quan={q.strip()}" if q.strip() else "")
    draw_all(page)
    rows = page.eval_on_selector_all(
        "#vb-theo-doi tbody tr",
        "rows => rows.map(r => [r.querySelector('.vb-col-number a').getAttribute('href'),"
        " Array.from(r.querySelectorAll('.vb-col-lead a, .vb-col-support a')).map(a => a.textContent.trim())])")
    return {href: names for href, names in rows}


def open_tracker(page, sites) -> None:
    page.goto(sites.base("crosslink", "http") + "theo-doi/")
    page.wait_for_selector("#vb-theo-doi[data-bodies]")  # the names the filter understands have loaded


def test_the_tracker_filter_gives_the_same_tasks_for_every_name_of_the_front(page, sites) -> None:
    open_tracker(page, sites)
    everything = filtered(page, "")
    found = {q: filtered(page, q) for q in FRONT_NAMES}
    tasks = found["MTTQ"]
    assert 0 < len(tasks) < len(everything)
    for q, rows in found.items():
        assert rows.keys() == tasks.keys(), q
    written = {n for names in tasks.values() for n in names}
    # names as the texts write them, in several localities, and a group the Front is a member of
    assert {"MTTQ", "Mặt trận Tổ quốc", "UBMTTQ Việt Nam thị xã", "Mặt trận và các đoàn thể CT-XH thị xã"} <= written
    literal = {href for href, names in everything.items() if any("MTTQ" in n for n in names)}
    assert literal < tasks.keys()  # more than the rows that spell it "MTTQ"


def test_the_tracker_filter_gives_the_same_tasks_for_ubnd_and_its_full_name(page, sites) -> None:
    open_tracker(page, sites)
    found = {q: filtered(page, q) for q in ("UBND", "uy ban nhan dan", "Uỷ ban nhân dân")}
    assert found["UBND"] and all(rows.keys() == found["UBND"].keys() for rows in found.values())
    written = {n for names in found["UBND"].values() for n in names}
    assert any(n.startswith("UBND") for n in written) and any(n.startswith(("Ủy ban", "Uỷ ban")) for n in written)
    # any other words look in the names as written and the bodies' full names
    partial = filtered(page, "phong noi vu")
    assert partial and all(any("Phòng Nội vụ" in n for n in names) for names in partial.values())


def marks_of(page, doc_id: str) -> list[str]:
    item = page.query_selector(f"#search-results li.vb-result[data-doc*='{doc_id}']")
    return [m.inner_text() for m in item.query_selector_all("mark")]


@pytest.mark.parametrize("mode", ["http", "file"])
def test_an_abbreviation_and_its_full_name_find_the_same_documents(page, sites, mode: str) -> None:
    found = {}
    for q in ("MTTQ", "Mặt trận Tổ quốc", "mat tran to quoc", "UBMTTQ", "Ủy ban MTTQ"):
        run(page, sites.search("archive", mode, q))
        found[q] = set(result_ids(page))
    assert len(found["MTTQ"]) == 3  # every seed: one of them never writes "MTTQ"
    assert all(ids == found["MTTQ"] for ids in found.values()), found
    run(page, sites.search("archive", mode, "MTTQ"))
    # the seed of Đức Phổ writes only "Mặt trận Tổ quốc": those words are what the excerpt marks
    assert {"mat", "tran", "to", "quoc"} <= {index.fold_token(w) for m in marks_of(page, "003-") for w in m.split()}
    run(page, sites.search("archive", mode, "Mặt trận Tổ quốc"))
    assert "MTTQ" in marks_of(page, "001-")  # and the other way round


def test_ubnd_and_its_full_name_find_the_same_documents(page, sites) -> None:
    found = {}
    for q in ("UBND", "Ủy ban nhân dân", "uy ban nhan dan"):
        run(page, sites.search("crosslink", "http", q))
        found[q] = set(result_ids(page))
    assert found["UBND"] and all(ids == found["UBND"] for ids in found.values())


def test_a_body_named_in_several_words_is_marked_only_where_the_whole_name_stands(page, sites) -> None:
    """"UBND" finds "Ủy ban nhân dân": its words are marked where they stand together, in order, not each
    wherever it is ("dân" of "công tác dân vận", "Ban" of "Ban Thường vụ", "ủy" of "Tỉnh ủy")."""
    run(page, sites.search("archive", "http", "UBND"))
    marks = page.eval_on_selector_all("#search-results mark", "ms => ms.map(m => m.textContent)")
    folded = [" ".join(index.fold_token(w) for w in m.split()) for m in marks]
    assert any("uy ban nhan dan" in m for m in folded), folded  # the seeds write the full name
    assert all(m == "ubnd" or "uy ban nhan dan" in m for m in folded), folded
