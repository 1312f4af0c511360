"""The open-data writer: the model -> records of spec/archive-data.md.

``documents.json``, ``tasks.csv`` and ``python -m build_scripts extract`` all
come from ``document_record``, so the three can never disagree.
"""

from __future__ import annotations

import collections
import csv
import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from .. import files
from ..model import LEADING, Body, BodyGroup, Document, Links, Role, StatusEntry, Task, TaskStatus, statuses_key
from ..safe_text import csv_row, json_dumps
from ..status_terms import COLUMNS as STATUS_COLUMNS
from ..status_terms import number_key, task_key
from ..vietnamese import display_date
from . import feeds

SCHEMA = 1


def body_record(found: Body | BodyGroup | None) -> dict | None:
    """ASSIGNEE ``body``: the canonical body a name maps to; a group with its members; null if unmapped."""
    if isinstance(found, BodyGroup):
        return {"id": found.id, "name": found.name, "kind": None, "members": [body_record(m) for m in found.members]}
    if found is None or found.kind is None:
        return None
    return {"id": found.id, "name": found.name, "kind": found.kind}


def task_record(task: Task, doc: Document | None = None, links: Links | None = None) -> dict:
    def body(name: str) -> dict | None:
        return body_record(links.identity(doc, name)) if links is not None and doc is not None else None

    return {
        "id": task.id,
        "number": task.number,
        "section": task.section,
        "text": task.text,
        # asdict's fields, named: asdict deep-copies each value, a third of the records' time
        "assignees": [{"name": a.name, "role": a.role, "body": body(a.name)} for a in task.assignees],
        "deadline": task.deadline,
        "deadline_text": task.deadline_text,
        "references": list(task.references),
        "anchor": task.anchor,
        "status": status_record(task.status),
    }


def _entry(entry: StatusEntry) -> dict:
    return {"state": entry.state, "date": entry.date, "evidence": entry.evidence, "note": entry.note,
            "evidence_url": entry.evidence_url}


def status_record(status: TaskStatus | None) -> dict | None:
    """null, or the latest report with the earlier ones, oldest first, as its history."""
    if status is None:
        return None
    return {**_entry(status.current), "history": [_entry(e) for e in status.history]}


def document_record(doc: Document, links: Links | None = None) -> dict:
    """The contract's DOCUMENT; with the link stage's ``links``, each assignee's ``body``."""
    f = doc.facts
    return {
        "id": doc.id,
        "source": doc.source.name,
        "sha256": doc.source.sha256,
        "url": doc.url,
        "title": f.title,
        "type": f.type,
        "number": f.number,
        "issuer": f.issuer,
        "locality": f.locality,
        "province": f.province,
        "meeting_date": f.meeting_date,
        "issued_date": f.issued_date,
        "period": f.period,
        "chair": f.chair,
        "attendees": list(f.attendees),
        "signer": asdict(f.signer) if f.signer else None,
        "recipients": list(f.recipients),
        "shortcomings": list(f.shortcomings),
        "references": [
            {"symbol": r.symbol, "kind": r.kind, "date": r.date, "id": r.id, "issuer": r.issuer}
            for r in f.references
        ],
        "mentions": list(f.mentions),
        "tasks": [task_record(t, doc, links) for t in f.tasks],
        "warnings": doc.warnings,
        "format": doc.source.format,
        "ocr_confidence": doc.source.ocr_confidence,
    }


def dumps(data: object) -> str:
    """JSON as every data file writes it: letters as they are, hidden characters escaped (safe_text.py)."""
    return json_dumps(data, indent=2) + "\n"


def compact(data: object) -> str:
    """JSON without indentation: a published record (an indented one was a third spaces)."""
    return json_dumps(data, separators=(",", ":"))


def documents_json(docs: list[Document], links: Links | None = None) -> str:
    """The whole archive, one compact document record a line."""
    return "".join(_documents_json(docs, links))


