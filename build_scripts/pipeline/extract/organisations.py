"""Organisations: tell a body from a topic, split a list of bodies.

The knowledge lives in data/organisations.yml; this module only applies it. Which body a name
stands for is the link stage's question: see build_scripts/bodies.py.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ... import knowledge
from ...vietnamese import plain_dashes

_AND = "\x00"  # stands for " và " inside a protected compound
_COMMA = "\x01"  # stands for "," inside a protected compound


def _key(text: str) -> str:
    """Case-insensitive, diacritics kept ("Sở" is not "sơ"); "uỷ" and "ủy" are one spelling, and so are all dashes."""
    return plain_dashes(text).casefold().replace("uỷ", "ủy")


def _lead(key: str) -> str:
    """The run of letters and digits a key begins with: a word that matches must begin the same way."""
    return _LEAD.match(key).group()  # type: ignore[union-attr]  # always matches, if only the empty string


_LEAD = re.compile(r"[^\W_]*")  # re's \w is str.isalnum or "_": the run found in C, not a loop over characters


Words = dict[str, tuple[str, ...]]  # a phrase's first run of letters -> the words that begin with it, longest first


@cache
def _heads() -> tuple[Words, Words, tuple[str, ...]]:
    data = knowledge.organisations()
    # a kind's abbreviation names a body as its name does ("CA xã", "BCHQS xã", "P.KT" in a chat's shorthand)
    abbreviations = [a for kind in data["kinds"] for a in kind.get("abbr", ())]
    heads = sorted({_key(h) for h in [*data["heads"], *abbreviations]}, key=len, reverse=True)
    return _by_lead(heads), _by_lead([_key(h) for h in data["not_heads"]]), tuple(heads)


def _by_lead(words: list[str]) -> Words:
    grouped: dict[str, list[str]] = {}
    for w in words:
        grouped.setdefault(_lead(w), []).append(w)
    return {lead: tuple(ws) for lead, ws in grouped.items()}


def starts_with_head(phrase: str) -> bool:
    """Does the phrase begin with a word that names a body ("Ban", "UBND", "các cấp ủy")?

    A word matches where it ends a run of letters, so only the words that begin with the phrase's own
    first run can: they are looked up by it, not tried one by one (every line of a text asks).
    """
    phrase = phrase.strip(" -–*:")
    return _starts_with_head(phrase[: _reach()])  # the words after its first few cannot change the answer


@cache
def _reach() -> int:
    """How many characters of a phrase decide ``starts_with_head``: "các ", the longest word and the character after
    it, with room to spare (a key is at least as long as its text, and only its last character can differ from the
    whole phrase's: "uỷ" cut after its "u")."""
    heads, not_heads, _ = _heads()
    return 8 + max(len(w) for words in (heads, not_heads) for ws in words.values() for w in ws)


@lru_cache(maxsize=8192)  # a task's sentences ask it of the same few openings again and again
def _starts_with_head(phrase: str) -> bool:
    key = _key(phrase)
    heads, not_heads, every_head = _heads()
    if key.startswith("các ") and not key.startswith(every_head):
        key = key[4:]  # "các huyện ủy, thị ủy": the body's word follows "các"
    # the longest match decides: "tổ chức đảng" is a body, "Tổ chức các hội nghị" is not
    lead = _lead(key)
    return _longest(key, heads, lead) > _longest(key, not_heads, lead)


def _longest(key: str, words: Words, lead: str | None = None) -> int:
    return max((len(c) for c in words.get(_lead(key) if lead is None else lead, ())
                if key.startswith(c) and (len(key) == len(c) or not key[len(c)].isalnum())), default=0)


def is_organisation(phrase: str) -> bool:
    """A short phrase that names one or more bodies, not a topic such as "Về kinh phí"."""
    words = phrase.split()
    return 0 < len(words) <= 40 and starts_with_head(phrase)


@cache
def _compounds() -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for c in sorted(knowledge.organisations()["compounds"], key=len, reverse=True):
        protected = c.replace(" và ", _AND).replace(",", _COMMA)
        out.append((re.compile(re.escape(c), re.IGNORECASE), protected))
    return tuple(out)


def _protect(text: str) -> str:
    # what a compound's match becomes differs from it only where it holds " và " or ",": a text with neither, or
    # with no compound at all (one search for them all, not one per compound), is returned as it is
    if (" và " not in text and "," not in text) or not _any_compound().search(text):
        return text
    for pattern, _ in _compounds():
        text = pattern.sub(lambda m: m.group(0).replace(" và ", _AND).replace(",", _COMMA), text)
    return text


@cache
def _any_compound() -> re.Pattern[str]:
    return re.compile("|".join(p.pattern for p, _ in _compounds()), re.IGNORECASE)


def _restore(text: str) -> str:
    return text.replace(_AND, " và ").replace(_COMMA, ",")


# "UBND các huyện: Tuy An, Phú Hòa", "các sở: Tài chính, Xây dựng": one body per name listed
RE_UNIT_LIST = re.compile(r"^(?P<body>.*?)\s*\b[Cc]ác\s+"
                          r"(?P<unit>(?:xã|phường|thị trấn),\s*(?:xã|phường|thị trấn)|"  # which of the two: unknown
                          r"huyện|quận|thị xã|thành phố|xã|phường|thị trấn|đặc khu|"
                          r"xóm|thôn|ấp|bản|tổ dân phố|khu phố|sở|phòng|ban|cơ quan|đơn vị|trường|đồng chí|"
                          r"(?:huyện|thị|thành|quận) [ủu]y|đảng ủy xã)\s*:\s*"
                          r"(?P<names>[^:]+)$")
_BODY_UNITS = ("sở", "phòng", "ban", "trường")  # written with a capital before a name: "Sở Tài chính"


def expand_list(phrase: str) -> list[str] | None:
    """"UBND các huyện: Tuy An, Phú Hòa và Sơn Hòa" -> one name per listed unit, or None."""
    if ":" not in phrase:
        return None
    m = RE_UNIT_LIST.match(" ".join(phrase.split()).strip(" .;"))
    if not m:
        return None
    unit = m.group("unit")
    # "Các huyện ủy: Ba Bể, Pác Nặm": each committee by its name, "Huyện ủy Ba Bể"
    unit = unit.capitalize() if unit in _BODY_UNITS or RE_BARE_COMMITTEE.fullmatch(unit) or unit == "đảng ủy xã" \
        else "" if "," in unit else unit
    names = [_restore(n).strip(" .") for n in re.split(r"\s*(?:,|;|\svà\s)\s*", _protect(m.group("names")))
             if n.strip(" .")]
    if not names or not all(n[:1].isupper() or n[:1].isdigit() or RE_UNIT_NAME.match(n) for n in names):
        return None
    body = m.group("body").strip()
    # "UBND các huyện: Cù Lao Dung, Trần Đề và UBND thị xã Vĩnh Châu": a name that is a body's is kept as it is;
    # "UBND các xã: Mèo Vạc, Sơn Vĩ và xã Đồng Văn": one that carries its unit, after the body
    # ("Trường Phú", "Hội An", "Đoàn Kết": a unit's proper name whose first word begins a body's name elsewhere)
    return [n if starts_with_head(n) and not _proper_name(n) else " ".join(w for w in (body, n) if w)
            if RE_UNIT_NAME.match(n) else " ".join(w for w in (body, unit, n) if w) for n in names]


def _proper_name(text: str) -> bool:
    """A place's proper name, two or three words each capitalised ("Trường Phú"), in a list of a tier's units: no
    body, whose name has a word in lower case ("Công an tỉnh") or more words ("Trường THCS Lê Lợi")."""
    words = text.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and not w.isupper() for w in words)


