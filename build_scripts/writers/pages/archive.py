"""Archive-wide pages: cited documents, bodies, browse pages, the task tracker, the glossary.

Every page lists only what belongs to it, so the site grows linearly with the
archive. Links between generated pages are Markdown links to ``.md`` files, which
MkDocs rewrites for directory URLs online and for ``.html`` files offline.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from ... import files, raw_html
from ...knowledge import bodies
from ...knowledge.bodies import glossary
from ...knowledge.places import locality_key
from ...knowledge.places import province_of as _province_of
from ...model import (
    Assignment,
    Body,
    BodyGroup,
    BodyKind,
    CitedDocument,
    Document,
    Links,
    Reference,
    sort_key,
    statuses_key,
    year_of,
)
from ...vietnamese import display_count, display_date, fold, slugify
from .. import feeds
from . import dashboard
from . import status as status_view
from .markdown import CHUNK, alternation, escape, html_row, html_table, task_cards_html
from .tracker import all_lead_kinds, summary, tracker_link, tracker_pages

__all__ = ["summary"]  # the render stage's one summary of a task, used by the document pages too

FOLDERS = ("dan-chieu", "co-quan", "dia-phuong", "nam", "loai", "ban-hanh", "theo-doi", "thuat-ngu", "tinh-hinh")
NO_LOCALITY = "Chưa rõ địa phương"


def md(text: str | None) -> str:
    return escape(text or "")


def doc_link(doc: Document, root: str = "../", anchor: str = "") -> str:
    frag = f"#{anchor}" if anchor else ""
    return f"[{md(doc.facts.title)}]({root}van-ban/{doc.id}.md{frag})"


def page_url(rel: str, directory_urls: bool = True) -> str:
    """The address MkDocs gives a page of docs/: "co-quan/x.md" -> "co-quan/x/" (or "co-quan/x.html")."""
    stem = rel[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


@dataclass(frozen=True)
class Place:
    """Where a page is (its path under docs/), so that its links can be written for it: as Markdown, which
    MkDocs resolves, or as the address itself, for a raw HTML block (which Markdown and MkDocs leave alone:
    a listing's rows cost no inline parsing)."""
    rel: str
    directory_urls: bool = True

    @property
    def root(self) -> str:
        return "../" * self.rel.count("/")

    def url(self, target: str, anchor: str = "") -> str:
        """``target`` (a path under docs/, "van-ban/x.md") as a relative address from this page."""
        return with_anchor(_relative(page_url(self.rel, self.directory_urls), page_url(target, self.directory_urls)),
                           anchor)


def with_anchor(link: str, anchor: str) -> str:
    """A page's address (``Place.url``) at ``anchor``, if any: a listing of one page's anchors makes the page's
    address once."""
    return link + (f"#{html.escape(anchor)}" if anchor else "")


def _relative(here: str, there: str) -> str:
    """The address ``there`` relative to the page at ``here`` (both as ``page_url`` gives them), escaped for
    HTML."""
    base = here.rsplit("/", 1)[0] if "/" in here else ""
    link = _relpath(there or ".", base or ".")
    if there.endswith("/") or not there:
        link = "./" if link == "." else link + "/"
    return html.escape(link)


@lru_cache(maxsize=1 << 12)
def _parts(start: str) -> tuple[str, ...] | None:
    """A folder's parts, split once for the many links a listing makes from one page; None when it is not a plain
    relative path (``posixpath.relpath`` then works it out)."""
    parts = tuple(c for c in start.split("/") if c)
    return None if start.startswith("/") or "." in parts or ".." in parts else parts


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for two relative paths: the same answer without making both absolute (a listing
    makes tens of thousands of links, and that was a sixth of writing the pages)."""
    at = _parts(start)
    to = [c for c in path.split("/") if c]
    if at is None or path.startswith("/") or "." in to or ".." in to:
        return posixpath.relpath(path, start)
    common = 0
    for a, b in zip(to, at, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


def link_html(text: str, href: str, title: str = "") -> str:
    """A link of a raw HTML block (``href`` from ``Place.url``); ``text`` and ``title`` are escaped here."""
    tip = f' title="{html.escape(title)}"' if title else ""
    return f'<a href="{href}"{tip}>{esc(text)}</a>'


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=False)


DOCS_COLUMNS = (("date", "Ngày"), ("title", "Văn bản"), ("locality", "Địa phương"), ("type", "Loại"),
                ("tasks", "Nhiệm vụ"))


def docs_head(omit: str | None = None) -> list[str]:
    """A document listing's headings (``docs_rows``, the same ``omit``). The first carries the mark that the
    stylesheet turns the table into a card per document by, on a phone (luu-tru.css)."""
    heads = [head for key, head in DOCS_COLUMNS if key != omit]
    heads[0] = f'<span class="vb-docs-mark">{heads[0]}</span>'
    return heads


def docs_rows(docs: list[Document], omit: str | None = None) -> list[Callable[[Place], str]]:
    """A row per document, newest first, each made for the page it lands on; without the column ``omit`` (a
    listing of one locality says its locality once, in its title). Each cell names its column (``vb-d-<key>``):
    a phone shows a row as a card, its title first."""
    keys = [key for key, _head in DOCS_COLUMNS if key != omit]

    def row(d: Document) -> Callable[[Place], str]:
        cells = {"date": display_date(d.facts.meeting_date or d.facts.issued_date), "locality": esc(d.facts.locality),
                 "type": esc(d.facts.type), "tasks": display_count(len(d.facts.tasks))}

        def made(at: Place) -> str:
            shown = {**cells, "title": link_html(d.facts.title, at.url(f"van-ban/{d.id}.md"))}
            return "<tr>\n" + "".join(f'<td class="vb-d-{k}">{shown[k]}</td>\n' for k in keys) + "</tr>"
        return made
    return [row(d) for d in sorted(docs, key=sort_key, reverse=True)]


# --- listings that grow with the archive: pages of at most PAGE_BYTES ----------------------------

PAGE_BYTES = 60_000  # of Markdown on one page of a listing: about 150 kB of HTML with the theme's frame
PAGE_DIR = "trang-{}.md"  # page n (from 2) of "<folder>/<name>.md" is "<folder>/<name>/trang-<n>.md"


@dataclass(frozen=True)
class Part:
    """One page of a listing: its number, how many there are, and the way up to the site from it."""
    number: int
    count: int
    at: Place
    name: str  # the listing's first page's file name, without ".md"

    def link(self, n: int) -> str:
        if n == self.number:
            return ""
        if self.number == 1:
            return f"{self.name}/{PAGE_DIR.format(n)}"
        return f"../{self.name}.md" if n == 1 else PAGE_DIR.format(n)

    def pager(self) -> str:
        """"Trang: 1 · 2 · 3 · Trang sau ›", on each page of a listing of more than one."""
        if self.count == 1:
            return ""
        items = [f"**{n}**" if n == self.number else f"[{n}]({self.link(n)})" for n in range(1, self.count + 1)]
        if self.number > 1:
            items.insert(0, f"[‹ Trang trước]({self.link(self.number - 1)})")
        if self.number < self.count:
            items.append(f"[Trang sau ›]({self.link(self.number + 1)})")
        return ("Trang: " + " · ".join(items)
                + '\n{: .vb-pager role="navigation" aria-label="Các trang của danh sách" }')


def paged(rel: str, blocks: list[Callable[[Place], str]], frame: Callable[[Part, str], str],
          joiner: str = "\n\n", directory_urls: bool = True) -> dict[str, str]:
    """path -> Markdown: ``rel`` for the first page (its address never moves), ``<name>/trang-<n>.md`` after it.

    ``blocks`` are made for the page they land on; ``frame`` wraps each page's blocks. A page holds blocks up
    to PAGE_BYTES, so no page grows with the archive.
    """
    folder, name = rel[:-3].rsplit("/", 1)
    first_place = Place(rel, directory_urls)
    first = [b(first_place) for b in blocks]
    groups = _page_groups(first, joiner)
    out = {}
    for n, members in enumerate(groups, 1):
        path = rel if n == 1 else f"{folder}/{name}/{PAGE_DIR.format(n)}"
        part = Part(n, len(groups), Place(path, directory_urls), name)
        body = joiner.join(first[i] if n == 1 else blocks[i](part.at) for i in members)
        out[path] = frame(part, body)
    return out


def _page_groups(texts: list[str], joiner: str) -> list[list[int]]:
    """Which blocks go on which page: blocks in order, up to PAGE_BYTES a page."""
    return _groups_of([_grows(text, joiner) for text in texts])


def _grows(text: str, joiner: str) -> int:
    """What a block adds to its page's bytes (its raw HTML's marks aside)."""
    return len(text.encode("utf-8")) - raw_html.marks_size(text) + len(joiner)


def _groups_of(sizes: list[int]) -> list[list[int]]:
    groups: list[list[int]] = [[]]
    used = 0
    for i, grow in enumerate(sizes):
        if groups[-1] and used + grow > PAGE_BYTES:
            groups.append([])
            used = 0
        groups[-1].append(i)
        used += grow
    return groups


def page_count(rel: str, blocks: list[tuple[str, Callable[[Place], str]]], joiner: str = "\n\n",
               memo: files.Memo | None = None) -> int:
    """How many pages ``paged`` makes of ``blocks`` (each with everything it is made of): a listing now shown
    shorter still answers at each address it had (``moved_pages``). Counting takes every block's size, for a
    listing no page shows: ``memo`` keeps the count and each block's size between builds, in one file a listing,
    so that a rebuild makes again only the blocks of the documents that changed (a body given one more task made
    its whole listing again: ~0.1 s of an add at 1,000 texts)."""
    first_place = Place(rel)
    if memo is None or memo.folder is None:
        return len(_groups_of([_grows(b(first_place), joiner) for _, b in blocks]))
    with memo.group(("page count", rel, joiner)) as group:
        def size(inputs: str, block: Callable[[Place], str]) -> int:
            return int(group.text(("size", inputs), lambda: str(_grows(block(first_place), joiner))))

        def count() -> str:
            return str(len(_groups_of([size(inputs, block) for inputs, block in blocks])))
        return int(group.text(("count", *(inputs for inputs, _ in blocks)), count))


def source_inputs(doc: Document) -> str:
    """What a document's model is made of, as the page memo keys it (``render_document``): its source as read
    (name, SHA-256) and its page id; the build code is the memo's salt."""
    return f"{doc.source.name}\0{doc.source.sha256}\0{doc.id}"


