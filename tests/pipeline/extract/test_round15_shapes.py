"""Shapes the fifteenth round (tests/fixtures/round15, holdout15) found read wrongly, each as a small text of its own:
investors named once then "Nhà đầu tư", bodies written after the work (in brackets, "do X chủ trì"), several dates
and briefings of a month held after it, a standing committee's decisions on cadres, the party bodies of 2025, a Word
export's escaped marks and a page's header that names the document once."""

from __future__ import annotations

from build_scripts.pipeline.extract.dates import find_deadlines
from build_scripts.pipeline.parse import parse_blocks

from . import test_round4_shapes as round4
from .test_round13_shapes import _tasks

PARTY = """TỈNH ỦY NGHỆ AN
*
Số 731-TB/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Nghệ An, ngày 20 tháng 11 năm 2025

THÔNG BÁO KẾT LUẬN
của Ban Thường vụ Tỉnh ủy về công tác cán bộ

Ngày 18/11/2025, Ban Thường vụ Tỉnh ủy họp xem xét công tác cán bộ. Ban Thường vụ Tỉnh ủy kết luận như sau:

"""


def test_bodies_written_after_the_work() -> None:
    """The work first, then who does it: a bracket with the roles and the time ("(Sở X chủ trì; Sở Y, UBND các xã
    phối hợp; hoàn thành ...)"), "... do Công an tỉnh chủ trì, phối hợp với ... thực hiện", a bracket of bodies each
    told what to do; the list's addressees add nothing to an item that names its own, after the work it names
    first ("Việc ... giao Văn phòng UBND tỉnh thực hiện"). A relative "do" clause
    ("phương án do Sở Nội vụ thẩm định") names what another did: no assignee."""
    body = ("Chủ tịch UBND tỉnh yêu cầu các sở, ngành, địa phương thực hiện các nhiệm vụ sau:\n\n"
            "1. Hoàn thiện phương án bố trí trụ sở làm việc cho các xã mới (Sở Xây dựng chủ trì; Sở Tài chính, UBND "
            "các xã phối hợp; hoàn thành trước ngày 20/6/2025).\n\n"
            "2. Công tác bảo đảm an ninh trong quá trình sắp xếp; khắc, cấp con dấu cho các xã mới do Công an tỉnh "
            "chủ trì, phối hợp với Bộ Chỉ huy Quân sự tỉnh thực hiện; hoàn thành trước ngày 25/6/2025.\n\n"
            "3. Kinh phí sửa chữa trụ sở bố trí từ dự toán năm 2026 (Sở Tài chính tham mưu; UBND các xã lập dự toán, "
            "gửi Sở Tài chính trước ngày 10/12/2025).\n\n"
            "4. Sở Y tế: sắp xếp mạng lưới trạm y tế theo phương án do Sở Nội vụ thẩm định.\n\n"
            "5. Sở Văn hóa, Thể thao và Du lịch: đề xuất phương án sử dụng trụ sở cũ làm nhà văn hóa (UBND các xã "
            "phối hợp; hoàn thành trong quý II/2026).\n\n"
            "6. Việc theo dõi, đôn đốc thực hiện Thông báo này giao Văn phòng UBND tỉnh thực hiện.\n")
    tasks = _tasks(body)
    assert tasks[0] == ("1", [("Sở Xây dựng", "chủ trì"), ("Sở Tài chính", "phối hợp"), ("UBND các xã", "phối hợp")],
                        "2025-06-20")
    assert tasks[1] == ("2", [("Công an tỉnh", "chủ trì"), ("Bộ Chỉ huy Quân sự tỉnh", "phối hợp")], "2025-06-25")
    assert tasks[2] == ("3", [("Sở Tài chính", "thực hiện"), ("UBND các xã", "thực hiện")], "2025-12-10")
    assert tasks[3][1] == [("Sở Y tế", "thực hiện")]
    assert tasks[4][1] == [("Sở Văn hóa, Thể thao và Du lịch", "chủ trì"), ("UBND các xã", "phối hợp")]
    assert tasks[5][1] == [("Văn phòng UBND tỉnh", "thực hiện")]  # the work named first, then its body: not the list's


