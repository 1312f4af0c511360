"""The office's status file: what became of each task, as the office itself reports it.

An office keeps ``tinh-trang.csv`` in the source folder (or names a file with ``build --status``):
one row per report on a task, several rows for one task being its history. It is written by
hand or in a spreadsheet, so it is read liberally:

- UTF-8 with or without a BOM (or any encoding ``read.decode`` recognises), separated by commas,
  semicolons (Vietnamese Excel) or tabs, whichever the header row is written with ("sep=;" too);
- header names with or without diacritics, in any case, words joined by spaces, "_" or "-";
- the document by its number in either style ("215-TB/ThU", "215/TB-ThU"), its id or its source
  file's name; the task by its number as printed ("1.a", "III.2") or its id;
- states with or without diacritics, in any case; dates dd/mm/yyyy, d/m/yyyy or ISO.

And strictly: a row that cannot be read with certainty (an unknown document or task, a state
outside the three, an unreadable date, a repeated report, a link of another scheme than http(s))
gets an error naming the file and its line and is left out; every other row is used.

Nothing here decides what a task's state is: the status comes from the office's file alone.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..model import Diagnostic, Document, StatusEntry, Task, TaskStatus
from ..status_terms import (
    COLUMNS,
    DOING,
    DONE,
    NOT_STARTED,
    STATES,
    number_key,
    task_key,
)
from ..vietnamese import display_date, fold, iso_date
from . import sources
from .read import ReadError, decode, normalise

FILE_NAME = sources.STATUS_FILE
is_status_file = sources.is_status_file  # a control file of the source folder (sources.py)
MAX_BYTES = 32 * 1024 * 1024  # a status file larger than this is not one


REQUIRED = ("van_ban", "nhiem_vu", "tinh_trang", "ngay")
# what the published template adds for the office's eyes; read by no one
INFORMATIVE = ("noi_dung", "chu_tri", "thoi_han", "tom_tat", "co_quan_chu_tri", "phoi_hop")

_STATE_WORDS = {"da hoan thanh": DONE, "hoan thanh": DONE, "dang thuc hien": DOING, "chua thuc hien": NOT_STARTED}
# a word for a schemed URL: any "name://", and the schemes a link could be made of without "//"
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):(//)?", re.IGNORECASE)
_BARE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file", "mailto", "tel", "sms", "ftp", "about",
                           "blob", "filesystem", "ws", "wss", "jar", "view-source", "intent", "callto", "skype"})
_DMY = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})")
_YMD = re.compile(r"(\d{4})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})")
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_SYMBOL = re.compile(r"\d+(?:\s*[-/]\s*[0-9A-Za-zÀ-ỹĐđÐð]+)+")
# invisible characters a pasted cell may carry: controls (but the line break), bidirectional overrides
_HIDDEN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


# --- reading the file ----------------------------------------------------------------------


@dataclass
class StatusFile:
    """What a status file gave: the reports, and what was wrong with the rest."""

    name: str
    reports: dict[str, list[StatusEntry]] = field(default_factory=dict)  # task id -> its reports, by line
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rows: int = 0  # rows that report something (blank rows and untouched template rows are not counted)
    left_out: int = 0

    @property
    def used(self) -> int:
        return self.rows - self.left_out

    def error(self, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.name, line, message, "error"))

    def warning(self, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.name, line, message, "warning"))


def _key(text: str) -> str:
    """A name as compared: folded, lower case, runs of spaces, "_" and "-" as one "_"."""
    return re.sub(r"[\s_\-]+", "_", fold(text).casefold()).strip("_")


def _clean(cell: str) -> str:
    """A cell's text: hidden characters out, spaces trimmed, Excel's leading "'" (text marker) dropped."""
    text = _HIDDEN.sub("", cell).strip()
    if text.startswith("'") and len(text) > 1:
        text = text[1:].strip()
    return unicodedata.normalize("NFC", text)


def _header_key(cell: str) -> str:
    text = re.sub(r"\(.*?\)|\[.*?\]", "", _clean(cell)).strip(" *:.")
    return _key(text)


def _column_of(header: str) -> str | None:
    key = _header_key(header)
    return next((col for col, names in COLUMNS.items() if key in names), None)


def _delimiter(text: str) -> tuple[str, int]:
    """The separator the header row is written with, and how many lines precede the header ("sep=;")."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    hint = re.fullmatch(r"\s*sep=(.)\s*", lines[first] if lines else "", re.IGNORECASE)
    if hint:
        return hint.group(1), first + 1
    header = lines[first] if lines else ""

    def score(sep: str) -> tuple[int, int]:
        cells = next(csv.reader([header], delimiter=sep), [])
        return sum(_column_of(c) is not None for c in cells), len(cells)

    return max((",", ";", "\t"), key=score), first


