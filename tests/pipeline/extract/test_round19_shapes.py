"""Shapes the nineteenth round (tests/fixtures/round19, holdout19) found read wrongly, each as a small text of its own:
a notice that amends an earlier one, voters' petitions and their answers, one table column for every role with the
bodies abbreviated, and a government portal's page copied whole around the notice."""

from __future__ import annotations

from build_scripts.model import BlockKind
from build_scripts.pipeline.extract.dates import parse_deadline_cell
from build_scripts.pipeline.extract.organisations import split_assignees
from build_scripts.pipeline.extract.references import find_citations
from build_scripts.pipeline.parse import parse_blocks

from . import test_round4_shapes as round4

AMENDING = """UBND TỈNH QUẢNG TRỊ
VĂN PHÒNG
Số: 318/TB-VP
Quảng Trị, ngày 14 tháng 11 năm 2025

THÔNG BÁO
Về việc điều chỉnh, bổ sung một số nội dung tại Thông báo kết luận số 214/TB-UBND ngày 16/9/2025 của UBND tỉnh

Ngày 16/9/2025, UBND tỉnh ban hành Thông báo kết luận số 214/TB-UBND về kết luận của Chủ tịch UBND tỉnh tại cuộc họp \
ngày 11/9/2025 về giải ngân vốn đầu tư công (sau đây gọi tắt là Thông báo số 214). Chủ tịch UBND tỉnh đồng ý điều \
chỉnh, bổ sung Thông báo số 214 như sau:

"""


def test_an_amending_notice_gives_the_wording_it_puts_in_force_and_the_deadlines_it_moves() -> None:
    """The old wording, a repeal, a renaming, a correction and "the rest stays in force" are no tasks; the new wording
    is (numbered by this notice's point, citing the notice it amends), and so is a moved deadline, due at its new
    time with the bodies of the work it names. The amended notice's meeting is not this notice's."""
    body = ("1. Sửa đổi điểm b khoản 2 Mục II Thông báo số 214/TB-UBND\n\n"
            "Nội dung đã ban hành:\n\n"
            "\"b) Giao Ban Quản lý dự án giao thông tỉnh chủ trì hoàn thiện hồ sơ, trình trước ngày 31/10/2025.\"\n\n"
            "Nay sửa đổi như sau:\n\n"
            "\"b) Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính hoàn thiện hồ sơ điều chỉnh dự án, trình UBND "
            "tỉnh trước ngày 31/12/2025.\"\n\n"
            "Lý do: nhiệm vụ thuộc chức năng của Sở Xây dựng.\n\n"
            "2. Bãi bỏ nội dung tại điểm c khoản 1 Mục III Thông báo số 214 (giao Sở Tài chính tham mưu điều chuyển "
            "vốn, hoàn thành trước ngày 30/10/2025).\n\n"
            "3. Điều chỉnh thời hạn hoàn thành nhiệm vụ tại điểm a khoản 2 Mục II Thông báo số 214 (\"Sở Nông nghiệp "
            "và Môi trường chủ trì, phối hợp với UBND phường Đồng Hới xác định giá đất cụ thể\") từ ngày 30/11/2025 "
            "thành ngày 31/01/2026.\n\n"
            "4. Thay cụm từ \"Ban Quản lý dự án giao thông tỉnh\" tại điểm a khoản 4 Mục II bằng cụm từ \"Ban Quản lý "
            "dự án đầu tư xây dựng tỉnh\".\n\n"
            "5. Đính chính ngày họp: đã ghi \"ngày 11/8/2025\", nay đính chính là \"ngày 11/9/2025\".\n\n"
            "6. Các nội dung khác tại Thông báo số 214/TB-UBND giữ nguyên giá trị thực hiện.\n\n"
            "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.\n")
    doc = round4._doc(body, AMENDING)
    tasks = doc.facts.tasks
    assert [t.number for t in tasks] == ["1", "3"]
    assert [(a.name, a.role.value) for a in tasks[0].assignees] == [("Sở Xây dựng", "chủ trì"),
                                                                     ("Sở Tài chính", "phối hợp")]
    assert tasks[0].deadline == "2025-12-31" and "Lý do" not in tasks[0].text and "31/10" not in tasks[0].text
    assert "214/TB-UBND" in tasks[0].references
    assert [(a.name, a.role.value) for a in tasks[1].assignees] == [("Sở Nông nghiệp và Môi trường", "chủ trì"),
                                                                     ("UBND phường Đồng Hới", "phối hợp")]
    assert tasks[1].deadline == "2026-01-31"
    assert doc.facts.meeting_date is None


