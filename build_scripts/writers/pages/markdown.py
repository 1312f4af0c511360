"""Blocks -> Markdown, with every character from a source escaped.

Source text is shown as the text it is: Markdown and HTML in a source are
never interpreted. Only the emphasis that the parser recognised, and the
structure it found, become Markdown, written by us.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from ... import raw_html
from ...model import Block, BlockKind, Span
from ...spellings import Spellings

# Characters that are Markdown syntax anywhere in a line ("|" for tables,
# "{" "}" for attribute lists); "." "-" "+" "=" matter only at a line start.
_BACKSLASH = set("\\`*_{}[]#|")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_LINE_START = re.compile(r"(?m)^(\s*)(?:(\d+)([.)])|([-+])|(=))")


def _line_start(m: re.Match[str]) -> str:
    indent, digits, punct, bullet, equals = m.groups()
    if digits:
        return f"{indent}{digits}\\{punct}"
    if bullet:
        return f"{indent}\\{bullet}"
    return f"{indent}&#61;" if equals else m.group(0)


# Control characters never reach a page (the read stage removes them; this holds for any text):
# Python-Markdown keeps its own placeholders between STX and ETX, so a source must not write them.
_CONTROLS = {n: "\ufffd" for n in (*range(0x09), *range(0x0b, 0x20), 0x7f)}


# one table for every character: a text is escaped in one pass of str.translate (a loop over its characters
# was a fifth of writing the pages)
_ESCAPES = str.maketrans({**_CONTROLS, **{ch: "\\" + ch for ch in _BACKSLASH}, **_ENTITIES})
# str.translate looks each character of a non-ASCII text up in its table (~2 s of CPU for the 300,000 runs of a cold
# build at 1,000 texts): a search for any character it changes, in C, finds most runs have none, or no control
_SPECIAL = re.compile("[" + re.escape("".join(map(chr, _CONTROLS)) + "".join(_BACKSLASH) + "".join(_ENTITIES)) + "]")
_CONTROL = re.compile("[" + re.escape("".join(map(chr, _CONTROLS))) + "]")


def escape(text: str) -> str:
    """Escape one run of source text so that Markdown shows it verbatim."""
    if _SPECIAL.search(text) is not None:
        text = text.translate(_ESCAPES)
    return _LINE_START.sub(_line_start, text)


def escape_attr(text: str) -> str:
    return html.escape(text, quote=True)


_HTML_ESCAPES = str.maketrans({**_CONTROLS, **_ENTITIES})


def escape_html(text: str) -> str:
    """Escape one run of source text for a raw HTML block (no Markdown reads it: only "<", ">", "&" matter)."""
    if _CONTROL.search(text) is not None:
        return text.translate(_HTML_ESCAPES)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # "&" first, as one pass does


class Citations:
    """Cited symbols (each spelling) -> the page about that document, linked in one pass over a text
    (spellings.py: linear in the text, whatever the number of symbols)."""

    def __init__(self, links: dict[str, str]):
        self.links = links
        self.spellings = Spellings(links)

    def linked(self, text: str, url: Callable[[str], str] | None = None) -> str:
        """Escape text, turning each cited symbol into a link to where the archive describes it: Markdown, or
        with ``url`` (a Markdown link as written, "../dan-chieu/x.md" -> the address MkDocs would have made of
        it, as it rewrites Markdown links only) the HTML of a raw HTML block."""
        esc = escape_html if url else escape
        out, pos = [], 0
        for start, end, key in self.spellings.longest(text):
            out.append(esc(text[pos:start]))
            # a Markdown link, so that MkDocs rewrites "x.md" for directory and file URLs alike
            out.append(f'<a class="vb-cite" href="{url(self.links[key])}">{escape_html(key)}</a>' if url
                       else f"[{escape(key)}]({self.links[key]}){{: .vb-cite }}")
            pos = end
        out.append(esc(text[pos:]))
        return "".join(out)


_SPACES = re.compile(r"[ \t]{2,}")


def _soft_breaks(md: str, hard: bool, hard_break: str = "  \n") -> str:
    """Drop the spaces around each line break, in one pass (a regular expression here would take
    quadratic time on a long run of spaces)."""
    if "\n" not in md:
        return md
    lines = md.split("\n")
    last = len(lines) - 1
    trimmed = [ln.rstrip(" \t") if i < last else ln for i, ln in enumerate(lines)]
    trimmed = [ln.lstrip(" \t") if i > 0 else ln for i, ln in enumerate(trimmed)]
    return (hard_break if hard else "\n").join(trimmed)


def inline(spans: list[Span], hard_breaks: bool = False, links: dict[str, str] | Citations | None = None,
           note_prefix: str = "chu-thich-", url: Callable[[str], str] | None = None) -> str:
    """Spans -> inline Markdown; with ``url`` (see ``Citations.linked``), the inline HTML Python-Markdown
    makes of that Markdown. Source line breaks stay soft unless ``hard_breaks``."""
    citations = links if isinstance(links, Citations) else Citations(links or {})
    em, strong = (("<em>", "</em>"), ("<strong>", "</strong>")) if url else (("*", "*"), ("**", "**"))
    parts: list[str] = []
    for s in spans:
        if s.note:
            parts.append(
                f'<a class="vb-noteref" id="dan-{note_prefix}{s.note}" href="#{note_prefix}{s.note}">'
                f"{escape_attr(s.text)}</a>"
            )
            continue
        body = s.text
        core = body.strip()
        if not core:
            parts.append(body)
            continue
        start = body.index(core[0])
        lead, trail = body[:start], body[start + len(core):]
        text = citations.linked(core, url)
        if s.emph:
            text = f"{em[0]}{text}{em[1]}"
        if s.strong:
            text = f"{strong[0]}{text}{strong[1]}"
        parts.append(lead + text + trail)
    # a run of spaces shows as one space: written as one, so that no long run reaches Python-Markdown,
    # some of whose patterns take quadratic time on it (a "#" heading of 40 kB of spaces)
    return _soft_breaks(_SPACES.sub(" ", "".join(parts)), hard_breaks, "<br />\n" if url else "  \n").strip()


def _attrs(block: Block, cls: str) -> str:
    anchor = f" #{block.anchor}" if block.anchor else ""
    return f"{{:{anchor} .{cls} }}"


# a marker or a table's cell bold as a whole, as a web page converted to Markdown writes it: "**1.**", "**A**"
RE_WHOLE_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def _marker(block: Block) -> str:
    """An item's marker as shown: "**1.**" (bold in the source) in bold, without its marks."""
    marker = block.marker
    if not marker:
        return ""
    if m := RE_WHOLE_BOLD.fullmatch(marker):
        return f'<span class="vb-marker"><strong>{escape_attr(m.group(2))}</strong></span> '
    return f'<span class="vb-marker">{escape_attr(marker)}</span> '


