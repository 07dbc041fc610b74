"""The fixed words of the official documents bcd138 writes (Nghị định 30/2020/NĐ-CP, Phụ
lục I): the heading block, the committee's name, dates as the decree writes them, and the
line that ties an annex to its decision. The annex (Excel and Word), the Quyết định and the
workbooks all take them from here."""

from __future__ import annotations

from datetime import date

from committee.domain.records import UnitRef

COMMITTEE_NAME = (
    "Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân "
    "bảo vệ an ninh Tổ quốc"
)
AGENCY = "ỦY BAN NHÂN DÂN"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
ISSUER_ABBREVIATION = "UBND"
BLANK_DATE = "ngày      tháng      năm"
"""A date left for the signer to write by hand (a draft not yet signed)."""
ANNEX_HEADERS = (
    "STT",
    "Họ và tên",
    "Chức vụ, đơn vị công tác",
    "Chức danh trong Ban Chỉ đạo",
    "Nhiệm vụ được phân công",
    "Ghi chú",
)
"""The columns of the Danh sách, in Excel and in Word; words the roster reader knows."""
REFERENCE_BREAKS = ("của", "ngày")
"""Where the "(Kèm theo …)" line breaks when it needs two lines, the first that balances
them: before the issuer, else before the date; never one word alone on a line."""


def issuing_body(unit: UnitRef) -> str:
    """The second line of the heading block, under AGENCY: "HUYỆN GIA LỘC"."""
    return unit.phrase.upper()


def decree_date(day: date | None) -> str:
    """ "ngày 05 tháng 6 năm 2023", "ngày 12 tháng 02 năm 2024": a day below 10 and the
    months 1 and 2 are written with a leading 0 (NĐ 30, Phụ lục I, khoản 5 mục II)."""
    if day is None:
        return BLANK_DATE
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(unit: UnitRef, day: date | None) -> str:
    """The place-and-date line: the unit's name without its kind, "Gia Lộc, ngày 05 tháng
    6 năm 2023"."""
    return f"{unit.short_name}, {decree_date(day)}"


def decision_reference(number: str, signed_on: date | None, unit: UnitRef) -> str:
    """ "(Kèm theo Quyết định số 2105/QĐ-UBND ngày 12 tháng 6 năm 2023 của UBND huyện Thanh
    Hà)": the line under an annex's title."""
    signed = f" {decree_date(signed_on)}" if signed_on else ""
    return f"(Kèm theo Quyết định số {number}{signed} của {ISSUER_ABBREVIATION} {unit.phrase})"


def committee_members_line(unit: UnitRef) -> str:
    """The annex's second title line: "Thành viên Ban Chỉ đạo … huyện Thanh Hà"."""
    return f"Thành viên {COMMITTEE_NAME} {unit.phrase}"
