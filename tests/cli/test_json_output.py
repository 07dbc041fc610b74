"""The JSON the command line writes (`check --format json`, `units --format json`) is what
json.dumps(value, ensure_ascii=False, indent=2) writes, character for character."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks import dataset
from committee.cli.console import json_text
from committee.domain.records import DecisionFacts, Finding, UnitRef
from committee.domain.vocabulary import Level, Severity
from committee.rules.report import CheckReport, CommitteeReport
from committee.usecases.checking import check_units, select_units


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    database, _data = dataset.build_database(tmp_path_factory.mktemp("json") / "p.sqlite")
    yield database
    database.dispose()


def _same_as_json_dumps(value: object) -> None:
    assert json_text(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_province_report_is_json_dumps_character_for_character(province) -> None:  # type: ignore[no-untyped-def]
    with province.session() as session:
        report = check_units(session, select_units(session))
    assert len(report.committees) == 219
    for each in (report, CheckReport("v1"), CheckReport("v1", report.committees[:3])):
        _same_as_json_dumps(each.to_json())


@pytest.mark.parametrize(
    "value",
    [
        {"a": [1, -7, 10**15, True, False, None, 'é\n"\\\u2028\x7f\x00\x1f\t', [], {}], "b": {}},
        "text",
        [],
        {},
        [{"code": "30", "name": "Tỉnh Hải Dương", "parent_code": None}],
    ],
)
def test_the_values_the_cli_writes(value: object) -> None:
    _same_as_json_dumps(value)


texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(
    name=texts,
    number=texts,
    messages=st.lists(st.tuples(texts, st.none() | texts), max_size=4),
    signed=st.none() | st.dates(),
)
def test_any_stored_text_in_a_report(
    name: str, number: str, messages: list[tuple[str, str | None]], signed: date | None
) -> None:
    unit = UnitRef("297", name, "huyện", Level.DISTRICT, "30")
    findings = tuple(
        Finding("BCD501", Severity.WARNING, message, member) for message, member in messages
    )
    committee = CommitteeReport(unit, 1, DecisionFacts(number, signed), 3, findings)
    _same_as_json_dumps(CheckReport("pack", (committee,)).to_json())
