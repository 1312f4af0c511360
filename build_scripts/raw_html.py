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

START = "<!--vb-html-->\n"
END = "\n<!--/vb-html-->"
_MARKS = re.compile(f"{re.escape(START)}|{re.escape(END)}")


def mark(html: str) -> str:
    """``html`` (one or more whole blocks, starting a line) marked as made whole; "" stays ""."""
    return f"{START}{html}{END}" if html else html


def marks_size(text: str) -> int:
    """The bytes of ``text``'s marks: a listing is paged by its blocks' size without them (the pages stay where
    they were before the marks)."""
    return text.count(START) * len(START) + text.count(END) * len(END)


def split(text: str) -> list[str]:
    """``text`` cut at its marked blocks: [Markdown, block, Markdown, block, ..., Markdown], the blocks without
    their marks (and without the marks of blocks marked inside them). A start with no end is left as text. One
    pass over the marks: linear in the text."""
    out: list[str] = []
    at = start = depth = 0
    for m in _MARKS.finditer(text):
        if m.group() == START:
            if not depth:
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if not depth:
                block = text[start + len(START):m.start()]
                out += [text[at:start], block.replace(START, "").replace(END, "")]
                at = m.end()
    out.append(text[at:])
    return out