def record_inputs(doc: Document, links: Links | None) -> str:
    """What a document's record and its rows of tasks.csv are made of beyond its source (name, SHA-256, page id)
    and the build code: each task's status (the office's file), the cited documents and the body each assignee's
    name is, as the link resolved them (``Links.digest``): the key under which ``files.Memo`` keeps them. Their
    ``repr``'s hash: the data files' writer holds one for each document while it writes (the ``repr``s themselves
    were 3.3 MB at 1,000 texts, at the build's peak)."""
    return hashlib.sha256(repr((doc.source.name, doc.source.sha256, doc.id, doc.url, doc.warnings,
                                doc.source.format, doc.source.ocr_confidence, statuses_key(doc),
                                doc.facts.references, links.digest(doc) if links is not None else None)
                               ).encode("utf-8")).hexdigest()


def _documents_json(docs: list[Document], links: Links | None) -> Iterator[str]:
    """documents.json in pieces, a record at a time (``write_data`` writes them as it makes them, never holding
    the whole file)."""
    yield _documents_head(docs)
    for i, d in enumerate(sorted(docs, key=lambda d: d.id)):
        yield ",\n" if i else ""
        yield compact(document_record(d, links))
    yield _documents_tail(docs)


def _documents_head(docs: list[Document]) -> str:
    return f'{{"schema":{SCHEMA},"count":{len(docs)},"documents":[\n'


def _documents_tail(docs: list[Document]) -> str:
    return ("\n" if docs else "") + "]}\n"


def _kept_record(doc: Document, links: Links | None, memo: files.Memo | files.MemoGroup, inputs: str) -> str:
    """A document's record in documents.json, kept by ``memo`` under its ``record_inputs``: a rebuild makes again
    the records of the documents that changed only."""
    return memo.text(("record", inputs), lambda: compact(document_record(doc, links)))


TASK_COLUMNS = [
    "document_id",
    "document_title",
    "document_url",
    "task_id",
    "number",
    "section",
    "lead",
    "support",
    "addressed",
    "deadline",
    "deadline_text",
    "references",
    "text",
    # the document's, so that a spreadsheet needs no join with documents.json
    "document_number",
    "document_date",
    "locality",
    "issuer",
    "body_ids",
    "body_names",
    "status",
    "status_date",
]


CSV_PIECE_ROWS = 1000  # rows of a CSV made at a time


def csv_pieces(header: list[str] | None, rows: Iterable[list[object]], delimiter: str = ",") -> Iterator[str]:
    """Every CSV we publish (tasks.csv, the status file's template), piece by piece (so that a file of the whole
    archive is never held whole): no cell that a spreadsheet would run as a formula (safe_text.csv_cell: a
    leading "'", which the status file's reader drops again), "\n" line ends; the caller adds a BOM. With no
    ``header``, the rows alone: a part of a file (``_kept_task_rows``)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    if header is not None:
        writer.writerow(csv_row(header))
    for n, row in enumerate(rows, 1):
        writer.writerow(csv_row(row))
        if n % CSV_PIECE_ROWS == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def csv_text(header: list[str] | None, rows: Iterable[list[object]], delimiter: str = ",") -> str:
    """``csv_pieces`` as one text."""
    return "".join(csv_pieces(header, rows, delimiter))


def _task_bodies(doc: Document, task: Task, links: Links | None) -> tuple[str, str]:
    """The canonical ids and names of the task's assignees that could be mapped, in order, each once."""
    found: dict[str, str] = {}
    for a in task.assignees:
        record = body_record(links.identity(doc, a.name)) if links is not None else None
        if record:
            found.setdefault(record["id"], record["name"])
    return "; ".join(found), "; ".join(found.values())


def tasks_csv(docs: list[Document], links: Links | None = None) -> str:
    """One row per task; the caller writes it with a BOM (utf-8-sig) for spreadsheets."""
    return csv_text(TASK_COLUMNS, _task_rows(docs, links))


BOM = "\ufeff"  # written as UTF-8, what utf-8-sig puts first: spreadsheets then read the file as UTF-8


def _names(task: Task, *roles: Role) -> str:
    return "; ".join(a.name for a in task.assignees if a.role in roles)


def _task_rows(docs: list[Document], links: Links | None) -> Iterable[list[object]]:
    for doc in sorted(docs, key=lambda d: d.id):
        yield from _document_task_rows(doc, links)


