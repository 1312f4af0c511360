"""Dates, deadlines and periods as the genre writes them.

"Ngày 28 tháng 7 năm 2023", "ngày 12/10/2023", "Bảo Lộc, ngày 05 tháng 12 năm 2023";
deadlines "hoàn thành trong tháng 11/2023", "trước ngày 15/01/2024", "trong quý I/2024",
"trong năm 2023"; periods "6 tháng đầu năm 2023", "quý III/2023", "quý III năm 2023".
Dates are stored ISO: a day, a month ("2023-11") or a year ("2023").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ... import knowledge
from ...vietnamese import iso_date
from . import anchored


@cache
def _lunar_new_years() -> dict[int, tuple[str, str]]:
    """Year -> (the day of its Tết Nguyên đán, ISO; the year's name, "Ất Tỵ")."""
    data = knowledge.calendar()["lunar_new_year"]
    return {int(y): (str(day), name) for y, (day, name) in data.items()}

ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_DMY_NUM = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
# a number of months is also written in words: "Tám tháng đầu năm 2025", "Sáu tháng cuối năm"
MONTH_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
               "mười một": 11, "mười hai": 12}
# and a month by its name, as the Word templates of some offices print it: "ngày 15 tháng Mười hai năm 2025"
MONTH_NAMES = {**MONTH_WORDS, "giêng": 1, "tư": 4, "chạp": 12}
_MONTH_NAME = "|".join(sorted(MONTH_NAMES, key=len, reverse=True))
_DMY_WORDS = rf"(?P<d2>\d{{1,2}})\s+tháng\s+(?P<m2>\d{{1,2}}|{_MONTH_NAME})\s+năm\s+(?P<y2>\d{{4}})"
# (not a span of months: "Tháng 01 - 02/2026" is January to February, no day)
RE_DATE = re.compile(rf"(?<![\d/])(?<!tháng )(?:{_DMY_NUM}|{_DMY_WORDS})(?![\d/])", re.IGNORECASE)
RE_MONTHS_SPAN = re.compile(r"tháng\s+\d{1,2}\s*[-–]\s*(?:tháng\s+)?(?P<m>\d{1,2})\s*(?:/|năm\s+)(?P<y>\d{4})",
                            re.IGNORECASE)
RE_MONTH = re.compile(r"tháng\s+(?P<m>\d{1,2})\s*(?:/|năm\s+)(?P<y>\d{4})", re.IGNORECASE)
RE_QUARTER = re.compile(r"quý\s+(?P<q>IV|III|II|I|[1-4])\s*(?:/|năm\s+)(?P<y>\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    iso: str
    start: int
    end: int
    text: str


def find_dates(text: str) -> list[DateMatch]:
    """Every full calendar date in the text, in order; impossible dates are skipped."""
    out = []
    for m in RE_DATE.finditer(text):
        d, mth, y = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (
            m.group("d2"), m.group("m2"), m.group("y2"))
        iso = iso_date(int(d), int(mth) if mth.isdigit() else MONTH_NAMES[mth.lower()], int(y))
        if iso:
            out.append(DateMatch(iso, m.start(), m.end(), m.group(0)))
    return out


def quarter_end(q: str, year: str) -> str:
    """A quarter is due in its last month: quý I/2024 -> 2024-03."""
    return f"{year}-{ROMAN_QUARTERS[q.upper()] * 3:02d}"


# --- deadlines ----------------------------------------------------------------------

# the day of the week before the date: "thứ Sáu (10/10/2025)", "thứ Sáu, ngày 28/11", "thứ Hai 01/12"
_WEEKDAY = r"(?:(?:thứ\s+(?:[2-7]|hai|ba|tư|năm|sáu|bảy)|chủ nhật)\s*(?:\(\s*|,?\s+(?:ngày\s+)?))?"
RE_DEADLINE_DAY = re.compile(
    rf"(?P<lead>(?:hoàn thành|xong|chậm nhất|trước|trong|đến|hạn chót)[^.;()]{{0,30}}?)?"
    rf"(?P<word>trước|trc|chậm nhất(?: là)?(?: vào)?|hạn chót|đến hết|đến|trong) "
    rf"(?:\d{{1,2}}\s*(?:giờ|h)(?:\s*\d{{2}})?,?\s+)?"  # "trước 17 giờ ngày 21/9/2025"
    rf"(?:ngày\s+)?{_WEEKDAY}"  # "trước 17 giờ ngày thứ Sáu (10/10/2025)", "trước thứ Sáu, ngày 28/11/2025"
    rf"(?P<date>{_DMY_NUM}|{_DMY_WORDS})",
    re.IGNORECASE,
)
# "trước Tết Dương lịch": the next 1 January (of the year named, if one is)
RE_DEADLINE_NEW_YEARS_DAY = re.compile(r"(?P<word>(?:hoàn thành\s+|xong\s+)?trước)\s+(?:dịp\s+)?Tết\s+Dương\s+lịch"
                                       r"(?:\s+(?:năm\s+)?(?P<y>\d{4}))?", re.IGNORECASE)
# "ra quân ... ngay sau cuộc họp": at once, the day of the meeting
RE_DEADLINE_AFTER_MEETING = re.compile(r"(?P<word>ngay sau)\s+(?:cuộc họp|buổi làm việc|hội nghị|buổi họp)"
                                       r"(?:\s+này)?(?![\w/])", re.IGNORECASE)
# "ngay trong ngày": the day of the notice (a briefing's task for the day it is held)
# (and "trong ngày" closing a clause: "..., trình Ban Giám đốc Sở trong ngày.")
RE_DEADLINE_TODAY = re.compile(r"(?P<word>ngay trong ngày(?!\s*\d)(?![\w/])|\btrong ngày(?=\s*(?:[.;,]|$)))",
                               re.IGNORECASE)
RE_DEADLINE_MONTH = re.compile(  # "trong tháng 11/2023"; "trong tháng 10 và tháng 11/2025" ends with the last;
    # "chậm nhất cuối tháng 6/2025", "vào giữa tháng 7/2025", "trong tuần đầu tháng 01/2026": that month (no day is
    # guessed)
    r"(?P<word>(?:hoàn thành |xong )?(?:trong|trước|chậm nhất|đến hết|vào)(?: (?:tuần )?(?:cuối|giữa|đầu))?"
    r"|(?:hoàn thành|xong) (?:cuối|giữa|đầu)) (?:các )?tháng\s+"
    r"(?:\d{1,2}\s*(?:,|và|-|–|đến)\s*(?:tháng\s+)?)*(?P<m>\d{1,2})\s*(?:/|năm\s+)(?P<y>\d{4})",
    re.IGNORECASE,
)
# a day without its year ("xong trước ngày 20/11"): the next such day from the document's date
RE_DEADLINE_DAY_MONTH = re.compile(
    r"(?P<word>trước|trc|chậm nhất(?: là)?(?: vào)?|hạn chót|đến) (?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{2})?,?\s+)?"
    r"(?:ngày\s+)?" + _WEEKDAY + r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/])(?!\s*năm)",
    re.IGNORECASE,
)
# "ngày mai", "trong ngày mai", "sáng mai": the day after the meeting (a briefing's "báo cáo ... ngày mai")
RE_DEADLINE_TOMORROW = re.compile(r"(?P<word>(?:(?:ngay |hoàn thành |xong )?trong |trước |chậm nhất )?"
                                  r"(?:ngày|sáng|chiều) mai)(?![\w/])(?!\s*\(?\d)", re.IGNORECASE)
