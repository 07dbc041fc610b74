"""Issue 13 on the command line: --era beside every unit option, the 2025 units, the
succession, the 2025 rule pack; the real CLI in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli import run


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "eras.sqlite"
    loaded = run("init", "--province", "Hải Phòng", "--era", "2025", db=path)
    assert loaded.returncode == 0, loaded.stderr
    assert "Thành phố Hải Phòng (từ 01/07/2025)" in loaded.stdout
    return path


def test_init_of_a_2025_province_twice_changes_nothing(db: Path) -> None:
    again = run("init", "--province", "31", "--era", "2025", db=db)
    assert again.returncode == 0, again.stderr
    assert "không thay đổi" in again.stdout


def test_units_of_the_2025_era_as_json(db: Path) -> None:
    listed = run("units", "--era", "2025", "--province", "31", "--format", "json", db=db)
    assert listed.returncode == 0, listed.stderr
    units = json.loads(listed.stdout)
    assert len(units) == 115  # the city and its 114 communes
    assert set(units[0]) == {"era", "code", "name", "kind", "level", "parent_code"}
    assert {unit["era"] for unit in units} == {"2025"}
    assert {unit["level"] for unit in units} == {"province", "commune"}
    kinds = [unit["kind"] for unit in units[1:]]
    assert (kinds.count("phường"), kinds.count("xã"), kinds.count("đặc khu")) == (45, 67, 2)
    assert {
        "era": "2025",
        "code": "11050",
        "name": "Xã Gia Phúc",
        "kind": "xã",
        "level": "commune",
        "parent_code": "31",
    } in units
    legacy = json.loads(run("units", "--district", "297", "--format", "json", db=db).stdout)
    assert {"era": "legacy", "code": "11050", "name": "Xã Hồng Hưng"}.items() <= next(
        unit for unit in legacy if unit["code"] == "11050"
    ).items()


def test_check_of_a_2025_province_names_each_units_era(db: Path) -> None:
    checked = run("check", "--era", "2025", "--province", "31", "--format", "json", db=db)
    assert checked.returncode == 1  # 114 communes, none set up yet: BCD404
    report = json.loads(checked.stdout)
    assert report["rules_version"] == "ii23b-cap-xa-2025.1"
    assert len(report["committees"]) == 114
    assert {c["era"] for c in report["committees"]} == {"2025"}
    assert {c["findings"][0]["code"] for c in report["committees"]} == {"BCD404"}


def test_succession_printed_and_a_split_link_confirmed(db: Path) -> None:
    shown = run("succession", "--unit", "11050", "--era", "2025", db=db)
    assert shown.returncode == 0, shown.stderr
    assert "hình thành từ: xã Toàn Thắng, xã Hoàng Diệu, xã Hồng Hưng" in shown.stdout
    assert "(huyện Gia Lộc)" in shown.stdout
    assert "cần xác nhận" in shown.stdout
    confirmed = run("succession", "--unit", "11050", "--era", "2025", "--confirm", "11035", db=db)
    assert confirmed.returncode == 0, confirmed.stderr
    assert "Đã xác nhận: Xã Gia Phúc (mã 11035)" in confirmed.stdout
    old = json.loads(run("succession", "--unit", "11035", "--format", "json", db=db).stdout)
    assert (old["era"], old["code"], old["name"]) == ("legacy", "11035", "Xã Gia Phúc")
    assert [(link["era"], link["code"], link["confirmed"]) for link in old["links"]] == [
        ("2025", "10999", False),
        ("2025", "11050", True),
    ]
    assert [link["needs_confirmation"] for link in old["links"]] == [False, False]
    wrong = run("succession", "--unit", "11050", "--era", "2025", "--confirm", "11020", db=db)
    assert wrong.returncode == 2 and wrong.stderr.startswith("Lỗi: ")


def test_an_era_that_does_not_exist_is_a_usage_error(db: Path) -> None:
    refused = run("units", "--era", "2030", db=db)
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr


def test_rules_of_the_2025_pack_and_its_readings() -> None:
    listed = run("rules", "--era", "2025")
    assert listed.returncode == 0, listed.stderr
    assert "ii23b-cap-xa-2025.1" in listed.stdout
    assert "đọc theo cơ cấu cấp xã từ 01/07/2025" in listed.stdout
    assert not [line for line in listed.stdout.splitlines() if line.startswith("BCD403")]
    assert "Cách hiểu của bcd138" in listed.stdout
    explained = run("rules", "--era", "2025", "explain", "BCD201")
    assert explained.returncode == 0, explained.stderr
    assert "Giám đốc" in explained.stdout and "Cách hiểu của bcd138" in explained.stdout
    legacy = run("rules")
    assert "hai-duong-2023" in legacy.stdout and "BCD403" in legacy.stdout
