"""Folding, which search, slugs, anchors and extraction all lean on: diacritics off, đ/Đ as d/D, case kept."""

import unicodedata

from build_scripts.vietnamese import display_count, fold, reading_text


def _by_definition(text: str) -> str:
    """Folding as defined: đ/Đ (and the eth typed for them) to d/D, then every non-spacing mark (Mn) removed."""
    text = text.translate(str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"}))
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def test_fold_vietnamese_keeps_case_and_drops_every_mark():
    assert fold("Đảng ủy phường Phước Hội – “Ủy ban”") == "Dang uy phuong Phuoc Hoi – “Uy ban”"
    assert fold("ỨNG DỤNG CÔNG NGHỆ THÔNG TIN") == "UNG DUNG CONG NGHE THONG TIN"
    assert fold("ðiều chỉnh") == "dieu chinh"  # a Latin eth typed for đ


def test_fold_agrees_with_its_definition_for_marks_of_every_plane():
    marks = [chr(c) for c in range(0x300, 0x2000) if unicodedata.category(chr(c)) == "Mn"]
    beyond = [chr(c) for c in range(0x10000, 0x1E000) if unicodedata.category(chr(c)) == "Mn"]
    assert beyond, "Unicode has marks beyond the Basic Multilingual Plane"
    for mark in [*marks, *beyond[::7]]:
        for text in (f"a{mark}b", f"Ơ{mark} — 𝐀{mark}", mark):
            assert fold(text) == _by_definition(text), repr(text)


def test_reading_text_changes_only_lines_that_need_it():
    assert reading_text("Ủy\u00a0ban\u200b nhân\tdân") == "Ủy ban nhân dân"
    line = "Thường trực Thành ủy – “kết luận”…"
    assert reading_text(line) is line  # nothing to change: the line itself, no copy


def test_a_count_groups_its_thousands_by_dots_as_vietnamese_writes_them() -> None:
    assert [display_count(n) for n in (0, 7, 999, 1000, 12097, 188340, 1000000)] == [
        "0", "7", "999", "1.000", "12.097", "188.340", "1.000.000"]
