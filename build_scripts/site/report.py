"""The report a build or a check prints: errors and warnings file by file, then the totals."""

from __future__ import annotations

from collections import defaultdict

from ..model import Diagnostic
from ..pipeline import sources
from ..pipeline.archive import Archive
from ..safe_text import terminal


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(archive: Archive, strict: bool = False) -> str:
    """Errors and warnings file by file, then the totals: what a build or a check prints at the end."""
    published = {d.source.name: d for d in archive.documents}
    state_file = archive.status
    copies = {c: kept for kept, cs in archive.duplicates.items() for c in cs}
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in archive.diagnostics:
        by_file[d.source].append(d)
    lines = []
    for name in sorted(by_file):
        ds = by_file[name]
        errors = sum(d.severity == "error" for d in ds)
        if state_file is not None and name == state_file.name:
            what = (f"status file: {state_file.used} of {plural(state_file.rows, 'report')} read, "
                    f"{state_file.left_out} left out")
        elif name in published:
            what = f"published as {published[name].url}"
        elif name in copies:
            what = f"not published again (a copy of {copies[name]})"
        else:
            what = "NOT PUBLISHED"
        lines.append(f"{name}: {plural(errors, 'error')}, {plural(len(ds) - errors, 'warning')}; {what}")
        for d in ds:
            where = f"line {d.line}: " if d.line else ""
            lines.append(f"    {d.severity}: {where}{d.message}")
    not_built = len({d.source for d in archive.errors} - set(published) - {state_file.name if state_file else ""})
    totals = (
        f"{plural(len(archive.files), 'source file')}: {len(archive.documents)} published, "
        f"{len(copies)} duplicate(s) published once, {not_built} not published because of errors; "
        f"{plural(len(archive.errors), 'error')}, {plural(len(archive.warnings), 'warning')} in total."
    )
    if state_file is not None:
        tasks = archive.tasks_with_status()
        totals += (f" Status file {state_file.name}: {plural(tasks, 'task')} with a status, "
                   f"{state_file.left_out} row(s) left out.")
    if strict and archive.warnings:
        totals += " --strict: warnings fail the build."
    lines += archive.notes
    lines.append(_per_folder(archive))
    if archive.backups:
        lines.append(f"Not read (backup and copy folders): {', '.join(archive.backups)}")
    # nothing from a name or a text reaches the terminal raw: each line's controls are escaped
    return "\n".join(terminal(line) for line in [*lines, *_bodies_report(archive), totals]) + "\n"


def _per_folder(archive: Archive) -> str:
    """How many texts each folder of the source folder gave: "Published by folder: (top) 3, 2023/ 5"."""
    counts: dict[str, int] = defaultdict(int)
    for doc in archive.documents:
        counts[sources.folder_of(doc.source.name)] += 1
    parts = [f"{folder + '/' if folder else '(top)'} {n}" for folder, n in sorted(counts.items())]
    return f"Published by folder: {', '.join(parts) or 'none'}."


def _bodies_report(archive: Archive) -> list[str]:
    """The names of bodies that build_scripts/data/organisations.yml does not know, so that it can grow."""
    lines = []
    for names, heading in (
            (archive.unmapped, "bodies not recognised, kept as written (add them to "
                               "build_scripts/data/organisations.yml)"),
            (archive.by_family, "kinds of body named after their first words (add them to "
                                "build_scripts/data/organisations.yml to give them abbreviations and aliases)")):
        if names:
            lines.append(f"{len(names)} {heading}:")
            lines += [f"    {name} ({', '.join(files)})" for name, files in sorted(names.items())]
    return lines