def test_investors_named_once_then_by_their_role() -> None:
    """A project's heading over its status (what the company promised, no task) and lettered points; "Nhà đầu tư
    nộp ..." gives the investor work, "Tổng công ty cam kết ..." only records a promise, the telecom branch "Viễn
    thông <tỉnh>" is a body; "Ghi nhận ..." records, "Yêu cầu các nhà đầu tư ..." asks them."""
    body = ("1. Dự án Khu công nghiệp Tân Phước (xã Tân Phước)\n\n"
            "Dự án do Công ty cổ phần Hạ tầng Tân Phước làm nhà đầu tư. Công ty cam kết hoàn thành bồi thường trước "
            "ngày 15/01/2026.\n\n"
            "a) Nhà đầu tư nộp đủ kinh phí bồi thường vào tài khoản của UBND xã Tân Phước trước ngày 15/01/2026.\n\n"
            "b) Ghi nhận cam kết của Công ty về tiến độ hạ tầng giai đoạn 1 trong quý III/2026.\n\n"
            "2. Dự án Nhà ở xã hội Phước Hòa\n\n"
            "- Tổng công ty cam kết bàn giao 300 căn hộ trong quý IV/2026.\n"
            "- Sở Khoa học và Công nghệ chủ trì, phối hợp với Viễn thông Vĩnh Phúc, Viettel Vĩnh Phúc bảo đảm hạ tầng "
            "viễn thông cho khu nhà ở, hoàn thành trong tháng 3/2026.\n\n"
            "3. Yêu cầu các nhà đầu tư nghiêm túc thực hiện các nội dung tại Thông báo này.\n")
    tasks = _tasks(body)
    assert [t[0] for t in tasks] == ["1.a", "2", "3"]
    assert tasks[0][1] == [("Nhà đầu tư", "thực hiện")] and tasks[0][2] == "2026-01-15"
    assert tasks[1][1] == [("Sở Khoa học và Công nghệ", "chủ trì"), ("Viễn thông Vĩnh Phúc", "phối hợp"),
                           ("Viettel Vĩnh Phúc", "phối hợp")]
    assert tasks[2][1] == [("các nhà đầu tư", "thực hiện")]


def test_a_standing_committees_decisions_on_cadres_are_no_tasks() -> None:
    """"Chuẩn y ...", "Không xem xét ...", "Phân công đồng chí ...", "Thi hành kỷ luật ...", "Thống nhất đề nghị
    Ban Thường vụ Tỉnh ủy xem xét ..." (a proposal upward) are decisions; the assignments beside them are tasks, with
    the body "quyết định" ends ("Giao Ban Thường vụ Đảng ủy UBND tỉnh quyết định thành lập ..."); the issuer that
    "cơ bản thống nhất" is no assignee; "Đối với đồng chí X ...; yêu cầu đồng chí ... kiểm điểm" asks that person."""
    body = ("**1.** Thống nhất chủ trương thành lập Đảng bộ Trung tâm Phục vụ hành chính công tỉnh. Giao Ban Thường vụ "
            "Đảng ủy UBND tỉnh quyết định thành lập, hoàn thành trước ngày 10/12/2025.\n\n"
            "**2.** **Chuẩn y** đồng chí Lò Văn Hải giữ chức Phó Bí thư Đảng ủy xã Na Ngoi.\n\n"
            "**3.** **Không xem xét** đề nghị của Đảng ủy xã Mường Xén về việc bổ sung biên chế.\n\n"
            "**4.** Phân công đồng chí Nguyễn Văn Bình, Trưởng Ban Tổ chức Tỉnh ủy, theo dõi Đảng bộ phường Vinh "
            "Phú.\n\n"
            "**5.** Cho ý kiến vào dự thảo Quy định phân cấp quản lý cán bộ. Ban Thường vụ Tỉnh ủy cơ bản thống nhất "
            "với dự thảo. Giao Ban Tổ chức Tỉnh ủy hoàn chỉnh, trình ban hành trước ngày 05/12/2025.\n\n"
            "**6.** Về quy hoạch cán bộ\n\n"
            "\\- Thống nhất đề nghị Ban Bí thư xem xét, phê duyệt quy hoạch Ban Chấp hành Đảng bộ tỉnh.\n\n"
            "\\- Giao Ban Tổ chức Tỉnh ủy báo cáo Ban Tổ chức Trung ương thẩm định trước ngày 30/11/2025.\n\n"
            "**7.** Về kết quả kiểm tra và thi hành kỷ luật đảng\n\n"
            "\\+ Thi hành kỷ luật bằng hình thức cảnh cáo đối với đồng chí Lê Văn Tư.\n\n"
            "\\+ Đối với đồng chí Hồ Thị Lan, Chủ tịch UBND xã Yên Hòa: chưa đến mức phải xử lý kỷ luật; yêu cầu đồng "
            "chí nghiêm túc kiểm điểm trước Ban Thường vụ Đảng ủy xã.\n")
    tasks = _tasks(body, PARTY)
    assert [t[0] for t in tasks] == ["1", "5", "6", "7"]
    assert tasks[0][1] == [("Ban Thường vụ Đảng ủy UBND tỉnh", "thực hiện")]
    assert tasks[1][1] == [("Ban Tổ chức Tỉnh ủy", "thực hiện")]
    assert tasks[2][1] == [("Ban Tổ chức Tỉnh ủy", "thực hiện")] and tasks[2][2] == "2025-11-30"
    assert tasks[3][1] == [("đồng chí Hồ Thị Lan", "thực hiện")]
    # the escaped marks of a Word export are a list's marks, not text
    kinds = [b.kind.name for b in parse_blocks(PARTY + body) if b.text.startswith(("Thống nhất đề", "Thi hành"))]
    assert kinds == ["BULLET", "BULLET"]


