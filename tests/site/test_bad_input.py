"""Bad input, hostile input, nothing lost: each kind of bad source gets its documented behaviour.

Every fixture is made here, in tmp folders: legacy encodings are written with
tables typed independently of build_scripts/read.py (and TCVN3 is checked
against glibc's charmap where the machine has it), so a wrong table in
read.py cannot agree with itself.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import hashlib
import io
import itertools
import json
import os
import posixpath
import random
import re
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_scripts.__main__ import main
from build_scripts.model import SourceText
from build_scripts.pipeline import archive as pipeline_archive
from build_scripts.pipeline import convert, loader, read, slugs
from build_scripts.pipeline.read import ReadError, read_bytes
from build_scripts.site import build, check, paths

from ..conftest import ROOT, SEEDS, settled, visible_text, word_counts

# --- a document, and the legacy encodings to write it in ------------------------------------------

DOC = """ĐẢNG BỘ TỈNH LÂM ĐỒNG
THÀNH ỦY ĐÀ LẠT
Số {n}-TB/TU
Đà Lạt, ngày 5 tháng 3 năm 2024

THÔNG BÁO KẾT LUẬN
của Thường trực Thành ủy về {topic}

Ngày 1 tháng 3 năm 2024, Thường trực Thành ủy họp nghe báo cáo về {topic}. Thường trực Thành ủy kết luận:

1. Ủy ban nhân dân thành phố chủ trì, phối hợp với các cơ quan liên quan triển khai thực hiện; hoàn thành \
trước ngày 30/6/2024.

2. Ban Dân vận Thành ủy theo dõi, đôn đốc việc thực hiện; những người được giao nhiệm vụ báo cáo kết quả.

Nơi nhận:
- Như trên;
- Lưu VPTU.

T/M THƯỜNG TRỰC THÀNH ỦY
PHÓ BÍ THƯ
Nguyễn Văn An
"""


def doc(n: int, topic: str) -> str:
    return DOC.format(n=n, topic=topic)


# TCVN3 (ABC): each letter and the Windows-1252 character its byte shows as in a Western font.
TCVN3_LETTERS = ("àáảãạ ăằắẳẵặ âầấẩẫậ đ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ "
                 "ĂÂĐÊÔƠƯ").replace(" ", "")
TCVN3_GLYPHS = ("µ¸¶·¹ ¨»¾¼½Æ ©ÇÊÈÉË ® ÌÐÎÏÑ ªÒÕÓÔÖ ×ÝØÜÞ ßãáâä «åèæçé ¬êíëìî ïóñòô \xadõøö÷ù úýûüþ "
                "¡¢§£¤¥¦").replace(" ", "")
TCVN3 = dict(zip(TCVN3_LETTERS, TCVN3_GLYPHS, strict=True))


def to_tcvn3(text: str) -> bytes:
    """As ABC wrote it: a capital with a tone mark has no code and takes the lower-case one."""
    return "".join(TCVN3.get(ch, TCVN3.get(ch.lower(), ch)) for ch in unicodedata.normalize("NFC", text)).encode(
        "cp1252")


# VNI: a vowel is its letter followed by one byte for its marks; a few letters have a byte of their own.
TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc huyền hỏi ngã nặng
VNI_TONE = dict(zip(TONES, zip("ùøûõï", "ÙØÛÕÏ", strict=True), strict=True))
VNI_CIRCUMFLEX = dict(zip(["", *TONES], zip("âáàåãä", "ÂÁÀÅÃÄ", strict=True), strict=True))
VNI_BREVE = dict(zip(["", *TONES], zip("êéèúüë", "ÊÉÈÚÜË", strict=True), strict=True))
VNI_OWN = {"ơ": "ô", "ư": "ö", "đ": "ñ", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î"}


def to_vni(text: str) -> bytes:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        low, upper = ch.lower(), ch.isupper()
        if low in VNI_OWN:
            out.append(VNI_OWN[low].upper() if upper else VNI_OWN[low])
            continue
        parts = unicodedata.normalize("NFD", low)
        tone = next((c for c in parts if c in TONES), "")
        rest = unicodedata.normalize("NFC", parts.replace(tone, "")) if tone else low
        if rest in ("ơ", "ư"):
            base, glyph = VNI_OWN[rest], VNI_TONE[tone]
        elif rest in ("â", "ê", "ô"):
            base, glyph = unicodedata.normalize("NFD", rest)[0], VNI_CIRCUMFLEX[tone]
        elif rest == "ă":
            base, glyph = "a", VNI_BREVE[tone]
        elif tone and rest in "aeiouy":
            base, glyph = rest, VNI_TONE[tone]
        else:
            out.append(ch)
            continue
        out.append(base.upper() + glyph[1] if upper else base + glyph[0])
    return "".join(out).encode("cp1252")


def to_cp1258(text: str) -> bytes:
    """As Windows writes it: a base letter Windows-1258 has, then a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tone = next(c for c in parts if c in TONES)
            out += unicodedata.normalize("NFC", parts.replace(tone, "")).encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252 (Windows's way: an undefined byte becomes the C1 control) and saved again."""
    return text.encode("utf-8").decode("latin-1").translate(
        {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)})


# --- reading: each encoding, and each way a file can be unreadable --------------------------------


ORIGINAL = doc(7, "chuyển đổi số")