def _cell(text: str, escape_cell: Callable[[str], str], bold: tuple[str, str]) -> str:
    """A table's cell, escaped, its line breaks as spaces; a cell bold as a whole (a group row's "**A**") in bold."""
    text = text.strip()
    if m := RE_WHOLE_BOLD.fullmatch(text):
        return bold[0] + _cell(m.group(2), escape_cell, ("", "")) + bold[1]
    return _SPACES.sub(" ", escape_cell(text).replace("\n", " ")).strip()


def heading_level(block: Block) -> int:
    """Body headings sit under the page's "Toàn văn" (h2): roman sections h3, others h4."""
    if block.number and block.number == block.section:
        return 3
    if block.marker.startswith("#") and block.level <= 2:
        return 3
    return 4


def _with_attrs(text: str, block: Block, cls: str) -> str:
    """A paragraph with its attribute list; nothing at all for a block with no text (an attribute
    list alone would show as text)."""
    return f"{text}\n{_attrs(block, cls)}" if text.strip() else ""


def _lines(text: str, block: Block, cls: str) -> str:
    """A block of lines (header, title, signature) as paragraphs of at most CHUNK lines (see CHUNK: each
    line break is an element), the first with the block's anchor, each with its class."""
    lines = text.split("  \n")
    if len(lines) <= CHUNK:
        return _with_attrs(text, block, cls)
    groups = ["  \n".join(lines[i : i + CHUNK]) for i in range(0, len(lines), CHUNK)]
    return "\n\n".join([_with_attrs(groups[0], block, cls), *(f"{g}\n{{: .{cls} }}" for g in groups[1:])])


