"""The search page, as a reader uses it, over HTTP under a sub-path and from file://."""

from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest

from build_scripts.pipeline.read import read_file
from build_scripts.writers import search as index

from ..conftest import SEEDS
from .conftest import follow

MODES = ["http", "file"]
DAN_VAN_KHEO = {"000-653b342cb6a7b0cd", "003-f63d29f789b56af6"}  # the seeds that say “Dân vận khéo”


def run(page, url: str) -> None:
    """Open a search URL and wait until its results, and their excerpts, are shown."""
    page.goto(url)
    wait(page, parse_qs(urlsplit(url).query).get("q", [""])[0])


def wait(page, q: str) -> None:
    """Null-safe: while a form submit navigates, the old page has no results list yet."""
    page.wait_for_function("q => document.querySelector('#search-results')?.getAttribute('data-query') === q", arg=q)
    page.wait_for_function("() => !document.querySelector('#search-results .vb-passage__text:not([data-loaded])')")


def result_ids(page) -> list[str]:
    return [re.sub(r"^van-ban/|/$", "", li.get_attribute("data-doc"))
            for li in page.query_selector_all("#search-results li.vb-result")]


def marks(page, nth: int = 0) -> list[str]:
    item = page.query_selector_all("#search-results li.vb-result")[nth]
    return [m.inner_text() for m in item.query_selector_all("mark")]


def folded(marked: list[str]) -> set[str]:
    """The words of the marked spans, folded (neighbouring words of the query are marked as one span)."""
    return {index.fold_token(w) for m in marked for w in m.split()}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("q", ["dan van kheo", "Dân vận khéo"])
def test_the_phrase_is_found_with_or_without_diacritics(page, sites, mode: str, q: str) -> None:
    run(page, sites.search("archive", mode, q))
    assert set(result_ids(page)) == DAN_VAN_KHEO
    for nth in range(2):
        assert {"dan", "van", "kheo"} <= folded(marks(page, nth))
        # the words stand next to each other in the text: one mark for the three
        assert "dan van kheo" in {index.fold_token(m) for m in marks(page, nth)}
    first = page.query_selector("#search-results li.vb-result .vb-passage")
    href = first.get_attribute("href")
    assert href.startswith(sites.base("archive", mode) + "van-ban/")
    assert re.search(r"/index\.html#[\w-]+$" if mode == "file" else r"/#[\w-]+$", href), href


@pytest.mark.parametrize("mode", MODES)
def test_a_cited_symbol_ranks_the_citing_document_first(page, sites, mode: str) -> None:
    run(page, sites.search("archive", mode, "340-TB/TU"))
    assert result_ids(page)[0].startswith("001-")
    assert "340-TB/TU" in marks(page)


@pytest.mark.parametrize("mode", MODES)
def test_the_signer_finds_the_document_she_signed(page, sites, mode: str) -> None:
    run(page, sites.search("archive", mode, "ngo thi my loi"))
    assert result_ids(page)[0].startswith("000-")
    assert {"ngo", "thi", "my", "loi"} <= folded(marks(page))


@pytest.mark.parametrize("mode", MODES)
def test_a_query_without_matches_says_so_in_vietnamese(page, sites, mode: str) -> None:
    run(page, sites.search("archive", mode, "xyzzy quux"))
    assert result_ids(page) == []
    said = "Không tìm thấy kết quả nào cho “xyzzy quux”"
    assert said in page.inner_text("#vb-status")  # the live region a screen reader announces
    assert page.inner_text(".vb-tim-kiem__main").count(said) == 1  # said once, not twice
    assert not page.is_visible("#vb-facets-box")  # no empty filter box beside it
    main, body = page.locator(".vb-tim-kiem__main").bounding_box(), page.locator(".vb-tim-kiem__body").bounding_box()
    assert main["width"] > 0.9 * body["width"]  # and the message is not squeezed into the box's column


@pytest.mark.parametrize("mode", MODES)
def test_the_header_box_leads_to_the_search_page(page, sites, mode: str) -> None:
    page.goto(sites.base("archive", mode) + ("index.html" if mode == "file" else ""))
    page.fill("form.vb-search input[name=q]", "dân vận khéo")
    with page.expect_navigation():
        page.press("form.vb-search input[name=q]", "Enter")
    wait(page, "dân vận khéo")
    assert page.url.startswith(sites.search("archive", mode) + "?q=")
    assert set(result_ids(page)) == DAN_VAN_KHEO


@pytest.mark.parametrize("mode", MODES)
def test_typing_searches_and_keeps_a_shareable_link(page, sites, mode: str) -> None:
    run(page, sites.search("archive", mode))
    assert "Nhập từ cần tìm" in page.inner_text("#vb-status")
    page.fill("#vb-q", "ngo thi my loi")
    wait(page, "ngo thi my loi")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["ngo thi my loi"]}
    shared = page.url
    ids = result_ids(page)
    run(page, shared)
    assert result_ids(page) == ids and ids[0].startswith("000-")
    assert page.input_value("#vb-q") == "ngo thi my loi"