@pytest.mark.parametrize(
    ("data", "encoding", "warns"),
    [
        (ORIGINAL.encode("utf-8"), "utf-8", None),
        (codecs.BOM_UTF8 + ORIGINAL.encode("utf-8"), "utf-8-sig", None),
        (codecs.BOM_UTF16_LE + ORIGINAL.encode("utf-16-le"), "utf-16-le", None),
        (codecs.BOM_UTF16_BE + ORIGINAL.replace("\n", "\r\n").encode("utf-16-be"), "utf-16-be", None),
        (ORIGINAL.encode("utf-16-le"), "utf-16-le", "without a byte-order mark"),
        (codecs.BOM_UTF32_LE + ORIGINAL.encode("utf-32-le"), "utf-32-le", None),
        (unicodedata.normalize("NFD", ORIGINAL).encode("utf-8"), "utf-8", None),
        (to_cp1258(ORIGINAL), "Windows-1258", "Windows-1258"),
        (to_vni(ORIGINAL), "VNI", "VNI"),
        (to_vni(ORIGINAL).decode("cp1252").encode("utf-8"), "utf-8", "legacy font: VNI"),
        (mojibake(ORIGINAL).encode("utf-8"), "utf-8", "mojibake repaired"),
        (mojibake(mojibake(ORIGINAL)).encode("utf-8"), "utf-8", "mojibake repaired"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom-crlf", "utf16le-no-bom", "utf32", "nfd", "cp1258", "vni",
         "vni-font-in-utf8", "mojibake", "double-mojibake"],
)
def test_every_encoding_reads_as_the_same_nfc_text(data: bytes, encoding: str, warns: str | None) -> None:
    src = read_bytes("van-ban.txt", data)
    assert src.text == ORIGINAL
    assert unicodedata.is_normalized("NFC", src.text)
    assert src.encoding == encoding
    messages = [str(d) for d in src.diagnostics]
    if warns is None:
        assert messages == []
    else:
        assert len(messages) == 1 and warns in messages[0] and messages[0].startswith("van-ban.txt")
        assert src.diagnostics[0].severity == "warning"


def test_tcvn3_is_converted_and_capitals_are_restored_where_the_text_shows_them() -> None:
    src = read_bytes("abc.txt", to_tcvn3(ORIGINAL))
    assert src.encoding == "TCVN3 (ABC)"
    # capitals with a tone mark have no TCVN3 code: back in capitals in words written in capitals and
    # at the start of a list item; the letters themselves are all right
    assert src.text.lower() == ORIGINAL.lower()
    assert "THÔNG BÁO KẾT LUẬN" in src.text and "ĐẢNG BỘ TỈNH LÂM ĐỒNG" in src.text
    assert "1. Ủy ban nhân dân thành phố" in src.text
    (warning,) = src.diagnostics
    assert warning.source == "abc.txt" and "TCVN3" in warning.message and "UniKey" in warning.message


def test_tcvn3_in_a_unicode_file_is_recognised() -> None:
    """A document typed in a .VnTime font and saved as a Unicode text: its letters are font codes."""
    src = read_bytes("font.txt", to_tcvn3(ORIGINAL).decode("cp1252").encode("utf-8"))
    assert src.text.lower() == ORIGINAL.lower()
    assert "legacy font: TCVN3" in src.diagnostics[0].message


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [  # published examples of each encoding, typed as they appear in a Western font
        (b"B\xb6o Th\xbeng", "Bảo Thắng"),
        (b"B\xb8t X\xb8t", "Bát Xát"),
        (b"K\xd5t lu\xcbn", "Kết luận"),
        (b"M\xad\xeang Kh\xad\xacng", "Mường Khương"),
    ],
)
def test_tcvn3_known_samples(legacy: bytes, unicode: str) -> None:
    assert read.from_tcvn3_view(legacy.decode("cp1252")) == unicode


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Xin chaøo caùc baïn", "Xin chào các bạn"),
        ("Vieät Nam", "Việt Nam"),
        ("Keát luaän cuûa Thöôøng tröïc Thaønh uûy", "Kết luận của Thường trực Thành ủy"),
        ("Ñaø Laït, ngaøy 5 thaùng 3 naêm 2024", "Đà Lạt, ngày 5 tháng 3 năm 2024"),
        ("THOÂNG BAÙO KEÁT LUAÄN", "THÔNG BÁO KẾT LUẬN"),
        ("UÛy ban nhaân daân", "Ủy ban nhân dân"),
    ],
)
def test_vni_known_samples(legacy: str, unicode: str) -> None:
    assert read.from_vni_view(legacy) == unicode
    assert to_vni(unicode).decode("cp1252") == legacy  # the test's own writer agrees


def test_every_vietnamese_letter_survives_each_legacy_encoding() -> None:
    letters = "".join(sorted({ch for ch in TCVN3_LETTERS if ch.islower()} | set("aeiouyd")))
    words = " ".join(f"b{ch}n" for ch in letters)  # each letter inside a word
    text = f"{words}\n{words.upper()}\n"
    assert read.from_vni_view(to_vni(text).decode("cp1252")) == text
    assert read.from_cp1258_view(to_cp1258(text).decode("cp1252", errors="strict")) == text
    assert read.from_tcvn3_view(to_tcvn3(text).decode("cp1252")) == text  # capitals: a word in capitals


def test_tcvn3_table_agrees_with_glibc() -> None:
    charmap = Path("/usr/share/i18n/charmaps/TCVN5712-1.gz")
    if not charmap.is_file():
        pytest.skip("glibc's TCVN5712-1 charmap is not installed")
    glibc = {}
    with gzip.open(charmap, "rt", encoding="latin-1") as lines:
        for line in lines:
            if m := re.match(r"<U([0-9A-F]{4})>\s+/x([0-9a-f]{2})\s", line):
                glibc[int(m.group(2), 16)] = chr(int(m.group(1), 16))
    for byte in range(0xA0, 0x100):
        assert read.from_tcvn3_view(bytes([byte]).decode("cp1252", errors="ignore") or chr(byte)) in (
            glibc[byte], unicodedata.normalize("NFC", glibc[byte])), hex(byte)
    glyphs = {glibc[b]: bytes([b]).decode("cp1252") for b in range(0xA0, 0x100) if glibc[b] in TCVN3_LETTERS}
    assert glyphs == TCVN3


