"""Unit rules of extraction: dates, deadlines, periods, organisations, assignees."""

from __future__ import annotations

import pytest

from build_scripts.knowledge.bodies import glossary
from build_scripts.pipeline.extract.dates import find_dates, find_deadlines, find_period, parse_deadline_cell
from build_scripts.pipeline.extract.organisations import is_organisation, split_assignees
from build_scripts.pipeline.extract.tasks import assignees_in, take_name


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Ngày 28 tháng 7 năm 2023, Thường trực", "2023-07-28"),
        ("Ngày 12/10/2023, đồng chí", "2023-10-12"),
        ("Bảo Lộc, ngày 05 tháng 12 năm 2023", "2023-12-05"),
        ("vào ngày 17/7/2023 tại Hội trường", "2023-07-17"),
    ],
)
def test_dates(text: str, iso: str) -> None:
    assert [d.iso for d in find_dates(text)] == [iso]


def test_impossible_dates_and_ranges_are_not_dates() -> None:
    assert find_dates("ngày 31/02/2023, giai đoạn 2021-2025, nhiệm kỳ 2024 - 2029") == []


@pytest.mark.parametrize(
    ("text", "iso", "words"),
    [
        ("bổ sung 01 biên chế (hoàn thành trong tháng 11/2023),", "2023-11", "hoàn thành trong tháng 11/2023"),
        ("trình UBND huyện trước ngày 15/01/2024.", "2024-01-15", "trước ngày 15/01/2024"),
        ("tổ chức đối thoại trong quý I/2024.", "2024-03", "trong quý I/2024"),
        ("đủ biên chế được giao cho Hội Nông dân thành phố trong năm 2023;", "2023", "trong năm 2023"),
        ("hoàn thành chậm nhất ngày 30 tháng 6 năm 2024", "2024-06-30",
         "hoàn thành chậm nhất ngày 30 tháng 6 năm 2024"),
    ],
)
def test_deadlines(text: str, iso: str, words: str) -> None:
    found = find_deadlines(text)
    assert (found[0].iso, found[0].text) == (iso, words)


@pytest.mark.parametrize(
    "text",
    [
        "hoàn thành tốt các nhiệm vụ đã xác định và các nhiệm vụ phát sinh trong năm 2023.",
        "có hiệu lực từ 01/7/2023",
        "chương trình công tác năm 2023",
        "chuyển đổi số đến năm 2025, định hướng đến năm 2030",
    ],
)
def test_things_that_are_not_deadlines(text: str) -> None:
    assert find_deadlines(text) == []


def test_deadline_cells_of_a_table() -> None:
    assert parse_deadline_cell("Trong quý I/2024").iso == "2024-03"
    assert parse_deadline_cell("31/3/2024").iso == "2024-03-31"
    assert parse_deadline_cell("Năm 2024").iso == "2024"
    assert parse_deadline_cell("Thường xuyên") is None


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("với Mặt trận 6 tháng đầu năm 2023", "6 tháng đầu năm 2023"),
        ("các tổ chức chính trị - xã hội thành phố quý III năm 2023", "quý III/2023"),
        ("kết quả quý IV/2023", "quý IV/2023"),
        ("tình hình 9 tháng đầu năm 2023", "9 tháng đầu năm 2023"),
    ],
)
def test_periods(text: str, period: str) -> None:
    assert find_period(text) == period


def test_topics_are_not_organisations() -> None:
    assert not is_organisation("Về kinh phí")
    assert not is_organisation("Về công tác tổ chức, cán bộ")
    assert not is_organisation("Đối với các đề xuất, kiến nghị")
    assert not is_organisation("Hội nghị tổng kết")
    assert is_organisation("Thường trực Hội đồng nhân dân thị xã")
    assert is_organisation("Các đơn vị lực lượng vũ trang")


def test_splitting_assignees_keeps_compound_names() -> None:
    assert split_assignees("Mặt trận Tổ quốc và các tổ chức chính trị - xã hội thành phố") == [
        "Mặt trận Tổ quốc", "các tổ chức chính trị - xã hội thành phố"]
    assert split_assignees("Văn phòng HĐND và UBND huyện") == ["Văn phòng HĐND và UBND huyện"]
    assert split_assignees("Đảng ủy các xã, phường") == ["Đảng ủy các xã, phường"]
    assert split_assignees("Ban Tổ chức Thành ủy, Phòng Nội vụ thành phố") == [
        "Ban Tổ chức Thành ủy", "Phòng Nội vụ thành phố"]


def test_a_name_ends_where_the_predicate_begins() -> None:
    assert take_name("Ban Dân vận Thành ủy sớm tham mưu")[0] == "Ban Dân vận Thành ủy"
    assert take_name("các tổ chức chính trị - xã hội thị xã cụ thể hóa")[0] == (
        "các tổ chức chính trị - xã hội thị xã")


