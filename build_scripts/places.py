"""Places: the provinces and the towns under them (data/localities.yml), loaded once.

Knowledge shared by the stages that place a text (extraction) and those that place a body or a
browse page (link, render). It never fills in a document's own ``province``: the text decides that.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "localities.yml"


@cache
def _provinces() -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))["provinces"]
    return {province: tuple(towns) for province, towns in data.items()}


def provinces() -> frozenset[str]:
    """The provinces' names (and the cities run by the centre, which rank as provinces)."""
    return frozenset(_provinces())


@cache
def towns() -> dict[str, str]:
    """Town -> its province."""
    return {town: province for province, towns in _provinces().items() for town in towns}


def province_of(locality: str | None) -> str | None:
    """The province a locality belongs to: itself for a province, else from the list of towns."""
    if not locality:
        return None
    return locality if locality in _provinces() else towns().get(locality)
