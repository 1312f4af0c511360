"""Bodies: which body a name as written stands for, from data/organisations.yml.

A *kind* of body (Ủy ban nhân dân, Ủy ban Mặt trận Tổ quốc Việt Nam, Phòng Nội vụ) is found in
many localities; a *body* is one kind in one locality at one level ("Ủy ban nhân dân thành phố
Tam Kỳ"). ``identify`` maps a name as a text writes it ("UBND thành phố", "Uỷ ban nhân dân TP")
to its body, given what the document says of its own locality and level (a ``Context``); a
name that stands for several bodies ("Mặt trận và các đoàn thể CT-XH") is a group of them.

This is archive knowledge, loaded once: the link stage uses ``identify``; the writers use the
glossary, the search's synonyms and the tracker's aliases, all from the same data file.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import product

from ..vietnamese import fold, nfc, slugify
from . import organisations, places

OTHER = "Khác"
ALL_LEVELS = "các cấp"


# --- spelling: one key for every way of writing a name -------------------------------------------

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_SHAPES = {"\u0302", "\u0306", "\u031b"}  # â ê ô, ă, ơ ư: the vowel itself, not its tone
_VOWELS = set("aeiouy")


def tone_normal(word: str) -> str:
    """The word with its tone mark in one place, the classic one: "uỷ" -> "ủy", "hoà" -> "hòa", "thuỷ" -> "thủy".

    Both placements are in daily use for open syllables of "oa", "oe", "uy"; names must meet
    whichever a text uses. The rule: on a vowel that carries a shape mark (ơ in "ươ"), else on
    the last vowel of a closed syllable ("hoàng"), else the middle of three ("ngoài"), else
    the first of two ("hòa", "thủy"); "qu" and "gi" before a vowel are consonants.
    """
    letters: list[list[str]] = []  # a base letter and its marks, tone removed
    tone = ""
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch):
            if ch in _TONES:
                tone = ch
            elif letters:
                letters[-1].append(ch)
        else:
            letters.append([ch])
    if not tone:
        return nfc(word)
    base = [g[0].lower() for g in letters]
    start = 0
    while start < len(base) and base[start] not in _VOWELS:
        start += 1
    if start < len(base) - 1 and base[start + 1] in _VOWELS and (
            (base[start] == "u" and start > 0 and base[start - 1] == "q")
            or (base[start] == "i" and start > 0 and base[start - 1] == "g" and start == 1)):
        start += 1
    end = start
    while end < len(base) and base[end] in _VOWELS:
        end += 1
    nucleus = list(range(start, end))
    if not nucleus:
        return nfc(word)
    shaped = [i for i in nucleus if any(m in _SHAPES for m in letters[i][1:])]
    if shaped:
        at = shaped[-1]
    elif end < len(base):
        at = nucleus[-1]
    elif len(nucleus) >= 3:
        at = nucleus[1]
    else:
        at = nucleus[0]
    letters[at].append(tone)
    return nfc("".join("".join(g) for g in letters))


@dataclass(frozen=True)
class Token:
    text: str  # as written
    key: str  # tone mark in one place, case folded
    start: int  # offsets in the NFC name
    end: int


_WORD = re.compile(r"[^\W_]+")
_JOINERS = {"-", "&", "/", "–"}
_AND = {"và"}
_PLURAL = {"các", "những"}


def _abbreviation(word: str) -> bool:
    """Capitals only, short: "CT", "XH", "HĐND", "LĐ"."""
    return len(word) <= 6 and word.isupper() and word.isalpha()


def _has_vowel(word: str) -> bool:
    return any(c in _VOWELS for c in fold(word).lower())


def tokens(text: str) -> list[Token]:
    """The words of a name, each with its key. "và" is a separator, as "-", "&" and "," are; parts of
    an abbreviation joined by "-" or "&" are one word ("CT-XH" -> "CTXH", "LĐ-TB&XH" -> "LĐTBXH").
    An abbreviation of the glossary's terms stands for its words ("PTNT" -> "phát triển nông thôn"),
    so that "Phòng Nông nghiệp và PTNT" is "Phòng Nông nghiệp và Phát triển nông thôn"."""
    return list(_words(text))


@lru_cache(maxsize=1 << 16)  # the same names come back in document after document
def _words(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    short = _short_words()
    for t in _tokens(text):
        words = short.get(t.key)
        out += [Token(w.text, w.key, t.start, t.end) for w in words] if words else [t]
    return tuple(out)


@cache
def _short_words() -> dict[str, tuple[Token, ...]]:
    """Abbreviation key -> its words, for the terms that are one word ("PTNT", "TB&XH")."""
    out = {}
    for abbr, meaning in organisations().get("terms", {}).items():
        abbr_words = _tokens(abbr)
        if len(abbr_words) == 1 and _abbreviation(abbr.replace("-", "").replace("&", "")):
            out[abbr_words[0].key] = tuple(_tokens(meaning))
    return out


def _tokens(text: str) -> list[Token]:
    s = nfc(text)
    shouted = not any(c.islower() for c in s)
    runs = [m.span() for m in _WORD.finditer(s)]
    out: list[Token] = []
    for a, b in runs:
        word = s[a:b]
        prev = out[-1] if out else None
        if (prev is not None and s[prev.end:a] in _JOINERS and _abbreviation(prev.text) and _abbreviation(word)
                and (not shouted or not (_has_vowel(prev.text) and _has_vowel(word)))):
            out[-1] = Token(s[prev.start:b], prev.key + _key(word), prev.start, b)
            continue
        out.append(Token(word, _key(word), a, b))
    kept: list[Token] = []
    for i, t in enumerate(out):
        if t.key in _AND:
            continue
        # "X và các Y", "X, các Y": a plural after a separator adds nothing to the names
        after_separator = i > 0 and (out[i - 1].key in _AND or "," in s[out[i - 1].end:t.start])
        if t.key in _PLURAL and after_separator:
            continue
        kept.append(t)
    return kept


@lru_cache(maxsize=1 << 16)  # a few thousand words make every name of the data file and of the texts
def _key(word: str) -> str:
    return tone_normal(word).casefold()


def key(text: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokens(text))


def _variants(text: str) -> set[tuple[str, ...]]:
    """Keys an alias is written with: as it is, with its abbreviations' parts apart ("CT XH") or joined
    across spaces too ("UB MTTQ" -> "UBMTTQ")."""
    toks = tokens(text)
    out = {tuple(t.key for t in toks)}
    split: list[str] = []
    for t in toks:
        parts = [_key(p) for p in _WORD.findall(t.text)]
        split += parts
    out.add(tuple(split))
    joined: list[str] = []
    prev_abbr = False
    for t in toks:
        abbr = _abbreviation(t.text.replace("-", "").replace("&", "").replace("/", "").replace("–", ""))
        if abbr and prev_abbr:
            joined[-1] += t.key
        else:
            joined.append(t.key)
        prev_abbr = abbr
    out.add(tuple(joined))
    return {v for v in out if v}


# --- the knowledge ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A kind of body, found in many localities."""

    id: str
    name: str
    category: str
    abbr: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    loose: tuple[str, ...] = ()
    party: bool = False  # an organ of a party committee: "Ban Dân vận Thành ủy"
    names: tuple[tuple[str, str], ...] = ()  # (level, name at that level)
    levels: tuple[tuple[str, str], ...] = ()  # (alias, the level it carries)
    default: str | None = None  # its level when a name gives none
    known: bool = True  # listed in the data file (else named after a body of its family)

    def name_at(self, level: str | None) -> str | None:
        return dict(self.names).get(level or "")


