"""Index stage: search units, facets, the lunr.py index and the files the browser loads.

Fixture documents are built here from model objects, with the facts each test needs, so these
tests do not depend on what extraction finds in the seeds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lunr.index import Index
from lunr.query import Query

from build_scripts.commands import search_size
from build_scripts.model import Assignee, Block, BlockKind, Document, Facts, Reference, SourceText, Span, Task
from build_scripts.writers import search as index
from build_scripts.writers.datascript import read_script
from build_scripts.writers.search import shard_files, shares
from build_scripts.writers.search import units as search_units

from ...conftest import SEEDS, seed_document

# --- fixtures --------------------------------------------------------------------------------


def block(kind: BlockKind, text: str, *, anchor: str = "", number: str = "", section: str = "",
          children: list[Block] | None = None) -> Block:
    return Block(kind, 1, [Span(text)], number=number, section=section, anchor=anchor,
                 children=children or [])


def make_doc(doc_id: str, blocks: list[Block], **facts) -> Document:
    text = "\n\n".join(b.text for b in blocks)
    src = SourceText(f"{doc_id}.txt", "0" * 64, text, "utf-8")
    return Document(src, doc_id, blocks, Facts(**facts))


def conclusion(doc_id: str = "kl-1", **facts) -> Document:
    """A conclusion with a header, intro, a roman section, items, a task, recipients and a signature."""
    facts.setdefault("title", "Kết luận của Thường trực Thành ủy về công tác dân vận")
    blocks = [
        block(BlockKind.HEADER, "THÀNH ỦY ĐÀ LẠT Số 340-TB/TU"),
        block(BlockKind.TITLE, "KẾT LUẬN của Thường trực Thành ủy"),
        block(BlockKind.PARAGRAPH, "Ngày 28 tháng 7 năm 2023, Thường trực Thành ủy họp.", anchor="doan-1"),
        block(BlockKind.HEADING, "Kết quả thực hiện", anchor="muc-i", number="I", section="I"),
        block(BlockKind.PARAGRAPH, "Phong trào “Dân vận khéo” được nhân rộng.", anchor="doan-2", section="I"),
        block(BlockKind.HEADING, "Nhiệm vụ thời gian tới", anchor="muc-ii", number="II", section="II"),
        block(BlockKind.ITEM, "Thực hiện Nghị quyết số 08-NQ/ThU của Thành ủy.", anchor="nhiem-vu-ii-1",
              number="II.1", section="II"),
        block(BlockKind.BULLET, "Xây dựng Đảng trong sạch.", section="II"),
        block(BlockKind.ITEM, "Ủy ban nhân dân thành phố rà soát kinh phí.", anchor="nhiem-vu-ii-2",
              number="II.2", section="II"),
        block(BlockKind.RECIPIENTS, "Nơi nhận:", anchor="noi-nhan",
              children=[block(BlockKind.BULLET, "Ban Thường vụ Tỉnh ủy")]),
        block(BlockKind.SIGNATURE, "PHÓ BÍ THƯ Ngô Thị Mỹ Lợi", anchor="chu-ky"),
    ]
    return make_doc(doc_id, blocks, **facts)


def task(anchor: str, number: str, *assignees: str, references: list[str] | None = None) -> Task:
    return Task(id=f"t-{number}", number=number, section="II", text="",
                assignees=[Assignee(a, "chủ trì") for a in assignees], anchor=anchor,
                references=references or [])


def lunr_index(docs: list[Document]) -> tuple[Index, list[index.Unit]]:
    serialised, units = index.build_index(docs)
    return Index.load(index.unpack(index.pack(serialised))), units


def search(idx: Index, q: str, typing: bool = False) -> list[dict]:
    """The clauses tim-kiem.js sends for a query (symbols whole in ``s``; words folded, and as written in ``e``;
    while ``typing``, a last word of 3 letters or more also as a beginning)."""
    query = idx.create_query()
    tokens = index.query_tokens(q)
    for n, (kind, tok) in enumerate(tokens):
        if kind == "symbol":
            query.term(tok.folded, fields=["s"], boost=10, wildcard=Query.WILDCARD_TRAILING, use_pipeline=False)
            continue
        query.term(tok.folded, fields=["t", "i", "l", "o", "x"], use_pipeline=False)
        if typing and n == len(tokens) - 1 and len(tok.folded) >= 3:
            query.term(tok.folded, fields=["t", "i", "l", "o", "x"], boost=0.3, wildcard=Query.WILDCARD_TRAILING,
                       use_pipeline=False)
        if tok.text != tok.folded:
            query.term(tok.text, fields=["e"], boost=3, use_pipeline=False)
    return idx.query(query)


def data_of(script: str) -> list:
    """The JSON a generated script pushes into the queue, packed texts unpacked (as the browser reads them)."""
    assert re.fullmatch(r"/\*.*?\*/\n\(window\.vbTimKiem=window\.vbTimKiem\|\|\[\]\)\.push\(.*\);\n", script,
                        flags=re.S), script[:200]
    return read_script(script)


def shards_packed(files: dict[str, str]) -> dict:
    """The index the search files hold (every term, unit and score of the shards), as ``index.pack`` gives lunr.py's."""
    meta = data_of(files[index.INDEX_FILE])[1]
    fields = meta["lunr"]["fields"]
    terms: dict[int, str] = {}
    postings: list[list[list[tuple[int, int]]]] = [[[] for _ in fields] for _ in range(sum(meta["units"]))]
    for n in range(len(meta["shards"])):
        for row in data_of(files[index.SHARD_FILE.format(n)])[2]:
            term, t, per_field, _positions = index.decode_row(row, len(fields))  # ours, beside lunr's: phrases
            terms[t] = term
            for f, flat in enumerate(per_field):
                ref = 0
                for k in range(0, len(flat), 2):
                    ref += flat[k]
                    postings[ref][f].append((t, flat[k + 1]))
    vectors = []
    for per_field in postings:
        flats = []
        for pairs in per_field:
            flat, last = [], 0
            for t, score in sorted(pairs):
                flat += [t - last, score]
                last = t
            flats.append(flat)
        vectors.append(flats)
    return {**meta["lunr"], "terms": [terms[t] for t in range(len(terms))], "vectors": vectors}


