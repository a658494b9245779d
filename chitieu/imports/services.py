"""Writes for the upload -> preview -> confirm flow. The file is read once; the result is kept."""

from __future__ import annotations

import hashlib

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
from chitieu.organizations.selectors import organization_directory

from .cache import document_from_json, document_to_json
from .models import ImportBatch


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
        document = read_document(data, name, organization_directory())  # refuse before keeping
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
        document = read_document(bytes(batch.data), batch.source_name, organization_directory())
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
    *, batch: ImportBatch, decisions: ImportDecisions, user: object
) -> ImportResult:
    """Save the reviewed document as a plan (all or nothing) and close the batch."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    document = batch_document(batch)
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
    return result