@dataclass(frozen=True)
class GroupKind:
    """A name for several kinds at once ("Mặt trận và các đoàn thể")."""

    id: str
    name: str
    members: tuple[Kind, ...]
    abbr: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    loose: tuple[str, ...] = ()


@dataclass(frozen=True)
class Level:
    name: str
    tier: int  # 0 centre, 1 province, 2 district, 3 commune, 4 village
    party: str | None = None  # "Thành ủy"


@dataclass(frozen=True)
class Target:
    """What an alias stands for: a kind or a group, maybe at a level of its own ("Thành ủy")."""

    kind: Kind | None
    group: GroupKind | None
    level: str | None = None
    loose: bool = False


class _Trie:
    """Longest-prefix matching over word keys."""

    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, words: tuple[str, ...], value) -> None:
        node = self.root
        for w in words:
            node = node.setdefault(w, {})
        node.setdefault(None, []).append(value)

    def prefixes(self, words: list[str], start: int = 0) -> list[tuple[int, list]]:
        """(end, values) of every entry that ``words[start:]`` begins with, longest first."""
        out = []
        node = self.root
        for i in range(start, len(words)):
            node = node.get(words[i])
            if node is None:
                break
            if None in node:
                out.append((i + 1, node[None]))
        return out[::-1]


@dataclass
class Knowledge:
    kinds: dict[str, Kind] = field(default_factory=dict)  # by name
    groups: dict[str, GroupKind] = field(default_factory=dict)
    names: _Trie = field(default_factory=_Trie)  # alias -> Target
    levels: dict[str, Level] = field(default_factory=dict)
    level_words: _Trie = field(default_factory=_Trie)  # -> (level name, party form?)
    all_levels: _Trie = field(default_factory=_Trie)
    fillers: _Trie = field(default_factory=_Trie)
    qualifiers: _Trie = field(default_factory=_Trie)
    narrowing: _Trie = field(default_factory=_Trie)  # after a tier, the words that open a clause that narrows it
    regions: _Trie = field(default_factory=_Trie)
    parts: _Trie = field(default_factory=_Trie)
    persons: _Trie = field(default_factory=_Trie)
    families: _Trie = field(default_factory=_Trie)  # -> category
    nobody: _Trie = field(default_factory=_Trie)  # people and everyone: not bodies
    party_words: _Trie = field(default_factory=_Trie)  # "Đảng ủy" after a body's name: a party organ
    plural: dict[int, str] = field(default_factory=dict)
    categories: tuple[str, ...] = ()


