"""The archive's knowledge of the genre, loaded once: one cached loader per data file.

What the build knows of the world lives in data files (``build_scripts/data/``), not in code:
bodies, localities, the genre's words, symbols, capitalisation, the calendar's feasts. Every stage that needs them
reads them here, so each file is read once per process, whichever stage asks first. The
current administrative units come from the ``vietnam-provinces`` package (pinned in
requirements.txt): its data file is loaded here too.

Only data: what a stage makes of it (patterns, tries, identities) stays with that stage, or in
the knowledge modules built on these loaders (``places``, ``bodies``).
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser where PyYAML has it: the same data


def _read(name: str) -> dict:
    return yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=_LOADER)


@cache
def organisations() -> dict:
    """data/organisations.yml: the words that name a body, the kinds of body, groups, terms (abbreviations)."""
    return _read("organisations.yml")


@cache
def localities() -> dict:
    """data/localities.yml: the provinces, cities and towns as they were before 1 July 2025."""
    return _read("localities.yml")


@cache
def genre() -> dict:
    """data/genre.yml: the genre's wording (task verbs, cues, closings, titles of persons, surnames)."""
    return _read("genre.yml")


@cache
def symbols() -> dict:
    """data/symbols.yml: document symbols' type codes, issuers, kinds and the words around them."""
    return _read("symbols.yml")


@cache
def capitalisation() -> dict:
    """data/capitalisation.yml: phrases in the case of running text, for titles written in capitals."""
    return _read("capitalisation.yml")


@cache
def calendar() -> dict:
    """data/calendar.yml: the feasts deadlines are written against (the first day of each lunar year)."""
    return _read("calendar.yml")


@dataclass(frozen=True)
class Province:
    """A province or centrally-run city since 1 July 2025 ("Thành phố Hà Nội", code 1)."""

    name: str
    code: int


@dataclass(frozen=True)
class Ward:
    """A commune, ward or special zone since 1 July 2025: its name ("Phường Hoàn Kiếm"), kind ("xã", "phường" or
    "đặc khu") and its province's code."""

    name: str
    division_type: str
    province_code: int


@cache
def admin_units() -> tuple[tuple[Province, ...], tuple[Ward, ...]]:
    """(provinces, wards) since 1 July 2025, from the ``vietnam-provinces`` package: the 34 provinces and
    the communes, wards and special zones under them. Read from the data file the package ships
    (``data/nested-divisions.json``, ~5 ms), not through its modules: importing them builds an enumeration of its
    3,321 wards' codes, ~45 ms of each build that extracts a text (an add, an edit)."""
    spec = importlib.util.find_spec("vietnam_provinces")  # found, not imported
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the vietnam-provinces package is not installed (requirements.txt)")
    data = Path(next(iter(spec.submodule_search_locations))) / "data" / "nested-divisions.json"
    nested = json.loads(data.read_text(encoding="utf-8"))
    return (tuple(Province(p["name"], p["code"]) for p in nested),
            tuple(Ward(w["name"], w["division_type"], p["code"]) for p in nested for w in p["wards"]))
