"""Shapes the eighth round of independent texts (tests/fixtures/round8) found read wrongly, each as a small text of
its own: a Word export that lost its numbering ("Đối với Sở X:" over "- " points, "Về ...:" topics), "[1]"
footnotes, a PDF's centred page numbers, a hard wrap that puts "III/2024." or "trì," at a line's start, a list of
communes heading an item, the issuer's own decisions, "Định kỳ ...", "trong đó X chủ trì", a half year without its
year."""

from __future__ import annotations

from build_scripts.model import BlockKind
from build_scripts.pipeline.extract.dates import find_deadlines
from build_scripts.pipeline.parse import parse_blocks

from . import test_round4_shapes as round4

HEAD = """UBND TỈNH BẮC NINH
Số: 415/TB-UBND
Bắc Ninh, ngày 20 tháng 10 năm 2025

THÔNG BÁO
Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về phát triển nhà ở xã hội

Ngày 16/10/2025, đồng chí Nguyễn Văn Hải - Phó Chủ tịch UBND tỉnh chủ trì cuộc họp. Phó Chủ tịch UBND tỉnh kết \
luận như sau:

"""

PARTY = """ĐẢNG BỘ TỈNH GIA LAI
THƯỜNG TRỰC TỈNH ỦY
Số: 88-TB/TU
Gia Lai, ngày 10 tháng 10 năm 2025

THÔNG BÁO
Kết luận của Thường trực Tỉnh ủy về tiến độ giải phóng mặt bằng Dự án đường cao tốc

Ngày 08/10/2025, Thường trực Tỉnh ủy nghe báo cáo tiến độ Dự án. Thường trực Tỉnh ủy kết luận như sau:

"""


def _tasks(body: str, head: str = HEAD):
    return [(t.number, [(a.name, a.role.value) for a in t.assignees], t.deadline) for t in round4._doc(body, head)
            .facts.tasks]


def _texts(body: str, head: str = HEAD) -> list[str]:
    return [t.text for t in round4._doc(body, head).facts.tasks]


def test_a_word_export_without_numbering_gives_each_body_its_points() -> None:
    """Word saved as text drops the automatic numbering: "Đối với Sở X:" stands alone over its "- " points, or has
    its work after the colon. Each such paragraph is X's task; "Phối hợp với Y ..." under it makes X lead."""
    body = ("Phó Chủ tịch UBND tỉnh yêu cầu các cơ quan, đơn vị tập trung thực hiện các nội dung sau:\n\n"
            "Đối với Sở Xây dựng:\n\n"
            "- Rà soát, tham mưu điều chỉnh Kế hoạch phát triển nhà ở giai đoạn 2026 - 2030; trình UBND tỉnh trước "
            "ngày 25/11/2025.\n\n"
            "- Phối hợp với UBND các xã, phường hướng dẫn các chủ đầu tư thực hiện thủ tục đầu tư.\n\n"
            "Đối với Sở Tài chính: Tham mưu bố trí nguồn vốn ủy thác cho vay mua nhà ở xã hội; hoàn thành trong "
            "tháng 12/2025.\n")
    tasks = _tasks(body)
    assert len(tasks) == 2
    assert tasks[0][1] == [("Sở Xây dựng", "chủ trì"), ("UBND các xã, phường", "phối hợp")]
    assert tasks[0][2] == "2025-11-25"
    assert ("các chủ đầu tư", "phối hợp") not in tasks[0][1]  # those Sở Xây dựng guides, not who acts
    assert tasks[1][1:] == ([("Sở Tài chính", "thực hiện")], "2025-12")


def test_a_topic_under_a_list_sentence_keeps_the_list_going() -> None:
    """"Về ...:" is a topic: its points are tasks of the bodies they name, like the points before it."""
    body = ("Phó Chủ tịch UBND tỉnh yêu cầu các cơ quan tập trung thực hiện các nội dung sau:\n\n"
            "Về công tác xét duyệt đối tượng mua nhà ở xã hội:\n\n"
            "- UBND các xã, phường xác nhận điều kiện về nhà ở cho người dân trong 07 ngày làm việc.\n\n"
            "- Công an tỉnh phối hợp với Sở Xây dựng xử lý nghiêm các trường hợp trục lợi chính sách.\n")
    tasks = _tasks(body)
    assert [t[1] for t in tasks] == [[("UBND các xã, phường", "thực hiện")],
                                     [("Công an tỉnh", "chủ trì"), ("Sở Xây dựng", "phối hợp")]]