def test_lossy_mojibake_is_repaired_and_what_was_lost_is_flagged() -> None:
    lossy = ORIGINAL.encode("utf-8").decode("cp1252", errors="replace")  # five bytes Windows-1252 cannot hold
    src = read_bytes("hong.txt", lossy.encode("utf-8"))
    messages = [d.message for d in src.diagnostics]
    assert any("mojibake repaired" in m for m in messages)
    assert any("U+FFFD" in m for m in messages)
    assert "Kết luận" in src.text or "KẾT LUẬN" in src.text
    assert all(d.line for d in src.diagnostics)


def test_valid_vietnamese_is_never_converted() -> None:
    for path in SEEDS:
        src = read.read_file(path)
        assert src.diagnostics == () and src.encoding == "utf-8"
    tricky = ("«Đá» và “Dân vận khéo” – Đá… ÂU CƠ, Âu Cơ; 25°C, 50%; © UBND; café, naïve, Müller; "
              "&lt;b&gt; &amp; <i>nghiêng</i>\nKet luan khong dau\n")
    src = read_bytes("kho.txt", tricky.encode())
    assert src.text == tricky and src.diagnostics == ()
    latin = "Ghi chú: café, naïve, résumé, Müller, São Paulo, 25°C, ± 5, «a», © 2024.\n"
    assert read_bytes("latin.txt", latin.encode()).text == latin  # Latin-1 letters, but not a legacy font


def test_invisible_controls_are_removed_with_a_warning() -> None:
    src = read_bytes("c.txt", "KẾT LUẬN\nvề\x07 việc\u202e một\x1a\n\fTrang hai.\n".encode())
    assert src.text == "KẾT LUẬN\nvề việc một\n\nTrang hai.\n"
    (warning,) = src.diagnostics
    assert warning.line == 2 and "3 invisible control" in warning.message


RANDOM = random.Random(7)
ANY = object()  # a line number the test does not pin


