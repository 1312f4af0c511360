"""Python-Markdown as a page's render uses it: the configuration's extensions, giving the same HTML for less work.

A document page is ~95% raw HTML that the writers made whole (raw_html) and ~2 kB of Markdown (headings, a
breadcrumb, a few paragraphs and lists), yet its conversion took 3.3 ms: the writers' blocks went through the
passes over the whole text (the whitespace's normalising, the fenced code's search), and every text of the page,
a stashed block's placeholder included, through each of the 14 inline patterns. Each shortcut here gives the bytes
Python-Markdown's own passes give, and is taken only where the processors it skips are the ones it knows
(tests/site/test_page_markdown.py; tests/site/test_raw_blocks.py holds every generated page to the plain parse):

- ``_RawBlocks``: the marked blocks are stashed unparsed, as Python-Markdown's raw HTML parser would have stashed
  them after reading every tag;
- ``_TakeBlocks``: before the passes over the whole text, the blocks are set aside where those passes would leave
  them as they are (no tab, carriage return, stash marker, line of spaces, code fence: ``_CHANGED``), so that
  only the page's Markdown is normalised and searched;
- ``_Inline``: an inline pattern is not tried on a text that lacks every string it cannot match without
  (``_NEEDS``). Only patterns known here, as this version of Python-Markdown writes them, are skipped so;
- ``_StashedParagraph``: a block that is a stashed string's placeholder alone made its paragraph at once;
- ``_RawHtmlOut``: the stash restored without searching a text that holds no placeholder;
- ``is_block_level`` answered once per tag.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown import blockprocessors, inlinepatterns, util
from markdown.blockprocessors import BlockProcessor
from markdown.extensions.abbr import AbbrBlockprocessor
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.md_in_html import MarkdownInHTMLPostprocessor, MarkdownInHtmlProcessor
from markdown.extensions.tables import TableProcessor
from markdown.preprocessors import NormalizeWhitespace, Preprocessor
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

from .. import raw_html

# what NormalizeWhitespace changes in a text, besides adding two line ends (a line of spaces, and these), and what
# starts a fenced code block: a text without them comes out of both passes as it went in. Searched one by one: an
# expression for them all took 0.3 ms on a document page, these 0.06.
_CHANGED = ("\t", "\r", "\x02", "\x03", "```", "~~~")
_SPACES_LINE = re.compile(r"\n +\n")


class _TakeBlocks(Preprocessor):
    """The marked blocks set aside before the passes over the whole text (priority 35, before the whitespace's 30),
    each left as a stub (its number between the marks) that ``_RawBlocks`` stashes it for; ``taken`` is None when
    the page's text is one those passes could change (``_CHANGED``): then the blocks go through them, as before."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.taken: list[str] | None = None

    def run(self, lines: list[str]) -> list[str]:
        self.taken = None
        text = "\n".join(lines)
        if raw_html.START not in text or any(c in text for c in _CHANGED) or _SPACES_LINE.search(text):
            return lines
        parts = raw_html.split(text)
        if len(parts) == 1:
            return lines
        self.taken = parts[1::2]
        return "".join(part if i % 2 == 0 else raw_html.mark(str(i // 2))
                       for i, part in enumerate(parts)).split("\n")


class _RawBlocks(Preprocessor):
    """The blocks the writers marked as raw HTML made whole (raw_html), put in Python-Markdown's stash as they are,
    as its raw HTML parser would have put them after reading every tag (after the whitespace's normalising, 30,
    before the raw HTML's parser, 20): a listing page's Markdown, or a document page's, was mostly that parse. A
    block ``taken`` aside (``_TakeBlocks``) is here a stub that names it."""

    def __init__(self, md: markdown.Markdown, taken: _TakeBlocks | None = None) -> None:
        super().__init__(md)
        self.take = taken

    def run(self, lines: list[str]) -> list[str]:
        parts = raw_html.split("\n".join(lines))
        if len(parts) == 1:
            return lines
        taken = self.take.taken if self.take is not None else None
        if taken is not None:
            parts[1::2] = [taken[int(stub)] for stub in parts[1::2]]
        stash = self.md.htmlStash.store
        return "".join(part if i % 2 == 0 else f"\n\n{stash(part)}\n\n" for i, part in enumerate(parts)).split("\n")


# Python-Markdown's inline patterns, by name: their class, their expression as this version writes it, and the
# strings one of which a text must hold for the expression to match
_HTML = (r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+\s*+/?|"""
         r"!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)")
_NEEDS: dict[str, tuple[type, str, tuple[str, ...]]] = {
    "backtick": (inlinepatterns.BacktickInlineProcessor, r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)", ("`",)),
    "escape": (inlinepatterns.EscapeInlineProcessor, r"\\(.)", ("\\",)),
    "reference": (inlinepatterns.ReferenceInlineProcessor, r"(?<!\!)\[", ("[",)),
    "link": (inlinepatterns.LinkInlineProcessor, r"(?<!\!)\[", ("[",)),
    "image_link": (inlinepatterns.ImageInlineProcessor, r"\!\[", ("![",)),
    "image_reference": (inlinepatterns.ImageReferenceInlineProcessor, r"\!\[", ("![",)),
    "short_reference": (inlinepatterns.ShortReferenceInlineProcessor, r"(?<!\!)\[", ("[",)),
    "short_image_ref": (inlinepatterns.ShortImageReferenceInlineProcessor, r"\!\[", ("![",)),
    "autolink": (inlinepatterns.AutolinkInlineProcessor, r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>", ("<",)),
    "automail": (inlinepatterns.AutomailInlineProcessor, r"<([^<> !]+@[^@<> ]+)>", ("<",)),
    "linebreak": (inlinepatterns.SubstituteTagInlineProcessor, r"  \n", ("  \n",)),
    "html": (inlinepatterns.HtmlInlineProcessor, _HTML, ("<",)),
    "entity": (inlinepatterns.HtmlInlineProcessor, r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)", ("&",)),
}


def _needs(name: str, pattern) -> tuple[str, ...] | None:
    """What a text must hold for the registered ``pattern`` to match; None when it is not one known here."""
    if type(pattern) is inlinepatterns.DelimiterProcessor:  # emphasis: one of its delimiters ("*", "_")
        tokens = tuple(pattern.tokens)
        return tokens if tokens and pattern.compiled_re.pattern == "|".join(map(re.escape, tokens)) else None
    known = _NEEDS.get(name)
    if known is None or type(pattern) is not known[0] or pattern.pattern != known[1]:
        return None
    return known[2]


class _Inline(InlineProcessor):
    """Python-Markdown's inline processor that does not try a pattern on a text lacking all it ``needs``: it
    returns what the full loop returns (a pattern that finds no match changes nothing, and leaves no state). On a
    document page most texts are a stashed block's placeholder, a heading or a link's words: 14 patterns each.
    What a text holds is looked at once, as it comes: a match only puts a placeholder (none of those strings) in
    place of what it matched, so a pattern whose strings it lacked then still cannot match."""

    def __init__(self, md: markdown.Markdown, patterns: list, needs: list[tuple[str, ...]]) -> None:
        super().__init__(md)
        self.patterns = patterns
        self.wanted: dict[str, int] = {}  # each string: the patterns that need it, as bits by their index
        for i, need in enumerate(needs):
            for string in need:
                self.wanted[string] = self.wanted.get(string, 0) | 1 << i

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, AtomicString):
            return data
        tried = 0
        for string, bits in self.wanted.items():
            if string in data:
                tried |= bits
        tried >>= patternIndex
        apply, patterns = self._InlineProcessor__applyPattern, self.patterns
        while tried:
            if tried & 1:
                pattern, start = patterns[patternIndex], 0
                while True:
                    data, matched, start = apply(pattern, data, patternIndex, start)
                    if not matched:
                        break
            tried >>= 1
            patternIndex += 1
        return data


class _RawHtmlOut(MarkdownInHTMLPostprocessor):
    """md_in_html's restoring of the stash (``RawHtmlPostprocessor.run``, the same lines) that does not search a
    text for placeholders when it holds no STX, which each placeholder starts with: the search (an expression
    with no literal start) read every character of a document page's 35 kB of blocks, and ran on each heading's
    HTML for the table of contents."""

    PLACEHOLDER = re.compile(f"<p>{util.HTML_PLACEHOLDER % '([0-9]+)'}</p>|{util.HTML_PLACEHOLDER % '([0-9]+)'}")

    def run(self, text: str) -> str:
        stash = self.md.htmlStash
        pattern = self.PLACEHOLDER

        def substitute(html: str) -> str:
            return pattern.sub(substitute_match, html) if util.STX in html else html

        def substitute_match(m: re.Match[str]) -> str:
            if key := m.group(1):
                wrapped = True
            else:
                key = m.group(2)
                wrapped = False
            if (key := int(key)) >= stash.html_counter:
                return m.group(0)
            html = self.stash_to_string(stash.rawHtmlBlocks[key])
            if not wrapped or self.isblocklevel(html):
                return substitute(html)
            return substitute(f"<p>{html}</p>")

        return substitute(text) if stash.html_counter else text


def _fast_raw_html(md: markdown.Markdown) -> None:
    """md_in_html's postprocessor replaced by ``_RawHtmlOut`` where it is the one registered."""
    if "raw_html" in md.postprocessors and type(md.postprocessors["raw_html"]) is MarkdownInHTMLPostprocessor:
        priority = next(item.priority for item in md.postprocessors._priority if item.name == "raw_html")
        md.postprocessors.register(_RawHtmlOut(md), "raw_html", priority)


class _StashedParagraph(BlockProcessor):
    """A block that is a stashed raw HTML string's placeholder alone made the paragraph that holds it, as the
    paragraph processor makes it, without the 13 tests before it (priority 110, first): none of them takes such a
    block (``_BLOCKS``: this version's processors, all of them, or this one is not used). A document page has a
    dozen such blocks, a cited document's page one per citing document."""

    def test(self, parent: etree.Element, block: str) -> bool:
        if not block.startswith(util.STX):
            return False
        m = util.HTML_PLACEHOLDER_RE.fullmatch(block)
        if m is None or self.parser.state.isstate("list"):
            return False
        stash = self.parser.md.htmlStash.rawHtmlBlocks
        index = int(m.group(1))
        return index < len(stash) and isinstance(stash[index], str)

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        etree.SubElement(parent, "p").text = blocks.pop(0)


_BLOCKS = {"markdown_block": MarkdownInHtmlProcessor, "empty": blockprocessors.EmptyBlockProcessor,
           "indent": blockprocessors.ListIndentProcessor, "code": blockprocessors.CodeBlockProcessor,
           "table": TableProcessor, "hashheader": blockprocessors.HashHeaderProcessor,
           "setextheader": blockprocessors.SetextHeaderProcessor, "hr": blockprocessors.HRProcessor,
           "olist": blockprocessors.OListProcessor, "ulist": blockprocessors.UListProcessor,
           "quote": blockprocessors.BlockQuoteProcessor, "abbr": AbbrBlockprocessor,
           "reference": blockprocessors.ReferenceProcessor, "paragraph": blockprocessors.ParagraphProcessor}


def _fast_stashed(md: markdown.Markdown) -> None:
    """``_StashedParagraph`` put first where the block processors are the ones it knows (``_BLOCKS``)."""
    registry = md.parser.blockprocessors
    if {item.name: type(registry[item.name]) for item in list(registry._priority)} == _BLOCKS:  # (a lookup sorts it)
        registry.register(_StashedParagraph(md.parser), "vb_stashed_paragraph", 110)


def _block_level_kept(md: markdown.Markdown) -> None:
    """``Markdown.is_block_level`` answered once per tag: called ~200 times a page, it looked the tag up in a
    list. Its list of tags is not changed once the extensions are loaded."""
    known: dict[str, bool] = {}
    plain = md.is_block_level

    def is_block_level(tag) -> bool:
        if not isinstance(tag, str):
            return False
        answer = known.get(tag)
        if answer is None:
            answer = known[tag] = plain(tag)
        return answer

    md.is_block_level = is_block_level


def _fast_inline(md: markdown.Markdown) -> None:
    """The inline processor replaced by ``_Inline`` when every inline pattern is one known here."""
    if "inline" not in md.treeprocessors or type(md.treeprocessors["inline"]) is not InlineProcessor:
        return
    patterns = list(md.inlinePatterns)  # in their order
    names = {id(md.inlinePatterns[item.name]): item.name for item in list(md.inlinePatterns._priority)}
    needs = [_needs(names[id(pattern)], pattern) for pattern in patterns]
    if all(need is not None for need in needs):
        priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")
        md.treeprocessors.register(_Inline(md, patterns, needs), "inline", priority)


def page_markdown(extensions: list, configs: dict) -> markdown.Markdown:
    """Python-Markdown with the configuration's extensions and the writers' marked blocks stashed unparsed, and
    the shortcuts of this module where they apply: the blocks set aside from the passes over the whole text where
    those are the whitespace's and the fenced code's only, inline patterns not tried where they cannot match, a
    placeholder's paragraph made at once, the stash restored without a search where there is no placeholder."""
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    take = _TakeBlocks(md)
    md.preprocessors.register(take, "vb_take_blocks", 35)
    md.preprocessors.register(_RawBlocks(md, take), "vb_raw_blocks", 25)
    order = [item.name for item in sorted(md.preprocessors._priority, key=lambda item: -item.priority)]
    between = order[order.index("vb_take_blocks") + 1:order.index("vb_raw_blocks")]
    if any(type(md.preprocessors[name]) not in (NormalizeWhitespace, FencedBlockPreprocessor) for name in between):
        md.preprocessors.deregister("vb_take_blocks")  # a pass of its own there: the blocks go through it
        md.preprocessors["vb_raw_blocks"].take = None
    _fast_inline(md)
    _fast_raw_html(md)
    _fast_stashed(md)
    _block_level_kept(md)
    return md
