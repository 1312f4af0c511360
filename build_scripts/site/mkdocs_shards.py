"""The site stage: MkDocs renders the generated pages in shards, one process per core, from a page cache.

MkDocs renders one page at a time in one process, and every page of ours is rendered again on
every build. Here MkDocs is still the renderer, used as a library with its own functions and no
plugin or hook of ours (principle 2), but driven page by page:

- **The whole site, everywhere.** Every process loads the same configuration, finds the same
  files and builds the same navigation, exactly as ``mkdocs build`` does; each then renders only
  its own pages. A page's HTML depends on its Markdown, the configuration, the theme and the
  navigation, and on which files its links point to: nothing else of another page (the nav's
  titles are written in ``mkdocs.yml``; a nav entry without one is rendered by every process
  first, as MkDocs would). So shards give the bytes one process gives.
- **A page cache.** A rendered page is kept under the hash of everything that makes it: its
  Markdown and path, ``mkdocs.yml`` (and ``SITE_URL``, the offline setting), the versions of
  MkDocs, Material, Python-Markdown and the others that render, the build code (the heading
  slugs are ours), the theme overrides, the navigation, and for each relative link of the page
  whether its target exists. A page whose hash is in the cache is copied from there; only the
  others are rendered. Entries live in ``pages/`` of the build cache (``.build/cache/``, see
  convert.py; ``VB_CACHE_DIR``, ``VB_NO_CACHE=1``; ``page_cache.py``). A page's key is kept from one build
  to the next while its file's status and the site's files are the same (``page_keys.PageKeys``): a rebuild
  after an edit reads and hashes only the pages that changed.
- **Shards.** The pages to render are shared over ``os.cpu_count()`` processes: this one and
  fresh (spawned) workers, so that no worker carries a copy of the archive. The pages are handed
  out as the processes go, largest first, so that all of them end together. Below
  ``PARALLEL_FROM`` pages this process renders them alone (a worker takes a second to start). The
  workers start as soon as the pages are known to be many (first thing on a first build), and take
  pages while this process computes the others' keys, then while the build writes its data files
  (``begin``: their names listed beforehand, ``Coming``).
- **Markdown once per process.** A page is converted as ``mkdocs build`` converts it, with one
  ``Markdown`` per process and without MkDocs' collection of anchor ids, which only its check of
  anchor links reads (``SiteModel._populate``); that ``Markdown`` takes shortcuts that give the same
  HTML (``page_markdown``: the writers' marked blocks stashed unparsed, inline patterns tried only
  where they can match, ...).
- **The navigation once per variant.** The sidebar of a page outside the navigation depends only on where the
  page is (the navigation's addresses from it): rendered once for each variant and given to the theme's
  ``site_nav`` block (overrides/main.html) for the other pages (``SiteModel._nav``).
- **A page written once.** A rendered page is kept in the cache and linked into the site (``put``).
- **Once for the site.** Static files, the 404 page and the sitemap are written by this process,
  with every page known, as ``mkdocs build`` writes them.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import gc
import hashlib
import importlib.metadata
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import markdown
from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket
from markupsafe import Markup
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import (
    Page,
    _ExtractTitleTreeprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc

from .. import heap
from ..cache_files import mark_used
from . import output
from .page_cache import (
    ENTRIES,
    Linker,
    cache_folder,
    link_file,
    load_map,
    made_folder,
    put,
    restore,
    save_map,
    stamp,
    store,
)
from .page_keys import PageKeys, renderer_key, tree_hash
from .page_markdown import page_markdown

ROOT = Path(__file__).resolve().parents[1].parent  # where ``build_scripts`` is imported from

PARALLEL_FROM = 40  # pages to render before workers pay for their start



class RenderError(Exception):
    """A page MkDocs could not render; the message names it and carries MkDocs' reason."""


@dataclass
class Rendered:
    """What the stage did: pages rendered, pages copied from the cache, and the processes used."""

    rendered: int = 0
    cached: int = 0
    processes: int = 1


def configure(config_file: Path, *, docs_dir: str, site_dir: str, offline: bool = False) -> MkDocsConfig:
    """The configuration of one build into ``site_dir`` from ``docs_dir`` (absolute paths); the offline
    bundle has file URLs (``van-ban/x.html``) and no 404 page."""
    overrides: dict = {"docs_dir": docs_dir, "site_dir": site_dir}
    if offline:
        overrides["use_directory_urls"] = False
    config = load_config(str(config_file), **overrides)
    if offline:
        # a 404 page is for a web server; opened from disk it would ask for /assets/..., outside the bundle
        config.theme.static_templates.discard("404.html")
    return config