def _strings(value) -> tuple[str, ...]:
    return tuple(value or ())


def _expand(alias: str, kinds: dict[str, dict]) -> list[str]:
    """"Đảng ủy {Công an}" -> "Đảng ủy Công an", "Đảng ủy CA": every name of the kind in braces."""
    slots = re.findall(r"\{([^}]+)\}", alias)
    if not slots:
        return [alias]
    choices = []
    for slot in slots:
        entry = kinds[slot]
        forms = [entry["name"], *_strings(entry.get("abbr")), *_strings(entry.get("aliases")),
                 *_strings(entry.get("loose")), *(entry.get("levels") or {})]
        choices.append([f for form in forms for f in _expand(form, kinds)])
    out = []
    for combo in product(*choices):
        text = alias
        for value in combo:
            text = re.sub(r"\{[^}]+\}", lambda _m, v=value: v, text, count=1)
        out.append(text)
    return out


def _phrases(trie: _Trie, phrases: Iterable[str], value) -> None:
    for p in phrases:
        for v in _variants(p):
            trie.add(v, value)


_given: list[Knowledge] = []  # the knowledge a build kept (``use_knowledge``), for ``knowledge`` to take


@cache
def knowledge() -> Knowledge:
    """What data/organisations.yml says of bodies, made once per process; or as a build kept it (``use_knowledge``)."""
    if _given:
        return _given.pop()
    return make_knowledge()


def let_go() -> None:
    """The organisations' knowledge and what was cached of names, let go by a process done with them (the search
    index's once it has its synonyms, the build's once its pages are written: a cold build's peak is after both,
    and the tokens and tries alone were ~3.5 MB at 1,000 texts); made again if asked for."""
    for cached in (knowledge, _words, _key, _short_words, identify, read_level):
        cached.cache_clear()


def use_knowledge(kept: Knowledge) -> None:
    """``knowledge`` from now on: ``kept``, made by this code from these data files and kept by a build (making it
    takes ~45 ms, at every build on the path of the link: site/build._kept_knowledge)."""
    _given[:] = [kept]
    knowledge.cache_clear()


