"""Feeds a reader subscribes to: an Atom feed of the newest documents, an iCalendar of deadlines.

The feed is written with feedgen; the calendars by our own RFC 5545 writer (icalendar's line
folding took 37 s of a 250-text build): each event written once and shared by the archive's
calendar and every body's, lines folded at 75 octets on a character's boundary, TEXT values
escaped. Every text is made to fit its format first (safe_text.py: a character XML cannot hold
is replaced, in the feed only), and both are reproducible: every time in them comes from the
documents' own dates, none from the clock of the machine that builds.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache

from .. import files
from ..model import Body, Document, Role, Task
from ..safe_text import ics_text, xml_text
from ..status_terms import DONE
from ..vietnamese import display_count, display_date

FEED_SIZE = 50  # entries in the Atom feed: the newest documents, so the file does not grow with the archive
VIETNAM = timezone(timedelta(hours=7), "ICT")  # a document's date is a day in Vietnam
LINE_OCTETS = 75  # RFC 5545: a content line's length, CRLF excluded
SUMMARY_CHARS = 90  # of a task's text in a calendar event's title
WHO_CHARS = 120  # of the bodies named in an event
# the component a calendar with no event holds (RFC 5545 §3.6 wants one): Vietnam's zone, +07:00 since 1975
VIETNAM_ZONE = ("BEGIN:VTIMEZONE", "TZID:Asia/Ho_Chi_Minh", "BEGIN:STANDARD", "DTSTART:19750613T000000",
                "TZOFFSETFROM:+0700", "TZOFFSETTO:+0700", "TZNAME:ICT", "END:STANDARD", "END:VTIMEZONE")


def document_date(doc: Document) -> date | None:
    """The day that places a document in time: its meeting, else its issue date (full dates only)."""
    for value in (doc.facts.meeting_date, doc.facts.issued_date):
        if value and len(value) == 10:
            return date.fromisoformat(value)
    return None


def newest_date(docs: list[Document]) -> date | None:
    return max(filter(None, map(document_date, docs)), default=None)


# --- Atom -------------------------------------------------------------------------------------


def _entry_summary(doc: Document) -> str:
    f = doc.facts
    parts = [
        f.type, f"số {f.number}" if f.number else None, f.issuer, f.locality,
        f"ngày {display_date(f.meeting_date or f.issued_date)}" if (f.meeting_date or f.issued_date) else None,
        f"{display_count(len(f.tasks))} nhiệm vụ được giao" if f.tasks else None,
    ]
    return "; ".join(p for p in parts if p) + "."


def atom_feed(docs: list[Document], site_url: str, site_name: str, feed_path: str,
              memo: files.Memo | None = None) -> bytes:
    """The newest dated documents, newest first; an undated document has no place in time, so none here. ``memo``
    keeps the feed under what its entries are made of: a rebuild whose newest documents are the same does not
    make it again."""
    dated = sorted(((document_date(d), d) for d in docs if document_date(d)), key=lambda x: (x[0], x[1].id),
                   reverse=True)[:FEED_SIZE]
    if memo is None or memo.folder is None:
        return _atom_feed(dated, site_url, site_name, feed_path)
    parts = ["atom feed", site_url, site_name, feed_path]
    for day, doc in dated:
        f = doc.facts
        parts += [day.isoformat(), doc.id, doc.url, f.title or "", f.issued_date or "", f.issuer or "",
                  _entry_summary(doc), f.type or "", f.locality or ""]
    return memo.text(parts, lambda: _atom_feed(dated, site_url, site_name, feed_path).decode("utf-8")).encode("utf-8")


ATOM = "http://www.w3.org/2005/Atom"


def _atom_feed(dated: list[tuple[date, Document]], site_url: str, site_name: str, feed_path: str) -> bytes:
    """The feed's XML (Atom, RFC 4287), written out element by element. It was feedgen's (with lxml): the same
    elements in the same order, without feedgen's ``generator``; importing the two took ~5 MB of the build's
    memory at its peak (a cold build writes the data files beside the search index's merge)."""
    out = ["<?xml version='1.0' encoding='UTF-8'?>", f'<feed xmlns="{ATOM}" xml:lang="vi">']

    def add(depth: int, tag: str, text: str | None = None, **attributes: str) -> None:
        attrs = "".join(f' {name}="{_xml(value, attribute=True)}"' for name, value in attributes.items())
        pad = "  " * depth
        out.append(f"{pad}<{tag}{attrs}/>" if text is None else f"{pad}<{tag}{attrs}>{_xml(text)}</{tag}>")

    newest = dated[0][0] if dated else date(1970, 1, 1)
    add(1, "id", site_url)
    add(1, "title", f"{site_name}: văn bản mới")
    add(1, "updated", _atom_date(newest))
    add(1, "link", href=site_url, rel="alternate", type="text/html")
    add(1, "link", href=site_url + feed_path, rel="self", type="application/atom+xml")
    add(1, "subtitle", "Các kết luận, thông báo kết luận mới nhất trong kho lưu trữ.")
    for day, doc in dated:
        url = site_url + doc.url
        out.append("  <entry>")
        add(2, "id", url)
        add(2, "title", doc.facts.title or doc.id)
        add(2, "updated", _atom_date(day))
        if doc.facts.issuer:
            out += ["    <author>", f"      <name>{_xml(doc.facts.issuer)}</name>", "    </author>"]
        add(2, "link", href=url)
        add(2, "summary", _entry_summary(doc))
        for term in (doc.facts.type, doc.facts.locality):
            if term:
                add(2, "category", term=term)
        if doc.facts.issued_date and len(doc.facts.issued_date) == 10:
            add(2, "published", _atom_date(date.fromisoformat(doc.facts.issued_date)))
        out.append("  </entry>")
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _atom_date(day: date) -> str:
    """A day as an Atom date: its midnight in Vietnam."""
    return datetime.combine(day, time(), VIETNAM).isoformat()


_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})  # a parser reads a bare \r as \n
_XML_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;",
                                "\r": "&#13;"})


