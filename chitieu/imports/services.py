"""Writes for the upload -> preview -> confirm flow. The file is read once; the result is kept."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.tasks import task

from chitieu.catalog.services import (
    ImportDecisions,
    ImportRefused,
    ImportResult,
    plan_import_safely,
)
from chitieu.importers import Document, ImportError_, read_document
from chitieu.importers.agencies import Directory
from chitieu.importers.columns import Mapping
from chitieu.importers.remap import remembered_onto
from chitieu.organizations.selectors import organization_directory

from .cache import document_from_json, document_to_json
from .models import ColumnMapping, ImportBatch
from .selectors import document_with_mappings, remembered_mappings, signature_key


def _read(data: bytes, name: str, directory: Directory) -> Document:
    """Read a file; a table whose headings match a layout confirmed before is read with the
    roles confirmed for it, and says so."""
    document = read_document(data, name, directory)
    found = remembered_mappings([t["signature"] for t in document.tables])
    if not found:
        return document
    mappings = {
        t["label"]: remembered_onto(
            Mapping.from_dict(t["mapping"]), Mapping.from_dict(found[t["signature"]].mapping)
        )
        for t in document.tables
        if t["signature"] in found
    }
    try:
        again = read_document(data, name, directory, mappings=mappings)
    except ImportError_:
        # A confirmed mapping that no longer reads this file: the proposal stands, and the
        # preview asks as it would have.
        document.warnings.append(
            "Cách đọc cột đã xác nhận cho bảng cùng dạng không đọc được tệp này; "
            "dùng cách đọc máy đề xuất."
        )
        return document
    for t in again.tables:
        if (m := found.get(t["signature"])) is not None:
            by = m.confirmed_by.get_username() if m.confirmed_by else ""
            t["remembered"] = {"at": m.confirmed_at.isoformat(), "by": by}
    return again


def import_batch_create(*, name: str, data: bytes, user: object) -> ImportBatch:
    """Keep an upload for review. A small file is read here and refused (ImportError_) when it
    cannot be; a big one is read by the task worker, and its preview page shows the progress."""
    batch = ImportBatch(
        source_name=name,
        data=data,
        checksum=hashlib.sha256(data).hexdigest(),
        created_by=user if getattr(user, "pk", None) else None,
    )
    if len(data) <= settings.IMPORT_INLINE_BYTES:
        document = _read(data, name, organization_directory())  # refuse before keeping
        batch.parsed = document_to_json(document)
        batch.parse_state = ImportBatch.Parse.DONE
        batch.save()
        return batch
    batch.save()
    # after commit: the worker must find the row it is asked to read
    transaction.on_commit(lambda: parse_import_batch.enqueue(batch.pk))
    return batch


def import_batch_parse(*, batch_id: int) -> str:
    """Read a kept file once and keep the result (or the reason it cannot be read)."""
    updated = ImportBatch.objects.filter(pk=batch_id, parse_state=ImportBatch.Parse.WAITING).update(
        parse_state=ImportBatch.Parse.PARSING
    )
    if not updated:
        return "skipped"  # already read, or being read by another worker
    batch = ImportBatch.objects.get(pk=batch_id)
    try:
        document = _read(bytes(batch.data), batch.source_name, organization_directory())
    except ImportError_ as exc:
        batch.parse_state, batch.parse_error = ImportBatch.Parse.FAILED, str(exc)
    else:
        batch.parse_state, batch.parsed = ImportBatch.Parse.DONE, document_to_json(document)
    batch.save(update_fields=["parse_state", "parsed", "parse_error"])
    return str(batch.parse_state)


@task()
def parse_import_batch(batch_id: int) -> str:
    """The worker's job for a big upload (django.tasks; immediate in tests)."""
    return import_batch_parse(batch_id=batch_id)


def batch_document(batch: ImportBatch) -> Document:
    """The document as read when the batch was parsed; never a second read of the file."""
    if batch.parse_state != ImportBatch.Parse.DONE or batch.parsed is None:
        raise ImportRefused(f"{batch.source_name}: tệp chưa đọc xong; hãy đợi rồi thử lại.")
    return document_from_json(batch.parsed)


@transaction.atomic
def import_batch_confirm(
    *,
    batch: ImportBatch,
    decisions: ImportDecisions,
    user: object,
    at: datetime,
    mappings: dict[str, Mapping] | None = None,
) -> ImportResult:
    """Save the reviewed document as a plan (all or nothing) and close the batch.

    ``mappings`` are the column roles the person chose when they differ from those the file was
    read with; the file is then read again with them. The roles of each table saved are
    remembered for the next file of the same layout."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    document = batch_document(batch)
    if mappings:
        document = document_with_mappings(batch, mappings)
    result = plan_import_safely(
        document=document,
        decisions=decisions,
        user=user,
        source_bytes=bytes(batch.data),
        directory=organization_directory(),
    )
    batch.plan = result.plan
    batch.status = ImportBatch.Status.CONFIRMED if result.created else ImportBatch.Status.DUPLICATE
    batch.save(update_fields=["plan", "status"])
    if result.created:
        column_mapping_remember(document=document, user=user, at=at)
    return result


def column_mapping_remember(*, document: Document, user: object, at: datetime) -> int:
    """Keep each table's confirmed roles under its layout's signature (the latest wins)."""
    for table in document.tables:
        ColumnMapping.objects.update_or_create(
            signature_key=signature_key(table["signature"]),
            defaults={
                "signature": table["signature"],
                "mapping": table["mapping"],
                "source_name": document.source_name,
                "confirmed_by": user if getattr(user, "pk", None) else None,
                "confirmed_at": at,
            },
        )
    return len(document.tables)
