"""How a task's status shows on a page: a state, its date, the evidence, the history; and the deadline
marked so that ``assets/tinh-trang.js`` can say, against the reader's date, that it has passed.

Every string from the office's status file is escaped here (Markdown and HTML); a link is made only
of an http(s) address, percent-encoded so that no character of it can end the attribute or the table
cell, or of a document of the archive.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Iterable
from urllib.parse import quote

from ...model import Document, FollowUp, StatusEntry, Task, TaskStatus
from ...status_terms import DONE, NO_REPORT, STATE_SLUGS, STATES, state_slug
from ...vietnamese import display_count, display_date, display_deadline
from .markdown import escape, escape_html

STATE_LABELS = {DONE: "Đã hoàn thành", **{s: s[:1].upper() + s[1:] for s in STATES if s != DONE}}
NO_REPORT_LABEL = "Chưa có báo cáo"
# the order states are counted and drawn in, with the tracker's value of each
ORDER = [(STATE_SLUGS[s], STATE_LABELS[s]) for s in STATES] + [(NO_REPORT, NO_REPORT_LABEL)]


def _url(url: str) -> str:
    """An http(s) address as an attribute value: any character outside a URL's own is percent-encoded
    ("|" would end a table cell, a quote the attribute)."""
    return html.escape(quote(url, safe=":/?#[]@!$&'()*+,;=%~-._"), quote=True)


def evidence(entry: StatusEntry, root: str, url: Callable[[str], str] | None = None) -> str:
    """The evidence as Markdown: a link to the web address or the archived document it names, else text; with
    ``url`` (a Markdown link -> its address), as HTML."""
    if not entry.evidence:
        return ""
    text = escape_html(entry.evidence) if url else escape(entry.evidence)
    if entry.evidence_url and entry.evidence_url.startswith(("http://", "https://")):
        return f'<a class="vb-evidence" href="{_url(entry.evidence_url)}" rel="nofollow noopener">{text}</a>'
    if entry.evidence_url:  # "van-ban/<id>/": a page of the archive, linked as MkDocs links pages
        doc_id = entry.evidence_url.strip("/").rsplit("/", 1)[-1]
        link = f"{root}van-ban/{doc_id}.md"
        return f'<a href="{url(link)}">{text}</a>' if url else f"[{text}]({link})"
    return text


def badge(state: str | None) -> str:
    slug = STATE_SLUGS.get(state or "", NO_REPORT)
    label = STATE_LABELS.get(state or "", NO_REPORT_LABEL)
    return f'<span class="vb-state vb-state--{slug}">{label}</span>'


def status_cell(status: TaskStatus | None, root: str = "../", url: Callable[[str], str] | None = None) -> str:
    """The status column of a document's task table (on a phone, the card's line "Tình trạng: ..."): the state
    and its date, the evidence and the note, then the earlier reports after "Trước đó". In a table each part
    after the state is a line of its own; in a card they follow one another, apart by " · " (CSS)."""
    if status is None:
        return ""
    e = status.current
    esc = escape_html if url else escape
    parts = []
    if e.evidence:
        parts.append(f"Căn cứ: {evidence(e, root, url)}")
    if e.note:
        parts.append(f'<span class="vb-state-note">{esc(e.note)}</span>')
    if status.history:
        earlier = "; ".join(f"{esc(h.state)} ({display_date(h.date)})" for h in reversed(status.history))
        parts.append(f'<span class="vb-state-history">Trước đó: {earlier}</span>')
    line = f'{badge(e.state)} <span class="vb-state-date">{display_date(e.date)}</span>' + "".join(
        f'<span class="vb-state-part"><span class="vb-sep"> · </span>{p}</span>' for p in parts)
    return line.replace("\n", " ")


def state_cell(status: TaskStatus | None) -> str:
    """The state and its date alone, for the lists of a body's tasks (the document's page has the rest)."""
    if status is None:
        return ""
    return f'{badge(status.state)} <span class="vb-state-date">{display_date(status.date)}</span>'


def deadline_cell(task: Task, raw_html: bool = False) -> str:
    """The deadline as every page shows it, with what the browser needs to mark it overdue (assets/tinh-trang.js):
    its ISO value, and whether the office reports the task done. Markdown, or with ``raw_html`` HTML."""
    if not task.deadline:
        return ""
    done = ' data-done=""' if task.status and task.status.state == DONE else ""
    shown = (escape_html if raw_html else escape)(display_deadline(task.deadline, task.deadline_text))
    return f'<span class="vb-deadline" data-iso="{task.deadline}"{done}>{shown}</span>'


def counts(tasks: Iterable[Task]) -> Counter[str]:
    """Tasks by state (the tracker's value of each; "chua-bao-cao" for no report)."""
    return Counter(state_slug(t.status) for t in tasks)


def counts_line(tasks: list[Task], link: Callable[[str], str] | None = None) -> str:
    """"3 đã hoàn thành · 2 đang thực hiện · ...", each count a link (``link(state)``: the tracker filtered to
    those tasks), and a place for the overdue count the browser works out."""
    found = counts(tasks)
    parts = []
    for slug, label in ORDER:
        if found[slug]:
            text = f"{display_count(found[slug])} {label.lower()}"
            parts.append(f"[{text}]({link(slug)})" if link else text)
    overdue = (f' <span class="vb-overdue-count" data-tasks="{sum(1 for t in tasks if t.deadline)}" hidden>'
               f"</span>")
    return " · ".join(parts) + overdue


FOLLOW_UPS_SHOWN = 20  # the newest later documents named in "Theo dõi thực hiện"; the cited document's page has all


def follow_up_box(doc: Document, follow_ups: list[FollowUp], follows: list[FollowUp], every: str = "") -> str:
    """"Theo dõi thực hiện": the later documents of the archive that cite this one (the newest FOLLOW_UPS_SHOWN,
    so that the page does not grow with the archive; ``every``: the page that lists them all), and those this
    one cites."""
    if not follow_ups and not follows:
        return ""

    def when(d: Document) -> str:
        date = d.facts.meeting_date or d.facts.issued_date
        return display_date(date) if date else "không rõ ngày"

    def label(d: Document) -> str:
        return escape(d.facts.title + (f" ({d.facts.number})" if d.facts.number else ""))

    def places(f: FollowUp, target: Document) -> str:
        seen, out = set(), []
        for c in f.citations:
            where = f"nhiệm vụ {c.task}" if c.task else "đoạn dẫn chiếu"
            if c.anchor and (where, c.anchor) not in seen:
                seen.add((where, c.anchor))
                out.append(f"[{escape(where)}]({target.id}.md#{c.anchor})")
        return f" — dẫn chiếu tại {', '.join(out[:6])}" if out else ""

    lines = ['<div class="vb-followup" markdown="1">', "", "## Theo dõi thực hiện { #theo-doi-thuc-hien }", ""]
    if follow_ups:
        lines += ["Các văn bản sau trong kho dẫn chiếu văn bản này, khi đánh giá hoặc tiếp tục việc thực hiện "
                  "(cũ trước, mới sau). Tình trạng từng nhiệm vụ chỉ lấy từ báo cáo của cơ quan theo dõi.", ""]
        older = len(follow_ups) - FOLLOW_UPS_SHOWN
        if older > 0:
            more = f"{display_count(older)} văn bản cũ hơn"
            more = f"[{more}]({every})" if every else more
            lines += [f"- {more} (danh sách đầy đủ ở trang văn bản được dẫn chiếu)" if every else f"- {more}"]
        lines += [f"- {when(f.later)}: [{label(f.later)}]({f.later.id}.md){places(f, f.later)}"
                  for f in follow_ups[max(older, 0):]]
        lines.append("")
    if follows:
        lines += ["Văn bản này theo dõi việc thực hiện:", ""]
        lines += [f"- {when(f.earlier)}: [{label(f.earlier)}]({f.earlier.id}.md"
                  f"{'#nhiem-vu' if f.earlier.facts.tasks else ''})" for f in follows]
        lines.append("")
    lines.append("</div>")
    return "\n".join(lines)