def test_lead_and_support_from_giao() -> None:
    found = assignees_in("Giao Ban Tổ chức Thành ủy chủ trì, phối hợp Ban Dân vận Thành ủy sớm tham mưu.")
    assert [(a.name, a.role) for a in found.assignees] == [
        ("Ban Tổ chức Thành ủy", "chủ trì"), ("Ban Dân vận Thành ủy", "phối hợp")]


def test_glossary_comes_from_the_data_file() -> None:
    terms = glossary()
    assert terms["MTTQ"] == "Ủy ban Mặt trận Tổ quốc Việt Nam"
    assert terms["QCDC"] == "Quy chế dân chủ ở cơ sở"


def test_a_span_is_not_a_deadline_but_a_target_date_is() -> None:
    assert find_deadlines("áp dụng từ ngày 01/7/2024 đến ngày 31/12/2024") == []
    assert find_deadlines("phấn đấu đến ngày 31/12/2024 giảm nợ đọng")[0].iso == "2024-12-31"


def test_a_body_name_may_contain_verbs_but_ends_before_another_body() -> None:
    from build_scripts.model import Block, BlockKind, Span
    from build_scripts.pipeline.extract.tasks import _item_head

    def head(text: str) -> list[str]:
        return _item_head(Block(BlockKind.ITEM, 1, [Span(text)], number="1"))[0]

    assert head("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh: Phối hợp chặt chẽ.") == [
        "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh"]
    assert head("Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo Ủy ban nhân dân tỉnh:") == [
        "Ban cán sự đảng Ủy ban nhân dân tỉnh"]


def test_the_follow_up_assignment_after_the_last_item_is_a_task_of_its_own() -> None:
    from build_scripts.pipeline.extract.tasks import read_tasks
    from build_scripts.pipeline.parse import parse_blocks

    text = ("Yêu cầu các cơ quan thực hiện các nội dung sau:\n\n1. Sở Tài chính: Cân đối kinh phí. Xong sớm.\n\n"
            "Giao Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện Thông báo này.\n")
    tasks, _ = read_tasks(parse_blocks(text), "t", "t.txt", [])
    assert [(t.number, [a.name for a in t.assignees]) for t in tasks] == [
        ("1", ["Sở Tài chính"]), ("", ["Văn phòng UBND tỉnh"])]


# --- real-world shapes (issue 14) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("lập hồ sơ, trình Sở Xây dựng trước 15/7/2024.", "2024-07-15"),  # no "ngày"
        ("báo cáo UBND tỉnh trước 9 giờ ngày 03/10/2025.", "2025-10-03"),
        ("giải ngân hết vốn trong Quý II năm 2024.", "2024-06"),
    ],
)
def test_deadlines_as_hand_typed(text: str, iso: str) -> None:
    assert find_deadlines(text)[0].iso == iso


@pytest.mark.parametrize("text", ["báo cáo kết quả trước ngày 20 hằng tháng.", "giải quyết trong 07 ngày làm việc."])
def test_recurring_dates_and_durations_are_not_deadlines(text: str) -> None:
    assert find_deadlines(text) == []


def test_the_period_reviewed_is_not_the_one_planned() -> None:
    assert find_period("sơ kết 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2024") == "6 tháng đầu năm 2024"
    assert find_period("nhiệm vụ trọng tâm quý IV/2025") is None
    assert find_period("kết quả thực hiện nhiệm vụ quý III/2025 và nhiệm vụ quý IV/2025") == "quý III/2025"


def test_a_listed_unit_is_one_body_each() -> None:
    assert split_assignees("UBND các xã: Hòa Phong, Hòa Tân và Sơn Thành") == [
        "UBND xã Hòa Phong", "UBND xã Hòa Tân", "UBND xã Sơn Thành"]
    assert split_assignees("UBND các huyện: Cù Lao Dung, Trần Đề và UBND thị xã Vĩnh Châu") == [
        "UBND huyện Cù Lao Dung", "UBND huyện Trần Đề", "UBND thị xã Vĩnh Châu"]  # a body listed is as written
    assert split_assignees("Ủy ban MTTQ Việt Nam thành phố, Thành đoàn, Hội Liên hiệp Phụ nữ thành phố") == [
        "Ủy ban MTTQ Việt Nam thành phố", "Thành đoàn", "Hội Liên hiệp Phụ nữ thành phố"]
    assert split_assignees("các sở: Y tế, Giáo dục và Đào tạo") == ["Sở Y tế", "Sở Giáo dục và Đào tạo"]


def roles(text: str) -> dict[str, str]:
    return {a.name: a.role for a in assignees_in(text).assignees}


