"""Search units: a document, its sections (headings) and its numbered items (tasks), each with the text it owns and
the values a reader filters by (``facets``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ...model import Block, BlockKind, Body, BodyGroup, Document, Links, Span, Task, tree
from ...vietnamese import nfc

FACETS = ("dia-phuong", "nam", "loai", "to-chuc")  # locality, year, type, organisation


@dataclass
class Unit:
    """One search result: a document, a section or an item, with the text it owns."""

    doc: int  # position of the document in the archive
    label: str = ""  # "Mục II", "Nhiệm vụ 1.3"; "" for the document itself
    anchor: str = ""  # "" for the document itself
    title: str = ""  # the document title, or a section heading
    symbols: list[str] = field(default_factory=list)
    issuer: list[str] = field(default_factory=list)
    locality: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    segments: list[tuple[str, str]] = field(default_factory=list)  # (anchor or "", original text)

    def add(self, anchor: str, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.segments.append((anchor, text))


class LazyUnits:
    """A document's units not read yet: how many (``len``), and the units themselves when first walked (a part or a
    share made again needs them; a rebuild's kept documents rarely do). ``read`` gives them."""

    def __init__(self, count: int, read: Callable[[], list[Unit]]) -> None:
        self.count, self._read = count, read
        self._units: list[Unit] | None = None

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Unit]:
        if self._units is None:
            self._units = self._read()
        return iter(self._units)


Units = list[Unit] | LazyUnits  # a document's units, read or to be read


def _text(spans: list[Span]) -> str:
    """The words of some spans, without footnote marks."""
    return " ".join("".join(s.text for s in spans if not s.note).split())


def _descendants(blocks: list[Block]):
    for b in blocks:
        yield b
        yield from _descendants(b.children)


def _unique(values) -> list[str]:
    """The values, spaces normalised, once each, in order (a dict: a document naming thousands stays linear)."""
    out: dict[str, None] = {}
    for v in values:
        v = " ".join((v or "").split())
        if v:
            out[v] = None
    return list(out)


def kind_names(found: Body | BodyGroup | None) -> list[str]:
    """The kinds a body or group belongs to ("Ủy ban nhân dân"); a name kept as written, without its place."""
    if isinstance(found, BodyGroup):
        return [k for m in found.members for k in kind_names(m)]
    if found is None:
        return []
    return [found.kind or found.name.removesuffix(" " + found.scope)]


def _organisations(doc: Document, names: list[str], links: Links | None) -> list[str]:
    """Names as written, then the kinds they stand for: "UBND" is found as "Ủy ban nhân dân" too."""
    if links is None:
        return _unique(names)
    kinds = [k for n in names for k in kind_names(links.identity(doc, n))]
    group = [g.name for n in names if isinstance(g := links.identity(doc, n), BodyGroup)]
    return _unique([*names, *group, *kinds])


def _task_unit(doc_index: int, task: Task, doc: Document | None = None, links: Links | None = None) -> Unit:
    """A task's passage: its label, its assignees (and their kinds) and the symbols it cites (``Task.references``
    holds the symbols themselves, as the data contract says: a lookup by reference id found none)."""
    return Unit(
        doc_index,
        label=f"Nhiệm vụ {task.number}".strip(),
        anchor=task.anchor,
        organisations=_organisations(doc, [a.name for a in task.assignees], links),
        symbols=_unique(task.references),
    )


