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
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..site import output
from . import synth

ROOT = Path(__file__).resolve().parents[1].parent
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
    peak_bytes: int  # resident memory of the process tree, at its largest (RSS summed: shared pages once per process)
    peak_pss: int = 0  # the same tree's proportional set size at its largest: a page shared by n processes counts 1/n
    settle: float = 0.0  # seconds after its end until the old site it replaced was deleted (output.dispose)


@dataclass
class Site:
    total: int = 0
    largest: tuple[int, str] = (0, "")
    largest_html: tuple[int, str] = (0, "")
    search_first: int = 0  # bytes the reader fetches before the first result
    search_page: int = 0  # bytes fetched once the first page of results shows its excerpts (ours only)
    search_note: str = ""
    search_total: int = 0  # every search file (ours: data/tim-kiem/; the peer's: its index and worker)
    files: int = 0


@dataclass
class TrackerTiming:
    page_bytes: int  # the tracker's HTML page
    first_bytes: int  # the page and the tracker's data fetched before its first rows were drawn (the browser's count)
    data_bytes: int  # every data file of the tracker
    largest_chunk: int
    first_ms: float | None = None  # from navigation start to the first rows drawn, CPU slowed ×4, phone-sized
    settled_bytes: int = 0  # the page and its data fetched once the default view has settled (nothing asked)
    more_ms: float | None = None  # the slowest ask for the next rows, up to MORE_ROWS (None: all on the 1st screen)
    more_bytes: int = 0  # the page and its data fetched once MORE_ROWS rows are drawn


@dataclass
class Row:
    docs: int
    cold: Run  # a full build: a new site folder, an empty cache
    unchanged: Run | None  # the same sources built again into that site (None: full builds only)
    peer: Run
    ours: Site
    theirs: Site
    added: Run | None = None  # one text added to the sources, built again
    edited: Run | None = None  # then one text edited, built again
    peer_unchanged: Run | None = None
    peer_added: Run | None = None
    peer_edited: Run | None = None
    differing: list[str] | None = None  # files of the rebuilt site that differ from a clean build's
    typed_ms: float | None = None  # on the loaded search page, from submitting the query to its results
    slow_typed_ms: float | None = None  # the same, Chromium's CPU slowed ×CPU_SLOWDOWN
    nav_ms: float | None = None  # from navigation start: includes fetching the page, the core and the shards
    tracker: TrackerTiming | None = None
    notes: list[str] = field(default_factory=list)
    load: tuple[float, float] = (0.0, 0.0)  # the machine's load average at the start and the end


# --- running a build ------------------------------------------------------------------------------


def _tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children", encoding="ascii") as f:
                todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return out


def _rss(pids: list[int]) -> int:
    """Their summed resident bytes (``statm``: ~0.05 ms for a build's processes)."""
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/statm", encoding="ascii") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    return total


def _rollup(pids: list[int]) -> tuple[int, int]:
    """Their summed proportional bytes (``smaps_rollup``), and their resident bytes read in the same snapshot. A
    build that forks a worker shares the parent's pages with it until either writes them: RSS counts such a page in
    each process, PSS divides it among them, so the tree's PSS is the memory it really takes. Both come from one
    read of each process's rollup, so what they differ by is what is shared, even while the process frees memory
    (RSS read from ``statm`` before a free and PSS after it once made a 300 MB peak look shared). Costly: the kernel
    walks each process's page tables, holding its memory map's lock (~10 ms for a cold build's three processes at
    1,000 texts)."""
    rss = pss = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup", encoding="ascii") as f:
                fields = {line.split(":")[0]: int(line.split()[1]) * 1024 for line in f
                          if line.startswith(("Rss:", "Pss:"))}
        except (OSError, ValueError, IndexError):
            continue
        rss += fields.get("Rss", 0)
        pss += fields.get("Pss", 0)
    return rss, pss


SAMPLE = 0.05  # seconds between two readings of the tree's RSS
PSS_EVERY = 5  # samples: its PSS is read at every fifth


