"""Document metadata: title, type, number, issuer, dates, period, signer, recipients."""

from __future__ import annotations

import itertools
import re
from functools import cache

from ... import knowledge
from ...knowledge.communes import REORGANISED, commune
from ...knowledge.places import cities, current_provinces, provinces, short_province, towns
from ...model import Block, BlockKind, Signer, plain
from ...vietnamese import fold, iso_date, newer_tones
from . import anchored
from .casing import citation_case, is_upper
from .organisations import starts_with_head
from .tasks import RE_CONCLUSION_SPEECH

# a news site's masthead ("Báo Cà Mau điện tử") and breadcrumb ("Trang chủ > Thời sự > Chính trị")
RE_PORTAL_FURNITURE = re.compile(r"(?:Trang chủ|Trang nhất)\s*[>»/›|]|(?:Báo(?! cáo)|Tạp chí|Cổng thông tin)\s"
                                 r"[^.;:!?]{1,40}$")


HEADLINE = 200  # the longest one-line paragraph read whole as a news page's headline


def read_title(blocks: list[Block], fallback: str) -> str:
    """The title as a reader would cite it: the title block in running-text case."""
    lines = _lines(blocks, BlockKind.TITLE)
    if not lines:
        # a web page's copy: its masthead and breadcrumb come before the headline
        first = next((text for b in blocks if b.kind == BlockKind.PARAGRAPH
                      and (text := "\n".join(ln for ln in "".join(s.text for s in b.spans).split("\n")
                                             if not RE_PORTAL_FURNITURE.match(ln.strip())).strip())), None)
        if first is None:
            return fallback
        one_line = "\n" not in first and len(first) <= HEADLINE  # a headline: its colon is its own ("X: Tháo gỡ ...")
        sentence = first if one_line else re.split(r"(?<=[.;:])(?<!TP\.)\s", " ".join(first.split()))[0]
        return sentence if len(sentence) <= 120 else sentence[:120].rsplit(" ", 1)[0] + "…"
    cased = [citation_case(ln) for ln in lines]
    # "THÔNG BÁO / Ý kiến kết luận của ...": a subtitle's capital only starts a line
    cased = [c[:1].lower() + c[1:] if i and re.match(r"(?:Ý kiến|Kết luận|Về|Của|Tại|Thông báo)\b", c) else c
             for i, c in enumerate(cased)]
    title = " ".join(cased)
    return title[:1].upper() + title[1:]


# --- the rest of the metadata -----------------------------------------------------------

_WORDS = r"[^\W\d_][^\s,.;:()–]*(?: [^\W\d_][^\s,.;:()–]*){0,5}"


def capitalised(text: str, most: int = 5) -> str:
    """The run of capitalised words at the start of ``text``: "Lâm Đồng ở ..." -> "Lâm Đồng"."""
    words = []
    for w in text.split():
        if not w[:1].isupper() or len(words) == most:
            break
        words.append(w)
    return " ".join(words)
# (a scan's OCR may set a space apart before or after the number's dash: "Số 318 -KL/HU", read "318-KL/HU")
RE_SYMBOL_LINE = re.compile(r"^\s*Số\s*:?\s*(?P<sym>\d+(?:[ ]?[-/][ ]?(?=[^\W\d_]))?[^\s,;]*)",
                            re.IGNORECASE | re.MULTILINE)
RE_PLACE_DATE = re.compile(r"^(?P<place>[^,\n]{2,40}),\s*ngày\s+", re.MULTILINE)
RE_PORTAL_LINE = re.compile(r"^(?:Cập nhật|Ngày đăng|Đăng lúc|Đăng ngày|Thời gian đăng|Nguồn|Tác giả)\b"
                            r"|^.{0,60}\b\d{1,2}:\d{2}\b.{0,20}$", re.IGNORECASE)
@cache
def _rank_re() -> re.Pattern[str]:
    """A rank of the army or the police before a signer's name (data/genre.yml ``ranks``)."""
    return re.compile(r"^(?:" + "|".join(map(re.escape, knowledge.genre()["ranks"])) + r")\s+(?=\S)")


RE_SIGNED = re.compile(r"^\(?\s*(?:đã\s+ký|ký)(?:\s*(?:tên|,|và|đóng dấu|ghi rõ họ tên))*\s*\)?\.?$", re.IGNORECASE)
RE_CAPACITY = re.compile(r"^(?P<prefix>T/M|TM\.?|T/L|TL\.?|KT\.?|K/T|Q\.|TUQ\.?|Q/)\s*(?P<rest>.*)$")
LOCAL_BODIES = r"(?:Thành ủy|Thành uỷ|Thị ủy|Thị uỷ|Huyện ủy|Huyện uỷ|Quận ủy|Quận uỷ|UBND|Ủy ban nhân dân|HĐND)"
UNIT_WORDS = r"(?:thành phố|thị xã|huyện|quận|thị trấn|TP\.?)"


def _title_case(text: str) -> str:
    """"ĐÀ LẠT" -> "Đà Lạt" (place names are written with each syllable capitalised)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


def _block_lines(block: Block) -> list[str]:
    """A block's lines as its spans hold them, stripped, the empty ones left out."""
    return [ln.strip() for ln in "".join(s.text for s in block.spans).split("\n") if ln.strip()]


def _lines(blocks: list[Block], *kinds: BlockKind) -> list[str]:
    """The lines of the blocks of those kinds, in order, their spaces single."""
    return [" ".join(ln.split()) for b in blocks if b.kind in kinds for ln in _block_lines(b)]


def _intro_paragraphs(blocks: list[Block], limit: int = 3) -> list[Block]:
    """The first body paragraphs, before any heading or item: where the meeting is described."""
    out = []
    for b in blocks:
        if b.kind in (BlockKind.HEADER, BlockKind.TITLE, BlockKind.RULE, BlockKind.PAGE):
            continue
        if b.kind == BlockKind.PARAGRAPH and (RE_PORTAL_LINE.search(b.text)
                                               or all(RE_PORTAL_FURNITURE.match(ln) for ln in _block_lines(b))):
            continue  # "Cập nhật lúc: 15/10/2024 09:12" above a news portal's article; its masthead, its breadcrumb
        if b.kind != BlockKind.PARAGRAPH or len(out) >= limit:
            break
        out.append(b)
    return out


def read_type(blocks: list[Block], title: str, number: str | None) -> str | None:
    """The kind of the document, from its title block, or the start of its first sentence."""
    lines = _lines(blocks, BlockKind.TITLE)
    head = fold(" ".join(lines) if lines else title).casefold()
    for words, kind in (
        ("thong bao y kien ket luan", "Thông báo ý kiến kết luận"),
        ("thong bao ket luan", "Thông báo kết luận"),
        ("ket luan", "Kết luận"),
        ("thong bao", "Thông báo"),
        ("bien ban", "Biên bản"),
        ("v/v ", "Công văn"),  # a letter's subject where a notice has its title: "V/v truyền đạt ý kiến chỉ đạo ..."
    ):
        if head.startswith(words):
            return kind
    if not lines and re.search(r"\bket luan\b", head):  # a headline: "Thường trực Thành ủy ... kết luận về ..."
        return "Thông báo kết luận" if "thong bao ket luan" in head else "Kết luận"
    if not lines and any(b.kind == BlockKind.PARAGRAPH and RE_CONCLUSION_SPEECH.search(b.text) for b in blocks):
        return "Kết luận"  # a report whose headline names the meeting: "Kết luận buổi làm việc, đồng chí ..."
    if number and "TB" in number.upper():
        return "Thông báo"
    if number and "KL" in number.upper():
        return "Kết luận"
    return None


def read_number(blocks: list[Block], canonical_symbol) -> str | None:
    """The document's own symbol: "Số 215-TB/ThU", "Số: 45/TB-UBND" in its header."""
    text = "\n".join(_lines(blocks, BlockKind.HEADER, BlockKind.TITLE))
    m = RE_SYMBOL_LINE.search(text)
    if m and re.search(r"[-/][^\W\d_]", m.group("sym")):
        return canonical_symbol(m.group("sym").replace(" ", "").rstrip(".,;"))
    return None


_ISSUER_STOP = re.compile(
    r"\s+(?:tại|về|làm việc|với|trong|đối với|năm|quý|\d+ tháng|sau|đánh giá|nghe|họp|kết luận|chủ trì|"
    r"giao ban|thông báo)(?:\s|$)|[,.;:(]",
)


# a party committee, its place after it or not: "Huyện ủy", "Huyện ủy Bố Trạch", "Đảng ủy xã"
RE_PARTY_COMMITTEE = re.compile(r"(?:Tỉnh|Thành|Thị|Huyện|Quận) [ủu]y(?:$|\s+(?=[A-ZĐÂĂÊÔƠƯ]))|Đảng [ủu]y\b")