def test_bracketed_footnotes_of_a_word_file_are_notes_and_their_marks_stay_marks() -> None:
    text = ("Năm 2025, tỉnh được giao chỉ tiêu 2.500 căn[1]. Tiến độ còn chậm; 03 dự án chậm kéo dài[2].\n\n"
            "[1] Quyết định số 444/QĐ-TTg ngày 27/02/2025 của Thủ tướng Chính phủ.\n\n"
            "[2] Gồm: Dự án A (phường Đông Ngàn); Dự án B (phường Từ Sơn).\n")
    blocks = parse_blocks(text)
    notes = [b for b in blocks if b.kind == BlockKind.FOOTNOTE]
    assert [n.text.split()[0:2] for n in notes] == [["Quyết", "định"], ["Gồm:", "Dự"]]
    assert [n.number for n in notes] == ["1", "2"]
    paragraph = next(b for b in blocks if b.kind == BlockKind.PARAGRAPH)
    assert "2.500 căn[1]" in paragraph.text  # the mark stays where it was written


def test_a_pdfs_centred_page_numbers_are_page_furniture_and_the_sentence_goes_on() -> None:
    """pdftotext -layout keeps a page's number centred on its own line. Numbers that count the pages, far apart,
    are furniture; the item they cut through is one item."""
    filler = "".join(f"{i}. Nội dung thứ {i} của báo cáo được Ban Thường vụ thảo luận kỹ.\n" for i in range(1, 40))
    item = ["40. Mặt trận và các đoàn thể chính trị - xã hội huyện đẩy mạnh tuyên truyền, vận động đoàn",
            "viên, hội viên và Nhân dân tham gia phong trào thi đua xóa nhà tạm, nhà dột nát, tổ chức tốt"]
    assert abs(len(item[1]) - len(item[0])) < 5  # the page ends on a full line: the sentence goes on overleaf
    text = (filler + "\n".join(item) + "\n\n" + " " * 42 + "2\n\n"
            "Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư, hoàn thành trong quý IV/2024.\n"
            + "".join(f"{i}. Nội dung thứ {i} của báo cáo.\n" for i in range(41, 80)) + "\n" + " " * 42 + "3\n\n"
            "80. Văn phòng Huyện ủy theo dõi, đôn đốc việc thực hiện Kết luận này.\n")
    blocks = parse_blocks(text)
    item = next(b for b in blocks if b.number == "40")
    assert "tổ chức tốt" in item.text and "Ngày hội Đại đoàn kết" in item.text
    pages = [b.text.strip() for b in blocks if b.kind == BlockKind.PAGE]
    assert pages == ["2", "3"]


def test_a_page_number_at_a_lines_start_inside_a_sentence_is_furniture() -> None:
    """A copy without the layout puts the number at the line's start: between "không để" and "người dân ..." it
    cuts a sentence, so it is a page's number, not an item or a row."""
    body = ("2.5. Ban Thường vụ Đảng ủy các xã:\n- Chỉ đạo UBND xã hoàn thành kiểm đếm chậm nhất ngày 15/11/2025; "
            "không để\n2\nngười dân khiếu kiện đông người, vượt cấp.\n- Bàn giao mặt bằng trước ngày 31/12/2025.\n")
    blocks = parse_blocks(body)
    assert [b.text for b in blocks if b.kind == BlockKind.PAGE] == ["2"]
    assert any("không để người dân khiếu kiện" in " ".join(b.text.split()) for b in blocks)


def test_a_wrapped_quarter_at_a_lines_start_is_no_section() -> None:
    """"... hoàn thành trong quý" / "III/2024. Ủy ban Kiểm tra ...": a hard wrap, not section III."""
    body = ("1. UBND huyện chỉ đạo hoàn thiện hồ sơ nông thôn mới, trình UBND tỉnh thẩm định trong quý\n"
            "III/2024. Ủy ban Kiểm tra Huyện ủy thực hiện tốt chương trình kiểm tra năm 2024.\n")
    blocks = parse_blocks(body)
    assert not [b for b in blocks if b.kind == BlockKind.HEADING]
    assert len([b for b in blocks if b.kind == BlockKind.ITEM]) == 1


def test_a_hard_wrap_inside_a_role_does_not_end_the_clause() -> None:
    """"... Ủy ban MTTQ Việt Nam huyện chủ" / "trì, phối hợp với ...": a line break before a lower-case word goes
    on; "trong đó" before a subject names who leads the part it introduces."""
    body = ("1. Mặt trận và các đoàn thể chính trị - xã hội tỉnh đẩy mạnh tuyên truyền xóa nhà tạm; trong đó Ủy ban "
            "MTTQ Việt Nam tỉnh chủ\ntrì, phối hợp với các tổ chức chính trị - xã hội tỉnh giám sát việc hỗ trợ "
            "xây nhà, hoàn thành trong quý IV/2025.\n")
    (_, assignees, due), = _tasks(body)
    assert ("Ủy ban MTTQ Việt Nam tỉnh", "chủ trì") in assignees
    assert ("các tổ chức chính trị - xã hội tỉnh", "phối hợp") in assignees
    assert due == "2025-12"