def _wait(pid: int, start: float, memory: bool) -> tuple[float, int, os.struct_rusage, int, int, list[int]]:
    """Wait for the process to end, sampling its tree's memory meanwhile when ``memory`` (``timed``): its wall time,
    status and usage, the peaks of the sampled RSS and PSS sums, and what each PSS reading found shared."""
    peak = peak_pss = 0
    shared: list[int] = []
    sample = 0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG if memory else 0)
        if done:
            return time.perf_counter() - start, status, usage, peak, peak_pss, shared
        pids = _tree(pid)
        rss = _rss(pids)
        # the PSS at a fifth of the samples: read at every one (~10 ms of this process's CPU each 50 ms, and the
        # build's processes held at their memory maps' locks meanwhile), it slowed the build it measured
        if sample % PSS_EVERY == 0:
            rolled_rss, pss = _rollup(pids)
            peak_pss = max(peak_pss, pss)
            shared.append(rolled_rss - pss)
        peak = max(peak, rss)
        sample += 1
        time.sleep(SAMPLE)


def timed(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None, memory: bool = True) -> Run:
    """Run a command to its end; its wall time and the peak memory of its process tree: the largest of the sums of
    its processes' resident memory sampled every 50 ms (their PSS less often, ``PSS_EVERY``) and of its own
    process's high-water mark (``wait4``'s ``ru_maxrss``, kB on Linux), which is exact for a tree of one process such
    as the peer's (its PSS at that mark: the mark less what the samples found shared, which is the same libraries
    throughout). It starts once the disk has written what the runs before it left in memory (``os.sync``): a cold
    build of ours leaves ~0.6 GB to write at 1,000 texts, and the system wrote it back during whichever run came
    next, the peer's or ours (the same build took 45 to 53 s of wall, 8 to 15 s of system CPU, one run after
    another). Without ``memory`` (a run whose memory is not reported: the rebuilds) nothing is sampled, and the peak
    is the process's own mark only: the sampling slowed the runs it measured (an add at 1,000 texts, alternated:
    2.05 s unsampled, 2.25 s sampled). Its messages go to a file (a pipe, read at the end, could fill and stop it)."""
    os.sync()
    with tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                                stderr=err_file)
        seconds, status, usage, peak, peak_pss, shared = _wait(proc.pid, start, memory)
        err_file.seek(0)
        err = err_file.read().decode("utf-8", "replace")
    proc.returncode = os.waitstatus_to_exitcode(status)
    # the process's own high-water mark, which sampling can miss: the peer's peak (~141 MB at 1,000 texts, its
    # search index written) lasts ~60 ms at its end; samples 50 ms apart found it in some runs, 100-110 MB in others
    mark = usage.ru_maxrss * 1024
    peak = max(peak, mark)
    # and its proportional share there: the mark less what the samples found shared (the peer's libraries; their
    # median, each from one snapshot of a process's rollup: see ``_rollup``)
    if shared:
        peak_pss = max(peak_pss, mark - statistics.median(shared))
    if proc.returncode not in (0, 1):  # 1: the build published everything it could, with errors
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return Run(seconds, peak, peak_pss)


def site_sizes(site: Path) -> Site:
    out = Site()
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            out.total += size
            out.files += 1
            out.largest = max(out.largest, (size, str(path.relative_to(site))))
            if path.suffix == ".html":
                out.largest_html = max(out.largest_html, (size, str(path.relative_to(site))))
    return out


class Trash:
    """The folders of earlier runs (an earlier benchmark's, the peer's last project), put aside by a rename and
    deleted once every figure is measured (``empty``), not before a timed build.

    Deleting tens of thousands of files just before a build charged that build for them: an ext4 file system without
    a journal (this machine's) does not reuse an inode freed in the last minute (six, while the block it is in is
    not written back) and scans past each one, under a buffer lookup, to make every new file or folder (the kernel's
    ``recently_deleted``). After the benchmark's own deletion of the last run's folders (~40,000 files), making a file
    cost up to 0.8 ms of system time, and our cold build at 1,000 texts, which makes ~21,000 files and folders (the
    peer ~1,100), took 18-22 s instead of 15 (system time 9-15 s instead of 2-3). The builds' own deletions (the
    site a rebuild replaced) are theirs, and stay in their runs."""

    def __init__(self, work: Path) -> None:
        self.folder = work / "trash"

    def put(self, path: Path) -> None:
        if not path.exists() and not path.is_symlink():
            return
        self.folder.mkdir(exist_ok=True)
        n = 0
        while (self.folder / f"{path.name}.{n}").exists():
            n += 1
        os.rename(path, self.folder / f"{path.name}.{n}")

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


# --- the peer ---------------------------------------------------------------------------------------


