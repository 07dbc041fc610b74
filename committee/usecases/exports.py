"""Use-cases: the exports a clerk signs and sends, as the CLI and the UI call them.

Each reads what its document shows (the unit, the decision chosen or the one in force,
its roster with the duties in force and the official titles, the signer; or the check of a
district or a province), builds the plain records of committee/exports/records.py, and
has committee/exports/ lay them out. The file asked for is checked before any work (it
exists and --force is not given, its folder is missing, LibreOffice is missing for --pdf),
and every file goes into place whole or not at all.

    export_roster     the Danh sách of a decision as a workbook
    export_decision   the Quyết định with its Danh sách as a Word document
    export_district   a district and its communes: summary, findings, rules, annexes
    export_province   every district summed up, every committee, finding and rule

`pdf=True` writes a PDF beside the file, through LibreOffice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from sqlalchemy import select
from sqlmodel import Session

from committee.catalogue.official_titles import PostLine, printed_titles
from committee.domain import validation
from committee.domain.errors import UserError
from committee.domain.records import UnitRef
from committee.domain.text import clean
from committee.domain.vocabulary import (
    DEFAULT_ERA,
    Era,
    Level,
    Portfolio,
    Role,
    Severity,
    era_option,
)
from committee.exports.decision_template import DecisionTemplate, load_decision_template
from committee.exports.export_paths import DOCX, XLSX, default_export_path, output_path, pdf_beside
from committee.exports.export_rows import (
    CommitteeRow,
    FindingRow,
    district_rows,
    timeliness,
)
from committee.exports.output_files import checked_target, write_atomically
from committee.exports.records import Annex, AnnexLine, DecisionDocument, Signature
from committee.rules.pack import SEVERITY_LABELS, RulePack, rule_pack_for
from committee.store.models import AdminUnit, Decision, Membership
from committee.usecases.checking import CheckReport, CommitteeReport, check_units, select_units
from committee.usecases.decisions import current_decision, get_decision, list_decisions, recognise
from committee.usecases.documents import roster_with_duties
from committee.usecases.succession import former_districts
from committee.usecases.units import child_unit_refs, get_unit, to_ref, unit_of

if TYPE_CHECKING:  # the writers (openpyxl, pandas, python-docx) are imported when used
    from committee.exports.workbooks import DistrictData, ProvinceData


_Data = TypeVar("_Data")
_Saveable = Any  # a workbook or a Word document: anything with save(stream)


@dataclass(frozen=True)
class Exported:
    """What an export wrote: the file, and the PDF beside it when one was asked for."""

    path: Path
    pdf: Path | None = None


# --- choosing the decision ---------------------------------------------------------------------


def _committee_unit(session: Session, unit_code: str, era: Era = DEFAULT_ERA) -> AdminUnit:
    unit = get_unit(session, unit_code, era)
    if unit.level == Level.PROVINCE:
        raise UserError(
            f"{unit.name} là cấp tỉnh; danh sách Ban Chỉ đạo chỉ có ở cấp huyện, cấp xã."
        )
    return unit


def chosen_decision(session: Session, unit: AdminUnit, number: str | None) -> Decision:
    """The unit's decision numbered `number` (as a clerk types it), by default the one in
    force. Raises UserError naming the decisions stored when there is no such one."""
    if number is None:
        decision = current_decision(session, unit.code, Era(unit.era))
        if decision is None:
            raise UserError(
                f"{unit.name} chưa có quyết định kiện toàn Ban Chỉ đạo nào đã ban hành; "
                f"hãy nhập danh sách trước: bcd138 import TỆP --unit {unit.code}"
                f"{era_option(unit.era)}."
            )
        return decision
    wanted = validation.decision_number(number, "decision")
    decisions = list_decisions(session, unit.code, Era(unit.era))
    for decision in decisions:  # the one in force first, then drafts, then older ones
        if decision.number == wanted:
            return decision
    known = ", ".join(dict.fromkeys(decision.number for decision in decisions))
    raise UserError(
        f"{unit.name} không có quyết định số {wanted}"
        + (f"; các quyết định đã lưu: {known}." if known else "; chưa lưu quyết định nào.")
    )


# --- the annex -------------------------------------------------------------------------------


def _trailing_name(text: str) -> str:
    """The person's name written after a post: "Phó Chủ tịch Khúc Thị Dung" → "Khúc Thị
    Dung" (the capitalised words at the end, at least two); "" when there is none."""
    words: list[str] = []
    for word in reversed(text.split()):
        if not word[:1].isupper() or (len(word) > 1 and word.isupper()):
            break
        words.append(word)
    return " ".join(reversed(words)) if len(words) >= 2 else ""


