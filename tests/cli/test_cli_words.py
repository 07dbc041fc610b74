"""The command line's own words (Typer's and Click's) are Vietnamese: help and usage errors,
through the real `bcd138` command in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from committee.cli.app import vietnamese_usage_error

BCD138 = Path(sys.executable).with_name("bcd138")  # the venv's console script
ENGLISH = (
    "Usage:", "Options:", "Commands:", "Show this message", "[required]", "Missing",
    "Invalid value", "No such", "<str>", "<path>", "[OPTIONS]", "Got unexpected",
)  # fmt: skip


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BCD138), *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [["-h"], ["regulation", "-h"], ["export", "roster", "-h"]])
def test_help_is_vietnamese(args: list[str]) -> None:
    result = _run(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Cách dùng: bcd138")
    assert "Tùy chọn:" in result.stdout and "Hiện trợ giúp này rồi thoát." in result.stdout
    for word in ENGLISH:
        assert word not in result.stdout, word
    if args == ["regulation", "-h"]:
        assert "[bắt buộc]" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["regulation"], "Lỗi: Thiếu tùy chọn --unit (bắt buộc); xem: bcd138 regulation -h."),
        (["nosuch"], "Lỗi: Không có lệnh «nosuch»; xem các lệnh: bcd138 -h."),
        (
            ["units", "--format", "xml"],
            "Lỗi: Giá trị «xml» của --format không hợp lệ: hãy chọn một trong 'table', 'json'.",
        ),
        (["units", "--nosuch"], "Lỗi: Không có tùy chọn --nosuch; xem: bcd138 units -h."),
        (["units", "extra"], "Lỗi: Thừa tham số: extra; xem: bcd138 units -h."),
        (["export", "roster", "--unit"], "Lỗi: Tùy chọn --unit cần một giá trị đi kèm."),
    ],
)
def test_usage_errors_are_one_vietnamese_line_and_status_2(args: list[str], message: str) -> None:
    result = _run(*args)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [message]


def test_a_message_no_rule_knows_is_still_introduced_in_vietnamese() -> None:
    assert vietnamese_usage_error("Something new.") == "Lệnh viết chưa đúng: Something new."
