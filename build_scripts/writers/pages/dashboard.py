"""The dashboard "Tình hình thực hiện" (``tinh-hinh/``): tasks by state for each locality and each kind of
body, tasks by deadline month (the overdue ones, the coming months), and the share with no deadline.

The build counts; the browser draws. Whether a task is overdue depends on the reader's date, so the
data keeps each count's due day, and ``assets/tinh-hinh.js`` works out the overdue ones, draws each
chart with Chart.js (vendored under ``assets/vendor/chartjs/``: no CDN, it works from ``file://``) and
the data table beside it, and makes a click on a bar open the tracker filtered to those tasks (the tracker's
own filters: ``dia-phuong``, ``loai-co-quan``, ``tinh-trang``, ``thoi-han``, ``thang``). The data is a script
file (``tinh-hinh/du-lieu.js``, written by ``datascript``), not a ``fetch``. Without JavaScript the page shows
the same counts as tables, without the overdue ones.

Counts are grouped by (group, state, due day), so the file grows with the number of distinct
deadlines, never faster than with the archive.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from ...knowledge.places import locality_key
from ...model import Document, Links, Task
from ...status_terms import state_slug
from ...vietnamese import display_count, fold
from .. import datascript
from ..feeds import due_iso
from . import status as status_view
from .markdown import escape
from .tracker import all_lead_kinds

FOLDER = "tinh-hinh"
DATA_FILE = "du-lieu.js"
QUEUE = "vbTinhHinh"
NO_LOCALITY = "Chưa rõ địa phương"
NO_BODY = "Chưa rõ loại cơ quan"


def _due(task: Task) -> str:
    """The last day a deadline allows ("2024-03" -> "2024-03-31"), or "" for none."""
    return due_iso(task.deadline) if task.deadline else ""


def _kinds(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, tracker query) of each kind of body that carries the task out (``lead_kinds``: a task counts for
    the bodies that lead it, not those that support); one entry without a body."""
    return [(name, f"loai-co-quan={kind_id}") for kind_id, name in found] or [(NO_BODY, "")]


def _group(docs: list[Document], key: Callable[[Document, int, Task], Iterable[tuple[str, str]]],
           order: Callable[[str], object], counted: dict[str, list[tuple[int, str]]]) -> dict:
    """Counts by (label, state, due day); ``counted``: each document's tasks' (state, due day) (``_counted``)."""
    counts: Counter[tuple[str, str, int, str]] = Counter()
    queries: dict[str, str] = {}
    for doc in docs:
        for n, (task, (state, due)) in enumerate(zip(doc.facts.tasks, counted[doc.id], strict=True)):
            for label, query in key(doc, n, task):
                queries[label] = query
                counts[(label, query, state, due)] += 1
    totals = Counter()
    for (label, _q, _s, _d), n in counts.items():
        totals[label] += n
    labels = sorted(queries, key=lambda x: (-totals[x], order(x)))  # most tasks first
    index = {label: i for i, label in enumerate(labels)}
    rows = sorted([index[label], state, due, n] for (label, _q, state, due), n in counts.items())
    return {"labels": labels, "queries": [queries[x] for x in labels], "rows": rows}


_STATE_INDEX = {slug: i for i, (slug, _label) in enumerate(status_view.ORDER)}


def _state_index(task: Task) -> int:
    return _STATE_INDEX[state_slug(task.status)]


def _counted(docs: list[Document]) -> dict[str, list[tuple[int, str]]]:
    """Each document's tasks' state and due day, found once for the three counts (~19,000 tasks at 1,000 texts)."""
    return {doc.id: [(_state_index(task), _due(task)) for task in doc.facts.tasks] for doc in docs}


