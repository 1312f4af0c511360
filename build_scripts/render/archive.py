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

from .. import bodies
from ..bodies import glossary
from ..model import (
    Assignment,
    Body,
    BodyGroup,
    BodyKind,
    CitedDocument,
    Document,
    Links,
    Reference,
    Task,
    sort_key,
    year_of,
)
from ..places import locality_key
from ..places import province_of as _province_of
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


def page(title: str, body: str, description: str = "", wide: bool = False, crumb: str = "") -> str:
    head = f"---\ntitle: {_yaml_str(title)}\n" + (f"description: {_yaml_str(description)}\n" if description else "")
    if wide:  # a wide table needs the sidebars' room
        head += "hide:\n  - navigation\n  - toc\n"
    return f"{head}---\n\n{crumb + chr(10) * 2 if crumb else ''}# {md(title)}\n\n{body.strip()}\n"


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

KIND_ROWS = 1500  # tasks a kind's page lists in full; beyond this, its bodies' pages list them


def body_title(b: Body | BodyGroup) -> str:
    return b.name


def link_title(text: str) -> str:
    """A link's tooltip ("UBND thành phố" -> the body's full name): no character that ends or escapes it."""
    return re.sub(r'["\\<>\[\]()]', "", text)


def body_link(name: str, page: Body | BodyGroup | None, page_id: str | None, root: str = "../") -> str:
    """A name as the text writes it, linked to its body's page, with the body's full name as tooltip."""
    if not page_id:
        return md(name)
    title = f' "{link_title(page.name)}"' if page is not None and page.name != name else ""
    return f"[{md(name)}]({root}co-quan/{page_id}.md{title})"


def deadline_cell(task: Task) -> str:
    """The deadline as every page shows it ("quý I/2024", "tháng 11/2023", "15/01/2024"), with its ISO value."""
    if not task.deadline:
        return ""
    shown = display_deadline(task.deadline, task.deadline_text)
    return f'<span class="vb-deadline" data-iso="{task.deadline}">{shown}</span>'


def _deadline_counts(assignments: list[Assignment]) -> tuple[int, int, int]:
    """(tasks, with a deadline, without one), each task once."""
    tasks = {(a.doc.id, a.task.id): a.task for a in assignments}
    dated = sum(1 for t in tasks.values() if t.deadline)
    return len(tasks), dated, len(tasks) - dated


def _counts_line(assignments: list[Assignment]) -> str:
    total, dated, undated = _deadline_counts(assignments)
    return f"**{total}** nhiệm vụ: **{dated}** có thời hạn, **{undated}** không ghi thời hạn."


def _tasks_by_document(assignments: list[Assignment], level: str = "##") -> list[str]:
    """Headed by document, newest first: each task's number (linked to the text), summary, role, deadline."""
    by_doc: dict[str, list[Assignment]] = defaultdict(list)
    docs: dict[str, Document] = {}
    for a in assignments:
        by_doc[a.doc.id].append(a)
        docs[a.doc.id] = a.doc
    out = []
    for doc in sorted(docs.values(), key=sort_key, reverse=True):
        date = display_date(doc.facts.meeting_date or doc.facts.issued_date)
        where = " · ".join(md(x) for x in (date, doc.facts.locality) if x)
        out.append(f"{level} {md(doc.facts.title)}\n\n{where + ' · ' if where else ''}"
                   f"[Xem văn bản](../van-ban/{doc.id}.md)")
        rows = ["| Số | Nội dung | Vai trò | Tên trong văn bản | Thời hạn |", "|---|---|---|---|---|"]
        for a in by_doc[doc.id]:
            number = md(a.task.number or "—")
            rows.append(f"| [{number}](../van-ban/{doc.id}.md#{a.task.anchor}) | {md(summary(a.task.text))} | "
                        f"{a.role} | {md(a.name)} | {deadline_cell(a.task)} |")
        out.append("\n".join(rows))
    return out


