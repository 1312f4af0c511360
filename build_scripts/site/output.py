"""Where a build writes, and how it replaces a site without ever destroying anything else.

- **A marker.** Every site the build writes carries ``MARKER`` at its top. The build replaces
  a folder that is not empty only if it carries the marker; any other folder is refused, named,
  and left as it was. The project's own folders (the repository, ``docs/``, ``overrides/``), the
  source folder, a home folder, a file system's root and any folder holding ``.git`` are refused
  whatever they hold.
- **A lock.** One build at a time writes a given output (and the repository's ``docs/``): a
  second one is refused with a message while the first runs. The lock is ``flock(2)`` on a
  hidden file beside the output, so a build that is killed releases it.
- **A swap that always leaves a site.** The new site is built in a hidden folder beside the
  target (``.<name>.new-…``, marked "incomplete" until MkDocs and the search files are all in),
  then exchanged with the old one in one atomic step (``renameat2(RENAME_EXCHANGE)``); the old
  one, now aside under a hidden name, is marked incomplete and emptied by a process of its own
  (``dispose``), so that the build ends when the new site is in place. Its folders, emptied of every
  file, wait in the build cache (``spare_for``) for the next build of that site, which builds in them
  (``new_folder``) and removes at its end those it put nothing in (``prune``): making ~3,000 folders
  again took ~1 s of an added text's rebuild at 1,000 texts. A spare is never a site: it is never
  swapped in nor restored, and one that holds anything but folders is not used. Where the system cannot
  exchange, two renames are used, and a build killed between them is finished by the next one:
  ``recover`` runs under the lock before every build, puts a complete site back in place and
  deletes what a killed build or a stopped deletion left (only folders of those names that carry
  the marker, and none that a deletion still holds).

``VB_CRASH_AT=<step>`` makes the process kill itself at that step, to prove the above (tests).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

MARKER = ".luu-tru-ket-luan"
_MARK_HEAD = "luu-tru-ket-luan site"
COMPLETE = f"""{_MARK_HEAD}: complete
Thư mục này là một trang web do `python -m build_scripts build` tạo ra; lần build sau sẽ thay thế toàn bộ thư mục.
This folder is a site built by `python -m build_scripts build`; the next build replaces all of it.
"""
INCOMPLETE = f"{_MARK_HEAD}: incomplete (being built)\n"
SPARE = f"{_MARK_HEAD}: spare (the folders of a previous site, emptied, for the next build)\n"
SPARES = "spares"  # in the build cache: one spare per site, named by the hash of the site's path
_ROOT = Path(__file__).resolve().parents[2]  # where ``build_scripts`` is imported from, for the deleter


class OutputError(Exception):
    """An output the build must not write, or cannot write now; the message names it and says why."""


# --- crash points, for the tests that kill a build at each step ------------------------------------


def step(name: str) -> None:
    """Kill this process here when ``VB_CRASH_AT`` names this step (a test of crash safety)."""
    if os.environ.get("VB_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


# --- what may be replaced --------------------------------------------------------------------------


def marker_state(folder: Path) -> str | None:
    """"complete", "incomplete", "spare" (``SPARE``), or None when ``folder`` does not carry our marker."""
    mark = folder / MARKER
    try:
        if mark.is_symlink() or not mark.is_file():
            return None
        first = mark.read_text(encoding="utf-8", errors="replace")[:200].split("\n", 1)[0]
    except OSError:
        return None
    if not first.startswith(_MARK_HEAD + ": "):
        return None
    if first.startswith(_MARK_HEAD + ": spare"):
        return "spare"
    return "complete" if first.endswith("complete") and "incomplete" not in first else "incomplete"


def _is_empty(folder: Path) -> bool:
    return not any(folder.iterdir())


def has_content(folder: Path) -> bool:
    return folder.is_dir() and not _is_empty(folder)


def check_target(site_dir: Path, protected: dict[str, Path], inside_refused: dict[str, Path]) -> Path:
    """The folder a site will replace, once sure that replacing it loses nothing but an older site.

    ``protected``: folders that may be neither the target nor inside it; ``inside_refused``:
    folders the target may not be inside of.
    """
    target = Path(site_dir).resolve()
    if target == Path(target.anchor):
        raise OutputError(f"{site_dir}: the site cannot be written to the root of a file system")
    for what, folder in protected.items():
        folder = folder.resolve()
        if target == folder or folder.is_relative_to(target):
            raise OutputError(f"{site_dir}: building the site there would replace {what} ({folder})")
    for what, folder in inside_refused.items():
        if target.is_relative_to(folder.resolve()):
            raise OutputError(f"{site_dir}: the site cannot be written inside {what} ({folder.resolve()})")
    if ".git" in target.parts:
        raise OutputError(f"{site_dir}: the site cannot be written inside a .git folder")
    if target.exists() or target.is_symlink():
        if not target.is_dir():
            raise OutputError(f"{site_dir}: exists and is not a folder; choose a new or empty folder")
        if (target / ".git").exists():
            raise OutputError(f"{site_dir}: holds a .git folder (a repository): the build never replaces it")
        if not _is_empty(target) and marker_state(target) is None:
            raise OutputError(
                f"{site_dir}: exists, is not empty and is not a site this program built (it has no {MARKER} "
                "file). Choose a new or empty folder, or, if it is a site built by an older version, delete it "
                "yourself and build again")
    return target


# --- one build at a time per output ------------------------------------------------------------------


def lock_file(target: Path) -> Path:
    return target.parent / f".{target.name}.lock"


@contextlib.contextmanager
def exclusive(lock: Path, what: str) -> Iterator[None]:
    """Hold ``lock`` (created if needed) for the block; ``OutputError`` at once if another process holds it."""
    import fcntl

    lock.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = ""
            with contextlib.suppress(OSError):
                holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            os.close(fd)
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
            by = f" (process {holder})" if holder.isdigit() else ""
            raise OutputError(f"another build is writing {what}{by}: wait until it has finished, then build "
                              "again") from None
        try:
            same = os.fstat(fd).st_ino == os.stat(lock).st_ino  # not a file the last holder just removed
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)  # still holding it: a process waiting on this file will see it is gone
        os.close(fd)


# --- the new site, the swap, and what a killed build left ------------------------------------------------


def _write_marker(folder: Path, text: str) -> None:
    tmp = folder / f"{MARKER}.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, folder / MARKER)


def spare_for(target: Path, cache: Path | None) -> Path | None:
    """Where the folders of ``target``'s previous site wait for its next build: in the build cache ``cache``, when
    that is on the site's file system (they are moved by a rename); None without a cache, or on another one."""
    if cache is None:
        return None
    try:
        if os.stat(cache).st_dev != os.stat(target.parent).st_dev:
            return None
    except OSError:
        return None
    return cache / SPARES / hashlib.sha256(os.fsencode(target)).hexdigest()[:24]


