"""The tracker's data as a rebuild makes it: each document's rows kept between builds (``files.Memo``) under
everything they show, the chunks joined from the kept rows' JSON text byte for byte as dumping the data gives
them, and the lead kinds found once for the tracker and the dashboard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_scripts import files, shelf
from build_scripts.model import sort_key
from build_scripts.writers import varints
from build_scripts.writers.datascript import compact_json, packed, read_script, script_of
from build_scripts.writers.pages import dashboard, tracker

from .conftest import linked_synth

_pushed = read_script


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    docs, links = linked_synth(tmp_path, monkeypatch, seed=3)
    assert any(t.status is not None for d in docs for t in d.facts.tasks)
    return docs, links


def test_the_chunks_joined_from_kept_rows_are_the_json_of_the_rows_they_hold(
        archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs, links = archive
    monkeypatch.setattr(tracker, "CHUNK_BYTES", 1_500)  # several chunks, cut where the data's size says
    memo = files.Memo(tmp_path / "memo", "code")
    made = [tracker.tracker_data(docs, links, memo=memo) for _ in range(2)]  # rows made, then rows read back
    assert made[0] == made[1] == tracker.tracker_data(docs, links)
    out = made[1]
    core = _pushed(out[tracker.CORE_FILE])[1]
    assert core["chunks"] > 2
    rows = []
    for n in range(core["chunks"]):
        text = out[tracker.CHUNK_FILE.format(n)]
        args = _pushed(text)
        kind, number, chunk = args  # the file is what dumping the data gives, the rows packed but the first's:
        data = compact_json(chunk) if n == 0 else packed(compact_json(chunk))
        assert text == script_of(tracker.QUEUE, tracker.MAKER, compact_json(kind), compact_json(number), data)
        size = sum(len(json.dumps(x, ensure_ascii=False, separators=(",", ":")).encode()) for x in
                   (*chunk["d"], *chunk["t"]))
        if n < core["chunks"] - 1:
            assert size > tracker.CHUNK_BYTES  # a chunk is closed once it holds that much
        rows += [(chunk["d"][r[0]][0], r) for r in chunk["t"]]
    expected = [(doc, task) for doc in sorted(docs, key=sort_key, reverse=True) for task in doc.facts.tasks]
    assert len(rows) == len(expected) == core["total"]
    for (doc_id, row), (doc, task) in zip(rows, expected, strict=True):
        assert doc_id == doc.id
        assert row[:-1] == tracker.task_record(row[0], task, lambda name, d=doc.id: links.body_of.get((d, name)))[:-1]
        assert row[-1] == sorted(row[-1])
        assert [core["kinds"][i] for i in row[-1]] == \
            sorted(([k, name] for k, name in tracker.lead_kinds(doc, task, links)), key=core["kinds"].index)


@pytest.mark.parametrize("change", ["status", "body", "kind"])
def test_a_documents_kept_rows_follow_every_input_they_show(archive, tmp_path: Path, change: str) -> None:
    """A key that leaves out one of the rows' inputs would give the rows of the build before: each input is
    changed alone, the source staying as it is, and the kept rows must follow."""
    docs, links = archive
    memo = files.Memo(tmp_path / "memo", "code")
    before = tracker.tracker_data(docs, links, memo=memo)  # every document's rows kept
    pairs = [(d, t) for d in docs for t in d.facts.tasks]
    if change == "status":
        doc, task = next((d, t) for d, t in pairs if t.status is not None)
        task.status = next(t.status for _d, t in pairs if t.status is not None and t.status != task.status)
    elif change == "body":
        doc, task = next((d, t) for d, t in pairs if any(links.body_of.get((d.id, a.name)) for a in t.assignees))
        name = next(a.name for a in task.assignees if links.body_of.get((doc.id, a.name)))
        links.body_of[(doc.id, name)] = next(b for b in links.bodies if b != links.body_of[(doc.id, name)])
    else:  # the kind leading a task: a lead assignee now identified as another body, of another kind
        doc, task = next((d, t) for d, t in pairs if tracker.lead_kinds(d, t, links))
        kind = tracker.lead_kinds(doc, task, links)[0][0]
        other = next(b for b in links.bodies.values() if b.kind_id and b.kind_id != kind)
        for a in task.assignees:
            if a.role in tracker.ROLES_LEAD:
                links.identities[(doc.id, a.name)] = other
    links.digests.clear()  # a build links anew: the digests the links keep are of the build that made them
    after = tracker.tracker_data(docs, links, memo=memo)
    assert after != before
    assert after == tracker.tracker_data(docs, links)  # as if nothing had been kept


def test_the_dashboard_counts_the_same_with_the_trackers_lead_kinds(archive) -> None:
    docs, links = archive
    kinds_of = tracker.all_lead_kinds(docs, links)
    assert dashboard.dashboard_pages(docs, links, kinds_of) == dashboard.dashboard_pages(docs, links)
    data = dashboard.dashboard_data(docs, links, kinds_of)
    assert sum(n for *_x, n in data["groups"]["co-quan"]["rows"]) >= data["total"]  # each task once per lead kind


def _numbers(text: str) -> list[int]:
    """The chunk numbers of ``tracker.chunk_list``, read back as theo-doi.js reads them."""
    if text.startswith("."):
        return [6 * i + j for i, c in enumerate(text[1:]) for j in range(6) if varints.VARINT_DIGITS.index(c) >> j & 1]
    out = [-1]
    for gap in varints.unvarints(text):
        out.append(out[-1] + gap + 1)
    return out[1:]


@pytest.mark.parametrize("numbers", [[], [0], [4], [0, 1, 2, 3], [2, 5, 6, 7, 40, 41], list(range(0, 300, 2)),
                                     list(range(95))])
def test_chunk_lists_read_back_as_the_numbers_written(numbers: list[int]) -> None:
    assert _numbers(tracker.chunk_list(numbers)) == numbers
    assert len(tracker.chunk_list(numbers)) <= (max(numbers) // 6 + 2 if numbers else 0)  # at most the bitset
    assert len(tracker.chunk_list([90])) == 2 and len(tracker.chunk_list(list(range(95)))) == 17  # ".": 16 + 1


def test_co_quan_names_for_each_body_exactly_the_chunks_holding_its_rows(
        archive, monkeypatch: pytest.MonkeyPatch) -> None:
    """The body filter reads only the chunks listed for the ids it matches: each id's list is every chunk with a
    row naming it as lead, body addressed or support, and no other."""
    docs, links = archive
    monkeypatch.setattr(tracker, "CHUNK_BYTES", 1_500)
    out = tracker.tracker_data(docs, links)
    core = _pushed(out[tracker.CORE_FILE])[1]
    held: dict[str, set[int]] = {}
    for n in range(core["chunks"]):
        for row in _pushed(out[tracker.CHUNK_FILE.format(n)])[2]["t"]:
            for _name, body_id in row[4] + row[5]:
                if body_id:
                    held.setdefault(body_id, set()).add(n)
    names = _pushed(out[tracker.BODIES_FILE])[1]
    ids = sorted(names["bodies"])
    assert set(held) <= set(ids)  # every id a row names has its list
    assert len(names["chunks"]) == len(ids)
    assert held and any(len(v) < core["chunks"] for v in held.values())  # some body is not in every chunk
    assert {body_id: _numbers(text) for body_id, text in zip(ids, names["chunks"], strict=True)} == \
        {body_id: sorted(held.get(body_id, ())) for body_id in ids}


def test_a_months_kept_rows_are_one_entry_and_a_rebuild_reads_them_back(archive, tmp_path: Path) -> None:
    """A rebuild reads an entry a month of documents, not one a document, and gives the rows made fresh."""
    docs, links = archive
    first, second, *_rest = [d for d in docs if d.facts.tasks]
    second.facts.meeting_date = sort_key(first)[0]  # two documents of one month
    folder = tmp_path / "memo"
    with files.Memo(folder, "code") as memo:
        made = tracker.tracker_data(docs, links, memo=memo)
    months = {tracker._month(d) for d in docs if d.facts.tasks}
    assert 1 < len(months) < sum(1 for d in docs if d.facts.tasks)
    assert len(shelf.Shelf(folder)) == len(months)
    with files.Memo(folder, "code") as memo:
        assert tracker.tracker_data(docs, links, memo=memo) == made == tracker.tracker_data(docs, links)


def test_a_tasks_summary_is_its_first_sentence_not_cut_at_an_abbreviation() -> None:
    """The task cards and the tracker show a task's first sentence: not cut after "(a. Hưng)" (anh, an officer
    named in a chat) or "TP." (thành phố), which end no sentence."""
    summary = tracker.summary
    assert summary("CC Địa chính (a. Hưng) giải quyết 03 hồ sơ trễ hạn. Xong trước 30/11.") == \
        "CC Địa chính (a. Hưng) giải quyết 03 hồ sơ trễ hạn."
    assert summary("UBND TP. Vũng Tàu chống ngập. Hoàn thành trong quý II.") == "UBND TP. Vũng Tàu chống ngập."
    assert summary("Rà soát hồ sơ. Tiếp tục theo dõi.") == "Rà soát hồ sơ."
