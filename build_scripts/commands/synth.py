"""Synthetic corpus: realistic conclusions made by recombining the genre's parts, for scale tests.

The benchmark needs archives of thousands of texts that grow as a real one does: many towns,
each with its own committees and bodies; tasks with assignees and deadlines; citations drawn
from pools shared across the archive (central documents cited everywhere, a province's
documents cited by its towns, a town's own earlier conclusions cited by its later ones), so
cross-link pages, body pages and the task tracker grow as they would.

Deterministic: a text depends only on the seed and its position, never on ``--docs``, so the
first 250 texts of a 1,000-text corpus are the 250-text corpus (growth is measured on like
with like).

With ``status``, the office's status file comes too (``tinh-trang.csv``): about half the tasks
reported on, some twice (a history), each text's reports from a stream of their own, so the texts
are the same with or without it.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .. import knowledge
from ..pipeline import sources
from ..writers import records

PLACES = 24  # towns in the synthetic archive (a few provinces' cities and towns)
YEARS = (2019, 2020, 2021, 2022, 2023, 2024)


@dataclass(frozen=True)
class Place:
    name: str  # "Tam Kỳ"
    province: str  # "Quảng Nam"
    city: bool  # thành phố (Thành ủy) or thị xã (Thị ủy)

    @property
    def level(self) -> str:
        return "thành phố" if self.city else "thị xã"

    @property
    def committee(self) -> str:
        return "Thành ủy" if self.city else "Thị ủy"

    @property
    def code(self) -> str:
        return "ThU" if self.city else "TU"


@dataclass(frozen=True)
class Cited:
    kind: str
    symbol: str
    date: str  # dd/mm/yyyy
    issuer: str

    def phrase(self, rng: random.Random) -> str:
        """How a text cites it: always the symbol, usually the date, often the issuer."""
        out = f"{self.kind} số {self.symbol}"
        if rng.random() < 0.85:
            out += f" ngày {self.date}"
        if rng.random() < 0.7:
            out += f" của {self.issuer}"
        return out


@dataclass(frozen=True)
class Meta:
    """What other texts need to know of text ``i`` to cite it: fixed before any text is written."""

    index: int
    place: Place
    party: bool  # a committee's conclusion, or a people's committee's announcement
    number: str
    meeting: tuple[int, int, int]  # day, month, year
    issued: tuple[int, int, int]
    issuer: str

    def cited(self) -> Cited:
        d, m, y = self.issued
        return Cited("Thông báo", self.number, f"{d:02d}/{m}/{y}", self.issuer)


# --- the genre's parts ----------------------------------------------------------------------------

CENTRAL = [
    Cited("Nghị quyết", "25-NQ/TW", "03/6/2013", "Ban Chấp hành Trung ương"),
    Cited("Kết luận", "43-KL/TW", "07/01/2019", "Ban Bí thư"),
    Cited("Chỉ thị", "05-CT/TW", "15/5/2016", "Bộ Chính trị"),
    Cited("Quy định", "11-QĐi/TW", "18/02/2019", "Bộ Chính trị"),
    Cited("Chỉ thị", "18-CT/TW", "26/10/2022", "Ban Bí thư"),
    Cited("Quyết định", "217-QĐ/TW", "12/12/2013", "Bộ Chính trị"),
    Cited("Quyết định", "218-QĐ/TW", "12/12/2013", "Bộ Chính trị"),
    Cited("Chỉ thị", "21-CT/TW", "20/01/2018", "Ban Bí thư"),
    Cited("Nghị quyết", "18-NQ/TW", "25/10/2017", "Ban Chấp hành Trung ương"),
    Cited("Nghị quyết", "19-NQ/TW", "16/6/2022", "Ban Chấp hành Trung ương"),
    Cited("Kết luận", "21-KL/TW", "25/10/2021", "Ban Chấp hành Trung ương"),
    Cited("Chỉ thị", "42-CT/TW", "24/3/2020", "Ban Bí thư"),
    Cited("Nghị quyết", "06-NQ/TW", "24/01/2022", "Bộ Chính trị"),
    Cited("Kết luận", "01-KL/TW", "18/5/2021", "Bộ Chính trị"),
    Cited("Quy định", "69-QĐ/TW", "06/7/2022", "Bộ Chính trị"),
    Cited("Nghị quyết", "35-NQ/TW", "22/10/2018", "Bộ Chính trị"),
]
PARTY_KINDS = (("Nghị quyết", "NQ"), ("Chỉ thị", "CT"), ("Kế hoạch", "KH"), ("Kết luận", "KL"),
               ("Đề án", "ĐA"), ("Quy định", "QĐ"), ("Chương trình", "CTr"))
STATE_KINDS = (("Quyết định", "QĐ-UBND"), ("Kế hoạch", "KH-UBND"), ("Công văn", "UBND-KT"))

TOPICS = [
    "công tác dân vận của hệ thống chính trị", "công tác giải phóng mặt bằng các dự án trọng điểm",
    "chương trình xây dựng nông thôn mới và đô thị văn minh", "công tác cải cách hành chính",
    "công tác phòng, chống thiên tai và tìm kiếm cứu nạn", "công tác bảo vệ môi trường và quản lý chất thải rắn",
    "công tác quản lý đất đai, trật tự xây dựng", "tình hình thu ngân sách nhà nước",
    "công tác chuyển đổi số và xây dựng chính quyền số", "công tác giảm nghèo bền vững",
    "hoạt động của Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
    "công tác xây dựng Đảng và hệ thống chính trị", "công tác phát triển du lịch và dịch vụ",
    "công tác bảo đảm an ninh, trật tự an toàn xã hội", "công tác y tế, phòng chống dịch bệnh",
    "công tác giáo dục và đào tạo, phát triển nguồn nhân lực", "việc thực hiện quy chế dân chủ ở cơ sở",
    "công tác tiếp công dân, giải quyết khiếu nại, tố cáo", "công tác phát triển kinh tế tập thể, hợp tác xã",
    "việc triển khai các công trình chào mừng đại hội",
]
VERBS = [
    "Tiếp tục lãnh đạo, chỉ đạo thực hiện có hiệu quả", "Tăng cường công tác kiểm tra, giám sát việc thực hiện",
    "Đẩy mạnh công tác tuyên truyền, vận động Nhân dân về", "Chủ động rà soát, đánh giá kết quả",
    "Tập trung tháo gỡ khó khăn, vướng mắc trong", "Xây dựng kế hoạch cụ thể để triển khai",
    "Nâng cao chất lượng, hiệu quả", "Kiện toàn tổ chức bộ máy, đội ngũ cán bộ làm",
    "Phối hợp chặt chẽ với các cơ quan liên quan trong", "Tổ chức sơ kết, đánh giá",
    "Đổi mới nội dung, phương thức thực hiện", "Chỉ đạo các xã, phường đẩy nhanh tiến độ",
]
QUALIFIERS = [
    "trên địa bàn", "gắn với việc thực hiện các chỉ tiêu phát triển kinh tế - xã hội năm {year}",
    "bảo đảm đúng quy định của pháp luật", "phù hợp với chức năng, nhiệm vụ của từng cơ quan, đơn vị",
    "nhất là ở các khu dân cư, tổ dân phố", "theo phương châm rõ người, rõ việc, rõ thời gian",
    "tạo sự đồng thuận trong Nhân dân", "không để phát sinh điểm nóng, phức tạp",
    "lấy sự hài lòng của người dân làm thước đo", "hướng về cơ sở",
]
RESULTS = [
    "đã bám sát chỉ đạo của cấp trên, chủ động triển khai các nhiệm vụ trọng tâm",
    "đạt được nhiều kết quả tích cực, góp phần hoàn thành các chỉ tiêu đề ra",
    "có chuyển biến rõ nét, được Nhân dân đồng tình, ủng hộ",
    "được các cấp ủy, chính quyền quan tâm lãnh đạo, chỉ đạo sâu sát",
    "từng bước đi vào nền nếp, phát huy hiệu quả",
    "huy động được sự tham gia của cả hệ thống chính trị",
]
ACHIEVEMENTS = [
    "Tổ chức {n} hội nghị quán triệt cho {m} lượt cán bộ, đảng viên",
    "Vận động Nhân dân hiến {n} m² đất để mở rộng đường giao thông",
    "Giải quyết dứt điểm {n} trên {m} vụ việc phức tạp, tồn đọng kéo dài",
    "Hoàn thành bàn giao mặt bằng {n}% diện tích của các dự án",
    "Thăm, tặng {n} suất quà cho các hộ nghèo, gia đình chính sách",
    "Thu ngân sách đạt {n}% dự toán, tăng {m}% so với cùng kỳ",
    "Xây dựng {n} mô hình điểm trong phong trào thi đua \"Dân vận khéo\"",
    "Tiếp {n} lượt công dân, tiếp nhận {m} đơn thư kiến nghị, phản ánh",
]
SHORTCOMINGS = [
    "Công tác nắm bắt tình hình tư tưởng, nguyện vọng của Nhân dân có lúc chưa kịp thời",
    "Việc cụ thể hóa các văn bản chỉ đạo của cấp trên ở một số cơ sở còn chậm",
    "Tiến độ giải phóng mặt bằng một số dự án còn chậm so với yêu cầu",
    "Sự phối hợp giữa các cơ quan, đơn vị trong một số nhiệm vụ chưa chặt chẽ",
    "Chất lượng sinh hoạt chi bộ ở một số nơi chưa cao, chưa thu hút đảng viên",
    "Công tác kiểm tra, giám sát việc thực hiện sau hội nghị chưa thường xuyên",
    "Một số chỉ tiêu về thu ngân sách, giải ngân vốn đầu tư công đạt thấp",
    "Việc xử lý vi phạm trật tự xây dựng, lấn chiếm đất công chưa dứt điểm",
]
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE = ("Văn", "Thị", "Đình", "Minh", "Ngọc", "Thanh", "Quốc", "Hữu", "Thị Mỹ", "Công")
GIVEN = ("Hùng", "Lan", "Dũng", "Hoa", "Sơn", "Hải", "Thảo", "Tuấn", "Hiệp", "Lợi", "Khánh", "Phương", "Bình")


def _bodies(p: Place) -> list[str]:
    """The bodies of a town that conclusions give tasks to."""
    town, cap = p.level, p.committee
    return [
        f"Ủy ban nhân dân {town}", f"UBND {town}", f"Ủy ban MTTQ Việt Nam {town}", f"Ban Dân vận {cap}",
        f"Ban Tuyên giáo {cap}", f"Ban Tổ chức {cap}", f"Ủy ban Kiểm tra {cap}", f"Văn phòng {cap}",
        "Phòng Tài nguyên và Môi trường", "Phòng Nội vụ", "Phòng Tài chính - Kế hoạch", f"Công an {town}",
        f"Ban Chỉ huy Quân sự {town}", f"Hội Liên hiệp Phụ nữ {town}", f"Hội Nông dân {town}",
        f"Hội Cựu chiến binh {town}", f"Liên đoàn Lao động {town}", "Đảng ủy các xã, phường",
    ]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def places(seed: int) -> list[Place]:
    """The towns of the archive, drawn once from data/localities.yml (cities and towns of provinces)."""
    data = knowledge.localities()["provinces"]
    # a town that shares its province's name ("Bắc Kạn") is read as the province: left out
    pairs = sorted((town, province) for province, towns in data.items() for town in towns if town not in data)
    rng = random.Random(f"places:{seed}")
    chosen = rng.sample(pairs, min(PLACES, len(pairs)))
    return [Place(town, province, rng.random() < 0.6) for town, province in chosen]


def _provincial(place: Place, seed: int) -> list[Cited]:
    """Documents of the province's committee, cited by its towns."""
    rng = random.Random(f"province:{seed}:{place.province}")
    out = []
    for _ in range(10):
        kind, code = rng.choice(PARTY_KINDS)
        date = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12)}/{rng.choice(YEARS[:-1])}"
        out.append(Cited(kind, f"{rng.randint(1, 120):02d}-{code}/TU", date, "Ban Thường vụ Tỉnh ủy"))
    return out