@pytest.mark.parametrize(
    ("data", "reason", "line"),
    [
        (b"", "is empty", None),
        (b"  \r\n\t\n \xc2\xa0\n", "only white space", None),
        ("— … —\n".encode(), "no letter or digit", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG image", None),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "Word .docx", None),
        (b"%PDF-1.7\n" + bytes(range(256)), "PDF", None),
        (b"{\\rtf1\\ansi K\\'e1t lu\\'e2n}", "RTF", None),
        (bytes(RANDOM.randrange(256) for _ in range(3000)), "binary", ANY),
        (b"ok\n\x00\x01\x02\x03 binary\n", "binary", 2),
        (bytes(RANDOM.randrange(0x80, 0x100) for _ in range(3000)), "not UTF-8", ANY),
        (doc(1, "giáo dục").encode()[:-1] + "ệ".encode()[:2], "cut short", doc(1, "").count("\n")),
        (codecs.BOM_UTF16_LE + "KẾT LUẬN\nvề".encode("utf-16-le") + b"\x41", "cut short", 2),
        ("dòng một\n".encode() + "Đà Nẵng".encode("cp1258", errors="replace") + " là \xe9".encode(), "not UTF-8",
         2),
        (codecs.BOM_UTF8 + b"KET LUAN\n\xff\xfe", "not UTF-8", 2),
    ],
    ids=["empty", "whitespace", "no-words", "png", "docx", "pdf", "rtf", "random-bytes", "nul", "random-high-bytes",
         "truncated-utf8", "truncated-utf16", "mixed-encodings", "bad-after-bom"],
)
def test_unreadable_files_are_errors_naming_file_reason_and_line(data: bytes, reason: str, line: int | None) -> None:
    with pytest.raises(ReadError) as err:
        read_bytes("xau.txt", data)
    diagnostic = err.value.diagnostic()
    assert diagnostic.source == "xau.txt" and diagnostic.severity == "error"
    assert reason in diagnostic.message
    assert line is ANY or diagnostic.line == line
    assert str(err.value).startswith("xau.txt")


def test_a_file_too_large_to_be_a_text_is_an_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(read, "MAX_BYTES", 1000)
    (tmp_path / "lon.txt").write_text("Kết luận. " * 200, encoding="utf-8")
    with pytest.raises(ReadError, match=r"lon\.txt: error: is 0 MB, more than the 0 MB"):
        read.read_file(tmp_path / "lon.txt")


# --- names and paths ------------------------------------------------------------------------------------


def _src(name: str, text: str = "x") -> SourceText:
    return SourceText(name=name, sha256=hashlib.sha256(text.encode()).hexdigest(), text=text, encoding="utf-8")


ODD_NAMES = [
    "Kết luận số 5 (bản chính).txt", "KET LUAN so 5 - ban chinh.txt", "ket-luan-so-5-ban-chinh.txt",
    "index.txt", "CON.txt", "../../etc/passwd.txt", "..\\..\\boot.ini.txt", "/tuyet/doi.txt", "a\x00b.txt",
    "中文.txt", "——.txt", "...txt", "<img src=x onerror=alert(1)>.txt", "Thông báo: \"Dân vận\" #1 'a'.TXT",
    "d" * 250 + ".txt", "e" * 250 + "-1.txt", "x.txt", "X.txt",
]


def test_any_name_gives_a_safe_distinct_ascii_slug() -> None:
    ids = slugs.assign_ids([_src(n) for n in ODD_NAMES])
    assert len(set(ids)) == len(ids)
    for doc_id in ids:
        assert slugs.SLUG_RE.fullmatch(doc_id) and len(doc_id) <= 100, doc_id
        assert doc_id not in slugs.RESERVED_SLUGS
    by_name = dict(zip(ODD_NAMES, ids, strict=True))
    assert by_name["ket-luan-so-5-ban-chinh.txt"] == "ket-luan-so-5-ban-chinh"  # the name that is the slug keeps it
    assert by_name["Kết luận số 5 (bản chính).txt"].startswith("ket-luan-so-5-ban-chinh-")
    assert by_name["index.txt"] != "index"
    assert by_name["../../etc/passwd.txt"] == "etc-passwd"


def test_slugs_do_not_depend_on_the_order_of_other_files() -> None:
    names = ["Kết luận.txt", "ket luan.txt", "KẾT LUẬN.txt", "Ket-Luan.txt", "khac.txt"]
    expected = None
    for order in itertools.permutations(names):
        mapping = dict(zip(order, slugs.assign_ids([_src(n) for n in order]), strict=True))
        expected = expected or mapping
        assert mapping == expected
    assert len(set(expected.values())) == len(names)
    # another file's arrival does not move an existing page, unless it collides with it
    more = dict(zip([*names, "moi.txt"], slugs.assign_ids([_src(n) for n in [*names, "moi.txt"]]), strict=True))
    assert {n: more[n] for n in names} == expected
    # the slug is of the name, not of the content: editing a text keeps its URL
    assert slugs.assign_ids([_src("Kết luận.txt", "a"), _src("ket luan.txt", "b")]) == slugs.assign_ids(
        [_src("Kết luận.txt", "c"), _src("ket luan.txt", "d")])


def test_a_page_id_that_is_not_a_slug_is_refused() -> None:
    for bad in ("../x", "a/b", "", "A", "a--b", "-a", "a\x00"):
        with pytest.raises(ValueError):
            slugs.check_slug(bad)


# --- one build of a folder of bad, hostile and odd sources ---------------------------------------------

HOSTILE_LINES = """<script>alert('XSS-1')</script>
<img src=x onerror="alert('XSS-2')">
<a href="javascript:alert('XSS-3')">bấm vào đây</a>
[liên kết](javascript:alert('XSS-4')) và <javascript:alert('XSS-4b')>
<iframe src="https://evil.example/XSS-5"></iframe>
<div onmouseover="alert('XSS-6')">di chuột</div>

# không phải tiêu đề XSS-7

> không phải trích dẫn XSS-8

```
mã XSS-9
```

| ô <b onclick="alert('XSS-10')">đậm</b> | cột 2 |
{: onclick="alert('XSS-11')" }
<svg onload=alert('XSS-12')></svg> <object data="javascript:alert('XSS-14')"></object>
&lt;script&gt;alert('XSS-13')&lt;/script&gt; &#60;script&#62;alert('XSS-15')
<style>body{background:url(javascript:alert('XSS-16'))}</style>
<base href="javascript:alert('XSS-17')//"> <meta http-equiv="refresh" content="0;url=javascript:alert('XSS-18')">
\x02wzxhzdk:0\x03 <a href="jav&#x09;ascript:alert('XSS-19')">x</a> *[HTML]: <script>alert('XSS-20')</script>
"""
QUOTED = '"Dân vận khéo": giai đoạn 2; \'mục\' #1 --- a: b <i> &amp; {x}'

BAD = {  # file -> what the message says
    "empty.txt": "is empty",
    "blank.txt": "only white space",
    "anh.txt": "PNG image",
    "word.txt": "Word .docx",
    "cut.txt": "cut short",
    "rac.txt": "not UTF-8",
    "nul.txt": "binary",
}
UNICODE = {  # file -> (original text, how it is written)
    "good.txt": (doc(1, "công tác dân vận"), lambda t: t.encode("utf-8")),
    "utf16.txt": (doc(2, "cải cách hành chính"), lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
    "utf16-be.txt": (doc(3, "phát triển du lịch"), lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
    "cp1258.txt": (doc(4, "xây dựng nông thôn mới"), to_cp1258),
    "nfd.txt": (doc(5, "quản lý đất đai"), lambda t: unicodedata.normalize("NFD", t).encode("utf-8")),
    "vni.txt": (doc(6, "bảo vệ môi trường"), to_vni),
    "mojibake.txt": (doc(7, "chuyển đổi số"), lambda t: mojibake(t).encode("utf-8")),
    "hostile.txt": (doc(8, "an ninh mạng") + "\n" + HOSTILE_LINES, lambda t: t.encode("utf-8")),
    "Kết luận số 5 (bản chính).txt": (doc(10, "y tế"), lambda t: t.encode("utf-8")),
    "KET LUAN so 5 - ban chinh.txt": (doc(11, "văn hóa"), lambda t: t.encode("utf-8")),
    "index.txt": (doc(12, "thể thao"), lambda t: t.encode("utf-8")),
    "<img src=x onerror=alert(1)>.txt": (doc(13, "khoa học"), lambda t: t.encode("utf-8")),
    "Thông báo: \"Dân vận\" #1 'a'.TXT": (doc(14, "x").replace("về x\n", f"về {QUOTED}\n"),
                                           lambda t: t.encode("utf-8")),
}
TCVN3_FILE = ("tcvn3.txt", doc(9, "quản lý đô thị"))
COPY = "good - Copy.txt"


def write_bad_folder(folder: Path) -> None:
    folder.mkdir()
    for name, (text, write) in UNICODE.items():
        (folder / name).write_bytes(write(text))
    (folder / TCVN3_FILE[0]).write_bytes(to_tcvn3(TCVN3_FILE[1]))
    (folder / COPY).write_bytes((folder / "good.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\t\n\u00a0\n", encoding="utf-8")
    (folder / "anh.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "word.txt").write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(300))
    (folder / "cut.txt").write_bytes(doc(15, "giáo dục").encode()[:-1] + "ệ".encode()[:2])
    rng = random.Random(1)
    (folder / "rac.txt").write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(2000)))
    (folder / "nul.txt").write_bytes(bytes(rng.randrange(256) for _ in range(2000)) + b"\x00")
    (folder / "ghi chú.odt").write_bytes(b"PK\x03\x04")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path, Path, pipeline_archive.Archive]:
    root = tmp_path_factory.mktemp("bad")
    source, site = root / "src", root / "site"
    write_bad_folder(source)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["build", "--source", str(source), "--site", str(site)])
    archive = check.check(source)  # the same models the build used, to look at
    return code, out.getvalue() + err.getvalue(), source, site, archive


def page_of(site: Path, archive: pipeline_archive.Archive, name: str) -> str:
    doc = next(d for d in archive.documents if d.source.name == name)
    return (site / doc.url / "index.html").read_text(encoding="utf-8")


def test_the_build_exits_non_zero_and_reports_each_bad_file(bad_build) -> None:
    code, output, _source, _site, archive = bad_build
    assert code == 1
    assert {d.source for d in archive.errors} == set(BAD)
    for name, reason in BAD.items():
        (error,) = [d for d in archive.errors if d.source == name]
        assert reason in error.message, (name, error.message)
        assert f"{name}: 1 error" in output and "NOT PUBLISHED" in output
    assert "ghi chú.odt: 0 errors, 1 warning" in output and "not a source file" in output
    assert ".DS_Store" not in output
    assert "23 source files: 14 published, 1 duplicate(s) published once, 7 not published because of errors" in output


def test_every_readable_file_is_published_complete(bad_build) -> None:
    _code, _output, _source, site, archive = bad_build
    published = {d.source.name for d in archive.documents}
    assert published == {*UNICODE, TCVN3_FILE[0]}
    for name, (original, _write) in UNICODE.items():
        page = word_counts(visible_text(page_of(site, archive, name)))
        source = word_counts(unicodedata.normalize("NFC", original))
        short = {w: n - page[w] for w, n in source.items() if page[w] < n}
        assert short == {}, f"words of {name} missing from its page: {short}"
    page = word_counts(visible_text(page_of(site, archive, TCVN3_FILE[0])).lower())
    source = word_counts(TCVN3_FILE[1].lower())
    assert {w: n - page[w] for w, n in source.items() if page[w] < n} == {}


def test_converted_files_say_so_and_publish_the_original_text(bad_build) -> None:
    _code, _output, _source, _site, archive = bad_build
    docs = {d.source.name: d for d in archive.documents}
    for name in ("utf16.txt", "utf16-be.txt", "cp1258.txt", "nfd.txt", "vni.txt", "mojibake.txt"):
        assert docs[name].source.text == UNICODE[name][0], name
    expected = {"cp1258.txt": "Windows-1258", "vni.txt": "VNI", "mojibake.txt": "mojibake", "tcvn3.txt": "TCVN3"}
    for name, word in expected.items():
        assert any(word in w and w.startswith(name) for w in docs[name].warnings), docs[name].warnings
    for name in ("utf16.txt", "utf16-be.txt", "nfd.txt", "good.txt"):
        assert not [w for w in docs[name].warnings if "Unicode" in w or "mojibake" in w]


def test_a_duplicate_is_published_once_listing_both_names(bad_build) -> None:
    _code, _output, _source, site, archive = bad_build
    assert archive.duplicates == {"good.txt": [COPY]}
    assert [d.source.name for d in archive.documents].count(COPY) == 0
    data = json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))
    (record,) = [r for r in data["documents"] if r["source"] == "good.txt"]
    assert any(COPY in w for w in record["warnings"])
    assert any(d.source == COPY and "good.txt" in d.message for d in archive.warnings)


