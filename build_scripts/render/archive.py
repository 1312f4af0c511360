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
from ..model import Body, CitedDocument, Document, Links, Reference
from ..vietnamese import display_date, fold, slugify
from . import dashboard
from . import status as status_view
from .markdown import escape

FOLDERS = ("dan-chieu", "co-quan", "dia-phuong", "nam", "loai", "ban-hanh", "theo-doi", "thuat-ngu", "tinh-hinh")
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


def deadline_cell(iso: str | None) -> str:
    """The deadline shown dd/mm/yyyy, with its ISO value for the tracker's filters."""
    if not iso:
        return ""
    return f'<span class="vb-deadline" data-iso="{iso}">{display_date(iso)}</span>'


def body_page(b: Body) -> str:
    by_doc: dict[str, list] = defaultdict(list)
    docs: dict[str, Document] = {}
    for a in b.assignments:
        by_doc[a.doc.id].append(a)
        docs[a.doc.id] = a.doc
    roles = {"chủ trì": "chủ trì", "phối hợp": "phối hợp", "thực hiện": "thực hiện"}
    out = [f"Nhiệm vụ được giao cho **{md(b.name)}**{' tại ' + md(b.locality) if b.locality else ''}, "
           f"theo văn bản, mới nhất trước. Loại: {md(b.kind)}."]
    tasks = list({id(a.task): a.task for a in b.assignments}.values())
    out.append(f"**Tình trạng {len(tasks)} nhiệm vụ** (theo báo cáo của cơ quan theo dõi): "
               + status_view.counts_line(tasks, f"../theo-doi/index.md?co-quan={b.id}")
               + "\n{: .vb-state-counts }")
    if any(a.task.deadline for a in b.assignments):
        out.append(f"Theo dõi thời hạn trong ứng dụng lịch: [lịch thời hạn của cơ quan này (iCalendar)]"
                   f"(../data/co-quan/{b.id}.ics).")
    with_status = any(t.status for t in tasks)
    for doc in sorted(docs.values(), key=sort_key, reverse=True):
        date = display_date(doc.facts.meeting_date or doc.facts.issued_date)
        out.append(f"## {md(doc.facts.title)}\n\n{md(date)} · {doc_link(doc)}")
        rows = ["| Số | Nội dung | Vai trò | Tên trong văn bản | Thời hạn |" + (" Tình trạng |" if with_status else ""),
                "|---|---|---|---|---|" + ("---|" if with_status else "")]
        for a in by_doc[doc.id]:
            number = md(a.task.number or "—")
            state = f" {status_view.status_cell(a.task.status)} |" if with_status else ""
            rows.append(f"| [{number}](../van-ban/{doc.id}.md#{a.task.anchor}) | {md(summary(a.task.text))} | "
                        f"{roles.get(a.role, a.role)} | {md(a.name)} | "
                        f"{status_view.deadline_cell(a.task, display_date(a.task.deadline))} |{state}")
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


# --- the task tracker ------------------------------------------------------------------------


