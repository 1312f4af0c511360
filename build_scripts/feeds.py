"""Feeds a reader subscribes to: an Atom feed of the newest documents, an iCalendar of deadlines.

Both are written with maintained libraries (feedgen, icalendar), never as hand-built XML or
ICS strings, with every text made to fit its format first (safe_text.py: a character XML cannot
hold is replaced, in the feed only), and both are reproducible: every time in them comes from the documents' own
dates, none from the clock of the machine that builds.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, timezone

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event

from .model import Body, Document, Role, Task
from .safe_text import ics_text, xml_text
from .vietnamese import display_date

FEED_SIZE = 50  # entries in the Atom feed: the newest documents, so the file does not grow with the archive
VIETNAM = timezone(timedelta(hours=7), "ICT")  # a document's date is a day in Vietnam
SUMMARY_CHARS = 90  # of a task's text in a calendar event's title
WHO_CHARS = 120  # of the bodies named in an event
EXCERPT_CHARS = 240  # of a task's text in an event's description: the event links to the whole


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
        f"{len(f.tasks)} nhiệm vụ được giao" if f.tasks else None,
    ]
    return "; ".join(p for p in parts if p) + "."


def atom_feed(docs: list[Document], site_url: str, site_name: str, feed_path: str) -> bytes:
    """The newest dated documents, newest first; an undated document has no place in time, so none here."""
    dated = sorted(((document_date(d), d) for d in docs if document_date(d)), key=lambda x: (x[0], x[1].id),
                   reverse=True)[:FEED_SIZE]
    fg = FeedGenerator()
    fg.id(site_url)
    fg.title(xml_text(f"{site_name}: văn bản mới"))
    fg.subtitle("Các kết luận, thông báo kết luận mới nhất trong kho lưu trữ.")
    fg.link(href=site_url, rel="alternate", type="text/html")
    fg.link(href=site_url + feed_path, rel="self", type="application/atom+xml")
    fg.language("vi")
    newest = dated[0][0] if dated else date(1970, 1, 1)
    fg.updated(datetime.combine(newest, time(), VIETNAM))
    for day, doc in dated:
        url = site_url + doc.url
        fe = fg.add_entry(order="append")
        fe.id(url)
        fe.title(xml_text(doc.facts.title or doc.id))
        fe.link(href=url, rel="alternate", type="text/html")
        fe.updated(datetime.combine(day, time(), VIETNAM))
        if doc.facts.issued_date and len(doc.facts.issued_date) == 10:
            fe.published(datetime.combine(date.fromisoformat(doc.facts.issued_date), time(), VIETNAM))
        if doc.facts.issuer:
            fe.author(name=xml_text(doc.facts.issuer))
        fe.summary(xml_text(_entry_summary(doc)))
        for term in (doc.facts.type, doc.facts.locality):
            if term:
                fe.category(term=xml_text(term))
    return fg.atom_str(pretty=True)


# --- iCalendar ---------------------------------------------------------------------------------


def due_day(deadline: str) -> date:
    """The last day a deadline allows: "2023-11-30" itself, "2023-11" its last day, "2023" 31 December."""
    parts = [int(p) for p in deadline.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], 12, 31)


def _names(task: Task, role: Role) -> str:
    return ", ".join(a.name for a in task.assignees if a.role == role)


def _short(text: str, size: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0] + " …"


def _event(doc: Document, task: Task, site_url: str, stamp: datetime) -> Event:
    """A deadline: who, what (an excerpt: the page, one click away, has the whole text), by when."""
    day = due_day(task.deadline)
    who = _short(_names(task, Role.LEAD) or _names(task, Role.ADDRESSED), WHO_CHARS)
    label = f"Nhiệm vụ {task.number}" if task.number else "Nhiệm vụ"
    where = doc.facts.number or _short(doc.facts.title or doc.id, 60)
    lines = [f"{label}, {where}"]
    lines += [f"{role.label}: {_short(_names(task, role), WHO_CHARS)}" for role in Role if _names(task, role)]
    lines += [f"Thời hạn: {task.deadline_text or display_date(task.deadline)}", "", _short(task.text, EXCERPT_CHARS)]
    event = Event()
    event.add("uid", f"{task.id}@luu-tru-ket-luan")  # a task's id starts with its document's
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", ics_text(f"Hạn: {who + ' — ' if who else ''}{_short(task.text)} ({where})"))
    event.add("description", ics_text("\n".join(lines)))
    event.add("url", f"{site_url}{doc.url}#{task.anchor}")
    event.add("transp", "TRANSPARENT")  # a deadline is not a busy hour
    return event


def _calendar(pairs: Iterable[tuple[Document, Task]], site_url: str, name: str, stamp: date | None) -> bytes:
    """One all-day event per task with a deadline, on the last day the deadline allows, linking to the task."""
    cal = Calendar()
    cal.add("prodid", ics_text(f"-//{name}//VI"))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", ics_text(name))
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    when = datetime.combine(stamp or date(1970, 1, 1), time(), UTC)
    seen = set()
    for doc, task in sorted(pairs, key=lambda p: p[0].id):  # stable: each document's tasks stay in order
        if task.deadline and task.id not in seen:
            seen.add(task.id)
            cal.add_component(_event(doc, task, site_url, when))
    return cal.to_ical()


def deadlines_calendar(docs: list[Document], site_url: str, site_name: str) -> bytes:
    """Every dated task of the archive."""
    pairs = [(doc, task) for doc in docs for task in doc.facts.tasks]
    return _calendar(pairs, site_url, f"{site_name}: thời hạn nhiệm vụ", newest_date(docs))


def body_calendar(body: Body, site_url: str, site_name: str, stamp: date | None) -> bytes:
    """The dated tasks given to one body, to lead, support or carry out: what an office follows up."""
    pairs = [(a.doc, a.task) for a in body.assignments]
    return _calendar(pairs, site_url, f"{site_name}: thời hạn nhiệm vụ của {body.name}"
                     f"{' (' + body.locality + ')' if body.locality else ''}", stamp)


def has_deadlines(body: Body) -> bool:
    return any(a.task.deadline for a in body.assignments)
