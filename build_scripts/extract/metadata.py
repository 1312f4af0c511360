"""Document metadata: title, type, number, issuer, dates, period, signer, recipients."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from ..model import Block, BlockKind, plain

DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def _phrases() -> list[tuple[re.Pattern[str], str]]:
    """(pattern, canonical form) for each phrase, longest first."""
    data = yaml.safe_load((DATA / "capitalisation.yml").read_text(encoding="utf-8"))
    out = []
    for phrase in sorted(data["phrases"], key=len, reverse=True):
        # "ủy" and "uỷ" are two spellings of one syllable; match both
        body = re.escape(phrase).replace("ủy", "(?:ủy|uỷ)").replace("Ủy", "(?:Ủy|Uỷ)")
        out.append((re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE), phrase))
    return out


def _case_like(text: str, model: str) -> str:
    """Give ``text`` the letter case of ``model`` (same letters, maybe another spelling)."""
    return "".join(c.upper() if m.isupper() else c.lower() for c, m in zip(text, model, strict=False))


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def citation_case(line: str) -> str:
    """An all-capitals line in the case of running text; other lines unchanged."""
    if not _is_upper(line):
        return line
    text = line.lower()
    for pattern, canonical in _phrases():
        text = pattern.sub(lambda m, c=canonical: _case_like(m.group(0), c), text)
    return text


def read_title(blocks: list[Block], fallback: str) -> str:
    """The title as a reader would cite it: the title block in running-text case."""
    lines: list[str] = []
    for b in blocks:
        if b.kind != BlockKind.TITLE:
            continue
        raw = "".join(s.text for s in b.spans)
        lines += [" ".join(ln.split()) for ln in raw.split("\n") if ln.strip()]
    if not lines:
        first = next((b for b in blocks if b.kind == BlockKind.PARAGRAPH), None)
        if first is None:
            return fallback
        sentence = re.split(r"(?<=[.;:])\s", plain(first.spans))[0]
        return sentence if len(sentence) <= 120 else sentence[:120].rsplit(" ", 1)[0] + "…"
    title = " ".join(citation_case(ln) for ln in lines)
    return title[:1].upper() + title[1:]
