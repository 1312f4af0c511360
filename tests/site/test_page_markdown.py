"""Our driver's Python-Markdown (site/page_markdown.py) gives the HTML Python-Markdown's own passes give, on texts
made to reach each of its shortcuts and each of its ways back to the plain passes; and with the site's
configuration the shortcuts are in place (without them a page's Markdown took 1.5 times as long)."""

from __future__ import annotations

import tempfile

import markdown
import pytest

from build_scripts import raw_html
from build_scripts.site import mkdocs_shards, page_markdown, paths

from ..conftest import ROOT


@pytest.fixture(scope="module")
def extensions() -> tuple[list, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        config = mkdocs_shards.configure(ROOT / "mkdocs.yml", docs_dir=str(paths.DOCS_DIR), site_dir=tmp)
    return config.markdown_extensions, config.mdx_configs or {}


def both_ways(text: str, extensions: tuple[list, dict]) -> tuple[str, str, list, list]:
    """The text converted by our driver's Markdown, and by Python-Markdown with only the marked blocks' stashing
    (``_RawBlocks`` alone, after every pass of its own: what the render did before the shortcuts)."""
    exts, configs = extensions
    ours = page_markdown.page_markdown(exts, configs)
    plain = markdown.Markdown(extensions=exts, extension_configs=configs)
    plain.preprocessors.register(page_markdown._RawBlocks(plain), "vb_raw_blocks", 25)
    mine, theirs = ours.convert(text), plain.convert(text)
    return mine, theirs, getattr(ours, "toc_tokens", []), getattr(plain, "toc_tokens", [])


BLOCK = raw_html.mark('<table class="t">\n<tr><td>Sở <b>Nội vụ</b> &amp; *không* [in](x.md)</td></tr>\n</table>')
HEAD = "# Tiêu đề *một*\n\n[Về trang chủ](../index.md) › **Văn bản**\n{: .vb-breadcrumb }\n\n"
TAIL = ("\n\n## <span class=\"m\">I.</span> Mục { #muc-i }\n\n- Ý `một` &copy;  \n  dòng hai\n\n"
        "*[UBND]: Ủy ban nhân dân\n")

CASES = {
    "blocks set aside": HEAD + BLOCK + "\n\nĐoạn UBND giữa.\n\n" + BLOCK + TAIL,
    "a tab in a block": HEAD + raw_html.mark("<p>\tthụt</p>") + TAIL,
    "a carriage return": HEAD.replace("\n\n", "\r\n\r\n") + BLOCK + TAIL,
    "a line of spaces in a block": HEAD + raw_html.mark("<div>\n   \n<p>a</p>\n</div>") + TAIL,
    "a fence around a block": HEAD + "```\n" + BLOCK + "\n```\n" + TAIL,
    "a fence of tildes after": HEAD + BLOCK + "\n\n~~~\nmã\n~~~\n" + TAIL,
    "a block inside a list": HEAD + "- mục\n\n    " + BLOCK + TAIL,
    "a block in a paragraph": HEAD + "Đoạn " + BLOCK + " hết.\n" + TAIL,
    "a block marked inside a block": HEAD + raw_html.mark("<div>\n" + BLOCK + "\n</div>") + TAIL,
    "a start without an end": HEAD + raw_html.START + "<p>a</p>\n" + TAIL,
    "markdown inside html": HEAD + '<div markdown="1">\n*nhấn* [x](y.md)\n</div>\n\n' + BLOCK + TAIL,
    "escapes and entities": "\\*không nhấn\\* &amp; &#91;TOC] <b>đậm</b> <http://a.vn> <a@b.vn> ![ảnh](a.png)\n",
    "emphasis by underscores": "__đậm__ _nghiêng_ và **đậm** *nghiêng*\n\n" + BLOCK,
    "no block at all": HEAD + TAIL,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_shortcut_and_each_way_back_give_python_markdowns_html(name, extensions) -> None:
    mine, theirs, my_toc, their_toc = both_ways(CASES[name], extensions)
    assert mine == theirs
    assert my_toc == their_toc


def test_the_site_configuration_takes_every_shortcut(extensions) -> None:
    md = page_markdown.page_markdown(*extensions)
    assert type(md.treeprocessors["inline"]) is page_markdown._Inline
    assert type(md.postprocessors["raw_html"]) is page_markdown._RawHtmlOut
    assert "vb_take_blocks" in md.preprocessors and "vb_stashed_paragraph" in md.parser.blockprocessors
    md.convert(CASES["blocks set aside"])
    assert md.preprocessors["vb_take_blocks"].taken  # the blocks were set aside, not passed through


def test_an_unknown_inline_pattern_turns_the_inline_shortcut_off(extensions) -> None:
    """An extension's own pattern: what it needs is not known here, so every pattern is tried as before."""
    from markdown.extensions import Extension
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    class Mark(Extension):
        def extendMarkdown(self, md):
            md.inlinePatterns.register(SimpleTagInlineProcessor(r"()==(.+?)==", "mark"), "mark", 65)

    exts, configs = extensions
    md = page_markdown.page_markdown([*exts, Mark()], configs)
    assert type(md.treeprocessors["inline"]) is not page_markdown._Inline
    assert "<mark>đánh dấu</mark>" in md.convert("==đánh dấu== " + BLOCK)