def new_folder(target: Path, spare: Path | None = None) -> tuple[Path, list[str]]:
    """A hidden folder beside ``target`` to build the new site in, marked incomplete, and the folders it already
    has (deepest first, for ``prune``): those of ``spare`` when there is one to take (``dispose`` made it), else
    none."""
    target.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    folders = _claim(spare, new) if spare is not None else []
    _write_marker(new, INCOMPLETE)
    return new, folders


def _claim(spare: Path, new: Path) -> list[str]:
    """``spare`` moved to ``new`` (the empty folder mkdtemp made: the spare is this build's alone from then on) and
    its folders, deepest first; none when there is no spare ready. Anything but folders put in it since (a file, a
    link) goes first (``empty``): nothing a build did not write goes into a site."""
    try:
        if spare.is_symlink() or not spare.is_dir() or marker_state(spare) != "spare" or being_removed(spare):
            return []
        os.rename(spare, new)
    except OSError:
        return []
    os.chmod(new, 0o700)  # private while it is built, as mkdtemp makes it
    return empty(new)


def _walk(root: Path) -> tuple[list[str], list[str]]:
    """The folders under ``root`` (deepest first: each after those inside it) and every other entry (files,
    links), but for ``root``'s marker. Links are not followed."""
    top = os.fspath(root)
    folders: list[str] = []
    others: list[str] = []
    stack = [top]
    while stack:
        here = stack.pop()
        with os.scandir(here) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                    folders.append(entry.path)
                elif here != top or entry.name != MARKER:
                    others.append(entry.path)
    folders.reverse()  # a folder was listed after the one it is in
    return folders, others


def empty(folder: Path) -> list[str]:
    """Every file and link under ``folder`` removed but its marker, its folders kept; returns them, deepest first.
    What ``dispose`` leaves as a spare, what a build takes of one, and what a build run again (after a writer
    failed) starts from."""
    folders, others = _walk(folder)
    for path in others:
        os.unlink(path)
    return folders


def prune(folders: list[str]) -> None:
    """Each of ``folders`` (deepest first) removed when this build put nothing in it: the folders of a spare that
    the new site has no page in. A clean build makes no empty folder, so neither does a rebuild."""
    rmdir = os.rmdir
    for folder in folders:
        try:  # noqa: SIM105 - a ``suppress`` block for each of ~2,200 folders took ~4 ms more
            rmdir(folder)
        except OSError:  # not empty: in use
            pass


