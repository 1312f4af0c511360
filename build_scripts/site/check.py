"""Every writer run on each document alone: one document's failure drops only that document."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..model import Diagnostic, Document
from ..pipeline import link
from ..pipeline.archive import Archive
from ..pipeline.loader import bug_diagnostic, load
from ..writers import pages as render
from ..writers import records
from ..writers import search as index
from ..writers.pages import write_pages
from . import publish
from .paths import CONFIG, DEFAULT_SOURCE, DOCS_DIR, INTRO


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


def drop_failing(archive: Archive, scratch: Path, intro: str, site: tuple[str, str]) -> bool:
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
                if isinstance(exc, render.SourceChanged) else bug_diagnostic(doc.source.name, "rendered", exc))
            dropped = True
    return dropped


def site_identity() -> tuple[str, str]:
    config = publish.load(CONFIG)
    return publish.site_url(config), config.site_name


def check(source_dir: Path = DEFAULT_SOURCE, status_file: Path | None = None) -> Archive:
    """Everything a build does to the sources (read, parse, extract, every writer), without writing a site."""
    archive = load(source_dir, status_file)
    intro = (DOCS_DIR / INTRO).read_text(encoding="utf-8")
    site = site_identity()
    with tempfile.TemporaryDirectory(prefix="vb-check-") as scratch:
        drop_failing(archive, Path(scratch), intro, site)
        links = link.link(archive.documents)  # and all of them together, as the build writes them
        write_pages(archive.documents, links, Path(scratch) / "all", intro)
        records.write_data(archive.documents, Path(scratch) / "all", *site, links)
        index.search_data(archive.documents, links=links)
    archive.note_bodies(links)
    return archive