def kept_pages(memo: files.Memo | None, inputs: Iterable[str], make: Callable[[], dict[str, str]],
               written: files.Written | None = None) -> dict[str, str]:
    """A listing's pages (path -> text), kept whole by ``memo`` under ``inputs``, everything they are made of: a
    rebuild makes again only the listings that a changed document (or status) reaches. A listing whose files
    ``written`` says are on disk as made is not read again: its texts are ``files.UNCHANGED``."""
    if memo is None or memo.folder is None:
        return make()
    layout = repr((PAGE_BYTES, GROUP_ROWS, BODY_TASKS_SHOWN, CITED_PASSAGES_SHOWN))  # the code's, as it runs
    parts = (layout, *inputs)

    def kept() -> dict[str, str]:
        return json.loads(memo.text(parts, lambda: json.dumps(make(), ensure_ascii=False)))
    return written.group(memo.key(("listing written", *parts)), kept) if written is not None else kept()


def assignment_inputs(assignments: list[Assignment]) -> Iterator[str]:
    """What a body's (or group's) listing takes of each of its assignments: the document as read and its tasks'
    statuses in the office's file (made once a document), the task, the role and the name as written."""
    docs: dict[int, str] = {}

    def of(doc: Document) -> str:
        made = docs.get(id(doc))
        if made is None:
            made = docs[id(doc)] = f"{source_inputs(doc)}\0{statuses_key(doc)}"
        return made

    return (f"{of(a.doc)}\0{a.task.id}\0{a.role}\0{a.name}" for a in assignments)


