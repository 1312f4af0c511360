"""The link's kept citations and bodies (link.Shares): a rebuild reads each unchanged document's citations and
identified names from one file, and a document whose load key changed (an edited text, another page id, other code
or data files) is read and identified again, as a clean build would."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from build_scripts import knowledge, shelf
from build_scripts.knowledge import bodies
from build_scripts.pipeline import convert, link, slugs
from build_scripts.pipeline.read import read_file

from ..conftest import CROSSLINK_SOURCES


def _docs() -> tuple[list, dict[str, str]]:
    sources = [read_file(p) for p in CROSSLINK_SOURCES if p.suffix == ".txt"]
    ids = slugs.assign_ids(sources)
    docs = [convert.document_from_source(s, i) for s, i in zip(sources, ids, strict=True)]
    return docs, {d.id: convert.key(d.source, d.id) for d in docs}


def _citations(links) -> list[tuple]:
    """What the cited documents' pages show: each citing document, anchor, sentence and task."""
    return sorted((c.id, c.symbol, c.archived.id if c.archived else None,
                   tuple((x.doc.id, x.anchor, x.passage, x.task) for x in c.citations))
                  for c in links.cited.values())


def test_a_changed_text_gets_its_citations_read_again_by_the_load(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A text's citations come with it from the load cache, under the key of its source: an edited text is made
    again, and the link shows its new sentence, as reading every tree does."""
    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("VB_NO_CACHE", raising=False)
    sources = [read_file(p) for p in CROSSLINK_SOURCES if p.suffix == ".txt"]
    ids = slugs.assign_ids(sources)
    docs = convert.convert_all(list(zip(sources, ids, strict=True)), workers=1)
    citing = next(d for d in docs if any(share for share in d.citations))
    sentence = next(s for share in citing.citations for _a, s, _t in share if s and s in citing.source.text)
    at = docs.index(citing)
    edited = dataclasses.replace(sources[at], text=sources[at].text.replace(
        sentence, "Văn phòng theo dõi, đôn đốc: " + sentence, 1))
    again = convert.convert_all(list(zip([*sources[:at], edited, *sources[at + 1:]], ids, strict=True)), workers=1)
    kept = _citations(link.link(again))
    assert any("Văn phòng theo dõi, đôn đốc" in x[2] for entry in kept for x in entry[3])
    fresh = [convert.document_from_source(s, i) for s, i in zip([*sources[:at], edited, *sources[at + 1:]], ids,
                                                                   strict=True)]
    assert kept == _citations(link.link(fresh))  # every tree read by the link


# --- the kept bodies: each document's issuer and assignees identified, from that document and the data files ---


def _bodies(links) -> list:
    """What the bodies' pages, the tracker and the index show: each body and group with its tasks (document, task,
    role, names), the kinds, each document's issuer, each name's body, the names no entry explains."""
    def tasks(page) -> tuple:
        return tuple((a.doc.id, a.task.id, str(a.role), a.name) for a in page.assignments)

    return [sorted((b.id, b.name, b.kind, b.locality, b.category, b.kind_id, b.scope, tasks(b))
                   for b in links.bodies.values()),
            sorted((g.id, g.name, g.locality, tuple(m.id for m in g.members), tasks(g))
                   for g in links.groups.values()),
            sorted((k.id, k.name, tuple(b.id for b in k.bodies)) for k in links.kinds.values()),
            sorted((d, b.id, b.name) for d, b in links.issuers.items()),
            sorted(links.body_of.items()), sorted(links.unmapped.items()), sorted(links.by_family.items())]


def _doc(docs: list, name: str):
    return next(d for d in docs if d.source.name == name)


def _again(doc, text: str, doc_id: str | None = None):
    """``doc``'s source with ``text``, under ``doc_id`` (else its own), parsed and extracted as a build would."""
    src = dataclasses.replace(doc.source, text=text)
    doc_id = doc_id or doc.id
    return convert.document_from_source(src, doc_id), convert.key(src, doc_id)


def test_kept_bodies_give_what_identifying_every_name_gives(tmp_path: Path) -> None:
    docs, keys = _docs()
    fresh = _bodies(link.link(docs))
    assert fresh[0] and fresh[1] and fresh[3]  # bodies, groups and issuers to compare
    path = tmp_path / "shares.pickle"
    link.link(docs, link.Shares(path, keys))
    kept = link.Shares(path, keys)
    assert set(kept.bodies) == set(keys.values())
    assert len(kept.identities) < sum(len(t.assignees) for d in docs for t in d.facts.tasks)  # each body once
    assert _bodies(link.link(docs, kept)) == fresh


def test_a_text_whose_own_unit_changed_has_its_names_identified_again(tmp_path: Path) -> None:
    """The same names ("Uỷ ban nhân dân thị xã") in a text of another town are that town's bodies: what a
    document says of itself is an input of its names, and the kept ones of its old text are not used."""
    docs, keys = _docs()
    path = tmp_path / "shares.pickle"
    before = _bodies(link.link(docs, link.Shares(path, keys)))
    town = _doc(docs, "thiuy_dienban_danvan.txt")
    moved, key = _again(town, town.source.text.replace("ĐIỆN BÀN", "HỘI AN").replace("Điện Bàn", "Hội An"))
    docs2 = [moved if d is town else d for d in docs]
    keys2 = {**keys, town.id: key}
    kept = _bodies(link.link(docs2, link.Shares(path, keys2)))
    assert kept == _bodies(link.link(docs2))
    assert kept != before
    assert keys2[town.id] in link.Shares(path, keys2).bodies and keys[town.id] not in link.Shares(path, keys2).bodies
    assert any(name.endswith("thị xã") and body.endswith("--hoi-an") for (d, name), body in kept[4]
               if d == town.id)


