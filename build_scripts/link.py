"""Link stage: archive-wide facts from the extracted documents.

Runs once over every Document: which archived documents cite the same document
(by the reference identity extraction gave), which tasks each body received
across the archive, and when a cited document is itself in the archive. It reads
the shared model only; the render stage writes pages from its ``Links``.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from .extract.organisations import canonical, kind_of
from .model import Assignment, Body, CitedDocument, Citing, Document, Links, Reference, iter_blocks
from .spellings import Spellings
from .vietnamese import fold, slugify

# words after a body's name that only say its level, not another body
_LEVEL_WORDS = re.compile(
    r"^(?:(?:thành phố|thị xã|huyện|quận|tỉnh|xã|phường|thị trấn|TP|Việt Nam|các cấp|cấp huyện|cấp tỉnh|cấp xã)\s*)+$",
    re.IGNORECASE,
)


# issuers that extraction infers from a symbol's code when the text does not name one
LEVELS = ("Trung ương", "Tỉnh ủy", "Thành ủy", "Thị ủy", "Huyện ủy", "Quận ủy", "Đảng ủy")


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;!?])\s+", text) if s]


def _anchored_texts(doc: Document) -> list[tuple[str | None, str]]:
    """(nearest anchor, text) of every block, walked once per document rather than once per citation."""
    out: list[tuple[str | None, str]] = []
    anchor: str | None = None
    for block in iter_blocks(doc.blocks):
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
        cited = {k for _s, _e, word in matcher.find(text) for k in of_spelling[word]}
        if not cited:
            continue
        first: dict[int, str] = {}  # the first sentence of the block that cites each
        for sentence in _sentences(text):
            for _s, _e, word in matcher.find(sentence):
                for k in of_spelling[word]:
                    first.setdefault(k, sentence)
        for k in sorted(cited):
            found[k].append((anchor, first.get(k, text)))
    for k, ref in enumerate(refs):
        if not found[k] and ref.anchor:
            found[k].append((ref.anchor, ""))  # cited only by a short form ("Quyết định 217, 218")
    return found


def _task_at(doc: Document) -> dict[str, str]:
    """Anchor -> number of the task it belongs to (an item, or a paragraph that continues one)."""
    out: dict[str, str] = {}
    current: str | None = None
    tasks = {t.anchor: t.number for t in doc.facts.tasks}
    for block in doc.blocks:
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


def link_citations(docs: list[Document]) -> tuple[dict[str, CitedDocument], dict[str, list[CitedDocument]]]:
    resolve_identities(docs)
    cited: dict[str, CitedDocument] = {}
    own = {ident: d for d in docs if (ident := _own_identity(d))}
    for doc in docs:
        task_at = _task_at(doc)
        passages = _passages(_anchored_texts(doc), doc.facts.references)
        for k, ref in enumerate(doc.facts.references):
            entry = cited.get(ref.id)
            if entry is None:
                entry = cited[ref.id] = CitedDocument(ref.id, ref.symbol, ref.kind, ref.date, ref.issuer)
            entry.kind = entry.kind or ref.kind
            entry.date = entry.date or ref.date
            if entry.issuer in (None, *LEVELS) and ref.issuer:  # a stated issuer beats one inferred from the code
                entry.issuer = ref.issuer
            for anchor, sentence in passages[k]:
                entry.citations.append(Citing(doc, anchor, sentence, task_at.get(anchor or "")))
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


@cache
def _body_identity(name: str) -> tuple[str, str]:
    """(display name, kind) of an assignee name: a known body when only level words follow it."""
    org = canonical(name)
    if org is not None:
        for form in sorted((org.name, *org.abbr, *org.aliases), key=len, reverse=True):
            rest = re.sub(r"^(?:các\s+)?" + re.escape(form), "", name, flags=re.IGNORECASE).strip(" ,")
            if rest != name.strip(" ,") and (not rest or _LEVEL_WORDS.match(rest)):
                return org.name, org.kind
    clean = " ".join(name.split())
    return clean[:1].upper() + clean[1:], kind_of(clean)


def link_bodies(docs: list[Document]) -> tuple[dict[str, Body], dict[tuple[str, str], str]]:
    bodies: dict[str, Body] = {}
    body_of: dict[tuple[str, str], str] = {}
    for doc in docs:
        locality = doc.facts.locality
        for task in doc.facts.tasks:
            for a in task.assignees:
                name, kind = _body_identity(a.name)
                body_id = slugify(f"{name} {locality or 'khong-ro-dia-phuong'}")
                body = bodies.get(body_id)
                if body is None:
                    body = bodies[body_id] = Body(body_id, name, kind, locality)
                body.assignments.append(Assignment(doc, task, a.role, a.name))
                body_of[(doc.id, a.name)] = body_id
    return bodies, body_of


def link(docs: list[Document]) -> Links:
    cited, cited_by = link_citations(docs)
    bodies, body_of = link_bodies(docs)
    return Links(cited=cited, bodies=bodies, cited_by=cited_by, body_of=body_of)


def year_of(doc: Document) -> str | None:
    date = doc.facts.meeting_date or doc.facts.issued_date
    return date[:4] if date else None


def sort_key(doc: Document) -> tuple[str, str]:
    """Newest first when sorted in reverse; undated documents last."""
    return (doc.facts.meeting_date or doc.facts.issued_date or "", doc.id)


def locality_key(name: str | None) -> str:
    return fold(name or "").casefold()
