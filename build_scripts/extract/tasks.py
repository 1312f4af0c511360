"""Tasks: which body must do what, with whom, by when.

Conventions of the genre (data/genre.yml holds the wording):
- every numbered or lettered item of a task section is a task; group headings are not;
  continuation paragraphs and bullets belong to their item; footnotes do not;
- the assignee heads the item ("2.1. Thường trực HĐND thị xã: ..."), or is named by
  "Giao X chủ trì, phối hợp (với) Y ...", "đề nghị X ...", a sentence's subject, or
  "Chủ trì, phối hợp với Y ..." under an agency heading; an item that names none is
  addressed by its group heading ("Đối với MTTQ ...") or by the sentence introducing the
  list ("đề nghị Mặt trận Tổ quốc ... thực hiện ... sau:");
- a topic before a colon ("Về kinh phí:") is not an assignee;
- unnumbered assignments ("Giao Văn phòng ... theo dõi") are tasks with an empty number;
- tasks in a table (STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn) are read
  from its columns.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from ..model import Assignee, Block, BlockKind, Diagnostic, Task, plain
from ..vietnamese import fold
from .dates import find_deadlines, parse_deadline_cell
from .organisations import is_organisation, split_assignees, starts_with_head
from .references import Catalogue, find_citations, resolve_short_forms

GENRE = Path(__file__).resolve().parent.parent / "data" / "genre.yml"
LEAD, SUPPORT, ADDRESSED = "chủ trì", "phối hợp", "thực hiện"


@cache
def genre() -> dict:
    return yaml.safe_load(GENRE.read_text(encoding="utf-8"))


@cache
def _predicate_re() -> re.Pattern[str]:
    words = sorted(genre()["predicates"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


@cache
def _assessment_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{c})" for c in genre()["assessment_cues"]), re.IGNORECASE)


@cache
def _follow_up_re() -> re.Pattern[str]:
    return re.compile(genre()["follow_up"], re.IGNORECASE)


@cache
def _closing_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{c})" for c in genre()["closing"]), re.IGNORECASE)


def _cue(text: str, key: str) -> bool:
    t = fold(text).casefold()
    return any(re.search(r"\b" + re.escape(fold(c).casefold()) + r"\b", t) for c in genre()[key])


def _continues_name(name_so_far: str, word_at: str) -> bool:
    """Is a predicate word at this point still part of a name ("các tổ chức", "Ban Chỉ đạo thực hiện")?"""
    for predicate, befores in genre()["name_continuations"].items():
        if word_at.startswith(predicate):
            tail = name_so_far.rstrip()
            if any(tail.endswith(b) for b in befores):
                return True
    return False


# How far after "Giao", "đề nghị" ... a body's name, its predicate and the bodies that support it are
# looked for. Each such word then costs at most this much, so a text of them is read in linear time
# (an item of 8,000 "Giao" took 10 s, quadratic); no name with its supports comes near it.
NAME_SPAN = 1000


def take_name(text: str) -> tuple[str, str]:
    """Split "X <predicate> ..." into the name X and the rest, at the first predicate word."""
    pos = 0
    while True:
        m = _predicate_re().search(text, pos)
        if not m:
            return "", text
        # the words before a predicate that keep it inside a name are short: look at the last few only
        if _continues_name(text[max(0, m.start() - 80) : m.start()], text[m.start() : m.start() + 40]):
            pos = m.end()
            continue
        name = text[: m.start()].strip(" ,;:")
        stop = re.search(r"[.;:()]", name)
        if stop:
            return "", text
        return name, text[m.start() :]


# --- assignees in a text ------------------------------------------------------------


@dataclass
class _Found:
    assignees: list[Assignee] = field(default_factory=list)
    explicit_at_start: bool = False
    lead_from_context: bool = False  # "Chủ trì, phối hợp với Y ..." with no body named: the addressee leads

    # the names added (case-folded) and every start of them that ends before a space: each name is
    # checked against all those before it in constant time, so a text naming thousands stays linear
    _keys: set[str] = field(default_factory=set, repr=False)
    _starts: set[str] = field(default_factory=set, repr=False)

    def add(self, names: Iterable[str], role: str) -> None:
        for name in names:
            name = name.strip(" ,.;:-–")
            key = name.casefold()
            # "Ban Quản lý dự án" beside "Ban Quản lý dự án đầu tư xây dựng ... tỉnh" is the same body
            shorter = len(name.split()) >= 3 and key in self._starts
            if name and not shorter and key not in self._keys:
                self.assignees.append(Assignee(name, role))
                self._keys.add(key)
                self._starts.update(key[:i] for i, ch in enumerate(key) if ch == " ")


def _roles_after(found: _Found, names: list[str], rest: str) -> None:
    """Given names and what follows them, add them as lead (with supports) or addressed."""
    lead = re.match(r"chủ trì\s*,?\s*(?:và\s+)?(?:phối hợp|cùng)\s+(?:với\s+|cùng\s+)?(?P<support>.*)", rest)
    if lead:
        found.add(names, LEAD)
        support, _ = take_name(lead.group("support"))
        if support and starts_with_head(support):
            found.add(split_assignees(support), SUPPORT)
    elif rest.startswith("chủ trì"):
        found.add(names, LEAD)
    else:
        found.add(names, ADDRESSED)


RE_SENTENCE = re.compile(r"(?<=[.;!?])\s+|\n+")
# "Giao X ...", "đề nghị X ...", "yêu cầu X ..." (not "được giao", not "giao ban")
RE_GIAO = re.compile(r"(?:^|(?<=[\s,;(]))(?<!được )(?<!bàn )(?:[Gg]iao(?: cho)?|[Đđ]ề nghị|[Yy]êu cầu)\s+(?!ban\b)"
                     r"(?P<rest>)")
RE_TOPIC = re.compile(r"^(?:Về|Đối với|Riêng đối với|Riêng)\s[^:]{1,120}:\s*", re.IGNORECASE)
RE_SUPPORT_ONLY = re.compile(r"^(?:[-+•]\s*)?Phối hợp\s+(?:với|cùng)\s+(?P<support>.+)", re.DOTALL)
RE_LEAD_ONLY = re.compile(r"^(?:[-+•]\s*)?Chủ trì\s*,?\s*(?:phối hợp|cùng)\s+(?:với\s+)?(?P<support>.+)", re.DOTALL)


def assignees_in(text: str, head: list[str] | None = None) -> _Found:
    """The bodies a task's text names, with their roles; ``head`` is the item's own heading body."""
    found = _Found()
    if head:
        found.add(head, ADDRESSED)
        found.explicit_at_start = True
    opening = True
    head_leads = False
    for sentence in RE_SENTENCE.split(text):
        sentence = sentence.strip(" -+•\t")
        if not sentence:
            continue
        body = RE_TOPIC.sub("", sentence)
        matched = False
        if m := RE_LEAD_ONLY.match(body):
            support, _ = take_name(m.group("support"))
            if head:
                if not head_leads:  # once is enough: the head's names are all in from the start
                    found.assignees = [Assignee(a.name, LEAD) if a.name in head else a for a in found.assignees]
                    head_leads = True
                matched = True
            else:
                found.lead_from_context = True
            if support and starts_with_head(support):
                found.add(split_assignees(support), SUPPORT)
        elif m := RE_SUPPORT_ONLY.match(body):  # the actor is the item's addressee; Y supports
            support, _ = take_name(m.group("support"))
            if support and starts_with_head(support):
                found.add(split_assignees(support), SUPPORT)
        asks = False
        for m in RE_GIAO.finditer(body):
            name, rest = take_name(body[m.end() : m.end() + NAME_SPAN])
            if name and is_organisation(name):
                _roles_after(found, split_assignees(name), rest)
                matched = matched or m.start() <= 2
                asks = True
        # a sentence's subject is an assignee, unless it is the body that asks ("X đề nghị Y ...")
        if not matched and not asks and body[:1].isupper() and starts_with_head(body):
            name, rest = take_name(body)
            if name and is_organisation(name):
                _roles_after(found, split_assignees(name), rest)
                matched = True
        if opening:
            found.explicit_at_start = found.explicit_at_start or matched
            opening = False
    return found


# --- walking the document -------------------------------------------------------------


@dataclass
class _Context:
    intro: list[str] = field(default_factory=list)  # addressed by the sentence before the list
    group: list[str] = field(default_factory=list)  # addressed by a group heading
    in_tasks: bool = True

    @property
    def addressees(self) -> list[str]:
        return self.group or self.intro


def _intro_names(text: str) -> list[str]:
    """Bodies a list-introducing sentence addresses: "... đề nghị X cần tập trung ... sau:"."""
    for m in RE_GIAO.finditer(text):
        name, _ = take_name(text[m.end() : m.end() + NAME_SPAN])
        if name and is_organisation(name):
            return split_assignees(name)
    return []


def _heading_names(text: str) -> list[str]:
    """A group heading that names bodies: "Đối với MTTQ và các đoàn thể", "Ủy ban nhân dân thành phố:"."""
    t = re.sub(r"^\d+(?:\.\d+)*[.)]?\s+", "", text.strip(" :*"))  # a "#" heading keeps its number
    t = re.sub(r"^(?:Đối với|Riêng đối với)\s+", "", t, flags=re.IGNORECASE).strip(" :")
    return split_assignees(t) if is_organisation(t) else []


def _item_head(block: Block) -> tuple[list[str], str]:
    """An item's own heading body ("Thường trực HĐND thị xã: ..." or alone on its line)."""
    text = block.text
    head, sep, rest = text.partition(":")
    if sep and is_organisation(head) and len(head.split()) <= 25:
        # "Ban cán sự đảng UBND tỉnh lãnh đạo, chỉ đạo UBND tỉnh:" - the body ends at its predicate when
        # another body follows it; "Ban Quản lý dự án đầu tư xây dựng ..." is one name
        name, after = take_name(head)
        other = next((m for m in re.finditer(r"(?<=\s)\S+", after) if m.group()[:1].isupper()), None)
        if name and other and starts_with_head(after[other.start():]):
            head = name
        return split_assignees(head), rest.strip()
    if not sep and is_organisation(text) and len(text.split()) <= 25 and not re.search(r"[.;]", text):
        name, _ = take_name(text)
        if not name:  # no predicate: the whole line is the body's name
            return split_assignees(text), ""
    return [], text


