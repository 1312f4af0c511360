"""The search's size beside Material's own search, for one corpus: ``python -m build_scripts.commands.search_size``.

A measurement, not part of the build: it builds the site and reads what Material would ship.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from ..site import build, paths, publish
from ..writers import search as index


def measure(source_dir: Path | None = None) -> dict[str, int]:
    """Bytes of our search files and of Material's search_index.json for the same corpus.

    Builds the site as ``make site`` does, into a temporary folder; right after MkDocs renders
    it, renders the same pages once more with Material's search plugin switched on (a
    configuration override; mkdocs.yml is not touched) to read the index Material would ship.
    """

    with tempfile.TemporaryDirectory(prefix="vb-search-size-") as tmp:
        material_site = Path(tmp) / "material"
        render = publish.rendering

        @contextlib.contextmanager
        def render_twice(config_file: Path, docs_dir: Path, site_dir: Path, **options) -> Iterator[object]:
            with render(config_file, docs_dir, site_dir, **options) as rendering:
                yield rendering  # the build writes its data files and finishes the render
            config = load_config(str(config_file), docs_dir=str(Path(docs_dir).resolve()),
                                 site_dir=str(material_site), plugins=["search"])
            mkdocs_build(config)

        publish.rendering = render_twice
        try:
            archive = build.build(source_dir or paths.DEFAULT_SOURCE, Path(tmp) / "site", keep_folders=False)
        finally:
            publish.rendering = render
        ours = {p.name: p.read_bytes() for p in (Path(tmp) / "site" / index.OUT_DIR).iterdir()}
        material = (material_site / "search" / "search_index.json").read_bytes()
    material_docs = [e for e in json.loads(material)["docs"] if e["location"].startswith("van-ban/")]
    parts = [v for k, v in ours.items() if k.startswith("phan-")]
    shard_files = [v for k, v in ours.items() if k.startswith("tu-")]
    return {
        "documents": len(archive.documents),
        "core": len(ours[index.INDEX_FILE]),
        "core_gzip": len(gzip.compress(ours[index.INDEX_FILE], mtime=0)),
        "index": len(ours[index.INDEX_FILE]) + sum(len(v) for v in shard_files),
        "index_gzip": sum(len(gzip.compress(v, mtime=0)) for v in [ours[index.INDEX_FILE], *shard_files]),
        "shards": len(shard_files),
        "texts": sum(len(v) for v in parts),
        "texts_gzip": sum(len(gzip.compress(v, mtime=0)) for v in parts),
        "parts": len(parts),
        "material": len(material),
        "material_gzip": len(gzip.compress(material, mtime=0)),
        "material_document_pages": sum(len(json.dumps(e, separators=(",", ":")).encode()) for e in material_docs),
    }


def report(sizes: dict[str, int]) -> str:
    n = max(sizes["documents"], 1)

    def per(key: str) -> str:
        return f"{sizes[key] / n / 1000:.1f} kB"

    return "\n".join([
        f"{sizes['documents']} documents; bytes per document (gzip in brackets):",
        f"  ours, core (chi-muc.js, needed for any result): {per('core')} ({per('core_gzip')})",
        f"  ours, whole index (core + {sizes['shards']} shard(s), a query loads its words' shards): "
        f"{per('index')} ({per('index_gzip')})",
        f"  ours, texts for excerpts ({sizes['parts']} part(s), loaded on demand): "
        f"{per('texts')} ({per('texts_gzip')})",
        f"  Material, search_index.json: {per('material')} ({per('material_gzip')}); "
        f"its document pages alone: {per('material_document_pages')}",
    ]) + "\n"


if __name__ == "__main__":  # python -m build_scripts.commands.search_size [SOURCE_DIR]
    sys.stdout.write(report(measure(Path(sys.argv[1]) if len(sys.argv) > 1 else None)))
