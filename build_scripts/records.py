"""The open-data writer: the model -> records of spec/archive-data.md.

``documents.json``, ``tasks.csv`` and ``python -m build_scripts extract`` all
come from ``document_record``, so the three can never disagree.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from . import feeds
from .model import Body, BodyGroup, Document, Links, Role, Task
from .safe_text import csv_row, json_dumps

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
        "assignees": [{**asdict(a), "body": body(a.name)} for a in task.assignees],
        "deadline": task.deadline,
        "deadline_text": task.deadline_text,
        "references": list(task.references),
        "anchor": task.anchor,
    }


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


def documents_json(docs: list[Document], links: Links | None = None) -> str:
    records = [document_record(d, links) for d in sorted(docs, key=lambda d: d.id)]
    return dumps({"schema": SCHEMA, "count": len(records), "documents": records})


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
]


def csv_text(header: list[str], rows: Iterable[list[object]]) -> str:
    """Every CSV we publish: no cell that a spreadsheet would run as a formula (safe_text.csv_cell)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(csv_row(header))
    writer.writerows(csv_row(row) for row in rows)
    return buf.getvalue()


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


def _task_rows(docs: list[Document], links: Links | None) -> Iterable[list[object]]:
    for doc in sorted(docs, key=lambda d: d.id):
        for t in doc.facts.tasks:
            def names(role: str, task: Task = t) -> str:
                return "; ".join(a.name for a in task.assignees if a.role == role)

            yield [
                doc.id, doc.facts.title, doc.url, t.id, t.number, t.section,
                names(Role.LEAD), names(Role.SUPPORT), names(Role.ADDRESSED),
                t.deadline or "", t.deadline_text or "", "; ".join(t.references), t.text,
                doc.facts.number or "", doc.facts.meeting_date or doc.facts.issued_date or "",
                doc.facts.locality or "", doc.facts.issuer or "",
                *_task_bodies(doc, t, links),
            ]


DATA_DIR = "data"
DOCUMENT_DIR = "van-ban"  # data/van-ban/<id>.json: one document's record
FEED = "feed.xml"
CALENDAR = "thoi-han.ics"
BODY_DIR = "co-quan"  # data/co-quan/<id>.ics: the deadlines of one body


def body_calendar_path(body: Body) -> str:
    """Relative to data/."""
    return f"{BODY_DIR}/{body.id}.ics"


def write_data(docs: list[Document], root: Path, site_url: str, site_name: str,
               links: Links | None = None) -> list[Path]:
    """Write the open data under ``root/data/``; ``site_url`` makes the feeds' links absolute.

    documents.json and tasks.csv (the contract), one JSON record per document, the Atom
    feed of the newest documents, the iCalendar of deadlines, and one per body given a
    dated task (``co-quan/<id>.ics``).
    """
    data_dir = root / DATA_DIR
    for folder in (DOCUMENT_DIR, BODY_DIR):
        (data_dir / folder).mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "documents.json": documents_json(docs, links).encode("utf-8"),
        "tasks.csv": tasks_csv(docs, links).encode("utf-8-sig"),
        FEED: feeds.atom_feed(docs, site_url, site_name, f"{DATA_DIR}/{FEED}"),
        CALENDAR: feeds.deadlines_calendar(docs, site_url, site_name),
    }
    for doc in docs:
        files[f"{DOCUMENT_DIR}/{doc.id}.json"] = dumps(document_record(doc, links)).encode("utf-8")
    newest = feeds.newest_date(docs)
    for body in (links.bodies.values() if links is not None else ()):
        if feeds.has_deadlines(body):
            files[body_calendar_path(body)] = feeds.body_calendar(body, site_url, site_name, newest)
    written = []
    for name, content in files.items():
        path = data_dir / name
        path.write_bytes(content)
        written.append(path)
    return written
