"""The command line: the verbs and their arguments, each handed to commands/<verb>.py."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import threading
from typing import NoReturn

from .site import paths

QUIET_HELP = "show no progress (the report of problems and the result are still printed)"
# the synthetic texts' shapes (commands/synth.py, SHAPES: written out here, so that the help needs no import)
SHAPES = ("whole", "short", "long")
SHAPE_HELP = ("the texts: whole conclusions (~12 kB, the default), short notices (one paragraph of assessment, 2-4 "
              "tasks, ~4 kB) or long ones (the assessment twice as long)")
EMPTY_HELP = "publish even when no text could be read (otherwise an existing site is left as it is)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts",
        description="Build the archive of meeting conclusions (Kết luận, Thông báo kết luận).",
    )
    verbs = parser.add_subparsers(dest="verb", required=True)

    p = verbs.add_parser("build", help="build the static site from a folder of source texts")
    p.add_argument("--source", default=str(paths.DEFAULT_SOURCE),
                   help="folder of sources: .txt, .docx, .doc, .pdf, .png, .jpg, .tif (default: source_texts/)")
    p.add_argument("--site", default=str(paths.DEFAULT_SITE),
                   help="output folder (default: site/): new, empty, or a site this program built")
    p.add_argument("--strict", action="store_true", help="exit non-zero on warnings too, not only on errors")
    p.add_argument("--status", metavar="FILE", help="the office's status file of tasks (default: tinh-trang.csv in "
                   "the source folder, when there is one)")
    p.add_argument("--allow-empty", action="store_true", help=EMPTY_HELP)
    p.add_argument("-q", "--quiet", action="store_true", help=QUIET_HELP)
    p.set_defaults(func=_build)

    p = verbs.add_parser("check", help="read, parse and extract the sources and report problems (no site is built)")
    p.add_argument("--source", default=str(paths.DEFAULT_SOURCE),
                   help="folder of sources: .txt, .docx, .doc, .pdf, .png, .jpg, .tif (default: source_texts/)")
    p.add_argument("--strict", action="store_true", help="exit non-zero on warnings too, not only on errors")
    p.add_argument("--status", metavar="FILE", help="the office's status file of tasks (default: tinh-trang.csv in "
                   "the source folder, when there is one)")
    p.set_defaults(func=_check)

    p = verbs.add_parser("bundle", help="build the offline HTML bundle: a zip that works from file://, search included")
    p.add_argument("--source", default=str(paths.DEFAULT_SOURCE),
                   help="folder of sources: .txt, .docx, .doc, .pdf, .png, .jpg, .tif (default: source_texts/)")
    p.add_argument("--out", default=str(paths.DEFAULT_BUNDLE),
                   help="the zip to write (default: dist/luu-tru-ket-luan-offline.zip): a new file or a bundle "
                        "this program wrote")
    p.add_argument("--allow-empty", action="store_true", help=EMPTY_HELP)
    p.add_argument("--status", metavar="FILE", help="the office's status file of tasks (default: tinh-trang.csv in "
                   "the source folder, when there is one)")
    p.add_argument("-q", "--quiet", action="store_true", help=QUIET_HELP)
    p.set_defaults(func=_bundle)

    p = verbs.add_parser("deploy", help="build the public site and push it to the gh-pages branch (GitHub Pages)")
    p.add_argument("--source", default=str(paths.DEFAULT_SOURCE),
                   help="folder of sources: .txt, .docx, .doc, .pdf, .png, .jpg, .tif (default: source_texts/)")
    p.add_argument("--remote", default="origin",
                   help="git remote (a name, URL or path) to push the gh-pages branch to (default: origin)")
    p.add_argument("--status", metavar="FILE", help="the office's status file of tasks (default: tinh-trang.csv in "
                   "the source folder, when there is one)")
    p.add_argument("--allow-empty", action="store_true", help=EMPTY_HELP)
    p.add_argument("--out", metavar="DIR", help="write the checked site (offline bundle included) to DIR, a new "
                   "folder, instead of pushing it: what the workflow uploads as its GitHub Pages artifact")
    p.add_argument("-q", "--quiet", action="store_true", help=QUIET_HELP)
    p.set_defaults(func=_deploy)

    p = verbs.add_parser("evaluate", help="per-field accuracy of the extraction against folders of gold files")
    p.add_argument("gold_dirs", nargs="+", metavar="GOLD_DIR",
                   help="folders of gold .yml files (the format of tests/gold/); one column each")
    p.add_argument("--source",
                   help="folder of the sources they describe (default: beside the gold, else source_texts/)")
    p.add_argument("-v", "--verbose", action="store_true", help="also list every check that failed")
    p.add_argument("--strict", action="store_true",
                   help="a task not found also fails each of its checks (assignees, roles, deadline, references)")
    p.set_defaults(func=_evaluate)

    p = verbs.add_parser("extract", help="print the records of source texts as JSON (no site is built)")
    p.add_argument("files", nargs="+", help="source files (.txt, .docx, .doc, .pdf, .png, .jpg, .tif)")
    p.set_defaults(func=_extract)

    p = verbs.add_parser("synth", help="write a synthetic corpus of realistic texts (deterministic for a seed)")
    p.add_argument("--docs", type=int, required=True, help="how many texts")
    p.add_argument("--out", required=True, help="folder to write them into (its .txt files are replaced)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    p.add_argument("--status", action="store_true", help="also an office's status file (tinh-trang.csv) reporting "
                   "on about half the tasks")
    p.add_argument("--shape", choices=SHAPES, default="whole", help=SHAPE_HELP)
    p.set_defaults(func=_synth)

    p = verbs.add_parser("bench", help="build synthetic corpora and, in the same run, plain Material; print a table")
    p.add_argument("--sizes", default="1000,4000", help="corpus sizes, comma-separated (default: 1000,4000)")
    p.add_argument("--docs", default="", help="more sizes, comma-separated, run with those (`make bench DOCS=10000`)")
    p.add_argument("--full-only", default="", help="sizes measured by their full builds only, no rebuilds "
                   "(`make bench DOCS=10000` passes 10000: its rebuilds would take an hour)")
    p.add_argument("--work", default="/tmp/vb-bench", help="scratch folder for corpora and sites")
    p.add_argument("--seed", type=int, default=1, help="corpus seed (default: 1)")
    p.add_argument("--no-browser", action="store_true", help="skip timing the first search result in Chromium")
    p.add_argument("--shape", choices=SHAPES, default="whole", help=SHAPE_HELP)
    p.set_defaults(func=_bench)

    args = parser.parse_args(argv)
    return args.func(args)


# each verb's module imported when it runs: a build does not load the benchmark, the synthetic corpus or the
# evaluation (about a quarter of the imports' time)
def _build(args: argparse.Namespace) -> int:
    from .pipeline import convert
    convert.fork_workers()  # before the site's libraries are imported: see there
    try:
        from .commands import build
        return build.run(args)
    finally:
        convert.release_workers()


def _check(args: argparse.Namespace) -> int:
    from .commands import check
    return check.run(args)


def _bundle(args: argparse.Namespace) -> int:
    from .commands import bundle
    return bundle.run(args)


def _deploy(args: argparse.Namespace) -> int:
    from .commands import deploy
    return deploy.run(args)


def _evaluate(args: argparse.Namespace) -> int:
    from .commands import evaluate
    return evaluate.run(args)


def _extract(args: argparse.Namespace) -> int:
    from .commands import extract
    return extract.run(args)


def _synth(args: argparse.Namespace) -> int:
    from .commands import synth
    return synth.run(args)


def _bench(args: argparse.Namespace) -> int:
    from .commands import bench
    return bench.run(args)


def leave(status: int) -> NoReturn:
    """End the process once a verb has returned, without taking apart what it made (``commands.common.last_archive``,
    the modules): the system takes the memory back whole. What Python's own exit would still do for us is done
    first: the standard streams flushed (their last lines must not be lost), and where a thread or a child process
    is still running (none is when a verb returns; should one be, its end is waited for as before), the ordinary
    exit. The other exit handlers at that point (logging's, which flushes to standard error, and multiprocessing's
    and concurrent.futures', which join children and threads) have nothing left to do."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        sys.exit(status)  # a closed pipe: the ordinary exit reports it as before
    children = sys.modules.get("multiprocessing")
    if threading.active_count() > 1 or (children is not None and children.active_children()):
        sys.exit(status)
    os._exit(status)


if __name__ == "__main__":
    status = main()
    # the process ends here: its last collection at exit need not walk every object a build made (the models, the
    # links, the pages' inputs), which took 0.5-0.9 s at 1,000 texts; the memory goes back to the system anyway
    gc.freeze()
    leave(status)
