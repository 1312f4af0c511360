"""The source folder: which of its files are sources, and the one safe way to open a file in it.

The build reads what the archivist put in the source folder and nothing else. Everything it
reads there (a text, the record of page addresses, and later a status file or a Word file)
goes through ``open_source``, which refuses, and names, what could lead outside the folder:

- a link (symbolic link) whose target lies outside the source folder: refused, never opened;
  a link to a file inside the folder is read as that file;
- a pipe, socket or device: refused, never read (reading a pipe would wait forever);
- a file with more than one name (a hard link): it may be a file from elsewhere, given a second
  name here, so it is refused too; copy the file into the folder instead;
- a path that changes while it is opened (a folder swapped for a link): every step from the
  source folder down is opened without following links, so the file opened is the one checked.

Sources are found in subfolders too ("2023/ket-luan-5.txt"): a source's name is its path inside
the source folder, with "/" between folders, whatever the system. Hidden files and folders
(".git", ".DS_Store"), Office lock files ("~$x.docx"), editor backups ("x.txt~") and backup
folders ("backup", "sao lưu", "__MACOSX") are skipped. A source is a text (.txt) or a file that
``formats`` converts (.docx, .doc, .pdf, .png, .jpg, .tif).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ..model import Diagnostic
from ..safe_text import visible
from ..vietnamese import fold
from . import formats

# what is read as a source: texts, and the Word files, PDFs and images ``formats`` converts
SOURCE_KINDS = ".txt, .docx, .doc, .pdf, .png, .jpg, .tif"  # as the report names them
# Files the build keeps in the source folder itself (at its top): neither sources nor strangers.
CONTROL_FILES = frozenset({"duong-dan.json"})
# The office's status file (status.py), at the top of the source folder too: a control file under any case or
# accents ("Tình trạng.csv", "TINH_TRANG.CSV"), read through ``read_source`` as the sources are.
STATUS_FILE = "tinh-trang.csv"
# Folders that hold copies, not sources (compared without case or diacritics).
BACKUP_FOLDERS = frozenset({"backup", "backups", "bak", "old", "sao luu", "sao-luu", "saoluu", "ban sao",
                            "ban-sao", "__macosx", "$recycle.bin", "system volume information"})
MAX_DEPTH = 32  # folders inside folders: deeper than this is not an archive's filing


class Refused(Exception):
    """A file of the source folder that the build must not read; the message says why."""


@dataclass
class Listing:
    """What a source folder holds, as the build sees it."""

    sources: list[str] = field(default_factory=list)  # names (POSIX paths inside the folder), sorted
    skipped: list[Diagnostic] = field(default_factory=list)  # what is there and will not be read
    backups: list[str] = field(default_factory=list)  # backup folders skipped, as "name/"


def folder_of(name: str) -> str:
    """The folder of a source's name: "2023" for "2023/x.txt", "" for "x.txt"."""
    return name.rsplit("/", 1)[0] if "/" in name else ""


def is_source(name: str) -> bool:
    """A text (.txt), or a Word file, PDF or image that ``formats`` converts (any case of the suffix)."""
    return name.lower().endswith(".txt") or formats.kind(name) is not None


def _skipped_name(name: str) -> bool:
    """Hidden files (".DS_Store", "._x.txt"), Office lock files ("~$x.docx") and editor backups ("x.txt~")."""
    return name.startswith((".", "~$")) or name.endswith("~")


def is_status_file(name: str) -> bool:
    """``tinh-trang.csv`` however it is cased or accented, its words joined by spaces, "_" or "-"."""
    return re.sub(r"[\s_\-]+", "_", fold(name.rsplit("/", 1)[-1]).casefold()).strip("_") == "tinh_trang.csv"


def is_control_file(name: str) -> bool:
    """A file the build reads from the top of the source folder that is no source: neither listed nor warned of."""
    return name in CONTROL_FILES or is_status_file(name)


def is_backup_folder(name: str) -> bool:
    key = " ".join(fold(name).casefold().split())
    return key in BACKUP_FOLDERS or key.endswith((".bak", ".old"))