def make_knowledge() -> Knowledge:
    data = organisations()
    k = Knowledge(categories=tuple(data["categories"]), plural={int(t): n for t, n in data["plural"].items()})
    raw = {e["name"]: e for e in (*data["kinds"], *data["groups"])}
    for e in data["kinds"]:
        kind = Kind(
            id=slugify(e["name"]), name=e["name"], category=e["category"],
            abbr=_strings(e.get("abbr")),
            aliases=tuple(a for alias in _strings(e.get("aliases")) for a in _expand(alias, raw)),
            loose=tuple(a for alias in _strings(e.get("loose")) for a in _expand(alias, raw)),
            party=bool(e.get("party")), names=tuple((e.get("names") or {}).items()),
            levels=tuple((e.get("levels") or {}).items()), default=e.get("default"))
        if kind.category not in k.categories:
            raise ValueError(f"organisations.yml: {kind.name}: unknown category {kind.category}")
        k.kinds[kind.name] = kind
    for e in data["groups"]:
        members: list[Kind] = []
        for m in e["members"]:
            members += list(k.groups[m].members) if m in k.groups else [k.kinds[m]]
        k.groups[e["name"]] = GroupKind(
            id=slugify(e["name"]), name=e["name"], members=tuple(dict.fromkeys(members)),
            abbr=_strings(e.get("abbr")),
            aliases=tuple(a for alias in _strings(e.get("aliases")) for a in _expand(alias, raw)),
            loose=tuple(a for alias in _strings(e.get("loose")) for a in _expand(alias, raw)))
    for kind in k.kinds.values():
        _phrases(k.names, (kind.name, *kind.abbr, *kind.aliases), Target(kind, None))
        _phrases(k.names, kind.loose, Target(kind, None, loose=True))
        for alias, level in kind.levels:
            _phrases(k.names, [alias], Target(kind, None, level=level))
    for group in k.groups.values():
        _phrases(k.names, (group.name, *group.abbr, *group.aliases), Target(None, group))
        _phrases(k.names, group.loose, Target(None, group, loose=True))
    for name, e in data["levels"].items():
        level = Level(name, int(e["tier"]), e.get("party"))
        k.levels[name] = level
        _phrases(k.level_words, e["words"], (name, False))
        if level.party:
            _phrases(k.level_words, [level.party], (name, True))
    _phrases(k.all_levels, data["all_levels"], True)
    _phrases(k.fillers, data["fillers"], True)
    _phrases(k.qualifiers, data["qualifiers"], True)
    _phrases(k.narrowing, data["narrowing"], True)
    _phrases(k.regions, data["regions"], True)
    _phrases(k.parts, data["parts"], True)
    _phrases(k.persons, data["persons"], True)
    _phrases(k.party_words, data["party_words"], True)
    for category, heads in data["families"].items():
        _phrases(k.families, heads, category)
    _phrases(k.nobody, data["not_bodies"], True)
    return k


def categories() -> tuple[str, ...]:
    return knowledge().categories


def kinds() -> list[Kind]:
    return list(knowledge().kinds.values())


def groups() -> list[GroupKind]:
    return list(knowledge().groups.values())


# --- where a body is: its level and place ----------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What a document says of itself that a name leaves out: "UBND thành phố" is its town's."""

    doc: str  # the document's id: bodies of a text whose locality is unknown stay that text's
    locality: str | None = None
    province: str | None = None  # of the locality: the text's, else from data/localities.yml
    level: str | None = None  # the document's own level: "thành phố" for a Thành ủy's text
    party: bool | None = None  # issued by a party committee (or its organs)


@dataclass(frozen=True)
class Scope:
    """The locality and level of a body."""

    slug: str  # part of the body's id: "tam-ky", "tinh-quang-nam", "cap-xa-duc-pho"
    place: str | None  # the place named in its name: "Tam Kỳ", "Quảng Nam"
    level: str | None = None  # of that place, when known: "thành phố"
    plural: str | None = None  # every unit of a tier: "cấp xã", or "các cấp"
    locality: str | None = None  # where the index files it: the document's locality, or the province
    parent: str | None = None  # a commune's district
    region: bool = False  # the place is an area ("khu vực Bảo Lộc - Bảo Lâm"), not a unit

    def label(self, party: bool = False) -> str:
        """The words after a kind's name: "thành phố Tam Kỳ", "Thành ủy Đà Lạt", "cấp xã (Đức Phổ)"."""
        where = f" ({self.parent})" if self.parent else ""
        if self.region:
            return self.place or ""
        if self.plural:
            return f"{self.plural} ({self.locality or 'chưa rõ địa phương'})"
        if self.place is None:
            return f"{self.level + ' ' if self.level else ''}(chưa rõ địa phương)"
        if self.level:
            level = knowledge().levels.get(self.level)
            word = level.party if party and level and level.party else self.level
            return f"{word} {self.place}{where}"
        return f"({self.place}){where}" if not where else f"{self.place}{where}"


@dataclass(frozen=True)
class _Tail:
    """The words after a body's name, read: its level, place or area."""

    level: str | None = None
    party: bool | None = None  # written as a party level ("Thành ủy") or a state one ("thành phố")
    plural: bool = False
    all_levels: bool = False
    place: str | None = None
    region: str | None = None
    places: tuple[str, ...] = ()  # several units named at once: "các xã Cát Tiến, Cát Chánh"
    word: str = ""  # the level as written: "xóm", "ấp", "bản" are all villages


def _longest(trie: _Trie, words: list[str], at: int):
    found = trie.prefixes(words, at)
    return found[0] if found else None