# "trong tháng này", "ngay trong tháng này": the month of the meeting
RE_DEADLINE_THIS_MONTH = re.compile(r"(?P<word>(?:hoàn thành |xong |ngay )?trong) tháng này\b", re.IGNORECASE)
# "trong quý này", "ngay trong quý này"; "ngay trong tháng 10", "xong trong tháng 12" with no year after it
RE_DEADLINE_THIS_QUARTER = re.compile(r"(?P<word>(?:hoàn thành |xong |ngay )?trong) quý này\b", re.IGNORECASE)
RE_DEADLINE_MONTH_NO_YEAR = re.compile(r"(?P<word>(?:hoàn thành |xong |ngay )?(?:trong|trước|chậm nhất|đến hết|vào)"
                                       r"(?: (?:cuối|giữa|đầu))?|(?:hoàn thành|xong) (?:cuối|giữa|đầu)) "
                                       r"tháng\s+(?P<m>\d{1,2})(?!\s*(?:/|năm\s|\d|,\s*năm))(?![\w/])"
                                       r"(?!\s*(?:,|và|-|–|đến)\s*(?:tháng\s+)?\d)",
                                       re.IGNORECASE)
# a report due at a session of a named month: "báo cáo ... tại kỳ tiếp công dân định kỳ tháng 11/2024" (a session
# of a year only, "tại kỳ họp cuối năm 2024", fixes no month: none)
# (or work done before it: "hoàn thành kiểm điểm ... trước kỳ sinh hoạt chi bộ tháng 01/2026")
# (or submitted to it: "dự thảo Chương trình ..., trình Hội nghị Ban Chấp hành Đảng bộ xã tháng 12/2025")
RE_DEADLINE_SESSION = re.compile(r"(?P<word>(?:tại|trước|trình) (?:kỳ|phiên|buổi|cuộc họp|hội nghị))\s[^.;:]{0,60}?"
                                 r"\btháng\s+"
                                 r"(?P<m>\d{1,2})\s*(?:/|năm\s+)(?P<y>\d{4})", re.IGNORECASE)