def _in_tracker(page_id: str, what: str) -> str:
    """Links to the tracker filtered to a body (or every body of a kind): its tasks, and those overdue."""
    return (f"Trong bảng theo dõi: [mọi nhiệm vụ của {what}]({tracker_link(page_id)}) · "
            f"[các nhiệm vụ đã quá hạn]({tracker_link(page_id, 'qua-han')}).")


def _crumbs(*parts: str) -> str:
    return " › ".join(("[Cơ quan được giao việc](index.md)", *parts)) + "\n{: .vb-breadcrumb }"


def body_page(b: Body, kinds: dict[str, BodyKind], groups: list[BodyGroup] = ()) -> str:
    kind = kinds.get(b.kind_id or "")
    crumbs = [md(b.category)] + ([f"[{md(kind.name)}]({kind.id}.md)"] if kind else [])
    out = []
    if kind:
        out.append(f"Nhiệm vụ được giao cho **{md(b.name)}**, theo văn bản, mới nhất trước. Loại cơ quan: "
                   f"[{md(kind.name)}]({kind.id}.md) (mọi địa phương).")
    else:
        out.append(f"Nhiệm vụ được giao cho **{md(b.name)}**, theo văn bản, mới nhất trước. Tên này chưa có trong "
                   "danh mục cơ quan của kho nên được giữ đúng như văn bản viết.")
    out.append(_counts_line(b.assignments))
    out.append("Tên trong văn bản: " + " · ".join(f"“{md(n)}”" for n in b.names) + ".")
    if groups:
        out.append("Cũng được giao việc qua tên gọi chung: "
                   + " · ".join(f"[{md(g.name)}]({g.id}.md)" for g in groups) + ".")
    out.append(_in_tracker(b.id, "cơ quan này"))
    if any(a.task.deadline for a in b.assignments):
        out.append(f"Theo dõi thời hạn trong ứng dụng lịch: [lịch thời hạn của cơ quan này (iCalendar)]"
                   f"(../data/co-quan/{b.id}.ics).")
    out += _tasks_by_document(b.assignments)
    return page(body_title(b), "\n\n".join(out), f"Nhiệm vụ của {body_title(b)}", crumb=_crumbs(*crumbs))


def group_page(g: BodyGroup) -> str:
    members = " · ".join(f"[{md(m.name)}]({m.id}.md)" for m in g.members)
    out = [f"**{md(g.name)}** là tên gọi chung của nhiều cơ quan: nhiệm vụ giao cho tên này được ghi cho từng "
           f"cơ quan: {members}.",
           _counts_line(g.assignments),
           "Tên trong văn bản: " + " · ".join(f"“{md(n)}”" for n in dict.fromkeys(
               n for a in g.assignments for n in a.name.split("; "))) + "."]
    out += _tasks_by_document(g.assignments)
    return page(g.name, "\n\n".join(out), f"Nhiệm vụ giao chung cho {g.name}", crumb=_crumbs(md(g.category)))


