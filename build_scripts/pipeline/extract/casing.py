"""An all-capitals line in the case of running text ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" -> "Sở Nông nghiệp và Môi
trường"): the genre's phrases (data/capitalisation.yml) and the departments the data files name, as they are
written. Read by the metadata (titles, signers) and by the tasks (a table's group row that names a body)."""

from __future__ import annotations

import re
from functools import cache

from ... import knowledge


@cache
def _phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern of every phrase, longest first, and each phrase's canonical form by its folded case: a span is
    cased once ("TRƯỞNG BAN CHỈ ĐẠO" is "Trưởng Ban Chỉ đạo", not then recased by "Trưởng ban")."""
    # (and the departments the data files name, as they are written: "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ" is "Giám đốc
    # Sở Khoa học và Công nghệ")
    departments = [k["name"] for k in knowledge.organisations()["kinds"] if k["name"].startswith(("Sở ", "Phòng "))]
    phrases = sorted([*knowledge.capitalisation()["phrases"], *departments], key=len, reverse=True)
    # "ủy" and "uỷ" are two spellings of one syllable; match both; a phrase written with a final "$" is cased only
    # at the line's end ("PHÓ TRƯỞNG BAN" alone under a signature, not "TRƯỞNG BAN TỔ CHỨC")
    bodies = [re.escape(p.rstrip("$")).replace("ủy", "(?:ủy|uỷ)").replace("Ủy", "(?:Ủy|Uỷ)")
              + (r"(?=\s*$)" if p.endswith("$") else "") for p in phrases]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(bodies) + r")(?!\w)", re.IGNORECASE)
    return pattern, {_spelling_key(p.rstrip("$")): p.rstrip("$") for p in phrases}


def _spelling_key(text: str) -> str:
    return text.casefold().replace("uỷ", "ủy")


def _case_like(text: str, model: str) -> str:
    """Give ``text`` the letter case of ``model`` (same letters, maybe another spelling)."""
    return "".join(c.upper() if m.isupper() else c.lower() for c, m in zip(text, model, strict=False))


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def citation_case(line: str) -> str:
    """An all-capitals line in the case of running text; other lines unchanged."""
    if not is_upper(line):
        return line
    text = line.lower()
    pattern, canonical = _phrases()
    text = pattern.sub(lambda m: _case_like(m.group(0), canonical.get(_spelling_key(m.group(0)), m.group(0))), text)
    # a roman numeral stays one: "(KHÓA XX)" -> "(khóa XX)", "QUÝ IV" -> "quý IV", "XX)" alone on a wrapped line
    return RE_ROMAN_AFTER.sub(lambda m: m.group(0).upper() if m.group(3) is not None
                              else m.group(1) + m.group(2).upper(), text)


# a roman numeral where the genre writes one: after "khóa", "quý", "lần thứ", "đại hội", or opening a line before ")"
RE_ROMAN_AFTER = re.compile(r"(\b(?:khóa|khoá|quý|thứ|hội|phần|chương) )([ivxlc]+)(?![^\W\d_])|^()([ivxlc]+)(?=\))")
