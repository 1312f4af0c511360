"""Compare extraction with hand-read gold files (the format of ../shared/gold).

Used by ``python -m build_scripts evaluate GOLD_DIR`` to report per-field accuracy
for a batch, and by the tests to check the seeds field by field.

Conventions of the gold format: strings under a task's ``assignees`` must be contained,
between them, in the task's assignee names (case-insensitive, with or without
diacritics); ``lead`` / ``support`` likewise among assignees of that role. A task key
the gold omits (``deadline``, ``references``) means the careful reader found none.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import Document, Role, Task
from ..pipeline import loader
from ..site import paths
from ..vietnamese import fold, plain_dashes
from .common import say


@dataclass(frozen=True)
class Check:
    source: str
    field: str
    ok: bool
    expected: object = None
    got: object = None

    def __str__(self) -> str:
        mark = "ok " if self.ok else "BAD"
        detail = "" if self.ok else f": expected {self.expected!r}, got {self.got!r}"
        return f"{mark} {self.source} {self.field}{detail}"


def _norm(value: object) -> object:
    if isinstance(value, str):
        return " ".join(value.split())
    if value is not None and not isinstance(value, list | dict):
        return str(value)  # YAML reads 2023-07-28 as a date
    return value


def _contains(haystacks: list[str], needle: str) -> bool:
    """Is the needle inside one of the names (any case, with or without diacritics, any dash)?"""
    n, nf = plain_dashes(needle).casefold(), fold(plain_dashes(needle)).casefold()
    return any(n in plain_dashes(h).casefold() or nf in fold(plain_dashes(h)).casefold() for h in haystacks)


def _scalar_checks(doc: Document, gold: dict) -> list[Check]:
    f, src = doc.facts, gold["source"]
    out = []
    for key in ("type", "number", "issuer", "locality", "province", "meeting_date", "issued_date", "period", "chair"):
        if key in gold:
            got, expected = getattr(f, key), _norm(gold[key])
            out.append(Check(src, key, _norm(got) == expected, expected, got))
    if "attendees" in gold:
        out.append(Check(src, "attendees", sorted(f.attendees) == sorted(gold["attendees"]), gold["attendees"],
                         f.attendees))
    if "signer" in gold and gold["signer"] is None:  # a text that names no signer (a news report): none is read
        got_name = f.signer.name if f.signer else None
        out.append(Check(src, "signer.name", got_name is None, None, got_name))
    elif "signer" in gold:
        for key, expected in gold["signer"].items():
            got = getattr(f.signer, key) if f.signer else None
            out.append(Check(src, f"signer.{key}", _norm(got) == _norm(expected), expected, got))
    if "recipients" in gold:
        out.append(Check(src, "recipients", [_norm(r) for r in f.recipients] == [_norm(r) for r in gold["recipients"]],
                         gold["recipients"], f.recipients))
    if "shortcomings" in gold:
        out.append(Check(src, "shortcomings", len(f.shortcomings) == gold["shortcomings"], gold["shortcomings"],
                         len(f.shortcomings)))
    if "shortcomings_text_contains" in gold:
        needle = gold["shortcomings_text_contains"]
        out.append(Check(src, "shortcomings", any(needle in s for s in f.shortcomings), needle, f.shortcomings))
    if "footnotes" in gold:
        out.append(Check(src, "footnotes", len(f.footnotes) == gold["footnotes"], gold["footnotes"],
                         len(f.footnotes)))
    if "footnote_of_task" in gold:
        got = f.footnotes[0].task if f.footnotes else None
        out.append(Check(src, "footnotes", got == gold["footnote_of_task"], gold["footnote_of_task"], got))
    return out


def _reference_checks(doc: Document, gold: dict) -> list[Check]:
    src = gold["source"]
    got = {r.symbol: r for r in doc.facts.references}
    out = []
    for g in gold.get("references", []):
        r = got.get(g["symbol"])
        out.append(Check(src, "references.symbol", r is not None, g["symbol"], None))
        if r is None:
            continue
        out.append(Check(src, "references.kind", r.kind == g.get("kind"), g.get("kind"), r.kind))
        if "date" in g:
            out.append(Check(src, "references.date", r.date == _norm(g["date"]), _norm(g["date"]), r.date))
    expected = {g["symbol"] for g in gold.get("references", [])}
    for extra in sorted(set(got) - expected):
        out.append(Check(src, "references.symbol", False, None, extra))
    return out


def _missed_task_checks(src: str, g: dict) -> list[Check]:
    """The checks a task the extraction missed would have had, each failed (the strict count)."""
    label = f"task {g['number']}"
    fields = [("tasks.assignees", n) for n in g.get("assignees", [])]
    fields += [(f"tasks.{k}", n) for k in ("lead", "support") for n in g.get(k, [])]
    fields += [("tasks.deadline", g.get("deadline")), ("tasks.references", sorted(g.get("references", [])))]
    fields += [(f"tasks.{k}", g[k]) for k in ("section",) if k in g]
    fields += [("tasks.text", g[k]) for k in ("text_contains", "text_not_contains") if k in g]
    return [Check(src, field, False, f"{label}: {expected}", None) for field, expected in fields]


def _task_checks(doc: Document, gold: dict, strict: bool = False) -> list[Check]:
    src = gold["source"]
    # tasks are paired by number, in order: unnumbered tasks ("") pair first with first
    by_number: dict[str, list[Task]] = defaultdict(list)
    for t in doc.facts.tasks:
        by_number[t.number].append(t)
    expected_numbers = [str(t["number"]) for t in gold.get("tasks", [])]
    out = [Check(src, "tasks.numbers", [t.number for t in doc.facts.tasks] == expected_numbers, expected_numbers,
                 [t.number for t in doc.facts.tasks])]
    for g in gold.get("tasks", []):
        number = str(g["number"])
        task = by_number[number].pop(0) if by_number.get(number) else None
        label = f"task {number}"
        if task is None:
            out.append(Check(src, "tasks.present", False, number, None))
            if strict:
                out += _missed_task_checks(src, g)
            continue
        names = [a.name for a in task.assignees]
        for needle in g.get("assignees", []):
            out.append(Check(src, "tasks.assignees", _contains(names, needle), f"{label}: {needle}", names))
        for role_key, role in (("lead", Role.LEAD), ("support", Role.SUPPORT)):
            role_names = [a.name for a in task.assignees if a.role == role]
            for needle in g.get(role_key, []):
                out.append(Check(src, f"tasks.{role_key}", _contains(role_names, needle), f"{label}: {needle}",
                                 role_names))
        expected_deadline = _norm(g.get("deadline"))
        out.append(Check(src, "tasks.deadline", task.deadline == expected_deadline, f"{label}: {expected_deadline}",
                         task.deadline))
        refs = sorted(g.get("references", []))
        out.append(Check(src, "tasks.references", sorted(task.references) == refs, f"{label}: {refs}",
                         task.references))
        if "section" in g:
            out.append(Check(src, "tasks.section", task.section == g["section"], f"{label}: {g['section']}",
                             task.section))
        if "text_contains" in g:
            out.append(Check(src, "tasks.text", g["text_contains"] in task.text, f"{label}: {g['text_contains']}",
                             task.text[:80]))
        if "text_not_contains" in g:
            out.append(Check(src, "tasks.text", g["text_not_contains"] not in task.text,
                             f"{label}: not {g['text_not_contains']}", task.text[:80]))
    return out


def compare(doc: Document, gold: dict, strict: bool = False) -> list[Check]:
    """Every check of one document against its gold record. By default a task not found fails once
    (`tasks.present`); `strict` also fails each check it would have had (assignees, roles, deadline,
    references), the count a reader of the task table meets."""
    return _scalar_checks(doc, gold) + _reference_checks(doc, gold) + _task_checks(doc, gold, strict)


def load_gold(gold_dir: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.yml"))]


def summary(checks: list[Check]) -> str:
    """Per-field accuracy, one line per field, then the total."""
    return table({"": checks})


def table(groups: dict[str, list[Check]]) -> str:
    """One Markdown table: a row per field, a column per group of gold files ("correct/total"), then all."""
    fields = sorted({c.field for checks in groups.values() for c in checks})
    everything = [c for checks in groups.values() for c in checks]
    named = [g for g in groups if g]

    def cell(checks: list[Check], field: str | None) -> str:
        oks = [c.ok for c in checks if field is None or c.field == field]
        return f"{sum(oks)}/{len(oks)}" if oks else ""

    def share(checks: list[Check], field: str | None) -> str:
        oks = [c.ok for c in checks if field is None or c.field == field]
        return f"{sum(oks) / len(oks):.0%}" if oks else ""

    header = ["field", *named, "all", "accuracy"]
    rows = [[f, *(cell(groups[g], f) for g in named), cell(everything, f), share(everything, f)] for f in fields]
    rows.append(["**all**", *(cell(groups[g], None) for g in named), cell(everything, None), share(everything, None)])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in
                                 enumerate(zip(cells, widths, strict=True))) + " |"

    rule = "|" + "|".join("-" * (w + 1) + ("-" if i == 0 else ":") for i, w in enumerate(widths)) + "|"
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def run(args: argparse.Namespace) -> int:
    source_dir = Path(args.source) if args.source else None
    groups: dict[str, list[Check]] = {}
    for gold_dir in map(Path, args.gold_dirs):
        checks = groups.setdefault(gold_dir.name, [])
        for record in load_gold(gold_dir):
            folder = source_dir or next(
                (d for d in (gold_dir, paths.DEFAULT_SOURCE) if (d / record["source"]).is_file()), gold_dir)
            archive = loader.load_archive([folder / record["source"]])
            if not archive.documents:
                say(f"{record['source']}: not found or unreadable in {folder}", file=sys.stderr)
                continue
            checks += compare(archive.documents[0], record, strict=args.strict)
    if args.verbose:
        for c in (c for checks in groups.values() for c in checks):
            if not c.ok:
                say(str(c))
    say(table(groups) if len(groups) > 1 else summary(next(iter(groups.values()), [])))
    return 0