def bullet_depths(blocks: list[Block]) -> list[int]:
    """The list depth each bullet is written at (0 for other blocks).

    A run of bullets starts a list at the top, whatever the first one's marker ("+") or
    indentation: four spaces before a line that continues no list would make it a code block.
    Within the run, a deeper source level nests one step below the bullet before it, and a
    shallower one goes back to the list of its level.
    """
    depths: list[int] = []
    open_lists: list[tuple[int, int]] = []  # (source level, depth) of the lists open at this point
    for b in blocks:
        if b.kind != BlockKind.BULLET:
            open_lists = []
            depths.append(0)
            continue
        level = b.level or 1
        while open_lists and open_lists[-1][0] > level:
            open_lists.pop()
        if not open_lists or open_lists[-1][0] < level:
            open_lists.append((level, open_lists[-1][1] + 1 if open_lists else 1))
        depths.append(open_lists[-1][1])
    return depths


def render_block(block: Block, links: dict[str, str] | Citations | None = None, depth: int = 1,
                 level: int | None = None) -> str:
    """One block as Markdown; ``depth`` is a bullet's list depth (see ``bullet_depths``), ``level`` overrides a
    heading's level (``render_body`` keeps levels from skipping)."""
    kind = block.kind
    links = links if isinstance(links, Citations) else Citations(links or {})
    if kind == BlockKind.HEADER:
        return _lines(inline(block.spans, hard_breaks=True), block, "vb-header")
    if kind == BlockKind.TITLE:
        return _lines(inline(block.spans, hard_breaks=True), block, "vb-title")
    if kind == BlockKind.RULE:
        return "***"
    if kind == BlockKind.HEADING:
        prefix = "" if block.marker.startswith("#") else _marker(block)
        anchor = f" {{ #{block.anchor} }}" if block.anchor else ""
        text = inline(block.spans, links=links).replace("\n", " ")
        return f"{'#' * (level or heading_level(block))} {prefix}{text}{anchor}" if prefix or text else ""
    if kind == BlockKind.ITEM:
        return _with_attrs(f"{_marker(block)}{inline(block.spans, links=links)}", block, "vb-item")
    if kind == BlockKind.BULLET:
        indent = "    " * (depth - 1)
        body = inline(block.spans, links=links).replace("\n", "\n" + indent + "  ")
        mark = "-" if block.marker != "+" else "+"
        if block.marker not in ("-", "+", "*", "•", "–"):  # a chat's arrow ("=> ...") is shown as it was typed
            body = f"{escape(block.marker)} {body}"
        return f"{indent}{mark} {body}" if body else ""
    if kind == BlockKind.FOOTNOTE:
        back = f' <a class="vb-noteback" href="#dan-{block.anchor}" title="Quay lại">↩</a>'
        return _with_attrs(f"{escape(block.marker)} {inline(block.spans, links=links)}{back}", block, "vb-footnote")
    if kind == BlockKind.PAGE:
        return _lines(inline(block.spans, hard_breaks=True), block, "vb-trang")
    if kind == BlockKind.TABLE:
        return render_table(block.rows, block.row_anchors)
    if kind == BlockKind.RECIPIENTS:
        children = block.children
        items = "\n".join(filter(None, (render_block(c, depth=d)  # recipients cite nothing
                                         for c, d in zip(children, bullet_depths(children), strict=True))))
        label = _with_attrs(inline(block.spans), block, "vb-recipients-label")
        return "\n\n".join(filter(None, (label, items)))
    if kind == BlockKind.SIGNATURE:
        return _lines(inline(block.spans, hard_breaks=True), block, "vb-signature")
    text = inline(block.spans, links=links)
    anchor = f"\n{{: #{block.anchor} }}" if block.anchor and text else ""
    return f"{text}{anchor}"