def _state(value: str) -> str | None:
    key = " ".join(re.sub(r"[\s_\-.,;:!]+", " ", fold(value).casefold()).split())
    return _STATE_WORDS.get(key)


def parse_date(value: str) -> str | None:
    """ISO date of "15/01/2024", "5/1/2024", "15-01-2024", "2024-01-15" (a time after it is ignored); else None."""
    text = re.sub(r"^(?:ngày|ngay)\s+", "", value.strip(), flags=re.IGNORECASE)
    m = re.fullmatch(_DMY.pattern + _TIME, text)
    if m:
        return iso_date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    m = re.fullmatch(_YMD.pattern + _TIME, text)
    if m:
        return iso_date(int(m.group(4)), int(m.group(3)), int(m.group(1)))
    return None


class _Archive:
    """The archive's documents and tasks, indexed every way a row may name them. Every lookup a reading makes is
    noted in ``asked`` (index, key): a reading depends on the archive through those lookups alone (and the facts of
    what they found), so that it holds on any archive where they give the same (``lookups``)."""

    def __init__(self, docs: list[Document], copies: dict[str, list[str]], tasks: set[str] | None = None):
        """``tasks``: the (folded) task ids to index, all when None: the check of a kept reading (``lookups``)
        needs those its rows asked for, where a tuple for each of 18,800 tasks was most of its time."""
        self.asked: set[tuple[str, str]] = set()
        self.by_id = {d.id.casefold(): d for d in docs}
        self.by_file: dict[str, Document] = {}
        self.by_number: dict[str, list[Document]] = defaultdict(list)
        self.task_by_id: dict[str, tuple[Document, Task]] = {}
        for d in docs:
            names = [d.source.name, *copies.get(d.source.name, [])]
            for name in names:
                base = name.rsplit("/", 1)[-1]
                stem = base.rsplit(".", 1)[0] if "." in base else base
                for form in (name, base, stem):
                    self.by_file.setdefault(_key(form), d)
            if d.facts.number:
                self.by_number[number_key(d.facts.number)].append(d)
            for t in d.facts.tasks:
                folded = t.id.casefold()
                if tasks is None or folded in tasks:
                    self.task_by_id[folded] = (d, t)
        self._indexes: dict[str, dict] = {"id": self.by_id, "file": self.by_file, "number": self.by_number,
                                          "task": self.task_by_id}

    def find(self, index: str, key: str):
        """What ``index`` ("id", "file", "number" or "task") holds under ``key`` (None), noted in ``asked``."""
        self.asked.add((index, key))
        return self._indexes[index].get(key)

    def document(self, value: str) -> tuple[Document | None, str]:
        """The document a cell names, or None and why."""
        if d := self.find("id", value.casefold()):
            return d, ""
        if d := self.find("file", _key(value)):
            return d, ""
        found = self.find("number", number_key(value)) or []
        if len(found) == 1:
            return found[0], ""
        if found:
            ids = ", ".join(d.id for d in found)
            return None, (f"several documents have the number '{value}' ({ids}): write the document's id "
                          "(the end of its page's address) or its file name instead")
        return None, (f"unknown document '{value}': no document of the archive has this number, id or file name")

    def task(self, doc: Document, value: str) -> tuple[Task | None, str]:
        folded = value.casefold()
        for t in doc.facts.tasks:
            if folded in (t.id.casefold(), t.anchor.casefold()):
                return t, ""
        key = task_key(value)
        found = [t for t in doc.facts.tasks if t.number and task_key(t.number) == key]
        if len(found) == 1:
            return found[0], ""
        label = doc.facts.number or doc.id
        if found:
            ids = ", ".join(t.id for t in found)
            return None, f"several tasks of {label} are numbered '{value}' ({ids}): write the task's id instead"
        numbers = ", ".join(t.number or t.id for t in doc.facts.tasks[:12])
        more = " ..." if len(doc.facts.tasks) > 12 else ""
        known = f"its tasks are {numbers}{more}" if doc.facts.tasks else "it has no task"
        return None, f"unknown task '{value}' of {label}: {known}"

    def linked(self, text: str) -> Document | None:
        """The archived document an evidence cell names: the whole cell, or a number in it."""
        d, _ = self.document(text)
        if d is not None:
            return d
        for m in _SYMBOL.finditer(text):
            found = self.find("number", number_key(m.group(0))) or []
            if len(found) == 1:
                return found[0]
        return None


