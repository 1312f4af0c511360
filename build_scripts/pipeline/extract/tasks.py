"""Tasks: which body must do what, with whom, by when.

Conventions of the genre (data/genre.yml holds the wording):
- every numbered or lettered item of a task section is a task; group headings are not;
  continuation paragraphs and bullets belong to their item; footnotes do not;
- the assignee heads the item ("2.1. Thường trực HĐND thị xã: ..."), or is named by
  "Giao X chủ trì, phối hợp (với) Y ...", "đề nghị X ...", a sentence's subject, or
  "Chủ trì, phối hợp với Y ..." under an agency heading; an item that names none is
  addressed by its group heading ("Đối với MTTQ ...") or by the sentence introducing the
  list ("đề nghị Mặt trận Tổ quốc ... thực hiện ... sau:");
- a topic before a colon ("Về kinh phí:") is not an assignee;
- unnumbered assignments ("Giao Văn phòng ... theo dõi") are tasks with an empty number;
- tasks in a table (STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn) are read
  from its columns.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from ... import knowledge
from ...knowledge.places import provinces, towns
from ...model import Assignee, Block, BlockKind, Diagnostic, Role, Task, plain
from ...vietnamese import fold, plain_dashes
from . import anchored
from .casing import citation_case
from .dates import Deadline, dated_occasions, find_deadlines, occasion_deadline, parse_deadline_cell
from .organisations import expand_list, is_organisation, split_assignees, starts_with_head
from .references import Catalogue, find_citations, resolve_short_forms

LEAD, SUPPORT, ADDRESSED = Role.LEAD, Role.SUPPORT, Role.ADDRESSED


@cache
def _predicate_re() -> re.Pattern[str]:
    words = sorted(knowledge.genre()["predicates"], key=len, reverse=True)
    # not inside an abbreviation's parts: "HT" (hoàn thành) is no predicate in "Phòng KT&HT" or "KT-HT"
    return re.compile(r"(?<![\w&./-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w&/-])")


@cache
def _assessment_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{c})" for c in knowledge.genre()["assessment_cues"]), re.IGNORECASE)


@cache
def _follow_up_re() -> re.Pattern[str]:
    return re.compile(knowledge.genre()["follow_up"], re.IGNORECASE)


@cache
def _ordinal_re() -> re.Pattern[str]:
    """A point counted in words at a paragraph's start: "Một là, ...", "Hai là: ...", "Thứ nhất, ..."."""
    words = "|".join(re.escape(w) for w in sorted(knowledge.genre()["ordinals"], key=len, reverse=True))
    return re.compile(rf"^(?:{words})\s*[,:]\s+\S")


@cache
def _closing_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{c})" for c in knowledge.genre()["closing"]), re.IGNORECASE)


@cache
def _closing_at_start() -> bool:
    """Whether every closing cue is anchored at the text's start ("^Trên đây là"): then a match can only begin
    there, and one attempt there says what a search through the whole block would."""
    return all(c.startswith("^") for c in knowledge.genre()["closing"])


def _closing(text: str) -> bool:
    found = _closing_re().match(text) if _closing_at_start() else _closing_re().search(text)
    return found is not None


@cache
def _cue_re(key: str) -> re.Pattern[str] | None:
    """The cues of ``key`` as one expression, folded once (a text's every block is asked); None without cues."""
    cues = [r"\b" + re.escape(fold(c).casefold()) + r"\b" for c in knowledge.genre()[key]]
    return re.compile("|".join(cues)) if cues else None


def _cue(text: str, key: str) -> bool:
    found = _cue_re(key)
    return found is not None and found.search(_folded(text)) is not None


def _opens_with(text: str, key: str) -> bool:
    """Whether ``text`` begins with one of the cues of ``key``."""
    found = _cue_re(key)
    return found is not None and found.match(_folded(text[:60])) is not None


@lru_cache(maxsize=256)
def _folded(text: str) -> str:
    """A block's words folded once for the several cues asked of it."""
    return fold(text).casefold()


def _continues_name(name_so_far: str, word_at: str) -> bool:
    """Is a predicate word at this point still part of a name ("các tổ chức", "Ban Chỉ đạo thực hiện")?"""
    for predicate, befores in knowledge.genre()["name_continuations"].items():
        if word_at.startswith(predicate):
            tail = name_so_far.rstrip()
            if any(tail.endswith(b) for b in befores):
                return True
    return False


# How far after "Giao", "đề nghị" ... a body's name, its predicate and the bodies that support it are
# looked for. Each such word then costs at most this much, so a text of them is read in linear time
# (an item of 8,000 "Giao" took 10 s, quadratic); no name with its supports comes near it.
NAME_SPAN = 1000
ASKER_SPAN = 300  # how far before "đề nghị" the words that say who asks ("đại diện UBND xã ...") are looked for


# a body's name ends with the level of government it belongs to ("Công an huyện", "Trạm Y tế xã Hòa Sơn")
UNIT_ENDS = frozenset({"xã", "phường", "huyện", "quận", "tỉnh", "trấn", "phố", "quan"})  # "thị trấn", "liên quan"
# lower-case words that go on with a name after its level: "UBND huyện và các xã", "Đảng ủy trực thuộc", and those
# that narrow which units of a tier are meant: "UBND các xã biên giới", "các xã ven biển", "các xã vùng cao"
NAME_GOES_ON = frozenset({"và", "hoặc", "cùng", "các", "trực", "liên", "có", "chuyên", "trong", "thuộc", "ở", "tại",
                          "của", "được", "khu", "cấp", "thị", "thành", "huyện", "xã", "phường", "tỉnh", "quận",
                          "biên", "ven", "vùng", "miền", "đặc", "trọng", "dọc", "giáp", "ủy", "uỷ", "tham",
                          "viên"})  # "đồng chí Lê Văn Tâm, Thị ủy viên, Phó Chủ tịch ...": a member's title


def _name_by_unit(text: str) -> tuple[str, str]:
    """When no known verb ends a name: the name up to its last unit word (and the proper name after it),
    where a lower-case word follows: "Công an huyện truy quét ..." -> "Công an huyện"."""
    words = list(re.finditer(r"\S+", text[:200]))
    end = None
    for i, w in enumerate(words):
        word = w.group()
        if RE_NAME_STOP.search(word) or ":" in word:
            break
        if word.rstrip(",") not in UNIT_ENDS or word.endswith(",") or (i and words[i - 1].group() == "tác"):
            continue  # (not the "xã" of "Hợp tác xã")
        if _youth_union([w.group() for w in words[i + 1 : i + 3]], 0):
            continue  # "các huyện đoàn", "Thành đoàn": the Youth Union's committee of that level, not its unit
        j = i + 1
        while j < len(words) and (words[j].group()[:1].isupper() or words[j].group()[:1].isdigit()) \
                and not words[j - 1].group().endswith((",", ":", ";", ".")):
            j += 1
        if j < len(words) and words[j].group()[:1].islower() and not words[j - 1].group().endswith((",", ".", ";")) \
                and not _continues_name(text[: words[j].start()], text[words[j].start() : words[j].start() + 40]):
            end = words[j - 1].end()  # (not before words that say which: "UBND các xã tham gia Đề án")
    if end is None:
        return "", text
    return text[:end], text[end:].lstrip()


# what ends a name: a full stop (not one inside an abbreviation: "P.KT", "TP.HCM"), a semicolon, brackets
RE_NAME_STOP = re.compile(r"\.(?!\w)|;|\((?!cũ\))|(?<!\(cũ)\)")  # (not a former unit's mark: "... Ninh Thuận (cũ)")


# a bracket inside a name's words that is an aside ("(qua Ban Tổ chức Huyện ủy)"), not a former unit's mark ("(cũ)")
RE_ASIDE_BRACKET = re.compile(r"\s*\((?!cũ\))[^()]*\)")
PARTY_LEVELS = frozenset({"Tỉnh", "Thành", "Thị", "Huyện", "Quận"})  # "Tỉnh ủy", "Huyện ủy", ...
NAME_WORDS = 60


def _end_after_level(name: str) -> int | None:
    """Where a name ends when a lower-case word that cannot go on with it follows its level: a party committee
    ("Ủy ban Kiểm tra Tỉnh ủy | đưa nội dung ..."), a unit with its place's proper name ("UBND xã Hàm Chính |
    bố trí ...") or every unit of a tier ("UBND các phường | ra quân ..."); None when the name runs to its end."""
    spans = list(re.finditer(r"\S+", name))[:NAME_WORDS]  # a body's name is short: bounded work on any text
    words = [w.group() for w in spans]
    for i, word in enumerate(words[:-1]):
        party = word in ("ủy", "uỷ") and i > 0 and words[i - 1] in PARTY_LEVELS
        plural = word in UNIT_ENDS and i > 0 and words[i - 1] in ("các", "những")  # "UBND các phường ra quân"
        if not party and not plural and not (word in UNIT_ENDS and word != "quan" and words[i + 1][:1].isupper()):
            continue
        if word == "xã" and i > 0 and words[i - 1] == "tác":
            continue  # "Liên minh Hợp tác xã tỉnh": the cooperative's "xã", no level
        j = i + 1  # then the place's proper name, if any
        while j < len(words) and words[j][:1].isupper() and not words[j - 1].endswith(","):
            j += 1
        if j < len(words) and not words[j - 1].endswith(",") and words[j][:1].islower() \
                and words[j].rstrip(",") not in NAME_GOES_ON and not _youth_union(words, j):
            return spans[j - 1].end()
    return None


def _youth_union(words: list[str], j: int) -> bool:
    """"các huyện đoàn", "Thành đoàn": "đoàn" after a level is the Youth Union's committee there (not "đoàn kết")."""
    return j < len(words) and words[j].rstrip(",") == "đoàn" and not (
        j + 1 < len(words) and words[j + 1].startswith("kết"))


def _in_brackets(text: str, at: int) -> bool:
    """Is ``at`` inside a parenthesis opened in the name's first words (a name is short: bounded work)?"""
    if at > 300:
        return False
    opened = text.rfind("(", 0, at)
    return opened != -1 and text.find(")", opened, at) == -1 and text.find(")", at) != -1


def take_name(text: str) -> tuple[str, str]:
    """Split "X <predicate> ..." into the name X and the rest, at the first predicate word."""
    pos = 0
    while True:
        m = _predicate_re().search(text, pos)
        if not m:
            return _name_by_unit(text)
        # the words before a predicate that keep it inside a name are short: look at the last few only
        if _continues_name(text[max(0, m.start() - 80) : m.start()], text[m.start() : m.start() + 40]) \
                or _in_brackets(text, m.start()):
            pos = m.end()  # "Sở Nông nghiệp và Môi trường (cơ quan thường trực) theo dõi ...": an aside
            continue
        # "(qua Ban Tổ chức Huyện ủy)" names the channel of a report, not a body that acts
        name = RE_ASIDE_BRACKET.sub("", text[: m.start()]).strip(" ,;:")
        stop = RE_NAME_STOP.search(name) or re.search(r":(?!.*:)", name)
        if stop and not (stop.group() == ":" and expand_list(name)):
            return _name_by_unit(text)
        end = _end_after_level(name)
        if end is not None and text.startswith(name[:end]):  # "Ủy ban Kiểm tra Tỉnh ủy đưa ...": a verb unknown
            return name[:end], text[end:].lstrip()
        return name, text[m.start() :]


# --- assignees in a text ------------------------------------------------------------


@dataclass
class _Found:
    assignees: list[Assignee] = field(default_factory=list)
    explicit_at_start: bool = False
    lead_from_context: bool = False  # "Chủ trì, phối hợp với Y ..." with no body named: the addressee leads
    asks: bool = False  # the text asks a body to act (not only records a fact or an assessment)
    due: str | None = None  # what a labelled line "- Thời gian hoàn thành: ..." says, if the text has one

    # the names added (case-folded) and every start of them that ends before a space: each name is
    # checked against all those before it in constant time, so a text naming thousands stays linear
    _keys: set[str] = field(default_factory=set, repr=False)
    _starts: set[str] = field(default_factory=set, repr=False)

    def add(self, names: Iterable[str], role: Role) -> None:
        for name in names:
            name = plain_dashes(name).strip(" ,.;:-")
            key = name.casefold()
            # "Ban Quản lý dự án" beside "Ban Quản lý dự án đầu tư xây dựng ... tỉnh" is the same body
            shorter = len(name.split()) >= 3 and key in self._starts
            if name and not shorter and key not in self._keys:
                self.assignees.append(Assignee(name, role))
                self._keys.add(key)
                self._starts.update(key[:i] for i, ch in enumerate(key) if ch == " ")
            elif role in (LEAD, SUPPORT):  # "Phòng A: chủ trì, phối hợp với ...": the body addressed leads; one
                # named before in passing ("UBND xã X đã hòa giải ...") supports when the assignment says so
                self.assignees = [Assignee(a.name, role) if a.name.casefold() == key and a.role == ADDRESSED else a
                                  for a in self.assignees]


# "X chủ trì (tham mưu), phối hợp (chặt chẽ) với Y", "X phối hợp với Y": X leads, Y supports
RE_LEADS = re.compile(r"chủ trì(?:\s+tham mưu)?\s*,?\s*(?:và\s+)?(?:phối hợp|cùng)\s+(?:chặt chẽ\s+)?"
                      r"(?:với\s+|cùng\s+)?(?P<support>.*)"
                      r"|phối hợp\s+(?:chặt chẽ\s+)?(?:với|cùng)\s+(?P<partner>.*)", re.DOTALL)
# the units a lead directs, named after its partners: "... phối hợp với Công an tỉnh chỉ đạo Đồn Biên phòng ..."
RE_THEN_DIRECTS = re.compile(r"\s*,?\s*(?:trực tiếp\s+)?chỉ đạo\s+(?=[A-ZĐÂĂÊÔƠƯ])")
# "X phối hợp Y ...", without "với": Y supports when a body's name follows (not "phối hợp tổ chức ...")
RE_PARTNER_BARE = re.compile(r"phối hợp\s+(?!với\b|cùng\b|chặt chẽ\b)(?P<partner>.*)", re.DOTALL)
# "X chỉ đạo Y ...", "X lãnh đạo, chỉ đạo Y ...", "X giao Y ...": X is addressed and directs Y, who acts
# also "X hướng dẫn Y <làm gì>": Y acts, guided by X ("Ủy ban MTTQ quận hướng dẫn Ủy ban MTTQ phường vận động ...")
# those a body guides without their being given the work: "Sở Xây dựng hướng dẫn chủ đầu tư điều chỉnh ..."
RE_GUIDED_ONLY = re.compile(r"(?:các\s+)?(?:chủ đầu tư|nhà đầu tư|nhà thầu|doanh nghiệp|hợp tác xã)\b", re.IGNORECASE)
RE_DIRECTS = re.compile(r"(?:lãnh đạo\s*,?\s*chỉ đạo|lãnh đạo|chỉ đạo|giao(?: cho)?|hướng dẫn)\s+(?=\S)")


# the body directed later in the subject's clause: "... trực tiếp kiểm tra, đôn đốc Trung tâm X giải quyết ..."
RE_DIRECTS_LATER = re.compile(r",\s*(?:đôn đốc|chỉ đạo)\s+(?=[A-ZĐÂĂÊÔƠƯ])")
# the subject's partner named later in its clause: "X (...) thường xuyên rà soát ..., phối hợp với Y bố trí ..."
RE_PARTNER_LATER = re.compile(r",\s*phối hợp\s+(?:chặt chẽ\s+)?(?:với|cùng)\s+(?P<partner>[^.]*)")


# the manner before the verb: "Các ban xây dựng Đảng theo chức năng, nhiệm vụ tham mưu ..."
RE_MANNER_TEXT = (r"(?:theo|trong phạm vi|căn cứ)\s+chức năng\s*,?\s*nhiệm vụ(?:\s*(?:,|và)\s*(?:quyền hạn|địa bàn))?"
                  r"(?:\s+được (?:giao|phân công(?:\s+phụ trách)?))?(?:\s+của mình)?\s*,?")
RE_MANNER_AFTER_NAME = re.compile(r"(?<=\S)\s+" + RE_MANNER_TEXT + r"\s*(?=\S)")


def _without_manner(text: str) -> str:
    """The text without the manner between a subject and its verb ("Các thành viên Ban Chỉ đạo theo chức năng,
    nhiệm vụ ... được phân công phụ trách chỉ đạo ..."): it is neither the name nor the verb."""
    if "chức năng" not in text:
        return text
    return RE_MANNER_AFTER_NAME.sub(" ", text, count=1)