def render_table(rows: list[list[str]], row_anchors: list[str] | None = None) -> str:
    if not rows:
        return ""
    if len(rows) == 1:  # a lone row has no body: Markdown would add an empty one, so show it as written
        return _SPACES.sub(" ", escape("| " + " | ".join(c.replace("\n", " ") for c in rows[0]) + " |"))
    width = max(len(r) for r in rows)
    padded = [r + [""] * (width - len(r)) for r in rows]
    cells = [[_cell(c, escape, ("**", "**")) for c in r] for r in padded]
    for row, anchor in zip(cells[1:], row_anchors or [], strict=False):
        if anchor:
            row[0] = f'<span id="{anchor}"></span>{row[0]}'

    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    return "\n".join(lines)


def html_table(heads: list[str], rows: list[str], right: int = 0) -> str:
    """A raw HTML table as Python-Markdown writes one (``rows``: "<tr>...</tr>" each); the last ``right``
    columns aligned right. Material treats it as any Markdown table."""
    align = [' style="text-align: right;"' if i >= len(heads) - right else "" for i in range(len(heads))]
    head = "".join(f"<th{al}>{h}</th>\n" for h, al in zip(heads, align, strict=True))
    return raw_html.mark(f"<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n" + "\n".join(rows)
                         + "\n</tbody>\n</table>")


def html_row(cells: list[str], right: int = 0) -> str:
    if not right:  # most rows (~56,000 in a cold build at 1,000 texts): no column aligned
        return "<tr>\n" + "".join([f"<td>{c}</td>\n" for c in cells]) + "</tr>"
    align = [' style="text-align: right;"' if i >= len(cells) - right else "" for i in range(len(cells))]
    return "<tr>\n" + "".join(f"<td{al}>{c}</td>\n" for c, al in zip(cells, align, strict=True)) + "</tr>"


def alternation(words: list[str]) -> str:
    """A pattern of ``words`` tried in their order, grouped by first character (``A(?:B|C)|D``): at a position the
    regular expression engine tries only the group that can match there, and a pattern that begins with the
    alternation lets it skip in C to the positions where a word can begin; the one that matches is the same."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(re.escape(first) + ("(?:" + "|".join(map(re.escape, rest)) + ")" if rest != [""] else "")
                    for first, rest in groups.items())


_WORD_NOT_UNDERSCORE = re.compile(r"[^\W_]")


class Abbreviations:
    """What the abbr extension makes of a page's text, for the raw HTML blocks the writer builds (no extension
    reads those): each abbreviation the page defines, standing between word boundaries in the text (never in
    a tag), in ``<abbr title>``.

    Python-Markdown matches ``\\b(?:...)\\b`` in each text node while an escaped character ("_" among them) is
    held as a placeholder: there "_" is a boundary, so here a word character other than "_" may not touch
    the abbreviation (the glossary's abbreviations begin and end with a word character). A tag bounds a text
    node; "<" and ">" in text are always character references."""

    def __init__(self, titles: dict[str, str]):
        self.marked = {abbr: f'<abbr title="{_attr(title)}">{abbr}</abbr>' for abbr, title in titles.items() if title}
        keys = sorted(self.marked, key=len, reverse=True)
        # the word boundary before is checked for each match (``mark``), not in the pattern: a pattern that begins
        # with a look-behind is tried at every character of the text
        self.pattern = re.compile("(?:" + alternation(keys) + r")(?![^\W_])") if keys else None

    def mark(self, markup: str) -> str:
        """``markup`` (HTML) with its text's abbreviations marked, in one pass (where each match is, in a tag or
        not, is read from the stretch since the one before)."""
        if self.pattern is None:
            return markup
        out, pos, seen, in_tag, at = [], 0, 0, False, 0
        search, before = self.pattern.search, _WORD_NOT_UNDERSCORE.match
        while m := search(markup, at):
            if m.start() and before(markup, m.start() - 1):  # inside a word: on from the next character
                at = m.start() + 1
                continue
            at = m.end()
            opened, closed = markup.rfind("<", seen, m.start()), markup.rfind(">", seen, m.start())
            if opened != closed:  # both -1 when the stretch has no tag: as it was
                in_tag = opened > closed
            seen = m.start()
            if in_tag:
                continue
            out += [markup[pos:m.start()], self.marked[m.group()]]
            pos = m.end()
        return "".join(out) + markup[pos:] if out else markup


def _attr(text: str) -> str:
    """An attribute's value escaped as Python-Markdown's serializer does."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _p(markup: str, block: Block, cls: str = "", anchor: bool = True) -> str:
    """A paragraph as Python-Markdown writes "text\\n{: #anchor .cls }"; nothing for a block with no text."""
    if not markup.strip():
        return ""
    attrs = (f' class="{cls}"' if cls else "") + (f' id="{_attr(block.anchor)}"' if anchor and block.anchor else "")
    return f"<p{attrs}>{markup}</p>"


