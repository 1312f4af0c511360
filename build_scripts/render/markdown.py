"""Blocks -> Markdown, with every character from a source escaped.

Source text is shown as the text it is: Markdown and HTML in a source are
never interpreted. Only the emphasis that the parser recognised, and the
structure it found, become Markdown, written by us.
"""

from __future__ import annotations

import html
import re

from ..model import Block, BlockKind, Span

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


def escape(text: str) -> str:
    """Escape one run of source text so that Markdown shows it verbatim."""
    out = []
    for ch in text:
        if ch in _ENTITIES:
            out.append(_ENTITIES[ch])
        elif ch in _BACKSLASH:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return _LINE_START.sub(_line_start, "".join(out))


def escape_attr(text: str) -> str:
    return html.escape(text, quote=True)


def _linked(text: str, links: dict[str, str]) -> str:
    """Escape text, turning each cited symbol into a link to where the archive describes it."""
    if not links:
        return escape(text)
    pattern = re.compile(r"(?<![\w/-])(" + "|".join(re.escape(k) for k in sorted(links, key=len, reverse=True))
                         + r")(?![\w/-])")
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[pos : m.start()]))
        # a Markdown link, so that MkDocs rewrites "x.md" for directory and file URLs alike
        out.append(f"[{escape(m.group(1))}]({links[m.group(1)]}){{: .vb-cite }}")
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def inline(spans: list[Span], hard_breaks: bool = False, links: dict[str, str] | None = None,
           note_prefix: str = "chu-thich-") -> str:
    """Spans -> inline Markdown. Source line breaks stay soft unless ``hard_breaks``."""
    parts: list[str] = []
    for s in spans:
        if s.note:
            parts.append(
                f'<a class="vb-noteref" id="dan-{note_prefix}{s.note}" href="#{note_prefix}{s.note}">'
                f"{escape_attr(s.text)}</a>"
            )
            continue
        body = s.text
        lead = body[: len(body) - len(body.lstrip())]
        trail = body[len(body.rstrip()) :]
        core = body.strip()
        if not core:
            parts.append(body)
            continue
        text = _linked(core, links or {})
        if s.emph:
            text = f"*{text}*"
        if s.strong:
            text = f"**{text}**"
        parts.append(lead + text + trail)
    md = "".join(parts)
    md = re.sub(r"[ \t]*\n[ \t]*", "  \n" if hard_breaks else "\n", md)
    return md.strip()


def _attrs(block: Block, cls: str) -> str:
    anchor = f" #{block.anchor}" if block.anchor else ""
    return f"{{:{anchor} .{cls} }}"


def _marker(block: Block) -> str:
    return f'<span class="vb-marker">{escape_attr(block.marker)}</span> ' if block.marker else ""


def heading_level(block: Block) -> int:
    """Body headings sit under the page's "Toàn văn" (h2): roman sections h3, others h4."""
    if block.number and block.number == block.section:
        return 3
    if block.marker.startswith("#") and block.level <= 2:
        return 3
    return 4


def render_block(block: Block, links: dict[str, str] | None = None, level: int | None = None) -> str:
    """One block as Markdown; ``level`` overrides a heading's level (``render_body`` keeps levels from skipping)."""
    kind = block.kind
    links = links or {}
    if kind == BlockKind.HEADER:
        return f"{inline(block.spans, hard_breaks=True)}\n{_attrs(block, 'vb-header')}"
    if kind == BlockKind.TITLE:
        return f"{inline(block.spans, hard_breaks=True)}\n{_attrs(block, 'vb-title')}"
    if kind == BlockKind.RULE:
        return "***"
    if kind == BlockKind.HEADING:
        prefix = "" if block.marker.startswith("#") else _marker(block)
        anchor = f" {{ #{block.anchor} }}" if block.anchor else ""
        text = inline(block.spans, links=links).replace("\n", " ")
        return f"{'#' * (level or heading_level(block))} {prefix}{text}{anchor}"
    if kind == BlockKind.ITEM:
        return f"{_marker(block)}{inline(block.spans, links=links)}\n{_attrs(block, 'vb-item')}"
    if kind == BlockKind.BULLET:
        indent = "    " * (block.level - 1)
        body = inline(block.spans, links=links).replace("\n", "\n" + indent + "  ")
        mark = "-" if block.marker != "+" else "+"
        # the source's own marker is kept visible for "+" and "•" through CSS classes
        return f"{indent}{mark} {body}"
    if kind == BlockKind.FOOTNOTE:
        back = f' <a class="vb-noteback" href="#dan-{block.anchor}" title="Quay lại">↩</a>'
        return f"{escape(block.marker)} {inline(block.spans, links=links)}{back}\n{_attrs(block, 'vb-footnote')}"
    if kind == BlockKind.TABLE:
        return render_table(block.rows, block.row_anchors)
    if kind == BlockKind.RECIPIENTS:
        items = "\n".join(render_block(c) for c in block.children)  # recipients cite nothing
        label = inline(block.spans)
        return f"{label}\n{_attrs(block, 'vb-recipients-label')}\n\n{items}" if items else label
    if kind == BlockKind.SIGNATURE:
        return f"{inline(block.spans, hard_breaks=True)}\n{_attrs(block, 'vb-signature')}"
    anchor = f"\n{{: #{block.anchor} }}" if block.anchor else ""
    return f"{inline(block.spans, links=links)}{anchor}"


def render_table(rows: list[list[str]], row_anchors: list[str] | None = None) -> str:
    if not rows:
        return ""
    if len(rows) == 1:  # a lone row has no body: Markdown would add an empty one, so show it as written
        return escape("| " + " | ".join(c.replace("\n", " ") for c in rows[0]) + " |")
    width = max(len(r) for r in rows)
    padded = [r + [""] * (width - len(r)) for r in rows]
    cells = [[escape(c).replace("\n", " ") for c in r] for r in padded]
    for row, anchor in zip(cells[1:], row_anchors or [], strict=False):
        if anchor:
            row[0] = f'<span id="{anchor}"></span>{row[0]}'

    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    return "\n".join(lines)


def render_body(blocks: list[Block], links: dict[str, str] | None = None) -> str:
    """The full text, block by block; a footnote is shown right after the block that marks it."""
    notes = {b.number: b for b in blocks if b.kind == BlockKind.FOOTNOTE}
    marked = {s.note for b in blocks for s in b.spans if s.note in notes}
    placed: set[str] = set()
    out: list[str] = []
    sections = False  # an h4 only once a section heading (h3) came: headings never skip a level
    for b in blocks:
        if b.kind == BlockKind.FOOTNOTE and b.number in marked:
            continue  # placed after its (first) mark below, and only there
        level = None
        if b.kind == BlockKind.HEADING:
            level = heading_level(b)
            sections = sections or level == 3
            level = level if sections else 3
        out.append(render_block(b, links, level))
        for s in b.spans:
            if s.note in marked and s.note not in placed:
                out.append(render_block(notes[s.note], links))
                placed.add(s.note)
    return "\n\n".join(out) + "\n"