# words of duty before the verb: "X có trách nhiệm phối hợp với Y", "X cần chủ trì, phối hợp ...", "X trực tiếp chỉ
# đạo Y ..."
RE_DUTY = re.compile(r"(?:(?:có|chịu) trách nhiệm(?: chính)?|cần|phải|tiếp tục|chủ động|khẩn trương|trực tiếp|"
                     r"là (?:đơn vị|cơ quan) (?:thường trực|đầu mối)\s*,)\s*")


def _directed_after(found: _Found, text: str, support: str) -> None:
    """"X chủ trì, phối hợp với Y chỉ đạo Đồn Biên phòng A, Đồn Biên phòng B tăng cường ...": the units X directs,
    named after its partners, carry the work out."""
    after = text[text.find(support) + len(support):] if support in text else ""
    if (directs := RE_THEN_DIRECTS.match(after)) and (directed := take_name(after[directs.end():])[0]) \
            and is_organisation(directed):
        found.add(split_assignees(directed), ADDRESSED)


def _roles_after(found: _Found, names: list[str], rest: str, depth: int = 0) -> None:
    """Given names and what follows them, add them as lead (with supports), addressed, or directing another."""
    rest = RE_DUTY.sub("", rest, count=1) if RE_DUTY.match(rest) else rest
    if lead := RE_LEADS.match(rest):
        found.add(names, LEAD)
        # "... phối hợp với Văn phòng Đảng ủy:" over the points of the work: the partner ends at the colon
        partner = re.split(r":\s*(?:\n|$)", lead.group("support") or lead.group("partner"), maxsplit=1)
        support, _ = take_name(partner[0])
        if len(partner) > 1 and is_organisation(partner[0].strip()) and (
                not support or (not _predicate_re().search(partner[0])
                                and all(starts_with_head(n) for n in split_assignees(partner[0].strip())))):
            # the whole line is the partners' names ("... Trung tâm Dịch vụ nông nghiệp huyện và UBND các xã, thị
            # trấn:", every one a body's)
            support = partner[0].strip()
        support = _name_to_end(partner[0], support) or support
        if support and starts_with_head(support):
            found.add(split_assignees(support), SUPPORT)
            _directed_after(found, partner[0], support)
        elif support and RE_BARE_UNIT.fullmatch(support):
            found.add([support], SUPPORT)  # "... phối hợp chặt chẽ với huyện khảo sát ...": the unit, named below
    elif (bare := RE_PARTNER_BARE.match(rest)) and bare.group("partner")[:1].isupper() and \
            (partner := take_name(bare.group("partner"))[0]) and starts_with_head(partner):
        found.add(names, LEAD)  # "Phòng Giáo dục và Đào tạo phối hợp Trung tâm Y tế huyện ... hỗ trợ ...": no "với"
        found.add(split_assignees(partner), SUPPORT)
    elif rest.startswith("phối hợp") and any(a.role == LEAD for a in found.assignees):
        found.add(names, SUPPORT)  # "Giao X chủ trì tham mưu .... Y, Z phối hợp thực hiện.": the second sentence's
    elif rest.startswith("chủ trì"):
        found.add(names, LEAD)
    elif (m := RE_DIRECTS.match(rest)) and depth < 3:
        found.add(names, ADDRESSED)
        directed, after = take_name(rest[m.end():])
        if directed and is_organisation(directed) and not (
                m.group().startswith("hướng dẫn") and RE_GUIDED_ONLY.match(directed)):
            _roles_after(found, split_assignees(directed), after, depth + 1)
    elif (m := RE_DIRECTS_LATER.search(rest.split(";", 1)[0])) and depth < 3 and \
            (directed := take_name(rest[m.end():])[0]) and is_organisation(directed):
        # "đồng chí X trực tiếp kiểm tra, đôn đốc Trung tâm ... giải quyết ...": X addressed, and the body it directs
        found.add(names, ADDRESSED)
        found.add(split_assignees(directed), ADDRESSED)
    elif (later := RE_PARTNER_LATER.search(rest.split(";", 1)[0])) and \
            (partner := take_name(later.group("partner"))[0]) and starts_with_head(partner):
        found.add(names, LEAD)  # "X thường xuyên rà soát ..., phối hợp với Y bố trí ...": X leads, Y supports
        found.add(split_assignees(partner), SUPPORT)
    else:
        found.add(names, ADDRESSED)


# a line break ends a clause, unless the next line goes on in lower case: a hard-wrapped line ("... Ủy ban MTTQ
# Việt Nam huyện chủ" / "trì, phối hợp với ...")
LOWER = "a-zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"
LINE_BREAK = rf"\n+(?![^\S\n]*[{LOWER}])"
RE_SENTENCE = re.compile(rf"(?<=[.;!?])\s+|{LINE_BREAK}")
# what stands before a point's or a quotation's first word: "- ", "+ ", "• ", an opening quote (and a chat's "=> ")
POINT_MARKS = " -–—+•*\t“”\"‘’«»=>→⇒➢➤►"
# how a point of a list starts: "- ", "+ ", "• ", "* ", a dash, or an arrow typed in a chat ("=> ")
POINT_STARTS = ("-", "–", "—", "+", "•", "*", "=>", "→", "⇒", "➢", "➤", "►")


def _name_to_end(text: str, name: str) -> str:
    """A partner's name that runs to its clause's end, a qualifier after its unit and no verb after it ("...; phối
    hợp chặt chẽ với Sở Xây dựng và UBND các xã, phường nơi có cơ sở nhà, đất;"): the whole of it; else nothing
    (an unknown verb may follow a name: "Công an tỉnh kết nối dữ liệu" is no name)."""
    whole = text.strip(" .;,:")
    if "\n" in whole or len(whole.split()) > NAME_WORDS // 2 or _predicate_re().search(whole):
        return ""
    if name and not (whole.startswith(name) and RE_QUALIFIER.match(whole[len(name):].lstrip())):
        return ""
    return whole if is_organisation(whole) else ""


# what qualifies a tier of units after its name: "UBND các xã nơi có ...", "các xã có rừng", "các phường thuộc ..."
RE_QUALIFIER = re.compile(r"(?:nơi|có|thuộc|ven|giáp|liên quan)\b")


# "Giao X ...", "đề nghị X ...", "yêu cầu X ..." (not "được giao", not "giao ban")
# (not the issuer's decision to propose upward: "Thống nhất đề nghị Ban Thường vụ Tỉnh ủy xem xét, phê duyệt ...")
RE_GIAO = re.compile(r"(?:^|(?<=[\s,;(]))(?<!được )(?<!bàn )(?:[Gg]iao(?: cho)?|(?<!hống nhất )(?<!ồng ý )[Đđ]ề nghị"
                     r"|[Yy]êu cầu)\s+(?!ban\b)(?P<rest>)")
GIAO_STARTS = anchored.starts("Giao", "giao", "Đề nghị", "đề nghị", "Yêu cầu", "yêu cầu")


def _giao(text: str) -> Iterator[re.Match[str]]:
    """``RE_GIAO.finditer``, tried only where its words stand (extract/anchored.py): each sentence of every task
    asks, and the look backs in front of the words were tried at every character."""
    return anchored.finditer(RE_GIAO, text, GIAO_STARTS)


# what follows a subject that reports rather than asks: "UBND huyện đã ...", "... được ..."
RE_FACT = re.compile(r"(?:đã|được(?! giao)|đang|vẫn|chưa|còn|có(?! trách nhiệm)|là|không|cũng|cơ bản|ghi nhận|"
                     r"đánh giá cao|thống nhất|đạt|bị|luôn|thường trực|cam kết)\b")


@cache
def _imperative_re() -> re.Pattern[str]:
    words = [w for w in knowledge.genre()["predicates"] if w not in knowledge.genre()["not_directive"]]
    return re.compile(r"(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])")


@cache
def _lead_in_re() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(knowledge.genre()["lead_ins"], key=len, reverse=True))
    return re.compile(rf"(?:{words})\b[^,:;]{{0,80}},\s+(?=\S)")


# "trong đó" straight before a subject: the body of the clause that follows, not a phrase to skip up to its comma
RE_AMONG = re.compile(r"[Tt]rong đó\s+(?=\S)")
RE_AMONG_LATER = re.compile(r",\s*trong đó\s+(?=\S)")


def _one_of_them_leads(found: _Found, text: str) -> None:
    """"các sở: A, B, C phối hợp chặt chẽ, trong đó Sở A chủ trì ...": of the bodies told, the one named after
    "trong đó" leads and the others support it."""
    addressed = [a.name for a in found.assignees if a.role == ADDRESSED]
    if len(addressed) < 2 or not (m := RE_AMONG_LATER.search(text)):
        return
    name, rest = take_name(text[m.end(): m.end() + NAME_SPAN])
    leads = split_assignees(name) if name and rest.startswith("chủ trì") else []
    if leads and all(n in addressed for n in leads):
        found.assignees = [Assignee(a.name, LEAD if a.name in leads else SUPPORT) if a.role == ADDRESSED else a
                           for a in found.assignees]


# how often, before the verb: "Định kỳ thứ Năm hằng tuần báo cáo ...", "Hằng tháng, tổng hợp ..."
RE_FREQUENCY = re.compile(r"(?:Định kỳ|Hằng|Hàng|Mỗi)(?:\s+(?:thứ\s+\w+|hằng|hàng|mỗi|ngày|tuần|tháng|quý|năm|\d+))*"
                          r"\s*,?\s+(?=\S)")


def _imperative(sentence: str) -> bool:
    """Does the sentence open with a verb of what to do ("Tiếp tục ...", "Khẩn trương ...", "Rà soát ...")? After
    "Thực hiện <a numbered document>," the words that follow decide: "..., huyện Y được phân bổ 9.500 ha" reports."""
    if ((m := RE_IMPLEMENTING.match(sentence)) or (m := RE_FREQUENCY.match(sentence))) and sentence[m.end():]:
        rest = sentence[m.end():]
        return _imperative(rest[:1].upper() + rest[1:])
    return bool(sentence[:1].isupper() and _imperative_re().match(sentence[:1].lower() + sentence[1:]))


# "Thực hiện Kế hoạch số 386/KH-UBND ngày 12/9/2024 của UBND tỉnh, ...": the document implemented, then the sentence
RE_IMPLEMENTING = re.compile(r"Thực hiện [^,;:.]{0,60}?(?:số\s+)?\d+[-/][^,;:]{0,100},\s+(?=\S)")


# "Chỉ đạo Phòng Kinh tế chủ trì ...", also as a clause after ";" ("...; chỉ đạo Phòng Nông nghiệp ... chủ trì")
RE_LEADING_DIRECTS = re.compile(r"^(?:[Ll]ãnh đạo\s*,?\s*chỉ đạo|[Ll]ãnh đạo|[Cc]hỉ đạo)\s+(?=\S)")
# (not up to a list's colon after who asks: "Về kiến nghị ..., Chủ tịch UBND tỉnh yêu cầu các sở: A, B ...")
RE_TOPIC = re.compile(r"^(?:Về|Đối với|Riêng đối với|Riêng)\s"
                      r"(?:(?!,[^,:]{1,60}\s(?:yêu cầu|đề nghị|chỉ đạo|giao)\s)[^:]){1,120}:\s*", re.IGNORECASE)
RE_FOR_TOPIC = re.compile(r"(?:Về|Đối với)\s")  # a topic's first word, with no colon after it
RE_SUPPORT_ONLY = re.compile(r"^(?:[-+•]\s*)?Phối hợp\s+(?:với|cùng)\s+(?P<support>.+)", re.DOTALL)
# the same, as a later clause of the actor's sentence ("...; phối hợp với Y ...", "...; phối hợp PKT hòa giải ...")
RE_SUPPORT_LATER = re.compile(r"^(?:trong quá trình (?:thực hiện|triển khai)\s*,?\s*)?phối hợp\s+(?:chặt chẽ\s+)?"
                              r"(?:(?:với|cùng)\s+|(?=[A-ZĐ]))(?P<support>.+)", re.DOTALL)
RE_LEAD_ONLY = re.compile(r"^(?:[-+•]\s*)?[Cc]hủ trì\s*,?\s*(?:phối hợp|cùng)\s+(?:với\s+)?(?P<support>.+)", re.DOTALL)


# who asks, asking: "Chủ tịch UBND tỉnh yêu cầu ...", "Bí thư Tỉnh ủy đề nghị ..."
RE_ASKER_ASKS = re.compile(r"(?:Chủ tịch|Phó Chủ tịch|Bí thư|Phó Bí thư|[Đđ]ồng chí|Thường trực|Ban Thường vụ)\b"
                           r"[^,;:.]{0,60}?\s(?:yêu cầu|đề nghị|chỉ đạo|giao)\b")
# the bodies that ask rather than act when they "giao" or "chỉ đạo": the issuer's organs and officers
# (and in a chat's shorthand: "CT thống nhất: ...", "PCT")
RE_ASKER = re.compile(r"(?:Ban Thường vụ|Thường trực|Ban Chấp hành|Chủ tịch|Phó Chủ tịch|Bí thư|Phó Bí thư|[Đđ]ồng chí|"
                      r"Hội nghị|(?:Tỉnh|Thành|Thị|Huyện|Quận) [ủu]y)\b|P?CT(?![\w-])")


# a people's committee as a whole, deciding at its session: "Ủy ban nhân dân thành phố thống nhất thông qua ..."
RE_COUNCIL = re.compile(r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s+(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường)$",
                        re.IGNORECASE)
# what the issuer itself does in a task's words, deciding, not acting: "...: Thường trực Tỉnh ủy thống nhất chủ
# trương; giao ..."
RE_ISSUER_DECIDES = re.compile(r"(?:cơ bản\s+)?(?:thống nhất|đồng ý|ghi nhận|biểu dương|kết luận|cho phép|"
                               r"(?:chưa|không) xem xét)\b")


def _issuer_decides(text: str) -> bool:
    """A text whose first clause is the issuer deciding or acknowledging (after its topic, "Về ...:")."""
    name, rest = take_name(RE_TOPIC.sub("", text.lstrip(POINT_MARKS), count=1)[:NAME_SPAN])
    # (or the committee as a whole, at its session: "Ủy ban nhân dân Thành phố thống nhất thông qua ...")
    return bool(name and (RE_ASKER.match(name) or RE_COUNCIL.match(name)) and RE_ISSUER_DECIDES.match(rest))


def _directs_as_subject(body: str) -> bool:
    """"UBND quận giao Phòng Quản lý đô thị ...": a body directs another and is addressed itself (not
    "Thường trực Thành ủy giao ...", the issuer asking)."""
    if RE_ASKER.match(body):
        return False
    _, rest = take_name(body)
    return bool(RE_DIRECTS.match(rest))


# a short label before a colon: "Nhiệm vụ thời gian tới: ...", "Về kinh phí: ..."
RE_LABEL = re.compile(r"^(?P<label>[^:;.]{1,60}):\s+(?=\S)")
# "Giao các cơ quan tham mưu, giúp việc Đảng ủy Khối: Ban Tổ chức ... hướng dẫn ...; Ủy ban Kiểm tra ...": the
# bodies after the colon act; the words before it only announce them
RE_ANNOUNCES = re.compile(r"^(?:[Gg]iao|[Đđ]ề nghị|[Yy]êu cầu)\s[^:;.]{1,100}:\s+(?=\S)")


def _clauses(text: str) -> list[str]:
    """The sentences and clauses of a task's text; an announcement before a colon that bodies follow ("Giao các
    cơ quan sau: Ban Tổ chức hướng dẫn ...") is left out, the bodies after it are the subjects of their clauses."""
    out = []
    for sentence in _sentences(text) if "(" in text else RE_SENTENCE.split(text):  # not cut inside a bracket
        m = RE_ANNOUNCES.match(sentence.strip(POINT_MARKS))
        if m:
            after = sentence.strip(POINT_MARKS)[m.end():]
            name, _ = take_name(after[:NAME_SPAN])
            if after[:1].isupper() and name and is_organisation(name) and not expand_list(sentence):
                sentence = after
        out.append(sentence)
    return out


def _capital(text: str) -> str:
    """The words after a label's colon as a sentence opens: "phối hợp với ..." read as "Phối hợp với ..."."""
    return text[:1].upper() + text[1:]