def _lines_html(markup: str, block: Block, cls: str) -> str:
    """``_lines`` as HTML: paragraphs of at most CHUNK lines, the first with the block's anchor."""
    lines = markup.split("<br />\n")
    groups = ["<br />\n".join(lines[i : i + CHUNK]) for i in range(0, len(lines), CHUNK)]
    return "\n".join(filter(None, (_p(g, block, cls, i == 0) for i, g in enumerate(groups))))


def render_block_html(block: Block, citations: Citations, url: Callable[[str], str]) -> str | None:
    """A block as the raw HTML Python-Markdown made of ``render_block``'s Markdown, so that no inline pattern
    reads it again; None for the blocks that stay Markdown (headings, which the table of contents and the
    permalinks need, and the body's lists)."""
    kind = block.kind
    if kind in (BlockKind.HEADING, BlockKind.BULLET):
        return None
    if kind in (BlockKind.HEADER, BlockKind.TITLE, BlockKind.SIGNATURE):
        cls = {BlockKind.HEADER: "vb-header", BlockKind.TITLE: "vb-title", BlockKind.SIGNATURE: "vb-signature"}[kind]
        return _lines_html(inline(block.spans, hard_breaks=True, url=url), block, cls)
    if kind == BlockKind.RULE:
        return "<hr />"
    if kind == BlockKind.ITEM:
        return _p(f"{_marker(block)}{inline(block.spans, links=citations, url=url)}".strip(), block, "vb-item")
    if kind == BlockKind.FOOTNOTE:
        back = f' <a class="vb-noteback" href="#dan-{block.anchor}" title="Quay lại">↩</a>'
        return _p(f"{escape_html(block.marker)} {inline(block.spans, links=citations, url=url)}{back}", block,
                  "vb-footnote")
    if kind == BlockKind.PAGE:
        return _lines_html(inline(block.spans, hard_breaks=True, url=url), block, "vb-trang")
    if kind == BlockKind.TABLE:
        return table_html(block.rows, block.row_anchors)
    if kind == BlockKind.RECIPIENTS:
        children = block.children
        label = _p(inline(block.spans, url=url), block, "vb-recipients-label")
        if _nested(block):
            items = "\n".join(filter(None, (render_block(c, depth=d)  # a nested list: as Markdown
                                             for c, d in zip(children, bullet_depths(children), strict=True))))
        else:
            lis = [f"<li>{text}</li>" for c in children if (text := inline(c.spans, url=url))]
            items = "<ul>\n" + "\n".join(lis) + "\n</ul>" if lis else ""
        return "\n\n".join(filter(None, (label, items)))
    return _p(inline(block.spans, links=citations, url=url), block)