PETITIONS = """ỦY BAN NHÂN DÂN
TỈNH HƯNG YÊN
Số: 612/TB-UBND
Hưng Yên, ngày 24 tháng 11 năm 2025

THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giải quyết kiến nghị của cử tri

Ngày 20/11/2025, Chủ tịch UBND tỉnh chủ trì cuộc họp giải quyết kiến nghị của cử tri, kết luận như sau:

"""


def test_a_petition_is_answered_and_only_its_answer_asks() -> None:
    """What the voters ask of a body ("đề nghị UBND tỉnh sớm bố trí kinh phí") is their request, not the conclusion's;
    a petition whose answer asks no body to act (already settled, acknowledged, for the government to decide) is no
    task; the answer's own colon or its label ("Kết luận:") says where it starts."""
    body = ("1. Cử tri xã Thái Thụy kiến nghị: đê biển bị sạt lở; đề nghị UBND tỉnh sớm bố trí kinh phí sửa chữa trước "
            "mùa mưa bão năm 2026.\n\n"
            "*Kết luận:* Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp với UBND xã Thái Thụy kiểm tra hiện "
            "trạng, trả lời cử tri trước ngày 15/12/2025.\n\n"
            "2. Cử tri xã Văn Giang kiến nghị: sớm cấp giấy chứng nhận quyền sử dụng đất.\n\n"
            "*Kết luận:* Đến nay, UBND xã Văn Giang đã hoàn thành việc cấp giấy chứng nhận cho 52/52 hộ.\n\n"
            "3. Cử tri các xã Chiêm Hóa, Hàm Yên kiến nghị nâng mức phụ cấp: Nội dung kiến nghị thuộc thẩm quyền "
            "của Chính phủ. Đề nghị cử tri tiếp tục theo dõi.\n\n"
            "4. Cử tri xã Mèo Vạc kiến nghị sửa chữa đường tỉnh ĐT.176: Giao Sở Xây dựng kiểm tra, xử lý các điểm "
            "sạt lở; trả lời cử tri bằng văn bản trước ngày 20/12/2025.\n")
    tasks = round4._tasks(body, PETITIONS)
    assert tasks == [
        ("1", [("Sở Nông nghiệp và Môi trường", "chủ trì"), ("UBND xã Thái Thụy", "phối hợp")], "2025-12-15"),
        ("4", [("Sở Xây dựng", "thực hiện")], "2025-12-20"),
    ]


TABLE = ("Phó Chủ tịch UBND huyện giao các cơ quan thực hiện các nhiệm vụ sau:\n\n"
         "| STT | Nội dung nhiệm vụ | Đơn vị thực hiện | Thời gian hoàn thành |\n"
         "|---|---|---|---|\n"
         "| 1 | Xây dựng kế hoạch tổ chức sự kiện | Sở VHTT&DL (chủ trì); Sở TC, CA tỉnh | Trước 20/12/2025 |\n"
         "| 2 | Bảo đảm an ninh, trật tự | Chủ trì: CA tỉnh;<br>Phối hợp: BCHQS tỉnh, Sở XD | Trước 25/12/2025 |\n"
         "| 3 | Thu gom rác thải tại các điểm du lịch | Sở NN&MT; UBND phường Sa Pa, UBND xã Bắc Hà (phối hợp) "
         "| Tháng 12/2025 |\n"
         "| 4 | Ra quân tổng vệ sinh môi trường | UBND các xã ven biển (chủ trì); Sở NN&MT (hướng dẫn, kiểm tra) "
         "| Tháng 01/2026 |\n"
         "| 5 | Quảng bá các sự kiện | Báo và PT, TH tỉnh chủ trì; Sở VHTT&DL, Cổng TTĐT tỉnh phối hợp | "
         "Thường xuyên |\n"
         "| 6 | Giáo dục di sản cho học sinh | Sở GD&ĐT; Tỉnh Đoàn | Học kỳ II năm học 2025 - 2026 |\n"
         "| 7 | Phân luồng giao thông | Sở XD, CA tỉnh (đồng chủ trì); UBND phường Sa Pa | Tháng 12/2025 |\n\n")


