"""Shapes the thirteenth round (tests/fixtures/round13, holdout13) found read wrongly, each as a small text of its own:
a field visit's projects with their "Giao:" points, a text printed by ``pdftotext -layout`` (a task table aligned with
spaces, a page break inside it, a signature before its appendix)."""

from __future__ import annotations

from build_scripts.model import BlockKind
from build_scripts.pipeline.parse import parse_blocks

from . import test_round4_shapes as round4

HEAD = """UBND TỈNH VĨNH PHÚC
Số: 38/TB-UBND
Vĩnh Phúc, ngày 13 tháng 01 năm 2025

THÔNG BÁO
Kết luận của Phó Chủ tịch UBND tỉnh tại buổi kiểm tra thực địa một số dự án

Ngày 08/01/2025, đồng chí Nguyễn Văn Khởi - Phó Chủ tịch UBND tỉnh đã kiểm tra thực địa. Phó Chủ tịch UBND tỉnh \
kết luận như sau:

"""


def _tasks(body: str, head: str = HEAD):
    return [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline)
            for t in round4._doc(body, head).facts.tasks]


def test_a_field_visits_projects_and_their_points() -> None:
    """"1. Dự án ..." names a project (no sentence, asks nothing), its status follows, then "Giao:" (bold as a whole
    in a Word export) over "- X: ..." points: each point a task of its body, numbered as the project; a project with
    no points (only praised) gives none."""
    body = ("**1. Dự án đầu tư xây dựng tuyến đường Vành đai 3 (đoạn từ Quốc lộ 2C đến Đường tỉnh 302)**\n\n"
            "Dự án khởi công tháng 9/2023, đến nay đạt khoảng 48% giá trị hợp đồng.\n\n"
            "**Giao:**\n"
            "- UBND huyện Bình Xuyên: chủ trì, phối hợp với Trung tâm Phát triển quỹ đất tỉnh vận động 17 hộ dân; "
            "bàn giao mặt bằng trước ngày 28/02/2025.\n"
            "- Công ty Điện lực Vĩnh Phúc: di dời 02 vị trí cột điện 110 kV, hoàn thành trong quý I/2025.\n\n"
            "**2. Dự án nâng cấp Đường tỉnh 303 đoạn qua thị trấn Yên Lạc**\n\n"
            "Dự án đã hoàn thành, thông xe kỹ thuật ngày 28/12/2024. Phó Chủ tịch UBND tỉnh biểu dương chủ đầu tư.\n")
    assert _tasks(body) == [
        ("1", [("UBND huyện Bình Xuyên", "chủ trì"), ("Trung tâm Phát triển quỹ đất tỉnh", "phối hợp")], "2025-02-28"),
        ("1", [("Công ty Điện lực Vĩnh Phúc", "thực hiện")], "2025-03"),
    ]


WIDTHS = (6, 46, 28, 32)  # the columns of the table below, as ``pdftotext -layout`` pads them


def _laid(*lines: tuple[str, ...]) -> str:
    """Lines of a table laid out with spaces: each line's cells padded to their column's width."""
    return "\n".join(("".join(c.ljust(w) for c, w in zip(cells, WIDTHS, strict=False))
                      + "".join(cells[len(WIDTHS):])).rstrip() for cells in lines) + "\n"


HEADER = _laid((" TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"),
               ("", "", "", "", "hoàn thành"))
TABLE = (HEADER + "\n"
         + _laid(("  1", "Tổ chức lựa chọn đơn vị cung ứng dịch vụ thu", "UBND các xã, phường thuộc",
                  "Sở Nông nghiệp và Môi trường;", "Trước ngày"),
                 ("", "gom, vận chuyển chất thải rắn sinh hoạt", "tỉnh Hải Dương (cũ)", "Sở Tài chính", "31/3/2026"))
         + "\n"
         + _laid(("  2", "Xây dựng đơn giá dịch vụ thu gom, vận chuyển", "Sở Xây dựng", "Sở Tài chính; Sở Nông nghiệp",
                  "Quý I/2026"), ("", "chất thải rắn sinh hoạt", "", "và Môi trường"))
         + "\n" + " " * 70 + "4\n" + " " * 70 + "Thông báo số 1235/TB-UBND của UBND thành phố\n\n" + HEADER + "\n"
         + _laid(("  3", "Tham mưu bố trí kinh phí năm 2026 cho công", "Sở Tài chính", "Sở Nông nghiệp và Môi trường",
                  "Trước ngày"), ("", "tác thu gom, xử lý chất thải rắn sinh hoạt", "", "", "15/01/2026")))

