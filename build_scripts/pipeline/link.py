"""Link stage: archive-wide facts from the extracted documents.

Runs once over every Document: which archived documents cite the same document
(by the reference identity extraction gave), which tasks each body received
across the archive, and when a cited document is itself in the archive. It reads
the shared model only; the render stage writes pages from its ``Links``.
"""

from __future__ import annotations

import bisect
import dataclasses
import pickle
import re
from pathlib import Path

from .. import files
from ..knowledge import bodies, places
from ..model import (
    Assignment,
    Block,
    BlockKind,
    Body,
    BodyGroup,
    BodyKind,
    CitedDocument,
    Citing,
    Document,
    FollowUp,
    Links,
    Reference,
    Role,
    Task,
    iter_blocks,
    sort_key,
    tree,
)
from ..spellings import Spellings

# issuers that extraction infers from a symbol's code when the text does not name one
LEVELS = ("Trung ương", "Tỉnh ủy", "Thành ủy", "Thị ủy", "Huyện ủy", "Quận ủy", "Đảng ủy")


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")


def _sentence_bounds(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence of a block starts (after the space that ends the one before) and ends, in one pass."""
    starts, ends = [0], []
    for m in _SENTENCE_END.finditer(text):
        ends.append(m.start())
        starts.append(m.end())
    ends.append(len(text))
    return starts, ends


def _anchored_texts(blocks: list[Block]) -> list[tuple[str | None, str]]:
    """(nearest anchor, text) of every block, walked once per document rather than once per citation."""
    out: list[tuple[str | None, str]] = []
    anchor: str | None = None
    for block in iter_blocks(blocks):
        anchor = block.anchor or anchor
        out.append((anchor, block.text))
    return out


def _passages(texts: list[tuple[str | None, str]], refs: list[Reference]) -> dict[int, list[tuple[str | None, str]]]:
    """For each of ``refs`` (by position): (anchor, sentence) of every block (``_anchored_texts``) that cites
    it by one of its spellings. One pass over the blocks for all of them (spellings.py), not one per
    reference: a text citing thousands of documents stays linear."""
    of_spelling: dict[str, list[int]] = {}
    for k, ref in enumerate(refs):
        for s in dict.fromkeys(s for s in (*ref.spellings, ref.symbol) if s):
            of_spelling.setdefault(s, []).append(k)
    matcher = Spellings(of_spelling)
    found: dict[int, list[tuple[str | None, str]]] = {k: [] for k in range(len(refs))}
    for anchor, text in texts:
        hits = list(matcher.find(text))
        if not hits:
            continue
        cited = {k for _s, _e, word in hits for k in of_spelling[word]}
        # the first sentence of the block that cites each: the sentence of its first hit, from the block's own
        # hits (a sentence is the block between spaces, so the same spellings are whole in both); a hit
        # across two sentences is in neither
        starts, ends = _sentence_bounds(text)
        first: dict[int, str] = {}
        for start, end, word in hits:
            n = bisect.bisect_right(starts, start) - 1
            if end <= ends[n]:
                for k in of_spelling[word]:
                    first.setdefault(k, text[starts[n] : ends[n]])
        for k in sorted(cited):
            found[k].append((anchor, first.get(k, text)))
    for k, ref in enumerate(refs):
        if not found[k] and ref.anchor:
            found[k].append((ref.anchor, ""))  # cited only by a short form ("Quyết định 217, 218")
    return found


def _task_at(doc: Document, blocks: list[Block]) -> dict[str, str]:
    """Anchor -> number of the task it belongs to (an item, or a paragraph that continues one), in the
    document's ``blocks``."""
    out: dict[str, str] = {}
    current: str | None = None
    tasks = {t.anchor: t.number for t in doc.facts.tasks}
    for block in blocks:
        if block.anchor in tasks:
            current = tasks[block.anchor]
        elif block.kind.value in ("heading", "recipients", "signature"):
            current = None
        if block.anchor and current is not None:
            out[block.anchor] = current
    return out


def _own_identity(doc: Document) -> tuple[str, str | None] | None:
    """How other documents would cite this one: its number and locality."""
    if not doc.facts.number:
        return None
    return doc.facts.number.casefold(), doc.facts.locality


def _is_central(symbol: str) -> bool:
    return symbol.upper().endswith("/TW")


def resolve_identities(docs: list[Document]) -> None:
    """Give an undated citation the identity of the one dated document it can be, archive-wide.

    Within one text an undated "Chỉ thị số 05-CT/TW" cannot be told from another term's
    05-CT/TW; across the archive, when exactly one dated 05-CT/TW of that issuer level is
    cited (in the same locality, for a local document), it is that one.
    """
    dated: dict[tuple[str, str], set[str]] = {}
    for doc in docs:
        for ref in doc.facts.references:
            if ref.date:
                scope = "" if _is_central(ref.symbol) else doc.facts.locality or ""
                dated.setdefault((ref.symbol.casefold(), scope), set()).add(ref.id)
    for doc in docs:
        resolved = []
        for ref in doc.facts.references:
            scope = "" if _is_central(ref.symbol) else doc.facts.locality or ""
            candidates = dated.get((ref.symbol.casefold(), scope), set())
            if not ref.date and len(candidates) == 1:
                ref = dataclasses.replace(ref, id=next(iter(candidates)))
            resolved.append(ref)
        doc.facts.references = resolved


# what one document's text gives the citations: for each of its references (by position), where it is cited
# (anchor, sentence, number of the task there)
Share = list[list[tuple[str | None, str, str | None]]]
# what one document's names are as bodies, in its own context (``doc_context``): its issuer's identity, then each
# task's assignees' (by position; None for people and everyone)
Names = tuple[bodies.Identity | None, list[list[bodies.Identity | None]]]
# Names as the file keeps them: each identity by its position in one table of the archive's (a few hundred bodies
# stand for the tens of thousands of names)
_Packed = tuple[int | None, list[list[int | None]]]


class Shares:
    """Each document's ``Names``, kept between builds in one file under the hash of what made the document (``keys``:
    page id -> the load cache's key, which covers its source, page id and the build code with its data files, so the
    tree, context and names they are read from). They depend on that document alone: what the archive makes of them
    (each body's tasks) is linked again every build. A rebuild identifies the names of the changed documents only,
    and reads the file once. A missing or unreadable file only costs the work. (Where each document cites its
    references, its other part of the link, comes with the document from the load cache: ``Document.citations``;
    this file held them too until session 18, 10.7 of its 11.3 MB at 4,000 texts.)"""

    def __init__(self, path: Path | None, keys: dict[str, str]) -> None:
        self.path, self.keys = path, keys
        self.bodies: dict[str, _Packed] = {}
        self.identities: list[bodies.Identity] = []
        self.used_bodies: dict[str, Names] = {}
        if path is not None:
            try:
                kept = pickle.loads(files.read_kept(path))
                packed, identities = kept["bodies"], kept["identities"]
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError,
                    KeyError, IndexError):
                return
            if isinstance(packed, dict) and isinstance(identities, list):
                self.bodies, self.identities = packed, identities

    def names(self, doc: Document) -> Names:
        k = self.keys.get(doc.id)
        packed = self.bodies.get(k) if k is not None else None
        found = _unpack(packed, self.identities) if packed is not None else None
        if found is None or not _fits(found, doc):  # the same key, so the same tasks: a guard, not a path
            found = _names(doc)
        if k is not None:
            self.used_bodies[k] = found
        return found

    def save(self) -> None:
        """Keep this build's names only (a text edited or gone leaves no entry behind), when they differ; then
        let them go (the links hold what the pages need, and the links are let go before the render)."""
        if self.path is not None and self.used_bodies.keys() != self.bodies.keys():
            identities, packed = _pack(self.used_bodies)
            files.keep(self.path, pickle.dumps({"bodies": packed, "identities": identities}, protocol=5))
        self.bodies, self.identities, self.used_bodies = {}, [], {}


