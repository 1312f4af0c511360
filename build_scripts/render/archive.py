"""Archive-wide pages: cited documents, bodies, browse pages, the task tracker, the glossary.

Every page lists only what belongs to it, so the site grows linearly with the
archive. Links between generated pages are Markdown links to ``.md`` files, which
MkDocs rewrites for directory URLs online and for ``.html`` files offline.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..extract.metadata import towns
from ..extract.organisations import glossary
from ..link import locality_key, sort_key, year_of
from ..model import Body, CitedDocument, Document, Links, Reference, Task
from ..vietnamese import display_date, display_deadline, fold, slugify
from .markdown import escape
from .tracker import summary, tracker_link, tracker_pages

__all__ = ["summary"]  # the render stage's one summary of a task, used by the document pages too

FOLDERS = ("dan-chieu", "co-quan", "dia-phuong", "nam", "loai", "ban-hanh", "theo-doi", "thuat-ngu")
NO_LOCALITY = "Chưa rõ địa phương"


def md(text: str | None) -> str:
    return escape(text or "")


def doc_link(doc: Document, root: str = "../", anchor: str = "") -> str:
    frag = f"#{anchor}" if anchor else ""
    return f"[{md(doc.facts.title)}]({root}van-ban/{doc.id}.md{frag})"


def docs_table(docs: list[Document], root: str = "../") -> str:
    rows = ["| Ngày | Văn bản | Địa phương | Loại | Nhiệm vụ |", "|---|---|---|---|---|"]
    for d in sorted(docs, key=sort_key, reverse=True):
        date = display_date(d.facts.meeting_date or d.facts.issued_date)
        rows.append(f"| {date} | {doc_link(d, root)} | {md(d.facts.locality)} | {md(d.facts.type)} | "
                    f"{len(d.facts.tasks)} |")
    return "\n".join(rows)


def page(title: str, body: str, description: str = "", wide: bool = False) -> str:
    head = f"---\ntitle: {_yaml_str(title)}\n" + (f"description: {_yaml_str(description)}\n" if description else "")
    if wide:  # a wide table needs the sidebars' room
        head += "hide:\n  - navigation\n  - toc\n"
    return f"{head}---\n\n# {md(title)}\n\n{body.strip()}\n"


def _yaml_str(text: str) -> str:
    """A YAML scalar (JSON strings are YAML) of HTML-escaped text: the theme does not escape titles."""
    import html
    import json

    return json.dumps(html.escape(text), ensure_ascii=False)


# --- cited documents -------------------------------------------------------------------


def cited_label(c: CitedDocument | Reference) -> str:
    """"Nghị quyết số 08-NQ/ThU ngày 13/12/2022 của Thành ủy Đà Lạt"."""
    words = [c.kind or "Văn bản", "số", c.symbol]
    if c.date:
        words += ["ngày", display_date(c.date)]
    if c.issuer:
        words += ["của", c.issuer]
    return " ".join(words)


def cited_page(c: CitedDocument) -> str:
    facts = [
        ("Loại văn bản", c.kind), ("Số, ký hiệu", c.symbol), ("Ngày ban hành", display_date(c.date) or None),
        ("Cơ quan ban hành", c.issuer),
    ]
    lines = [f"- **{label}:** {md(value) if value else '*không rõ*'}" for label, value in facts]
    if c.archived is not None:
        lines.append(f"- **Trong kho lưu trữ:** {doc_link(c.archived)}")
    out = ["\n".join(lines), f"## Được dẫn chiếu bởi {len(c.citing_documents)} văn bản {{ #duoc-dan-chieu-boi }}"]
    by_doc: dict[str, list] = defaultdict(list)
    for citing in c.citations:
        by_doc[citing.doc.id].append(citing)
    for doc in sorted(c.citing_documents, key=sort_key, reverse=True):
        date = display_date(doc.facts.meeting_date or doc.facts.issued_date)
        out.append(f"### {md(doc.facts.title)}\n\n{md(date)} · {md(doc.facts.locality or '')} · "
                   f"[Xem văn bản](../van-ban/{doc.id}.md)")
        items = []
        for citing in by_doc[doc.id]:
            where = f"nhiệm vụ {citing.task}" if citing.task else "đoạn dẫn chiếu"
            link = f"[{md(where)}](../van-ban/{doc.id}.md#{citing.anchor})" if citing.anchor else md(where)
            items.append(f"- {link}: {md(citing.passage)}" if citing.passage else f"- {link}")
        out.append("\n".join(items))
    return page(cited_label(c), "\n\n".join(out), f"{c.symbol}: các văn bản trong kho dẫn chiếu")


def cited_index(cited: dict[str, CitedDocument]) -> str:
    groups: dict[str, list[CitedDocument]] = defaultdict(list)
    for c in cited.values():
        groups[c.kind or "Khác"].append(c)
    out = ["Các văn bản được những văn bản trong kho dẫn chiếu, theo loại."]
    for kind in sorted(groups, key=lambda k: fold(k).casefold()):
        out.append(f"## {md(kind)}")
        rows = ["| Văn bản | Ngày | Cơ quan ban hành | Số văn bản dẫn chiếu |", "|---|---|---|---|"]
        for c in sorted(groups[kind], key=lambda c: (fold(c.symbol).casefold(), c.id)):
            rows.append(f"| [{md(c.symbol)}]({c.id}.md) | {display_date(c.date)} | {md(c.issuer)} | "
                        f"{len(c.citing_documents)} |")
        out.append("\n".join(rows))
    return page("Văn bản được dẫn chiếu", "\n\n".join(out))


# --- bodies ------------------------------------------------------------------------------


def body_title(b: Body) -> str:
    return f"{b.name} ({b.locality})" if b.locality else b.name


def deadline_cell(task: Task) -> str:
    """The deadline as every page shows it ("quý I/2024", "tháng 11/2023", "15/01/2024"), with its ISO value."""
    if not task.deadline:
        return ""
    shown = display_deadline(task.deadline, task.deadline_text)
    return f'<span class="vb-deadline" data-iso="{task.deadline}">{shown}</span>'


def body_page(b: Body) -> str:
    by_doc: dict[str, list] = defaultdict(list)
    docs: dict[str, Document] = {}
    for a in b.assignments:
        by_doc[a.doc.id].append(a)
        docs[a.doc.id] = a.doc
    roles = {"chủ trì": "chủ trì", "phối hợp": "phối hợp", "thực hiện": "thực hiện"}
    out = [f"Nhiệm vụ được giao cho **{md(b.name)}**{' tại ' + md(b.locality) if b.locality else ''}, "
           f"theo văn bản, mới nhất trước. Loại: {md(b.kind)}."]
    out.append(f"Trong bảng theo dõi: [mọi nhiệm vụ của cơ quan này]({tracker_link(b.id)}) · "
               f"[các nhiệm vụ đã quá hạn]({tracker_link(b.id, 'qua-han')}).")
    if any(a.task.deadline for a in b.assignments):
        out.append(f"Theo dõi thời hạn trong ứng dụng lịch: [lịch thời hạn của cơ quan này (iCalendar)]"
                   f"(../data/co-quan/{b.id}.ics).")
    for doc in sorted(docs.values(), key=sort_key, reverse=True):
        date = display_date(doc.facts.meeting_date or doc.facts.issued_date)
        out.append(f"## {md(doc.facts.title)}\n\n{md(date)} · {doc_link(doc)}")
        rows = ["| Số | Nội dung | Vai trò | Tên trong văn bản | Thời hạn |", "|---|---|---|---|---|"]
        for a in by_doc[doc.id]:
            number = md(a.task.number or "—")
            rows.append(f"| [{number}](../van-ban/{doc.id}.md#{a.task.anchor}) | {md(summary(a.task.text))} | "
                        f"{roles.get(a.role, a.role)} | {md(a.name)} | {deadline_cell(a.task)} |")
        out.append("\n".join(rows))
    return page(body_title(b), "\n\n".join(out), f"Nhiệm vụ của {body_title(b)}")


def bodies_index(bodies: dict[str, Body]) -> str:
    by_kind: dict[str, dict[str, list[Body]]] = defaultdict(lambda: defaultdict(list))
    for b in bodies.values():
        by_kind[b.kind][b.locality or NO_LOCALITY].append(b)
    out = ["Các cơ quan, tổ chức được giao nhiệm vụ, theo loại và địa phương."]
    for kind in sorted(by_kind, key=lambda k: (k == "Khác", fold(k).casefold())):
        out.append(f"## {md(kind)}")
        for locality in sorted(by_kind[kind], key=locality_key):
            items = sorted(by_kind[kind][locality], key=lambda b: fold(b.name).casefold())
            links = " · ".join(f"[{md(b.name)}]({b.id}.md) ({len(b.assignments)})" for b in items)
            out.append(f"**{md(locality)}:** {links}")
    return page("Cơ quan được giao nhiệm vụ", "\n\n".join(out))


# --- browse pages --------------------------------------------------------------------------


@dataclass(frozen=True)
class Facet:
    folder: str
    title: str
    label: Callable[[Document], str | None]


FACETS = (
    Facet("dia-phuong", "Địa phương", lambda d: d.facts.locality),
    Facet("nam", "Năm", year_of),
    Facet("loai", "Loại văn bản", lambda d: d.facts.type),
    Facet("ban-hanh", "Cơ quan ban hành",
          lambda d: f"{d.facts.issuer} ({d.facts.locality})" if d.facts.issuer and d.facts.locality
          else d.facts.issuer),
)


def facet_slug(value: str | None) -> str:
    return slugify(value or "chua-ro", fallback="chua-ro")


def province_of(doc: Document) -> str:
    return doc.facts.province or towns().get(doc.facts.locality or "", "") or "Chưa rõ tỉnh"


def facet_pages(docs: list[Document]) -> dict[str, str]:
    """path -> Markdown for each facet's index and value pages."""
    pages: dict[str, str] = {}
    for facet in FACETS:
        groups: dict[str, list[Document]] = defaultdict(list)
        for d in docs:
            groups[facet.label(d) or "Chưa rõ"].append(d)
        for value, members in groups.items():
            pages[f"{facet.folder}/{facet_slug(value)}.md"] = page(
                f"{facet.title}: {value}", docs_table(members), f"Văn bản theo {facet.title.lower()}: {value}")
        if facet.folder == "dia-phuong":
            body = _localities_by_province(groups)
        else:
            order = sorted(groups, reverse=facet.folder == "nam", key=lambda v: fold(v).casefold())
            body = "\n".join(f"- [{md(v)}]({facet_slug(v)}.md) ({len(groups[v])})" for v in order)
        pages[f"{facet.folder}/index.md"] = page(f"Văn bản theo {facet.title.lower()}", body)
    return pages