def document_units(doc: Document, doc_index: int, links: Links | None = None) -> list[Unit]:
    """Split a document into search units, in reading order; every block's text belongs to one unit.

    With the link stage's ``links``, a task's organisations also hold the kinds of its assignees
    ("Ủy ban nhân dân" for "UBND thành phố"), and the document's, its issuer's kind."""
    f = doc.facts
    tasks = {t.anchor: t for t in f.tasks if t.anchor}
    issuer = links.issuers.get(doc.id) if links else None
    blocks = tree(doc)
    top = Unit(
        doc_index,
        title=f.title or " ".join(_text(b.spans) for b in blocks if b.kind == BlockKind.TITLE),
        symbols=_unique([f.number, *(r.symbol for r in f.references)]),
        issuer=_unique([f.issuer]),
        locality=_unique([f.locality, f.province]),
        organisations=_unique([f.issuer, *kind_names(issuer)]),
    )
    units = [top]
    current = top
    placed: set[str] = set()

    def start(unit: Unit) -> Unit:
        units.append(unit)
        if unit.anchor:
            placed.add(unit.anchor)
        return unit

    for b in blocks:
        kind = b.kind
        if kind in (BlockKind.TITLE, BlockKind.RULE, BlockKind.PAGE):
            continue
        if kind == BlockKind.HEADING and b.anchor:
            number = b.number or ""
            current = start(Unit(doc_index, label=f"Mục {number}" if number else "", anchor=b.anchor,
                                 title=_text(b.spans)))
        elif kind == BlockKind.ITEM and b.anchor:
            task = tasks.get(b.anchor)
            unit = _task_unit(doc_index, task, doc, links) if task else Unit(
                doc_index, label=f"Mục {b.number}", anchor=b.anchor)
            current = start(unit)
            current.add(b.anchor, _text(b.spans))
        elif kind == BlockKind.TABLE:
            _table(b, current, tasks, start, doc, links)
        elif kind in (BlockKind.RECIPIENTS, BlockKind.SIGNATURE):
            current = top
            top.add(b.anchor, _text(b.spans))
        elif kind == BlockKind.HEADER:
            top.add(b.anchor, _text(b.spans))
        else:  # paragraphs, bullets, footnotes, unanchored headings and items
            current.add(b.anchor, _text(b.spans))
        owner = top if kind in (BlockKind.HEADER, BlockKind.RECIPIENTS, BlockKind.SIGNATURE) else current
        for child in _descendants(b.children):  # e.g. the list under "Nơi nhận:"
            owner.add(child.anchor or b.anchor, _text(child.spans))

    for task in f.tasks:  # tasks the blocks do not show as items (e.g. read from running text)
        if task.anchor not in placed:
            unit = start(_task_unit(doc_index, task, doc, links))
            unit.add(task.anchor, task.text)
    return units


def _table(b: Block, current: Unit, tasks: dict[str, Task], start,
           doc: Document | None = None, links: Links | None = None) -> None:
    anchors = list(getattr(b, "row_anchors", []) or [])
    for i, row in enumerate(b.rows):
        anchor = anchors[i - 1] if 0 < i <= len(anchors) else ""
        text = " · ".join(c.strip() for c in row if c.strip())
        if anchor in tasks:
            start(_task_unit(current.doc, tasks[anchor], doc, links)).add(anchor, text)
        else:
            current.add(anchor or current.anchor, text)


def _facet_values(values) -> list[str]:
    """Distinct values, letter case aside ("Các cấp ủy", "các cấp ủy"); a capitalised spelling is preferred."""
    forms: dict[str, str] = {}
    for v in _unique(values):
        key = nfc(v).casefold()
        if key not in forms or (not forms[key][:1].isupper() and v[:1].isupper()):
            forms[key] = v
    return list(forms.values())


def facets(doc: Document, links: Links | None = None) -> dict[str, list[str]]:
    """The values a reader filters by: locality, year, type, organisations (issuer and assignees).

    With the link stage's ``links``, an organisation is its kind of body, once ("Ủy ban nhân dân"
    for "UBND thành phố" and "Ủy ban nhân dân thành phố" alike; a group's members each); people
    ("Nhân dân") are not organisations."""
    f = doc.facts
    year = (f.meeting_date or f.issued_date or "")[:4]
    if links is None:
        organisations = [f.issuer, *(a.name for t in f.tasks for a in t.assignees)]
    else:
        issuer = links.issuers.get(doc.id)
        organisations = [*(kind_names(issuer) if issuer is not None else [f.issuer]),
                         *(k for t in f.tasks for a in t.assignees for k in kind_names(links.identity(doc, a.name)))]
    return {
        "dia-phuong": _facet_values([f.locality]),
        "nam": [year] if len(year) == 4 and year.isdigit() else [],
        "loai": _facet_values([f.type]),
        "to-chuc": _facet_values(organisations),
    }
