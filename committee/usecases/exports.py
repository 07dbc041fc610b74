"""The exports as the interfaces call them: a decision's roster annex, a district-level
unit's workbook. (The exports helper's issue-14 module of the same name keeps these two
names and supersedes this one on merge.)"""

from __future__ import annotations

from committee.exports.annex import write_roster_annex
from committee.exports.workbooks import write_district_workbook

__all__ = ["write_district_workbook", "write_roster_annex"]