def _signer(
    session: Session,
    decision: Decision,
    unit: AdminUnit,
    lines: Sequence[Membership],
    template: DecisionTemplate,
) -> tuple[str | None, str]:
    """Who signs: (their post, a key of data/posts.toml or None; their name). From the
    decision's signer as written ("Hồ Văn Minh", "KT. Chủ tịch - Phó Chủ tịch Khúc Thị
    Dung"): a member named in it, else the post it names, else the name itself. Without a
    signer, the Chủ tịch UBND of the roster when there is one."""
    signer = clean(decision.signer)
    if not signer:
        for line in lines:
            if line.post_kind == "ubnd_chair" and line.post_unit_code == unit.code:
                return line.post_kind, line.full_name
        return None, ""
    named = [line for line in lines if line.full_name and line.full_name in signer]
    post = recognise(session, signer, unit).post_kind
    if named:
        member = max(named, key=lambda line: len(line.full_name))
        own = member.post_unit_code == unit.code
        return post or (member.post_kind if own else None), member.full_name
    if post is not None or template.names_a_post(signer):
        return post, _trailing_name(signer)
    return None, signer


def _annex(session: Session, decision: Decision, template: DecisionTemplate) -> Annex:
    unit = unit_of(session, decision)
    committee = to_ref(unit)
    roster = roster_with_duties(session, decision.id)
    units: dict[str, UnitRef] = {committee.code: committee}
    for line, _ in roster:
        code = line.post_unit_code
        if code is not None and code not in units:
            found = session.get(AdminUnit, (line.post_unit_era or unit.era, code))
            if found is not None:
                units[code] = to_ref(found)
    printed = printed_titles(
        committee,
        [
            PostLine(
                line.title,
                line.post_kind,
                units.get(line.post_unit_code) if line.post_unit_code else None,
                Portfolio(line.portfolio),
            )
            for line, _ in roster
        ],
        # as written on the decision's date (a post renamed since prints its new name only
        # on a later decision); a draft not yet signed: as written today
        decision.signed_on or date.today(),
    )
    post, name = _signer(session, decision, unit, [line for line, _ in roster], template)
    return Annex(
        unit=committee,
        number=decision.number,
        signed_on=decision.signed_on,
        lines=tuple(
            AnnexLine(line.full_name, line.title, title, Role(line.role), duties, line.note)
            for (line, duties), title in zip(roster, printed, strict=True)
        ),
        signature=template.signature(post, name, clean(decision.signer)),
    )


def annex_for_decision(session: Session, decision_id: int) -> Annex:
    """The annex of one decision (by its id)."""
    return _annex(session, get_decision(session, decision_id), load_decision_template())


def load_annex(
    session: Session, unit_code: str, decision_number: str | None = None, era: Era = DEFAULT_ERA
) -> Annex:
    """The annex of the unit's decision numbered `decision_number`, by default of the one
    in force. Raises UserError when the unit or the decision is not there."""
    unit = _committee_unit(session, unit_code, era)
    return annex_for_decision(session, chosen_decision(session, unit, decision_number).id)


