"""A read document kept on its batch as JSON, so the preview and the confirmation parse the file once."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any

from chitieu.core.targets import Direction, Kind, Target
from chitieu.importers import Document, Row

_TARGET_NUMBERS = ("low", "high", "value")


def _target(t: Target | None) -> dict[str, Any] | None:
    if t is None:
        return None
    d: dict[str, Any] = {f.name: getattr(t, f.name) for f in fields(t)}
    for key in _TARGET_NUMBERS:
        # exact: a float would turn 7,5 into 7.4999…
        d[key] = None if d[key] is None else str(d[key])
    return {k: (str(v) if isinstance(v, Kind | Direction) else v) for k, v in d.items()}


def document_to_json(doc: Document) -> dict[str, Any]:
    """Every field of the document and its rows, numbers as exact strings."""
    head = {f.name: getattr(doc, f.name) for f in fields(doc) if f.name not in ("rows",)}
    head["issued_on"] = doc.issued_on.isoformat() if doc.issued_on else None
    rows = []
    for r in doc.rows:
        row = {f.name: getattr(r, f.name) for f in fields(r)}
        row["target"] = _target(r.target)
        rows.append(row)
    return {"document": head, "rows": rows}


def document_from_json(data: dict[str, Any]) -> Document:
    """The document as the reader returned it."""
    head = dict(data["document"])
    head["issued_on"] = date.fromisoformat(head["issued_on"]) if head["issued_on"] else None
    doc = Document(**head)
    for raw in data["rows"]:
        row = dict(raw)
        t = row.pop("target")
        if t is not None:
            t = dict(t)
            t["kind"] = Kind(t["kind"])
            for key in _TARGET_NUMBERS:
                t[key] = None if t[key] is None else Decimal(t[key])
            row["target"] = Target(**t)
        doc.rows.append(Row(**row))
    return doc
