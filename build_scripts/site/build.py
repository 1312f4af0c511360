"""The site: every writer, then MkDocs, into a folder beside the target swapped in at the end."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from pathlib import Path

from .. import files, heap
from ..knowledge import bodies
from ..model import SourceText, statuses_key
from ..pipeline import convert, link
from ..pipeline.archive import Archive, BuildError
from ..pipeline.loader import load, redirects, save_record
from ..pipeline.slugs import check_slug
from ..progress import QUIET, Progress
from ..writers import feeds, records
from ..writers import pages as render
from ..writers import search as index
from ..writers.pages import write_pages
from . import cache_sweep, mkdocs_shards, output, page_keys, publish, search_process, site_state, unchanged
from .check import drop_failing, site_identity
from .paths import CONFIG, DEFAULT_SITE, DEFAULT_SOURCE, DOCS_DIR, GENERATED, INTRO, OVERRIDES, ROOT
from .report import plural, summary


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
        docs = _stage_docs(DOCS_DIR, staging)
        with contextlib.suppress(OSError):
            os.utime(staging)  # in use: the cache's sweep keeps it (cache_sweep.py)
        yield docs


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


def _outside(paths: list[Path], folder: Path) -> list[Path]:
    """The ``paths`` that resolve outside ``folder``. Each folder they are in is resolved and listed once, not each
    path (4,040 paths at 1,000 texts: resolving each took ~0.3 s of CPU, ~1.4 s profiled): a path is its resolved
    folder and its name, unless the name is a link in that folder (or "..") and is resolved itself."""
    root = os.path.realpath(folder)
    prefix = root if root.endswith(os.sep) else root + os.sep
    parents: dict[str, tuple[str, set[str] | None]] = {}  # a folder -> its real path, the names of the links in it
    out = []
    for path in paths:
        head, name = os.path.split(os.fspath(path))
        if head not in parents:
            parents[head] = os.path.realpath(head), _links_in(head)
        real_head, links = parents[head]
        linked = os.path.islink(path) if links is None else name in links
        real = os.path.realpath(path) if name in ("", "..") or linked else os.path.join(real_head, name)
        if real != root and not real.startswith(prefix):
            out.append(path)
    return out


def _links_in(folder: str) -> set[str] | None:
    """The names of the symbolic links in ``folder``, from one listing of it (the entries' types, not a ``stat``
    each: ~3,300 of them took ~10 ms of every build at 1,000 texts); None when it cannot be listed (each path is
    then asked)."""
    try:
        with os.scandir(folder) as entries:
            return {e.name for e in entries if e.is_symlink()}
    except OSError:
        return None


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
          allow_empty: bool = False, status_file: Path | None = None, progress: Progress = QUIET,
          keep_folders: bool = True) -> Archive:
    """Build the site for ``source_dir`` into ``site_dir``.

    The repository's own ``docs/`` receives generated pages only when building the default
    source folder; any other folder is built in a staging copy. The site is built beside
    ``site_dir`` and swapped in only when complete (output.py), under a lock. A folder that is
    not a site this program built is never replaced, nor a site replaced by an empty one unless
    ``allow_empty``. ``offline`` builds for ``file://`` (file URLs instead of directory URLs): the bundle.
    ``status_file`` is the office's status file, when it is not ``tinh-trang.csv`` in the source folder.
    ``progress`` shows the stages as they run (progress.py). ``keep_folders``: the site's folders are kept in the
    cache for its next build (output.dispose); not for a site built in a temporary folder (the bundle).
    """
    source_dir = Path(source_dir)
    if not source_dir.is_dir():
        raise BuildError(f"{source_dir}: no such folder")
    target = output_folder(Path(site_dir), source_dir)
    default = source_dir.resolve() == DEFAULT_SOURCE.resolve()
    with _exclusive(target, docs=default) as cleaned, ExitStack() as held:
        held.callback(gc.unfreeze)  # what the stages set aside (_set_aside) is the collector's again when it returns
        # the cache's shelves read as committed now (another build may have committed since this process read
        # them), and what this build keeps in them committed when it returns
        convert.commit_entries()
        held.callback(convert.commit_entries)
        target = output_folder(Path(site_dir), source_dir)  # again, now that no other build runs
        docs_state = (DOCS_DIR, GENERATED) if default else None
        # the sources, status file, record, docs/ and code as the last complete build into target found them, and
        # target still its site: the load is skipped, its report replayed (unchanged.py)
        seen = unchanged.scan(source_dir, status_file, offline)
        archive = unchanged.replay(seen, target, output.MARKER, docs_state)
        if archive is not None:
            archive.notes += cleaned
            _refuse_empty(archive, allow_empty, source_dir, target)
            with progress.stage("site up to date", 1, "site") as stage:
                stage.note("sources unchanged, not read again")
                archive.notes.append(f"Nothing changed since the last build: {target} was left as it is.")
            return archive
        # a rebuild starts the search index's process now: it merges the last build's shares during the load
        last = search_process.last_inputs(source_dir, offline)
        early = held.enter_context(search_process.early(last))
        with progress.stage("read, parse, extract", unit="texts") as stage, _set_aside():
            archive = load(source_dir, status_file, stage)
            stage.note(f"{len(archive.documents):,} published")
        report = unchanged.Report.of(archive)
        archive.notes += cleaned
        _refuse_empty(archive, allow_empty, source_dir, target)
        for doc in archive.documents:
            check_slug(doc.id)
        # each text's load-cache key (the load's own, made before the texts go: it hashes them): the site's inputs
        keys = {doc.id: archive.keys.get(doc.id) or convert.key(doc.source, doc.id) for doc in archive.documents}
        inputs = _inputs(archive, offline, keys)
        _drop_texts(archive)
        if site_state.up_to_date(inputs, target, output.MARKER, docs_state):
            with progress.stage("site up to date", 1, "site"):
                archive.notes.append(f"Nothing changed since the last build: {target} was left as it is.")
                save_record(archive, source_dir)
                unchanged.remember(seen, report, inputs, target, archive, source_dir, status_file, offline)
            return archive
        site_state.forget(target)
        unchanged.forget(target)
        shares = _link_shares(source_dir, keys)
        published = len(archive.documents)
        # the new site is built in the folders of the previous one when they wait in the cache (output.dispose)
        spare = output.spare_for(target, convert.cache_dir()) if keep_folders else None
        new_site, folders = output.new_folder(target, spare)
        try:
            with tempfile.TemporaryDirectory(prefix="vb-build-") as tmp, ExitStack() as stack:
                docs_dir = DOCS_DIR if default else stack.enter_context(_staging(source_dir, offline, Path(tmp)))
                search = Path(tmp) / "search"
                try:
                    _write_site(archive, docs_dir, new_site, search, offline, progress, shares, last, early)
                except Exception:  # the writers run again, on each text alone
                    intro = (docs_dir / INTRO).read_text(encoding="utf-8")
                    with progress.stage("each text alone, to find the one that fails", len(archive.documents),
                                        "texts"):
                        if not drop_failing(archive, Path(tmp), intro, site_identity()):
                            raise  # not one document's fault
                    folders = output.empty(new_site)  # what the failed run wrote goes: its folders are pruned
                    _write_site(archive, docs_dir, new_site, search, offline, progress)
                if default:  # `mkdocs serve` on docs/ finds the search files too
                    shutil.copytree(search / index.OUT_DIR, docs_dir / index.OUT_DIR)
                _move_tree(search / index.OUT_DIR, new_site / index.OUT_DIR)
            output.prune(folders)  # the previous site's folders that this one has no page in
            output.step("written")  # the new site is all there but not marked complete yet
            with progress.stage("swap in the new site", 1, "site"):
                output.finish(new_site, target)
                old_site = output.swap(new_site, target)
        except BaseException:
            output.discard(new_site)
            raise
        # deleted by a process of its own, while the records are written and after; its folders kept for the next build
        output.dispose(old_site, spare, target)
        save_record(archive, source_dir)
        if len(archive.documents) == published:  # none dropped: the next build may find it up to date
            site_state.remember(inputs, target, output.MARKER, docs_state)
            unchanged.remember(seen, report, inputs, target, archive, source_dir, status_file, offline)
        swept = cache_sweep.sweep_if_due(convert.cache_dir())
        if swept is not None and swept.files:
            archive.notes.append(f"Build cache: {swept}.")
    return archive


def _move_tree(source: Path, dest: Path) -> None:
    """The search files moved into the new site from the build's temporary folder, which is deleted next: one
    rename where it is on the same file system (copying the ~850 files took ~0.2 s of an edit's serial path),
    else copied. The previous site's empty folder there (output.new_folder) makes way."""
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        os.rmdir(dest)  # only when it is an empty folder
    if dest.exists() or dest.is_symlink():
        raise FileExistsError(f"{dest}: already in the new site")
    try:
        os.rename(source, dest)
    except OSError:
        shutil.copytree(source, dest)


def _refuse_empty(archive: Archive, allow_empty: bool, source_dir: Path, target: Path) -> None:
    """No site replaced by an empty one unless ``allow_empty``."""
    if not archive.documents and not allow_empty and output.has_content(target):
        raise BuildError(
            f"{source_dir}: no text could be published ({plural(len(archive.files), 'file')}, "
            f"{plural(len(archive.errors), 'error')}): the site in {target} was left as it was. "
            "Build with --allow-empty to replace it with an empty site.\n" + summary(archive))


def _drop_texts(archive: Archive) -> None:
    """The sources without their texts, once the inputs are hashed: no later stage reads them (a page is
    written from the parsed text, its source copy from the file, the search index from the pages' units),
    and 10,000 of them held about 0.2 GB until the build's end."""
    light: dict[int, SourceText] = {}

    def without(src: SourceText) -> SourceText:
        return light.setdefault(id(src), dataclasses.replace(src, text=""))

    archive.sources = [without(s) for s in archive.sources]
    for doc in archive.documents:
        doc.source = without(doc.source)


def _inputs(archive: Archive, offline: bool, keys: dict[str, str]) -> str:
    """The hash of everything a site is made of: each text as the load cache keys it (``keys``, by page id:
    source, page id, build code) and its tasks' status, the redirects, the hand-written pages of docs/, and the renderer
    (page_keys.py).
    Two builds with the same hash write the same site."""
    h = hashlib.sha256(page_keys.renderer_key(CONFIG, publish.load(CONFIG, offline=offline), offline).encode())
    for doc in archive.documents:
        h.update(keys[doc.id].encode("ascii"))
        # the office's status file is not a text: what it gave each task counts too
        h.update(statuses_key(doc).encode("ascii"))
    h.update(repr(sorted(redirects(archive).items())).encode("utf-8"))
    unchanged.hash_handwritten(h)
    return h.hexdigest()


def _link_shares(source_dir: Path, keys: dict[str, str]) -> link.Shares | None:
    """Where the link keeps each document's citations for the next build of ``source_dir`` (one file per
    source folder, under the load cache's keys: ``link.Shares``); None without a cache."""
    path = convert.cache_file("link", source_dir, ".pickle")
    return link.Shares(path, keys) if path is not None else None


def _kept_knowledge() -> None:
    """The bodies' knowledge (``bodies.knowledge``: what data/organisations.yml says, made in ~45 ms) read from the
    build cache, made and kept there by the first build of this code: every build's link reads it (the names of a new
    or changed text), and the search index's process waits for the link."""
    if not bodies.knowledge.cache_info().currsize:  # not made yet in this process
        bodies.use_knowledge(convert.kept_or_made("knowledge", "bodies", bodies.make_knowledge, bodies.Knowledge))


def _set_aside() -> contextlib.AbstractContextManager[None]:
    """Python's cycle collector off while a stage makes its many objects (the load, the link and the writers), then
    what it made set aside from the collector's passes (``gc.freeze``), with all that was there before, until the
    render gives it back (``mkdocs_shards.Render.stop``) or the build returns (``build``).

    These stages make almost no cyclic garbage (about 2,000 objects after an edit at 1,000 texts; 0 after a rebuild's
    load, 10 after a cold build's at 250), but each of the collector's passes walked what they had made: its full
    passes walked the whole loaded archive (0.9-1.2 s of an edit's 8 s of CPU in this process before the link and
    the writers paused it), the load's own passes took 0.16 s of an add's 2.4 s at 1,000 texts (three full passes
    while 1,000 models were unpickled), and giving the writers' objects back to the collector 0.04 s (one pass
    over all they had made). No collection first or after: what little garbage there is stays set aside until
    the collector has it back, then goes at its next full pass. A cold build's peak memory the same (279 and 278
    MB summed at 1,000 texts with the writers' pause)."""
    return _collector_off(set_aside=True)


@contextmanager
def _collector_off(set_aside: bool = False) -> Iterator[None]:
    """The cycle collector off (as it was before, after): while a stage runs (``_set_aside``: what it made then set
    aside before the collector is back, whose first pass would walk it all), and while the data files are written,
    without giving back what the render set aside (``gc.freeze``: the archive, MkDocs' site)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if set_aside:
            gc.freeze()
        if was:
            gc.enable()


def _write_site(archive: Archive, docs_dir: Path, new_site: Path, search: Path, offline: bool,
                progress: Progress = QUIET, shares: link.Shares | None = None, last: Path | None = None,
                early: search_process.Beside | None = None) -> None:
    """Every writer of the archive, then MkDocs into ``new_site``; the search files into ``search``. Once the
    pages and data files are written, the links are let go: MkDocs reads the pages, the search process its
    inputs, and the peak of the build is while they run. The documents' trees stay packed throughout: each
    reader (link, the search inputs, the document pages) unpickles one at a time (``model.tree``). The render
    begins before the data files are written: its workers render while this process writes them. ``last``: where
    the search index's process notes its inputs for the next build; ``early``: that process, started before the
    load (``search_process.early``)."""
    _generated_links(docs_dir)
    shutil.rmtree(search, ignore_errors=True)
    intro = (docs_dir / INTRO).read_text(encoding="utf-8")
    docs = archive.documents
    # the search index needs the models and links only: its process (on a second core) starts now, beside the link
    # (in a rebuild, before the load), is given its inputs before the pages are written, and makes it while they
    # are written and rendered
    parallel = len(docs) >= convert.PARALLEL_FROM and (os.cpu_count() or 1) >= 2
    with search_process.beside(search, parallel, last, early) as search_index:
        with _set_aside():  # the loaded archive is not walked again, nor what the link and the writers make
            with progress.stage("link", len(docs), "texts"):
                _kept_knowledge()
                links = link.link(docs, shares)  # archive-wide: citations, bodies
            archive.note_bodies(links)
            search_index.send(docs, not offline, links, shares.keys if shares is not None else None)
            started = time.monotonic()
            cache = convert.cache_dir()
            # the parts of pages and data files each made of a few inputs (a document's text, its task table, records)
            memo = files.Memo(cache / "markdown" if cache else None, convert.code_hash())
            config = publish.load(CONFIG)
            with progress.stage("write pages (Markdown)", len(docs), "texts") as stage:
                # "Dữ liệu mở" offers the offline bundle where the footer does (none when OFFLINE_ZIP leaves it out)
                written = write_pages(docs, links, docs_dir, intro, directory_urls=not offline, memo=memo,
                                      offline_zip_url=publish.offline_zip_url(config))
                written += render.write_redirects(redirects(archive), docs_dir, directory_urls=not offline)
                stage.note(f"{len(written):,} files")
            bodies.let_go()  # the last of the bodies' knowledge's readers are the pages
            heap.give_back()  # what the pages' writers let go (heap.py): the build's peak is to come
            outside = _outside(written, docs_dir)
            if outside:
                raise BuildError(f"pages written outside {docs_dir}: {outside}")
            # the data files' names, known before they are written: what this build no longer makes is pruned now
            # (and the search files), and the render lists them while they are written
            data = records.data_paths(docs_dir, links)
            files.prune(docs_dir, GENERATED, written + data)
            build_date = feeds.newest_date(docs)
        # the render begins (its workers render) while this process writes the data files into docs/data/, which
        # MkDocs links into site/data/ once they are written (SiteModel.finish)
        coming = mkdocs_shards.Coming(records.DATA_DIR, tuple(p.relative_to(docs_dir).as_posix() for p in data))
        # a render worker starts once the search index's process has ended: three processes at their peaks together
        # took the build's memory over 2.5 times plain Material's at 1,000 texts (see mkdocs_shards._Shards)
        with publish.rendering(CONFIG, docs_dir, new_site, offline=offline, build_date=build_date, linked=GENERATED,
                               coming=coming, gate=search_index.done) as rendering:
            with progress.stage("write data files", len(docs), "texts"), _collector_off():
                made = records.write_data(docs, docs_dir, publish.site_url(config), config.site_name, links, memo)
                memo.close()  # what the writers kept, committed for the next build (shelf.py)
            if set(made) != set(data):  # a writer's bug: a page would link a file not there, or one not listed
                unlisted, missing = sorted(set(made) - set(data)), sorted(set(data) - set(made))
                raise BuildError(f"the data files written are not those the render listed: written but not listed "
                                 f"{[str(p) for p in unlisted]}, listed but not written {[str(p) for p in missing]}")
            del links
            heap.give_back()  # and what the data files' writers let go
            with progress.stage("render (MkDocs)", unit="pages", since=rendering.started) as stage:
                rendered = rendering.finish(stage)
                if rendered.processes > 1:
                    stage.note(f"{rendered.processes} processes")
        with progress.stage("search index", len(docs), "texts", since=started):
            search_index.wait()