def _strip_person(text: str) -> str:
    """"đồng chí Phó Bí thư Thường trực Thành ủy" -> "Thường trực Thành ủy"; "đồng chí Bí thư Huyện ủy" ->
    "Thường trực Huyện ủy" (the Bí thư and his deputies are the committee's Thường trực); "đồng chí Trưởng Ban
    Chỉ đạo ..." -> "Ban Chỉ đạo ..." (the head of a board, not a "Chỉ đạo")."""
    text = re.sub(r"^(?:đồng chí|đ/c)\s+", "", text.strip(), flags=re.IGNORECASE)
    # "Chủ tịch và các Phó Chủ tịch Ủy ban nhân dân Thành phố": the body its leaders conclude for
    text = re.sub(r"^(?:Chủ tịch|Bí thư) và các (?=Phó (?:Chủ tịch|Bí thư) )", "", text)
    for title in sorted(knowledge.genre()["person_titles"], key=len, reverse=True):
        if title == "Thường trực":
            continue  # "Thường trực Thành ủy" is a body
        if text.startswith(title + " "):
            rest = text[len(title) + 1 :]
            if title.endswith((" Ban", " ban")) and not starts_with_head(rest):
                rest = "Ban " + rest
            if title.endswith("Bí thư") and RE_PARTY_COMMITTEE.match(rest):
                rest = "Thường trực " + rest
            if rest[:1].isupper():
                return rest
    return text


def _trim_issuer(body: str, locality: str | None) -> str:
    """Drop a person's name ("UBND tỉnh Lê Văn Thạnh") and the locality ("Thành ủy Bảo Lộc") after the body; "TP."
    written out ("UBND TP. Vũng Tàu" -> "UBND thành phố")."""
    body = re.sub(r"\bTP\.\s*", "thành phố ", body).strip()
    words = body.split()
    surnames = set(knowledge.genre()["surnames"])
    for i in range(1, len(words) - 1):
        tail = words[i:]
        if tail[0] in surnames and 2 <= len(tail) <= 5 and all(w[:1].isupper() for w in tail) \
                and " ".join(tail) not in provinces() and " ".join(tail) not in towns():  # "UBND tỉnh Hà Tĩnh"
            body = " ".join(words[:i])
            break
    if locality and body.endswith(" " + locality):
        body = body[: -len(locality) - 1]
    return body


def _header_department(blocks: list[Block], word: str) -> str | None:
    """"SỞ GIÁO DỤC VÀ ĐÀO TẠO" in the header, as the list of kinds of body spells it ("Sở Giáo dục và Đào tạo")."""
    key = fold(word).casefold()
    for line in _lines(blocks, BlockKind.HEADER):
        if fold(line).casefold().startswith(key + " "):
            return _kind_names().get(fold(line).casefold().strip(" *"))
    return None


@cache
def _kind_names() -> dict[str, str]:
    """Each kind of body's name by its folded form, made once."""
    return {fold(k["name"]).casefold(): k["name"] for k in knowledge.organisations()["kinds"]}


def read_issuer(blocks: list[Block], title: str, locality: str | None = None) -> str | None:
    """The body that concludes: "của <body>" in the title, else the subject of the intro."""
    found = _read_issuer(blocks, title)
    return _trim_issuer(found, locality) if found else None


def read_issuer_as_written(blocks: list[Block], title: str) -> str | None:
    """The concluding body with the place it names ("Thường trực Thị ủy Ninh Hòa"), a person's name removed."""
    found = _read_issuer(blocks, title)
    return _trim_issuer(found, None) if found else None


def _read_issuer(blocks: list[Block], title: str) -> str | None:
    m = re.search(r"\b(?:của|Của)\s+(?P<body>.+)", title)
    if m:
        body = _without_name(m.group("body"))
        second = _second_office(body, blocks)
        board = _board_name(body, title)
        body = _ISSUER_STOP.split(body, maxsplit=1)[0]
        body = second or board or _strip_person(body)
        if body in ("Sở", "Cục", "Chi cục"):  # "Kết luận của Giám đốc Sở": the department the header names
            body = _header_department(blocks, body) or body
        if RE_PRESIDING.match(body):  # "Kết luận của Chủ tọa kỳ họp": the council whose session it is
            body = _header_council(blocks) or body
        if body and body[:1].isupper():
            return body
    found: list[str] = []  # each intro paragraph's first body that meets
    # the body that concludes, where the intro says so ("..., Ủy ban Kiểm tra Huyện ủy kết luận như sau:"), over one
    # a document it implements names ("Thực hiện Quy định số 22-QĐ/TW ... của Ban Chấp hành Trung ương về công tác
    # kiểm tra ...")
    concluding: list[str] = []
    for p in _intro_paragraphs(blocks):
        matches = list(RE_INTRO_ISSUER.finditer(p.text))
        if matches:
            found.append(RE_TERM.sub("", _strip_person(matches[0].group("body"))))
        concluding += [m.group("body") for m in matches if m.group("verb") == "kết luận"]
    if concluding:
        first = RE_TERM.sub("", _strip_person(concluding[-1]))
        found = [first, *(f for f in found if f != first)]
    # a headline's "Huyện ủy Krông Bông kết luận" is the short form of "Thường trực Huyện ủy Krông Bông" below it,
    # and its "Bí thư Tỉnh ủy làm việc" of "Thường trực Tỉnh ủy Bạc Liêu"
    return next((f for f in found[1:] if f.endswith(" " + found[0]) or _unplaced(f) == found[0]
                 or _unplaced(f).endswith(" " + found[0])), found[0]) if found else None


def _second_office(text: str, blocks: list[Block]) -> str | None:
    """"đồng chí Phó Chủ tịch UBND tỉnh, Trưởng Ban An toàn giao thông tỉnh tại Hội nghị ...": of a person's two
    offices, the one whose body the header names as the issuer ("BAN AN TOÀN GIAO THÔNG" under "ỦY BAN NHÂN DÂN
    TỈNH ĐỒNG NAI"), else None (the first office, as before)."""
    first = _ISSUER_STOP.split(text, maxsplit=1)[0]
    rest = text[len(first):]
    if not rest.startswith(", "):
        return None
    office = _ISSUER_STOP.split(rest[2:], maxsplit=1)[0]
    if not office.startswith(("Trưởng", "Phó Trưởng", "Giám đốc", "Chủ tịch", "Bí thư")):
        return None
    body = _strip_person(office)
    header = fold(" ".join(_lines(blocks, BlockKind.HEADER))).casefold()
    name = fold(_unplaced(RE_LEVEL_AT_END.sub("", body))).casefold()
    return body if body != office and len(name.split()) >= 2 and name in header else None


# a board's name runs over its commas ("Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số
# và Đề án 06 tỉnh Tây Ninh"): it ends where the title goes on ("tại phiên họp ...")
_BOARD_STOP = re.compile(r"\s+(?:tại|về|làm việc|với|đối với|năm|quý|\d+ tháng|sau|đánh giá|nghe|họp|kết luận|chủ trì|"
                         r"giao ban|thông báo)(?:\s|$)|[.;:(]")
RE_BOARD = re.compile(r"Ban Chỉ đạo\b")


def _board_name(text: str, title: str) -> str | None:
    """A Ban Chỉ đạo's full name, commas and all, where the title gives it: after "của (đồng chí) Trưởng", or, where
    that names the board alone ("Kết luận của đồng chí Trưởng Ban Chỉ đạo tại cuộc họp Ban Chỉ đạo thực hiện xóa nhà
    tạm, nhà dột nát trên địa bàn tỉnh"), at the meeting it names."""
    head = _strip_person(_BOARD_STOP.split(text, maxsplit=1)[0])
    if not RE_BOARD.match(head):
        return None
    if head.strip() == "Ban Chỉ đạo":
        named = [m for m in RE_BOARD.finditer(title)][1:]  # the board the title names again, in full
        if not named:
            return None
        head = _BOARD_STOP.split(title[named[0].start():], maxsplit=1)[0]
    head = head.strip(" ,")
    return head if head != "Ban Chỉ đạo" and "," in head else None


RE_LEVEL_AT_END = re.compile(r"\s+(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường)$")


# "đồng chí Vũ Mạnh Cường, Phó Chủ tịch UBND tỉnh ...": a person named before the title, by a comma or a dash
RE_NAME_FIRST = re.compile(r"(?:đồng chí|đ/c|Đồng chí)\s+(?P<name>[^\s,;–-]+(?:\s+[^\s,;–-]+){1,4})\s*(?:,|\s[-–])\s*")


def _without_name(text: str) -> str:
    """The title after a person's name, when the name comes first ("đồng chí X, Phó Chủ tịch UBND tỉnh")."""
    m = RE_NAME_FIRST.match(text)
    if m and m.group("name").split()[0] in knowledge.genre()["surnames"] \
            and all(w[:1].isupper() for w in m.group("name").split()):
        return text[m.end():]
    return text