def _nested(block: Block) -> bool:
    """A list of recipients that ``render_block_html`` leaves to Markdown: nested, or not all bullets."""
    children = block.children
    return any(c.kind != BlockKind.BULLET for c in children) or max(bullet_depths(children), default=1) > 1


def table_html(rows: list[list[str]], row_anchors: list[str] | None = None) -> str:
    """``render_table`` as the HTML Python-Markdown made of it."""
    if not rows:
        return ""
    if len(rows) == 1:
        line = "| " + " | ".join(c.replace("\n", " ") for c in rows[0]) + " |"
        return f"<p>{_SPACES.sub(' ', escape_html(line))}</p>"
    width = max(len(r) for r in rows)
    cells = [[_cell(c, escape_html, ("<strong>", "</strong>")) for c in r + [""] * (width - len(r))] for r in rows]
    for row, anchor in zip(cells[1:], row_anchors or [], strict=False):
        if anchor:
            row[0] = f'<span id="{anchor}"></span>{row[0]}'
    return html_table(cells[0], [html_row(r) for r in cells[1:]])


# Python-Markdown's abbr extension looks up each element among its siblings (a list index): a text of
# 30,000 blocks side by side took a minute, quadratic. Past this many blocks the text is written in
# sections of this many, each a <div>, the task table in tables of this many rows, and a header of
# many lines in paragraphs of this many lines, so that no element has more siblings than that.
CHUNK = 100


def render_body(blocks: list[Block], links: dict[str, str] | None = None, url: Callable[[str], str] | None = None,
                abbreviations: dict[str, str] | None = None) -> str:
    """The full text, block by block; a footnote is shown right after the block that marks it.

    With ``url`` (a Markdown link -> the address MkDocs makes of it), every block but the headings and lists
    is written as the raw HTML Python-Markdown made of its Markdown, with the page's ``abbreviations`` marked
    as the abbr extension does: a raw HTML block costs Python-Markdown no inline parsing."""
    citations = Citations(links or {})  # compiled once for the whole text
    marks = Abbreviations(abbreviations or {})
    notes = {b.number: b for b in blocks if b.kind == BlockKind.FOOTNOTE}
    marked = {s.note for b in blocks for s in b.spans if s.note in notes}
    placed: set[str] = set()
    order: list[Block] = []  # reading order, each footnote right after the (first) block that marks it
    for b in blocks:
        if b.kind == BlockKind.FOOTNOTE and b.number in marked:
            continue  # placed after its (first) mark below, and only there
        order.append(b)
        for s in b.spans:
            if s.note in marked and s.note not in placed:
                order.append(notes[s.note])
                placed.add(s.note)
    out: list[tuple[str, bool]] = []  # each block's Markdown, and whether it is raw HTML made whole
    sections = False  # an h4 only once a section heading (h3) came: headings never skip a level
    signed = False  # the block just written was a signature, as raw HTML
    for b, depth in zip(order, bullet_depths(order), strict=True):
        level = None
        if b.kind == BlockKind.HEADING:
            level = heading_level(b)
            sections = sections or level == 3
            level = level if sections else 3
        made = render_block_html(b, citations, url) if url else None
        raw = made is not None and not (b.kind == BlockKind.RECIPIENTS and _nested(b))  # no Markdown in it
        made = marks.mark(made) if made is not None else render_block(b, citations, depth, level)
        if made and b.kind == BlockKind.SIGNATURE and signed:
            # two signatures one after the other (the minutes' secretary and chair, a joint text's two bodies)
            # stand side by side, as on paper: the first on the left, the last on the right
            made = _side_by_side(out.pop()[0], made, raw)
        if made:
            out.append((made, raw))
        signed = bool(made) and b.kind == BlockKind.SIGNATURE
    if len(out) > CHUNK:  # a very long text: in parts of CHUNK blocks (see CHUNK)
        parts = (_runs(out[i : i + CHUNK]) for i in range(0, len(out), CHUNK))
        return "".join(f'<div class="vb-khoi" markdown="1">\n\n{part}\n\n</div>\n\n' for part in parts)
    return _runs(out) + "\n"