def write_peer(texts: Path, project: Path, trash: Trash) -> None:
    """The same texts as plain Markdown pages of a default Material site; only the home page is in the nav. The
    project of an earlier run goes to ``trash`` (deleted when nothing is timed any more)."""
    trash.put(project)
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
    sizes.search_first = sizes.search_total = index.stat().st_size + sum(p.stat().st_size for p in worker)
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
    slow_typed_ms: float  # the same with Chromium's CPU slowed ×CPU_SLOWDOWN
    first: list[str]  # search files needed for the first result: the core, shards, its text part
    page: list[str]  # search files fetched once the first page of results shows all its excerpts


def _typed(browser, base: str, query: str, slowdown: int) -> float:
    """On a search page that has loaded its core, from submitting ``query`` to its results shown (the mark)."""
    context = browser.new_context()
    page = context.new_page()
    if slowdown > 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    page.goto(base)
    page.wait_for_function("() => document.querySelector('#search-results')?.getAttribute('data-query') === ''",
                           timeout=120_000)  # the core is in: no query, all shown
    took = page.evaluate("""(q) => new Promise((resolve) => {
        const t0 = performance.now();
        new PerformanceObserver((list, obs) => { obs.disconnect();
            resolve(list.getEntries()[0].startTime - t0); }).observe({ type: "mark" });
        document.getElementById("vb-q").value = q;
        document.getElementById("vb-q").form.requestSubmit();
    })""", query)
    context.close()
    return took


CPU_SLOWDOWN = 4  # Chromium's CPU throttling: a fair stand-in for a mid-range phone


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
    best_nav = best_typed = best_slow = float("inf")
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

                best_typed = min(best_typed, _typed(browser, base, query, 1))
                best_slow = min(best_slow, _typed(browser, base, query, CPU_SLOWDOWN))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return SearchTiming(best_nav, best_typed, best_slow, first, page_files)


MORE_ROWS = 400  # rows a reader scrolls through, 40 at a time, in the tracker's measure

# The bytes of the tracker's page and its data files (theo-doi/*.js) the browser has fetched, from its resource
# timing entries (a file preloaded, then run, counts once), those finished by ``until`` (ms) when given.
_FETCHED = """(until) => {
    const seen = {};
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')
        .filter(e => /\\/theo-doi\\/[^/]+\\.js$/.test(e.name))]
        .filter(e => until === null || e.responseEnd <= until)
        .forEach(e => { seen[e.name] = Math.max(seen[e.name] || 0, e.encodedBodySize || e.transferSize); });
    return Object.values(seen).reduce((a, b) => a + b, 0); }"""

# The reader asks for the next rows (the button scrolling near it presses): ms until they are drawn, or null
# when every row of the view is drawn.
_ASK_MORE = """async () => {
    const root = document.getElementById('vb-theo-doi'), more = root.querySelector('.vb-more');
    if (more.hidden) return null;
    const before = Number(root.dataset.drawn), t0 = performance.now();
    const done = () => Number(root.dataset.drawn) > before || (more.hidden && root.hasAttribute('data-complete'));
    more.click();
    if (!done()) await new Promise((resolve) => new MutationObserver((m, obs) => {
        if (done()) { obs.disconnect(); resolve(); } }).observe(root, { attributes: true }));
    return performance.now() - t0; }"""