def load_decision_document(
    session: Session, unit_code: str, decision_number: str | None = None, era: Era = DEFAULT_ERA
) -> DecisionDocument:
    """The Quyết định of the unit numbered `decision_number` (by default the one in
    force), its texts filled in from data/templates/quyet-dinh-kien-toan.toml."""
    unit = _committee_unit(session, unit_code, era)
    decision = chosen_decision(session, unit, decision_number)
    template = load_decision_template()
    annex = _annex(session, decision, template)
    parent = (
        to_ref(get_unit(session, unit.parent_code, Era(unit.era))) if unit.parent_code else None
    )
    replaced = None
    if decision.supersedes_id is not None:
        earlier = get_decision(session, decision.supersedes_id)
        replaced = (earlier.number, earlier.signed_on)
    texts = template.fill(annex.unit, parent, rule_pack_for(unit.era).plan, replaced)
    return DecisionDocument(annex, texts)


# --- the checks summed up -----------------------------------------------------------------------


def committee_row(committee: CommitteeReport, pack: RulePack) -> CommitteeRow:
    """One committee's line: a committee without a decision has no error count (it is
    "Chưa kiện toàn", counted apart from "Chưa đạt")."""
    unit = committee.unit
    decision = committee.decision
    return CommitteeRow(
        unit=unit,
        district_code=unit.parent_code
        if unit.level == Level.COMMUNE and unit.parent_code
        else unit.code,
        number=decision.number if decision else None,
        signed_on=decision.signed_on if decision else None,
        member_count=committee.member_count if decision else None,
        status=committee.status_label,
        errors=committee.count(Severity.ERROR) if decision else None,
        warnings=committee.count(Severity.WARNING) if decision else None,
        timeliness=timeliness(decision, pack.deadline),
    )


def committee_rows(report: CheckReport, pack: RulePack) -> list[CommitteeRow]:
    return [committee_row(committee, pack) for committee in report.committees]


def finding_rows(report: CheckReport) -> list[FindingRow]:
    """Every finding of every committee, in the report's order."""
    return [
        FindingRow(
            committee.unit,
            finding.code,
            SEVERITY_LABELS[finding.severity],
            finding.member or "",
            finding.message,
        )
        for committee in report.committees
        for finding in committee.findings
    ]


def _report_signature() -> Signature:
    """The signer's place at the end of a report sheet: the body's head, signing by hand."""
    return load_decision_template().signature(None, "")


def district_data(
    session: Session, district_code: str, report_date: date | None = None
) -> DistrictData:
    """Read and check a district-level unit and its communes."""
    from committee.exports.workbooks import DistrictData

    units = select_units(session, district=district_code)
    pack = rule_pack_for(DEFAULT_ERA)
    report = check_units(session, units, pack)
    template = load_decision_template()
    annexes = tuple(
        _annex(session, get_decision(session, committee.decision_id), template)
        for committee in report.committees
        if committee.decision_id is not None
    )
    return DistrictData(
        district=units[0],
        pack=pack,
        rows=tuple(committee_rows(report, pack)),
        findings=tuple(finding_rows(report)),
        annexes=annexes,
        report_date=report_date or date.today(),
        signature=_report_signature(),
    )


def _province(session: Session, code: str | None, era: Era = DEFAULT_ERA) -> UnitRef:
    if code is not None:
        unit = get_unit(session, code, era)
        if unit.level != Level.PROVINCE:
            raise UserError(f"Mã «{code}» là {unit.name}, không phải một tỉnh, thành phố.")
        return to_ref(unit)
    provinces = session.scalars(
        select(AdminUnit)
        .where(AdminUnit.era == Era(era).value, AdminUnit.level == Level.PROVINCE.value)
        .order_by(AdminUnit.code)
    ).all()
    if not provinces:
        raise UserError(
            f"Cơ sở dữ liệu chưa có tỉnh nào ({Era(era).label}); hãy chạy: bcd138 init"
            f"{era_option(era)}."
        )
    if len(provinces) > 1:
        listed = ", ".join(f"{unit.code} {unit.name}" for unit in provinces)
        raise UserError(
            f"Cơ sở dữ liệu có nhiều tỉnh ({listed}); hãy chọn bằng --province MÃ{era_option(era)}."
        )
    return to_ref(provinces[0])


