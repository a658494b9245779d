"""Reads for the import preview: each row with its parsed target and its catalog match, and each
table's columns with the role proposed, the role chosen and how sure the reader was."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping as Posted
from dataclasses import dataclass, field
from datetime import datetime

from chitieu.catalog.models import Indicator, Plan
from chitieu.catalog.services import existing_plan, indicator_lookup, row_keys
from chitieu.importers import Document, ImportError_, Row, read_document
from chitieu.importers.columns import ROLES, Mapping, period_of
from chitieu.importers.remap import (
    WITH_PERIOD,
    Choice,
    ChoiceError,
    apply_choices,
    choice_of,
    confidence_words,
    is_sure,
    parse_choice,
    problems,
    role_label,
    undecided,
)
from chitieu.organizations.selectors import organization_directory

from .cache import document_from_json
from .models import ColumnMapping, ImportBatch

# The order a person reads the roles in the select: the usual ones first.
_ROLE_ORDER = ("indicator", "unit", "target", "actual", "lead", "coordinating", "organisation")
_ROLE_ORDER += tuple(r for r in ("number", *ROLES) if r not in _ROLE_ORDER)


@dataclass
class PreviewRow:
    position: int
    row: Row
    match: Indicator | None


@dataclass
class PreviewColumn:
    """One column of a table: its heading, the reader's proposal and the role now in force."""

    field: str  # the form field of its select
    number: int  # 1-based, as the person counts columns
    header: str
    proposed: str
    confidence: str
    sure: bool
    value: str  # the select's value; "" while an unsure column is not decided
    options: list[tuple[str, str]]


@dataclass
class PreviewTable:
    label: str
    columns: list[PreviewColumn]
    remembered_at: datetime | None = None
    remembered_by: str = ""


@dataclass
class Preview:
    document: Document
    rows: list[PreviewRow]
    unresolved: list[str]
    duplicate_of: Plan | None
    tables: list[PreviewTable] = field(default_factory=list)
    # the roles in force by table label, when the person changed any (the rows were read again)
    mappings: dict[str, Mapping] | None = None
    asked: list[str] = field(default_factory=list)  # unsure columns not decided yet
    problems: list[str] = field(default_factory=list)  # why the chosen roles cannot be read

    @property
    def error_count(self) -> int:
        return sum(1 for r in self.rows if r.row.error)


def signature_key(signature: str) -> str:
    return hashlib.sha256(signature.encode()).hexdigest()


def remembered_mappings(signatures: list[str]) -> dict[str, ColumnMapping]:
    """The confirmed mapping of each layout that has one, by signature."""
    keys = {signature_key(s): s for s in signatures}
    found = ColumnMapping.objects.filter(signature_key__in=keys).select_related("confirmed_by")
    return {keys[m.signature_key]: m for m in found}


def document_with_mappings(batch: ImportBatch, mappings: dict[str, Mapping]) -> Document:
    """The kept file read again with the roles chosen for its tables; nothing is written."""
    return read_document(
        bytes(batch.data), batch.source_name, organization_directory(), mappings=mappings
    )


def field_name(table: int, column: int) -> str:
    return f"cot-{table}-{column}"


def _options(mapping: Mapping, document_period: str) -> list[tuple[str, str]]:
    periods = {c.period for c in mapping.columns if c.period}
    periods |= {p for c in mapping.columns if (p := period_of(c.header))}
    if document_period:
        periods.add(document_period)
    out = []
    for role in _ROLE_ORDER:
        for period in ["", *sorted(periods)] if role in WITH_PERIOD else [""]:
            out.append((Choice(role, period).value, role_label(role, period, document_period)))
    return out


def _choices(
    kept: Document, posted: Posted[str, str] | None
) -> tuple[dict[str, dict[int, Choice]], list[str]]:
    """The roles the form sent for each table's columns, and a message for any it cannot take."""
    choices: dict[str, dict[int, Choice]] = {}
    errors: list[str] = []
    for t, table in enumerate(kept.tables):
        mine = choices.setdefault(table["label"], {})
        for col in table["mapping"]["columns"]:
            value = (posted or {}).get(field_name(t, col["index"]), "")
            try:
                choice = parse_choice(value)
            except ChoiceError as exc:
                errors.append(f"{table['label']}, cột {col['index'] + 1} “{col['header']}”: {exc}.")
                continue
            if choice is not None:
                mine[col["index"]] = choice
    return choices, errors


def _table(
    t: int, entry: dict, kept: Mapping, chosen: dict[int, Choice], period: str
) -> PreviewTable:
    options = _options(kept, period)
    columns = []
    for col in kept.columns:
        now = chosen.get(col.index)
        value = now.value if now else (choice_of(col).value if is_sure(col) else "")
        columns.append(
            PreviewColumn(
                field=field_name(t, col.index),
                number=col.index + 1,
                header=col.header,
                proposed=role_label(col.role, col.period, period),
                confidence=confidence_words(col.confidence),
                sure=is_sure(col),
                value=value,
                options=options,
            )
        )
    table = PreviewTable(entry["label"], columns)
    if remembered := entry.get("remembered"):
        table.remembered_at = datetime.fromisoformat(remembered["at"])
        table.remembered_by = remembered["by"]
    return table


def import_preview(batch: ImportBatch, posted: Posted[str, str] | None = None) -> Preview:
    """The document read once at upload, matched against the catalog as it is now; saves nothing.

    With ``posted`` (the preview's form), the column roles the person chose are laid over the
    kept ones, and when any differs the kept file is read again with them."""
    assert batch.parsed is not None, "preview of a batch not read yet"
    kept = document_from_json(batch.parsed)
    choices, errors = _choices(kept, posted)
    tables, asked, trouble = [], [], list(errors)
    mappings: dict[str, Mapping] = {}
    changed = False
    for t, entry in enumerate(kept.tables):
        label, mapping = entry["label"], Mapping.from_dict(entry["mapping"])
        chosen = choices[label]
        tables.append(_table(t, entry, mapping, chosen, kept.period_code))
        asked += undecided(mapping, label, chosen)
        changed |= any(c != choice_of(mapping.columns[i]) for i, c in chosen.items())
        mappings[label] = apply_choices(mapping, chosen)
        trouble += problems(mappings[label], label)
    document = kept
    if changed and not trouble:
        try:
            document = document_with_mappings(batch, mappings)
        except ImportError_ as exc:
            trouble.append(str(exc))
    keys = row_keys(document.rows)
    known = indicator_lookup(keys)
    rows = [
        PreviewRow(i, r, known.get(k))
        for i, (r, k) in enumerate(zip(document.rows, keys, strict=True))
    ]
    unresolved = list(dict.fromkeys(u for r in document.rows for u in r.unresolved))
    return Preview(
        document,
        rows,
        unresolved,
        existing_plan(document),
        tables=tables,
        mappings=mappings if changed and not trouble else None,
        asked=asked,
        problems=trouble,
    )
