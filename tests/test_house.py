"""The house: the import rules of the pipeline, read from the code itself (its imports, with ast), so they stay true.

- no import cycle, counting the imports made inside functions (a deferred import that dodges a
  cycle is still one);
- each module belongs to one layer, and imports only from the layers below it: the writers never
  reach into the reading, parsing, extraction or link stages (what they need of the genre comes
  from knowledge/, what they need of a document from the model);
- every data file is read once per process, through knowledge/.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # not conftest's: importing it would import build_scripts
CODE = ROOT / "build_scripts"

# Each module's layer, by its name or the package it is in; the most specific name wins.
LAYERS = {
    "model": "base", "vietnamese": "base", "safe_text": "base", "spellings": "base", "status_terms": "base",
    "progress": "base", "files": "base", "shelf": "base", "cache_files": "base", "heap": "base", "raw_html": "base",
    "knowledge": "knowledge", "pipeline": "pipeline", "writers": "writers", "site": "site",
    "commands": "commands", "__main__": "commands",
}
MAY_IMPORT = {
    "base": {"base"},
    "knowledge": {"base", "knowledge"},
    "pipeline": {"base", "knowledge", "pipeline"},
    "writers": {"base", "knowledge", "writers"},
    "site": {"base", "knowledge", "pipeline", "writers", "site"},
    "commands": {"base", "knowledge", "pipeline", "writers", "site", "commands"},
}
# the one import across the rules, until the site copies the sources' bytes itself: the document page
# publishes its original through the source folder's safe opener (render.copy_source)
EXCEPTIONS = {("writers", "pipeline.sources")}


def modules() -> dict[str, Path]:
    """Dotted name inside build_scripts ("extract.tasks", "render" for render/__init__.py) -> file."""
    out = {}
    for path in sorted(CODE.rglob("*.py")):
        parts = list(path.relative_to(CODE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            out[".".join(parts)] = path
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of build_scripts this one imports, anywhere in it (functions included)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
            elif (node.module or "").split(".")[0] == "build_scripts":
                base = []
                node_module = node.module.split(".", 1)[1] if "." in node.module else ""
                found |= {t for t in _targets(base, node_module, node.names, known)}
                continue
            else:
                continue
            found |= {t for t in _targets(base, node.module or "", node.names, known)}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("build_scripts."):
                    found.add(alias.name.split(".", 1)[1])
    return {f for f in found if f in known and f != name}


def _targets(base: list[str], module: str, names: list[ast.alias], known: dict[str, Path]) -> set[str]:
    target = ".".join(base + ([module] if module else []))
    out = set()
    for alias in names:
        sub = f"{target}.{alias.name}" if target else alias.name
        out.add(sub if sub in known else target)
    return out


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def layer(name: str) -> str | None:
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        if ".".join(parts[:i]) in LAYERS:
            return LAYERS[".".join(parts[:i])]
    return None


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_the_import_reader_sees_the_imports_it_must() -> None:
    """The rules below are only as good as the reader of imports: it finds relative, absolute and deferred ones."""
    edges = graph()
    assert {"model", "pipeline.extract", "pipeline.parse"} <= edges["pipeline.convert"]
    assert "pipeline.extract.tasks" in edges["pipeline.extract"] and "knowledge" in edges["pipeline.extract.tasks"]
    assert "pipeline.extract.references" in edges["pipeline.extract.tasks"]
    assert "pipeline.formats.ocr" in edges["pipeline.formats"]  # imported inside convert()
    assert "commands.synth" in edges["__main__"]  # imported inside a function
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_every_module_has_a_layer() -> None:
    """A new module says where it stands (add it to LAYERS), so the rules cover it."""
    assert [name for name in graph() if layer(name) is None] == []


def test_each_layer_imports_only_from_the_layers_below() -> None:
    wrong = []
    for name, targets in graph().items():
        mine = layer(name)
        for target in sorted(targets):
            if layer(target) not in MAY_IMPORT.get(mine, set()) and (name.split(".")[0], target) not in EXCEPTIONS:
                wrong.append(f"{name} ({mine}) imports {target} ({layer(target)})")
    assert wrong == []


def test_no_writer_imports_the_extract_stage() -> None:
    """Said once more on its own: the pages and data files are written from the model and knowledge/ alone."""
    edges = graph()
    writers = [n for n in edges if layer(n) == "writers"]
    stages = ("extract", "parse", "link")
    assert writers and not [(w, t) for w in writers for t in edges[w] if t.split(".")[0] in stages]


def test_every_data_file_has_its_loader_in_knowledge() -> None:
    from build_scripts import knowledge

    files = sorted(p.stem for p in knowledge.DATA.glob("*.yml"))
    assert files and [f for f in files if not callable(getattr(knowledge, f, None))] == []


def opened_data_files() -> list[tuple[str, str]]:
    """Run in a fresh process (nothing of build_scripts imported yet): the seeds extracted, linked and
    written; each data file opened, and the module of build_scripts that opened it."""
    import tempfile
    import traceback

    data, code = str(CODE / "data") + "/", str(CODE)
    opened = []

    def hook(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], str) and args[0].startswith(data):
            inner = next(f.filename for f in reversed(traceback.extract_stack()) if f.filename.startswith(code))
            opened.append((Path(args[0]).name, Path(inner).relative_to(CODE).as_posix()))

    sys.addaudithook(hook)
    from build_scripts.pipeline import convert, link, slugs
    from build_scripts.pipeline.read import read_file
    from build_scripts.writers import records
    from build_scripts.writers.pages import write_pages

    sources = [read_file(p) for p in sorted((ROOT / "source_texts").glob("*.txt"))]
    docs = [convert.document_from_source(s, i) for s, i in zip(sources, slugs.assign_ids(sources), strict=True)]
    links = link.link(docs)
    with tempfile.TemporaryDirectory() as tmp:
        write_pages(docs, links, Path(tmp), "")
        records.write_data(docs, Path(tmp), "https://example.org/", "Lưu trữ", links)
    return opened


def test_each_data_file_is_read_once_through_knowledge() -> None:
    """An audit hook sees every file a fresh process opens: each data file once, and only from knowledge/."""
    script = "from tests.test_house import opened_data_files as f\nfor name, where in f(): print(name, where)"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    reads = [line.split() for line in result.stdout.splitlines()]
    names = [name for name, _ in reads]
    assert sorted(names) == sorted(set(names)), "a data file was read more than once"
    assert {"organisations.yml", "genre.yml", "symbols.yml"} <= set(names)
    assert {where for _, where in reads} == {"knowledge/__init__.py"}
