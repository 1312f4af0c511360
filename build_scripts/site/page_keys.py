"""Each page's key in the page cache: the hash of everything that makes it (its Markdown and path, the renderer, the
navigation, and for each of its relative links whether the target exists), kept from one build to the next while its
file and the site's files are the same (``PageKeys``)."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import posixpath
import re
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from mkdocs.config.defaults import MkDocsConfig

from ..files import status as file_status
from ..pipeline import convert
from .page_cache import load_map, save_map

TARGETS = "link-targets.pickle"  # in the page cache: each page's link targets, by the hash of its path and Markdown
RENDERERS = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "Pygments", "babel")

# the targets of a page's links: Markdown links, HTML attributes (md_in_html makes some of them
# MkDocs' to rewrite) and reference definitions; more than MkDocs rewrites only costs a miss.
# Each pattern starts with a literal, so that a page is scanned quickly (one for "href|src" took 4 times as long).
_TARGETS = (re.compile(r"\]\(\s*<?([^)\s>]+)"), re.compile(r"""href\s*=\s*["']([^"']+)["']"""),
            re.compile(r"""src\s*=\s*["']([^"']+)["']"""),
            re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE))
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def tree_hash(folder: Path) -> str:
    h = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def renderer_key(config_file: Path, config: MkDocsConfig, offline: bool) -> str:
    """The hash of what renders every page: ``mkdocs.yml`` as loaded, the renderers' versions, the
    build code (the heading slugs are ours) and the theme's overrides."""
    h = hashlib.sha256(b"vb-renderer 1\0")
    h.update(Path(config_file).read_bytes())
    for name in RENDERERS:
        h.update(f"{name}={_version(name)}\0".encode())
    h.update(convert.code_hash().encode("ascii"))
    custom = config.theme.custom_dir
    h.update(tree_hash(Path(custom)).encode("ascii") if custom else b"-")
    h.update(repr((config.site_url, config.use_directory_urls, offline, sorted(config.theme.static_templates),
                   (config.extra or {}).get("offline_zip"))).encode("utf-8"))  # the footer's link, or none
    return h.hexdigest()


@functools.cache
def _version(name: str) -> str:
    """An installed package's version, looked up once a process (~1 ms each: a build's keys asked 21 times)."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "none"


def link_targets(src_uri: str, markdown: str) -> set[str]:
    """The files a page's relative links name, as paths in the docs folder (anchors and queries cut)."""
    base = posixpath.dirname(src_uri)
    out: set[str] = set()
    for target in {m.group(1) for pattern in _TARGETS for m in pattern.finditer(markdown)}:
        out.update(_resolve(base, target))
    return out


@functools.lru_cache(maxsize=1 << 16)
def _resolve(base: str, target: str) -> tuple[str, ...]:
    """The paths a link from a page in ``base`` may point to: a file, or a folder's index page."""
    if target.startswith(("#", "/")) or _SCHEME.match(target):
        return ()
    target = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not target:
        return ()
    path = posixpath.normpath(posixpath.join(base, target))
    return path, posixpath.join(path, "index.md")


def page_key(shared: str, src_uri: str, markdown: bytes, exists: Callable[[str], bool]) -> str:
    """The hash of a page's inputs, from its Markdown alone: what ``PageKeys.key`` must give, whatever it kept."""
    return _key(shared, page_hash(src_uri, markdown), bytes(map(exists, scan_targets(src_uri, markdown))))


def scan_targets(src_uri: str, markdown: bytes) -> list[str]:
    return sorted(link_targets(src_uri, markdown.decode("utf-8", "replace")))


def _key(shared: str, page: str, exists: bytes) -> str:
    """A page's key from the hash of its path and Markdown and whether each of its link targets exists (a byte
    each, in the order of its sorted targets): the targets' names need no hashing, the Markdown gives them
    (116,000 links at 1,000 texts, one by one 0.15 s)."""
    h = hashlib.sha256(shared.encode("ascii"))
    h.update(page.encode("ascii"))
    h.update(exists)
    return h.hexdigest()


def page_hash(src_uri: str, markdown: bytes) -> str:
    return hashlib.sha256(src_uri.encode("utf-8") + b"\0" + markdown + b"\0").hexdigest()