def test_a_directed_body_leads_and_the_directing_one_is_addressed() -> None:
    got = roles("Giao UBND thị trấn chỉ đạo Phòng Văn hóa - Xã hội chủ trì, phối hợp với Trạm Y tế thị trấn rà soát "
                "danh sách hộ nghèo.")
    assert got == {"UBND thị trấn": "thực hiện", "Phòng Văn hóa - Xã hội": "chủ trì", "Trạm Y tế thị trấn": "phối hợp"}
    got = roles("UBND huyện lãnh đạo, chỉ đạo Hạt Kiểm lâm phối hợp với Công an huyện truy quét lâm tặc.")
    assert got["Hạt Kiểm lâm"] == "chủ trì" and got["Công an huyện"] == "phối hợp"


def test_a_long_official_name_is_kept_whole_and_a_channel_is_no_assignee() -> None:
    got = roles("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng tỉnh khẩn trương thi công.")
    assert list(got) == ["Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng tỉnh"]
    got = roles("Đề nghị Đảng ủy các xã (qua Ban Tổ chức Huyện ủy) tổng hợp danh sách đảng viên.")
    assert list(got) == ["Đảng ủy các xã"]


def test_a_paragraph_of_prose_holds_several_assignments() -> None:
    from build_scripts.pipeline.extract.tasks import _assignments

    text = ("Tại buổi làm việc, đại diện UBND xã Hòa Bắc đề nghị huyện hỗ trợ kinh phí. Kết luận, đồng chí Chủ tịch "
            "đề nghị Phòng Kinh tế và Hạ tầng rà soát hiện trạng, hoàn thành trong tháng 8/2024; giao Phòng Tài chính"
            " - Kế hoạch cân đối nguồn vốn. Đồng thời yêu cầu UBND xã Hòa Bắc vận động Nhân dân.")
    got = _assignments(text)
    assert len(got) == 3 and got[0].startswith("Kết luận") and got[1].startswith("giao Phòng Tài chính")
    assert find_deadlines(got[0])[0].iso == "2024-08" and not find_deadlines(got[1])


# --- shapes of the fresh fixtures (tests/fixtures/fresh) ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "today", "iso"),
    [
        ("hoàn thiện hồ sơ trích đo; xong trước ngày 20/11.", "2024-11-07", "2024-11-20"),  # the document's year
        ("xong trước ngày 20/01.", "2024-12-10", "2025-01-20"),  # the next such day
        ("thực hiện trong tháng 10 và tháng 11/2025.", None, "2025-11"),  # months listed: the last
        ("phấn đấu đến cuối năm 2024 đạt 2.000 ha.", None, "2024"),
        ("đạt trên 60% vào cuối năm 2025.", None, "2025"),
    ],
)
def test_deadlines_of_more_forms(text: str, today: str | None, iso: str) -> None:
    assert find_deadlines(text, today)[0].iso == iso


def test_a_day_without_its_year_needs_the_documents_date_and_a_span_is_none() -> None:
    assert find_deadlines("xong trước ngày 20/11.") == []
    assert find_deadlines("kiểm tra từ 11/11 đến 15/11", "2024-11-07") == []


def test_a_period_written_in_words() -> None:
    assert find_period("Tám tháng đầu năm 2025, các sở, ngành") == "8 tháng đầu năm 2025"
    assert find_period("Sáu tháng đầu năm 2024, Thường trực") == "6 tháng đầu năm 2024"


def test_a_name_ends_after_its_level_before_a_verb_the_data_does_not_know() -> None:
    assert take_name("Ủy ban Kiểm tra Tỉnh ủy đưa nội dung lãnh đạo vào chương trình")[0] == "Ủy ban Kiểm tra Tỉnh ủy"
    assert take_name("UBND xã Hàm Chính niêm yết công khai, hoàn thành trước 30/6")[0] == "UBND xã Hàm Chính"
    # words that go on with a name are kept: "xã hội", a body's own words after "ủy", "và các"
    assert take_name("các tổ chức chính trị - xã hội huyện tuyên truyền")[0] == \
        "các tổ chức chính trị - xã hội huyện"
    assert take_name("Đảng ủy Công an tỉnh lãnh đạo lực lượng")[0] == "Đảng ủy Công an tỉnh"
    assert take_name("Ủy ban MTTQ Việt Nam huyện và các đoàn thể huyện vận động")[0] == \
        "Ủy ban MTTQ Việt Nam huyện và các đoàn thể huyện"
    assert take_name("UBND TP phối hợp chặt chẽ với MTTQ trong triển khai Chương trình")[0] == "UBND TP"
    assert roles("Giao UBND TP phối hợp chặt chẽ với MTTQ trong triển khai Chương trình.") == {
        "UBND TP": "chủ trì", "MTTQ": "phối hợp"}


def test_a_duty_before_the_verb_keeps_the_roles_and_an_officer_stands_for_the_body() -> None:
    assert roles("Văn phòng HĐND và UBND phường có trách nhiệm phối hợp với Trung tâm Phục vụ hành chính công "
                 "phường hướng dẫn Nhân dân.") == {"Văn phòng HĐND và UBND phường": "chủ trì",
                                                  "Trung tâm Phục vụ hành chính công phường": "phối hợp"}
    assert list(roles("Yêu cầu Giám đốc các Ban Quản lý dự án, Chủ tịch UBND các xã tập trung chỉ đạo thi công.")) \
        == ["Giám đốc các Ban Quản lý dự án", "Chủ tịch UBND các xã"]
    assert list(roles("Yêu cầu Trưởng các thôn có trách nhiệm theo dõi, báo cáo kịp thời.")) == ["Trưởng các thôn"]


