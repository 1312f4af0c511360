"""Render stage: the model -> Markdown pages for MkDocs (a writer, in Pandoc's terms).

Templates give each page its frame; ``markdown.py`` writes the text of the
document itself, escaping everything that came from a source.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..model import Document
from ..vietnamese import display_date
from .markdown import escape, render_body

TEMPLATES = Path(__file__).parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=False,  # Markdown output: values pass through the md / e filters
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)
_env.filters["md"] = escape
_env.filters["vndate"] = display_date


def front_matter(doc: Document) -> str:
    """YAML front matter, dumped (never templated) so that any title is escaped correctly."""
    f = doc.facts
    data = {
        "title": f.title,
        "description": " · ".join(x for x in (f.type, f.issuer, f.locality, display_date(f.meeting_date)) if x),
        "vb_id": doc.id,
        "vb_source": doc.source.name,
        "vb_sha256": doc.source.sha256,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def metadata_panel(doc: Document) -> list[tuple[str, str | None]]:
    f = doc.facts
    signer = None
    if f.signer:
        signer = ", ".join(x for x in (f.signer.name, f.signer.title, f.signer.capacity) if x)
    return [
        ("Loại văn bản", f.type),
        ("Số, ký hiệu", f.number),
        ("Cơ quan ban hành", f.issuer),
        ("Địa phương", ", ".join(x for x in (f.locality, f.province) if x) or None),
        ("Ngày họp", display_date(f.meeting_date) or None),
        ("Ngày ban hành", display_date(f.issued_date) or None),
        ("Kỳ đánh giá", f.period),
        ("Người ký", signer),
        ("Nơi nhận", "; ".join(f.recipients) or None),
    ]


def render_document(doc: Document) -> str:
    return _env.get_template("document.md.j2").render(
        doc=doc,
        title=doc.facts.title,
        front_matter=front_matter(doc),
        panel=metadata_panel(doc),
        body=render_body(doc.blocks),
    )


def newest_first(docs: list[Document]) -> list[Document]:
    def key(d: Document) -> tuple[str, str]:
        return (d.facts.meeting_date or d.facts.issued_date or "", d.id)

    return sorted(docs, key=key, reverse=True)


def render_home(docs: list[Document], intro: str) -> str:
    return _env.get_template("home.md.j2").render(
        docs=newest_first(docs),
        intro=intro.strip(),
        task_count=sum(len(d.facts.tasks) for d in docs),
    )


def write_pages(docs: list[Document], docs_dir: Path, intro: str) -> list[Path]:
    """Write every generated page under ``docs_dir``; returns the paths written."""
    out_dir = docs_dir / "van-ban"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in docs:
        path = out_dir / f"{doc.id}.md"
        path.write_text(render_document(doc), encoding="utf-8")
        written.append(path)
    home = docs_dir / "index.md"
    home.write_text(render_home(docs, intro), encoding="utf-8")
    written.append(home)
    return written