def assembled(files: dict[str, str], q: str, typing: bool = False) -> tuple[Index, set[int]]:
    """The index tim-kiem.js assembles for a query from the shards of its terms (the same steps as ``assemble``:
    only the terms that begin with a query word, folded or as written), and the shard files it loads."""
    meta = data_of(files[index.INDEX_FILE])[1]
    wanted = index.query_shards(q, meta["shards"], typing)
    stems = {form for _kind, tok in index.query_tokens(q) for form in (tok.folded, tok.text)}
    fields = meta["lunr"]["fields"]
    inverted, vectors = [], {}
    for n in sorted(wanted):
        kind, number, rows = data_of(files[index.SHARD_FILE.format(n)])
        assert (kind, number) == ("tu", n)
        for row in rows:
            term, term_index, per_field, _positions = index.decode_row(row, len(fields))  # lunr reads no positions
            if not any(term.startswith(stem) for stem in stems):
                continue
            posting: dict = {"_index": term_index}
            for name, flat in zip(fields, per_field, strict=True):
                posting[name], ref = {}, 0
                for k in range(0, len(flat), 2):
                    ref += flat[k]
                    posting[name][str(ref)] = {}
                    vectors.setdefault(f"{name}/{ref}", []).append((term_index, flat[k + 1] / 1000))
            inverted.append([term, posting])
    field_vectors = [[ref, [x for pair in sorted(pairs) for x in pair]] for ref, pairs in vectors.items()]
    return Index.load({**meta["lunr"], "fieldVectors": field_vectors,
                       "invertedIndex": sorted(inverted, key=lambda tp: tp[0])}), wanted


# --- units -------------------------------------------------------------------------------------


def test_units_are_the_document_its_sections_and_items() -> None:
    units = index.document_units(conclusion(), 0)
    assert [(u.label, u.anchor) for u in units] == [
        ("", ""), ("Mục I", "muc-i"), ("Mục II", "muc-ii"), ("Mục II.1", "nhiem-vu-ii-1"),
        ("Mục II.2", "nhiem-vu-ii-2")]
    top, first, _second, item, _ = units
    assert top.title.startswith("Kết luận của Thường trực Thành ủy")
    assert first.title == "Kết quả thực hiện"
    assert [a for a, _ in first.segments] == ["doan-2"]
    assert [t for _, t in item.segments] == ["Thực hiện Nghị quyết số 08-NQ/ThU của Thành ủy.",
                                             "Xây dựng Đảng trong sạch."]
    # the header, the intro, the recipients and the signature belong to the document itself
    assert [a for a, _ in top.segments] == ["", "doan-1", "noi-nhan", "noi-nhan", "chu-ky"]
    assert any("Ngô Thị Mỹ Lợi" in t for _, t in top.segments)


