"""The data model every stage shares, like Pandoc's single file of types.

read -> ``SourceText``; parse -> ``Document`` with ``blocks``; extract fills
``Document.facts``; render, index and publish only read these objects.
No stage imports another stage's internals: they meet here.
"""

from __future__ import annotations

import hashlib
import operator
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something a stage could not read with confidence, tied to a file and line."""

    source: str
    line: int | None
    message: str
    severity: str = "warning"  # "warning" or "error"

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True, slots=True)
class SourceText:
    """A source file after reading: normalised text plus where it came from."""

    name: str  # the file's path inside the source folder, "/" between folders ("2023/ket-luan-5.txt")
    sha256: str  # of the raw bytes
    text: str  # NFC, "\n" line endings
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()
    size: int = 0  # bytes of the file
    path: Path | None = field(default=None, compare=False)  # where it was read from, to publish a byte-identical copy
    folder: Path | None = field(default=None, compare=False)  # the source folder (``name`` is inside it)
    format: str = "txt"  # what the file was: "txt", "docx", "doc", "pdf" (a text layer) or "ocr" (a scan, an image)
    ocr_confidence: float | None = None  # for "ocr": Tesseract's mean word confidence, 0-100


# --- inline content -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with the emphasis the source marks.

    ``text`` keeps the source's own line breaks ("\\n"); ``hard_break`` marks a
    Markdown hard break (two trailing spaces) before such a newline.
    ``note`` is set on a footnote mark (e.g. "¹") and holds its label.
    """

    text: str
    strong: bool = False
    emph: bool = False
    note: str | None = None


def plain(spans: list[Span] | tuple[Span, ...]) -> str:
    """The words of some spans, without markup; line breaks become spaces (a one-span block, the most common,
    is not joined: extraction asks for every block's words several times)."""
    return _words(spans[0].text if len(spans) == 1 else "".join([s.text for s in spans]))


@lru_cache(maxsize=1024)
def _words(text: str) -> str:
    """Kept for the blocks of the document being read (its facts ask for them several times); a thousand
    blocks, so that the build's process holds at most that many strings more."""
    return " ".join(text.split())


# --- blocks ----------------------------------------------------------------


class BlockKind(StrEnum):
    HEADER = "header"  # official header lines before the title (issuer, "Số ...", place/date)
    TITLE = "title"  # the title block ("KẾT LUẬN / của ... / tại ...")
    RULE = "rule"  # a separator line ("-----")
    HEADING = "heading"  # "#" lines, bold-only lines, roman sections, group headings
    PARAGRAPH = "paragraph"
    ITEM = "item"  # numbered "1.", "1.1." or lettered "a)" item
    BULLET = "bullet"  # "- " or "+ " item
    FOOTNOTE = "footnote"  # "¹ text": the note of a footnote mark
    TABLE = "table"  # a Markdown table, kept as rows of cells
    RECIPIENTS = "recipients"  # "Nơi nhận:" and its list
    SIGNATURE = "signature"  # capacity/title lines and the signer's name
    PAGE = "page"  # a page's running header and number that a PDF's copy left inside the text: shown, not read


@dataclass(slots=True)
class Block:
    """One block of the document tree, in reading order.

    The tree is flat like Pandoc's block list: structure is carried by
    ``kind``, ``level`` and ``number`` rather than by nesting, except for
    RECIPIENTS, SIGNATURE and TABLE whose parts are ``children`` / ``rows``.
    """

    kind: BlockKind
    line: int  # 1-based source line where the block starts
    spans: list[Span] = field(default_factory=list)
    marker: str = ""  # the marker as printed: "1.1.", "a)", "-", "II-", "##"
    number: str = ""  # qualified number for items/headings: "1.3", "1.a", "III.1", "II"
    level: int = 0  # heading level (1 = top) or bullet depth
    section: str = ""  # roman numeral of the enclosing top-level section, if any
    children: list[Block] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # TABLE: header row first
    row_numbers: list[str] = field(default_factory=list)  # TABLE: qualified number of each body row
    row_anchors: list[str] = field(default_factory=list)  # TABLE: anchor of each body row
    anchor: str = ""  # stable HTML id, set by parse for items and headings
    end_line: int = 0  # last source line of the block

    @property
    def text(self) -> str:
        return plain(self.spans)


def iter_blocks(blocks: Iterable[Block]) -> Iterable[Block]:
    """Every block, children included, in reading order."""
    for b in blocks:
        yield b
        yield from iter_blocks(b.children)


# --- extracted facts ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Signer:
    name: str | None
    title: str | None
    capacity: str | None