def _header_council(blocks: list[Block]) -> str | None:
    """"HỘI ĐỒNG NHÂN DÂN / TỈNH BẾN TRE" in the header -> "HĐND tỉnh"."""
    header = " ".join(" ".join(b.text.split()) for b in blocks if b.kind == BlockKind.HEADER)
    m = re.search(r"(?:HỘI ĐỒNG NHÂN DÂN|HĐND)\s+(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)\b", header)
    return f"HĐND {m.group(1).lower()}" if m else None


# the term after a committee's name ("Ban Chấp hành Đảng bộ huyện khóa XX tổ chức Hội nghị ..."): not its name
RE_TERM = re.compile(r"\s+kh[óo]a\s+[IVXLC]+$")

# the body that meets, as a report's lead names it: at a clause's start, after "của" ("đoàn công tác của
# Thường trực Tỉnh ủy ... do đồng chí ..."), or after a person's name ("đồng chí X - Chủ tịch UBND tỉnh Y đã đi
# kiểm tra ...")
RE_INTRO_ISSUER = re.compile(
    r"(?:^|,\s*|\bcủa\s+|\s[-–]\s)(?P<body>(?:Ban Thường vụ|Thường trực|Ban Chấp hành|Ủy ban nhân dân|UBND|"
    r"Chủ tịch|Phó Chủ tịch|Bí thư|Phó Bí thư|Đảng [ủu]y|(?:Huyện|Thành|Thị|Tỉnh|Quận) [ủu]y|Ủy ban Kiểm tra)"
    r"(?:[^,.;]|(?<=TP)\.){0,160}?)\s+"
    r"(?:(?:đã\s+)?(?:đi\s+)?(?:tổ chức\s+(?:cuộc\s+|buổi\s+|phiên\s+)?)?"
    r"(?P<verb>[Hh]ọp|làm việc|kết luận|chủ trì|[Hh]ội nghị|kiểm tra|dẫn đầu|làm trưởng đoàn)\b"
    r"|do\s+(?:đồng chí|đ/c)\s)")


def _unplaced(body: str) -> str:
    """The body without the place after its level: "Thường trực Tỉnh ủy Bạc Liêu" -> "Thường trực Tỉnh ủy"."""
    words = body.split()
    i = len(words)
    while i > 0 and words[i - 1][:1].isupper():
        i -= 1
    return " ".join(words[:i]) if 0 < i < len(words) else body


def issuer_place(issuer: str | None) -> tuple[str | None, bool]:
    """(the place an issuer names after its level, whether that level is a province's):
    "Thường trực Tỉnh ủy Bạc Liêu" -> ("Bạc Liêu", True); "UBND huyện" -> (None, False)."""
    if not issuer:
        return None, False
    head = _unplaced(issuer)
    place = issuer[len(head):].strip()
    level = head.split()[-1].lower() if head != issuer else ""
    if not place or level not in ("ủy", "uỷ", "tỉnh", "phố", "xã", "huyện", "quận", "tp", "tp."):
        return None, False
    # a centrally-run city's Thành ủy is a province's committee: "Thường trực Thành ủy Cần Thơ"
    city = head.lower().endswith(("thành ủy", "thành uỷ", "thành phố")) and short_province(place) in provinces()
    return place, level == "tỉnh" or head.lower().endswith(("tỉnh ủy", "tỉnh uỷ")) or city


# an issuer of a province's level that names no place: "UBND tỉnh", "Thường trực Tỉnh ủy", "Chủ tịch UBND tỉnh"
RE_PROVINCIAL_ISSUER = re.compile(r"(?:\btỉnh|Tỉnh [ủu]y)$")
_UY = "(?:ỦY|UỶ|UY)"  # the tone mark on either vowel: "THỊ ỦY" and "THỊ UỶ" are both in use
# a state body before the unit in a header line: "UBND HUYỆN HÀM THUẬN BẮC", "ỦY BAN NHÂN DÂN TỈNH ..."
_HEADER_STATE = rf"(?:(?:UBND|HĐND|{_UY} BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN)\s+)?"

# "xã Cát Minh, huyện Phù Cát, tỉnh Bình Định (cũ)": a chain of former units, none of them the locality
RE_FORMER_MARK = re.compile(r"\((?:cũ|trước đây)\)", re.IGNORECASE)
RE_UNIT_WORD = re.compile(r"\b(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh)\s", re.IGNORECASE)
RE_COMMUNE_HEADER = re.compile(r"^(?:(?:ĐẢNG [ỦU]Y|ĐẢNG BỘ|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HĐND)\s+)?"
                               r"(?P<kind>XÃ|PHƯỜNG|ĐẶC KHU)\s+(?P<name>[^\n]+)$", re.MULTILINE)
RE_COMMUNE_BODY = re.compile(rf"(?:Đảng [ủu]y|{LOCAL_BODIES}|Ban Thường vụ Đảng [ủu]y|Thường trực Đảng [ủu]y)\s+"
                             rf"(?:xã|phường|đặc khu)\s+(?P<name>{_WORDS})")

# "UBND huyện Bảo Lâm", "thị xã Duyên Hải", "tỉnh Lâm Đồng", "Đảng ủy xã ...": tried only where their first words
# stand (extract/anchored.py), not at every character of a text
RE_LOCAL_PLACE = re.compile(rf"(?:{LOCAL_BODIES} (?:{UNIT_WORDS} )?|{UNIT_WORDS} )(?P<name>{_WORDS})")
LOCAL_PLACE_STARTS = anchored.starts("Thành", "Thị", "Huyện", "Quận", "UBND", "Ủy", "HĐND",
                                     "thành", "thị", "huyện", "quận", "TP")
# a PDF's copy runs the header's two columns into one line: "UBND HUYỆN HƯƠNG SƠN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
RE_MOTTO_AFTER = re.compile(r"(?<=\S)\s+(?:CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM)\s*$",
                            re.MULTILINE)
RE_MASTHEAD = re.compile(r"Báo (?P<name>[^\W\d_][^\n]{1,30}?)(?: điện tử)?")
RE_PROVINCE_NAMED = re.compile(rf"\btỉnh\s+(?P<name>{_WORDS}(?: - {_WORDS})?)")  # "tỉnh Bà Rịa - Vũng Tàu"
PROVINCE_STARTS = anchored.starts("tỉnh")
COMMUNE_STARTS = anchored.starts("Đảng", "Ban", "Thường", "Thành", "Thị", "Huyện", "Quận", "UBND", "Ủy", "HĐND")


def _former(text: str) -> list[tuple[int, int]]:
    """Spans of the former units a text names: the address chain before each "(cũ)", within its clause."""
    spans = []
    for m in RE_FORMER_MARK.finditer(text):
        start = max(0, m.start() - 160)
        window = text[start : m.start()]
        clause = max(window.rfind(c) for c in ".;:(\n") + 1
        unit = RE_UNIT_WORD.search(window, clause)
        if unit:
            spans.append((start + unit.start(), m.end()))
    return spans


def _is_former(spans: list[tuple[int, int]], at: int) -> bool:
    return any(a <= at < b for a, b in spans)


def _commune_name(name: str, province: str | None) -> str:
    """The commune's name as the official list spells it ("IA PA" -> "Ia Pa"), else title case."""
    found = commune(name, province)
    return found.name if found else _title_case(name)


@cache
def _longest_first(names: frozenset[str]) -> tuple[str, ...]:
    """The names longest first, sorted once (not at each "tỉnh" of each text)."""
    return tuple(sorted(names, key=len, reverse=True))


# the party's central bodies: their documents belong to the whole country
RE_CENTRAL = re.compile(r"(?:Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương)(?: Đảng)?$")


