"""The archive's knowledge of the genre, loaded once: one cached loader per data file.

What the build knows of the world lives in data files (``build_scripts/data/``), not in code:
bodies, localities, the genre's words, symbols, capitalisation, the calendar's feasts. Every stage that needs them
reads them here, so each file is read once per process, whichever stage asks first. The
current administrative units come from the ``vietnam-provinces`` package (pinned in
requirements.txt) and are loaded here too.

Only data: what a stage makes of it (patterns, tries, identities) stays with that stage, or in
the knowledge modules built on these loaders (``places``, ``bodies``).
"""

from __future__ import annotations

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


@cache
def admin_units() -> tuple[tuple, tuple]:
    """(provinces, wards) since 1 July 2025, from the ``vietnam-provinces`` package: the 34 provinces and
    the communes, wards and special zones under them."""
    from vietnam_provinces import Province, Ward

    return tuple(Province.iter_all()), tuple(Ward.iter_all())
