"""Word files, PDFs and scans made here, from one conclusion written as data.

The same document is written four ways: as the plain text a careful person types
(the reference the others are compared with), as a .docx made with python-docx (a
borderless header table, Word numbering through the List Number styles with nested
levels, lettered items and a restart, bullets, a signature table), as a PDF with a text
layer made with fpdf2 and DejaVu (the header's two columns, justified paragraphs wrapped
over lines and pages, a running header and page numbers), and as a scan of that PDF
(its pages rasterised into an image-only PDF).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from build_scripts.model import BlockKind
from build_scripts.pipeline.parse import RE_APPENDIX, RE_CLOSING_MARK, RE_LETTER_SUBJECT, parse_blocks

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True)
class Doc:
    header_left: tuple[str, ...]
    header_right: tuple[str, ...]
    title: tuple[str, ...]
    body: tuple[tuple, ...]  # ("p", text) ("h", text) ("n", level, text) ("restart",) ("b", text)
    recipients: tuple[str, ...]
    signature: tuple[str, ...]  # capacity lines, then the name last


KET_LUAN = Doc(
    header_left=("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "THÀNH ỦY BẢO LỘC", "*", "Số 187-KL/TU"),
    header_right=("ĐẢNG CỘNG SẢN VIỆT NAM", "Bảo Lộc, ngày 14 tháng 11 năm 2024"),
    title=("KẾT LUẬN", "của Ban Thường vụ Thành ủy về công tác chuyển đổi số và cải cách hành chính năm 2024, "
           "nhiệm vụ trọng tâm năm 2025"),
    body=(
        ("p", "Ngày 08/11/2024, Ban Thường vụ Thành ủy họp nghe Ủy ban nhân dân thành phố báo cáo kết quả thực "
              "hiện công tác chuyển đổi số và cải cách hành chính năm 2024; đồng chí Trần Minh Khoa - Bí thư Thành "
              "ủy chủ trì hội nghị. Sau khi nghe báo cáo và ý kiến thảo luận của các đồng chí dự họp, Ban Thường vụ "
              "Thành ủy kết luận như sau:"),
        ("h", "I. KẾT QUẢ ĐẠT ĐƯỢC"),
        ("p", "Năm 2024, các cấp ủy, chính quyền từ thành phố đến cơ sở đã quan tâm lãnh đạo, chỉ đạo triển khai "
              "đồng bộ các nhiệm vụ chuyển đổi số gắn với cải cách hành chính; tỷ lệ hồ sơ thủ tục hành chính "
              "được giải quyết đúng hạn đạt 98,2%, tỷ lệ hồ sơ trực tuyến toàn trình đạt 51,6%, tăng 14,3% so "
              "với năm 2023. Hạ tầng số được đầu tư nâng cấp; 16/16 xã, phường duy trì hoạt động của Tổ công "
              "nghệ số cộng đồng với 1.284 thành viên. Việc triển khai Đề án 06 của Chính phủ có nhiều chuyển "
              "biến, nhất là trong thanh toán không dùng tiền mặt tại các chợ, trường học và cơ sở y tế."),
        ("p", "Tuy nhiên, công tác chuyển đổi số và cải cách hành chính vẫn còn một số hạn chế:"),
        ("b", "Chỉ số cải cách hành chính của thành phố năm 2023 xếp thứ 6/12 địa phương cấp huyện trong tỉnh, "
              "chưa tương xứng với tiềm năng."),
        ("b", "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính ở cấp xã còn thấp; một bộ phận cán bộ, "
              "công chức chưa thành thạo kỹ năng số."),
        ("h", "II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM NĂM 2025"),
        ("p", "Để hoàn thành các mục tiêu chuyển đổi số đã đề ra, Ban Thường vụ Thành ủy yêu cầu các cấp ủy, "
              "chính quyền, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội thành phố tập trung thực hiện tốt "
              "các nhiệm vụ sau:"),
        ("n", 0, "Ủy ban nhân dân thành phố:"),
        ("n", 1, "Chỉ đạo Phòng Văn hóa và Thông tin chủ trì, phối hợp với Văn phòng HĐND và UBND thành phố "
                 "nâng cấp Cổng thông tin điện tử thành phố, tích hợp đầy đủ dịch vụ công trực tuyến; hoàn thành "
                 "trước ngày 30/6/2025."),
        ("n", 1, "Giao Phòng Nội vụ chủ trì, phối hợp với các phòng, ban liên quan rà soát, chuẩn hóa quy trình "
                 "nội bộ giải quyết thủ tục hành chính, cắt giảm ít nhất 20% thời gian giải quyết; hoàn thành "
                 "trong quý I/2025."),
        ("n", 1, "Chỉ đạo Ủy ban nhân dân các xã, phường:"),
        ("n", 2, "Bố trí công chức làm đầu mối chuyển đổi số, hoàn thành trong tháng 3/2025."),
        ("n", 2, "Số hóa toàn bộ hồ sơ hộ tịch còn lưu trữ giấy, hoàn thành trong năm 2025."),
        ("n", 0, "Giao Ban Tuyên giáo Thành ủy chủ trì, phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam thành phố "
                 "đẩy mạnh tuyên truyền, hướng dẫn Nhân dân sử dụng dịch vụ công trực tuyến và các nền tảng số "
                 "thiết yếu trong năm 2025."),
        ("n", 0, "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội thành phố vận động "
                 "đoàn viên, hội viên cài đặt, kích hoạt tài khoản định danh điện tử; phấn đấu đến ngày 31/12/2025 "
                 "đạt trên 80% dân số trưởng thành."),
        ("h", "III. TỔ CHỨC THỰC HIỆN"),
        ("restart",),
        ("n", 0, "Các cấp ủy, tổ chức đảng, chính quyền cụ thể hóa Kết luận này vào chương trình, kế hoạch công "
                 "tác năm 2025 của cơ quan, đơn vị, địa phương."),
        ("n", 0, "Giao Văn phòng Thành ủy theo dõi, đôn đốc việc thực hiện Kết luận này; định kỳ 6 tháng tổng "
                 "hợp, báo cáo Ban Thường vụ Thành ủy."),
    ),
    recipients=("- Ban Thường vụ Tỉnh ủy (b/c),", "- Các đồng chí Thành ủy viên,", "- Như mục II, III,",
                "- Lưu Văn phòng Thành ủy."),
    signature=("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Trần Minh Khoa"),
)


def numbers(doc: Doc) -> list[str]:
    """The number each ("n", level, text) shows: "1.", "1.1.", "a)", restarting after ("restart",)."""
    counters = [0, 0, 0]
    out = []
    for block in doc.body:
        if block[0] == "restart":
            counters = [0, 0, 0]
        if block[0] != "n":
            continue
        level = block[1]
        counters[level] += 1
        for deeper in range(level + 1, 3):
            counters[deeper] = 0
        if level == 0:
            out.append(f"{counters[0]}.")
        elif level == 1:
            out.append(f"{counters[0]}.{counters[1]}.")
        else:
            out.append(f"{chr(ord('a') + counters[2] - 1)})")
    return out


def to_text(doc: Doc) -> str:
    """The document as a careful person types it."""
    blocks = ["\n".join(doc.header_left), "\n".join(doc.header_right), "\n".join(doc.title)]
    marks = iter(numbers(doc))
    for block in doc.body:
        if block[0] in ("p", "h"):
            blocks.append(block[1])
        elif block[0] == "b":
            blocks.append(f"- {block[1]}")
        elif block[0] == "n":
            blocks.append(f"{next(marks)} {block[2]}")
    blocks.append("Nơi nhận:\n" + "\n".join(doc.recipients))
    blocks.append("\n".join(doc.signature[:-1]))
    blocks.append(doc.signature[-1])
    return "\n\n".join(blocks) + "\n"


# --- .docx -----------------------------------------------------------------------------------------


def _numbering(document) -> tuple[str, str]:
    """A multilevel list ("1.", "1.1.", "a)") linked to List Number, List Number 2 and 3, and a dash list
    for List Bullet; returns the numIds of the list and of a second instance that restarts it at 1."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    levels = [("decimal", "%1.", "ListNumber"), ("decimal", "%1.%2.", "ListNumber2"),
              ("lowerLetter", "%3)", "ListNumber3")]
    xml = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:pStyle w:val="{style}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>' for i, (fmt, text, style) in enumerate(levels))
    numbering.insert(0, parse_xml(f'<w:abstractNum {w} w:abstractNumId="90"><w:multiLevelType '
                                  f'w:val="multilevel"/>{xml}</w:abstractNum>'))
    numbering.insert(1, parse_xml(f'<w:abstractNum {w} w:abstractNumId="91"><w:multiLevelType w:val="singleLevel"/>'
                                  '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                                  '<w:lvlText w:val="-"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="91"><w:abstractNumId w:val="90"/><w:lvlOverride w:ilvl="0">'
                               '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="92"><w:abstractNumId w:val="91"/></w:num>'))
    for style, ilvl in (("List Number", 0), ("List Number 2", 1), ("List Number 3", 2)):
        _set_num(document.styles[style].element.get_or_add_pPr(), "90", ilvl)
    _set_num(document.styles["List Bullet"].element.get_or_add_pPr(), "92", 0)
    return "90", "91"