def tracker_timing(site: Path, tries: int = 3) -> TrackerTiming:
    """The tracker's weight, and what a reader on a phone waits for and downloads (a phone-sized page, the CPU
    slowed ×4; best of ``tries``, each in a fresh context: nothing cached): its first rows, read from the mark
    theo-doi.js sets when it draws them, and the bytes fetched for them; the bytes fetched once the view has
    settled; then the slowest of the asks for 40 more rows up to ``MORE_ROWS`` (a chunk is loaded when its rows
    are needed) and the bytes fetched by then. The page is not awaited to its load event: the first screen is
    what counts. Served from localhost."""
    folder = site / "theo-doi"
    chunks = sorted(folder.glob("nhiem-vu-*.js"))
    page_bytes = (folder / "index.html").stat().st_size
    sizes = TrackerTiming(
        page_bytes=page_bytes, first_bytes=0,
        data_bytes=sum(p.stat().st_size for p in folder.glob("*.js")),
        largest_chunk=max((p.stat().st_size for p in chunks), default=0))
    from playwright.sync_api import sync_playwright

    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/theo-doi/"
    best_first = best_more = float("inf")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            for _ in range(tries):
                context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
                context.add_init_script("performance.setResourceTimingBufferSize(1e6)")  # every file counts, not 250
                page = context.new_page()
                context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
                page.goto(url, wait_until="commit")
                page.wait_for_selector("#vb-theo-doi[data-ready]", timeout=300_000)
                first = page.evaluate("() => performance.getEntriesByName('vb-theo-doi')[0].startTime")
                best_first = min(best_first, first)
                sizes.first_bytes = page.evaluate(_FETCHED, first)
                page.wait_for_selector("#vb-theo-doi[data-bodies]", timeout=300_000)  # loaded after the 1st screen
                page.wait_for_timeout(1000)  # what the view loads by itself has come
                sizes.settled_bytes = page.evaluate(_FETCHED, None)
                asks = []
                while int(page.get_attribute("#vb-theo-doi", "data-drawn") or 0) < MORE_ROWS:
                    took = page.evaluate(_ASK_MORE)
                    if took is None:
                        break
                    asks.append(took)
                if asks:
                    best_more = min(best_more, max(asks))
                sizes.more_bytes = page.evaluate(_FETCHED, None)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    sizes.first_ms = best_first
    sizes.more_ms = best_more if best_more < float("inf") else None
    return sizes


def static_first(search: Path, query: str = QUERY) -> list[str]:
    """Without a browser: the files tim-kiem.js loads before the first result but the text part (the page reads
    the last word of a query also as a beginning)."""
    from ..writers import search as index
    from ..writers.datascript import read_script

    meta = read_script((search / index.INDEX_FILE).read_text(encoding="utf-8"))[1]
    shards = [index.SHARD_FILE.format(n) for n in sorted(index.query_shards(query, meta["shards"], typing=True))]
    return [index.INDEX_FILE, *shards]


# --- the run -------------------------------------------------------------------------------------------


EDIT = " Nội dung này được bổ sung sau khi rà soát lại số liệu."  # a sentence an archivist adds to a paragraph


def add_one(texts: Path, n: int, seed: int, shape: str = "whole") -> Path:
    """The text that a corpus of ``n + 1`` has and one of ``n`` has not: an archivist drops one more."""
    name, text = list(synth.corpus(n + 1, seed, shape).items())[-1]
    path = texts / name
    path.write_text(text, encoding="utf-8")
    return path


