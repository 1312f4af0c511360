"""The pipeline, end to end: read -> parse -> extract -> render -> publish.

Per-document work (read, parse, extract) is independent; archive-wide work
(pages that list many documents, data files) runs once over the models.

One bad file never stops the archive: a source that cannot be read (or that
trips a bug in a later stage) is reported with its name and the reason, and
every other file is built. The site is built in a folder beside the target and
swapped in at the end, so a build that fails leaves the previous site as it was.
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import conversions, convert, feeds, formats, index, link, publish, records, render
from .extract import extract
from .model import Diagnostic, Document, Links, SourceText
from .parse import parse
from .read import ReadError, read_file
from .render import write_pages
from .vietnamese import nfc, slugify

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT / "source_texts"
DEFAULT_SITE = ROOT / "site"
DOCS_DIR = ROOT / "docs"
CONFIG = ROOT / "mkdocs.yml"
INTRO = "_trang-chu.md"  # hand-written home text, inserted into the generated home page
GENERATED = render.GENERATED  # the git-ignored parts of docs/

SLUG_MAX = 80  # characters of a page's slug taken from its file name
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# slugs that would not give a page of their own: "index" is the folder's index page for
# MkDocs; the others are names Windows refuses, should the site be copied there
RESERVED_SLUGS = frozenset({"index", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                            *(f"lpt{i}" for i in range(10))})


class BuildError(Exception):
    """The build cannot run at all (a missing source folder, an output folder it must not replace)."""


@dataclass
class Archive:
    """Everything one build produced, and what it had to say about its sources."""

    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every source file considered, by name
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # published file -> its copies not published
    # bodies that data/organisations.yml does not list: a name kept as written -> its files, and a
    # kind named after a body of its family ("Ban Chỉ đạo công tác tôn giáo") -> its files
    unmapped: dict[str, list[str]] = field(default_factory=dict)
    by_family: dict[str, list[str]] = field(default_factory=dict)

    def note_bodies(self, links: Links) -> None:
        self.unmapped, self.by_family = links.unmapped, links.by_family

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity != "error"]

    def failed(self, strict: bool = False) -> bool:
        """Whether the command should exit non-zero: on errors, and on warnings too when ``strict``."""
        return bool(self.errors or (strict and self.warnings))


# --- sources -----------------------------------------------------------------------


def _hidden(path: Path) -> bool:
    return path.name.startswith(".")  # ".DS_Store", "._name.txt" (macOS), editor backups


SOURCE_KINDS = ".txt, .docx, .doc, .pdf, .png, .jpg, .tif"


def is_source(name: str) -> bool:
    """A text (.txt), or a Word file, PDF or image that ``formats`` converts (any case of the suffix)."""
    return name.lower().endswith(".txt") or formats.kind(name) is not None


def source_files(source_dir: Path) -> list[Path]:
    """The source files of a folder, by name; hidden files are not sources."""
    return sorted((p for p in source_dir.iterdir() if p.is_file() and is_source(p.name) and not _hidden(p)),
                  key=lambda p: p.name)


def skipped_files(source_dir: Path) -> list[Diagnostic]:
    """What is in the source folder and will not be built: other kinds of file, broken links."""
    out = []
    for p in sorted(source_dir.iterdir(), key=lambda p: p.name):
        if _hidden(p):
            continue
        if p.is_symlink() and not p.exists():
            out.append(Diagnostic(p.name, None, "is a link to a file that does not exist: not built", "error"))
        elif p.is_file() and not is_source(p.name):
            out.append(Diagnostic(p.name, None, f"is not a source file ({SOURCE_KINDS}): not built (save the "
                                  "document as one of these)", "warning"))
    return out


# --- names -> page slugs -----------------------------------------------------------------


def _stem(name: str) -> str:
    """The name without a source suffix: "Kết luận 5.docx" and "Kết luận 5.txt" both give "Kết luận 5"."""
    dot = name.rfind(".")
    return name[:dot] if dot > 0 and is_source(name) else name


def _base_slug(name: str) -> str:
    slug = slugify(_stem(name), fallback="van-ban")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0] or slug[:SLUG_MAX]
    if slug in RESERVED_SLUGS:
        slug = f"{slug}-van-ban"
    return slug


def _name_hash(src: SourceText, same_name: bool) -> str:
    """A stable piece of the file name's hash (and of its content when two sources share a name)."""
    key = nfc(src.name) + ("\x00" + src.sha256 if same_name else "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def assign_ids(sources: list[SourceText]) -> list[str]:
    """Stable ASCII slugs from file names, distinct even when two names fold to the same slug.

    "Kết luận số 1.txt" -> "ket-luan-so-1". When names collide ("Kết luận.txt",
    "ket-luan.txt", "KET LUAN.txt"), the file whose name already is the slug,
    or failing that the first by name, keeps the plain slug; each other one gets
    a suffix from the hash of its own name. So a slug depends on the set of
    names, never on the order the files come in or on their content.
    """
    bases = [_base_slug(s.name) for s in sources]
    groups: dict[str, list[SourceText]] = defaultdict(list)
    for src, base in zip(sources, bases, strict=True):
        groups[base].append(src)
    name_counts = defaultdict(int)
    for src in sources:
        name_counts[src.name] += 1
    taken = set(bases)  # a suffixed slug must not take another file's plain slug
    ids: list[str] = []
    for src, base in zip(sources, bases, strict=True):
        group = groups[base]
        if len(group) > 1:
            keeper = min(group, key=lambda s: (_stem(s.name) != base, nfc(s.name), s.name, s.sha256))
            if src is not keeper:
                digest = _name_hash(src, name_counts[src.name] > 1)
                size = 6
                while f"{base}-{digest[:size]}" in taken:
                    size += 2
                base = f"{base}-{digest[:size]}"
                taken.add(base)
        ids.append(base)
    assert len(set(ids)) == len(ids), ids
    for doc_id in ids:
        _check_slug(doc_id)
    return ids


def _check_slug(doc_id: str) -> None:
    """A page id is a path segment: lower-case ASCII letters, digits and single hyphens, nothing else."""
    if not SLUG_RE.fullmatch(doc_id) or len(doc_id) > SLUG_MAX + 20:
        raise ValueError(f"unsafe page id {doc_id!r}")


# --- read, parse, extract ------------------------------------------------------------------


def document_from_source(src: SourceText, doc_id: str) -> Document:
    doc = extract(parse(src, doc_id))
    doc.diagnostics = list(src.diagnostics) + doc.diagnostics
    return doc


_DOCUMENT_FROM_SOURCE = document_from_source


def _text_key(src: SourceText) -> str:
    return hashlib.sha256(src.text.strip().encode("utf-8")).hexdigest()


def _drop_duplicates(sources: list[SourceText], archive: Archive) -> list[SourceText]:
    """Publish a text once: the copy with the fewest read warnings, then the shortest name, is kept.

    ("Kết luận 5.txt" over "Kết luận 5 (1).txt" or "Kết luận 5 - Copy.txt"; the first by
    name among equals), whatever order the files come in.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for i, src in enumerate(sources):
        groups[_text_key(src)].append(i)
    kept = list(sources)
    dropped: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        order = sorted(members, key=lambda i: (len(sources[i].diagnostics), len(sources[i].name), sources[i].name,
                                               sources[i].sha256))
        keeper, copies = sources[order[0]], [sources[i] for i in order[1:]]
        for copy in copies:
            how = "identical bytes" if copy.sha256 == keeper.sha256 else "the same text, saved differently"
            archive.diagnostics.append(Diagnostic(
                copy.name, None, f"is a duplicate of {keeper.name} ({how}): published once, as {keeper.name}",
                "warning"))
        names = ", ".join(c.name for c in copies)
        note = Diagnostic(keeper.name, None, f"the same text is also filed as {names}: published once, here",
                          "warning")
        kept[order[0]] = dataclasses.replace(keeper, diagnostics=(*keeper.diagnostics, note))
        archive.duplicates[keeper.name] = [c.name for c in copies]
        dropped.update(order[1:])
    return [src for i, src in enumerate(kept) if i not in dropped]


def _bug(name: str, stage: str, exc: Exception | convert.Failure) -> Diagnostic:
    kind = exc.kind if isinstance(exc, convert.Failure) else type(exc).__name__
    return Diagnostic(name, None, f"could not be {stage} ({kind}: {exc}): this is a bug in the build "
                      "scripts, please report it with the file; not built", "error")


def _documents(items: list[tuple[SourceText, str]]) -> list[Document | convert.Failure]:
    if document_from_source is _DOCUMENT_FROM_SOURCE:
        return convert.convert_all(items)  # cached, else on every core
    # replaced (by a test): its results must neither come from the cache nor go into it
    return [convert.convert_one(item) for item in items]


def load_archive(paths: list[Path]) -> Archive:
    """Read, parse and extract every path; a file that fails becomes an error diagnostic, the rest go on.

    Word files, PDFs and scans are converted in worker processes from the start; while they
    run, the plain texts are parsed and extracted, under the page ids they will have unless a
    converted file turns out to duplicate one of them (then that text is done again).
    """
    archive = Archive(files=[p.name for p in paths])
    read: dict[Path, SourceText | ReadError] = {}
    early: dict[tuple[SourceText, str], Document | convert.Failure] = {}
    with conversions.Background([p for p in paths if formats.kind(p.name)]) as pending:
        for path in paths:
            if not formats.kind(path.name):
                try:
                    read[path] = read_file(path)
                except ReadError as exc:
                    read[path] = exc
        if pending.running:
            texts = _drop_duplicates([s for s in read.values() if isinstance(s, SourceText)], Archive())
            stubs = [SourceText(p.name, hashlib.sha256(d).hexdigest(), "", "") for p, d in pending.data.items()
                     if isinstance(d, bytes)]
            items = list(zip(texts, assign_ids(texts + stubs)[: len(texts)], strict=True))
            early = dict(zip(items, _documents(items), strict=True))
        for path in paths:
            if formats.kind(path.name):
                try:
                    read[path] = pending.source(path)
                except ReadError as exc:
                    read[path] = exc
    sources = []
    for path in paths:
        if isinstance(read[path], ReadError):
            archive.diagnostics.append(read[path].diagnostic())
        else:
            sources.append(read[path])
    sources = _drop_duplicates(sources, archive)
    items = list(zip(sources, assign_ids(sources), strict=True))
    todo = [item for item in items if item not in early]
    done = dict(zip(todo, _documents(todo), strict=True))
    for (src, doc_id) in items:
        doc = early.get((src, doc_id)) or done[(src, doc_id)]
        if isinstance(doc, convert.Failure):
            archive.diagnostics.append(_bug(src.name, "parsed", doc))
            continue
        archive.documents.append(doc)
        archive.diagnostics.extend(doc.diagnostics)
    return archive


def _drop_unrenderable(archive: Archive, scratch: Path) -> bool:
    """Write each document on its own into ``scratch`` and drop those that fail, so that one stops only
    itself; True if any did."""
    links = link.link(archive.documents)
    dropped = False
    for doc in list(archive.documents):
        try:
            render.write_document(doc, links, scratch)
        except Exception as exc:
            archive.documents.remove(doc)
            archive.diagnostics.append(
                Diagnostic(doc.source.name, None, f"{exc}; not built: build again to publish it as it is now", "error")
                if isinstance(exc, render.SourceChanged) else _bug(doc.source.name, "rendered", exc))
            dropped = True
    return dropped


def _load(source_dir: Path) -> Archive:
    source_dir = Path(source_dir)
    if not source_dir.is_dir():
        raise BuildError(f"{source_dir}: no such folder")
    archive = load_archive(source_files(source_dir))
    skipped = skipped_files(source_dir)
    archive.files += [d.source for d in skipped]
    archive.diagnostics = skipped + archive.diagnostics
    return archive


def check(source_dir: Path = DEFAULT_SOURCE) -> Archive:
    """Everything a build does to the sources (read, parse, extract, render, copy), without writing a site."""
    archive = _load(source_dir)
    with tempfile.TemporaryDirectory(prefix="vb-check-") as scratch:
        _drop_unrenderable(archive, Path(scratch))
    archive.note_bodies(link.link(archive.documents))
    return archive


# --- the report ---------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(archive: Archive, strict: bool = False) -> str:
    """Errors and warnings file by file, then the totals: what a build or a check prints at the end."""
    published = {d.source.name: d for d in archive.documents}
    copies = {c: kept for kept, cs in archive.duplicates.items() for c in cs}
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in archive.diagnostics:
        by_file[d.source].append(d)
    lines = []
    for name in sorted(by_file):
        ds = by_file[name]
        errors = sum(d.severity == "error" for d in ds)
        if name in published:
            status = f"published as {published[name].url}"
        elif name in copies:
            status = f"not published again (a copy of {copies[name]})"
        else:
            status = "NOT PUBLISHED"
        lines.append(f"{name}: {_plural(errors, 'error')}, {_plural(len(ds) - errors, 'warning')}; {status}")
        for d in ds:
            where = f"line {d.line}: " if d.line else ""
            lines.append(f"    {d.severity}: {where}{d.message}")
    not_built = len({d.source for d in archive.errors} - set(published))
    totals = (
        f"{_plural(len(archive.files), 'source file')}: {len(archive.documents)} published, "
        f"{len(copies)} duplicate(s) published once, {not_built} not published because of errors; "
        f"{_plural(len(archive.errors), 'error')}, {_plural(len(archive.warnings), 'warning')} in total."
    )
    if strict and archive.warnings:
        totals += " --strict: warnings fail the build."
    return "\n".join([*lines, *_bodies_report(archive), totals]) + "\n"


def _bodies_report(archive: Archive) -> list[str]:
    """The names of bodies that build_scripts/data/organisations.yml does not know, so that it can grow."""
    lines = []
    for names, heading in (
            (archive.unmapped, "bodies not recognised, kept as written (add them to "
                               "build_scripts/data/organisations.yml)"),
            (archive.by_family, "kinds of body named after their first words (add them to "
                                "build_scripts/data/organisations.yml to give them abbreviations and aliases)")):
        if names:
            lines.append(f"{len(names)} {heading}:")
            lines += [f"    {name} ({', '.join(files)})" for name, files in sorted(names.items())]
    return lines


# --- output -------------------------------------------------------------------------------------


def _stage_docs(docs_dir: Path, staging: Path) -> Path:
    """Copy the hand-written pages into a staging folder (for sources other than the default)."""
    target = staging / "docs"
    def generated(folder: str, names: list[str]) -> list[str]:
        # only the top level holds generated parts: docs/tim-kiem/index.md is hand-written
        return [n for n in names if n in GENERATED] if Path(folder) == docs_dir else []

    shutil.copytree(docs_dir, target, ignore=generated)
    return target


def _clear_generated(docs_dir: Path) -> None:
    for name in GENERATED:
        path = docs_dir / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def output_folder(site_dir: Path, source_dir: Path) -> Path:
    """The folder the site will replace, after making sure replacing it loses nothing but an old site."""
    target = Path(site_dir).resolve()
    keep = {"the project": ROOT, "docs/": DOCS_DIR, "the source folder": Path(source_dir).resolve(),
            "your home folder": Path.home().resolve()}
    if target == Path(target.anchor):
        raise BuildError(f"{site_dir}: the site cannot be written to the root of a file system")
    for what, folder in keep.items():
        if target == folder or folder.is_relative_to(target):
            raise BuildError(f"{site_dir}: building the site there would replace {what} ({folder})")
    for what, folder in (("docs/", DOCS_DIR), ("the source folder", Path(source_dir).resolve())):
        if target.is_relative_to(folder):
            raise BuildError(f"{site_dir}: the site cannot be written inside {what}")
    if target.exists():
        if not target.is_dir():
            raise BuildError(f"{site_dir}: exists and is not a folder")
        looks_built = any((target / n).is_file() for n in ("index.html", "404.html", "sitemap.xml"))
        if not looks_built and any(target.iterdir()):
            raise BuildError(f"{site_dir}: exists, is not empty and is not a site built here (no index.html); "
                             "choose a new or empty folder")
    return target


def _folder_mode(target: Path) -> int:
    if target.is_dir():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _swap(new: Path, target: Path) -> None:
    """Put the new site in place of the old one with two renames; the old one goes only once the new is there."""
    os.chmod(new, _folder_mode(target))  # mkdtemp made it private
    if not target.exists():
        os.rename(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rename(target, old)  # replaces the empty folder mkdtemp made
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def build(source_dir: Path = DEFAULT_SOURCE, site_dir: Path = DEFAULT_SITE, *, offline: bool = False) -> Archive:
    """Build the site for ``source_dir`` into ``site_dir``.

    The repository's own ``docs/`` receives generated pages only when building
    the default source folder; any other folder is built in a staging copy.
    The site is built beside ``site_dir`` and swapped in only when complete.
    ``offline`` builds for ``file://`` (file URLs instead of directory URLs): the bundle.
    """
    source_dir = Path(source_dir)
    target = output_folder(Path(site_dir), source_dir)
    archive = _load(source_dir)
    for doc in archive.documents:
        _check_slug(doc.id)
    target.parent.mkdir(parents=True, exist_ok=True)
    new_site = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        with tempfile.TemporaryDirectory(prefix="vb-build-") as tmp:
            default = source_dir.resolve() == DEFAULT_SOURCE.resolve()
            docs_dir = DOCS_DIR if default else _stage_docs(DOCS_DIR, Path(tmp))
            _clear_generated(docs_dir)
            intro = (docs_dir / INTRO).read_text(encoding="utf-8")
            links = link.link(archive.documents)  # archive-wide: citations, bodies
            config = publish.load(CONFIG)
            zip_url = publish.offline_zip_url(config)
            try:
                written = write_pages(archive.documents, links, docs_dir, intro, directory_urls=not offline,
                                      offline_zip_url=zip_url)
            except Exception:
                if not _drop_unrenderable(archive, Path(tempfile.mkdtemp(dir=tmp))):  # not one document's fault
                    raise
                _clear_generated(docs_dir)
                links = link.link(archive.documents)
                written = write_pages(archive.documents, links, docs_dir, intro, directory_urls=not offline,
                                      offline_zip_url=zip_url)
            archive.note_bodies(links)
            outside = [p for p in written if not _inside(p, docs_dir)]
            if outside:
                raise BuildError(f"pages written outside {docs_dir}: {outside}")
            # the data files are written into docs/data/, and MkDocs copies them to site/data/
            search = Path(tmp) / "search"
            with _search_index_beside(archive.documents, search, not offline, links) as search_done:
                records.write_data(archive.documents, docs_dir, publish.site_url(config), config.site_name, links)
                publish.mkdocs_build(CONFIG, docs_dir, new_site, offline=offline,
                                     build_date=feeds.newest_date(archive.documents))
                search_done()
            shutil.copytree(search / index.OUT_DIR, new_site / index.OUT_DIR)
            if default:  # `mkdocs serve` on docs/ finds the search files too
                shutil.copytree(search / index.OUT_DIR, docs_dir / index.OUT_DIR)
        _swap(new_site, target)
    except BaseException:
        shutil.rmtree(new_site, ignore_errors=True)
        raise
    return archive


@contextmanager
def _search_index_beside(docs: list[Document], folder: Path, directory_urls: bool,
                         links: Links | None = None) -> Iterator[Callable[[], None]]:
    """Write the search files under ``folder`` beside the rest of the build; yields the wait for them.

    The index is computed from the models alone and MkDocs never reads it, so on a second core it
    is written by a forked process while the pages are rendered (a fifth of a build's time at 250
    texts). Small archives, or one core, write it here and now. A build that fails meanwhile
    stops the worker.
    """
    fork = "fork" in multiprocessing.get_all_start_methods()
    if not fork or len(docs) < convert.PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        index.write_search_index(docs, folder, directory_urls, links)
        yield lambda: None
        return
    worker = multiprocessing.get_context("fork").Process(
        target=index.write_search_index, args=(docs, folder, directory_urls, links), name="vb-search-index")
    worker.start()

    def wait() -> None:
        worker.join()
        if worker.exitcode != 0:  # its traceback is on stderr
            raise BuildError(f"the search index could not be written (exit code {worker.exitcode})")

    try:
        yield wait
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()


# --- other outputs: the offline bundle, GitHub Pages ------------------------------------------------

DEFAULT_BUNDLE = ROOT / "dist" / "luu-tru-ket-luan-offline.zip"


def bundle(source_dir: Path = DEFAULT_SOURCE, out: Path = DEFAULT_BUNDLE) -> Archive:
    """The site built for ``file://`` (file URLs, search included), zipped under one folder."""
    with tempfile.TemporaryDirectory(prefix="vb-bundle-") as tmp:
        site = Path(tmp) / "site"
        archive = build(source_dir, site, offline=True)
        publish.write_zip(site, Path(out))
    return archive


def deploy(source_dir: Path = DEFAULT_SOURCE, remote: str = "origin", repo: Path = ROOT) -> Archive:
    """Build the public site and push it to the ``gh-pages`` branch of ``remote``.

    When ``SITE_URL`` is not set and ``remote`` is on GitHub, the site's address is the one
    GitHub Pages will serve it at (``https://<owner>.github.io/<repo>/``).
    """
    url = os.environ.get("SITE_URL") or publish.pages_url(remote, repo)
    saved = os.environ.get("SITE_URL")
    if url:
        os.environ["SITE_URL"] = url
    try:
        with tempfile.TemporaryDirectory(prefix="vb-deploy-") as tmp:
            site = Path(tmp) / "site"
            archive = build(source_dir, site)
            zip_name = (publish.load(CONFIG).extra or {}).get("offline_zip")
            if zip_name:  # the offline bundle, downloadable from the footer and "Dữ liệu mở"
                bundle(source_dir, site / zip_name)
            publish.deploy(CONFIG, site, repo=repo, remote=remote)
    finally:
        if saved is None:
            os.environ.pop("SITE_URL", None)
        else:
            os.environ["SITE_URL"] = saved
    return archive