def _side_by_side(before: str, signature: str, raw: bool) -> str:
    """A signature added to the one written before it, the two in one row (luu-tru.css ``.vb-signatures``); as
    Markdown, the row's inside is Markdown still (md_in_html)."""
    opening, gap = ('<div class="vb-signatures">\n', "\n") if raw else ('<div class="vb-signatures" markdown="1">\n\n',
                                                                         "\n\n")
    inner = before.removeprefix(opening).removesuffix(f"{gap}</div>")
    return f"{opening}{inner}{gap}{signature}{gap}</div>"


def _runs(blocks: list[tuple[str, bool]]) -> str:
    """The blocks one after another, each run of raw HTML blocks marked as one (raw_html): a text's paragraphs
    between two headings reach the renderer's stash in one piece."""
    out: list[str] = []
    run: list[str] = []
    for text, raw in blocks:
        if raw:
            run.append(text)
            continue
        if run:
            out.append(raw_html.mark("\n\n".join(run)))
            run = []
        out.append(text)
    if run:
        out.append(raw_html.mark("\n\n".join(run)))
    return "\n\n".join(out)


def card_heads(columns: list[tuple[str, str, str]]) -> list[str]:
    """A task table's headings: the first carries the mark the CSS finds these tables by; each column with a
    label on a card carries its key (``vb-h--<key>``), by which the CSS gives each of the column's non-empty
    cells its label on a phone's card (luu-tru.css: generated content, so not written in every cell, and not
    read out after the heading a screen reader already reads)."""
    heads = [f'<span class="vb-h--{key}">{head}</span>' if label else head for key, head, label in columns]
    heads[0] = f'<span class="vb-tasks-mark">{heads[0]}</span>'
    return heads


def card_cells(columns: list[tuple[str, str, str]], row: list[str], space: str = "&#32;") -> list[str]:
    """A row's cells, each non-empty one of a labelled column after a space: on a card, the space between the
    label (bold, luu-tru.css) and the text, in the text's weight as it always was (a bold space is wider, and
    moved where a line breaks); at a line's start, on a wide screen, a browser shows no space. Markdown strips
    a cell's spaces, so there ``space`` is a character reference."""
    labels = [label for _key, _head, label in columns]
    return [space + value if label and value else value for label, value in zip(labels, row, strict=True)]


def task_cards_html(columns: list[tuple[str, str, str]], rows: list[list[str]], space: str = " ") -> str:
    """``task_cards`` as the raw HTML Python-Markdown makes of it (``rows``: cells in HTML), so that its rows
    cost no inline parsing; a raw block keeps a cell's space, so it is written as one (not ``&#32;``)."""
    heads = card_heads(columns)
    lines = [html_row(card_cells(columns, row, space)) for row in rows]
    return "\n\n".join(html_table(heads, lines[i : i + CHUNK]) for i in range(0, max(len(lines), 1), CHUNK))


def task_cards(columns: list[tuple[str, str, str]], rows: list[list[str]]) -> str:
    """A table of tasks in the one markup that is a table on a wide screen and a card per task on a phone (CSS):
    ``columns`` are (key, heading, label on a card); the first two (number, summary) have no label. A card
    shows a labelled column's non-empty cell with the column's label (``card_heads``); an empty cell stays
    empty, so a card leaves that line out. A very long list is written in tables of CHUNK rows, each with its
    head (see CHUNK)."""
    head = ["| " + " | ".join(card_heads(columns)) + " |", "|" + "---|" * len(columns)]
    lines = ["| " + " | ".join(card_cells(columns, row)) + " |" for row in rows]
    return "\n\n".join("\n".join(head + lines[i : i + CHUNK]) for i in range(0, max(len(lines), 1), CHUNK))