def test_every_block_of_the_seeds_reaches_a_unit() -> None:
    for seed in SEEDS:
        doc = seed_document(seed.name[:3])
        units = index.document_units(doc, 0)
        texts = [t for u in units for _, t in u.segments] + [u.title for u in units if u.anchor]
        for b in doc.blocks:
            if b.kind in (BlockKind.TITLE, BlockKind.RULE, BlockKind.TABLE) or not b.text:
                continue
            assert search_units._text(b.spans) in texts, (seed.name, b.kind, b.text[:60])
        for child in (c for b in doc.blocks for c in b.children):
            assert search_units._text(child.spans) in texts


def test_items_that_are_tasks_carry_their_assignees_and_cited_symbols() -> None:
    ref = Reference("08-NQ/ThU", "Nghị quyết", None, None, "nq-08")
    # a task's references are the symbols it cites (the data contract), not the references' ids
    doc = conclusion(tasks=[task("nhiem-vu-ii-1", "II.1", "Mặt trận Tổ quốc", references=["08-NQ/ThU"])],
                     references=[ref], number="340-TB/TU", issuer="Thành ủy Đà Lạt")
    units = index.document_units(doc, 0)
    item = next(u for u in units if u.anchor == "nhiem-vu-ii-1")
    assert item.label == "Nhiệm vụ II.1"
    assert item.organisations == ["Mặt trận Tổ quốc"]
    assert item.symbols == ["08-NQ/ThU"]
    assert units[0].symbols == ["340-TB/TU", "08-NQ/ThU"]
    assert units[0].issuer == ["Thành ủy Đà Lạt"]


def test_a_task_the_blocks_do_not_show_becomes_a_unit_of_its_own() -> None:
    extra = Task(id="t-x", number="3", section="", text="Báo cáo kết quả trước ngày 30/12.", anchor="doan-9")
    units = index.document_units(conclusion(tasks=[extra]), 0)
    assert units[-1].anchor == "doan-9" and units[-1].segments == [("doan-9", "Báo cáo kết quả trước ngày 30/12.")]


# --- facets ------------------------------------------------------------------------------------


def test_facets_come_from_the_facts() -> None:
    doc = conclusion(type="Kết luận", locality="Đà Lạt", province="Lâm Đồng", meeting_date="2023-07-28",
                     issuer="Thành ủy Đà Lạt",
                     tasks=[task("nhiem-vu-ii-1", "II.1", "Mặt trận Tổ quốc", "các cấp ủy"),
                            task("nhiem-vu-ii-2", "II.2", "Các cấp ủy", "Thành ủy Đà Lạt")])
    assert index.facets(doc) == {
        "dia-phuong": ["Đà Lạt"],
        "nam": ["2023"],
        "loai": ["Kết luận"],
        "to-chuc": ["Thành ủy Đà Lạt", "Mặt trận Tổ quốc", "Các cấp ủy"],
    }


def test_facets_use_the_issue_date_and_stay_empty_where_the_text_is_silent() -> None:
    assert index.facets(conclusion(issued_date="2024-01-05"))["nam"] == ["2024"]
    assert index.facets(conclusion()) == {"dia-phuong": [], "nam": [], "loai": [], "to-chuc": []}


# --- the lunr index ------------------------------------------------------------------------------


def test_pack_is_lossless_on_the_seeds() -> None:
    docs = [seed_document(p.name[:3]) for p in SEEDS]
    serialised, _units = index.build_index(docs)
    assert serialised["version"] == index.LUNR_VERSION == "2.3.9"
    packed = index.pack(serialised)
    assert index.unpack(packed) == serialised
    assert len(json.dumps(packed)) < len(json.dumps(serialised)) / 2


def test_folded_queries_find_text_with_diacritics() -> None:
    idx, units = lunr_index([conclusion()])
    hits = search(idx, "dan van kheo")
    assert units[int(hits[0]["ref"])].anchor == "muc-i"
    assert search(idx, "Dân vận khéo")[0]["ref"] == hits[0]["ref"]
    assert units[int(search(idx, "ngo thi my loi")[0]["ref"])].anchor == ""  # the signature: the document


