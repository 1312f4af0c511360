"""The task tracker (``theo-doi/``): one page, its tasks as data that ``assets/theo-doi.js`` draws.

A table of every task as HTML grows with the archive (800 kB a page at 1,000 texts); the tracker
is instead one small page and its tasks as script files, loaded with ``<script>`` tags (no
``fetch``), so it works from ``file://`` in the offline bundle as well as on the web:

- ``theo-doi/chi-muc.js``: the core: how many tasks and chunks, the values the filters offer
  (localities, document types, deadline years and months, the states of the office's status file,
  the kinds of body that lead tasks); the same size whatever the archive's, so the first screen
  does not grow with it;
- ``theo-doi/tom-tat.js``: per chunk, which of those values it holds, so that a filter loads only
  the chunks that can match; loaded once a filter is chosen (about 250 bytes per chunk of 60 kB);
- ``theo-doi/nhiem-vu-N.js``: the tasks, newest document first, cut into chunks of about
  ``CHUNK_BYTES``; the first one is enough for the first screen, and theo-doi.js loads the next one only when
  the reader asks for its rows (the core's total is the count of the view without a filter);
- ``theo-doi/co-quan.js``: each body's id and canonical name, and every name of the kinds of body
  (data/organisations.yml, through ``bodies``), for the body filter: it suggests names, shows the
  name of a body chosen by its id, and reads "MTTQ" or "mat tran" as the kind they name; and for each
  body the chunks whose rows name it (``body_chunks``), so that a body's view reads only those.

Whether a deadline has passed is worked out in the reader's browser against the reader's date
(``assets/tinh-trang.js``: overdue is not done, its deadline passed), so the static files need no
daily rebuild. Every string from a source is data, drawn with
``textContent``, never parsed as HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ... import files
from ...knowledge import bodies
from ...model import LEADING, Document, Links, Role, Task, TaskStatus, sort_key, statuses_key
from ...status_terms import NO_REPORT, state_slug
from ...vietnamese import display_count, display_date, display_deadline, fold
from ..datascript import compact_json, data_script, packed, script_of
from ..feeds import due_iso
from ..varints import VARINT_DIGITS, varints
from . import status as status_view
from .markdown import escape

FOLDER = "theo-doi"
QUEUE = "vbTheoDoi"  # the global queue the data scripts push into
CORE_FILE = "chi-muc.js"
CHUNK_FILE = "nhiem-vu-{}.js"
BODIES_FILE = "co-quan.js"
SUMMARIES_FILE = "tom-tat.js"
CHUNK_BYTES = 60_000  # a chunk is closed once its JSON holds this much: a few hundred tasks
NO_DEADLINE = ""  # the deadline "year" of a task without one, in a chunk's summary

ROLES_LEAD, ROLES_SUPPORT = LEADING, (Role.SUPPORT,)
ROLES_NAMED = (*ROLES_LEAD, *ROLES_SUPPORT)  # the assignees a row names, whom the body filter looks at


# not after a one-letter abbreviation or "TP." ("CC Địa chính (a. Hưng) giải quyết ...", "UBND TP. Vũng Tàu")
_SENTENCE_END = re.compile(r"(?<=[.;!?])(?<![\s(][^\W\d_]\.)(?<!TP\.)\s")


@lru_cache(maxsize=1 << 16)
def summary(text: str, limit: int = 110) -> str:
    """The first sentence, cut at a word when it is long. Kept per text: a task's summary is written on its
    document's page, its bodies' pages, the further pages they had (counted again at each build) and the
    tracker's data, about seven times a build."""
    first = _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


def document_label(doc: Document) -> str:
    """How a row names its document: its number, or its date and issuer when it has none."""
    f = doc.facts
    if f.number:
        return f.number
    date = display_date(f.meeting_date or f.issued_date)
    return " · ".join(x for x in (date, f.issuer or f.type or "Văn bản") if x)


def _people(task: Task, roles: tuple[str, ...], body_of: Callable[[str], str | None]) -> list[list]:
    """[name as written, body id or null] of the task's assignees in ``roles``."""
    return [[a.name, body_of(a.name)] for a in task.assignees if a.role in roles]


STATES = [slug for slug, _label in status_view.ORDER]  # the core's "states": a row's status names one by index


def status_record(status: TaskStatus | None) -> list | None:
    """A row's status: null (no report), or [state (index in the core's "states"), date (ISO), evidence as written
    or null, its link (an http(s) address, or "van-ban/<id>/" for a document of the archive) or null]."""
    if status is None:
        return None
    e = status.current
    return [STATES.index(state_slug(status)), e.date, e.evidence or None, e.evidence_url or None]


