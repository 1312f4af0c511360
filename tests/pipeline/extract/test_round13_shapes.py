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