def assignees_in(text: str, head: list[str] | None = None) -> _Found:
    """The bodies a task's text names, with their roles; ``head`` is the item's own heading body."""
    found = _Found()
    if head:
        found.add(head, ADDRESSED)
        found.explicit_at_start = found.asks = True
    fields = _fields(text) if ":" in text else []
    if fields:  # "- Cơ quan chủ trì: Sở Tài chính." under the task: the labelled lines say who, not the sentence
        text = RE_FIELD.sub("", text)
    opening, reported = True, False
    head_leads = False
    for sentence in _clauses(text):
        sentence = sentence.strip(POINT_MARKS)
        if not sentence:
            continue
        body = RE_TOPIC.sub("", RE_ASKS_HERE.sub("", sentence, count=1) if opening else sentence)
        body = _without_manner(body)
        if (label := RE_LABEL.match(body)) and not is_organisation(label.group("label")) \
                and starts_with_head(body[label.end():]):
            body = body[label.end():]  # "Nhiệm vụ thời gian tới: UBND huyện ...": a label, then the subject
        elif label and head and head in (split_assignees(label.group("label").strip(" *")),
                                         re.split(r",\s*|\s+và\s+", label.group("label").strip(" *"))) and (
                RE_LEAD_ONLY.match(role := _capital(body[label.end():])) or RE_SUPPORT_ONLY.match(role)):
            # "4. Sở Khoa học và Công nghệ: Chủ trì, ...", "+ Xã Sơn Kim 1: phối hợp với Phòng ...", "- Phường 1,
            # Phường 2: Phối hợp với ...": the item's body (or the communes a point names), then its role
            body = role
        # "Thời gian tới, UBND huyện cần ...": the subject after a leading phrase of time or purpose
        if ordinal := _ordinal_re().match(body):
            body = body[ordinal.end() - 1:]  # "Thứ tư, Sở Tài chính tham mưu ...": the subject after the count
        if (among := RE_AMONG.match(body)) and (name := take_name(body[among.end():])[0]) and is_organisation(name):
            body = body[among.end():]  # "...; trong đó Ủy ban MTTQ huyện chủ trì, ...": the subject right after
        lead_in = _lead_in_re().match(body)
        if lead_in and starts_with_head(body[lead_in.end():]) and not RE_ASKER_ASKS.match(body[lead_in.end():]):
            body = body[lead_in.end():]  # (not "Đối với Ban Quản lý dự án, Chủ tịch UBND tỉnh yêu cầu ...": who asks)
        matched = False
        if _imperative(body) and not _assessment_re().search(body):
            found.asks = True
        if m := RE_LEAD_ONLY.match(body):
            found.asks = True
            support, _ = take_name(m.group("support"))
            if head:
                if not head_leads:  # once is enough: the head's names are all in from the start
                    found.assignees = [Assignee(a.name, LEAD) if a.name in head else a for a in found.assignees]
                    head_leads = True
                matched = True
            elif not opening and any(a.role == ADDRESSED for a in found.assignees):
                # "UBND thành phố, UBND huyện phải hoàn thành ...; chủ trì, phối hợp với Sở ...": the subject before
                found.assignees = [Assignee(a.name, LEAD) if a.role == ADDRESSED else a for a in found.assignees]
            else:
                found.lead_from_context = True
            if support and starts_with_head(support):
                found.add(split_assignees(support), SUPPORT)
                _directed_after(found, m.group("support"), support)
        elif m := RE_SUPPORT_ONLY.match(body):  # the actor is the item's addressee; Y supports
            found.asks = True
            support, _ = take_name(m.group("support"))
            if support and starts_with_head(support):
                found.add(split_assignees(support), SUPPORT)
                if head and not head_leads:  # "Đối với Sở A: ... - Phối hợp với UBND các xã rà soát ...": A leads
                    found.assignees = [Assignee(a.name, LEAD) if a.name in head and a.role == ADDRESSED else a
                                       for a in found.assignees]
                    head_leads = True
        elif not opening and (m := RE_SUPPORT_LATER.match(body)):
            # "Trưởng Công an phường: Chỉ đạo lực lượng ...; phối hợp với Phòng Kinh tế ... kiểm tra ...": the body
            # that acts leads (as "X ..., phối hợp với Y" does), Y supports
            support, _ = take_name(m.group("support"))
            support = _name_to_end(m.group("support"), support) or support
            addressed = [a.name for a in found.assignees if a.role == ADDRESSED]
            leads = [a.name for a in found.assignees if a.role == LEAD]
            # (the first addressed, told to act at the start, when it directs the others: "Giao Ban Quản lý dự án
            # huyện yêu cầu đơn vị thi công khơi thông ...; phối hợp với UBND xã ... kiểm đếm thiệt hại")
            actor = head or (addressed if len(addressed) == 1 else addressed[:1] if found.explicit_at_start else [])
            if not actor and len(leads) == 1 and support and starts_with_head(support):
                found.add(split_assignees(support), SUPPORT)  # "X chủ trì tham mưu ...; phối hợp chặt chẽ với Y ..."
            elif actor and support and starts_with_head(support):
                found.assignees = [Assignee(a.name, LEAD) if a.name in actor and a.role == ADDRESSED else a
                                   for a in found.assignees]
                found.add(split_assignees(support), SUPPORT)
        if m := RE_LEADING_DIRECTS.match(body):
            # "Chỉ đạo Phòng Kinh tế chủ trì, ...": the addressee directs, the body it names acts
            directed, rest = take_name(body[m.end():])
            if directed and is_organisation(directed):
                _roles_after(found, split_assignees(directed), rest)
        asks = False
        for m in _giao(body):
            name, rest = take_name(body[m.end() : m.end() + NAME_SPAN])
            # ("đề nghị huyện tập trung ...": the unit asked by its level alone, named after the text's one of it below)
            names = [name] if name and RE_BARE_UNIT.fullmatch(name) else split_assignees(name) \
                if name and is_organisation(name) else []
            if names:
                _roles_after(found, names, rest)
                matched = matched or m.start() <= 2
                asks = found.asks = True
        for m in RE_DONE_BY.finditer(body):
            # the work first, then who does it: "Công tác bảo đảm an ninh ... do Công an tỉnh chủ trì, phối hợp với
            # Bộ Chỉ huy Quân sự tỉnh ... thực hiện" (not "phương án do Sở Nội vụ thẩm định": what another did)
            name, rest = take_name(body[m.end() : m.end() + NAME_SPAN])
            if name and is_organisation(name) and RE_DONE_ROLE.match(rest):
                _roles_after(found, split_assignees(name), rest)
                matched = matched or not asks
                found.asks = True
        # a sentence's subject is an assignee, unless it is the body that asks ("X đề nghị Y ..."); so is a clause's
        # after ";" that is told what to do ("...; các vị đại biểu HĐND tỉnh tiếp tục theo dõi ...")
        if not matched and (not asks or _directs_as_subject(body)) and starts_with_head(body) and (
                body[:1].isupper() or (not opening and _acting_clause(body))):
            name, rest = take_name(body)
            # (not a subject that only is something: "Tổ trưởng các Tổ công tác là lãnh đạo BĐBP tỉnh")
            if name and is_organisation(name) and not ((RE_ASKER.match(name) or RE_COUNCIL.match(name))
                                                       and RE_ISSUER_DECIDES.match(rest)) \
                    and not (rest.startswith("là ") and not RE_DUTY.match(rest)):
                _roles_after(found, split_assignees(name), rest)
                matched = True
                # after an opening that only reports ("Phường ... đã ổn định tổ chức bộ máy; Trung tâm ... tiếp nhận
                # 4.812 hồ sơ"), a subject and its verb go on reporting, unless bound to act ("X cần ...")
                found.asks = found.asks or (not RE_FACT.match(rest) and (not reported or bool(RE_BOUND.match(rest))))
        if opening:
            found.explicit_at_start = found.explicit_at_start or matched
            reported = not found.asks
            opening = False
    _one_of_them_leads(found, text)
    if not found.explicit_at_start and found.assignees and RE_WORK_FIRST.match(text.lstrip(POINT_MARKS)):
        # "Việc theo dõi, đôn đốc thực hiện Thông báo này giao Văn phòng UBND tỉnh thực hiện", "Công tác bảo đảm an
        # ninh ... do Công an tỉnh chủ trì ...": the work named first, then its own body; not the list's addressees'
        found.explicit_at_start = True
    found.due = next((value for label, value in fields if label.startswith("thời")), None)
    partnered = any("phối hợp" in label for label, _ in fields)
    for label, value in fields:
        if label.lower().startswith("thời"):
            continue  # "thời gian thực hiện: tháng 7/2025" is the task's time, its words no body's
        # "- Đơn vị thực hiện: X" beside "- Đơn vị phối hợp: Y": X leads the work Y supports
        role = LEAD if "chủ trì" in label else SUPPORT if "phối hợp" in label else \
            (LEAD if partnered else ADDRESSED) if "thực hiện" in label else None
        if role is not None and (names := split_assignees(value.strip(" .;"))):
            found.add(names, role)
            found.asks = found.explicit_at_start = True
    if "(" in text and (roles := _bracket_roles(text)):
        # "..., xong trước 30.6.2025 (Phòng Nội vụ chủ trì hướng dẫn; Văn phòng phối hợp)": the roles in brackets
        for names, role in roles:
            found.add(names, role)
        if head and all(role == SUPPORT for _, role in roles):
            # "- Sở Văn hóa, Thể thao và Du lịch: rà soát, ... (UBND các xã, phường nơi có trụ sở phối hợp; ...)": the
            # point's body leads the work the bracket's bodies support
            found.assignees = [Assignee(a.name, LEAD) if a.name in head and a.role == ADDRESSED else a
                               for a in found.assignees]
        found.asks = found.explicit_at_start = True
    return found


# a task's labelled lines, as a province's notices write them under each item ("- Cơ quan chủ trì: Sở Tài chính.",
# "- Đơn vị phối hợp: Sở Xây dựng, UBND các huyện ...", "- Thời gian hoàn thành: trước ngày 30/6/2025."), or the same
# in a bracket ("(Đơn vị chủ trì: Sở Xây dựng; đơn vị phối hợp: Sở Tài chính; thời gian: tháng 7/2025)")
RE_FIELD = re.compile(r"(?:^|(?<=[\n;(]))\s*[-+•]?\s*(?P<label>(?:[Cc]ơ quan|[Đđ]ơn vị)\s+"
                      r"(?:chủ trì|phối hợp|thực hiện)|[Tt]hời (?:gian|hạn)(?:\s+(?:hoàn thành|thực hiện))?"
                      r"|(?<=[-+•] )[Pp]hối hợp)\s*:\s*"  # "- Phối hợp: Sở Tài chính; ..." under "- Đơn vị thực hiện:"
                      # (a line's value runs over its ";" to the next label: "- Đơn vị phối hợp: Sở Tài chính; VNPT")
                      r"(?P<value>(?:[^\n;()]|;(?!\s*(?:[Cc]ơ quan|[Đđ]ơn vị|[Tt]hời (?:gian|hạn)"
                      r"|[Pp]hối hợp\s*:)))*)")


def _fields(text: str) -> list[tuple[str, str]]:
    """(label, value) of a task's labelled lines, the label in lower case."""
    return [(m.group("label").lower(), m.group("value").strip()) for m in RE_FIELD.finditer(text)]


# an item that names the work first, as a noun, before the body it gives it to
RE_WORK_FIRST = re.compile(r"(?:Việc|Công tác|Kinh phí|Nội dung|Vấn đề)\s")
# who does the work, after it: "... do Công an tỉnh chủ trì, phối hợp với ... thực hiện", "... do Sở Y tế thực hiện."
RE_DONE_BY = re.compile(r"(?<!\S)do\s+(?=[A-ZĐÂĂÊÔƠƯ])")
RE_DONE_ROLE = re.compile(r"chủ trì\b|thực hiện\s*(?:[.;,]|$)")


# a bracket that gives the roles: "(Phòng Tài chính - Kế hoạch chủ trì; Phòng Nội vụ phối hợp)", each part a body
# and its role, then what the role does ("chủ trì hướng dẫn, tổng hợp"); a part may give the time instead ("(Sở Xây
# dựng chủ trì; Sở Tài chính, UBND các xã phối hợp; hoàn thành trong tháng 6/2025)"), and a body may carry the work
# out under the lead ("(Sở Nội vụ chủ trì hướng dẫn; UBND các xã thực hiện)")
RE_BRACKET = re.compile(r"\(([^()]{3,300})\)")
RE_ROLE_PART = re.compile(r"(?P<names>[^;]+?)\s+(?P<role>chủ trì|phối hợp|thực hiện)\b")
RE_TIME_PART = re.compile(r"(?:(?:hoàn thành|xong|thực hiện|báo cáo|trình)\b|thời (?:gian|hạn)\b|trước\s|trong\s|"
                          r"chậm nhất\b|thường xuyên\b|định kỳ\b|hằng\s|hàng\s)", re.IGNORECASE)
BRACKET_ROLES = {"chủ trì": LEAD, "phối hợp": SUPPORT, "thực hiện": ADDRESSED}


def _bracket_roles(text: str) -> list[tuple[list[str], Role]]:
    """The bodies and roles a bracket gives, when each of its parts opens with a body and its role, or gives the
    work's time; one part at least names a body that leads or supports. So does a bracket whose parts each open
    with a body told what to do ("(Sở Tài chính tham mưu; UBND các xã, phường lập dự toán, gửi Sở Tài chính trước
    ngày 10/12/2025)"): each is addressed."""
    out: list[tuple[list[str], Role]] = []
    for m in RE_BRACKET.finditer(text):
        parts = [p.strip() for p in m.group(1).split(";") if p.strip()]
        found = [f if (f := RE_ROLE_PART.match(p)) and starts_with_head(f.group("names")) else None for p in parts]
        if all((f and is_organisation(f.group("names"))) or (not f and RE_TIME_PART.match(p))
               for f, p in zip(found, parts, strict=True)) \
                and any(f and f.group("role") != "thực hiện" for f in found):
            out += [(split_assignees(f.group("names")), BRACKET_ROLES[f.group("role")]) for f in found if f]
            continue
        acting = [take_name(p)[0] for p in parts if p[:1].isupper() and _acting_clause(p)]
        if acting and len(acting) == len(parts):
            out += [(split_assignees(name), ADDRESSED) for name in acting]
    return out


def _acting_clause(clause: str) -> bool:
    """A clause in lower case whose subject is a body told what to do: "các vị đại biểu HĐND tỉnh tiếp tục ..."."""
    name, rest = take_name(clause)
    return bool(name and is_organisation(name) and _imperative_re().match(rest) and not RE_FACT.match(rest))


# --- walking the document -------------------------------------------------------------


@dataclass
class _Context:
    intro: list[str] = field(default_factory=list)  # addressed by the sentence before the list
    group: list[str] = field(default_factory=list)  # addressed by a group heading
    group_number: str = ""  # that heading's number: its items are numbered under it
    group_due: Deadline | None = None  # the time that heading gives its items ("..., hoàn thành trong quý I/2026:")
    group_roles: list[Assignee] = field(default_factory=list)  # its lead and partners, when it names them
    due: Deadline | None = None  # the time the sentence introducing the list gives its items
    directing: str = ""  # the number of a group heading whose body directs ("2/ Ban cán sự đảng UBND tỉnh lãnh
    # đạo, chỉ đạo:"): that body is addressed by each item under it
    intro_directs: bool = False  # the sentence before the list directs ("Đề nghị Ban cán sự đảng UBND thành phố lãnh
    # đạo UBND thành phố ... sau:"): its body is addressed by each item, as a directing group heading's is
    in_tasks: bool = True
    result_heading: bool = False  # under a roman heading of results ("I. TÌNH HÌNH, KẾT QUẢ")
    task_heading: bool = False  # the section's heading says it holds tasks ("III. TỔ CHỨC THỰC HIỆN")
    judge: bool = False  # items follow "... kết luận như sau:": each is a task only if it asks a body to act
    listed: bool = False  # a sentence introduced a list of tasks ("... tập trung thực hiện các nội dung sau:")
    # a heading that says when, over the points due then ("1. Trước ngày 20/12/2025:", "**Thường xuyên**"): its number
    # ("*" for an unnumbered heading: the points up to the next heading) and its time (None: "Thường xuyên")
    time_number: str = ""
    time_due: Deadline | None = None

    def times(self, number: str) -> bool:
        """Whether a time heading stands over the task numbered ``number``."""
        return bool(self.time_number) and (self.time_number == "*" or number == self.time_number
                                           or number.startswith(self.time_number + "."))

    @property
    def addressees(self) -> list[str]:
        return self.group or self.intro


def _intro_names(text: str) -> list[str]:
    """Bodies a list-introducing sentence addresses: "... đề nghị X cần tập trung ... sau:", or its subject
    ("Các cấp ủy, chính quyền, Mặt trận Tổ quốc ... tập trung thực hiện tốt các nhiệm vụ sau:"), not the body
    that concludes or asks ("Ban Thường vụ Huyện ủy kết luận như sau:", "Chủ tịch UBND tỉnh yêu cầu:")."""
    for m in _giao(text):
        name, _ = take_name(text[m.end() : m.end() + NAME_SPAN])
        if name and is_organisation(name):
            return split_assignees(name)
    body = RE_TOPIC.sub("", text.strip())
    if (lead_in := _lead_in_re().match(body)) and starts_with_head(body[lead_in.end():]):
        body = body[lead_in.end():]
    if body[:1].isupper() and starts_with_head(body) and not RE_ASKER.match(body):
        name, rest = take_name(body)
        if name and is_organisation(name) and not RE_ASKS.match(rest):
            return split_assignees(name)
    return []


