"""Each document's search input kept between builds (search_process.pickled_inputs): a rebuild after one edit makes
the inputs whose makings changed, and reads every other one; a kept input is never one that the archive's other
texts have changed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from build_scripts.pipeline import convert, link, slugs
from build_scripts.pipeline.read import read_file
from build_scripts.site import search_process
from build_scripts.writers import search as index

from ..conftest import CROSSLINK_SOURCES, FIXTURES


def _docs(paths: list[Path]) -> tuple[list, dict[str, str]]:
    sources = [read_file(p) for p in paths]
    ids = slugs.assign_ids(sources)
    docs = [convert.document_from_source(s, i) for s, i in zip(sources, ids, strict=True)]
    return docs, {d.id: convert.key(d.source, d.id) for d in docs}


def _kept(docs: list, links, keys: dict[str, str] | None) -> list[index.KeptInput]:
    """The inputs as the search process reads them from the build, with their keys and texts' sizes."""
    return list(search_process._read(io.BytesIO(b"".join(search_process.pickled_inputs(docs, True, links, keys)))))


def _sent(docs: list, links, keys: dict[str, str] | None) -> list[index.SearchInput]:
    """The inputs as the search process reads them from the build."""
    return [(units, record) for units, record, _key, _size in _kept(docs, links, keys)]


def test_a_kept_input_comes_with_its_key_and_its_texts_size(cache: Path) -> None:
    """The process keys the document's share by the input's key, and fills the parts by the size sent."""
    paths = [p for p in CROSSLINK_SOURCES if p.suffix == ".txt"]
    docs, keys = _docs(paths)
    links = link.link(docs)
    for _ in range(2):  # made, then read from the cache
        kept = _kept(docs, links, keys)
        assert [key for _u, _r, key, _s in kept] == [search_process.input_key(d, keys[d.id], True, links) for d in docs]
        assert [size for units, _r, _k, size in kept] == [index.text_size(units) for units, _r, _k, _s in kept]
    assert {key for _u, _r, key, _s in _kept(docs, links, None)} == {None}  # no load keys: shares keyed by their units


def _made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents whose input is made (not read from the cache), as they are made."""
    made = []
    real = index.search_input

    def making(doc, *args, **kwargs):
        made.append(doc.id)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(index, "search_input", making)
    return made


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("VB_NO_CACHE", raising=False)
    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_kept_inputs_are_the_inputs_made(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [p for p in CROSSLINK_SOURCES if p.suffix == ".txt"]
    docs, keys = _docs(paths)
    links = link.link(docs)
    expected = list(index.search_inputs(docs, True, links))
    reordered = list(index.search_inputs(docs[::-1], True, links))
    made = _made(monkeypatch)
    assert _sent(docs, links, keys) == expected
    assert made == [d.id for d in docs]
    made.clear()
    # the archive in another order: every input read from the cache, its units numbered by its new place
    assert _sent(docs[::-1], links, keys) == reordered
    assert not made
    # without the load keys (the build's second try, text by text), every input is made
    assert _sent(docs, links, None) == expected and len(made) == len(docs)


def test_a_text_that_changes_another_ones_body_makes_that_ones_input_again(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A body no entry explains is named as the archive's first text that gives it writes it: another text of the
    same town, spelling "Tổ công nghệ số cộng đồng" in lower case, renames the Điện Bàn text's body in the search's
    organisations. Its input is made again; every other text's is read from the cache."""
    paths = [p for p in CROSSLINK_SOURCES if p.suffix == ".txt"]
    docs, keys = _docs(paths)
    before = _sent(docs, link.link(docs), keys)
    own = FIXTURES / "bodies" / "thiuy_dienban_danvan.txt"
    text = own.read_text(encoding="utf-8")
    assert "Tổ Công nghệ số cộng đồng thị xã" in text
    other = tmp_path / "thiuy_dienban_chuyendoiso.txt"
    other.write_text(text.replace("Số 187-TB/TU", "Số 192-TB/TU").replace(
        "Tổ Công nghệ số cộng đồng thị xã", "Tổ công nghệ số cộng đồng thị xã"), encoding="utf-8")
    docs2, keys2 = _docs([other, *paths])  # the new text first: its spelling names the body
    links2 = link.link(docs2)
    target = next(i for i, d in enumerate(docs) if d.source.name == own.name)
    assert index.search_input(docs2[target + 1], target, True, links2) != before[target]  # the change reaches it
    expected = list(index.search_inputs(docs2, True, links2))
    made = _made(monkeypatch)
    assert _sent(docs2, links2, keys2) == expected
    assert made == [docs2[0].id, docs2[target + 1].id]