class Role(StrEnum):
    """What a task asks of a body it names. The values are what the data files write
    (archive-data.md); the members are in order of precedence: when two names of one task meet
    in one body, the first role wins."""

    LEAD = "chủ trì"  # leads the task
    ADDRESSED = "thực hiện"  # addressed without a lead/support split
    SUPPORT = "phối hợp"  # supports the lead

    @property
    def label(self) -> str:
        """As a column or a line starts with it: "Chủ trì"."""
        return self.value[:1].upper() + self.value[1:]


LEADING = (Role.LEAD, Role.ADDRESSED)  # who carries a task out: the "Chủ trì / thực hiện" column


@dataclass(frozen=True, slots=True)
class Assignee:
    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class Reference:
    """A cited document that carries a symbol."""

    symbol: str  # canonical case, e.g. "08-NQ/ThU"
    kind: str | None  # "Nghị quyết", "Chỉ thị", ...
    date: str | None  # ISO
    issuer: str | None
    id: str  # identity under which the archive links citations
    line: int | None = None
    anchor: str | None = None  # anchor of the block that cites it first
    spellings: tuple[str, ...] = ()  # as written in the text ("08-NQ/Thu", "08-NQ/ThU")

    def __repr__(self) -> str:
        """The dataclass's own repr, written out (see ``StatusEntry.__repr__``): the data files' memo keys hold
        each document's references (~7,000 at 1,000 texts)."""
        return (f"{type(self).__qualname__}(symbol={self.symbol!r}, kind={self.kind!r}, date={self.date!r}, "
                f"issuer={self.issuer!r}, id={self.id!r}, line={self.line!r}, anchor={self.anchor!r}, "
                f"spellings={self.spellings!r})")


@dataclass(frozen=True, slots=True)
class StatusEntry:
    """One report of the office's status file on a task: its state on a date, and what shows it."""

    state: str  # "đã hoàn thành", "đang thực hiện" or "chưa thực hiện"
    date: str  # ISO
    evidence: str | None = None  # as the office wrote it
    note: str | None = None
    evidence_url: str | None = None  # an http(s) address, or "van-ban/<id>/" for a document of the archive
    line: int | None = field(default=None, compare=False)  # in the status file

    def __repr__(self) -> str:
        """The dataclass's own repr, written out: the writers key their memos by the reprs of the tasks' statuses
        (~17,000 a rebuild at 1,000 texts), and the generated one, through ``reprlib.recursive_repr``, took three
        times as long."""
        return (f"{type(self).__qualname__}(state={self.state!r}, date={self.date!r}, evidence={self.evidence!r}, "
                f"note={self.note!r}, evidence_url={self.evidence_url!r}, line={self.line!r})")


@dataclass(frozen=True, slots=True)
class TaskStatus:
    """A task's state as the office last reported it, and its earlier reports, oldest first."""

    current: StatusEntry
    history: tuple[StatusEntry, ...] = ()

    def __repr__(self) -> str:
        """The dataclass's own repr, written out (see ``StatusEntry.__repr__``)."""
        return f"{type(self).__qualname__}(current={self.current!r}, history={self.history!r})"

    @property
    def state(self) -> str:
        return self.current.state

    @property
    def date(self) -> str:
        return self.current.date


@dataclass(slots=True)
class Task:
    id: str
    number: str
    section: str
    text: str
    assignees: list[Assignee] = field(default_factory=list)
    deadline: str | None = None
    deadline_text: str | None = None
    references: list[str] = field(default_factory=list)
    anchor: str = ""
    line: int | None = None
    status: TaskStatus | None = None  # from the office's status file (status.py), never from the text


@dataclass(frozen=True, slots=True)
class Footnote:
    label: str  # "1" for "¹"
    text: str
    anchor: str
    task: str | None  # number of the task whose text carries the mark


@dataclass(slots=True)
class Facts:
    """What extraction reads from a document tree; None / [] where the text is silent."""

    title: str = ""
    type: str | None = None
    number: str | None = None
    issuer: str | None = None
    locality: str | None = None
    province: str | None = None
    meeting_date: str | None = None
    issued_date: str | None = None
    period: str | None = None
    chair: str | None = None
    attendees: list[str] = field(default_factory=list)
    signer: Signer | None = None
    recipients: list[str] = field(default_factory=list)
    shortcomings: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)  # laws and campaigns cited without a symbol
    footnotes: list[Footnote] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """A source text, its tree, and what was extracted from it.

    The load stage gives each tree packed (``packed``: pickled, ``blocks`` empty; see ``pack``): the
    trees are half of the models, and their readers take them one document at a time (``tree``).
    """

    source: SourceText
    id: str  # stable slug; the page URL derives from it
    blocks: list[Block] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    packed: bytes = b""  # the tree pickled, when ``blocks`` is not held as objects
    # where the text cites each of its references (link.citations_of: by position, (anchor, sentence, task
    # number) each), made by the load's workers from the tree they hold; the link takes them, and lets them go
    citations: list[list[tuple[str | None, str, str | None]]] | None = None
    # ``statuses_key``'s digest of its tasks' statuses, with the statuses it was made of
    statuses_digest: tuple[list[TaskStatus | None], str] | None = field(default=None, repr=False, compare=False)

    @property
    def url(self) -> str:
        return f"van-ban/{self.id}/"

    def href(self, directory_urls: bool = True) -> str:
        """The page's path in a build: ``van-ban/x/`` on the web, ``van-ban/x.html`` in the offline bundle."""
        return self.url if directory_urls else f"van-ban/{self.id}.html"

    @property
    def warnings(self) -> list[str]:
        return [str(d) for d in self.diagnostics if d.severity == "warning"]