def test_the_party_bodies_of_2025_and_a_city_of_a_provinces_rank() -> None:
    """"Đảng ủy Ủy ban MTTQ và các đoàn thể tỉnh" is one body; a centrally-run city's committee ("THÀNH ỦY CẦN
    THƠ") is of its own province, not of the provinces its text says it merged with; a quarter's year in the title
    ("nhiệm vụ trọng tâm đến hết quý I năm 2026") is no period."""
    head = ("THÀNH ỦY CẦN THƠ\n*\nSố 60-KL/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nCần Thơ, ngày 15 tháng 12 năm 2025\n\nKẾT LUẬN\n"
            "của Ban Thường vụ Thành ủy về vận hành chính quyền hai cấp và nhiệm vụ trọng tâm đến hết quý I năm "
            "2026\n\nNgày 12/12/2025, Ban Thường vụ Thành ủy họp. Sau hợp nhất với tỉnh Sóc Trăng và tỉnh Hậu Giang, "
            "các xã, phường của thành phố vận hành ổn định. Ban Thường vụ Thành ủy kết luận như sau:\n\n")
    body = ("1. Giao Ban Tổ chức Thành ủy chủ trì, phối hợp với Đảng ủy HĐND thành phố, Đảng ủy Ủy ban MTTQ và các "
            "đoàn thể thành phố rà soát đội ngũ cán bộ, hoàn thành trong tháng 01/2026.\n\n"
            "2. Về đề nghị của Đảng ủy phường Ngã Bảy về thành lập thêm đảng bộ bộ phận: Ban Thường vụ Thành ủy chưa "
            "xem xét nội dung này.\n")
    doc = round4._doc(body, head)
    assert (doc.facts.locality, doc.facts.province, doc.facts.period) == ("Cần Thơ", "Cần Thơ", None)
    assert [(t.number, [(a.name, a.role.value) for a in t.assignees]) for t in doc.facts.tasks] == [
        ("1", [("Ban Tổ chức Thành ủy", "chủ trì"), ("Đảng ủy HĐND thành phố", "phối hợp"),
               ("Đảng ủy Ủy ban MTTQ và các đoàn thể thành phố", "phối hợp")])]