# A static page for an address a listing's further page had, now gone: no theme, no script, a meta refresh and
# a link, relative, so that it works from file:// in the bundle too.
MOVED = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<link rel="canonical" href="{href}">
<meta http-equiv="refresh" content="0; url={href}">
<style>body{{font:1.1rem/1.6 system-ui,sans-serif;margin:2rem auto;max-width:36rem;padding:0 1rem}}</style>
</head>
<body>
<p>{message} Trình duyệt sẽ tự chuyển tới; nếu không, hãy <a href="{href}">{link}</a>.</p>
</body>
</html>
"""


def moved_pages(rel: str, pages: range, target: str, query: str, message: str, link: str,
                directory_urls: bool = True) -> dict[str, str]:
    """path (under docs/) -> a redirect page, for each further page ``pages`` of the listing ``rel`` that is
    no more: to ``target`` (a path under docs/) with ``query``, so that an address once published answers."""
    folder, name = rel[:-3].rsplit("/", 1)
    out = {}
    for n in pages:
        at = Place(f"{folder}/{name}/{PAGE_DIR.format(n)}", directory_urls)
        path = f"{folder}/{name}/trang-{n}/index.html" if directory_urls else f"{folder}/{name}/trang-{n}.html"
        href = at.url(target) + (f"?{html.escape(query)}" if query else "")
        out[path] = MOVED.format(title="Trang này đã chuyển", href=href, message=html.escape(message),
                                 link=html.escape(link))
    return out


def with_pager(part: Part, body: str) -> str:
    pager = part.pager()
    return f"{pager}\n\n{body}\n\n{pager}" if pager else body


def part_title(title: str, part: Part) -> str:
    return title if part.number == 1 else f"{title} (trang {part.number}/{part.count})"


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


GROUP_ROWS = 100  # entries of one group in one block of an index: no block outgrows a page


def grouped(groups: list[tuple], wrap: Callable[[str], str], level: str = "##") -> list[Callable[[Place], str]]:
    """An index's blocks from (heading, entries[, note]): each group's heading (and note) and its entries,
    GROUP_ROWS at most a block (a group that goes on is headed again with the entries it holds, "(tiếp,
    101–200)": two such blocks may share a page, and the table of contents tells them apart), so that the
    index can be paged like any listing."""
    blocks: list[Callable[[Place], str]] = []
    for title, entries, *note in groups:
        for start in range(0, len(entries), GROUP_ROWS):
            chunk = entries[start:start + GROUP_ROWS]
            more = f" (tiếp, {start + 1}–{start + len(chunk)})" if start else ""
            head = f"{level} {title}{more}\n\n" if title else ""
            head += f"{note[0]}\n\n" if note and not start else ""
            blocks.append(lambda at, head=head, chunk=chunk: head + wrap("\n".join(e(at) for e in chunk)))
    return blocks


def html_list(items: str) -> str:
    return raw_html.mark(f"<ul>\n{items}\n</ul>")


def value_item(label: str, target: str, count: str, parts: int = 1) -> Callable[[Place], str]:
    """"<li><a>Đà Lạt</a> (12)</li>": an index's entry; a listing of several pages links each of them, so that
    every document stays within three clicks of the home page."""
    return lambda at: f"<li>{link_html(label, at.url(target))} ({count}{each_page(at, target, parts)})</li>"


def each_page(at: Place, target: str, parts: int) -> str:
    """"; trang 1 · 2 · 3": a link to each page of a listing of several, from an index."""
    if parts < 2:
        return ""
    return "; trang " + " · ".join(
        link_html(str(n), at.url(target if n == 1 else f"{target[:-3]}/{PAGE_DIR.format(n)}"))
        for n in range(1, parts + 1))


def page_counts(pages: dict[str, str]) -> Counter[str]:
    """How many pages each listing has, by its first page's path."""
    counts: Counter[str] = Counter()
    for path in pages:
        first, _, rest = path.rpartition("/trang-")
        counts[f"{first}.md" if first and rest.endswith(".md") else path] += 1
    return counts


def index_page(rel: str, title: str, intro: list[str], blocks: list[Callable[[Place], str]],
               directory_urls: bool = True) -> dict[str, str]:
    """An index of the archive's values (localities, issuers, bodies, cited documents ...), paged as it grows."""
    return _listing(rel, title, intro, blocks, "", directory_urls=directory_urls)


# --- cited documents -------------------------------------------------------------------


def cited_label(c: CitedDocument | Reference) -> str:
    """"Nghị quyết số 08-NQ/ThU ngày 13/12/2022 của Thành ủy Đà Lạt"."""
    words = [c.kind or "Văn bản", "số", c.symbol]
    if c.date:
        words += ["ngày", display_date(c.date)]
    if c.issuer:
        words += ["của", c.issuer]
    return " ".join(words)


CITED_PASSAGES_SHOWN = 20  # citing documents shown with their passages on a cited document's page; older, a line each


def cited_pages(c: CitedDocument, rel: str, directory_urls: bool = True,
                memo: files.Memo | None = None, written: files.Written | None = None) -> dict[str, str]:
    """What is known of a cited document, then every citing document, newest first, paged (``memo`` keeps them
    under what they are made of, ``kept_pages``)."""
    inputs = ("cited pages", rel, repr((c.id, c.symbol, c.kind, c.date, c.issuer)),
              source_inputs(c.archived) if c.archived is not None else "", f"urls {directory_urls}",
              *(f"{source_inputs(x.doc)}\0{(x.task, x.anchor, x.passage)!r}" for x in c.citations))
    return kept_pages(memo, inputs, lambda: _cited_pages(c, rel, directory_urls, memo), written)


def _cited_pages(c: CitedDocument, rel: str, directory_urls: bool, memo: files.Memo | None) -> dict[str, str]:
    facts = [
        ("Loại văn bản", c.kind), ("Số, ký hiệu", c.symbol), ("Ngày ban hành", display_date(c.date) or None),
        ("Cơ quan ban hành", c.issuer),
    ]
    lines = [f"- **{label}:** {md(value) if value else '*không rõ*'}" for label, value in facts]
    if c.archived is not None:
        lines.append(f"- **Trong kho lưu trữ:** {doc_link(c.archived)}")
    heading = f"## Được dẫn chiếu bởi {display_count(len(c.citing_documents))} văn bản {{ #duoc-dan-chieu-boi }}"
    by_doc: dict[str, list] = defaultdict(list)
    for citing in c.citations:
        by_doc[citing.doc.id].append(citing)

    def block(doc: Document) -> Callable[[Place], str]:
        date = display_date(doc.facts.meeting_date or doc.facts.issued_date)

        def text(at: Place) -> str:
            items = []
            for citing in by_doc[doc.id]:
                where = f"nhiệm vụ {citing.task}" if citing.task else "đoạn dẫn chiếu"
                link = link_html(where, at.url(f"van-ban/{doc.id}.md", citing.anchor)) if citing.anchor else esc(where)
                items.append(f"<li>{link}: {esc(citing.passage)}</li>" if citing.passage else f"<li>{link}</li>")
            return (f"### {md(doc.facts.title)}\n\n{md(date)} · {md(doc.facts.locality or '')} · "
                    f"[Xem văn bản]({at.root}van-ban/{doc.id}.md)\n\n"
                    + raw_html.mark("<ul>\n" + "\n".join(items) + "\n</ul>"))
        return text

    def short(doc: Document) -> Callable[[Place], str]:
        date = display_date(doc.facts.meeting_date or doc.facts.issued_date)

        def text(at: Place) -> str:
            where = ", ".join(link_html(f"nhiệm vụ {citing.task}" if citing.task else "đoạn dẫn chiếu",
                                        at.url(f"van-ban/{doc.id}.md", citing.anchor))
                              for citing in by_doc[doc.id] if citing.anchor)
            return (f"<li>{link_html(doc.facts.title, at.url(f'van-ban/{doc.id}.md'))}"
                    f"{' (' + esc(date) + ')' if date else ''}{': ' + where if where else ''}</li>")
        return text

    def frame(part: Part, body: str) -> str:
        head = ["\n".join(lines), heading] if part.number == 1 else [
            f"Trang {part.number} của danh sách các văn bản dẫn chiếu [{md(c.symbol)}]({part.link(1)})."]
        return page(part_title(cited_label(c), part), "\n\n".join([*head, with_pager(part, body)]),
                    f"{c.symbol}: các văn bản trong kho dẫn chiếu")

    newest = sorted(c.citing_documents, key=sort_key, reverse=True)
    rest = newest[CITED_PASSAGES_SHOWN:]
    blocks = [block(d) for d in newest[:CITED_PASSAGES_SHOWN]]
    if rest:
        blocks += grouped([("Các văn bản dẫn chiếu khác", [short(d) for d in rest],
                            f"{display_count(len(rest))} văn bản cũ hơn, mỗi văn bản với chỗ nó dẫn chiếu "
                            f"{md(c.symbol)}; đoạn văn dẫn chiếu có trên trang của văn bản.")], html_list)
    pages = paged(rel, blocks, frame, directory_urls=directory_urls)
    had = page_count(rel, [(f"{source_inputs(d)}\0{[(x.task, x.anchor, x.passage) for x in by_doc[d.id]]!r}",
                            block(d)) for d in newest], memo=memo) if rest else 1
    return pages | moved_pages(rel, range(len(pages) + 1, had + 1), rel, "",
                               "Danh sách các văn bản dẫn chiếu nay ngắn hơn: xem trang đầu.",
                               "mở trang đầu của danh sách", directory_urls)


