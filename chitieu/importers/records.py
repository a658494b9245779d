"""Neutral records the readers emit: no ORM, no Django, just what the document says."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from chitieu.core.targets import Target


class ImportError_(ValueError):
    """A file that cannot be imported at all; the message is Vietnamese and names the file."""


@dataclass
class Row:
    """One row of an appendix table as printed, after merged-cell inheritance."""

    line: int  # where the row starts in the source (line, table row or sheet row), 1-based
    no: str | None  # the number as printed; None for a sub-row
    parent_no: str | None
    group: str  # the section heading the row stands under ("CHỈ TIÊU KINH TẾ")
    name: str
    unit: str = ""
    target_text: str = ""
    target: Target | None = None
    lead_text: str = ""
    coordinating_text: str = ""
    lead: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)  # agency names found in no directory
    raw: str = ""
    period: str = ""  # the period this row's target is for ("2026", "2030", "2026-2030")
    source: str = ""  # the sentence or cell text the target was read from
    kind: str = "target"  # "target", "actual" (an "ước thực hiện" figure) or "action" (a task row)
    organisation: str = ""  # for a column per commune or ward: the organisation the target is for
    error: str = (
        ""  # a reason the row cannot be read; the import waits until it is fixed or skipped
    )

    def as_dict(self) -> dict[str, Any]:
        """The row in the JSON shape of `import_plan --json`."""
        return {
            "line": self.line,
            "no": self.no,
            "parent_no": self.parent_no,
            "group": self.group,
            "name": self.name,
            "unit": self.unit,
            "target_text": self.target_text,
            "target": self.target.as_dict() if self.target else None,
            "lead_text": self.lead_text,
            "coordinating_text": self.coordinating_text,
            "lead": list(self.lead),
            "coordinating": list(self.coordinating),
            "unresolved": list(self.unresolved),
            "error": self.error or None,
            "raw": self.raw,
            "period": self.period,
            "source": self.source,
            "kind": self.kind,
        }


@dataclass
class Document:
    """A plan's appendix as read from one file."""

    source_name: str
    checksum: str  # sha256 of the file's bytes
    layout: str  # which reader read it
    title: str = ""
    doc_kind: str = ""  # "Kế hoạch", "Quyết định", ...
    number: str = ""  # "130/KH-UBND"
    issued_on: date | None = None
    issuer: str = ""
    place: str = ""  # where it was signed ("Lạng Sơn, ngày …")
    period_code: str = ""  # "2026-2030", "2024"
    target_header: str = ""  # the printed heading of the target column
    rows: list[Row] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # For the preview: each table read with its proposed mapping (label, mapping.as_dict()).
    tables: list[dict[str, Any]] = field(default_factory=list)

    def header_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("rows", "warnings", "tables"):
            d.pop(key)
        d["issued_on"] = self.issued_on.isoformat() if self.issued_on else None
        return d

    def as_dict(self) -> dict[str, Any]:
        return {
            "document": self.header_dict(),
            "rows": [r.as_dict() for r in self.rows],
            "warnings": list(self.warnings),
        }
