"""Read stage: every encoding it accepts ends as NFC text with "\\n" line endings."""

import codecs
import unicodedata

import pytest

from build_scripts.read import ReadError, read_bytes

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