def statuses_key(doc: Document) -> str:
    """The digest of its tasks' statuses (the office's file), as the writers key what they make of them: made once a
    build, not a ``repr`` of each status for each key (a document's page, record, task table and tracker rows, each
    body's listing and the site's inputs: ~50 ms a rebuild at 1,000 texts). Kept on the document with the statuses it
    was made of, and made again when any is another (a status is frozen: the same object, the same status)."""
    now = [t.status for t in doc.facts.tasks]
    kept = doc.statuses_digest
    if kept is not None and len(kept[0]) == len(now) and all(map(operator.is_, kept[0], now)):
        return kept[1]
    key = hashlib.sha256(repr(now).encode("utf-8")).hexdigest()
    doc.statuses_digest = (now, key)
    return key


def pack(doc: Document) -> None:
    """Hold the document's tree pickled rather than as objects: about a sixth of the memory. The build keeps
    every model to its end, but reads a tree only in three places (link, search, the document's page)."""
    if doc.blocks:
        doc.packed, doc.blocks = pickle.dumps(doc.blocks, pickle.HIGHEST_PROTOCOL), []


def tree(doc: Document) -> list[Block]:
    """The document's blocks, unpickled for this reader when they are packed (``pack``): the reader holds them
    while it reads this document, and they go when it lets them go. Every reader of a tree takes it here."""
    return pickle.loads(doc.packed) if doc.packed else doc.blocks


def year_of(doc: Document) -> str | None:
    date = doc.facts.meeting_date or doc.facts.issued_date
    return date[:4] if date else None


def sort_key(doc: Document) -> tuple[str, str]:
    """Newest first when sorted in reverse; undated documents last."""
    return (doc.facts.meeting_date or doc.facts.issued_date or "", doc.id)


# --- archive-wide links (the link stage's output) ----------------------------------------


@dataclass(frozen=True, slots=True)
class Citing:
    """One place in an archived document that cites a document."""

    doc: Document
    anchor: str | None
    passage: str  # the citing sentence
    task: str | None  # number of the task the passage belongs to, if any


@dataclass(slots=True)
class CitedDocument:
    """A cited document's identity and everything the archive knows of it."""

    id: str
    symbol: str
    kind: str | None
    date: str | None
    issuer: str | None
    citations: list[Citing] = field(default_factory=list)
    archived: Document | None = None  # the cited document itself, when it is in the archive

    @property
    def url(self) -> str:
        return f"dan-chieu/{self.id}/"

    @property
    def citing_documents(self) -> list[Document]:
        return list({c.doc.id: c.doc for c in self.citations}.values())


@dataclass(frozen=True, slots=True)
class Assignment:
    doc: Document
    task: Task
    role: Role
    name: str  # as the text gives it; several names for one body in one task are joined by "; "


@dataclass(slots=True)
class Body:
    """A body: a kind of body in one locality at one level (or a name that could not be mapped,
    kept as written), with every task given to it."""

    id: str  # "<kind id>--<scope>": "uy-ban-nhan-dan--tam-ky"
    name: str  # canonical: "Ủy ban nhân dân thành phố Tam Kỳ"
    kind: str | None  # the kind across localities ("Ủy ban nhân dân"); None when the name could not be mapped
    locality: str | None  # where the index files it: the document's locality, or the province above it
    category: str = "Khác"  # the section of the index: "Chính quyền", "Mặt trận và đoàn thể", ...
    kind_id: str | None = None
    scope: str = ""  # its locality and level, as words after its kind's name: "thành phố Tam Kỳ", "cấp xã (Đức Phổ)"
    assignments: list[Assignment] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"co-quan/{self.id}/"

    @property
    def names(self) -> list[str]:
        """The names the texts give it, in order of first use."""
        return list(dict.fromkeys(n for a in self.assignments for n in a.name.split("; ")))