def test_a_text_under_another_page_id_has_its_names_identified_again(tmp_path: Path) -> None:
    """A text that names no locality keeps its bodies its own ("... (chưa rõ địa phương)" of that page): its page
    id is an input of its names."""
    docs, keys = _docs()
    path = tmp_path / "shares.pickle"
    link.link(docs, link.Shares(path, keys))
    nowhere = next(d for d in docs if d.facts.locality is None and any(t.assignees for t in d.facts.tasks))
    renamed, key = _again(nowhere, nowhere.source.text, "da-doi-ten-" + nowhere.id)
    docs2 = [renamed if d is nowhere else d for d in docs]
    keys2 = {**{k: v for k, v in keys.items() if k != nowhere.id}, renamed.id: key}
    kept = _bodies(link.link(docs2, link.Shares(path, keys2)))
    assert kept == _bodies(link.link(docs2))
    assert any(renamed.id in body for (d, _name), body in kept[4] if d == renamed.id)


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch) -> Path:
    """The build code and its data files copied, for a test to change a data file: the copy is what the build reads
    and hashes. The knowledge read from it is forgotten afterwards."""
    code = tmp_path / "build_scripts"
    shutil.copytree(convert.CODE, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(convert, "CODE", code)
    monkeypatch.setattr(knowledge, "DATA", code / "data")
    _forget_knowledge()
    yield code / "data"
    monkeypatch.undo()
    _forget_knowledge()


def _forget_knowledge() -> None:
    for cached in (convert.code_hash, knowledge.organisations, bodies.knowledge, bodies._short_words, bodies._words,
                   bodies.identify, bodies.read_level, bodies.glossary):
        cached.cache_clear()


def test_a_changed_data_file_has_every_name_identified_again(tmp_path: Path, data_copy: Path) -> None:
    """A kind added to data/organisations.yml makes a name kept as written a body of that kind: the data files are
    an input of every document's names."""
    docs, keys = _docs()
    path = tmp_path / "shares.pickle"
    before = _bodies(link.link(docs, link.Shares(path, keys)))
    assert "Tổ Công nghệ số cộng đồng" in dict(before[5])  # no entry explains it yet
    data = data_copy / "organisations.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("\nkinds:\n", "\nkinds:\n  - name: Tổ Công nghệ số cộng đồng\n"
                                 "    category: Chính quyền\n", 1), encoding="utf-8")
    _forget_knowledge()
    keys2 = {d.id: convert.key(d.source, d.id) for d in docs}
    assert set(keys2.values()).isdisjoint(keys.values())
    kept = _bodies(link.link(docs, link.Shares(path, keys2)))
    assert kept == _bodies(link.link(docs))
    assert kept != before and "Tổ Công nghệ số cộng đồng" not in dict(kept[5])


def test_the_load_workers_citations_are_those_the_link_reads_from_the_trees(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The load's workers give each document where it cites its references (``Document.citations``, read from the
    tree they hold): the link takes them instead of reading every tree again, and links the same citations; it lets
    them go once taken."""
    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("VB_NO_CACHE", raising=False)
    sources = [read_file(p) for p in CROSSLINK_SOURCES if p.suffix == ".txt"]
    ids = slugs.assign_ids(sources)
    loaded = convert.convert_all(list(zip(sources, ids, strict=True)), workers=1)  # as the workers make them
    assert all(d.citations == link.citations_of(d) for d in loaded)
    assert any(any(share) for d in loaded for share in d.citations)
    fresh = _citations(link.link(_docs()[0]))  # every tree read by the link
    read = []
    real = link.citations_of
    monkeypatch.setattr(link, "citations_of", lambda doc: read.append(doc.id) or real(doc))
    assert _citations(link.link(loaded)) == fresh
    assert not read  # no tree read again for its citations
    assert not any(d.citations for d in loaded)  # let go


def test_the_bodies_knowledge_a_build_keeps_is_read_by_the_next_and_links_the_same(tmp_path: Path,
                                                                                  data_copy: Path,
                                                                                  monkeypatch: pytest.MonkeyPatch
                                                                                  ) -> None:
    """What data/organisations.yml says of bodies is made by the first build of the code and read from the build cache
    by the next (``site.build._kept_knowledge``): the same bodies for every name; a changed data file makes it again."""
    from build_scripts.site import build

    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("VB_NO_CACHE", raising=False)
    made: list[bodies.Knowledge] = []
    make = bodies.make_knowledge
    monkeypatch.setattr(bodies, "make_knowledge", lambda: made.append(make()) or made[-1])
    docs, _keys = _docs()
    build._kept_knowledge()
    assert len(made) == 1 and len(shelf.Shelf(tmp_path / "cache" / "knowledge")) == 1
    linked = _bodies(link.link(docs))
    _forget_knowledge()  # the next build's process
    build._kept_knowledge()
    assert len(made) == 1 and bodies.knowledge() is not made[0]  # read, not made
    assert _bodies(link.link(docs)) == linked
    data = data_copy / "organisations.yml"
    data.write_text(data.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    _forget_knowledge()
    build._kept_knowledge()
    assert len(made) == 2  # another code hash: made again