LAYOUT = """2. Nhiệm vụ trong thời gian tới

       2.1. Sở Xây dựng chủ trì, phối hợp với Sở Tài chính rà soát đơn giá dịch vụ, trình UBND thành phố trước ngày
15/02/2026.

       Ủy ban nhân dân thành phố thông báo để các cơ quan, đơn vị, địa phương biết, thực hiện./.


Nơi nhận:                                                   TL. CHỦ TỊCH
- TT Thành ủy, TT HĐND thành phố (b/c);                   CHÁNH VĂN PHÒNG
- Các sở: NN&MT, XD, TC;
- UBND các xã, phường, đặc khu;                          Bùi Thị Thanh Tâm
- Lưu: VT, MT.

                                                                      3
                                                                      Thông báo số 1235/TB-UBND của UBND thành phố

                                                         PHỤ LỤC: DANH MỤC NHIỆM VỤ

{table}"""


def test_a_table_laid_out_with_spaces() -> None:
    """``pdftotext -layout``'s table: its columns found from the header's cells (a wrapped header line joins them),
    each row from its number, a cell's wrapped lines joined; a page break inside it (the page's number, the running
    header, the header again) is no part of any row and still on the page; the signature before the appendix, its
    page's number and running header between, is read."""
    head = HEAD.replace("kiểm tra thực địa một số dự án", "cuộc họp về chất thải rắn")
    layout = LAYOUT.format(table=TABLE)
    doc = round4._doc(layout, head)
    rows = [t for t in doc.facts.tasks if t.number in ("1", "2", "3")]
    assert [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline) for t in rows] == [
        ("1", [("UBND các xã, phường thuộc tỉnh Hải Dương (cũ)", "chủ trì"),
               ("Sở Nông nghiệp và Môi trường", "phối hợp"), ("Sở Tài chính", "phối hợp")], "2026-03-31"),
        ("2", [("Sở Xây dựng", "chủ trì"), ("Sở Tài chính", "phối hợp"), ("Sở Nông nghiệp và Môi trường", "phối hợp")],
         "2026-03"),
        ("3", [("Sở Tài chính", "chủ trì"), ("Sở Nông nghiệp và Môi trường", "phối hợp")], "2026-01-15"),
    ]
    assert "gom, vận chuyển chất thải rắn sinh hoạt" in rows[0].text and "Thông báo" not in rows[1].text
    assert (doc.facts.signer.name, doc.facts.signer.capacity) == ("Bùi Thị Thanh Tâm", "TL. Chủ tịch")
    blocks = parse_blocks(head + layout)
    table = next(b for b in blocks if b.kind == BlockKind.TABLE)
    assert table.rows[0][-1] == "Thời gian hoàn thành" and len(table.rows) == 4
    shown = " ".join(b.text for b in blocks) + " ".join(c for b in blocks for row in b.rows for c in row)
    assert shown.count("Thông báo số 1235/TB-UBND của UBND thành phố") == 2  # the running headers kept


def test_a_paragraph_with_wide_spaces_is_no_table() -> None:
    """A justified line of a layout copy holds double spaces and may name "chủ trì": no header without its rows."""
    body = ("1. Sở Xây dựng  chủ trì,  phối hợp với  Sở Tài chính rà soát đơn giá dịch vụ, xong trước ngày "
            "15/02/2025.\n")
    assert _tasks(body) == [("1", [("Sở Xây dựng", "chủ trì"), ("Sở Tài chính", "phối hợp")], "2025-02-15")]