# a session named by the month it reviews, held after that month: its month dates nothing
RE_SESSION_REVIEWS = re.compile(r"\b(?:đánh giá|kết quả|sơ kết|tổng kết)\b", re.IGNORECASE)
# what is due at that session: a report or a submission, asked for before it in the clause
RE_REPORT_BEFORE = re.compile(r"(?:báo cáo|trình)\b[^.;]{0,100}$", re.IGNORECASE)
RE_DEADLINE_QUARTER = re.compile(  # "đầu quý III/2025": its first month; "giữa quý": its second
    r"(?P<word>(?:hoàn thành |xong )?(?:trong|trước|chậm nhất|đến hết|vào)(?: (?P<edge>cuối|giữa|đầu))?) "
    r"quý\s+(?P<q>IV|III|II|I|[1-4])\s*"
    r"(?:/|năm\s+)(?P<y>\d{4})",
    re.IGNORECASE,
)
RE_DEADLINE_YEAR = re.compile(r"(?P<word>(?:hoàn thành |xong )?(?:trong|trước|đến hết) năm|(?:đến|vào|trước) cuối năm"
                              r"|(?<!đến )hết năm)"
                              r"\s+(?P<y>\d{4})(?![\d/-])", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# what RE_DEADLINE_DAY's date can be, asked only whether there is one: both forms with their first digit taken
# out in front ("\d\d?" for "\d{1,2}", the same strings), so that re skips to the digits in C (3.5x faster)
_ANY_DATE = re.compile(r"\d\d?(?:\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\s+tháng\s+(?:\d{1,2}|"
                       + _MONTH_NAME + r")\s+năm\s+\d{4})", re.IGNORECASE)
# "các nhiệm vụ phát sinh trong năm 2023": the year tells when something arises, not a deadline
# (nor what a thing can do: "các dự án có khả năng hoàn thành trong năm 2025" are projects, not a deadline)
_NOT_DEADLINE_BEFORE = re.compile(r"(?:phát sinh|diễn ra|xảy ra|đã|được giao|hằng năm|hàng năm|có khả năng)\s*$",
                                  re.IGNORECASE)


@dataclass(frozen=True)
class Deadline:
    iso: str
    text: str
    start: int


class _Phrases:
    """A deadline's words, widened to a preceding "hoàn thành" in the same clause.

    The clause marks, commas and "hoàn thành" / "xong" of the text are found once and looked up,
    so that a task of thousands of deadlines is read in linear time (each deadline used to scan
    back to its clause's start: quadratic in a clause of commas only).
    """

    def __init__(self, text: str):
        self.text = text
        self.indexed = False  # the marks are found at the first deadline: most texts have none

    def _index(self) -> None:
        text, self.indexed = self.text, True
        self.clause_marks = [m.start() for m in _CLAUSE_MARK.finditer(text)]  # found in C, not char by char
        self.commas = [m.start() for m in _COMMA.finditer(text)]
        self.words = [(m.start(), m.end()) for m in _WIDEN.finditer(text)]
        self.word_starts = [w[0] for w in self.words]

    @staticmethod
    def _before(positions: list[int], start: int) -> int:
        k = bisect.bisect_left(positions, start)
        return positions[k - 1] if k else -1

    def phrase(self, start: int, end: int) -> str:
        if not self.indexed:
            self._index()
        clause_start = self._before(self.clause_marks, start) + 1
        # the first "hoàn thành" of the clause with no comma between it and the deadline, if near; a word
        # that ends right at the deadline counts too (the clause ends there)
        after = max(clause_start, self._before(self.commas, start) + 1)
        k = bisect.bisect_left(self.word_starts, after)
        first = self.words[k][0] if k < len(self.words) and self.words[k][1] <= start else None
        for word in ("hoàn thành", "xong"):
            at = start - len(word)
            if at >= after and self.text[at:start].lower() == word and (first is None or at < first):
                first = at
        if first is not None and start - first <= 40:
            start = first
        return " ".join(self.text[start:end].split())


_CLAUSE_MARK = re.compile(r"[.;()\n]")
_COMMA = re.compile(",")
# "hoàn thành" or "xong" ending a word
_WIDEN = re.compile(r"(?:hoàn thành|xong)\b", re.IGNORECASE)


def _span(text: str, m: re.Match) -> bool:
    """"từ ngày ... đến ngày ...": a span, not a deadline; unless it is a campaign's the task runs ("triển khai đợt cao
    điểm ... từ ngày 01/01/2026 đến ngày 15/02/2026"), done when it ends."""
    before = text[max(0, m.start("word") - 40) : m.start("word")]  # the words it may follow: not the whole text
    if m.group("word").lower() != "đến" or not (opened := re.search(r"từ (?:ngày|\d)[^.;]{0,30}$", before)):
        return False
    opens_at = max(0, m.start("word") - 40) + opened.start()
    return not RE_CAMPAIGN.search(text[max(0, opens_at - CAMPAIGN_REACH) : opens_at].split(";")[-1])


CAMPAIGN_REACH = 120  # how far before a span its campaign is named, in the same clause
RE_CAMPAIGN = re.compile(r"\b(?:đợt cao điểm|chiến dịch|đợt ra quân|đợt tổng kiểm tra)\b", re.IGNORECASE)


# "trước Tết Nguyên đán Ất Tỵ 2025", "xong trước Tết Nguyên đán Bính Ngọ năm 2026", "trước Tết": due on the first
# day of the lunar year named, or of the next one ("trước, trong và sau Tết" is a time, not a deadline); not the
# other feasts named "Tết" (data/calendar.yml: "trước Tết Thiếu nhi"), and Tết Trung thu is a day of its own
_BEFORE = r"(?P<word>(?i:(?:hoàn thành |xong )?trước))(?: dịp)?"


@cache
def _feast_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The lunar new year's deadline, and Tết Trung thu's ("trước Tết Trung thu năm 2025", "trước dịp Trung thu")."""
    others = "|".join(re.escape(name) for name in ["Trung thu", *knowledge.calendar()["other_tet"]])
    new_year = re.compile(rf"{_BEFORE} Tết(?! (?:{others})\b)(?: Nguyên [đĐ]án)?(?![,\w]| và)"
                          r"(?:\s+(?P<name>[^\W\d_]+ [^\W\d_]+)(?=[\s.,;)]|$))?(?:\s+(?:năm\s+)?(?P<y>\d{4}))?")
    mid_autumn = re.compile(rf"{_BEFORE} (?:Tết )?Trung thu(?!\w)(?:\s+(?:năm\s+)?(?P<y>\d{{4}}))?")
    return new_year, mid_autumn


@cache
def _mid_autumns() -> dict[int, str]:
    """Year -> the day of its Tết Trung thu, ISO."""
    return {int(y): str(day) for y, day in knowledge.calendar()["mid_autumn"].items()}


def _mid_autumn(year: str | None, today: str | None) -> str | None:
    """The day of the Tết Trung thu a deadline names: by its year, or the next one after ``today``."""
    days = _mid_autumns()
    if year:
        return days.get(int(year))
    return next((day for day in sorted(days.values()) if today and day > today[:10]), None)
# "ngay trong tuần", "trong tuần này": by the Sunday of the week; "trong tuần tới": of the next
RE_DEADLINE_WEEK = re.compile(r"(?P<word>(?:ngay )?trong tuần)(?P<next> (?:tới|sau))?(?![\w-])(?! này\w)"
                              r"(?!\s+(?:đầu|cuối|giữa)\s+tháng)", re.IGNORECASE)  # (not "trong tuần đầu tháng 01")
# "trước ngày khai giảng năm học mới (05/9/2024)", "... năm học 2024 - 2025 (05/9/2024)": an occasion, dated in
# brackets after it
RE_DEADLINE_DATED_EVENT = re.compile(r"(?P<word>trước|chậm nhất(?: là)?|đến|hạn chót)\s+(?:ngày\s+)?"
                                     r"(?!\d{1,2}\s*(?:h|giờ)|thứ\s)"  # an hour or a weekday: the day is read below
                                     r"[^();.:/]{3,60}?\(\s*(?:ngày\s+)?"
                                     r"(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})\s*\)", re.IGNORECASE)
# "trước Ngày Nhà giáo Việt Nam 20/11/2025": a named day with its date after its name (no bracket)
RE_DEADLINE_NAMED_DAY = re.compile(r"(?P<word>trước)\s+Ngày\s+(?:[^\W\d_]+\s+){1,6}?(?P<date>\d{1,2}/\d{1,2}/\d{4})\b")
# "hoàn thành trong năm học 2024 - 2025": by the year the school year ends
# (and a term of it: "trong học kỳ II năm học 2024 - 2025")
RE_DEADLINE_SCHOOL_YEAR = re.compile(r"(?P<word>(?:hoàn thành |xong )?(?:trong|trước khi kết thúc|hết))\s+"
                                     r"(?:học kỳ\s+(?:I|II|1|2)\s+)?năm học\s+"
                                     r"\d{4}\s*[-–]\s*(?P<y>\d{4})", re.IGNORECASE)
# "từ nay đến cuối năm", "trong năm nay": the year of the document
RE_DEADLINE_THIS_YEAR = re.compile(r"(?P<word>(?:từ nay )?đến cuối năm|trong năm nay)(?!\s*\d)", re.IGNORECASE)
# "trong 6 tháng cuối năm 2025": by its last month; "trong 9 tháng đầu năm 2025": by September
# ("trong 6 tháng cuối năm" without a year: the document's year)
RE_DEADLINE_MONTHS_OF_YEAR = re.compile(r"(?P<word>(?:hoàn thành |xong )?trong) (?P<n>\d{1,2}) tháng "
                                        r"(?P<half>đầu|cuối) năm(?:\s+(?P<y>\d{4})|(?![\s/]*\d))", re.IGNORECASE)
# "trước ngày 15 tháng 5", a day in words without its year: the next such day from the document's date
RE_DEADLINE_DAY_MONTH_WORDS = re.compile(r"(?P<word>trước|chậm nhất(?: là)?(?: vào)?|hạn chót|đến) ngày (?P<d>\d{1,2}) "
                                         r"tháng (?P<m>\d{1,2})(?!\s*(?:năm|/|\d))", re.IGNORECASE)
# The words without which a form cannot match, looked for in the text in lower case (one search in C each, where
# the expression is tried at every character): most task texts name no quarter, no week, no "tháng". Exact: none
# of their letters has a case variant that re's IGNORECASE matches and str.lower does not map to it (as "ſ" to
# "s" or "İ" to "i"); tests/pipeline/extract/test_dates.py checks every character.
GATES: dict[str, tuple[str, ...]] = {
    "week": ("tuần",),
    "day_month": ("trước", "trc", "chậm nhất", "hạn chót", "đến"),
    "month": ("tháng",),
    "quarter": ("quý",),
    "year": (" năm",),
}


# The words each form's matches begin with ("hoàn thành trong tháng ...", "trước ngày ..."): the form is tried only
# where the text has one (extract/anchored.py), not at every character
STARTS: dict[str, anchored.Starts] = {
    "week": anchored.starts("ngay", "trong"),
    "day": anchored.starts("hoàn thành", "xong", "chậm nhất", "trước", "trc", "trong", "đến", "hạn chót"),
    "day_month": anchored.starts("trước", "trc", "chậm nhất", "hạn chót", "đến"),
    "month": anchored.starts("hoàn thành", "xong", "trong", "trước", "chậm nhất", "đến hết", "vào"),
    "quarter": anchored.starts("hoàn thành", "xong", "trong", "trước", "chậm nhất", "đến hết", "vào"),
    "year": anchored.starts("hoàn thành", "xong", "trong", "trước", "đến", "vào", "hết"),
}


def _may(lower: str, form: str) -> bool:
    return any(w in lower for w in GATES[form])


def _tet(name: str | None, year: str | None, today: str | None) -> str | None:
    """The day of the Tết a deadline names: by its year, its name, or the next one after ``today``."""
    tets = _lunar_new_years()
    if name and not all(w[:1].isupper() for w in name.split()):
        name = None  # "trước Tết Nguyên đán hoàn thành ...": no year's name follows
    if year:
        return tets.get(int(year), (None, ""))[0]
    if not today:
        return None
    days = sorted(day for day, n in tets.values() if day > today[:10] and (not name or n.casefold() == name.casefold()))
    return days[0] if days else None


# "trước 16h00 thứ Năm", "chậm nhất thứ Sáu tuần sau": that day of the notice's week (or the next); not a weekday
# dated in brackets ("trước thứ Tư (10/12)", the date decides) nor one that recurs ("thứ Sáu hằng tuần")
RE_DEADLINE_WEEKDAY = re.compile(
    r"(?P<word>trước|trc|chậm nhất(?: là)?|hạn chót|vào)\s+(?:\d{1,2}\s*(?:h|giờ)\s*(?:\d{2})?(?:\s*phút)?\s*,?\s*)?"
    r"(?:ngày\s+)?thứ\s+(?P<d>[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|[2-7])(?![\w/])"
    r"(?:(?P<next>\s+tuần\s+(?:tới|sau))|\s+tuần\s+này)?"
    r"(?!\s*\(|\s*,?\s*(?:ngày\s*)?\d|\s+(?:hằng|hàng)\b)")
WEEKDAYS = ("hai", "ba", "tư", "năm", "sáu", "bảy")
WEEKDAY_NUMBERS = ("2", "3", "4", "5", "6", "7")  # "thứ 6" is "thứ Sáu"


def _weekday(day: str, name: str, next_week: bool) -> str | None:
    """The day named ("thứ Năm") in the week of ``day`` (ISO), the next week's if asked or if already past."""
    try:
        d = dt.date.fromisoformat(day[:10])
    except ValueError:
        return None
    index = WEEKDAY_NUMBERS.index(name) if name.isdigit() else WEEKDAYS.index(name.lower())
    target = d + dt.timedelta(days=index - d.weekday() + (7 if next_week else 0))
    return (target if target >= d else target + dt.timedelta(days=7)).isoformat()


def _week_end(day: str, weeks: int = 0) -> str | None:
    """The Sunday that ends the week of ``day`` (ISO), ``weeks`` later."""
    try:
        d = dt.date.fromisoformat(day[:10])
    except ValueError:
        return None
    return (d + dt.timedelta(days=6 - d.weekday() + 7 * weeks)).isoformat()


def find_deadlines(text: str, today: str | None = None, week_of: str | None = None) -> list[Deadline]:
    """Every deadline expression in a task's text, in order of appearance; ``today`` (the document's date, ISO)
    gives a day written without its year the year that makes it the next such day, and the next Tết;
    ``week_of`` (the notice's date) the week of "ngay trong tuần"."""
    found: list[Deadline] = []
    phrases = _Phrases(text)
    if "Tết" in text:  # its one cased word: most texts lack it
        for m in _feast_res()[0].finditer(text):
            if day := _tet(m.group("name"), m.group("y"), today):
                found.append(Deadline(day, phrases.phrase(m.start("word"), m.end()), m.start()))
    if "Trung thu" in text:
        for m in _feast_res()[1].finditer(text):
            if day := _mid_autumn(m.group("y"), today):
                found.append(Deadline(day, phrases.phrase(m.start("word"), m.end()), m.start()))
    lower = text.lower()
    if (week_of or today) and _may(lower, "week"):
        for m in anchored.finditer(RE_DEADLINE_WEEK, text, STARTS["week"], lower):
            if day := _week_end(week_of or today or "", 1 if m.group("next") else 0):
                found.append(Deadline(day, phrases.phrase(m.start("word"), m.end()), m.start()))
    if (week_of or today) and "thứ " in lower:
        for m in RE_DEADLINE_WEEKDAY.finditer(text):
            if day := _weekday(week_of or today or "", m.group("d"), bool(m.group("next"))):
                found.append(Deadline(day, phrases.phrase(m.start("word"), m.end()), m.start()))
    if "dương lịch" in lower:
        for m in RE_DEADLINE_NEW_YEARS_DAY.finditer(text):
            if year := m.group("y") or (str(int(today[:4]) + 1) if today else None):
                found.append(Deadline(f"{year}-01-01", phrases.phrase(m.start("word"), m.end()), m.start()))
    if today and "ngay sau" in lower:
        for m in RE_DEADLINE_AFTER_MEETING.finditer(text):
            found.append(Deadline(today[:10], phrases.phrase(m.start("word"), m.end()), m.start()))
    if (week_of or today) and "trong ngày" in lower:
        for m in RE_DEADLINE_TODAY.finditer(text):
            found.append(Deadline((week_of or today or "")[:10], phrases.phrase(m.start("word"), m.end()), m.start()))
    if today and len(today) >= 10 and " mai" in lower:  # "ngày mai": the day after the document's date
        for m in RE_DEADLINE_TOMORROW.finditer(text):
            tomorrow = (dt.date.fromisoformat(today[:10]) + dt.timedelta(days=1)).isoformat()
            found.append(Deadline(tomorrow, phrases.phrase(m.start("word"), m.end()), m.start()))
    if today and "tháng này" in lower and len(today) >= 7:  # "trong tháng này": the month of the document's date
        for m in RE_DEADLINE_THIS_MONTH.finditer(text):
            found.append(Deadline(today[:7], phrases.phrase(m.start("word"), m.end()), m.start()))
    if today and "quý này" in lower:  # "trong quý này": the quarter of the document's date
        for m in RE_DEADLINE_THIS_QUARTER.finditer(text):
            found.append(Deadline(quarter_end(str((int(today[5:7]) - 1) // 3 + 1), today[:4]),
                                  phrases.phrase(m.start("word"), m.end()), m.start()))
    if today and ("cuối năm" in lower or "năm nay" in lower):
        for m in RE_DEADLINE_THIS_YEAR.finditer(text):
            found.append(Deadline(today[:4], phrases.phrase(m.start("word"), m.end()), m.start()))
    if not _DIGIT.search(text):
        return sorted(found, key=lambda d: d.start)  # every other form holds a number: a text without one is done
    if "(" in text:
        for m in RE_DEADLINE_DATED_EVENT.finditer(text):
            if date := find_dates(m.group("date")):
                found.append(Deadline(date[0].iso, phrases.phrase(m.start("word"), m.end()), m.start()))
    if "trước ngày " in lower:
        for m in RE_DEADLINE_NAMED_DAY.finditer(text):
            if date := find_dates(m.group("date")):
                found.append(Deadline(date[0].iso, phrases.phrase(m.start("word"), m.end()), m.start()))
    if "năm học" in lower:
        for m in RE_DEADLINE_SCHOOL_YEAR.finditer(text):
            found.append(Deadline(m.group("y"), phrases.phrase(m.start(), m.end()), m.start()))
    if " tháng đầu năm" in lower or " tháng cuối năm" in lower:
        for m in RE_DEADLINE_MONTHS_OF_YEAR.finditer(text):
            n, of_year = int(m.group("n")), m.group("y") or (today or "")[:4]
            if not of_year:
                continue
            if m.group("half").lower() == "đầu" and m.group("word").lower() == "trong":
                continue  # "báo cáo kết quả trong 6 tháng đầu năm 2025": the half reviewed; "hoàn thành trong ...": due
            if 1 <= n <= 12:
                month = n if m.group("half").lower() == "đầu" else 12
                found.append(Deadline(f"{of_year}-{month:02d}", phrases.phrase(m.start(), m.end()), m.start()))
    if today and "tháng" in lower and "ngày" in lower:
        for m in RE_DEADLINE_DAY_MONTH_WORDS.finditer(text):
            if iso := _next_day(int(m.group("d")), int(m.group("m")), today):
                found.append(Deadline(iso, phrases.phrase(m.start("word"), m.end()), m.start()))
    if today and _may(lower, "month"):  # "ngay trong tháng 10": the next such month from the document's date
        for m in RE_DEADLINE_MONTH_NO_YEAR.finditer(text):
            month, year = int(m.group("m")), int(today[:4])
            if 1 <= month <= 12:
                year += month < int(today[5:7])
                found.append(Deadline(_before(m.group("word"), f"{year}-{month:02d}"),
                                      phrases.phrase(m.start("word"), m.end()), m.start()))
    days = anchored.finditer(RE_DEADLINE_DAY, text, STARTS["day"], lower) if _ANY_DATE.search(text) else ()
    for m in days:  # its costly lead, only if a date
        if _span(text, m):
            continue
        date = find_dates(m.group("date"))
        if date:  # (in order of its words, not of the lead its match may take from the clause before)
            found.append(Deadline(date[0].iso, phrases.phrase(m.start("word"), m.end()), m.start("word")))
    if today and _may(lower, "day_month"):
        for m in anchored.finditer(RE_DEADLINE_DAY_MONTH, text, STARTS["day_month"], lower):
            if _span(text, m):
                continue
            if iso := _next_day(int(m.group("d")), int(m.group("m")), today):
                found.append(Deadline(iso, phrases.phrase(m.start("word"), m.end()), m.start()))
    for m in anchored.finditer(RE_DEADLINE_MONTH, text, STARTS["month"], lower) if _may(lower, "month") else ():
        month = int(m.group("m"))
        if 1 <= month <= 12:
            found.append(Deadline(_before(m.group("word"), f"{m.group('y')}-{month:02d}"),
                                  phrases.phrase(m.start(), m.end()), m.start()))
    if ("tại " in lower or "trước " in lower or "trình " in lower) and _may(lower, "month"):
        for m in RE_DEADLINE_SESSION.finditer(text):
            month = int(m.group("m"))
            if RE_SESSION_REVIEWS.search(m.group(0)):
                continue  # "tại hội nghị giao ban đánh giá kết quả thực hiện nhiệm vụ tháng 12/2025": after that month
            if 1 <= month <= 12 and (m.group("word").lower().startswith(("trước", "trình"))
                                     or RE_REPORT_BEFORE.search(text[max(0, m.start() - 100) : m.start()])):
                found.append(Deadline(f"{m.group('y')}-{month:02d}", phrases.phrase(m.start(), m.end()), m.start()))
    for m in anchored.finditer(RE_DEADLINE_QUARTER, text, STARTS["quarter"], lower) if _may(lower, "quarter") else ():
        end = quarter_end(m.group("q"), m.group("y"))
        if m.group("edge") in ("đầu", "giữa"):  # "đầu quý III/2025": July; "giữa quý": August
            end = _shift(end, -2 if m.group("edge") == "đầu" else -1)
        elif _said_before(m.group("word")):  # "trước quý IV/2025": by the end of the quarter before, September
            end = _before(m.group("word"), end, months=3)
        found.append(Deadline(end, phrases.phrase(m.start(), m.end()), m.start()))
    for m in anchored.finditer(RE_DEADLINE_YEAR, text, STARTS["year"], lower) if _may(lower, "year") else ():
        if _NOT_DEADLINE_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        year = m.group("y")
        if re.fullmatch(r"(?:hoàn thành |xong )?trước năm", m.group("word"), re.IGNORECASE):
            year = str(int(year) - 1)  # "hoàn thành trước năm 2026": within 2025 ("trước cuối năm 2025": 2025)
        found.append(Deadline(year, phrases.phrase(m.start(), m.end()), m.start()))
    if "(năm " in lower:  # an appendix line's time in brackets at its end: "... quản lý hợp tác xã (năm 2026)."
        for m in RE_DEADLINE_YEAR_BRACKET.finditer(text):
            found.append(Deadline(m.group("y"), phrases.phrase(m.start("word"), m.end("y")), m.start()))
    return sorted(found, key=lambda d: d.start)


RE_DEADLINE_YEAR_BRACKET = re.compile(r"\((?P<word>năm)\s+(?P<y>\d{4})\)\s*[.;]?\s*$", re.IGNORECASE)


def _next_day(day: int, month: int, today: str) -> str | None:
    """A day written without its year: the next such day from the document's date (ISO), None if impossible."""
    iso = iso_date(day, month, int(today[:4]))
    if iso and iso < today[:10]:
        iso = iso_date(day, month, int(today[:4]) + 1)
    return iso


def _said_before(word: str) -> bool:
    return word.lower().endswith("trước")


def _before(word: str, month: str, months: int = 1) -> str:
    """The month a deadline's words name, or the last one before the period when they say "trước": "hoàn thành
    trước tháng 9/2025" is due by the end of August ("trước ngày 30/9" is due that day: a day named is the last
    one allowed); ``months``: the period's length (3 for a quarter, whose ``month`` is its last)."""
    return _shift(month, -months) if _said_before(word) else month


def _shift(month: str, months: int) -> str:
    """An ISO month ``months`` later (earlier when negative)."""
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + months
    return f"{index // 12}-{index % 12 + 1:02d}"


RE_SESSION_DATED = re.compile(r"[Kk]ỳ họp thứ (?P<n>\d{1,3})\b[^.;]{0,120}?\b(?:vào|khai mạc|từ)\s+(?:ngày\s+)?"
                              r"(?P<date>\d{1,2}/\d{1,2}/\d{4})")


def dated_occasions(text: str) -> dict[str, str]:
    """The occasions a text dates once ("trước ngày khai giảng năm học mới (05/9/2024)"): words -> ISO day, so that
    a task saying only "hoàn thành trước ngày khai giảng năm học mới" is due that day too."""
    out: dict[str, str] = {}
    if "ỳ họp thứ" in text:  # a council's session the text convenes: "triệu tập Kỳ họp thứ 25, ... vào ngày 10/12/2024"
        for m in RE_SESSION_DATED.finditer(text):
            if date := find_dates(m.group("date")):
                out.setdefault(f"kỳ họp thứ {m.group('n')}", date[0].iso)
    if "(" in text:
        for m in RE_DEADLINE_DATED_EVENT.finditer(text):
            words = " ".join(m.group(0)[len(m.group("word")):].split("(")[0].split()).lower()
            words = re.sub(r"^ngày\s+", "", words)
            if (date := find_dates(m.group("date"))) and len(words.split()) >= 2:
                out.setdefault(words, date[0].iso)
    return out


def occasion_deadline(text: str, occasions: dict[str, str]) -> Deadline | None:
    """A deadline "trước <an occasion the document dates elsewhere>", without its date here."""
    for words, iso in occasions.items():
        spaced = r"\s+".join(re.escape(w) for w in words.split())
        # (or submitted at it: "trình HĐND tỉnh tại Kỳ họp thứ 25")
        if m := re.search(rf"(?:trước|chậm nhất|đến|(?<=\btrình\b)[^.;]{{0,60}}?\btại)\s+(?:ngày\s+)?{spaced}(?!\s*\()",
                          text, re.IGNORECASE):
            return Deadline(iso, " ".join(m.group(0).split()), m.start())
    return None


def parse_deadline_cell(cell: str, today: str | None = None) -> Deadline | None:
    """A table's "Thời hạn" cell: "31/3/2024", "Trong quý I/2024", "Tháng 11/2023", "Năm 2024", "Trước Tết"."""
    text = " ".join(cell.split())
    if not text:
        return None
    if found := find_deadlines(text, today):
        return Deadline(found[0].iso, text, 0)
    if re.match(r"(?:học kỳ\s+\S+\s+)?năm học\s+\d", text, re.IGNORECASE) \
            and (found := find_deadlines(f"trong {text}", today)):
        return Deadline(found[0].iso, text, 0)  # "Học kỳ II năm học 2025 - 2026": by the year the term ends in
    if re.match(r"(?:bắt đầu\s+)?từ\s", text, re.IGNORECASE) and not re.search(r"\s(?:đến|tới)\s", text):
        return None  # "Từ tháng 11/2025": when the work starts, no date it is due by
    if dates := find_dates(text):
        # "Đợt cao điểm từ ngày 15/12/2025 đến ngày 15/01/2026": a time line's span is done at its end
        span = re.search(r"\btừ\s+(?:ngày\s+)?\S+\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?", text, re.IGNORECASE)
        if span and len(dates) >= 2 and dates[1].start >= span.end() - 1:
            return Deadline(dates[1].iso, text, 0)
        return Deadline(dates[0].iso, text, 0)
    if m := RE_QUARTER.search(text):
        return Deadline(quarter_end(m.group("q"), m.group("y")), text, 0)
    if m := RE_MONTH.search(text) or RE_MONTHS_SPAN.search(text):  # "Tháng 01 - 02/2026": by its last month
        return Deadline(f"{m.group('y')}-{int(m.group('m')):02d}", text, 0)
    if m := re.fullmatch(r"(?:(?:trong\s+)?năm\s+)?(\d{4})\s*[.;]?", text, re.IGNORECASE):  # ("Năm 2026.")
        return Deadline(m.group(1), text, 0)
    return None


# --- periods ----------------------------------------------------------------------

# a count of months, in digits or words (MONTH_WORDS, above): "Tám tháng đầu năm 2025"
_MONTHS = r"\d{1,2}|" + "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
RE_PERIOD = re.compile(
    rf"(?<!\w)(?P<months>{_MONTHS}) tháng (?P<half>đầu|cuối) năm\s+(?P<y1>\d{{4}})"
    r"|quý\s+(?P<q>IV|III|II|I|[1-4])\s*(?:/|năm\s+)(?P<y2>\d{4})"
    r"|(?P<first>\d{1,2}) tháng năm\s+(?P<y3>\d{4})",
    re.IGNORECASE,
)


RE_PERIOD_NO_YEAR = re.compile(
    rf"(?<!\w)(?P<months>{_MONTHS}) tháng đầu năm(?!\s*\d)(?=.{{0,120}}?năm\s+(?P<y>\d{{4}}))",
    re.IGNORECASE | re.DOTALL)


def _months(written: str) -> str:
    return str(MONTH_WORDS.get(written.lower(), written))
# ("chuẩn bị": the period prepared for, "kiểm tra công tác chuẩn bị ... năm học 2024 - 2025", is ahead)
_PLANNED = re.compile(r"nhiệm vụ|phương hướng|kế hoạch|giải pháp|trọng tâm|chỉ tiêu|dự kiến|triển khai|những tháng"
                      r"|chuẩn bị", re.IGNORECASE)
# (an inspection or a supervision reviews the span it names: "kiểm tra ... công tác quản lý ... giai đoạn 2022 - 2023")
_REVIEWED = re.compile(r"kết quả|tình hình|thực hiện|đánh giá|sơ kết|tổng kết|đạt được|kiểm tra|giám sát",
                       re.IGNORECASE)


def _planned(text: str, start: int, second_half: bool) -> bool:
    """Is the period at ``start`` the one planned ("nhiệm vụ trọng tâm 3 tháng cuối năm"), not the one reviewed?"""
    clause = re.split(r"[,;.:()]|\svà\s", text[max(0, start - 80) : start])[-1]
    if _REVIEWED.search(clause):
        return False
    return bool(_PLANNED.search(clause)) or second_half


# a span of years reviewed: "tình hình thực hiện ... giai đoạn 2021 - 2023" (not "Đề án ... giai đoạn 2021 - 2025")
RE_STAGE = re.compile(r"giai đoạn\s+(?P<y1>\d{4})\s*[-–]\s*(?P<y2>\d{4})", re.IGNORECASE)
RE_SCHOOL_YEAR = re.compile(r"năm học\s+(?P<y1>\d{4})\s*[-–]\s*(?P<y2>\d{4})", re.IGNORECASE)
RE_STAGE_OF = re.compile(r"\b(?:[Nn]ghị quyết|[Cc]hỉ thị|[Kk]ết luận|[Đđ]ề án|[Kk]ế hoạch|[Cc]hương trình|[Qq]uy hoạch|"
                         r"[Dd]ự án|nhiệm vụ|giải pháp|phương hướng)\b")


def find_period(text: str) -> str | None:
    """The period reviewed, in a normal form: "6 tháng đầu năm 2023", "quý III/2023".

    A period announced as the one planned ("nhiệm vụ trọng tâm 3 tháng cuối năm 2025", "phương
    hướng quý IV") is not the period reviewed; "9 tháng đầu năm, ... năm 2025" takes the year after it.
    """
    found = [(m.start(), m) for m in RE_PERIOD.finditer(text)]
    found += [(m.start(), m) for m in RE_PERIOD_NO_YEAR.finditer(text)]
    found += [(m.start(), m) for m in RE_STAGE.finditer(text)]
    found += [(m.start(), m) for m in RE_SCHOOL_YEAR.finditer(text)] if "năm học" in text else []
    for _, m in sorted(found, key=lambda f: f[0]):
        if m.re is RE_SCHOOL_YEAR:  # "tổng kết năm học 2023 - 2024" (not "nhiệm vụ năm học 2024 - 2025")
            clause = re.split(r"[;.:()]", text[max(0, m.start() - 80) : m.start()])[-1]
            cue = list(_REVIEWED.finditer(clause))
            if cue and not _PLANNED.search(clause[cue[-1].end():]):
                return f"năm học {m.group('y1')} - {m.group('y2')}"
            continue
        if m.re is RE_STAGE:  # reviewed in its clause, and the stage of no resolution or plan cited there
            clause = re.split(r"[;.:()]|\svà\s", text[max(0, m.start() - 200) : m.start()])[-1]
            cue = list(_REVIEWED.finditer(clause))
            if cue and not RE_STAGE_OF.search(clause[cue[-1].end():]):
                return f"giai đoạn {m.group('y1')} - {m.group('y2')}"
            continue
        if m.re is RE_PERIOD_NO_YEAR:
            if not _planned(text, m.start(), False):
                return f"{_months(m.group('months'))} tháng đầu năm {m.group('y')}"
            continue
        if _planned(text, m.start(), bool(m.group("half")) and m.group("half").lower() == "cuối"):
            continue
        if m.group("months"):
            return f"{_months(m.group('months'))} tháng {m.group('half').lower()} năm {m.group('y1')}"
        if m.group("q"):
            return f"quý {m.group('q').upper()}/{m.group('y2')}"
        return f"{m.group('first')} tháng năm {m.group('y3')}"
    return None
