"""The rule pack's texts as an interface shows them."""

from __future__ import annotations

from committee.domain.vocabulary import Severity
from committee.rules.pack import SEVERITY_LABELS, explain, load_rule_pack


def severity_label(severity: Severity) -> str:
    """ "Lỗi", "Cảnh báo"."""
    return SEVERITY_LABELS[severity]


def explain_rule(code: str) -> str:
    """What `bcd138 rules explain CODE` prints."""
    pack = load_rule_pack()
    return explain(pack.rule(code), pack)