def _set_num(ppr, num_id: str, ilvl: int | None) -> None:
    from docx.oxml import parse_xml

    for old in ppr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}numPr"):
        ppr.remove(old)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    ppr.insert(0, parse_xml(f'<w:numPr {w}>{level}<w:numId w:val="{num_id}"/></w:numPr>'))


def _borderless(table) -> None:
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    table._tbl.tblPr.append(parse_xml(f'<w:tblBorders {w}>' + "".join(
        f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"))


def _cell_lines(cell, lines, bold_upper: bool = True, italic_lower: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    first = True
    for line in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if line is None:
            continue
        run = p.add_run(line)
        upper = line == line.upper()
        run.bold = bold_upper and upper
        run.italic = italic_lower and not upper


def to_docx(doc: Doc) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    _, restart = _numbering(document)
    header = document.add_table(rows=1, cols=2)
    _borderless(header)
    _cell_lines(header.cell(0, 0), doc.header_left)
    _cell_lines(header.cell(0, 1), doc.header_right, italic_lower=True)
    document.add_paragraph()
    for i, line in enumerate(doc.title):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).bold = True
        if i == 0:
            p.runs[0].font.size = Pt(15)
    restart_next = False
    for block in doc.body:
        kind = block[0]
        if kind == "restart":
            restart_next = True
            continue
        if kind == "p":
            p = document.add_paragraph(block[1])
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif kind == "h":
            document.add_paragraph().add_run(block[1]).bold = True
        elif kind == "b":
            document.add_paragraph(block[1], style="List Bullet")
        elif kind == "n":
            style = ("List Number", "List Number 2", "List Number 3")[block[1]]
            p = document.add_paragraph(style=style)
            _head, colon, rest = block[2].partition(":")
            if colon and not rest:  # "Ủy ban nhân dân thành phố:" is a group heading, bold in Word
                p.add_run(block[2]).bold = True
            else:
                p.add_run(block[2])
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            if restart_next:
                _set_num(p._p.get_or_add_pPr(), restart, None)
                restart_next = False
    sign = document.add_table(rows=1, cols=2)
    _borderless(sign)
    left = sign.cell(0, 0)
    label = left.paragraphs[0].add_run("Nơi nhận:")
    label.bold = label.italic = True
    for line in doc.recipients:
        left.add_paragraph(line)
    _cell_lines(sign.cell(0, 1), [*doc.signature[:-1], None, None, None, doc.signature[-1]])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- PDF with a text layer ------------------------------------------------------------------------


def to_pdf(doc: Doc, running_header: str = "Kết luận số 187-KL/TU của Ban Thường vụ Thành ủy Bảo Lộc") -> bytes:
    from fpdf import FPDF

    class Pdf(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font("DejaVuSerif", "I", 9)
                self.cell(0, 6, running_header, align="C")
                self.ln(10)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("DejaVuSerif", "", 10)
            self.cell(0, 10, str(self.page_no()), align="C")

    pdf = Pdf(format="A4")
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVuSerif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.add_font("DejaVuSerif", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
    pdf.add_font("DejaVuSerif", "I", str(FONT_DIR / "DejaVuSerif-Italic.ttf"))
    pdf.add_page()
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    top = pdf.get_y()
    pdf.set_font("DejaVuSerif", "B", 11)
    for line in doc.header_left:
        pdf.set_x(pdf.l_margin)
        pdf.cell(half, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    bottom = pdf.get_y()
    pdf.set_y(top)
    for i, line in enumerate(doc.header_right):
        pdf.set_font("DejaVuSerif", "B" if i == 0 else "I", 11)
        pdf.set_x(pdf.l_margin + half)
        pdf.cell(half, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(bottom, pdf.get_y()) + 8)
    for i, line in enumerate(doc.title):
        pdf.set_font("DejaVuSerif", "B", 14 if i == 0 else 12)
        pdf.multi_cell(0, 7, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    marks = iter(numbers(doc))
    pdf.set_font("DejaVuSerif", "", 12)
    for block in doc.body:
        kind = block[0]
        if kind == "restart":
            continue
        if kind == "h":
            pdf.set_font("DejaVuSerif", "B", 12)
            pdf.multi_cell(0, 7, block[1], align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVuSerif", "", 12)
        else:
            text = block[1] if kind == "p" else f"- {block[1]}" if kind == "b" else f"{next(marks)} {block[2]}"
            pdf.multi_cell(0, 7, text, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.ln(6)
    if pdf.get_y() > pdf.h - 80:
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_font("DejaVuSerif", "B", 11)
    pdf.cell(half, 6, "Nơi nhận:", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVuSerif", "", 10)
    for line in doc.recipients:
        pdf.cell(half, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(top)
    pdf.set_font("DejaVuSerif", "B", 12)
    for line in doc.signature[:-1]:
        pdf.set_x(pdf.l_margin + half)
        pdf.cell(half, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.get_y() + 22)
    pdf.set_x(pdf.l_margin + half)
    pdf.cell(half, 6, doc.signature[-1], align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def to_scan(pdf: bytes, dpi: int = 300) -> bytes:
    """The PDF printed and scanned: each page rasterised, grey, saved as an image-only PDF."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    images = [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in document]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


# --- any typed text, as a Word file and a PDF --------------------------------------------------------------

TITLE = re.compile(r"^(?:THÔNG BÁO|KẾT LUẬN|BÁO CÁO|BIÊN BẢN|V/v\s)")
ITEM = re.compile(r"^(?:(?P<l1>\d+\.\d+\.)|(?P<l0>\d+\.)|(?P<l2>[a-zđ]\))|(?P<b>[-+]))\s+(?P<rest>.*)$")


@dataclass(frozen=True)
class Typed:
    """A typed conclusion cut into its parts, to be written as a Word file or a PDF."""

    header: tuple[tuple[str, ...], ...]  # the header's blocks: the first is the left column
    title: tuple[str, ...]
    body: tuple[tuple[str, ...], ...]  # blocks of lines
    recipients: tuple[str, ...]  # "Nơi nhận:" and its lines
    signature: tuple[str, ...]  # capacity lines, then the name
    appendix: tuple[tuple[str, ...], ...] = ()  # "PHỤ LỤC" after the signature and its blocks, as the body's


# a run of spaces between two columns of a header or signature laid out with spaces (or before the right one)
GUTTER = re.compile(r"(?:^|(?<=\S))[ \u00a0]{4,}(?=\S)")


def _laid_with_tabs(block: tuple[str, ...]) -> tuple[str, ...]:
    """A header or signature block laid out with runs of spaces, as the Word file it was saved from had it:
    columns apart by a tab ("- Lưu VPHU.<spaces>T/L BAN THƯỜNG VỤ"); a line of the left column keeps no indent."""
    out = []
    for line in block:
        if GUTTER.search(line.lstrip(" ")):
            line = line.lstrip(" ")
        out.append(GUTTER.sub("\t", line).strip(" "))
    return tuple(out)


def _as_printed(line: str) -> str:
    """A line of a Word export as its file prints it: no emphasis marks ("**HUYỆN ỦY CẨM XUYÊN**", "*Cẩm Xuyên,
    ngày ...*"), no escapes ("\\*" is the star under the committee's name)."""
    line = line.replace("**", "")
    if len(line) > 2 and line[0] == line[-1] == "*":
        line = line[1:-1]
    return re.sub(r"\\(.)", r"\1", line)


def _letter_subject_apart(block: tuple[str, ...]) -> list[tuple[str, ...]]:
    at = next((i for i, line in enumerate(block) if i and RE_LETTER_SUBJECT.match(line)), None)
    return [block] if at is None else [block[:at], block[at:]]


def _title_line(line: str) -> bool:
    """A line that goes on with the title above it: bold as a whole, or in capitals."""
    return (line.startswith("**") and line.endswith("**") and len(line) > 4) or (line.isupper() and len(line) > 8)


def typed(text: str) -> Typed:
    # lines keep their leading tabs: a line typed "<tab><tab>PHÓ BÍ THƯ" is the right column's
    # (a table's row keeps its trailing tabs: "I<tab>Lĩnh vực đất đai<tab><tab><tab>" has the header's cells)
    laid = [tuple(line.rstrip(" \r") for line in b.strip("\n").split("\n"))
            for b in text.strip().split("\n\n") if b.strip()]
    # a letter's subject under the header's number, with no blank line between ("Số: 9126/VP-KT" / "V/v ..."): its
    # title, a block of its own
    laid = [part for b in laid for part in _letter_subject_apart(b)]
    blocks = [tuple(line.strip(" ") for line in b) for b in laid]
    at = next((i for i, b in enumerate(blocks) if TITLE.match(b[0].strip("*"))), None)  # (a Word export's "**...**")
    header, title, rest = ((), (), blocks) if at is None else (tuple(blocks[:at]), blocks[at], blocks[at + 1 :])
    while rest and at is not None and len(rest[0]) == 1 and _title_line(rest[0][0]):
        # a Word export's title over several paragraphs: "**THÔNG BÁO**", "**KẾT LUẬN CỦA ...**", "**về ...**"
        title, rest = (*title, rest[0][0]), rest[1:]
    if at is not None:
        header = tuple(_laid_with_tabs(b) for b in laid[:at])
    tail = next((i for i, b in enumerate(rest) if b[0].startswith("Nơi nhận")), None)
    start = len(blocks) - len(rest)
    if tail is None:
        # no "Nơi nhận": signatures side by side under the closing line ("... biên bản./."), the minutes'
        # secretary's and chair's, are the file's signature table too
        closing = next((i for i in range(len(rest) - 1, -1, -1) if RE_CLOSING_MARK.search(rest[i][-1])), None)
        # (an appendix after them, "**PHỤ LỤC**" over its table, is the file's own part, as below)
        end = len(rest) if closing is None else next(
            (i for i in range(closing + 1, len(rest)) if RE_APPENDIX.match(rest[i][0])), len(rest))
        under = [line for b in laid[start + closing + 1:start + end] for line in b] if closing is not None else []
        if any("\t" in line or GUTTER.search(line.lstrip(" ")) for line in under):
            signature = tuple(line for b in laid[start + closing + 1:start + end] for line in _laid_with_tabs(b))
            return Typed(header, title, _tables_apart(rest[:closing + 1]), (), signature, _tables_apart(rest[end:]))
        return Typed(header, title, _tables_apart(rest), (), ())
    # an appendix after the signature ("PHỤ LỤC" over a table of tasks) is a part of the file's own, after it
    end = next((i for i in range(tail + 1, len(rest)) if RE_APPENDIX.match(rest[i][0])), len(rest))
    laid_tail = [_laid_with_tabs(b) for b in laid[start + tail : start + end]]
    recipients = laid_tail[0]
    signature = tuple(line for b in laid_tail[1:] for line in b)
    return Typed(header, title, _tables_apart(rest[:tail]), recipients, signature, _tables_apart(rest[end:]))


def _tables_apart(blocks: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """A table that Word saved as text (rows of tab-separated cells, a row broken over lines where a cell holds a
    line break: the parser's own reading, ``parse.parse_blocks``) is a table of the Word file or PDF it came from:
    its rows become a block of their own, in Markdown's form, as the writers take tables."""
    out: list[tuple[str, ...]] = []
    for block in blocks:
        tables = {b.line: b for b in parse_blocks("\n".join(block)) if b.kind == BlockKind.TABLE and b.marker == "\t"}
        run: list[str] = []
        i = 0
        while i < len(block):
            table = tables.get(i + 1)
            if table is None:
                run.append(block[i])
                i += 1
                continue
            if run:
                out.append(tuple(run))
                run = []
            out.append(tuple("| " + " | ".join(" ".join(c.split()) for c in row) + " |" for row in table.rows))
            i = table.end_line
        if run:
            out.append(tuple(run))
    return tuple(out)


def text_to_docx(text: str) -> bytes:
    """The text as a Word file: a header table, a centred title, List Number styles (restarted where the
    text starts again at 1), List Bullet styles, and the recipients and signature in a table."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    parts = typed(text)
    document = docx.Document()
    _numbering(document)
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    numbering.insert(1, parse_xml(f'<w:abstractNum {w} w:abstractNumId="93"><w:multiLevelType w:val="singleLevel"/>'
                                  '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                                  '<w:lvlText w:val="+"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="93"><w:abstractNumId w:val="93"/></w:num>'))
    _set_num(document.styles["List Bullet 2"].element.get_or_add_pPr(), "93", 0)
    if any("\t" in line for b in parts.header for line in b):  # a header typed with tabs between its columns
        for line in (x for b in parts.header for x in b):
            document.add_paragraph(line)
    elif parts.header:
        table = document.add_table(rows=1, cols=2)
        _borderless(table)
        _cell_lines(table.cell(0, 0), list(parts.header[0]))
        _cell_lines(table.cell(0, 1), [line for b in parts.header[1:] for line in b], italic_lower=True)
    for line in parts.title:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line.strip("*")).bold = True
    expected = 1
    next_num = 100
    # Word's lettered lists have no "đ": a text that letters "a) b) c) d) đ)" typed its letters by hand
    letters_typed = any(re.match(r"đ\)\s", line) for b in parts.body for line in b)

    def add_blocks(blocks: tuple[tuple[str, ...], ...]) -> None:
        nonlocal expected, next_num
        for block in blocks:
            if block[0].startswith("|"):
                rows = _table_rows(block)
                table = document.add_table(rows=len(rows), cols=len(rows[0]), style="Table Grid")
                for r, row in enumerate(rows):
                    for c, cell in enumerate(row):
                        table.cell(r, c).text = cell
                continue
            for line in block:
                # a heading bold as a whole with its number inside ("**1. Đối với UBND huyện:**"): Word's numbered
                # list item, its run bold, so that the "1.1." items under it number as its own
                whole_bold = line.startswith("**") and line.endswith("**") and len(line) > 4
                m = ITEM.match(line[2:-2] if whole_bold else line)
                if whole_bold and m and not m.group("l0"):
                    m = None
                if not m or (m.group("l2") and letters_typed):
                    document.add_paragraph(line.replace("**", "")).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                    continue
                rest = m.group("rest")
                if m.group("b"):
                    style = "List Bullet" if m.group("b") == "-" else "List Bullet 2"
                    document.add_paragraph(rest, style=style)
                    continue
                level = 0 if m.group("l0") else 1 if m.group("l1") else 2
                p = document.add_paragraph(style=("List Number", "List Number 2", "List Number 3")[level])
                p.add_run(rest).bold = whole_bold
                if level == 0:
                    number = int(m.group("l0")[:-1])
                    if number != expected:  # the text starts its count again (or elsewhere): a new instance
                        numbering.append(parse_xml(
                            f'<w:num {w} w:numId="{next_num}"><w:abstractNumId w:val="90"/><w:lvlOverride w:ilvl="0">'
                            f'<w:startOverride w:val="{number}"/></w:lvlOverride></w:num>'))
                        _set_num(p._p.get_or_add_pPr(), str(next_num), None)
                        next_num += 1
                    expected = number + 1

    add_blocks(parts.body)
    if any("\t" in line for line in parts.recipients or parts.signature):  # typed with tabs beside the signature:
        # as it is
        for line in (*parts.recipients, *parts.signature):
            document.add_paragraph(line)
    elif parts.recipients or parts.signature:
        table = document.add_table(rows=1, cols=2)
        _borderless(table)
        left = table.cell(0, 0)
        first = True
        for line in parts.recipients:
            p = left.paragraphs[0] if first else left.add_paragraph()
            first = False
            run = p.add_run(line)
            run.bold = run.italic = line.startswith("Nơi nhận")
        names = [x for x in parts.signature if not x.isupper()]
        capacity = [x for x in parts.signature if x.isupper()]
        _cell_lines(table.cell(0, 1), [*capacity, None, None, *names])
    add_blocks(parts.appendix)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_to_pdf(text: str) -> bytes:
    """The text as a PDF: the header's two columns, a centred title, justified paragraphs, the recipients
    and the signature side by side, page numbers."""
    from fpdf import FPDF

    parts = typed(text)

    class Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("DejaVuSerif", "", 10)
            self.cell(0, 10, f"- {self.page_no()} -", align="C")

    pdf = Pdf(format="A4")
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    for style, file in (("", "DejaVuSerif.ttf"), ("B", "DejaVuSerif-Bold.ttf"), ("I", "DejaVuSerif-Italic.ttf")):
        pdf.add_font("DejaVuSerif", style, str(FONT_DIR / file))
    pdf.add_page()
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2

    def columns(left: list[str], right: list[str], left_size: int = 11) -> None:
        top = pdf.get_y()
        for line in left:
            pdf.set_font("DejaVuSerif", "B" if line.isupper() else "", left_size)
            pdf.set_x(pdf.l_margin)
            pdf.multi_cell(half, 6, _as_printed(line),
                           align="C" if parts.header and left is not parts.recipients else "L",
                           new_x="LMARGIN", new_y="NEXT")
        bottom = pdf.get_y()
        pdf.set_y(top)
        for line in right:
            if line is None:
                pdf.ln(18)
                continue
            pdf.set_font("DejaVuSerif", "B" if line.isupper() else "I", 11)
            pdf.set_x(pdf.l_margin + half)
            pdf.multi_cell(half, 6, _as_printed(line), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(bottom, pdf.get_y()) + 6)

    header = [line for b in parts.header for line in b]
    if any("\t" in line for line in header):  # columns typed with tabs: each side in its column
        cut = [re.split(r"\t+", line, maxsplit=1) for line in header]
        columns([c[0].strip() for c in cut if c[0].strip()], [c[1].strip() for c in cut if len(c) > 1 and c[1].strip()])
    elif parts.header:
        columns(list(parts.header[0]), [line for b in parts.header[1:] for line in b])
    for i, line in enumerate(parts.title):
        pdf.set_font("DejaVuSerif", "B", 14 if i == 0 else 12)
        pdf.multi_cell(0, 7, line.strip("*"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVuSerif", "", 12)
    def write_blocks(blocks: tuple[tuple[str, ...], ...]) -> None:
        for block in blocks:
            if block[0].startswith("|"):
                pdf.set_font("DejaVuSerif", "", 10)
                with pdf.table(text_align="LEFT", line_height=5) as table:
                    for row in _table_rows(block):
                        cells = table.row()
                        for cell in row:
                            cells.cell(cell)
                pdf.set_font("DejaVuSerif", "", 12)
                pdf.ln(2)
                continue
            for line in block:
                # the font has no tab: "I.<tab>ĐÁNH GIÁ CHUNG", "•<tab>Ban ..." are shown apart by a space
                pdf.multi_cell(0, 7, line.replace("**", "").replace("\t", " "), align="J", new_x="LMARGIN",
                               new_y="NEXT")
                pdf.ln(2)

    write_blocks(parts.body)
    if parts.recipients or parts.signature:
        if pdf.get_y() > pdf.h - 80:
            pdf.add_page()
        lines = [*parts.recipients, *parts.signature]
        if any("\t" in line for line in lines):  # typed with tabs: each side in its column
            cut = [re.split(r"\t+", line, maxsplit=1) for line in lines]
            columns([c[0].strip() for c in cut if c[0].strip()],
                    [c[1].strip() for c in cut if len(c) > 1 and c[1].strip()], left_size=10)
        else:
            capacity = [x for x in parts.signature if x.isupper()]
            names = [x for x in parts.signature if not x.isupper()]
            columns(list(parts.recipients), [*capacity, None, *names], left_size=10)
    if parts.appendix:
        pdf.add_page()  # an appendix starts its own page
        pdf.set_font("DejaVuSerif", "", 12)
        write_blocks(parts.appendix)
    return bytes(pdf.output())


def _table_rows(block: tuple[str, ...]) -> list[list[str]]:
    """The cells of a Markdown table's rows, its separator row left out; a web table's "<br>" is a cell's line break."""
    return [[re.sub(r"<br\s*/?>", "\n", c).strip() for c in line.strip().strip("|").split("|")] for line in block
            if not re.fullmatch(r"\|?[\s:|-]+\|?", line)]
