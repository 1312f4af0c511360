"""Benchmark: our build against a plain mkdocs-material site of the same texts, in one run.

For each size it writes the synthetic corpus (``synth.py``), builds it with a cold cache, builds
it again with the cache warm, and builds the peer: the same texts as plain Markdown pages in a
default Material site (search plugin on, pages not in the nav). Each build runs as its own
process, timed by the wall clock, with the peak memory of its process tree sampled from /proc.
Then it times the first search results in Chromium. Everything is printed as one table;
the numbers are ratios of builds measured side by side on the same machine, never absolutes
from another day.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import synth

ROOT = Path(__file__).resolve().parent.parent
QUERY = "giải phóng mặt bằng"  # words every town's conclusions use: many results, as a reader's first search
PEER_CONFIG = """site_name: Peer
theme:
  name: material
  language: vi
plugins:
  - search
nav:
  - index.md
"""


@dataclass
class Run:
    seconds: float
    peak_bytes: int  # resident memory of the process tree, at its largest


@dataclass
class Site:
    total: int = 0
    largest: tuple[int, str] = (0, "")
    largest_html: tuple[int, str] = (0, "")
    search_first: int = 0  # bytes the reader fetches before the first result
    search_page: int = 0  # bytes fetched once the first page of results shows its excerpts (ours only)
    search_note: str = ""


@dataclass
class TrackerTiming:
    page_bytes: int  # the tracker's HTML page
    first_bytes: int  # the page, the core and the first chunk of tasks: what the first screen needs
    data_bytes: int  # every data file of the tracker
    largest_chunk: int
    first_ms: float | None = None  # from navigation start to the first rows drawn, CPU slowed ×4, phone-sized
    all_ms: float | None = None  # to every task loaded and counted


@dataclass
class Row:
    docs: int
    cold: Run
    warm: Run
    peer: Run
    ours: Site
    theirs: Site
    typed_ms: float | None = None  # on the loaded search page, from submitting the query to its results
    nav_ms: float | None = None  # from navigation start: includes fetching the page, the core and the shards
    tracker: TrackerTiming | None = None
    notes: list[str] = field(default_factory=list)


# --- running a build ------------------------------------------------------------------------------


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm", encoding="ascii") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{p}/task/{p}/children", encoding="ascii") as f:
                todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


def timed(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run a command to its end; its wall time and the peak memory of its process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode not in (0, 1):  # 1: the build published everything it could, with errors
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return Run(seconds, peak)


def site_sizes(site: Path) -> Site:
    out = Site()
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            out.total += size
            out.largest = max(out.largest, (size, str(path.relative_to(site))))
            if path.suffix == ".html":
                out.largest_html = max(out.largest_html, (size, str(path.relative_to(site))))
    return out


# --- the peer ---------------------------------------------------------------------------------------


def write_peer(texts: Path, project: Path) -> None:
    """The same texts as plain Markdown pages of a default Material site; only the home page is in the nav."""
    if project.exists():
        shutil.rmtree(project)
    docs = project / "docs"
    (docs / "van-ban").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(PEER_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Peer\n\nThe same texts as plain pages.\n", encoding="utf-8")
    for path in sorted(texts.glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        blocks = text.split("\n\n")
        title = next((" ".join(b.split()) for b in blocks if b.startswith(("KẾT LUẬN", "THÔNG BÁO"))), path.stem)
        (docs / "van-ban" / f"{path.stem}.md").write_text(f"# {title}\n\n{text}\n", encoding="utf-8")


def peer_search(site: Path) -> Site:
    sizes = site_sizes(site)
    index = site / "search" / "search_index.json"
    worker = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.js"))
    sizes.search_first = index.stat().st_size + sum(p.stat().st_size for p in worker)
    sizes.search_note = "search_index.json + search worker (lunr inside)"
    return sizes


# --- our search, in the browser ----------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a page closed while its scripts still loaded
            super().handle_error(request, client_address)


@dataclass
class SearchTiming:
    nav_ms: float  # from navigation start to the first results, the query in the address
    typed_ms: float  # on a loaded search page, from submitting the query to its results
    first: list[str]  # search files needed for the first result: lunr.js, core, shards, its text part
    page: list[str]  # search files fetched once the first page of results shows all its excerpts


def first_results(site: Path, query: str = QUERY, tries: int = 3) -> SearchTiming:
    """How soon the search page shows results (best of ``tries``, each in a fresh browser context: nothing
    cached), read from the mark tim-kiem.js sets when it shows results, and which files it fetches. Served
    over HTTP from localhost, as a reader on a fast link gets it."""
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/tim-kiem/"
    shown = "() => document.querySelector('#search-results')?.getAttribute('data-query') === {}"
    all_text = ("() => !document.querySelector('#search-results .vb-passage__text:not([data-loaded])')")
    fetched_js = ("() => performance.getEntriesByType('resource').map(e => e.name)"
                  ".filter(n => n.includes('/data/tim-kiem/')).map(n => n.split('/').pop())")
    best_nav = best_typed = float("inf")
    first: list[str] = []
    page_files: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            for _ in range(tries):
                context = browser.new_context()
                page = context.new_page()
                page.goto(f"{base}?q={quote(query)}")
                page.wait_for_function(shown.format(json.dumps(query)), timeout=120_000)
                at = page.evaluate("() => performance.getEntriesByName('vb-ket-qua')[0].startTime")
                names = page.evaluate(fetched_js)
                parts = [f for f in names if f.startswith("phan-")]
                first = [f for f in names if f not in parts] + parts[:1]
                page.wait_for_function(all_text, timeout=120_000)
                page_files = page.evaluate(fetched_js)
                best_nav = min(best_nav, at)
                context.close()

                context = browser.new_context()
                page = context.new_page()
                page.goto(base)
                page.wait_for_function(shown.format('""'), timeout=120_000)  # the core is in: no query, all shown
                took = page.evaluate("""(q) => new Promise((resolve) => {
                    const t0 = performance.now();
                    new PerformanceObserver((list, obs) => { obs.disconnect();
                        resolve(list.getEntries()[0].startTime - t0); }).observe({ type: "mark" });
                    document.getElementById("vb-q").value = q;
                    document.getElementById("vb-q").form.requestSubmit();
                })""", query)
                best_typed = min(best_typed, took)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return SearchTiming(best_nav, best_typed, first, page_files)


CPU_SLOWDOWN = 4  # Chromium's CPU throttling: a fair stand-in for a mid-range phone


def tracker_timing(site: Path, tries: int = 3) -> TrackerTiming:
    """The tracker's weight, and how soon it shows its first rows on a phone-sized page with the CPU slowed
    ×4 (best of ``tries``, each in a fresh context: nothing cached), read from the mark theo-doi.js sets
    when it has drawn them. Served from localhost."""
    folder = site / "theo-doi"
    chunks = sorted(folder.glob("nhiem-vu-*.js"))
    page_bytes = (folder / "index.html").stat().st_size
    sizes = TrackerTiming(
        page_bytes=page_bytes,
        first_bytes=page_bytes + (folder / "chi-muc.js").stat().st_size + (chunks[0].stat().st_size if chunks else 0),
        data_bytes=sum(p.stat().st_size for p in folder.glob("*.js")),
        largest_chunk=max((p.stat().st_size for p in chunks), default=0))
    from playwright.sync_api import sync_playwright

    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/theo-doi/"
    best_first = best_all = float("inf")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            for _ in range(tries):
                context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
                page = context.new_page()
                context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
                page.goto(url)
                page.wait_for_selector("#vb-theo-doi[data-ready]", timeout=300_000)
                first = page.evaluate("() => performance.getEntriesByName('vb-theo-doi')[0].startTime")
                done = page.evaluate("() => performance.now()")
                best_first, best_all = min(best_first, first), min(best_all, done)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    sizes.first_ms, sizes.all_ms = best_first, best_all
    return sizes


def static_first(search: Path, query: str = QUERY) -> list[str]:
    """Without a browser: the files tim-kiem.js loads before the first result but the text part."""
    from . import index

    script = (search / index.INDEX_FILE).read_text(encoding="utf-8")
    meta = json.loads(script[script.index(".push(") + len(".push("):script.rindex(");")])[1]
    shards = [index.SHARD_FILE.format(n) for n in sorted(index.query_shards(query, meta["shards"]))]
    return [index.LUNR_FILE, index.INDEX_FILE, *shards]


# --- the run -------------------------------------------------------------------------------------------


def bench_size(n: int, work: Path, seed: int, browser: bool) -> Row:
    texts = work / f"texts-{n}"
    synth.write_corpus(n, texts, seed)
    cache = work / f"cache-{n}"
    shutil.rmtree(cache, ignore_errors=True)
    site = work / f"site-{n}"
    ours_cmd = [sys.executable, "-m", "build_scripts", "build", "--source", str(texts), "--site", str(site)]
    env = {"VB_CACHE_DIR": str(cache)}
    cold = timed(ours_cmd, cwd=ROOT, env=env)
    warm = timed(ours_cmd, cwd=ROOT, env=env)
    peer_dir = work / f"peer-{n}"
    write_peer(texts, peer_dir)
    peer = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(peer_dir / "mkdocs.yml"),
                  "-d", str(peer_dir / "site")])
    ours = site_sizes(site)
    row = Row(n, cold, warm, peer, ours, peer_search(peer_dir / "site"))
    search = site / "data" / "tim-kiem"
    fetched = static_first(search)
    page: list[str] = []
    if browser:
        try:
            timing = first_results(site)
            row.typed_ms, row.nav_ms, fetched, page = timing.typed_ms, timing.nav_ms, timing.first, timing.page
            row.tracker = tracker_timing(site)
        except Exception as exc:  # no Playwright or no Chromium: the static count still stands
            row.notes.append(f"browser timing skipped: {type(exc).__name__}: {str(exc)[:120]}")

    def size(names: list[str]) -> int:
        return sum((search / name).stat().st_size for name in set(names) if (search / name).is_file())

    ours.search_first, ours.search_page = size(fetched), size(page)
    ours.search_note = " + ".join(sorted(set(fetched)))
    return row


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = int(next(x for x in Path("/proc/meminfo").read_text().splitlines()
                       if x.startswith("MemTotal")).split()[1]) / 1024 ** 2
    except (OSError, StopIteration, ValueError):
        mem = 0
    return (f"{os.cpu_count()} cores ({model}), {mem:.0f} GB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def _kb(n: float) -> str:
    return f"{n / 1e3:.0f} kB"


def _ms(value: float | None) -> str:
    return f"{value:.0f} ms" if value is not None else "not measured"


def _growth(values: list[float], sizes: list[int], k: int) -> str:
    """Growth over the previous size, per doubling of the number of documents."""
    if k == 0:
        return "—"
    import math

    doublings = math.log2(sizes[k] / sizes[k - 1])
    return f"{(values[k] / values[k - 1]) ** (1 / doublings):.2f}×" if doublings else "—"


def table(rows: list[Row]) -> str:
    sizes = [r.docs for r in rows]
    lines: list[tuple[str, list[str]]] = [
        ("our build, cold cache", [f"{r.cold.seconds:.1f} s" for r in rows]),
        ("our rebuild, warm cache", [f"{r.warm.seconds:.1f} s" for r in rows]),
        ("peer build (plain Material)", [f"{r.peer.seconds:.1f} s" for r in rows]),
        ("ratio ours/peer (cold)", [f"{r.cold.seconds / r.peer.seconds:.2f}×" for r in rows]),
        ("ours, per document (cold)", [f"{r.cold.seconds / r.docs * 1000:.0f} ms" for r in rows]),
        ("peer, per document", [f"{r.peer.seconds / r.docs * 1000:.0f} ms" for r in rows]),
        ("ours, time growth per doubling", [_growth([r.cold.seconds for r in rows], sizes, k)
                                            for k in range(len(rows))]),
        ("peer, time growth per doubling", [_growth([r.peer.seconds for r in rows], sizes, k)
                                            for k in range(len(rows))]),
        ("ours, site bytes", [_mb(r.ours.total) for r in rows]),
        ("peer, site bytes", [_mb(r.theirs.total) for r in rows]),
        ("ours, bytes growth per doubling", [_growth([r.ours.total for r in rows], sizes, k)
                                             for k in range(len(rows))]),
        ("peer, bytes growth per doubling", [_growth([r.theirs.total for r in rows], sizes, k)
                                             for k in range(len(rows))]),
        ("ours, largest file", [f"{_mb(r.ours.largest[0])} {r.ours.largest[1]}" for r in rows]),
        ("peer, largest file", [f"{_mb(r.theirs.largest[0])} {r.theirs.largest[1]}" for r in rows]),
        ("ours, search bytes before 1st result", [_mb(r.ours.search_first) for r in rows]),
        ("peer, search bytes before 1st result", [_mb(r.theirs.search_first) for r in rows]),
        ("search bytes ours/peer", [f"{r.ours.search_first / r.theirs.search_first:.0%}" for r in rows]),
        ("ours, search bytes, 1st page of results", [_mb(r.ours.search_page) if r.ours.search_page
                                                     else "not measured" for r in rows]),
        ("ours, results after submit (page loaded)", [_ms(r.typed_ms) for r in rows]),
        ("ours, 1st results from navigation", [_ms(r.nav_ms) for r in rows]),
        ("ours, largest HTML page", [f"{_kb(r.ours.largest_html[0])} {r.ours.largest_html[1]}" for r in rows]),
        ("tracker: its page (HTML)", [_kb(r.tracker.page_bytes) if r.tracker else "not measured" for r in rows]),
        ("tracker: bytes before 1st screen", [_kb(r.tracker.first_bytes) if r.tracker else "not measured"
                                              for r in rows]),
        ("tracker: all its data (largest chunk)", [f"{_mb(r.tracker.data_bytes)} ({_kb(r.tracker.largest_chunk)})"
                                                   if r.tracker else "not measured" for r in rows]),
        (f"tracker: 1st screen, phone, CPU ×{CPU_SLOWDOWN}", [_ms(r.tracker.first_ms if r.tracker else None)
                                                             for r in rows]),
        (f"tracker: every task in, CPU ×{CPU_SLOWDOWN}", [_ms(r.tracker.all_ms if r.tracker else None) for r in rows]),
        ("ours, peak memory (cold build)", [_mb(r.cold.peak_bytes) for r in rows]),
        ("peer, peak memory", [_mb(r.peer.peak_bytes) for r in rows]),
    ]
    head = ["metric", *(f"N = {n:,}" for n in sizes)]
    body = [[label, *cells] for label, cells in lines]
    widths = [max(len(row[i]) for row in [head, *body]) for i in range(len(head))]

    def fmt(row: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    out = [fmt(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *(fmt(r) for r in body)]
    notes = [f"Machine: {machine()}.", f"Search counted: ours = {rows[-1].ours.search_note}; "
             f"peer = {rows[-1].theirs.search_note}. Query: \"{QUERY}\"."]
    notes += sorted({n for r in rows for n in r.notes})
    return "\n".join([*out, "", *notes]) + "\n"


def main(args: argparse.Namespace) -> int:
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in str(args.sizes).split(",") if s.strip()]
    rows = []
    for n in sizes:
        print(f"bench: {n} documents ...", file=sys.stderr, flush=True)
        rows.append(bench_size(n, work, args.seed, browser=not args.no_browser))
    sys.stdout.write(table(rows))
    return 0