def tasks_of(text: str):
    from build_scripts.pipeline.extract.tasks import read_tasks
    from build_scripts.pipeline.parse import parse_blocks

    return read_tasks(parse_blocks(text), "t", "t.txt", [])[0]


def test_a_report_lists_its_tasks_as_bullets_but_not_its_headlines() -> None:
    text = ("Chủ tịch UBND tỉnh kiểm tra tiến độ dự án\n\nSáng 17/7, đồng chí Chủ tịch UBND tỉnh đi kiểm tra.\n\n"
            "Kết luận buổi kiểm tra, Chủ tịch UBND tỉnh chỉ đạo:\n\n"
            "- Sở Xây dựng có trách nhiệm hướng dẫn chủ đầu tư điều chỉnh giá hợp đồng.\n\n"
            "- UBND thành phố chủ trì, phối hợp với Sở Tài chính bàn giao mặt bằng trong tháng 8/2024.\n\n"
            "- Tiến độ dự án đã đạt 62% giá trị hợp đồng.\n\n"
            "Ban Dân vận Tỉnh ủy có trách nhiệm nắm tình hình dư luận.\n\nTHANH HẰNG\n\n"
            "Tin liên quan:\n\n- UBND tỉnh họp thường kỳ tháng 7\n\n- Sở Xây dựng kiểm tra công trình\n")
    tasks = tasks_of(text)
    assert [[a.name for a in t.assignees] for t in tasks] == [
        ["Sở Xây dựng"], ["UBND thành phố", "Sở Tài chính"], ["Ban Dân vận Tỉnh ủy"]]
    assert tasks[1].deadline == "2024-08" and len({t.id for t in tasks}) == 3
    assert all(t.number == "" and t.anchor for t in tasks)


def test_an_assessment_title_and_the_issuers_own_note_are_no_tasks() -> None:
    text = ("KẾT LUẬN\n\nĐồng chí Phó Bí thư Thường trực kết luận như sau:\n\n1. Đánh giá chung\n\n"
            "Chín tháng đầu năm, Đảng bộ phường đã lãnh đạo hoàn thành nhiều chỉ tiêu.\n\n"
            "2. Đối với các kiến nghị của phường\n\n"
            "2.1. Về đề nghị hỗ trợ kinh phí: Thường trực Tỉnh uỷ ghi nhận, sẽ xem xét khi cân đối được nguồn vốn.\n\n"
            "2.2. Giao Ban Tổ chức Thành ủy hướng dẫn kiện toàn cấp ủy, hoàn thành trong tháng 11/2024.\n")
    assert [t.number for t in tasks_of(text)] == ["2.2"]


def test_a_body_that_directs_is_addressed_and_a_topic_may_name_the_addressee() -> None:
    assert roles("UBND quận giao Phòng Quản lý đô thị rà soát các điểm trông giữ xe.") == {
        "UBND quận": "thực hiện", "Phòng Quản lý đô thị": "thực hiện"}
    assert list(roles("Thường trực Thành ủy giao Văn phòng Thành ủy theo dõi.")) == ["Văn phòng Thành ủy"]  # asks
    text = ("Kết luận hội nghị, đồng chí Bí thư ghi nhận kết quả.\n\n"
            "Về giải ngân, đồng chí đề nghị Phòng Tài chính - Kế hoạch rà soát, tham mưu điều chuyển vốn; Ban Quản lý "
            "dự án thị xã đôn đốc nhà thầu, phấn đấu giải ngân hết vốn trong năm 2024.\n\n"
            "Đối với MTTQ và các đoàn thể thị xã, đồng chí đề nghị tiếp tục vận động Nhân dân.\n")
    tasks = tasks_of(text)
    assert [([a.name for a in t.assignees], t.deadline) for t in tasks] == [
        (["Phòng Tài chính - Kế hoạch"], None), (["Ban Quản lý dự án thị xã"], "2024"),
        (["MTTQ", "các đoàn thể thị xã"], None)]


