"""Browser tests: the search page in Debian's Chromium, driven by Playwright.

Two sites are built once per session into one temporary folder, which a local HTTP server
serves, so that each site lives under a sub-path as on GitHub Pages (``/archive/``,
``/fixture/``); the same files are also opened from ``file://``.

- ``archive``: the seeds, as ``make site`` builds them.
- ``crosslink``: the seeds with fixture texts that cite the same documents (cross-link tests).
- ``fixture``: small texts written here, parsed, with the facts the facet tests need set by
  the test (not extracted), and one text part per document so that parts load on demand.

The tests skip, saying why, only when Playwright or Chromium is not installed; under CI
(``CI`` set) a missing browser is an error, since ``make test`` installs it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from build_scripts.model import BlockKind, Facts
from build_scripts.pipeline import convert
from build_scripts.pipeline.parse import parse
from build_scripts.site import build
from build_scripts.writers import search as index

from ..conftest import CROSSLINK_SOURCES, SOURCES

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]

# The fixture texts, and the facts each one is given (whatever extraction reads from them).
FIXTURE_TEXTS = {
    "dang.txt": "KẾT LUẬN\ncủa Thường trực Thành ủy về công tác xây dựng Đảng\n\n"
                "1. Tiếp tục xây dựng Đảng trong sạch, vững mạnh; đây là nhiệm vụ trọng tâm.\n",
    "cong-trinh.txt": "THÔNG BÁO\nkết luận của Ban Thường vụ Thị ủy về công trình\n\n"
                      "1. Công trình đang thi công phải hoàn thành nhiệm vụ đúng hạn.\n",
    "an-toan.txt": "KẾT LUẬN\nvề an toàn thông tin\n\n"
                   '1. Văn bản có chữ <script>alert("xss")</script> và <img src=x onerror=alert(1)> '
                   "phải hiện nguyên văn; nhiệm vụ kiểm tra.\n",
}
FIXTURE_FACTS = {
    "dang": {"type": "Kết luận", "locality": "Đà Lạt", "meeting_date": "2023-07-28", "issuer": "Thành ủy Đà Lạt"},
    "cong-trinh": {"type": "Thông báo kết luận", "locality": "Đức Phổ", "meeting_date": "2024-03-01",
                   "issuer": "Thị ủy Đức Phổ"},
    "an-toan": {"type": "Kết luận", "locality": "Đà Lạt", "meeting_date": None, "issued_date": "2024-05-02",
                "issuer": "Thành ủy Đà Lạt"},
}


@dataclass
class Sites:
    root: Path  # the folder the HTTP server serves
    http: str  # http://127.0.0.1:PORT/

    def base(self, site: str, mode: str) -> str:
        """The site's root URL over HTTP (a sub-path) or from file://."""
        return f"{self.http}{site}/" if mode == "http" else (self.root / site).as_uri() + "/"

    def search(self, site: str, mode: str, q: str | None = None) -> str:
        from urllib.parse import urlencode

        page = "tim-kiem/" if mode == "http" else "tim-kiem/index.html"
        return self.base(site, mode) + page + (f"?{urlencode({'q': q})}" if q is not None else "")


@dataclass
class Watch:
    """What a page did that it should not: script errors, failed or outside requests, dialogs."""

    problems: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def _chromium_or_skip() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "Playwright is not installed (pip install -r requirements.txt)"
    else:
        path = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")
        if path:
            return path
        reason = f"Chromium not found at {CHROMIUM} (make test installs Debian's chromium package)"
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _build_fixture(source: Path, site: Path) -> None:
    for name, text in FIXTURE_TEXTS.items():
        (source / name).write_text(text, encoding="utf-8")

    def with_facts(src, doc_id):
        """Parse, then the facts of FIXTURE_FACTS: these tests do not wait on the extraction stage."""
        doc = parse(src, doc_id)
        title = " ".join(b.text for b in doc.blocks if b.kind == BlockKind.TITLE)
        doc.facts = Facts(title=title, **FIXTURE_FACTS[doc_id])
        return doc

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(convert, "document_from_source", with_facts)
        mp.setenv("VB_NO_CACHE", "1")  # these facts must neither come from the cache nor go into it
        mp.setattr(convert, "PARALLEL_FROM", 10**9)  # and be made in this process, where the replacement is
        mp.setattr(index, "PART_BYTES", 1)  # a text part per document
        build.build(source, site)


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    _chromium_or_skip()
    root = tmp_path_factory.mktemp("www")
    build.build(SOURCES, root / "archive")
    fixture_source = tmp_path_factory.mktemp("fixture-src")
    _build_fixture(fixture_source, root / "fixture")
    crosslink_source = tmp_path_factory.mktemp("crosslink-src")
    for path in CROSSLINK_SOURCES:  # the seeds and texts that cite the same documents
        shutil.copy(path, crosslink_source / path.name)
    build.build(crosslink_source, root / "crosslink")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Sites(root, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser(sites: Sites):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=_chromium_or_skip(), args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser, sites: Sites, watch: Watch):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.on("pageerror", lambda e: watch.problems.append(f"script error: {e}"))
    pg.on("console", lambda m: m.type == "error" and watch.problems.append(f"console: {m.text}"))
    pg.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")  # left the page while loading
          and watch.problems.append(f"failed request: {r.url} ({r.failure})"))
    pg.on("dialog", lambda d: (watch.problems.append(f"dialog: {d.message}"), d.dismiss()))

    def seen(request) -> None:
        watch.requests.append(request.url)
        if not request.url.startswith((sites.http, "file://", "data:", "blob:")):
            watch.problems.append(f"request outside the site: {request.url}")

    pg.on("request", seen)
    yield pg
    context.close()
    assert watch.problems == []


def follow(page, target) -> None:
    """Click a link (a selector or a locator) and wait until the next page has replaced this one.

    Without the wait, a check made right after the click can still see the old page."""
    with page.expect_navigation():
        (page.locator(target).first if isinstance(target, str) else target).click()


def card_text(cell) -> str:
    """A cell's text as a reader sees it, with the label the stylesheet writes before it on a phone's card
    (generated content, which inner_text leaves out), spaces collapsed."""
    return cell.evaluate("""c => {
        const content = getComputedStyle(c, '::before').content, label = /^"((?:[^"\\\\]|\\\\.)*)"/.exec(content);
        return ((label ? label[1] + ' ' : '') + c.innerText).split(/\\s+/).join(' ').trim(); }""")


def draw_all(page) -> None:
    """Ask the tracker for more rows (its button) until it has drawn every row of its view: in document order
    its chunks load as their rows are needed, so each ask may wait for one."""
    page.evaluate("""async () => {
        const root = document.querySelector('#vb-theo-doi'), more = root.querySelector('.vb-more');
        for (let n = 0; n < 3000; n++) {
            if (more.hidden && root.hasAttribute('data-complete')) return;
            if (!more.hidden) more.click();
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error('the tracker did not draw every row of its view');
    }""")