def _localities_by_province(groups: dict[str, list[Document]]) -> str:
    provinces: dict[str, list[str]] = defaultdict(list)
    for value, members in groups.items():
        provinces[province_of(members[0]) if value != "Chưa rõ" else "Chưa rõ tỉnh"].append(value)
    out = []
    for province in sorted(provinces, key=lambda p: (p == "Chưa rõ tỉnh", fold(p).casefold())):
        out.append(f"## {md(province)}")
        out.append("\n".join(f"- [{md(v)}]({facet_slug(v)}.md) ({len(groups[v])})"
                             for v in sorted(provinces[province], key=locality_key)))
    return "\n\n".join(out)


def breadcrumb(doc: Document) -> str:
    """Locality › year › document, linking to the browse pages."""
    parts = []
    if doc.facts.locality:
        parts.append(f"[{md(doc.facts.locality)}](../dia-phuong/{facet_slug(doc.facts.locality)}.md)")
    if year := year_of(doc):
        parts.append(f"[{year}](../nam/{year}.md)")
    parts.append(md(doc.facts.type or "Văn bản"))
    return " › ".join(parts) + "\n{: .vb-breadcrumb }"


def glossary_page() -> str:
    rows = ["| Viết tắt | Nghĩa |", "|---|---|"]
    for abbr, meaning in sorted(glossary().items(), key=lambda kv: fold(kv[0]).casefold()):
        rows.append(f"| {md(abbr)} | {md(meaning)} |")
    return page("Thuật ngữ và chữ viết tắt", "Các chữ viết tắt thường gặp trong văn bản.\n\n" + "\n".join(rows))


def abbreviations(text: str) -> str:
    """Abbreviation definitions for the abbr extension: only those the page's text uses."""
    lines = []
    for abbr, meaning in sorted(glossary().items()):
        if "," in abbr or not re.search(rf"(?<![\w/-]){re.escape(abbr)}(?![\w/-])", text):
            continue
        lines.append(f"*[{abbr}]: {meaning}")
    return "\n".join(lines)


def write_archive_pages(docs: list[Document], links: Links, docs_dir: Path, directory_urls: bool = True) -> list[Path]:
    pages: dict[str, str] = {
        "dan-chieu/index.md": cited_index(links.cited),
        "co-quan/index.md": bodies_index(links.bodies),
        "thuat-ngu/index.md": glossary_page(),
    }
    pages.update({f"dan-chieu/{c.id}.md": cited_page(c) for c in links.cited.values()})
    pages.update({f"co-quan/{b.id}.md": body_page(b) for b in links.bodies.values()})
    pages.update(facet_pages(docs))
    pages.update(tracker_pages(docs, links, directory_urls))
    written = []
    for rel, text in sorted(pages.items()):
        path = docs_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