def _evidence(value: str, archive: _Archive) -> tuple[str | None, str]:
    """The link an evidence cell makes (an http(s) URL, or the page of an archived document), or a problem."""
    if not value:
        return None, ""
    m = _SCHEME.match(value)
    if m and (m.group(2) or m.group(1).casefold() in _BARE_SCHEMES):
        scheme = m.group(1).casefold()
        if scheme not in ("http", "https"):
            return None, (f"the evidence is a link of the scheme '{scheme}:', which is not shown: only web "
                          "addresses (http:// or https://) are linked")
        parts = urlsplit(value)
        if not parts.netloc or re.search(r"\s", value):
            return None, f"the evidence '{value}' is not a web address (no host, or spaces in it)"
        return value, ""
    doc = archive.linked(value)
    return (doc.url if doc else None), ""


def decode_status(name: str, data: bytes) -> tuple[str, list[Diagnostic]]:
    """The file's text; raises ReadError (empty, binary, not a text) like a source."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
        raise ReadError(name, "is a spreadsheet file (.xlsx, .xls or .ods), not CSV text: in the spreadsheet "
                        "program choose Save As, \u201cCSV UTF-8\u201d, and name it tinh-trang.csv; not read")
    decoded = decode(name, data)
    notes = [Diagnostic(name, line, message, "warning") for line, message in decoded.notes]
    return normalise(decoded.text), notes


def _facts(d: Document) -> tuple:
    """All a reading reads of a document it found (``_row``, ``_which_task``, ``_Archive.task``): its id and page,
    number, dates, and each task's id, anchor and number."""
    return (d.id, d.url, d.facts.number, d.facts.issued_date, d.facts.meeting_date,
            tuple((t.id, t.anchor, t.number) for t in d.facts.tasks))


def lookups(docs: list[Document], copies: dict[str, list[str]] | None, asked: Iterable[tuple[str, str]]) -> bytes:
    """What the lookups ``asked`` (``read_traced``) give on this archive, with the facts of each document found:
    a reading made where they gave the same bytes is the reading here, row for row. A new document, or one changed,
    that no row names (by id, file name, number or task id, nor a number in an evidence cell) leaves them as they
    were; one a row names, or now could, changes them."""
    asked = sorted(asked)
    archive = _Archive(docs, copies or {}, {key for index, key in asked if index == "task"})
    facts: dict[int, str] = {}

    def of(d: Document) -> str:
        if id(d) not in facts:  # repr, not pickle: the same facts give the same text, whatever objects hold them
            facts[id(d)] = hashlib.sha256(repr(_facts(d)).encode("utf-8", "surrogateescape")).hexdigest()
        return facts[id(d)]

    out = []
    for index, key in asked:
        found = archive.find(index, key)
        if index == "number":
            found = [of(d) for d in found or ()]
        elif index == "task":
            found = None if found is None else (of(found[0]), found[1].id)
        elif found is not None:
            found = of(found)
        out.append((index, key, found))
    return repr(out).encode("utf-8", "surrogateescape")


