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
from .model import Body, Document, Task
from .safe_text import csv_row, json_dumps

SCHEMA = 1


def task_record(task: Task) -> dict:
    return {
        "id": task.id,
        "number": task.number,
        "section": task.section,
        "text": task.text,
        "assignees": [asdict(a) for a in task.assignees],
        "deadline": task.deadline,
        "deadline_text": task.deadline_text,
        "references": list(task.references),
        "anchor": task.anchor,
    }


def document_record(doc: Document) -> dict:
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
        "tasks": [task_record(t) for t in f.tasks],
        "warnings": doc.warnings,
        "format": doc.source.format,
        "ocr_confidence": doc.source.ocr_confidence,
    }


def dumps(data: object) -> str:
    """JSON as every data file writes it: letters as they are, hidden characters escaped (safe_text.py)."""
    return json_dumps(data, indent=2) + "\n"


def documents_json(docs: list[Document]) -> str:
    records = [document_record(d) for d in sorted(docs, key=lambda d: d.id)]
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
]


def csv_text(header: list[str], rows: Iterable[list[object]]) -> str:
    """Every CSV we publish: no cell that a spreadsheet would run as a formula (safe_text.csv_cell)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(csv_row(header))
    writer.writerows(csv_row(row) for row in rows)
    return buf.getvalue()


def tasks_csv(docs: list[Document]) -> str:
    """One row per task; the caller writes it with a BOM (utf-8-sig) for spreadsheets."""
    return csv_text(TASK_COLUMNS, _task_rows(docs))


def _task_rows(docs: list[Document]) -> Iterable[list[object]]:
    for doc in sorted(docs, key=lambda d: d.id):
        for t in doc.facts.tasks:
            def names(role: str, task: Task = t) -> str:
                return "; ".join(a.name for a in task.assignees if a.role == role)

            yield [
                doc.id, doc.facts.title, doc.url, t.id, t.number, t.section,
                names("chủ trì"), names("phối hợp"), names("thực hiện"),
                t.deadline or "", t.deadline_text or "", "; ".join(t.references), t.text,
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
               bodies: Iterable[Body] = ()) -> list[Path]:
    """Write the open data under ``root/data/``; ``site_url`` makes the feeds' links absolute.

    documents.json and tasks.csv (the contract), one JSON record per document, the Atom
    feed of the newest documents, the iCalendar of deadlines, and one per body given a
    dated task (``co-quan/<id>.ics``).
    """
    data_dir = root / DATA_DIR
    for folder in (DOCUMENT_DIR, BODY_DIR):
        (data_dir / folder).mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "documents.json": documents_json(docs).encode("utf-8"),
        "tasks.csv": tasks_csv(docs).encode("utf-8-sig"),
        FEED: feeds.atom_feed(docs, site_url, site_name, f"{DATA_DIR}/{FEED}"),
        CALENDAR: feeds.deadlines_calendar(docs, site_url, site_name),
    }
    for doc in docs:
        files[f"{DOCUMENT_DIR}/{doc.id}.json"] = dumps(document_record(doc)).encode("utf-8")
    newest = feeds.newest_date(docs)
    for body in bodies:
        if feeds.has_deadlines(body):
            files[body_calendar_path(body)] = feeds.body_calendar(body, site_url, site_name, newest)
    written = []
    for name, content in files.items():
        path = data_dir / name
        path.write_bytes(content)
        written.append(path)
    return written