def finish(new: Path, target: Path) -> None:
    """Mark the new site complete (the last file it gets) and give it the mode a folder there would have."""
    os.chmod(new, _folder_mode(target))  # mkdtemp made it private
    _write_marker(new, COMPLETE)
    step("built")


def _folder_mode(target: Path) -> int:
    if target.is_dir():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where the system cannot."""
    if os.environ.get("VB_NO_EXCHANGE") or not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False  # a file system that cannot exchange: two renames instead
    raise OSError(err, os.strerror(err), str(a))


def swap(new: Path, target: Path) -> Path | None:
    """Put the complete site ``new`` in place of ``target``: at every instant one of the two is there. Returns the
    previous site, moved aside beside it, for ``removed`` to delete (None when there was none)."""
    if not target.exists():
        os.rename(new, target)
        step("swapped")
        return None
    if _exchange(new, target):
        old = new  # the exchange left the old site under the new one's name
    else:
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, old)  # replaces the empty folder mkdtemp made
        step("moved-old")  # no site at ``target`` now: ``recover`` finishes this swap
        os.rename(new, target)
    step("swapped")
    return old


def dispose(old: Path | None, spare: Path | None = None, site: Path | None = None) -> None:
    """``old``, the site ``swap`` moved aside, deleted by a process of its own that outlives the build; with a
    ``spare`` (``spare_for``), only its files are deleted, and its folders are moved there for the next build.
    Without an old site (a first build), the folders of ``site``, the new one, are made there instead (``_prepare``).

    Its ~7,000 files at 1,000 texts took 0.6 s of an add's last second (3 s on a busy disk), after the new site
    was already in place. The folder is first marked incomplete (never to be restored) and its marker locked
    (``flock``) by this process, the lock handed to the deleter: ``recover`` leaves a folder alone while that
    lock is held, and deletes it when a deleter was stopped half-way. Where no process can be started, the
    folder is deleted here, as before."""
    if old is None:
        if spare is not None and site is not None:
            _prepare(site, spare)
        return
    _write_marker(old, INCOMPLETE)
    if not _hand_over(old, str(old), *([str(spare)] if spare else [])):
        _remove(old)


def _hand_over(folder: Path, *args: str) -> bool:
    """``python -m build_scripts.site.output ARGS`` started, holding ``folder``'s marker locked (``flock``: taken
    here, handed over with the open file, so that ``being_removed`` holds from now until it ends), in a session of
    its own (not the build's terminal's: ^C after the build does not stop it); False where it cannot be."""
    try:
        fd = os.open(folder / MARKER, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # no other process has it open: never waits
        subprocess.Popen([sys.executable, "-m", __name__, *args], cwd=_ROOT, pass_fds=(fd,), stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    finally:
        os.close(fd)  # the process keeps the lock: it holds the same open file
    return True


def _prepare(site: Path, spare: Path) -> None:
    """The folders of ``site`` made in ``spare`` by a process of its own (as ``dispose`` deletes an old site), for
    the next build, which a first build does not leave otherwise: the folder they are made in is locked by this
    process, the lock handed to that one, and named a spare once they are all there. Nothing when a spare is there
    already, or none can be made."""
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        if spare.exists() or spare.is_symlink():
            return
        folder = Path(tempfile.mkdtemp(prefix=f"{spare.name}.new-", dir=spare.parent))
        _write_marker(folder, INCOMPLETE)
    except OSError:
        return
    if not _hand_over(folder, "--folders-of", str(site), str(folder), str(spare)):
        shutil.rmtree(folder, ignore_errors=True)


def _copy_folders(site: Path, folder: Path, spare: Path) -> None:
    """Each folder of ``site`` made in ``folder`` (links not followed, no file copied), which then becomes
    ``spare``; where the site changes meanwhile (a build swapped it) or ``spare`` is taken, it is deleted."""
    try:
        made, _others = _walk(site)
        for path in reversed(made):  # each after the one it is in
            os.mkdir(os.path.join(folder, os.path.relpath(path, site)))
        os.rename(folder, spare)  # only onto nothing, or an empty folder
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    _write_marker(spare, SPARE)


def spare_busy(spare: Path | None) -> bool:
    """True while a process ``dispose`` started is making ``spare`` (or moving an old site's folders there)."""
    if spare is None or not spare.parent.is_dir():
        return False
    made = spare.parent.glob(f"{glob_escape(spare.name)}.new-*")
    return any(being_removed(p) for p in (spare, *made))


def being_removed(folder: Path) -> bool:
    """True while a deleter ``dispose`` started holds ``folder``'s marker locked."""
    try:
        fd = os.open(folder / MARKER, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # and with it the shared lock, when it was had
    return False


def removing(target: Path) -> list[Path]:
    """The old sites beside ``target`` that deleters are deleting now."""
    return [p for p in _named_leftovers(target) if being_removed(p)]


def wait_removed(target: Path, timeout: float, spare: Path | None = None) -> float:
    """Seconds until no deleter is deleting an old site beside ``target`` nor making its ``spare`` (at most
    ``timeout``): a test that checks what is left beside a site, or the benchmark before its next run, waits
    for them."""
    start = time.perf_counter()
    while (removing(target) or spare_busy(spare)) and time.perf_counter() - start < timeout:
        time.sleep(0.01)
    return time.perf_counter() - start


def _remove(folder: Path, mark: bool = True) -> None:
    """Delete a folder of ours: first marked incomplete (never to be restored; ``dispose`` marked it already, and
    its deleter must keep the marker it locked), its marker last."""
    if mark and (folder / MARKER).is_file():
        _write_marker(folder, INCOMPLETE)
    entries = sorted(folder.iterdir(), key=lambda p: p.name == MARKER)
    for i, entry in enumerate(entries):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
        if i == 0:
            step("cleaning")
    with contextlib.suppress(FileNotFoundError):  # emptied: ``recover`` may have taken the empty folder
        folder.rmdir()


def _recycle(old: Path, spare: Path) -> None:
    """``old`` emptied of its files and moved to ``spare`` (still marked incomplete and locked: no build takes it
    yet), then marked a spare; where ``spare`` is taken (another spare is there) or cannot be made, deleted."""
    step("cleaning")  # a test kills the deleter here: the next build deletes what it left
    empty(old)
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        os.rename(old, spare)  # only onto nothing, or an empty folder
    except OSError:
        _remove(old, mark=False)
        return
    _write_marker(spare, SPARE)


def discard(new: Path) -> None:
    if new.is_dir() and marker_state(new) is not None:
        _remove(new)


def leftovers(target: Path) -> list[Path]:
    """Folders a killed build (or a stopped deleter) left beside ``target``: ``.<name>.new-…`` and
    ``.<name>.old-…`` that are ours, but for those a deleter is deleting now."""
    return [p for p in _named_leftovers(target) if not being_removed(p)]


def _named_leftovers(target: Path) -> list[Path]:
    if not target.parent.is_dir():
        return []
    out = []
    for prefix in (f".{target.name}.new-", f".{target.name}.old-"):
        for path in target.parent.glob(f"{glob_escape(prefix)}*"):
            with contextlib.suppress(FileNotFoundError):  # a deleter took it meanwhile
                if path.is_dir() and not path.is_symlink() and (marker_state(path) or _is_empty(path)):
                    out.append(path)
    return sorted(out)


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def recover(target: Path) -> list[str]:
    """Finish or undo what a killed build left beside ``target``; returns what was done, to report.

    Called under the lock. With no site at ``target``, a complete new site is put there (the
    build had finished), else the old one is put back; then the rest is deleted.
    """
    done = []
    found = leftovers(target)
    if not target.exists() and not target.is_symlink():
        complete = [p for p in found if ".new-" in p.name and marker_state(p) == "complete"]
        old = [p for p in found if ".old-" in p.name and marker_state(p) == "complete"]
        for candidate, what in ((complete, "the site a killed build had completed"),
                                (old, "the previous site, which a killed build had moved aside")):
            if candidate:
                chosen = max(candidate, key=lambda p: (p / MARKER).stat().st_mtime)
                os.rename(chosen, target)
                found.remove(chosen)
                done.append(f"{target}: restored {what}")
                break
    for path in found:
        try:
            if _is_empty(path):
                path.rmdir()
            else:
                _remove(path)
        except FileNotFoundError:  # its deleter, which had let go of its lock, finished it first
            continue
        done.append(f"{path}: deleted (left by a build that was killed, or by an old site's deletion that stopped)")
    return done


if __name__ == "__main__":  # the deleter ``dispose`` starts, holding the folder's marker locked
    if sys.argv[1] == "--folders-of":
        _copy_folders(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    elif len(sys.argv) > 2:
        _recycle(Path(sys.argv[1]), Path(sys.argv[2]))
    else:
        _remove(Path(sys.argv[1]), mark=False)
