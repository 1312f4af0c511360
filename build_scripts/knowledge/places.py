"""Places: the provinces, and the cities and towns under them, then and now, loaded once.

Knowledge shared by the stages that place a text (extraction) and those that place a body or a
browse page (link, render). The current provinces come from the `vietnam-provinces` package
(pinned in requirements.txt); `data/localities.yml` keeps the provinces, cities and towns as they
were before 1 July 2025, for older texts. It never fills in a document's own ``province``: the
text decides that.
"""

from __future__ import annotations

from functools import cache

from .. import knowledge
from ..vietnamese import fold


def short_province(province: str) -> str:
    """"Thành phố Hà Nội" -> "Hà Nội", "Tỉnh Gia Lai" -> "Gia Lai" (the archive's usage: "TP. Hồ Chí Minh")."""
    for prefix in ("Thành phố ", "Tỉnh "):
        if province.startswith(prefix):
            province = province[len(prefix):]
    return "TP. Hồ Chí Minh" if province == "Hồ Chí Minh" else province


@cache
def current_provinces() -> frozenset[str]:
    """The 34 provinces and centrally-run cities since 1 July 2025."""
    provinces, _ = knowledge.admin_units()
    return frozenset(short_province(p.name) for p in provinces)


@cache
def cities() -> frozenset[str]:
    """The centrally-run cities, of a province's rank: Hà Nội, TP. Hồ Chí Minh, Hải Phòng, Đà Nẵng, Cần Thơ, Huế."""
    provinces, _ = knowledge.admin_units()
    return frozenset(short_province(p.name) for p in provinces if p.name.startswith("Thành phố "))


def _old() -> dict[str, list[str]]:
    return knowledge.localities()["provinces"]


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


def locality_key(name: str | None) -> str:
    """How localities are sorted and compared: folded, case-insensitive."""
    return fold(name or "").casefold()


def province_of(locality: str | None) -> str | None:
    """The province a locality belongs to: itself for a province, else from the list of towns."""
    if not locality:
        return None
    return locality if locality in provinces() else towns().get(locality)