def cited_page(c: CitedDocument) -> str:
    """The first page of a cited document's listing."""
    return cited_pages(c, f"dan-chieu/{c.id}.md")[f"dan-chieu/{c.id}.md"]


def cited_index(cited: dict[str, CitedDocument], directory_urls: bool = True,
                parts: Counter[str] | None = None) -> dict[str, str]:
    groups: dict[str, list[CitedDocument]] = defaultdict(list)
    for c in cited.values():
        groups[c.kind or "Khác"].append(c)
    # the mark keeps a symbol ("05-CT/TW") on one line, on a phone too (luu-tru.css); the count aligned right
    heads = ['<span class="vb-cited-mark">Văn bản</span>', "Ngày", "Cơ quan ban hành", "Số văn bản dẫn chiếu"]

    def row(c: CitedDocument) -> Callable[[Place], str]:
        target = f"dan-chieu/{c.id}.md"
        count = (parts or {}).get(target, 1)
        return lambda at: html_row([link_html(c.symbol, at.url(target)) + each_page(at, target, count),
                                    display_date(c.date),
                                    esc(c.issuer), display_count(len(c.citing_documents))], right=1)

    def symbol_order(c: CitedDocument) -> tuple[str, str]:
        return fold(c.symbol).casefold(), c.id

    blocks = grouped([(md(kind), [row(c) for c in sorted(groups[kind], key=symbol_order)])
                      for kind in sorted(groups, key=lambda k: fold(k).casefold())],
                     lambda rows: html_table(heads, [rows], right=1))
    return index_page("dan-chieu/index.md", "Văn bản được dẫn chiếu",
                      ["Các văn bản được những văn bản trong kho dẫn chiếu, theo loại."], blocks, directory_urls)


# --- bodies ------------------------------------------------------------------------------



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


def _deadline_counts(assignments: list[Assignment]) -> tuple[int, int, int]:
    """(tasks, with a deadline, without one), each task once."""
    tasks = {(a.doc.id, a.task.id): a.task for a in assignments}
    dated = sum(1 for t in tasks.values() if t.deadline)
    return len(tasks), dated, len(tasks) - dated


def _counts_line(assignments: list[Assignment], page_id: str | None = None) -> str:
    """The tasks' deadlines, then their states as the office reports them (each a link to the tracker filtered
    to the body, group or kind ``page_id`` and that state)."""
    total, dated, undated = _deadline_counts(assignments)
    tasks = list({(a.doc.id, a.task.id): a.task for a in assignments}.values())
    link = (lambda state: tracker_link(page_id, status=state)) if page_id else None
    return (f"**{display_count(total)}** nhiệm vụ: **{display_count(dated)}** có thời hạn, "
            f"**{display_count(undated)}** không ghi thời hạn.\n\n"
            f"**Tình trạng** (theo báo cáo của cơ quan theo dõi): {status_view.counts_line(tasks, link)}\n"
            "{: .vb-state-counts }")


TASK_COLUMNS = [("number", "Số", ""), ("summary", "Nội dung", ""), ("role", "Vai trò", "Vai trò"),
                ("name", "Tên trong văn bản", "Tên trong văn bản"), ("deadline", "Thời hạn", "Thời hạn")]
STATUS_COLUMN = ("status", "Tình trạng", "Tình trạng")


def html_task_cards(columns: list[tuple[str, str, str]], rows: list[list[str]]) -> str:
    """``markdown.task_cards`` as the raw HTML Python-Markdown makes of it (a table on a wide screen, a card per
    task on a phone), so that a listing's rows cost no inline parsing; in tables of CHUNK rows."""
    return task_cards_html(columns, rows)


def _published_cards(columns: list[tuple[str, str, str]], rows: list[list[str]]) -> str:
    """``html_task_cards`` as it was when body pages listed every task: each non-empty cell with its card's label
    (``<span class="vb-label">``, now the stylesheet's). Only to count the pages those listings had."""
    heads = [head for _key, head, _label in columns]
    heads[0] = f'<span class="vb-tasks-mark">{heads[0]}</span>'
    lines = [html_row([f'<span class="vb-label vb-label--{key}">{label}:</span> {value}' if label and value
                       else value for (key, _head, label), value in zip(columns, row, strict=True)])
             for row in rows]
    return "\n\n".join(html_table(heads, lines[i : i + CHUNK]) for i in range(0, max(len(lines), 1), CHUNK))


