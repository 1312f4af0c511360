"""The words of task status that every stage shares: the three states, their URL values, the status file's
columns and how a document number or a task number is compared. The reader of the file (status.py) and the
writers (records, render) both use them; kept apart so that no writer imports the reading stage."""

from __future__ import annotations

import functools
import re

from .model import TaskStatus
from .vietnamese import fold

DONE, DOING, NOT_STARTED = "đã hoàn thành", "đang thực hiện", "chưa thực hiện"
STATES = (DONE, DOING, NOT_STARTED)
# the states as URL values and CSS classes; "chua-bao-cao" is a task the file says nothing of
STATE_SLUGS = {DONE: "da-hoan-thanh", DOING: "dang-thuc-hien", NOT_STARTED: "chua-thuc-hien"}
NO_REPORT = "chua-bao-cao"

# the columns, each with the names (folded, lower case, words joined by "_") it may be given
COLUMNS: dict[str, tuple[str, ...]] = {
    "van_ban": ("van_ban", "so_van_ban", "so_hieu", "so_ky_hieu", "so_hieu_van_ban", "ma_van_ban", "tep",
                "ten_tep", "document"),
    "nhiem_vu": ("nhiem_vu", "so_nhiem_vu", "nhiem_vu_so", "so_thu_tu_nhiem_vu", "task"),
    "ma_nhiem_vu": ("ma_nhiem_vu", "task_id"),
    "tinh_trang": ("tinh_trang", "trang_thai", "tinh_hinh", "tinh_trang_thuc_hien", "status"),
    "ngay": ("ngay", "ngay_bao_cao", "ngay_cap_nhat", "ngay_danh_gia", "date"),
    "can_cu": ("can_cu", "minh_chung", "bang_chung", "evidence"),
    "ghi_chu": ("ghi_chu", "note", "notes"),
}


def state_slug(status: TaskStatus | None) -> str:
    return STATE_SLUGS[status.state] if status else NO_REPORT


def number_key(text: str) -> str:
    """A document number as compared: "215-TB/ThU", "215/TB-ThU" and "Số 215 - TB/THU" are one."""
    text = re.sub(r"^(?:số|so)\s*[:.]?\s*", "", fold(text).casefold().strip())
    return "|".join(t for t in re.split(r"[\s\-/–—]+", text) if t)


@functools.lru_cache(maxsize=1 << 16)  # the status file compares each row with every task of its document
def task_key(text: str) -> str:
    """A task number as compared: "1.a", "1a", "1.a)", "Nhiệm vụ 1.a" are one; "III.2" and "iii.2" too."""
    text = fold(text).casefold().strip()
    text = re.sub(r"^(?:nhiem vu|nv|muc|so)\s*[:.]?\s*", "", text)
    text = re.sub(r"[\s.\-/)(]+", ".", text)
    text = re.sub(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)", ".", text)
    return text.strip(".")
