"""The reprs of the tasks' statuses and of the references key the writers' memos (a page is kept under the statuses
it shows): they are written out by hand for speed, and must stay what the dataclass would give, every field named,
so that no key misses one."""

from __future__ import annotations

from dataclasses import fields

import pytest

from build_scripts.model import Reference, StatusEntry, TaskStatus


def _dataclass_repr(obj: object) -> str:
    """What ``dataclasses.dataclass`` generates: every field with ``repr`` set, by name, in order."""
    return f"{type(obj).__qualname__}(" + ", ".join(
        f"{f.name}={getattr(obj, f.name)!r}" for f in fields(obj) if f.repr) + ")"


ENTRIES = [StatusEntry("đã hoàn thành", "2024-05-01"),
           StatusEntry("đang thực hiện", "2024-03-02", "Công văn số 12 ‘x’", "ghi chú\n", "van-ban/tb-1/", 7),
           StatusEntry("chưa thực hiện", "2023-01-01", evidence_url="https://a.vn/?q='\"", line=0)]


@pytest.mark.parametrize("entry", ENTRIES)
def test_a_status_entrys_repr_is_the_dataclasss(entry: StatusEntry) -> None:
    assert repr(entry) == _dataclass_repr(entry)


@pytest.mark.parametrize("history", [(), tuple(ENTRIES[1:]), (ENTRIES[0],)])
def test_a_task_statuss_repr_is_the_dataclasss(history: tuple[StatusEntry, ...]) -> None:
    status = TaskStatus(ENTRIES[1], history)
    assert repr(status) == _dataclass_repr(status)
    assert repr([status, None]) == f"[{_dataclass_repr(status)}, None]"


REFERENCES = [Reference("08-NQ/ThU", None, None, None, "08-nq-thu"),
              Reference("12-CT/TU", "Chỉ thị", "2021-03-04", "Tỉnh ủy", "12-ct-tu", 40, "muc-2",
                        ("12-CT/Tu", "12-CT/TU"))]


@pytest.mark.parametrize("reference", REFERENCES)
def test_a_references_repr_is_the_dataclasss(reference: Reference) -> None:
    assert repr(reference) == _dataclass_repr(reference)
    assert repr([reference]) == f"[{_dataclass_repr(reference)}]"


@pytest.mark.parametrize("base", [ENTRIES[1], REFERENCES[1]])
def test_every_field_shows_in_the_repr(base: StatusEntry | Reference) -> None:
    """A field left out of the hand-written repr would leave it out of every memo key: two objects differing in
    any one field have different reprs."""
    cls = type(base)
    for f in fields(cls):
        value = getattr(base, f.name)
        changed = {g.name: getattr(base, g.name) for g in fields(cls)}
        changed[f.name] = (value or 0) + 1 if isinstance(value, int) else (*value, "x") if isinstance(value, tuple) \
            else f"{value}!"
        assert repr(cls(**changed)) != repr(base), f.name


def test_a_documents_statuses_key_follows_its_statuses() -> None:
    """The writers key a document's outputs by one digest of its tasks' statuses (``statuses_key``), kept on the
    document: another status on any task (a new object: statuses are frozen) gives another key, the same ones the
    same key, whether kept or made again."""
    from build_scripts.model import Document, Facts, SourceText, Task, statuses_key

    doc = Document(SourceText("a.txt", "0", "", "utf-8"), "a",
                   facts=Facts(tasks=[Task("a-1", "1", "", "x"), Task("a-2", "2", "", "y")]))
    empty = statuses_key(doc)
    doc.facts.tasks[1].status = TaskStatus(ENTRIES[0])
    done = statuses_key(doc)
    assert done != empty and statuses_key(doc) == done
    doc.facts.tasks[1].status = TaskStatus(ENTRIES[1])
    assert statuses_key(doc) not in (empty, done)
    doc.facts.tasks[1].status = TaskStatus(ENTRIES[0])  # the same status again, another object
    assert statuses_key(doc) == done
    doc.facts.tasks[1].status = None
    assert statuses_key(doc) == empty


def test_the_links_digest_of_a_document_follows_what_the_link_gives_it() -> None:
    """The writers key a document's record, task table, tracker rows and search input by one digest of what the link
    gives it (``Links.digest``): another page for a name, another canonical name or kind for its body, another id
    for a reference each give another digest; the bodies' tasks (other documents') do not."""
    from build_scripts.model import Assignee, Body, Document, Facts, Links, Role, SourceText, Task

    def digest(body: Body, page: str, ref_id: str) -> str:
        doc = Document(SourceText("a.txt", "0", "", "utf-8"), "a", facts=Facts(
            tasks=[Task("a-1", "1", "", "x", [Assignee("UBND huyện", Role.LEAD)])],
            references=[Reference("08-NQ/ThU", None, None, None, ref_id)]))
        return Links(body_of={("a", "UBND huyện"): page}, identities={("a", "UBND huyện"): body}).digest(doc)

    body = Body("uy-ban-nhan-dan--x", "Ủy ban nhân dân huyện X", "Ủy ban nhân dân", "X")
    first = digest(body, "uy-ban-nhan-dan--x", "08-nq-thu")
    busy = Body(body.id, body.name, body.kind, body.locality, assignments=[object()] * 3)  # type: ignore[list-item]
    assert digest(busy, "uy-ban-nhan-dan--x", "08-nq-thu") == first
    renamed = Body(body.id, "Ủy ban nhân dân huyện X (cũ)", body.kind, body.locality)
    assert len({first, digest(renamed, "uy-ban-nhan-dan--x", "08-nq-thu"), digest(body, "khac", "08-nq-thu"),
                digest(Body(body.id, body.name, None, body.locality), "uy-ban-nhan-dan--x", "08-nq-thu"),
                digest(body, "uy-ban-nhan-dan--x", "08-nq-thu--2")}) == 5