def _pack(names: dict[str, Names]) -> tuple[list[bodies.Identity], dict[str, _Packed]]:
    """One table of the identities (equal ones once: those read from the file are the same objects, so only the
    new ones are hashed) and each document's names as positions in it."""
    table: list[bodies.Identity] = []
    by_object: dict[int, int] = {}
    by_value: dict[bodies.Identity, int] = {}

    def position(ident: bodies.Identity | None) -> int | None:
        if ident is None:
            return None
        n = by_object.get(id(ident))
        if n is None:
            n = by_object[id(ident)] = by_value.setdefault(ident, len(table))
            if n == len(table):
                table.append(ident)
        return n

    return table, {k: (position(issuer), [[position(i) for i in task] for task in tasks])
                   for k, (issuer, tasks) in names.items()}


def _unpack(packed: _Packed, table: list[bodies.Identity]) -> Names | None:
    try:
        issuer, tasks = packed
        return (None if issuer is None else table[issuer],
                [[None if i is None else table[i] for i in task] for task in tasks])
    except (TypeError, ValueError, IndexError):
        return None


def _share(doc: Document) -> Share:
    """Where ``doc`` cites each of its references: as the load's workers found them (``Document.citations``), let go
    once taken, else read from its tree here."""
    found, doc.citations = doc.citations, None
    return found if found is not None and len(found) == len(doc.facts.references) else citations_of(doc)