def _tasks_by_document(assignments: list[Assignment], level: str = "##") -> list[tuple[str, Callable[[Place], str]]]:
    """Headed by document, newest first: each task's number (linked to the text), summary, role, deadline and
    state, in the task tables' markup as it was published (``_published_cards``). The listing a body's page had
    before it showed only its newest tasks: kept to count the further pages it had, whose addresses still answer
    (``_newest_tasks``); made as it was, so that the count stays what it was."""
    by_doc: dict[str, list[Assignment]] = defaultdict(list)
    docs: dict[str, Document] = {}
    for a in assignments:
        by_doc[a.doc.id].append(a)
        docs[a.doc.id] = a.doc
    with_status = any(a.task.status for a in assignments)
    columns = TASK_COLUMNS + ([STATUS_COLUMN] if with_status else [])

    def block(doc: Document) -> Callable[[Place], str]:
        date = display_date(doc.facts.meeting_date or doc.facts.issued_date)
        where = " · ".join(md(x) for x in (date, doc.facts.locality) if x)

        def text(at: Place) -> str:
            page = at.url(f"van-ban/{doc.id}.md")  # each task's link: the page's, at its anchor (``with_anchor``)
            rows = [[link_html(a.task.number or "—", with_anchor(page, a.task.anchor)),
                     esc(summary(a.task.text)), str(a.role), esc(a.name), status_view.deadline_cell(a.task)]
                    + ([status_view.state_cell(a.task.status)] if with_status else [])
                    for a in by_doc[doc.id]]
            return (f"{level} {md(doc.facts.title)}\n\n{where + ' · ' if where else ''}"
                    f"[Xem văn bản]({at.root}van-ban/{doc.id}.md)\n\n" + _published_cards(columns, rows))
        return text

    def inputs(doc: Document) -> str:  # everything its block is made of (``page_count``)
        return "\0".join([level, str(with_status), *assignment_inputs(by_doc[doc.id])])

    return [(inputs(doc), block(doc)) for doc in sorted(docs.values(), key=sort_key, reverse=True)]


NEWEST_COLUMNS = [("number", "Số", ""), ("summary", "Nội dung", ""), ("doc", "Văn bản", "Văn bản"),
                  ("role", "Vai trò", "Vai trò"), ("deadline", "Thời hạn", "Thời hạn")]


def _task_table(assignments: list[Assignment]) -> Callable[[Place], str]:
    """Tasks in one table, each with its document (number and date, linked), in the task tables' one markup
    (cards on a phone): a few tasks of many documents, without a heading per document."""
    with_status = any(a.task.status for a in assignments)
    columns = NEWEST_COLUMNS + ([STATUS_COLUMN] if with_status else [])

    def text(at: Place) -> str:
        rows = []
        for a in assignments:
            doc, page = a.doc, f"van-ban/{a.doc.id}.md"
            date = display_date(doc.facts.meeting_date or doc.facts.issued_date)
            name = ", ".join(x for x in (doc.facts.number or doc.facts.type or "Văn bản", date) if x)
            rows.append([link_html(a.task.number or "—", at.url(page, a.task.anchor)), esc(summary(a.task.text)),
                         link_html(name, at.url(page), doc.facts.title), str(a.role),
                         status_view.deadline_cell(a.task, raw_html=True)]
                        + ([status_view.state_cell(a.task.status)] if with_status else []))
        return html_task_cards(columns, rows)
    return text


def _in_tracker(page_id: str, what: str) -> str:
    """Links to the tracker filtered to a body (or every body of a kind): its tasks, and those overdue."""
    return (f"Trong bảng theo dõi: [mọi nhiệm vụ của {what}]({tracker_link(page_id)}) · "
            f"[các nhiệm vụ đã quá hạn]({tracker_link(page_id, 'qua-han')}).")


def _crumbs(*parts: str) -> str:
    return " › ".join(("[Cơ quan được giao việc](index.md)", *parts)) + "\n{: .vb-breadcrumb }"


def body_page(b: Body, kinds: dict[str, BodyKind], groups: list[BodyGroup] = (),
              directory_urls: bool = True, memo: files.Memo | None = None,
              written: files.Written | None = None) -> dict[str, str]:
    """path -> Markdown: the body's page, then its further pages when its tasks fill more than one (``memo``
    keeps them under what they are made of, ``kept_pages``)."""
    kind = kinds.get(b.kind_id or "")
    inputs = ("body page", b.id, b.name, b.category, repr((kind.id, kind.name) if kind else None),
              repr([(g.id, g.name) for g in groups]), f"urls {directory_urls}", *assignment_inputs(b.assignments))
    return kept_pages(memo, inputs, lambda: _body_page(b, kind, groups, directory_urls, memo), written)


def _body_page(b: Body, kind: BodyKind | None, groups: list[BodyGroup], directory_urls: bool,
               memo: files.Memo | None) -> dict[str, str]:
    crumbs = [md(b.category)] + ([f"[{md(kind.name)}]({kind.id}.md)"] if kind else [])
    out = []
    if kind:
        out.append(f"Nhiệm vụ được giao cho **{md(b.name)}**, theo văn bản, mới nhất trước. Loại cơ quan: "
                   f"[{md(kind.name)}]({kind.id}.md) (mọi địa phương).")
    else:
        out.append(f"Nhiệm vụ được giao cho **{md(b.name)}**, theo văn bản, mới nhất trước. Tên này chưa có trong "
                   "danh mục cơ quan của kho nên được giữ đúng như văn bản viết.")
    out.append(_counts_line(b.assignments, b.id))
    out.append("Tên trong văn bản: " + " · ".join(f"“{md(n)}”" for n in b.names) + ".")
    if groups:
        out.append("Cũng được giao việc qua tên gọi chung: "
                   + " · ".join(f"[{md(g.name)}]({g.id}.md)" for g in groups) + ".")
    out.append(_in_tracker(b.id, "cơ quan này"))
    if feeds.has_deadlines(b):  # the rule that writes its calendar (records.write_data): the link never 404s
        out.append(f"Theo dõi thời hạn trong ứng dụng lịch: [lịch thời hạn của cơ quan này (iCalendar)]"
                   f"(../data/co-quan/{b.id}.ics).")
    return _newest_tasks(f"co-quan/{b.id}.md", b.id, body_title(b), out, b.assignments,
                         f"Nhiệm vụ của {body_title(b)}", _crumbs(*crumbs), directory_urls, memo)


BODY_TASKS_SHOWN = 20  # the newest tasks on a body's or group's page; the tracker, filtered to it, lists them all


def _newest(assignments: list[Assignment], n: int) -> list[Assignment]:
    """The ``n`` newest assignments: by document, newest first, each document's in the text's order."""
    order = {d.id: i for i, d in enumerate(sorted({a.doc.id: a.doc for a in assignments}.values(), key=sort_key,
                                                  reverse=True))}
    return sorted(assignments, key=lambda a: order[a.doc.id])[:n]


