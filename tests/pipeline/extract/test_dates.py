"""Deadlines: the words each form needs, looked for before the form is tried (extract/dates.py)."""

from __future__ import annotations

import re

import pytest

from build_scripts.pipeline.extract import dates
from build_scripts.pipeline.extract.dates import find_deadlines

EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000))


def test_gate_words_are_found_in_lower_case_whatever_case_matches():
    """A form is skipped when its word is not in the text's lower case: that is exact only if every character
    IGNORECASE matches to a letter of the word is one str.lower maps to that letter ("ſ" is not: it matches "s")."""
    letters = {c for words in dates.GATES.values() for w in words for c in w}
    for letter in sorted(letters):
        matched = re.findall("(?i)" + re.escape(letter), EVERY_CHARACTER)
        assert all(c.lower() == letter for c in matched), letter


@pytest.mark.parametrize(("text", "iso"), [
    ("HOÀN THÀNH TRONG TUẦN", "2025-06-08"),
    ("Xong TRONG QUÝ II/2025", "2025-06"),
    ("HOÀN THÀNH TRONG THÁNG 11/2025", "2025-11"),
    ("ĐẾN HẾT NĂM 2025", "2025"),
    ("Chậm Nhất 20/11", "2025-11-20"),
    ("Trước Tết Nguyên đán", "2026-02-17"),
])
def test_deadlines_in_capitals_pass_the_gates(text: str, iso: str) -> None:
    assert [d.iso for d in find_deadlines(text, "2025-06-02", "2025-06-04")] == [iso]


def test_text_without_the_words_has_no_deadline() -> None:
    assert find_deadlines("Phòng Kinh tế theo dõi 2025 và báo cáo", "2025-06-02", "2025-06-04") == []