def test_a_passage_link_opens_the_page_at_the_passage(page, sites) -> None:
    run(page, sites.search("archive", "http", "340-TB/TU"))
    follow(page, "#search-results .vb-passage >> nth=0")
    page.wait_for_load_state()
    url = urlsplit(page.url)
    assert url.path.startswith("/archive/van-ban/001-") and url.fragment
    assert page.query_selector(f"[id='{url.fragment}']") is not None
    assert "340-TB/TU" in page.inner_text(f"[id='{url.fragment}']")


def test_the_browser_tokenises_as_the_build_does(page, sites) -> None:
    run(page, sites.search("archive", "http", ""))
    for seed in SEEDS:
        text = read_file(seed).text
        expected = [{"words": [[w.text, w.folded] for w in c.words],
                     "symbol": [c.symbol.text, c.symbol.folded] if c.symbol else None} for c in index.chains(text)]
        assert page.evaluate("t => window.vbTimKiemTokens(t)", text) == expected, seed.name
    decomposed = unicodedata.normalize("NFD", "Đảng đang 08-NQ/ThU quả¹")
    assert page.evaluate("t => window.vbTimKiemTokens(t)", decomposed) == json.loads(json.dumps(
        [{"words": [[w.text, w.folded] for w in c.words], "symbol": [c.symbol.text, c.symbol.folded]
          if c.symbol else None} for c in index.chains(decomposed)]))


@pytest.mark.parametrize("typing", [False, True])
def test_the_browser_scores_as_lunr_does(page, sites, typing: bool) -> None:
    """tim-kiem.js scores a query itself, from the rows of its terms: every unit and score lunr.py gives."""
    from ..writers.search.test_index import assembled, search

    run(page, sites.search("archive", "http", ""))
    folder = sites.root / "archive" / index.OUT_DIR
    files = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.js")}
    for q in ("dan van kheo", "Dân vận khéo", "Đảng", "đang", "340-TB/TU", "08-NQ", "giải phóng mặt bằng", "nhiem vu",
              "ngo thi my loi", "xyzzy"):
        expected = {h["ref"]: h["score"] for h in search(assembled(files, q, typing)[0], q, typing)}
        got = dict(page.evaluate("([q, typing]) => window.vbTimKiemScores(q, typing)", [q, typing]))
        assert sorted(map(int, expected)) == sorted(got), q
        for ref, score in expected.items():
            assert got[int(ref)] == pytest.approx(score, rel=1e-9), (q, ref)


RANKING_QUERIES = ("dan van kheo", "Dân vận khéo", "Đảng", "đang", "340-TB/TU", "UBND", "Ủy ban nhân dân", "MTTQ",
                   "giải phóng mặt bằng", "giai phong mat bang", "nhiem vu", "kết luận", "thường trực", "ngân sách nhà",
                   "\"dân vận\" khéo", "xyzzy")


@pytest.mark.parametrize("site", ["archive", "gpmb"])
def test_the_ranking_is_the_same_as_with_every_passage_scored(page, sites, gpmb, site: str) -> None:
    """The page weighs (lunr's score) only the passages whose score can be seen: those that hold every word, and
    those of a document where none does; a shown document's other passages when it is shown. The documents, their
    passages in order and every score shown are those of scoring every passage found."""
    run(page, sites.search(site, "http", ""))
    partial = 0  # documents shown with a passage that lacks a word: the passages weighed only when shown
    for q in RANKING_QUERIES:
        every = page.evaluate("(q) => window.vbTimKiemRanking(q, true)", q)
        chosen = page.evaluate("(q) => window.vbTimKiemRanking(q, false)", q)
        assert chosen == every, q
        partial += sum(1 for _doc, units in every if units[0][1] and not all(u[1] for u in units))
    assert partial > 0


# --- the fixture site: facts set by the test, a text part per document ---------------------------


def facet_counts(page, name: str) -> dict[str, int]:
    out = {}
    for label in page.query_selector_all(f"fieldset[data-facet='{name}'] label"):
        m = re.fullmatch(r"\s*(.*?)\s+\((\d+)\)\s*", label.inner_text())
        out[m.group(1)] = int(m.group(2))
    return out


def toggle(page, name: str, value: str, q: str, on: bool = True) -> None:
    """A facet's value chosen (or let go), then the results for it waited for: the query is the same, so its
    mark on the list is already there; the address, which changes with the choice, is saved in the same task
    as the facets' counts, after the results (tim-kiem.js ``render``)."""
    before = page.evaluate("() => location.search")
    box = f"fieldset[data-facet='{name}'] input[value='{value}']"
    page.check(box) if on else page.uncheck(box)
    page.wait_for_function("s => location.search !== s", arg=before)
    wait(page, q)