def edit_one(texts: Path) -> Path:
    """Lengthen the longest paragraph of the middle text by a sentence: an archivist corrects a text."""
    files = sorted(texts.glob("*.txt"))
    path = files[len(files) // 2]
    paragraphs = path.read_text(encoding="utf-8").split("\n\n")
    longest = max(range(len(paragraphs)), key=lambda k: len(paragraphs[k]))
    paragraphs[longest] = paragraphs[longest].rstrip() + EDIT
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return path


def differences(a: Path, b: Path) -> list[str]:
    """Files that are not byte for byte the same in two sites (present in one only, or with other bytes)."""
    def files(root: Path) -> dict[str, Path]:
        return {str(p.relative_to(root)): p for p in root.rglob("*") if p.is_file()}

    left, right = files(a), files(b)
    out = sorted(set(left) ^ set(right))
    for name in sorted(set(left) & set(right)):
        x, y = left[name], right[name]
        if x.stat().st_size != y.stat().st_size or x.read_bytes() != y.read_bytes():
            out.append(name)
    return sorted(out)


def bench_size(n: int, work: Path, seed: int, browser: bool, rebuilds: bool = True, trash: Trash | None = None,
               shape: str = "whole") -> Row:
    """Every figure of one size: our builds (clean, unchanged, one text added, one edited, a clean build of the
    result to compare with), the peer's (the same steps), sizes, and the search and tracker in Chromium.
    Without ``rebuilds`` only the full builds (a size whose rebuilds would take an hour: 10,000 texts). The folders
    of an earlier run go to ``trash`` (``Trash``), emptied by the caller; without one, into one emptied at the end."""
    if trash is None:
        own = Trash(work)
        try:
            return bench_size(n, work, seed, browser, rebuilds, own, shape)
        finally:
            own.empty()
    load = os.getloadavg()[0]
    texts = work / f"texts-{n}"
    synth.write_corpus(n, texts, seed, status=True, shape=shape)  # the office's status file, read at scale too
    (texts / "duong-dan.json").unlink(missing_ok=True)  # the address record of an earlier run: not these texts'
    for name in (f"cache-{n}", f"site-{n}", f"cache-clean-{n}", f"site-clean-{n}"):
        trash.put(work / name)  # the scratch folder's own: no marker needed

    def ours(site: str, cache: str, memory: bool = False) -> Run:
        print(f"bench: {n} documents: our build into {site}", file=sys.stderr, flush=True)
        run = timed([sys.executable, "-m", "build_scripts", "build", "--source", str(texts), "--site",
                     str(work / site)], cwd=ROOT, env={"VB_CACHE_DIR": str(work / cache)}, memory=memory)
        # a rebuild ends once its new site is in place; the old one is deleted by a process of its own after it
        # (output.dispose), waited for here so that its work falls in no other run's time
        # and the folders it keeps for the next build are in the cache (output.dispose)
        run.settle = output.wait_removed(work / site, 600, output.spare_for((work / site).resolve(), work / cache))
        return run

    peer_dir = work / f"peer-{n}"

    def peer(memory: bool = False) -> Run:
        write_peer(texts, peer_dir, trash)
        return timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(peer_dir / "mkdocs.yml"),
                      "-d", str(peer_dir / "site")], memory=memory)

    site = work / f"site-{n}"
    # the memory of the full builds only is reported, and sampled (``timed``)
    cold, peer_cold = ours(f"site-{n}", f"cache-{n}", memory=True), peer(memory=True)
    ours_sizes, peer_sizes = site_sizes(site), peer_search(peer_dir / "site")
    row = Row(n, cold, None, peer_cold, ours_sizes, peer_sizes)
    if rebuilds:
        row.unchanged, row.peer_unchanged = ours(f"site-{n}", f"cache-{n}"), peer()
        add_one(texts, n, seed, shape)
        row.added, row.peer_added = ours(f"site-{n}", f"cache-{n}"), peer()
        edit_one(texts)
        row.edited, row.peer_edited = ours(f"site-{n}", f"cache-{n}"), peer()
        ours(f"site-clean-{n}", f"cache-clean-{n}")  # the same sources, from nothing
        row.differing = differences(site, work / f"site-clean-{n}")
        trash.put(work / f"site-clean-{n}")
    search = site / "data" / "tim-kiem"
    ours_sizes.search_total = sum(p.stat().st_size for p in search.iterdir() if p.is_file())
    fetched = static_first(search)
    page: list[str] = []
    if browser:
        try:
            timing = first_results(site)
            row.typed_ms, row.nav_ms, fetched, page = timing.typed_ms, timing.nav_ms, timing.first, timing.page
            row.slow_typed_ms = timing.slow_typed_ms
            row.tracker = tracker_timing(site)
        except Exception as exc:  # no Playwright or no Chromium: the static count still stands
            row.notes.append(f"browser timing skipped: {type(exc).__name__}: {str(exc)[:120]}")

    def size(names: list[str]) -> int:
        return sum((search / name).stat().st_size for name in set(names) if (search / name).is_file())

    ours_sizes.search_first, ours_sizes.search_page = size(fetched), size(page)
    ours_sizes.search_note = " + ".join(sorted(set(fetched)))
    row.load = (load, os.getloadavg()[0])
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


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "—"


def _vs(ours: str, peer: str, a: float, b: float) -> str:
    """Our figure beside the peer's, and their ratio."""
    return f"{ours} vs {peer} = {_ratio(a, b)}"


def _rebuild(run: Run | None, cold: Run, peer: Run | None) -> str:
    """A rebuild's time, its share of our full build (the issue's target), and the peer's same rebuild."""
    if run is None or peer is None:
        return "— (full build only)"
    after = f"; old site deleted {run.settle:.1f} s after it" if run.settle >= 0.05 else ""
    return (f"{run.seconds:.1f} s ({run.seconds / cold.seconds:.1%} of full) vs {peer.seconds:.1f} s = "
            f"{_ratio(run.seconds, peer.seconds)}{after}")


def _per_doc_growth(values: list[float], sizes: list[int], k: int, unit: float, suffix: str) -> str:
    """What each further document added between the previous size and this one."""
    if k == 0:
        return "—"
    return f"{(values[k] - values[k - 1]) / (sizes[k] - sizes[k - 1]) / unit:.1f} {suffix}"