def test_one_column_for_every_role() -> None:
    """A cell of "Đơn vị thực hiện" that marks only the lead makes the others partners; one that marks only the
    partners makes the others lead; "(đồng chủ trì)" makes the bodies before it co-leads; labelled roles ("Chủ trì:
    ...; Phối hợp: ...") are read; what a body does, in brackets, is no part of its name; a portal and an abbreviated
    company are bodies of their own in a list."""
    tasks = round4._tasks(TABLE)
    roles = {number: assignees for number, assignees, _ in tasks}
    assert roles["1"] == [("Sở VHTT&DL", "chủ trì"), ("Sở TC", "phối hợp"), ("CA tỉnh", "phối hợp")]
    assert roles["2"] == [("CA tỉnh", "chủ trì"), ("BCHQS tỉnh", "phối hợp"), ("Sở XD", "phối hợp")]
    assert roles["3"] == [("Sở NN&MT", "chủ trì"), ("UBND phường Sa Pa", "phối hợp"), ("UBND xã Bắc Hà", "phối hợp")]
    assert roles["4"] == [("UBND các xã ven biển", "chủ trì"), ("Sở NN&MT", "phối hợp")]
    assert roles["5"] == [("Báo và PT, TH tỉnh", "chủ trì"), ("Sở VHTT&DL", "phối hợp"), ("Cổng TTĐT tỉnh", "phối hợp")]
    assert roles["6"] == [("Sở GD&ĐT", "thực hiện"), ("Tỉnh Đoàn", "thực hiện")]  # no role written: none given
    assert roles["7"] == [("Sở XD", "chủ trì"), ("CA tỉnh", "chủ trì"), ("UBND phường Sa Pa", "phối hợp")]
    assert parse_deadline_cell("Học kỳ II năm học 2025 - 2026", "2025-12-11").iso == "2026"


def test_a_trade_association_is_asked_like_any_body() -> None:
    """"Đề nghị Hiệp hội Du lịch tỉnh vận động ..." under the tasks' heading: the association's task."""
    body = "III. TỔ CHỨC THỰC HIỆN\n\nĐề nghị Hiệp hội Du lịch tỉnh vận động các doanh nghiệp hội viên không tăng " \
           "giá dịch vụ; hoàn thành trước ngày 10/12/2025.\n"
    assert round4._tasks(body) == [("", [("Hiệp hội Du lịch tỉnh", "thực hiện")], "2025-12-10")]


