"""The synthetic corpus: deterministic, prefix-stable, and read by the pipeline like a real archive."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts import __main__ as cli
from build_scripts.__main__ import main
from build_scripts.commands import synth
from build_scripts.pipeline import archive as pipeline_archive
from build_scripts.pipeline import link, loader


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> pipeline_archive.Archive:
    folder = tmp_path_factory.mktemp("synth")
    synth.write_corpus(60, folder, seed=3)
    return loader.load_archive(loader.source_files(folder))


def test_same_seed_same_texts_and_prefix_stable() -> None:
    small, large = synth.corpus(20, seed=5), synth.corpus(40, seed=5)
    assert synth.corpus(20, seed=5) == small
    assert {k: large[k] for k in small} == small  # the first 20 of 40 are the 20: growth compares like with like
    assert synth.corpus(20, seed=6) != small


def test_texts_have_the_size_of_real_conclusions() -> None:
    sizes = [len(t.encode("utf-8")) for t in synth.corpus(50).values()]
    assert 8_000 < sum(sizes) / len(sizes) < 25_000  # the seeds are 12-23 kB


def test_pipeline_reads_every_part(archive: pipeline_archive.Archive) -> None:
    assert len(archive.documents) == 60 and not archive.errors
    metas = synth.metas(60, seed=3)
    for meta, doc in zip(metas, archive.documents, strict=True):
        f = doc.facts
        assert f.locality == meta.place.name
        assert f.number == meta.number
        assert f.meeting_date and f.issued_date and f.type and f.issuer
        assert len(f.tasks) >= 8 and all(t.assignees for t in f.tasks)
        assert sum(bool(t.deadline) for t in f.tasks) >= len(f.tasks) - 1  # all but the closing follow-up


def test_citations_are_shared_and_link_documents(archive: pipeline_archive.Archive) -> None:
    links = link.link(archive.documents)
    counts = sorted((len(c.citing_documents) for c in links.cited.values()), reverse=True)
    assert counts[0] >= 15  # a central document cited across the archive
    assert sum(c == 1 for c in counts) >= 10  # and a long tail cited once
    assert links.cited_by  # later conclusions cite earlier ones of the same town
    towns = {d.facts.locality for d in archive.documents}
    assert len(towns) >= 8 and len(links.bodies) > 5 * len(towns)


def test_synth_verb_writes_the_corpus(tmp_path: Path) -> None:
    assert main(["synth", "--docs", "3", "--out", str(tmp_path), "--seed", "2"]) == 0
    written = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.txt")}
    assert written == synth.corpus(3, seed=2)


def test_status_file_reads_cleanly_and_leaves_the_texts_alone(tmp_path: Path) -> None:
    """The bench's status file: read by the office's reader with no row left out, about half the tasks
    reported, some with a history, the texts the same as without it."""
    plain, with_status = tmp_path / "plain", tmp_path / "status"
    synth.write_corpus(40, plain, seed=4)
    synth.write_corpus(40, with_status, seed=4, status=True)
    assert not (plain / synth.STATUS_FILE).exists()
    assert {p.name: p.read_bytes() for p in plain.glob("*.txt")} == \
        {p.name: p.read_bytes() for p in with_status.glob("*.txt")}
    raw = (with_status / synth.STATUS_FILE).read_bytes()
    assert raw.startswith("\ufeff".encode()) and b";" in raw.splitlines()[0]  # as Vietnamese Excel saves it
    archive = loader.load(with_status)
    assert not archive.errors, archive.errors[:3]
    assert archive.status is not None and archive.status.left_out == 0
    tasks = [t for d in archive.documents for t in d.facts.tasks]
    reported = [t for t in tasks if t.status]
    assert 0.3 < len(reported) / len(tasks) < 0.7
    assert any(t.status.history for t in reported)
    assert {t.status.state for t in reported} == {"đã hoàn thành", "đang thực hiện", "chưa thực hiện"}
    # a rewrite without it removes the file, so a corpus never keeps reports on texts it no longer has
    synth.write_corpus(40, with_status, seed=4)
    assert not (with_status / synth.STATUS_FILE).exists()


def test_synth_verb_writes_the_status_file_when_asked(tmp_path: Path) -> None:
    assert main(["synth", "--docs", "3", "--out", str(tmp_path), "--seed", "2", "--status"]) == 0
    assert (tmp_path / synth.STATUS_FILE).is_file()


def test_short_and_long_shapes_are_the_same_archive_in_other_lengths(tmp_path: Path) -> None:
    """``--shape short`` writes short notices (one paragraph of assessment, two to four tasks), ``long`` doubles the
    assessment: the same files, places and numbers, read by the pipeline with every task found; the whole shape is
    the corpus written without one."""
    whole, short, long = (synth.corpus(30, seed=3, shape=s) for s in ("whole", "short", "long"))
    assert whole == synth.corpus(30, seed=3) and whole.keys() == short.keys() == long.keys()
    mean = {name: sum(len(t.encode("utf-8")) for t in c.values()) / len(c)
            for name, c in (("whole", whole), ("short", short), ("long", long))}
    assert mean["short"] < 6_000 < 8_000 < mean["whole"] < mean["long"]
    assert main(["synth", "--docs", "30", "--out", str(tmp_path), "--seed", "3", "--shape", "short"]) == 0
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.txt")} == short
    archive = loader.load(tmp_path)
    assert not archive.errors
    metas = synth.metas(30, seed=3)
    for meta, doc in zip(metas, archive.documents, strict=True):
        assert doc.facts.number == meta.number and doc.facts.locality == meta.place.name
        assert 2 <= len({t.number.split(".")[0] for t in doc.facts.tasks if t.number}) <= 4  # "2.a" is item 2's
        assert all(t.assignees for t in doc.facts.tasks)
    with pytest.raises(ValueError, match="shape"):
        synth.corpus(1, shape="tiny")
    assert cli.SHAPES == synth.SHAPES  # the command line's choices, written out there
