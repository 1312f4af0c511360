"""The pipeline, end to end: read -> parse -> extract -> render -> publish.

Per-document work (read, parse, extract) is independent; archive-wide work
(pages that list many documents, data files) runs once over the models.
A source that cannot be read is reported with its name and the rest builds.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import index, publish, records
from .extract import extract
from .model import Diagnostic, Document, SourceText
from .parse import parse
from .read import ReadError, read_file
from .render import write_pages
from .vietnamese import slugify

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT / "source_texts"
DEFAULT_SITE = ROOT / "site"
DOCS_DIR = ROOT / "docs"
CONFIG = ROOT / "mkdocs.yml"
INTRO = "_trang-chu.md"  # hand-written home text, inserted into the generated home page
GENERATED = ("index.md", "van-ban", "data")  # the git-ignored parts of docs/


@dataclass
class Archive:
    """Everything one build produced, and what it had to say about its sources."""

    documents: list[Document] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def source_files(source_dir: Path) -> list[Path]:
    return sorted((p for p in source_dir.iterdir() if p.is_file() and p.suffix.lower() == ".txt"),
                  key=lambda p: p.name)


def assign_ids(sources: list[SourceText]) -> list[str]:
    """Stable ASCII slugs from file names; a colliding slug gets a piece of its hash."""
    ids: list[str] = []
    taken: set[str] = set()
    for src in sources:
        base = slugify(Path(src.name).stem, fallback="van-ban")
        slug = base if base not in taken else f"{base}-{src.sha256[:8]}"
        taken.add(slug)
        ids.append(slug)
    return ids


def document_from_source(src: SourceText, doc_id: str) -> Document:
    doc = extract(parse(src, doc_id))
    doc.diagnostics = list(src.diagnostics) + doc.diagnostics
    return doc


def load_archive(paths: list[Path]) -> Archive:
    """Read, parse and extract every path; unreadable files become error diagnostics."""
    archive = Archive()
    sources: list[SourceText] = []
    for path in paths:
        try:
            sources.append(read_file(path))
        except ReadError as exc:
            archive.diagnostics.append(exc.diagnostic())
    for src, doc_id in zip(sources, assign_ids(sources), strict=True):
        doc = document_from_source(src, doc_id)
        archive.documents.append(doc)
        archive.diagnostics.extend(doc.diagnostics)
    return archive


def _stage_docs(docs_dir: Path, staging: Path) -> Path:
    """Copy the hand-written pages into a staging folder (for sources other than the default)."""
    target = staging / "docs"
    shutil.copytree(docs_dir, target, ignore=shutil.ignore_patterns(*GENERATED))
    return target


def _clear_generated(docs_dir: Path) -> None:
    for name in GENERATED:
        path = docs_dir / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def build(source_dir: Path = DEFAULT_SOURCE, site_dir: Path = DEFAULT_SITE) -> Archive:
    """Build the site for ``source_dir`` into ``site_dir``.

    The repository's own ``docs/`` receives generated pages only when building
    the default source folder; any other folder is built in a staging copy.
    """
    archive = load_archive(source_files(source_dir))
    with tempfile.TemporaryDirectory(prefix="vb-build-") as tmp:
        docs_dir = DOCS_DIR if source_dir.resolve() == DEFAULT_SOURCE.resolve() else _stage_docs(DOCS_DIR, Path(tmp))
        _clear_generated(docs_dir)
        intro = (docs_dir / INTRO).read_text(encoding="utf-8")
        write_pages(archive.documents, docs_dir, intro)
        records.write_data(archive.documents, docs_dir)  # MkDocs copies them to site/data/
        index.write_search_index(archive.documents, docs_dir)
        publish.mkdocs_build(CONFIG, docs_dir, site_dir)
    return archive
