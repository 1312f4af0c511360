"""Extract stage: the document tree -> facts (metadata, tasks, references).

Each module reads one kind of fact from the blocks; none of them looks at the
raw text again, and none of them guesses: a fact the text does not give stays
None or empty, and what could not be read with confidence becomes a warning.
"""

from __future__ import annotations

import dataclasses
import operator
import re

from ...model import Block, BlockKind, Diagnostic, Document, Facts, Footnote, Reference, Span, Task, plain
from ...vietnamese import is_syllable, reading_text
from . import dates, metadata, references
from .tasks import read_tasks

# blocks whose words are the document's own text (the recipients and signature cite nothing)
_CITING = (BlockKind.TITLE, BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.ITEM,
           BlockKind.BULLET, BlockKind.FOOTNOTE, BlockKind.TABLE)


def _block_text(b: Block) -> str:
    if b.kind == BlockKind.TABLE:
        return "\n".join(" | ".join(row) for row in b.rows)
    return plain(b.spans)


def read_references(blocks: list[Block], issuer: str | None, locality: str | None) -> list[Reference]:
    """Every cited document, in order of first citation (short forms included), with where it is cited."""
    texts = [(i, _block_text(b)) for i, b in enumerate(blocks) if b.kind in _CITING]
    nearest: list[str | None] = []  # the anchor at or before each block, in one pass (not one scan per block)
    for b in blocks:
        nearest.append(b.anchor or (nearest[-1] if nearest else None))
    found_in = {i: references.find_citations(text) for i, text in texts}
    known = references.Catalogue(c.symbol for found in found_in.values() for c in found)  # once for all blocks
    citations: list[references.Citation] = []
    first_seen: dict[str, tuple[int, str | None]] = {}
    for i, text in texts:
        found = found_in[i] + references.resolve_short_forms(text, known)
        for c in sorted(found, key=lambda c: c.start):
            citations.append(c)
            first_seen.setdefault(c.symbol, (blocks[i].line, nearest[i]))
    merged = references.merge_citations(citations, issuer, locality)
    spellings: dict[str, dict[str, None]] = {}
    for c in citations:
        if c.raw and not c.raw.isdigit():  # short forms ("217") are not linked as symbols
            spellings.setdefault(c.symbol, {})[c.raw] = None
    return [
        dataclasses.replace(r, line=first_seen.get(r.symbol, (None, None))[0],
                            anchor=first_seen.get(r.symbol, (None, None))[1],
                            spellings=tuple(spellings.get(r.symbol, {})))
        for r in merged
    ]


def read_footnotes(blocks: list[Block], tasks: list[Task]) -> list[Footnote]:
    """Each footnote with the task whose text carries its mark."""
    task_of_anchor = {t.anchor: t.number for t in tasks}
    current_task: str | None = None
    mark_task: dict[str, str | None] = {}
    for b in blocks:
        if b.kind in (BlockKind.HEADING, BlockKind.RECIPIENTS, BlockKind.SIGNATURE):
            current_task = None
        elif b.kind == BlockKind.ITEM:
            current_task = task_of_anchor.get(b.anchor)
        for s in b.spans:
            if s.note:
                mark_task.setdefault(s.note, current_task)
    return [
        Footnote(b.number, b.text, b.anchor, mark_task.get(b.number))
        for b in blocks
        if b.kind == BlockKind.FOOTNOTE
    ]


_BLOCK_FIELDS = tuple(f.name for f in dataclasses.fields(Block) if f.init)
_block_values = operator.attrgetter(*_BLOCK_FIELDS)


# a word a scan's OCR (or a typesetter) cut at a line's end with a hyphen: "đồng chí Nguy-" / "ễn Thị Thanh Hương"
RE_CUT_WORD = re.compile(r"(?<![^\W\d_])(?P<a>[^\W\d_]{1,7})-\n(?P<b>[^\W\d_]{1,7})(?![^\W\d_]) ?")


# Markdown's hard line break, a backslash at a line's end: "**BAN AN TOÀN GIAO THÔNG**\"
RE_HARD_BREAK = re.compile(r"(?<!\\)\\(?=\n|$)")


def _whole_words(text: str) -> str:
    """The cut word read whole, where its two halves make one syllable ("Nguy-" and "ễn", "phư-" and "ờng"; not "kinh
    tế-" and "xã hội", two words): the line then breaks after it."""
    if "-\n" not in text:
        return text
    return RE_CUT_WORD.sub(lambda m: f"{m['a']}{m['b']}\n" if m["b"][0].islower() and is_syllable(m["a"] + m["b"])
                           else m.group(), text)


def reading_view(blocks: list[Block]) -> list[Block]:
    """The same tree, its words as extraction reads them ("Ð" as "Đ", no-break spaces as spaces, a word cut at a
    line's end whole, ...).

    The page is rendered from ``doc.blocks``, as written; only the facts are read through the dirt.
    """
    def view(b: Block) -> Block:
        # dataclasses.replace, its field loop done once (_BLOCK_FIELDS) and the values taken in C
        values = dict(zip(_BLOCK_FIELDS, _block_values(b), strict=True))
        values["spans"] = [Span(_whole_words(RE_HARD_BREAK.sub("", reading_text(s.text))), s.strong, s.emph, s.note)
                           for s in b.spans]
        values["children"] = [view(c) for c in b.children]
        values["rows"] = [[reading_text(c) for c in row] for row in b.rows]
        return type(b)(**values)

    return [view(b) for b in blocks]


def extract(doc: Document) -> Document:
    blocks, name = reading_view(doc.blocks), doc.source.name
    title = metadata.read_title(blocks, name)
    number = metadata.read_number(blocks, references.canonical_symbol)
    meeting, issued = metadata.read_dates(blocks, dates.find_dates)
    chair, attendees = metadata.read_people(blocks)
    signer = metadata.read_signer(blocks)
    people = tuple(p for p in (chair, *attendees, signer.name if signer else None) if p)
    locality, province = metadata.read_locality(blocks, issued or meeting,
                                                metadata.read_issuer_as_written(blocks, title), people)
    issuer = metadata.read_issuer(blocks, title, locality)
    refs = [r for r in read_references(blocks, issuer, locality) if r.symbol != number]
    tasks, task_warnings = read_tasks(blocks, doc.id, name, references.Catalogue(r.symbol for r in refs),
                                      meeting or issued, issued)
    all_text = "\n".join(_block_text(b) for b in blocks if b.kind in _CITING)
    doc.facts = Facts(
        title=title,
        type=metadata.read_type(blocks, title, number),
        number=number,
        issuer=issuer,
        locality=locality,
        province=province,
        meeting_date=meeting,
        issued_date=issued,
        period=metadata.read_period(blocks, title, dates.find_period, meeting or issued),
        chair=chair,
        attendees=attendees,
        signer=signer,
        recipients=metadata.read_recipients(blocks),
        shortcomings=metadata.read_shortcomings(blocks),
        references=refs,
        tasks=tasks,
        mentions=references.find_mentions(all_text),
        footnotes=read_footnotes(blocks, tasks),
    )
    doc.diagnostics += task_warnings + _gaps(doc)
    return doc


def _gaps(doc: Document) -> list[Diagnostic]:
    """Warnings for what a reader would expect and the text did not give."""
    f, name = doc.facts, doc.source.name
    checks = [
        (f.type is None, "no document type found (Kết luận, Thông báo kết luận, ...)"),
        (f.meeting_date is None and f.issued_date is None, "no date found"),
        (f.issuer is None, "no issuing body found"),
        (not f.tasks, "no task found"),
    ]
    return [Diagnostic(name, None, message) for missing, message in checks if missing]