def summary(text: str, limit: int = 110) -> str:
    """The first sentence, cut at a word when it is long."""
    first = re.split(r"(?<=[.;!?])\s", " ".join(text.split()), maxsplit=1)[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


TRACKER_ROWS = 1500  # tasks on one tracker page: beyond this, one page per year, cut into pages of this size
TRACKER_INTRO = ("Bấm vào tiêu đề cột để sắp xếp; dùng các ô lọc để chọn theo địa phương, năm, cơ quan, thời hạn "
                 "và tình trạng (theo báo cáo của cơ quan theo dõi; quá hạn là chưa hoàn thành mà thời hạn đã qua, "
                 "tính theo ngày trên máy của bạn). Bộ lọc nằm trong địa chỉ của trang. Không cần kết nối mạng.")


def _tracker_rows(docs: list[Document], links: Links) -> list[tuple[str | None, str]]:
    """(year, table row) of every task, newest document first."""
    rows = []
    for doc in sorted(docs, key=sort_key, reverse=True):
        for t in doc.facts.tasks:
            def names(*roles: str, task=t, doc=doc) -> str:
                return "; ".join(
                    f"[{md(a.name)}](../co-quan/{links.body_of[(doc.id, a.name)]}.md)"
                    if (doc.id, a.name) in links.body_of else md(a.name)
                    for a in task.assignees if a.role in roles)

            rows.append((year_of(doc), (
                f"| [{md(doc.facts.number or doc.facts.type or 'Văn bản')}](../van-ban/{doc.id}.md) | "
                f"[{md(t.number or '—')}](../van-ban/{doc.id}.md#{t.anchor}) | {md(summary(t.text))} | "
                f"{names('chủ trì', 'thực hiện')} | {names('phối hợp')} | "
                f"{status_view.deadline_cell(t, display_date(t.deadline))} | "
                f"{status_view.tracker_state(t, dashboard.lead_kinds(doc, t, links))} | "
                f"{md(doc.facts.locality)} | {year_of(doc) or ''} |")))
    return rows


def _tracker_table(title: str, intro: str, rows: list[str]) -> str:
    # the mark in the first heading lets the stylesheet and theo-doi.js find the table: a wrapper
    # <div markdown="1"> would cost md_in_html a third of the whole Markdown conversion
    head = ['| <span class="vb-tracker-mark">Văn bản</span> | Số | Nội dung | Chủ trì / thực hiện | Phối hợp '
            '| Thời hạn | Tình trạng | Địa phương | Năm |',
            "|---|---|---|---|---|---|---|---|---|"]
    table = "\n".join(head + rows)
    return page(title, f"{intro}\n\n{table}", wide=True)


def tracker_pages(docs: list[Document], links: Links) -> dict[str, str]:
    """The task tracker: one table of every task; assets/theo-doi.js sorts and filters it in the browser.

    A large archive gets one page per year (of the document), each cut into pages of
    TRACKER_ROWS tasks, and an index of them: no page grows with the whole archive.
    """
    rows = _tracker_rows(docs, links)
    if len(rows) <= TRACKER_ROWS:
        return {"theo-doi/index.md": _tracker_table("Theo dõi nhiệm vụ", "Mọi nhiệm vụ trong kho lưu trữ. "
                                                    + TRACKER_INTRO, [r for _, r in rows])}
    by_year: dict[str, list[str]] = defaultdict(list)
    for year, row in rows:
        by_year[year or "chua-ro"].append(row)
    pages: dict[str, str] = {}
    listing = []
    order = sorted((y for y in by_year if y != "chua-ro"), reverse=True) + [y for y in by_year if y == "chua-ro"]
    for year in order:  # newest first, undated last
        chunks = [by_year[year][k : k + TRACKER_ROWS] for k in range(0, len(by_year[year]), TRACKER_ROWS)]
        label = "Chưa rõ năm" if year == "chua-ro" else f"Năm {year}"
        links_md = []
        for k, chunk in enumerate(chunks, 1):
            slug = year if k == 1 else f"{year}-{k}"
            part = f" (trang {k}/{len(chunks)})" if len(chunks) > 1 else ""
            pages[f"theo-doi/{slug}.md"] = _tracker_table(
                f"Theo dõi nhiệm vụ: {label.lower()}{part}", f"Nhiệm vụ của các văn bản {label.lower()}. "
                + TRACKER_INTRO, chunk)
            links_md.append(f"[trang {k}]({slug}.md)" if len(chunks) > 1 else f"[{len(chunk)} nhiệm vụ]({slug}.md)")
        listing.append(f"- **{label}** ({len(by_year[year])} nhiệm vụ): " + " · ".join(links_md))
    pages["theo-doi/index.md"] = page("Theo dõi nhiệm vụ", f"Mọi nhiệm vụ trong kho lưu trữ ({len(rows)}), theo năm "
                                      "của văn bản.\n\n" + "\n".join(listing))
    return pages


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


def write_archive_pages(docs: list[Document], links: Links, docs_dir: Path) -> list[Path]:
    pages: dict[str, str] = {
        "dan-chieu/index.md": cited_index(links.cited),
        "co-quan/index.md": bodies_index(links.bodies),
        "thuat-ngu/index.md": glossary_page(),
    }
    pages.update({f"dan-chieu/{c.id}.md": cited_page(c) for c in links.cited.values()})
    pages.update({f"co-quan/{b.id}.md": body_page(b) for b in links.bodies.values()})
    pages.update(facet_pages(docs))
    pages.update(tracker_pages(docs, links))
    pages.update(dashboard.dashboard_pages(docs, links))
    written = []
    for rel, text in sorted(pages.items()):
        path = docs_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