def _local(place: Place, seed: int) -> list[Cited]:
    """A town's own plans and decisions (not conclusions), cited by its conclusions."""
    rng = random.Random(f"local:{seed}:{place.name}")
    out = []
    for _ in range(8):
        y = rng.choice(YEARS[:-1])
        date = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12)}/{y}"
        if rng.random() < 0.6:
            kind, code = rng.choice(PARTY_KINDS)
            out.append(Cited(kind, f"{rng.randint(1, 150):02d}-{code}/{place.code}", date,
                             f"Ban Thường vụ {place.committee}"))
        else:
            kind, code = rng.choice(STATE_KINDS)
            out.append(Cited(kind, f"{rng.randint(100, 3999)}/{code}", date, f"UBND {place.level}"))
    return out


def metas(n: int, seed: int) -> list[Meta]:
    towns = places(seed)
    weights = [1 / (k + 1) for k in range(len(towns))]
    out = []
    for i in range(n):
        rng = random.Random(f"meta:{seed}:{i}")
        place = rng.choices(towns, weights)[0]  # some towns issue many more than others
        party = rng.random() < 0.75
        year = rng.choice(YEARS)
        month, day = rng.randint(1, 12), rng.randint(1, 24)
        issued = (min(day + rng.randint(1, 4), 28), month, year)
        number = f"{i + 100}-TB/{place.code}" if party else f"{i + 100}/TB-UBND"
        issuer = (f"{rng.choice(('Ban Thường vụ', 'Thường trực'))} {place.committee}" if party
                  else f"Chủ tịch UBND {place.level}")
        out.append(Meta(i, place, party, number, (day, month, year), issued, issuer))
    return out


