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