def test_the_body_of_a_directing_heading_is_addressed_by_each_item_under_it_only() -> None:
    text = ("KẾT LUẬN\n\nThường trực Tỉnh ủy chỉ đạo như sau:\n\n2/ Ban cán sự đảng UBND tỉnh lãnh đạo, chỉ đạo:\n"
            "a/ Sở Xây dựng chủ trì, phối hợp với Sở Tài chính rà soát đơn giá.\n"
            "b/ Sở Y tế kiểm tra an toàn thực phẩm.\n\n"
            "3/ Ban Tuyên giáo Tỉnh ủy định hướng công tác tuyên truyền.\n")
    got = {t.number: [(a.name, a.role) for a in t.assignees] for t in tasks_of(text)}
    assert got == {"2.a": [("Ban cán sự đảng UBND tỉnh", "thực hiện"), ("Sở Xây dựng", "chủ trì"),
                           ("Sở Tài chính", "phối hợp")],
                   "2.b": [("Ban cán sự đảng UBND tỉnh", "thực hiện"), ("Sở Y tế", "thực hiện")],
                   "3": [("Ban Tuyên giáo Tỉnh ủy", "thực hiện")]}


def facts_of(text: str):
    from build_scripts.model import SourceText
    from build_scripts.pipeline import convert

    src = SourceText(name="t.txt", sha256="0" * 64, text=text, encoding="utf-8")
    return convert.document_from_source(src, "t").facts


def test_the_issuers_unit_is_the_locality_and_people_are_never_places() -> None:
    notice = facts_of("UBND HUYỆN HÀM THUẬN BẮC\nVĂN PHÒNG HĐND VÀ UBND\n\nSố: 318/TB-VP\n\n"
                      "Hàm Thuận Bắc, ngày 07 tháng 11 năm 2024\n\nTHÔNG BÁO\nÝ kiến kết luận của Phó Chủ tịch UBND "
                      "huyện Lê Quang Vinh tại buổi kiểm tra\n\nNgày 05/11/2024, đồng chí Lê Quang Vinh - Phó Chủ tịch "
                      "UBND huyện chủ trì buổi kiểm tra.\n\n1. Giao Phòng Kinh tế và Hạ tầng rà soát.\n")
    assert (notice.locality, notice.issuer, notice.chair) == ("Hàm Thuận Bắc", "UBND huyện", "Lê Quang Vinh")
    report = facts_of("Bí thư Tỉnh ủy làm việc với Ban Thường vụ Huyện ủy Hồng Dân\n\nNgày đăng: 12/03/2024 19:45\n\n"
                      "Sáng 12/3/2024, đoàn công tác của Thường trực Tỉnh ủy Bạc Liêu do đồng chí Trần Hoàng Sơn - Bí "
                      "thư Tỉnh ủy làm trưởng đoàn đã có buổi làm việc với Ban Thường vụ Huyện ủy Hồng Dân về "
                      "tình hình thực hiện nhiệm vụ năm 2023.\n\nKết luận buổi làm việc, đồng chí đề nghị "
                      "UBND huyện Hồng Dân chủ động phòng, chống hạn.\n")
    assert (report.type, report.issuer, report.locality, report.province) == (
        "Kết luận", "Thường trực Tỉnh ủy", "Bạc Liêu", "Bạc Liêu")
    assert (report.chair, report.period, report.meeting_date) == ("Trần Hoàng Sơn", "năm 2023", "2024-03-12")


def test_a_year_still_ahead_at_the_meeting_is_no_period_reviewed() -> None:
    head = "THÔNG BÁO\nKết luận của Chủ tịch UBND huyện về công tác chống ngập mùa mưa năm 2024\n\n"
    assert facts_of(head + "Ngày 18/6/2024, Chủ tịch UBND huyện chủ trì cuộc họp.\n").period is None
    assert facts_of(head + "Ngày 18/12/2024, Chủ tịch UBND huyện chủ trì cuộc họp.\n").period == "năm 2024"
    assert facts_of(head + "Ngày 18/3/2025, Chủ tịch UBND huyện chủ trì cuộc họp.\n").period == "năm 2024"


def test_a_reports_day_and_month_take_the_year_of_the_post() -> None:
    facts = facts_of("Chủ tịch UBND tỉnh kiểm tra dự án\n\nThứ Năm, 18/07/2024 - 16:20\n\nSáng 17/7, đồng chí Phạm "
                     "Văn Hậu - Chủ tịch UBND tỉnh Ninh Thuận đã đi kiểm tra tiến độ các dự án.\n")
    assert (facts.meeting_date, facts.chair, facts.locality) == ("2024-07-17", "Phạm Văn Hậu", "Ninh Thuận")


def test_extraction_of_long_prose_stays_linear() -> None:
    """Doubling a report's paragraphs at most about doubles the time to read its tasks."""
    import time

    from build_scripts.pipeline.extract.tasks import _assignments

    sentence = ("Đồng chí đề nghị UBND các xã: Hòa Phong, Hòa Tân chỉ đạo Phòng Kinh tế phối hợp với Công an xã "
                "rà soát "
                "(qua Văn phòng), hoàn thành trước 30/6/2024; ")

    def best(n: int) -> float:
        text = sentence * n
        times = []
        for _ in range(3):
            start = time.process_time()  # CPU time: the machine is shared
            for part in _assignments(text):
                assignees_in(part)
                find_deadlines(part)
            times.append(time.process_time() - start)
        return min(times)

    best(20)  # the genre's patterns are compiled once, on first use
    assert best(400) / best(200) < 3.0