def _valid_name(name: str) -> bool:
    """A name the archive can publish: valid Unicode (a name that is not UTF-8 arrives with surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


def list_sources(folder: Path) -> Listing:
    """Every source under ``folder``, its subfolders included, and what is skipped and why."""
    root = Path(folder).resolve()
    out = Listing()

    def note(name: str, message: str, severity: str = "warning") -> None:
        out.skipped.append(Diagnostic(name, None, message, severity))

    def walk(directory: Path, prefix: str, depth: int) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            note(prefix.rstrip("/") or ".", f"folder cannot be read: {exc.strerror or exc}", "error")
            return
        for entry in entries:
            name = prefix + entry.name
            if _skipped_name(entry.name):
                continue
            if not _valid_name(entry.name):
                note(visible(name), "its name is not valid text (not UTF-8): rename it; not read", "error")
                continue
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_link:
                target = Path(os.path.realpath(entry.path))
                if not _inside(target, root):
                    kind = "folder" if target.is_dir() else "file"
                    note(name, f"is a link to a {kind} outside the source folder ({visible(str(target))}): "
                         "refused, not read; copy the file itself into the folder", "error")
                    continue
                if target.is_dir():
                    continue  # a folder inside the source folder: its sources are read where they are
                if not target.exists():
                    note(name, "is a link to a file that does not exist: not built", "error")
                    continue
            if is_dir:
                if is_backup_folder(entry.name):
                    out.backups.append(name + "/")
                elif depth >= MAX_DEPTH:
                    note(name + "/", f"is more than {MAX_DEPTH} folders deep: not read", "error")
                else:
                    walk(Path(entry.path), name + "/", depth + 1)
                continue
            if prefix == "" and is_control_file(entry.name):
                continue
            if is_source(entry.name):
                out.sources.append(name)
            elif is_link or entry.is_file(follow_symlinks=False):
                note(name, f"is not a source file ({SOURCE_KINDS}): not built (save the document as one of these)")
            else:
                note(name, "is not a file (a pipe, socket or device): not read")

    walk(root, "", 0)
    out.sources.sort()
    return out


_KINDS = ((stat.S_ISFIFO, "a pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder"))
_SAFE_OPEN = os.open in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW")


def _open_beneath(root: Path | str, parts: tuple[str, ...]) -> int:
    """Open root/parts... for reading without following any link on the way, nor blocking on a pipe."""
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
    if not _SAFE_OPEN:  # no openat(2): the resolved path was checked just before
        return os.open(os.path.join(root, *parts), flags | getattr(os, "O_NONBLOCK", 0))
    fd = os.open(root, flags | getattr(os, "O_DIRECTORY", 0))
    try:
        for part in parts[:-1]:
            nxt = os.open(part, flags | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = nxt
        return os.open(parts[-1], flags | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0), dir_fd=fd)
    finally:
        os.close(fd)


def _open_plain(root: Path | str, name: str) -> int | None:
    """Most sources: a regular file with one name, right in ``root``, opened without following a link (one
    walk-free open, checked by its own descriptor). None for anything else (a link, a file in a folder, a pipe,
    a hard link, a file that is not there), which ``open_source``'s checks then open or refuse with their reason:
    the load and the unchanged rebuild's scan (site/unchanged.py) open every source each build."""
    if not _SAFE_OPEN or "/" in name:
        return None
    try:
        fd = _open_beneath(root, (name,))
    except OSError:
        return None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink > 1:
        os.close(fd)
        return None
    os.set_blocking(fd, True)
    return fd


def open_source(folder: Path, name: str) -> BinaryIO:
    """Open the file ``name`` (a path inside ``folder``, "/" between folders) for reading its bytes.

    Raises ``Refused`` for a link whose target is outside ``folder``, a pipe, socket, device or
    folder, a hard link, or a file that changed on the way; ``OSError`` when it cannot be opened.
    """
    # the common case first, before resolving the folder (which reads each of its path's parts: ~0.15 s a scan of
    # 1,000 sources): a name with no folder in it, opened in the folder as given, which reaches the folder its
    # resolved path names; nothing of the name to check, nor a path object to make (~4,000 a rebuild at 1,000 texts:
    # the scans and the load open every source)
    if "/" not in name and name not in ("", ".", ".."):
        plain = _open_plain(folder, name)
        if plain is not None:
            return os.fdopen(plain, "rb")
    inner = PurePosixPath(name)
    if ".." in inner.parts or inner.is_absolute():
        raise Refused(f"is not a path inside the source folder ({visible(name)}): not read")
    root = Path(folder).resolve()
    path = root.joinpath(*inner.parts)
    if path.is_symlink() and not path.exists():
        raise Refused("is a link to a file that does not exist: not read")
    real = Path(os.path.realpath(path))
    if not _inside(real, root) or real == root:
        raise Refused(f"is a link to {visible(str(real))}, outside the source folder: refused, not read; "
                      "copy the file itself into the folder")
    try:
        fd = _open_beneath(root, real.relative_to(root).parts)
    except OSError as exc:
        if exc.errno in (getattr(os, "ELOOP", -1), getattr(os, "ENOTDIR", -1)):
            raise Refused("changed while it was being opened (a folder or file became a link): not read; "
                          "build again") from exc
        raise
    info = os.fstat(fd)
    problem = next((what for test, what in _KINDS if test(info.st_mode)), None)
    if problem is None and not stat.S_ISREG(info.st_mode):
        problem = "not a regular file"
    if problem is None and info.st_nlink > 1:
        problem = ("a hard link (the same file has another name, which may be outside the source folder); "
                   "copy the file into the folder as a file of its own")
    if problem:
        os.close(fd)
        raise Refused(f"is {problem}: refused, not read")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_source(folder: Path, name: str, max_bytes: int | None = None) -> bytes:
    """The bytes of ``name`` in ``folder``, opened with ``open_source``; ``TooLarge`` past ``max_bytes``."""
    with open_source(folder, name) as f:
        if max_bytes is None:
            return f.read()
        size = os.fstat(f.fileno()).st_size
        if size > max_bytes:
            raise TooLarge(size)
        # as many bytes as the file holds, and one: a read of up to ``max_bytes`` made a buffer of that size (32 MB)
        # for each source, 0.04 s of CPU a load of 1,000 texts
        data = f.read(size + 1)
        if len(data) > size:  # grew while being read: the rest, up to the limit
            data += f.read(max_bytes + 1 - len(data))
        if len(data) > max_bytes:
            raise TooLarge(len(data))
        return data


class TooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size