# what the issuer does in a sentence that introduces a list: it asks, it does not act
RE_ASKS = re.compile(r"(?:kết luận|chỉ đạo|yêu cầu|đề nghị|giao|thống nhất|ghi nhận|có ý kiến|cho ý kiến|thông báo)\b")


RE_ASKS_HEAD = re.compile(r"^(?:[Đđ]ề nghị|[Gg]iao|[Yy]êu cầu)\s+(?=\S)")


def _heading_text(text: str) -> str:
    """A group heading without its number and the words that only ask: "2. Đề nghị UBND tỉnh chỉ đạo ...:" ->
    "UBND tỉnh chỉ đạo ...", "Đối với MTTQ và các đoàn thể" -> "MTTQ và các đoàn thể"."""
    t = re.sub(r"^\d+(?:\.\d+)*[.)/]?\s+", "", text.strip(" :*"))  # a "#" heading keeps its number
    t = re.sub(r"^(?:Đối với|Riêng đối với)\s+", "", t, flags=re.IGNORECASE).strip(" :")
    # "2. Về nhiệm vụ thời gian tới, đề nghị UBND tỉnh Lào Cai tập trung chỉ đạo thực hiện:": the topic, then who asks
    # (or "1. Về kiến nghị của UBND phường ...: giao UBND phường ... thực hiện các nhiệm vụ sau, hoàn thành ...:")
    t = RE_TOPIC_THEN_ASKS.sub("", t, count=1)
    if (topic := RE_TOPIC.match(t)) and RE_ASKS_HEAD.match(t[topic.end():]):
        t = t[topic.end():]
    return RE_ASKS_HEAD.sub("", t)


RE_TOPIC_THEN_ASKS = re.compile(r"^Về\s[^,:;]{1,120},\s*(?=(?:[Đđ]ề nghị|[Gg]iao|[Yy]êu cầu)\s)")


def _heading_names(text: str) -> list[str]:
    """A group heading that names bodies: "Đối với MTTQ và các đoàn thể", "Ủy ban nhân dân thành phố:", "Đề nghị
    Ban cán sự đảng UBND quận lãnh đạo:"."""
    t = _heading_text(text)
    return split_assignees(_directing(t)) if is_organisation(t) else []


def _directing(head: str) -> str:
    """"Ban cán sự đảng UBND tỉnh lãnh đạo, chỉ đạo UBND tỉnh" (or "... chỉ đạo:" alone): the body ends at its
    predicate when another body, or nothing, follows it; "Ban Quản lý dự án đầu tư xây dựng ..." is one name."""
    name, after = take_name(head)
    other = next((m for m in re.finditer(r"(?<=\s)\S+", after) if m.group()[:1].isupper()), None)
    directs_only = RE_DIRECTS_ONLY.fullmatch(after.strip(" :*")) or RE_ONLY_CARRIES_OUT.fullmatch(after.strip(" :*"))
    # "UBND tỉnh chỉ đạo các cơ quan, địa phương thực hiện ... sau": the body directs every unit named after it
    directs_all = (m := RE_DIRECTS.match(after)) and starts_with_head(after[m.end():])
    return name if name and ((other and starts_with_head(after[other.start():])) or directs_only or directs_all) \
        else head


RE_DIRECTS_ONLY = re.compile(r"lãnh đạo\s*,?\s*chỉ đạo|lãnh đạo|chỉ đạo")
# "... UBND tỉnh Lào Cai tập trung chỉ đạo thực hiện:" over its points: verbs that only say the points are carried out
RE_ONLY_CARRIES_OUT = re.compile(r"(?:(?:tập trung|khẩn trương|tiếp tục|chủ động)\s+)?(?:lãnh đạo\s*,?\s*)?"
                                 r"(?:chỉ đạo\s*)?(?:triển khai\s*)?thực hiện"
                                 r"(?:\s+(?:tốt\s+)?(?:các nội dung|các nhiệm vụ)(?:\s+sau)?|\s+như sau)?"
                                 r"(?:\s*,\s*(?:hoàn thành|xong)\b[^:;]*)?")  # "..., hoàn thành trong quý I/2026"


def _directs_heading(text: str) -> bool:
    """A group heading whose body directs those of the items under it ("2/ Ban cán sự đảng UBND tỉnh lãnh đạo, chỉ
    đạo:"): that body is addressed by every item, though the item names the body that acts."""
    _, after = take_name(_heading_text(text))
    return bool(RE_DIRECTS.match(after) or RE_DIRECTS_ONLY.fullmatch(after.strip(" :*")))


RE_FOR = re.compile(r"^(?:Riêng\s+)?(?:[Đđ]ối với|[Rr]iêng)\s+(?=\S)")


def _item_head(block: Block) -> tuple[list[str], str]:
    """An item's own heading body ("Thường trực HĐND thị xã: ..." or alone on its line)."""
    text = RE_FOR.sub("", block.text)  # "1. Đối với Ban cán sự đảng UBND tỉnh:", with its work under it
    if (asked := RE_ASKS_BODY_ALONE.fullmatch(text.strip(" *"))) and is_organisation(asked.group("body")) \
            and take_name(asked.group("body"))[0] in ("", asked.group("body").strip()):
        # "(2) Chỉ đạo Ban Quản lý Quần thể ...:" over its points: the body alone, no verb of its own ("Đề nghị UBND
        # huyện chỉ đạo:" names who directs the points, and is read with them)
        return split_assignees(asked.group("body")), ""
    listed = re.match(r"([^:\n]{1,200}:[^:\n]{1,300}):(.*)$", text, re.DOTALL)
    if listed and (names := expand_list(listed.group(1))):  # "Ban Thường vụ Đảng ủy các xã: An Khê, An Bình:"
        return names, listed.group(2).strip()
    head, sep, rest = text.partition(":")
    if sep and RE_LEADS.match(take_name(head)[1]):
        return [], text  # "a. Ban Tổ chức chủ trì, phối hợp với Văn phòng:": the roles are read with the text
    if sep and is_organisation(head) and len(head.split()) <= 25:
        return split_assignees(_directing(head)), rest.strip()
    text = text.rstrip(" ;,.")  # "Các chi bộ, đảng bộ trực thuộc;" with its work on the lines under it
    body = RE_ASKS_FIRST.sub("", text)  # (or asked: "7. Đề nghị Ngân hàng ... - Chi nhánh tỉnh Đồng Tháp")
    if not sep and is_organisation(body) and len(body.split()) <= 25 and not re.search(r"[.;]", body):
        name, _ = take_name(body)
        if not name:  # no predicate: the whole line is the body's name
            return split_assignees(body), ""
    return [], text


def _point_body(point: str) -> list[str]:
    """The body a point of a list opens with: "- Phòng Văn hóa - Xã hội: xây dựng ...", "- Sở A chủ trì ...",
    "- Giao UBND huyện chỉ đạo ...", or gives the work to after the meeting's decision ("- Thống nhất tổ chức Hội Xuân
    ...; giao Phòng Văn hóa - Xã hội xây dựng kế hoạch ...")."""
    text = point.strip(POINT_MARKS)
    if _opens_with(text, "decisions") and (decided := RE_DECISION_THEN.match(text)):
        text = _capital(text[decided.end():])
    text = RE_ASKS_FIRST.sub("", text)
    head, sep, _ = text.partition(":")
    if sep and is_organisation(head) and len(head.split()) <= 25:
        return split_assignees(head)
    if sep and RE_UNIT_BY_NAME.fullmatch(head.strip()):
        return [n.strip() for n in re.split(r",\s*|\s+và\s+", head.strip())]  # "+ Xã Kim Hoa: ...": the commune
    if _issuer_decides(text):
        return []  # "- Ủy ban nhân dân Thành phố thống nhất thông qua ...": the meeting's decision, no body's task
    name, _ = take_name(text)
    return split_assignees(name) if text[:1].isupper() and name and is_organisation(name) else []


# a commune named by its unit and name before a point's colon ("+ Xã Kim Hoa:", "- Phường 1, Phường 2:", "+ Thị
# trấn Phố Châu:"): its authorities, told what to do
_UNIT_NAME = (r"(?:[Xx]ã|[Pp]hường|[Tt]hị trấn|[Đđ]ặc khu)\s+[A-ZĐÂĂÊÔƠƯ0-9][^\s,:;]*"
              r"(?:\s+[A-ZĐÂĂÊÔƠƯ0-9][^\s,:;]*){0,3}")
RE_UNIT_BY_NAME = re.compile(rf"{_UNIT_NAME}(?:(?:,\s*|\s+và\s+){_UNIT_NAME})*")
# an item that only asks or directs a body, over its points: "(2) Chỉ đạo Ban Quản lý Quần thể danh thắng Tràng An:"
RE_ASKS_BODY_ALONE = re.compile(r"(?:Chỉ đạo|Giao|Đề nghị|Yêu cầu)\s+(?P<body>[^:;.]{2,150}):")
# the word that asks, before the body a point names: "- Giao UBND huyện ...", "- Đề nghị Ủy ban MTTQ ..."
RE_ASKS_FIRST = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu)\s+")
# a heading's name of a class of bodies, not of one: "các cơ quan của huyện", "những đơn vị liên quan"
RE_CLASS_OF_BODIES = re.compile(r"(?:các|những)\s", re.IGNORECASE)


def _own_points(item: Block, head: list[str], parts: list[str], each: bool = False) -> list[tuple[list[str], str]]:
    """An item that only introduces points, each opened by its own body ("Giao các cơ quan sau thực hiện:" then
    "- Phòng A: ...", "- Trung tâm B: ..."): a task per point, numbered as the item. Points under an item that
    names its body ("1. Phòng Giáo dục và Đào tạo:" then "- ...") are that body's one task; under one that names a
    class of bodies ("3. Đối với các cơ quan của huyện:"), each point opened by its own body is a task of its own."""
    if len(parts) > 1 and (topic := RE_TOPIC.match(parts[0])) and parts[0][topic.end():].strip() \
            and not _is_intro(parts[0]):
        # "4. Về cấp nước ...: Đề nghị Chi nhánh Cấp nước ... tăng cường ..." over points: the topic, then its sentence
        parts = [parts[0][:topic.end()].strip(), parts[0][topic.end():].strip(), *parts[1:]]
    if item.kind != BlockKind.ITEM or len(parts) < 2 or not (
            _is_intro(parts[0]) or _title_only(parts[0])):  # "3. Tổ chức thực hiện" over its points
        return []
    # (nor under one that names several, "3.2.3. Đối với Ủy ban MTTQ tỉnh và các tổ chức chính trị - xã hội tỉnh:",
    # whose points each open with one of them)
    if head and len(head) == 1 and not RE_CLASS_OF_BODIES.match(head[0]) and not each:
        return []  # (an appendix's list by body, "1. Sở Tài chính" over "- ... (trước ngày ...)": each line a task)
    # a paragraph that only assesses, between the item's title and its points ("2. Dự án Khu tái định cư ...:" then
    # "Hạ tầng kỹ thuật ... cơ bản hoàn thành ..." then "- UBND thành phố: ..."), is the item's, no point; so is
    # one that ends introducing them ("..., đồng chí Phó Chủ tịch UBND huyện yêu cầu:")
    first, asking = None, None  # the first point, or the first part that asks (what it names, read once)
    for i, p in enumerate(parts[1:], 1):
        if p.startswith(POINT_STARTS):
            first = i
            break
        read = assignees_in(p)
        if read.asks and not (_is_intro(p) and parts[i + 1 : i + 2] and parts[i + 1].startswith(POINT_STARTS)):
            first, asking = i, read
            break
    if first is None or (first > 1 and asking is not None):
        return []
    prose: list[tuple[list[str], str]] = []
    if asking is not None and len(parts) > first + 1 and not _is_intro(parts[first]) and asking.explicit_at_start:
        # "4. Về cấp nước ...:" then "Đề nghị Chi nhánh Cấp nước ... tăng cường ..." then "- Phường 1, Phường 2: ...":
        # the sentence that names its own body is a task of its own, before its points
        prose, first = [([], parts[first])], first + 1
    points = _with_sub_points(parts[first:])
    if not all(p.startswith(POINT_STARTS) for p in points):
        return []
    bodies = [_point_body(p) or (head if each else []) for p in points]
    # a point that is the meeting's decision ("=> Thống nhất tạm sử dụng trụ sở ...", "* CT thống nhất: ...") names
    # no body and is no task
    decided = [not names and (_opens_with(RE_TOPIC.sub("", p.lstrip(POINT_MARKS), count=1), "decisions")
                              or _issuer_decides(p))  # (after its topic: "- Về đề nghị ...: thống nhất miễn ...")
               for names, p in zip(bodies, points, strict=True)]
    if not any(bodies) or not all(names or d for names, d in zip(bodies, decided, strict=True)):
        return []
    directing = _heading_names(parts[0]) if _directs_heading(parts[0]) else []
    return prose + [(directing + names, p.strip(POINT_MARKS)) for names, p in zip(bodies, points, strict=True)
                    if names and not _only_records(p)]


def _only_records(point: str) -> bool:
    """"+ Xã Sơn Trung: đã được UBND tỉnh công nhận đạt chuẩn ...", "- Tổng công ty cam kết hoàn thành ...": a point
    that records what its body did or promised, asking nothing, is no task."""
    _, sep, rest = point.partition(":")
    if not sep:  # (its subject first: only what it did or promised, not "X được phân công chỉ đạo ...")
        rest = take_name(point.lstrip(POINT_MARKS))[1]
    rest = rest.strip()
    return bool((RE_FACT if sep else RE_DONE_OR_PROMISED).match(rest)) and not assignees_in(rest).asks


RE_DONE_OR_PROMISED = re.compile(r"(?:đã|cam kết|sẽ)\b")  # (and what one who concludes says he will do: "sẽ kiểm tra")


# an item that only names its topic: "1. Về Đề án ...:", "2. Về công tác cán bộ:"
RE_TOPIC_ITEM = re.compile(r"(?:Về|Đối với)\s[^:;]{1,240}:", re.IGNORECASE)
# a decision of the issuer before an assignment in one sentence: "Ban Thường vụ ... thống nhất chủ trương ...; giao X"
RE_DECIDED_THEN = re.compile(r"^[^;]*?\bthống nhất\b[^;]*;\s*(?=[Gg]iao\s)")
# a point that opens with the meeting's decision, then gives the work: "- Thống nhất tổ chức Hội Xuân ...; giao ..."
RE_DECISION_THEN = re.compile(r"^[^;]*;\s*(?=[Gg]iao\s)")


def _topic_assignments(item: Block, head: list[str], parts: list[str]) -> list[tuple[list[str], str]]:
    """An item that only names a topic, over paragraphs of the meeting's decisions ("Ban Thường vụ Thành ủy thống
    nhất ...") and assignments ("Giao Ban Tổ chức Thành ủy ..."): each assignment is a task, numbered as the item;
    a decision is none. Nothing when the paragraphs hold no assignment (the item is read as before). Each comes with
    the person its paragraph is about when it asks that person as "đồng chí" alone ("Đối với đồng chí Trần Văn
    Cường, ...: chưa đến mức ...; yêu cầu đồng chí nghiêm túc kiểm điểm")."""
    if item.kind != BlockKind.ITEM or head or len(parts) < 2:
        return []
    whole = False
    if RE_TOPIC_ITEM.fullmatch(parts[0].strip(" *")) or (re.match(r"(?:Về|Đối với)\s", parts[0].strip(" *"))
                                                          and _title_only(parts[0])):
        # (or a topic alone on its line with no colon: "5. Về kết quả kiểm tra tình hình ô nhiễm ... đầm Nại")
        paragraphs = parts[1:]
    elif _is_intro(parts[0]) and sum(bool(RE_TOPIC.match(p)) for p in parts[1:]) >= 2:
        # "2. ... yêu cầu tập trung thực hiện tốt các nội dung sau:" over "Về X: <assignment>" paragraphs, a topic
        # alone over "-" points
        paragraphs = [RE_TOPIC.sub("", p) for p in parts[1:] if not RE_TOPIC.fullmatch(p.strip())]
        whole = True  # each topic's words, and each point under a topic alone, an assignment from the first
    else:
        return []
    found = []
    for paragraph in paragraphs:
        # (a paragraph whose subject is told what to do is an assignment from its first word: "Đảng ủy UBND tỉnh lãnh
        # đạo UBND tỉnh chỉ đạo Sở ... chủ trì ...")
        for assignment in _assignments(paragraph, whole=whole or paragraph.startswith(POINT_STARTS)
                                       or _acting_subject(_sentences(paragraph)[0])):
            if RE_ASKER.match(assignment):
                assignment = RE_DECIDED_THEN.sub("", assignment, count=1)
            if not (RE_ASKER.match(assignment) and " giao " not in f" {assignment} ".lower()):
                person = RE_FOR_PERSON.search(paragraph) if RE_COMRADE_ALONE.search(assignment) else None
                found.append(([person.group("person")] if person else [], assignment))
    return found