def _kept_task_rows(doc: Document, links: Links | None, memo: files.Memo | files.MemoGroup, inputs: str) -> str:
    """A document's rows of tasks.csv (a row is written alone: the rows of a document are the same text wherever
    they stand), kept by ``memo`` under its ``record_inputs``."""
    return memo.text(("task rows", inputs), lambda: "".join(csv_pieces(None, _document_task_rows(doc, links))))


def _document_task_rows(doc: Document, links: Links | None) -> Iterable[list[object]]:
    for t in doc.facts.tasks:
        yield [
            doc.id, doc.facts.title, doc.url, t.id, t.number, t.section,
            _names(t, Role.LEAD), _names(t, Role.SUPPORT), _names(t, Role.ADDRESSED),
            t.deadline or "", t.deadline_text or "", "; ".join(t.references), t.text,
            doc.facts.number or "", doc.facts.meeting_date or doc.facts.issued_date or "",
            doc.facts.locality or "", doc.facts.issuer or "",
            *_task_bodies(doc, t, links),
            t.status.state if t.status else "", t.status.date if t.status else "",
        ]


# The status file's template: the columns an office fills (tinh_trang, ngay, can_cu, ghi_chu), the ones
# that name the task (van_ban, nhiem_vu, ma_nhiem_vu) and, for the office's eyes only, what the task is.
TEMPLATE_COLUMNS = ["van_ban", "nhiem_vu", "noi_dung", "chu_tri", "thoi_han", "tinh_trang", "ngay", "can_cu",
                    "ghi_chu", "ma_nhiem_vu"]
TEMPLATE_DELIMITER = ";"  # what Excel set to Vietnamese reads and writes
assert set(TEMPLATE_COLUMNS) - {"noi_dung", "chu_tri", "thoi_han"} <= set(STATUS_COLUMNS)


def status_template(docs: list[Document], memo: files.Memo | None = None) -> str:
    """data/tinh-trang-mau.csv: one row per task of the archive, its status empty, for an office to fill in.

    A document is named by its number when no other document has it, else by its id; a task by its
    number when no other task of its document has it, else by its id; ``ma_nhiem_vu`` always gives the id.
    ``memo`` keeps a document's rows under its source, page id and that name (a row is written alone).
    """
    memo = memo or files.Memo(None, "")
    names = _template_names(docs)
    return _template_text(docs, lambda doc: _kept_template_rows(doc, names[doc.id], memo))


def _template_names(docs: list[Document]) -> dict[str, str]:
    """Each document's name in the status file's template (by id): its number when no other document has it,
    else its id."""
    keys = {d.id: number_key(d.facts.number) for d in docs if d.facts.number}  # once each (~4 µs a call)
    numbers = collections.Counter(keys.values())
    return {d.id: d.facts.number if d.id in keys and numbers[keys[d.id]] == 1 else d.id for d in docs}


def _template_text(docs: list[Document], rows: Callable[[Document], str]) -> str:
    """The template: its head, then each document's ``rows``, the oldest document first."""
    pieces = list(csv_pieces(TEMPLATE_COLUMNS, (), TEMPLATE_DELIMITER))
    for doc in sorted(docs, key=lambda d: (d.facts.meeting_date or d.facts.issued_date or "", d.id)):
        pieces.append(rows(doc))
    return "".join(pieces)


def _kept_template_rows(doc: Document, name: str, memo: files.Memo | files.MemoGroup) -> str:
    return memo.text(("template rows", doc.source.name, doc.source.sha256, doc.id, name),
                     lambda: csv_text(None, _template_rows(doc, name), TEMPLATE_DELIMITER))


def _template_rows(doc: Document, name: str) -> Iterator[list[object]]:
    keys = [task_key(t.number) for t in doc.facts.tasks if t.number]
    for t in doc.facts.tasks:
        unique = t.number and keys.count(task_key(t.number)) == 1
        yield [name, t.number if unique else t.id, _summary(t.text), _names(t, *LEADING),
               display_date(t.deadline), "", "", "", "", t.id]