def _newest_tasks(rel: str, page_id: str, title: str, intro: list[str], assignments: list[Assignment],
                  description: str, crumb: str, directory_urls: bool = True,
                  memo: files.Memo | None = None) -> dict[str, str]:
    """A body's (or group's) page: its newest tasks, BODY_TASKS_SHOWN at most, as cards, and the way to all of
    them in the tracker (which loads them as data), so that the page does not grow with the archive (its tasks
    were each listed on every page of their lead and supporters: a sixth of the site). The further pages it
    had while it listed them all now lead to the tracker."""
    shown = _newest(assignments, BODY_TASKS_SHOWN)
    total = len({(a.doc.id, a.task.id) for a in assignments})
    cut = len(shown) < len(assignments)
    if cut:
        intro = [*intro, f"## {display_count(len(shown))} nhiệm vụ mới nhất {{ #moi-nhat }}",
                 f"Trang này ghi {display_count(len(shown))} nhiệm vụ mới nhất; [xem cả {display_count(total)} "
                 f"nhiệm vụ trong bảng theo dõi]({tracker_link(page_id)}), lọc được theo thời hạn và tình trạng."]
    pages = _listing(rel, title, intro, [_task_table(shown)], description, crumb, directory_urls=directory_urls)
    had = page_count(rel, _tasks_by_document(assignments), memo=memo) if cut else 1
    return pages | moved_pages(rel, range(len(pages) + 1, had + 1), "theo-doi/index.md", f"co-quan={page_id}",
                               "Danh sách đầy đủ nhiệm vụ của cơ quan này nay ở bảng theo dõi.",
                               "mở bảng theo dõi", directory_urls)


def _listing(rel: str, title: str, intro: list[str], blocks: list[Callable[[Place], str]], description: str,
             crumb: str = "", table: list[str] | None = None, right: int = 0,
             directory_urls: bool = True) -> dict[str, str]:
    """A page that lists what grows with the archive: its introduction on the first page, its blocks paged
    (``table``: the blocks are rows of a table with these heads, on each page)."""
    def frame(part: Part, body: str) -> str:
        head = intro if part.number == 1 else [f"Trang {part.number} của danh sách: [{md(title)}]({part.link(1)})."]
        listing = with_pager(part, html_table(table, [body], right) if table else body)
        return page(part_title(title, part), "\n\n".join([*head, listing]), description,
                    crumb=crumb if part.number == 1 else "")
    return paged(rel, blocks, frame, "\n" if table else "\n\n", directory_urls)


def group_page(g: BodyGroup, directory_urls: bool = True, memo: files.Memo | None = None,
               written: files.Written | None = None) -> dict[str, str]:
    inputs = ("group page", g.id, g.name, g.category, repr([(m.id, m.name) for m in g.members]),
              f"urls {directory_urls}", *assignment_inputs(g.assignments))
    return kept_pages(memo, inputs, lambda: _group_page(g, directory_urls, memo), written)


def _group_page(g: BodyGroup, directory_urls: bool, memo: files.Memo | None) -> dict[str, str]:
    members = " · ".join(f"[{md(m.name)}]({m.id}.md)" for m in g.members)
    rel = f"co-quan/{g.id}.md"
    out = [f"**{md(g.name)}** là tên gọi chung của nhiều cơ quan: nhiệm vụ giao cho tên này được ghi cho từng "
           f"cơ quan: {members}.",
           _counts_line(g.assignments, g.id),
           "Tên trong văn bản: " + " · ".join(f"“{md(n)}”" for n in dict.fromkeys(
               n for a in g.assignments for n in a.name.split("; "))) + "."]
    out.append(_in_tracker(g.id, "tên gọi chung này"))
    return _newest_tasks(rel, g.id, g.name, out, g.assignments, f"Nhiệm vụ giao chung cho {g.name}",
                         _crumbs(md(g.category)), directory_urls, memo)


def kind_page(kind: BodyKind, directory_urls: bool = True) -> dict[str, str]:
    """Every body of one kind across the archive, by locality, with its counts; each body's page lists its tasks,
    and the tracker filtered by the kind lists them all (a kind's tasks were each body's again: a quarter of
    the site's bytes)."""
    assignments = [a for b in kind.bodies for a in b.assignments]
    bodies = sorted(kind.bodies, key=lambda b: (locality_key(b.locality), fold(b.scope).casefold()))
    out = []
    names = [n for n in (*kind.abbr, *kind.aliases) if n != kind.name]
    if names:
        out.append("Cũng được viết: " + ", ".join(f"“{md(n)}”" for n in names[:8]) + ".")
    if not kind.known:
        out.append("Loại này chưa có trong danh mục cơ quan của kho: nó được đặt theo tên cơ quan trong văn bản.")
    out.append(f"{display_count(len(bodies))} cơ quan ở {display_count(len({b.locality for b in bodies}))} địa phương. "
               + _counts_line(assignments, kind.id))
    out.append(_in_tracker(kind.id, "loại cơ quan này, ở mọi địa phương"))
    out.append("Nhiệm vụ của từng cơ quan có trên trang của cơ quan đó.")
    out.append("## Theo địa phương { #theo-dia-phuong }")

    def row(b: Body) -> Callable[[Place], str]:
        total, dated, undated = _deadline_counts(b.assignments)
        return lambda at: html_row([link_html(b.name, at.url(f"co-quan/{b.id}.md")), esc(b.locality or NO_LOCALITY),
                                    display_count(total), display_count(dated), display_count(undated)], right=3)

    heads = ["Cơ quan", "Địa phương", "Nhiệm vụ", "Có thời hạn", "Không ghi thời hạn"]
    return _listing(f"co-quan/{kind.id}.md", kind.name, out, list(map(row, bodies)),
                    f"Nhiệm vụ của {kind.name} ở mọi địa phương", _crumbs(md(kind.category)), heads, 3,
                    directory_urls)