def test_a_layout_tables_header_centred_over_its_columns() -> None:
    """A header's cell centred over its column ("STT      Nhiệm vụ" over "  1  Hoàn thành ..."): the columns start where
    their text does, found from the gutters of the lines under the header; a group row ("I   Bồi thường ...") whose
    text runs wide is the section of the rows under it."""
    widths = (6, 44, 24, 26)

    def laid(*cells: str) -> str:
        padded = "".join(c.ljust(w) for c, w in zip(cells, widths, strict=False))
        return (padded + "".join(cells[len(widths):])).rstrip()

    table = "\n".join([
        laid(" STT", "              Nhiệm vụ", "  Đơn vị chủ trì", "  Đơn vị phối hợp", "Thời hạn"), "",
        laid("  I", "Bồi thường, giải phóng mặt bằng và tái định cư cho"), "",
        laid("   1", "Hoàn thành kiểm đếm, lập phương án bồi", "UBND xã Sao Vàng", "Trung tâm Phát triển quỹ",
             "Trước"),
        laid("", "thường đối với 38 hộ còn lại", "", "đất tỉnh", "31/12/2025"), "",
        laid("  II", "Hạ tầng kỹ thuật"), "",
        laid("   2", "Đầu tư xây dựng hệ thống xử lý nước thải", "Công ty Điện lực Thanh", "Sở Xây dựng",
             "Quý II/2026"),
        laid("", "tập trung", "Hóa"),
    ]) + "\n"
    rows = [(t.number, t.section, [(a.name, a.role.value) for a in t.assignees], t.deadline)
            for t in round4._doc("2. Các nhiệm vụ cụ thể tại Phụ lục.\n\nUBND tỉnh thông báo để các cơ quan biết, thực "
                                 "hiện./.\n\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nTrần Đức Thịnh\n\nPHỤ LỤC\n\n"
                                 + table).facts.tasks
            if t.number in ("1", "2")]
    assert rows == [
        ("1", "I", [("UBND xã Sao Vàng", "chủ trì"), ("Trung tâm Phát triển quỹ đất tỉnh", "phối hợp")], "2025-12-31"),
        ("2", "II", [("Công ty Điện lực Thanh Hóa", "chủ trì"), ("Sở Xây dựng", "phối hợp")], "2026-06"),
    ]


def test_a_copy_without_blank_lines_between_paragraphs() -> None:
    """A copy whose paragraphs are one line each, none blank between: a numbered title ("1/ Đánh giá chung", "5. Về
    kết quả kiểm tra ...") and the text under it are apart; an assessment's title is no task; under a topic with no
    colon, each paragraph whose subject is told what to do is a task numbered as the topic; the follow-up after the
    last item, its body first ("Văn phòng Tỉnh ủy theo dõi, đôn đốc ... Thông báo này."), is a task of its own; a
    signature above the "Nơi nhận" list is read."""
    body = ("1/ Đánh giá chung\n"
            "Tháng 11/2025, các chi bộ, cơ quan, đơn vị đã bám sát Chương trình công tác của Ban Chấp hành Đảng bộ xã, "
            "đạt một số kết quả nổi bật; Trung tâm Phục vụ hành chính công xã tiếp nhận 1.142 hồ sơ.\n\n"
            "2/ Về kết quả kiểm tra tình hình ô nhiễm môi trường tại khu vực nuôi trồng thủy sản đầm Nại\n"
            "Qua xem xét Báo cáo số 57-BC/BNCTU ngày 10/11/2025 của Ban Nội chính Tỉnh ủy, Thường trực Tỉnh ủy nhận "
            "thấy tình trạng xả thải chưa qua xử lý kéo dài, gây bức xúc trong Nhân dân.\n"
            "Đảng ủy UBND tỉnh lãnh đạo UBND tỉnh chỉ đạo Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Công an "
            "tỉnh kiểm tra, xử lý dứt điểm các cơ sở vi phạm, hoàn thành trong tháng 3/2026.\n"
            "Giao Ban Nội chính Tỉnh ủy theo dõi, giám sát việc thực hiện nội dung này.\n\n"
            "Văn phòng Tỉnh ủy theo dõi, đôn đốc các cơ quan, đơn vị thực hiện các nội dung tại Thông báo này.\n\n"
            "Thường trực Tỉnh ủy thông báo để các cơ quan, đơn vị biết, thực hiện.\n\n"
            "T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n(Đã ký)\nLý Thị Duyên\n\n"
            "Nơi nhận:\n- Ban Thường vụ Tỉnh ủy (b/c),\n- Lưu Văn phòng Đảng ủy.\n")
    facts = round4._doc(body).facts
    assert [(t.number, [a.name for a in t.assignees][:2]) for t in facts.tasks] == [
        ("2", ["Đảng ủy UBND tỉnh", "UBND tỉnh"]), ("2", ["Ban Nội chính Tỉnh ủy"]), ("", ["Văn phòng Tỉnh ủy"])]
    assert facts.tasks[0].deadline == "2026-03"
    assert (facts.signer.name, facts.signer.capacity) == ("Lý Thị Duyên", "T/L Ban Thường vụ")
    assert facts.recipients == ["Ban Thường vụ Tỉnh ủy (b/c)", "Lưu Văn phòng Đảng ủy"]