def _xml(text: str, attribute: bool = False) -> str:
    """Text as XML 1.0 can hold it (``xml_text``), escaped for an element's content or an attribute's value."""
    return xml_text(text).translate(_XML_ATTRIBUTE if attribute else _XML_TEXT)


# --- iCalendar ---------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 14)
def due_day(deadline: str) -> date:
    """The last day a deadline allows: "2023-11-30" itself, "2023-11" its last day, "2023" 31 December. Kept per
    deadline: the calendars, the tracker and the dashboard ask for each task's, ~100,000 times at 1,000 texts,
    and an archive has a few thousand distinct deadlines."""
    parts = [int(p) for p in deadline.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], 12, 31)


@lru_cache(maxsize=1 << 14)
def due_iso(deadline: str) -> str:
    """``due_day`` as ISO text ("2024-03" -> "2024-03-31"): the tracker's months and the dashboard's days."""
    return due_day(deadline).isoformat()


def _names(task: Task, role: Role) -> str:
    return ", ".join(a.name for a in task.assignees if a.role == role)


def _short(text: str, size: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0] + " …"


def status_line(task: Task) -> str:
    """"Tình trạng: đang thực hiện (báo cáo ngày 15/01/2024)", from the office's status file."""
    if task.status is None:
        return "Tình trạng: chưa có báo cáo"
    return f"Tình trạng: {task.status.state} (báo cáo ngày {display_date(task.status.date)})"