BRIEFING = """UBND TỈNH LÂM ĐỒNG
Số: 2501/TB-UBND
Lâm Đồng, ngày 10 tháng 12 năm 2025

THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại Hội nghị giao ban với UBND các xã, phường tháng 11 năm 2025

Ngày 08/12/2025, Chủ tịch UBND tỉnh chủ trì Hội nghị giao ban. Sau khi nghe báo cáo tình hình kinh tế - xã hội tháng \
11 và 11 tháng năm 2025, Chủ tịch UBND tỉnh kết luận như sau:

"""


def test_a_months_briefing_held_after_it() -> None:
    """The briefing "tháng 11" held in December reviews November; the next month's briefing is then held after its
    month, so a report due at it is undated; so is one due at a briefing that reviews a month ("giao ban đánh giá
    kết quả thực hiện nhiệm vụ tháng 12/2025"). Of an item's dates the first written is its deadline, whatever words
    come before it."""
    body = ("1. Sở Tài chính hoàn thành tổng kết trong tháng 12/2025, báo cáo UBND tỉnh trước ngày 05/01/2026.\n\n"
            "2. Giao Văn phòng UBND tỉnh theo dõi, báo cáo Chủ tịch UBND tỉnh tại Hội nghị giao ban tháng 12 năm "
            "2025.\n")
    doc = round4._doc(body, BRIEFING)
    assert doc.facts.period == "tháng 11/2025"
    assert [t.deadline for t in doc.facts.tasks] == ["2025-12", None]
    held_in_its_month = BRIEFING.replace("Ngày 08/12/2025", "Ngày 05/11/2025").replace("10 tháng 12", "06 tháng 11")
    assert [t.deadline for t in round4._doc(body, held_in_its_month).facts.tasks] == ["2025-12", "2025-12"]
    reviewing = "Văn phòng Sở báo cáo tại hội nghị giao ban đánh giá kết quả thực hiện nhiệm vụ tháng 12/2025."
    assert find_deadlines(reviewing, "2025-11-05") == []
    assert [d.iso for d in find_deadlines("báo cáo tại cuộc họp giao ban tháng 12/2025.", "2025-11-05")] == ["2025-12"]


def test_a_pages_header_that_names_the_document_once() -> None:
    """A two-page copy's page 2 opens with its number and a header naming the document ("Thông báo số 2145/TB-SNNMT
    ngày ..."): both are the page's, not the item's text, though the header is written once; a signature column left
    empty beside the recipients (tabs with nothing after them) is no table."""
    lines = ["UBND TỈNH NGHỆ AN", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "", "Số: 2145/TB-SNNMT", "",
             "THÔNG BÁO", "Kết luận của Giám đốc Sở", "", "Ngày 03/12/2025, Giám đốc Sở chủ trì hội nghị giao ban.",
             "Giám đốc Sở kết luận như sau:"]
    lines += [f"{n}. Chi cục số {n} rà soát hồ sơ thuộc lĩnh vực được giao, hoàn thành trước ngày 20/12/2025." for n in
              range(1, 12)]
    lines += ["12. Phòng Kế hoạch - Tài chính chủ trì, phối hợp với các đơn vị được giao làm chủ",
              "đầu tư rà soát, đề xuất điều chuyển vốn từ các dự án chậm giải ngân",
              "\f" + " " * 39 + "2",
              "Thông báo số 2145/TB-SNNMT ngày 05/12/2025 của Sở Nông nghiệp và Môi trường", "",
              "sang các dự án có khối lượng hoàn thành, trước ngày 31/01/2026.", "",
              "Nơi nhận:\t\tTL. GIÁM ĐỐC", "- UBND tỉnh (b/c);\t\tCHÁNH VĂN PHÒNG", "- Các phòng thuộc Sở;\t\t",
              "- Lưu: VT.\t\t", "\t\tVõ Thị Thanh Hà"]
    doc = round4._doc("\n".join(lines) + "\n", "")
    last = doc.facts.tasks[-1]
    assert "2145/TB-SNNMT" not in last.text and "sang các dự án" in last.text
    assert [" ".join(a.name.split()) for a in last.assignees] == ["Phòng Kế hoạch - Tài chính",
                                                                  "các đơn vị được giao làm chủ đầu tư"]
    assert doc.facts.recipients == ["UBND tỉnh (b/c)", "Các phòng thuộc Sở", "Lưu: VT"]