def citations_of(doc: Document) -> Share:
    """Where ``doc`` cites each of its references, from its tree and facts alone: what the load's workers give each
    document they make (convert.py), beside the other cores, where the link read every tree again in the build's
    own process with the second core idle (0.6 s of CPU at 1,000 texts)."""
    blocks = tree(doc)  # let go after this document: one tree held at a time
    task_at = _task_at(doc, blocks)
    passages = _passages(_anchored_texts(blocks), doc.facts.references)
    return [[(anchor, sentence, task_at.get(anchor or "")) for anchor, sentence in passages[k]]
            for k in range(len(doc.facts.references))]


def _names(doc: Document) -> Names:
    """The bodies a document's issuer and assignees are, from its own context: nothing of another document enters
    (``bodies.identify`` reads the name, the context and the data files)."""
    ctx = doc_context(doc)
    issuer = bodies.identify(doc.facts.issuer, ctx) if doc.facts.issuer else None
    return issuer, [[bodies.identify(a.name, ctx) for a in task.assignees] for task in doc.facts.tasks]


def _fits(names: Names, doc: Document) -> bool:
    """``names`` has one entry per task and assignee of ``doc``."""
    tasks = doc.facts.tasks
    return len(names[1]) == len(tasks) and all(len(n) == len(t.assignees)
                                               for n, t in zip(names[1], tasks, strict=True))


def link_citations(docs: list[Document]) -> tuple[dict[str, CitedDocument], dict[str, list[CitedDocument]]]:
    resolve_identities(docs)
    cited: dict[str, CitedDocument] = {}
    own = {ident: d for d in docs if (ident := _own_identity(d))}
    for doc in docs:
        if not doc.facts.references:
            continue  # cites nothing: its tree need not be read
        share = _share(doc)
        for k, ref in enumerate(doc.facts.references):
            entry = cited.get(ref.id)
            if entry is None:
                entry = cited[ref.id] = CitedDocument(ref.id, ref.symbol, ref.kind, ref.date, ref.issuer)
            entry.kind = entry.kind or ref.kind
            entry.date = entry.date or ref.date
            if entry.issuer in (None, *LEVELS) and ref.issuer:  # a stated issuer beats one inferred from the code
                entry.issuer = ref.issuer
            for anchor, sentence, task in share[k]:
                entry.citations.append(Citing(doc, anchor, sentence, task))
            archived = own.get((ref.symbol.casefold(), doc.facts.locality))
            same_date = not ref.date or ref.date in (archived.facts.issued_date, archived.facts.meeting_date) \
                if archived else False
            if archived is not None and archived is not doc and same_date:
                entry.archived = archived
    cited_by: dict[str, list[CitedDocument]] = {}
    for entry in cited.values():
        if entry.archived is not None:
            cited_by.setdefault(entry.archived.id, []).append(entry)
    return cited, cited_by


def doc_context(doc: Document) -> bodies.Context:
    """What a document says of its own unit: its locality, the province above it, its level and
    whether a party committee issued it (from the issuer, else the header's lines)."""
    f = doc.facts
    level, party = bodies.read_level(f.issuer) if f.issuer else (None, None)
    if level is None:
        found = []
        for block in tree(doc):
            if block.kind == BlockKind.HEADER:
                found += [bodies.read_level(line, header=True)
                          for line in "".join(s.text for s in block.spans).split("\n") if line.strip()]
        levels = [lv for lv, _ in found if lv]
        level = max(levels, key=bodies.tier) if levels else None
        party = party if party is not None else next((p for _, p in found if p is not None), None)
    return bodies.Context(doc.id, f.locality, f.province or places.province_of(f.locality), level, party)


_PRECEDENCE = {role: n for n, role in enumerate(Role)}  # the first role wins (model.Role)


class _Bodies:
    """The bodies, groups and kinds met so far, and each one's tasks."""

    def __init__(self) -> None:
        self.links = Links()
        self.tasks: dict[str, dict[tuple[str, str], tuple[Document, Task, list[str], list[str]]]] = {}

    def body(self, ident: bodies.Identity) -> Body:
        body = self.links.bodies.get(ident.id)
        if body is None:
            kind = ident.kind
            body = self.links.bodies[ident.id] = Body(
                ident.id, ident.name, kind.name if kind else None, ident.scope.locality, ident.category,
                kind.id if kind else None, ident.scope.label())
            if kind is not None:
                entry = self.links.kinds.get(kind.id)
                if entry is None:
                    entry = self.links.kinds[kind.id] = BodyKind(kind.id, kind.name, kind.category, kind.abbr,
                                                                 kind.aliases, kind.known)
                entry.bodies.append(body)
        return body

    def group(self, ident: bodies.Identity) -> BodyGroup:
        group = self.links.groups.get(ident.id)
        if group is None:
            group = self.links.groups[ident.id] = BodyGroup(
                ident.id, ident.name, ident.scope.locality, ident.category, [self.body(m) for m in ident.members])
        return group

    def assign(self, page: str, doc: Document, task: Task, role: str, name: str) -> None:
        entries = self.tasks.get(page)
        if entries is None:
            entries = self.tasks[page] = {}
        entry = entries.get((doc.id, task.id))
        if entry is None:
            entries[(doc.id, task.id)] = (doc, task, [role], [name])
            return
        if role not in entry[2]:
            entry[2].append(role)
        if name not in entry[3]:
            entry[3].append(name)

    def finish(self) -> Links:
        """Each page's tasks, one row per task: the strongest role, every name the task gives it."""
        for page in (*self.links.bodies.values(), *self.links.groups.values()):
            for doc, task, roles, names in self.tasks.get(page.id, {}).values():
                role = min(roles, key=_PRECEDENCE.__getitem__)
                page.assignments.append(Assignment(doc, task, role, "; ".join(names)))
        return self.links


