"""Reads: proposed links, indicators joined across plans, findings and checks, side by side,
what changed between two plans."""

from .diff import DiffRow, amendments, plan_diff
from .facts import horizon, plan_label
from .findings import Group, Report, crosscheck_report, finding_by_key, groups, kind_label
from .in_force import SideRow, SideTable, side_by_side, target_replacements
from .links import ProposalRow, decided_links, indicator_groups, link_proposals, named_indicators

__all__ = [
    "DiffRow",
    "Group",
    "ProposalRow",
    "Report",
    "SideRow",
    "SideTable",
    "amendments",
    "crosscheck_report",
    "decided_links",
    "finding_by_key",
    "groups",
    "horizon",
    "indicator_groups",
    "kind_label",
    "link_proposals",
    "named_indicators",
    "plan_diff",
    "plan_label",
    "side_by_side",
    "target_replacements",
]