def _read_tail(toks: list[Token], text: str, ctx: Context, leveled: bool = False) -> _Tail | None:
    """The words after a body's name: its level ("thành phố", "Thành ủy", "các xã, phường", "các cấp"), the
    place's own name, an area ("khu vực ..."), and words that only narrow ("liên quan", "trong hệ thống chính
    trị"), in any order; None if any other word is left. After a name that carries its level ("Huyện ủy"),
    ``leveled``, a capitalised name is its place ("Huyện ủy Lục Nam") though no list knows it."""
    k = knowledge()
    words = [t.key for t in toks]
    i, n = 0, len(toks)
    level = party = None
    plural = all_levels = False
    place = region = None
    places: tuple[str, ...] = ()
    word = ""

    def capitalised(j: int) -> int:
        while j < n and (toks[j].text[:1].isupper() or toks[j].text[:1].isdigit()):
            j += 1
        return j

    while i < n:
        if region is None and place is None and (m := _longest(k.regions, words, i)) and capitalised(m[0]) > m[0]:
            j = capitalised(m[0])
            region, i = text[toks[i].start:toks[j - 1].end], j
        elif m := _longest(k.fillers, words, i) or _longest(k.qualifiers, words, i):
            i = m[0]
        elif level is not None and (plural or place is None) and _longest(k.narrowing, words, i):
            break  # "các thôn có dự án", "các xã biên giới", "các xã vùng cao": only narrows which units are meant
        elif m := _longest(k.all_levels, words, i):
            all_levels, i = True, m[0]
        elif level is None and (_longest(k.level_words, words, i) or (
                words[i] == "các" and _longest(k.level_words, words, i + 1))):
            if words[i] == "các":
                plural, i = True, i + 1
            found: list[tuple[str, bool]] = []
            first = i
            while i < n and (m := _longest(k.level_words, words, i)):
                found.append(m[1][0])
                i = m[0]
            word = text[toks[first].start:toks[i - 1].end].lower()
            _, level, party = max((k.levels[name].tier, name, is_party) for name, is_party in found)
            plural = plural or len(found) > 1
        elif level is None and party is None and (m := _longest(k.party_words, words, i)):
            party, i = True, m[0]  # "Văn phòng Đảng ủy": the party committee of the text
        elif place is None and region is None and (toks[i].text[:1].isupper() or (
                level and toks[i].text[:1].isdigit())):
            j = capitalised(i)
            name = text[toks[i].start:toks[j - 1].end]
            if level is None and not leveled and not _known_place(name, ctx):
                return None
            place, i = name, j
            named = [p for p in re.split(r"\s*(?:[,;]|\svà\s)\s*", name) if p]
            if len(named) > 1 and level is not None:  # "các xã Cát Tiến, Cát Chánh": several units
                places = tuple(named)
        else:
            return None
    return _Tail(level, party, plural and not place, all_levels, place, region, places, word)


def _known_place(name: str, ctx: Context) -> bool:
    return name in (ctx.locality, ctx.province) or name in places.provinces() or name in places.towns()


def _tier(level: str | None) -> int | None:
    return knowledge().levels[level].tier if level in knowledge().levels else None


def _home_tier(ctx: Context) -> int | None:
    if ctx.locality and ctx.locality in places.provinces():
        return 1
    return _tier(ctx.level)


def _home(ctx: Context, plural: str | None = None) -> Scope:
    """The document's own unit (or every unit of a tier under it)."""
    if ctx.locality is None:
        if plural:
            return Scope(f"{slugify(plural)}-van-ban-{ctx.doc}", None, None, plural)
        return Scope(f"van-ban-{ctx.doc}", None, ctx.level)
    tier = _home_tier(ctx)
    if plural:
        return Scope(slugify(f"{plural} {ctx.locality}"), ctx.locality, None, plural, ctx.locality)
    if tier == 1:
        word = ctx.level if ctx.level in ("tỉnh", "thành phố") else "tỉnh"
        return Scope(slugify(f"{word} {ctx.locality}"), ctx.locality, word, None, ctx.locality)
    return Scope(slugify(ctx.locality), ctx.locality, ctx.level, None, ctx.locality)


def _province(ctx: Context, word: str) -> Scope:
    """The province above the document's locality ("UBND tỉnh" in a town's text)."""
    province = ctx.province or places.province_of(ctx.locality)
    if province:
        return Scope(slugify(f"{word} {province}"), province, word, None, province)
    return Scope(f"{slugify(word)}-van-ban-{ctx.doc}", None, word, None, None)