@dataclass(slots=True)
class BodyGroup:
    """A name that stands for several bodies at once ("Mặt trận và các đoàn thể CT-XH thành phố"):
    each member lists its tasks too."""

    id: str
    name: str
    locality: str | None
    category: str
    members: list[Body] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"co-quan/{self.id}/"


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A later document of the archive that cites an earlier one: it reviews or carries on its tasks."""

    earlier: Document
    later: Document
    citations: tuple[Citing, ...]  # where the later document cites the earlier one


@dataclass(slots=True)
class BodyKind:
    """A kind of body across the archive ("Ủy ban Mặt trận Tổ quốc Việt Nam") and its bodies."""

    id: str
    name: str
    category: str
    abbr: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    known: bool = True  # listed in data/organisations.yml (else named after a body of its family)
    bodies: list[Body] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"co-quan/{self.id}/"


@dataclass(slots=True)
class Links:
    """What the archive knows across documents: citations, bodies and browse groupings."""

    cited: dict[str, CitedDocument] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    cited_by: dict[str, list[CitedDocument]] = field(default_factory=dict)  # archived doc id -> citations of it
    body_of: dict[tuple[str, str], str] = field(default_factory=dict)  # (doc id, assignee name) -> page id
    follow_ups: dict[str, list[FollowUp]] = field(default_factory=dict)  # earlier doc id -> later documents citing it
    follows: dict[str, list[FollowUp]] = field(default_factory=dict)  # later doc id -> earlier documents it cites
    groups: dict[str, BodyGroup] = field(default_factory=dict)
    kinds: dict[str, BodyKind] = field(default_factory=dict)
    # (doc id, assignee name) -> the body or group it stands for; absent for people ("Nhân dân")
    identities: dict[tuple[str, str], Body | BodyGroup] = field(default_factory=dict)
    issuers: dict[str, Body] = field(default_factory=dict)  # doc id -> the issuer's body (listed only if given tasks)
    unmapped: dict[str, list[str]] = field(default_factory=dict)  # a name no entry explains -> its files
    by_family: dict[str, list[str]] = field(default_factory=dict)  # a kind named after its body's name -> files
    digests: dict[str, str] = field(default_factory=dict, repr=False, compare=False)  # doc id -> ``digest``

    def identity(self, doc: Document, name: str) -> Body | BodyGroup | None:
        return self.identities.get((doc.id, name))

    def digest(self, doc: Document) -> str:
        """One digest of all the link gives a document that the archive's other texts can change: its references'
        ids, its issuer's body, and for each assignee's name the page it links to and the body or group it is
        (every field but the tasks). The writers key what they make of a document by it (its record, task table and
        tracker rows, its search input), made once a build, not a ``repr`` of those parts for each (~0.15 s of an
        add at 1,000 texts). Kept on the links, which no stage changes once the link has made them."""
        made = self.digests.get(doc.id)
        if made is None:
            read: list[object] = [[(r.id, r.symbol) for r in doc.facts.references],
                                  _identity_key(self.issuers.get(doc.id))]
            for name in dict.fromkeys(a.name for t in doc.facts.tasks for a in t.assignees):
                key = (doc.id, name)
                read.append((name, self.body_of.get(key), _identity_key(self.identities.get(key))))
            made = self.digests[doc.id] = hashlib.sha256(repr(read).encode("utf-8")).hexdigest()
        return made

    def mapped(self, doc: Document, name: str) -> Body | BodyGroup | None:
        """The identity of a name, if it was mapped to a kind or group (not kept as written)."""
        found = self.identities.get((doc.id, name))
        return found if isinstance(found, BodyGroup) or (found is not None and found.kind) else None


def _identity_key(found: Body | BodyGroup | None) -> tuple | None:
    """A body's or group's fields, its tasks aside (``Links.digest``)."""
    if isinstance(found, BodyGroup):
        return ("group", found.id, found.name, found.locality, found.category,
                tuple(_identity_key(m) for m in found.members))
    if found is None:
        return None
    return ("body", found.id, found.name, found.kind, found.locality, found.category, found.kind_id, found.scope)


def _positional_pickle(cls: type) -> None:
    """Pickle a dataclass as a call of its class with its fields in order. A slots dataclass otherwise
    unpickles through a Python ``__setstate__`` that sets each field in turn (and a frozen one through
    ``object.__setattr__``): the trees, unpickled by each of their readers, and the cached models take
    about half the time this way."""
    names = tuple(f.name for f in fields(cls))
    values = operator.attrgetter(*names)  # the fields' values taken in C (a tuple, from two names on)

    def __reduce__(self: object) -> tuple[type, tuple]:
        return cls, values(self) if len(names) > 1 else (values(self),)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]


# what the load stage's workers and cache pickle (none of them refers back to itself: a call's arguments
# are pickled before the object they make)
for _cls in (Diagnostic, SourceText, Span, Block, Signer, Assignee, Reference, StatusEntry, TaskStatus, Task,
             Footnote, Facts, Document):
    _positional_pickle(_cls)
