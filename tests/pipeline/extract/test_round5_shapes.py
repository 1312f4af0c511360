"""Shapes the fifth round of independent texts (tests/fixtures/round5, holdout5) found read wrongly, each as a small
text of its own: lettered items "a.", an item that names a topic over the meeting's decisions and assignments, "Về
X:" paragraphs under an item that introduces them, deadlines relative to the notice, a directing sentence before a
list, a head that gives the roles, people named in a list after a title."""

from __future__ import annotations

from build_scripts.pipeline.extract.dates import find_deadlines

from . import test_round4_shapes as round4

HEAD = """THÀNH ỦY THÁI BÌNH
Số 527-TB/TU
Thái Bình, ngày 03 tháng 10 năm 2024

THÔNG BÁO KẾT LUẬN
của Ban Thường vụ Thành ủy

Ngày 01/10/2024, Ban Thường vụ Thành ủy họp. Ban Thường vụ Thành ủy kết luận như sau:

"""


def _doc(body: str, head: str = HEAD):
    return round4._doc(body, head)


def _tasks(body: str, head: str = HEAD) -> list[tuple[str, list[tuple[str, str]], str | None]]:
    return round4._tasks(body, head)


def test_letters_with_a_dot_are_lettered_items_and_a_head_can_give_the_roles() -> None:
    body = ("II. NHIỆM VỤ\n\n1. Công tác tổ chức\n\n"
            "a. Ban Tổ chức Thành ủy chủ trì, phối hợp với Văn phòng Thành ủy:\n"
            "- Tham mưu rà soát quy hoạch cấp ủy, trình Ban Thường vụ trước ngày 15/11/2024.\n\n"
            "b. Ủy ban Kiểm tra Thành ủy hoàn thành giám sát chuyên đề trước ngày 20/12/2024.\n")
    tasks = _tasks(body)
    assert [n for n, _, _ in tasks] == ["1.a", "1.b"]
    assert tasks[0][1] == [("Ban Tổ chức Thành ủy", "chủ trì"), ("Văn phòng Thành ủy", "phối hợp")]


def test_a_topic_items_decisions_are_no_tasks_and_each_assignment_is_one() -> None:
    body = ("1. Về công tác cán bộ:\n\n"
            "Ban Thường vụ Thành ủy thống nhất điều động đồng chí Phạm Văn Thành đến nhận công tác tại Đảng ủy xã.\n\n"
            "Giao Ban Tổ chức Thành ủy hoàn thiện hồ sơ, thủ tục, xong trước 15/10.\n\n"
            "Ban Thường vụ Thành ủy thống nhất chủ trương kiện toàn chức danh; giao Đảng ủy phường Trần Lãm lãnh đạo "
            "thực hiện quy trình, báo cáo chậm nhất ngày 25/10.\n\n"
            "2. Giao Văn phòng Thành ủy theo dõi, đôn đốc.\n")
    tasks = _tasks(body)
    assert [n for n, _, _ in tasks] == ["1", "1", "2"]
    assert tasks[0] == ("1", [("Ban Tổ chức Thành ủy", "thực hiện")], "2024-10-15")
    assert tasks[1][1][0] == ("Đảng ủy phường Trần Lãm", "thực hiện") and tasks[1][2] == "2024-10-25"
    assert not any(a[0].startswith("Ban Thường vụ") for _, names, _ in tasks for a in names)


def test_topic_paragraphs_under_an_item_that_introduces_them_are_tasks_of_that_item() -> None:
    body = ("2. Thời gian tới, Ban Thường vụ Thành ủy yêu cầu tập trung thực hiện tốt các nội dung sau:\n\n"
            "Về quản lý trật tự xây dựng: Phòng Quản lý đô thị chủ trì, phối hợp với UBND các phường rà soát vi phạm, "
            "hoàn thành trước ngày 30/11/2024.\n\n"
            "Về trật tự lòng đường, vỉa hè:\n"
            "- Công an thành phố chủ trì, phối hợp với UBND phường Kỳ Bá tuần tra khu vực chợ.\n"
            "- Ban Quản lý chợ sắp xếp lại các điểm kinh doanh, hoàn thành trong quý IV/2024.\n\n"
            "Về kiểm tra, giám sát: Ủy ban Kiểm tra Thành ủy phối hợp với Ban Dân vận Thành ủy giám sát việc thực hiện "
            "trong quý IV/2024.\n")
    tasks = _tasks(body)
    assert [n for n, _, _ in tasks] == ["2", "2", "2", "2"]
    assert tasks[0][1][:2] == [("Phòng Quản lý đô thị", "chủ trì"), ("UBND các phường", "phối hợp")]
    assert tasks[1][1][0] == ("Công an thành phố", "chủ trì") and tasks[2][2] == "2024-12"
    assert tasks[3][1] == [("Ủy ban Kiểm tra Thành ủy", "chủ trì"), ("Ban Dân vận Thành ủy", "phối hợp")]


def test_deadlines_relative_to_the_notice() -> None:
    day = "2024-10-03"
    assert [d.iso for d in find_deadlines("ban hành kế hoạch trong quý này;", day)] == ["2024-12"]
    assert [d.iso for d in find_deadlines("bàn giao mặt bằng ngay trong tháng 10.", day)] == ["2024-10"]
    assert [d.iso for d in find_deadlines("báo cáo trong tháng 3.", day)] == ["2025-03"]
    assert [d.iso for d in find_deadlines("khơi thông các điểm sạt lở ngay trong ngày;", day)] == [day]
    assert [d.iso for d in find_deadlines("báo cáo trước 17 giờ ngày thứ Sáu (10/10/2025).", day)] == ["2025-10-10"]
    assert [d.iso for d in find_deadlines("trong tháng 10 và tháng 11/2025", day)] == ["2025-11"]
    assert find_deadlines("ban hành kế hoạch trong quý này;") == []  # no date of the notice: no quarter


def test_a_directing_sentence_before_a_list_addresses_each_item() -> None:
    body = ("II. NHIỆM VỤ\n\nĐề nghị Ban cán sự đảng UBND thành phố lãnh đạo UBND thành phố tập trung thực hiện tốt "
            "các nội dung sau:\n\n"
            "1. Phòng Quản lý đô thị chủ trì, phối hợp với UBND các phường lập lại trật tự vỉa hè.\n\n"
            "2. Khẩn trương hoàn thành công tác bồi thường trước ngày 15/3/2025.\n")
    tasks = _tasks(body)
    assert tasks[0][1][0] == ("Ban cán sự đảng UBND thành phố", "thực hiện")
    assert ("Phòng Quản lý đô thị", "chủ trì") in tasks[0][1]
    assert tasks[1][1][0] == ("Ban cán sự đảng UBND thành phố", "thực hiện")


def test_people_named_after_a_title_and_without_a_kinh_family_name() -> None:
    head = HEAD.replace("Ban Thường vụ Thành ủy họp.", "đồng chí Nguyễn Hữu Tài - Bí thư Thành ủy chủ trì. Tham dự "
                        "có các đồng chí Phó Bí thư Thành ủy: Trần Minh Quý, Nguyễn Thị Lan Anh; đồng chí A Blúp - "
                        "Phó Chủ tịch HĐND thành phố.")
    doc = _doc("Giao Văn phòng Thành ủy theo dõi, đôn đốc.\n", head)
    assert doc.facts.chair == "Nguyễn Hữu Tài"
    assert {"Trần Minh Quý", "Nguyễn Thị Lan Anh", "A Blúp"} <= set(doc.facts.attendees)