def lead_kinds(doc: Document, task: Task, links: Links) -> list[tuple[str, str]]:
    """(id, name) of the kinds of body that carry the task out (its lead, or the body addressed; a group's
    members), each once: the tracker's filter "loai-co-quan" and the dashboard's groups. A name that could
    not be mapped to a kind gives none."""
    found: dict[str, str] = {}
    for a in task.assignees:
        if a.role not in ROLES_LEAD:
            continue
        body = links.identity(doc, a.name)
        for member in getattr(body, "members", None) or ([body] if body is not None else []):
            if getattr(member, "kind_id", None) and member.kind:
                found.setdefault(member.kind_id, member.kind)
    return sorted(found.items())


def due_month(iso: str | None) -> str:
    """The month a deadline falls due in ("2024" -> "2024-12"), or "" for none: the tracker's filter "thang"."""
    return due_iso(iso)[:7] if iso else ""


def all_lead_kinds(docs: list[Document], links: Links) -> dict[str, list[list[tuple[str, str]]]]:
    """Each document's tasks' ``lead_kinds``, by page id, in task order: found once a build for the tracker and the
    dashboard."""
    return {doc.id: [lead_kinds(doc, task, links) for task in doc.facts.tasks] for doc in docs}


def task_record(doc_index: int, task: Task, body_of: Callable[[str], str | None], kinds: list[int] = ()) -> list:
    """One row: [document (index in the chunk), number, anchor, summary, lead, support, deadline (ISO),
    deadline as shown, status (``status_record``), the kinds of body that lead it (indexes in the core's
    "kinds")]."""
    return [doc_index, task.number, task.anchor, summary(task.text), _people(task, ROLES_LEAD, body_of),
            _people(task, ROLES_SUPPORT, body_of), task.deadline, display_deadline(task.deadline, task.deadline_text),
            status_record(task.status), list(kinds)]


def document_record(doc: Document) -> list:
    """[id, label, title, locality, type, date (ISO, meeting else issue)]."""
    f = doc.facts
    return [doc.id, document_label(doc), f.title or doc.id, f.locality, f.type, f.meeting_date or f.issued_date]


_dumps = compact_json


MAKER = "Theo dõi nhiệm vụ"


def _script(*args: object) -> str:
    return data_script(QUEUE, MAKER, *args)


def _sorted_values(values: set[str]) -> list[str]:
    return sorted(values, key=lambda v: (fold(v).casefold(), v))


def _document_rows(doc: Document, links: Links) -> str:
    """A document's record, then each of its tasks' rows without its kinds (whose indexes are the archive's) and
    with 0 for its document, each as compact JSON on a line of its own (JSON text holds no line break): what
    ``tracker_data`` keeps of a document between builds, and joins into its chunks as text."""
    record = document_record(doc)
    rows = [task_record(0, task, lambda name: links.body_of.get((doc.id, name)))[:-1] for task in doc.facts.tasks]
    return "\n".join(_dumps(x) for x in (record, *rows))


def _kept_rows(doc: Document, links: Links, memo: files.Memo | files.MemoGroup | None) -> list[str]:
    """``_document_rows``' lines, kept by ``memo`` under the document as read, its tasks' status and the bodies its
    assignees' names are (``Links.digest``: the kinds that lead each task are theirs)."""
    inputs = (f"{doc.source.name}\0{doc.source.sha256}\0{doc.id}", statuses_key(doc), links.digest(doc))
    return (memo or files.Memo(None, "")).text(("tracker lines", *inputs), lambda: _document_rows(doc, links)) \
        .split("\n")


def _month(doc: Document) -> str:
    """The month of the document's date ("2024-11"; "" for none): ``tracker_data`` keeps the rows of a month's
    documents in one file (``files.Memo.group``), read once, where a file a document made a rebuild open 1,000 at
    1,000 texts. A month's documents come one after another in the tracker's order (newest first), so one group is
    open at a time; an added or edited document makes its month's file written again (~14 documents at 1,000
    texts)."""
    return sort_key(doc)[0][:7]


@lru_cache(maxsize=1 << 12)
def _indexes_json(indexes: tuple[int, ...]) -> str:
    return _dumps(list(indexes))