def dashboard_data(docs: list[Document], links: Links,
                   kinds_of: dict[str, list[list[tuple[str, str]]]] | None = None) -> dict:
    """The dashboard's counts; ``kinds_of``: the tracker's ``all_lead_kinds`` of ``docs``, when the caller has them."""
    kinds_of = kinds_of if kinds_of is not None else all_lead_kinds(docs, links)
    counted = _counted(docs)
    localities = _group(docs, lambda d, _n, _t: [(d.facts.locality or NO_LOCALITY,
                                             f"dia-phuong={d.facts.locality}" if d.facts.locality else "")],
                        lambda x: (x == NO_LOCALITY, locality_key(x)), counted)
    kinds = _group(docs, lambda d, n, _t: _kinds(kinds_of[d.id][n]),
                   lambda x: (x in (NO_BODY, "Khác"), fold(x).casefold()), counted)
    deadlines: Counter[tuple[int, str]] = Counter()
    for doc in docs:
        deadlines.update(counted[doc.id])
    return {
        "v": 1,
        "total": sum(len(d.facts.tasks) for d in docs),
        "states": [list(s) for s in status_view.ORDER],
        "groups": {
            "dia-phuong": {"title": "Tình trạng nhiệm vụ theo địa phương", **localities},
            "co-quan": {"title": "Tình trạng nhiệm vụ theo loại cơ quan chủ trì", **kinds},
        },
        "deadlines": sorted([state, due, n] for (state, due), n in deadlines.items()),
    }


def data_script(data: dict) -> str:
    return datascript.data_script(QUEUE, "Tình hình thực hiện", "du-lieu", data)


def _static_table(title: str, group: dict, states: list[list[str]]) -> str:
    """The counts without JavaScript (and for print): a row per locality or kind, a column per state."""
    per: dict[int, Counter[int]] = defaultdict(Counter)
    for g, state, _due_day, n in group["rows"]:
        per[g][state] += n
    head = f"| {escape(title.split(' theo ')[-1].capitalize())} | " + " | ".join(label for _, label in states) \
        + " | Tổng |"
    lines = [head, "|---|" + "---:|" * (len(states) + 1)]
    for i, label in enumerate(group["labels"]):
        cells = [display_count(per[i][s]) for s in range(len(states))]
        lines.append(f"| {escape(label)} | " + " | ".join(cells) + f" | {display_count(sum(per[i].values()))} |")
    return "\n".join(lines)


INTRO = ("Nhiệm vụ các văn bản trong kho giao, theo tình trạng mà cơ quan theo dõi báo cáo (tệp tình trạng), "
         "theo địa phương, loại cơ quan chủ trì và thời hạn. Nhiệm vụ quá hạn là nhiệm vụ chưa hoàn thành mà thời "
         "hạn đã qua, tính theo ngày trên máy của bạn. Bấm vào một cột của biểu đồ để xem các nhiệm vụ đó trong "
         "bảng theo dõi.")


def dashboard_page(data: dict) -> str:
    states = data["states"]
    total = data["total"]
    shown, no_deadline = display_count(total), display_count(sum(n for _s, due, n in data["deadlines"] if not due))
    tables = "\n\n".join(f"### {escape(g['title'])}\n\n{_static_table(g['title'], g, states)}"
                         for g in data["groups"].values())
    return f"""---
title: Tình hình thực hiện
description: Tình trạng {shown} nhiệm vụ theo địa phương, loại cơ quan và thời hạn
hide:
  - navigation
  - toc
---

# Tình hình thực hiện

{escape(INTRO)}

<div id="vb-tinh-hinh" class="vb-tinh-hinh" data-tasks="{total}" markdown="0">
<p class="vb-tinh-hinh__loading" role="status">Đang vẽ biểu đồ của {shown} nhiệm vụ…</p>
</div>

<div class="vb-tinh-hinh-static" markdown="1">

Biểu đồ cần JavaScript. Số liệu theo tình trạng ({shown} nhiệm vụ; {no_deadline} không ghi thời hạn):

{tables}

</div>
"""


def dashboard_pages(docs: list[Document], links: Links,
                    kinds_of: dict[str, list[list[tuple[str, str]]]] | None = None) -> dict[str, str]:
    """path (under docs/) -> content: the dashboard's page and its data script (``kinds_of``: see
    ``dashboard_data``)."""
    data = dashboard_data(docs, links, kinds_of)
    return {f"{FOLDER}/index.md": dashboard_page(data), f"{FOLDER}/{DATA_FILE}": data_script(data)}