def _scope(tail: _Tail, alias_level: str | None, default: str | None, ctx: Context) -> Scope:
    k = knowledge()
    level = tail.level or alias_level
    if tail.region:
        return Scope(slugify(f"{tail.region} {ctx.locality or ''}"), tail.region, None, None,
                     ctx.locality or tail.region, region=True)
    if tail.place:
        tier = _tier(level)
        if level == "thành phố" and tail.place in places.cities():
            tier = 1  # "UBND thành phố Đà Nẵng", "Thành ủy Cần Thơ": a city of a province's rank
        if tier is None:
            tier = 1 if tail.place in places.provinces() else 2
        if tier >= 3:
            word = tail.word if tier >= 4 and tail.word else level  # "xóm Đông Lộc", not "thôn Đông Lộc"
            return Scope(slugify(f"{word} {tail.place} {ctx.locality or ''}"), tail.place, word, None,
                         ctx.locality or tail.place, ctx.locality)
        if tier <= 1:
            word = level or "tỉnh"
            return Scope(slugify(f"{word} {tail.place}"), tail.place, word, None, tail.place)
        return Scope(slugify(tail.place), tail.place, level, None, tail.place)
    if tail.all_levels or (level is None and default == ALL_LEVELS):
        return _home(ctx, ALL_LEVELS)
    if level is None and default in k.levels:  # a kind found only at one level ("Ban công tác Mặt trận")
        level = default
    if level is None:
        return _home(ctx)
    tier = _tier(level)
    if tier == 0:
        return Scope("trung-uong", "Trung ương", None, None, "Trung ương")
    if ctx.level == "quận" and level == "thành phố":
        tier = 1  # a district's text: "thành phố" is the city above it
    if level == "thành phố" and ctx.locality in places.cities():
        tier = 1  # a centrally-run city's text: "UBND thành phố", "Ban Tổ chức Thành ủy" are the city's own
    home = _home_tier(ctx)
    if tail.plural and (home is None or tier > home):
        return _home(ctx, k.plural.get(tier))
    if home is None:
        if tier == 1:
            return _province(ctx, level)
        return _home(ctx, k.plural.get(tier)) if tier >= 3 else _home(ctx)
    if tier == home:
        return _home(ctx)
    if tier < home:
        return _province(ctx, level) if tier == 1 else Scope(
            f"{slugify(level)}-van-ban-{ctx.doc}", None, level, None, None)
    return _home(ctx, k.plural.get(tier))


# --- from a name to its body ---------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """The body (or group of bodies) a name stands for."""

    id: str  # "<kind id>--<scope slug>": "uy-ban-nhan-dan--tam-ky"
    name: str  # "Ủy ban nhân dân thành phố Tam Kỳ"
    kind: Kind | None  # None for a group, or for a name that could not be mapped
    scope: Scope
    category: str
    group: GroupKind | None = None
    members: tuple[Identity, ...] = ()
    written: str = ""  # the name as written, for a name that could not be mapped

    @property
    def known(self) -> bool:
        """Mapped to a body (or a group) of the data file, or to a kind of its family."""
        return self.kind is not None or self.group is not None

    @property
    def kind_name(self) -> str:
        """What the index and the facets file it under: its kind, or the name as written without its place."""
        if self.kind:
            return self.kind.name
        return self.group.name if self.group else self.written


def _body(kind: Kind, scope: Scope) -> Identity:
    level = scope.level if not scope.plural else None
    at = kind.name_at(level) if not scope.region else None
    if at:
        where = f" ({scope.parent})" if scope.parent else ""
        name = at + (f" {scope.place}{where}" if scope.place else " (chưa rõ địa phương)")
    else:
        name = f"{kind.name} {scope.label(kind.party)}"
    return Identity(f"{kind.id}--{scope.slug}", name, kind, scope, kind.category)


def _group(group: GroupKind, scope: Scope) -> Identity:
    members = tuple(_body(m, scope) for m in group.members)
    return Identity(f"{group.id}--{scope.slug}", f"{group.name} {scope.label()}", None, scope,
                    members[0].category if members else OTHER, group, members)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pick(targets: list[Target], tail: _Tail, ctx: Context) -> Target:
    """One of several kinds an alias may name ("Văn phòng"): by how the level is written, else by the issuer."""
    if len(targets) == 1:
        return targets[0]
    party = tail.party if tail.party is not None else ctx.party
    for t in targets:
        if t.kind is not None and t.kind.party == bool(party):
            return t
    return targets[0]