def test_a_body_named_after_a_topic_is_told_even_when_it_is_given_the_work() -> None:
    """News prose: "Đối với hệ thống cấp nước, Sở Tài chính được giao ...": the body after the topic acts; "Về ...,
    Bí thư Tỉnh ủy đề nghị X ..." names who asks, who is not an assignee."""
    body = ("1. Đối với hệ thống cấp nước cho các đảo, Sở Tài chính được giao cân đối, tham mưu bố trí nguồn vốn trong "
            "tháng 12/2025.\n\n"
            "2. Về kiến nghị điều chỉnh quy hoạch, Chủ tịch UBND tỉnh đề nghị Sở Xây dựng hoàn thiện hồ sơ trong "
            "quý I/2026.\n")
    tasks = _tasks(body)
    assert tasks[0][1:] == ([("Sở Tài chính", "thực hiện")], "2025-12")
    assert [n for n, _ in tasks[1][1]] == ["Sở Xây dựng"] and tasks[1][2] == "2026-03"


def test_how_often_before_the_verb_still_asks() -> None:
    body = ("1. Đảng ủy UBND tỉnh lãnh đạo UBND tỉnh:\n"
            "a) Định kỳ thứ Năm hằng tuần báo cáo Thường trực Tỉnh ủy tiến độ giải phóng mặt bằng.\n"
            "b) Hằng tháng, tổng hợp khó khăn, vướng mắc, đề xuất hướng xử lý.\n")
    tasks = _tasks(body, PARTY)
    assert [(n, [a for a, _ in names]) for n, names, _ in tasks] == [
        ("1.a", ["Đảng ủy UBND tỉnh"]), ("1.b", ["Đảng ủy UBND tỉnh"])]


def test_a_list_of_communes_and_wards_heads_an_item_with_one_body_each() -> None:
    body = ("2. Ban Thường vụ Đảng ủy các xã, phường: An Khê, An Bình, Đak Pơ: lãnh đạo UBND xã, phường vận động "
            "người dân bàn giao mặt bằng trước ngày 15/11/2025.\n")
    (_, assignees, due), = _tasks(body, PARTY)
    names = [n for n, _ in assignees]
    assert names[:3] == [f"Ban Thường vụ Đảng ủy {n}" for n in ("An Khê", "An Bình", "Đak Pơ")]
    assert due == "2025-11-15"


def test_the_issuer_deciding_is_no_assignee_and_its_bare_answer_no_task() -> None:
    body = ("1. Về đề xuất tạm ứng vốn từ Quỹ Phát triển đất: Thường trực Tỉnh ủy thống nhất chủ trương; giao Đảng ủy "
            "UBND tỉnh chỉ đạo Sở Tài chính thực hiện trong tháng 10/2025.\n\n"
            "2. Về đề nghị bổ sung biên chế: Thường trực Tỉnh ủy ghi nhận; việc bố trí biên chế thực hiện theo quy "
            "định.\n")
    tasks = _tasks(body, PARTY)
    assert len(tasks) == 1  # item 2 answers; nobody is told to act
    names = [n for n, _ in tasks[0][1]]
    assert "Thường trực Tỉnh ủy" not in names and names[:2] == ["Đảng ủy UBND tỉnh", "Sở Tài chính"]


def test_the_last_six_months_without_a_year_are_the_documents_year() -> None:
    (deadline,) = find_deadlines("phấn đấu hoàn thành trong 6 tháng cuối năm", today="2024-07-20")
    assert deadline.iso == "2024-12"


# --- shapes the eighth holdout (tests/fixtures/holdout8) found after the round's rules ---------------------------

