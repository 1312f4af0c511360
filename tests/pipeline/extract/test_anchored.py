"""Expressions tried only where their first words stand (extract/anchored.py): the same matches as finditer."""

from __future__ import annotations

import re

import pytest

from build_scripts.pipeline.extract import anchored, dates, metadata, references

EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000))


def test_every_character_ignoring_case_to_a_first_word_letter_is_lowered_to_it_or_sent_to_finditer():
    """A text is searched for the words in its lower case: exact only if every character re's IGNORECASE matches
    to one of their letters is one str.lower maps to it, or one of ODD_CASE (those texts go to finditer)."""
    references.find_mentions("Phong trào")  # the words built from the data files are registered at first use
    references.resolve_short_forms("Quyết định 1", ["1-QĐ/TU"])
    references.find_citations("Chỉ thị số 05-CT/TW")
    letters = {c for w in anchored.REGISTERED for c in w}
    assert {"đ", "ư", "q", "ố", "ồ"} <= letters  # deadlines, kinds, "số", "tồn tại"
    for letter in sorted(letters):
        for c in re.findall("(?i)" + re.escape(letter), EVERY_CHARACTER):
            assert c.lower() == letter or c in anchored.ODD_CASE, (letter, c)


CASES = [
    "Hoàn thành TRƯỚC ngày 15/01/2024; xong trong tháng 11/2023 và trước ngày 20/11, trong quý II/2025",
    "ĐẾN HẾT NĂM 2025, chậm nhất là vào 30/6/2025 hạn chót 17 giờ ngày 21/9/2025 trong tuần tới",
    "Kıên trước ngày 15/01/2024 (a dotless i: the text goes to finditer as it is)",
    "İstanbul trước ngày 15/01/2024",  # lower() makes it longer
    "trướctrước ngày 1/1/2024 trong trong năm 2024 đến đến hết năm 2025",  # candidates inside a match are skipped
    "",
]


@pytest.mark.parametrize("text", CASES)
@pytest.mark.parametrize("form", ["day", "day_month", "month", "quarter", "year", "week"])
def test_deadline_forms_match_as_finditer(text: str, form: str) -> None:
    pattern = {"day": dates.RE_DEADLINE_DAY, "day_month": dates.RE_DEADLINE_DAY_MONTH,
               "month": dates.RE_DEADLINE_MONTH, "quarter": dates.RE_DEADLINE_QUARTER,
               "year": dates.RE_DEADLINE_YEAR, "week": dates.RE_DEADLINE_WEEK}[form]
    expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in anchored.finditer(pattern, text, dates.STARTS[form])] == expected


def test_case_sensitive_expression_takes_the_words_as_written() -> None:
    pattern = re.compile(r"(?<![^\W\d_])(?:Tỉnh|Huyện) [A-ZĐ]\w+")
    text = "tỉnh Lâm Đồng, Tỉnh Lâm Đồng và Huyện Bảo Lâm; ATỉnh Xa"
    words = anchored.starts("Tỉnh", "Huyện")
    assert [m.group() for m in anchored.finditer(pattern, text, words)] == ["Tỉnh Lâm", "Huyện Bảo"]


def test_short_forms_and_mentions_in_capitals_are_found() -> None:
    found = references.resolve_short_forms("QUYẾT ĐỊNH SỐ 217 và Quyết định 218", ["217-QĐ/TW", "218-QĐ/TW"])
    assert [c.symbol for c in found] == ["217-QĐ/TW", "218-QĐ/TW"]
    assert references.find_mentions('PHONG TRÀO "Dân vận khéo" và NGHỊ QUYẾT TRUNG ƯƠNG 4 (khóa XII)') == [
        "Dân vận khéo", "Nghị quyết Trung ương 4 (khóa XII)"]


PLACES = ("Thành ủy Đà Lạt, UBND thành phố Bảo Lộc, HĐND huyện Lâm Hà, Ủy ban nhân dân thị xã Duyên Hải, "
          "thị trấn Liên Nghĩa, TP. Hồ Chí Minh, Quận uỷ Ba Đình, tỉnh Lâm Đồng, xtỉnh Bình, Đảng ủy xã Hòa Sơn, "
          "Ban Thường vụ Đảng ủy phường Xuân An, Thường trực Đảng uỷ đặc khu Phú Quốc, Huyện ủy Đức Trọng")


@pytest.mark.parametrize("name", ["LOCAL_PLACE", "PROVINCE", "COMMUNE"])
def test_place_expressions_match_as_finditer(name: str) -> None:
    pattern, words = {"LOCAL_PLACE": (metadata.RE_LOCAL_PLACE, metadata.LOCAL_PLACE_STARTS),
                      "PROVINCE": (metadata.RE_PROVINCE_NAMED, metadata.PROVINCE_STARTS),
                      "COMMUNE": (metadata.RE_COMMUNE_BODY, metadata.COMMUNE_STARTS)}[name]
    expected = [m.span() for m in pattern.finditer(PLACES)]
    assert expected
    assert [m.span() for m in anchored.finditer(pattern, PLACES, words)] == expected


@pytest.mark.parametrize(("text", "kind"), [
    ("căn cứ QUYẾT ĐỊNH SỐ ", "Quyết định"),
    ("thực hiện Chỉ thị ", "Chỉ thị"),
    ("Kế hoạch của Ban Thường vụ năm 2023 số ", "Kế hoạch"),
    ("theo văn bản ", None),
])
def test_kind_before_a_symbol_is_read_where_its_word_stands(text: str, kind: str | None) -> None:
    found = references.find_citations(text + "12-KH/TU ngày 1/2/2023")
    assert [c.kind for c in found] == [kind or "Kế hoạch"]


def test_giao_matches_as_finditer() -> None:
    from build_scripts.pipeline.extract import tasks

    text = ("Giao Văn phòng theo dõi; đề nghị UBND huyện, được giao cho Phòng A, bàn giao ban, (yêu cầu Sở B "
            "Yêu cầu Sở C; xgiao D, Đề nghị  Sở E")
    expected = [m.span() for m in tasks.RE_GIAO.finditer(text)]
    assert len(expected) >= 4
    assert [m.span() for m in tasks._giao(text)] == expected