def bodies_index(links: Links, directory_urls: bool = True, parts: Counter[str] | None = None) -> dict[str, str]:
    """By category, then kind; each body once, by its locality and level."""
    by_category: dict[str, list] = defaultdict(list)
    for kind in links.kinds.values():
        by_category[kind.category].append(kind)
    loose: dict[str, list[Body]] = defaultdict(list)
    for b in links.bodies.values():
        if b.kind_id is None:
            loose[b.category].append(b)
    order = [c for c in bodies.categories() if c in by_category or c in loose]
    intro = ["Các cơ quan, tổ chức được giao nhiệm vụ, theo nhóm và loại. Một loại cơ quan (như Ủy ban nhân dân) có "
             "một trang gom mọi địa phương; mỗi cơ quan ở một địa phương có trang riêng. Các cách viết khác nhau "
             "(“UBND”, “Ủy ban nhân dân”, “Uỷ ban”) được gộp về một tên.",
             f"{display_count(len(links.kinds))} loại, {display_count(len(links.bodies))} cơ quan."]

    def count(page_id: str) -> int:
        return (parts or {}).get(f"co-quan/{page_id}.md", 1)

    def kind_items(kind: BodyKind) -> list[Callable[[Place], str]]:
        members = sorted(kind.bodies, key=lambda b: (locality_key(b.locality), fold(b.scope).casefold()))
        total = len({(a.doc.id, a.task.id) for b in members for a in b.assignments})
        items = []
        for start in range(0, len(members), GROUP_ROWS):  # a kind of many bodies: an entry a hundred of them
            chunk = members[start:start + GROUP_ROWS]
            said = "tiếp" if start else f"{display_count(total)} nhiệm vụ"
            items.append(lambda at, chunk=chunk, said=said: (
                f"<li><strong>{link_html(kind.name, at.url(f'co-quan/{kind.id}.md'))}</strong> ({said}"
                f"{each_page(at, f'co-quan/{kind.id}.md', count(kind.id))}): "
                + " · ".join(f"{link_html(b.scope, at.url(f'co-quan/{b.id}.md'))} ({display_count(len(b.assignments))}"
                             f"{each_page(at, f'co-quan/{b.id}.md', count(b.id))})" for b in chunk) + "</li>"))
        return items

    groups = []
    for category in order:
        items = [i for kind in sorted(by_category[category], key=lambda k: fold(k.name).casefold())
                 for i in kind_items(kind)]
        items += [value_item(b.name, f"co-quan/{b.id}.md", f"{display_count(len(b.assignments))} nhiệm vụ", count(b.id))
                  for b in sorted(loose[category], key=lambda b: (fold(b.name).casefold(), b.id))]
        groups.append((md(category), items))
    if links.groups:
        groups.append(("Tên gọi chung của nhiều cơ quan { #ten-goi-chung }",
                       [value_item(g.name, f"co-quan/{g.id}.md", f"{display_count(len(g.assignments))} nhiệm vụ",
                                   count(g.id))
                        for g in sorted(links.groups.values(), key=lambda g: (fold(g.name).casefold(), g.id))],
                       "Nhiệm vụ giao cho các tên này được ghi cho từng cơ quan trong nhóm."))
    blocks = grouped(groups, html_list)
    return index_page("co-quan/index.md", "Cơ quan được giao nhiệm vụ", intro, blocks, directory_urls)


def body_pages(links: Links, directory_urls: bool = True, memo: files.Memo | None = None,
               written: files.Written | None = None) -> dict[str, str]:
    """path -> Markdown: the index, a page per kind, per body and per group (``memo``: see ``page_count``)."""
    member_of: dict[str, list[BodyGroup]] = defaultdict(list)
    for g in links.groups.values():
        for m in g.members:
            member_of[m.id].append(g)
    pages: dict[str, str] = {}
    for k in links.kinds.values():
        pages.update(kind_page(k, directory_urls))
    for b in links.bodies.values():
        pages.update(body_page(b, links.kinds, member_of[b.id], directory_urls, memo, written))
    for g in links.groups.values():
        pages.update(group_page(g, directory_urls, memo, written))
    pages.update(bodies_index(links, directory_urls, page_counts(pages)))
    return pages


# --- browse pages --------------------------------------------------------------------------


@dataclass(frozen=True)
class Facet:
    folder: str
    title: str
    label: Callable[[Document, Links | None], str | None]
    column: str | None = None  # the documents listing's column that the value fills: left out of its pages


def _issuer_label(d: Document, links: Links | None) -> str | None:
    """The issuing body by its one name ("Thành ủy Đà Lạt" for its Ban Thường vụ and its Thường trực alike)."""
    issuer = links.issuers.get(d.id) if links else None
    if issuer is not None and issuer.kind:
        return issuer.name
    return f"{d.facts.issuer} ({d.facts.locality})" if d.facts.issuer and d.facts.locality else d.facts.issuer


