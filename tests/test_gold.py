"""Extraction compared with hand-read gold files, field by field.

tests/gold/ holds copies of ../shared/gold for the seeds; tests/fixtures/shapes/ and
tests/fixtures/unseen/ hold texts of other shapes with gold files of our own (the unseen ones
were written and read by hand before the extractor was run on them); tests/fixtures/realworld/
holds texts shaped as archives receive them (Word exports, short notices, news reports, 2025
commune texts); tests/fixtures/blind/ holds texts of the same shapes that were written with their
gold before any of those rules, and first run after them (see the README for that first score). Both use one comparison
(build_scripts.evaluate), the same one `python -m build_scripts evaluate` reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts import build, evaluate
from build_scripts.read import read_file

from .conftest import FIXTURES, SOURCES

GOLD = Path(__file__).resolve().parent / "gold"
CASES = [(g, SOURCES) for g in sorted(GOLD.glob("*.yml"))] + [
    (g, FIXTURES / folder) for folder in ("shapes", "unseen", "realworld", "blind")
    for g in sorted((FIXTURES / folder).glob("*.yml"))
]


def extracted(source_dir: Path, name: str):
    src = read_file(source_dir / name)
    return build.document_from_source(src, build.assign_ids([src])[0])


@pytest.mark.parametrize(("gold_path", "source_dir"), CASES, ids=[g.stem for g, _ in CASES])
def test_extraction_matches_gold(gold_path: Path, source_dir: Path) -> None:
    gold = evaluate.load_gold(gold_path.parent)
    record = next(g for g in gold if Path(g["source"]).stem == gold_path.stem)
    checks = evaluate.compare(extracted(source_dir, record["source"]), record)
    failed = [str(c) for c in checks if not c.ok]
    assert len(checks) > 5
    assert failed == [], "\n".join(failed)


def test_evaluate_reports_a_wrong_field_as_wrong() -> None:
    gold = evaluate.load_gold(GOLD)[0]
    doc = extracted(SOURCES, gold["source"])
    doc.facts.locality = "Hà Nội"
    doc.facts.tasks = doc.facts.tasks[1:]
    bad = {c.field for c in evaluate.compare(doc, gold) if not c.ok}
    assert {"locality", "tasks.numbers"} <= bad