class _Chunk:
    """A chunk of the tracker's data being made: its documents' records and its rows as JSON text, and what its
    summary counts (the values of its records and rows, taken from the model they were written from)."""

    def __init__(self) -> None:
        self.records: list[str] = []
        self.rows: list[str] = []
        self.size = 0  # bytes of its records' and rows' JSON
        self.localities: set[str] = set()
        self.types: set[str] = set()
        self.deadlines: set[str] = set()  # the rows' deadlines (ISO; "" for none)
        self.states: set[int] = set()
        self.kinds: set[int] = set()
        self.bodies: set[str] = set()  # the ids of the bodies its rows name (lead, addressed or support)

    def json(self) -> str:
        """``compact_json({"d": records, "t": rows})``, joined from the pieces' own JSON."""
        return f'{{"d":[{",".join(self.records)}],"t":[{",".join(self.rows)}]}}'


def tracker_data(docs: list[Document], links: Links, directory_urls: bool = True,
                 memo: files.Memo | None = None,
                 kinds_of: dict[str, list[list[tuple[str, str]]]] | None = None) -> dict[str, str]:
    """File name (inside ``theo-doi/``) -> content of the tracker's data scripts; links as the build's URLs are.
    ``memo`` keeps each document's rows (``_kept_rows``; a month's in one file, ``_month``): a rebuild makes again
    those of the changed ones. The
    chunks are joined from the rows' JSON text, never read back into lists and written again. ``kinds_of``: the
    ``all_lead_kinds`` of ``docs`` when the caller has them."""
    chunks: list[_Chunk] = []
    current: _Chunk | None = None
    localities: set[str] = set()
    types: set[str] = set()
    years: set[str] = set()
    months: set[str] = set()
    kinds: dict[str, int] = {}  # kind id -> its index in the core's "kinds", in order of first use
    kind_names: list[list[str]] = []
    total = 0
    filled = {"support": False, "deadline": False, "status": False}
    no_report = STATES.index(NO_REPORT)
    body_of = links.body_of

    known: dict[tuple[tuple[str, str], ...], tuple[int, ...]] = {}  # a task's lead kinds -> their indexes, once given

    def kind_indexes(found: list[tuple[str, str]]) -> tuple[int, ...]:
        key = tuple(found)
        if key not in known:
            out = []
            for kind_id, name in found:
                if kind_id not in kinds:
                    kinds[kind_id] = len(kind_names)
                    kind_names.append([kind_id, name])
                out.append(kinds[kind_id])
            known[key] = tuple(sorted(out))
        return known[key]

    group: files.MemoGroup | None = None  # the kept rows of the month of the document (``_month``)
    month = None
    for doc in sorted(docs, key=sort_key, reverse=True):
        tasks = doc.facts.tasks
        if not tasks:
            continue
        if current is None or current.size > CHUNK_BYTES:
            current = _Chunk()
            chunks.append(current)
        if memo is not None and (group is None or _month(doc) != month):
            if group is not None:
                group.close()
            month = _month(doc)
            group = memo.group(("tracker lines", month))
        found = kinds_of[doc.id] if kinds_of is not None else [lead_kinds(doc, task, links) for task in tasks]
        record, *rows = _kept_rows(doc, links, group)
        current.records.append(record)
        current.size += len(record.encode("utf-8"))
        d = str(len(current.records) - 1)  # the document's index in this chunk (the memo keeps 0)
        for row, kinds_here in zip(rows, found, strict=True):
            indexes = kind_indexes(kinds_here)
            text = f"[{d},{row[3:-1]},{_indexes_json(indexes)}]"  # the kept row begins "[0,"
            current.rows.append(text)
            current.size += len(text.encode("utf-8"))
            current.kinds.update(indexes)
        # what the chunk's summary and the core count of the document's tasks, taken a document at a time
        current.deadlines.update(t.deadline or "" for t in tasks)
        current.states.update(STATES.index(state_slug(t.status)) if t.status is not None else no_report for t in tasks)
        # the bodies the kept rows name (``_people``), taken here without making the rows' lists again
        current.bodies.update(b for t in tasks for a in t.assignees
                              if a.role in ROLES_NAMED and (b := body_of.get((doc.id, a.name))))
        filled["support"] = filled["support"] or any(a.role in ROLES_SUPPORT for t in tasks for a in t.assignees)
        filled["deadline"] = filled["deadline"] or any(t.deadline for t in tasks)
        filled["status"] = filled["status"] or any(t.status is not None for t in tasks)
        total += len(tasks)
        if doc.facts.locality:
            localities.add(doc.facts.locality)
            current.localities.add(doc.facts.locality)
        if doc.facts.type:
            types.add(doc.facts.type)
            current.types.add(doc.facts.type)
        years.update(t.deadline[:4] for t in tasks if t.deadline)
        months.update(due_month(t.deadline) for t in tasks if t.deadline)
    if group is not None:
        group.close()
    locality_list = _sorted_values(localities)
    type_list = _sorted_values(types)
    year_list = sorted(years, reverse=True)
    locality_index = {v: i for i, v in enumerate(locality_list)}
    type_index = {v: i for i, v in enumerate(type_list)}
    summaries = [{
        "n": len(chunk.rows),
        "l": sorted(locality_index[v] for v in chunk.localities),
        "k": sorted(type_index[v] for v in chunk.types),
        "y": sorted({d[:4] if d else NO_DEADLINE for d in chunk.deadlines}),
        "m": sorted({due_month(d) for d in chunk.deadlines if d}),
        "s": sorted(chunk.states),
        "c": sorted(chunk.kinds),
    } for chunk in chunks]
    pages = {"document": "van-ban/{}/", "body": "co-quan/{}/"} if directory_urls else \
        {"document": "van-ban/{}.html", "body": "co-quan/{}.html"}
    # columns that no task of the archive fills are left out, as on a document's page
    empty = [name for name, any_filled in filled.items() if not any_filled]
    core = {"v": 1, "total": total, "pages": pages, "empty": empty,
            "documents": sum(len(c.records) for c in chunks),
            "chunks": len(chunks), "present": sorted({i for c in summaries for i in c["s"]}),
            "localities": locality_list, "types": type_list, "years": year_list,
            "months": sorted(months, reverse=True), "states": [list(s) for s in status_view.ORDER],
            "kinds": kind_names}
    files = {CORE_FILE: _script("chi-muc", core), SUMMARIES_FILE: _script("tom-tat", summaries)}
    for n, chunk in enumerate(chunks):
        # packed (datascript.packed), but the first chunk: the first screen draws its rows at once (a phone's first
        # unpacking, while the theme starts, took ~0.1 s of it), and a server's gzip sends it in as few bytes
        rows = chunk.json() if n == 0 else packed(chunk.json())
        files[CHUNK_FILE.format(n)] = script_of(QUEUE, MAKER, _dumps("nhiem-vu"), _dumps(n), rows)
    names = body_names(links)
    held = body_chunks(chunks, sorted(names["bodies"]))
    files[BODIES_FILE] = _script("co-quan", {**names, "chunks": held} if held is not None else names)
    return files


