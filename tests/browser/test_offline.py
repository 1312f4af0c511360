"""The offline bundle as a reader gets it: unzipped, opened from file://, with no network at all.

Every request the browser makes is recorded; the only ones allowed are file:// (and data:
or blob: URLs, which never leave the page). Also: a document page prints without navigation.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_scripts.site import build, bundle, publish

from ..conftest import SOURCES
from .conftest import follow

LOCAL = ("file://", "data:", "blob:")


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("offline") / "bundle.zip"
    bundle.bundle(SOURCES, out)
    with zipfile.ZipFile(out) as zf:
        zf.extractall(out.parent)
    return out.parent / publish.BUNDLE_FOLDER


@pytest.fixture
def offline_page(browser) -> Iterator[tuple[object, list[str], list[str]]]:
    """A page, every URL it requested, and what went wrong (script errors, failed requests)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})  # the navigation beside the text
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url} ({r.failure})"))
    yield page, requests, problems
    context.close()


def test_the_bundle_opens_browses_and_searches_without_one_request_out(offline_page, offline_site: Path) -> None:
    page, requests, problems = offline_page
    page.goto((offline_site / "index.html").as_uri())
    assert page.title()

    # a document page opens from the home page, with its task table linked to the text
    follow(page, "article a[href*='van-ban/']:has-text('Kết luận của Thường trực Thành ủy tại buổi làm việc')")
    page.wait_for_selector("h1")
    assert page.url.endswith(".html") and "/van-ban/" in page.url
    assert "buổi làm việc với Mặt trận" in page.inner_text("h1")
    assert page.locator("table:has(.vb-tasks-mark) tbody tr").count() >= 5
    page.locator("table:has(.vb-tasks-mark) tbody a[href^='#nhiem-vu-']").first.click()
    target = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert target.startswith("nhiem-vu-") and page.locator(f"[id='{target}']").is_visible()

    # on to a cited document's page and back to the task tracker through the navigation
    follow(page, "article a.vb-cite >> nth=0")
    page.wait_for_selector("h1")
    assert "/dan-chieu/" in page.url and page.url.endswith(".html")
    follow(page, ".md-nav a:has-text('Theo dõi nhiệm vụ') >> nth=0")
    page.wait_for_selector("#vb-theo-doi tbody tr")
    assert page.url.endswith("theo-doi/index.html")

    # search from the header box, without diacritics, then open a result
    page.fill("#vb-search-q", "dan van kheo")
    with page.expect_navigation():
        page.press("#vb-search-q", "Enter")
    page.wait_for_function("() => document.querySelector('#search-results')?.getAttribute('data-query')")
    page.wait_for_selector("#search-results li.vb-result")
    assert page.url.split("?")[0].endswith("tim-kiem/index.html")
    assert page.locator("#search-results li.vb-result").count() == 2
    # a passage's excerpt: its text part, packed by the build, unpacked with the bundle's own pako
    page.wait_for_function("() => [...document.querySelectorAll('#search-results .vb-passage__text')]"
                           ".some(e => /dân vận khéo/i.test(e.textContent))")
    follow(page, page.locator("#search-results li.vb-result a.vb-result__title").first)
    page.wait_for_selector("h1")
    assert "/van-ban/" in page.url and page.url.split("#")[0].endswith(".html")

    assert problems == []
    outside = [u for u in requests if not u.startswith(LOCAL)]
    assert outside == []
    assert any(u.endswith("chi-muc.js") for u in requests)  # the search index came from the bundle
    assert not any("pako" in u for u in requests)  # the browser unpacked the texts itself (DecompressionStream)


def test_a_browser_without_decompressionstream_unpacks_the_search_texts_with_the_bundles_pako(
        offline_page, offline_site: Path) -> None:
    """Safari before 16.4 has no DecompressionStream: pako, vendored in the bundle, unpacks the texts instead."""
    page, requests, problems = offline_page
    page.context.add_init_script("delete window.DecompressionStream")
    page.goto((offline_site / "tim-kiem" / "index.html").as_uri() + "?q=dan+van+kheo")
    page.wait_for_function("() => [...document.querySelectorAll('#search-results .vb-passage__text')]"
                           ".some(e => /dân vận khéo/i.test(e.textContent))")
    assert page.evaluate("typeof DecompressionStream") == "undefined"
    assert any(u.startswith("file://") and u.endswith("assets/vendor/pako/pako_inflate.min.js") for u in requests)
    assert problems == []
    assert [u for u in requests if not u.startswith(LOCAL)] == []


def test_a_document_prints_without_navigation(offline_page, offline_site: Path) -> None:
    page, _, problems = offline_page
    page.goto((next((offline_site / "van-ban").glob("*.html"))).as_uri())
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".vb-search"):
        assert not page.locator(chrome).first.is_visible(), chrome
    for content in ("h1", ".vb-meta", ".vb-source", "table:has(.vb-tasks-mark)"):
        assert page.locator(content).first.is_visible(), content
    left = page.evaluate("document.querySelector('.md-content').getBoundingClientRect().left")
    assert left < 40  # the text takes the page's width, no empty column where the navigation was
    assert page.pdf(format="A4")[:4] == b"%PDF"
    assert problems == []


def test_a_renamed_texts_old_address_leads_to_its_page_from_file_urls(offline_page, tmp_path: Path) -> None:
    """The old address of a renamed text is a redirect page that works opened from disk, with no script."""
    source = tmp_path / "src"
    source.mkdir()
    seed = sorted(SOURCES.glob("*.txt"))[0]
    (source / "ban-nhap.txt").write_bytes(seed.read_bytes())
    build.build(source, tmp_path / "first")
    (source / "ban-nhap.txt").rename(source / "Kết luận chính thức.txt")
    out = tmp_path / "bundle.zip"
    bundle.bundle(source, out)
    with zipfile.ZipFile(out) as zf:
        zf.extractall(tmp_path / "unzipped")
    site = tmp_path / "unzipped" / publish.BUNDLE_FOLDER
    page, requests, problems = offline_page
    page.context.set_offline(True)
    with page.expect_navigation(url="**/van-ban/ket-luan-chinh-thuc.html"):
        page.goto((site / "van-ban" / "ban-nhap.html").as_uri())
    page.wait_for_selector("h1")
    assert page.url == (site / "van-ban" / "ket-luan-chinh-thuc.html").as_uri()
    assert [u for u in requests if not u.startswith(LOCAL)] == [] and problems == []