# --- shapes of round 3 (tests/fixtures/round3) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "today", "iso"),
    [
        ("hoàn thành việc hỗ trợ xóa nhà tạm trước Tết Nguyên đán Bính Ngọ năm 2026.", None, "2026-02-17"),
        ("xong trước Tết Nguyên đán Ất Tỵ 2025.", None, "2025-01-29"),
        ("hỗ trợ gạo cứu đói trước Tết Nguyên đán Giáp Thìn.", "2023-12-18", "2024-02-10"),  # by its name
        ("thăm, tặng quà trước Tết.", "2025-10-17", "2026-02-17"),  # the next Tết
        ("đình chỉ ngay trong tuần các công trình trái phép.", "2024-04-16", "2024-04-21"),  # by that Sunday
    ],
)
def test_deadlines_against_tet_and_the_week(text: str, today: str | None, iso: str) -> None:
    assert find_deadlines(text, today)[0].iso == iso


@pytest.mark.parametrize("text", ["bảo đảm an ninh trước, trong và sau Tết Nguyên đán.",
                                  "định kỳ hằng quý báo cáo kết quả về Thường trực HĐND tỉnh.",
                                  "trình Hội đồng nhân dân tỉnh tại kỳ họp cuối năm 2025."])
def test_a_time_around_tet_a_recurrence_and_a_session_are_no_deadlines(text: str) -> None:
    assert find_deadlines(text, "2025-10-01") == []


def test_a_table_cell_gives_each_body_its_role_and_a_tet_deadline() -> None:
    text = ("KẾT LUẬN\n\nChủ tịch UBND tỉnh kết luận như sau:\n\n3. Giao các cơ quan sau thực hiện:\n\n"
            "TT\tNội dung\tCơ quan thực hiện\tThời gian hoàn thành\n"
            "3.1\tKhắc phục sạt lở tuyến đường\tSở Giao thông vận tải chủ trì; UBND huyện phối hợp\tTrước Tết\n"
            "3.2\tTham mưu bổ sung vốn\tSở Tài chính (chủ trì), Sở Xây dựng (phối hợp)\tĐịnh kỳ hằng quý\n")
    from build_scripts.pipeline.extract.tasks import read_tasks
    from build_scripts.pipeline.parse import parse_blocks

    tasks = read_tasks(parse_blocks(text), "t", "t.txt", [], "2024-12-05")[0]
    assert [(t.number, [(a.name, a.role) for a in t.assignees], t.deadline) for t in tasks] == [
        ("3.1", [("Sở Giao thông vận tải", "chủ trì"), ("UBND huyện", "phối hợp")], "2025-01-29"),
        ("3.2", [("Sở Tài chính", "chủ trì"), ("Sở Xây dựng", "phối hợp")], None)]


def test_points_each_opened_by_a_body_are_a_task_each_and_points_under_a_body_are_its_one() -> None:
    text = ("THÔNG BÁO\n\nChủ tịch UBND phường kết luận như sau:\n\n2. Giao các cơ quan sau thực hiện:\n\n"
            "- Phòng Kinh tế, Hạ tầng và Đô thị: chủ trì, phối hợp với Công an phường ra quân lập lại trật tự vỉa "
            "hè; triển khai xong trước ngày 31/10/2025.\n\n- Trung tâm Phục vụ hành chính công phường: niêm yết công "
            "khai thủ tục hành chính.\n\n3. Phòng Văn hóa - Xã hội:\n- Xây dựng kế hoạch tổ chức các hoạt động.\n"
            "- Rà soát danh sách hộ nghèo.\n")
    tasks = tasks_of(text)
    assert [(t.number, [(a.name, a.role) for a in t.assignees]) for t in tasks] == [
        ("2", [("Phòng Kinh tế, Hạ tầng và Đô thị", "chủ trì"), ("Công an phường", "phối hợp")]),
        ("2", [("Trung tâm Phục vụ hành chính công phường", "thực hiện")]),
        ("3", [("Phòng Văn hóa - Xã hội", "thực hiện")])]
    assert tasks[0].deadline == "2025-10-31" and len({t.id for t in tasks}) == 3