def chunk_list(numbers: list[int]) -> str:
    """Sorted chunk numbers in the shorter of two forms (``chunkList`` in theo-doi.js reads both): ``varints`` of
    the gaps (each number less the one before, less 1; the first as it is), a character or so a chunk for a body
    in a few chunks; or "." and a bitset, chunk ``6i + j`` the bit ``2**j`` of character ``i`` (base64url, trailing
    empty characters left out), a character per 6 chunks for a body in many."""
    gaps = varints(n - before - 1 for before, n in zip([-1, *numbers], numbers, strict=False))
    bits = [0] * (numbers[-1] // 6 + 1 if numbers else 0)
    for n in numbers:
        bits[n // 6] |= 1 << (n % 6)
    bitset = "." + "".join(VARINT_DIGITS[b] for b in bits)
    return gaps if len(gaps) <= len(bitset) else bitset


def body_chunks(chunks: list[_Chunk], ids: list[str]) -> list[str] | None:
    """For each of ``ids`` (co-quan.js "bodies", in its order), the chunks holding a row that names it as lead,
    body addressed or support (``chunk_list``; "" for none): the body filter matches a row by these ids (a body's
    own, its kind's, a group it is in), so it reads only the chunks listed for the ids it matches. A list beside
    the names, not a second map by id: the ids would double its size. None (no lists: the filter reads every
    chunk) if a row names an id that is not one of ``ids``, which ``link`` never gives (its ids are its bodies' and
    groups'), since its rows would be missed."""
    held: dict[str, list[int]] = {}
    for n, chunk in enumerate(chunks):
        for body_id in chunk.bodies:
            held.setdefault(body_id, []).append(n)
    if not held.keys() <= set(ids):
        return None
    return [chunk_list(held.get(body_id, [])) for body_id in ids]


def body_names(links: Links) -> dict:
    """For the body filter: each body's and group's canonical name by id; every name of the kinds and groups
    in the archive -> their ids (as ``bodies.search_key`` writes a name: "mat tran", "mttq", "uy ban mttq"
    pick the same kind); the kinds of each group's members; each group's member bodies (a body's tasks include
    those given to a group it is a member of, as its page lists them)."""
    names = {b.id: b.name for b in sorted((*links.bodies.values(), *links.groups.values()), key=lambda b: b.id)}
    present = {k.id for k in links.kinds.values()}
    groups = {g.id.split("--", 1)[0]: sorted({m.kind_id for m in g.members if m.kind_id})
              for g in links.groups.values()}
    aliases: dict[str, set[str]] = {}
    for entry in (*bodies.kinds(), *bodies.groups()):
        if entry.id in present or entry.id in groups:
            for alias in bodies.aliases_of(entry):
                if key := bodies.search_key(alias):
                    aliases.setdefault(key, set()).add(entry.id)
    for k in links.kinds.values():  # kinds named after a body of their family: their own name
        aliases.setdefault(bodies.search_key(k.name), set()).add(k.id)
    members = {g.id: sorted(m.id for m in g.members) for g in sorted(links.groups.values(), key=lambda g: g.id)}
    return {"bodies": names, "names": {k: sorted(v) for k, v in sorted(aliases.items())},
            "groups": dict(sorted(groups.items())), "members": members}


INTRO = ("Mọi nhiệm vụ các văn bản trong kho giao, văn bản mới nhất trước, với tình trạng mà cơ quan theo dõi báo "
         "cáo. Bộ lọc nằm trong địa chỉ của trang: lưu lại hoặc gửi đi đều được. Quá hạn là chưa hoàn thành mà "
         "thời hạn đã qua, tính theo ngày trên máy của bạn.")


def tracker_page(docs: list[Document]) -> str:
    """The tracker's one page: its frame, which starts downloading its data; assets/theo-doi.js fills it."""
    tasks = sum(len(d.facts.tasks) for d in docs)
    with_tasks = sum(1 for d in docs if d.facts.tasks)
    shown, shown_docs = display_count(tasks), display_count(with_tasks)
    # the core and the first chunk start downloading with the page, before the theme's scripts have run
    # (both sit beside the page: the same relative address online and in the offline bundle); a generated
    # page holds no script element of its own: theo-doi.js runs them
    first = CHUNK_FILE.format(0)
    return f"""---
title: Theo dõi nhiệm vụ
description: Theo dõi {shown} nhiệm vụ được giao trong {shown_docs} văn bản, lọc theo cơ quan, địa phương và thời hạn
hide:
  - navigation
  - toc
---

# Theo dõi nhiệm vụ

{escape(INTRO)}

<div id="vb-theo-doi" class="vb-theo-doi" data-tasks="{tasks}" markdown="0">
<p class="vb-theo-doi__loading" role="status">Đang tải {shown} nhiệm vụ của {shown_docs} văn bản…</p>
<link rel="preload" as="script" href="{CORE_FILE}">
<link rel="preload" as="script" href="{first}">
</div>

Bảng theo dõi cần JavaScript. Không có JavaScript, nhiệm vụ của từng văn bản có trên trang của văn bản đó,
nhiệm vụ của từng cơ quan trên [trang các cơ quan](../co-quan/index.md), và toàn bộ ở dạng bảng tính trong
[tasks.csv](../data/tasks.csv).
{{: .vb-nojs }}
"""


def tracker_pages(docs: list[Document], links: Links, directory_urls: bool = True,
                  memo: files.Memo | None = None,
                  kinds_of: dict[str, list[list[tuple[str, str]]]] | None = None) -> dict[str, str]:
    """path (under docs/) -> content: the tracker's page and its data scripts (``memo``, ``kinds_of``: see
    ``tracker_data``)."""
    pages = {f"{FOLDER}/index.md": tracker_page(docs)}
    pages.update({f"{FOLDER}/{name}": text
                  for name, text in tracker_data(docs, links, directory_urls, memo, kinds_of).items()})
    return pages


def tracker_link(body_id: str, state: str | None = None, root: str = "../", status: str | None = None) -> str:
    """The tracker filtered to one body (a body's, group's or kind's id), and a deadline state ("qua-han", ...)
    or a state of the office's status file ("dang-thuc-hien", ...), as a Markdown link target."""
    query = f"co-quan={body_id}" + (f"&thoi-han={state}" if state else "") + (f"&tinh-trang={status}" if status else "")
    return f"{root}{FOLDER}/index.md?{query}"