def _fold(line: str) -> str:
    """RFC 5545 §3.1: a content line of at most 75 octets, continued after CRLF and a space, never cut
    inside a character (a Vietnamese letter takes 2-3 octets)."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return line + "\r\n"
    pieces, start, limit = [], 0, LINE_OCTETS
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation octet: cut before its character
            cut -= 1
        pieces.append(data[start:cut])
        start, limit = cut, LINE_OCTETS - 1  # a continuation line's leading space counts
    pieces.append(data[start:])
    return "\r\n ".join(p.decode("utf-8") for p in pieces) + "\r\n"


_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def _text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line break escaped; controls replaced."""
    return ics_text(value).translate(_TEXT_ESCAPES)


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def _event(doc: Document, task: Task, site_url: str, stamp: str) -> str:
    """A deadline: who, what (the task's first words, in the title: the page, one click away, has the whole
    text; an excerpt in the description as well made every calendar twice the size), by when. The
    description adds what the title does not say (the task's number, each role, the deadline's words, the
    status), not the document the title names again. An all-day event without DTEND lasts its one day
    (RFC 5545 §3.6.1), so none is written."""
    day = due_day(task.deadline)
    who = _short(_names(task, Role.LEAD) or _names(task, Role.ADDRESSED), WHO_CHARS)
    where = doc.facts.number or _short(doc.facts.title or doc.id, 60)
    lines = [f"Nhiệm vụ {task.number}"] if task.number else []
    lines += [f"{role.label}: {_short(_names(task, role), WHO_CHARS)}" for role in Role if _names(task, role)]
    lines += [f"Thời hạn: {task.deadline_text or display_date(task.deadline)}", status_line(task)]
    return "".join(map(_fold, (
        "BEGIN:VEVENT",
        f"UID:{_text(task.id)}@luu-tru-ket-luan",  # a task's id starts with its document's
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_day(day)}",
        "SUMMARY:" + _text(f"Hạn: {who + ' — ' if who else ''}{_short(task.text)} ({where})"),
        "DESCRIPTION:" + _text("\n".join(lines)),
        f"URL:{site_url}{doc.url}#{task.anchor}",
        "TRANSP:TRANSPARENT",  # a deadline is not a busy hour
        "END:VEVENT",
    )))