def test_symbols_are_found_whole_in_their_own_field() -> None:
    cited = conclusion("cites")
    other = make_doc("other", [block(BlockKind.PARAGRAPH, "Kết luận số 340 về TB và TU.", anchor="doan-1")])
    idx, units = lunr_index([other, cited])
    hits = search(idx, "340-TB/TU")
    assert hits and {units[int(h["ref"])].doc for h in hits} == {1}
    assert search(idx, "08-nq/thu")  # case-insensitive, and "ThU" / "Thu" are one symbol
    assert search(idx, "08-NQ") and not search(idx, "08-KL")  # the beginning of a symbol finds it


def test_exact_diacritics_rank_above_folded_matches() -> None:
    party = make_doc("dang", [block(BlockKind.ITEM, "Xây dựng Đảng vững mạnh.", anchor="nhiem-vu-1", number="1")])
    busy = make_doc("dang-lam", [block(BlockKind.ITEM, "Công trình đang thi công.", anchor="nhiem-vu-1",
                                       number="1")])
    for order in ([party, busy], [busy, party]):
        idx, units = lunr_index(order)

        def first_doc(q: str, units=units, idx=idx, order=order) -> str:
            return order[units[int(search(idx, q)[0]["ref"])].doc].id

        assert first_doc("Đảng") == "dang"
        assert first_doc("đang") == "dang-lam"
        assert len(search(idx, "dang")) == 2  # without diacritics both match


def test_only_ambiguous_spellings_are_indexed_as_written() -> None:
    doc = make_doc("x", [block(BlockKind.PARAGRAPH, "Đảng đang khéo léo.", anchor="doan-1")])
    serialised, _ = index.build_index([doc])
    exact = sorted(term for term, posting in serialised["invertedIndex"] if posting["e"])
    assert exact == ["đang", "đảng"]


def test_search_data_lists_documents_units_and_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "PART_BYTES", 10)  # every document in a part of its own
    docs = [conclusion("a", type="Kết luận", meeting_date="2023-07-28"), conclusion("b")]
    files = index.search_data(docs)
    assert sorted(f for f in files if not f.startswith("tu-")) == ["chi-muc.js", "phan-0.js", "phan-1.js"]
    kind, meta = data_of(files["chi-muc.js"])
    assert kind == "chi-muc"
    assert [d["u"] for d in meta["docs"]] == ["van-ban/a/", "van-ban/b/"]
    assert meta["docs"][0]["k"] == "Kết luận" and meta["docs"][0]["d"] == "28/07/2023"
    year = meta["facets"].index("nam")
    assert [meta["values"][year][v] for v in meta["docs"][0]["f"][year]] == ["2023"]
    assert [d["p"] for d in meta["docs"]] == [0, 1] and meta["parts"] == ["phan-0.js", "phan-1.js"]
    units = meta["units"]
    assert units[0] == units[1] > 1  # units are numbered document after document
    kind, part, texts = data_of(files["phan-0.js"])
    assert texts["1"][:3] == ["Mục I", "muc-i", "Kết quả thực hiện"]
    kind, part, texts = data_of(files["phan-1.js"])
    assert (kind, part) == ("phan", 1)
    assert sorted(map(int, texts)) == list(range(units[0], units[0] + units[1]))
    # every term is in the shard its folded start names, once
    keys = {k: n for n, ks in enumerate(meta["shards"]) for k in ks}
    terms = [row[0] for n in range(len(meta["shards"])) for row in data_of(files[f"tu-{n}.js"])[2]
             if index.shard_of(index.fold_token(row[0]), keys) == n]
    assert sorted(terms) == sorted(term for term, _posting in index.build_index(docs)[0]["invertedIndex"])


QUERIES = ["dan van kheo", "Dân vận khéo", "Đảng", "đang", "340-TB/TU", "08-NQ", "ngo thi my loi", "nhiem vu",
           "giải phóng mặt bằng", "ủy ban", "xyzzy"]