def read_locality(blocks: list[Block], date: str | None = None, issuer: str | None = None,
                  people: tuple[str, ...] = ()) -> tuple[str | None, str | None]:
    """(locality, province) named in the text; a known town's name alone counts as a locality.

    From 1 July 2025 (``date`` on or after it) there are no districts: the commune or ward that
    issues is the locality, a district named is a former unit, and the province is a current one.
    The place the issuer names ("Thường trực Tỉnh ủy Bạc Liêu", a report's lead) is the issuing unit's;
    the people the text names ("Phó Chủ tịch UBND huyện Lê Quang Vinh") are never a place.
    """
    # (places as the data files spell them: "THANH HOÁ", "Khánh Hoà" are "Thanh Hóa", "Khánh Hòa")
    header = RE_MOTTO_AFTER.sub("", newer_tones("\n".join(_lines(blocks, BlockKind.HEADER))))
    if issuer and RE_CENTRAL.match(issuer):
        return None, None  # the Politburo's conclusion belongs to no locality ("Hà Nội, ngày ...": where it is signed)
    body = newer_tones("\n".join(plain(b.spans) for b in blocks
                                  if b.kind not in (BlockKind.HEADER, BlockKind.RECIPIENTS)))
    reorganised = bool(date) and date >= REORGANISED
    former = _former(body)
    strong: dict[str, int] = {}

    def count(name: str, weight: int = 1) -> None:
        name = name.strip()
        if name:
            strong[name] = strong.get(name, 0) + weight

    for m in anchored.finditer(RE_LOCAL_PLACE, body, LOCAL_PLACE_STARTS):
        if _is_former(former, m.start()) or (reorganised and re.match(r"(?:huyện|quận|thị xã|thị trấn)\b",
                                                                       m.group(0), re.IGNORECASE)):
            continue  # a former unit, or a district after districts were abolished
        if is_upper(m.group(0)):
            continue  # a title in capitals: "... CHỦ TỊCH UBND HUYỆN TẠI CUỘC HỌP ..." (the header's are read below)
        name = capitalised(m.group("name"), 4)
        if not name.startswith(("Việt Nam", "Hồ Chí Minh")) or "thành phố Hồ" in m.group(0):
            count(name)
    # the issuing unit in the header names the locality; a lower unit beats the province above it
    lower = [_title_case(m.group("name")) for m in re.finditer(
        rf"^{_HEADER_STATE}(?:(?:THÀNH|THỊ|HUYỆN|QUẬN) {_UY}|THÀNH PHỐ|THỊ XÃ|HUYỆN|QUẬN)\s+(?P<name>[^\n]+)$",
        header, re.MULTILINE) if is_upper(m.group("name"))]
    upper_lines = [(m.group("party"), short_province(_title_case(m.group("name")))) for m in re.finditer(
        rf"^(?P<party>ĐẢNG BỘ\s+)?{_HEADER_STATE}(?:TỈNH|THÀNH PHỐ)(?:\s+{_UY})?\s+(?P<name>[^\n]+)$", header,
        re.MULTILINE) if is_upper(m.group("name"))]
    known = provinces()
    upper = [u for _, u in upper_lines if u in known]
    own_upper = [u for party, u in upper_lines if u in known and not party]  # "TỈNH ỦY X", not "ĐẢNG BỘ TỈNH X"
    lower = [n for n in lower if n not in upper]
    header_kinds = {m.group("name"): m.group("kind") for m in RE_COMMUNE_HEADER.finditer(header)
                    if is_upper(m.group("name"))}
    header_communes = list(header_kinds)
    place, provincial = issuer_place(issuer)
    provincial = provincial and short_province(place) in known
    # "UBND tỉnh", "Thường trực Tỉnh ủy" with no place (a news report's "Chủ tịch UBND tỉnh làm việc tại xã X"): the
    # province's own text, wherever its officials went
    unplaced_provincial = bool(issuer and not place and RE_PROVINCIAL_ISSUER.search(issuer)) and not lower \
        and not header_communes
    # a province's own text names communes as places it speaks of, not as its own unit (its header says
    # "TỈNH ỦY X", or a report's lead names the province's committee: "Thường trực Thành ủy Cần Thơ")
    body_communes = reorganised and not ((own_upper or (provincial and not header) or unplaced_provincial)
                                         and not lower)
    communes_named = header_communes or ([capitalised(m.group("name"), 4)
                                          for m in anchored.finditer(RE_COMMUNE_BODY, body, COMMUNE_STARTS)
                                          if not _is_former(former, m.start())] if body_communes else [])
    communes_named = [c for c in communes_named if c]
    if place and not lower and not header_communes:
        if provincial:
            upper.append(short_province(place))
        else:
            count(place, 50)
    for name in lower:
        # the issuing unit decides over places the text merely mentions ("THÀNH PHỐ HỒ CHÍ MINH": the archive's name
        # for the city, "TP. Hồ Chí Minh")
        count(short_province(name) if short_province(name) in cities() else name, 50)
    for m in RE_PLACE_DATE.finditer(header):
        place = m.group("place").strip()
        if capitalised(place) == place or (header_communes and " - " in place):
            count(place, 2)
    named: dict[str, int] = {}
    for m in anchored.finditer(RE_PROVINCE_NAMED, body + "\n" + header, PROVINCE_STARTS):
        if _is_former(former, m.start()):
            continue
        name = next((p for p in _longest_first(known) if m.group("name").startswith(p)), None)
        if name:
            named[name] = named.get(name, 0) + 1
    for line in (ln for b in blocks[:3] if b.kind == BlockKind.PARAGRAPH for ln in _block_lines(b)):
        # "Báo Yên Bái điện tử" over its article: a province's paper, of that province
        if (m := RE_MASTHEAD.fullmatch(line)) and (name := short_province(m.group("name"))) in known:
            named[name] = named.get(name, 0) + 2
    city = [short_province(n) for n in lower if short_province(n) in cities() and short_province(n) in known]
    for name in upper + city:
        # (and "THÀNH ỦY CẦN THƠ": a centrally-run city's committee, of a province's rank, over the provinces it
        # merged with that its text names, "sau hợp nhất với tỉnh Sóc Trăng và tỉnh Hậu Giang")
        named[name] = named.get(name, 0) + 3
        if not lower and not communes_named:  # a provincial document: its locality is the province
            count(name, 50)
    if reorganised and set(named) & current_provinces():
        named = {k: v for k, v in named.items() if k in current_provinces()}  # the merged province, not a former
    province = max(named, key=lambda k: named[k]) if named else None
    for name in communes_named:
        count(_commune_name(name, province), 60 if header_communes else 3)
    header_province = [n for n in upper if n in known and not lower and not communes_named] + city
    if unplaced_provincial and province and not upper:
        count(province, 50)
        header_province.append(province)
    strong = {k: v for k, v in strong.items() if (k not in named or k in header_province)
              and not any(k in person or person in k for person in people)}
    locality = max(strong, key=lambda k: (strong[k], -body.find(k))) if strong else None
    if locality is None:
        found = [t for t in towns() if re.search(rf"(?<!\w){re.escape(t)}(?!\w)", body) and t not in named]
        locality = min(found, key=body.find) if found else None
    if province is None and unplaced_provincial and locality and short_province(locality) in known:
        province = locality  # "Báo Cao Bằng", "Chủ tịch UBND tỉnh": a province's officials, named by the province
    if province is None and locality in cities() and locality in lower:
        province = locality  # "THÀNH ỦY CẦN THƠ": a centrally-run city's committee, of a province's rank
    if province is None and locality and communes_named:
        # a commune's province, from the official list, when its name (of the kind the header gives) is unique
        kind = next((k for n, k in header_kinds.items() if _commune_name(n, None) == locality), None)
        found = commune(locality, kind=kind)
        province = found.province if found else None
    return locality, province


def _not_citation_date(text: str, start: int) -> bool:
    """A date right after a document symbol ("số 18-CT/TU, ngày 22/02/2022") is the cited document's."""
    before = text[max(0, start - 40) : start]
    return not re.search(r"\d+[-/][^\s]*[^\W\d_][^\s]*,?\s*(?:ngày\s*)?$", before)


RE_SESSION_DAY = re.compile(r"\btại (?:kỳ họp|phiên họp|hội nghị|cuộc họp) ngày "
                            r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}", re.IGNORECASE)


RE_MINUTES_TIME = re.compile(r"(?:Thời gian|Hôm nay)\b", re.IGNORECASE)
RE_SPAN_FROM = re.compile(r"\btừ\s+(?:ngày\s+)?$", re.IGNORECASE)
RE_MEETS = re.compile(r"^[^.;]{0,120}?\b(?:họp|phiên họp|hội nghị)\b", re.IGNORECASE)
RE_YEAR_WRAPPED = re.compile(r"(?:năm|/)\s*$")  # a date line that ends before its year
RE_MEETING_NAMED = re.compile(r"\b(?:cuộc họp|hội nghị|phiên họp|buổi làm việc|kỳ họp)\b[^.;:]{0,60}?"
                              r"(?=\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})", re.IGNORECASE)


# a sentence that tells of another document's issuing, and so dates that document and its meeting: "Ngày 16/9/2025,
# UBND tỉnh ban hành Thông báo kết luận số 214/TB-UBND về Kết luận ... tại cuộc họp ngày 11/9/2025 ..." (a notice that
# amends it, or follows it up)
RE_ISSUED_OTHER = re.compile(r"(?:^|(?<=[.;]))[^.;]*\bban hành\s+(?:[^\s.;]+\s+){0,5}?(?:số\s+)?\d+[-/][^.;]*",
                             re.IGNORECASE)  # (from a sentence's start only: linear)


def _own_sentences(text: str) -> str:
    """The paragraph with the sentences that tell of another document's issuing blanked (the same length)."""
    return RE_ISSUED_OTHER.sub(lambda m: " " * len(m.group(0)), text) if "ban hành" in text.lower() else text


