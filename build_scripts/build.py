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
import gc
import hashlib
import multiprocessing
import os
import pickle
import re
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from . import (
    conversions,
    convert,
    feeds,
    files,
    formats,
    index,
    link,
    mkdocs_shards,
    output,
    publish,
    records,
    render,
    sources,
    status,
    urls,
)
from .model import Diagnostic, Document, Links, SourceText
from .progress import QUIET, Progress, Stage
from .read import ReadError, read_source
from .render import write_pages
from .safe_text import terminal
from .vietnamese import nfc, slugify

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT / "source_texts"
DEFAULT_SITE = ROOT / "site"
DOCS_DIR = ROOT / "docs"
OVERRIDES = ROOT / "overrides"
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
    backups: list[str] = field(default_factory=list)  # backup folders of the source folder, not read
    notes: list[str] = field(default_factory=list)  # what the build did besides (a killed build's leftovers)
    assignment: urls.Assignment | None = None  # the page ids, and the record to save once published
    sources: list[SourceText] = field(default_factory=list)  # in the order of ``assignment.ids``
    # bodies that data/organisations.yml does not list: a name kept as written -> its files, and a
    # kind named after a body of its family ("Ban Chỉ đạo công tác tôn giáo") -> its files
    unmapped: dict[str, list[str]] = field(default_factory=dict)
    by_family: dict[str, list[str]] = field(default_factory=dict)

    status: status.StatusFile | None = None  # the office's status file, when there is one

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


def source_files(source_dir: Path) -> list[Path]:
    """The sources of a folder, its subfolders included (see sources.list_sources), as paths."""
    return [Path(source_dir).joinpath(*name.split("/")) for name in sources.list_sources(source_dir).sources]


# --- names -> page slugs -----------------------------------------------------------------


def _stem(name: str) -> str:
    """The name without a source suffix: "Kết luận 5.docx" and "Kết luận 5.txt" both give "Kết luận 5"."""
    dot = name.rfind(".")
    return name[:dot] if dot > 0 and sources.is_source(name) else name


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


