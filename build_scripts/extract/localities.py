"""Administrative units: which names are provinces, towns and communes, then and now.

On 1 July 2025 the districts were abolished and the provinces merged (63 -> 34); about 3,300
communes, wards and special zones now stand directly under the provinces. The current units
come from the `vietnam-provinces` package (data maintained by others, pinned in
requirements.txt); `data/localities.yml` keeps only what it lacks: the provinces, cities and
towns as they were before, for older texts. Both are loaded once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..vietnamese import fold

DATA = Path(__file__).resolve().parent.parent / "data" / "localities.yml"
REORGANISED = "2025-07-01"  # the two-level local government took office


@dataclass(frozen=True)
class Commune:
    name: str  # "Đề Gi", "Xuân Hương - Đà Lạt"
    kind: str  # "xã", "phường" or "đặc khu"
    province: str  # its province's short name: "Gia Lai"


def _short(province: str) -> str:
    """"Thành phố Hà Nội" -> "Hà Nội", "Tỉnh Gia Lai" -> "Gia Lai" (the archive's usage: "TP. Hồ Chí Minh")."""
    for prefix in ("Thành phố ", "Tỉnh "):
        if province.startswith(prefix):
            province = province[len(prefix):]
    return "TP. Hồ Chí Minh" if province == "Hồ Chí Minh" else province


def key(name: str) -> str:
    """How names are compared: folded, lower case, single spaces ("ĐỀ GI" ~ "Đề Gi")."""
    return " ".join(fold(name).casefold().replace("-", " - ").split())


@cache
def current_provinces() -> frozenset[str]:
    """The 34 provinces and centrally-run cities since 1 July 2025."""
    from vietnam_provinces import Province

    return frozenset(_short(p.name) for p in Province.iter_all())


@cache
def communes() -> dict[str, tuple[Commune, ...]]:
    """Every commune, ward and special zone since 1 July 2025, by ``key`` of its name (a name may repeat)."""
    from vietnam_provinces import Province, Ward

    province_of = {p.code: _short(p.name) for p in Province.iter_all()}
    out: dict[str, list[Commune]] = {}
    for w in Ward.iter_all():
        kind = w.division_type.value
        name = w.name[len(kind):].strip() if w.name.casefold().startswith(kind) else w.name
        out.setdefault(key(name), []).append(Commune(name, kind, province_of[w.province_code]))
    return {k: tuple(v) for k, v in out.items()}


@cache
def _old() -> dict[str, list[str]]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))["provinces"]


@cache
def old_provinces() -> frozenset[str]:
    """The 63 provinces before 1 July 2025 (data/localities.yml)."""
    return frozenset(_old())


@cache
def provinces() -> frozenset[str]:
    """Every province name a text may use: the current ones and the former ones."""
    return current_provinces() | old_provinces()


@cache
def towns() -> dict[str, str]:
    """Former city or town -> its former province, from data/localities.yml."""
    return {town: province for province, names in _old().items() for town in names}


def commune(name: str, province: str | None = None) -> Commune | None:
    """The current commune or ward of that name (in that province, when given), if there is exactly one."""
    found = communes().get(key(name), ())
    if province:
        found = tuple(c for c in found if c.province == province)
    return found[0] if len(found) == 1 else None
