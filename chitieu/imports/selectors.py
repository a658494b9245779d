"""Reads for the import preview: each row with its parsed target and its catalog match."""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.catalog.models import Indicator, Plan
from chitieu.catalog.services import existing_plan, indicator_lookup, row_keys
from chitieu.importers import Document, Row, read_document
from chitieu.organizations.selectors import organization_directory

from .models import ImportBatch


@dataclass
class PreviewRow:
    position: int
    row: Row
    match: Indicator | None


@dataclass
class Preview:
    document: Document
    rows: list[PreviewRow]
    unresolved: list[str]
    duplicate_of: Plan | None

    @property
    def error_count(self) -> int:
        return sum(1 for r in self.rows if r.row.error)


def import_preview(batch: ImportBatch) -> Preview:
    """Re-read the kept file and match its rows against the catalog, saving nothing."""
    document = read_document(bytes(batch.data), batch.source_name, organization_directory())
    keys = row_keys(document.rows)
    known = indicator_lookup(keys)
    rows = [
        PreviewRow(i, r, known.get(k))
        for i, (r, k) in enumerate(zip(document.rows, keys, strict=True))
    ]
    unresolved = list(dict.fromkeys(u for r in document.rows for u in r.unresolved))
    return Preview(document, rows, unresolved, existing_plan(document))
