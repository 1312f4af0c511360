"""Command line only: each verb delegates to the module that does the work."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from . import build, link, publish, records
from .progress import Progress
from .safe_text import terminal


def _say(text: str, file=None) -> None:
    """Print lines whose parts may come from names or texts: no control character reaches the terminal raw."""
    print("\n".join(terminal(line) for line in str(text).split("\n")), file=file or sys.stdout)


def _run(work: Callable[[], build.Archive]) -> build.Archive | None:
    """The archive ``work`` built, or None when it could not start or push (said on standard error)."""
    try:
        return work()
    except (build.BuildError, publish.DeployError) as exc:
        _say(f"error: {exc}", file=sys.stderr)
        return None


def _build(args: argparse.Namespace) -> int:
    archive = _run(lambda: build.build(Path(args.source), Path(args.site), allow_empty=args.allow_empty,
                                       status_file=_status(args),
                                       progress=_progress(args)))
    if archive is None:
        return 2
    tasks = sum(len(doc.facts.tasks) for doc in archive.documents)
    return _report(archive, f"Built {len(archive.documents)} documents ({tasks} tasks) into {args.site}; "
                   f"{len(archive.errors)} errors, {len(archive.warnings)} warnings.", args.strict)


def _status(args: argparse.Namespace) -> Path | None:
    return Path(args.status) if getattr(args, "status", None) else None


def _progress(args: argparse.Namespace) -> Progress:
    """The stages on standard error: live on a terminal, a line each elsewhere, none with --quiet."""
    return Progress.to(sys.stderr, quiet=args.quiet)


def _report(archive: build.Archive, done: str, strict: bool = False) -> int:
    sys.stderr.write(build.summary(archive, strict))
    _say(done)
    return 1 if archive.failed(strict) else 0


def _bundle(args: argparse.Namespace) -> int:
    archive = _run(lambda: build.bundle(Path(args.source), Path(args.out), allow_empty=args.allow_empty,
                                        status_file=_status(args),
                                        progress=_progress(args)))
    if archive is None:
        return 2
    size = Path(args.out).stat().st_size
    return _report(archive, f"Offline bundle of {len(archive.documents)} documents: {args.out} "
                   f"({size / 1e6:.1f} MB). Unzip it and open {publish.BUNDLE_FOLDER}/index.html.")


def _deploy(args: argparse.Namespace) -> int:
    archive = _run(lambda: build.deploy(Path(args.source), args.remote, allow_empty=args.allow_empty,
                                        status_file=_status(args),
                                        progress=_progress(args)))
    if archive is None:
        return 2
    return _report(archive, f"Published {len(archive.documents)} documents to the gh-pages branch of {args.remote}.")


def _check(args: argparse.Namespace) -> int:
    archive = _run(lambda: build.check(Path(args.source), _status(args)))
    if archive is None:
        return 2
    sys.stdout.write(build.summary(archive, args.strict))
    return 1 if archive.failed(args.strict) else 0


def _extract(args: argparse.Namespace) -> int:
    archive = build.load_archive([Path(f) for f in args.files])
    for d in archive.errors:
        _say(str(d), file=sys.stderr)
    links = link.link(archive.documents)  # the named files are linked among themselves: each assignee's body
    sys.stdout.write(records.dumps([records.document_record(doc, links) for doc in archive.documents]))
    return 1 if archive.errors else 0


def _evaluate(args: argparse.Namespace) -> int:
    from . import evaluate

    source_dir = Path(args.source) if args.source else None
    groups: dict[str, list[evaluate.Check]] = {}
    for gold_dir in map(Path, args.gold_dirs):
        checks = groups.setdefault(gold_dir.name, [])
        for record in evaluate.load_gold(gold_dir):
            folder = source_dir or next(
                (d for d in (gold_dir, build.DEFAULT_SOURCE) if (d / record["source"]).is_file()), gold_dir)
            archive = build.load_archive([folder / record["source"]])
            if not archive.documents:
                _say(f"{record['source']}: not found or unreadable in {folder}", file=sys.stderr)
                continue
            checks += evaluate.compare(archive.documents[0], record, strict=args.strict)
    if args.verbose:
        for c in (c for checks in groups.values() for c in checks):
            if not c.ok:
                _say(str(c))
    _say(evaluate.table(groups) if len(groups) > 1 else evaluate.summary(next(iter(groups.values()), [])))
    return 0


def _synth(args: argparse.Namespace) -> int:
    from . import synth

    written = synth.write_corpus(args.docs, Path(args.out), args.seed, status=args.status)
    also = f" and the status file {synth.STATUS_FILE}" if args.status else ""
    print(f"Wrote {len(written)} synthetic texts{also} into {args.out} (seed {args.seed}).")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from . import bench

    return bench.main(args)


QUIET_HELP = "show no progress (the report of problems and the result are still printed)"
EMPTY_HELP = "publish even when no text could be read (otherwise an existing site is left as it is)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts",
        description="Build the archive of meeting conclusions (Kết luận, Thông báo kết luận).",
    )
    verbs = parser.add_subparsers(dest="verb", required=True)

    p = verbs.add_parser("build", help="build the static site from a folder of source texts")
    p.add_argument("--source", default=str(build.DEFAULT_SOURCE),
                   help="folder of sources: .txt, .docx, .doc, .pdf, .png, .jpg, .tif (default: source_texts/)")
    p.add_argument("--site", default=str(build.DEFAULT_SITE),
                   help="output folder (default: site/): new, empty, or a site this program built")
    p.add_argument("--strict", action="store_true", help="exit non-zero on warnings too, not only on errors")
    p.add_argument("--status", metavar="FILE", help="the office's status file of tasks (default: tinh-trang.csv in "
                   "the source folder, when there is one)")
    p.add_argument("--allow-empty", action="store_true", help=EMPTY_HELP)
    p.add_argument("-q", "--quiet", action="store_true", help=QUIET_HELP)
    p.set_defaults(func=_build)

    p = verbs.add_parser("check", help="read, parse and extract the sources and report problems (no site is built)")
    p.add_argument("--source", default=str(build.DEFAULT_SOURCE),
                   help="folder of sources: .txt, .docx, .doc, .pdf, .png, .jpg, .tif (default: source_texts/)")
    p.add_argument("--strict", action="store_true", help="exit non-zero on warnings too, not only on errors")
    p.add_argument("--status", metavar="FILE", help="the office's status file of tasks (default: tinh-trang.csv in "
                   "the source folder, when there is one)")
    p.set_defaults(func=_check)

    p = verbs.add_parser("bundle", help="build the offline HTML bundle: a zip that works from file://, search included")
    p.add_argument("--source", default=str(build.DEFAULT_SOURCE),
                   help="folder of sources: .txt, .docx, .doc, .pdf, .png, .jpg, .tif (default: source_texts/)")
    p.add_argument("--out", default=str(build.DEFAULT_BUNDLE),
                   help="the zip to write (default: dist/luu-tru-ket-luan-offline.zip): a new file or a bundle "
                        "this program wrote")
    p.add_argument("--allow-empty", action="store_true", help=EMPTY_HELP)
    p.add_argument("--status", metavar="FILE", help="the office's status file of tasks (default: tinh-trang.csv in "
                   "the source folder, when there is one)")
    p.add_argument("-q", "--quiet", action="store_true", help=QUIET_HELP)
    p.set_defaults(func=_bundle)

    p = verbs.add_parser("deploy", help="build the public site and push it to the gh-pages branch (GitHub Pages)")
    p.add_argument("--source", default=str(build.DEFAULT_SOURCE),
                   help="folder of sources: .txt, .docx, .doc, .pdf, .png, .jpg, .tif (default: source_texts/)")
    p.add_argument("--remote", default="origin",
                   help="git remote (a name, URL or path) to push the gh-pages branch to (default: origin)")
    p.add_argument("--status", metavar="FILE", help="the office's status file of tasks (default: tinh-trang.csv in "
                   "the source folder, when there is one)")
    p.add_argument("--allow-empty", action="store_true", help=EMPTY_HELP)
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
    p.set_defaults(func=_synth)

    p = verbs.add_parser("bench", help="build synthetic corpora and, in the same run, plain Material; print a table")
    p.add_argument("--sizes", default="1000,4000", help="corpus sizes, comma-separated (default: 1000,4000)")
    p.add_argument("--docs", default="", help="more sizes, comma-separated, run with those (`make bench DOCS=10000`)")
    p.add_argument("--full-only", default="", help="sizes measured by their full builds only, no rebuilds "
                   "(`make bench DOCS=10000` passes 10000: its rebuilds would take an hour)")
    p.add_argument("--work", default="/tmp/vb-bench", help="scratch folder for corpora and sites")
    p.add_argument("--seed", type=int, default=1, help="corpus seed (default: 1)")
    p.add_argument("--no-browser", action="store_true", help="skip timing the first search result in Chromium")
    p.set_defaults(func=_bench)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
