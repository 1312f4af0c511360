"""A province's archive counts in the thousands (10,000 documents, 188,340 tasks): the pages write a count the
Vietnamese way, its thousands grouped by dots, while the attributes the scripts read stay plain numbers."""

from __future__ import annotations

from types import SimpleNamespace

from build_scripts.writers.pages import dashboard, render_home, tracker


def _docs(documents: int, tasks_each: int) -> list:
    """Stand-ins for documents: what the home page and the tracker's frame read of them (dates, titles, tasks)."""
    return [SimpleNamespace(id=f"tb-{i:05d}", facts=SimpleNamespace(
        tasks=[object()] * tasks_each, meeting_date=f"2024-01-{1 + i % 28:02d}", issued_date=None,
        title=f"Thông báo kết luận {i}", locality="Đà Lạt")) for i in range(documents)]


def test_the_tracker_and_the_home_page_group_the_thousands_of_their_counts() -> None:
    docs = _docs(1_234, 3)
    frame = tracker.tracker_page(docs)
    assert "Đang tải 3.702 nhiệm vụ của 1.234 văn bản…" in frame
    assert "description: Theo dõi 3.702 nhiệm vụ được giao trong 1.234 văn bản" in frame
    assert 'data-tasks="3702"' in frame  # read by theo-doi.js as a number
    home = render_home(docs, "")
    assert "<strong>1.234</strong> văn bản · <strong>3.702</strong> nhiệm vụ được giao" in home
    assert 'data-docs="1.234"' in home  # shown as it is: "Tìm trong 1.234 văn bản"
    assert "3.702 nhiệm vụ, lọc theo cơ quan" in home
    assert "2024" in home and "2.024" not in home  # a date is not a count


def test_the_dashboard_groups_the_thousands_of_its_counts() -> None:
    data = {"total": 188_340, "states": [["da-hoan-thanh", "Đã hoàn thành"]], "deadlines": [[0, None, 12_097]],
            "groups": {"dia-phuong": {"title": "Theo địa phương", "labels": ["Đà Lạt"],
                                      "rows": [[0, 0, None, 188_340]]}}}
    page = dashboard.dashboard_page(data)
    assert "Đang vẽ biểu đồ của 188.340 nhiệm vụ…" in page
    assert "(188.340 nhiệm vụ; 12.097 không ghi thời hạn)" in page
    assert "| Đà Lạt | 188.340 | 188.340 |" in page
    assert 'data-tasks="188340"' in page
