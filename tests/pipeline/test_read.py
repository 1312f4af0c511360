"""Read stage: every encoding it accepts ends as NFC text with "\\n" line endings."""

import codecs
import unicodedata

import pytest

from build_scripts.pipeline.read import ReadError, read_bytes

TEXT = "KẾT LUẬN\r\ncủa Thường trực Thành ủy\r\nĐà Lạt"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        unicodedata.normalize("NFD", TEXT).encode("utf-8"),
        TEXT.replace("\r\n", "\r").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le", "utf16be", "nfd", "cr"],
)
def test_every_accepted_encoding_gives_the_same_text(data: bytes) -> None:
    src = read_bytes("a.txt", data)
    assert src.text == "KẾT LUẬN\ncủa Thường trực Thành ủy\nĐà Lạt"
    assert unicodedata.is_normalized("NFC", src.text)


def test_sha256_is_of_the_raw_bytes() -> None:
    import hashlib

    data = codecs.BOM_UTF8 + TEXT.encode("utf-8")
    assert read_bytes("a.txt", data).sha256 == hashlib.sha256(data).hexdigest()


def test_undecodable_bytes_name_the_file_and_line() -> None:
    data = "dòng một\n".encode() + "Đà Nẵng".encode("cp1258", errors="replace")
    with pytest.raises(ReadError) as err:
        read_bytes("cu.txt", data)
    assert "cu.txt" in str(err.value)
    assert "line 2" in str(err.value)


@pytest.mark.parametrize("data", [b"", b"  \n\t\n", b"\x00\x01binary\x00"])
def test_empty_or_binary_is_an_error(data: bytes) -> None:
    with pytest.raises(ReadError):
        read_bytes("x.txt", data)


def test_word_export_dirt_is_read_through_with_one_warning_per_file() -> None:
    """"Ð" for "Đ", no-break spaces and zero-width marks on many lines: one warning naming them, and the
    text itself is kept as written (the page shows it so)."""
    lines = ["ÐẢNG CỘNG SẢN VIỆT NAM", "Số\u00a0186-TB/HU", "1/\u00a0Ðề nghị UBND huyện\u200b rà soát.",
             "2/ Ðảng ủy xã Mỹ Thành báo cáo.", "Ðặng Thị Thu Hà"]
    src = read_bytes("x.txt", "\n".join(lines).encode("utf-8"))
    notes = [d.message for d in src.diagnostics if "read through" in d.message]
    assert len(notes) == 1
    assert "4 “Ð” (U+00D0" in notes[0] and "2 no-break" in notes[0] and "1 zero-width" in notes[0]
    assert src.text.count("Ð") == 4  # as written


def test_typography_of_a_careful_writer_is_not_warned_about() -> None:
    text = "Phong trào “Dân vận khéo” giai đoạn 2021 – 2025… Thời gian: 2022—2026."
    assert read_bytes("x.txt", text.encode("utf-8")).diagnostics == ()