def test_who_a_list_is_addressed_to() -> None:
    text = ("KẾT LUẬN\n\nBan Thường vụ Tỉnh ủy kết luận như sau:\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\n"
            "Các cấp ủy, chính quyền, Mặt trận Tổ quốc các cấp tập trung thực hiện tốt các nhiệm vụ sau:\n\n"
            "1. Quản lý chặt chẽ nguồn giống.\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Đối với Ban Tuyên giáo Tỉnh ủy:\n"
            "- Chủ trì, phối hợp với Báo Kon Tum tuyên truyền.\n\n"
            "2. Đề nghị UBND tỉnh chỉ đạo các cơ quan, địa phương thực hiện các nội dung sau:\n\n"
            "2.1. Công an tỉnh tăng cường tuần tra.\n\n3. Văn phòng Tỉnh ủy theo dõi, đôn đốc.\n")
    got = {t.number: [(a.name, a.role) for a in t.assignees] for t in tasks_of(text)}
    assert got["1"] == [("Các cấp ủy", "thực hiện"), ("chính quyền", "thực hiện"),
                        ("Mặt trận Tổ quốc các cấp", "thực hiện")]  # the subject of the sentence before the list
    assert got["III.1"] == [("Ban Tuyên giáo Tỉnh ủy", "chủ trì"), ("Báo Kon Tum", "phối hợp")]
    assert got["III.2.1"] == [("UBND tỉnh", "thực hiện"), ("Công an tỉnh", "thực hiện")]  # "Đề nghị X chỉ đạo:"
    assert got["III.3"] == [("Văn phòng Tỉnh ủy", "thực hiện")]  # a heading's body ends with its items


def test_a_label_an_aside_an_announcement_and_a_second_subject() -> None:
    assert list(roles("Nhiệm vụ thời gian tới: UBND huyện Mường Nhé tập trung chỉ đạo giải ngân.")) == [
        "UBND huyện Mường Nhé"]
    assert list(roles("Sở Nông nghiệp và Môi trường (cơ quan thường trực) theo dõi, đôn đốc.")) == [
        "Sở Nông nghiệp và Môi trường"]
    assert list(roles("Giao các cơ quan tham mưu, giúp việc Đảng ủy Khối: Ban Tổ chức Đảng ủy Khối hướng dẫn kiện "
                      "toàn cấp ủy; Văn phòng Đảng ủy Khối theo dõi, tổng hợp.")) == [
        "Ban Tổ chức Đảng ủy Khối", "Văn phòng Đảng ủy Khối"]
    assert list(roles("Đề nghị Ủy ban MTTQ Việt Nam tỉnh vận động Nhân dân; các vị đại biểu HĐND tỉnh tiếp tục "
                      "theo dõi, giám sát.")) == ["Ủy ban MTTQ Việt Nam tỉnh", "các vị đại biểu HĐND tỉnh"]
    assert roles("Ủy ban MTTQ Việt Nam quận hướng dẫn Ủy ban MTTQ Việt Nam Phường 10 vận động đóng góp Quỹ.") == {
        "Ủy ban MTTQ Việt Nam quận": "thực hiện", "Ủy ban MTTQ Việt Nam Phường 10": "thực hiện"}
    assert split_assignees("UBND các xã: Mèo Vạc, Sơn Vĩ và xã Đồng Văn") == [
        "UBND xã Mèo Vạc", "UBND xã Sơn Vĩ", "UBND xã Đồng Văn"]
    assert list(roles("Đề nghị Bộ đội Biên phòng phối hợp với UBND các xã biên giới nắm chắc tình hình.")) == [
        "Bộ đội Biên phòng", "UBND các xã biên giới"]


def test_an_item_that_opens_with_what_was_done_is_no_task() -> None:
    text = ("THÔNG BÁO\n\nChủ tịch UBND phường kết luận như sau:\n\n1. Từ tháng 7/2025, phường đã ổn định tổ chức bộ "
            "máy; Trung tâm Phục vụ hành chính công phường tiếp nhận 4.812 hồ sơ, giải quyết đúng hạn 98,7%.\n\n"
            "2. Công an phường tăng cường tuần tra; Trung tâm Phục vụ hành chính công phường niêm yết thủ tục.\n")
    assert [t.number for t in tasks_of(text)] == ["2"]


def test_quotations_a_passive_assignment_and_a_list_under_a_heading() -> None:
    text = ("Chủ tịch UBND tỉnh kiểm tra dự án\n\nChiều 13/11/2025, đồng chí Chủ tịch UBND tỉnh kiểm tra dự án.\n\n"
            "Kết luận buổi kiểm tra, Chủ tịch UBND tỉnh ghi nhận nỗ lực của các xã.\n\n"
            "“UBND các xã Đức Hòa, Hậu Nghĩa phải bàn giao mặt bằng trong tháng 12/2025. Đồng chí Chủ tịch UBND xã "
            "phải trực tiếp đối thoại với từng hộ dân”, đồng chí nhấn mạnh.\n\n"
            "Sở Xây dựng được giao hướng dẫn bố trí trụ sở, hoàn thành trong quý I/2026.\n")
    tasks = tasks_of(text)
    assert [(t.assignees[0].name, t.deadline) for t in tasks] == [
        ("UBND các xã Đức Hòa, Hậu Nghĩa", "2025-12"), ("Sở Xây dựng", "2026-03")]
    text = ("THÔNG BÁO\n\nI. ĐÁNH GIÁ CHUNG\n\nNăm 2023, Đảng ủy xã đã lãnh đạo đạt 14/17 chỉ tiêu.\n\n"
            "II. NHIỆM VỤ TRỌNG TÂM NĂM 2024\n\n• Ban Thường vụ Đảng ủy xã lãnh đạo UBND xã chăm lo đời sống.\n"
            "• Lãnh đạo xây dựng Đề án phát triển du lịch cộng đồng.\n\nIII. TỔ CHỨC THỰC HIỆN\n\n"
            "Văn phòng Huyện ủy theo dõi, đôn đốc việc thực hiện Thông báo này.\n")
    assert [t.assignees[0].name for t in tasks_of(text)] == [
        "Ban Thường vụ Đảng ủy xã", "Ban Thường vụ Đảng ủy xã", "Văn phòng Huyện ủy"]


