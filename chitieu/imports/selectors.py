"""Reads for the import preview: each row with its parsed target and its catalog match."""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.catalog.models import Indicator, Plan
from chitieu.catalog.services import existing_plan, indicator_lookup, row_keys
from chitieu.importers import Document, Row

from .cache import document_from_json
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
    """The document read once at upload, matched against the catalog as it is now; saves nothing."""
    assert batch.parsed is not None, "preview of a batch not read yet"
    document = document_from_json(batch.parsed)
    keys = row_keys(document.rows)
    known = indicator_lookup(keys)
    rows = [
        PreviewRow(i, r, known.get(k))
        for i, (r, k) in enumerate(zip(document.rows, keys, strict=True))
    ]
    unresolved = list(dict.fromkeys(u for r in document.rows for u in r.unresolved))
    return Preview(document, rows, unresolved, existing_plan(document))