class Calendars:
    """The archive's calendars, each event written once: the archive's calendar and every body's share them."""

    def __init__(self, site_url: str, site_name: str, stamp: date | None, memo: files.Memo | None = None,
                 inputs: dict[str, str] | None = None) -> None:
        """``stamp`` is the archive's newest document's date (``newest_date``): it dates the events and starts
        the deadlines to follow (``first_day_to_follow``). ``memo`` keeps each document's events between builds
        under ``inputs`` (by document id: what its model is made of, ``records.record_inputs``), the site's
        address and the stamp."""
        self.site_url, self.site_name = site_url, site_name
        # DTSTAMP: the archive's newest date, never the clock, so that two builds give the same files
        self.stamp = datetime.combine(stamp or date(1970, 1, 1), time(), UTC).strftime("%Y%m%dT%H%M%SZ")
        self.since = first_day_to_follow(stamp)  # the same day for the archive's calendar and every body's
        self.memo, self.inputs = memo or files.Memo(None, ""), inputs or {}
        self._events: dict[str, bytes] = {}  # kept as the files take them: UTF-8 is half the size of the str

    def event(self, doc: Document, task: Task) -> bytes:
        if task.id not in self._events:
            self._events.update(self._document_events(doc, self.memo))
        return self._events[task.id]

    def add(self, doc: Document, memo: files.Memo | files.MemoGroup) -> None:
        """The events of a document that a calendar will ask for (a deadline to follow, ``to_follow``), made now and
        kept by ``memo`` (the group of the document's pieces, ``records.write_data``)."""
        if any(to_follow(t, self.since) for t in doc.facts.tasks):
            self._events.update(self._document_events(doc, memo))

    def _document_events(self, doc: Document, memo: files.Memo | files.MemoGroup) -> dict[str, bytes]:
        """The events of a document's dated tasks, made together (an iCalendar text holds no NUL: ``_text``)."""
        dated = [t for t in doc.facts.tasks if t.deadline]

        def make() -> str:
            return "\0".join(_event(doc, t, self.site_url, self.stamp) for t in dated)
        key = self.inputs.get(doc.id)
        made = memo.text(("events", self.site_url, self.stamp, key), make) if key else make()
        return {t.id: e.encode("utf-8") for t, e in zip(dated, made.split("\0") if dated else [], strict=True)}

    def calendar(self, pairs: Iterable[tuple[Document, Task]], name: str) -> bytes:
        """One all-day event per task with a deadline, on the last day the deadline allows, linking to the task."""
        head = [f"PRODID:{_text(f'-//{name}//VI')}", "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                # an X- property is read as written (calendar apps, icalendar): no TEXT escapes, one line
                "X-WR-CALNAME:" + " ".join(ics_text(name).split("\n")), "X-WR-TIMEZONE:Asia/Ho_Chi_Minh"]
        out = [b"BEGIN:VCALENDAR\r\n", *(_fold(line).encode("utf-8") for line in head)]
        seen = set()
        for doc, task in sorted(pairs, key=lambda p: p[0].id):  # stable: each document's tasks stay in order
            if task.deadline and task.id not in seen:
                seen.add(task.id)
                out.append(self.event(doc, task))
        if not seen:  # RFC 5545 §3.6: a calendar holds at least one component; one with no deadline, its zone
            out.append("".join(map(_fold, VIETNAM_ZONE)).encode("utf-8"))
        out.append(b"END:VCALENDAR\r\n")
        return b"".join(out)

    def archive(self, docs: list[Document]) -> bytes:
        """The deadlines still to follow (``to_follow``): the whole archive's (~110 MB at 10,000 texts) is more
        than a calendar application subscribes to; the tracker holds them all."""
        return self.calendar(((doc, task) for doc in docs for task in doc.facts.tasks
                              if to_follow(task, self.since)), f"{self.site_name}: thời hạn nhiệm vụ")

    def body(self, body: Body) -> bytes:
        """The deadlines still to follow (``to_follow``, from the archive's day) of the tasks given to one body, to
        lead, support or carry out: what an office subscribes to. Its whole history is on its page and in the
        tracker filtered to it (every dated task was 14.8 kB a document)."""
        return self.calendar(((a.doc, a.task) for a in body.assignments if to_follow(a.task, self.since)),
                             f"{self.site_name}: thời hạn nhiệm vụ của {body.name}"
                             f"{' (' + body.locality + ')' if body.locality else ''}")


def first_day_to_follow(newest: date | None) -> date | None:
    """1 January of the year before the newest document's date: the calendars start there. From the documents,
    as the feeds' dates, so that two builds agree and nothing depends on the clock."""
    return date(newest.year - 1, 1, 1) if newest else None


def follow_since(docs: list[Document]) -> date | None:
    return first_day_to_follow(newest_date(docs))


def to_follow(task: Task, since: date | None) -> bool:
    """A deadline still to follow: not reported done, and due on or after ``since`` (None: any day)."""
    if not task.deadline or (task.status is not None and task.status.state == DONE):
        return False
    return since is None or due_day(task.deadline) >= since


def deadlines_calendar(docs: list[Document], site_url: str, site_name: str) -> bytes:
    """The archive's calendar: the deadlines still to follow."""
    return Calendars(site_url, site_name, newest_date(docs)).archive(docs)


def body_calendar(body: Body, site_url: str, site_name: str, stamp: date | None) -> bytes:
    """One body's deadlines to follow; ``stamp``: the archive's newest document's date."""
    return Calendars(site_url, site_name, stamp).body(body)


def has_deadlines(body: Body) -> bool:
    """A body given any dated task has a calendar, linked from its page, even when none is left to follow: a
    calendar application polls the address it subscribed to, which must neither 404 nor come and go as
    deadlines pass and new ones arrive (URLs never move); an empty calendar is a valid answer."""
    return any(a.task.deadline for a in body.assignments)