def _title_only(text: str) -> bool:
    """An item that only titles what follows: a few words, no sentence ("3. Tổ chức thực hiện", "1. Công tác phòng,
    chống dịch bệnh"), or a longer name that asks nothing (a field visit's "1. Dự án đầu tư xây dựng tuyến đường
    Vành đai 3 (đoạn từ Quốc lộ 2C đến Đường tỉnh 302)" over its status and its "Giao:" points)."""
    t = text.strip(" *")
    if re.search(r"[.;:!?]", t):
        return False
    # (a topic, "Về dự thảo Nghị quyết ... quy định chính sách hỗ trợ ...", may run longer)
    words = TOPIC_TITLE_WORDS if RE_FOR_TOPIC.match(t) else TITLE_WORDS
    return len(t.split()) <= 8 or (len(t.split()) <= words and not assignees_in(t).asks)


TITLE_WORDS = 40  # the most words of a name that only titles what follows ("1. Dự án ...")
TOPIC_TITLE_WORDS = 60  # and of a topic that does ("2. Về dự thảo Nghị quyết của HĐND ... quy định ...")


def _with_sub_points(points: list[str]) -> list[str]:
    """Points with their "+" sub-points joined to the "-" point above them, when the list has both kinds."""
    if not any(p[:1] == "+" for p in points) or (points[:1] and points[0][:1] == "+"):
        return points
    out: list[str] = []
    for p in points:
        if p[:1] == "+" and out:
            out[-1] += "\n" + p
        else:
            out.append(p)
    return out


def _is_intro(text: str) -> bool:
    return text.rstrip(" *").endswith(":")


def _assessment_title(text: str) -> bool:
    """A numbered line that only titles an assessment ("1. Đánh giá chung", "1. Kết quả đạt được"): no task; its
    first line, when a copy ran the assessment on under it with no blank line ("1/ Đánh giá chung" / "Tháng 11/2025,
    các chi bộ ...")."""
    t = text.split("\n", 1)[0].strip(" *")
    return (len(t.split()) <= 8 and not re.search(r"[.;:!?]", t) and _cue(t, "result_cues")
            and not _cue(t, "task_cues")) or _aims_title(t)


def _aims_title(text: str) -> bool:
    """A title that only names the principles or the targets ("II. QUAN ĐIỂM, MỤC TIÊU", "2. Mục tiêu cụ thể:"):
    what it holds is aimed at, no body's task, and its years are no deadlines."""
    return bool(_aims_re().fullmatch(_folded(text.strip(" *:"))))


@cache
def _aims_re() -> re.Pattern[str]:
    words = "|".join(re.escape(fold(w).casefold()) for w in knowledge.genre()["aims"])
    return re.compile(rf"(?:(?:{words})(?:\s+(?:chung|cu the|chu yeu|tong quat))?(?:\s*,\s*|\s+va\s+)?)+")