def _match(toks: list[Token], text: str, ctx: Context, plural: bool) -> Identity | None:
    """The longest alias the words begin with whose tail reads as a level and place."""
    words = [t.key for t in toks]
    for end, targets in knowledge().names.prefixes(words):
        tail = _read_tail(toks[end:], text, ctx, leveled=any(t.level for t in targets))
        if tail is None:
            continue
        target = _pick(targets, tail, ctx)
        kind = target.kind
        default = kind.default if kind else None
        if plural and not tail.place and (target.level or tail.level):
            tail = dataclasses.replace(tail, plural=True)
        if kind is not None and tail.places:
            return _several(kind, tail, target.level, ctx)
        scope = _scope(tail, target.level, default, ctx)
        return _body(kind, scope) if kind else _group(target.group, scope)
    return None


def _several(kind: Kind, tail: _Tail, alias_level: str | None, ctx: Context) -> Identity:
    """"UBND các xã Cát Tiến, Cát Chánh": one body for each unit named, as a group of them."""
    members = tuple(_body(kind, _scope(dataclasses.replace(tail, place=p, places=()), alias_level, None, ctx))
                    for p in tail.places)
    joined = _body(kind, _scope(dataclasses.replace(tail, place=", ".join(tail.places), places=()), alias_level,
                                None, ctx))
    return Identity(joined.id, joined.name, None, joined.scope, kind.category, GroupKind(kind.id, kind.name, (kind,)),
                    members)


def _split_tail(toks: list[Token], text: str, ctx: Context, head: int = 1) -> tuple[int, _Tail]:
    """Where a name's own words end and its level begins: "Trung tâm Y tế | huyện Nghi Lộc". A place named
    without a level stays part of the name ("Báo Quảng Ngãi", "Đồn Biên phòng Cửa Việt")."""
    for i in range(max(head, 1), len(toks)):
        tail = _read_tail(toks[i:], text, ctx)
        if tail is not None and (tail.level or tail.region or tail.all_levels):
            return i, tail
    return len(toks), _Tail()


def _derived(toks: list[Token], text: str, ctx: Context, category: str, head: int) -> Identity:
    """A body of a family ("Trung tâm Phát triển quỹ đất huyện"): its own words are its kind."""
    end, tail = _split_tail(toks, text, ctx, head)
    own = _capitalised(text[toks[0].start:toks[end - 1].end])
    kind = Kind(slugify(" ".join(t.key for t in toks[:end])), own, category, party=bool(tail.party), known=False)
    return _body(kind, _scope(tail, None, None, ctx))


def _unknown(toks: list[Token], text: str, ctx: Context) -> Identity:
    """A name no entry and no family explains: kept as written, placed by its level words."""
    end, tail = _split_tail(toks, text, ctx)
    own = _capitalised(text[toks[0].start:toks[end - 1].end])
    scope = _scope(tail, None, None, ctx)
    category = "Đảng" if tail.party else OTHER
    return Identity(f"{slugify(' '.join(t.key for t in toks[:end]))}--{scope.slug}", f"{own} {scope.label()}",
                    None, scope, category, written=own)


def _drop_leading(toks: list[Token], trie: _Trie) -> list[Token] | None:
    found = trie.prefixes([t.key for t in toks])
    return toks[found[0][0]:] if found else None


@cache
def identify(name: str, ctx: Context) -> Identity | None:
    """The body a name as written stands for, in a document's context; None for people and everyone
    ("Nhân dân", "đồng chí Nguyễn Văn A"), which are not bodies."""
    text = nfc(" ".join(name.split())).strip(" .,;:-–")
    toks = tokens(text)
    if not toks or _nobody(toks, text, ctx):
        return None
    return _identify(toks, text, ctx, person=False)


def _nobody(toks: list[Token], text: str, ctx: Context) -> bool:
    """People and everyone, maybe several and placed: "Nhân dân", "cán bộ, đảng viên và nhân dân các xã"."""
    k = knowledge()
    words = [t.key for t in toks]
    i = 0
    while i < len(words):
        found = k.nobody.prefixes(words, i)
        if not found:
            break
        i = found[0][0]
    return i > 0 and (i == len(words) or _read_tail(toks[i:], text, ctx) is not None)