# --- MkDocs' view of the site, the same in every process -----------------------------------------


class _BytecodeCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, whose entries a build marks used as it reads them
    (``cache_files.mark_used``): the cache's sweep keeps them."""

    def load_bytecode(self, bucket: Bucket) -> None:
        super().load_bytecode(bucket)
        if bucket.code is not None:
            mark_used(self._get_cache_filename(bucket))


def _nav_urls(nav, config: MkDocsConfig) -> list[str]:
    """The addresses the navigation's HTML links to, each made relative to a page by Material's ``url`` filter: its
    pages and links, the home page, the logo."""
    out: list[str] = []

    def walk(items) -> None:
        for item in items:
            if getattr(item, "url", None) is not None:
                out.append(str(item.url))
            walk(getattr(item, "children", None) or [])

    walk(nav.items)
    for extra in ((config.extra or {}).get("homepage"), getattr(nav.homepage, "url", None), config.theme.get("logo")):
        if extra:
            out.append(str(extra))
    return out


THEME_FILES = "theme-files.pickle"  # in the page cache: the theme's static files, by the hash of what lists them
# Material's own search, which its search plugin loads (a worker and lunr's languages, 1.2 MB in 36 files): the
# archive's search is its own (tim-kiem/), no page of ours names them, and without that plugin no script does
THEME_SEARCH = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


def _add_theme_files(files: Files, env, config: MkDocsConfig) -> None:
    """``Files.add_files_from_theme``: the theme's static files added to the site's, with the list of them kept.

    MkDocs walks every folder of the theme to list them (Material's 14,500 files, its icons, for ~200 static
    files) on every build, in every process. The list depends only on the theme's folders, the versions of MkDocs
    and the theme, the overrides' files and the names MkDocs leaves out (its Markdown extensions, the static
    templates): kept under their hash, it is taken from there, each file added as MkDocs adds it, unless the docs
    folder has a file of that name (theme files do not override the docs'). Material's search files are left out
    unless its search plugin is on (``THEME_SEARCH``)."""
    cache = cache_folder()
    h = hashlib.sha256(b"vb-theme-files 1\0")
    for name in ("mkdocs", "mkdocs-material"):
        try:
            h.update(f"{name}={importlib.metadata.version(name)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{name}=none\0".encode())
    custom = config.theme.custom_dir
    h.update(repr((list(config.theme.dirs), sorted(config.theme.static_templates), list(utils.markdown_extensions),
                   tree_hash(Path(custom)) if custom else None)).encode("utf-8"))
    key = h.hexdigest()
    kept = load_map(cache, THEME_FILES).get(key)
    if not isinstance(kept, list):
        theme = Files([])
        theme.add_files_from_theme(env, config)
        kept = [[file.src_uri, file.src_dir] for file in theme]
        save_map(cache, THEME_FILES, {key: kept})
    searched = any(name.rsplit("/", 1)[-1] == "search" for name in config.plugins)  # "search", "material/search"
    unused = () if searched else THEME_SEARCH
    for src_uri, src_dir in kept:
        if files.get_file_from_path(src_uri) is None and not src_uri.startswith(unused):
            files.append(File(src_uri, src_dir, config.site_dir, config.use_directory_urls))


@dataclass(frozen=True)
class Coming:
    """Files a writer of the build is still writing into ``folder`` of the docs folder when the render starts (the
    open data: data/), by their paths there (``names``): the site's files list them, and nothing else of that
    folder, whatever it holds at that moment (none, some, or a writer's ``.x.partial``): the files ``get_files``
    lists once they are all written. A page's links to them are rewritten, and its cache key made, as then; they
    are linked into the site at the end (``SiteModel.finish``), once written."""

    folder: str
    names: tuple[str, ...]

    def list_in(self, files: Files, config: MkDocsConfig) -> None:
        prefix, names = self.folder + "/", set(self.names)
        for file in [f for f in files if f.src_uri.startswith(prefix) and f.src_uri not in names]:
            files.remove(file)
        for name in self.names:
            if files.get_file_from_path(name) is None:
                files.append(File(name, config.docs_dir, config.site_dir, config.use_directory_urls))