@pytest.mark.parametrize("shard_bytes", [index.SHARD_BYTES, 300])
@pytest.mark.parametrize("typing", [False, True])
def test_the_shards_of_a_query_rank_as_the_whole_index(typing: bool, shard_bytes: int,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The index assembled from a query's shards gives every result the whole index gives, with the same score.

    Checked in Python with lunr.py, whose query and scoring are lunr.js's line for line: over many queries
    and corpora this is quicker and surer than a browser; the browser tests run the same steps in tim-kiem.js.
    With small shards, the keys of common beginnings are split by longer keys, as a large archive's are.
    """
    monkeypatch.setattr(shard_files, "SHARD_BYTES", shard_bytes)
    corpora = {
        "seeds": [seed_document(p.name[:3]) for p in SEEDS],
        "fixtures": [conclusion("a"), conclusion("cites"),
                     make_doc("dang", [block(BlockKind.ITEM, "Xây dựng Đảng vững mạnh.", anchor="nhiem-vu-1",
                                             number="1")]),
                     make_doc("dang-lam", [block(BlockKind.ITEM, "Công trình đang thi công.", anchor="nhiem-vu-1",
                                                 number="1")])],
    }
    for name, docs in corpora.items():
        whole = lunr_index(docs)[0]
        files = index.search_data(docs)
        for q in [*QUERIES, "dan va", "giải phóng mặt bằ", "giải phóng mặt bằn", "340-TB", "nhi", "ủy"]:
            partial, _loaded = assembled(files, q, typing)
            expected = [(h["ref"], h["score"]) for h in search(whole, q, typing)]
            assert sorted(expected) == sorted((h["ref"], h["score"]) for h in search(partial, q, typing)), (name, q)
            assert expected or q == "xyzzy" or (q == "nhi" and not typing), (name, q)  # "nhi": a beginning


def test_a_one_word_query_loads_a_small_part_of_the_index(tmp_path: Path) -> None:
    from build_scripts.commands import synth
    from build_scripts.pipeline import convert, slugs
    from build_scripts.pipeline.read import read_file

    synth.write_corpus(40, tmp_path)
    sources = [read_file(p) for p in sorted(tmp_path.glob("*.txt"))]
    docs = [convert.document_from_source(src, doc_id) for src, doc_id in zip(sources, slugs.assign_ids(sources),
                                                                             strict=True)]
    files = index.search_data(docs)
    shards = {k: len(v.encode()) for k, v in files.items() if k.startswith("tu-")}
    for q in ("ban", "kheo", "giải"):
        _idx, loaded = assembled(files, q)
        assert len(loaded) == 1
        assert sum(shards[index.SHARD_FILE.format(n)] for n in loaded) < sum(shards.values()) / 10, q


def test_a_common_word_loads_no_other_word_that_shares_its_beginning(monkeypatch: pytest.MonkeyPatch) -> None:
    """The words of a beginning too large for one shard ("giai", "giao", "gian") are split apart: a query for one
    loads a file without the others' postings; a typed beginning still loads them all."""
    monkeypatch.setattr(shard_files, "SHARD_BYTES", 300)
    task = block(BlockKind.ITEM, "Giao Ủy ban nhân dân giải quyết dứt điểm việc giải phóng mặt bằng, giám sát giá"
                 " đất và giảm thời gian giải ngân.", anchor="nhiem-vu-1", number="1")
    files = index.search_data([conclusion("a"), conclusion("cites"), make_doc("giao", [task])])
    meta = data_of(files[index.INDEX_FILE])[1]

    def terms_in(loaded: set[int]) -> set[str]:
        return {index.fold_token(row[0]) for n in loaded for row in data_of(files[index.SHARD_FILE.format(n)])[2]}

    assert {"giai", "giao", "gian", "giam"} <= terms_in(set(range(len(meta["shards"]))))
    assert {"giao", "gian", "giam"}.isdisjoint(terms_in(index.query_shards("giải", meta["shards"])))
    assert "giai" in terms_in(index.query_shards("giải", meta["shards"]))
    assert {"giai", "giao", "gian", "giam"} <= terms_in(index.query_shards("gia", meta["shards"], typing=True))


def test_a_source_cannot_break_out_of_the_data_script() -> None:
    nasty = '"]);alert(1);// </script><script>alert(2)</script> \u2028 `${x}`'
    doc = make_doc("x", [block(BlockKind.PARAGRAPH, nasty, anchor="doan-1")], title=nasty)
    files = index.search_data([doc])
    _kind, meta = data_of(files["chi-muc.js"])
    assert meta["docs"][0]["t"] == nasty
    _kind, _part, texts = data_of(files["phan-0.js"])
    assert texts["0"][3] == [["doan-1", " ".join(nasty.split())]]


def test_write_search_index_replaces_old_files(tmp_path: Path) -> None:
    out = tmp_path / "data" / "tim-kiem"
    out.mkdir(parents=True)
    (out / "phan-7.js").write_text("old", encoding="utf-8")
    written = index.write_search_index([conclusion()], tmp_path)
    assert sorted(p.name for p in written if not p.name.startswith("tu-")) == ["chi-muc.js", "phan-0.js"]
    assert (out / "tu-0.js").is_file()
    assert not (out / "phan-7.js").exists()


# --- the built site --------------------------------------------------------------------------------


def test_the_site_has_one_search_ours(built_site) -> None:
    _archive, site = built_site
    page = (site / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    assert 'id="search-results"' in page and 'id="vb-tim-kiem"' in page
    for name in ("chi-muc.js", "tu-0.js", "phan-0.js"):
        assert (site / "data" / "tim-kiem" / name).is_file()
    assert not (site / "search").exists()  # Material's search_index.json is gone
    for html in [site / "index.html", *site.glob("van-ban/*/index.html")]:
        text = html.read_text(encoding="utf-8")
        assert 'data-md-component="search"' not in text
        assert re.search(r'<form class="vb-search" action="(\.\./)*tim-kiem/" method="get"', text), html
        assert "assets/tim-kiem.js" in text


def test_our_index_is_smaller_per_document_than_materials() -> None:
    sizes = search_size.measure()
    assert sizes["documents"] == len(SEEDS)
    assert sizes["index"] < sizes["material"]
    assert "bytes per document" in search_size.report(sizes)


def test_a_rebuild_tokenises_only_the_documents_that_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each document's share is kept between builds: the files are those of a build without the cache, and an
    edited, added or moved document costs its own tokenising only."""
    entries: dict[str, object] = {}
    cache = index.ShareCache("code", entries.get, entries.__setitem__)
    docs = [seed_document(p.name) for p in SEEDS]
    assert index.search_data(docs, cache=cache) == index.search_data(docs)
    made = []
    share = shares.document_share
    monkeypatch.setattr(shares, "document_share", lambda units: made.append(units[0].title) or share(units))
    edited = conclusion("kl-moi", title="Kết luận về công tác dân vận năm 2024")
    again = [edited, *reversed(docs)]  # one added first: every other document moves
    assert index.search_data(again, cache=cache) == index.search_data(again)
    assert made.count("Kết luận về công tác dân vận năm 2024") == 2  # with the cache once, without it once
    assert len(made) == 2 + len(docs)
    other = index.ShareCache("other code", entries.get, entries.__setitem__)
    made.clear()
    index.search_data(docs, cache=other)
    assert len(made) == len(docs)  # another build code: made again


def test_a_rebuild_reuses_the_parts_whose_inputs_and_places_are_the_same(monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    """The parts (the texts for excerpts) kept between builds under their inputs' keys, number and first unit: the
    files are those made without them, also when an edit gives an earlier text more units (every later part's
    units are numbered anew), and parts whose inputs are the same are not encoded again."""
    from build_scripts import files

    monkeypatch.setattr(index, "PART_BYTES", 1)  # a part per document
    seeds = [seed_document(p.name) for p in SEEDS]

    def kept(docs: list[Document]) -> list[index.KeptInput]:  # as the build sends them: each with its input's key
        return [(units, record, f"key of {d.id}/{len(units)}", index.text_size(units))
                for d, (units, record) in zip(docs, index.search_inputs(docs), strict=True)]

    def built(docs: list[Document]) -> dict[str, str]:
        with files.Memo(tmp_path, "code") as kept_parts, kept_parts.group(("parts",)) as memo:
            return dict(index.search_files(kept(docs), memo=memo))

    made: list[object] = []
    script = index._part_script
    monkeypatch.setattr(index, "_part_script", lambda *args: made.append(("phan", args[0])) or script(*args))

    def parts_made(docs: list[Document]) -> list[object]:
        """The parts this build encodes (its files checked against a build without kept parts)."""
        made.clear()
        files_ = built(docs)
        encoded = [m for m in made if m[0] == "phan"]
        assert files_ == dict(index.search_files(kept(docs)))
        return encoded

    assert len(parts_made(seeds)) == len(seeds)
    assert parts_made(seeds) == []  # every part kept
    edited = [conclusion(seeds[0].id), *seeds[1:]]  # more units in the first: every later part's are numbered anew
    assert len(index.document_units(edited[0], 0)) != len(index.document_units(seeds[0], 0))
    assert len(parts_made(edited)) == len(seeds)
    assert parts_made([*edited[:-1], conclusion("kl-moi")]) == [("phan", len(seeds) - 1)]  # the last one replaced


def test_a_very_long_passage_is_indexed_as_lunr_py_indexes_it() -> None:
    """A passage whose word counts and positions outgrow 16 bits (the merge keeps them narrow until one does not
    fit): its scores are lunr.py's, and a phrase far into it is found where it stands."""
    words = "Ủy ban nhân dân tỉnh chỉ đạo giải phóng mặt bằng"
    long_text = " ".join([words] * 7_000 + ["Kiểm tra tiến độ dự án"])  # 77,006 words
    long_doc = make_doc("kl-dai", [block(BlockKind.TITLE, "KẾT LUẬN về giải phóng mặt bằng"),
                                   block(BlockKind.PARAGRAPH, long_text + " " + " ".join(["đất"] * 66_000),
                                         anchor="doan-1")],
                        title="Kết luận về giải phóng mặt bằng")
    docs = [conclusion(), long_doc]
    serialised, _units = index.build_index(docs)
    files = index.search_data(docs)
    assert shards_packed(files) == index.pack(serialised)
    meta = data_of(files[index.INDEX_FILE])[1]
    rows = {row[0]: row for n in range(len(meta["shards"])) for row in data_of(files[index.SHARD_FILE.format(n)])[2]}
    fields = len(meta["lunr"]["fields"])
    _term, _t, _postings, places = index.decode_row(rows["kiem"], fields)
    text_places = places[meta["positions"].index("x")]
    assert [sum(p) for p in text_places[-1:]] == [77_000]  # the word after 7,000 × 11 words
    _term, _t, _postings, places = index.decode_row(rows["dat"], fields)
    assert len(places[meta["positions"].index("x")][-1]) == 66_000  # one count beyond 16 bits


def test_the_last_builds_shares_merged_ahead_give_the_files_a_build_without_them_gives() -> None:
    """A rebuild merges the last build's shares before its own inputs come (``index.Ahead``), and goes back to where
    the archive first differs: the files are those of a build without them after an add at the end or at the start,
    an edit in the middle, a delete at the end, and when a share that widened the merge's 16-bit columns (a very long
    passage) is taken out again."""
    seeds = [seed_document(p.name) for p in SEEDS]
    long_doc = make_doc("kl-dai", [block(BlockKind.TITLE, "KẾT LUẬN về đất đai"),
                                   block(BlockKind.PARAGRAPH, " ".join(["đất"] * 66_000), anchor="doan-1")],
                        title="Kết luận về đất đai")
    added = conclusion("kl-moi", title="Kết luận về công tác dân vận năm 2024")

    def kept(docs: list[Document]) -> list[index.KeptInput]:  # keyed by what makes them, as the build keys them
        return [(units, record, shares._share_key(units, "code"), index.text_size(units))
                for units, record in index.search_inputs(docs)]

    def ahead(docs: list[Document]) -> index.Ahead:
        merged = index.Ahead()
        for units, _record, key, _size in kept(docs):
            merged.add(key, index.document_share(units))
        return merged

    middle = len(seeds) // 2
    changes = [(seeds, [*seeds, added]), (seeds, [added, *seeds]), (seeds, seeds[:-1]), (seeds, seeds),
               (seeds, [*seeds[:middle], added, *seeds[middle + 1:]]), ([*seeds, long_doc], [*seeds, added])]
    for before, after in changes:
        assert dict(index.search_files(kept(after), ahead=ahead(before))) == dict(index.search_files(kept(after)))


def test_a_merger_rolled_back_is_the_merger_of_the_shares_before() -> None:
    """``Merger.rollback``: the columns, their types and the words as they stood at the mark."""
    units = [index.document_units(seed_document(p.name), i) for i, p in enumerate(SEEDS)]
    merger = index.Merger()
    merger.add(index.document_share(units[0]))
    mark = merger.mark()
    words = dict(merger.ids)
    for u in units[1:]:
        merger.add(index.document_share(u))
    merger.rollback(mark)
    assert merger.mark() == mark and merger.ids == words