# --- one text --------------------------------------------------------------------------------------


SHAPES = ("whole", "short", "long")  # the corpus's texts: as the genre's usual length, short notices, long ones


class Writer:
    """Writes text ``meta.index`` from its own random stream, in one of the ``SHAPES``: a whole conclusion (an
    assessment of four to six paragraphs, 8-18 numbered tasks, ~12 kB), a short notice (one paragraph of
    assessment, two to four tasks, ~4 kB: a rebuild's fixed part weighs more beside it) or a long one (the
    assessment twice as long)."""

    def __init__(self, meta: Meta, earlier: list[Meta], seed: int, shape: str = "whole") -> None:
        if shape not in SHAPES:
            raise ValueError(f"shape {shape!r}: one of {', '.join(SHAPES)}")
        self.shape = shape
        self.m = meta
        self.p = meta.place
        self.rng = random.Random(f"text:{seed}:{meta.index}")
        self.year = meta.meeting[2]
        self.bodies = _bodies(self.p)
        self.pool = _provincial(self.p, seed), _local(self.p, seed)
        self.earlier = [e for e in earlier if e.place == self.p and e.issued[2] <= self.year][-12:]

    def citation(self) -> str:
        """A citation from the shared pools: central, provincial, local, or an earlier conclusion of the town."""
        r, rng = self.rng.random(), self.rng
        if r < 0.35:
            c = CENTRAL[min(int(rng.expovariate(0.25)), len(CENTRAL) - 1)]  # a few are cited everywhere
        elif r < 0.6:
            c = rng.choice(self.pool[0])
        elif r < 0.85 or not self.earlier:
            c = rng.choice(self.pool[1])
        else:
            c = rng.choice(self.earlier).cited()
        return c.phrase(rng)

    def clause(self) -> str:
        q = self.rng.choice(QUALIFIERS).format(year=self.year)
        if q == "trên địa bàn":
            q += f" {self.p.level}"
        verb = self.rng.choice(VERBS)
        return f"{verb[0].lower()}{verb[1:]} {self.rng.choice(TOPICS)}, {q}"

    def deadline(self) -> str:
        rng, y = self.rng, self.year + (self.m.meeting[1] > 9)
        return rng.choice([
            f"hoàn thành trước ngày {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{y}",
            f"báo cáo kết quả trong quý {rng.choice(('I', 'II', 'III', 'IV'))}/{y}",
            f"hoàn thành trong tháng {rng.randint(1, 12)}/{y}",
            f"thực hiện trong năm {y}",
        ])

    def header(self) -> str:
        p, m = self.p, self.m
        d, mo, y = m.issued
        dated = f"{p.name}, ngày {d:02d} tháng {mo:02d} năm {y}"
        if m.party:
            return (f"ĐẢNG BỘ TỈNH {p.province.upper()}\n{p.committee.upper()} {p.name.upper()}\n*\nSố {m.number}\n\n"
                    f"ĐẢNG CỘNG SẢN VIỆT NAM\n{dated}")
        return (f"ỦY BAN NHÂN DÂN\n{p.level.upper()} {p.name.upper()}\n\nSố: {m.number}\n\n"
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n" + dated)

    def title(self, topic: str) -> str:
        kind = self.rng.choice(("KẾT LUẬN", "THÔNG BÁO KẾT LUẬN")) if self.m.party else "THÔNG BÁO"
        lead = "của" if self.m.party else "Ý kiến kết luận của"
        return f"{kind}\n{lead} {self.m.issuer} về {topic} năm {self.year}"

    def opening(self, topic: str) -> str:
        d, mo, y = self.m.meeting
        reporter = self.rng.choice(self.bodies[:8])
        chair = _name(self.rng)
        role = f"Bí thư {self.p.committee}" if self.m.party else f"Chủ tịch UBND {self.p.level}"
        return (f"Ngày {d:02d}/{mo:02d}/{y}, {self.m.issuer} họp nghe {reporter} báo cáo kết quả {topic}; "
                f"đồng chí {chair} - {role} chủ trì hội nghị. Sau khi nghe báo cáo và ý kiến thảo luận của các "
                f"đồng chí dự họp, {self.m.issuer} kết luận như sau:")

    def assessment(self) -> list[str]:
        rng, out = self.rng, []
        paragraphs = rng.randint(4, 6)
        for _ in range({"whole": paragraphs, "short": 1, "long": 2 * paragraphs}[self.shape]):
            sentences = [f"Thời gian qua, các cơ quan, đơn vị {rng.choice(RESULTS)}."]
            for achievement in rng.sample(ACHIEVEMENTS, rng.randint(2, 4)):
                fact = achievement.format(n=rng.randint(2, 95), m=rng.randint(10, 900))
                sentences.append(f"{fact}; {self.clause()}.")
            if rng.random() < 0.8:
                sentences.append(f"Thực hiện {self.citation()}, đã {self.clause()}.")
            out.append(" ".join(sentences))
        return out

    def shortcomings(self) -> str:
        items = self.rng.sample(SHORTCOMINGS, self.rng.randint(2, 4))
        return ("Tuy nhiên, bên cạnh những kết quả đạt được, vẫn còn một số tồn tại, hạn chế như sau:\n\n"
                + "\n".join(f"- {s}." for s in items))

    def task(self) -> str:
        rng = self.rng
        lead, support = rng.sample(self.bodies, 2)
        shape = rng.random()
        cite = f" theo tinh thần {self.citation()}" if rng.random() < 0.45 else ""
        if shape < 0.4:
            text = (f"Giao {lead} chủ trì, phối hợp với {support} {self.clause()}{cite}; {self.deadline()}.")
        elif shape < 0.6:
            text = f"Đề nghị {lead} {self.clause()}{cite}; {self.deadline()}."
        else:
            text = f"{lead} {self.clause()}{cite}; {self.deadline()}."
        return _capital(text)

    def tasks(self) -> list[str]:
        rng, out = self.rng, []
        self.numbers: list[str] = []  # the tasks' numbers as the text prints them ("3", "4.a"): the status file's
        for k in range(1, (rng.randint(2, 4) if self.shape == "short" else rng.randint(8, 18)) + 1):
            if rng.random() < 0.25:  # a body's heading with lettered tasks under it
                body = rng.choice(self.bodies)
                subs = [f"{chr(ord('a') + j)}) {_capital(self.clause())}; {self.deadline()}."
                        for j in range(rng.randint(2, 3))]
                out.append(f"{k}. {body}:\n" + "\n".join(subs))
                self.numbers += [f"{k}.{chr(ord('a') + j)}" for j in range(len(subs))]
            else:
                out.append(f"{k}. {self.task()}")
                self.numbers.append(str(k))
        return out

    def closing(self) -> str:
        p = self.p
        office = f"Văn phòng {p.committee}" if self.m.party else f"Văn phòng HĐND và UBND {p.level}"
        recipients = ["Ban Thường vụ Tỉnh ủy (báo cáo)", f"Thường trực {p.committee}", *self.rng.sample(self.bodies, 4),
                      "Lưu VT"]
        sign = ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ" if self.m.party else "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
        return (f"Giao {office} theo dõi, đôn đốc việc thực hiện Kết luận này, định kỳ báo cáo {self.m.issuer}.\n\n"
                "Nơi nhận:\n" + "\n".join(f"- {r}," for r in recipients[:-1]) + f"\n- {recipients[-1]}.\n\n"
                f"{sign}\n\n{_name(self.rng)}")

    def text(self) -> str:
        topic = self.rng.choice(TOPICS)
        parts = [self.header(), self.title(topic), self.opening(topic), "I. ĐÁNH GIÁ CHUNG", *self.assessment(),
                 self.shortcomings(), f"II. NHIỆM VỤ TRỌNG TÂM NĂM {self.year + (self.m.meeting[1] > 9)}",
                 f"Để khắc phục những hạn chế nêu trên, {self.m.issuer} yêu cầu các cơ quan, đơn vị tập trung "
                 "thực hiện tốt các nhiệm vụ sau:",
                 *self.tasks(), self.closing()]
        return "\n\n".join(parts) + "\n"


def file_name(meta: Meta) -> str:
    return f"tb-{meta.index + 1:05d}.txt"


def _writers(n: int, seed: int, shape: str = "whole") -> list[tuple[Meta, Writer, str]]:
    ms = metas(n, seed)
    out = []
    for m in ms:
        writer = Writer(m, ms[: m.index], seed, shape)
        out.append((m, writer, writer.text()))
    return out


def corpus(n: int, seed: int = 1, shape: str = "whole") -> dict[str, str]:
    """File name -> text of the first ``n`` texts of the corpus for ``seed`` (and ``shape``, ``SHAPES``)."""
    return {file_name(m): text for m, _w, text in _writers(n, seed, shape)}


STATUS_FILE = sources.STATUS_FILE
STATUS_COLUMNS = ["van_ban", "nhiem_vu", "tinh_trang", "ngay", "can_cu", "ghi_chu"]
_STATES = (("đã hoàn thành", 0.4), ("đang thực hiện", 0.45), ("chưa thực hiện", 0.15))


def status_rows(meta: Meta, numbers: list[str], seed: int) -> list[list[str]]:
    """An office's reports on one text's tasks: about half of them, a third of those twice (earlier, then
    later), dated after the text was issued; now and then the report that says so as evidence."""
    rng = random.Random(f"status:{seed}:{meta.index}")
    d, m, y = meta.issued
    issued = date(y, m, d)
    rows = []
    for number in numbers:
        if rng.random() < 0.5:
            continue
        day = issued + timedelta(days=rng.randint(20, 300))
        reports = [day] + ([day + timedelta(days=rng.randint(30, 200))] if rng.random() < 0.33 else [])
        for when in reports:
            state = rng.choices([s for s, _ in _STATES], [w for _, w in _STATES])[0]
            evidence = f"Báo cáo số {rng.randint(10, 399)}-BC/{meta.place.code}" if rng.random() < 0.3 else ""
            rows.append([file_name(meta), number, state, when.strftime("%d/%m/%Y"), evidence, ""])
    return rows


def write_corpus(n: int, out_dir: Path, seed: int = 1, status: bool = False, shape: str = "whole") -> list[Path]:
    """Write the corpus into ``out_dir`` (created); .txt files already there are removed first. With ``status``,
    the office's status file too (else one left there is removed)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in [*out_dir.glob("*.txt"), out_dir / STATUS_FILE]:
        old.unlink(missing_ok=True)
    written, reports = [], []
    for meta, writer, text in _writers(n, seed, shape):
        path = out_dir / file_name(meta)
        path.write_text(text, encoding="utf-8")
        written.append(path)
        reports += status_rows(meta, writer.numbers, seed) if status else []
    if status:  # as Vietnamese Excel saves it: semicolons, a BOM
        (out_dir / STATUS_FILE).write_bytes(records.csv_text(STATUS_COLUMNS, reports, ";").encode("utf-8-sig"))
    return written


def run(args: argparse.Namespace) -> int:
    shape = getattr(args, "shape", "whole")
    written = write_corpus(args.docs, Path(args.out), args.seed, status=args.status, shape=shape)
    also = f" and the status file {STATUS_FILE}" if args.status else ""
    kind = "" if shape == "whole" else f" {shape}"
    print(f"Wrote {len(written)}{kind} synthetic texts{also} into {args.out} (seed {args.seed}).")
    return 0
