"""The rule cases of tests/rules/cases/: each committee checked gives exactly the findings
its case lists, messages word for word."""

from __future__ import annotations

import unicodedata

import pytest

from committee.domain.vocabulary import CommitteeStatus, Level, Severity
from committee.rules.engine import check_committee, committee_status
from committee.rules.pack import load_rule_pack
from tests.rules.rule_cases import CASES_DIR, RuleCase, load_cases

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_each_case_gives_exactly_its_findings(case: RuleCase) -> None:
    pack = load_rule_pack()
    findings = check_committee(case.facts)
    names = {member.position: member.name for member in case.facts.members}
    assert [(f.code, f.position, f.member, f.severity, f.message) for f in findings] == [
        (
            expected["code"],
            expected.get("position"),
            names.get(expected.get("position")),
            pack.rule(expected["code"]).severity,
            expected["message"],
        )
        for expected in case.findings
    ]
    for finding in findings:
        assert unicodedata.is_normalized("NFC", finding.message)
    status = CommitteeStatus.OK
    if findings:
        errors = any(f.severity is Severity.ERROR for f in findings)
        status = CommitteeStatus.ERROR if errors else CommitteeStatus.WARNING
    assert committee_status(findings) is status


def test_every_rule_has_its_file_and_a_case_of_that_rule_alone_at_both_levels() -> None:
    pack = load_rule_pack()
    assert sorted(path.stem for path in CASES_DIR.glob("BCD*.toml")) == list(pack.codes)
    alone = {
        (case.code, case.level)
        for case in CASES
        if [finding["code"] for finding in case.findings] == [case.code]
    }
    for code in pack.codes:
        assert (code, Level.DISTRICT) in alone and (code, Level.COMMUNE) in alone, code


def test_each_case_is_about_the_rule_of_its_file() -> None:
    for case in CASES:
        assert case.code in {finding["code"] for finding in case.findings}, case.id