def test_a_text_that_dated_another_ones_citation_makes_that_ones_input_again_when_it_goes(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An undated "Chỉ thị số 05-CT/TW" is the dated one the archive's other texts cite (link.resolve_identities):
    without them, the citing text's references are others, and its input is made again."""
    paths = [p for p in CROSSLINK_SOURCES if p.suffix == ".txt"]
    docs, keys = _docs(paths)
    _sent(docs, link.link(docs), keys)
    undated = {d.id for d in docs if any(r.symbol == "05-CT/TW" and not r.date for r in d.facts.references)}
    dating = [p for p, d in zip(paths, docs, strict=True)
              if any(r.symbol == "05-CT/TW" and r.date for r in d.facts.references)]
    assert undated and dating
    docs2, keys2 = _docs([p for p in paths if p not in dating])
    links2 = link.link(docs2)
    expected = list(index.search_inputs(docs2, True, links2))
    made = _made(monkeypatch)
    assert _sent(docs2, links2, keys2) == expected
    assert set(made) == undated


def test_an_input_the_load_cache_can_give_is_made_by_the_index_process_as_the_build_made_it(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a cold build the load cache holds every document: the build's process sends its key and what the input
    reads of the links (``link_view``), and the index's process makes the input itself (``_read``), the same one,
    while the build writes the pages. The input is kept, and the next build reads it."""
    paths = [p for p in CROSSLINK_SOURCES if p.suffix == ".txt"]
    sources = [read_file(p) for p in paths]
    ids = slugs.assign_ids(sources)
    docs = convert.convert_all(list(zip(sources, ids, strict=True)))  # converted, and kept by the load cache
    keys = {d.id: convert.key(d.source, d.id) for d in docs}
    links = link.link(docs)
    expected = list(index.search_inputs(docs, True, links))
    made = _made(monkeypatch)
    sent = b"".join(search_process.pickled_inputs(docs, True, links, keys))
    assert not made  # nothing made by the build's process
    assert [(u, r) for u, r, _k, _s in search_process._read(io.BytesIO(sent))] == expected
    assert made == [d.id for d in docs]  # made where the index reads them
    made.clear()
    assert _sent(docs, links, keys) == expected and not made  # kept: read, not made


def test_the_links_a_document_input_reads_are_all_in_its_view() -> None:
    """``link_view`` holds every identity the input reads: the input made with it is the one made with the whole
    links (the issuer's kinds, each assignee's kinds and group), and no body carries its tasks."""
    paths = [p for p in CROSSLINK_SOURCES if p.suffix == ".txt"]
    docs, _keys = _docs(paths)
    links = link.link(docs)
    stripped: dict = {}
    for i, doc in enumerate(docs):
        view = search_process.link_view(doc, links, stripped)
        assert index.search_input(doc, i, True, view) == index.search_input(doc, i, True, links)
    assert stripped and all(not b.assignments for b in stripped.values())
    assert any(b.__class__.__name__ == "BodyGroup" for b in stripped.values())  # groups too, their members stripped


def test_an_input_the_last_build_noted_is_read_as_noted_and_indexed_as_it_was(cache: Path) -> None:
    """The index's process notes each input's key, record and sizes (``_read``'s ``seen``; the build keeps them in
    ``last_inputs``): the next build does not unpickle a kept input it noted (its units are read only if a part or a
    share must be made again), and the search files are the same."""
    paths = [p for p in CROSSLINK_SOURCES if p.suffix == ".txt"]
    docs, keys = _docs(paths)
    links = link.link(docs)
    seen: list[search_process.Summary] = []
    sent = b"".join(search_process.pickled_inputs(docs, True, links, keys))
    first = dict(index.search_files(search_process._read(io.BytesIO(sent), None, seen)))
    assert [key for key, *_rest in seen] == [search_process.input_key(d, keys[d.id], True, links) for d in docs]
    kept = b"".join(search_process.pickled_inputs(docs, True, links, keys))  # now kept in the cache
    assert len(kept) < len(sent) / 10  # the build sends where each is kept, not the input: no file read twice
    known = {noted[0]: noted for noted in seen}
    inputs = list(search_process._read(io.BytesIO(kept), known))
    assert all(isinstance(units, index.LazyUnits) for units, *_rest in inputs) and not known
    assert dict(index.search_files(inputs)) == first
    # the process reads a kept input itself when it has no note of it (the last build's notes gone)
    assert dict(index.search_files(search_process._read(io.BytesIO(kept)))) == first


def test_the_index_process_starts_before_the_load_only_after_a_build_of_the_same_code_noted_its_inputs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold build (no inputs noted), or one after a change of the code (every text converted again), starts it
    after the load, as before: its load's processes use both cores."""
    monkeypatch.setattr(search_process.os, "cpu_count", lambda: 2)
    with search_process.early(None) as process:
        assert process is None
    last = tmp_path / "texts.last"
    with search_process.early(last) as process:
        assert process is None
    last.write_bytes(b"%s\n" % ("0" * 64).encode("ascii"))  # noted by another code
    with search_process.early(last) as process:
        assert process is None
    last.write_bytes(b"%s\n" % convert.code_hash().encode("ascii"))
    with search_process.early(last) as process:
        assert process is not None and not process.done()
    assert process.done()  # stopped with the build, unused