# a body of every named unit of a tier: "UBND các huyện Cầu Kè, Trà Cú"
RE_BODY_OF_TIER = re.compile(r"^(?P<body>.+?)\s+các\s+(?:huyện|quận|thị xã|thành phố|xã|phường|thị trấn|đặc khu)\s+"
                             r"[A-ZĐ\d]")
# a unit with its proper name: "xã Đồng Văn", "thị xã Duyên Hải"
RE_UNIT_NAME = re.compile(r"^(?:xã|phường|thị trấn|thị xã|huyện|quận|thành phố|đặc khu)\s+[A-ZĐ\d]")


# a committee of a tier named bare after an organ of the committees before it: "Ban Dân vận các huyện ủy, thành ủy"
RE_BARE_COMMITTEE = re.compile(r"(?:các\s+)?(?:huyện|thị|thành|quận)\s+[ủu]y", re.IGNORECASE)
RE_ORGAN_OF_COMMITTEES = re.compile(r"(?:Ban|Ủy ban|Văn phòng)\s.*\bcác\s+(?:huyện|thị|thành|quận)\s+[ủu]y$")
# one person named ("đồng chí ...", "đ/c ...", not "các đồng chí"): the titles after a comma are that person's
RE_ONE_PERSON = re.compile(r"(?:đồng chí|đ/c)\s", re.IGNORECASE)