def read_dates(blocks: list[Block], find_dates) -> tuple[str | None, str | None]:
    """(meeting date, issue date): the intro's first date, and the header's "<Nơi>, ngày ..."."""
    meeting = None
    intro = _intro_paragraphs(blocks)
    spanned = False  # the date found opens a span of days ("từ ngày 01/10/2024 đến ngày 18/10/2024")
    for p in intro:
        text = _own_sentences(p.text)
        found = find_dates(text)
        if not found and RE_DAY_MONTH.search(text):
            break  # a report's lead dates its event by day and month ("(BCB) - Ngày 16/10, ..."): read below
        for d in found:
            if _not_citation_date(text, d.start):
                opens_span = bool(RE_SPAN_FROM.search(text[max(0, d.start - 12):d.start]))
                if meeting is None:
                    meeting, spanned = d.iso, opens_span
                # an inspection's days, then the session that concludes: "Ngày 19/11/2024, Thường trực HĐND huyện
                # tổ chức phiên họp nghe Đoàn giám sát báo cáo ..."
                elif not opens_span and RE_MEETS.search(text[d.end:d.end + 160]):
                    meeting, spanned = d.iso, False
                break
        if meeting and not spanned:
            break
    # the session that concludes, dated: "..., tại kỳ họp ngày 20/8/2024, Ủy ban Kiểm tra Huyện ủy kết luận như sau:"
    # (an inspection's days, "từ ngày 17/6/2024 đến ngày 26/7/2024", stand before it)
    sessions = [d.iso for p in intro for m in RE_SESSION_DAY.finditer(_own_sentences(p.text))
                for d in find_dates(m.group(0))[:1]]
    meeting = sessions[0] if sessions else meeting
    if meeting is None:
        title = " ".join(_lines(blocks, BlockKind.TITLE))
        # (not a cited document's: "Về việc điều chỉnh ... Thông báo kết luận số 214/TB-UBND ngày 16/9/2025")
        dates = [d for d in find_dates(title) if _not_citation_date(title, d.start)]
        meeting = dates[0].iso if dates else None
    if meeting is None:  # a covering note above the title: "... kết luận ... tại cuộc họp giao ban sáng thứ Hai
        # 17/11/2025, ..." (an e-mail's or a chat's forward of the notice)
        for block in blocks:  # the header's blocks, their lines joined (a PDF wraps the note's sentence)
            line = " ".join(block.text.split()) if block.kind == BlockKind.HEADER else ""
            if (m := RE_MEETING_NAMED.search(line)) and (dates := find_dates(line[m.end():])):
                meeting = dates[0].iso
                break
    issued = None
    lines = _lines(blocks, BlockKind.HEADER, BlockKind.TITLE)
    # "<Nơi>, ngày ..." first: a web copy's "Ngày đăng: 23/08/2024" above the header is the post's day
    # (a narrow column wraps the line before its year: "Quảng Nam, ngày 19 tháng 11 năm" / "2024")
    following = dict(itertools.zip_longest(lines, lines[1:], fillvalue=""))
    for line in [*filter(RE_PLACE_DATE.match, lines), *(ln for ln in lines if ln.lower().startswith("ngày "))]:
        if dates := find_dates(line) or (find_dates(f"{line} {following[line]}") if RE_YEAR_WRAPPED.search(line)
                                         else []):
            issued = dates[0].iso
            break
    if meeting is None:
        meeting = _day_of_report(blocks, find_dates, issued)
    if meeting is None:  # the minutes' "- Thời gian: Bắt đầu lúc 07 giờ 30 phút, ngày 26 tháng 11 năm 2025."
        meeting = next((d[0].iso for b in blocks[:20] if b.kind in (BlockKind.BULLET, BlockKind.PARAGRAPH)
                        and RE_MINUTES_TIME.match(b.text) and (d := find_dates(b.text))), None)
    return meeting, issued


# a report's lead dates its event by day and month: "Sáng 17/7, ...", "Chiều ngày 8/8, ..."
# (after the paper's initials that open a lead: "YBĐT - Chiều 11/10, ...")
RE_DAY_MONTH = re.compile(r"(?:^(?:[A-ZĐ]{2,8}\s*[-–]\s*)?|[.;]\s+|\)\s*[-–]?\s*)"
                          r"(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Nn]gày)\s+(?:ngày\s+)?"
                          r"(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![/\d])")


def _day_of_report(blocks: list[Block], find_dates, issued: str | None) -> str | None:
    """The lead's "Sáng 17/7" in the year of the post ("Thứ Năm, 18/07/2024 - 16:20"), not after it."""
    posted = next((d.iso for b in blocks if b.kind == BlockKind.PARAGRAPH and RE_PORTAL_LINE.search(b.text)
                   for d in find_dates(b.text)), None) or issued
    if not posted:
        return None
    for p in _intro_paragraphs(blocks):
        m = RE_DAY_MONTH.search(p.text)
        if m:
            year = int(posted[:4])
            iso = iso_date(int(m.group("d")), int(m.group("m")), year)
            if iso and iso > posted:
                iso = iso_date(int(m.group("d")), int(m.group("m")), year - 1)
            return iso
    return None


def _titled_after_comma(entry: str) -> bool:
    """"Nông Văn Thắng, Phó Trưởng Ban Dân vận Tỉnh ủy": a name, then a title (not another name) after its comma."""
    if "," not in entry or " - " in entry:
        return False
    after = entry.split(",", 1)[1].split()
    return bool(after) and after[0][:1].isupper() and after[0] not in knowledge.genre()["surnames"]


# who presides over a council's session: "Chủ tọa kỳ họp", "chủ tọa phiên họp"
RE_PRESIDING = re.compile(r"\b[Cc]hủ tọa\b")


def read_people(blocks: list[Block]) -> tuple[str | None, list[str]]:
    """(chair, attendees) named in the intro: "đồng chí Nguyễn Duy Ân - Phó Bí thư ... chủ trì"."""
    surnames = set(knowledge.genre()["surnames"])
    chair = None
    chair_title = None
    people: list[tuple[str, str, str]] = []  # name, title, sentence
    for p in _intro_paragraphs(blocks):
        for sentence in re.split(r"(?<=[.;])\s+", p.text):
            # the expressions that need "chủ trì" are asked only of a sentence that has it: most have not
            m = re.search(r"đồng chí\s+(?P<title>[^,;.]*?)\s+chủ trì", sentence) if "chủ trì" in sentence else None
            if m and m.group("title").split() and m.group("title").split()[0] not in surnames:
                chair_title = m.group("title")
            for m in RE_PERSON_TITLED.finditer(sentence):
                name = capitalised(m.group("name"))
                # a name with no Kinh family name ("đồng chí A Blúp - Phó Chủ tịch HĐND huyện") when a title follows
                titled = bool(m.group("title")) and m.group(0).lower().startswith(("đồng chí", "đ/c")) \
                    and name == " ".join(m.group("name").split()) and len(name.split()) <= 4
                if len(name.split()) >= 2 and (name.split()[0] in surnames or titled):
                    people.append((name, (m.group("title") or "").strip(), sentence))
        # "Cùng đi có các đồng chí: Đỗ Văn Phúc - Phó Chủ tịch UBND tỉnh; Mai Thị Thu Hằng - ...": a list of names
        if m := RE_NAMED_LIST.search(p.text):
            # each entry "A - <title>", or a title's names after the colon, "Phó Chủ tịch UBND xã: A, B"
            entries = re.split(r";\s*", p.text[m.end():].split(".")[0])
            if len(entries) == 1 and len(re.findall(r"\s[-–]\s", entries[0])) > 1:
                # "A - Giám đốc Sở X, B - Giám đốc Sở Y": a comma before each name that a title follows
                entries = re.split(r",\s*(?=(?:[^\W\d_]+\s+){1,4}[-–]\s)", entries[0])
            # "A, <title>; B, <title>": each entry a name, then its title after a comma
            comma_titled = len(entries) > 1 and all(_titled_after_comma(e) for e in entries[:2])
            if " - " not in entries[0] and not comma_titled:
                entries = [e.strip() for e in entries[0].split(",")]
            for entry in entries:
                name = capitalised(re.split(r"\s[-–]\s|,", entry, maxsplit=1)[0].strip())
                head = entry.split(",")[0] if comma_titled else entry.split(" - ")[0]
                if len(name.split()) >= 2 and name.split()[0] in surnames and name == head.strip():
                    people.append((name, entry[len(name):].strip(" -–,"), p.text))
    # a report's speakers at the session: "Báo cáo tại buổi làm việc, đồng chí Hoàng Văn Lịch, Bí thư Đảng ủy xã cho
    # biết: ...", "Phát biểu tại buổi làm việc, đồng chí Đinh Thị Thu, Giám đốc Sở ... cho biết ..."
    for b in blocks:
        if b.kind == BlockKind.PARAGRAPH and (m := RE_SPEAKER.match(b.text) or RE_REPORTED_BY.match(b.text)):
            name = capitalised(m.group("name"))
            if len(name.split()) >= 2 and name.split()[0] in surnames:
                people.append((name, m.group("title").strip(), ""))
    for name, title, sentence in people:
        presides = "hủ trì" in sentence
        if ((presides and re.search(rf"{re.escape(name)}[^;.]*chủ trì", sentence))
                or RE_PRESIDING.search(title)  # "Chủ tịch HĐND tỉnh, Chủ tọa kỳ họp điều hành phiên chất vấn"
                or (chair_title and chair_title in title)
                or (presides and re.search(rf"[Cc]hủ trì[^;.]*?(?::|\bcó|\blà)\s*(?:đồng chí|đ/c)\s+{re.escape(name)}",
                                           sentence))
                or (presides and re.search(rf"(?:dưới sự|do)\s+(?:sự\s+)?chủ trì của\s+(?:đồng chí|đ/c)\s+"
                                           rf"{re.escape(name)}", sentence))):
            chair = name
            break
    if chair is None:
        chair = _chair_without_title_word(blocks, surnames)
    if chair is None:  # the minutes' "- Chủ trì hội nghị: Đồng chí Bùi Văn Thắng - Bí thư Đảng ủy xã."
        chair = next((name for b in blocks[:40] if b.kind in (BlockKind.BULLET, BlockKind.PARAGRAPH)
                      and (m := RE_CHAIR_LINE.match(b.text)) and (name := capitalised(m.group("name")))
                      and name.split()[0] in surnames), None)
    if chair is None:
        chair = _leader_of_visit(blocks, surnames)
    attendees = [n for n in [*(n for n, _, _ in people), *_present_at_minutes(blocks, surnames)] if n != chair]
    return chair, list(dict.fromkeys(attendees))