FACETS = (
    Facet("dia-phuong", "Địa phương", lambda d, _links: d.facts.locality, "locality"),
    Facet("nam", "Năm", lambda d, _links: year_of(d)),
    Facet("loai", "Loại văn bản", lambda d, _links: d.facts.type, "type"),
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


def facet_pages(docs: list[Document], links: Links | None = None, directory_urls: bool = True,
                memo: files.Memo | None = None, written: files.Written | None = None) -> dict[str, str]:
    """path -> Markdown for each facet's index and value pages (``memo``, ``written``: each value's listing kept,
    ``kept_pages``)."""
    pages: dict[str, str] = {}
    here: dict[str, list[Body]] = defaultdict(list)
    for b in (links.bodies.values() if links else ()):
        here[b.locality or "Chưa rõ"].append(b)
    for facet in FACETS:
        groups: dict[str, list[Document]] = defaultdict(list)
        for d in docs:
            groups[facet.label(d, links) or "Chưa rõ"].append(d)
        parts: dict[str, int] = {}
        for value, members in groups.items():
            extra = _bodies_here(here.get(value, [])) if facet.folder == "dia-phuong" else ""
            made = _facet_value(f"{facet.folder}/{facet_slug(value)}.md", f"{facet.title}: {value}", members,
                                extra, f"Văn bản theo {facet.title.lower()}: {value}", directory_urls, memo, written,
                                facet.column)
            parts[value] = len(made)
            pages.update(made)
        if facet.folder == "dia-phuong":
            blocks = _localities_by_province(groups, parts)
        else:
            order = sorted(groups, reverse=facet.folder == "nam", key=lambda v: fold(v).casefold())
            blocks = grouped([("", [value_item(v, f"{facet.folder}/{facet_slug(v)}.md", display_count(len(groups[v])),
                                               parts[v]) for v in order])], html_list)
        pages.update(index_page(f"{facet.folder}/index.md", f"Văn bản theo {facet.title.lower()}", [], blocks,
                                directory_urls))
    return pages


def _facet_value(rel: str, title: str, members: list[Document], extra: str, description: str,
                 directory_urls: bool = True, memo: files.Memo | None = None,
                 written: files.Written | None = None, omit: str | None = None) -> dict[str, str]:
    """A value's documents, newest first, paged, without the column the value fills (``omit``); a locality's
    bodies after them, on its first page. Kept under
    what it is made of (``kept_pages``): a row shows its document's facts and page id only (``docs_rows``), so an
    add or an edit makes again the listings of the values of the documents it changes, not every value's (~80
    pages made and compared at 1,000 texts)."""
    def frame(part: Part, body: str) -> str:
        head = [] if part.number == 1 else [f"Trang {part.number} của danh sách: [{md(title)}]({part.link(1)})."]
        listing = with_pager(part, html_table(docs_head(omit), [body], right=1))
        return page(part_title(title, part), "\n\n".join([*head, listing]) + (extra if part.number == 1 else ""),
                    description)
    inputs = ("facet value", rel, title, extra, description, f"urls {directory_urls}", f"omit {omit}",
              *map(source_inputs, members))
    return kept_pages(memo, inputs, lambda: paged(rel, docs_rows(members, omit), frame, "\n", directory_urls), written)


def _localities_by_province(groups: dict[str, list[Document]], parts: dict[str, int]) -> list[Callable[[Place], str]]:
    provinces: dict[str, list[str]] = defaultdict(list)
    for value, members in groups.items():
        provinces[province_of(members[0]) if value != "Chưa rõ" else "Chưa rõ tỉnh"].append(value)
    return grouped([(md(province), [value_item(v, f"dia-phuong/{facet_slug(v)}.md", display_count(len(groups[v])),
                                               parts[v]) for v in sorted(provinces[province], key=locality_key)])
                    for province in sorted(provinces, key=lambda p: (p == "Chưa rõ tỉnh", fold(p).casefold()))],
                   html_list)


def breadcrumb(doc: Document) -> str:
    """Locality › year › document, linking to the browse pages."""
    parts = []
    if doc.facts.locality:
        parts.append(f"[{md(doc.facts.locality)}](../dia-phuong/{facet_slug(doc.facts.locality)}.md)")
    if year := year_of(doc):
        parts.append(f"[{year}](../nam/{year}.md)")
    parts.append(md(doc.facts.type or "Văn bản"))
    return " › ".join(parts) + "\n{: .vb-breadcrumb }"


def glossary_page(links: Links | None = None, directory_urls: bool = True) -> str:
    """Every abbreviation of the data file; a body's links to the page of its kind, when the archive has one."""
    kinds = {k.name: k for k in links.kinds.values()} if links else {}
    at = Place("thuat-ngu/index.md", directory_urls)
    rows = []
    for abbr, meaning in sorted(glossary().items(), key=lambda kv: fold(kv[0]).casefold()):
        kind = kinds.get(meaning)
        shown = link_html(meaning, at.url(f"co-quan/{kind.id}.md")) if kind else esc(meaning)
        rows.append(html_row([esc(abbr), shown]))
    return page("Thuật ngữ và chữ viết tắt", "Các chữ viết tắt thường gặp trong văn bản.\n\n"
                + html_table(["Viết tắt", "Nghĩa"], rows))


_ALONE_AFTER = r"(?![\w/-])"  # an abbreviation stands alone: not inside a word or symbol
_WORDISH = re.compile(r"[\w/-]")  # nor after one (checked for each match: see _abbreviation_finder)


@cache
def _abbreviation_finder() -> tuple[re.Pattern[str], dict[str, list[tuple[str, re.Pattern[str]]]]]:
    """One pattern for every abbreviation, the longest first, and each one's shorter abbreviations it begins with.

    At a position, the pattern matches the longest abbreviation standing alone there; any other that stands
    alone at the same position begins it (it is a prefix of the same text), so it is checked from that list.
    """
    found = sorted((a for a in glossary() if "," not in a), key=lambda a: (-len(a), a))
    # standing alone before is checked for each match (``abbreviations_in``): a pattern that begins with a
    # look-behind is tried at every character, one that begins with the words only where one can begin
    pattern = re.compile("(?:" + alternation(found) + ")" + _ALONE_AFTER)
    prefixes = {a: [(b, re.compile(re.escape(b) + _ALONE_AFTER)) for b in found if len(b) < len(a) and a.startswith(b)]
                for a in found}
    return pattern, prefixes


def abbreviations_in(text: str) -> set[str]:
    """The glossary's abbreviations that ``text`` uses, standing alone, in one pass over it.

    (One search per abbreviation read every text 150 times: 13.5 s at 250 texts.) A match restarts the
    search one character on, so an abbreviation inside a longer one ("MTTQ" in "UB MTTQ") is found too."""
    pattern, prefixes = _abbreviation_finder()
    used: set[str] = set()
    pos = 0
    while m := pattern.search(text, pos):
        if m.start() and _WORDISH.match(text, m.start() - 1):  # not alone: on from the next character
            pos = m.start() + 1
            continue
        used.add(m.group())
        used.update(b for b, alone in prefixes[m.group()] if alone.match(text, m.start()))
        pos = m.start() + 1
    return used


def write_archive_pages(docs: list[Document], links: Links, docs_dir: Path, directory_urls: bool = True,
                        memo: files.Memo | None = None, written: files.Written | None = None) -> list[Path]:
    """Every archive-wide page, each kind written as soon as it is made: the build holds one kind's pages at a
    time, never the whole archive's (a path made twice keeps its last text, as a dict update would). A listing
    that ``written`` says is on disk as made (``kept_pages``) is left as it is."""
    paths: dict[str, Path] = {}

    def write(pages: dict[str, str]) -> None:
        for rel, text in pages.items():
            if text is files.UNCHANGED:
                paths[rel] = docs_dir / rel
                continue
            paths[rel] = files.write(docs_dir / rel, text)  # only when its bytes change
            if written is not None:
                written.wrote(paths[rel])

    glossary_pages = {"thuat-ngu/index.md": glossary_page(links, directory_urls)}
    counts = page_counts(glossary_pages)
    write(glossary_pages)
    for c in links.cited.values():
        pages = cited_pages(c, f"dan-chieu/{c.id}.md", directory_urls, memo, written)
        counts.update(page_counts(pages))
        write(pages)
    write(cited_index(links.cited, directory_urls, counts))
    write(body_pages(links, directory_urls, memo, written))
    write(facet_pages(docs, links, directory_urls, memo, written))
    kinds_of = all_lead_kinds(docs, links)  # the tracker's and the dashboard's, found once
    write(tracker_pages(docs, links, directory_urls, memo, kinds_of))
    write(dashboard.dashboard_pages(docs, links, kinds_of))
    return [paths[rel] for rel in sorted(paths)]