def kind_page(kind: BodyKind) -> str:
    """Every body of one kind across the archive: counts by locality, then every task by locality and document."""
    assignments = [a for b in kind.bodies for a in b.assignments]
    bodies = sorted(kind.bodies, key=lambda b: (locality_key(b.locality), fold(b.scope).casefold()))
    out = []
    names = [n for n in (*kind.abbr, *kind.aliases) if n != kind.name]
    if names:
        out.append("Cũng được viết: " + ", ".join(f"“{md(n)}”" for n in names[:8]) + ".")
    if not kind.known:
        out.append("Loại này chưa có trong danh mục cơ quan của kho: nó được đặt theo tên cơ quan trong văn bản.")
    out.append(f"{len(bodies)} cơ quan ở {len({b.locality for b in bodies})} địa phương. " + _counts_line(assignments))
    out.append(_in_tracker(kind.id, "loại cơ quan này, ở mọi địa phương"))
    rows = ["| Cơ quan | Địa phương | Nhiệm vụ | Có thời hạn | Không ghi thời hạn |", "|---|---|---|---:|---:|"]
    for b in bodies:
        total, dated, undated = _deadline_counts(b.assignments)
        rows.append(f"| [{md(b.name)}]({b.id}.md) | {md(b.locality or NO_LOCALITY)} | {total} | {dated} | {undated} |")
    out.append("## Theo địa phương { #theo-dia-phuong }\n\n" + "\n".join(rows))
    if len(assignments) > KIND_ROWS:
        out.append("Loại cơ quan này có quá nhiều nhiệm vụ để liệt kê trên một trang: "
                   "xem trang của từng cơ quan ở trên.")
    else:
        for b in bodies:
            out.append(f"## [{md(b.name)}]({b.id}.md)")
            out += _tasks_by_document(b.assignments, "###")
    return page(kind.name, "\n\n".join(out), f"Nhiệm vụ của {kind.name} ở mọi địa phương",
                crumb=_crumbs(md(kind.category)))


def bodies_index(links: Links) -> str:
    """By category, then kind; each body once, by its locality and level."""
    by_category: dict[str, list] = defaultdict(list)
    for kind in links.kinds.values():
        by_category[kind.category].append(kind)
    loose: dict[str, list[Body]] = defaultdict(list)
    for b in links.bodies.values():
        if b.kind_id is None:
            loose[b.category].append(b)
    order = [c for c in bodies.categories() if c in by_category or c in loose]
    out = ["Các cơ quan, tổ chức được giao nhiệm vụ, theo nhóm và loại. Một loại cơ quan (như Ủy ban nhân dân) có "
           "một trang gom mọi địa phương; mỗi cơ quan ở một địa phương có trang riêng. Các cách viết khác nhau "
           "(“UBND”, “Ủy ban nhân dân”, “Uỷ ban”) được gộp về một tên.",
           f"{len(links.kinds)} loại, {len(links.bodies)} cơ quan."]
    for category in order:
        out.append(f"## {md(category)}")
        items = []
        for kind in sorted(by_category[category], key=lambda k: fold(k.name).casefold()):
            members = sorted(kind.bodies, key=lambda b: (locality_key(b.locality), fold(b.scope).casefold()))
            total = len({(a.doc.id, a.task.id) for b in members for a in b.assignments})
            places = " · ".join(f"[{md(b.scope)}]({b.id}.md) ({len(b.assignments)})" for b in members)
            items.append(f"- **[{md(kind.name)}]({kind.id}.md)** ({total} nhiệm vụ): {places}")
        for b in sorted(loose[category], key=lambda b: (fold(b.name).casefold(), b.id)):
            items.append(f"- [{md(b.name)}]({b.id}.md) ({len(b.assignments)} nhiệm vụ)")
        out.append("\n".join(items))
    if links.groups:
        out.append("## Tên gọi chung của nhiều cơ quan { #ten-goi-chung }")
        out.append("Nhiệm vụ giao cho các tên này được ghi cho từng cơ quan trong nhóm.\n\n" + "\n".join(
            f"- [{md(g.name)}]({g.id}.md) ({len(g.assignments)} nhiệm vụ)"
            for g in sorted(links.groups.values(), key=lambda g: (fold(g.name).casefold(), g.id))))
    return page("Cơ quan được giao nhiệm vụ", "\n\n".join(out))


def body_pages(links: Links) -> dict[str, str]:
    """path -> Markdown: the index, a page per kind, per body and per group."""
    member_of: dict[str, list[BodyGroup]] = defaultdict(list)
    for g in links.groups.values():
        for m in g.members:
            member_of[m.id].append(g)
    pages = {"co-quan/index.md": bodies_index(links)}
    pages.update({f"co-quan/{k.id}.md": kind_page(k) for k in links.kinds.values()})
    pages.update({f"co-quan/{b.id}.md": body_page(b, links.kinds, member_of[b.id]) for b in links.bodies.values()})
    pages.update({f"co-quan/{g.id}.md": group_page(g) for g in links.groups.values()})
    return pages


