"""Administrative units: which names are provinces, towns and communes, then and now.

On 1 July 2025 the districts were abolished and the provinces merged (63 -> 34); about 3,300
communes, wards and special zones now stand directly under the provinces. The current units
come from the `vietnam-provinces` package (data maintained by others, pinned in
requirements.txt); `data/localities.yml` keeps only what it lacks: the provinces, cities and
towns as they were before, for older texts. Both are loaded once, by build_scripts/knowledge/
(the link and render stages place bodies and pages with them too, through build_scripts/places.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .. import knowledge
from ..vietnamese import fold
from .places import short_province

REORGANISED = "2025-07-01"  # the two-level local government took office


@dataclass(frozen=True)
class Commune:
    name: str  # "Đề Gi", "Xuân Hương - Đà Lạt"
    kind: str  # "xã", "phường" or "đặc khu"
    province: str  # its province's short name: "Gia Lai"


def key(name: str) -> str:
    """How names are compared: folded, lower case, single spaces ("ĐỀ GI" ~ "Đề Gi")."""
    return " ".join(fold(name).casefold().replace("-", " - ").split())


@cache
def communes() -> dict[str, tuple[Commune, ...]]:
    """Every commune, ward and special zone since 1 July 2025, by ``key`` of its name (a name may repeat)."""
    provinces, wards = knowledge.admin_units()
    province_of = {p.code: short_province(p.name) for p in provinces}
    out: dict[str, list[Commune]] = {}
    for w in wards:
        kind = w.division_type
        name = w.name[len(kind):].strip() if w.name.casefold().startswith(kind) else w.name
        out.setdefault(key(name), []).append(Commune(name, kind, province_of[w.province_code]))
    return {k: tuple(v) for k, v in out.items()}


def commune(name: str, province: str | None = None, kind: str | None = None) -> Commune | None:
    """The current commune or ward of that name (in that province, of that kind, when given), if there is exactly
    one ("PHƯỜNG HÀ ĐÔNG" is Hà Nội's ward, not Hải Phòng's commune of the same name)."""
    found = communes().get(key(name), ())
    if province:
        found = tuple(c for c in found if c.province == province)
    if kind:
        found = tuple(c for c in found if c.kind == kind.lower())
    return found[0] if len(found) == 1 else None