def _is_intro(text: str) -> bool:
    return text.rstrip(" *").endswith(":")


def _table_columns(header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = fold(cell).casefold()
        if "chu tri" in key:
            cols.setdefault("lead", i)
        elif "phoi hop" in key:
            cols.setdefault("support", i)
        elif "thoi han" in key or "thoi gian" in key or "han hoan thanh" in key:
            cols.setdefault("deadline", i)
        elif "noi dung" in key or "nhiem vu" in key or "cong viec" in key:
            cols.setdefault("text", i)
        elif "thuc hien" in key or "don vi" in key or "co quan" in key:
            cols.setdefault("addressed", i)
        elif key in ("stt", "tt", "so tt"):
            cols.setdefault("number", i)
    return cols


def _table_tasks(block: Block, doc_id: str, known: Catalogue) -> list[Task]:
    if len(block.rows) < 2:
        return []
    cols = _table_columns(block.rows[0])
    if "text" not in cols:
        return []
    tasks = []
    for i, row in enumerate(block.rows[1:]):
        def cell(name: str, row: list[str] = row) -> str:
            return row[cols[name]].strip() if name in cols and cols[name] < len(row) else ""

        text = cell("text")
        if not text:
            continue
        assignees = [Assignee(n, LEAD) for n in split_assignees(cell("lead"))]
        assignees += [Assignee(n, SUPPORT) for n in split_assignees(cell("support"))]
        assignees += [Assignee(n, ADDRESSED) for n in split_assignees(cell("addressed"))]
        deadline = parse_deadline_cell(cell("deadline"))
        number = block.row_numbers[i] if i < len(block.row_numbers) else ""
        anchor = block.row_anchors[i] if i < len(block.row_anchors) else block.anchor
        tasks.append(Task(
            id=f"{doc_id}-{anchor}", number=number, section=block.section, text=text, assignees=assignees,
            deadline=deadline.iso if deadline else None, deadline_text=deadline.text if deadline else None,
            references=_symbols(text, known), anchor=anchor, line=block.line,
        ))
    return tasks


def _symbols(text: str, known: Catalogue) -> list[str]:
    found = [c.symbol for c in find_citations(text)] + [c.symbol for c in resolve_short_forms(text, known)]
    return list(dict.fromkeys(found))


def _block_text(block: Block) -> str:
    if block.kind == BlockKind.BULLET:
        return f"{block.marker} {block.text}"
    return block.text


def read_tasks(blocks: list[Block], doc_id: str, source: str, known_symbols: Iterable[str] | Catalogue) -> tuple[
        list[Task], list[Diagnostic]]:
    """Every task of the document, in order, and warnings about those it could not read."""
    if not isinstance(known_symbols, Catalogue):
        known_symbols = Catalogue(known_symbols)  # once, not once per task
    tasks: list[Task] = []
    warnings: list[Diagnostic] = []
    ctx = _Context()
    has_items = any(b.kind == BlockKind.ITEM for b in blocks)
    current: tuple[Block, list[str], list[str]] | None = None  # item, head names, text parts
    skipping = False  # inside an item that is not a task (an assessment, or outside task sections)

    def close() -> None:
        nonlocal current
        if current is None:
            return
        item, head, parts = current
        current = None
        text = "\n\n".join(p for p in parts if p)
        found = assignees_in(text, head)
        if not found.explicit_at_start and ctx.addressees:
            inherited = _Found()  # the list's addressees first, then those the text names
            inherited.add(ctx.addressees, LEAD if found.lead_from_context else ADDRESSED)
            for a in found.assignees:
                inherited.add([a.name], a.role)
            found = inherited
        deadlines = find_deadlines(text)
        if not found.assignees:
            warnings.append(Diagnostic(source, item.line, f"task {item.number or '(unnumbered)'} names no assignee"))
        tasks.append(Task(
            id=f"{doc_id}-{item.anchor}", number=item.number, section=item.section, text=text,
            assignees=found.assignees, deadline=deadlines[0].iso if deadlines else None,
            deadline_text=deadlines[0].text if deadlines else None, references=_symbols(text, known_symbols),
            anchor=item.anchor, line=item.line,
        ))

    for b in blocks:
        kind = b.kind
        if kind in (BlockKind.HEADING, BlockKind.TITLE, BlockKind.HEADER, BlockKind.RECIPIENTS,
                    BlockKind.SIGNATURE, BlockKind.RULE):
            close()
            skipping = False
            if kind == BlockKind.HEADING and b.number and b.number == b.section:  # roman section
                ctx = _Context(in_tasks=_cue(b.text, "task_cues") or not _cue(b.text, "result_cues"))
            elif kind == BlockKind.HEADING:
                ctx.group = _heading_names(b.text)
                if _cue(b.text, "task_cues") and not _cue(b.text, "result_cues"):
                    ctx.in_tasks = True
            continue
        if kind == BlockKind.FOOTNOTE:
            continue  # a note belongs to its mark, not to the task it happens to stand in
        if kind == BlockKind.TABLE:
            close()
            if ctx.in_tasks:
                tasks.extend(_table_tasks(b, doc_id, known_symbols))
            continue
        if kind == BlockKind.ITEM:
            close()
            first_sentence = RE_SENTENCE.split(b.text, maxsplit=1)[0]
            if ctx.in_tasks and not _assessment_re().search(first_sentence):
                head, _ = _item_head(b)
                current = (b, head, [b.text])
                skipping = False
            else:
                current = None
                skipping = True
            continue
        text = plain(b.spans)
        if _closing_re().search(text):
            close()
            continue
        if kind == BlockKind.PARAGRAPH and _is_intro(text):
            close()
            skipping = False
            ctx.in_tasks = _cue(text, "task_cues") or not _cue(text, "result_cues")
            names = _intro_names(text)
            if names:
                ctx.intro, ctx.group = names, []
            continue
        if current is not None and kind == BlockKind.PARAGRAPH and re.match(r"(?:Giao|Đề nghị|Yêu cầu)\s", text) \
                and _follow_up_re().search(text):
            close()  # "Giao Văn phòng ... theo dõi, đôn đốc việc thực hiện Kết luận này": a task of its own
        if current is not None:
            current[2].append(_block_text(b))
            continue
        if skipping and kind != BlockKind.PARAGRAPH:
            continue  # the bullets of an assessment item
        if skipping and not re.match(r"(?:Giao|Đề nghị|Yêu cầu)\s", text):
            continue
        if kind == BlockKind.PARAGRAPH and (ctx.in_tasks or not has_items):
            unnumbered = _unnumbered(b, text)
            if unnumbered:
                current = (b, [], [unnumbered])
                close()
    close()
    return tasks, warnings


def _unnumbered(block: Block, text: str) -> str | None:
    """An assignment outside any item: "Giao Văn phòng ... theo dõi" or "... đề nghị UBND huyện ..."."""
    # From each sentence's start up to the next ". ", the first "Giao" / "đề nghị" decides. The
    # positions are found once and looked up, so a paragraph of many sentences is read in linear time.
    asks = list(RE_GIAO.finditer(text))
    ask_starts = [m.start() for m in asks]
    stops = [m.start() for m in re.finditer(r"\. ", text)]
    for sentence_start in [0, *(m.end() for m in RE_SENTENCE.finditer(text))]:
        k = bisect.bisect_left(ask_starts, sentence_start)
        if k == len(asks):
            break
        i = bisect.bisect_left(stops, sentence_start)
        stop = stops[i] if i < len(stops) else len(text)
        m = asks[k]
        if m.end() > stop:
            continue
        name, _ = take_name(text[m.end() : min(stop, m.end() + NAME_SPAN)])
        if name and is_organisation(name):
            return text[sentence_start:]
    return None