class PageKeys:
    """Each page's key computed from what the last build kept of it, as far as it can be trusted.

    Kept in a map of the page cache for each docs folder (``keys-<folder's hash>.pickle``): for each page the
    status of its file (size, modification and change times, inode, device), its hash (``page_hash``), its key,
    its link targets when the big map of targets (TARGETS) was not read, and those of its targets that did not
    exist; and for all pages the hash of their context (``site_key`` and every file of the site), ``site_key``
    and the site's files. A page whose file has the same status has the same Markdown: any write gives a file
    a new change time, which nothing but the clock sets; a file changed within a tick of the file system's clock
    before this build looked at it (``racy``) is read again next time (a second write within the same tick would
    leave its status as it was: git's "racy" files). So a rebuild after an edit
    reads and hashes only the pages that changed (where it read all 44 MB of Markdown at 1,000 texts), takes the
    others' keys as they were when the site's files are the same, or when files were only added (an add) and
    none of them is a target a page's links missed (``_holds``); it reads TARGETS (4.5 MB) only when neither is
    so, or a page lacks its targets. An add read TARGETS and hashed every page's targets again: 0.1-0.2 s."""

    RACY_NS = 1_000_000_000  # a file system that keeps whole seconds: a write within the second may not show
    FINE_RACY_NS = 100_000_000  # one that keeps fractions: its clock moves every tick (a jiffy, 1-10 ms), far under

    def racy(self, status: list) -> bool:
        """Whether a file's status was taken too soon after its last change to prove the next one: changed within a
        tick of the file system's clock before this build began. A file system whose times have fractions of a
        second ticks every few milliseconds (Linux's coarse clock): there the window is ``FINE_RACY_NS``, not a
        second, and a cold build's pages written in its last second (~600 at 1,000 texts, ~0.15 s of the next
        add to read and scan again) are trusted."""
        mtime, ctime = status[1:3]
        fine = mtime % 1_000_000_000 or ctime % 1_000_000_000
        return max(mtime, ctime) >= self.start - (self.FINE_RACY_NS if fine else self.RACY_NS)

    def __init__(self, cache: Path | None, docs_dir: str) -> None:
        self.cache = cache
        self.name = f"keys-{hashlib.sha256(os.fsencode(docs_dir)).hexdigest()[:24]}.pickle"
        kept: dict = load_map(cache, self.name)
        if not isinstance(kept, dict) or not isinstance(kept.get("pages"), dict):
            kept = {}
        self.kept: dict[str, list] = kept.get("pages") or {}
        self.kept_context = kept.get("context")
        self.kept_shared, self.kept_files = kept.get("shared"), kept.get("files")
        self.added: set[str] | None = None  # the files added since the kept keys, when only added
        self.targets: dict[str, list[str]] | None = None  # TARGETS, once read
        self.now: dict[str, list] = {}
        self.start = time.time_ns()

    def first(self) -> bool:
        """Whether no page's links are known: a first build, every page to render."""
        return not self.kept and not self.all_targets()

    def begin(self, shared: str, known: dict) -> None:
        """The context of this build's keys: ``site_key`` and the site's files (MkDocs' ``Files.src_uris``)."""
        self.shared, self.known = shared, known
        h = hashlib.sha256(shared.encode("ascii"))
        h.update("\0".join(sorted(known)).encode("utf-8"))
        self.context = h.hexdigest()
        self.same = self.kept_context == self.context
        if not self.same and self.kept_shared == shared and isinstance(self.kept_files, list):
            before = set(self.kept_files)
            if before.issubset(known):
                self.added = set(known) - before

    def all_targets(self) -> dict[str, list[str]]:
        if self.targets is None:
            self.targets = load_map(self.cache, TARGETS)
        return self.targets

    def key(self, src_uri: str, path: str) -> str:
        """The page's key."""
        status = file_status(os.stat(path))
        kept = self.kept.get(src_uri)
        markdown = None
        if kept is not None and kept[:5] == status:
            page = kept[5]
            if self.same or self._holds(kept):
                self.now[src_uri] = kept
                return kept[6]
        else:
            with open(path, "rb") as f:
                markdown = f.read()
                info = os.fstat(f.fileno())
            page = page_hash(src_uri, markdown)
            status = file_status(info)
            if status[0] != len(markdown) or self.racy(status):
                status = [None] * 5  # not to be trusted: read again next time
        found = kept[7] if kept is not None and kept[5] == page else None
        if found is None and markdown is None:  # a page as it was, in another context: its links as they were
            found = self.all_targets().get(page)
            if found is None:
                markdown = Path(path).read_bytes()
                page = page_hash(src_uri, markdown)
        if found is None:  # a page read: its links scanned (quicker than reading TARGETS for one page)
            found = scan_targets(src_uri, markdown)
        exists = bytes(map(self.known.__contains__, found))
        key = _key(self.shared, page, exists)
        self.now[src_uri] = [*status, page, key, found, self._missed(found, exists)]
        return key

    def _missed(self, found: list[str], exists: bytes) -> list[str]:
        """The targets of a page that are not files of the site and could be added: neither outside the docs folder
        nor the index page of a file that exists (``x/index.md`` cannot come without ``x`` going). Those left out
        were half of all the targets: with them the map of keys grew from 0.65 to 4.8 MB, read on every build."""
        known = self.known
        return [t for t, there in zip(found, exists, strict=True) if not there and t != ".." and
                not t.startswith("../") and not (t.endswith("/index.md") and t[:-9] in known)]

    def _holds(self, kept: list) -> bool:
        """Whether a kept page's key holds in this build: the same renderer and navigation, files only added since,
        and none of them a target that the page's links missed (its targets that existed still do: ``_missed``)."""
        missed = kept[8] if len(kept) > 8 else None
        return self.added is not None and isinstance(missed, list) and self.added.isdisjoint(missed)

    def save(self) -> None:
        """The map of keys, and TARGETS when it was read: each page's targets in one or the other."""
        now = {src_uri: list(entry) for src_uri, entry in self.now.items()}
        if self.targets is not None:
            targets = {}
            for src_uri, entry in list(now.items()):
                found = entry[7] if entry[7] is not None else self.targets.get(entry[5])
                if found is None:  # TARGETS lost since: the page is read next time
                    del now[src_uri]
                    continue
                targets[entry[5]] = found
                entry[7] = None
            if targets != self.targets:  # this build's pages only: it does not grow with edits
                save_map(self.cache, TARGETS, targets)
        if now != self.kept or not self.same:
            save_map(self.cache, self.name, {"context": self.context, "shared": self.shared,
                                              "files": sorted(self.known), "pages": now})
        # the links resolved are not asked again this build: let go, not held to its end (~65,000 paths, ~9 MB at
        # 1,000 short notices, while the search index's process makes its merge beside)
        _resolve.cache_clear()