def test_a_text_copied_out_of_a_pdf_without_blank_lines() -> None:
    facts = facts_of("ĐẢNG BỘ TỈNH HẬU GIANG\nHUYỆN ỦY CHÂU THÀNH\n*\nSố 318-TB/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
                     "Châu Thành, ngày 08 tháng 01 năm 2024\nTHÔNG BÁO KẾT LUẬN\ncủa Ban Thường vụ Huyện ủy về kết "
                     "quả chuyển đổi cơ cấu cây\ntrồng năm 2023\nNgày 04/01/2024, Ban Thường vụ Huyện ủy họp. Ban "
                     "Thường vụ Huyện ủy kết luận như sau:\n1. Giao Văn phòng Huyện ủy theo dõi.\nNơi nhận:\n"
                     "- Lưu Văn phòng Huyện ủy.\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nLê Thị Ngọc Hân\n")
    assert (facts.type, facts.number, facts.meeting_date, facts.issued_date) == (
        "Thông báo kết luận", "318-TB/HU", "2024-01-04", "2024-01-08")
    assert (facts.signer.name, facts.recipients) == ("Lê Thị Ngọc Hân", ["Lưu Văn phòng Huyện ủy"])


def test_issuers_of_round_three() -> None:
    head = "THÔNG BÁO\nÝ kiến kết luận của đồng chí {} tại buổi làm việc\n\nNgày 18/12/2023, đồng chí họp.\n"
    assert facts_of(head.format("Bí thư Huyện ủy")).issuer == "Thường trực Huyện ủy"
    assert facts_of(head.format("Trưởng Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh")).issuer == (
        "Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh")
    report = facts_of("Bí thư Thành ủy làm việc với Đảng ủy phường Vị Thanh\n\nĐăng ngày: 23/10/2025 | 09:12\n\n"
                      "Ngày 22/10/2025, đoàn công tác của Thường trực Thành ủy Cần Thơ do đồng chí Đỗ Thanh Bình - Bí "
                      "thư Thành ủy làm trưởng đoàn đã làm việc với Ban Thường vụ Đảng ủy phường Vị Thanh.\n")
    assert (report.locality, report.province) == ("Cần Thơ", "Cần Thơ")  # a centrally-run city's committee


def test_periods_of_round_three() -> None:
    assert find_period("về tình hình phát triển cây dược liệu gắn với bảo tồn, phát triển Sâm Ngọc Linh giai đoạn "
                       "2021 - 2023 và nhiệm vụ đến năm 2025") == "giai đoạn 2021 - 2023"
    assert find_period("kết quả thực hiện Nghị quyết số 04-NQ/TU về phát triển dược liệu giai đoạn 2021 - 2025") \
        is None  # the resolution's stage
    head = "THÔNG BÁO\nKết luận của Chủ tịch UBND xã về phòng, chống rét mùa đông năm 2025 - 2026\n\n"
    assert facts_of(head + "Ngày 01/12/2025, đồng chí Chủ tịch UBND xã chủ trì cuộc họp.\n").period is None


def test_points_counted_in_words_are_tasks_of_the_list() -> None:
    text = ("KẾT LUẬN\n\nBan Thường vụ Tỉnh ủy kết luận như sau:\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\n"
            "Các cấp ủy, chính quyền và Mặt trận Tổ quốc tập trung vào các nhiệm vụ sau:\n\n"
            "Một là, đẩy mạnh tuyên truyền, quảng bá hình ảnh du lịch.\n\n"
            "Hai là, hoàn thành xây dựng 05 bản du lịch cộng đồng trong năm 2025.\n\n"
            "Thứ ba: huy động các nguồn lực đầu tư hạ tầng du lịch.\n\n"
            "Năm là năm bản lề của nhiệm kỳ.\n")  # a sentence about a year, not a point
    tasks = tasks_of(text)
    assert [([a.name for a in t.assignees], t.deadline) for t in tasks] == [
        (["Các cấp ủy", "chính quyền", "Mặt trận Tổ quốc"], None),
        (["Các cấp ủy", "chính quyền", "Mặt trận Tổ quốc"], "2025"),
        (["Các cấp ủy", "chính quyền", "Mặt trận Tổ quốc"], None)]