def read_status(name: str, data: bytes, docs: list[Document], copies: dict[str, list[str]] | None = None
                ) -> StatusFile:
    """Read a status file against the archive: its reports by task, and a diagnostic for each row left out."""
    return read_traced(name, data, docs, copies)[0]


def read_traced(name: str, data: bytes, docs: list[Document], copies: dict[str, list[str]] | None = None
                ) -> tuple[StatusFile, set[tuple[str, str]]]:
    """``read_status``, and the lookups it made in the archive (``lookups`` tells whether they still hold)."""
    out = StatusFile(name)
    try:
        text, notes = decode_status(name, data)
    except ReadError as exc:
        out.diagnostics.append(exc.diagnostic())
        return out, set()
    out.diagnostics += notes
    sep, skip = _delimiter(text)
    lines = text.split("\n")
    reader = csv.reader(io.StringIO("\n".join(lines[skip:]), newline=""), delimiter=sep)
    header = next(reader, None)
    header_line = skip + 1
    if not header or not any(c.strip() for c in header):
        out.error(None, "has no header row: its first line must name the columns "
                  + ", ".join(REQUIRED) + " (and can_cu, ghi_chu)")
        return out, set()
    columns: dict[str, int] = {}
    for i, cell in enumerate(header):
        col = _column_of(cell)
        if col is None:
            if _clean(cell) and _header_key(cell) not in INFORMATIVE:
                out.warning(header_line, f"the column '{_clean(cell)}' is not one the build reads: ignored "
                            f"(the columns are {', '.join(COLUMNS)})")
        elif col in columns:
            out.warning(header_line, f"the column '{_clean(cell)}' repeats {col}: the first one is read")
        else:
            columns[col] = i
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        found = ", ".join(f"'{_clean(c)}'" for c in header if _clean(c))
        out.error(header_line, f"has no column {', '.join(missing)} (its header row names {found or 'nothing'}; "
                  f"separator read as {'tab' if sep == chr(9) else repr(sep)}): no row is read")
        return out, set()
    archive = _Archive(docs, copies or {})
    seen: dict[tuple[str, str], int] = {}
    line = header_line + 1
    for row in reader:
        start, line = line, skip + reader.line_num + 1
        cells = {col: _clean(row[i]) if i < len(row) else "" for col, i in columns.items()}
        entry = _row(out, archive, start, cells, seen)
        if entry is not None:
            out.reports.setdefault(entry[0], []).append(entry[1])
    return out, archive.asked


