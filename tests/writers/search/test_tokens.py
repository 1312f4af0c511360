"""The search's words: tokens as the index and the browser's queries read them (writers/search/tokens.py)."""

from __future__ import annotations

import pytest

from build_scripts.writers import search as index


def words(text: str) -> list[str]:
    return [t.folded for t in index.index_tokens(text)[0]]


def test_words_are_folded_lower_case_nfc() -> None:
    assert words("Dân vận KHÉO") == ["dan", "van", "kheo"]
    assert words("Đảng đang ĐOÀN") == ["dang", "dang", "doan"]
    decomposed = "Da\u0302n va\u0323\u0302n"  # NFD input folds the same
    assert words(decomposed) == ["dan", "van"]
    assert [t.text for t in index.index_tokens(decomposed)[0]] == ["dân", "vận"]


def test_footnote_marks_and_punctuation_are_not_part_of_words() -> None:
    assert words("hiệu quả¹; (Hội phụ nữ, CCB...)") == ["hieu", "qua", "hoi", "phu", "nu", "ccb"]


@pytest.mark.parametrize(("text", "symbol"), [
    ("Thông báo kết luận số 340-TB/TU, ngày 12/10/2023", "340-tb-tu"),
    ("Nghị quyết số 08-NQ/ThU ngày", "08-nq-thu"),
    ("Nghị quyết số 08-NQ/Thu ngày", "08-nq-thu"),
    ("Quyết định số 1027/QĐ-UBND.", "1027-qd-ubnd"),
    ("Đề án số 13-ĐA/TU", "13-da-tu"),
])
def test_symbols_are_whole_case_insensitive_tokens(text: str, symbol: str) -> None:
    """Whole, folded, and with "/" read as "-": either separator finds a symbol."""
    _words, symbols = index.index_tokens(text)
    assert [s.folded for s in symbols] == [symbol]
    assert index.query_tokens(symbol.upper())[0][1].folded == symbol
    assert [kind for kind, _ in index.query_tokens(text) if kind == "symbol"] == ["symbol"]


@pytest.mark.parametrize("text", ["nhiệm kỳ 2024-2029", "các đoàn thể CT-XH", "kinh tế- xã hội", "12/10/2023", "1.1."])
def test_other_joined_words_are_not_symbols(text: str) -> None:
    assert index.index_tokens(text)[1] == []


def test_a_symbol_query_looks_for_the_symbol_only_and_words_stay_words() -> None:
    assert [(k, t.folded) for k, t in index.query_tokens("340-TB/TU Đà Lạt")] == [
        ("symbol", "340-tb-tu"), ("word", "da"), ("word", "lat")]
    # either separator: the number as the text writes it, or with "/" and "-" swapped
    assert index.query_tokens("215/TB-ThU")[0][1].folded == index.index_tokens("Số 215-TB/ThU")[1][0].folded
    assert index.query_tokens("45-TB/UBND")[0][1].folded == index.index_tokens("Số: 45/TB-UBND")[1][0].folded
    # in the index a symbol's parts are words too, so "340" alone still finds it
    assert words("340-TB/TU") == ["340", "tb", "tu"]



@pytest.mark.parametrize("text", [
    "Dân vận khéo¹ 340-TB/TU, 1027/QĐ-UBND; x\u0301 a_b ٣٤ 𝔸𝔹-2 Ðảng -/- 12-/ab 5/a-b/c",
    "Số 215/TB-ThU, ngày 05/02/2022 — Ủy ban nhân dân xã Hòa Thuận; 08-NQ/ThU và 1-2-3",
])
def test_the_index_reads_the_tokens_the_query_reads(text: str) -> None:
    words, symbols = index.index_tokens(text)
    assert index.index_pairs(text) == ([(t.text, t.folded) for t in words], [(t.text, t.folded) for t in symbols])