# the minutes' "II. THÀNH PHẦN" (or "THÀNH PHẦN THAM DỰ") over who is present, one a line
RE_PRESENT_HEADING = re.compile(r"THÀNH PHẦN\b|Thành phần\b")
# a line that opens with a person ("Ông Trần Đình Lực - Trưởng phòng ...", "Thư ký hội nghị: Đồng chí Quách Thị Hương
# - Chuyên viên ...", "Đồng chí Bạch Văn Quý - Ủy viên Ban Thường vụ, ...: Nhất trí ...")
RE_PERSON_LINE = re.compile(r"(?:[^\W\d][^:;.]{0,40}:\s*)?(?:[Đđ]ồng chí|[Ôô]ng|[Bb]à|đ/c)\s+"
                            r"(?P<name>[^\s,;.:-]+(?:\s+[^\s,;.:-]+){1,4})\s*[-–,]\s")


def _present_at_minutes(blocks: list[Block], surnames: set[str]) -> list[str]:
    """The minutes' people present: each line under their "THÀNH PHẦN" heading that names a person, then those who
    report or speak (a line, an item or a paragraph that opens with one), up to the conclusion's heading; not who is
    named absent ("vắng 02 đồng chí: ..." names them inside a line, not at its head). Nothing without that heading."""
    at = next((i for i, b in enumerate(blocks[:60]) if b.kind == BlockKind.HEADING
               and RE_PRESENT_HEADING.match(b.text.strip(" *"))), None)
    if at is None:
        return []
    out = []
    for b in blocks[at + 1:]:
        if b.kind == BlockKind.HEADING and "kết luận" in b.text.lower():
            break
        if b.kind in (BlockKind.BULLET, BlockKind.ITEM, BlockKind.PARAGRAPH) and (m := RE_PERSON_LINE.match(b.text)):
            name = capitalised(m.group("name"))
            if name.split()[0] in surnames:
                out.append(name)
    return out


_PERSON = r"(?:đồng chí|đ/c|Đồng chí|ông|bà|Ông|Bà)\s+([^\s,;.]+(?:\s+[^\s,;.-]+){0,4})"
RE_CHAIR_LINE = re.compile(r"Chủ trì(?: hội nghị| cuộc họp| buổi làm việc)?\s*:\s*(?:[Đđ]ồng chí|[Ôô]ng|[Bb]à|đ/c)\s+"
                           r"(?P<name>[^\s,;.-]+(?:\s+[^\s,;.-]+){1,4})")
# "Theo báo cáo của ông Nguyễn Hữu Tâm, Giám đốc Ban Quản lý dự án ..., đến nay ...": who reported at the session
RE_REPORTED_BY = re.compile(r"Theo (?:báo cáo|ý kiến) của (?:đồng chí|ông|bà)\s+"
                            r"(?P<name>[^\s,;.-]+(?:\s+[^\s,;.-]+){1,4})\s*[,–-]\s*(?P<title>[^,.;:]{3,160}),")
RE_SPEAKER = re.compile(r"(?:Báo cáo|Phát biểu|Trình bày)(?: ý kiến)? tại "
                        r"(?:buổi làm việc|hội nghị|cuộc họp|buổi kiểm tra)[^,.;]{0,40},\s*(?:đồng chí|ông|bà)\s+"
                        r"(?P<name>[^\s,;.-]+(?:\s+[^\s,;.-]+){1,4})\s*[,–-]\s*"
                        r"(?P<title>[^.;:]{3,120}?)\s+(?:cho biết|báo cáo|nêu|đề xuất|kiến nghị|khẳng định)")
# a person the intro names ("đồng chí X - <title>", a report's "ông X, <title>") with the title after the name
# (an officer named by a rank alone: "...; Đại tá Trần Quốc Khánh - Phó Giám đốc Công an tỉnh")
RE_PERSON_TITLED = re.compile(
    r"(?<!\w)(?:(?:đồng chí|đ/c|Đồng chí|ông|bà|Ông|Bà)\s+(?:(?:Đại|Thượng|Trung|Thiếu) (?:tướng|tá|úy|uý)\s+)?"  # rank
    r"|(?:[Đđ]ại|[Tt]hượng|[Tt]rung|[Tt]hiếu) (?:tướng|tá|úy|uý)\s+)"
    r"(?P<name>[^\s,;.]+(?:\s+[^\s,;.-]+){0,4})"
    r"\s*(?:[-–,]\s*(?P<title>(?:(?!đồng chí|đ/c)[^;.]|(?<=TP)\.)*?))?"
    r"(?=\s+(?:chủ trì|kết luận|phát biểu|dẫn đầu)|,?\s*(?:,|và)\s*(?:các\s+)?(?:đồng chí|đ/c|ông|bà)\s|[;.]|$)")
# the words before a list of people named without "đồng chí" each: "Cùng đi có các đồng chí: A - ...; B - ..."
RE_NAMED_LIST = re.compile(r"(?:(?:có|gồm)\s+|;\s*)các\s+đồng chí(?:\s[^:;.]{1,60})?\s*:\s*")
# who leads a working visit or an inspection, as a report's lead says it: "đoàn công tác ... do đồng chí X - Bí thư
# Tỉnh ủy làm trưởng đoàn", "đồng chí X - Chủ tịch UBND tỉnh đã đi kiểm tra ...", "đồng chí X ... cùng các đồng chí
# trong Thường trực Tỉnh ủy đã làm việc với ..."
RE_VISIT_LEADER = re.compile(
    rf"\bdo\s+{_PERSON}[^;.]{{0,160}}?\blàm trưởng đoàn"
    rf"|{_PERSON}(?:\s*[-–,](?:[^;.]|(?<=TP)\.){{0,160}}?)?\s+(?:cùng\s[^;.]{{0,120}}?\s)?(?:đã\s+)?(?:đi\s+)?"
    rf"(?:có buổi\s+)?(?:làm việc|kiểm tra|khảo sát|dẫn đầu)\b")


def _leader_of_visit(blocks: list[Block], surnames: set[str]) -> str | None:
    """The person who leads the visit a report's lead describes, when no one is said to chair it."""
    for p in _intro_paragraphs(blocks):
        for m in RE_VISIT_LEADER.finditer(p.text):
            name = capitalised(next(g for g in m.groups() if g))
            if len(name.split()) >= 2 and name.split()[0] in surnames:
                return name
    return None


def _chair_without_title_word(blocks: list[Block], surnames: set[str]) -> str | None:
    """"Phó Chủ tịch UBND thành phố Đoàn Văn Phúc chủ trì ...": a name after a title, no "đồng chí"."""
    for p in _intro_paragraphs(blocks):
        for m in re.finditer(r"(?P<name>(?:[^\W\d_]\w*\s+){1,4}[^\W\d_]\w*)\s+(?:đã\s+)?chủ trì\b", p.text):
            words = m.group("name").split()
            start = next((i for i, w in enumerate(words) if w in surnames), None)
            if start is not None and len(words) - start >= 2 and all(w[:1].isupper() for w in words[start:]):
                return " ".join(words[start:])
    return None


def _office_case(text: str) -> str:
    cased = citation_case(text)
    return cased[:1].upper() + cased[1:]


# the first words of an office's line under a signature; a line that opens otherwise goes on with the one above
OFFICE_STARTS = frozenset({"phó", "trưởng", "giám", "chủ", "bí", "chánh", "ủy", "uỷ", "thủ", "tổng", "kế", "chỉ",
                           "thường", "q.", "k/t", "kt.", "kt", "tl.", "tl", "tm.", "tm", "t/m", "t/l", "tuq.", "ubnd",
                           "hội", "ban", "sở", "đảng", "văn", "cục", "ubmttq", "mttq"})


RE_SECRETARY = re.compile(r"THƯ KÝ\b")
RE_CHAIR_CAPACITY = re.compile(r"CHỦ TRÌ\b")  # the minutes' "CHỦ TRÌ CUỘC HỌP" over the chair's office