@pytest.mark.parametrize("mode", MODES)
def test_facets_narrow_the_results(page, sites, mode: str) -> None:
    q = "nhiem vu"
    run(page, sites.search("fixture", mode, q))
    assert sorted(result_ids(page)) == ["an-toan", "cong-trinh", "dang"]
    assert facet_counts(page, "dia-phuong") == {"Đà Lạt": 2, "Đức Phổ": 1}
    assert facet_counts(page, "nam") == {"2024": 2, "2023": 1}
    assert facet_counts(page, "loai") == {"Kết luận": 2, "Thông báo kết luận": 1}
    # one value per kind of body: the Thành ủy of Đà Lạt and the Thị ủy of Đức Phổ are both party committees
    assert facet_counts(page, "to-chuc") == {"Cấp ủy": 3}

    toggle(page, "dia-phuong", "Đức Phổ", q)
    assert result_ids(page) == ["cong-trinh"]
    toggle(page, "dia-phuong", "Đức Phổ", q, on=False)
    toggle(page, "nam", "2024", q)
    assert sorted(result_ids(page)) == ["an-toan", "cong-trinh"]
    assert facet_counts(page, "dia-phuong") == {"Đà Lạt": 1, "Đức Phổ": 1}
    toggle(page, "dia-phuong", "Đà Lạt", q)
    assert result_ids(page) == ["an-toan"]

    # the filters are part of the shareable link
    assert parse_qs(urlsplit(page.url).query) == {"q": [q], "nam": ["2024"], "dia-phuong": ["Đà Lạt"]}
    run(page, page.url)
    assert result_ids(page) == ["an-toan"]
    assert "Thông báo kết luận" not in facet_counts(page, "loai")  # a value that would leave nothing is not offered
    page.click(".vb-facets__clear")
    wait(page, q)
    assert len(result_ids(page)) == 3 and parse_qs(urlsplit(page.url).query) == {"q": [q]}


def test_exact_diacritics_rank_above_folded_matches(page, sites) -> None:
    run(page, sites.search("fixture", "http", "Đảng"))
    assert result_ids(page)[:2] == ["dang", "cong-trinh"]
    run(page, sites.search("fixture", "http", "đang"))
    assert result_ids(page)[:2] == ["cong-trinh", "dang"]
    assert marks(page) == ["đang"]


def test_text_from_a_source_is_shown_never_run(page, sites, watch) -> None:
    run(page, sites.search("fixture", "http", "alert xss"))
    assert result_ids(page) == ["an-toan"]
    results = page.inner_text("#search-results")
    assert '<script>alert("xss")</script>' in results or "<script>alert(" in results
    assert page.query_selector_all("#search-results script, #search-results img, #search-results [onerror]") == []
    assert not [p for p in watch.problems if p.startswith("dialog")]


def test_text_parts_load_only_for_the_documents_shown(page, sites, watch) -> None:
    run(page, sites.search("fixture", "http", "đang thi công"))
    assert result_ids(page) == ["cong-trinh"]
    parts = sorted(u.rsplit("/", 1)[1] for u in watch.requests if "/data/tim-kiem/phan-" in u)
    assert len(parts) == 1
    assert not any("search_index.json" in u for u in watch.requests)


# --- a body's name with its other names: the neighbours' bound ------------------------------------------

# "giải phóng mặt bằng" is also "GPMB": the query's terms are the words typed, then the other name's, so the
# last typed word and the first of the other name ("bằng" "giai") make a pair of neighbours, counted where a
# text holds them together. Eleven texts say the words twice (a higher score); one says them once, followed
# at once by "giải ngân": its passage holds one more pair of neighbours, and ranks first, though the others'
# scores are higher and more than a page's first ten documents.
GPMB_TWICE = ("KẾT LUẬN\ncủa Thường trực Huyện ủy về dự án đường liên xã số {n}\n\n"
              "1. Ủy ban nhân dân xã đẩy nhanh giải phóng mặt bằng dự án đường liên xã số {n}; hoàn thành "
              "giải phóng mặt bằng trước ngày 30/9/2024.\n")
GPMB_THEN_GIAI_NGAN = ("KẾT LUẬN\ncủa Thường trực Huyện ủy về đầu tư công năm 2024\n\n"
                       "1. Ủy ban nhân dân huyện chỉ đạo hoàn thành giải phóng mặt bằng, giải ngân hết vốn "
                       "đầu tư công được giao.\n")


@pytest.fixture(scope="module")
def gpmb(sites, tmp_path_factory) -> str:
    """Twelve short texts, served beside the others (under /gpmb/)."""
    source = tmp_path_factory.mktemp("gpmb-src")
    for n in range(1, 12):
        (source / f"duong-{n:02d}.txt").write_text(GPMB_TWICE.format(n=n), encoding="utf-8")
    (source / "giai-ngan.txt").write_text(GPMB_THEN_GIAI_NGAN, encoding="utf-8")
    from build_scripts.site import build

    build.build(source, sites.root / "gpmb")
    return "gpmb"


def test_more_neighbours_rank_first_beyond_the_first_ten(page, sites, gpmb) -> None:
    run(page, sites.search(gpmb, "http", "giải phóng mặt bằng"))
    found = result_ids(page)
    assert len(found) == 12
    assert found[0] == "giai-ngan"  # beyond the others' scores: the bound must not rule its pair out
    run(page, sites.search(gpmb, "http", "giải phóng mặt"))  # no other name: the same words, the scores decide
    assert result_ids(page)[0] != "giai-ngan" and len(result_ids(page)) == 12
