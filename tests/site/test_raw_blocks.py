"""The writers' raw HTML blocks reach the page as Python-Markdown's own parse would give them, unparsed.

Our MkDocs driver stashes the blocks the writers marked (build_scripts/raw_html.py) instead of letting
Python-Markdown's HTML parser read every tag of them. These tests hold it to the parse it replaces: every page
the seeds' build generates, and the fixture texts' pages, give the same HTML both ways.
"""

from __future__ import annotations

import tempfile

import markdown
import pytest

from build_scripts import raw_html
from build_scripts.pipeline.convert import document_from_source
from build_scripts.pipeline.link import link
from build_scripts.pipeline.read import read_bytes
from build_scripts.site import mkdocs_shards, paths
from build_scripts.writers.pages import render_document

from ..conftest import FIXTURES, ROOT, visible_text


@pytest.fixture(scope="module")
def extensions() -> tuple[list, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        config = mkdocs_shards.configure(ROOT / "mkdocs.yml", docs_dir=str(paths.DOCS_DIR), site_dir=tmp)
    return config.markdown_extensions, config.mdx_configs or {}


def both_ways(text: str, extensions: tuple[list, dict]) -> tuple[bytes, bytes]:
    """The page as our driver converts it (marked blocks stashed), and as Python-Markdown's own parse of the
    same text without the marks does; each compacted as the site's pages are."""
    exts, configs = extensions
    ours = mkdocs_shards.page_markdown(exts, configs)
    plain = markdown.Markdown(extensions=exts, extension_configs=configs)
    unmarked = text.replace(raw_html.START, "").replace(raw_html.END, "")
    return (mkdocs_shards.compact(ours.convert(text).encode("utf-8")),
            mkdocs_shards.compact(plain.convert(unmarked).encode("utf-8")))


def _page(text: str, name: str = "t.txt") -> str:
    doc = document_from_source(read_bytes(name, text.encode("utf-8")), "t")
    return render_document(doc, link([doc])).split("---\n", 2)[2]


def test_every_generated_page_of_the_seeds_is_the_same_html_both_ways(built_site, extensions) -> None:
    pages = [p for name in paths.GENERATED if (paths.DOCS_DIR / name).is_dir()
             for p in sorted((paths.DOCS_DIR / name).rglob("*.md"))]
    pages += [paths.DOCS_DIR / "index.md"]
    marked = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        marked += raw_html.START in text
        ours, plain = both_ways(text, extensions)
        assert ours == plain, path
    assert marked > 20  # document pages, body pages, listings: the marks are there to be taken


def test_every_fixture_texts_page_is_the_same_html_both_ways(extensions) -> None:
    texts = sorted(FIXTURES.rglob("*.txt"))
    assert len(texts) > 30
    for path in texts:
        ours, plain = both_ways(_page(path.read_text(encoding="utf-8", errors="replace"), path.name), extensions)
        assert ours == plain, path


def test_long_texts_nested_recipients_and_lists_are_the_same_html_both_ways(extensions) -> None:
    """A text past CHUNK blocks (written in <div markdown="1"> parts), a nested list of recipients (left to
    Markdown inside a raw block's run) and the body's own lists between paragraphs."""
    long = "KẾT LUẬN\n\n" + "\n\n".join(f"{i}. Đoạn số {i} giao Sở Nội vụ chủ trì." for i in range(1, 260))
    nested = ("KẾT LUẬN\n\nNội dung.\n\n- Ý một;\n- Ý hai.\n\nNơi nhận:\n- Các đồng chí Thành ủy viên,\n"
              "  + Đảng ủy phường A;\n  + Đảng ủy phường B,\n- Lưu Văn phòng.\n")
    for text in (long, nested):
        page = _page(text)
        assert raw_html.START in page
        ours, plain = both_ways(page, extensions)
        assert ours == plain


def test_a_source_cannot_mark_its_own_text_as_raw_html(extensions) -> None:
    """The marks written in a source are text, escaped like any: shown as written, never taken as a block."""
    page = _page(f"KẾT LUẬN\n\nĐoạn {raw_html.START}<script>alert(1)</script>{raw_html.END} hết.\n")
    ours, _plain = both_ways(page, extensions)
    assert b"<script>" not in ours and "<!--vb-html-->" in visible_text(ours.decode("utf-8"))


def test_split_finds_marked_blocks_with_blocks_marked_inside_them() -> None:
    inner = raw_html.mark("<table>\n</table>")
    text = f"# Tiêu đề\n\n{raw_html.mark('<p>a</p>' + chr(10) * 2 + inner)}\n\nVăn bản.\n\n{raw_html.mark('<ul></ul>')}"
    assert raw_html.split(text) == ["# Tiêu đề\n\n", "<p>a</p>\n\n<table>\n</table>", "\n\nVăn bản.\n\n",
                                    "<ul></ul>", ""]
    assert raw_html.split("không có khối nào") == ["không có khối nào"]
    unclosed = f"a {raw_html.START}<p>b</p>"
    assert raw_html.split(unclosed) == [unclosed]  # a start with no end: left as text
    assert raw_html.marks_size(text) == 3 * (len(raw_html.START) + len(raw_html.END))
    assert raw_html.mark("") == ""


def test_the_marks_are_found_as_a_search_for_either_finds_them() -> None:
    """``split`` finds the marks by their comments, then the line end beside each: the marks a search for START or
    END finds (leftmost, none overlapping: a line end between a start and an end belongs to the start), on random
    runs of marks, comments and line ends."""
    import random
    import re

    either = re.compile(f"{re.escape(raw_html.START)}|{re.escape(raw_html.END)}")
    pieces = [raw_html.START, raw_html.END, "\n", "<!--vb-html-->", "<!--/vb-html-->", "a", " ", "<!--", "-->"]
    draw = random.Random(18)
    for _ in range(30_000):
        text = "".join(draw.choice(pieces) for _ in range(draw.randint(0, 9)))
        found = [(m.group() == raw_html.START, m.start(), m.end()) for m in either.finditer(text)]
        assert list(raw_html._marks(text)) == found, text