def _table_columns(header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = fold(cell).casefold()
        if "chu tri" in key:
            cols.setdefault("lead", i)
        elif "phoi hop" in key:
            cols.setdefault("support", i)
        elif "thoi han" in key or "thoi gian" in key or "han hoan thanh" in key:
            cols.setdefault("deadline", i)
        elif "chi dao" in key or "y kien" in key or "giai quyet" in key or "tra loi" in key:
            cols.setdefault("directive", i)  # "Ý kiến chỉ đạo", "Hướng giải quyết" beside the request
        elif "noi dung" in key or "nhiem vu" in key or "cong viec" in key or "kien nghi" in key:
            cols.setdefault("text", i)
        elif "thuc hien" in key or "don vi" in key or "co quan" in key:
            cols.setdefault("addressed", i)
        elif key in ("stt", "tt", "so tt"):
            cols.setdefault("number", i)
        elif "ghi chu" in key:
            cols.setdefault("note", i)  # "Ghi chú": what the row's task cites or where its report goes
    return cols


# "Sở Tài chính (chủ trì)", "UBND huyện phối hợp", "Công an tỉnh (đề nghị phối hợp)": the role written after a name
# (and "Sở XD, CA tỉnh (đồng chủ trì)": both lead)
RE_CELL_ROLE = re.compile(r"^(?P<names>.+?)\s*\(?\s*(?:đề nghị\s+|đồng\s+)?(?P<role>chủ trì|phối hợp)\s*\)?$",
                          re.IGNORECASE)


# a cell's labelled roles, one column for all: "Chủ trì: CA tỉnh; Phối hợp: BCHQS tỉnh, Sở XD"
RE_CELL_LABEL = re.compile(r"^(?:(?:cơ quan|đơn vị)\s+)?(?P<role>chủ trì|phối hợp)\s*:\s*", re.IGNORECASE)
# what a body does, in brackets after its name, other than a role: "Sở NN&MT (hướng dẫn, kiểm tra)"
RE_CELL_ACTIVITY = re.compile(rf"\s*\((?![^()]*(?:chủ trì|phối hợp|cũ\)))[{LOWER}][^()]*\)\s*$")
RE_CELL_LINE = re.compile(r"\s*\n\s*(?P<place>[^;,\n]{2,40})(?=\s*(?:[;,\n]|$))")


@cache
def _places() -> frozenset[str]:
    """The provinces' and towns' names (data/localities.yml and the current list), which end a body's name."""
    return frozenset(provinces()) | frozenset(towns())


def _cell_assignees(cell: str, role: str) -> list[Assignee]:
    """The bodies of a table's cell, each with the role the column gives, or the one written after it ("Sở Giao
    thông vận tải chủ trì; UBND huyện phối hợp", "Sở Tài chính (chủ trì), Sở Xây dựng (phối hợp)")."""
    out: list[Assignee] = []
    if "\n" in cell:
        # "Công ty Cổ phần Môi trường và Dịch vụ đô thị" / "Thái Bình; UBND ...": a name wrapped before its place,
        # which no body's name begins with
        cell = RE_CELL_LINE.sub(lambda m: f" {m.group('place')}" if m.group("place").strip() in _places()
                                else m.group(), cell)
    for piece in re.split(r"\s*[;\n]\s*|(?<=\))\s*,\s*|(?<=chủ trì)\s*,\s*|(?<=phối hợp)\s*,\s*", cell):
        piece = piece.strip(" .,")
        if m := re.match(r"phối hợp\s+(?:với\s+)?(?=\S)", piece, re.IGNORECASE):  # "X chủ trì, phối hợp Y"
            out += [Assignee(n, SUPPORT) for n in split_assignees(piece[m.end():].strip(" ,"))]
            continue
        if m := RE_CELL_LABEL.match(piece):  # "Chủ trì: CA tỉnh;" / "Phối hợp: BCHQS tỉnh, Sở XD"
            own = LEAD if m.group("role").lower() == LEAD else SUPPORT
            out += [Assignee(n, own) for n in split_assignees(piece[m.end():].strip(" ,"))]
            continue
        m = RE_CELL_ROLE.match(piece)
        names, own = (m.group("names"), LEAD if m.group("role").lower() == LEAD else SUPPORT) if m else (piece, role)
        out += [Assignee(n, own) for n in split_assignees(RE_CELL_ACTIVITY.sub("", names).strip(" ,"))]
    if role == ADDRESSED and any(a.role == LEAD for a in out):
        # one column for every role, only the lead marked ("Sở VHTT&DL (chủ trì); Sở TC, CA tỉnh"): the others support
        out = [replace(a, role=SUPPORT) if a.role == ADDRESSED else a for a in out]
    elif role == ADDRESSED and any(a.role == SUPPORT for a in out):
        # and only the partners marked ("Sở NN&MT; UBND phường Sa Pa, UBND xã Bắc Hà (phối hợp)"): the others lead
        out = [replace(a, role=LEAD) if a.role == ADDRESSED else a for a in out]
    return out


def _table_tasks(block: Block, doc_id: str, known: Catalogue, today: str | None = None,
                 carry: dict[str, object] | None = None) -> list[Task]:
    """The tasks of a table's rows. ``carry`` holds, from one table to the next, the header and the lead cell merged
    down the rows: a PDF's table that runs on to the next page is a table of its own there, under its header again."""
    if len(block.rows) < 2:
        return []
    cols = _table_columns(block.rows[0])
    if "text" not in cols:
        return []
    tasks = []
    section = block.section
    bodies = [c for c in ("lead", "support", "addressed") if c in cols]
    # a Word table's cell merged down over rows ("Sở Tài chính" beside rows 1 to 3) is saved in its first row only:
    # a numbered row whose lead (or "thực hiện") cell is empty has the one above it, within its group
    first_body = next((c for c in ("lead", "addressed") if c in cols), None)
    header = [" ".join(c.split()) for c in block.rows[0]]
    merged = str(carry.get("merged", "")) if carry is not None and carry.get("header") == header else ""
    group_body = str(carry.get("group", "")) if carry is not None and carry.get("header") == header else ""
    for i, row in enumerate(block.rows[1:]):
        if [" ".join(c.split()) for c in row] == header:
            continue  # the header again, where a PDF's table runs on to the next page
        def cell(name: str, row: list[str] = row) -> str:
            return row[cols[name]].strip() if name in cols and cols[name] < len(row) else ""

        text = cell("text")
        if text and cell("directive"):  # "Nội dung kiến nghị" beside "Ý kiến chỉ đạo": what is asked first (the task
            text = f"{cell('directive')}\n\n{text}"  # table's excerpt shows it), then the request it answers
        mark = row[0].strip(" .*_") if row else ""  # the row's number, bold or not ("**A**")
        if not text or _group_row(mark, text, [cell(c) for c in ("lead", "support", "addressed", "deadline")]):
            if text and re.fullmatch(r"[IVX]+", mark):
                section = mark  # "I | Lĩnh vực đất đai": the rows under it are of section I
            merged, group_body = "", _group_body(text) if text else ""
            continue
        if bodies and not any(cell(c) for c in (*bodies, "deadline")):
            if not mark and tasks and not any(c.strip() for j, c in enumerate(row) if j != cols["text"]):
                # "|  | khách, bến thủy nội địa, ... |  |  |  |": a web table's cell wrapped onto a row of its own,
                # nothing but the words that go on with the row above
                last = tasks[-1]
                last.text = f"{last.text} {text}"
                last.references = _symbols(last.text, known)
            continue  # a row that names no body and no date (an answer to a request, a fact): no task
        if first_body and cell(first_body):
            merged = cell(first_body)
        elif first_body and (group_body or merged) and mark:
            # (under a group row that names a body, "| II | SỞ TÀI CHÍNH | | |", an empty lead cell is that body's:
            # its rows are the body's tasks, a lead written on one of them that row's own)
            row = list(row) + [""] * (cols[first_body] + 1 - len(row))
            row[cols[first_body]] = group_body or merged
        # "Đơn vị thực hiện" beside "Đơn vị phối hợp": the body that carries the work out leads it (as the labelled
        # lines "- Đơn vị thực hiện: X" / "- Đơn vị phối hợp: Y" read)
        assignees = _cell_assignees(cell("lead", row), LEAD) \
            + _cell_assignees(cell("addressed", row), LEAD if "support" in cols else ADDRESSED) \
            + _cell_assignees(cell("support", row), SUPPORT)
        if first_body and not cell(first_body, row) and mark:
            # no lead cell and no group's body ("| 14 | Công an tỉnh bảo đảm an ninh ... | | UBND các xã |"): the
            # bodies the task's own words name, the one it opens with leading where the table has a lead column
            named = assignees_in(text).assignees
            lead_column = "lead" in cols or "support" in cols
            assignees = [replace(a, role=LEAD) if lead_column and a.role == ADDRESSED and i == 0 else a
                         for i, a in enumerate(named)] + assignees
        deadline = parse_deadline_cell(cell("deadline"), today)
        number = block.row_numbers[i] if i < len(block.row_numbers) else ""
        anchor = block.row_anchors[i] if i < len(block.row_anchors) else block.anchor
        tasks.append(Task(
            id=f"{doc_id}-{anchor}", number=number, section=section, text=text, assignees=assignees,
            deadline=deadline.iso if deadline else None, deadline_text=deadline.text if deadline else None,
            references=_symbols(f"{text}\n{cell('note')}", known), anchor=anchor, line=block.line,
        ))
    if carry is not None:
        carry.update(header=header, merged=merged, group=group_body)
    return tasks


# a heading that only says when: "Trước ngày 20/12/2025:", "Từ nay đến ngày 31/12/2025:", "Trong tháng 01/2026:",
# "Trước Tết Nguyên đán Bính Ngọ:", "Thường xuyên:"
RE_TIME_HEADING = re.compile(r"(?:Trước|Trong|Từ nay|Từ nay đến|Đến|Chậm nhất|Hoàn thành trước|Thường xuyên|Hằng|"
                             r"Hàng|Định kỳ|Ngay|Quý|Tháng|Năm|Tuần|Giai đoạn|Sau)\b", re.IGNORECASE)
TIME_HEADING_WORDS = 12


def _time_heading(text: str, today: str | None) -> tuple[bool, Deadline | None] | None:
    """(True, its time) for a heading that only says when its points are due ("1. Trước ngày 20/12/2025:"; None as
    the time of "Thường xuyên:"), None for any other."""
    head = text.strip(" *_\n")
    if not head.endswith(":") and "\n" in head:
        return None
    head = head.rstrip(" :*_")
    if len(head.split()) > TIME_HEADING_WORDS or not RE_TIME_HEADING.match(head) or any(
            is_organisation(w) for w in re.split(r"[,;]", head)):
        return None
    due = parse_deadline_cell(head, today)
    if due is None and not RE_OWN_TIME.search(head):
        return None  # "Trong quá trình thực hiện:": no time it names
    return True, due


RE_SPAN_FROM = re.compile(r"\btừ\b")
RE_SPAN_TO = re.compile(r"\b(?:đến|tới)\b")


RE_BRACKETED = re.compile(r"\([^()]*\)?")


def _span_brackets(text: str) -> list[tuple[int, int]]:
    """The brackets that give a span of days ("(từ ngày 14/02/2026 đến hết ngày 22/02/2026)"), in order: found in one
    pass, however many dates a text holds."""
    return [m.span() for m in RE_BRACKETED.finditer(text)
            if (f := RE_SPAN_FROM.search(m.group(0))) and RE_SPAN_TO.search(m.group(0), f.end())]


def _in(spans: list[tuple[int, int]], at: int) -> bool:
    k = bisect.bisect_right(spans, (at, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= at < spans[k][1]


# a group row that names no one body but the rest: "V | CÁC CƠ QUAN, ĐƠN VỊ KHÁC", whose rows name their own
_KINDS_OF_BODY = r"(?:cơ quan|đơn vị|ngành|địa phương)"
RE_OTHER_BODIES = re.compile(rf"(?:các\s+)?{_KINDS_OF_BODY}(?:[\s,]+{_KINDS_OF_BODY})*\s+(?:khác|còn lại|liên quan)\b",
                             re.IGNORECASE)


def _group_body(text: str) -> str:
    """The body a table's group row names ("SỞ XÂY DỰNG", "**UBND CÁC XÃ, PHƯỜNG**"), in the case of running text, or ""
    for a field ("Lĩnh vực đất đai") or the other bodies' group."""
    name = " ".join(text.strip(" *_").split())
    name = _capital(citation_case(name))
    if RE_OTHER_BODIES.match(name) or not is_organisation(name) or len(name.split()) > NAME_WORDS // 4:
        return ""
    return name


def _group_row(mark: str, text: str, others: list[str]) -> bool:
    """A row that only heads the rows under it ("| **A** | **Đầu tư hạ tầng ...** | | | |"): no body, no deadline,
    and its text bold as a whole or its number (``mark``) a letter or a roman numeral where the tasks' are digits."""
    if any(others):
        return False
    bold = text.startswith(("**", "__")) and text.endswith(("**", "__")) and len(text) > 4
    return bold or bool(re.fullmatch(r"[A-ZĐ]|[IVX]+", mark))


def _symbols(text: str, known: Catalogue) -> list[str]:
    found = [c.symbol for c in find_citations(text)] + [c.symbol for c in resolve_short_forms(text, known)]
    return list(dict.fromkeys(found))


def _block_text(block: Block) -> str:
    if block.kind == BlockKind.BULLET:
        return f"{block.marker} {block.text}"
    return block.text


def read_tasks(blocks: list[Block], doc_id: str, source: str, known_symbols: Iterable[str] | Catalogue,
               today: str | None = None, issued: str | None = None) -> tuple[list[Task], list[Diagnostic]]:
    """Every task of the document, in order, and warnings about those it could not read; ``today`` is the
    document's date, for a deadline written without its year; ``issued`` the notice's, for "ngay trong tuần"."""
    if not isinstance(known_symbols, Catalogue):
        known_symbols = Catalogue(known_symbols)  # once, not once per task
    tasks: list[Task] = []
    warnings: list[Diagnostic] = []
    ctx = _Context()
    has_items = any(b.kind == BlockKind.ITEM for b in blocks)
    current: tuple[Block, list[str], list[str]] | None = None  # item, head names, text parts
    skipping = False  # inside an item that is not a task (an assessment, or outside task sections)
    conclusion = None if has_items else _conclusion_starts(blocks)  # prose: where the conclusion is reported
    listing: list | None = None  # [the paragraph that introduces a list ("... chỉ đạo:"), bullets taken]

    carried: list[str] = []  # in a list of points, the body of the last point that named one
    table_carry: dict[str, object] = {}  # a table's header and merged lead cell, for its next page's part

    def close(part: int = 0, carry: bool = False, cited: tuple[str, ...] = ()) -> None:
        """``cited``: the documents the item's title cites, which each of its points' tasks implements ("1/ Làm
        sạch dữ liệu đất đai (theo KH số 215/KH-UBND ...):" over its points)."""
        nonlocal current, carried, list_start
        if current is None:
            return
        item, head, parts = current
        current = None
        tail_at = max(0, len(parts[-1]) - FOLLOW_UP_TAIL) if parts else 0  # (its last words only: linear)
        if item.kind == BlockKind.ITEM and item.line == last_item and parts and \
                (fu := RE_ASKS_AFTER.search(parts[-1], tail_at)) and _follow_up_re().search(fu.group("sentence")) \
                and not _follow_up_re().search(parts[-1][: fu.start()]):
            # "... trong dự toán ngân sách năm 2026. Giao Văn phòng UBND tỉnh theo dõi, đôn đốc ... Thông báo này.", a
            # copy's line run on into the last item: the follow-up, a task of its own (its id's part apart from the
            # item's), no part of the item
            current = (item, head, [*parts[:-1], parts[-1][: fu.start()].rstrip()])
            close(part, carry, cited)
            current = (replace(item, number=""), [], [fu.group("sentence")])
            close(part + FOLLOW_UP_PART)
            return
        if item.kind == BlockKind.ITEM and item.number and not head and len(parts) == 1 \
                and (inline := _inline_points(parts[0])):
            # "1. Về công tác chính trị, tư tưởng: ...: (i) Ban Tuyên giáo ... chủ trì ...; (ii) Văn phòng ...": a task
            # per point that names its own body, numbered under the item ("1.i")
            for i, (label, point) in enumerate(inline):
                current = (replace(item, number=f"{item.number}.{label}"), [], [point])
                close(part + i)
            return
        if points := _own_points(item, head, parts, each=bool(appendix_at) and item.line > appendix_at):
            title = tuple(_symbols(parts[0], known_symbols))
            for i, (names, point) in enumerate(points):  # "2. Giao các cơ quan sau: - Phòng A: ...; - Phòng B: ..."
                current = (item, names, [point])
                close(part + i, cited=title)
            return
        if topics := _topic_assignments(item, head, parts):
            title = tuple(_symbols(parts[0], known_symbols))
            for i, (person, assignment) in enumerate(topics):  # "1. Về Đề án ...:" then decisions and "Giao ..."
                current = (item, person, [assignment])
                close(part + i, cited=title)
            return
        if item.kind == BlockKind.ITEM and len(parts) == 1 and (
                RE_TOPIC_ITEM.fullmatch(parts[0].strip(" *"))
                or (RE_FOR_TOPIC.match(parts[0].strip(" *")) and _title_only(parts[0]))):
            # "a) Về quy hoạch:" over its "(1)", "(2)" items, "2. Về giải quyết chế độ, chính sách ..." (no colon) over
            # its letters: a topic, whose points are the tasks
            return
        amended = _amendment(parts) if item.kind == BlockKind.ITEM and parts else None
        if amended is not None and not amended.task:
            return  # "3. Bãi bỏ nội dung tại điểm c ...", "8. Các nội dung khác ... giữ nguyên giá trị": no task
        if amended is not None and amended.parts:
            # "1. Sửa đổi điểm b ... Thông báo số 214 như sau:", the new wording in force: the task, which implements
            # the notice it amends
            cited = tuple(dict.fromkeys([*cited, *_symbols(parts[0], known_symbols)]))
            parts = amended.parts
        text = "\n\n".join(p for p in parts if p)
        shared_due = None
        if item.line in lists_end and (after := RE_SHARED_DUE_AFTER.search(text)) and list_start is not None:
            # "7. ... không để đất bỏ hoang." / "Các nội dung nêu trên hoàn thành trước ngày 31/12/2025, ...", a copy's
            # line under the last item: the list's time, not the item's words
            shared_due = next(iter(find_deadlines(text[after.start():].split(",")[0], today, issued or today)), None)
            text = text[: after.start()].rstrip()
        if (last := _sentences(text)[-1:]) and last[0] != text and _closing(last[0]) and text.endswith(last[0]):
            # "... tháng 12/2024." then, hard-wrapped into the last item, "UBND huyện thông báo để các cơ quan ... biết,
            # thực hiện./.": the closing formula, no part of the task
            text = text[: -len(last[0])].rstrip()
        petition = item.kind == BlockKind.ITEM and bool(_petition_re().match(text.lstrip(POINT_MARKS)))
        # (a moved deadline's bodies are those of the work it names: "4. Điều chỉnh thời hạn ... ("Sở A chủ trì ...")";
        # a petition's, those its answer names)
        answer = _petition_answer(text) if petition else text
        found = assignees_in(amended.work if amended is not None and amended.work else answer, head)
        if head and RE_ONE_PERSON_NAMED.match(head[0]):
            # "Đối với đồng chí Trần Văn Cường, ...: ...; yêu cầu đồng chí nghiêm túc kiểm điểm": that person, whom
            # the assignment calls "đồng chí" alone
            found.assignees = [a for a in found.assignees if a.name.casefold() != "đồng chí"]
        due = found.due  # (the found bodies may be replaced below; the labelled deadline stays the text's)
        if carry:
            if found.explicit_at_start:
                carried = [a.name for a in found.assignees if a.role != SUPPORT][:1]
            elif carried and found.asks:  # "- Chỉ đạo các chi bộ thôn ...": the body before directs them
                inherited = _Found(explicit_at_start=True, asks=True)
                inherited.add(carried, ADDRESSED)
                for a in found.assignees:
                    inherited.add([a.name], a.role)
                found = inherited
        if ctx.judge and item.kind in (BlockKind.ITEM, BlockKind.BULLET) and not found.asks:
            return  # under "... kết luận như sau:", an item that records a fact or an assessment is no task
        if item.kind == BlockKind.ITEM and not head and len(parts) >= 2 and not found.asks and (
                _is_intro(parts[0]) or _title_only(parts[0])):
            # "3. Dự án Công viên ven sông ...:" over a paragraph that only assesses it (or "1. Dự án ..." over its
            # status and its lettered points): the project's, no task
            return
        if found.assignees and all(RE_CONCLUDER_PROMISES.match(f"{a.name} {_after(text, a.name)}")
                                   for a in found.assignees):
            return  # "Giám đốc Sở ghi nhận và sẽ báo cáo UBND tỉnh ...": who concludes says what it will do: no task
        if RE_POINTS_TO_APPENDIX.match(text) and len(_sentences(text)) == 1:
            return  # "4. Các nhiệm vụ cụ thể giao các cơ quan, đơn vị tại Phụ lục kèm theo ...": the tasks are its rows
        if not found.assignees and _issuer_decides(text):
            return  # "2. Về đề nghị ...: Thường trực Thị ủy ghi nhận; việc bố trí ...": the issuer's answer, no task
        if not found.assignees and _opens_with(text.lstrip(POINT_MARKS), "decisions"):
            return  # "Thống nhất điều chỉnh ...": a decision the meeting takes, with no body told to act
        # a directing sentence before the list addresses each item ("Đề nghị Ban cán sự đảng UBND thành phố lãnh đạo
        # ... sau:"), unless it names only a class of bodies ("Giao các đồng chí lãnh đạo ... chỉ đạo, thực hiện:")
        # and the item names its own member of the class
        under_director = (bool(ctx.directing) and item.number.startswith(ctx.directing + ".")) or (
            ctx.intro_directs and not ctx.group and not (
                found.explicit_at_start and all(RE_CLASS_OF_BODIES.match(n) for n in ctx.intro)))
        if not found.explicit_at_start and not ctx.addressees and letter_to and item.kind == BlockKind.ITEM:
            # an item of a letter that names no body of its own ("8. Chủ động triển khai ..."): those it is sent to
            inherited = _Found()
            inherited.add(letter_to, ADDRESSED)
            for a in found.assignees:
                inherited.add([a.name], a.role)
            found = inherited
        if (not found.explicit_at_start or under_director) and ctx.addressees:
            inherited = _Found()  # the list's addressees first, then those the text names
            # ("b) Phối hợp với Cục Thuế tỉnh ..." under the heading "2. Đối với Sở Tài nguyên và Môi trường:": the
            # heading's body leads)
            leads = found.lead_from_context or (bool(ctx.group) and bool(RE_SUPPORT_ONLY.match(text.lstrip(" -+•"))))
            if ctx.group and ctx.group_roles:  # "2.1- Phòng Văn hóa - Xã hội chủ trì, phối hợp với Ủy ban MTTQ ...:"
                for a in ctx.group_roles:  # over its letters: its lead and its partners, for each letter
                    inherited.add([a.name], a.role)
            else:
                inherited.add(ctx.addressees, LEAD if leads else ADDRESSED)
            for a in found.assignees:
                inherited.add([a.name], a.role)
            found = inherited
        deadlines = find_deadlines(answer, today, issued or today)  # (not a date the petition asks for)
        if late_sessions:  # "báo cáo ... tại Hội nghị giao ban tháng 12 năm 2025", when the month's is held after it
            deadlines = [d for d in deadlines if not RE_SESSION_DEADLINE.match(d.text)]
        if due is not None:  # "- Thời gian hoàn thành: ...": the task's own deadline
            cell = parse_deadline_cell(due, today)
            deadlines = [cell] if cell else []
        if amended is not None and amended.due:  # "... từ ngày 30/11/2025 thành ngày 31/01/2026": the new time
            moved = parse_deadline_cell(amended.due.strip(" .;"), today)
            deadlines = [moved] if moved else deadlines
        if not deadlines and (occasion := occasion_deadline(text, occasions())):
            deadlines = [occasion]  # "trước ngày khai giảng năm học mới", dated elsewhere in the text
        shared = ctx.group_due if ctx.group_due and item.number.startswith(ctx.group_number + ".") else ctx.due
        if ctx.times(item.number):
            # "1. Trước ngày 20/12/2025:" over "- Sở Tài chính ...": the heading's time, which says when, whatever
            # the point's words ("cung cấp điện an toàn, liên tục")
            # (a span in brackets, "(thời gian cao điểm từ ngày 01/01/2026 đến hết ngày 05/3/2026)", is when what the
            # point plans runs, not when the point is due)
            spans = _span_brackets(text) if deadlines else []
            deadlines = [d for d in deadlines if not _in(spans, d.start)]
            if not deadlines and ctx.time_due:
                deadlines = [ctx.time_due]
            shared = None
        if not deadlines and shared and not RE_OWN_TIME.search(text):
            deadlines = [shared]  # "giao UBND phường thực hiện các nhiệm vụ sau, hoàn thành trong quý I/2026:"
        if petition and not (found.assignees and found.asks):
            # "3. Cử tri ... kiến nghị ...: Nội dung này thuộc thẩm quyền của Chính phủ ...", "... UBND xã đã hoàn thành
            # việc cấp giấy ...": answered, no body asked to act: no task
            return
        if not found.assignees:
            warnings.append(Diagnostic(source, item.line, f"task {item.number or '(unnumbered)'} names no assignee"))
        tasks.append(Task(
            id=f"{doc_id}-{item.anchor}" + (f"-{part + 1}" if part else ""), number=item.number,
            section=item.section, text=text,
            assignees=found.assignees, deadline=deadlines[0].iso if deadlines else None,
            deadline_text=deadlines[0].text if deadlines else None,
            references=list(dict.fromkeys([*_symbols(text, known_symbols), *cited])),
            anchor=item.anchor, line=item.line,
        ))
        if shared_due is not None:
            _share_due(tasks, list_start, shared_due)
            list_start = len(tasks)  # (a later sentence times the items after these: each task is timed once)

    late_sessions = _sessions_held_late(blocks, today)
    letter_to: list[str] = []  # a letter's addressees ("Kính gửi:")
    last_item = max((b.line for b in blocks if b.kind == BlockKind.ITEM), default=0)
    numbered = [b for b in blocks if b.kind in (BlockKind.ITEM, BlockKind.HEADING)]
    # the items that end their list (a heading or nothing after them): only there does "Các nội dung nêu trên ..." run
    # on under the last item time the list (inside an item, "Các nội dung trên xong trước Tết" is the item's own)
    lists_end = {b.line for b, nxt in itertools.zip_longest(numbered, numbered[1:])
                 if b.kind == BlockKind.ITEM and (nxt is None or nxt.kind != BlockKind.ITEM)}
    signed = next((b.line for b in blocks if b.kind == BlockKind.SIGNATURE), 0)
    # an appendix after the signature that lists the tasks by body ("PHỤ LỤC / DANH MỤC NHIỆM VỤ GIAO CÁC CƠ QUAN")
    appendix_at = next((b.line for b in blocks if signed and b.line > signed and RE_APPENDIX_TITLE.match(b.text)), 0)
    list_start: int | None = None  # the first task of the list the text is in (its roman section or its sentence's)
    addressing = False  # reading the list under "Kính gửi:"
    subs = {} if has_items else _sub_points(blocks)
    # the occasions the text dates, read once, when a task without a date first asks
    occasions = cache(lambda: dated_occasions("\n".join(
        b.text for b in blocks if b.kind in (BlockKind.ITEM, BlockKind.PARAGRAPH, BlockKind.BULLET))))
    joined = {i for points in subs.values() for i in points}
    minutes_conclusion = _minutes_conclusion(blocks)
    for index, b in enumerate(blocks):
        if index < minutes_conclusion:
            continue  # the minutes' reports and discussion: the speakers' proposals, not the chair's conclusion
        kind = b.kind
        if kind == BlockKind.PARAGRAPH and (to := RE_LETTER_TO.match(b.text)):
            # a letter's "Kính gửi: - Sở A; - Sở B; ...": those it is sent to, who do what no item gives to a body
            letter_to, addressing = _listed_bodies(b.text[to.end():]), True
            continue
        if addressing and kind == BlockKind.BULLET:
            letter_to += _listed_bodies(b.text)
            continue
        addressing = False
        if kind != BlockKind.BULLET:
            listing = None
        if kind == BlockKind.HEADING and current is not None and current[0].kind == BlockKind.ITEM \
                and RE_ASKS_ALONE.fullmatch(b.text.strip(" *")):
            current[2].append(b.text.strip(" *"))  # a bold "**Giao:**" inside an item, over its points: no heading
            continue
        if kind in (BlockKind.HEADING, BlockKind.TITLE, BlockKind.HEADER, BlockKind.RECIPIENTS,
                    BlockKind.SIGNATURE, BlockKind.RULE):
            close()
            skipping = False
            if kind == BlockKind.HEADING and b.number and b.number == b.section:  # roman section
                ctx = _Context(in_tasks=_cue(b.text, "task_cues") or not (_cue(b.text, "result_cues")
                                                                             or _aims_title(b.text)))
                ctx.result_heading = not ctx.in_tasks  # "I. TÌNH HÌNH, KẾT QUẢ": its paragraphs assess, in any text
                # "II. NHIỆM VỤ TRỌNG TÂM NĂM 2024" over points with no sentence to introduce them
                listing = [b, 0] if _cue(b.text, "task_cues") and not _cue(b.text, "result_cues") else None
                ctx.task_heading, carried = bool(listing), []
                list_start = len(tasks)
            elif kind == BlockKind.HEADING:
                timed = _time_heading(b.text, today)
                ctx.time_number, ctx.time_due = ("*" if not b.number else b.number, timed[1]) if timed else ("", None)
                ctx.group = _heading_names(b.text)
                ctx.group_number = b.number if ctx.group else ""
                ctx.group_due = _list_due(b.text, today, issued) if ctx.group else None
                roles = assignees_in(_heading_text(b.text)).assignees if ctx.group else []
                ctx.group_roles = roles if any(a.role == LEAD for a in roles) else []
                ctx.directing = b.number if ctx.group and b.number and _directs_heading(b.text) else ""
                if _cue(b.text, "task_cues") and not _cue(b.text, "result_cues"):
                    ctx.in_tasks = True
            continue
        if kind in (BlockKind.FOOTNOTE, BlockKind.PAGE):
            continue  # a note belongs to its mark, not to the task it happens to stand in; a page's number to none
        if kind == BlockKind.TABLE:
            close()
            if ctx.in_tasks:
                tasks.extend(_table_tasks(b, doc_id, known_symbols, today, table_carry))
            continue
        if kind == BlockKind.ITEM:
            close()
            if ctx.group_number and b.number[:1].isdigit() and not b.number.startswith(ctx.group_number + "."):
                ctx.group, ctx.group_number, ctx.directing = [], "", ""  # "3." after "2. Đối với X:" and its 2.1, 2.2
                ctx.group_due, ctx.group_roles = None, []
            if ctx.time_number and ctx.time_number != "*" and not ctx.times(b.number):
                ctx.time_number, ctx.time_due = "", None  # "2." after "1. Trước ngày 20/12/2025:" and its points
            if timed := _time_heading(b.text, today):
                ctx.time_number, ctx.time_due = b.number or "*", timed[1]
            first_sentence = RE_SENTENCE.split(b.text, maxsplit=1)[0]
            if ctx.in_tasks and not _assessment_re().search(first_sentence) and not _assessment_title(b.text):
                head, _ = _item_head(b)
                current = (b, head, [b.text])
                skipping = False
            else:
                current = None
                skipping = True
            continue
        text = plain(b.spans)
        if _closing(text) or (current is not None and kind == BlockKind.PARAGRAPH and RE_ISSUER_WILL.match(text)):
            close()  # "Thường trực HĐND xã sẽ tổ chức tái giám sát ...": the issuer's own plan after the last item
            continue
        if current is not None and current[0].kind == BlockKind.ITEM and kind == BlockKind.PARAGRAPH \
                and _amend_re("new_wording").match(current[2][0].strip(QUOTES)):
            current[2].append(_block_text(b))  # the old wording, the new and the reason under an amending point
            continue
        if current is not None and kind == BlockKind.PARAGRAPH and RE_TOPIC.fullmatch(text.strip()) \
                and _is_intro(current[2][0]) and current[0].kind == BlockKind.ITEM:
            current[2].append(text)  # "Về trật tự lòng đường, vỉa hè:" alone, over points, inside the item's list
            continue
        if kind == BlockKind.PARAGRAPH and (ctx.listed or ctx.task_heading) and RE_FOR.match(text) \
                and (head := _item_head(b))[0]:
            # "Đối với Sở Xây dựng:" over its points, or with its work on the line, where a Word export lost the
            # list's numbers: the body's one task, as a numbered "1. Đối với Sở Xây dựng:" is
            close()
            current, skipping = (b, head[0], [b.text]), False
            continue
        if current is not None and current[0].kind == BlockKind.ITEM and kind == BlockKind.PARAGRAPH \
                and RE_CONCLUDER_LINE.fullmatch(text.strip(" *_")):
            # "3. Về công tác chuẩn bị ..." / "Đồng chí Trần Thị Mai Hương, Phó Chủ tịch UBND thành phố kết luận:":
            # who concludes this matter, over its decisions and assignments, inside the item
            current[2].append(text)
            ctx.judge = True
            continue
        if current is not None and current[0].kind == BlockKind.ITEM and kind == BlockKind.PARAGRAPH \
                and _is_intro(text) and index + 1 < len(blocks) and blocks[index + 1].kind == BlockKind.BULLET:
            current[2].append(text)  # "2. Tại Trường ...:" then "... đồng chí Phó Chủ tịch yêu cầu:" over its points
            continue
        bullet_topic = (kind == BlockKind.BULLET and current is None and not has_items
                        and RE_TOPIC.fullmatch(text.strip())
                        and (listing is None or listing[0].kind == BlockKind.BULLET))
        taken = 0  # the points linked at the same place before (each task's id its own)
        if (kind == BlockKind.PARAGRAPH or bullet_topic) and _is_intro(text):
            # (a chat's or an e-mail's "* Về đất đai, trật tự XD:" over its "=> " points, with no sentence before to
            # introduce them: a topic that lists; its points are linked at the nearest place with an anchor)
            if bullet_topic and not b.anchor:
                b = replace(b, anchor=next((x.anchor for x in reversed(blocks[:index]) if x.anchor), ""))
                taken = listing[1] if listing and listing[0].anchor == b.anchor else 0
            close()
            skipping = False
            ctx.in_tasks = _cue(text, "task_cues") or not _cue(text, "result_cues")
            # (once the section concludes, a later list's sentence, "..., đề nghị các cơ quan thực hiện tốt các nội
            # dung sau:", still heads items that may only answer or record)
            ctx.judge = bool(RE_CONCLUDES.search(text)) or (ctx.judge and _cue(text, "task_cues"))
            ctx.in_tasks = ctx.in_tasks or ctx.judge
            names = _intro_names(text)
            if names:
                ctx.intro, ctx.group = names, []
                ctx.intro_directs = _directs_heading(text)
            ctx.due, list_start = _list_due(text, today, issued), len(tasks)
            # a list an assignment introduces ("Chủ tịch UBND tỉnh chỉ đạo:"), not one of headlines ("Tin liên quan:")
            # (or a topic's points, "Về công tác xét duyệt ...:", under a list's sentence: each names its body)
            listing = [b, taken] if ctx.judge or names or _cue(text, "task_cues") or kind == BlockKind.BULLET or (
                ctx.listed and RE_TOPIC.fullmatch(text.strip())) else None
            ctx.listed = ctx.listed or listing is not None
            continue
        if (kind == BlockKind.BULLET and current is None and not skipping and not has_items and listing
                and ctx.in_tasks and (conclusion is None or index >= conclusion)):
            # a text without numbered items lists its tasks as bullets ("Chủ tịch UBND tỉnh chỉ đạo: - Sở A ...;
            # - UBND thành phố ..."): each is a task (two, when it holds two assignments), linked at the paragraph
            # or heading that introduces them; a point that names no body goes on with the one before it
            if _assessment_re().search(RE_SENTENCE.split(b.text, maxsplit=1)[0]) or index in joined:
                continue  # "• Đánh giá chung: ...": the assessment, as a point; a "+" joined to its point
            # its "+" parts are read with the point's last assignment, not as assignments of their own
            assignments = _assignments(b.text, whole=True) or [""]
            assignments[-1] = " ".join([assignments[-1], *(" ".join(_block_text(blocks[i]).split())
                                                         for i in subs.get(index, ()))]).strip()
            for assignment in assignments:
                listing[1] += 1
                current = (replace(b, anchor=listing[0].anchor, number=""), [], [assignment])
                close(listing[1], carry=True)
            continue
        if current is not None and kind == BlockKind.PARAGRAPH and _follow_up_re().search(text) \
                and (re.match(r"(?:Giao|Đề nghị|Yêu cầu)\s", text) or _acting_subject(_sentences(text)[0])) \
                and not (len(current[2]) == 1 and _title_only(current[2][0])):
            # "Giao Văn phòng ... theo dõi, đôn đốc việc thực hiện Kết luận này", "Văn phòng Tỉnh ủy theo dõi, đôn đốc
            # ... Thông báo này": a task of its own (not the text of an item that only titles it, "4. Tổ chức thực
            # hiện")
            close()
        if kind == BlockKind.PARAGRAPH and RE_SHARED_DUE.match(text) and list_start is not None:
            # "Các nội dung nêu trên hoàn thành trước ngày 31/12/2025, báo cáo ...": the time of the items above that
            # give none of their own; no task itself
            close()
            if due_all := next(iter(find_deadlines(text.split(",")[0], today, issued or today)), None):
                _share_due(tasks, list_start, due_all)
                list_start = len(tasks)
            continue
        if current is not None:
            current[2].append(_block_text(b))
            continue
        if skipping and kind != BlockKind.PARAGRAPH:
            continue  # the bullets of an assessment item
        if skipping and not re.match(r"(?:Giao|Đề nghị|Yêu cầu)\s", text):
            continue
        if kind == BlockKind.PARAGRAPH and (ctx.in_tasks or (not has_items and not ctx.result_heading)) \
                and (conclusion is None
                                                                              or index >= conclusion):
            # under a heading of tasks ("III. TỔ CHỨC THỰC HIỆN"), a paragraph whose subject is told what to do is
            # an assignment from its first word: "Văn phòng Huyện ủy theo dõi, đôn đốc việc thực hiện ..."
            # so is a point the text counts in words: "Một là, đẩy mạnh ...", "Thứ hai, ..."
            # and so is the follow-up's: "Văn phòng Tỉnh ủy theo dõi, đôn đốc ... thực hiện ... Thông báo này."
            asks_subject = ctx.task_heading or bool(_follow_up_re().search(text))  # (its subject read only then)
            whole = (asks_subject and _acting_subject(_sentences(text)[0])) \
                or (ctx.in_tasks and bool(_ordinal_re().match(text)))
            if inline := _inline_points(text):
                # "Thứ hai, về quản lý đội tàu cá: (1) Sở A chủ trì ...; (2) Bộ Chỉ huy ... ": a task per point
                for part, (number, point) in enumerate(inline):
                    current = (replace(b, number=number), [], [point])
                    close(part)
                continue
            for part, assignment in enumerate(_assignments(text, whole)):
                current = (b, _topic_body(assignment), [assignment])
                close(part)
    close()
    if any(RE_BARE_UNIT.fullmatch(a.name) for t in tasks for a in t.assignees):
        _name_bare_units(tasks, blocks)
    return tasks, warnings


@cache
def _petition_re() -> re.Pattern[str]:
    return re.compile(knowledge.genre()["petition"], re.IGNORECASE)


@cache
def _petition_answer_re() -> re.Pattern[str]:
    return re.compile(knowledge.genre()["petition_answer"], re.IGNORECASE)


RE_COLON = re.compile(r":\s*")
PETITION_OPENS = ("kiến nghị", "đề nghị", "phản ánh")


def _petition_answer(text: str) -> str:
    """What answers a petition item: after its label ("Kết luận:"), else after the colon that ends the petition
    ("1. Cử tri xã A kiến nghị sửa chữa ...: Giao Sở Xây dựng ..."; not the one after "kiến nghị" that opens it)."""
    if m := _petition_answer_re().search(text):
        return text[m.end():]
    for m in RE_COLON.finditer(text):
        if not text[max(0, m.start() - 20):m.start()].rstrip(" *_").endswith(PETITION_OPENS):
            return text[m.end():]
    return text


@cache
def _amend_re(key: str) -> re.Pattern[str]:
    return re.compile(knowledge.genre()["amendments"][key])


@dataclass(slots=True)
class _Amendment:
    """What a point of a notice that amends an earlier one gives: nothing (a repeal, a correction, a renaming), the
    wording it puts in force (``parts``), or a deadline it moves (``work``: the work it names, ``due``: the new
    time)."""

    task: bool
    parts: list[str] = field(default_factory=list)
    work: str = ""
    due: str = ""


QUOTES = ' *_"“”‘’«»'
RE_QUOTED = re.compile(r"[“\"(]\s*[*_]*(?P<work>[^”\"()]{12,800}?)[*_]*\s*[”\")]")
RE_AMENDED_LABEL = re.compile(r"^(?:[a-zđ]|\d{1,2}(?:\.\d{1,2})*)[).]\s+")
RE_INLINE_WORDING = re.compile(r"(?:như sau|thành)\s*:\s*")


def _amendment(parts: list[str]) -> _Amendment | None:
    """A point that amends an earlier notice ("1. Sửa đổi điểm b khoản 2 Mục II như sau: ...", "3. Bãi bỏ ...",
    "4. Điều chỉnh thời hạn ... thành ngày 31/01/2026"), read; None for any other item."""
    head = parts[0].strip(QUOTES)
    if _amend_re("no_task").match(head):
        return _Amendment(False)
    if _amend_re("moved_deadline").match(head):
        text = " ".join(parts)
        times = list(_amend_re("new_time").finditer(text))
        quoted = RE_QUOTED.search(text)
        return _Amendment(True, list(parts), quoted.group("work").strip(QUOTES) if quoted else "",
                          text[times[-1].end():] if times else "")
    if not _amend_re("new_wording").match(head):
        return None
    inline = RE_INLINE_WORDING.search(head)
    kept = [head[inline.end():]] if inline and head[inline.end():].strip(QUOTES) else []
    old = False
    for part in parts[1:]:
        bare = part.strip(QUOTES)
        if _amend_re("old_wording").match(bare) or _amend_re("reason").match(bare):
            old = True  # the wording replaced, and why: what is no longer asked
            continue
        if label := _amend_re("new_label").match(bare):
            old = False
            if rest := bare[label.end():].strip(QUOTES):
                kept.append(rest)
            continue
        if not old:
            kept.append(part)
    # (the amended notice's own label of the point, "b)", "5.", is the place it takes there, not this notice's)
    kept = [RE_AMENDED_LABEL.sub("", k.strip(QUOTES), count=1) for k in kept if k.strip(QUOTES)]
    return _Amendment(True, kept) if kept else None


# the word that asks, alone on its line over the points it introduces ("Giao:", "Giao nhiệm vụ cụ thể như sau:")
RE_ASKS_ALONE = re.compile(r"(?:Giao|Đề nghị|Yêu cầu|Chỉ đạo)(?: nhiệm vụ)?(?: cụ thể)?(?: như sau)?\s*:")


# the line that says who concludes a matter, inside its item: "Đồng chí Vũ Đức Thắng, Phó Chủ tịch UBND thành phố kết
# luận:"
RE_CONCLUDER_LINE = re.compile(r"(?:[Đđ]ồng chí|[Đđ]/c)\s[^:;.]{0,160}?\bkết luận(?:\s+như sau)?\s*:")
RE_MINUTES_CONCLUSION = re.compile(r"\bkết luận\b", re.IGNORECASE)
# a sentence after a list that times its items together: "Các nội dung nêu trên hoàn thành trước ngày 31/12/2025"
RE_SHARED_DUE = re.compile(r"(?:Các|Những)\s+(?:nội dung|nhiệm vụ|việc|công việc)\s+(?:nêu\s+)?trên\s+(?:phải\s+)?"
                           r"(?:hoàn thành|thực hiện xong|xong)\b")
# an item's own time that no shared date replaces: the work goes on ("thường xuyên")
RE_OWN_TIME = re.compile(r"\b(?:thường xuyên|liên tục)\b", re.IGNORECASE)


RE_APPENDIX_TITLE = re.compile(r"\s*[*_]*(?:PHỤ LỤC|Phụ lục)\b")
FOLLOW_UP_PART = 100  # the part of a follow-up run on into the last item, apart from the item's own parts
FOLLOW_UP_TAIL = 800  # the last characters of the last item where that follow-up is looked for
# the last sentence of an item, when it asks anew: "... năm 2026. Giao Văn phòng UBND tỉnh theo dõi, ..."
RE_ASKS_AFTER = re.compile(r"(?<=\.)\s+(?P<sentence>(?:Giao|Đề nghị|Yêu cầu)\s(?:[^.]|\.(?!\s|$))*\.?)"
                           r"(?=\s*(?:$|\S[^.]*(?:biết|thực hiện)\s*\./\.\s*$))")
RE_SHARED_DUE_AFTER = re.compile(r"(?:(?<=[.;])\s+|\n)(?=" + RE_SHARED_DUE.pattern + ")")


def _share_due(tasks: list[Task], start: int, due: Deadline) -> None:
    """The list's time given to its tasks from ``start`` on that have none of their own."""
    tasks[start:] = [replace(t, deadline=due.iso, deadline_text=due.text)
                     if t.deadline is None and not RE_OWN_TIME.search(t.text) else t for t in tasks[start:]]


def _list_due(text: str, today: str | None, issued: str | None) -> Deadline | None:
    """The time a list's sentence or heading gives its items, in its last words before the colon ("... thực hiện các
    nhiệm vụ sau, hoàn thành trong quý I/2026:"); not a goal's ("Để hoàn thành mục tiêu ... trước ngày 31/8/2025, Ban
    Thường vụ yêu cầu:")."""
    if not (clause := RE_LIST_DUE.search(text)):
        return None
    found = find_deadlines(clause.group("due"), today, issued or today)
    return found[0] if found else None


# the list's time after its last comma, before its colon: "..., hoàn thành trong quý I/2026:"
RE_LIST_DUE = re.compile(r",\s*(?P<due>(?:hoàn thành|xong|thực hiện xong)\b[^,:;]*?)\s*[.:]?\s*\**\s*$")


RE_LETTER_TO = re.compile(r"\s*[*_]*Kính\s+gửi\s*[*_]*\s*:\s*", re.IGNORECASE)


def _listed_bodies(text: str) -> list[str]:
    """The bodies a line of an address list names ("Sở Tài chính;", "UBND các xã, phường thuộc ... (cũ)."), none
    when it names no body ("Như trên")."""
    text = text.strip(" ;,.*")
    return split_assignees(text) if text and is_organisation(text) else []
# the person a point is about, whom it then calls "đồng chí" alone: "Đối với đồng chí Trần Văn Cường, Phó Bí thư ...",
# "...; yêu cầu đồng chí nghiêm túc kiểm điểm"
RE_FOR_PERSON = re.compile(r"(?:Đối với|đối với)\s+(?P<person>đồng chí(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]"
                           r"[^\s,;:.]*){2,5})")
RE_COMRADE_ALONE = re.compile(r"(?:[Yy]êu cầu|[Gg]iao|[Đđ]ề nghị)\s+đồng chí\s+(?=[a-zàáảãạăâđèéêìíòóôơùúưỳý])")
RE_ONE_PERSON_NAMED = re.compile(r"đồng chí\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]")
# the meeting of a month that the title names: "Hội nghị giao ban ... tháng 11 năm 2025", "phiên họp thường kỳ tháng 9"
RE_MONTHS_SESSION = re.compile(r"\b(?:giao ban|phiên họp|cuộc họp|hội nghị)\b[^.;:]{0,120}?\btháng\s+(?P<m>\d{1,2})"
                               r"\s*(?:/|\s+năm\s+)(?P<y>\d{4})\b", re.IGNORECASE)
# a deadline a session of a named month gives (dates.RE_DEADLINE_SESSION's phrase)
RE_SESSION_DEADLINE = re.compile(r"(?:tại|trước|trình) (?:kỳ|phiên|buổi|cuộc họp|hội nghị)", re.IGNORECASE)


def _sessions_held_late(blocks: list[Block], today: str | None) -> bool:
    """Does the text show its series' meetings held after the month they are of (the "giao ban tháng 11" on
    03/12/2025)? Then "báo cáo tại Hội nghị giao ban tháng 12" is due in a month the text does not say: no date."""
    title = " ".join(b.text for b in blocks if b.kind == BlockKind.TITLE)
    if not today or not (m := RE_MONTHS_SESSION.search(title)) or not 1 <= int(m.group("m")) <= 12:
        return False
    return today[:7] > f"{m.group('y')}-{int(m.group('m')):02d}"


def _minutes_conclusion(blocks: list[Block]) -> int:
    """Where the minutes of a meeting ("BIÊN BẢN ...") come to the chair's conclusion ("III. KẾT LUẬN CỦA CHỦ TRÌ",
    "Đồng chí Chủ tịch kết luận:"): only what follows asks anyone to act. 0 for any other text, or minutes with no
    such place."""
    title = next((b for b in blocks if b.kind == BlockKind.TITLE), None)
    if title is None or not fold(title.text).casefold().startswith("bien ban"):
        return 0
    at = blocks.index(title)
    return next((i for i in range(at + 1, len(blocks)) if blocks[i].kind in (BlockKind.HEADING, BlockKind.PARAGRAPH)
                 and RE_MINUTES_CONCLUSION.search(blocks[i].text)
                 and (blocks[i].kind == BlockKind.HEADING or blocks[i].text.rstrip().endswith(":"))), 0)


# a unit asked by its level alone: "đồng chí Bí thư Tỉnh ủy đề nghị huyện tập trung ...", "yêu cầu xã ..." (a
# report of a visit to the district, a conclusion about one commune)
RE_BARE_UNIT = re.compile(r"(?:huyện|tỉnh|thành phố|thị xã|quận|xã|phường)")
# where the text names a unit of that level ("huyện Văn Yên", "Huyện ủy Văn Yên", "UBND xã Mỏ Vàng")
RE_UNIT_NAMED = re.compile(r"\b(?P<unit>[Hh]uyện|[Tt]ỉnh|[Tt]hành phố|[Tt]hị xã|[Qq]uận|[Xx]ã|[Pp]hường)(?:\s+[ủu]y)?"
                           r"\s+(?P<name>[A-ZĐÂĂÊÔƠƯ][^\W\d_]*(?:\s+[A-ZĐÂĂÊÔƠƯ][^\W\d_]*){0,3})")


def _name_bare_units(tasks: list[Task], blocks: list[Block]) -> None:
    """"huyện" asked alone is the one district the text names ("huyện Văn Yên"): its assignee says which; a text
    naming several of that level (or none) leaves it as written."""
    named: dict[str, set[str]] = {}
    for b in blocks:
        for m in RE_UNIT_NAMED.finditer(b.text):
            named.setdefault(m.group("unit").lower(), set()).add(m.group("name"))
    for t in tasks:
        t.assignees = [Assignee(f"{a.name} {next(iter(named[a.name]))}", a.role)
                       if RE_BARE_UNIT.fullmatch(a.name) and len(named.get(a.name, ())) == 1 else a
                       for a in t.assignees]


# an item that only points to the appendix's table of tasks
RE_POINTS_TO_APPENDIX = re.compile(r"(?:Các\s+|Những\s+)?(?:nhiệm vụ|nội dung)\b[^.;]{0,100}\b(?:tại|theo)\s+"
                                   r"Phụ lục\b", re.IGNORECASE)


# the official who concludes, answering a request with what he will do or decides: "Giám đốc Sở ghi nhận và sẽ báo
# cáo ...", "Giám đốc Sở thống nhất lùi thời gian tổ chức Hội nghị ..."
RE_CONCLUDER_PROMISES = re.compile(r"(?:Giám đốc Sở|Trưởng Ban Chỉ đạo|[Đđ]ồng chí\s[^;:]{0,100}?|"
                                   r"Chủ tịch UBND (?:tỉnh|huyện|thành phố|thị xã|quận|xã|phường)|"
                                   r"Thường trực [^\s]+ [ủu]y|Ban Thường vụ [^\s]+ [ủu]y|"
                                   r"(?:Thường trực )?(?:HĐND|Hội đồng nhân dân) "
                                   r"(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường)) (?:tiếp tục )?"
                                   r"(?:ghi nhận|sẽ|thống nhất|đồng ý)\b")


def _after(text: str, name: str) -> str:
    """The words after the first place ``name`` stands in ``text``."""
    at = text.find(name)
    return text[at + len(name):].strip()[:40] if at >= 0 else ""


# the issuer says what it will do itself: no part of the item before it, and no task
RE_ISSUER_WILL = re.compile(r"(?:Ban Thường vụ|Thường trực|Ban Chấp hành)[^.;:]{0,80}?\ssẽ\s")
# "Ban Thường vụ Huyện ủy kết luận như sau:", "thống nhất ý kiến như sau:", "chỉ đạo như sau:"
RE_CONCLUDES = re.compile(r"(?:kết luận|ý kiến|chỉ đạo|thống nhất)(?:\s+(?:và|chỉ đạo|kết luận|ý kiến|một số|"
                          r"các|nội dung))*\s*(?:như sau)?\s*:\s*$", re.IGNORECASE)
# a report's paragraph that starts the conclusion: "Kết luận cuộc họp, đồng chí ...", "Phát biểu kết luận, ..."
RE_CONCLUSION_SPEECH = re.compile(r"[Kk]ết luận (?:cuộc|buổi|phiên|hội nghị|tại)"
                                  r"|[Pp]hát biểu (?:kết luận|chỉ đạo)|[Tt]hay mặt[^.;]{0,80}kết luận")
# who voices a proposal that is not the conclusion's: "đại diện UBND xã ... đề nghị huyện ..."
RE_PARTICIPANT = re.compile(r"\b(?:đại diện|đại biểu|ý kiến|cử tri|người dân|tham luận|kiến nghị)\b", re.IGNORECASE)


def _sub_points(blocks: list[Block]) -> dict[int, list[int]]:
    """In a list of points of two marks ("* Lập danh mục ...", then "+ Hồ sơ đang giải quyết ..."), the "+" points
    under each point of the other mark: they are its parts, read with it (its deadline may stand in one of them)."""
    out: dict[int, list[int]] = {}
    head = None
    for i, b in enumerate(blocks):
        if b.kind != BlockKind.BULLET:
            head = None
        elif b.marker == "+" and head is not None:
            out.setdefault(head, []).append(i)
        else:
            head = i if b.marker != "+" else None
    return out


def _conclusion_starts(blocks: list[Block]) -> int | None:
    """In a report without items, the paragraph where the conclusion begins (what came before is the debate)."""
    paragraphs = [i for i, b in enumerate(blocks) if b.kind == BlockKind.PARAGRAPH]
    return next((i for i in paragraphs[1:] if RE_CONCLUSION_SPEECH.search(blocks[i].text)), None)


def _sentences(text: str) -> list[str]:
    """The text cut after each sentence or clause end (". ", "; ", a line break), nothing dropped; a quotation (or a
    bracket) is one utterance, not cut inside ("“UBND các xã ... phải bàn giao ... Đồng chí Chủ tịch UBND xã phải ...”,
    đồng chí ... nhấn mạnh.")."""
    quotes = iter(m.span() for m in RE_QUOTE.finditer(text))  # in order, as the cuts: one pass over both
    quote = next(quotes, None)
    cuts = []
    for m in RE_CUT.finditer(text):
        while quote and quote[1] - 1 <= m.start():
            quote = next(quotes, None)
        if not (quote and quote[0] < m.start()):
            cuts.append(m.end())
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if text[a:b].strip()]


RE_CUT = re.compile(rf"[.;!?…](?=\s)\s*|{LINE_BREAK}")
# a quotation is a few sentences; a bracket is an aside of the sentence around it ("... xong trước 30.6.2025 (Phòng
# Nội vụ chủ trì; Văn phòng phối hợp)"): neither is cut
RE_QUOTE = re.compile(r"[“«][^”»\n]{0,800}[”»]|\"[^\"\n]{0,800}\"|\([^()\n]{0,300}\)")


def _bound_subject(sentence: str) -> bool:
    """A sentence whose subject is a body bound to act: "Ban Dân vận Thành ủy có trách nhiệm theo dõi ...",
    "UBND huyện cần ...", "Trong tháng 8/2025, Phòng A chủ trì, phối hợp với ...", after a report's "Bí thư Huyện
    ủy yêu cầu:" (not "UBND huyện đã ...", "Mặt trận phối hợp với ... đã ...": facts)."""
    body = RE_TOPIC.sub("", RE_ASKS_HERE.sub("", sentence.strip(POINT_MARKS), count=1))
    due = None
    if (lead_in := _lead_in_re().match(body)) and starts_with_head(body[lead_in.end():]):
        due = find_deadlines(body[: lead_in.end()])  # "Trước ngày 30/4/2025, UBND xã ... phải ..."
        body = body[lead_in.end():]
    if not (body[:1].isupper() and starts_with_head(body)):
        return False
    name, rest = take_name(body)
    # "Trong tháng 8/2025, Phòng A chủ trì, phối hợp với ...": a deadline first, then a lead: an assignment
    return bool(name and is_organisation(name) and (RE_BOUND.match(rest) or (due and rest.startswith("chủ trì"))))


RE_BOUND = re.compile(r"(?:có|chịu) trách nhiệm|cần|phải|được giao")
# who asks, then a colon, before the assignment in a report: "Bí thư Huyện ủy yêu cầu: Trước ngày 30/4/2025, ..."
RE_ASKS_HERE = re.compile(r"^[^:;.]{0,60}?\b(?:yêu cầu|đề nghị|chỉ đạo)\s*:\s*(?=\S)")


def _acting_subject(sentence: str) -> bool:
    """A clause of an assignment whose own subject is told what to do: "...; Ban Quản lý dự án thị xã đôn đốc nhà
    thầu ..." (a new assignment, with its own deadline), not "UBND huyện đã ..." (a fact)."""
    body = sentence.strip(POINT_MARKS)
    if not (body[:1].isupper() and starts_with_head(body)):
        return False
    name, rest = take_name(_without_manner(body))
    return bool(name and is_organisation(name) and _imperative_re().match(rest) and not RE_FACT.match(rest))


RE_TOPIC_BODY = re.compile(r"^\s*(?:Riêng\s+)?(?:[Đđ]ối với|[Vv]ới)\s+(?P<body>[^,;:.]{2,160}),\s")


def _topic_body(text: str) -> list[str]:
    """"Đối với MTTQ và các đoàn thể thị xã, đồng chí đề nghị tiếp tục ...": the topic names the addressee."""
    m = RE_TOPIC_BODY.match(text)
    return split_assignees(m.group("body")) if m and is_organisation(m.group("body")) else []


# a point numbered inside a paragraph: "...: (1) Sở A chủ trì ...; (2) Bộ Chỉ huy ..."
RE_INLINE_POINT = re.compile(r"(?:^|(?<=[:;.])\s*)\((\d{1,2}|[ivx]{1,4})\)\s+(?=\S)")
ROMAN_SMALL = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def _inline_points(text: str) -> list[tuple[str, str]]:
    """The points "(1) ...; (2) ..." a paragraph numbers inside itself, as (number, text), when there are two or more,
    numbered from 1, and each opens with its own body ("(2) đề nghị Viện kiểm sát ..." too); otherwise none (the
    points of one body named before them: "UBND các huyện ...: (1) rà soát ...; (2) ...", one task)."""
    marks = list(RE_INLINE_POINT.finditer(text))
    labels = [m.group(1) for m in marks]  # "(1) ...; (2) ...", or "(i) ...; (ii) ..."
    if len(marks) < 2 or labels not in ([str(i) for i in range(1, len(marks) + 1)], list(ROMAN_SMALL[:len(marks)])):
        return []
    points = [(m.group(1), text[m.end(): nxt.start() if nxt else len(text)].strip(" ;"))
              for m, nxt in zip(marks, [*marks[1:], None], strict=True)]
    if not all(_point_body(re.sub(r"^(?:đề nghị|giao|yêu cầu)\s+", lambda m: m.group(0).capitalize(), p))
               for _, p in points):
        return []
    return points


def _assignments(text: str, whole: bool = False) -> list[str]:
    """The assignments of a paragraph outside any item, each with the clauses that continue it.

    "... đề nghị Phòng A ... hoàn thành trong quý II/2024. Đồng thời giao Phòng B ...": two tasks,
    each with its own assignees and deadline. A proposal voiced by a participant ("đại diện UBND
    xã ... đề nghị huyện ...") is not one. ``whole``: the text is one point of a list, which is an
    assignment from its first word ("- Công an tỉnh điều tra ...; giao Ban Tuyên giáo ...": two).
    """
    # each assignment's clauses, joined once at the end (not "+=": quadratic)
    out: list[list[str]] = [[""]] if whole else []
    for sentence in _sentences(text):
        starts = []
        cuts = [i for i, ch in enumerate(sentence) if ch in ",:"]
        for m in _giao(sentence):
            name, _ = take_name(sentence[m.end() : m.end() + NAME_SPAN])
            # who asks: the clause before the verb (its last ASKER_SPAN characters), found by position
            k = bisect.bisect_left(cuts, m.start())
            asker = sentence[max(cuts[k - 1] + 1 if k else 0, m.start() - ASKER_SPAN) : m.start()]
            if name and (is_organisation(name) or RE_BARE_UNIT.fullmatch(name)) and not RE_PARTICIPANT.search(asker):
                starts.append(m.start())
        if not starts and (_bound_subject(sentence) or (out and _acting_subject(sentence))
                           or (_topic_body(sentence) and next(_giao(sentence), None))):
            starts = [0]
        if not starts:
            if out:
                out[-1].append(sentence)  # the assignment goes on: "...; tập trung tháo gỡ vướng mắc ..."
            continue
        if whole and out == [[""]]:
            out[0] = [sentence[: starts[0]]]  # the point's own words before its first "giao" (often none)
        else:
            starts[0] = 0  # the first assignment keeps the words before its verb ("Đồng thời giao ...")
        out += [[sentence[a:b]] for a, b in zip(starts, [*starts[1:], len(sentence)], strict=True)]
    # (a point's own words before its "giao" that are only its mark, "- Giao ...", are no assignment)
    return [a for a in (" ".join("".join(parts).split()).strip(" ,;") for parts in out) if a.strip(POINT_MARKS)]
