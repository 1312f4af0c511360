"""Unit rules of extraction: dates, deadlines, periods, organisations, assignees."""

from __future__ import annotations

import pytest

from build_scripts.bodies import glossary
from build_scripts.extract.dates import find_dates, find_deadlines, find_period, parse_deadline_cell
from build_scripts.extract.organisations import is_organisation, split_assignees
from build_scripts.extract.tasks import assignees_in, take_name


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
    from build_scripts.extract.tasks import _item_head
    from build_scripts.model import Block, BlockKind, Span

    def head(text: str) -> list[str]:
        return _item_head(Block(BlockKind.ITEM, 1, [Span(text)], number="1"))[0]

    assert head("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh: Phối hợp chặt chẽ.") == [
        "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh"]
    assert head("Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo Ủy ban nhân dân tỉnh:") == [
        "Ban cán sự đảng Ủy ban nhân dân tỉnh"]


def test_the_follow_up_assignment_after_the_last_item_is_a_task_of_its_own() -> None:
    from build_scripts.extract.tasks import read_tasks
    from build_scripts.parse import parse_blocks

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
    from build_scripts.extract.tasks import _assignments

    text = ("Tại buổi làm việc, đại diện UBND xã Hòa Bắc đề nghị huyện hỗ trợ kinh phí. Kết luận, đồng chí Chủ tịch "
            "đề nghị Phòng Kinh tế và Hạ tầng rà soát hiện trạng, hoàn thành trong tháng 8/2024; giao Phòng Tài chính"
            " - Kế hoạch cân đối nguồn vốn. Đồng thời yêu cầu UBND xã Hòa Bắc vận động Nhân dân.")
    got = _assignments(text)
    assert len(got) == 3 and got[0].startswith("Kết luận") and got[1].startswith("giao Phòng Tài chính")
    assert find_deadlines(got[0])[0].iso == "2024-08" and not find_deadlines(got[1])


def test_extraction_of_long_prose_stays_linear() -> None:
    """Doubling a report's paragraphs at most about doubles the time to read its tasks."""
    import time

    from build_scripts.extract.tasks import _assignments

    sentence = ("Đồng chí đề nghị UBND các xã: Hòa Phong, Hòa Tân chỉ đạo Phòng Kinh tế phối hợp với Công an xã "
                "rà soát "
                "(qua Văn phòng), hoàn thành trước 30/6/2024; ")

    def best(n: int) -> float:
        text = sentence * n
        times = []
        for _ in range(3):
            start = time.perf_counter()
            for part in _assignments(text):
                assignees_in(part)
                find_deadlines(part)
            times.append(time.perf_counter() - start)
        return min(times)

    best(20)  # the genre's patterns are compiled once, on first use
    assert best(400) / best(200) < 3.0