def read_signer(blocks: list[Block]) -> Signer | None:
    """Name, title and capacity from the signature block ("T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ / Name")."""
    signatures = [b for b in blocks if b.kind == BlockKind.SIGNATURE]
    # the minutes' two signatures: the secretary's ("THƯ KÝ") beside the chair's, who validates them
    signatures = [b for b in signatures if not RE_SECRETARY.match(b.text.lstrip(" *"))] or signatures
    lines = [ln.strip(" *") for ln in _lines(signatures, BlockKind.SIGNATURE)]
    if not lines:
        return None
    capacity, offices, names = [], [], []  # the offices as their lines give them (a wrapped one joined)
    under_capacity = 0  # where the offices under the last capacity line begin ("KT. TRƯỞNG BAN" / "PHÓ TRƯỞNG ...")
    for line in lines:
        if RE_SIGNED.match(line) or not any(c.isalnum() for c in line):
            continue  # "(Đã ký)": a copy's note that the original was signed; "'": a scan's speck
        m = RE_CAPACITY.match(line)
        if m:
            capacity.append(f"{m.group('prefix')} {_office_case(m.group('rest'))}".strip())
            under_capacity = len(offices)
        elif is_upper(line) and offices and line.split()[0].casefold() not in OFFICE_STARTS:
            offices[-1] = f"{offices[-1]} {line}"  # "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG" / "NGHỆ": a wrapped office goes on
        elif is_upper(line):
            offices.append(line)
        else:
            names.append(_rank_re().sub("", line, count=1))  # "Đại tá Phạm Văn Nghĩa": the name, not the rank
    # "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN THƯỜNG TRỰC / GIÁM ĐỐC SỞ TÀI CHÍNH": the office it signs in is the one
    # under the capacity, the next the signer's other post
    # the minutes' "CHỦ TRÌ CUỘC HỌP" (who validates them) is the capacity the office under it signs in, and alone
    # the only title given; either way in running text's case, not a body's ("Chủ trì hội nghị")
    if not capacity and offices and RE_CHAIR_CAPACITY.match(offices[0]):
        chair = offices[0][:1] + offices[0][1:].lower()
        if len(offices) > 1:
            capacity, offices = [chair], offices[1:]
        else:
            return Signer(name=" ".join(names) or None, title=chair, capacity=None)
    office = offices[under_capacity] if capacity and under_capacity < len(offices) else offices[-1] if offices \
        else None
    return Signer(
        name=" ".join(names) or None,
        title=_office_case(office) if office else None,
        capacity=" / ".join(capacity) or None,
    )


def read_recipients(blocks: list[Block]) -> list[str]:
    """The "Nơi nhận" list, one entry per line, trailing punctuation removed."""
    out: list[str] = []
    for b in blocks:
        if b.kind != BlockKind.RECIPIENTS:
            continue
        label_rest = re.sub(r"^[\s*_]*nơi\s+nhận[\s*_]*:?", "", b.text, flags=re.IGNORECASE).strip()
        entries = [e for e in re.split(r"\s+[-+]\s+|;\s*", label_rest) if e.strip(" -")] if label_rest else []
        entries += [c.text for c in b.children]
        out += [e.strip(" -+").rstrip(" ,;.").strip() for e in entries if e.strip(" -+,;.")]
    return out


RE_SHORTCOMING_CUE = re.compile(r"tồn tại|hạn chế|khó khăn, vướng mắc", re.IGNORECASE)
_SHORTCOMING_STARTS = anchored.starts("tồn tại", "hạn chế", "khó khăn, vướng mắc")


def read_shortcomings(blocks: list[Block]) -> list[str]:
    """What fell short: the list after "... tồn tại, hạn chế ...:" or the words after its colon."""
    for i, b in enumerate(blocks):
        if b.kind != BlockKind.PARAGRAPH or not next(anchored.finditer(RE_SHORTCOMING_CUE, b.text, _SHORTCOMING_STARTS),
                                                     None):
            continue
        text = b.text
        if text.rstrip().endswith(":"):
            items = []
            for nxt in blocks[i + 1 :]:
                if nxt.kind not in (BlockKind.BULLET, BlockKind.ITEM):
                    break
                items.append(nxt.text)
            if items:
                return items
            continue
        cue = RE_SHORTCOMING_CUE.search(text)
        colon = text.find(":", cue.start())
        if colon != -1 and colon < cue.end() + 40:
            rest = text[colon + 1 :].strip()
            if rest:
                return [rest]
    return []


# a title's month reviewed: "kết quả ... tháng 7/2025", "tình hình ... tháng 10 năm 2024" (not a deadline's "trong
# tháng ...", nor a plan's "nhiệm vụ tháng ...")
# (a month's results, "báo cáo kết quả thực hiện nhiệm vụ tháng 3/2025", or two, "kết quả công tác ... tháng 01 và
# tháng 02/2025"; not a plan's "nhiệm vụ tháng 4/2025")
RE_MONTH_REVIEWED = re.compile(r"\b(?:kết quả|tình hình)\b(?:(?!\b(?:trong|trước|đến|kế hoạch|phương hướng|dự kiến)\b)"
                               r"(?!(?<!thực hiện )\bnhiệm vụ\b)[^,;:]){0,100}?"
                               r"\b(?P<months>tháng\s+(?P<m1>\d{1,2})\s+và\s+)?tháng\s+(?P<m>\d{1,2})\s*(?:/|\s+năm\s+)"
                               r"(?P<y>\d{4})\b", re.IGNORECASE)


# the first assessment opens with the month it reviews: "Tháng 11/2025, các bộ phận ...", "Trong tháng 10/2025 ..."
RE_MONTH_OPENS = re.compile(r"\s*(?:Trong\s+|Qua\s+)?[Tt]háng\s+(?P<m>\d{1,2})\s*(?:/|\s+năm\s+)(?P<y>\d{4})\b"
                            r"(?!\s*[-–/])")


# the month reviewed whose year comes after the next month's ("kết quả thực hiện nhiệm vụ tháng 11 và triển khai
# nhiệm vụ tháng 12 năm 2025"): the next month's year, one less when the month reviewed is December's
RE_MONTH_THEN_NEXT = re.compile(r"\b(?:kết quả|tình hình)\b[^,;:]{0,60}?\btháng\s+(?P<m>\d{1,2})\s+(?:và|,)\s+"
                                r"(?:triển khai\s+|phương hướng,?\s+)?(?:nhiệm vụ|phương hướng|kế hoạch)[^,;:]{0,40}?"
                                r"\btháng\s+(?P<n>\d{1,2})\s*(?:/|\s+năm\s+)(?P<y>\d{4})\b", re.IGNORECASE)


# the same of a span of months: "kết quả thực hiện nhiệm vụ 9 tháng và nhiệm vụ trọng tâm 3 tháng cuối năm 2024"
RE_SPAN_THEN_REST = re.compile(r"\b(?:kết quả|tình hình)\b[^,;:]{0,60}?\b(?P<span>\d{1,2} tháng(?: đầu)?)\s+(?:và|,)\s+"
                               r"(?:triển khai\s+)?(?:nhiệm vụ|phương hướng|kế hoạch)[^,;:]{0,40}?"
                               r"\b\d{1,2} tháng cuối năm (?P<y>\d{4})\b", re.IGNORECASE)


# the span a review ("sơ kết", "tổng kết") covers, in brackets after what it reviews
RE_SPAN_REVIEWED = re.compile(r"\b(?:sơ kết|tổng kết)\b[^.;]{0,160}?\(\s*giai đoạn (\d{4})\s*[-–]\s*(\d{4})\s*\)",
                              re.IGNORECASE)


# a month's briefing named in the title reviews that month (not the month of the tasks it plans: "giao ban ... triển
# khai nhiệm vụ tháng 12/2025")
RE_BRIEFING_MONTH = re.compile(r"\bgiao ban\b(?:(?!\b(?:nhiệm vụ|kế hoạch|phương hướng|tuần)\b)[^.;:]){0,160}?"
                               r"\b(?P<months>)tháng\s+(?P<m>\d{1,2})\s*(?:/|\s+năm\s+)(?P<y>\d{4})\b", re.IGNORECASE)


# the same, written as the years of a resolution's implementation reviewed and its span
RE_YEARS_REVIEWED = re.compile(r"\bkết quả\s+(?:\d{1,2}|[^\W\d_]+)\s+năm\s+thực hiện\b[^.;]{0,200}?\bgiai đoạn\s+"
                               r"(\d{4})\s*[-–]\s*(\d{4})\b", re.IGNORECASE)


# where a title goes from what was done to what is to be done: ", nhiệm vụ trọng tâm ...", ", phương hướng ..."
RE_PLAN_AFTER = re.compile(r",\s*(?:và\s+)?(?:nhiệm vụ|phương hướng|kế hoạch|triển khai)\b", re.IGNORECASE)


