"""A site whose inputs have not changed since the build that made it, untouched since: told without rendering it
(``up_to_date``), from what the build cache noted of it (``remember``)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from ..pipeline import convert


def stamp_file(target: Path) -> Path | None:
    """Where the build cache keeps what ``target`` was built from (None without a cache)."""
    return convert.cache_file("sites", target, ".json")


def folder_state(folder: Path, names: tuple[str, ...] | None = None) -> list:
    """What a folder holds, cheaply: each file's path, size and modification time (the order of a sorted
    ``os.walk``: a folder's files, then its folders). Read with ``os.scandir`` and the paths joined as text: with
    ``os.walk``, ``relpath`` and a ``Path`` for each of a site's 5,400 files it took ~0.6 s after each build."""
    out: list = []
    root = os.fspath(folder)

    def add(path: str, rel: str) -> None:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode):
            out.append((rel, info.st_size, info.st_mtime_ns))

    def walk(path: str, rel: str) -> None:
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            return  # as os.walk: a folder that cannot be listed is left out
        down = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.is_symlink():  # os.walk lists a link to a folder among the folders, never entered
                    down.append(entry)
            else:
                add(entry.path, rel + entry.name)
        for entry in down:
            walk(entry.path, rel + entry.name + "/")

    for top in [os.path.join(root, n) for n in names] if names is not None else [root]:
        rel = "" if top == root else Path(os.path.relpath(top, root)).as_posix()
        if os.path.isfile(top):
            add(top, rel)
        if os.path.isdir(top):
            walk(top, rel + "/" if rel else "")
    return out


def state_of(target: Path, marker: str, docs: tuple[Path, tuple[str, ...]] | None) -> list | None:
    if not (target / marker).is_file():
        return None
    state = [target.stat().st_ino, folder_state(target)]  # every file: one added, changed or gone is seen
    if docs is not None:  # the generated pages a default build leaves in docs/ for `mkdocs serve`
        state.append(folder_state(*docs))
    return state


def up_to_date(inputs: str, target: Path, marker: str, docs: tuple[Path, tuple[str, ...]] | None = None) -> bool:
    """Whether ``target`` is the site the last build made from these very ``inputs``, untouched since."""
    stamp = stamp_file(target)
    if stamp is None:
        return False
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(recorded, dict) or recorded.get("inputs") != inputs:
        return False  # other inputs: the site's files need not be listed (an edit's build listed 5,400)
    state = state_of(target, marker, docs)
    return state is not None and recorded == {"inputs": inputs, "state": json.loads(json.dumps(state))}


def remember(inputs: str, target: Path, marker: str, docs: tuple[Path, tuple[str, ...]] | None = None) -> None:
    """Note that ``target`` is now the site of ``inputs`` (in the build cache; nothing in the site)."""
    stamp = stamp_file(target)
    state = state_of(target, marker, docs)
    if stamp is None or state is None:
        return
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        tmp = stamp.with_suffix(".tmp")
        tmp.write_text(json.dumps({"inputs": inputs, "state": state}), encoding="utf-8")
        os.replace(tmp, stamp)
    except OSError:
        pass  # only costs a rebuild


def forget(target: Path) -> None:
    stamp = stamp_file(target)
    if stamp is not None:
        stamp.unlink(missing_ok=True)
