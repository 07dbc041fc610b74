"""Use-case: the rules a committee is checked against, listed and explained
(`bcd138 rules`, `bcd138 rules explain CODE`, the UI's explanation of a finding)."""

from __future__ import annotations

from dataclasses import dataclass

from committee.domain.errors import UnknownRule
from committee.domain.text import clean
from committee.domain.vocabulary import DEFAULT_ERA, Era, Severity
from committee.rules.pack import RulePack, explain, pack_readings, rule_pack_for


@dataclass(slots=True, frozen=True)
class RuleEntry:
    """One rule of the pack, as its list shows it."""

    code: str
    severity: Severity
    name: str


@dataclass(slots=True, frozen=True)
class Rulebook:
    """The rules of a pack, in code order, and the pack's version."""

    version: str
    rules: tuple[RuleEntry, ...]
    name: str = ""  # the plan the pack reads, in short
    era: Era = DEFAULT_ERA  # the units whose committees it checks
    readings: tuple[str, ...] = ()  # bcd138's own readings, not a regulation's sentences


def rulebook(pack: RulePack | None = None, era: Era = DEFAULT_ERA) -> Rulebook:
    """The rules of `pack`, by default of the pack for the units of `era`."""
    pack = pack or rule_pack_for(era)
    return Rulebook(
        pack.version,
        tuple(RuleEntry(rule.code, rule.severity, rule.name) for rule in pack.rules),
        pack.plan_short,
        pack.era,
        tuple(pack_readings(pack)),
    )


def explain_rule(code: str, pack: RulePack | None = None, era: Era = DEFAULT_ERA) -> str:
    """What the rule `code` checks, the plan's sentence it comes from, why it matters and
    how to fix it; UnknownRule when the pack has no such code (case and spaces ignored)."""
    pack = pack or rule_pack_for(era)
    wanted = clean(code).upper()
    if not pack.has_rule(wanted):
        raise UnknownRule(clean(code))
    return explain(pack.rule(wanted), pack)