def _identify(toks: list[Token], text: str, ctx: Context, person: bool) -> Identity | None:
    k = knowledge()
    plural = bool(toks) and toks[0].key in ("các", "những") and len(toks) > 1
    found = _match(toks, text, ctx, False) or (_match(toks[1:], text, ctx, True) if plural else None)
    if found:
        return found
    rest = _drop_leading(toks, k.persons)
    if rest is not None:
        return _identify(rest, text, ctx, person=True) if rest else None
    rest = _drop_leading(toks, k.parts)
    if rest is not None and (rest or person or ctx.party):
        if rest:
            return _identify(rest, text, ctx, person)
        return _issuer_body(ctx) if not person else None
    if person:
        return None  # "đồng chí Nguyễn Văn A": a person
    own = toks[1:] if plural else toks
    family = k.families.prefixes([t.key for t in own])
    if family:
        return _derived(own, text, ctx, family[0][1][0], family[0][0])
    tail = _read_tail(own, text, ctx)
    if tail is not None and (tail.level or tail.all_levels):  # "các xã, thị trấn": the communes' authorities
        government = k.kinds.get(organisations().get("levels_alone", ""))
        if government is not None:
            if tail.places:
                return _several(government, tail, None, ctx)
            return _body(government, _scope(dataclasses.replace(tail, plural=not tail.place), None, None, ctx))
    return _unknown(own, text, ctx)


def _issuer_body(ctx: Context) -> Identity | None:
    """"Ban Thường vụ" alone, in a party committee's text: that committee."""
    if not ctx.party:
        return None
    committee = next((k for k in kinds() if k.names and k.category == "Đảng"), None)
    return _body(committee, _home(ctx)) if committee else None


@cache  # one issuer, one header line, for many documents
def read_level(text: str, header: bool = False) -> tuple[str | None, bool | None]:
    """The level and style a document's issuer (or a line of its header) gives itself: "Thường trực
    Thành ủy" -> ("thành phố", True); "Chủ tịch UBND huyện" -> ("huyện", False). A header line counts
    only if it begins with a body's name or a level ("HUYỆN ỦY NGHI LỘC", not "CỘNG HÒA XÃ HỘI ...")."""
    k = knowledge()
    words = [t.key for t in tokens(text)]
    if header and not (_longest(k.names, words, 0) or _longest(k.level_words, words, 0)):
        return None, None
    party = None
    for i in range(len(words)):
        if m := _longest(k.names, words, i):
            for target in m[1]:
                if target.kind is not None:
                    party = target.kind.category == "Đảng" if party is None else party
                    if target.level:
                        return target.level, True
        if m := _longest(k.level_words, words, i):
            level, is_party = m[1][0]
            return level, is_party or bool(party)
    return None, party


def tier(level: str | None) -> int:
    """0 the centre, 1 a province, 2 a district, 3 a commune, 4 a village; -1 unknown."""
    found = _tier(level)
    return -1 if found is None else found


# --- what the writers need: glossary, search synonyms, tracker aliases ----------------------------------


@cache
def glossary() -> dict[str, str]:
    """Abbreviation -> expansion, for tooltips and the glossary page."""
    out: dict[str, str] = {}
    for entry in (*kinds(), *groups()):
        for a in entry.abbr:
            out.setdefault(a, entry.name)
    out.update(organisations().get("terms", {}))
    return out


def synonyms() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(names, loose names) of each kind, group and term that has an abbreviation: the search's synonyms.

    A query with any of the names also finds the others; a loose name ("Mặt trận") finds them
    too, but they do not find it (it is too common a word)."""
    out = []
    for entry in (*kinds(), *groups()):
        if entry.abbr:  # names written out in the data file: those composed of other kinds' ("{...}") compose
            data = organisations()
            written = {e["name"]: e for e in (*data["kinds"], *data["groups"])}[entry.name]
            literal = tuple(a for a in _strings(written.get("aliases")) if "{" not in a)
            loose = tuple(a for a in _strings(written.get("loose")) if "{" not in a)
            out.append(((entry.name, *entry.abbr, *literal), loose))
    for abbr, meaning in organisations().get("terms", {}).items():
        if "," not in abbr:
            out.append(((abbr, meaning), ()))
    return out


def search_key(text: str) -> str:
    """How the tracker's filter compares names: folded, lower case, words only ("Uỷ ban MTTQ" -> "uy ban mttq")."""
    return " ".join(w for w in re.findall(r"[a-z0-9]+", fold(nfc(text)).lower()) if w != "va")


def aliases_of(entry: Kind | GroupKind) -> Iterator[str]:
    yield entry.name
    yield from entry.abbr
    yield from entry.aliases
    yield from entry.loose
    if isinstance(entry, Kind):
        yield from (alias for alias, _level in entry.levels)