def _reviewed_before_next(text: str) -> str | None:
    """The months reviewed where the text names them before the months planned and writes the year once, after
    those ("tháng 11 và ... tháng 12 năm 2025", "9 tháng và ... 3 tháng cuối năm 2024")."""
    if m := RE_SPAN_THEN_REST.search(text):
        return f"{m.group('span')} năm {m.group('y')}"
    if not (m := RE_MONTH_THEN_NEXT.search(text)) or not 1 <= int(m.group("m")) <= 12:
        return None
    year = int(m.group("y")) - (int(m.group("m")) > int(m.group("n")))
    return f"tháng {int(m.group('m'))}/{year}"


def _month_reviewed(m: re.Match[str]) -> str:
    month = f"tháng {int(m.group('m'))}/{m.group('y')}"
    return f"tháng {m.group('m1')} và tháng {m.group('m')}/{m.group('y')}" if m.group("months") else month


def read_period(blocks: list[Block], title: str, find_period, meeting: str | None = None) -> str | None:
    """The period reviewed: in the title, the intro, the title's year, a year the intro reviews ("tình hình
    thực hiện nhiệm vụ năm 2023"), or the words that open the first assessment ("Tám tháng đầu năm 2025, ...")."""
    # (the part of the title that reviews, not the plan after it: "về kết quả thực hiện nhiệm vụ 10 tháng, nhiệm vụ
    # trọng tâm những tháng cuối năm 2025 và quý I năm 2026")
    period = find_period(RE_PLAN_AFTER.split(title, maxsplit=1)[0])
    if period:
        return period
    if m := RE_MONTH_REVIEWED.search(title):  # "về kết quả vận hành ... tháng 7/2025 và nhiệm vụ ...": a month
        return _month_reviewed(m)
    if period := _reviewed_before_next(title):
        return period
    if (m := RE_BRIEFING_MONTH.search(title)) and meeting and 1 <= int(m.group("m")) <= 12 \
            and meeting[:7] > f"{m.group('y')}-{int(m.group('m')):02d}":
        # "Hội nghị giao ban ... tháng 11 năm 2025" held on 03/12/2025: the month it reviews (one held in its month,
        # on 05/11, is that month's and reviews the month before: below)
        return _month_reviewed(m)
    intro = _intro_paragraphs(blocks)
    for p in intro:
        period = find_period(p.text)
        if period:
            return period
    for p in intro:  # "Sau khi nghe Văn phòng Sở báo cáo kết quả thực hiện nhiệm vụ tháng 3/2025, ...": the month
        if m := RE_MONTH_REVIEWED.search(p.text):
            return _month_reviewed(m)
        if period := _reviewed_before_next(p.text):
            return period
        if m := RE_SPAN_REVIEWED.search(p.text) or RE_YEARS_REVIEWED.search(p.text):
            # "báo cáo sơ kết 03 năm thực hiện Nghị quyết ... (giai đoạn 2021 - 2024)", "báo cáo kết quả 05 năm thực
            # hiện Nghị quyết số 09-NQ/TU ... giai đoạn 2021 - 2025, định hướng đến năm 2030": the span reviewed
            return f"giai đoạn {m.group(1)} - {m.group(2)}"
    # "... năm 2023, nhiệm vụ năm 2024": the year reviewed; not a season or a school year ("mùa đông năm 2025 -
    # 2026"), a horizon ("định hướng đến năm 2030"), the year of a plan, nor of an event being prepared ("công tác
    # chuẩn bị Lễ hội ... năm 2024")
    # (a month's year, "tiếp công dân định kỳ tháng 10 năm 2024", names the month of a session, not a year reviewed)
    year = re.search(r"(?<!tháng \d )(?<!tháng \d\d )\bnăm (\d{4})\b(?!\s*[-–]\s*\d{4})", title)
    # (nor the week of a weekly briefing: "giao ban ... tuần thứ 50 năm 2024", nor a quarter's year: "nhiệm vụ trọng
    # tâm đến hết quý I năm 2026", nor when in the year the meeting is held: "cuộc họp giao ban cuối năm 2025")
    if year and not re.search(r"(?:nhiệm vụ|phương hướng|kế hoạch)[^,;]{0,20}$|(?:chuẩn bị|tổ chức)[^,;]{0,60}$"
                              r"|\bchuẩn bị[^;]{0,100}$|\bđến\s*$|\btuần(?: thứ)? \d{1,2}\s*$"
                              r"|\bquý\s+[IVX\d]{1,4}\s*$|\b(?:cuối|đầu|giữa)\s*$", title[: year.start()]) \
            and not RE_BUDGET_YEAR.search(title[: year.start()]) \
            and not _year_ahead(year.group(1), meeting, title[: year.start()]):
        return f"năm {year.group(1)}"
    for p in intro:
        for m in re.finditer(r"(?<!tháng \d )(?<!tháng \d\d )\bnăm (\d{4})\b", p.text):
            clause = re.split(r"[,;.:()]|\svà\s", p.text[max(0, m.start() - 80):m.start()])[-1]
            if RE_BUDGET_YEAR.search(clause):
                continue  # "giải ngân vốn các chương trình mục tiêu quốc gia năm 2025": the money's year
            if RE_REVIEWED_YEAR.search(clause) or (_reviewed_over_a_list(p.text[max(0, m.start() - 160):m.start()])
                                                    and not re.match(r"\s*[-–]\s*\d{4}", p.text[m.end():])):
                return f"năm {m.group(1)}"
    first = next((b for b in blocks[blocks.index(intro[-1]) + 1:] if b.kind in (BlockKind.ITEM, BlockKind.PARAGRAPH)),
                 None) if intro else None
    if first is not None and (m := RE_MONTH_OPENS.match(first.text)):
        return f"tháng {int(m.group('m'))}/{m.group('y')}"  # "Tháng 11/2025, các bộ phận ... hoàn thành ..."
    if first is not None:
        opening, _, after = first.text.partition(",")
        if len(opening.split()) <= 8 and not RE_PLAN_STATED.match(after):
            if period := find_period(opening):
                return period
            if m := re.fullmatch(r"\s*(?:Trong\s+|Qua\s+)?[Nn]ăm (\d{4})", opening):
                return f"năm {m.group(1)}"
            # "Năm học 2023 - 2024, toàn huyện có 24 trường ...", "Giai đoạn 2021 - 2023, toàn tỉnh cấp 46 giấy phép"
            if m := re.fullmatch(r"\s*(?:Trong\s+|Qua\s+)?([Nn]ăm học|[Gg]iai đoạn) (\d{4})\s*[-–]\s*(\d{4})", opening):
                return f"{m.group(1).lower()} {m.group(2)} - {m.group(3)}"
    return None


# the year of a budget, of capital, named after it ("giải ngân vốn đầu tư công năm 2025", "dự toán ngân sách năm
# 2025"): what the money is for, not the period a meeting reviews
RE_BUDGET_YEAR = re.compile(r"\b(?:vốn|ngân sách|dự toán)\b[^,;:()]{0,50}$")
# an assessment that opens with the year's plan or target ("Năm 2025, tổng kế hoạch vốn ... là ...", "Năm 2025,
# thành phố được giao chỉ tiêu ..."), not with what the year achieved
RE_PLAN_STATED = re.compile(r"[^.;]{0,60}?\b(?:kế hoạch|chỉ tiêu|dự toán|được giao)\b")


def _reviewed_over_a_list(before: str) -> bool:
    """"về tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh năm 2024": the fields
    reviewed listed with commas between the cue and the year (no other year, plan or sentence between)."""
    clause = re.split(r"[;.:()]", before)[-1]
    cues = list(RE_REVIEWED_YEAR.finditer(clause))
    if not cues:
        return False
    between = clause[cues[-1].end():]
    if re.search(r"chuẩn bị", clause[max(0, cues[-1].start() - 40):cues[-1].start()], re.IGNORECASE):
        return False  # "chuẩn bị kiểm điểm, đánh giá, xếp loại ... năm 2025": the year's review being prepared
    return not re.search(r"\bnăm \d{4}|phương hướng|kế hoạch|dự kiến|trọng tâm|chuẩn bị|\bvà\b|\bsố\s*\d", between,
                         re.IGNORECASE)


def _year_ahead(year: str, meeting: str | None, before: str) -> bool:
    """A title's year still ahead when the meeting is held: "công tác chống ngập mùa mưa năm 2024" at a meeting of
    June 2024 plans that year (unless the title says it reviews: "kết quả ..."); one of December reviews it."""
    if not meeting:
        return False
    return (year > meeting[:4] or (year == meeting[:4] and meeting[5:7] < "10")) and not RE_REVIEWED_YEAR.search(before)


# the year of what a report reviews: "tình hình thực hiện nhiệm vụ chính trị năm 2023", "kết quả ... năm 2023"
RE_REVIEWED_YEAR = re.compile(r"\b(?:tình hình|kết quả|đánh giá|sơ kết|tổng kết)\b", re.IGNORECASE)