def test_odd_file_names_get_pages_with_ascii_urls(bad_build) -> None:
    _code, _output, _source, site, archive = bad_build
    ids = {d.source.name: d.id for d in archive.documents}
    assert len(set(ids.values())) == len(ids)
    assert ids["Kết luận số 5 (bản chính).txt"] != ids["KET LUAN so 5 - ban chinh.txt"]
    assert ids["index.txt"] == "index-van-ban"
    assert ids["<img src=x onerror=alert(1)>.txt"] == "img-src-x-onerror-alert-1"
    for doc_id in ids.values():
        assert slugs.SLUG_RE.fullmatch(doc_id)
        assert (site / "van-ban" / doc_id / "index.html").is_file()
    pages = {p.parent.name for p in (site / "van-ban").glob("*/index.html")}
    assert pages == set(ids.values())
    built = {p.resolve() for p in site.rglob("*")}
    assert all(p.is_relative_to(site.resolve()) for p in built)


def test_titles_with_quotes_and_colons_survive_every_output(bad_build) -> None:
    _code, _output, _source, site, archive = bad_build
    name = "Thông báo: \"Dân vận\" #1 'a'.TXT"
    (doc_,) = [d for d in archive.documents if d.source.name == name]
    title = doc_.facts.title
    assert title.endswith(QUOTED)
    data = json.loads((site / "data" / "documents.json").read_text(encoding="utf-8"))
    (record,) = [r for r in data["documents"] if r["source"] == name]
    assert record["title"] == title and record["source"] == name
    page = page_of(site, archive, name)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL).group(1)
    assert visible_text(h1).strip().rstrip("¶").strip() == title
    assert visible_text(page).count(name) >= 1  # the source file's name, shown as text


# --- no page runs anything a source contains ------------------------------------------------------------

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
ACTIVE_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "form", "svg", "math"}