def _growth(values: list[float], sizes: list[int], k: int) -> str:
    """Growth over the previous size, per doubling of the number of documents."""
    if k == 0:
        return "—"
    import math

    doublings = math.log2(sizes[k] / sizes[k - 1])
    return f"{(values[k] / values[k - 1]) ** (1 / doublings):.2f}×" if doublings else "—"


def _identical(row: Row) -> str:
    if row.differing is None:
        return "— (full build only)"
    if not row.differing:
        return "yes"
    return f"no: {len(row.differing)} file(s) differ, e.g. {', '.join(row.differing[:3])}"


# The targets (#18), beside each figure they judge: a ratio to the peer or to our own full build.
TARGETS = {
    "full build": "≤ 4× (1,000)",
    "peak memory": "≤ 2.5× (1,000)",
    "peak memory, proportional (PSS)": "≤ 2.5× (1,000)",
    "add one text, rebuild": "≤ 15% of full",
    "edit one text, rebuild": "≤ 15% of full",
    "unchanged rebuild": "≤ 8% of full",
    "rebuilt site == clean build": "yes",
    "site bytes per document": "≤ 60 kB",
    "largest HTML page": "≤ 300 kB",
    "first search results, page loaded": "≤ 150 ms (1,000)",
}


def table(rows: list[Row], shape: str = "whole") -> str:
    sizes = [r.docs for r in rows]
    grow = range(len(rows))

    def line(label: str, cells: list[str]) -> tuple[str, str, list[str]]:
        return label, TARGETS.get(label, ""), cells

    tracker = [r.tracker for r in rows]
    lines = [
        line("full build", [_vs(f"{r.cold.seconds:.1f} s", f"{r.peer.seconds:.1f} s", r.cold.seconds,
                                r.peer.seconds) for r in rows]),
        line("peak memory", [_vs(_mb(r.cold.peak_bytes), _mb(r.peer.peak_bytes), r.cold.peak_bytes,
                                 r.peer.peak_bytes) for r in rows]),
        line("peak memory, proportional (PSS)", [_vs(_mb(r.cold.peak_pss), _mb(r.peer.peak_pss), r.cold.peak_pss,
                                                     r.peer.peak_pss) for r in rows]),
        line("add one text, rebuild", [_rebuild(r.added, r.cold, r.peer_added) for r in rows]),
        line("edit one text, rebuild", [_rebuild(r.edited, r.cold, r.peer_edited) for r in rows]),
        line("unchanged rebuild", [_rebuild(r.unchanged, r.cold, r.peer_unchanged) for r in rows]),
        line("rebuilt site == clean build", [_identical(r) for r in rows]),
        line("site bytes per document", [_vs(_kb(r.ours.total / r.docs), _kb(r.theirs.total / r.docs),
                                             r.ours.total, r.theirs.total) for r in rows]),
        line("site bytes (files)", [f"{_mb(r.ours.total)} ({r.ours.files:,}) vs {_mb(r.theirs.total)} "
                                    f"({r.theirs.files:,})" for r in rows]),
        line("largest HTML page", [_vs(f"{_kb(r.ours.largest_html[0])} {r.ours.largest_html[1]}",
                                       f"{_kb(r.theirs.largest_html[0])}", r.ours.largest_html[0],
                                       r.theirs.largest_html[0]) for r in rows]),
        line("largest file", [f"{_mb(r.ours.largest[0])} {r.ours.largest[1]} vs {_mb(r.theirs.largest[0])} "
                              f"{r.theirs.largest[1]}" for r in rows]),
        line("first search results, page loaded", [_ms(r.typed_ms) for r in rows]),
        line(f"the same, CPU ×{CPU_SLOWDOWN}", [_ms(r.slow_typed_ms) for r in rows]),
        line("first search results from navigation", [_ms(r.nav_ms) for r in rows]),
        line("search bytes before 1st result", [_vs(_mb(r.ours.search_first), _mb(r.theirs.search_first),
                                                    r.ours.search_first, r.theirs.search_first) for r in rows]),
        line("search bytes, 1st page of results", [_mb(r.ours.search_page) if r.ours.search_page
                                                   else "not measured" for r in rows]),
        line("search files per document", [_vs(_kb(r.ours.search_total / r.docs), _kb(r.theirs.search_total / r.docs),
                                               r.ours.search_total, r.theirs.search_total) for r in rows]),
        line("per further document: build time", [
            f"{_per_doc_growth([r.cold.seconds for r in rows], sizes, k, 1e-3, 'ms')} vs "
            f"{_per_doc_growth([r.peer.seconds for r in rows], sizes, k, 1e-3, 'ms')}" if k else "—" for k in grow]),
        line("per further document: peak memory", [
            f"{_per_doc_growth([r.cold.peak_bytes for r in rows], sizes, k, 1e3, 'kB')} vs "
            f"{_per_doc_growth([r.peer.peak_bytes for r in rows], sizes, k, 1e3, 'kB')}" if k else "—" for k in grow]),
        line("per further document: site bytes", [
            f"{_per_doc_growth([r.ours.total for r in rows], sizes, k, 1e3, 'kB')} vs "
            f"{_per_doc_growth([r.theirs.total for r in rows], sizes, k, 1e3, 'kB')}" if k else "—" for k in grow]),
        line("time growth per doubling", [f"{_growth([r.cold.seconds for r in rows], sizes, k)} vs "
                                          f"{_growth([r.peer.seconds for r in rows], sizes, k)}" if k else "—"
                                          for k in grow]),
        line("bytes growth per doubling", [f"{_growth([r.ours.total for r in rows], sizes, k)} vs "
                                           f"{_growth([r.theirs.total for r in rows], sizes, k)}" if k else "—"
                                           for k in grow]),
        line("tracker: its page (HTML)", [_kb(t.page_bytes) if t else "not measured" for t in tracker]),
        line("tracker: bytes before 1st screen", [_kb(t.first_bytes) if t else "not measured" for t in tracker]),
        line("tracker: bytes, default view settled", [_kb(t.settled_bytes) if t else "not measured"
                                                      for t in tracker]),
        line("tracker: all its data (largest chunk)", [f"{_mb(t.data_bytes)} ({_kb(t.largest_chunk)})" if t
                                                       else "not measured" for t in tracker]),
        line(f"tracker: 1st screen, phone, CPU ×{CPU_SLOWDOWN}", [_ms(t.first_ms if t else None) for t in tracker]),
        line(f"tracker: 40 more rows, slowest, CPU ×{CPU_SLOWDOWN}", [
            ("— (all on the 1st screen)" if t.more_ms is None else _ms(t.more_ms)) if t else "not measured"
            for t in tracker]),
        line(f"tracker: bytes for {MORE_ROWS} rows", [_kb(t.more_bytes) if t else "not measured" for t in tracker]),
    ]
    head = ["metric (ours vs peer)", "target", *(f"N = {n:,}" for n in sizes)]
    body = [[label, target, *cells] for label, target, cells in lines]
    widths = [max(len(row[i]) for row in [head, *body]) for i in range(len(head))]

    def fmt(row: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    out = [fmt(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *(fmt(r) for r in body)]
    loads = ", ".join(f"N = {r.docs:,}: {r.load[0]:.1f} to {r.load[1]:.1f}" for r in rows)
    notes = [f"Machine: {machine()}. Load average (1 min) at the start and end of each size: {loads} "
             f"(the machine's other work slows every figure; the ratios are of builds run side by side).",
             "Peer: the same texts as plain pages of a default mkdocs-material site (search on), built by "
             "`mkdocs build` each time (it has no incremental build).",
             *([f"Texts: the synthetic corpus's {shape} shape (`--shape {shape}`), not its whole conclusions."]
               if shape != "whole" else []),
             f"Search counted: ours = {rows[-1].ours.search_note}; "
             f"peer = {rows[-1].theirs.search_note}. Query: \"{QUERY}\"."]
    notes += sorted({n for r in rows for n in r.notes})
    return "\n".join([*out, "", *notes]) + "\n"


def main(args: argparse.Namespace) -> int:
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sizes = sorted({int(s) for text in (args.sizes, getattr(args, "docs", "") or "")
                    for s in str(text).split(",") if s.strip()})
    full_only = {int(s) for s in str(getattr(args, "full_only", "") or "").split(",") if s.strip()}
    rows = []
    shape = getattr(args, "shape", "whole")
    trash = Trash(work)  # what an interrupted run left there goes with the rest at the end
    try:
        for n in sizes:
            print(f"bench: {n} documents ...", file=sys.stderr, flush=True)
            rows.append(bench_size(n, work, args.seed, browser=not args.no_browser, rebuilds=n not in full_only,
                                   trash=trash, shape=shape))
    finally:
        trash.empty()
    sys.stdout.write(table(rows, shape))
    return 0


def run(args: argparse.Namespace) -> int:
    return main(args)