def _summary(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


DATA_DIR = "data"
DOCUMENTS = "documents.json"
TASKS = "tasks.csv"
FEED = "feed.xml"
CALENDAR = "thoi-han.ics"
STATUS_TEMPLATE = "tinh-trang-mau.csv"
BODY_DIR = "co-quan"  # data/co-quan/<id>.ics: the deadlines of one body


def body_calendar_path(body: Body) -> str:
    """Relative to data/."""
    return f"{BODY_DIR}/{body.id}.ics"


def _calendar_bodies(links: Links | None) -> list[Body]:
    """The bodies with a calendar of their own: those given a dated task (``feeds.has_deadlines``, the rule their
    pages link by)."""
    return [b for b in (links.bodies.values() if links is not None else ()) if feeds.has_deadlines(b)]


def data_paths(root: Path, links: Links | None = None) -> list[Path]:
    """The files ``write_data`` writes under ``root/data/``, in its order, known before it writes them: the build
    lists them to MkDocs, whose render starts while they are written (site/build.py)."""
    data_dir = root / DATA_DIR
    return [data_dir / name for name in (DOCUMENTS, TASKS, STATUS_TEMPLATE, FEED, CALENDAR,
                                         *(body_calendar_path(b) for b in _calendar_bodies(links)))]


def write_data(docs: list[Document], root: Path, site_url: str, site_name: str,
               links: Links | None = None, memo: files.Memo | None = None) -> list[Path]:
    """Write the open data under ``root/data/``; ``site_url`` makes the feeds' links absolute. Returns the files
    ``data_paths`` names.

    documents.json and tasks.csv (the contract), the Atom feed of the newest documents, the
    iCalendar of deadlines, and one per body given a dated task (``co-quan/<id>.ics``).
    documents.json is the one published copy of the records (a file per document, the same
    record again, was 17 kB a document); ``python -m build_scripts extract FILE`` gives one. ``memo`` keeps each
    document's record and rows between builds (``record_inputs``).

    A document's pieces (its record, its rows of tasks.csv and of the status file's template, its calendar events)
    are made together, in one pass over the documents that writes documents.json and tasks.csv side by side, and
    kept in one file (``files.Memo.group``, under its source, page id and address and the site's address): a
    cold build at 1,000 texts created ~3,400 cache files for them, one for each piece (~0.2 ms of CPU each), and
    a rebuild reads one file a document where it read three or four.
    """
    data_dir = root / DATA_DIR
    (data_dir / BODY_DIR).mkdir(parents=True, exist_ok=True)
    written = []

    def write(name: str, content: bytes) -> None:  # each file as it is made: the build holds one at a time
        written.append(files.write(data_dir / name, content))

    memo = memo or files.Memo(None, "")
    inputs = {d.id: record_inputs(d, links) for d in docs}
    calendars = feeds.Calendars(site_url, site_name, feeds.newest_date(docs), memo, inputs)
    names = _template_names(docs)
    template: dict[str, str] = {}  # each document's rows, put in the template's order below
    with files.PiecesFile(data_dir / DOCUMENTS) as records, files.PiecesFile(data_dir / TASKS) as tasks:
        records.write(_documents_head(docs))
        tasks.write(BOM + "".join(csv_pieces(TASK_COLUMNS, ())))
        for i, doc in enumerate(sorted(docs, key=lambda d: d.id)):
            with memo.group(("document data", site_url, f"{doc.source.name}\0{doc.source.sha256}\0{doc.id}\0"
                                                        f"{doc.url}")) as kept:
                records.write((",\n" if i else "") + _kept_record(doc, links, kept, inputs[doc.id]))
                tasks.write(_kept_task_rows(doc, links, kept, inputs[doc.id]))
                template[doc.id] = _kept_template_rows(doc, names[doc.id], kept)
                calendars.add(doc, kept)
        records.write(_documents_tail(docs))
    written += [data_dir / DOCUMENTS, data_dir / TASKS]
    write(STATUS_TEMPLATE, _template_text(docs, lambda doc: template.pop(doc.id)).encode("utf-8-sig"))
    write(FEED, feeds.atom_feed(docs, site_url, site_name, f"{DATA_DIR}/{FEED}", memo))
    write(CALENDAR, calendars.archive(docs))
    for body in _calendar_bodies(links):
        write(body_calendar_path(body), calendars.body(body))
    return written