def link_bodies(docs: list[Document], shares: Shares | None = None) -> Links:
    """Every assignee's body, scoped by its document: "UBND thành phố" of Đà Lạt is not that of Tam Kỳ.

    A group's task is listed by the group and by each member. People and everyone ("Nhân dân")
    are not bodies. Names no entry of data/organisations.yml explains are kept as written and
    listed in ``unmapped``; those only a family's first words explain, in ``by_family``. ``shares`` keeps
    each document's identified names between builds (``Shares``).
    """
    found = _Bodies()
    links = found.links
    for doc in docs:
        issuer, names = shares.names(doc) if shares is not None else _names(doc)
        if issuer is not None and not issuer.group:
            kind = issuer.kind
            links.issuers[doc.id] = Body(issuer.id, issuer.name, kind.name if kind else None, issuer.scope.locality,
                                         issuer.category, kind.id if kind else None)
        for task, idents in zip(doc.facts.tasks, names, strict=True):
            for a, ident in zip(task.assignees, idents, strict=True):
                if ident is None:
                    continue
                if ident.group is not None:
                    page: Body | BodyGroup = found.group(ident)
                    for member in page.members:
                        found.assign(member.id, doc, task, a.role, a.name)
                else:
                    page = found.body(ident)
                found.assign(page.id, doc, task, a.role, a.name)
                links.body_of[(doc.id, a.name)] = page.id
                links.identities[(doc.id, a.name)] = page
                if not ident.known:
                    links.unmapped.setdefault(ident.written, []).append(doc.source.name)
                elif ident.kind is not None and not ident.kind.known:
                    links.by_family.setdefault(ident.kind.name, []).append(doc.source.name)
    for names in (links.unmapped, links.by_family):
        for name, where in names.items():
            names[name] = sorted(set(where))
    return found.finish()


def _date(doc: Document) -> str:
    return doc.facts.meeting_date or doc.facts.issued_date or ""


def link_follow_ups(docs: list[Document], cited_by: dict[str, list[CitedDocument]]
                    ) -> tuple[dict[str, list[FollowUp]], dict[str, list[FollowUp]]]:
    """Later documents of the archive that cite an earlier archived one ("kết quả thực hiện Thông báo kết luận
    số 81-TB/HU"), both ways. A citing document dated before the one it cites is not a follow-up; an undated
    one may be. Nothing is inferred from their words: the status of tasks comes from the office's file alone."""
    by_id = {d.id: d for d in docs}
    follow_ups: dict[str, list[FollowUp]] = {}
    follows: dict[str, list[FollowUp]] = {}
    for earlier_id, entries in cited_by.items():
        earlier = by_id.get(earlier_id)
        if earlier is None:
            continue
        places: dict[str, list[Citing]] = {}
        for entry in entries:
            for citing in entry.citations:
                if citing.doc is not earlier:
                    places.setdefault(citing.doc.id, []).append(citing)
        for later_id, citations in places.items():
            later = by_id[later_id]
            if _date(later) and _date(earlier) and _date(later) < _date(earlier):
                continue
            f = FollowUp(earlier, later, tuple(citations))
            follow_ups.setdefault(earlier.id, []).append(f)
            follows.setdefault(later.id, []).append(f)
    for lists, key in ((follow_ups, lambda f: sort_key(f.later)), (follows, lambda f: sort_key(f.earlier))):
        for items in lists.values():
            items.sort(key=key)  # oldest first: the story in the order it happened
    return follow_ups, follows


def link(docs: list[Document], shares: Shares | None = None) -> Links:
    """The archive's links; ``shares`` keeps each document's bodies between builds (``Shares``)."""
    cited, cited_by = link_citations(docs)
    links = link_bodies(docs, shares)
    if shares is not None:
        shares.save()
    links.cited, links.cited_by = cited, cited_by
    links.follow_ups, links.follows = link_follow_ups(docs, cited_by)
    return links