def test_a_pdf_layouts_header_with_both_columns_centred_is_unzipped() -> None:
    """pdftotext -layout centres the left column too: the indented lines are not all the right column's."""
    text = ("        ĐẢNG BỘ TỈNH THÁI NGUYÊN                         ĐẢNG CỘNG SẢN VIỆT NAM\n"
            "           ĐẢNG ỦY XÃ BẰNG VÂN                           ---------------\n"
            "                  *                              Bằng Vân, ngày 22 tháng 10 năm 2025\n"
            "             Số 17-KL/ĐU\n\n"
            "                                       KẾT LUẬN\n"
            "      của Ban Thường vụ Đảng ủy xã về tình hình thực hiện nhiệm vụ quý III năm 2025\n\n"
            "Ngày 20/10/2025, Ban Thường vụ Đảng ủy xã họp. Ban Thường vụ Đảng ủy xã kết luận như sau:\n\n"
            "1. UBND xã hoàn thành sửa chữa đường giao thông nông thôn trước ngày 30/11/2025.\n")
    headers = [b.text for b in parse_blocks(text) if b.kind == BlockKind.HEADER]
    assert any(h.startswith("ĐẢNG BỘ TỈNH THÁI NGUYÊN ĐẢNG ỦY XÃ BẰNG VÂN") for h in headers)
    assert "---" not in " ".join(h for h in headers if "BẰNG VÂN" in h)
    facts = round4._doc("", text).facts
    assert (facts.locality, facts.province) == ("Bằng Vân", "Thái Nguyên")


def test_a_heading_in_capitals_ends_at_the_first_line_of_running_text() -> None:
    """A PDF's copy has no blank line between "I. KẾT QUẢ ĐẠT ĐƯỢC" and the assessment under it."""
    body = ("I. KẾT QUẢ ĐẠT ĐƯỢC\nQuý III/2025 là quý đầu tiên xã vận hành mô hình chính quyền địa phương 2 cấp.\n"
            "II. NHIỆM VỤ TRỌNG TÂM QUÝ IV\nNĂM 2025\n1. UBND xã hoàn thành kiểm đếm thiệt hại trước ngày "
            "30/11/2025.\n")
    blocks = parse_blocks(body)
    assert [(b.kind, b.text) for b in blocks if b.kind == BlockKind.HEADING] == [
        (BlockKind.HEADING, "KẾT QUẢ ĐẠT ĐƯỢC"), (BlockKind.HEADING, "NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2025")]
    assert any(b.kind == BlockKind.PARAGRAPH and b.text.startswith("Quý III/2025") for b in blocks)


def test_a_title_naming_the_person_before_the_office_gives_the_office() -> None:
    head = HEAD.replace("Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp",
                        "Kết luận của đồng chí Nguyễn Văn Hải, Phó Chủ tịch UBND tỉnh tại cuộc họp")
    assert round4._doc("1. Sở Xây dựng rà soát quỹ đất.\n", head).facts.issuer == "UBND tỉnh"


NEWS = """Báo Lào Cai điện tử
Trang chủ / Kinh tế / Du lịch

Chủ tịch UBND tỉnh làm việc tại xã Bản Hồ: Tháo gỡ vướng mắc cho du lịch cộng đồng

Thứ Năm, 16/10/2025 - 20:12

Ngày 16/10, đồng chí Hoàng Quốc Khánh, Chủ tịch UBND tỉnh làm việc với Đảng ủy, UBND xã Bản Hồ về phát triển du \
lịch cộng đồng. Cùng đi có lãnh đạo các sở: Văn hóa, Thể thao và Du lịch, Xây dựng, Nông nghiệp và Môi trường.

Về kiến nghị điều chỉnh quy hoạch, Chủ tịch UBND tỉnh yêu cầu các sở: Văn hóa, Thể thao và Du lịch, Xây dựng, \
Nông nghiệp và Môi trường phối hợp chặt chẽ, trong đó Sở Văn hóa, Thể thao và Du lịch chủ trì rà soát, lập hồ sơ \
điều chỉnh quy hoạch, trình UBND tỉnh phê duyệt trong quý I/2026.
"""


def test_a_news_page_gives_its_headline_and_the_province_of_the_officials_who_went() -> None:
    """The masthead and the breadcrumb are no title; a province's officials visiting a commune speak for the
    province, not for the commune they visit."""
    doc = round4._doc("", NEWS)
    assert doc.facts.title == ("Chủ tịch UBND tỉnh làm việc tại xã Bản Hồ: Tháo gỡ vướng mắc cho du lịch cộng "
                               "đồng")
    assert (doc.facts.locality, doc.facts.province) == ("Lào Cai", "Lào Cai")


def test_one_of_the_bodies_told_leads_when_named_after_trong_do() -> None:
    """"các sở: A, B, C phối hợp chặt chẽ, trong đó Sở A chủ trì ...": A leads, B and C support; a topic "Về ...,"
    stops before who asks, and "Nông nghiệp và Môi trường" (a department of 2025) is one name."""
    (task,) = round4._doc("", NEWS).facts.tasks
    assert [(a.name, a.role.value) for a in task.assignees] == [
        ("Sở Văn hóa, Thể thao và Du lịch", "chủ trì"), ("Sở Xây dựng", "phối hợp"),
        ("Sở Nông nghiệp và Môi trường", "phối hợp")]
    assert task.deadline == "2026-03"
