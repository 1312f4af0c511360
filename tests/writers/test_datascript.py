"""Data scripts packed: the search's texts and the tracker's rows written deflated and base64'd, read back to
the same data, with nothing of a source able to end the string or the script, and in a fraction of the bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.writers import search as index
from build_scripts.writers.datascript import compact_json, data_script, packed, read_script, script_of, unpacked
from build_scripts.writers.pages import tracker

from ..conftest import SEEDS, seed_document
from .conftest import linked_synth

HOSTILE = ["</script><script>alert(1)</script>", "\u2028\u2029", '"\\', "Đảng ủy xã Ea Tiêu", "\x00\x1f", "z"]


def test_a_packed_argument_reads_back_to_the_same_data_and_holds_only_base64_letters() -> None:
    data = {"0": ["1.a", "nhiem-vu-1-a", "", [[0, s] for s in HOSTILE]], "z": HOSTILE}
    text = script_of("vbQ", "Thử", compact_json("phan"), compact_json(7), packed(compact_json(data)))
    assert read_script(text) == ["phan", 7, data]
    payload = re.search(r'\{"z":"(.*?)"\}', text).group(1)
    assert re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", payload)  # no quote, no "<", no line break: nothing can run
    assert "</" not in text and "alert" not in text


def test_data_that_is_not_packed_reads_as_it_is() -> None:
    plain = {"z": 1}, {"z": "a", "b": 2}, ["z"], "z"  # an object of the one key z holding text is the packed form
    for value in plain:
        assert unpacked(value) == value
    text = data_script("vbQ", "Thử", "chi-muc", {"d": HOSTILE})
    assert read_script(text) == ["chi-muc", {"d": HOSTILE}]


def test_the_search_parts_are_packed_and_take_well_under_half_their_json() -> None:
    files = index.search_data([seed_document(p.name) for p in SEEDS])
    parts = read_script(files[index.INDEX_FILE])[1]["parts"]
    assert parts
    for name in parts:
        kind, number, texts = read_script(files[name])
        assert kind == "phan" and texts  # the texts, read back as the page reads them
        plain = script_of(index.QUEUE, index.MAKER, compact_json(kind), compact_json(number), compact_json(texts))
        assert len(files[name].encode()) < 0.5 * len(plain.encode())


def test_the_tracker_chunks_but_the_first_are_packed_and_take_well_under_half_their_json(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs, links = linked_synth(tmp_path, monkeypatch, seed=5)
    monkeypatch.setattr(tracker, "CHUNK_BYTES", 3_000)  # several chunks
    files = tracker.tracker_data(docs, links)
    core = read_script(files[tracker.CORE_FILE])[1]
    assert core["chunks"] > 2
    for n in range(core["chunks"]):
        text = files[tracker.CHUNK_FILE.format(n)]
        kind, number, chunk = read_script(text)
        assert kind == "nhiem-vu" and number == n and chunk["t"]
        plain = data_script(tracker.QUEUE, tracker.MAKER, kind, n, chunk)
        if n == 0:  # the first screen's rows, drawn at once
            assert text == plain
        else:
            assert '"t":' not in text  # packed: the rows are not there as JSON
            assert len(text.encode()) < 0.5 * len(plain.encode())
