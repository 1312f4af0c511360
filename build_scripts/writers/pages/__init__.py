"""Render stage: the model -> Markdown pages for MkDocs (a writer, in Pandoc's terms).

Templates give each page its frame; ``markdown.py`` writes the text of the
document itself, escaping everything that came from a source.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import posixpath
import re
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from ... import files, raw_html
from ...knowledge.bodies import glossary
from ...model import LEADING, Document, Links, Reference, Role, Task, sort_key, statuses_key, tree
from ...pipeline import sources
from ...safe_text import visible
from ...vietnamese import display_count, display_date, slugify
from . import archive
from . import status as status_view
from .markdown import Abbreviations, escape, escape_html, render_body, task_cards, task_cards_html

# the parts of docs/ that a build writes (git-ignored); everything else there is hand-written
GENERATED = ("index.md", "du-lieu-mo.md", "van-ban", "data", *archive.FOLDERS)
DATA_PAGE = "_du-lieu-mo.md"  # hand-written; the build adds the offline bundle's download and writes du-lieu-mo.md
OFFLINE_MARK = "<!-- ban-ngoai-tuyen"

TEMPLATES = Path(__file__).parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=False,  # Markdown output: values pass through the md / e filters
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)
_env.filters["md"] = escape
_env.filters["vndate"] = display_date
_env.filters["count"] = display_count
_env.filters["raw_html"] = raw_html.mark  # a raw HTML block the renderer need not parse again


def front_matter(doc: Document) -> str:
    """YAML front matter, each value written as a quoted string (never templated), so that any title is escaped."""
    f = doc.facts
    data = {
        # the theme writes page.title and description into HTML without escaping them
        "title": html.escape(f.title),
        "description": html.escape(" · ".join(
            x for x in (f.type, f.issuer, f.locality, display_date(f.meeting_date)) if x)),
        "vb_id": doc.id,
        "vb_source": visible(doc.source.name),
        "vb_sha256": doc.source.sha256,
    }
    # each value a JSON string, which YAML reads as its own double-quoted string: yaml.safe_dump took 12 ms a page,
    # a tenth of writing the pages; ASCII escapes, so that no character of a title can be one YAML refuses
    return "".join(f"{key}: {json.dumps(value)}\n" for key, value in data.items())


def metadata_panel(doc: Document) -> list[tuple[str, str | None]]:
    f = doc.facts
    signer = None
    if f.signer:
        signer = ", ".join(x for x in (f.signer.name, f.signer.title, f.signer.capacity) if x)
    return [
        ("Loại văn bản", f.type),
        ("Số, ký hiệu", f.number),
        ("Cơ quan ban hành", f.issuer),
        # a province's own text: "Cao Bằng", not "Cao Bằng, Cao Bằng"
        ("Địa phương", ", ".join(dict.fromkeys(x for x in (f.locality, f.province) if x)) or None),
        ("Ngày họp", display_date(f.meeting_date) or None),
        ("Ngày ban hành", display_date(f.issued_date) or None),
        ("Kỳ đánh giá", f.period),
        ("Chủ trì hội nghị", f.chair),
        ("Thành phần tham dự", "; ".join(f.attendees) or None),
        ("Người ký", signer),
        ("Nơi nhận", "; ".join(f.recipients) or None),
    ]


def reference_anchor(ref: Reference) -> str:
    return "dan-chieu-" + slugify(ref.symbol)


# The task table's columns: (key, heading, label on a phone's card). Number and summary are always
# shown; a column empty in every row of a document is left out (a document without any report in the
# office's status file has no status column).
TASK_COLUMNS = (
    ("number", "Số", ""),
    ("summary", "Nội dung", ""),
    ("lead-addressed", f"{Role.LEAD.label} / {Role.ADDRESSED}", f"{Role.LEAD.label} / {Role.ADDRESSED}"),
    ("support", Role.SUPPORT.label, Role.SUPPORT.label),
    ("deadline", "Thời hạn", "Thời hạn"),
    ("status", "Tình trạng", "Tình trạng"),
    ("refs", "Văn bản dẫn chiếu", "Dẫn chiếu"),
)


def task_rows(doc: Document, links: Links, url: Callable[[str], str] | None = None) -> list[dict[str, str]]:
    """Each task's cells, as Markdown, or with ``url`` (a Markdown link -> its address) as the HTML
    Python-Markdown makes of that Markdown."""
    by_symbol = {r.symbol: r for r in doc.facts.references}
    esc = escape_html if url else escape

    def link(text: str, target: str, title: str = "") -> str:
        if url:
            tip = f' title="{escape_html(title).replace(chr(34), "&quot;")}"' if title else ""
            return f'<a href="{url(target) if target[0] != "#" else target}"{tip}>{escape_html(text)}</a>'
        return f'[{escape(text)}]({target}{f" {chr(34)}{title}{chr(34)}" if title else ""})'

    def body(name: str) -> str:
        page_id = links.body_of.get((doc.id, name))
        if not url:
            return archive.body_link(name, links.identity(doc, name), page_id)
        page = links.identity(doc, name)
        if not page_id:
            return esc(name)
        return link(name, f"../co-quan/{page_id}.md", archive.link_title(page.name)
                    if page is not None and page.name != name else "")

    def names(task: Task, *roles: Role) -> str:
        return "; ".join(body(a.name) for a in task.assignees if a.role in roles)

    rows = []
    for t in doc.facts.tasks:
        refs = ", ".join(link(s, f"../dan-chieu/{by_symbol[s].id}.md") if s in by_symbol else esc(s)
                         for s in t.references)
        rows.append({
            "number": link(t.number or "—", f"#{t.anchor}") if t.anchor else esc(t.number or "—"),
            "summary": esc(archive.summary(t.text)),
            "lead-addressed": names(t, *LEADING), "support": names(t, Role.SUPPORT),
            "deadline": status_view.deadline_cell(t, raw_html=url is not None),
            "status": status_view.status_cell(t.status, url=url),
            "refs": refs,
        })
    return rows


def _table_inputs(doc: Document, links: Links) -> str:
    """What a document's task table takes beyond its source: each task's status (the office's file), where its
    cited documents' pages are and the page and name of the body each assignee is (``Links.digest``)."""
    return f"{statuses_key(doc)}\0{links.digest(doc)}"


def _lead_column(doc: Document) -> tuple[str, str, str]:
    """"Chủ trì", "Thực hiện" or both, as the document's tasks give them; the key names the card's label
    (luu-tru.css)."""
    roles = {a.role for t in doc.facts.tasks for a in t.assignees}
    if Role.ADDRESSED not in roles:
        return "lead", Role.LEAD.label, Role.LEAD.label
    if Role.LEAD not in roles:
        return "addressed", Role.ADDRESSED.label, Role.ADDRESSED.label
    return TASK_COLUMNS[2]


def task_table(doc: Document, links: Links, url: Callable[[str], str] | None = None) -> str:
    """The task table (``markdown.task_cards``: a table on a wide screen, a card per task on a phone); columns
    empty for the whole document are not written. With ``url`` (see ``task_rows``), as raw HTML."""
    rows = task_rows(doc, links, url)
    if not rows:
        return ""
    columns = [(key, head, label) for key, head, label in TASK_COLUMNS
               if key in ("number", "summary") or any(r[key] for r in rows)]
    shown = [_lead_column(doc) if key == "lead-addressed" else (key, head, label) for key, head, label in columns]
    cells = [[r[key] for key, _h, _l in columns] for r in rows]
    return task_cards_html(shown, cells) if url else task_cards(shown, cells)


def citation_links(doc: Document) -> dict[str, str]:
    """Each spelling of a cited symbol -> the page about that cited document."""
    return {s: f"../dan-chieu/{r.id}.md" for r in doc.facts.references for s in (*r.spellings, r.symbol)}


def source_file(doc: Document) -> str:
    """The published copy of the source, beside the page: ``van-ban/<id>.txt`` (``.docx``, ``.pdf`` ...)."""
    suffix = os.path.splitext(doc.source.name)[1].lower()  # a path object's suffix, without making one
    if doc.source.format == "txt" or not re.fullmatch(r"\.[a-z0-9]{1,5}", suffix):
        suffix = ".txt"
    return f"{doc.id}{suffix}"


FORMAT_NAMES = {"docx": "tệp Word (.docx)", "doc": "tệp Word 97–2003 (.doc)", "pdf": "tệp PDF"}
OCR_NOTICE = "Văn bản được nhận dạng tự động (OCR) từ bản quét; có thể có lỗi — xem bản gốc"


def conversion_note(doc: Document) -> str:
    """What the reader should know of how the text below was read from the original file."""
    src = doc.source
    if src.format == "ocr":
        confidence = f" Độ tin cậy trung bình: {src.ocr_confidence:.0f}/100." if src.ocr_confidence is not None else ""
        return f"{OCR_NOTICE}.{confidence}"
    if src.format in FORMAT_NAMES:
        return (f"Toàn văn dưới đây được chuyển tự động từ {FORMAT_NAMES[src.format]}; "
                "bản gốc tải ở cuối trang (mục “Văn bản gốc”).")
    return ""


def _size(n: int) -> str:
    """A file size the Vietnamese way: "980 byte", "12,3 kB", "1,2 MB"."""
    if n < 1000:
        return f"{n} byte"
    value, unit = (n / 1000, "kB") if n < 1_000_000 else (n / 1_000_000, "MB")
    return f"{value:.1f}".replace(".", ",") + f" {unit}"


def source_panel(doc: Document) -> dict[str, str]:
    """The file name as shown (hidden characters as visible escapes) and as offered for download."""
    name = visible(doc.source.name)
    # attr_list takes a quoted value up to the next quote: a name's quotes and braces cannot go in
    download = re.sub(r'["{}\\<>]', "_", name.rsplit("/", 1)[-1])
    return {"name": name, "file": source_file(doc) if doc.source.path else "",
            "download": download, "size": _size(doc.source.size)}


class SourceChanged(Exception):
    """A source was removed or edited after it was read: its page would not match its download."""


def copy_source(doc: Document, out_dir: Path) -> Path:
    """Publish the source's bytes as they are, and prove it: the copy must hash to the SHA-256 the page shows.

    The bytes are read again through the source folder's safe opener: what was checked is what is copied.
    """
    target = out_dir / source_file(doc)
    src = doc.source
    try:
        data = (sources.read_source(src.folder, src.name) if src.folder is not None
                else Path(src.path).read_bytes())
    except FileNotFoundError:
        raise SourceChanged(f"{src.name} was removed while the archive was being built") from None
    except (OSError, sources.Refused) as exc:
        raise SourceChanged(f"{src.name} could not be read again ({exc})") from None
    if hashlib.sha256(data).hexdigest() != src.sha256:
        raise SourceChanged(f"{src.name} changed while the archive was being built")
    return files.write(target, data)


CITED_BY_SHOWN = 20  # citing documents named on a cited document's own page in the archive; its page lists all


def _page_inputs(doc: Document, links: Links, table: str) -> tuple[str, ...]:
    """Everything a document's page is made of beyond the build code (the memo's salt): the document as read
    (``archive.source_inputs``: its facts and text follow from it), its task table's inputs (``_table_inputs``,
    which name its cited documents' pages too), the cited documents that it is cited as (each one's facts and
    citing documents), and the documents that follow it up or that it follows up (where they cite it)."""
    src = doc.source
    cited = [(c.id, c.kind, c.symbol, c.date, c.issuer, [archive.source_inputs(d) for d in c.citing_documents])
             for c in links.cited_by.get(doc.id, [])]
    later = [(archive.source_inputs(f.later), [(c.task, c.anchor) for c in f.citations])
             for f in links.follow_ups.get(doc.id, [])]
    earlier = [archive.source_inputs(f.earlier) for f in links.follows.get(doc.id, [])]
    shown = repr((CITED_BY_SHOWN, status_view.FOLLOW_UPS_SHOWN))  # the code's, as it runs
    return ("document page", shown, archive.source_inputs(doc), repr((bool(src.path), src.format, src.ocr_confidence,
                                                                src.size)),
            table, repr(cited), repr(later), repr(earlier))


def _document_inputs(doc: Document, links: Links) -> tuple[str, tuple[str, ...]]:
    """A document's task table's inputs (``_table_inputs``) and its page's (``_page_inputs``), found once for the
    page and for its file (``write_document``)."""
    table = _table_inputs(doc, links)
    return table, _page_inputs(doc, links, table)


def render_document(doc: Document, links: Links, memo: files.Memo | None = None,
                    directory_urls: bool = True, inputs: tuple[str, tuple[str, ...]] | None = None) -> str:
    """A document's page, kept whole by ``memo`` under what it is made of (``_page_inputs``; ``inputs``: its
    ``_document_inputs``, when the caller has them). Its text (the longest part to write) depends on the source
    and the pages its citations link to only: ``memo`` keeps it under those too, for a page whose other parts
    changed."""
    memo = memo or files.Memo(None, "")
    table, page = inputs if inputs is not None else _document_inputs(doc, links)
    # the page, its text and its task table in one file (a document's source is in each one's key): a cold
    # build creates one file a document where it created three
    with memo.group(("document", archive.source_inputs(doc), f"html {directory_urls}")) as group:
        return group.text((*page, f"html {directory_urls}"),
                          lambda: _render_document(doc, links, group, directory_urls, table))


def _references_html(doc: Document, links: Links, url: Callable[[str], str]) -> tuple[str, str, str]:
    """The lists "Văn bản được dẫn chiếu" (the documents this one cites) and "Được dẫn chiếu bởi" (the documents
    of the archive that cite what this one is), as the HTML Python-Markdown made of their Markdown list (each a
    link to the cited document's page, then the citing documents' pages), with the addresses MkDocs made of the
    links; and the first cited document's page, for the follow-up box. Marked as raw HTML (raw_html): their links
    and inline markup were a third of a document page's Markdown time (``url``: a link's address from a document
    page, ``_address``). The abbreviations are marked by the caller."""
    refs = []
    for r in doc.facts.references:
        cited = f' — <a href="#{r.anchor}">xem đoạn dẫn chiếu</a>' if r.anchor else ""
        refs.append(f'<li><span id="{reference_anchor(r)}"></span><a href="{url(f"../dan-chieu/{r.id}.md")}">'
                    f"{_inline_html(archive.cited_label(r))}</a>{cited}</li>")
    cited_by = []
    for c in links.cited_by.get(doc.id, []):
        citing = [d for d in sorted(c.citing_documents, key=sort_key, reverse=True) if d.id != doc.id]
        # the newest few: the cited document's own (paged) page lists them all, so this page does not grow
        shown = [f'<a href="{url(f"{d.id}.md")}">{_inline_html(d.facts.title)}</a>' for d in citing[:CITED_BY_SHOWN]]
        if len(citing) > CITED_BY_SHOWN:
            shown.append(f'<a href="{url(f"../dan-chieu/{c.id}.md")}#duoc-dan-chieu-boi">'
                         f"và {display_count(len(citing) - CITED_BY_SHOWN)} văn bản khác</a>")
        cited_by.append(f'<li><a href="{url(f"../dan-chieu/{c.id}.md")}">{_inline_html(archive.cited_label(c))}</a>: '
                        + "; ".join(shown) + "</li>")
    first = links.cited_by.get(doc.id, [])
    return (raw_html.mark("<ul>\n" + "\n".join(refs) + "\n</ul>") if refs else "",
            raw_html.mark("<ul>\n" + "\n".join(cited_by) + "\n</ul>") if cited_by else "",
            f"../dan-chieu/{first[0].id}.md#duoc-dan-chieu-boi" if first else "")


_EQUALS_FIRST = re.compile(r"^(\s*)=")


def _inline_html(text: str) -> str:
    """What Python-Markdown writes for ``escape(text)`` in a line (the ``md`` filter): the text HTML-escaped, and a
    "=" first in it the character reference ``escape`` gives it."""
    return _EQUALS_FIRST.sub(r"\1&#61;", escape_html(text))


def _render_document(doc: Document, links: Links, memo: files.MemoGroup, directory_urls: bool, table: str) -> str:
    def url(link: str) -> str:
        return _address(link, directory_urls)

    refs, cited_by, every = _references_html(doc, links, url)
    citations = citation_links(doc)
    text = (doc.source.name, doc.source.sha256, doc.id)  # the text as read and parsed (and the build code: salt)
    blocks = cache(partial(tree, doc))  # the tree is read (unpickled) only when the memo does not answer

    def used_and_body() -> str:
        used = sorted(archive.abbreviations_in(" ".join(b.text for b in blocks())))
        return "\n".join(used) + "\0" + render_body(blocks(), citations, url, _titles(used))
    # the abbreviations the text uses (no NUL in one), then the text, in one entry: a cold build keeps one file
    # a document fewer, and a page whose text is kept reads them with it
    used, body = memo.text(("abbreviations used, body", *text, repr(sorted(citations.items())),
                            f"html {directory_urls}"), used_and_body).split("\0", 1)
    titles = _titles(used.split("\n"))
    abbreviations = Abbreviations(titles)
    tasks = memo.text(("tasks", *text, f"html {directory_urls}", table),
                      lambda: abbreviations.mark(task_table(doc, links, url)))
    return _env.get_template("document.md.j2").render(
        doc=doc,
        title=doc.facts.title,
        front_matter=front_matter(doc),
        breadcrumb=archive.breadcrumb(doc),
        panel=metadata_panel(doc),
        source=source_panel(doc),
        conversion=conversion_note(doc),
        tasks=tasks,
        references=abbreviations.mark(refs),
        cited_by=abbreviations.mark(cited_by),
        follow_up=status_view.follow_up_box(doc, links.follow_ups.get(doc.id, []), links.follows.get(doc.id, []),
                                            every),
        body=body,
        abbreviations="\n".join(f"*[{abbr}]: {meaning}" for abbr, meaning in sorted(titles.items())),
    )


def _titles(used: list[str]) -> dict[str, str]:
    """The glossary's meaning of each abbreviation ``used``."""
    return {abbr: meaning for abbr, meaning in glossary().items() if abbr in used}


@cache
def _address(link: str, directory_urls: bool) -> str:
    """A document page's Markdown link ("../dan-chieu/x.md") as the address MkDocs makes of it: the same from
    every document page (all in van-ban/), so made once for the build."""
    return archive.Place("van-ban/_.md", directory_urls).url(posixpath.normpath(posixpath.join("van-ban", link)))


def newest_first(docs: list[Document]) -> list[Document]:
    def key(d: Document) -> tuple[str, str]:
        return (d.facts.meeting_date or d.facts.issued_date or "", d.id)

    return sorted(docs, key=key, reverse=True)


HOME_DOCS = 50  # the newest documents on the home page; every document is on its year's, locality's, type's pages


def render_home(docs: list[Document], intro: str) -> str:
    return _env.get_template("home.md.j2").render(
        docs=newest_first(docs)[:HOME_DOCS],
        total=len(docs),
        intro=intro.strip(),
        task_count=sum(len(d.facts.tasks) for d in docs),
    )


def data_page(text: str, offline_zip_url: str | None) -> str:
    """"Dữ liệu mở" with a visible download of the offline bundle where the hand-written page marks it, or,
    when the site does not publish the bundle (a deploy leaves one over GitHub's limits out), a line that says so."""
    lines = text.splitlines()
    name = (offline_zip_url or "").rsplit("/", 1)[-1]
    block = (f'[Tải bản ngoại tuyến (.zip)]({offline_zip_url}){{: .md-button .md-button--primary download="{name}" }}'
             "\n\nToàn bộ kho lưu trữ trong một tệp nén, để đọc không cần mạng (xem “Bản ngoại tuyến” bên dưới)."
             if offline_zip_url else
             "Bản ngoại tuyến (tệp .zip) không được đăng trên trang web này; hãy liên hệ cơ quan lưu trữ để nhận "
             "tệp (xem “Bản ngoại tuyến” bên dưới).")
    return "\n".join(block if line.startswith(OFFLINE_MARK) else line for line in lines) + "\n"


def write_document(doc: Document, links: Links, out_dir: Path, memo: files.Memo | None = None,
                   directory_urls: bool = True, written: files.Written | None = None) -> list[Path]:
    """Write one document's page and the copy of its source into ``out_dir``: the part of the build that
    one document can fail on its own. Returns the paths written. A page (or copy) that ``written`` says is on
    disk as it would be made is left as it is, not made nor read again."""
    page = out_dir / f"{doc.id}.md"
    inputs = _document_inputs(doc, links)
    key = written.key(("page written", *inputs[1], f"html {directory_urls}")) if written is not None else None
    if key is None or not written.same(page, key):
        files.write(page, render_document(doc, links, memo, directory_urls, inputs))
        if key is not None:
            written.note(page, key)
    if not doc.source.path:
        return [page]
    copy = out_dir / source_file(doc)
    copied = written.key(("source", doc.source.name, doc.source.sha256)) if written is not None else None
    if copied is None or not written.same(copy, copied, linked=True):
        copy = copy_source(doc, out_dir)
        if copied is not None:
            written.note(copy, copied)
    return [page, copy]


def write_pages(docs: list[Document], links: Links, docs_dir: Path, intro: str,
                directory_urls: bool = True, offline_zip_url: str | None = None,
                memo: files.Memo | None = None) -> list[Path]:
    """Write every generated page under ``docs_dir`` (data that links pages, as the build's URLs are);
    returns the paths written. ``memo`` keeps the documents' texts between builds (render_document)."""
    out_dir = docs_dir / "van-ban"
    out_dir.mkdir(parents=True, exist_ok=True)
    _compiled_templates(memo)
    written = []
    kept = files.Written(memo, docs_dir)  # what the last build wrote: the files still as it wrote them are left
    for doc in docs:
        written += write_document(doc, links, out_dir, memo, directory_urls, kept)
    home = docs_dir / "index.md"
    files.write(home, render_home(docs, intro))
    written.append(home)
    if (docs_dir / DATA_PAGE).is_file():
        data = docs_dir / "du-lieu-mo.md"
        files.write(data, data_page((docs_dir / DATA_PAGE).read_text(encoding="utf-8"), offline_zip_url))
        written.append(data)
    written += archive.write_archive_pages(docs, links, docs_dir, directory_urls, memo, kept)
    kept.save()
    archive.summary.cache_clear()  # the pages are written: no later stage asks again (a few MB at 10,000 texts)
    return written


def _compiled_templates(memo: files.Memo | None) -> None:
    """The page templates compiled once and kept in the build cache beside ``memo``'s folder (Jinja's bytecode
    cache: an entry is used only for the same template source), not at every build: compiling the document's and
    the home page's templates was ~0.4 s of each."""
    folder = memo.folder.parent / "jinja" if memo is not None and memo.folder is not None else None
    try:
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = None
    _env.bytecode_cache = FileSystemBytecodeCache(str(folder)) if folder is not None else None


RENAMED = "Văn bản này đã được đổi tên tệp nên có địa chỉ mới."


def write_redirects(redirects: dict[str, str], docs_dir: Path, directory_urls: bool = True) -> list[Path]:
    """A redirect page at each old id's address (``van-ban/<old>/``), to the page of the same text now."""
    written = []
    for old, new in redirects.items():
        if directory_urls:
            path, href = docs_dir / "van-ban" / old / "index.html", f"../{new}/"
        else:
            path, href = docs_dir / "van-ban" / f"{old}.html", f"{new}.html"
        written.append(files.write(path, archive.MOVED.format(
            title="Văn bản đã chuyển sang địa chỉ mới", href=html.escape(href), message=RENAMED,
            link="mở văn bản ở địa chỉ mới")))
    return written