def assign_ids(sources: list[SourceText], taken: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Stable ASCII slugs from file names, distinct even when two names fold to the same slug.

    "Kết luận số 1.txt" -> "ket-luan-so-1", "2023/Kết luận số 5.txt" -> "2023-ket-luan-so-5". When
    names collide ("Kết luận.txt", "ket-luan.txt", "KET LUAN.txt"), the file whose name already is
    the slug, or failing that the first by name, keeps the plain slug; each other one gets a
    suffix from the hash of its own name. So a slug depends on the set of names, never on the
    order the files come in or on their content. A slug in ``taken`` (published before, for
    another text: see urls.py) is given to none of them.
    """
    bases = [_base_slug(s.name) for s in sources]
    groups: dict[str, list[SourceText]] = defaultdict(list)
    for src, base in zip(sources, bases, strict=True):
        groups[base].append(src)
    name_counts = defaultdict(int)
    for src in sources:
        name_counts[src.name] += 1
    used = set(bases) | set(taken)  # a suffixed slug must not take another file's plain slug
    ids: list[str] = []
    for src, base in zip(sources, bases, strict=True):
        group = groups[base]
        if len(group) > 1 or base in taken:
            keeper = None if base in taken else min(
                group, key=lambda s: (_stem(s.name) != base, nfc(s.name), s.name, s.sha256))
            if src is not keeper:
                digest = _name_hash(src, name_counts[src.name] > 1)
                size = 6
                while f"{base}-{digest[:size]}" in used:
                    size += 2
                base = f"{base}-{digest[:size]}"
                used.add(base)
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


def _advance(stage: Stage | None) -> Callable[[int], None] | None:
    return stage.advance if stage is not None else None


def load_archive(paths: list[Path]) -> Archive:
    """Read, parse and extract loose files (``extract FILE...``), each from its own folder; ids from names."""
    archive = Archive(files=[p.name for p in paths])
    return _read_and_convert([(p.parent, p.name) for p in paths], archive, None)


def _ids(srcs: list[SourceText], record: urls.Record | None) -> urls.Assignment | list[str]:
    return assign_ids(srcs) if record is None else urls.assign(srcs, record, _base_slug, assign_ids)


def _read_and_convert(entries: list[tuple[Path, str]], archive: Archive, record: urls.Record | None,
                      stage: Stage | None = None) -> Archive:
    """Read each (folder, name), parse and extract; a file that fails becomes an error diagnostic, the rest go on.

    Word files, PDFs and scans are converted in worker processes from the start; while they
    run, the plain texts are parsed and extracted, under the page ids they will have unless a
    converted file turns out to duplicate one of them (then that text is done again). With a
    ``record`` (a source folder's), ids keep the addresses published before (urls.py).
    """
    read: dict[tuple[Path, str], SourceText | ReadError] = {}
    early: dict[tuple[SourceText, str], Document | convert.Failure] = {}
    with conversions.Background([e for e in entries if formats.kind(e[1])]) as pending:
        for folder, name in entries:
            if not formats.kind(name):
                try:
                    read[(folder, name)] = read_source(folder, name)
                except ReadError as exc:
                    read[(folder, name)] = exc
        if pending.running:
            texts = _drop_duplicates([s for s in read.values() if isinstance(s, SourceText)], Archive())
            stubs = [SourceText(name, hashlib.sha256(d).hexdigest(), "", "") for (_f, name), d in pending.data.items()
                     if isinstance(d, bytes)]
            ids = _ids(texts + stubs, record)
            ids = ids.ids if isinstance(ids, urls.Assignment) else ids
            items = list(zip(texts, ids[: len(texts)], strict=True))
            early = dict(zip(items, convert.convert_all(items, advance=_advance(stage)), strict=True))
        for entry in entries:
            if formats.kind(entry[1]):
                try:
                    read[entry] = pending.source(entry)
                except ReadError as exc:
                    read[entry] = exc
    srcs: list[SourceText] = []
    for entry in entries:
        found = read[entry]
        if isinstance(found, ReadError):
            archive.diagnostics.append(found.diagnostic())
        else:
            srcs.append(found)
    srcs = _drop_duplicates(srcs, archive)
    assigned = _ids(srcs, record)
    if isinstance(assigned, urls.Assignment):
        archive.assignment, assigned = assigned, assigned.ids
    archive.sources = srcs
    items = list(zip(srcs, assigned, strict=True))
    todo = [item for item in items if item not in early]
    done = dict(zip(todo, convert.convert_all(todo, advance=_advance(stage)), strict=True))
    for (src, doc_id) in items:
        doc = early.get((src, doc_id)) or done[(src, doc_id)]
        if isinstance(doc, convert.Failure):
            archive.diagnostics.append(_bug(src.name, "parsed", doc))
            continue
        archive.documents.append(doc)
        archive.diagnostics.extend(doc.diagnostics)
    return archive


def _load(source_dir: Path, status_file: Path | None = None, stage: Stage | None = None) -> Archive:
    """Everything in a source folder (subfolders included) read, parsed and extracted, with the ids it keeps; each
    task's status from the office's status file (``status_file``, else tinh-trang.csv at the folder's top)."""
    source_dir = Path(source_dir)
    if not source_dir.is_dir():
        raise BuildError(f"{source_dir}: no such folder")
    if status_file is not None and not Path(status_file).is_file():
        raise BuildError(f"{status_file}: no such status file")
    listing = sources.list_sources(source_dir)
    try:
        record = urls.load(source_dir, _check_slug)
    except urls.RecordError as exc:
        raise BuildError(str(exc)) from None
    archive = Archive(files=[*listing.sources, *(d.source for d in listing.skipped)], backups=listing.backups)
    archive.diagnostics = list(listing.skipped)
    if stage is not None:
        stage.expect(len(listing.sources))
    archive = _read_and_convert([(source_dir, name) for name in listing.sources], archive, record, stage)
    _read_status(archive, source_dir, status_file)
    return archive


# --- the office's status file ------------------------------------------------------------------


def _read_status(archive: Archive, source_dir: Path, status_file: Path | None) -> None:
    """Read the status file (``--status FILE``, else the control file ``tinh-trang.csv`` at the top of the source
    folder) and give each task its status; its bad rows become errors of that file. It is opened as a source is
    (``sources.read_source``): a link out of its folder, a pipe, a device or a hard link is refused."""
    if status_file is not None:
        folder, name, shown = Path(status_file).parent, Path(status_file).name, str(status_file)
    else:
        found = sorted(e.name for e in os.scandir(source_dir)
                       if sources.is_status_file(e.name) and not e.name.startswith("."))
        if not found:
            status.apply(archive.documents, None)
            return
        name = shown = status.FILE_NAME if status.FILE_NAME in found else found[0]
        folder = source_dir
        for other in found:
            if other != shown:
                archive.diagnostics.append(Diagnostic(other, None, f"is a second status file: not read ({shown} "
                                                      "is); keep one", "error"))
    if any(d.source == shown and d.severity == "error" for d in archive.diagnostics):
        archive.status = status.StatusFile(shown)  # the listing refused it already (a link out of the folder)
        status.apply(archive.documents, None)
        return
    try:
        data = sources.read_source(folder, name, status.MAX_BYTES)
    except (sources.Refused, sources.TooLarge, OSError) as exc:
        if isinstance(exc, sources.TooLarge):
            why = f"is larger than {status.MAX_BYTES // 1_000_000} MB: not a status file"
        else:
            why = str(exc) if isinstance(exc, sources.Refused) else f"cannot be read: {exc.strerror or exc}"
        archive.status = status.StatusFile(shown)
        archive.status.error(None, why)
        archive.diagnostics += archive.status.diagnostics
        status.apply(archive.documents, None)
        return
    archive.status = status.read_status(shown, data, archive.documents, archive.duplicates)
    archive.diagnostics += archive.status.diagnostics
    status.apply(archive.documents, archive.status)


def redirects(archive: Archive) -> dict[str, str]:
    """Old page id -> the id its text is published under now, for the documents of this build."""
    if archive.assignment is None:
        return {}
    return _published_record(archive).redirects()


def _published_record(archive: Archive) -> urls.Record:
    assert archive.assignment is not None
    return urls.published(archive.assignment, archive.sources, {d.id for d in archive.documents})


def _save_record(archive: Archive, source_dir: Path) -> None:
    """Record the addresses this build published, in the source folder (see urls.py)."""
    if archive.assignment is None:
        return
    problem = urls.save(source_dir, _published_record(archive))
    if problem:
        archive.diagnostics.append(Diagnostic(
            urls.RECORD, None, f"could not be updated ({problem}): the addresses of new texts are not recorded; "
            "make the source folder writable and build again", "warning"))


# --- writers: one document's failure stops only that document -------------------------------------


def _markdown_extensions() -> tuple[list, dict]:
    config = publish.load(CONFIG)
    return config.markdown_extensions, config.mdx_configs


def _write_alone(doc: Document, scratch: Path, intro: str, site: tuple[str, str],
                 extensions: tuple[list, dict]) -> None:
    """Every writer of the build, on this one document: its pages and their HTML, data, feeds, search."""
    import markdown

    folder = Path(tempfile.mkdtemp(dir=scratch))
    links = link.link([doc])
    write_pages([doc], links, folder, intro)
    page = (folder / "van-ban" / f"{doc.id}.md").read_text(encoding="utf-8")  # as MkDocs will convert it
    markdown.markdown(page.split("---\n", 2)[-1], extensions=extensions[0], extension_configs=extensions[1])
    records.write_data([doc], folder, *site, links)
    index.search_data([doc], links=links)
    shutil.rmtree(folder, ignore_errors=True)


def _drop_failing(archive: Archive, scratch: Path, intro: str, site: tuple[str, str]) -> bool:
    """Run every writer on each document alone and drop those that fail, each with an error naming it;
    True if any did."""
    dropped = False
    extensions = _markdown_extensions()  # the site's Markdown, as MkDocs will read each page
    for doc in list(archive.documents):
        try:
            _write_alone(doc, scratch, intro, site, extensions)
        except Exception as exc:
            archive.documents.remove(doc)
            archive.diagnostics.append(
                Diagnostic(doc.source.name, None, f"{exc}; not built: build again to publish it as it is now", "error")
                if isinstance(exc, render.SourceChanged) else _bug(doc.source.name, "rendered", exc))
            dropped = True
    return dropped


def _site_identity() -> tuple[str, str]:
    config = publish.load(CONFIG)
    return publish.site_url(config), config.site_name


def check(source_dir: Path = DEFAULT_SOURCE, status_file: Path | None = None) -> Archive:
    """Everything a build does to the sources (read, parse, extract, every writer), without writing a site."""
    archive = _load(source_dir, status_file)
    intro = (DOCS_DIR / INTRO).read_text(encoding="utf-8")
    site = _site_identity()
    with tempfile.TemporaryDirectory(prefix="vb-check-") as scratch:
        _drop_failing(archive, Path(scratch), intro, site)
        links = link.link(archive.documents)  # and all of them together, as the build writes them
        write_pages(archive.documents, links, Path(scratch) / "all", intro)
        records.write_data(archive.documents, Path(scratch) / "all", *site, links)
        index.search_data(archive.documents, links=links)
    archive.note_bodies(links)
    return archive


# --- the report ---------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(archive: Archive, strict: bool = False) -> str:
    """Errors and warnings file by file, then the totals: what a build or a check prints at the end."""
    published = {d.source.name: d for d in archive.documents}
    state_file = archive.status
    copies = {c: kept for kept, cs in archive.duplicates.items() for c in cs}
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in archive.diagnostics:
        by_file[d.source].append(d)
    lines = []
    for name in sorted(by_file):
        ds = by_file[name]
        errors = sum(d.severity == "error" for d in ds)
        if state_file is not None and name == state_file.name:
            what = (f"status file: {state_file.used} of {_plural(state_file.rows, 'report')} read, "
                    f"{state_file.left_out} left out")
        elif name in published:
            what = f"published as {published[name].url}"
        elif name in copies:
            what = f"not published again (a copy of {copies[name]})"
        else:
            what = "NOT PUBLISHED"
        lines.append(f"{name}: {_plural(errors, 'error')}, {_plural(len(ds) - errors, 'warning')}; {what}")
        for d in ds:
            where = f"line {d.line}: " if d.line else ""
            lines.append(f"    {d.severity}: {where}{d.message}")
    not_built = len({d.source for d in archive.errors} - set(published) - {state_file.name if state_file else ""})
    totals = (
        f"{_plural(len(archive.files), 'source file')}: {len(archive.documents)} published, "
        f"{len(copies)} duplicate(s) published once, {not_built} not published because of errors; "
        f"{_plural(len(archive.errors), 'error')}, {_plural(len(archive.warnings), 'warning')} in total."
    )
    if state_file is not None:
        tasks = sum(1 for d in archive.documents for t in d.facts.tasks if t.status)
        totals += (f" Status file {state_file.name}: {_plural(tasks, 'task')} with a status, "
                   f"{state_file.left_out} row(s) left out.")
    if strict and archive.warnings:
        totals += " --strict: warnings fail the build."
    lines += archive.notes
    lines.append(_per_folder(archive))
    if archive.backups:
        lines.append(f"Not read (backup and copy folders): {', '.join(archive.backups)}")
    # nothing from a name or a text reaches the terminal raw: each line's controls are escaped
    return "\n".join(terminal(line) for line in [*lines, *_bodies_report(archive), totals]) + "\n"


def _per_folder(archive: Archive) -> str:
    """How many texts each folder of the source folder gave: "Published by folder: (top) 3, 2023/ 5"."""
    counts: dict[str, int] = defaultdict(int)
    for doc in archive.documents:
        counts[sources.folder_of(doc.source.name)] += 1
    parts = [f"{folder + '/' if folder else '(top)'} {n}" for folder, n in sorted(counts.items())]
    return f"Published by folder: {', '.join(parts) or 'none'}."



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
    """The hand-written pages copied into ``staging/docs`` (for sources other than the default). A staging
    folder kept from the last build keeps its generated pages too: the writers then write only the files
    whose bytes changed, and prune the rest (files.py)."""
    target = staging / "docs"
    def generated(folder: str, names: list[str]) -> list[str]:
        # only the top level holds generated parts: docs/tim-kiem/index.md is hand-written
        return [n for n in names if n in GENERATED] if Path(folder) == docs_dir else []

    if target.is_dir():
        for entry in target.iterdir():  # the hand-written pages as they were: copied again below
            if entry.name not in GENERATED:
                shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    shutil.copytree(docs_dir, target, ignore=generated, dirs_exist_ok=True)
    return target


@contextmanager
def _staging(source_dir: Path, offline: bool, tmp: Path) -> Iterator[Path]:
    """Where a build of ``source_dir`` stages its docs folder: kept in the build cache between builds (one per
    source folder and setting, under its own lock), else (no cache, or another build of the same folder
    running) in ``tmp``."""
    folder = convert.cache_dir()
    if folder is None:
        yield _stage_docs(DOCS_DIR, tmp)
        return
    name = hashlib.sha256(os.fsencode(source_dir.resolve()) + (b"\0offline" if offline else b"")).hexdigest()[:24]
    staging = folder / "docs" / name
    with ExitStack() as held:
        try:
            held.enter_context(output.exclusive(staging.with_suffix(".lock"), str(staging)))
        except output.OutputError:
            yield _stage_docs(DOCS_DIR, tmp)
            return
        yield _stage_docs(DOCS_DIR, staging)


def _generated_links(docs_dir: Path) -> None:
    """A generated part of docs/ that is a link, or not of its kind (a folder where a page goes, a file where
    a folder goes), is removed: the writers never write through what they did not make."""
    for name in GENERATED:
        path = docs_dir / name
        page = name.endswith(".md")
        if path.is_symlink() or (page and path.is_dir()):
            shutil.rmtree(path) if not path.is_symlink() else path.unlink()
        elif not page and path.exists() and not path.is_dir():
            path.unlink()


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def output_folder(site_dir: Path, source_dir: Path) -> Path:
    """The folder the site will replace, after making sure replacing it loses nothing but an older site."""
    source = Path(source_dir).resolve()
    protected = {"the project": ROOT, "docs/": DOCS_DIR, "overrides/": OVERRIDES, "the source folder": source,
                 "your home folder": Path.home()}
    inside = {"docs/": DOCS_DIR, "overrides/": OVERRIDES, "the source folder": source}
    try:
        return output.check_target(Path(site_dir), protected, inside)
    except output.OutputError as exc:
        raise BuildError(f"{exc}. Nothing was changed.") from None


@contextmanager
def _exclusive(target: Path, docs: bool) -> Iterator[list[str]]:
    """Hold the output's lock (and docs/'s when the build writes there) and clean what a killed build
    left; yields what was cleaned, to report."""
    try:
        with output.exclusive(output.lock_file(target), str(target)), \
                (output.exclusive(output.lock_file(DOCS_DIR), str(DOCS_DIR)) if docs else nullcontext()):
            yield output.recover(target)
    except output.OutputError as exc:
        raise BuildError(str(exc)) from None
    except PermissionError as exc:  # the folder the output goes in is not ours to write: said, not a traceback
        raise BuildError(f"{target}: cannot be written there ({exc.strerror}: {exc.filename})") from None


def build(source_dir: Path = DEFAULT_SOURCE, site_dir: Path = DEFAULT_SITE, *, offline: bool = False,
          allow_empty: bool = False, status_file: Path | None = None, progress: Progress = QUIET) -> Archive:
    """Build the site for ``source_dir`` into ``site_dir``.

    The repository's own ``docs/`` receives generated pages only when building the default
    source folder; any other folder is built in a staging copy. The site is built beside
    ``site_dir`` and swapped in only when complete (output.py), under a lock. A folder that is
    not a site this program built is never replaced, nor a site replaced by an empty one unless
    ``allow_empty``. ``offline`` builds for ``file://`` (file URLs instead of directory URLs): the bundle.
    ``status_file`` is the office's status file, when it is not ``tinh-trang.csv`` in the source folder.
    ``progress`` shows the stages as they run (progress.py).
    """
    source_dir = Path(source_dir)
    if not source_dir.is_dir():
        raise BuildError(f"{source_dir}: no such folder")
    target = output_folder(Path(site_dir), source_dir)
    default = source_dir.resolve() == DEFAULT_SOURCE.resolve()
    with _exclusive(target, docs=default) as cleaned:
        target = output_folder(Path(site_dir), source_dir)  # again, now that no other build runs
        with progress.stage("read, parse, extract", unit="texts") as stage:
            archive = _load(source_dir, status_file, stage)
            stage.note(f"{len(archive.documents):,} published")
        archive.notes += cleaned
        if not archive.documents and not allow_empty and output.has_content(target):
            raise BuildError(
                f"{source_dir}: no text could be published ({_plural(len(archive.files), 'file')}, "
                f"{_plural(len(archive.errors), 'error')}): the site in {target} was left as it was. "
                "Build with --allow-empty to replace it with an empty site.\n" + summary(archive))
        for doc in archive.documents:
            _check_slug(doc.id)
        inputs = _inputs(archive, offline)
        docs_state = (DOCS_DIR, GENERATED) if default else None
        if mkdocs_shards.up_to_date(inputs, target, output.MARKER, docs_state):
            with progress.stage("site up to date", 1, "site"):
                archive.notes.append(f"Nothing changed since the last build: {target} was left as it is.")
                _save_record(archive, source_dir)
            return archive
        mkdocs_shards.forget(target)
        published = len(archive.documents)
        new_site = output.new_folder(target)
        try:
            with tempfile.TemporaryDirectory(prefix="vb-build-") as tmp, ExitStack() as stack:
                docs_dir = DOCS_DIR if default else stack.enter_context(_staging(source_dir, offline, Path(tmp)))
                search = Path(tmp) / "search"
                try:
                    _write_site(archive, docs_dir, new_site, search, offline, progress)
                except Exception:
                    intro = (docs_dir / INTRO).read_text(encoding="utf-8")
                    with progress.stage("each text alone, to find the one that fails", len(archive.documents),
                                        "texts"):
                        if not _drop_failing(archive, Path(tmp), intro, _site_identity()):
                            raise  # not one document's fault
                    _write_site(archive, docs_dir, new_site, search, offline, progress)
                shutil.copytree(search / index.OUT_DIR, new_site / index.OUT_DIR)
                if default:  # `mkdocs serve` on docs/ finds the search files too
                    shutil.copytree(search / index.OUT_DIR, docs_dir / index.OUT_DIR)
            output.step("written")  # the new site is all there but not marked complete yet
            with progress.stage("swap in the new site", 1, "site"):
                output.finish(new_site, target)
                output.swap(new_site, target)
        except BaseException:
            output.discard(new_site)
            raise
        if len(archive.documents) == published:  # none dropped: the next build may find it up to date
            mkdocs_shards.remember(inputs, target, output.MARKER, docs_state)
        _save_record(archive, source_dir)
    return archive


def _inputs(archive: Archive, offline: bool) -> str:
    """The hash of everything a site is made of: each text as the load cache keys it (source, page id,
    build code) and its tasks' status, the redirects, the hand-written pages of docs/, and the renderer
    (mkdocs_shards.py).
    Two builds with the same hash write the same site."""
    h = hashlib.sha256(mkdocs_shards.renderer_key(CONFIG, publish.load(CONFIG, offline=offline), offline).encode())
    for doc in archive.documents:
        h.update(convert.key(doc.source, doc.id).encode("ascii"))
        # the office's status file is not a text: what it gave each task counts too
        h.update(repr([task.status for task in doc.facts.tasks]).encode("utf-8"))
    h.update(repr(sorted(redirects(archive).items())).encode("utf-8"))
    for path in sorted(DOCS_DIR.rglob("*")):
        rel = path.relative_to(DOCS_DIR)
        if path.is_file() and rel.parts[0] not in GENERATED:
            h.update(rel.as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _write_site(archive: Archive, docs_dir: Path, new_site: Path, search: Path, offline: bool,
                progress: Progress = QUIET) -> None:
    """Every writer of the archive, then MkDocs into ``new_site``; the search files into ``search``."""
    _generated_links(docs_dir)
    shutil.rmtree(search, ignore_errors=True)
    intro = (docs_dir / INTRO).read_text(encoding="utf-8")
    docs = archive.documents
    with progress.stage("link", len(docs), "texts"):
        links = link.link(docs)  # archive-wide: citations, bodies
    archive.note_bodies(links)
    # the search index needs the models and links only: its worker starts before the pages are written, so
    # that it does not inherit what writing them leaves in this process
    with _search_index_beside(docs, search, not offline, links) as search_done:
        started = time.monotonic()
        with progress.stage("write pages (Markdown)", len(docs), "texts") as stage:
            cache = convert.cache_dir()
            memo = files.Memo(cache / "markdown" if cache else None, convert.code_hash())
            written = write_pages(docs, links, docs_dir, intro, directory_urls=not offline, memo=memo)
            written += render.write_redirects(redirects(archive), docs_dir, directory_urls=not offline)
            stage.note(f"{len(written):,} files")
        outside = [p for p in written if not _inside(p, docs_dir)]
        if outside:
            raise BuildError(f"pages written outside {docs_dir}: {outside}")
        config = publish.load(CONFIG)
        # the data files are written into docs/data/, and MkDocs copies them to site/data/
        with progress.stage("write data files", len(docs), "texts"):
            written += records.write_data(docs, docs_dir, publish.site_url(config), config.site_name, links)
            files.prune(docs_dir, GENERATED, written)  # what this build no longer makes (and the search files)
        with progress.stage("render (MkDocs)", unit="pages") as stage:
            rendered = publish.mkdocs_build(CONFIG, docs_dir, new_site, offline=offline,
                                            build_date=feeds.newest_date(docs), stage=stage, linked=GENERATED)
            if rendered is not None and rendered.processes > 1:
                stage.note(f"{rendered.processes} processes")
        with progress.stage("search index", len(docs), "texts", since=started):
            search_done()


def _search_cache() -> index.ShareCache | None:
    """Each document's share of the search index, kept beside the load stage's cache (``search/``): a rebuild
    tokenises only the texts that changed."""
    folder = convert.cache_dir()
    if folder is None:
        return None
    folder = folder / "search"
    def store(key: str, share: object) -> None:  # the load cache keeps bytes: the worker pickles its documents
        convert._store(folder, key, pickle.dumps(share, pickle.HIGHEST_PROTOCOL))

    return index.ShareCache(convert.code_hash(), partial(convert._load, folder), store)


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
    cache = _search_cache()
    if not fork or len(docs) < convert.PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        index.write_search_index(docs, folder, directory_urls, links, cache)
        yield lambda: None
        return
    worker = multiprocessing.get_context("fork").Process(
        target=index.write_search_index, args=(docs, folder, directory_urls, links, cache), name="vb-search-index")
    # what both processes hold is left out of their garbage collections while the worker runs: a collection
    # writes to every object it visits, and each page it writes to is copied (copy-on-write), in either process
    gc.freeze()
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
        gc.unfreeze()


# --- other outputs: the offline bundle, GitHub Pages ------------------------------------------------

DEFAULT_BUNDLE = ROOT / "dist" / "luu-tru-ket-luan-offline.zip"


def bundle_target(out: Path, source_dir: Path) -> Path:
    """The zip ``bundle`` may write: a ``.zip`` outside the source folder and the project's pages, new or
    a bundle it made before; anything else is refused and left as it was."""
    out = Path(out)
    if out.suffix.lower() != ".zip":
        raise BuildError(f"{out}: the offline bundle is a .zip file; give a name that ends in .zip")
    resolved = out.parent.resolve() / out.name
    for what, folder in (("the source folder", Path(source_dir)), ("docs/", DOCS_DIR), ("overrides/", OVERRIDES)):
        if resolved.is_relative_to(folder.resolve()):
            raise BuildError(f"{out}: the bundle cannot be written inside {what} ({folder.resolve()})")
    if ".git" in resolved.parts:
        raise BuildError(f"{out}: the bundle cannot be written inside a .git folder")
    if out.is_symlink() or (out.exists() and not out.is_file()):
        raise BuildError(f"{out}: exists and is not a file (a folder or a link). Nothing was changed.")
    if out.exists() and not publish.is_bundle(out):
        raise BuildError(f"{out}: exists and is not an offline bundle this program made. Nothing was changed: "
                         "choose another name, or delete the file yourself")
    return resolved


def bundle(source_dir: Path = DEFAULT_SOURCE, out: Path = DEFAULT_BUNDLE, *, allow_empty: bool = False,
           status_file: Path | None = None, progress: Progress = QUIET) -> Archive:
    """The site built for ``file://`` (file URLs, search included), zipped under one folder."""
    target = bundle_target(Path(out), Path(source_dir))
    try:
        with output.exclusive(output.lock_file(target), str(target)):
            target = bundle_target(Path(out), Path(source_dir))
            with tempfile.TemporaryDirectory(prefix="vb-bundle-") as tmp:
                site = Path(tmp) / "site"
                archive = build(source_dir, site, offline=True, allow_empty=True, status_file=status_file,
                                progress=progress)
                if not archive.documents and not allow_empty and target.exists():
                    raise BuildError(f"{source_dir}: no text could be published: {out} was left as it was. "
                                     "Build with --allow-empty to replace it with an empty bundle.\n"
                                     + summary(archive))
                with progress.stage("zip", 1, "bundle"):
                    publish.write_zip(site, target)
    except output.OutputError as exc:
        raise BuildError(str(exc)) from None
    return archive


def deploy(source_dir: Path = DEFAULT_SOURCE, remote: str = "origin", repo: Path = ROOT, *,
           allow_empty: bool = False, status_file: Path | None = None, progress: Progress = QUIET) -> Archive:
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
            archive = build(source_dir, site, allow_empty=True, status_file=status_file, progress=progress)
            if not archive.documents and not allow_empty:
                raise BuildError(f"{source_dir}: no text could be published: nothing was pushed (the published "
                                 "site stays as it is). Deploy with --allow-empty to publish an empty site.\n"
                                 + summary(archive))
            zip_name = (publish.load(CONFIG).extra or {}).get("offline_zip")
            if zip_name:  # the offline bundle, downloadable from the footer and "Dữ liệu mở"
                bundle(source_dir, site / zip_name, status_file=status_file, progress=progress)
            publish.deploy(CONFIG, site, repo=repo, remote=remote)
    finally:
        if saved is None:
            os.environ.pop("SITE_URL", None)
        else:
            os.environ["SITE_URL"] = saved
    return archive