def province_data(
    session: Session,
    province: str | None = None,
    report_date: date | None = None,
    era: Era = DEFAULT_ERA,
) -> ProvinceData:
    """Read and check every committee of the province (the only one of the era in the
    database, or the one whose code is given). A 2025 province has no districts: its
    communes are summed up by the former district they came from (the succession)."""
    from committee.exports.workbooks import ProvinceData

    unit = _province(session, province, era)
    pack = rule_pack_for(unit.era)
    if unit.era is Era.Y2025:
        communes = child_unit_refs(session, [unit.code], unit.era)
        report = check_units(session, communes, pack)
        former = former_districts(session, communes)
        groups = list({group.code: group for group in former.values()}.values())
        order = [group.code for group in groups]
        rows = sorted(
            (
                replace(row, district_code=former[row.unit.code].code)
                for row in committee_rows(report, pack)
            ),
            key=lambda row: order.index(row.district_code),
        )
        names = {group.code: f"{group.name} ({Era.LEGACY.label})" for group in groups}
    else:
        groups = child_unit_refs(session, [unit.code], unit.era)
        communes_of: dict[str, list[UnitRef]] = {}
        for commune in child_unit_refs(session, [group.code for group in groups], unit.era):
            communes_of.setdefault(commune.parent_code or "", []).append(commune)
        units = [
            each for district in groups for each in (district, *communes_of.get(district.code, []))
        ]
        report = check_units(session, units, pack)
        rows = committee_rows(report, pack)
        names = {district.code: district.name for district in groups}
    return ProvinceData(
        province=unit,
        pack=pack,
        districts=tuple(district_rows(groups, rows)),
        committees=tuple(rows),
        findings=tuple(finding_rows(report)),
        district_names=names,
        report_date=report_date or date.today(),
        signature=_report_signature(),
    )


# --- writing -------------------------------------------------------------------------------


def _targets(path: Path, force: bool, pdf: bool) -> str | None:
    """Refuse before any work what cannot be written: the PDF beside an existing file
    without --force, or --pdf without LibreOffice. Returns the converter to use."""
    if not pdf:
        return None
    from committee.exports.pdf import converter

    checked_target(pdf_beside(path), force)
    return converter()


def _write(
    path: Path, build: Callable[[BinaryIO], None], force: bool, converter: str | None
) -> Exported:
    written = write_atomically(path, build, replace=force)
    if converter is None:
        return Exported(written)
    from committee.exports.pdf import write_pdf

    try:
        pdf = write_pdf(written, pdf_beside(written), replace=force, program=converter)
    except UserError as error:
        raise UserError(f"Đã ghi {written}, nhưng chưa có PDF: {error.message}") from error
    return Exported(written, pdf)


def _export(
    default: Path,
    output: Path | None,
    force: bool,
    pdf: bool,
    gather: Callable[[], _Data],
    build: Callable[[_Data], _Saveable],
) -> Exported:
    """Check the file asked for (and the PDF beside it) before any work, gather what the
    document shows, and write it: the document is built inside the atomic write, so that
    nothing of a failed one outlives it."""
    path = output_path(output, default, force)
    converter = _targets(path, force, pdf)
    data = gather()
    return _write(path, lambda stream: _save(build(data), stream), force, converter)


def _save(document: _Saveable, stream: BinaryIO) -> None:
    """A workbook is written in the document font; a Word document as it is."""
    from openpyxl import Workbook

    from committee.exports.document_font import save_in_document_font

    if isinstance(document, Workbook):
        save_in_document_font(document, stream)
    else:
        document.save(stream)


# Each export by kind: its default file name's prefix and suffix.
EXPORT_NAMES: dict[str, tuple[str, str]] = {
    "annex": ("danh-sach", XLSX),
    "decision": ("quyet-dinh", DOCX),
    "district": ("tong-hop-huyen", XLSX),
    "province": ("tong-hop-tinh", XLSX),
}