@cache
def _title_re() -> re.Pattern[str]:
    """A person's title opening a piece: the genre's titles ("Phó Chủ tịch", "Ủy viên"), any head of a body ("Trưởng
    Tiểu ban Văn kiện") and a committee's member ("Thị ủy viên")."""
    titles = sorted(knowledge.genre()["person_titles"], key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(t) for t in titles) + r"|Trưởng|Phó Trưởng|"
                      r"(?:Tỉnh|Thành|Thị|Huyện|Quận) [ủu]y viên)\b")


RE_ASIDE = re.compile(r"(?:nhất là|đặc biệt là|trước hết là)\s", re.IGNORECASE)


def split_assignees(phrase: str) -> list[str]:
    """Split "X, Y và các Z" into one entry per body; compounds and lone nouns stay joined."""
    if (listed := expand_list(phrase)) is not None:
        return listed
    text = _protect(plain_dashes(" ".join(phrase.split())))
    pieces = re.split(r"\s*(?:,|;|\s&\s|\svà\s|\scùng\s(?!cấp\b))\s*", text)  # (not "... MTTQ cùng cấp")
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip(" .:-–")
        if not piece or RE_ASIDE.match(piece):  # ", nhất là người đứng đầu": an aside about those named before
            continue
        if out and RE_ONE_PERSON.match(out[-1]) and _title_re().match(piece):
            out[-1] = f"{out[-1]}, {piece}"  # "đồng chí Lê Văn Tâm, Thị ủy viên, Phó Chủ tịch UBND thị xã": one person
            continue
        if out and RE_BARE_COMMITTEE.fullmatch(piece) and RE_ORGAN_OF_COMMITTEES.match(out[-1]):
            out[-1] = f"{out[-1]}, {piece}"  # "Ban Dân vận các huyện ủy, thành ủy": one organ, in each committee
            continue
        tier = RE_BODY_OF_TIER.match(out[-1]) if out and RE_UNIT_NAME.match(piece) else None
        if tier:  # "UBND các huyện Cầu Kè, Trà Cú và thị xã Duyên Hải": the last is the body's in another unit
            out.append(f"{tier.group('body')} {piece}")
            continue
        if out and (not starts_with_head(_restore(piece))
                    or (RE_BODY_OF_TIER.match(out[-1]) and _proper_name(_restore(piece)))):
            # ("UBND các xã Lệ Thủy, Trường Phú": a commune's name, though "Trường" begins a school's)
            # "các phòng, ban chuyên môn": the piece continues the previous body's name
            sep = " và " if f"{out[-1]} và {piece}" in text else ", "
            out[-1] = f"{out[-1]}{sep}{piece}"
        else:
            out.append(piece)
    return [_restore(p) for p in out]