# --- browse pages --------------------------------------------------------------------------


@dataclass(frozen=True)
class Facet:
    folder: str
    title: str
    label: Callable[[Document, Links | None], str | None]


def _issuer_label(d: Document, links: Links | None) -> str | None:
    """The issuing body by its one name ("Thành ủy Đà Lạt" for its Ban Thường vụ and its Thường trực alike)."""
    issuer = links.issuers.get(d.id) if links else None
    if issuer is not None and issuer.kind:
        return issuer.name
    return f"{d.facts.issuer} ({d.facts.locality})" if d.facts.issuer and d.facts.locality else d.facts.issuer


FACETS = (
    Facet("dia-phuong", "Địa phương", lambda d, _links: d.facts.locality),
    Facet("nam", "Năm", lambda d, _links: year_of(d)),
    Facet("loai", "Loại văn bản", lambda d, _links: d.facts.type),
    Facet("ban-hanh", "Cơ quan ban hành", _issuer_label),
)


def facet_slug(value: str | None) -> str:
    return slugify(value or "chua-ro", fallback="chua-ro")


def province_of(doc: Document) -> str:
    return doc.facts.province or _province_of(doc.facts.locality) or "Chưa rõ tỉnh"


def _bodies_here(found: list[Body]) -> str:
    """A locality's page: the bodies filed under it, each linked to its page."""
    if not found:
        return ""
    items = sorted(found, key=lambda b: (bodies.categories().index(b.category) if b.category in bodies.categories()
                                         else len(bodies.categories()), fold(b.name).casefold(), b.id))
    return ("\n\n## Cơ quan được giao nhiệm vụ { #co-quan }\n\n"
            + " · ".join(f"[{md(b.name)}](../co-quan/{b.id}.md) ({len(b.assignments)})" for b in items))


def facet_pages(docs: list[Document], links: Links | None = None) -> dict[str, str]:
    """path -> Markdown for each facet's index and value pages."""
    pages: dict[str, str] = {}
    here: dict[str, list[Body]] = defaultdict(list)
    for b in (links.bodies.values() if links else ()):
        here[b.locality or "Chưa rõ"].append(b)
    for facet in FACETS:
        groups: dict[str, list[Document]] = defaultdict(list)
        for d in docs:
            groups[facet.label(d, links) or "Chưa rõ"].append(d)
        for value, members in groups.items():
            extra = _bodies_here(here.get(value, [])) if facet.folder == "dia-phuong" else ""
            pages[f"{facet.folder}/{facet_slug(value)}.md"] = page(
                f"{facet.title}: {value}", docs_table(members) + extra, f"Văn bản theo {facet.title.lower()}: {value}")
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


def glossary_page(links: Links | None = None) -> str:
    """Every abbreviation of the data file; a body's links to the page of its kind, when the archive has one."""
    kinds = {k.name: k for k in links.kinds.values()} if links else {}
    rows = ["| Viết tắt | Nghĩa |", "|---|---|"]
    for abbr, meaning in sorted(glossary().items(), key=lambda kv: fold(kv[0]).casefold()):
        kind = kinds.get(meaning)
        rows.append(f"| {md(abbr)} | {f'[{md(meaning)}](../co-quan/{kind.id}.md)' if kind else md(meaning)} |")
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
        "thuat-ngu/index.md": glossary_page(links),
    }
    pages.update({f"dan-chieu/{c.id}.md": cited_page(c) for c in links.cited.values()})
    pages.update(body_pages(links))
    pages.update(facet_pages(docs, links))
    pages.update(tracker_pages(docs, links, directory_urls))
    written = []
    for rel, text in sorted(pages.items()):
        path = docs_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