_PLAIN_URL = re.compile(r"(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*)?")


class _Page(Page):
    """A page outside the navigation, as MkDocs makes it (every page of the site is made at every build, for the
    sitemap), its address on the site joined as text where ``urljoin`` would only append it: a relative path of plain
    segments (none "." or ".." nor beginning with a dot) to a base ending in "/" with no such segment, query or
    fragment. ``urljoin`` and ``urlsplit`` took ~30 ms of every build at 1,000 texts (2,766 pages)."""

    def _set_canonical_url(self, base: str | None) -> None:
        url = self.url
        path = _plain_base(base) if base else None
        if path is not None and _PLAIN_URL.fullmatch(url):
            assert base is not None
            self.canonical_url = (base if base.endswith("/") else base + "/") + url
            self.abs_url = path + url
        else:
            super()._set_canonical_url(base)


@functools.cache
def _plain_base(base: str) -> str | None:
    """The path of ``base`` (ending in "/"), when a plain page address joined to it is only appended; else None."""
    base = base if base.endswith("/") else base + "/"
    parts = urlsplit(base)
    if parts.query or parts.fragment or not parts.scheme or not parts.netloc:
        return None
    if any(segment in (".", "..") for segment in parts.path.split("/")):
        return None
    return parts.path


def _nav_paths(nav) -> Iterator[str]:
    """The paths the ``nav`` setting names, as MkDocs looks them up (``nav._data_to_navigation``)."""
    if isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_paths(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_paths(item)
    elif isinstance(nav, str):
        # "/x.md" names docs/x.md only when validation.nav.absolute_links says so; left to MkDocs either way
        yield nav.lstrip("/")


class SiteModel:
    """The configuration, files, navigation and theme of one build, as ``mkdocs build`` prepares them; ``coming``,
    the files still being written as it is made."""

    def __init__(self, config: MkDocsConfig, coming: Coming | None = None) -> None:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        if coming is not None:
            coming.list_in(files, config)
        env = config.theme.get_env()
        jinja = cache_folder()
        if jinja is not None:  # the theme's templates compiled once, not in every process of every build
            env.bytecode_cache = _BytecodeCache(str(made_folder(jinja.parent / "jinja")))
        _add_theme_files(files, env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        # the pages the navigation does not name made here (``_Page``): MkDocs' get_navigation would make them all
        # with its own Page, whose address took ~30 ms of each build at 1,000 texts (a page it names keeps the
        # title the navigation gives it, so it is left to MkDocs)
        named = {id(f) for f in map(files.get_file_from_path, _nav_paths(config.nav)) if f is not None}
        for file in files.documentation_pages():
            if file.page is None and id(file) not in named:
                _Page(None, file, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        self.config, self.files, self.nav = config, files, nav
        self.env = config.plugins.on_env(env, config=config, files=files)
        self.doc_files = files.documentation_pages()
        self._markdown: markdown.Markdown | None = None
        self._in_nav = {id(page) for page in nav.pages}
        self._nav_urls = _nav_urls(nav, config)
        self._navs: dict[tuple[str, ...], Markup | None] = {}  # the navigation's HTML by its links from a page
        # a nav entry without a title of its own takes it from its rendered page: render those first
        for page in nav.pages:
            if "title" not in vars(page):
                mkdocs_build._populate_page(page, config, files)

    def pages(self) -> dict[str, File]:
        return {f.src_uri: f for f in self.doc_files}

    def render(self, file: File, cache: Path | None = None, key: str = "") -> bytes:
        """One page rendered and written where ``mkdocs build`` writes it, and kept in the page ``cache`` under
        ``key``; its bytes (b"" when MkDocs skipped it as empty). With a cache the site's file is a link to the
        cache's entry (``put``), as a page taken from the cache is."""
        page = file.page
        assert page is not None
        try:
            self._populate(page)
            output = self._build(page)
        except Exception as exc:
            raise RenderError(f"{file.src_uri}: MkDocs could not render it ({type(exc).__name__}: {exc})") from exc
        if "title" in vars(page) or page not in self.nav.pages:
            page.markdown = page.content = None  # what a process keeps of a page it has written: no text
        if not output.strip():  # MkDocs writes no file for it
            store(cache, key, b"")
            return b""
        page_bytes = compact(output.encode("utf-8", errors="xmlcharrefreplace"))
        put(cache, key, page_bytes, file.abs_dest_path)
        return page_bytes

    def _build(self, page: Page) -> str:
        """``mkdocs_build._build_page``'s HTML, returned instead of written: the page is compacted before it is
        written once (written by MkDocs, it was read back, compacted and written again: a fifth of a page's
        time outside Markdown and Jinja went to those files)."""
        config = self.config
        config._current_page = page
        page.active = True
        try:
            context = mkdocs_build.get_context(self.nav, self.doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            shape = None if id(page) in self._in_nav else tuple(utils.normalize_url(u, page) for u in self._nav_urls)
            nav = self._navs.get(shape) if shape is not None else None
            if nav is not None:
                context["vb_nav"] = nav
            html = template.render(context)
            if shape is not None and shape not in self._navs:
                self._navs[shape] = self._nav(context, html)
            return config.plugins.on_post_page(html, page=page, config=config)
        finally:
            page.active = False
            config._current_page = None

    def _nav(self, context: dict, html: str) -> Markup | None:
        """The navigation's HTML (Material's ``partials/nav.html``) made for the page of ``context``, to be given
        whole to the pages whose links to the navigation's pages are the same (``vb_nav`` in the theme's
        ``site_nav`` block, overrides/main.html); None when the page's own HTML (``html``) does not hold it as it
        is, so that those pages include it as Material does.

        A page outside the navigation makes no entry of it active, and the navigation's HTML depends only on the
        addresses of its entries from the page: the same for every document page, every body's, every cited
        document's. It was a third of the template's time on a cited document's page."""
        env = self.env
        values = dict(context)
        values.setdefault("features", self.config.theme.get("features") or [])  # as base.html sets them
        values["lang"] = env.get_template("partials/language.html").make_module(values)
        try:
            nav = env.get_template("partials/nav.html").render(values)
        except Exception:  # a theme without that partial: Material's include only
            return None
        return Markup(nav) if nav and nav in html else None

    def _populate(self, page: Page) -> None:
        """``mkdocs_build._populate_page`` (``Page.render`` inside it), the same HTML and page fields with two cuts:

        - one ``Markdown`` for the process, reset before each page (``Markdown.reset``, what Python-Markdown
          asks between conversions), not one built with every extension again for each page;
        - without MkDocs' collection of the ids a page holds: its scan of the page's raw HTML
          (``_RawHTMLPreprocessor``, a second HTML parse of the page beside Python-Markdown's, leaving the
          text as it was) and of its headings (``_ExtractAnchorsTreeprocessor``). Only the check of links to
          anchors reads those ids (``Page.validate_anchor_links``), which ``mkdocs build`` runs over the whole
          site and a sharded build does not (nor are the links it would check kept on the page). The
          document pages' text and task table are raw HTML: the scan was a sixth of their Markdown's time.
        """
        config, files = self.config, self.files
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            assert page.markdown is not None
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            if self._markdown is None:
                self._markdown = page_markdown(config.markdown_extensions, config.mdx_configs or {})
            md = self._markdown.reset()
            title = _ExtractTitleTreeprocessor()
            for processor in (_RelativePathTreeprocessor(page.file, files, config), title):
                processor._register(md)  # replaces the previous page's
            page.content = md.convert(page.markdown)
            page.toc = get_toc(getattr(md, "toc_tokens", []))
            page._title_from_render = title.title
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        finally:
            config._current_page = None

    def finish(self, linked: tuple[str, ...] = ()) -> None:
        """Static files, the 404 page and the sitemap: what ``mkdocs build`` writes besides the pages.

        A static file in one of the ``linked`` folders of the docs folder (the generated ones, whose files
        the build replaces and never rewrites: files.py) is hard-linked instead of copied, where the file
        system allows: the open data and the source copies are most of a site's bytes."""
        roots = tuple(os.path.join(self.config.docs_dir, name) + os.sep for name in linked)
        for file in self.files:
            if not file.is_documentation_page() and file.inclusion.is_included() and not link_file(file, roots):
                file.copy_file()
        for template in self.config.theme.static_templates:
            mkdocs_build._build_theme_template(template, self.env, self.files, self.config, self.nav)
        for template in self.config.extra_templates:
            mkdocs_build._build_extra_template(template, self.files, self.config, self.nav)
        self.config.plugins.on_post_build(config=self.config)


_KEEP = re.compile(rb"<(pre|textarea|script)\b.*?</\1\s*>", re.S | re.I)  # where white space is kept as written
_BREAK = re.compile(rb"[ \t\r]*\n\s*")


def compact(page: bytes) -> bytes:
    """A rendered page with each run of white space that holds a line break cut to that line break.

    The theme's templates indent their markup deeply (a fifth of every page's bytes, and a page carries
    the whole navigation); HTML shows such a run as one space, so the page reads and works the same. What
    is inside ``pre``, ``textarea`` and ``script`` is left as it is."""
    out, start = [], 0
    for m in _KEEP.finditer(page):
        out += [_breaks(page[start:m.start()]), m.group()]
        start = m.end()
    out.append(_breaks(page[start:]))
    return b"".join(out)


def _breaks(text: bytes) -> bytes:
    """``_BREAK.sub(b"\n", text)``, by its lines: each line stripped of the white space around it, the first only at
    its end and the last only at its start, and the lines left empty dropped. The same where white space is only
    space, tab, carriage return and line end (without a form feed or vertical tab); the substitution, one match per
    line of the page, took 0.7 ms of a page's ~3-5 ms, this 0.3."""
    if b"\x0b" in text or b"\x0c" in text:
        return _BREAK.sub(b"\n", text)
    lines = text.split(b"\n")
    if len(lines) == 1:
        return text
    out = [lines[0].rstrip()]
    out += [line for line in map(bytes.strip, lines[1:-1]) if line]
    out.append(lines[-1].lstrip())
    return b"\n".join(out)


# --- the key every page shares -------------------------------------------------------------------


def _nav_shape(items) -> list:
    return [(type(item).__name__, item.title, getattr(item, "url", None), _nav_shape(getattr(item, "children", None)
                                                                                     or [])) for item in items]


def site_key(site: SiteModel, config_file: Path, offline: bool) -> str:
    """The hash of what every page shares: the renderer and the navigation."""
    h = hashlib.sha256(renderer_key(config_file, site.config, offline).encode("ascii"))
    h.update(repr(_nav_shape(site.nav.items)).encode("utf-8"))
    return h.hexdigest()


# --- the stage ----------------------------------------------------------------------------------------


AHEAD = 8  # pages handed to a worker before it has rendered them: enough to never wait for the next
LATE_FROM = 4  # times PARALLEL_FROM: the pages left for a worker held back by the gate to be started at all


def _largest_first(todo: list[tuple[File, str]]) -> list[tuple[File, str]]:
    """The pages to render, largest Markdown first: the last pages handed out are the quickest."""
    sizes = {f.src_uri: os.path.getsize(f.abs_src_path) for f, _k in todo}
    return sorted(todo, key=lambda item: (-sizes[item[0].src_uri], item[0].src_uri))


def _worker() -> None:
    """Pages rendered in a fresh process (``python -m build_scripts.site.mkdocs_shards``): the job as a line of
    JSON on standard input, then a line per page to render (``[src_uri, key]``) as the build hands them out,
    up to the end of the input; a line on standard output per page rendered, then "done", or "error" and why."""
    import logging

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    job = json.loads(sys.stdin.readline())
    try:
        coming = job.get("coming")
        site = SiteModel(configure(Path(job["config_file"]), **job["config"]),
                         Coming(coming[0], tuple(coming[1])) if coming else None)
        files = site.pages()
        gc.freeze()  # the site set aside from the collector's full passes: see Render
        cache = Path(job["cache"]) if job["cache"] else None
        for line in sys.stdin:
            src_uri, key = json.loads(line)
            site.render(files[src_uri], cache, key)
            print("page", flush=True)
            output.step("rendering")  # a test kills a worker here
        print("done", flush=True)
    except Exception as exc:  # said to the parent, which stops the build
        text = str(exc) if isinstance(exc, RenderError) else traceback.format_exc()
        print("error " + json.dumps(text), flush=True)


def _pages_in(docs_dir: str) -> int:
    """The Markdown files of the docs folder: the pages a site will have, counted before MkDocs lists them."""
    return sum(name.endswith(".md") for _here, _dirs, names in os.walk(docs_dir) for name in names)


@contextlib.contextmanager
def begin(config: MkDocsConfig, config_file: Path, overrides: dict, *, offline: bool, workers: int | None = None,
          linked: tuple[str, ...] = (), coming: Coming | None = None,
          gate: Callable[[], bool] | None = None) -> Iterator[Render]:
    """The render of the configured site begun (``Render``): the caller may write the ``coming`` files in the
    block while the workers render, then ``finish``es it. A failure in the block stops the workers. ``gate``: whether
    a worker may start now (``_Shards``)."""
    render = Render(config, config_file, overrides, offline=offline, workers=workers, linked=linked, coming=coming,
                    gate=gate)
    try:
        yield render
    finally:
        render.stop()


class Render:
    """The render of a site (``begin``): made, it has started the workers, listed the site's files (with the
    ``coming`` ones), computed every page's key, put the cached pages in place and handed the first pages out,
    and a thread keeps the workers in pages while the caller does other work; ``finish`` renders the rest here
    and beside them, then the static files, the 404 page and the sitemap.

    ``overrides`` are what ``configure`` was given, so that workers load the same config; the static files of
    the ``linked`` folders are hard-linked (``SiteModel.finish``). The site folder is the build's own, new or
    holding only the empty folders of a previous site (``output.new_folder``): nothing in it is cleaned first.

    The workers start as soon as the pages to render are known to be many: before anything else when the
    cache holds no link targets (no cache, or its first build: every page is to render), else once
    ``PARALLEL_FROM`` pages per process have missed the cache while the keys are computed; each is handed
    pages as their keys are known. A worker's imports and site took about a second, and the keys of a first
    build (every page's links read) another: started after them, it rendered its first page 2-4 s into the stage.
    The build writes its data files in the meantime (``coming``): written before the render began, they kept a
    core idle for 2.7 s at 1,000 texts.

    What a process holds before its pages (a build's loaded archive; MkDocs' files, pages and navigation) is set
    aside from the cycle collector's full passes (``gc.freeze``) while it renders; the collector still runs for
    what each page makes. Its full passes walked all of it again: in a worker 0.62 s of collections over 800 pages,
    0.25 s with the site set aside; in the build process, a first full pass walked the whole loaded archive
    (0.9 s at 1,000 texts). All is given back to the collector at the end (``gc.unfreeze``, a caller's own
    freeze with it).
    """

    def __init__(self, config: MkDocsConfig, config_file: Path, overrides: dict, *, offline: bool,
                 workers: int | None = None, linked: tuple[str, ...] = (), coming: Coming | None = None,
                 gate: Callable[[], bool] | None = None) -> None:
        self.started = time.monotonic()
        workers = workers or os.cpu_count() or 1
        self.cache = cache = cache_folder()
        self.linked = linked
        keys = PageKeys(cache, config.docs_dir)
        self.shards = shards = _Shards(config_file, overrides, cache, coming, gate)
        self.linker = linker = Linker()  # the cached pages' links, made beside this process (joined in finish)
        self.frozen = True
        gc.freeze()  # what the caller holds (a build's loaded archive), then the site, set aside: see the docstring
        try:
            if workers > 1 and keys.first():
                shards.start(min(workers, _pages_in(config.docs_dir) // PARALLEL_FROM) - 1)
            self.site = site = SiteModel(config, coming)
            gc.freeze()
            self.pages = pages = site.pages()
            keys.begin(site_key(site, config_file, offline), site.files.src_uris)
            self.todo: list[tuple[File, str]] = []
            self.cached = 0
            self.stamps = stamps = load_map(cache, ENTRIES)
            for src_uri, file in pages.items():
                key = keys.key(src_uri, file.abs_src_path)
                if cache is not None and restore(cache, key, file.abs_dest_path, stamps.get(key), linker):
                    self.cached += 1
                    shards.advance()
                else:
                    self.todo.append((file, key))
                    shards.start(min(workers, len(self.todo) // PARALLEL_FROM) - 1)
                    shards.give(file, key)
            linker.start()
            keys.save()
            del keys
            heap.give_back()  # what reading the pages for their keys let go (heap.py)
            shards.feed()
        except BaseException:
            self.stop()
            raise

    def finish(self, stage=None) -> Rendered:
        """The pages not rendered yet rendered, here and by the workers; then the static files (the ``coming`` ones
        written by now), the 404 page and the sitemap. ``stage`` (progress.Stage) counts the pages."""
        shards = self.shards
        try:
            shards.settle(stage, len(self.pages))
            shards.render(self.site)
            self.linker.join()
            done = Rendered(rendered=len(self.todo), cached=self.cached, processes=1 + len(shards.procs))
        finally:
            self.stop()
        cache, stamps = self.cache, self.stamps
        if cache is not None and self.todo:  # the entries kept now, as they are: a later build links them
            for _file, key in self.todo:
                stamps[key] = stamp(cache, key)
            save_map(cache, ENTRIES, {k: v for k, v in stamps.items() if v is not None})
        self.site.finish(self.linked)
        if stage is not None and done.cached:
            stage.note(f"{done.cached:,} from the cache")
        return done

    def stop(self) -> None:
        """The workers (and the thread that feeds them) and the linking process stopped, the collector given back
        what was set aside."""
        self.shards.stop()
        self.linker.stop()
        if self.frozen:
            self.frozen = False
            gc.unfreeze()


class _Shards:
    """The pages rendered by this process and worker processes from one list, handed out as they go: each
    worker holds ``AHEAD`` pages not yet rendered and is given another for each one it reports, this process
    takes the next page whenever it has rendered one. So every process works until the list is empty, whatever
    its start (a worker's imports and site take a second or two) and whatever share of the cores it gets beside
    the search index's process; split beforehand by size, the two processes' shards ended seconds apart. Pages
    are given (``give``) while the keys are computed, the rest largest first: handed out by a thread while the
    build writes its data files (``feed``), then here too (``render``). The first failure stops them all.

    A worker starts only once ``gate`` says it may (the build's: once the search index's process has ended), until
    then this process renders alone: in a cold build at 1,000 texts the worker, started as the render began, ran
    beside the index's process at its largest (its merge) and the build's own, three processes at their peaks
    together (352 MB summed, against 291 MB when the index used to end first); the index's process keeps the
    second core busy meanwhile."""

    def __init__(self, config_file: Path, overrides: dict, cache: Path | None, coming: Coming | None = None,
                 gate: Callable[[], bool] | None = None) -> None:
        self.job = {"config": overrides, "config_file": str(config_file), "cache": str(cache) if cache else None,
                    "coming": [coming.folder, list(coming.names)] if coming is not None else None}
        self.cache = cache
        self.stage = None
        self.count = 0  # pages put in place (from the cache or rendered), counted before there is a stage
        self.procs: list[subprocess.Popen] = []
        self.gate = gate
        self.wanted = 0  # workers asked for (``start``), started once the gate opens
        self.pending: collections.deque[tuple[File, str]] = collections.deque()
        self.held: list[int] = []  # pages handed to each worker and not yet reported
        self.open_inputs: set[int] = set()
        self.running: set[int] = set()
        self.messages: queue.Queue[tuple[int, str]] = queue.Queue()
        self.feeder: threading.Thread | None = None
        self.failed: BaseException | None = None  # what stopped the feeder

    def start(self, count: int) -> None:
        """Workers started up to ``count`` in all, now if the gate is open, else once it opens (``_opened``)."""
        self.wanted = max(self.wanted, count)
        if len(self.procs) < self.wanted and (self.gate is None or self.gate()):
            self._spawn(self.wanted)

    def _opened(self) -> bool:
        """The workers asked for and held back by the gate started, if it has opened now (then True); not when
        fewer than ``LATE_FROM`` pages are left: a worker takes ~0.5 s to render its first, and this process would
        end its share first and wait for the pages handed to it."""
        if len(self.procs) >= self.wanted or len(self.pending) < LATE_FROM * PARALLEL_FROM:
            return False
        started = len(self.procs)
        self.start(self.wanted)
        return len(self.procs) > started

    def _spawn(self, count: int) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        while len(self.procs) < count:
            i = len(self.procs)
            proc = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    text=True, encoding="utf-8", env=env, cwd=ROOT)
            self.procs.append(proc)
            self.held.append(0)
            self.open_inputs.add(i)
            self.running.add(i)
            assert proc.stdin is not None
            proc.stdin.write(json.dumps(self.job) + "\n")
            proc.stdin.flush()
            threading.Thread(target=self._listen, args=(i, proc), daemon=True).start()

    def _listen(self, i: int, proc: subprocess.Popen) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self.messages.put((i, line.rstrip("\n")))
        self.messages.put((i, "exit"))

    def advance(self) -> None:
        self.count += 1
        if self.stage is not None:
            self.stage.advance()

    def _close(self, i: int) -> None:
        self.open_inputs.discard(i)
        with contextlib.suppress(OSError):
            self.procs[i].stdin.close()

    def _hand_out(self, i: int, last: bool) -> None:
        """Worker ``i`` given pages up to ``AHEAD``; its input closed once there are no more (``last``: none will
        be added)."""
        while i in self.open_inputs and self.held[i] < AHEAD:
            if not self.pending:
                if last:
                    self._close(i)
                return
            item = self.pending.popleft()
            try:
                self.procs[i].stdin.write(json.dumps([item[0].src_uri, item[1]]) + "\n")
                self.procs[i].stdin.flush()
            except OSError:  # the worker has stopped: its "exit" says so
                self._close(i)
                return
            self.held[i] += 1

    def _handle(self, i: int, line: str, last: bool) -> None:
        """A worker's message (none from ``settle``'s stop, -1)."""
        if i < 0:
            return
        if line == "page":
            self.held[i] -= 1
            self._hand_out(i, last)
            self.advance()
        elif line == "done":
            self.running.discard(i)
        elif line.startswith("error "):
            raise RenderError(json.loads(line[6:]))
        elif line == "exit" and i in self.running:
            raise RenderError(f"a rendering process stopped before its end (exit code {self.procs[i].wait()})")

    def _drain(self, block: bool, last: bool) -> None:
        while self.running:
            try:
                i, line = self.messages.get() if block else self.messages.get_nowait()
            except queue.Empty:
                return
            self._handle(i, line, last)

    def give(self, file: File, key: str) -> None:
        """A page to render, handed to a worker that holds fewer than ``AHEAD``, else kept for later."""
        self.pending.append((file, key))
        if self.procs:
            self._drain(block=False, last=False)
            for i in list(self.open_inputs):
                self._hand_out(i, last=False)

    def feed(self) -> None:
        """The pages not handed out yet put largest first, and a thread that hands them to the workers as they
        render, until ``settle``: the build writes its data files meanwhile."""
        if not self.procs:
            return
        self.pending = collections.deque(_largest_first(list(self.pending)))
        self.feeder = threading.Thread(target=self._feed, name="render pages", daemon=True)
        self.feeder.start()

    def _feed(self) -> None:
        try:
            while self.running:
                i, line = self.messages.get()
                if i < 0:  # settle's
                    return
                self._handle(i, line, last=False)
        except BaseException as exc:  # raised by settle, in the build's thread
            self.failed = exc

    def settle(self, stage, total: int) -> None:
        """The feeding thread stopped (what failed in it raised here); ``stage`` told the ``total`` of pages and
        given the count so far."""
        if self.feeder is not None:
            self.messages.put((-1, "stop"))
            self.feeder.join()
            self.feeder = None
            if self.failed is not None:
                raise self.failed
        self.stage = stage
        if stage is not None:
            stage.expect(total)
            stage.advance(self.count)

    def render(self, site: SiteModel) -> None:
        """The pages not handed out yet, rendered here and by the workers, largest first; then the workers' end."""
        for i in list(self.open_inputs):
            self._hand_out(i, last=True)
        while self.pending:  # what the workers have not been given, one page at a time
            file, key = self.pending.popleft()
            site.render(file, self.cache, key)
            self.advance()
            if self._opened():  # workers held back by the gate: given pages now
                for i in list(self.open_inputs):
                    self._hand_out(i, last=True)
            self._drain(block=False, last=True)
        for i in list(self.open_inputs):
            self._close(i)
        for i in list(self.running):  # nothing held: all its pages are kept, its end need not be waited for
            if not self.held[i]:
                self.running.discard(i)
        self._drain(block=True, last=True)

    def stop(self) -> None:
        if self.feeder is not None:  # the build failed while the thread fed the workers
            self.messages.put((-1, "stop"))
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
            proc.wait()
        if self.feeder is not None:
            self.feeder.join()
            self.feeder = None


if __name__ == "__main__":
    _worker()