def _row(out: StatusFile, archive: _Archive, line: int, cells: dict[str, str],
         seen: dict[tuple[str, str], int]) -> tuple[str, StatusEntry] | None:
    """One row: (task id, report), or None when it is blank, an untouched template row, or left out."""
    get = cells.get
    if not any(cells.values()):
        return None
    if not get("tinh_trang") and not get("ngay") and not get("can_cu") and not get("ghi_chu"):
        return None  # a row of the template the office has not filled in
    out.rows += 1
    problems: list[str] = []
    doc, task = _which_task(archive, cells, problems)
    state = _state(get("tinh_trang", ""))
    if not get("tinh_trang"):
        problems.append("no state (tinh_trang): write " + ", ".join(f"'{s}'" for s in STATES))
    elif state is None:
        raw = get("tinh_trang", "")
        why = (" (whether a task is overdue is worked out from its deadline: write the state it is in)"
               if _key(raw) in ("qua_han", "tre_han", "cham") else "")
        problems.append(f"unknown state '{raw}'{why}: write one of " + ", ".join(f"'{s}'" for s in STATES)
                        + " (with or without diacritics)")
    date = parse_date(get("ngay", "")) if get("ngay") else None
    if not get("ngay"):
        problems.append("no date (ngay): write the date of the report, dd/mm/yyyy")
    elif date is None:
        problems.append(f"unreadable date '{get('ngay')}': write it dd/mm/yyyy (15/01/2024) or yyyy-mm-dd")
    url, problem = _evidence(get("can_cu", ""), archive)
    if problem:
        problems.append(problem)
    if problems or task is None or doc is None or state is None or date is None:
        out.error(line, "; ".join(problems) + ": row left out")
        out.left_out += 1
        return None
    earlier = seen.get((task.id, date))
    if earlier is not None:
        out.error(line, f"task {task.number or task.id} of {doc.facts.number or doc.id} already has a report "
                  f"dated {display_date(date)} (line {earlier}): row left out")
        out.left_out += 1
        return None
    seen[(task.id, date)] = line
    issued = doc.facts.issued_date or doc.facts.meeting_date
    if issued and len(issued) == 10 and date < issued:
        out.warning(line, f"the report's date {display_date(date)} is before the document's own date "
                    f"({display_date(issued)}): check the date")
    entry = StatusEntry(state=state, date=date, evidence=get("can_cu") or None, note=get("ghi_chu") or None,
                        evidence_url=url, line=line)
    return task.id, entry


def _which_task(archive: _Archive, cells: dict[str, str], problems: list[str]
                ) -> tuple[Document | None, Task | None]:
    """The row's document and task, from van_ban and nhiem_vu (or ma_nhiem_vu, the template's task id)."""
    doc_cell, number, task_id = cells.get("van_ban", ""), cells.get("nhiem_vu", ""), cells.get("ma_nhiem_vu", "")
    by_id = archive.find("task", (number or task_id).casefold())
    doc: Document | None = None
    if doc_cell:
        doc, why = archive.document(doc_cell)
        if doc is None:
            problems.append(why)
            return None, None
    elif by_id is None:
        problems.append("no document (van_ban): write its number, id or file name")
        return None, None
    if by_id is not None and (doc is None or by_id[0] is doc):
        doc, task = by_id
    elif not number and not task_id:
        problems.append("no task (nhiem_vu): write its number as printed (1.a, III.2) or its id")
        return doc, None
    else:
        task, why = archive.task(doc, number or task_id)
        if task is None:
            problems.append(why)
            return doc, None
    if number and task_id and task.id.casefold() != task_id.casefold():
        problems.append(f"nhiem_vu '{number}' is task {task.number or task.id}, but ma_nhiem_vu names {task_id}: "
                        "which one? (a spreadsheet may have turned a number such as 1.10 into 1.1)")
        return doc, None
    return doc, task


# --- applying it ------------------------------------------------------------------------------


def statuses(reports: dict[str, list[StatusEntry]]) -> dict[str, TaskStatus]:
    """Each task's status: its latest report, and the earlier ones, oldest first, as its history."""
    out = {}
    for task_id, entries in reports.items():
        ordered = sorted(entries, key=lambda e: (e.date, e.line or 0))
        out[task_id] = TaskStatus(current=ordered[-1], history=tuple(ordered[:-1]))
    return out


def apply(docs: Iterable[Document], status: StatusFile | None) -> int:
    """Set every task's status from the file (None where it says nothing); returns how many tasks have one."""
    found = statuses(status.reports) if status else {}
    count = 0
    for doc in docs:
        for task in doc.facts.tasks:
            task.status = found.get(task.id)
            count += task.status is not None
    return count