def default_export_file(
    kind: str, unit_code: str, number: str | None = None, era: Era = DEFAULT_ERA
) -> Path:
    """Where an export of this kind is written by default (the CLI without -o, the UI's
    proposal): exports/danh-sach-294-2105-QD-UBND.xlsx, exports/tong-hop-huyen-294.xlsx;
    a 2025 unit's name carries its era (danh-sach-2025-11050-…), where the code alone
    could name another unit."""
    prefix, suffix = EXPORT_NAMES[kind]
    era_part = () if Era(era) is DEFAULT_ERA else (Era(era).value,)
    parts = (prefix, *era_part, unit_code, *((number,) if number else ()))
    return default_export_path(*parts, suffix=suffix)


def export_roster(
    session: Session,
    unit_code: str,
    number: str | None = None,
    output: Path | None = None,
    force: bool = False,
    *,
    pdf: bool = False,
    era: Era = DEFAULT_ERA,
) -> Exported:
    """Write a decision's Danh sách (by default the decision in force) as a workbook; the
    default file is exports/danh-sach-<unit>-<number>.xlsx."""
    from committee.exports.annex import annex_workbook

    annex = load_annex(session, unit_code, number, era)
    default = default_export_file("annex", annex.unit.code, annex.number, annex.unit.era)
    return _export(default, output, force, pdf, lambda: annex, annex_workbook)


def export_decision(
    session: Session,
    unit_code: str,
    number: str | None = None,
    output: Path | None = None,
    force: bool = False,
    *,
    pdf: bool = False,
    era: Era = DEFAULT_ERA,
) -> Exported:
    """Write the Quyết định with its Danh sách (by default the decision in force) as a
    Word document; the default file is exports/quyet-dinh-<unit>-<number>.docx."""
    from committee.exports.decision_document import decision_document

    decision = load_decision_document(session, unit_code, number, era)
    unit, number = decision.annex.unit, decision.annex.number
    default = default_export_file("decision", unit.code, number, unit.era)
    return _export(default, output, force, pdf, lambda: decision, decision_document)


def export_district(
    session: Session,
    unit_code: str,
    output: Path | None = None,
    force: bool = False,
    *,
    pdf: bool = False,
) -> Exported:
    """Write the workbook of a district-level unit and its communes; the default file is
    exports/tong-hop-huyen-<code>.xlsx."""
    from committee.exports.workbooks import district_workbook

    district = select_units(session, district=unit_code)[0]
    default = default_export_file("district", district.code)
    return _export(
        default,
        output,
        force,
        pdf,
        lambda: district_data(session, district.code),
        district_workbook,
    )


def export_province(
    session: Session,
    output: Path | None = None,
    force: bool = False,
    *,
    province: str | None = None,
    pdf: bool = False,
    era: Era = DEFAULT_ERA,
) -> Exported:
    """Write the province workbook; the default file is exports/tong-hop-tinh-<code>.xlsx.
    `province` (a code) is needed only when the database holds several provinces."""
    from committee.exports.workbooks import province_workbook

    unit = _province(session, province, era)
    default = default_export_file("province", unit.code, era=unit.era)
    return _export(
        default,
        output,
        force,
        pdf,
        lambda: province_data(session, unit.code, era=unit.era),
        province_workbook,
    )


# --- the old names, until the UI calls the use-cases above ------------------------------------


def write_roster_annex(
    session: Session,
    unit_code: str,
    decision_number: str | None = None,
    output: Path | None = None,
    force: bool = False,
) -> Path:
    """export_roster under its former name; returns the path written."""
    return export_roster(session, unit_code, decision_number, output, force).path


def write_district_workbook(
    session: Session, district_code: str, output: Path | None = None, force: bool = False
) -> Path:
    """export_district under its former name; returns the path written."""
    return export_district(session, district_code, output, force).path


def write_province_workbook(
    session: Session,
    output: Path | None = None,
    force: bool = False,
    *,
    province: str | None = None,
) -> Path:
    """export_province under its former name; returns the path written."""
    return export_province(session, output, force, province=province).path