PORTAL = """CỔNG THÔNG TIN ĐIỆN TỬ TỈNH HÀ TĨNH
Trang chủ | Tin tức | Chỉ đạo điều hành

Trang chủ > Chỉ đạo điều hành > Thông báo kết luận

Kết luận của Chủ tịch UBND tỉnh về giải phóng mặt bằng Dự án đường sắt tốc độ cao

Thứ Ba, 25/11/2025 - 15:40 | Lượt xem: 1.234

(HTĐT) - Chủ tịch UBND tỉnh yêu cầu các xã hoàn thành bàn giao mặt bằng trong tháng 12. Ngày 24/11, UBND tỉnh ban \
hành Thông báo số 245/TB-UBND. Cổng Thông tin điện tử tỉnh trân trọng giới thiệu toàn văn Thông báo.

ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
Số: 245/TB-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Tĩnh, ngày 24 tháng 11 năm 2025
THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về giải phóng mặt bằng Dự án đường sắt
tốc độ cao đoạn qua tỉnh Hà Tĩnh
Chiều ngày 21/11/2025, tại Trụ sở UBND tỉnh, đồng chí Lê Hữu Phong - Chủ tịch UBND tỉnh
chủ trì cuộc họp. Chủ tịch UBND tỉnh kết luận như sau:
1. Giao Sở Xây dựng khởi công các khu tái định cư trong tháng 12/2025.
2. Giao Văn phòng UBND tỉnh theo dõi, đôn đốc thực hiện.
UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.
Nơi nhận:
- Các sở: XD, TC;
- Lưu: VT, XD1.
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Hồ Sỹ Tùng

Tệp đính kèm: TB 245-TB-UBND.pdf (312 KB)

Chia sẻ: Facebook | Zalo

Văn bản liên quan
- Kết luận số 112-KL/TU ngày 30/10/2025 của Ban Thường vụ Tỉnh ủy về các dự án trọng điểm

Tin cùng chuyên mục
- Giao Sở Công Thương kiểm tra thị trường hàng hóa dịp cuối năm (03/11/2025)

Bản quyền thuộc Cổng Thông tin điện tử tỉnh Hà Tĩnh.
"""


def test_a_portal_pages_copy_reads_the_notice_inside_it() -> None:
    """The portal's own lines above the notice's header (its name, menu, headline, date, a lead that retells the
    notice) and after its end (the attachment, "Chia sẻ", related documents and news, the footer) are the page's:
    shown as furniture, not read; the notice's number, dates, signer and tasks are read from its own text, even when
    a PDF's copy of it has no blank line between its header, title and intro."""
    doc = round4._doc("", PORTAL)
    facts = doc.facts
    assert (facts.number, facts.type, facts.issued_date, facts.meeting_date) == (
        "245/TB-UBND", "Thông báo kết luận", "2025-11-24", "2025-11-21")
    assert facts.signer is not None and facts.signer.name == "Hồ Sỹ Tùng"
    assert [t.number for t in facts.tasks] == ["1", "2"]
    assert "112-KL/TU" not in {r.symbol for r in facts.references}
    blocks = parse_blocks(PORTAL)
    furniture = " ".join(b.text for b in blocks if b.kind == BlockKind.PAGE)
    assert "Lượt xem" in furniture and "trân trọng giới thiệu" in furniture and "Bản quyền" in furniture
    assert "Tin cùng chuyên mục" in furniture and "Khởi công" not in furniture


def test_an_issuing_told_before_its_symbol_dates_the_document() -> None:
    """"Ngày 08/10/2025, UBND tỉnh đã ban hành Quyết định số 2389/QĐ-UBND ...": that decision's date."""
    cited = find_citations("đồng thời, ngày 08/10/2025, UBND tỉnh đã ban hành Quyết định số 2389/QĐ-UBND hợp nhất "
                           "các Ban Quản lý dự án.")
    assert [(c.symbol, c.date) for c in cited] == [("2389/QĐ-UBND", "2025-10-08")]


def test_a_communes_name_that_begins_like_a_schools() -> None:
    """"Trường Phú" in a list of communes is a commune ("Trường" begins a school's name elsewhere): "UBND các xã: Lệ
    Thủy, Trường Phú" names each commune's committee, and the list written without its colon stays one group."""
    assert split_assignees("UBND các xã: Lệ Thủy, Trường Phú, Hải Lăng") == [
        "UBND xã Lệ Thủy", "UBND xã Trường Phú", "UBND xã Hải Lăng"]
    assert split_assignees("UBND các xã Lệ Thủy, Trường Phú, Hải Lăng") == ["UBND các xã Lệ Thủy, Trường Phú, Hải Lăng"]
    assert split_assignees("Sở Y tế, Trường Cao đẳng Y tế tỉnh") == ["Sở Y tế", "Trường Cao đẳng Y tế tỉnh"]
