"""The rule cases as data: tests/rules/cases/BCDnnn.toml, one file per rule code.

Each case starts from a compliant roster of tests/rules/cases/rosters.toml, changes it, and
lists the findings the check must give, exactly (code, roster position, message):

    [[case]]
    name = "what the case shows"
    roster = "district"                  # or "commune"
    remove = [4]                         # roster positions taken out (the others keep theirs)
    change = [{ position = 1, post = "hdnd_chair", title = "…" }]   # fields of a line
    add = [{ role = "vice_chair", post = "education_head" }]        # lines put at the end
    repeat = [9]                         # lines listed once more, at the end
    decision = { regulation_number = "" } # decision fields; "none" for none
    no_decision = true                   # the unit has no decision at all
    findings = [{ code = "BCD102", position = 1, message = "…" }]

A member's fields: role, name, title, post (a key of data/posts.toml, "" when not
recognised), post_unit ("same", "none", or a unit code), portfolio, duties.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from committee.domain.records import CommitteeFacts, DecisionFacts, MemberFacts, UnitRef
from committee.domain.vocabulary import Level, Portfolio, Role

CASES_DIR = Path(__file__).parent / "cases"
DEFAULT_DUTIES = "Theo Quy chế hoạt động của Ban Chỉ đạo"


@dataclass(frozen=True)
class RuleCase:
    code: str  # the rule code of the file it is in
    name: str
    level: Level
    facts: CommitteeFacts
    findings: tuple[Mapping[str, Any], ...]

    @property
    def id(self) -> str:
        return f"{self.code}-{self.level.value}: {self.name}"


def _rosters() -> Mapping[str, Any]:
    with (CASES_DIR / "rosters.toml").open("rb") as handle:
        return tomllib.load(handle)["roster"]


def _member(position: int, line: Mapping[str, Any], unit: UnitRef) -> MemberFacts:
    name = line.get("name") or f"Người thứ {position}"
    post_unit = line.get("post_unit", "same")
    return MemberFacts(
        position=position,
        name=name,
        person_key=name.lower(),
        role=Role(line["role"]),
        title=line.get("title", f"Chức vụ thứ {position}"),
        post_kind=line.get("post") or None,
        post_unit_code={"same": unit.code, "none": None}.get(post_unit, post_unit),
        portfolio=Portfolio(line.get("portfolio", "none")),
        duties=line.get("duties", DEFAULT_DUTIES),
    )


def build(case: Mapping[str, Any], rosters: Mapping[str, Any] | None = None) -> CommitteeFacts:
    """The committee a case describes."""
    base = (rosters or _rosters())[case["roster"]]
    unit = UnitRef(**{**base["unit"], "level": Level(base["unit"]["level"])})
    lines = {position: dict(line) for position, line in enumerate(base["members"], start=1)}
    for position in case.get("remove", []):
        del lines[position]
    for change in case.get("change", []):
        lines[change["position"]].update({k: v for k, v in change.items() if k != "position"})
    members = [_member(position, line, unit) for position, line in lines.items()]
    for line in case.get("add", []):
        members.append(_member(len(members) + 1, line, unit))
    for position in case.get("repeat", []):
        original = lines[position]
        members.append(_member(len(members) + 1, original, unit))
    if case.get("no_decision"):
        return CommitteeFacts(unit=unit, decision=None, members=tuple(members))
    fields = {**base["decision"], **case.get("decision", {})}
    decision = DecisionFacts(**{k: None if v == "none" else v for k, v in fields.items()})
    return CommitteeFacts(unit=unit, decision=decision, members=tuple(members))


def load_cases() -> list[RuleCase]:
    """Every case of every BCDnnn.toml, file by file in code order."""
    rosters = _rosters()
    cases = []
    for path in sorted(CASES_DIR.glob("BCD*.toml")):
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
        for case in raw["case"]:
            facts = build(case, rosters)
            cases.append(
                RuleCase(path.stem, case["name"], facts.unit.level, facts, tuple(case["findings"]))
            )
    return cases