class Elements(HTMLParser):
    """Every element with its attributes, whether it is inside the article, and each script's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], bool]] = []
        self.scripts: list[tuple[str | None, str]] = []
        self._article = 0
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "article":
            self._article += 1
        self.elements.append((tag, attributes, self._article > 0))
        if tag == "script":
            self._script = []
            self.scripts.append((attributes.get("src"), ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._article:
            self._article -= 1
        if tag == "script" and self._script is not None:
            src, _ = self.scripts[-1]
            self.scripts[-1] = (src, "".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)


def _scripts(html: str, page: str) -> set[str | None]:
    """The page's scripts, as site paths (None for an inline one)."""
    parser = Elements()
    parser.feed(html)
    return {src and posixpath.normpath(posixpath.join(posixpath.dirname(page), src)).lstrip("/")
            for src, _ in parser.scripts}


def hand_written_pages() -> set[str]:
    """The site paths of the pages written by hand in docs/ (their article may hold a form or a script)."""
    pages = set()
    for md in paths.DOCS_DIR.rglob("*.md"):
        rel = md.relative_to(paths.DOCS_DIR)
        if rel.parts[0] in paths.GENERATED or rel.name.startswith("_"):
            continue
        stem = rel.with_suffix("")
        pages.add((stem.parent if stem.name in ("index", "README") else stem).as_posix().strip(".") + "/index.html")
    return {p.lstrip("/") for p in pages}


def executable_content(html: str, page: str, theme_scripts: set[str | None]) -> list[str]:
    """What in a page could run: from content, anything; from the theme, scripts a harmless page does not have.

    Anywhere: event handlers, javascript: URLs, a meta refresh, a script that is not the theme's. In the
    article of a page made from sources: any script, frame, object, style or form element.
    """
    parser = Elements()
    parser.feed(html)
    from_sources = page not in hand_written_pages()
    found = []
    for tag, attrs, in_article in parser.elements:
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=...>")
            url = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name in URL_ATTRS and url.startswith(("javascript:", "vbscript:", "data:text/html")):
                found.append(f"<{tag} {name}={value!r}>")
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        if in_article and from_sources and (tag in ACTIVE_TAGS or tag == "script"):
            found.append(f"<{tag}> in the article")
    for _src, text in parser.scripts:
        if "XSS" in text or "alert(" in text:
            found.append(f"script {text[:60]!r}")
    found += [f"script src={src!r}" for src in _scripts(html, page) - theme_scripts]
    return found


@pytest.fixture(scope="module")
def theme_scripts(bad_build) -> set[str | None]:
    """The scripts a page of the site has when no source is hostile: the good document's page."""
    _code, _output, _source, site, archive = bad_build
    doc = next(d for d in archive.documents if d.source.name == "good.txt")
    return _scripts(page_of(site, archive, "good.txt"), doc.url + "index.html")


def test_no_built_page_contains_executable_content_from_a_source(bad_build, theme_scripts) -> None:
    _code, _output, _source, site, _archive = bad_build
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 14
    found = {page: executable_content((site / page).read_text(encoding="utf-8"), page, theme_scripts)
             for page in (p.relative_to(site).as_posix() for p in pages)}
    assert {page: f for page, f in found.items() if f} == {}


def test_hostile_lines_are_shown_as_the_text_they_are(bad_build) -> None:
    _code, _output, _source, site, archive = bad_build
    page = page_of(site, archive, "hostile.txt")
    article = page[page.index("<article"): page.index("</article>")]
    text = " ".join(visible_text(article).split())
    for shown in ("<script>alert('XSS-1')</script>", "<img src=x onerror=\"alert('XSS-2')\">",
                  "[liên kết](javascript:alert('XSS-4'))", "> không phải trích dẫn XSS-8", "``` mã XSS-9 ```",
                  "{: onclick=\"alert('XSS-11')\" }", "&lt;script&gt;alert('XSS-13')&lt;/script&gt;",
                  "&#60;script&#62;alert('XSS-15')", "*[HTML]: <script>alert('XSS-20')</script>"):
        assert shown in text, shown
    tags = [tag for tag, _attrs, _ in _article_elements(page)]
    good = [tag for tag, _attrs, _ in _article_elements(page_of(site, archive, "good.txt"))]
    assert not set(tags) & {"blockquote", "pre", "b", "img", "iframe", "script", "svg", "object", "style", "base",
                            "meta", "abbr"}
    assert tags.count("code") == good.count("code")  # the file name and SHA-256 in the panel, nothing else


def _article_elements(html: str) -> list[tuple[str, dict[str, str], bool]]:
    parser = Elements()
    parser.feed(html[html.index("<article"): html.index("</article>")])
    return parser.elements


def test_a_hostile_title_or_file_name_does_not_reach_the_theme_as_html(tmp_path: Path, theme_scripts) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "tieu-de.txt").write_text(
        "KẾT LUẬN\nvề giai đoạn 2 </title><script>alert('XSS-T')</script>\n\nNội dung.\n", encoding="utf-8")
    (source / "<img src=x onerror=alert('XSS-N')>.txt").write_text("| a | b |\n", encoding="utf-8")
    build.build(source, tmp_path / "site")
    site = tmp_path / "site"
    found = {page: executable_content((site / page).read_text(encoding="utf-8"), page, theme_scripts)
             for page in (p.relative_to(site).as_posix() for p in (site / "van-ban").rglob("*.html"))}
    assert {page: f for page, f in found.items() if f} == {}


# --- the command line: check, --strict --------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(argv))
    return code, out.getvalue()


def test_check_validates_without_building_and_prints_the_summary(bad_build, tmp_path: Path) -> None:
    _code, _output, source, _site, _archive = bad_build
    code, output = run("check", "--source", str(source))
    assert code == 1
    for name in BAD:
        assert f"{name}: 1 error, 0 warnings; NOT PUBLISHED" in output
    assert "mojibake.txt: 0 errors" in output and "mojibake repaired" in output
    assert not list(source.parent.glob(".*"))  # nothing written beside the sources


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "vni.txt").write_bytes(to_vni(doc(1, "dân vận")))  # readable, with a warning
    assert run("check", "--source", str(source))[0] == 0
    code, output = run("check", "--strict", "--source", str(source))
    assert code == 1 and "--strict" in output
    (source / "empty.txt").write_bytes(b"")
    assert run("check", "--source", str(source))[0] == 1