def test_a_communes_force_and_its_cells_secretaries() -> None:
    """"lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở" (the 2024 law's force) is one body, over its comma;
    "Đối với Bí thư chi bộ, Trưởng thôn các thôn:" over points names who does them."""
    body = ("1/ Về quốc phòng, an ninh:\n- Công an xã chủ trì, phối hợp với Ban Chỉ huy quân sự xã và lực lượng tham "
            "gia bảo vệ an ninh, trật tự ở cơ sở tăng cường tuần tra, kiểm soát.\n\n"
            "2/ Đối với Bí thư chi bộ, Trưởng thôn các thôn:\n- Chủ trì tổ chức họp thôn phổ biến kết quả hội nghị.\n"
            "- Vận động Nhân dân không đốt thực bì trong mùa hanh khô.\n")
    assert _tasks(body) == [
        ("1", [("Công an xã", "chủ trì"), ("Ban Chỉ huy quân sự xã", "phối hợp"),
               ("lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở", "phối hợp")], None),
        ("2", [("Bí thư chi bộ", "thực hiện"), ("Trưởng thôn các thôn", "thực hiện")], None),
    ]


def test_a_layout_copys_indented_paragraphs() -> None:
    """``pdftotext -layout`` indents a paragraph's first line and no blank line comes between: an indented line that
    opens with a capital after a sentence's end, or under a numbered title, starts a paragraph."""
    text = ("1. Đánh giá chung\n       Thời gian qua, các sở, ngành đã tích cực triển khai công tác bồi thường; đến\n"
            "nay đã bàn giao 412 ha.\n       Tuy nhiên, tiến độ tại một số khu còn chậm.\n")
    blocks = [b for b in parse_blocks(text) if b.kind in (BlockKind.ITEM, BlockKind.PARAGRAPH)]
    assert [b.text.split()[0] for b in blocks] == ["Đánh", "Thời", "Tuy"]


def test_who_is_asked_directs_another_then_works_with_partners() -> None:
    """"Giao X yêu cầu Y khơi thông ...; phối hợp với A và B kiểm đếm ...": X, told to act first, leads and the partners
    of the later clause support it (Y, the contractor X directs, acts); a name ends before "huy động", "khơi thông"."""
    body = ("4. Về ngập úng tại thôn Bài: Giao Ban Quản lý dự án đầu tư xây dựng huyện yêu cầu đơn vị thi công khơi "
            "thông mương tiêu, hoàn trả mặt đường; phối hợp với UBND xã Ngọc Thiện và Phòng Nông nghiệp và Môi trường "
            "kiểm đếm thiệt hại.\n\n"
            "5. Phòng Kinh tế huy động nhân lực, phương tiện tại chỗ khơi thông các điểm sạt lở ngay trong ngày.\n")
    assert _tasks(body) == [
        ("4", [("Ban Quản lý dự án đầu tư xây dựng huyện", "chủ trì"), ("đơn vị thi công", "thực hiện"),
               ("UBND xã Ngọc Thiện", "phối hợp"), ("Phòng Nông nghiệp và Môi trường", "phối hợp")], None),
        ("5", [("Phòng Kinh tế", "thực hiện")], "2025-01-13"),  # "ngay trong ngày": the notice's day
    ]
