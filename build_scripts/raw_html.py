"""Raw HTML that the writers made whole, marked so that the site's renderer need not parse it again.

Python-Markdown finds a raw HTML block by parsing every tag of the page with ``html.parser``
(``md_in_html``): on a listing page, a body's task table or a document's text (raw HTML already, made by
the writers) that was most of its Markdown time. The writers put each such block between two HTML
comments (``mark``); our MkDocs driver (site/mkdocs_shards.py) finds them by a string search and hands
each block to Python-Markdown's stash as it is (``split``), which is what the parser would have done with
it. Any other renderer reads the same Markdown: the comments are comments, and the blocks raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

START = "<!--vb-html-->\n"
END = "\n<!--/vb-html-->"
_COMMENTS = re.compile(r"<!--(/?)vb-html-->")  # the marks' comments: a search with a literal start, 4 times quicker


def mark(html: str) -> str:
    """``html`` (one or more whole blocks, starting a line) marked as made whole; "" stays ""."""
    return f"{START}{html}{END}" if html else html


def marks_size(text: str) -> int:
    """The bytes of ``text``'s marks: a listing is paged by its blocks' size without them (the pages stay where
    they were before the marks)."""
    return text.count(START) * len(START) + text.count(END) * len(END)


def _marks(text: str) -> Iterator[tuple[bool, int, int]]:
    """``text``'s marks as a search for START or END finds them (leftmost, none overlapping): whether each is a
    start, where it starts and ends. Found by their comments, then the line end beside each: a search for either
    took a third longer."""
    last = 0
    for m in _COMMENTS.finditer(text):
        if m.group(1):  # an end: the line end before it, unless a start took it
            at = m.start() - 1
            if at >= last and text.startswith("\n", at):
                last = m.end()
                yield False, at, last
        elif text.startswith("\n", m.end()):
            last = m.end() + 1
            yield True, m.start(), last


def split(text: str) -> list[str]:
    """``text`` cut at its marked blocks: [Markdown, block, Markdown, block, ..., Markdown], the blocks without
    their marks (and without the marks of blocks marked inside them). A start with no end is left as text. One
    pass over the marks: linear in the text."""
    out: list[str] = []
    at = start = depth = 0
    for is_start, begin, end in _marks(text):
        if is_start:
            if not depth:
                start = begin
            depth += 1
        elif depth:
            depth -= 1
            if not depth:
                block = text[start + len(START):begin]
                out += [text[at:start], block.replace(START, "").replace(END, "")]
                at = end
    out.append(text[at:])
    return out