def test_a_missing_source_folder_is_an_error_not_a_crash(tmp_path: Path) -> None:
    code, output = run("check", "--source", str(tmp_path / "khong-co"))
    assert code == 2 and "no such folder" in output


# --- the output: atomic, and never outside its folder ----------------------------------------------------


def small_source(folder: Path, *topics: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, topic in enumerate(topics):
        (folder / f"van-ban-{i}.txt").write_text(doc(i, topic), encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_written_path_that_leads_outside_the_docs_folder_is_found(tmp_path: Path) -> None:
    """The check after the writers (each folder resolved once): a path through a linked folder, a link in a file's
    place and ".." lead outside; the rest, a linked folder inside included, stays."""
    docs, away = tmp_path / "docs", tmp_path / "away"
    (docs / "van-ban").mkdir(parents=True)
    away.mkdir()
    (docs / "ra-ngoai").symlink_to(away)
    (docs / "ben-trong").symlink_to(docs / "van-ban")
    (docs / "van-ban" / "lien-ket.md").symlink_to(away / "x.md")
    inside = [docs / "van-ban" / "a.md", docs / "van-ban" / "b.md", docs / "ben-trong" / "c.md", docs / "index.md",
              docs / "van-ban" / ".."]
    outside = [docs / "ra-ngoai" / "a.md", docs / "van-ban" / "lien-ket.md", docs / "van-ban" / ".." / ".." / "x.md",
               docs / ".."]
    assert build._outside([*inside, *outside], docs) == outside
    assert build._outside(inside, docs) == []


def test_a_failed_build_leaves_the_previous_site_as_it_was(tmp_path: Path, monkeypatch) -> None:
    site = tmp_path / "site"
    build.build(small_source(tmp_path / "src", "dân vận"), site)
    before = snapshot(site)
    small_source(tmp_path / "src", "dân vận", "thêm một văn bản")

    def broken(config: Path, docs_dir: Path, site_dir: Path, **options) -> None:
        (site_dir / "index.html").write_text("half a site", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(build.publish, "rendering", broken)
    with pytest.raises(OSError, match="disk full"):
        build.build(tmp_path / "src", site)
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "src"]  # no half-built folder left behind


def test_a_rebuild_replaces_the_whole_site_readably(tmp_path: Path) -> None:
    site = tmp_path / "site"
    source = small_source(tmp_path / "src", "dân vận")
    build.build(source, site)
    (site / "cu.html").write_text("a page of an older build", encoding="utf-8")
    (source / "van-ban-0.txt").rename(source / "moi.txt")
    build.build(source, site)
    assert not (site / "cu.html").exists()
    assert (site / "van-ban" / "moi" / "index.html").is_file()
    # the renamed text's old address is kept, as a redirect to its new page
    old = (site / "van-ban" / "van-ban-0" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../moi/"' in old and "<script" not in old
    assert site.stat().st_mode & 0o055 == 0o055 & ~_umask()  # readable by a web server, as a new folder would be
    settled(site)  # the old site, deleted by a process of its own
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "src"]  # no lock or half-built folder left


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_the_site_never_replaces_a_folder_that_is_not_a_site(tmp_path: Path) -> None:
    source = small_source(tmp_path / "src", "dân vận")
    notes = tmp_path / "ghi-chu"
    notes.mkdir()
    (notes / "quan-trong.txt").write_text("đừng xóa", encoding="utf-8")
    for site in (notes, source, source / "site", ROOT, ROOT / "docs", Path(tmp_path.anchor)):
        with pytest.raises(pipeline_archive.BuildError):
            build.build(source, site)
    assert (notes / "quan-trong.txt").read_text(encoding="utf-8") == "đừng xóa"
    assert run("build", "--source", str(source), "--site", str(notes))[0] == 2


# --- large inputs ----------------------------------------------------------------------------------------------


def large_text(size: int) -> str:
    """A long conclusion: thousands of long paragraphs, a numbered task every hundred, every word Vietnamese."""
    rng = random.Random(5)
    words = re.findall(r"\S+", "công tác dân vận hệ thống chính trị Ủy ban nhân dân thành phố chủ trì phối hợp "
                       "triển khai thực hiện kiểm tra giám sát báo cáo kết quả đúng tiến độ nâng cao hiệu quả")
    parts = [DOC.split("\n\n1.")[0].format(n=1, topic="một văn bản rất dài")]
    n, total = 0, len(parts[0].encode())
    while total < size:
        n += 1
        sentence = " ".join(rng.choice(words) for _ in range(120))
        line = f"{sentence[0].upper()}{sentence[1:]} (đoạn {n})."
        if n % 100 == 0:
            line = f"{n // 100}. {line}"
        parts.append(line)
        total += len(line.encode()) + 2
    parts.append("Nơi nhận:\n- Như trên.\n\nT/M THƯỜNG TRỰC THÀNH ỦY\nPHÓ BÍ THƯ\nNguyễn Văn An\n")
    return "\n\n".join(parts)


def test_a_5_mb_text_builds_whole(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    text = large_text(5_000_000)
    (source / "lon.txt").write_text(text, encoding="utf-8")
    assert (source / "lon.txt").stat().st_size > 5_000_000
    archive = build.build(source, tmp_path / "site")
    assert archive.errors == []
    page = visible_text((tmp_path / "site" / "van-ban" / "lon" / "index.html").read_text(encoding="utf-8"))
    last = int(re.findall(r"đoạn (\d+)", text)[-1])
    assert re.findall(r"đoạn (\d+)", page) == [str(i) for i in range(1, last + 1)]  # every paragraph, in order
    assert "Nguyễn Văn An" in page


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="peak memory is read from /proc")
def test_many_texts_build_in_bounded_memory(tmp_path: Path) -> None:
    """Peak memory (VmHWM) of a process that builds 150 small texts: reading them holds little."""
    source = small_source(tmp_path / "src", *(f"chủ đề số {i}" for i in range(150)))
    script = ("import re, sys; from pathlib import Path; from build_scripts.site import build; "
              "a = build.build(Path(sys.argv[1]), Path(sys.argv[2])); "
              "print(len(a.documents), re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1])")
    result = subprocess.run([sys.executable, "-c", script, str(source), str(tmp_path / "site")], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    documents, peak_kb = map(int, result.stdout.split()[-2:])
    assert documents == 150
    assert peak_kb < 300 * 1024, f"peak memory {peak_kb // 1024} MB"


# --- a bug in a later stage stops only the file that trips it ---------------------------------------------------


def test_a_file_that_trips_a_bug_is_reported_and_the_rest_builds(tmp_path: Path, monkeypatch) -> None:
    source = small_source(tmp_path / "src", "dân vận", "cải cách", "du lịch")
    real_extract, real_render = convert.extract, build.render.render_document
    extracted = []

    def extract(doc):
        extracted.append(doc.id)
        if doc.id == "van-ban-1":
            raise KeyError("a field the extractor did not expect")
        return real_extract(doc)

    def render_document(doc, *args, **kwargs):
        if doc.id == "van-ban-2":
            raise ValueError("a block the renderer did not expect")
        return real_render(doc, *args, **kwargs)

    monkeypatch.setattr(convert, "extract", extract)
    monkeypatch.setattr(build.render, "render_document", render_document)
    monkeypatch.setenv("VB_NO_CACHE", "1")  # the cache must not answer for the extraction replaced here
    monkeypatch.setattr(convert, "PARALLEL_FROM", 10**9)  # nor a worker that does not have the replacement
    archive = build.build(source, tmp_path / "site")
    assert sorted(extracted) == ["van-ban-0", "van-ban-1", "van-ban-2"]
    assert [d.id for d in archive.documents] == ["van-ban-0"]
    assert {(e.source, e.message.split(" (")[0]) for e in archive.errors} == {
        ("van-ban-1.txt", "could not be parsed"), ("van-ban-2.txt", "could not be rendered")}
    assert (tmp_path / "site" / "van-ban" / "van-ban-0" / "index.html").is_file()
    assert not (tmp_path / "site" / "van-ban" / "van-ban-2").exists()
    assert run("check", "--source", str(source))[0] == 1


def test_a_text_that_fails_in_the_render_is_dropped_and_the_others_are_whole(tmp_path: Path, monkeypatch) -> None:
    """The render runs once the documents' trees are let go (build.py): each text's check takes them back from
    the load cache, and the site is written again from them."""
    import markdown

    source = small_source(tmp_path / "src", "dân vận", "cải cách", "du lịch")
    monkeypatch.setenv("VB_CACHE_DIR", str(tmp_path / "cache"))
    real_rendering, real_markdown = build.publish.rendering, markdown.markdown

    def rendering(config: Path, docs_dir: Path, site_dir: Path, **options):
        if (docs_dir / "van-ban" / "van-ban-1.md").exists():
            raise ValueError("a page MkDocs could not render")
        return real_rendering(config, docs_dir, site_dir, **options)

    def convert_page(text: str, **options) -> str:
        if "họp nghe báo cáo về cải cách" in text:  # its tree's words, not its title's
            raise ValueError("a page MkDocs could not render")
        return real_markdown(text, **options)

    monkeypatch.setattr(build.publish, "rendering", rendering)
    monkeypatch.setattr(markdown, "markdown", convert_page)
    archive = build.build(source, tmp_path / "site")
    assert [d.id for d in archive.documents] == ["van-ban-0", "van-ban-2"]
    assert [(e.source, e.message.split(" (")[0]) for e in archive.errors] == [
        ("van-ban-1.txt", "could not be rendered")]
    for n, topic in ((0, "dân vận"), (2, "du lịch")):
        page = visible_text((tmp_path / "site" / "van-ban" / f"van-ban-{n}" / "index.html").read_text(encoding="utf-8"))
        assert f"họp nghe báo cáo về {topic}" in page and "những người được giao nhiệm vụ báo cáo kết quả" in page
    assert not (tmp_path / "site" / "van-ban" / "van-ban-1").exists()


@pytest.mark.parametrize("change", ["removed", "changed"])
def test_a_source_removed_or_edited_during_the_build_stops_only_its_page(tmp_path: Path, monkeypatch,
                                                                         change: str) -> None:
    source = small_source(tmp_path / "src", "dân vận", "chuyển đổi số")
    real_load = loader.load

    def load_then_touch(folder: Path, *rest) -> pipeline_archive.Archive:
        archive = real_load(folder, *rest)
        if change == "removed":
            (source / "van-ban-1.txt").unlink()
        else:
            (source / "van-ban-1.txt").write_text(doc(1, "một chủ đề khác"), encoding="utf-8")
        return archive

    monkeypatch.setattr(build, "load", load_then_touch)
    site = tmp_path / "site"
    archive = build.build(source, site)
    assert [d.source.name for d in archive.documents] == ["van-ban-0.txt"]
    [message] = [d for d in archive.errors if d.source == "van-ban-1.txt"]
    assert change in message.message and "build again" in message.message
    assert (site / "van-ban" / "van-ban-0" / "index.html").is_file()
    assert not (site / "van-ban" / "van-ban-1").exists() and not (site / "van-ban" / "van-ban-1.txt").exists()
